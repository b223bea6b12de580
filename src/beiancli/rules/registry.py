"""Every lint rule beiancli enforces, listed explicitly (no discovery, no metaclasses), and `lint()`.

Id scheme — `BA` + three digits; the first digit is the family (base.FAMILIES):

    BA0xx  completeness   the file is a draft; required fields (rules/data/fields.toml)
    BA1xx  domain         domain names and the MIIT domain checks (§3)
    BA2xx  subject        the filing subject: certificate, nature, address (§4, §6.1, §6.3)
    BA3xx  person         principals: ID, validity, mobile, emergency phone, e-mail (§5, §6.1)
    BA4xx  website        site names, personal-filing limits, pre-approval (§6.2, §8)
    BA5xx  materials      required documents and the files themselves (§7)
    BA6xx  province       the §9 province rules (rules/data/province_rules.toml; warnings by default)
    BA7xx  consistency    the draft against the history and against itself (§1.5, §12)

Ids are stable: a retired rule's id is never reused. To add a rule: write the check function and its
`Rule(...)` in `rules/<family>.py`, add it to `RULES` below (id order), add `rules/docs/<ID>.md` and
`tests/rules/cases/<ID>.toml`; tests/rules/test_registry.py fails until all four exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from beiancli.errors import UsageError
from beiancli.i18n import Msg
from beiancli.rules import (
    completeness,
    consistency,
    domain,
    materials_rules,
    person,
    province,
    subject,
    website,
)
from beiancli.rules.base import Context, Finding, Rule, Severity, _ids

if TYPE_CHECKING:
    from beiancli.models import Draft, History

RULES: tuple[Rule, ...] = (
    # BA0xx completeness
    completeness.PARSE_ERROR,
    completeness.REQUIRED_FIELD,
    completeness.SCHEMA_ERROR,
    # BA1xx domain
    domain.REGISTRABLE,
    domain.TLD_APPROVED,
    domain.SUFFIX_NATURE,
    domain.HOLDER_SUBJECT,
    domain.HOLDER_CERT,
    domain.EXPIRY,
    domain.REALNAME,
    domain.ONE_PER_SITE,
    domain.DUPLICATE,
    domain.BEIJING_WORDS,
    # BA2xx subject
    subject.CERT_NUMBER,
    subject.NATURE_CERT_TYPE,
    subject.ADDRESS_DETAIL,
    subject.CERT_PROVINCE,
    subject.INVESTOR,
    subject.USCC_AUTHORITY,
    subject.NAME_NOT_SITE,
    subject.CURRENT_USCC,
    # BA3xx person
    person.ID_NUMBER,
    person.ID_EXPIRED,
    person.ID_EXPIRING,
    person.MOBILE_SMS,
    person.EMERGENCY_NOT_OWN_MOBILE,
    person.CONTACTS_DISTINCT,
    person.EMERGENCY_OTHER,
    person.EMAIL_FORMAT,
    person.PHONE_FORMAT,
    # BA4xx website
    website.NAME_FORM,
    website.PERSONAL_BANNED_WORD,
    website.PERSONAL_ONE_SITE,
    website.NAME_PREFIX,
    website.SENSITIVE_WORD,
    website.PERSON_OR_PLACE,
    website.PROJECT_REMARK,
    website.PREAPPROVAL_KEYWORD,
    website.PERSONAL_PREAPPROVAL,
    website.PREAPPROVAL_ITEM,
    website.ORG_SITES,
    website.PROVINCE_ORDER_LIMIT,
    website.PROVINCE_SITE_CAP,
    website.PERSONAL_CONTENT_TYPE,
    website.LANGUAGES_DECLARED,
    website.PERSONAL_REMARK,
    website.DISTINCT_NAMES,
    # BA5xx materials
    materials_rules.MATERIAL_MISSING,
    materials_rules.FILE_MISSING,
    materials_rules.FILE_FORMAT,
    materials_rules.FILE_SIZE,
    materials_rules.FILE_PIXELS,
    materials_rules.FILE_DUPLICATE,
    materials_rules.UNKNOWN_KIND,
    # BA6xx province
    province.SUBJECT_PRINCIPAL_LEGAL_REP,
    province.AGE,
    province.INDIVIDUAL_PROVINCE,
    province.SITE_IS_SUBJECT_PRINCIPAL,
    province.LOCAL_LANDLINE,
    province.LOCAL_MOBILE,
    province.OFFICE_PHONE,
    province.CERT_TYPE_BARRED,
    # BA7xx consistency
    consistency.FILING_TYPE_HISTORY,
    consistency.HISTORY_SUBJECT,
    consistency.INDIVIDUAL_PRINCIPALS,
)


@cache
def _index() -> dict[str, Rule]:
    idx: dict[str, Rule] = {}
    for rule in RULES:
        for key in (rule.id, rule.name):
            if key in idx:
                raise ValueError(f"duplicate rule id or name {key!r}")
            idx[key] = rule
    return idx


def get(key: str) -> Rule | None:
    """A rule by id (`BA301`, case-insensitive) or name (`principal-id-validity`)."""
    k = key.strip()
    return _index().get(k.upper()) or _index().get(k.lower())


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules to run: `select` (ids, names or families; empty = all) minus `ignore`. Unknown
    selectors are a usage error naming them, so a typo in CI config does not silently disable nothing."""
    wanted = _resolve(select) if select else set(RULES)
    dropped = _resolve(ignore)
    return tuple(r for r in RULES if r in wanted and r not in dropped)


