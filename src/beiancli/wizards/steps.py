"""The steps of the filing wizards, each a small function over a `Session`, in the order a provider console
asks (icp-filing.md §6): the domain and who files (the type check, §1.4), region, subject, subject principal,
each website and its principal, materials (§7), review. `engine.py` runs them, saving after each one.
"""

from __future__ import annotations

from typing import Any

from beiancli.errors import BeianError, InputError
from beiancli.i18n import Msg
from beiancli.wizards import wiring
from beiancli.wizards.questions import (
    REGION,
    SUBJECT,
    WEBSITE,
    WHO,
    Q,
    ask,
    ask_date,
    check,
    domain_questions,
    person_questions,
    required,
    site_options,
    wanted,
)
from beiancli.wizards.session import Session, get, put


class Stop(Exception):
    """The wizard ends early without a filing to prepare (already filed, the user declined)."""

    def __init__(self, code: int, msg: Msg | None = None):
        self.code = code
        self.msg = msg
        super().__init__(msg.en if msg else "")


class Blocked(BeianError):
    """The domain cannot be filed by this subject (§1.5 'blocked' rows): exit 1."""


def _heading(s: Session, zh: str, en: str) -> None:
    s.say(f"\n── {zh} ──" if s.lang == "zh" else f"\n── {en} ──")


def ask_all(s: Session, items: list[tuple[Q, str]]) -> None:
    for q, path in wanted(s, items):
        ask(s, q, path)


def _absolute(items: list[Q]) -> list[tuple[Q, str]]:
    return [(q, q.field) for q in items]


# -- the domain --------------------------------------------------------------------------------------------

def _domain_q() -> Q:
    return Q("websites[0].domains", "要备案的域名（如 example.com）", "Domain to file (e.g. example.com)")


def ask_domain(s: Session, site: int) -> None:
    from beiancli.models import DomainFacts

    path = f"websites[{site}].domains"
    if path in s.preset and get(s.draft, path):
        return
    current = get(s.draft, path) or []
    default = current[0].name if current else None
    result: dict[str, Any] = {}

    def validate(text: str) -> str | None:
        info, problem = wiring.analyse_domain(text.strip())
        if problem is not None:
            return problem.get(s.lang)
        value = [DomainFacts(name=info.registrable)] + [d for d in current[1:]]
        verdict = check(s, path, value)
        if verdict.errors:
            return "; ".join(verdict.errors)
        result["v"] = (info, value, verdict)
        return None

    prompt = _domain_q().prompt(s.lang) if site == 0 else (
        f"网站 {site + 1} 的域名" if s.lang == "zh" else f"Domain of website {site + 1}")
    s.asker.text(prompt, default=default, validate=validate)
    info, value, verdict = result["v"]
    put(s.draft, path, value)
    if site == 0:
        s.domain_info = info
    if info.subdomain:
        s.say(Msg("  备案的是主域名 {reg}：子域名 {host} 由它的备案覆盖", "  the registrable domain {reg} is what is filed; "
                  "{host} is covered by it"), reg=info.registrable, host=info.hostname)
    for w in verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)


def step_domain(s: Session) -> None:
    _heading(s, "域名", "Domain")
    ask_domain(s, 0)


# -- who files, and the filing-type decision (§1.4, §1.5) -------------------------------------------------

def _find_in_history(s: Session) -> None:
    subj = s.draft.subject
    if s.history is None or not subj.cert_number:
        return
    found = s.history.find_subject(subj.cert_number)
    if found is None:
        return
    s.history_subject = found
    s.say(Msg("  历史中已有此主体：{name}（{icp}）", "  found in the history: {name} ({icp})"), name=found.name,
          icp=found.icp_number or ("从未备案" if s.lang == "zh" else "never filed"))


