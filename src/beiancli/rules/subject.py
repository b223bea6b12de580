"""Subject rules (BA2xx): the filer's certificate, nature and address (§4, §6.1, §6.3), the province of an
organisation's certificate (§4.3), the investor / superior body (§6.1), the USCC's registering authority and
the subject name (§6.3), renamed organisations (§11.2). Word lists: rules/data/subject_rules.toml."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from beiancli import ids
from beiancli.i18n import Msg
from beiancli.regions import provinces
from beiancli.rules.base import (
    NEW_FILINGS,
    ORGANISATION,
    Context,
    Finding,
    Rule,
    Severity,
    all_han,
    ids_tables,
    nature_label,
    normalise_name,
)
from beiancli.rules.data import load
from beiancli.rules.provinces import name

SUBJECT_DATA = NEW_FILINGS | {"change-subject"}
"""Filing types that submit the subject's data for review."""


# -- BA201 subject-cert-number ------------------------------------------------------------------------

def check_cert_number(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if not s.cert_type or not s.cert_number:
        return  # BA001 reports a missing value
    info = ctx.cert(s.cert_type, s.cert_number)
    if info is None:
        return  # an unknown type: BA202
    for p in info.problems:
        yield CERT_NUMBER.finding(
            "subject.cert_number", Severity(p.severity), code=p.code, problem=p.msg, cert_type=s.cert_type
        )


CERT_NUMBER = Rule(
    id="BA201",
    name="subject-cert-number",
    family="subject",
    severity=Severity.ERROR,
    title=Msg("主办单位证件号码符合其证件类型（校验位、长度、字符）", "The subject's certificate number is valid for its type"),
    message=Msg("主办单位证件号码（{cert_type}）有误：{problem}", "the subject's certificate number ({cert_type}) is wrong: {problem}"),
    suggestion=Msg(
        "对照证件原件逐位核对号码；三证合一的营业执照填写统一社会信用代码",
        "copy the number again from the certificate; a merged (三证合一) licence takes the unified social credit code",
    ),
    source="§5.1 (GB 11643, GB 32100, GB 11714 check characters); §6.1 证件号码; §12.1 #11, #19",
    confidence="H",
    check=check_cert_number,
)


# -- BA202 nature-cert-type ----------------------------------------------------------------------------

def check_nature_cert_type(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    natures, types = ids_tables()
    if s.nature and s.nature not in natures:
        yield NATURE_CERT_TYPE.finding(
            "subject.nature", code="unknown-nature", value=s.nature, nature=s.nature, allowed=", ".join(natures),
            what=Msg("主办单位性质", "subject nature"),
        )
        return
    if s.cert_type and s.cert_type not in types:
        yield NATURE_CERT_TYPE.finding(
            "subject.cert_type", code="unknown-cert-type", value=s.cert_type, nature=s.nature or "?",
            allowed=", ".join(natures[s.nature].cert_types if s.nature else types),
            what=Msg("证件类型", "certificate type"),
        )
        return
    if s.nature and s.cert_type and not ids.nature_accepts(s.nature, s.cert_type):
        yield NATURE_CERT_TYPE.finding(
            "subject.cert_type", code="not-accepted", value=s.cert_type, nature=s.nature,
            allowed=", ".join(natures[s.nature].cert_types), what=Msg("证件类型", "certificate type"),
        )


NATURE_CERT_TYPE = Rule(
    id="BA202",
    name="nature-cert-type",
    family="subject",
    severity=Severity.ERROR,
    title=Msg("主办单位性质与证件类型一致", "The subject's nature accepts its certificate type"),
    message=Msg(
        "{what} {value} 与主办单位性质 {nature} 不符",
        "{what} {value} does not fit a subject of nature {nature}",
    ),
    suggestion=Msg("可用的取值：{allowed}", "use one of: {allowed}"),
    source="§4.2 (nature → accepted certificates); §6.3 (consistency table); §12.1 #19",
    confidence="H",
    check=check_nature_cert_type,
)


# -- BA203 address-house-number ------------------------------------------------------------------------

_NUM = r"[0-9０-９一二三四五六七八九十百千零〇两甲乙丙丁A-Za-z]+"
_HOUSE = re.compile(rf"{_NUM}\s*(?:号|號|室|栋|棟|幢|座|楼|樓|层|層|单元|弄|组|組|铺|舖|仓|倉|厂房|车间|房)")
_MOST_DETAILED = re.compile(r"已为最详细(?:的)?地址")


def check_address(ctx: Context) -> Iterator[Finding]:
    address = ctx.draft.subject.address
    if not address or _MOST_DETAILED.search(address) or _HOUSE.search(address):
        return
    yield ADDRESS_DETAIL.finding("subject.address")  # the address itself is not repeated: personal data


ADDRESS_DETAIL = Rule(
    id="BA203",
    name="address-house-number",
    family="subject",
    severity=Severity.WARNING,
    title=Msg("通信地址写到门牌号（或注明已为最详细地址）", "The postal address reaches the house number"),
    message=Msg("通信地址没有写到门牌号 / 房间号", "the postal address stops short of a house or room number"),
    suggestion=Msg(
        "补全到门牌号和房间号（如 ××路 88 号 1201 室）；确实没有门牌号时在地址后注明“（已为最详细地址）”",
        "add the house and room number (e.g. 88 Xx Road, room 1201); if there is none, end the address with "
        "“（已为最详细地址）”",
    ),
    source="§6.1 通信地址 [Q-subject], [VE-subj]; §12.1 #10",
    confidence="M",
    check=check_address,
    filing_types=frozenset(SUBJECT_DATA),
)


# -- shared helpers of BA204-BA208 ---------------------------------------------------------------------

def _table(name: str) -> Any:
    return load("subject_rules")[name]


def _person_name_form(n: str) -> bool:
    """2-4 Chinese characters, or Chinese names joined by · (the regex `[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]+
    (?:·[\u4e00-\u9fff]+)+`, whose compile was ~3 ms of start-up)."""
    if "·" not in n:
        return 2 <= len(n) <= 4 and all_han(n)
    return all(all_han(part) for part in n.split("·"))


def people_names(ctx: Context) -> set[str]:
    """Normalised names of the legal representative and of every principal of the draft."""
    names = {normalise_name(ctx.draft.subject.legal_representative or "")}
    names |= {normalise_name(p.name) for _path, p in ctx.persons() if p.name}
    return names - {""}


def looks_like_person(ctx: Context, text: str) -> bool:
    """A person's name rather than an organisation's: it is the legal representative's or a principal's
    name, or 2-4 Chinese characters (or a name with ·) ending with no organisation word
    (subject_rules.toml [organisation_names])."""
    n = normalise_name(text)
    if n in people_names(ctx):
        return True
    return _person_name_form(n) and not n.endswith(tuple(_table("organisation_names")["suffixes"]))


def looks_like_organisation(text: str) -> bool:
    return normalise_name(text).endswith(tuple(_table("organisation_names")["suffixes"]))


# -- BA204 organisation-cert-province ------------------------------------------------------------------

def address_province(text: str | None) -> str | None:
    """The province an address starts with (广东省… / 广东… / 内蒙古自治区…), or None. "海南藏族自治州" and
    "海南州" are in Qinghai, not Hainan."""
    if not text:
        return None
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    full, short = _province_prefixes()
    for names, exclude in ((full, ()), (short, ("藏族", "州"))):
        best = None  # (position in provinces(), id): the first province in data order, as a loop over them says
        for length, by_name in names:
            hit = by_name.get(t[:length])
            if hit is not None and (best is None or hit < best) and not t[length:].startswith(exclude):
                best = hit
        if best is not None:
            return best[1]
    return None


_SPACES = re.compile(r"\s+")
_prefixes_of: list[Any] = [None, None]  # [the provinces() they were built from, (full names, short names)]


def _province_prefixes() -> tuple[list[tuple[int, dict[str, tuple[int, str]]]], ...]:
    """[(length, {name of that length: (position, province id)})] for the provinces' full names and for their
    short names (ids): an address is looked up once per distinct name length, not once per province."""
    table = provinces()
    if _prefixes_of[0] is not table:
        out = []
        for attr in ("full_name", "id"):
            by_length: dict[int, dict[str, tuple[int, str]]] = {}
            for i, p in enumerate(table):
                by_length.setdefault(len(getattr(p, attr)), {}).setdefault(getattr(p, attr), (i, p.id))
            out.append(sorted(by_length.items()))
        _prefixes_of[:] = [table, tuple(out)]
    return _prefixes_of[1]


def check_cert_province(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    filing = ctx.province_id
    if filing is None:
        return
    home = address_province(s.cert_address)
    if home is not None:  # the domicile printed on the certificate outranks the code (a company keeps its
        if home != filing:  # USCC when it moves)
            yield CERT_PROVINCE.finding(
                "subject.cert_address", home=name(home), province=name(filing),
                basis=Msg("证件住所", "the address on the certificate"),
            )
        return
    if not s.cert_type or not s.cert_number:
        return
    info = ctx.cert(s.cert_type, s.cert_number)
    if info is None or not info.valid or not info.province or info.province == filing:
        return
    yield CERT_PROVINCE.finding(
        "subject.cert_number", home=name(info.province), province=name(filing),
        basis=Msg("证件号码中的行政区划代码", "the division code inside the certificate number"),
    )


CERT_PROVINCE = Rule(
    id="BA204",
    name="organisation-cert-province",
    family="subject",
    severity=Severity.WARNING,
    title=Msg("单位在其证件所在省份备案（不得跨省备案）", "An organisation files in the province of its certificate"),
    message=Msg(
        "按{basis}，该单位属于{home}，却在{province}备案（单位不能跨省备案）",
        "by {basis} the organisation belongs to {home}, but it files in {province} (organisations cannot file across provinces)",
    ),
    suggestion=Msg(
        "在{home}备案；要在{province}备案，请由当地的分公司 / 分支机构用它自己的证件备案。若单位已迁址，证件住所填写新证件上的住所",
        "file in {home}; to file in {province}, let a local branch file with its own certificate. If the organisation "
        "has moved, give the domicile printed on its current certificate",
    ),
    source="§4.3 (organisations cannot file outside their certificate's province: use a local branch) [Q-subject]; §9.1 [Q-limits]; §6.1 备案地域; §12.1 #9; §5.1 (USCC characters 3-8 = division code)",
    confidence="M",
    check=check_cert_province,
    filing_types=frozenset({"first", "add-site-external", "access", "one-click-access"}),
    natures=ORGANISATION,
)


# -- BA205 investor-fits-nature ------------------------------------------------------------------------

_SUPERIOR_NATURES = frozenset({"government", "institution"})


def check_investor(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if not s.investor:
        return  # BA001
    required = bool(ctx.province_rules.get("superior_body_required"))
    if s.nature != "government" and not required:
        return  # §6.3 states the rule for government bodies; the three provinces add institutions
    where = Msg(f"（{ctx.province_id}要求）", f" ({name(ctx.province_id).en} requires it)") if required else Msg("", "")
    if looks_like_person(ctx, s.investor):
        yield INVESTOR.finding(
            "subject.investor", nature=nature_label(s.nature), where=where,
            problem=Msg("一个人的姓名", "a person's name"),
        )
    elif required and s.name and normalise_name(s.investor) == normalise_name(s.name):
        yield INVESTOR.finding(
            "subject.investor", nature=nature_label(s.nature), where=where,
            problem=Msg("本单位自己的名称", "the subject's own name"),
        )


INVESTOR = Rule(
    id="BA205",
    name="investor-fits-nature",
    family="subject",
    severity=Severity.WARNING,
    title=Msg("投资者或上级主管单位与单位性质相符", "The investor / superior body fits the subject's nature"),
    message=Msg(
        "{nature}的“投资者或上级主管单位”应填写其上级主管单位{where}，此处填的是{problem}",
        "a {nature} gives its superior body as “investor or superior body”{where}; this draft gives {problem}",
    ),
    suggestion=Msg(
        "填写上级主管单位的全称（如“××市人民政府”“××省教育厅”），不要填写个人姓名",
        "give the full name of the superior body (e.g. “××市人民政府”, “××省教育厅”), never a person's name",
    ),
    source="§6.1 投资者或上级主管单位 ([KS], [GS]; government bodies / institutions: the superior body in Gansu, Fujian, Jilin); §6.3 (consistent with the nature); §12.1 #19; province_rules.toml superior_body_required",
    confidence="M",
    check=check_investor,
    filing_types=frozenset(SUBJECT_DATA),
    natures=_SUPERIOR_NATURES,
)


# -- BA206 uscc-authority-nature -----------------------------------------------------------------------

def check_uscc_authority(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    row = _table("uscc_authority").get(s.nature or "")
    types = ids_tables()[1]
    if row is None or not s.cert_type or not s.cert_number or s.cert_type not in types:
        return
    if types[s.cert_type].validator != "check_uscc":
        return  # an organisation code or a 15-digit registration number has no authority code
    info = ctx.cert(s.cert_type, s.cert_number)
    if info is None or not info.valid or info.number[0] in row["codes"]:
        return
    yield USCC_AUTHORITY.finding(
        "subject.cert_number", Severity(row["severity"]), code=info.number[0], nature=nature_label(s.nature),
        expected=" / ".join(row["codes"]),
    )


USCC_AUTHORITY = Rule(
    id="BA206",
    name="uscc-authority-nature",
    family="subject",
    severity=Severity.WARNING,
    title=Msg("统一社会信用代码的登记管理部门代码与单位性质相符", "The USCC's registering-authority code fits the subject's nature"),
    message=Msg(
        "统一社会信用代码第 1 位（登记管理部门代码）是 {code}，而{nature}的代码应以 {expected} 开头",
        "the USCC's first character (registering authority) is {code}, but a {nature}'s code starts with {expected}",
    ),
    suggestion=Msg(
        "核对主办单位性质和证件号码：政府机关、事业单位由编制部门登记（1），社会团体、民办非企业单位、基金会由民政部门登记（5），企业由市场监管部门登记（9）",
        "check the nature and the number: government bodies and public institutions are registered by the "
        "establishment office (1), social organisations, private non-enterprise units and foundations by civil "
        "affairs (5), enterprises by market regulation (9)",
    ),
    source="§6.3 consistency table (政府机关 ⇒ USCC with registering authority 1); §5.1 (authority codes 1, 5, 9); §12.1 #19; subject_rules.toml [uscc_authority]",
    confidence="M",
    check=check_uscc_authority,
    filing_types=frozenset(SUBJECT_DATA),
    natures=ORGANISATION,
)


# -- BA207 subject-name-not-site -----------------------------------------------------------------------

# compiled on first use (ids._Re): a name without a dot, almost every one, never needs it
_ASCII_DOMAIN = ids._Re(r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/:].*)?", re.I)


def _looks_like_domain(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).strip()
    if "." not in t:
        return False  # both tests below need a dot
    if _ASCII_DOMAIN.fullmatch(t):
        return True
    head, dot, tld = t.rpartition(".")
    return bool(dot and head and tld in _table("domain_like")["chinese_tlds"])


def check_name_not_site(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if not s.name:
        return
    n = normalise_name(s.name)
    domains = {normalise_name(d.name).removeprefix("www.") for w in ctx.draft.websites for d in w.domains}
    if _looks_like_domain(s.name) or n.removeprefix("www.") in domains:
        yield NAME_NOT_SITE.finding("subject.name", what=Msg("域名", "a domain name"))
        return
    if not ctx.is_organisation or looks_like_organisation(s.name):
        return  # an individual's name is a person's; a full organisation name may also name its site
    for w in ctx.draft.websites:
        if w.name and normalise_name(w.name) == n:
            yield NAME_NOT_SITE.finding("subject.name", what=Msg("网站名称", "a website's name"))
            return


NAME_NOT_SITE = Rule(
    id="BA207",
    name="subject-name-not-site",
    family="subject",
    severity=Severity.WARNING,
    title=Msg("主办单位名称是证件上的全称，不是域名或网站名称", "The subject name is the certificate's full name, not a domain or site name"),
    message=Msg("主办单位名称看起来是{what}，而不是证件上的全称", "the subject name looks like {what}, not the full name on the certificate"),
    suggestion=Msg(
        "主办单位名称照证件填写全称（单位：营业执照 / 登记证书上的名称；个人：身份证上的姓名）",
        "give the full name exactly as on the certificate (organisation: the licence's name; individual: the name on the ID)",
    ),
    source="§6.1 主办单位名称 ([LF], [Q-affect]; never a domain or site name); §6.3 (subject name ≠ domain or site name); §12.1 #19",
    confidence="M",
    check=check_name_not_site,
    filing_types=frozenset(SUBJECT_DATA),
)


# -- BA208 subject-current-uscc ------------------------------------------------------------------------

_OLD_NUMBERS = frozenset({"business-licence", "org-code"})


def check_current_uscc(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if s.cert_type not in _OLD_NUMBERS:
        return
    kind = ids_tables()[1][s.cert_type]
    cert = Msg(kind.zh, kind.en)
    if s.former_names:
        yield CURRENT_USCC.finding(
            "subject.cert_type", cert_type=s.cert_type, cert=cert,
            why=Msg("该单位曾更名", "the organisation was renamed"),
        )
    elif (
        ctx.province_rules.get("merged_licence_required") and s.nature == "enterprise"
        and s.cert_type == "business-licence" and ctx.draft.filing_type in ("first", "change-subject")
    ):
        yield CURRENT_USCC.finding(
            "subject.cert_type", cert_type=s.cert_type, cert=cert,
            why=Msg(f"{ctx.province_id}只接受三证合一的营业执照", f"{name(ctx.province_id).en} accepts only the merged (三证合一) licence"),
        )


CURRENT_USCC = Rule(
    id="BA208",
    name="subject-current-uscc",
    family="subject",
    severity=Severity.WARNING,
    title=Msg("更名或三证合一后用现行的统一社会信用代码备案", "A renamed or merged-licence organisation files with its current USCC"),
    message=Msg("{why}，证件类型却是旧的{cert}（{cert_type}）", "{why}, yet the certificate type is the old {cert} ({cert_type})"),
    suggestion=Msg(
        '把 cert_type 改为 "uscc" 并填写现行营业执照上的统一社会信用代码；主体已备案的，先办理变更主体（附更名证明）',
        'set cert_type = "uscc" with the code on the current licence; if the subject is already filed, file a subject '
        "change first (with the name-change letter)",
    ),
    source="§11.2 (renamed organisation / 三证合一: certificate number must be the current USCC); §12.1 #18; §9.3 (三证合一 licence: Hebei, Shanxi, Inner Mongolia, Liaoning, Jilin, Heilongjiang, Guangdong, Guangxi, Hainan, Yunnan, Shaanxi, Qinghai, Ningxia; JD); province_rules.toml merged_licence_required",
    confidence="M",
    check=check_current_uscc,
    filing_types=frozenset(SUBJECT_DATA),
    natures=ORGANISATION,
)