def _resolve(selectors: Iterable[str]) -> set[Rule]:
    out: set[Rule] = set()
    unknown = []
    for raw in selectors:
        for sel in (s.strip() for s in raw.split(",")):
            if not sel:
                continue
            rule = get(sel)
            if rule is not None:
                out.add(rule)
            elif sel.lower() in {r.family for r in RULES}:
                out.update(r for r in RULES if r.family == sel.lower())
            else:
                unknown.append(sel)
    if unknown:
        names = ", ".join(unknown)
        raise UsageError(
            Msg(f"未知的规则：{names}（`beian rules` 列出全部规则）", f"unknown rule(s): {names} (`beian rules` lists them)")
        )
    return out


def severity_overrides(overrides: Mapping[str, str] | None) -> dict[str, Severity | None]:
    """Config `[severity]` table (rule id or name -> error | warning | info | off) keyed by rule id;
    None = off."""
    out: dict[str, Severity | None] = {}
    for key, level in (overrides or {}).items():
        rule = get(key)
        if rule is None:
            raise UsageError(Msg(f"severity 配置中的未知规则：{key}", f"unknown rule in the severity settings: {key}"))
        lv = str(level).strip().lower()
        if lv == "off":
            out[rule.id] = None
        elif lv in ("error", "warning", "info"):
            out[rule.id] = Severity(lv)
        else:
            raise UsageError(
                Msg(f"{key} 的级别应为 error / warning / info / off", f"severity of {key} must be error, warning, info or off")
            )
    return out


def lint(
    draft: Draft,
    history: History | None = None,
    *,
    today: dt.date,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    paths: Sequence[str] | None = None,
    severity: Mapping[str, str] | None = None,
    provider: str | None = None,
    base_dir: Path | None = None,
    rules: Sequence[Rule] | None = None,
) -> list[Finding]:
    """Run every applicable rule over one draft; findings come back with their severity filled in.

    `paths` keeps only findings on those field paths or below them (the wizard checks one answer with
    `paths=["subject.principal.mobile"]`). `severity` maps rule ids or names to error/warning/info/off
    (config). `rules` (already selected) skips the select/ignore resolution in batch runs."""
    chosen = rules if rules is not None else select_rules(select, ignore)
    levels = severity_overrides(severity)
    ctx = Context(draft=draft, history=history, today=today, provider=provider, base_dir=base_dir)
    found: list[Finding] = []
    if not levels and paths is None:  # the usual run (a batch, the CLI without [severity]): no filter per rule
        for rule in _applicable(chosen, ctx):
            for f in rule.check(ctx):
                sev = f.severity or rule.severity
                found.append(f if f.severity is sev else Finding(f.rule_id, f.path, f.data, sev))
        return found
    for rule in _applicable(chosen, ctx):
        if rule.id in levels and levels[rule.id] is None:
            continue
        forced = levels.get(rule.id)
        for f in rule.check(ctx):
            if paths is not None and not _under(f.path, paths):
                continue
            sev = forced or f.severity or rule.severity
            found.append(f if f.severity is sev else Finding(f.rule_id, f.path, f.data, sev))
    return found


_APPLICABLE: dict[tuple[object, ...], tuple[Sequence[Rule], object, tuple[Rule, ...]]] = {}


def _applicable(chosen: Sequence[Rule], ctx: Context) -> tuple[Rule, ...]:
    """The rules of `chosen` that apply to the draft, in order. `Rule.applies` looks only at the filing
    type, the nature (and the kind it has in certificates.toml) and the province (regions are fixed for a
    process), so the answer is kept per (rule list, filing type, nature, province, the certificate tables
    in use - without loading them):
    a batch asks ~65 rules for every draft and meets a handful of combinations. The entry holds the rule
    list and the tables themselves, so their ids are not reused while it exists; bounded."""
    d = ctx.draft
    tables = _ids()._tables_of[1]
    key = (id(chosen), d.filing_type, d.subject.nature, d.province, id(tables))
    hit = _APPLICABLE.get(key)
    if hit is not None and hit[0] is chosen and hit[1] is tables:
        return hit[2]
    rules = tuple(rule for rule in chosen if rule.applies(ctx))
    if len(_APPLICABLE) >= 256:
        _APPLICABLE.clear()
    _APPLICABLE[key] = (chosen, tables, rules)
    return rules


def _under(path: str, prefixes: Sequence[str]) -> bool:
    return any(path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in prefixes)
