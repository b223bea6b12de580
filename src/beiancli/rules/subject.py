"""Subject rules (BA2xx): the filer's certificate, nature and address (§4, §6.1, §6.3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from beiancli.i18n import Msg
from beiancli.rules.base import NEW_FILINGS, Context, Finding, Rule, Severity, ids_tables

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
    from beiancli import ids

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
