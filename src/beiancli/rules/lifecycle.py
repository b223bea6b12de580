"""The filing lifecycle as a state machine (icp-filing.md §2.2): states, allowed transitions, and what an
approval changes in the history of filed subjects and sites. Pure: no I/O, no printing.

The states, their labels, the allowed moves, which states are terminal, which hold a clock and which clock
are data: rules/data/lifecycle.toml. `transition()` returns a new `Lifecycle` or raises `TransitionError`
(a `UsageError`, exit 2) that lists the states allowed next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from beiancli.errors import UsageError
from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.icpnum import IcpNumber
    from beiancli.models import Draft, History, HistorySubject, Lifecycle


CLOCKS = ("idle", "step", "repush", "")


@dataclass(frozen=True)
class StateInfo:
    id: str
    label: Msg
    providers: dict[str, str]
    to: tuple[str, ...]
    terminal: bool
    in_flight: bool
    clock: str
    step: str | None
    province_limit: bool
    next_action: Msg
    overdue: Msg | None


class LifecycleDataError(Exception):
    """lifecycle.toml does not describe the states models.STATES names (a packaging or override bug)."""


@cache
def _data() -> dict[str, Any]:
    from beiancli.rules.data import load

    return load("lifecycle")


@cache
def states() -> dict[str, StateInfo]:
    """Every lifecycle state by id, in models.STATES order. Checks the data against models.STATES."""
    from beiancli.models import STATES

    raw = _data()
    table: dict[str, StateInfo] = {}
    for s in raw["states"]:
        overdue = Msg(s["overdue_zh"], s["overdue_en"]) if "overdue_zh" in s else None
        info = StateInfo(
            id=s["id"],
            label=Msg(s["zh"], s["en"]),
            providers=dict(s.get("providers", {})),
            to=tuple(s.get("to", ())),
            terminal=bool(s.get("terminal", False)),
            in_flight=bool(s.get("in_flight", False)),
            clock=s.get("clock", ""),
            step=s.get("step"),
            province_limit=bool(s.get("province_limit", False)),
            next_action=Msg(s["next_zh"], s["next_en"]),
            overdue=overdue,
        )
        if info.id in table:
            raise LifecycleDataError(f"lifecycle.toml: state {info.id!r} listed twice")
        table[info.id] = info
    missing = set(STATES) - set(table)
    unknown = set(table) - set(STATES)
    if missing or unknown:
        raise LifecycleDataError(
            f"lifecycle.toml vs models.STATES: missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    for info in table.values():
        bad = [t for t in info.to if t not in table]
        if bad:
            raise LifecycleDataError(f"lifecycle.toml: {info.id} -> unknown states {bad}")
        if info.clock not in CLOCKS or (info.clock == "step" and not info.step):
            raise LifecycleDataError(f"lifecycle.toml: {info.id}: bad clock {info.clock!r}")
        if info.terminal and info.to:
            raise LifecycleDataError(f"lifecycle.toml: terminal state {info.id} has transitions")
    if raw.get("initial") not in table:
        raise LifecycleDataError("lifecycle.toml: `initial` is not a state")
    return {sid: table[sid] for sid in STATES}


def state(sid: str) -> StateInfo:
    return states()[sid]


def initial_state() -> str:
    return str(_data()["initial"])


def expiry_warning_days() -> int:
    return int(_data()["expiry_warning_days"])


def number_issued_for(filing_type: str) -> bool:
    return filing_type in _data()["number_issued_for"]


def allowed(current: str, *, has_transitions: bool = True) -> tuple[str, ...]:
    """The states `current` may move to. An empty history may also record the initial state (when the draft
    or the provider order was started)."""
    nxt = states()[current].to
    if not has_transitions and current == initial_state():
        return (current, *nxt)
    return nxt


# -- transitions --------------------------------------------------------------------------------------------


class TransitionError(UsageError):
    """An illegal or ill-formed transition (exit 2). `allowed` lists the states allowed next."""

    def __init__(self, message: Msg, *, allowed: tuple[str, ...] = (), hint: Msg | None = None):
        self.allowed = allowed
        super().__init__(message, hint=hint)


def _label_list(ids: tuple[str, ...], lang: str) -> str:
    return ", ".join(f"{i} ({states()[i].label.get(lang)})" for i in ids) or ("—")


def _refuse(current: str, to_state: str, allowed_ids: tuple[str, ...]) -> TransitionError:
    if allowed_ids:
        zh = f"不能从 {current} 变为 {to_state}；可变为：{_label_list(allowed_ids, 'zh')}"
        en = f"cannot go from {current} to {to_state}; allowed next: {_label_list(allowed_ids, 'en')}"
    else:
        zh = f"不能从 {current} 变为 {to_state}：{current} 是终止状态，请新建草稿"
        en = f"cannot go from {current} to {to_state}: {current} is final; start a new draft"
    return TransitionError(Msg(zh, en), allowed=allowed_ids)


def as_china_time(at: dt.datetime) -> dt.datetime:
    """A time without an offset is China time (+08:00), as models.Transition stores it."""
    from beiancli.clock import CHINA_TZ

    return at if at.tzinfo is not None else at.replace(tzinfo=CHINA_TZ)


def parse_number(icp_number: str, province: str | None) -> IcpNumber:
    """An ICP number (§10) that must have been issued in `province`; TransitionError otherwise."""
    from beiancli import icpnum

    try:
        number = icpnum.parse(icp_number)
    except icpnum.IcpNumberError as exc:
        raise TransitionError(exc.msg) from None
    problem = icpnum.check_province(number, province)
    if problem:
        raise TransitionError(problem)
    return number


def transition(
    lifecycle: Lifecycle,
    to_state: str,
    at: dt.datetime,
    note: str | None = None,
    icp_number: str | None = None,
    *,
    province: str | None = None,
) -> Lifecycle:
    """A new Lifecycle with `to_state` recorded at `at`, or TransitionError listing the allowed states.

    - `at` may not be earlier than the last recorded transition (naive times are China time).
    - `icp_number` is accepted only with `approved`; it must be a valid ICP number (§10) issued in `province`.
    """
    from beiancli.models import STATES, Lifecycle, Transition

    current = lifecycle.state
    nxt = allowed(current, has_transitions=bool(lifecycle.transitions))
    if to_state not in STATES:
        raise TransitionError(
            Msg(
                f"未知状态 {to_state!r}；从 {current} 可变为：{_label_list(nxt, 'zh')}",
                f"unknown state {to_state!r}; allowed next from {current}: {_label_list(nxt, 'en')}",
            ),
            allowed=nxt,
        )
    if to_state not in nxt:
        raise _refuse(current, to_state, nxt)
    at = as_china_time(at)
    if lifecycle.transitions and at < lifecycle.transitions[-1].at:
        last = lifecycle.transitions[-1]
        raise TransitionError(
            Msg(
                f"时间 {at.isoformat()} 早于上一次状态变化（{last.state}，{last.at.isoformat()}）",
                f"{at.isoformat()} is earlier than the last transition "
                f"({last.state} at {last.at.isoformat()})",
            )
        )
    number_text = None
    if icp_number is not None:
        if to_state != "approved":
            raise TransitionError(
                Msg(
                    "只有在记录 approved（已备案）时才能给出备案号",
                    "an ICP number goes with --set approved only",
                )
            )
        number_text = parse_number(icp_number, province).text
    step = Transition(state=to_state, at=at, note=note or None, icp_number=number_text)
    return Lifecycle(state=to_state, transitions=[*lifecycle.transitions, step])


def record(
    draft: Draft, to_state: str, at: dt.datetime, note: str | None = None, icp_number: str | None = None
) -> Draft:
    """`transition()` applied to a draft, with the checks that need the draft: the number's province is the
    filing province; a new number is required when the approval issues one; a subject that is already filed
    keeps its subject number. Returns a new Draft."""
    new = transition(draft.lifecycle, to_state, at, note, icp_number, province=draft.province)
    if to_state == "approved" and icp_number is None and number_issued_for(draft.filing_type):
        raise TransitionError(
            Msg(
                f"{draft.filing_type} 备案通过会下发备案号："
                "请用 --icp-number 给出（如 粤ICP备2024000001号-1）",
                f"approving a {draft.filing_type} filing issues an ICP number: give it with --icp-number "
                "(e.g. 粤ICP备2024000001号-1)",
            )
        )
    number = new.transitions[-1].icp_number
    if number and draft.subject.icp_number:
        from beiancli import icpnum

        filed = icpnum.normalise(draft.subject.icp_number)
        parsed = icpnum.parse(number)
        if parsed.subject_number != filed:
            raise TransitionError(
                Msg(
                    f"{number} 不属于草稿中的主体备案号 {filed}",
                    f"{number} does not belong to the draft's subject number {filed}",
                )
            )
    return draft.model_copy(update={"lifecycle": new})


# -- one in-flight order per subject ------------------------------------------------------------------------


def subject_key(draft: Draft) -> str | None:
    """What identifies a draft's subject: its certificate number, else its subject number, else its name."""
    s = draft.subject
    if s.cert_number:
        return "cert:" + s.cert_number.replace(" ", "").replace("-", "").upper()
    if s.icp_number:
        return "icp:" + s.icp_number.strip()
    if s.name:
        return "name:" + s.name.strip()
    return None


