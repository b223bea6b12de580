"""Person rules (BA3xx): the principals (主体负责人, 网站负责人) — ID number, ID validity, mobile, emergency
phone, e-mail, office phone, and one set of contacts per person (§5, §6.1, §6.2, §12.2). Every rule looks at
each person of the filing (`ctx.persons()`); `person_key` says when two entries are the same person."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from beiancli import ids
from beiancli.i18n import Msg
from beiancli.rules.base import NEW_FILINGS, Context, Finding, Rule, Severity, ids_tables, normalise_name

if TYPE_CHECKING:
    from beiancli.models import Person

PERSON_DATA = NEW_FILINGS | {"change-subject", "change-site"}
"""Filing types that submit principals' data."""


_SITE_INDEX = re.compile(r"websites\[(\d+)\]")


def who(path: str) -> Msg:
    """`subject.principal` -> 主体负责人; `websites[1].principal` -> 网站 2 的负责人."""
    m = _SITE_INDEX.match(path)
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
    for path, p in ctx.persons():
        if not p.mobile:
            continue
        for prob in mobile_info(p.mobile).problems:
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

_NON_DIGITS = re.compile(r"\D")


@functools.lru_cache(maxsize=4096)
def phone_digits(phone: str) -> str:
    """The digits of a phone number as written (NFKC), without a +86/0086 before a mobile: what the
    same-number rules compare. Cached: four rules ask it of the same few numbers in every draft."""
    d = _NON_DIGITS.sub("", unicodedata.normalize("NFKC", phone))
    for cc in ("0086", "86"):
        if d.startswith(cc) and len(d) - len(cc) == 11:
            return d[len(cc):]
    return d


def check_emergency(ctx: Context) -> Iterator[Finding]:
    strict = bool(ctx.province_rules.get("emergency_differs"))
    for path, p in ctx.persons():
        if p.mobile and p.emergency_phone and phone_digits(p.mobile) == phone_digits(p.emergency_phone):
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


# -- shared helpers of BA306-BA309 ---------------------------------------------------------------------

def person_key(ctx: Context, p: Person) -> str | None:
    """Who a person is: the normalised certificate number, else the normalised name (None: unknown).
    The subject's principal and a site's principal with the same ID are one person."""
    if p.cert_type and p.cert_number:
        return cert_key(ctx, p.cert_type, p.cert_number)
    return "name:" + normalise_name(p.name) if p.name else None


_SPACE_OR_HYPHEN = re.compile(r"[\s-]")


def cert_key(ctx: Context, cert_type: str, number: str) -> str:
    """A certificate number normalised the way ids normalises it (NFKC, no spaces or hyphens, upper case)."""
    info = ctx.cert(cert_type, number)
    return "id:" + (info.number if info is not None else _SPACE_OR_HYPHEN.sub("", number).upper())


def distinct_persons(ctx: Context) -> tuple[tuple[str, Person], ...]:
    """`ctx.persons()` with each person once (first path): an individual is usually both principals. Kept
    per draft: BA602 and BA605-BA607 ask for it."""
    return ctx.memo("distinct_persons", lambda: tuple(_distinct_persons(ctx)))


def _distinct_persons(ctx: Context) -> list[tuple[str, Person]]:
    seen: set[str] = set()
    out = []
    for path, p in ctx.persons():
        key = person_key(ctx, p)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        out.append((path, p))
    return out


@functools.lru_cache(maxsize=4096)
def phone_info(value: str) -> Any:
    """`ids.check_phone(value)`, cached per process: a batch of one organisation's drafts repeats its office
    and emergency numbers."""
    return ids.check_phone(value)


@functools.lru_cache(maxsize=4096)
def mobile_info(value: str) -> Any:
    """`ids.check_mobile(value, pic=True)`, cached per process: an individual's two principals are one person
    with one mobile, and a batch repeats numbers."""
    return ids.check_mobile(value, pic=True)


@functools.lru_cache(maxsize=4096)
def email_problem(value: str) -> Any:
    """`ids.check_email(value)` as a Problem, or None when the address is well-formed; cached per process."""
    result = ids.check_email(value)
    return result if isinstance(result, ids.Problem) else None


