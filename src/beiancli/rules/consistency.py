"""Consistency rules (BA7xx): the draft against the history of filed subjects and sites (§1.5, §12)."""

from __future__ import annotations

from collections.abc import Iterator

from beiancli.i18n import Msg
from beiancli.rules.base import Context, Finding, Rule, Severity, types

DECIDED_TYPES = types("first", "add-site", "add-site-external", "access", "one-click-access")
"""The filing types §1.5 decides from the subject and the domain."""


# -- BA701 filing-type-history -------------------------------------------------------------------------

def check_filing_type(ctx: Context) -> Iterator[Finding]:
    """Decide each domain's filing type with rules.filing_type.decide (the table `check-domain` uses) and
    report the domains whose type is not the draft's. Runs only with a history: without one every domain
    looks unfiled, which says nothing about the draft."""
    if ctx.history is None:
        return
    from beiancli import domains
    from beiancli.rules import filing_type

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