def _pick_history_subject(s: Session) -> None:
    """add-site: the subject comes from the history (--subject, or a choice among the known subjects)."""
    if s.history_subject is None and s.history is not None and s.history.subjects:
        choices = [(str(i), f"{h.name}（{h.icp_number or '—'}）") for i, h in enumerate(s.history.subjects)]
        choices.append(("other", "其他主体（不在历史中）" if s.lang == "zh" else "another subject (not in the history)"))
        pick = s.choose("--subject", Msg("为哪个主体新增网站？", "Add a website to which subject?"), choices, default="0")
        if pick != "other":
            s.history_subject = s.history.subjects[int(pick)]
    hs = s.history_subject
    if hs is None:
        return
    subj = s.draft.subject
    subj.name, subj.nature, subj.cert_type, subj.cert_number = hs.name, hs.nature, hs.cert_type, hs.cert_number
    if hs.icp_number and not subj.icp_number:
        subj.icp_number = hs.icp_number
    if hs.province and not s.draft.province:
        s.draft.province = hs.province
    s.say(Msg("  主体：{name}（{icp}）", "  subject: {name} ({icp})"), name=hs.name, icp=hs.icp_number or "—")


def step_subject_id(s: Session) -> None:
    _heading(s, "备案主体", "Who files")
    if s.flow == "add-site":
        _pick_history_subject(s)
        if s.history_subject is not None:
            return
    items = _absolute(WHO)
    for q, path in items[:3]:
        ask(s, q, path)
    _find_in_history(s)
    ask(s, items[3][0], items[3][1])


def _synthetic_subject(s: Session) -> Any:
    from beiancli.models import HistorySubject

    subj = s.draft.subject
    return HistorySubject(name=subj.name or "?", nature=subj.nature or "enterprise",
                          cert_type=subj.cert_type or "uscc", cert_number=subj.cert_number or "?",
                          province=s.draft.province)


def decide_type(s: Session) -> Any:
    """Run the §1.5 decision (the same call `check-domain` makes) and set the draft's filing type."""
    site = s.draft.websites[0] if s.draft.websites else None
    if s.domain_info is None and site and site.domains:
        s.domain_info, _problem = wiring.analyse_domain(site.domains[0].name)
    if s.domain_info is None:
        raise InputError(Msg("还没有要备案的域名", "no domain to file yet"))
    if s.history_subject is None:
        _find_in_history(s)
    subject = s.history_subject or _synthetic_subject(s)
    d = wiring.decide(s.domain_info, s.history, subject, s.provider)
    s.decision = d
    return d


def step_type(s: Session) -> None:
    d = decide_type(s)
    for line in d.trace:
        s.say(f"  · {line.get(s.lang)}")
    for w in d.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w.get(s.lang))
    if d.outcome == "blocked":
        raise Blocked(Msg(f"不能备案：{d.blocked.reason.zh}", f"cannot be filed: {d.blocked.reason.en}"), hint=d.blocked.todo)
    if d.outcome == "already-filed":
        lines = [m.get(s.lang) for m in d.next_steps]
        raise Stop(0, Msg("该域名已备案并已在本接入商接入，无需新的备案。\n" + "\n".join(m.zh for m in d.next_steps),
                          "This domain is filed and accessed here already: nothing new to file.\n"
                          + "\n".join(m.en for m in d.next_steps)) if lines else None)
    explicit = s.options.get("explicit_type")
    if explicit and explicit != d.filing_type:
        s.say(Msg("  注意：草稿写明的类型是 {a}，按历史判断应为 {b}；保留 {a}", "  note: the draft says {a}; the history says {b}; keeping {a}"),
              a=explicit, b=d.filing_type)
        return
    s.draft.filing_type = d.filing_type
    name = d.filing_type_name or wiring.type_name(s.provider, d.filing_type)
    s.say(Msg("  → 按“{name}”继续（{id}）", "  → continuing as '{name}' ({id})"), name=name.get(s.lang), id=d.filing_type)
    if s.flow == "add-site" and d.filing_type not in ("add-site", "add-site-external"):
        s.say(Msg("  这个域名不是新增网站：已按正确的类型继续（也可以用 beian new {dom}）",
                  "  this domain is not an add-site filing: continuing as the right type (same as beian new {dom})"),
              dom=s.domain_info.registrable)


# -- region, subject, principal ------------------------------------------------------------------------

