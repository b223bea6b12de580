"""`beian change` and `beian cancel` steps: start from what is filed (a draft of the filing, or the history),
then change subject or website data (§11.2: old -> new for every changed field; what cannot change is
refused), or cancel a subject, a website or the access (§11.3-§11.4: the consequences first, then a confirm).
"""

from __future__ import annotations

from typing import Any

from beiancli.errors import UsageError
from beiancli.i18n import Msg
from beiancli.wizards.questions import WHO, Q, ask
from beiancli.wizards.session import Session
from beiancli.wizards.steps import Stop, _heading


def draft_from_history(hs: Any, provider: str) -> Any:
    """A draft holding what the history knows of a filed subject and its sites."""
    from beiancli.models import DomainFacts, Draft, Subject, Website

    return Draft(
        provider=provider,
        province=hs.province,
        subject=Subject(name=hs.name, nature=hs.nature, cert_type=hs.cert_type, cert_number=hs.cert_number,
                        icp_number=hs.icp_number),
        websites=[Website(name=site.name, domains=[DomainFacts(name=site.domain)], site_number=site.site_number)
                  for site in hs.sites],
    )


def subject_from_draft(d: Any, provider: str) -> Any:
    """A history entry for a filed draft (when the history file does not know the subject)."""
    from beiancli.models import HistorySite, HistorySubject

    subj = d.subject
    return HistorySubject(
        name=subj.name or "?", nature=subj.nature or "enterprise", cert_type=subj.cert_type or "uscc",
        cert_number=subj.cert_number or "?", province=d.province, icp_number=subj.icp_number,
        sites=[HistorySite(domain=w.domains[0].name, site_number=w.site_number, name=w.name,
                           providers=[d.provider or provider]) for w in d.websites if w.domains],
    )


def _pick_subject(s: Session, verb: Msg) -> None:
    if s.history_subject is not None or s.options.get("original") is not None:
        return
    subjects = s.history.subjects if s.history is not None else []
    filed = [h for h in subjects if h.icp_number or h.sites]
    if not filed:
        raise UsageError(
            Msg("历史中没有已备案的主体：给出已备案的草稿（beian change DRAFT）或先用 beian subject add 记录",
                "no filed subject in the history: give the filed draft (beian change DRAFT) or record it with beian subject add"),
        )
    choices = [(str(i), f"{h.name}（{h.icp_number or '—'}，{len(h.sites)} 个网站）" if s.lang == "zh"
                else f"{h.name} ({h.icp_number or '—'}, {len(h.sites)} sites)") for i, h in enumerate(filed)]
    pick = s.choose("--subject", verb, choices, default="0")
    s.history_subject = filed[int(pick)]


def _site_choices(s: Session, sites: list[Any]) -> list[tuple[str, str]]:
    return [(str(i), f"{w.domains[0].name if w.domains else '?'}（{w.site_number or '—'}）" if s.lang == "zh"
             else f"{w.domains[0].name if w.domains else '?'} ({w.site_number or '—'})") for i, w in enumerate(sites)]


def _find_site(sites: list[Any], key: str) -> int | None:
    k = key.strip().lower()
    for i, w in enumerate(sites):
        if (w.site_number and w.site_number == key.strip()) or any(d.name == k for d in w.domains):
            return i
    return None


# -- change ----------------------------------------------------------------------------------------------

