"""Province rules (BA6xx): the §9 bureau rules, read from rules/data/province_rules.toml (one row per
province, with source and as-of date). Warnings by default (§9.1): a row's `severity` can promote it.

Which *materials* a province adds (authorisation letters, residence permits, commitment letters, 党建证明,
guardian documents) is the materials matrix's business (rules/data/materials.toml, rule BA501), driven by the
same rows; these rules check the data itself: ages, where individuals come from, phones, certificate types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from beiancli import ids
from beiancli.i18n import Msg
from beiancli.rules.base import INDIVIDUAL, ORGANISATION, Context, Finding, Rule, Severity, ids_tables
from beiancli.rules.data import load
from beiancli.rules.person import (
    OTHER_PHONES,
    PERSON_DATA,
    cert_key,
    distinct_persons,
    person_key,
    phone_digits,
    phone_info,
    who,
)
from beiancli.rules.provinces import name
from beiancli.rules.subject import SUBJECT_DATA

if TYPE_CHECKING:
    from beiancli.models import Person


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


# -- shared helpers of BA602-BA608 ---------------------------------------------------------------------

def _scope(ctx: Context, applies: str | None) -> bool:
    """Does a row's `…_applies` value ("all", "individual", "organisation", "organisation-subject-principal")
    cover this draft's subject kind?"""
    if applies in (None, "all"):
        return True
    if applies == "individual":
        return ctx.is_individual
    return ctx.is_organisation


def _people(ctx: Context, applies: str | None) -> list[tuple[str, Person]]:
    """The distinct persons a row's `…_applies` value covers."""
    if not _scope(ctx, applies):
        return []
    people = distinct_persons(ctx)
    if applies == "organisation-subject-principal":
        return [(path, p) for path, p in people if path == "subject.principal"]
    return list(people)


def _prov(ctx: Context) -> Msg:
    return name(ctx.province_id)


# -- BA602 principal-age -------------------------------------------------------------------------------

def check_age(ctx: Context) -> Iterator[Finding]:
    row = ctx.province_rules
    min_age = row.get("min_age")
    retirement = row.get("retirement_age", {})
    if min_age is None and not retirement:
        return
    people = _people(ctx, row.get("age_applies")) if min_age is not None else []
    checked = {path for path, _p in people}
    if retirement:  # the retirement rule covers every principal
        people += [(path, p) for path, p in distinct_persons(ctx) if path not in checked]
    for path, p in people:
        if not p.cert_type or not p.cert_number:
            continue
        info = ctx.cert(p.cert_type, p.cert_number)
        if info is None or info.birth_date is None:
            continue  # a passport or permit without a birth date in the number
        age = ids.person_age(info.birth_date, ctx.submission_date)
        if path in checked and age < int(min_age):
            yield AGE.finding(
                f"{path}.cert_number", _severity(ctx), who=who(path), province=_prov(ctx), code="under-age",
                age=age, limit=int(min_age),
                problem=Msg(f"未满 {min_age} 周岁（提交时 {age} 周岁）", f"is under {min_age} ({age} on the submission date)"),
            )
        limit = retirement.get(info.sex or "")
        if limit is not None and age >= int(limit):
            yield AGE.finding(
                f"{path}.cert_number", _severity(ctx), who=who(path), province=_prov(ctx), code="retirement",
                age=age, limit=int(limit),
                problem=Msg(f"已到退休年龄（{limit} 周岁，提交时 {age} 周岁）",
                            f"has reached retirement age ({limit}; {age} on the submission date)"),
            )


