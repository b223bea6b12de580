"""Consistency rules (BA7xx): the draft against the history of filed subjects and sites (§1.5, §11.2, §12),
and a personal filing's principals against the filer (§7.1).

Not checked, for want of data: a principal's ID number or mobile already used by another subject (Tianjin) and
a site principal under different subjects (Chongqing) (§6.2, §9.3) — the history does not record persons."""

from __future__ import annotations

from collections.abc import Iterator

from beiancli import domains
from beiancli.i18n import Msg
from beiancli.regions import find
from beiancli.rules.base import (
    Context,
    Finding,
    Rule,
    Severity,
    ids_tables,
    nature_label,
    norm_cert_number,
    normalise_name,
    types,
)
from beiancli.rules.person import cert_key, who
from beiancli.rules.provinces import name

DECIDED_TYPES = types("first", "add-site", "add-site-external", "access", "one-click-access")
"""The filing types §1.5 decides from the subject and the domain."""


# -- BA701 filing-type-history -------------------------------------------------------------------------

def check_filing_type(ctx: Context) -> Iterator[Finding]:
    """Decide each domain's filing type with rules.filing_type.decide (the table `check-domain` uses) and
    report the domains whose type is not the draft's. Runs only with a history: without one every domain
    looks unfiled, which says nothing about the draft."""
    if ctx.history is None:
        return
    from beiancli.rules import filing_type  # only with a history: a draft linted alone does not import it

    d = ctx.draft
    subject = ctx.history.find_subject(d.subject.cert_number) if d.subject.cert_number else None
    declared = d.filing_type
    for i, site in enumerate(d.websites):
        for j, dom in enumerate(site.domains):
            try:
                info = domains.analyse(dom.name)
            except domains.DomainError:
                continue  # not a domain: the domain rules report it
            decision = filing_type.decide(info, ctx.history, subject, ctx.provider_id)
            if decision.outcome == filing_type.FILE and decision.filing_type not in (None, declared):
                expected = decision.filing_type_name or Msg(decision.filing_type, decision.filing_type)
                yield FILING_TYPE_HISTORY.finding(
                    f"websites[{i}].domains[{j}].name", domain=info.registrable, declared=declared,
                    expected=decision.filing_type, expected_name=expected,
                )
            elif decision.outcome == filing_type.ALREADY_FILED:
                yield FILING_TYPE_HISTORY.finding(
                    f"websites[{i}].domains[{j}].name", domain=info.registrable, declared=declared,
                    expected="—", expected_name=Msg("无需备案（已备案并已在本接入商接入）", "nothing to file (filed and accessed here)"),
                )


FILING_TYPE_HISTORY = Rule(
    id="BA701",
    name="filing-type-history",
    family="consistency",
    severity=Severity.WARNING,
    title=Msg("备案类型与已备案记录相符", "The filing type fits what is already filed (the history)"),
    message=Msg(
        "草稿的备案类型是 {declared}，但按备案历史 {domain} 应办理：{expected_name}（{expected}）",
        "the draft files as {declared}, but by the history {domain} needs: {expected_name} ({expected})",
    ),
    suggestion=Msg(
        "把 filing_type 改为 {expected}；`beian check-domain {domain} --subject <证件号>` 显示判断过程",
        "set filing_type = \"{expected}\"; `beian check-domain {domain} --subject <certificate number>` shows the reasoning",
    ),
    source="§1.5 (decision table), §1.2; §12.1 #11 (wrong filing type / record already exists)",
    confidence="M",
    check=check_filing_type,
    filing_types=DECIDED_TYPES,
)


# -- BA702 subject-history-consistent ------------------------------------------------------------------