def step_region(s: Session) -> None:
    _heading(s, "备案地域", "Filing region")
    ask_all(s, _absolute(REGION))


def step_subject(s: Session) -> None:
    items = wanted(s, _absolute(SUBJECT))
    if items:
        _heading(s, "主体信息", "Subject")
    for q, path in items:
        ask(s, q, path)


def _keep_person(s: Session, base: str, who: Msg) -> bool:
    """A change filing: keep a filed person as is, or walk their fields (§11.1: a principal change)."""
    person = get(s.draft, base)
    if s.draft.change is None or person is None or not person.name:
        return False
    q = (f"变更{who.zh}（{person.name}）的信息吗？" if s.lang == "zh" else f"Change the data of {who.en} ({person.name})?")
    return not s.asker.confirm(q, default=False)


def step_principal(s: Session) -> None:
    items = wanted(s, person_questions("subject.principal"))
    if items:
        _heading(s, "主体负责人", "Subject principal")
    if items and _keep_person(s, "subject.principal", Msg("主体负责人", "the subject principal")):
        return
    for q, path in items:
        ask(s, q, path)


# -- websites ------------------------------------------------------------------------------------------

def can_add_site(s: Session) -> bool:
    """Another website in this order? Only for filings that list new websites (fields.toml), and only if the
    rules accept one more (e.g. one site per personal order, §1.6): asked of lint, not decided here."""
    from beiancli.models import Website

    n = len(s.draft.websites)
    if required(s, f"websites[{n}].name") is False:
        return False
    trial = s.draft.model_copy(deep=True)
    trial.websites.append(Website())
    return not any(p.path == f"websites[{n}]" and p.severity == "error"
                   for p in wiring.lint(trial, s.history, paths=[f"websites[{n}]"], provider=s.provider, today_=s.today))


def _ask_preapprovals(s: Session, base: str) -> None:
    """前置审批项 (§6.2, §8.3): tick the items the content needs, or 'none of the above'."""
    from beiancli.models import PreApproval

    path = f"{base}.preapprovals"
    if path in s.preset:
        return
    current = get(s.draft, path) or []
    if current:
        listed = "、".join(p.category for p in current)
        if s.asker.confirm(f"保留已填的前置审批项（{listed}）？" if s.lang == "zh" else f"Keep the pre-approval items ({listed})?",
                           default=True):
            return
    cats = site_options()["preapprovals"]
    none = ("none", "以上都不涉及" if s.lang == "zh" else "none of the above (以上都不涉及)")
    choices = [none] + [(c["value"], f"{c['value']} / {c['en']}") for c in cats]
    items: list[PreApproval] = []
    prompt = "网站内容涉及哪些前置审批项？" if s.lang == "zh" else "Does the content need a pre-approval (前置审批)?"
    while True:
        pick = s.asker.select(prompt, choices, default="none")
        if pick == "none":
            break
        doc = next((c.get("document") for c in cats if c["value"] == pick), "")
        if doc:
            s.say(Msg("  需要：{doc}", "  needs: {doc}"), doc=doc)
        idx = len(items)

        def set_number(draft: Any, value: Any, idx: int = idx, pick: str = pick) -> None:
            put(draft, path, [*items, PreApproval(category=pick, number=value)])

        number = _ask_plain(s, Msg("审批文号", "Approval number"), f"{path}[{idx}].number", set_number)
        until = ask_date(s, Msg("审批有效期至（YYYY-MM-DD，可留空）", "Approval valid until (YYYY-MM-DD; may be empty)"),
                         f"{path}[{idx}].valid_until",
                         apply=lambda draft, d, pick=pick, number=number: put(
                             draft, path, [*items, PreApproval(category=pick, number=number, valid_until=d)]))
        items.append(PreApproval(category=pick, number=number, valid_until=until))
        prompt = "还有其他前置审批项吗？" if s.lang == "zh" else "Another pre-approval item?"
    verdict = check(s, path, items)
    put(s.draft, path, items)
    for w in verdict.errors + verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)


