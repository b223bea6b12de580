"""Province rules (BA6xx): the §9 bureau rules, read from rules/data/province_rules.toml (one row per
province, with source and as-of date). Warnings by default (§9.1): a row's `severity` can promote it."""

from __future__ import annotations

from collections.abc import Iterator

from beiancli.i18n import Msg
from beiancli.rules.base import ORGANISATION, Context, Finding, Rule, Severity
from beiancli.rules.subject import SUBJECT_DATA


def _severity(ctx: Context) -> Severity:
    return Severity(ctx.province_rules.get("severity", "warning"))


# -- BA601 subject-principal-legal-rep -----------------------------------------------------------------

def check_principal_legal_rep(ctx: Context) -> Iterator[Finding]:
    row = ctx.province_rules
    if row.get("subject_pic") != "L" or ctx.principal_is_legal_rep is not False:
        return
    yield SUBJECT_PRINCIPAL_LEGAL_REP.finding(
        "subject.principal.name", _severity(ctx), province=ctx.province_id, basis=row.get("source", "")
    )


SUBJECT_PRINCIPAL_LEGAL_REP = Rule(
    id="BA601",
    name="subject-principal-legal-rep",
    family="province",
    severity=Severity.WARNING,
    title=Msg("要求法定代表人任主体负责人的省份，主体负责人是法定代表人", "Where the province requires it, the subject's principal is the legal representative"),
    message=Msg(
        "{province}要求单位的主体负责人由法定代表人担任，而此草稿的主体负责人不是法定代表人",
        "{province} requires the legal representative as the subject's principal; this draft names someone else",
    ),
    suggestion=Msg(
        "把法定代表人填为主体负责人（授权书在{province}不被接受）（依据：{basis}）",
        "make the legal representative the subject's principal (an authorisation letter is not accepted in {province}) (basis: {basis})",
    ),
    source="§9.2 column Subject PIC = L (22 provinces, [Q-subject]); §12.1 #7; rules/data/province_rules.toml",
    confidence="H",
    check=check_principal_legal_rep,
    filing_types=frozenset(SUBJECT_DATA),
    natures=ORGANISATION,
)