def _email_key(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


# -- BA306 principal-contacts-distinct -----------------------------------------------------------------

def check_contacts_distinct(ctx: Context) -> Iterator[Finding]:
    fields = (
        ("mobile", phone_digits, Msg("手机号码", "mobile number")),
        ("email", _email_key, Msg("电子邮箱", "e-mail address")),
    )
    seen: dict[tuple[str, str], tuple[str | None, str]] = {}
    for path, p in ctx.persons():
        key = person_key(ctx, p)
        for field_name, norm, what in fields:
            value = getattr(p, field_name)
            if not value:
                continue
            first = seen.setdefault((field_name, norm(value)), (key, path))
            if first[0] != key or (key is None and first[1] != path):
                yield CONTACTS_DISTINCT.finding(f"{path}.{field_name}", who=who(path), other=who(first[1]), what=what)


CONTACTS_DISTINCT = Rule(
    id="BA306",
    name="principal-contacts-distinct",
    family="person",
    severity=Severity.WARNING,
    title=Msg("不同的负责人使用不同的手机号码和电子邮箱", "Different principals have different mobiles and e-mail addresses"),
    message=Msg("{who}的{what}与{other}相同，而两人不是同一人", "{who} has the same {what} as {other}, a different person"),
    suggestion=Msg(
        "每位负责人填写本人实名的手机号码和自己的电子邮箱（一人一套联系方式）",
        "give each principal their own real-name mobile and their own e-mail (one set of contacts per person)",
    ),
    source="§6.1 手机号码 ([Q-subject], [Q-site]; HWKB:faq/备案驳回咨询.md doc_0023, doc_0080: when subject PIC ≠ site PIC their mobiles and e-mails differ); §9.3 青海 (Huawei); §12.1 #8",
    confidence="M",
    check=check_contacts_distinct,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA307 emergency-phone-other-principal -------------------------------------------------------------

def check_emergency_other(ctx: Context) -> Iterator[Finding]:
    mobiles: dict[str, tuple[str | None, str]] = {}
    people = [(path, p, person_key(ctx, p)) for path, p in ctx.persons()]
    for path, p, key in people:
        if p.mobile:
            mobiles.setdefault(phone_digits(p.mobile), (key, path))
    for path, p, key in people:
        if not p.emergency_phone:
            continue
        owner = mobiles.get(phone_digits(p.emergency_phone))
        if owner is not None and owner[0] != key and owner[1] != path:
            yield EMERGENCY_OTHER.finding(f"{path}.emergency_phone", who=who(path), other=who(owner[1]))


EMERGENCY_OTHER = Rule(
    id="BA307",
    name="emergency-phone-other-principal",
    family="person",
    severity=Severity.WARNING,
    title=Msg("应急联系电话不是另一位负责人的手机号", "The emergency phone is not another principal's mobile"),
    message=Msg("{who}的应急联系电话是{other}的手机号码", "the emergency phone of {who} is the mobile of {other}"),
    suggestion=Msg(
        "应急联系电话填写负责人之外的第三人（家人、同事）或办公座机，不要填写本备案中任何负责人的手机号",
        "give a third person's number (a relative, a colleague) or an office landline, not the mobile of any principal of this filing",
    ),
    source="§12.2 (emergency contact not duplicated with any PIC's mobile); §6.1 应急联系电话 ([GS]: a third employee's number); §12.1 #8",
    confidence="M",
    check=check_emergency_other,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA308 principal-email-format ----------------------------------------------------------------------

def check_email(ctx: Context) -> Iterator[Finding]:
    for path, p in ctx.persons():
        result = email_problem(p.email) if p.email else None
        if result is not None:
            yield EMAIL_FORMAT.finding(f"{path}.email", Severity(result.severity), who=who(path), problem=result.msg)


EMAIL_FORMAT = Rule(
    id="BA308",
    name="principal-email-format",
    family="person",
    severity=Severity.ERROR,
    title=Msg("负责人的电子邮箱地址格式正确", "A principal's e-mail address is well-formed"),
    message=Msg("{who}的电子邮箱有误：{problem}", "the e-mail of {who} is wrong: {problem}"),
    suggestion=Msg(
        "填写负责人本人能收信的邮箱（备案进度通知发送到这里）",
        "give an address the person reads: progress notices are sent there",
    ),
    source="§6.1 电子邮箱 (must receive mail; [VE-subj], [Qd-addsite-ext]); §12.1 #8; syntax by email_validator (no DNS)",
    confidence="H",
    check=check_email,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA309 contact-phone-format ------------------------------------------------------------------------

OTHER_PHONES = (("emergency_phone", Msg("应急联系电话", "emergency phone")), ("office_phone", Msg("办公电话", "office phone")))
"""A person's phone fields besides the mobile, with their labels (BA309, BA605)."""


def check_other_phones(ctx: Context) -> Iterator[Finding]:
    for path, p in ctx.persons():
        for field_name, what in OTHER_PHONES:
            value = getattr(p, field_name)
            if not value:
                continue
            for prob in phone_info(value).problems:
                yield PHONE_FORMAT.finding(
                    f"{path}.{field_name}", Severity(prob.severity), who=who(path), what=what, problem=prob.msg
                )


PHONE_FORMAT = Rule(
    id="BA309",
    name="contact-phone-format",
    family="person",
    severity=Severity.ERROR,
    title=Msg("应急联系电话和办公电话是有效的号码", "Emergency and office phones are valid numbers"),
    message=Msg("{who}的{what}有误：{problem}", "the {what} of {who} is wrong: {problem}"),
    suggestion=Msg(
        "填写中国大陆手机号，或带区号的固定电话（如 0755-86013388，分机写在“转”之后）",
        "give a mainland mobile, or a landline with its area code (e.g. 0755-86013388; an extension after 转)",
    ),
    source="§5.1 (mainland mobile ranges; landlines per area code, phonenumbers 9.0.43); §6.1 应急联系电话, 办公电话; §12.1 #8",
    confidence="H",
    check=check_other_phones,
    filing_types=frozenset(PERSON_DATA),
)