def step_change_original(s: Session) -> None:
    """What is filed now (`change.original`), and what changes: the subject's data or one website's."""
    from beiancli.models import Change

    _heading(s, "变更备案", "Change a filing")
    _pick_subject(s, Msg("变更哪个主体的备案？", "Change the filing of which subject?"))
    base = s.options.get("original")
    if base is None:
        base = draft_from_history(s.history_subject, s.provider)
    scope = s.options.get("scope") or s.choose(
        "--scope", Msg("变更什么？", "What changes?"),
        [("subject", "主体信息（地址、负责人、证件…）" if s.lang == "zh" else "subject data (address, principal, certificate…)"),
         ("website", "网站信息（名称、负责人、删除域名…）" if s.lang == "zh" else "website data (name, principal, removing domains…)")],
        default="subject")
    draft = base.model_copy(deep=True)
    draft.materials = []
    draft.cancel = None
    draft.lifecycle = type(draft.lifecycle)()
    draft.wizard = dict(s.draft.wizard)
    draft.provider = s.provider
    if scope == "website":
        if not base.websites:
            raise UsageError(Msg("这个主体没有已备案的网站", "this subject has no filed website"))
        key = s.options.get("site")
        k = _find_site(base.websites, key) if key else None
        if key and k is None:
            raise UsageError(Msg(f"找不到网站 {key}", f"no website {key} in this filing"))
        if k is None:
            k = 0 if len(base.websites) == 1 else int(s.choose(
                "--site", Msg("变更哪个网站？", "Which website?"), _site_choices(s, base.websites), default="0"))
        draft.filing_type = "change-site"
        draft.websites = [base.websites[k].model_copy(deep=True)]
        original = {"province": base.province, "websites": [draft.websites[0].model_dump(mode="json", exclude_none=True)]}
        draft.change = Change(scope="website", site=k, original=original)
    else:
        draft.filing_type = "change-subject"
        draft.websites = []
        original = {"province": base.province, "subject": base.subject.model_dump(mode="json", exclude_none=True)}
        draft.change = Change(scope="subject", original=original)
    s.draft = draft
    s.say(Msg("  按回车保留原值；只改需要变更的项。", "  Press Enter to keep a filed value; change only what changes."))


def step_change_who(s: Session) -> None:
    """The subject's identity: a rename is allowed (old name -> former names, §7.2 name-change letter);
    another subject, or an organisation becoming a person, is refused (§11.2)."""
    _heading(s, "主体", "Subject")
    nature, cert_type, cert_number, name = (q for q in WHO)
    for q in (nature, cert_type, name):
        ask(s, q, q.field)
        if q is name:
            _maybe_renamed(s)
    ask(s, cert_number, cert_number.field)


def _maybe_renamed(s: Session) -> None:
    old = (s.draft.change.original.get("subject") or {}).get("name") if s.draft.change else None
    subj = s.draft.subject
    if not old or subj.name == old or s.kind != "organisation":
        return
    if old in subj.former_names:
        return
    if s.asker.confirm(f"单位更名了吗（原名称 {old} 记为曾用名，需要变更函）？" if s.lang == "zh"
                       else f"Was the organisation renamed (the old name {old} is kept as a former name; a name-change letter is needed)?",
                       default=True):
        subj.former_names = [*subj.former_names, old]


# -- cancel ----------------------------------------------------------------------------------------------

_SCOPE_TYPE = {"subject": "cancel-subject", "website": "cancel-site", "access": "cancel-access"}