def check_history_subject(ctx: Context) -> Iterator[Finding]:
    """The filed subject with the draft's certificate number (history) against the draft's subject data."""
    if ctx.history is None:
        return

    s = ctx.draft.subject
    if not s.cert_number:
        return
    number = norm_cert_number(s.cert_number)
    filed = next((h for h in ctx.history.subjects if norm_cert_number(h.cert_number) == number), None)
    if filed is None:
        return
    changing = ctx.draft.filing_type == "change-subject"
    was = find(filed.province)
    if was is not None and ctx.province_id is not None and was.id != ctx.province_id:
        yield HISTORY_SUBJECT.finding(
            "province", what=Msg("省份", "province"), filed=name(was.id), fix=Msg(
                "跨省迁移须先注销原备案，再在新省份重新备案", "to move province, cancel the filing and file anew in the new province"),
        )
    former = {normalise_name(n) for n in s.former_names}
    if s.name and normalise_name(filed.name) != normalise_name(s.name) and normalise_name(filed.name) not in former:
        yield HISTORY_SUBJECT.finding(
            "subject.name", what=Msg("名称", "name"),
            filed=filed.name if ctx.is_organisation else Msg("（个人姓名不显示）", "(a person's name, not shown)"), fix=Msg(
                "把原名称列入 subject.former_names 并附更名证明" if changing else "单位已更名的，先办理变更主体（附更名证明）；否则按证件核对名称",
                "list the filed name in subject.former_names and add the name-change letter" if changing
                else "if the organisation was renamed, file a subject change first (with the name-change letter); else check the name against the certificate",
            ),
        )
    kinds = ids_tables()[0]
    if s.nature and filed.nature != s.nature:
        old, new = kinds.get(filed.nature), kinds.get(s.nature)
        to_personal = old is not None and new is not None and old.kind == "organisation" and new.kind == "individual"
        if changing and not to_personal:
            return  # a change may turn a personal filing into the person's company (§11.2, some provinces)
        yield HISTORY_SUBJECT.finding(
            "subject.nature", what=Msg("主办单位性质", "nature"), filed=nature_label(filed.nature), fix=Msg(
                "单位备案不能变更为个人备案" if to_personal else "性质变更须办理变更主体，或核对证件类型和性质",
                "an organisation's filing never becomes a personal one" if to_personal
                else "a different nature needs a subject change; or check the nature and certificate type",
            ),
        )


HISTORY_SUBJECT = Rule(
    id="BA702",
    name="subject-history-consistent",
    family="consistency",
    severity=Severity.WARNING,
    title=Msg("主体信息与已备案的记录一致（省份、名称、性质）", "The subject matches its filed record (province, name, nature)"),
    message=Msg(
        "证件号码相同的主体已按另一{what}备案：{filed}",
        "a subject with this certificate number is filed with another {what}: {filed}",
    ),
    suggestion=Msg("{fix}（依据：§11.2）", "{fix} (basis: §11.2)"),
    source="§11.2 (moving province: cancel and file anew; renamed organisation: change filing with a name-change letter; enterprise → personal never); §12.1 #18, #19; §6.1 证件号码 (the number MIIT already holds)",
    confidence="M",
    check=check_history_subject,
    filing_types=types("first", "add-site", "add-site-external", "access", "one-click-access", "change-subject", "change-site"),
)


# -- BA703 individual-principals-are-filer -------------------------------------------------------------

def check_individual_principals(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    filer = cert_key(ctx, s.cert_type, s.cert_number) if s.cert_type and s.cert_number else None
    for path, p in ctx.persons():
        sev = None if path == "subject.principal" else Severity.WARNING
        if filer and p.cert_type and p.cert_number and cert_key(ctx, p.cert_type, p.cert_number) != filer:
            yield INDIVIDUAL_PRINCIPALS.finding(f"{path}.cert_number", sev, who=who(path), what=Msg("证件号码", "ID number"))
        elif s.name and p.name and normalise_name(p.name) != normalise_name(s.name):
            yield INDIVIDUAL_PRINCIPALS.finding(f"{path}.name", sev, who=who(path), what=Msg("姓名", "name"))


INDIVIDUAL_PRINCIPALS = Rule(
    id="BA703",
    name="individual-principals-are-filer",
    family="consistency",
    severity=Severity.ERROR,
    title=Msg("个人备案的负责人就是备案者本人", "In a personal filing the principals are the filer"),
    message=Msg("个人备案：{who}的{what}与备案者（主办者）不同", "personal filing: the {what} of {who} is not the filer's"),
    suggestion=Msg(
        "个人备案的主体负责人和网站负责人都填写备案者本人（同一证件）；由他人负责的网站请以单位名义备案",
        "in a personal filing both principals are the filer (the same ID); a site someone else runs belongs in an organisation's filing",
    ),
    source="§7.1 (personal filing: the subject PIC's and the site PIC's ID are the filer's) [Q-subject]; §6.3 (fields logically consistent); §12.1 #19",
    confidence="H",
    check=check_individual_principals,
    filing_types=types("first", "add-site", "add-site-external", "access", "one-click-access", "change-subject", "change-site"),
    natures=frozenset({"individual"}),
)