def _ask_plain(s: Session, prompt: Msg, path: str, apply: Any) -> str | None:
    result: dict[str, Any] = {}

    def validate(text: str) -> str | None:
        value = text.strip() or None
        verdict = check(s, path, value, apply=lambda draft: apply(draft, value))
        if verdict.errors:
            return "; ".join(verdict.errors)
        result["v"] = value
        return None

    s.asker.text(prompt.get(s.lang), validate=validate)
    return result["v"]


def _same_person(s: Session, site: int) -> Any:
    """Offer the subject principal (or the previous website's principal) as this website's principal."""
    candidates = []
    if s.draft.subject.principal is not None and s.draft.subject.principal.name:
        candidates.append((s.draft.subject.principal, Msg("主体负责人", "the subject principal")))
    if site > 0:
        prev = s.draft.websites[site - 1].principal
        if prev is not None and prev.name and all(prev is not c for c, _ in candidates):
            candidates.append((prev, Msg(f"网站 {site} 的负责人", f"website {site}'s principal")))
    for person, who in candidates:
        q = (f"网站负责人与{who.zh}（{person.name}）相同吗？" if s.lang == "zh"
             else f"Is the website principal the same as {who.en} ({person.name})?")
        if s.asker.confirm(q, default=site == 0 or person is not s.draft.subject.principal):
            return person
    return None


def _ask_site(s: Session, i: int) -> None:
    base = f"websites[{i}]"
    _heading(s, f"网站 {i + 1}", f"Website {i + 1}")
    site_items = wanted(s, [(q, f"{base}.{q.field}") for q in WEBSITE])
    new_site = required(s, f"{base}.name") is not False
    if i > 0 or not get(s.draft, f"{base}.domains"):
        ask_domain(s, i)
    for q, path in site_items:
        ask(s, q, path)
    if s.draft.change is None:  # a change keeps or drops filed domains; their facts are not re-filed (§11.2)
        for q, path in wanted(s, domain_questions(base, len(get(s.draft, f"{base}.domains") or []))):
            ask(s, q, path)
    if new_site and any(q.field == "name" for q, _ in site_items):
        _ask_preapprovals(s, base)
    people = wanted(s, person_questions(f"{base}.principal"))
    if not people:
        return
    _heading(s, f"网站 {i + 1} 的负责人", f"Principal of website {i + 1}")
    if _keep_person(s, f"{base}.principal", Msg("网站负责人", "the website principal")):
        return
    same = None if f"{base}.principal.name" in s.preset else _same_person(s, i)
    if same is not None:
        put(s.draft, f"{base}.principal", same.model_copy(deep=True))
        return
    for q, path in people:
        ask(s, q, path)


def step_websites(s: Session) -> None:
    from beiancli.models import Website

    if not s.draft.websites:
        s.draft.websites.append(Website())
    i = int(s.draft.wizard.get("sites_done", 0))
    while True:
        if i >= len(s.draft.websites):
            if s.draft.change is not None or not can_add_site(s):
                break
            if not s.asker.confirm("再添加一个网站吗？" if s.lang == "zh" else "Add another website to this order?",
                                   default=False):
                break
            s.draft.websites.append(Website())
        if s.draft.change is not None:
            _change_site_domains(s, i)
        _ask_site(s, i)
        i += 1
        s.draft.wizard = {**s.draft.wizard, "sites_done": i}
        s.save()


def _change_site_domains(s: Session, i: int) -> None:
    """change-site: domains can only be removed (§11.2); a new one is refused with what to do instead."""
    from beiancli.models import DomainFacts

    path = f"websites[{i}].domains"
    current = [d.name for d in s.draft.websites[i].domains]
    result: dict[str, Any] = {}

    def validate(text: str) -> str | None:
        names = [n.strip() for n in text.replace("，", ",").split(",") if n.strip()]
        value = []
        for n in names:
            info, problem = wiring.analyse_domain(n)
            if problem is not None:
                return problem.get(s.lang)
            value.append(DomainFacts(name=info.registrable))
        verdict = check(s, path, value)
        if verdict.errors:
            return "; ".join(verdict.errors)
        result["v"] = (value, verdict)
        return None

    prompt = ("网站的域名（逗号分隔；已备案网站只能删除域名）" if s.lang == "zh"
              else "Domains of the website (comma-separated; a filed site can only drop domains)")
    s.asker.text(prompt, default=", ".join(current), validate=validate)
    value, verdict = result["v"]
    kept = {d.name for d in value}
    removed = [n for n in current if n not in kept]
    put(s.draft, path, value)
    if removed:
        s.draft.change.removed_domains = sorted(set(s.draft.change.removed_domains) | set(removed))
        s.say(Msg("  删除域名：{d}", "  removing: {d}"), d=", ".join(removed))
    for w in verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)