def in_flight_conflicts(drafts: dict[str, Draft]) -> dict[str, list[str]]:
    """name -> the other drafts with an in-flight order for the same subject (§2.2 tracker notes, §1.6:
    one in-flight order per account and per subject)."""
    groups: dict[str, list[str]] = {}
    for name, d in drafts.items():
        key = subject_key(d)
        if key and states()[d.lifecycle.state].in_flight:
            groups.setdefault(key, []).append(name)
    out: dict[str, list[str]] = {}
    for names in groups.values():
        if len(names) > 1:
            for n in names:
                out[n] = [m for m in names if m != n]
    return out


# -- what an approval changes in the history ----------------------------------------------------------------


def _registrable(name: str) -> str:
    """The domain as the history stores it: beiancli.domains when it is there, else lower-cased."""
    clean = name.strip().rstrip(".").lower()
    try:
        from beiancli import domains  # arrives with issue #3
    except ImportError:
        return clean
    try:
        return domains.analyse(clean).registrable
    except Exception:  # an odd name is kept as written; lint reports it
        return clean


def _find_subject(history: History, draft: Draft, subject_number: str | None) -> HistorySubject | None:
    s = draft.subject
    for key in (subject_number, s.icp_number, s.cert_number):
        if key:
            found = history.find_subject(key)
            if found:
                return found
    if s.name:
        return history.find_subject(s.name)
    return None


