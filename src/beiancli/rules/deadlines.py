"""What is due next for a filing, and by when (icp-filing.md §2.1, §2.2, §13). Pure: `now` is an argument.

Clocks come from data: which state holds which clock (rules/data/lifecycle.toml), the durations
(rules/data/process.toml: step working days and hours, the 45-day idle limit, the 35-day warning, the SMS
warning), the bureau's limit per province (rules/data/provinces.toml `review_limit_wd`: 20, Zhejiang 30,
§9.2).

Kinds of deadline:
- `hard`: the 24-hour SMS window (natural hours, from entering sms-pending).
- `limit`: 45 natural days to act on a draft / a rejection before the order lapses (warning after 35).
- `estimate`: working-day windows (provider review 1–2 WD, push 1–3 WD, bureau review ≤ 20/30 WD, the
  24-hour re-push). The bureau's clock start is not stated officially (§2.1, §15 #16), so its date is an
  estimate from entering bureau-review — but once it has passed the user is told what to do.

Working-day dates come from `beiancli.calendar`; each result carries `official` (False = a year the holiday
calendar does not know yet, computed Monday–Friday, shown as "unofficial"). Natural clocks never use it (§13).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from beiancli.clock import CHINA_TZ, china
from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import Draft

Unit = Literal["workdays", "days", "hours", "minutes"]
Kind = Literal["hard", "limit", "estimate"]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Deadline:
    at: dt.datetime
    """The moment the clock runs out (for a working-day date: the end of that day, China time)."""
    kind: Kind
    unit: Literal["workdays", "days", "hours"]
    """What the clock counts."""
    basis: Msg
    """Why this deadline, e.g. 'bureau review: 30 working days (浙江)'."""
    date: dt.date | None = None
    """The working day itself, for working-day clocks."""
    earliest: dt.date | None = None
    """Start of an estimate window (e.g. 1 WD of '1–2 WD')."""
    official: bool = True


@dataclass(frozen=True)
class Remaining:
    value: int
    unit: Unit
    overdue: bool


@dataclass(frozen=True)
class Alert:
    code: str
    severity: Severity
    msg: Msg


@dataclass(frozen=True)
class Status:
    state: str
    since: dt.datetime | None
    next_action: Msg
    deadline: Deadline | None
    remaining: Remaining | None
    alerts: tuple[Alert, ...] = field(default_factory=tuple)

    @property
    def overdue(self) -> bool:
        return bool(self.remaining and self.remaining.overdue)

    @property
    def official(self) -> bool:
        return self.deadline.official if self.deadline else True


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=CHINA_TZ)


def _process() -> dict:
    from beiancli.rules.data import load

    return load("process")


def _step(step_id: str) -> dict:
    for s in _process()["steps"]:
        if s["id"] == step_id:
            return s
    raise KeyError(f"process.toml has no step {step_id!r}")


def bureau_limit(province: str | None) -> tuple[int, str | None]:
    """(working days, province id or None when unknown) — provinces.toml review_limit_wd (§9.2)."""
    from beiancli import regions

    p = regions.find(province) if province else None
    if p is not None:
        return p.review_limit_wd, p.id
    return int(_step("bureau-review")["max_wd"]), None


def clock_for(draft: Draft, state_id: str, entered: dt.datetime) -> Deadline | None:
    """The deadline that applies to `state_id` entered at `entered` (None: no clock in that state)."""
    from beiancli import calendar
    from beiancli.rules.lifecycle import state

    info = state(state_id)
    entered = china(entered)
    proc = _process()
    if info.clock == "idle":
        days = int(proc["idle_limit_days"])
        return Deadline(
            entered + dt.timedelta(days=days),
            "limit",
            "days",
            basis=Msg(f"闲置上限 {days} 天（自然日）", f"{days}-day idle limit (natural days)"),
        )
    if info.clock == "repush":
        hours = int(proc["sms_repush_hours"])
        return Deadline(
            entered + dt.timedelta(hours=hours),
            "estimate",
            "hours",
            basis=Msg(f"约 {hours} 小时后重新提交", f"re-push after about {hours} h"),
        )
    if info.clock != "step":
        return None
    step = _step(info.step or "")
    if "hours" in step:
        hours = int(step["hours"])
        kind: Kind = "hard" if step.get("deadline") else "estimate"
        return Deadline(
            entered + dt.timedelta(hours=hours),
            kind,
            "hours",
            basis=Msg(f"{step['zh']}：{hours} 小时", f"{step['en']}: {hours} hours"),
        )
    lo = int(step["min_wd"])
    hi = int(step["max_wd"])
    where = Msg("", "")
    if info.province_limit:
        hi, prov = bureau_limit(draft.province)
        if prov:
            where = Msg(f"（{prov}）", f" ({prov})")
        else:
            where = Msg("（省份未知，按 20 个工作日）", " (province unknown: 20 assumed)")
    start = entered.date()
    first = calendar.add_workdays(start, lo)
    last = calendar.add_workdays(start, hi)
    span = f"{lo}–{hi}" if lo != hi else str(hi)
    return Deadline(
        _end_of(last.date),
        "estimate",
        "workdays",
        date=last.date,
        earliest=first.date,
        official=first.official and last.official,
        basis=Msg(f"{step['zh']}：{span} 个工作日{where.zh}", f"{step['en']}: {span} working days{where.en}"),
    )


def remaining(deadline: Deadline, now: dt.datetime) -> Remaining:
    """How long until (or since) the deadline, in the unit a person reads it in."""
    from beiancli import calendar

    now = china(now)
    overdue = now >= deadline.at
    if deadline.unit == "workdays" and deadline.date is not None:
        today = now.date()
        if not overdue:
            return Remaining(calendar.workdays_between(today, deadline.date).days, "workdays", False)
        wd = calendar.workdays_between(deadline.date, today).days
        if wd > 0:
            return Remaining(wd, "workdays", True)
        return Remaining(max((today - deadline.date).days, 1), "days", True)
    secs = abs((deadline.at - now).total_seconds())
    if secs < 3600:
        return Remaining(max(math.floor(secs / 60), 0 if not overdue else 1), "minutes", overdue)
    if secs < 48 * 3600:
        return Remaining(math.floor(secs / 3600), "hours", overdue)
    return Remaining(math.floor(secs / 86400), "days", overdue)


_UNITS = {
    "workdays": ("个工作日", "working day", "working days"),
    "days": ("天", "day", "days"),
    "hours": ("小时", "h", "h"),
    "minutes": ("分钟", "min", "min"),
}


def describe(r: Remaining, lang: str) -> str:
    """'in 3 working days' / 'overdue by 2 h' / 'today' (and the Chinese equivalents)."""
    zh_unit, en_one, en_many = _UNITS[r.unit]
    if r.unit == "workdays" and r.value == 0 and not r.overdue:
        return "今天截止" if lang == "zh" else "due today"
    if lang == "zh":
        return f"已逾期 {r.value} {zh_unit}" if r.overdue else f"还剩 {r.value} {zh_unit}"
    unit = en_one if r.value == 1 else en_many
    return f"overdue by {r.value} {unit}" if r.overdue else f"in {r.value} {unit}"


def _fmt(t: dt.datetime) -> str:
    return china(t).strftime("%Y-%m-%d %H:%M")


def expiry_alerts(draft: Draft, now: dt.datetime) -> list[Alert]:
    """A principal's ID (`cert_valid_until`) or a domain (`expiry_date`) with fewer than 90 days left (or
    expired)."""
    from beiancli import ids
    from beiancli.rules.lifecycle import expiry_warning_days

    limit = expiry_warning_days()
    today = china(now).date()
    alerts: list[Alert] = []
    people = []
    if draft.subject.principal is not None:
        people.append(("subject.principal", draft.subject.principal))
    for i, w in enumerate(draft.websites):
        if w.principal is not None:
            people.append((f"websites[{i}].principal", w.principal))
    for path, person in people:
        # The same check (and threshold semantics: fewer than 90 days left) as the lint rules (ids.py).
        problem = ids.check_validity(
            person.cert_valid_until, long_term=person.cert_long_term, today=today, min_days=limit
        )
        if problem is None:
            continue
        who = person.name or path
        alerts.append(
            Alert(
                f"id-{problem.code}",
                "error" if problem.severity == "error" else "warning",
                Msg(f"{who}（{path}）：{problem.msg.zh}", f"{who} ({path}): {problem.msg.en}"),
            )
        )
    for i, w in enumerate(draft.websites):
        for j, d in enumerate(w.domains):
            if d.expiry_date is None:
                continue
            left = (d.expiry_date - today).days
            path = f"websites[{i}].domains[{j}].expiry_date"
            if left < 0:
                alerts.append(
                    Alert(
                        "domain-expired",
                        "error",
                        Msg(
                            f"域名 {d.name} 已于 {d.expiry_date} 过期",
                            f"domain {d.name} expired on {d.expiry_date} ({path})",
                        ),
                    )
                )
            elif left < limit:
                alerts.append(
                    Alert(
                        "domain-expiring",
                        "warning",
                        Msg(
                            f"域名 {d.name} 将于 {d.expiry_date} 到期（{left} 天后），请先续费",
                            f"domain {d.name} expires on {d.expiry_date} (in {left} days): renew it first",
                        ),
                    )
                )
    return alerts


def status(draft: Draft, now: dt.datetime) -> Status:
    """Where the filing is, the next action, its deadline and the warnings that apply at `now`."""
    from beiancli.rules.lifecycle import state

    now = china(now)
    sid = draft.lifecycle.state
    info = state(sid)
    since = draft.lifecycle.transitions[-1].at if draft.lifecycle.transitions else None
    alerts: list[Alert] = []
    deadline = clock_for(draft, sid, since) if since is not None else None
    rem = remaining(deadline, now) if deadline else None
    proc = _process()

    if deadline is not None and rem is not None:
        if info.clock == "idle":
            idle_days = (now - china(since)).days
            limit = int(proc["idle_limit_days"])
            if rem.overdue:
                alerts.append(Alert("idle-lapsed", "error", info.overdue or Msg("", "")))
            elif idle_days >= int(proc["idle_warning_days"]):
                alerts.append(
                    Alert(
                        "idle",
                        "warning",
                        Msg(
                            f"已闲置 {idle_days} 天（上限 {limit} 天），{_fmt(deadline.at)} 失效",
                            f"idle for {idle_days} of {limit} days; the order lapses at {_fmt(deadline.at)}",
                        ),
                    )
                )
        elif deadline.kind == "hard":
            left_h = (deadline.at - now).total_seconds() / 3600
            if rem.overdue:
                alerts.append(Alert("sms-missed", "error", info.overdue or Msg("", "")))
            elif left_h < float(proc["sms_warning_hours"]):
                alerts.append(
                    Alert(
                        "sms-closing",
                        "warning",
                        Msg(
                            f"短信核验窗口将于 {_fmt(deadline.at)} 关闭（{describe(rem, 'zh')}）："
                            "现在就去 beian.miit.gov.cn 核验",
                            f"the SMS window closes at {_fmt(deadline.at)} ({describe(rem, 'en')}): "
                            "verify on "
                            "beian.miit.gov.cn now",
                        ),
                    )
                )
        elif rem.overdue and info.overdue is not None:
            code = "bureau-overdue" if info.province_limit else f"{sid}-overdue"
            alerts.append(Alert(code, "warning", info.overdue))
        if not deadline.official:
            alerts.append(
                Alert(
                    "unofficial-calendar",
                    "info",
                    Msg(
                        "此期限按周一至周五估算：chinesecalendar 尚无该年的节假日安排"
                        "（升级 chinesecalendar 后重新计算）",
                        "unofficial: computed Monday–Friday because chinesecalendar has no holiday schedule "
                        "for that year yet "
                        "(upgrade chinesecalendar)",
                    ),
                )
            )
    if info.province_limit and bureau_limit(draft.province)[1] is None:
        alerts.append(
            Alert(
                "province-unknown",
                "info",
                Msg(
                    "草稿未写明备案省份：按 20 个工作日估算（浙江为 30）",
                    "the draft names no filing province: 20 working days assumed (Zhejiang: 30)",
                ),
            )
        )
    if sid not in ("abandoned", "lapsed"):
        alerts.extend(expiry_alerts(draft, now))
    return Status(sid, since, info.next_action, deadline, rem, tuple(alerts))


def conflict_alert(others: list[str]) -> Alert:
    names = ", ".join(others)
    return Alert(
        "subject-in-flight",
        "warning",
        Msg(
            f"同一主体已有进行中的备案订单（{names}）：每个主体同时只能有一个订单",
            f"the same subject has another order in flight ({names}): one order per subject at a time",
        ),
    )


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def urgency_key(name: str, st: Status | None, alerts: tuple[Alert, ...] | list[Alert] = ()) -> tuple:
    """Sort key, most urgent first: unreadable drafts (st None: they may hide a deadline), then filings with
    a running clock by the moment it runs out (overdue ones first), then open filings without a clock, then
    finished ones (approved, abandoned, lapsed); ties by the worst alert, then by name."""
    from beiancli.rules.lifecycle import state

    worst = min((SEVERITY_RANK[a.severity] for a in alerts), default=3)
    if st is None:
        return (0, 0.0, worst, name)
    if st.deadline is not None:
        return (1, st.deadline.at.timestamp(), worst, name)
    if not state(st.state).terminal:
        return (2, 0.0, worst, name)
    return (3, 0.0, worst, name)
