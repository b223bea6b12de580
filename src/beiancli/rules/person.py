"""Person rules (BA3xx): the principals (主体负责人, 网站负责人) — ID number, ID validity, mobile, emergency
phone (§5, §6.1, §6.2). Every rule looks at each person of the filing (`ctx.persons()`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from beiancli.i18n import Msg
from beiancli.rules.base import NEW_FILINGS, Context, Finding, Rule, Severity, ids_tables

PERSON_DATA = NEW_FILINGS | {"change-subject", "change-site"}
"""Filing types that submit principals' data."""


def who(path: str) -> Msg:
    """`subject.principal` -> 主体负责人; `websites[1].principal` -> 网站 2 的负责人."""
    m = re.match(r"websites\[(\d+)\]", path)
    if m:
        n = int(m.group(1)) + 1
        return Msg(f"网站 {n} 的负责人", f"the principal of website {n}")
    return Msg("主体负责人", "the subject's principal")


# -- BA301 principal-id-number -------------------------------------------------------------------------

def check_id_number(ctx: Context) -> Iterator[Finding]:
    types = ids_tables()[1]
    for path, p in ctx.persons():
        if not p.cert_type or not p.cert_number:
            continue  # BA001
        if p.cert_type not in types or not types[p.cert_type].person:
            allowed = ", ".join(k for k, t in types.items() if t.person)
            yield ID_NUMBER.finding(
                f"{path}.cert_type", who=who(path),
                problem=Msg(f"{p.cert_type} 不是个人证件类型（可用：{allowed}）",
                            f"{p.cert_type} is not a personal certificate type (use: {allowed})"),
            )
            continue
        info = ctx.cert(p.cert_type, p.cert_number)
        for prob in info.problems:
            yield ID_NUMBER.finding(f"{path}.cert_number", Severity(prob.severity), who=who(path), problem=prob.msg)