def apply_approval(history: History, draft: Draft) -> list[Msg]:
    """Record an approved filing in `history` (modified in place); returns notes for the user.

    first / add-site / access / change: the subject is added or updated (subject number = the subject part of
    the recorded number) and every domain of every website becomes a site with its site number and
    `providers` including the draft's provider. cancel-subject removes the subject, cancel-site the sites,
    cancel-access this provider from the sites (§11.3). Raises TransitionError when a new subject cannot be
    added because the draft lacks its name, nature, certificate type or number.
    """
    from beiancli import icpnum
    from beiancli.models import HistorySite, HistorySubject

    notes: list[Msg] = []
    number_text = draft.lifecycle.transitions[-1].icp_number if draft.lifecycle.transitions else None
    number = icpnum.parse(number_text) if number_text else None
    subject_number = (
        number.subject_number
        if number
        else (icpnum.normalise(draft.subject.icp_number) if draft.subject.icp_number else None)
    )
    subj = _find_subject(history, draft, subject_number)
    ftype = draft.filing_type
    domains_of = [[_registrable(d.name) for d in w.domains] for w in draft.websites]

    if ftype.startswith("cancel-"):
        if subj is None:
            return [
                Msg("历史文件中没有此主体，无需更新", "the subject is not in the history; nothing to update")
            ]
        cancel = draft.cancel
        numbers = set(cancel.site_numbers) if cancel else set()
        listed = {d for ds in domains_of for d in ds}
        targets = [
            s for s in subj.sites if (s.site_number and s.site_number in numbers) or s.domain in listed
        ]
        if ftype == "cancel-subject":
            history.subjects.remove(subj)
            notes.append(
                Msg(f"已从历史中移除主体 {subj.name}", f"removed subject {subj.name} from the history")
            )
        elif ftype == "cancel-site":
            for site in targets:
                subj.sites.remove(site)
                notes.append(
                    Msg(f"已从历史中移除网站 {site.domain}", f"removed site {site.domain} from the history")
                )
        else:  # cancel-access
            for site in targets or list(subj.sites):
                if draft.provider in site.providers:
                    site.providers = [p for p in site.providers if p != draft.provider]
                    notes.append(
                        Msg(
                            f"{site.domain} 已不再由 {draft.provider} 接入",
                            f"{site.domain} no longer has access at {draft.provider}",
                        )
                    )
        return notes

    if subj is None:
        s = draft.subject
        missing = [f for f in ("name", "nature", "cert_type", "cert_number") if not getattr(s, f)]
        if missing:
            fields = ", ".join(f"subject.{f}" for f in missing)
            raise TransitionError(
                Msg(
                    f"无法把主体加入历史文件：草稿缺少 {fields}",
                    f"cannot add the subject to the history: the draft lacks {fields}",
                ),
                hint=Msg(
                    "补全草稿后重新运行，或用 `beian subject add` 手动添加。",
                    "Complete the draft and rerun, or add it with `beian subject add`.",
                ),
            )
        subj = HistorySubject(
            name=s.name,
            nature=s.nature,
            cert_type=s.cert_type,
            cert_number=s.cert_number,
            province=draft.province,
            icp_number=subject_number,
        )
        history.subjects.append(subj)
        notes.append(Msg(f"已在历史中添加主体 {subj.name}", f"added subject {subj.name} to the history"))
    else:
        for field in ("name", "nature", "cert_type", "cert_number"):
            value = getattr(draft.subject, field)
            if value and getattr(subj, field) != value:
                setattr(subj, field, value)
        if subject_number:
            subj.icp_number = subject_number
        if draft.province and not subj.province:
            subj.province = draft.province
        if subj.accounts and draft.provider not in subj.accounts:
            subj.accounts = [*subj.accounts, draft.provider]
        notes.append(Msg(f"已更新历史中的主体 {subj.name}", f"updated subject {subj.name} in the history"))

    for i, website in enumerate(draft.websites):
        site_number = website.site_number
        if number is not None and number.is_site and i == 0:
            site_number = number.text
        elif number is not None and number.is_site and not site_number:
            notes.append(
                Msg(
                    f"网站 {i + 1} 的备案号未知：请在草稿 websites[{i}].site_number 中填写",
                    f"site {i + 1} has no known number: fill in websites[{i}].site_number in the draft",
                )
            )
        for domain in domains_of[i]:
            existing = next((x for x in subj.sites if x.domain == domain), None)
            if existing is None:
                subj.sites.append(
                    HistorySite(
                        domain=domain,
                        site_number=site_number,
                        providers=[draft.provider],
                        name=website.name,
                        kind=website.kind,
                    )
                )
                notes.append(Msg(f"已在历史中添加网站 {domain}", f"added site {domain} to the history"))
            else:
                if site_number:
                    existing.site_number = site_number
                if website.name:
                    existing.name = website.name
                if draft.provider not in existing.providers:
                    existing.providers = [*existing.providers, draft.provider]
                notes.append(Msg(f"已更新历史中的网站 {domain}", f"updated site {domain} in the history"))
    return notes