AGE = Rule(
    id="BA602",
    name="principal-age",
    family="province",
    severity=Severity.WARNING,
    title=Msg("负责人的年龄符合省管局要求（未成年、退休年龄）", "Principals' ages meet the province's rules (minors, retirement age)"),
    message=Msg("{province}管局不接受此负责人：{who}{problem}", "{province} does not accept this principal: {who} {problem}"),
    suggestion=Msg(
        "改由符合年龄要求的人担任负责人；16-18 周岁（广东）或未满 18 周岁（天津、云南）的负责人按省要求附工作证明或监护人材料",
        "make someone of an accepted age the principal; where the province allows minors (Guangdong 16-17, Tianjin, "
        "Yunnan) add the employment proof or guardian documents it asks for",
    ),
    source="§9.4 (age rules: under 18 barred in Zhejiang P, Henan, Hubei, Hunan, Sichuan, Tibet, Gansu, Inner Mongolia, Heilongjiang O, Liaoning O subject PIC; Guangdong under 16; Jiangsu old under 16; Tianjin retirement age M 60 / F 55 [TJ]); §9.2 Age rules column; province_rules.toml min_age, age_applies, retirement_age",
    confidence="M",
    check=check_age,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA603 individual-id-province ----------------------------------------------------------------------

def check_individual_province(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if ctx.province_id is None or not s.cert_type or not s.cert_number:
        return
    info = ctx.cert(s.cert_type, s.cert_number)
    if info is None or not info.valid or info.province == ctx.province_id:
        return
    mode = ctx.province_rules.get("personal_from_elsewhere")
    if mode == "residence-proof":
        return  # allowed with the province's residence permit: BA501 asks for it (materials.toml residence-proof)

    home = name(info.province) if info.province else Msg("（证件未标明省份）", "(no province on the certificate)")
    if mode in ("local-id-only", "no-cross-province"):
        why = (
            Msg("不接受外省个人备案（持居住证也不行）", "accepts no personal filers from other provinces, not even with a residence permit")
            if mode == "no-cross-province"
            else Msg("只接受本省身份证的个人备案", "accepts personal filings only with a local resident ID")
        )
        yield INDIVIDUAL_PROVINCE.finding("province", _severity(ctx), province=_prov(ctx), home=home, why=why, mode=mode)
    elif info.province is not None:  # no rule known for this province: advice only
        yield INDIVIDUAL_PROVINCE.finding(
            "province", Severity.INFO, province=_prov(ctx), home=home, mode="unknown",
            why=Msg("是否接受外省个人备案尚无记录，请先向接入商确认", "has no known rule for personal filers from elsewhere: ask the provider first"),
        )


INDIVIDUAL_PROVINCE = Rule(
    id="BA603",
    name="individual-id-province",
    family="province",
    severity=Severity.WARNING,
    title=Msg("个人在其身份证所属省份备案，或在接受外省居住证的省份备案", "An individual files in their ID's province, or where the bureau accepts residents from elsewhere"),
    message=Msg("证件属于{home}，而{province}{why}", "the ID is from {home}, and {province} {why}"),
    suggestion=Msg(
        "在身份证所属省份备案；或在接受居住证的省份（如上海、江苏、广东、四川）备案并上传当地居住证",
        "file in the province of the ID, or in a province that accepts a local residence permit (e.g. Shanghai, "
        "Jiangsu, Guangdong, Sichuan) and upload it",
    ),
    source="§9.2 column Personal filers from elsewhere (ID only: Shanxi, Inner Mongolia, Heilongjiang, Henan, Chongqing, Guizhou, Yunnan, Gansu, Qinghai, Ningxia, Xinjiang; none: Guangxi, Huawei 2025-12); §4.3 [Q-subject]; §9.1 [Q-limits] (only where the bureau allows it); §12.1 #9; province_rules.toml personal_from_elsewhere",
    confidence="M",
    check=check_individual_province,
    filing_types=frozenset({"first", "add-site-external", "access", "one-click-access"}),
    natures=INDIVIDUAL,
)


# -- BA604 site-principal-is-subject-principal ---------------------------------------------------------

def check_site_is_subject_principal(ctx: Context) -> Iterator[Finding]:
    if not ctx.province_rules.get("site_pic_is_subject_pic") or ctx.principal_is_legal_rep is not False:
        return
    subject_pic = ctx.draft.subject.principal
    key = person_key(ctx, subject_pic) if subject_pic is not None else None
    if key is None:
        return
    for i, site in enumerate(ctx.draft.websites):
        if site.principal is not None and person_key(ctx, site.principal) not in (None, key):
            yield SITE_IS_SUBJECT_PRINCIPAL.finding(f"websites[{i}].principal.name", _severity(ctx), province=_prov(ctx), n=i + 1)


SITE_IS_SUBJECT_PRINCIPAL = Rule(
    id="BA604",
    name="site-principal-is-subject-principal",
    family="province",
    severity=Severity.WARNING,
    title=Msg("主体负责人不是法定代表人时，网站负责人须为主体负责人（江苏等）", "When the subject's principal is not the legal rep, each site's principal is that person (Jiangsu, ...)"),
    message=Msg(
        "{province}：主体负责人不是法定代表人，网站 {n} 的负责人就必须是主体负责人本人",
        "{province}: the subject's principal is not the legal representative, so website {n} must have that same person as its principal",
    ),
    suggestion=Msg(
        "把网站负责人改为主体负责人（省管局要求时附授权书），或由法定代表人担任主体负责人",
        "make the subject's principal the website's principal too (with the authorisation letter where the province asks for one), or make the legal representative the subject's principal",
    ),
    source="§9.3 江苏 [JD:Jiangsu]; §9.2 海南 (old: site PIC = subject PIC when the subject PIC is not the legal rep) [Qd-prov]; province_rules.toml site_pic_is_subject_pic",
    confidence="M",
    check=check_site_is_subject_principal,
    filing_types=frozenset({"first", "add-site", "add-site-external", "access", "one-click-access", "change-site"}),
    natures=ORGANISATION,
)


# -- BA605 local-landline / BA606 local-mobile-advice --------------------------------------------------

def area_province(area_code: str | None) -> str | None:
    """Province of a landline area code (rules/data/area_codes.toml, generated from libphonenumber)."""
    return load("area_codes")["codes"].get(area_code or "")


def check_local_landline(ctx: Context) -> Iterator[Finding]:
    row = ctx.province_rules
    if not row.get("local_landline") or ctx.province_id is None:
        return
    for path, p in _people(ctx, row.get("local_phone_applies")):
        for field_name, what in OTHER_PHONES:
            value = getattr(p, field_name)
            if not value:
                continue
            info = phone_info(value)
            if info.kind != "landline" or not info.valid:
                continue  # a mobile: BA606; an invalid number: BA309
            home = area_province(info.area_code)
            if home is not None and home != ctx.province_id:
                yield LOCAL_LANDLINE.finding(
                    f"{path}.{field_name}", _severity(ctx), who=who(path), what=what, area=info.area_code,
                    home=name(home), home_id=home, province=_prov(ctx),
                )


LOCAL_LANDLINE = Rule(
    id="BA605",
    name="local-landline",
    family="province",
    severity=Severity.WARNING,
    title=Msg("要求本省号码的省份，固定电话的区号属于本省", "Where the province wants local numbers, landlines have a local area code"),
    message=Msg(
        "{province}要求本省号码，而{who}的{what}区号 {area} 属于{home}",
        "{province} wants local numbers, but the {what} of {who} has area code {area}, which is in {home}",
    ),
    suggestion=Msg("改填{province}本地的固定电话或手机号", "give a landline or mobile of {province}"),
    source="§9.3 (every phone a Jiangsu number, P [JD:Jiangsu]; Hunan P phones [JD:Hunan]; Gansu P local phone [GS]; Ningxia local phones, old [Qd-prov]); §12.1 #8; area codes: rules/data/area_codes.toml (libphonenumber); province_rules.toml local_landline, local_phone_applies",
    confidence="M",
    check=check_local_landline,
    filing_types=frozenset(PERSON_DATA),
)


def check_local_mobile(ctx: Context) -> Iterator[Finding]:
    row = ctx.province_rules
    if not row.get("local_mobile"):
        return
    seen: set[str] = set()
    for path, p in _people(ctx, row.get("local_phone_applies")):
        if not p.mobile or phone_digits(p.mobile) in seen:
            continue
        seen.add(phone_digits(p.mobile))
        yield LOCAL_MOBILE.finding(f"{path}.mobile", who=who(path), province=_prov(ctx))


LOCAL_MOBILE = Rule(
    id="BA606",
    name="local-mobile-advice",
    family="province",
    severity=Severity.INFO,
    title=Msg("要求本省手机号的省份：提醒核对手机号归属地", "Where the province wants local mobiles: a reminder to check the number's home province"),
    message=Msg(
        "{province}要求负责人使用本省手机号；beiancli 离线无法判断{who}手机号的归属地",
        "{province} wants principals' mobiles to be {province} numbers; beiancli cannot tell the home province of "
        "the mobile of {who} offline",
    ),
    suggestion=Msg(
        "确认该手机号的归属地是{province}（运营商营业厅、App 或号码归属地查询）；不是的话换用本省号码",
        "check that the number is registered in {province} (the operator's app or a number-location lookup); if not, use a local number",
    ),
    source="§9.2 / §9.3 (local mobiles: Liaoning, Jilin, Heilongjiang, Hunan P, Guangxi, Shaanxi, Jiangsu P, Gansu P; Ningxia old; JD) ; §12.1 #8 (advice only); province_rules.toml local_mobile",
    confidence="M",
    check=check_local_mobile,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA607 office-phone-province -----------------------------------------------------------------------

def check_office_phone(ctx: Context) -> Iterator[Finding]:
    row = ctx.province_rules
    differs, remark, landline = row.get("office_differs"), row.get("office_mobile_remark"), row.get("office_landline")
    if not (differs or remark or landline):
        return
    landline_here = landline is not None and _scope(ctx, landline)
    for path, p in distinct_persons(ctx):
        office = p.office_phone
        if not office:
            if landline_here and path == "subject.principal":
                yield OFFICE_PHONE.finding(f"{path}.office_phone", _severity(ctx), who=who(path), province=_prov(ctx),
                                           problem=Msg("须填写固定电话", "must be a landline, and none is given"))
            continue
        same = bool(p.mobile) and phone_digits(office) == phone_digits(p.mobile)
        own_remark = p.remark or (ctx.draft.subject.remark if path == "subject.principal" else None)
        if same and differs:
            problem = Msg("不能与本人手机号相同", "must differ from the person's mobile")
        elif same and remark and not own_remark:
            problem = Msg("与手机号相同时须在备注中写明联系人姓名", "equals the mobile, so the remark must name the contact person")
        elif landline_here and phone_info(office).kind != "landline":
            problem = Msg("须为固定电话（座机），不能填手机号", "must be a landline, not a mobile")
        else:
            continue
        yield OFFICE_PHONE.finding(f"{path}.office_phone", _severity(ctx), who=who(path), province=_prov(ctx), problem=problem)


OFFICE_PHONE = Rule(
    id="BA607",
    name="office-phone-province",
    family="province",
    severity=Severity.WARNING,
    title=Msg("办公电话符合省管局要求（不同于手机号、座机、备注）", "The office phone meets the province's rules (not the mobile, a landline, a remark)"),
    message=Msg("{province}：{who}的办公电话{problem}", "{province}: the office phone of {who} {problem}"),
    suggestion=Msg(
        "填写单位的固定电话（带区号），与负责人的手机号不同；重庆办公电话与手机号相同时在备注中写明联系人",
        "give the organisation's landline with its area code, different from the principal's mobile; in Chongqing, "
        "an office phone equal to the mobile needs the contact's name in the remark",
    ),
    source="§6.1 办公电话 [Q-subject] (Liaoning, Jilin, Beijing: differs from the PIC's mobile; Jiangsu organisations: landline; Chongqing: contact remark when office phone = mobile); §9.3; §12.1 #8; province_rules.toml office_differs, office_landline, office_mobile_remark",
    confidence="M",
    check=check_office_phone,
    filing_types=frozenset(PERSON_DATA),
)


# -- BA608 principal-cert-type-barred ------------------------------------------------------------------

def check_cert_type_barred(ctx: Context) -> Iterator[Finding]:
    barred = ctx.province_rules.get("barred_cert_types") or []
    if not barred:
        return
    types = ids_tables()[1]
    reported: set[str] = set()
    entries = [(path, p.cert_type, person_key(ctx, p)) for path, p in ctx.persons()]
    s = ctx.draft.subject
    if ctx.is_individual and s.cert_type:
        entries.insert(0, ("subject", s.cert_type, cert_key(ctx, s.cert_type, s.cert_number) if s.cert_number else None))
    for path, cert_type, key in entries:
        if cert_type not in barred or (key is not None and key in reported):
            continue
        if key is not None:
            reported.add(key)
        kind = types[cert_type]
        yield CERT_TYPE_BARRED.finding(
            f"{path}.cert_type", _severity(ctx), who=who(path) if path != "subject" else Msg("个人备案者", "the individual filer"),
            province=_prov(ctx), cert=Msg(kind.zh, kind.en),
        )


CERT_TYPE_BARRED = Rule(
    id="BA608",
    name="principal-cert-type-barred",
    family="province",
    severity=Severity.WARNING,
    title=Msg("省管局不接受的证件类型（河北：非中国公民）", "Certificate types the province refuses (Hebei: non-Chinese citizens)"),
    message=Msg("{province}不接受非中国公民备案或担任负责人，而{who}的证件是{cert}", "{province} refuses non-Chinese citizens as filers or principals, and {who} holds a {cert}"),
    suggestion=Msg(
        "改由持中国居民身份证（或港澳台居民证件）的人担任负责人；外籍法定代表人的单位请向接入商确认",
        "make a holder of a Chinese resident ID (or an HK/Macau/Taiwan residents' document) the principal; an organisation with a foreign legal representative should ask its provider",
    ),
    source="§4.3 (Hebei requires a Chinese citizen as PIC and bars non-Chinese citizens for P and O) [Q-upload], [JD:Hebei]; §9.2 河北; province_rules.toml barred_cert_types",
    confidence="M",
    check=check_cert_type_barred,
    filing_types=frozenset(PERSON_DATA),
)