# -- materials (§7) -------------------------------------------------------------------------------------

def _material_index(s: Session, kind: str, site: int | None) -> int | None:
    for i, m in enumerate(s.draft.materials):
        if m.kind == kind and m.site == site:
            return i
    return None


def step_materials(s: Session) -> None:
    """Walk the checklist for this draft: what each item must look like, a file path (or skip), the file checked
    by the same rules as `validate` (exists, format, size, pixels), recorded with its SHA-256."""
    from pathlib import Path

    from beiancli.models import Material

    reqs = wiring.requirements(s.draft)
    if not reqs:
        return
    _heading(s, "备案材料", "Materials")
    s.say(Msg("  逐项给出文件路径；直接回车跳过，之后用 beian checklist {ref} 或 --resume 补上",
              "  give a file path for each item; Enter skips it — come back with beian checklist {ref} or --resume"),
          ref=s.ref or "NAME")
    for n, req in enumerate(reqs, 1):
        idx = _material_index(s, req.kind, req.site)
        existing = s.draft.materials[idx] if idx is not None else None
        if existing is not None and existing.path and not existing.skipped:
            continue  # done (on --resume: only what is still missing is asked)
        if existing is not None and existing.skipped and req.skippable:
            continue  # marked as done in the provider's app
        where = f"（网站 {req.site + 1}）" if req.site is not None and s.lang == "zh" else (
            f" (website {req.site + 1})" if req.site is not None else "")
        s.say(f"\n[{n}/{len(reqs)}] {req.name.get(s.lang)}{where}")
        s.say(f"  {req.spec.get(s.lang)}")
        if req.skippable:
            s.say(Msg("  在接入商小程序中完成的，直接回车", "  done in the provider's app? press Enter"))
        slot = idx if idx is not None else len(s.draft.materials)
        mpath = f"materials[{slot}]"
        result: dict[str, Any] = {}

        def validate(text: str, req: Any = req, slot: int = slot, mpath: str = mpath,
                     result: dict[str, Any] = result) -> str | None:
            raw = text.strip().strip("'\"")
            if not raw:
                result["v"] = None
                return None
            file = Path(raw).expanduser()
            file = file if file.is_absolute() else (Path.cwd() / file)
            material = Material(kind=req.kind, path=str(file), site=req.site)

            def apply(draft: Any) -> None:
                if slot < len(draft.materials):
                    draft.materials[slot] = material
                else:
                    draft.materials.append(material)

            verdict = check(s, mpath, material, apply=apply)
            if verdict.errors:
                return "; ".join(verdict.errors)
            result["v"] = (material, verdict)
            return None

        s.asker.text("文件路径" if s.lang == "zh" else "File path", validate=validate)
        got = result["v"]
        if got is None:
            material = Material(kind=req.kind, site=req.site, skipped=True,
                                note=None if req.skippable else ("待补" if s.lang == "zh" else "to supply"))
        else:
            material, verdict = got
            material = material.model_copy(update={"sha256": wiring.sha256(Path(material.path))})
            for w in verdict.warnings:
                s.say(Msg("  注意：{w}", "  note: {w}"), w=w)
            s.say(Msg("  ✓ 已记录（SHA-256 {h}…）", "  ✓ recorded (SHA-256 {h}…)"), h=(material.sha256 or "")[:12])
        if slot < len(s.draft.materials):
            s.draft.materials[slot] = material
        else:
            s.draft.materials.append(material)
        s.save()


def step_review(s: Session) -> None:
    from beiancli.wizards.review import review

    review(s)