def step_cancel_pick(s: Session) -> None:
    from beiancli.models import Cancel, DomainFacts, Draft, Subject, Website

    _heading(s, "注销 / 取消接入", "Cancel")
    _pick_subject(s, Msg("注销哪个主体的备案？", "Cancel a filing of which subject?"))
    if s.history_subject is None:
        s.history_subject = subject_from_draft(s.options["original"], s.provider)
    hs = s.history_subject
    scope = s.options.get("scope") or s.choose(
        "--scope", Msg("注销什么？", "What is cancelled?"),
        [("subject", "注销主体（连同全部网站）" if s.lang == "zh" else "the subject (with all its websites)"),
         ("website", "注销网站（主体和其他网站保留）" if s.lang == "zh" else "one website (the subject and other sites stay)"),
         ("access", "取消接入（备案号保留，只是不在本接入商接入）" if s.lang == "zh"
          else "the access at this provider (the number stays)")],
        default="website" if len(hs.sites) > 1 else "subject")
    sites = list(hs.sites)
    if scope == "access":  # only sites this provider (this account) gives access to
        from beiancli.rules.providers import split

        sites = [x for x in sites if any(split(p) == (s.provider, None) for p in x.providers)]
        if not sites:
            raise UsageError(Msg(f"{hs.name} 没有在本接入商（{s.provider}）接入的网站",
                                 f"no website of {hs.name} is accessed at this provider ({s.provider})"))
    chosen: list[Any] = []
    if scope != "subject":
        if not sites:
            raise UsageError(Msg(f"{hs.name} 在历史中没有网站", f"{hs.name} has no websites in the history"),
                             hint=Msg("用 beian subject add-site 记录它的网站", "record its sites with beian subject add-site"))
        wanted = s.options.get("sites") or []
        for key in wanted:
            hit = next((x for x in sites if x.domain == key.strip().lower() or x.site_number == key.strip()), None)
            if hit is None:
                raise UsageError(Msg(f"{hs.name} 没有网站 {key}", f"{hs.name} has no website {key}"))
            chosen.append(hit)
        while not chosen or (not wanted and len(chosen) < len(sites) and s.asker.confirm(
                "再选一个网站吗？" if s.lang == "zh" else "Another website?", default=False)):
            left = [x for x in sites if x not in chosen]
            if len(left) == 1 and not chosen:
                chosen.append(left[0])
                break
            opts = [(str(i), f"{x.domain}（{x.site_number or '—'}）") for i, x in enumerate(left)]
            pick = s.choose("--site", Msg("哪个网站？", "Which website?"), opts, default="0")
            chosen.append(left[int(pick)])
    listed = sites if scope == "subject" else chosen
    s.draft = Draft(
        filing_type=_SCOPE_TYPE[scope], provider=s.provider, province=hs.province,
        subject=Subject(name=hs.name, nature=hs.nature, cert_type=hs.cert_type, cert_number=hs.cert_number,
                        icp_number=hs.icp_number),
        websites=[Website(name=x.name, domains=[DomainFacts(name=x.domain)], site_number=x.site_number) for x in listed],
        cancel=Cancel(scope=scope, site_numbers=[x.site_number or x.domain for x in chosen],
                      reason=s.options.get("reason")),
        wizard=dict(s.draft.wizard),
    )
    if s.options.get("reason") is None and not s.options.get("batch"):
        ask(s, Q("cancel.reason", "注销原因（可留空）", "Reason (may be empty)", optional=True), "cancel.reason")


def step_cancel_confirm(s: Session) -> None:
    """The consequences first (§11.3, §11.4), then the confirmation."""
    from beiancli.rules.changes import cancel_effects

    c = s.draft.cancel
    effects = cancel_effects(s.history_subject, c.scope, list(c.site_numbers), s.provider)
    s.say("")
    for e in effects:
        mark = "⚠" if e.severity == "warning" else "·"
        s.say(f"  {mark} {e.msg.get(s.lang)}")
    if s.options.get("yes"):
        return
    declined = Stop(1, Msg("已放弃：没有保存任何草稿", "cancelled: no draft saved"))
    if c.scope != "subject":
        if not s.asker.confirm("确认办理？" if s.lang == "zh" else "Go ahead?", default=False):
            raise declined
        return
    # the whole subject and every site, for good: the number (or name) is typed, not just a "y"
    expected = s.draft.subject.icp_number or s.draft.subject.name or ""

    def validate(text: str) -> str | None:
        typed = text.strip()
        if not typed or typed == expected:
            return None
        return (f"与 {expected} 不一致：照原样输入，或直接回车放弃" if s.lang == "zh"
                else f"does not match {expected}: type it exactly, or press Enter to keep the filing")

    typed = s.asker.text(f"输入 {expected} 确认注销（回车放弃）" if s.lang == "zh"
                         else f"Type {expected} to cancel it (Enter: keep it)", validate=validate)
    if typed.strip() != expected:
        raise declined