ID_NUMBER = Rule(
    id="BA301",
    name="principal-id-number",
    family="person",
    severity=Severity.ERROR,
    title=Msg("负责人的证件号码有效（校验位、出生日期、地区）", "A principal's ID number is valid (check digit, birth date, region)"),
    message=Msg("{who}的证件号码有误：{problem}", "the ID number of {who} is wrong: {problem}"),
    suggestion=Msg("对照身份证件原件逐位核对", "copy the number again from the ID document"),
    source="§5.1 (GB 11643 MOD 11-2, permits, PR cards); §5.4; §6.1 主体负责人",
    confidence="H",
    check=check_id_number,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA302 / BA303 principal-id-expired / principal-id-expiring ----------------------------------------

def _validity(ctx: Context, code: str) -> Iterator[Finding]:
    from beiancli import ids

    min_days = int(ctx.province_rules["id_validity_min_days"])
    when = ctx.submission_date
    for path, p in ctx.persons():
        prob = ids.check_validity(p.cert_valid_until, long_term=p.cert_long_term, today=when, min_days=min_days)
        if prob is None or prob.code != code:
            continue
        left = (p.cert_valid_until - when).days if p.cert_valid_until else 0
        yield Finding(
            ID_EXPIRED.id if code == "expired" else ID_EXPIRING.id,
            f"{path}.cert_valid_until",
            {"who": who(path), "until": p.cert_valid_until, "left": left, "min_days": min_days, "submission": when},
        )


def check_expired(ctx: Context) -> Iterator[Finding]:
    return _validity(ctx, "expired")


def check_expiring(ctx: Context) -> Iterator[Finding]:
    return _validity(ctx, "expiring")


ID_EXPIRED = Rule(
    id="BA302",
    name="principal-id-expired",
    family="person",
    severity=Severity.ERROR,
    title=Msg("负责人的证件在提交日仍有效", "A principal's ID is still valid on the submission date"),
    message=Msg("{who}的证件有效期至 {until}，提交日（{submission}）已过期", "the ID of {who} expires on {until}, before the submission date ({submission})"),
    suggestion=Msg("先换领新证件，再用新证件的号码、有效期和照片填写", "renew the ID first, then file with the new card's number, dates and photos"),
    source="§6.1 主体负责人 [Q-subject], [Q-affect]; §11.1 (an expired ID blocks further filings); §12.1 #6",
    confidence="H",
    check=check_expired,
    filing_types=frozenset(PERSON_DATA),
)

ID_EXPIRING = Rule(
    id="BA303",
    name="principal-id-expiring",
    family="person",
    severity=Severity.WARNING,
    title=Msg("负责人的证件在提交后仍有足够的有效期（通常 ≥ 3 个月）", "A principal's ID stays valid long enough after submission (usually ≥3 months)"),
    message=Msg(
        "{who}的证件有效期至 {until}，提交后仅剩 {left} 天（要求至少 {min_days} 天）",
        "the ID of {who} expires on {until}, only {left} days after submission ({min_days} required)",
    ),
    suggestion=Msg("先换领证件，或在证件到期前尽早提交", "renew the ID first, or submit well before it expires"),
    source="§5.4 (end date later than submission + 3 months); §6.1 [Q-subject]; §7.4 (Volcengine ≥3 months); province_rules.toml id_validity_min_days",
    confidence="M",
    check=check_expiring,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA304 principal-mobile-sms ------------------------------------------------------------------------

def check_mobile(ctx: Context) -> Iterator[Finding]:
    from beiancli import ids

    for path, p in ctx.persons():
        if not p.mobile:
            continue
        info = ids.check_mobile(p.mobile, pic=True)
        for prob in info.problems:
            yield MOBILE_SMS.finding(f"{path}.mobile", Severity(prob.severity), who=who(path), problem=prob.msg)


MOBILE_SMS = Rule(
    id="BA304",
    name="principal-mobile-sms",
    family="person",
    severity=Severity.ERROR,
    title=Msg("负责人的手机号码能接收工信部短信", "A principal's mobile can receive the MIIT verification SMS"),
    message=Msg("{who}的手机号码有误：{problem}", "the mobile of {who} is wrong: {problem}"),
    suggestion=Msg(
        "填写本人实名、能接收短信的中国大陆手机号（物联网号段和部分虚拟号段收不到工信部短信）",
        "give the person's own real-name mainland mobile that receives SMS (IoT and some virtual ranges never get the MIIT SMS)",
    ),
    source="§5.1 (SMS-capable ranges, VincentSit/ChinaMobilePhoneNumberRegex); §6.1 手机号码 [Q-sms]; §12.1 #8, #17",
    confidence="H",
    check=check_mobile,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA305 emergency-phone-own-mobile ------------------------------------------------------------------

def _digits(phone: str) -> str:
    import unicodedata

    d = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone))
    for cc in ("0086", "86"):
        if d.startswith(cc) and len(d) - len(cc) == 11:
            return d[len(cc):]
    return d


def check_emergency(ctx: Context) -> Iterator[Finding]:
    strict = bool(ctx.province_rules.get("emergency_differs"))
    for path, p in ctx.persons():
        if p.mobile and p.emergency_phone and _digits(p.mobile) == _digits(p.emergency_phone):
            yield EMERGENCY_NOT_OWN_MOBILE.finding(
                f"{path}.emergency_phone", Severity.ERROR if strict else None, who=who(path),
                province=ctx.province_id or "?",
            )


EMERGENCY_NOT_OWN_MOBILE = Rule(
    id="BA305",
    name="emergency-phone-own-mobile",
    family="person",
    severity=Severity.WARNING,
    title=Msg("应急联系电话不是负责人自己的手机号", "The emergency phone is not the principal's own mobile"),
    message=Msg("{who}的应急联系电话与其手机号码相同", "the emergency phone of {who} is the same number as their mobile"),
    suggestion=Msg(
        "填写另一个能联系到负责人的号码（家人或同事的电话、办公座机）",
        "give another number that reaches the person (a relative's or colleague's phone, an office landline)",
    ),
    source="§6.1 应急联系电话 ([JD:Guangdong], [VE-subj], [HWX]); §12.1 #8; province_rules.toml emergency_differs (error there)",
    confidence="M",
    check=check_emergency,
    filing_types=frozenset(PERSON_DATA),
)
