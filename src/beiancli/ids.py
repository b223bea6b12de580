"""Identifier validators: certificate numbers, phone numbers, e-mail (icp-filing.md §5, §6.1).

Pure functions: no printing, no I/O except the rule-data loader (`certificates.toml`). Each check
returns an `IdInfo` / `PhoneInfo` carrying bilingual `Problem`s; it never raises on bad input.

Design (§5.4):
- The checksums are small and table-driven here (GB 11643 MOD 11-2, GB 32100 over the 31-character
  alphabet, GB 11714, ISO 7064 MOD 11,10), so one code path serves every number, including those
  python-stdnum 2.2 rejects (§5.2 gaps 1-4): HK/Macao/Taiwan residence permits (810000/820000/
  830000), the 2023 foreign permanent-resident card (leading 9), 15-digit legacy IDs and USCCs with
  letters in the first two characters. The organisation code inside a USCC (characters 9-17) is
  checked with GB 11714, which stdnum does not do.
- python-stdnum is used for what only it has: the county table behind `stdnum.cn.ric.get_birth_place`.
  An unknown county is a warning, and only once the checksum is right (§5.2 gap 5, §5.4). The tests
  use stdnum as an independent oracle for the plain checksums.
- `stdnum`, `phonenumbers` and `email_validator` are imported inside the functions that need them:
  start-up time matters (../notes/measurements.md); `phonenumbers.geocoder`/`carrier` are never used.
  The common spellings need none of them: a plainly written landline is typed with libphonenumber's +86
  patterns (rules/data/cn_phone_types.toml, used only with the phonenumbers version it was made from), a
  plain e-mail address by its shape, a county code from python-stdnum's data file read directly. Each
  shortcut is tested against the library path it stands in front of (tests/test_ids_fast.py).
- Input is normalised first: Unicode NFKC (full-width digits and letters), spaces and hyphens removed,
  upper case. Messages never repeat the number itself (it is personal data).
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, Literal, NamedTuple

from beiancli import regions
from beiancli.i18n import Msg
from beiancli.rules import data as _rule_data

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    code: str
    msg: Msg
    severity: Severity = "error"


@dataclass(frozen=True)
class IdInfo:
    cert_type: str
    number: str  # normalised: NFKC, no spaces or hyphens, upper case
    valid: bool  # no problem of severity "error"
    problems: tuple[Problem, ...] = ()
    birth_date: date | None = None
    sex: Literal["M", "F"] | None = None
    region_code: str | None = None
    province: str | None = None  # Chinese short name, e.g. "广东"


@dataclass(frozen=True)
class PhoneInfo:
    number: str  # national digits, e.g. "13800138000", "057112345678"
    kind: Literal["mobile", "landline"]
    valid: bool
    problems: tuple[Problem, ...] = ()
    area_code: str | None = None  # landlines: "0571"
    sms_capable: bool = False
    extension: str | None = None


_defaults_of: dict[type, dict[str, Any]] = {}


def _make(cls: type, **values: Any) -> Any:
    """`cls(**values)` for IdInfo and PhoneInfo, without the __init__ a frozen dataclass is given: that sets
    each field by object.__setattr__, ~15 k instructions a call, more than the checks of a plain phone number
    or ID take. The defaults and `values` go into the new instance's __dict__ at once; the object is the same
    (fields, ==, hash, repr, still frozen). Every field without a default must be given. Used by the fast paths
    and _info; the general paths keep the constructor, and tests/test_ids_fast.py compares the two."""
    defaults = _defaults_of.get(cls)
    if defaults is None:
        defaults = _defaults_of[cls] = {f.name: f.default for f in fields(cls) if f.init}
    obj = object.__new__(cls)
    obj.__dict__.update(defaults, **values)
    return obj


class Nature(NamedTuple):
    id: str
    zh: str
    en: str
    kind: Literal["organisation", "individual"]
    miit_code: int | None
    cert_types: tuple[str, ...]


class CertType(NamedTuple):
    id: str
    zh: str
    en: str
    validator: str
    person: bool
    natures: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Messages: key -> (problem code, Chinese, English). Each says what to fix; none repeats the number.

_TEXT: dict[str, tuple[str, str, str]] = {
    "empty": ("empty", "请填写号码", "the number is empty: enter it"),
    "length": ("length", "{what_zh}，当前为{n}位", "{what_en}; got {n}"),
    "format": ("format", "格式不正确：{what_zh}", "wrong format: {what_en}"),
    "bad-chars": (
        "format",
        "格式不正确：{what_zh}，不允许的字符：{bad}",
        "wrong format: {what_en}; not allowed: {bad}",
    ),
    "gb11643-checksum": (
        "checksum",
        "号码校验位错误，请核对每一位，特别是最后一位",
        "check digit is wrong: verify every digit, especially the last character",
    ),
    "cert-type": (
        "cert-type",
        "这是{actual_zh}的号码，不是{expected_zh}的号码：请更正证件类型",
        "this number belongs to a {actual_en}, not a {expected_en}: correct the certificate type",
    ),
    "birth-date-invalid": (
        "birth-date",
        "出生日期不存在，请核对号码中的出生日期部分",
        "the birth date does not exist: check the birth-date digits",
    ),
    "birth-date-future": (
        "future-birth-date",
        "出生日期晚于今天，请核对号码中的出生日期部分",
        "the birth date is in the future: check the birth-date digits",
    ),
    "birth-date-old": (
        "birth-date",
        "出生日期早于1900年，请核对号码中的出生日期部分",
        "the birth date is before 1900: check the birth-date digits",
    ),
    "resident-first-digit": (
        "region",
        "第1位应为1至8（省级地址码）",
        "the first digit must be 1-8 (province code)",
    ),
    "resident-province": (
        "region",
        "前2位不是已知的省级行政区划代码",
        "the first two digits are not a known province code",
    ),
    "county": (
        "county",
        "地址码（前6位）不在行政区划代码表中；若与证件一致可忽略（新设区县可能尚未收录）",
        "the region code (first 6 digits) is not in the division table; ignore this if it matches the card "
        "(new counties can be missing)",
    ),
    "permit-prefix": (
        "region",
        "港澳台居民居住证号码以810000、820000或830000开头",
        "a residence permit number starts with 810000, 820000 or 830000",
    ),
    "foreign-prefix": (
        "region",
        "2023版外国人永久居留身份证号码以9开头",
        "a 2023 foreign permanent resident ID starts with 9",
    ),
    "foreign-province": (
        "region",
        "第2至3位不是已知的省级行政区划代码，请核对",
        "digits 2-3 are not a known province code: check them",
    ),
    "legacy": (
        "legacy",
        "这是旧版15位身份证号码，请改填现行18位身份证号码",
        "this is a legacy 15-digit ID number: enter the current 18-character number",
    ),
    "foreign-length": (
        "length",
        "外国人永久居留身份证号码为15位（2017版）或18位（2023版）",
        "a foreign permanent resident ID has 15 characters (2017 card) or 18 digits (2023 card)",
    ),
    "uscc-checksum": (
        "checksum",
        "统一社会信用代码校验位错误，请核对每一位，特别是最后一位",
        "check character is wrong: verify every character, especially the last one",
    ),
    "uscc-org-code": (
        "org-code",
        "第9至17位（组织机构代码）校验不通过，请核对",
        "characters 9-17 (the organisation code) fail their check: verify them",
    ),
    "division-unknown": (
        "region",
        "行政区划代码（{where_zh}）不是已知的省级代码，请核对",
        "the division code ({where_en}) has no known province: check it",
    ),
    "is-org-code": (
        "length",
        "{what_zh}；9位的号码是组织机构代码：请填写{what_short}或更正证件类型",
        "{what_en}; a 9-character number is an organisation code: enter the right number or correct the type",
    ),
    "is-reg-no": (
        "length",
        "{what_zh}；15位数字是旧营业执照注册号：请填写{what_short}或更正证件类型",
        "{what_en}; 15 digits are an old registration number: enter the right number or correct the type",
    ),
    "is-uscc": (
        "length",
        "{what_zh}；18位的号码是统一社会信用代码：请填写{what_short}或更正证件类型",
        "{what_en}; an 18-character number is a USCC: enter the right number or correct the type",
    ),
    "org-checksum": (
        "checksum",
        "组织机构代码校验位错误，请核对最后一位",
        "check character is wrong: verify the last character",
    ),
    "reg-no-checksum": (
        "checksum",
        "注册号校验位不符，请核对（若与营业执照一致可忽略）",
        "the check digit does not match: verify it (ignore this if it matches the licence)",
    ),
    "old-format": (
        "old-format",
        "这是旧版证件号码格式，请核对证件是否仍在有效期内",
        "this is an older number format: check the card is still valid",
    ),
    "hk-mo-format": (
        "format",
        "港澳居民来往内地通行证号码为H或M加8位数字",
        "the permit number is H or M followed by 8 digits",
    ),
    "tw-format": ("format", "台湾居民来往大陆通行证号码为8位数字", "the permit number has 8 digits"),
    "military-length": (
        "length",
        "部队代号不超过32个字符，当前为{n}个",
        "a unit code has at most 32 characters; got {n}",
    ),
    "military-format": (
        "format",
        "部队代号含有不可打印的字符，请删除",
        "the unit code contains unprintable characters: remove them",
    ),
    "expired": (
        "expired",
        "证件已于{until}过期，请使用有效证件",
        "the certificate expired on {until}: use a valid one",
    ),
    "expiring": (
        "expiring",
        "证件有效期仅剩{left}天（少于{min_days}天），请先换证再提交",
        "the certificate expires in {left} days (less than {min_days}): renew it before filing",
    ),
    "phone-empty": ("empty", "请填写电话号码", "the phone number is empty: enter it"),
    "phone-format": (
        "format",
        "电话号码只能包含数字（可带+86、空格或连字符）",
        "a phone number has digits only (optionally +86, spaces or hyphens)",
    ),
    "phone-foreign": ("format", "请填写中国大陆号码（+86）", "enter a mainland China number (+86)"),
    "iot": (
        "iot",
        "这是13位物联网号码，不能接收短信：请填写11位手机号码",
        "this is a 13-digit IoT number that cannot receive SMS: enter an 11-digit mobile number",
    ),
    "mobile-length": ("length", "手机号码应为11位，当前为{n}位", "a mobile number has 11 digits; got {n}"),
    "mobile-format": (
        "format",
        "不是中国大陆手机号码（11位，以13至19开头）",
        "not a mainland mobile number (11 digits starting 13-19)",
    ),
    "not-sms-capable": (
        "not-sms-capable",
        "该号段可能收不到工信部备案核验短信：请换用三大运营商的手机号码",
        "this number range may not receive the MIIT verification SMS: use a mobile from a major operator",
    ),
    "landline-invalid": (
        "format",
        "固定电话号码无效：请核对区号和本地号码位数（如0571需8位本地号码）",
        "not a valid landline: check the area code and the number of local digits (e.g. 0571 needs 8)",
    ),
    "area-code": (
        "area-code",
        "固定电话请填写以0开头的区号，如010-12345678",
        "add the area code with its leading 0, e.g. 010-12345678",
    ),
    "is-mobile": (
        "not-landline",
        "这是手机号码；此处请填写带区号的固定电话",
        "this is a mobile number: enter a landline with its area code",
    ),
    "not-fixed": (
        "not-landline",
        "这不是固定电话号码（如400/800服务号码）；请填写带区号的固定电话",
        "this is not a landline (e.g. a 400/800 service number): enter a landline with its area code",
    ),
    "email-empty": ("empty", "请填写电子邮箱", "the e-mail address is empty: enter it"),
    "email-format": (
        "format",
        "电子邮箱地址格式不正确，请核对@前后的内容",
        "the e-mail address is not valid: {detail}",
    ),
}


def _p(key: str, severity: Severity = "error", **fmt: object) -> Problem:
    code, zh, en = _TEXT[key]
    return Problem(code, Msg(zh.format(**fmt), en.format(**fmt)), severity)


# --------------------------------------------------------------------------------------------
# Data (rules/data/certificates.toml)


def _data() -> dict[str, Any]:
    return _rule_data.load("certificates")


def natures() -> dict[str, Nature]:
    """Subject natures (主办者性质) by id, in data order (§4.1, §4.2)."""
    return dict(_tables()[0])


def cert_types() -> dict[str, CertType]:
    """Certificate types (证件类型) by id; `natures` lists the natures that accept each one."""
    return dict(_tables()[1])


_tables_of: list[Any] = [None, None]  # [the certificates data they were built from, (natures, cert_types)]


def _tables() -> tuple[dict[str, Nature], dict[str, CertType]]:
    """natures() and cert_types(), built once per loaded certificates.toml (a new BEIAN_DATA_DIR or
    `set_override_dir` loads a new one); the public functions hand out copies."""
    data = _data()
    if _tables_of[0] is not data:
        natures_ = {
            key: Nature(key, row["zh"], row["en"], row["kind"], row.get("miit_code"), tuple(row["cert_types"]))
            for key, row in data["natures"].items()
        }
        accepted_by: dict[str, list[str]] = {}
        for nature in natures_.values():
            for cert in nature.cert_types:
                accepted_by.setdefault(cert, []).append(nature.id)
        types = {
            key: CertType(
                key, row["zh"], row["en"], row["validator"], bool(row["person"]), tuple(accepted_by.get(key, ()))
            )
            for key, row in data["cert_types"].items()
        }
        _tables_of[:] = [data, (natures_, types)]
    return _tables_of[1]


def nature_accepts(nature: str, cert_type: str) -> bool:
    """Whether a subject of `nature` may file with a certificate of `cert_type` (§4.2, §6.3)."""
    known, types = _tables()[0], _data()["cert_types"]
    if nature not in known:
        raise ValueError(f"unknown subject nature {nature!r}; known: {', '.join(known)}")
    if cert_type not in types:
        raise ValueError(f"unknown certificate type {cert_type!r}; known: {', '.join(types)}")
    return cert_type in known[nature].cert_types


def _province(code2: str) -> str | None:
    mainland = regions.by_id_prefix(code2)
    return mainland.id if mainland else _data()["regions"].get(code2)


def _permit_province(prefix6: str) -> str | None:
    return _data()["permit_prefixes"].get(prefix6)


# --------------------------------------------------------------------------------------------
# Normalisation and shapes


class _Re:
    """A regular expression compiled on first use and kept: import time matters (DESIGN §6), and so does
    the per-call cost (a lookup in re's cache on every match was ~1 µs, ~40 k times per 1,000 drafts)."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = re.ASCII) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def fullmatch(self, s: str) -> re.Match[str] | None:
        return (self._compiled or self._get()).fullmatch(s)

    def match(self, s: str) -> re.Match[str] | None:
        return (self._compiled or self._get()).match(s)

    def search(self, s: str) -> re.Match[str] | None:
        return (self._compiled or self._get()).search(s)

    def sub(self, repl: str, s: str) -> str:
        return (self._compiled or self._get()).sub(repl, s)


_DASHES = "-‐‑‒–—―−﹣"
_STRIP = _Re(rf"[\s{re.escape(_DASHES)}]+", 0)  # \s: any Unicode space
_STRIP_PAREN = _Re(rf"[\s{re.escape(_DASHES)}()]+", 0)
_DIGITS = "0123456789"
_ALNUM = _DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _compact(s: str, strip: _Re = _STRIP) -> str:
    if s.isascii() and s.isalnum():  # the usual number: nothing for NFKC or the separators to change
        return s.upper()
    return strip.sub("", unicodedata.normalize("NFKC", s)).upper()


def _show(ch: str) -> str:
    return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"


def _bad_chars(number: str, allowed: str) -> str:
    bad = list(dict.fromkeys(c for c in number if c not in allowed))
    return ", ".join(_show(c) for c in bad[:5]) + (" …" if len(bad) > 5 else "")


class _Shape(NamedTuple):
    """Accepted lengths and pattern of a number; `what` says in both languages what it should be."""

    lengths: tuple[int, ...]
    pattern: _Re
    allowed: str
    what: Msg


def _shape_problems(number: str, shape: _Shape) -> list[Problem]:
    if number and len(number) in shape.lengths and shape.pattern.fullmatch(number):
        return []
    what = {"what_zh": shape.what.zh, "what_en": shape.what.en}
    if not number:
        return [_p("empty")]
    if len(number) not in shape.lengths:
        return [_p("length", n=len(number), **what)]
    bad = _bad_chars(number, shape.allowed)
    return [_p("bad-chars", bad=bad, **what) if bad else _p("format", **what)]


def _info(cert_type: str, number: str, problems: list[Problem], **facts: Any) -> IdInfo:
    valid = not problems or not any(p.severity == "error" for p in problems)
    return _make(IdInfo, cert_type=cert_type, number=number, valid=valid, problems=tuple(problems), **facts)


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


# --------------------------------------------------------------------------------------------
# Check characters (§5.1)

_GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_GB11643_CHECK = "10X98765432"  # indexed by the weighted sum mod 11


def _gb11643_check(body17: str) -> str:
    """ISO 7064 MOD 11-2 as used by GB 11643 (resident ID, residence permit, 2023 PR card).

    The weights are 2**(17 - i) mod 11 and 13 = 2 (mod 11), so for 17 ASCII digits the weighted sum is
    2 * int(body17, 13) (mod 11): one C call instead of 17 int()s (tests/test_ids_fast.py compares the two)."""
    if len(body17) == 17 and body17.isascii() and body17.isdigit():
        return _GB11643_CHECK[2 * int(body17, 13) % 11]
    if len(body17) != len(_GB11643_WEIGHTS):
        raise ValueError(f"{len(body17)} characters, not {len(_GB11643_WEIGHTS)}")
    return _GB11643_CHECK[sum(map(operator.mul, map(int, body17), _GB11643_WEIGHTS)) % 11]


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3**i mod 31
_NOT_USCC = frozenset("IOSVZabcdefghijklmnopqrstuvwxyz")


_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
# Each USCC character as the base-34 digit of the same value (the alphabet skips I, O, S, V, Z; base 34's does
# not): the weights are 3**i mod 31 and 34 = 3 (mod 31), so the weighted sum of a body is int(reversed, 34)
# mod 31 once its characters are renamed.
_USCC_TO_BASE34 = str.maketrans(_USCC_ALPHABET, _ALNUM[: len(_USCC_ALPHABET)])


def _gb32100_check(body17: str) -> str:
    if len(body17) != len(_USCC_WEIGHTS):
        raise ValueError(f"{len(body17)} characters, not {len(_USCC_WEIGHTS)}")
    if body17.isascii() and body17.isalnum() and not _NOT_USCC.intersection(body17):
        return _USCC_ALPHABET[(31 - int(body17.translate(_USCC_TO_BASE34)[::-1], 34) % 31) % 31]
    try:
        total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, body17), _USCC_WEIGHTS))
    except KeyError:
        total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body17, _USCC_WEIGHTS, strict=True))  # raises
    return _USCC_ALPHABET[(31 - total % 31) % 31]


_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


_GB11714_CHECK = "?123456789X0"  # indexed by c, 1-11


def _gb11714_check(body8: str) -> str:
    """Organisation code: values 0-9, A-Z = 10-35; c = 11 - (sum mod 11); 10 -> X, 11 -> 0.

    The weights are 2**(8 - i) mod 11 and 35 = 2 (mod 11): without a Z (35 is no base-35 digit) the weighted
    sum of 8 ASCII letters and digits is 2 * int(body8, 35) (mod 11)."""
    if len(body8) == 8 and body8.isascii() and body8.isalnum() and "Z" not in body8 and "z" not in body8:
        return _GB11714_CHECK[11 - 2 * int(body8, 35) % 11]
    c = 11 - sum(int(ch, 36) * w for ch, w in zip(body8, _GB11714_WEIGHTS, strict=True)) % 11
    return _GB11714_CHECK[c]


def _iso7064_mod11_10_ok(digits: str) -> bool:
    """ISO 7064 MOD 11,10 over the whole number including its check digit (GS 15-2006 注册号)."""
    p = 10
    for ch in digits[:-1]:
        p = (((p + int(ch)) % 10 or 10) * 2) % 11
    return (p + int(digits[-1])) % 10 == 1


# --------------------------------------------------------------------------------------------
# GB 11643 layout: resident ID, HK/Macao/Taiwan residence permit, 2023 foreign PR card

_GB11643_SHAPE = _Shape(
    (18,),
    _Re(r"[0-9]{17}[0-9X]"),
    _DIGITS + "X",
    Msg("应为18位：17位数字加1位数字或X", "18 characters: 17 digits and a final digit or X"),
)
_Region = tuple[list[Problem], dict[str, Any]]


def _gb11643_kind(number: str) -> str:
    """Which certificate an 18-digit GB 11643 number belongs to, by its prefix (§5.1)."""
    if number.startswith("9"):
        return "foreign-pr-card"
    if _permit_province(number[:6]):
        return "hmt-residence-permit"
    return "resident-id"


def _birth_date(yyyymmdd: str, today: date, severity: Severity) -> tuple[date | None, list[Problem]]:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None, [_p("birth-date-invalid", severity)]
    if born > today:
        return born, [_p("birth-date-future", severity)]
    if born.year < 1900:
        return born, [_p("birth-date-old", severity)]
    return born, []


def _sex(sequence_digit: str) -> Literal["M", "F"]:
    return "M" if int(sequence_digit) % 2 else "F"


@functools.lru_cache(maxsize=8192)
def _county_known(code6: str, year: int) -> bool:
    """The county code is in python-stdnum's county table (cn/loc.dat) and was in use at some time from the
    birth year on (§5.2, gap 5). stdnum itself asks for the code to be valid in the birth year, but a code is
    assigned when the ID is issued — often years after birth (first-generation IDs from 1984), so a person
    born in 1975 may carry the code of a district created in 1990. Cached: batches repeat (county, year)."""
    counties = _counties(code6)
    if not counties:
        return False
    for entry in ",".join(counties).split(","):
        if not entry.startswith("["):
            return True
        _start, end = entry[1:].split("]", 1)[0].split("-")
        if not end or int(end) >= year:
            return True
    return False


def _counties(code6: str) -> list[str]:
    """The `county` entries python-stdnum's cn/loc.dat has for a 6-digit division code (what
    `numdb.get("cn/loc").info(code6)` carries), from the direct reading when the file allows it."""
    table = _county_table()
    if table is None:
        return _counties_numdb(code6)
    provinces, counties = table
    return [c for c in (provinces.get(code6[:2]), counties.get(code6)) if c is not None]


def _counties_numdb(code6: str) -> list[str]:
    from stdnum import numdb

    return [c for _part, props in numdb.get("cn/loc").info(code6) for k, c in props.items() if k == "county"]


@functools.cache
def _county_table() -> tuple[dict[str, str], dict[str, str]] | None:
    """cn/loc.dat read straight into ({2-digit code: county}, {6-digit code: county}), keeping numdb's
    meaning (a later line's property replaces an earlier one's). The file is two plain levels — `NN props`
    for a province, `  NNNN props` for a county under it — and stdnum.numdb.read parses it with a regex per
    line (~50 ms, plus ~12 ms to import stdnum, on the first resident ID a process checks); this takes a few
    ms and imports nothing. None (use numdb) when the file is not found or has any other shape (ranges,
    deeper levels): a later stdnum may write it differently. tests/test_ids.py compares the two."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("stdnum")
        if spec is None or not spec.submodule_search_locations:
            return None
        with open(os.path.join(spec.submodule_search_locations[0], "cn", "loc.dat"), encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, ImportError, ValueError):
        return None
    return _read_county_table(text)


def _read_county_table(text: str) -> tuple[dict[str, str], dict[str, str]] | None:
    provinces: dict[str, str] = {}
    counties: dict[str, str] = {}
    province = None
    usual = re.compile(r'  ([0-9]{4}) county="([^"]*)"\Z').match  # the usual line
    prop_re = re.compile(r'(?P<prop>[0-9a-zA-Z-_]+)="(?P<value>[^"]*)"')  # stdnum.numdb._prop_re
    for line in text.splitlines():  # numdb reads through codecs, whose lines end where splitlines() says
        m = usual(line)
        if m is not None and province is not None:
            counties[province + m[1]] = m[2]
            continue
        if not line or line[0] == "#" or not line.strip():
            continue
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        code, _sep, props = body.partition(" ")
        want = 2 if indent == 0 else 4 if indent == 2 and province is not None else 0
        if len(code) != want or not (code.isascii() and code.isdigit()):
            return None
        county = None
        for prop, value in prop_re.findall(props):
            if prop == "county":
                county = value
        if indent == 0:
            province = code
            if county is not None:
                provinces[code] = county
        elif county is not None:
            counties[province + code] = county
    return provinces, counties


def _resident_region(number: str, checksum_ok: bool, born: date | None) -> _Region:
    if number[0] not in "12345678":
        return [_p("resident-first-digit")], {}
    facts = {"region_code": number[:6], "province": _province(number[:2])}
    if facts["province"] is None:
        return [_p("resident-province")], facts
    if checksum_ok and born is not None and not _county_known(number[:6], born.year):
        return [_p("county", "warning")], facts
    return [], facts


def _permit_region(number: str, checksum_ok: bool, born: date | None) -> _Region:
    province = _permit_province(number[:6])
    if province is None:
        return [_p("permit-prefix")], {}
    return [], {"region_code": number[:6], "province": province}


def _foreign_region(number: str, checksum_ok: bool, born: date | None) -> _Region:
    if number[0] != "9":
        return [_p("foreign-prefix")], {}
    facts = {"region_code": number[1:3], "province": _province(number[1:3])}
    return ([_p("foreign-province", "warning")] if facts["province"] is None else []), facts


class _Layout(NamedTuple):
    cert_type: str
    region: Callable[[str, bool, date | None], _Region]
    date_severity: Severity  # the 2023 PR card's inner layout is M confidence (§5.1): warnings only
    has_sex: bool


_LAYOUTS = {
    "resident-id": _Layout("resident-id", _resident_region, "error", True),
    "hmt-residence-permit": _Layout("hmt-residence-permit", _permit_region, "error", True),
    "foreign-pr-card": _Layout("foreign-pr-card", _foreign_region, "warning", False),
}


def _wrong_type(actual: str, expected: str) -> Problem:
    names = _data()["cert_types"]
    a, e = names[actual], names[expected]
    return _p("cert-type", actual_zh=a["zh"], expected_zh=e["zh"], actual_en=a["en"], expected_en=e["en"])


def _check_gb11643(number: str, layout: _Layout, today: date) -> IdInfo:
    problems = _shape_problems(number, _GB11643_SHAPE)
    if problems:
        return _info(layout.cert_type, number, problems)
    checksum_ok = _gb11643_check(number[:17]) == number[17]
    actual = _gb11643_kind(number)
    if checksum_ok and actual != layout.cert_type:
        return _info(layout.cert_type, number, [_wrong_type(actual, layout.cert_type)])
    problems = [] if checksum_ok else [_p("gb11643-checksum")]
    born, date_problems = _birth_date(number[6:14], today, layout.date_severity)
    region_problems, facts = layout.region(number, checksum_ok, None if date_problems else born)
    sex = _sex(number[16]) if layout.has_sex else None
    return _info(
        layout.cert_type,
        number,
        problems + region_problems + date_problems,
        birth_date=born,
        sex=sex,
        **facts,
    )


_LEGACY_SHAPE = _Shape(
    (15,),
    _Re(r"[0-9]{15}"),
    _DIGITS,
    Msg("旧版身份证号码为15位数字", "a legacy ID has 15 digits"),
)


def _check_legacy_resident_id(number: str, today: date) -> IdInfo:
    problems = _shape_problems(number, _LEGACY_SHAPE)
    if problems:
        return _info("resident-id", number, problems)
    born, date_problems = _birth_date("19" + number[6:12], today, "error")
    region_problems, facts = _resident_region(number, True, None if date_problems else born)
    problems = [_p("legacy", "warning"), *region_problems, *date_problems]
    return _info("resident-id", number, problems, birth_date=born, sex=_sex(number[14]), **facts)


def _fast_resident_id(number: str, today: date) -> IdInfo | None:
    """_check_gb11643's answer for a compacted number that is a valid resident ID with nothing to say (18
    ASCII digits, the right check digit, no permit prefix, a known province and county, a possible birth
    date), else None: the usual number, checked in a few C calls (tests/test_ids_fast.py compares the two)."""
    if not (len(number) == 18 and number.isascii() and number[:17].isdigit()):
        return None
    if _GB11643_CHECK[2 * int(number[:17], 13) % 11] != number[17] or number[0] not in "12345678":
        return None
    code6 = number[:6]
    province = _province(number[:2])
    if province is None or _permit_province(code6):
        return None
    try:
        born = date.fromisoformat(number[6:14])  # YYYYMMDD (Python 3.11+): _birth_date's date() in one C call
    except ValueError:
        return None
    if born > today or born.year < 1900 or not _county_known(code6, born.year):
        return None
    return _make(IdInfo, cert_type="resident-id", number=number, valid=True, birth_date=born, sex=_sex(number[16]),
                 region_code=code6, province=province)


def check_resident_id(s: str, *, today: date | None = None) -> IdInfo:
    """居民身份证 (GB 11643-1999); 15-digit GB 11643-1989 numbers pass with a warning."""
    number = _compact(s)
    fast = _fast_resident_id(number, _today(today))
    if fast is not None:
        return fast
    if len(number) == 15:
        return _check_legacy_resident_id(number, _today(today))
    return _check_gb11643(number, _LAYOUTS["resident-id"], _today(today))


def check_hmt_residence_permit(s: str, *, today: date | None = None) -> IdInfo:
    """港澳台居民居住证: GB 11643 layout with prefix 810000 / 820000 / 830000 (§5.1)."""
    return _check_gb11643(_compact(s), _LAYOUTS["hmt-residence-permit"], _today(today))


_FOREIGN_2017 = _Shape(
    (15,),
    _Re(r"[A-Z]{3}[0-9]{12}"),
    _ALNUM,
    Msg(
        "2017版号码为3位字母国籍代码加12位数字", "a 2017 card number is a 3-letter country code and 12 digits"
    ),
)


def check_foreign_pr_card(s: str, *, today: date | None = None) -> IdInfo:
    """外国人永久居留身份证: 2023 card (18 digits, leading 9, MOD 11-2) or 2017 card (3 letters + 12)."""
    number = _compact(s)
    if len(number) == 18:
        return _check_gb11643(number, _LAYOUTS["foreign-pr-card"], _today(today))
    if len(number) == 15:
        return _info("foreign-pr-card", number, _shape_problems(number, _FOREIGN_2017))
    return _info("foreign-pr-card", number, [_p("foreign-length") if number else _p("empty")])


# --------------------------------------------------------------------------------------------
# Organisation identifiers: USCC, organisation code, old registration number (§5.1)


def _other_length(number: str, hints: dict[int, str], shape: _Shape, short: str) -> list[Problem]:
    """A number of another identifier's length: say which one it is (§6.3 consistency)."""
    key = hints.get(len(number))
    return [_p(key, what_zh=shape.what.zh, what_en=shape.what.en, what_short=short)] if key else []


_USCC_SHAPE = _Shape(
    (18,),
    _Re(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"),
    _USCC_ALPHABET,
    Msg(
        "统一社会信用代码为18位数字或大写字母（不含I、O、Z、S、V），第3至8位为数字",
        "a USCC has 18 digits or capital letters (no I, O, Z, S, V); characters 3-8 are digits",
    ),
)


def _division_problems(code6: str, province: str | None, where: tuple[str, str]) -> list[Problem]:
    """Unknown province (`_province(code6[:2])`) in a division code: a warning; 10xxxx means registered at
    national level."""
    if province is None and code6[:2] != "10":
        return [_p("division-unknown", "warning", where_zh=where[0], where_en=where[1])]
    return []


def check_uscc(s: str, *, today: date | None = None) -> IdInfo:
    """统一社会信用代码 (GB 32100-2015), including the organisation code inside it (GB 11714)."""
    number = _compact(s)
    if len(number) != 18 or not _USCC_SHAPE.pattern.fullmatch(number):  # the shape: 18 with no hint for it
        problems = _other_length(number, {9: "is-org-code", 15: "is-reg-no"}, _USCC_SHAPE, "统一社会信用代码")
        return _info("uscc", number, problems or _shape_problems(number, _USCC_SHAPE))
    problems = []
    if _gb32100_check(number[:17]) != number[17]:
        problems.append(_p("uscc-checksum"))
    if _gb11714_check(number[8:16]) != number[16]:
        problems.append(_p("uscc-org-code"))
    province = _province(number[2:4])
    problems += _division_problems(number[2:8], province, ("第3至8位", "characters 3-8"))
    return _info("uscc", number, problems, region_code=number[2:8], province=province)


_ORG_SHAPE = _Shape(
    (9,),
    _Re(r"[0-9A-Z]{8}[0-9X]"),
    _ALNUM,
    Msg(
        "组织机构代码为9位：8位数字或大写字母加1位校验码（数字或X）",
        "an organisation code has 9 characters: 8 digits or capital letters and a check digit or X",
    ),
)


def check_org_code(s: str, *, today: date | None = None) -> IdInfo:
    """组织机构代码 (GB 11714-1997), written `XXXXXXXX-X` or without the hyphen."""
    number = _compact(s)
    problems = _other_length(number, {15: "is-reg-no", 18: "is-uscc"}, _ORG_SHAPE, "组织机构代码")
    problems = problems or _shape_problems(number, _ORG_SHAPE)
    if not problems and _gb11714_check(number[:8]) != number[8]:
        problems.append(_p("org-checksum"))
    return _info("org-code", number, problems)


_REG_NO_SHAPE = _Shape(
    (15,),
    _Re(r"[0-9]{15}"),
    _DIGITS,
    Msg("营业执照注册号为15位数字", "a registration number has 15 digits"),
)


def check_reg_no(s: str, *, today: date | None = None) -> IdInfo:
    """营业执照注册号 (GS 15-2006). Its MOD 11,10 check is unconfirmed (§5.1, M): a warning only."""
    number = _compact(s)
    problems = _other_length(number, {9: "is-org-code", 18: "is-uscc"}, _REG_NO_SHAPE, "注册号")
    problems = problems or _shape_problems(number, _REG_NO_SHAPE)
    if problems:
        return _info("business-licence", number, problems)
    if not _iso7064_mod11_10_ok(number):
        problems.append(_p("reg-no-checksum", "warning"))
    province = _province(number[:2])
    problems += _division_problems(number[:6], province, ("前6位", "the first 6 digits"))
    return _info("business-licence", number, problems, region_code=number[:6], province=province)


# --------------------------------------------------------------------------------------------
# Travel permits, passports, military unit codes: format only, no public check algorithm (§5.1)


class _Form(NamedTuple):
    """One accepted spelling of a number; `note` (a warning key) marks an older or unusual form."""

    pattern: _Re
    note: str | None = None


_HK_MO_FORMS = (
    _Form(_Re(r"[HM][0-9]{8}")),
    _Form(_Re(r"[HM][0-9]{10}"), "old-format"),
)
_TW_FORMS = (
    _Form(_Re(r"[0-9]{8}")),
    _Form(_Re(r"[0-9A-Z]{10,12}"), "old-format"),  # older cards and one-off permits
)
_HK_MO_PROVINCE = {"H": "香港", "M": "澳门"}


def _check_forms(cert_type: str, number: str, forms: tuple[_Form, ...], wrong: str, **facts: Any) -> IdInfo:
    if not number:
        return _info(cert_type, number, [_p("empty")])
    for form in forms:
        if form.pattern.fullmatch(number):
            return _info(cert_type, number, [_p(form.note, "warning")] if form.note else [], **facts)
    return _info(cert_type, number, [_p(wrong)])


def check_hk_macau_permit(s: str, *, today: date | None = None) -> IdInfo:
    """港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 digits; older cards + 10 digits (warning)."""
    number = _compact(s)
    province = _HK_MO_PROVINCE.get(number[:1])
    return _check_forms("hk-macau-permit", number, _HK_MO_FORMS, "hk-mo-format", province=province)


def check_taiwan_permit(s: str, *, today: date | None = None) -> IdInfo:
    """台湾居民来往大陆通行证: 8 digits; older and one-off permits 10-12 letters/digits (warning)."""
    number = _compact(s, _STRIP_PAREN)
    return _check_forms("taiwan-permit", number, _TW_FORMS, "tw-format", province="台湾")


# No rule covers every country's passport: ICAO 9303 document numbers are letters and digits, and
# 5-20 characters leaves room for long national formats. Chinese passports (E + 8) fit.
_PASSPORT_SHAPE = _Shape(
    tuple(range(5, 21)),
    _Re(r"[0-9A-Z]+"),
    _ALNUM,
    Msg("护照号码为5至20位字母或数字", "a passport number has 5-20 letters or digits"),
)


def check_passport(s: str, *, today: date | None = None) -> IdInfo:
    """护照 (any country): letters and digits only."""
    number = _compact(s)
    return _info("passport", number, _shape_problems(number, _PASSPORT_SHAPE))


def check_military_code(s: str, *, today: date | None = None) -> IdInfo:
    """部队代号: no public format, so only non-empty, printable and at most 32 characters."""
    number = _compact(s)
    if not number:
        problems = [_p("empty")]
    elif len(number) > 32:
        problems = [_p("military-length", n=len(number))]
    elif not number.isprintable():
        problems = [_p("military-format")]
    else:
        problems = []
    return _info("military-code", number, problems)


# --------------------------------------------------------------------------------------------
# Dispatcher

_VALIDATORS: dict[str, Callable[..., IdInfo]] = {
    "check_resident_id": check_resident_id,
    "check_uscc": check_uscc,
    "check_org_code": check_org_code,
    "check_reg_no": check_reg_no,
    "check_hmt_residence_permit": check_hmt_residence_permit,
    "check_foreign_pr_card": check_foreign_pr_card,
    "check_hk_macau_permit": check_hk_macau_permit,
    "check_taiwan_permit": check_taiwan_permit,
    "check_passport": check_passport,
    "check_military_code": check_military_code,
}


def check_cert(cert_type: str, s: str, *, today: date | None = None) -> IdInfo:
    """Check `s` as a number of `cert_type` (an id in certificates.toml); unknown type -> ValueError."""
    types = _data()["cert_types"]
    if cert_type not in types:
        raise ValueError(f"unknown certificate type {cert_type!r}; known: {', '.join(types)}")
    name = types[cert_type]["validator"]
    if name not in _VALIDATORS:
        from beiancli.rules.data import DataFileError

        raise DataFileError(f"certificates: {cert_type!r} names an unknown validator {name!r}")
    info = _VALIDATORS[name](s, today=today)
    return info if info.cert_type == cert_type else replace(info, cert_type=cert_type)


# --------------------------------------------------------------------------------------------
# Validity dates and age (§5.4, §6.1, §7.4)


def check_validity(
    valid_until: date | None, *, long_term: bool, today: date, min_days: int = 90
) -> Problem | None:
    """Expired -> error `expired`; fewer than `min_days` left (≥3 months is the common rule) -> warning
    `expiring`. Long-term (长期) or no date -> None: whether a date is required is the caller's call."""
    if long_term or valid_until is None:
        return None
    left = (valid_until - today).days
    if left < 0:
        return _p("expired", until=valid_until.isoformat())
    if left < min_days:
        return _p("expiring", "warning", left=left, min_days=min_days)
    return None


def person_age(birth_date: date, today: date) -> int:
    """Age in completed years (周岁) on `today`."""
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


# --------------------------------------------------------------------------------------------
# Phones (§5.1, §6.1) and e-mail

_PHONE_SEPARATORS = _Re(rf"[\s{re.escape(_DASHES)}().]+", 0)
_EXTENSION = _Re(r"(?:转|分机|EXT\.?|X|#|,|;)\s*([0-9]{1,6})$", re.ASCII | re.IGNORECASE)
_TRAILING_GROUP = _Re(rf"[{re.escape(_DASHES)}]([0-9]{{1,6}})$")
_PHONE_CHARS = _Re(r"\+?[0-9]+")
_MOBILE = _Re(r"1[3-9][0-9]{9}")
_MOBILE_PREFIX = _Re(r"1[3-9]")  # mobile and IoT numbers; no area code starts so
_IOT = _Re(r"(?:1440|146[0-9]|148[0-9]|1410)[0-9]{9}")  # 13 digits, no SMS
# VincentSit/ChinaMobilePhoneNumberRegex, SMS-capable numbers (§5.1), less the optional +86.
_SMS_CAPABLE = _Re(
    r"1(?:3\d{3}|4[57]\d{2}|5[^4\D]\d{2}|8\d{3}|7(?:[0-35-9]\d{2}|4(?:0\d|1[0-2]|9\d))"
    r"|9[0-35-9]\d{2}|6[2567]\d{2}|4[579]\d{2})\d{6}"
)


def _phone_prepare(s: str) -> tuple[str, str | None, list[Problem]]:
    """(digits with an optional leading '+', extension, problems) after NFKC and separator removal."""
    text = unicodedata.normalize("NFKC", s).strip()
    ext = _EXTENSION.search(text)
    text = text[: ext.start()] if ext else text
    digits = _PHONE_SEPARATORS.sub("", text)
    problems = [] if _PHONE_CHARS.fullmatch(digits) else [_p("phone-format" if digits else "phone-empty")]
    return digits, (ext.group(1) if ext else None), problems


def _national(digits: str) -> tuple[str, bool, list[Problem]]:
    """Strip +86 / 0086 / 86 (before an 11-digit mobile): (national digits, had country code, problems)."""
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            return digits[len(prefix) :], True, []
    if digits.startswith("+"):
        return digits, False, [_p("phone-foreign")]
    if len(digits) == 13 and digits.startswith("861"):
        return digits[2:], True, []
    return digits, False, []


def _mobile_problems(national: str, pic: bool) -> tuple[list[Problem], bool]:
    """(problems, SMS-capable) for national digits."""
    if _IOT.fullmatch(national):
        return [_p("iot")], False
    if len(national) != 11:
        return [_p("mobile-length", n=len(national))], False
    if not _MOBILE.fullmatch(national):
        return [_p("mobile-format")], False
    if _SMS_CAPABLE.fullmatch(national):
        return [], True
    return [_p("not-sms-capable", "error" if pic else "warning")], False


def check_mobile(s: str, *, pic: bool = True) -> PhoneInfo:
    """Mainland mobile. A range that cannot receive SMS is an error for a PIC (`pic=True`), else a warning."""
    text = unicodedata.normalize("NFKC", s).strip()
    if _MOBILE.fullmatch(text):  # the common case: what the general path would reduce it to anyway
        return _mobile_info(text, pic)
    return _check_mobile_general(s, pic=pic)


def _mobile_info(national: str, pic: bool) -> PhoneInfo:
    """The PhoneInfo of national digits that match _MOBILE (11 digits, so never an IoT number)."""
    if _SMS_CAPABLE.fullmatch(national):  # the usual mobile: what _mobile_problems would say, its first two
        return _make(PhoneInfo, number=national, kind="mobile", valid=True, sms_capable=True)  # checks passed
    problems, sms = _mobile_problems(national, pic)  # already
    valid = not any(p.severity == "error" for p in problems)
    return _make(PhoneInfo, number=national, kind="mobile", valid=valid, problems=tuple(problems), sms_capable=sms)


def _check_mobile_general(s: str, *, pic: bool = True) -> PhoneInfo:
    """check_mobile for any input (separators, +86, extensions, errors); the reference the fast path is
    tested against."""
    digits, _ext, problems = _phone_prepare(s)
    national, _cc, cc_problems = _national(digits) if not problems else (digits, False, [])
    problems = problems or cc_problems
    sms = False
    if not problems:
        problems, sms = _mobile_problems(national, pic)
    valid = not any(p.severity == "error" for p in problems)
    return PhoneInfo(number=national, kind="mobile", valid=valid, problems=tuple(problems), sms_capable=sms)


def _parse_landline(digits: str) -> tuple[Any, list[Problem]]:
    """A phonenumbers PhoneNumber for a valid mainland fixed line, else (None, problems)."""
    import phonenumbers

    national, had_cc, problems = _national(digits)
    if problems:
        return None, problems
    if _MOBILE_PREFIX.match(national) and len(national) in (11, 13):
        return None, [_p("is-mobile")]
    try:
        parsed = phonenumbers.parse("+86" + national.removeprefix("0"), None)
    except phonenumbers.NumberParseException:
        return None, [_p("landline-invalid")]
    valid = phonenumbers.is_valid_number(parsed)
    fixed = phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    outcomes = (  # first match wins
        (valid and not fixed, "not-fixed"),  # 400/800 and other service numbers need no area code
        (not had_cc and not national.startswith("0"), "area-code"),
        (not valid, "landline-invalid"),
    )
    for failed, key in outcomes:
        if failed:
            return None, [_p(key)]
    return parsed, []


def _landline_readings(s: str) -> list[tuple[str, str | None]]:
    """(digits, extension) readings: as written, then with a trailing '-NNN' taken as the extension."""
    text = unicodedata.normalize("NFKC", s).strip()
    raws: list[tuple[str, str | None]] = [(text, None)]
    trailing = _TRAILING_GROUP.search(text)
    if trailing and not _EXTENSION.search(text):
        raws.append((text[: trailing.start()], trailing.group(1)))
    readings = []
    for raw, extension in raws:
        digits, ext, problems = _phone_prepare(raw)
        if not problems:
            readings.append((digits, extension or ext))
    return readings


# The common spelling of a landline: 0, an area code (2 or 3 digits, the national number starting 10 or
# 2-9), an optional hyphen or space, and 7-8 local digits. For it the general path below has one reading, no
# extension, no +86 and no national prefix for phonenumbers to strip (CN's national_prefix_for_parsing is
# `0` or `1[12]xx`/`179xx`, which cannot start 10 or 2-9), so the number can be built directly and typed once.
_FAST_LANDLINE = _Re(r"0(?:10|[2-9][0-9])[0-9]?[- ]?[0-9]{7,8}")


def _fast_landline(text: str) -> PhoneInfo | None:
    """check_landline of an NFKC-normalised, stripped text in the common spelling; None for anything else.
    Same answers as the general path (tests/test_ids.py checks them against each other) at a third of its
    cost: no phonenumbers.parse, one number_type() instead of is_valid_number + number_type +
    length_of_geographical_area_code."""
    if not _FAST_LANDLINE.fullmatch(text):
        return None
    digits = text.replace("-", "").replace(" ", "")
    nsn = digits[1:]
    kind = _cn_number_kind(nsn)
    if kind == "fixed":
        return _make(PhoneInfo, number=digits, kind="landline", valid=True, area_code="0" + nsn[: _area_code_length(nsn)])
    problem = _p("landline-invalid") if kind == "unknown" else _p("not-fixed")
    return _make(PhoneInfo, number=digits, kind="landline", valid=False, problems=(problem,))


def _cn_number_kind(nsn: str) -> str:
    """"fixed" (FIXED_LINE or FIXED_LINE_OR_MOBILE), "unknown" (not a valid number) or "other" (a valid
    number of another type): `phonenumbers.number_type` of +86 `nsn`, from rules/data/cn_phone_types.toml
    when it was made from the installed phonenumbers (no import of it, a third of the time), else asked."""
    table = _cn_phone_types()
    if table is None:
        import phonenumbers

        types = phonenumbers.PhoneNumberType
        kind = phonenumbers.number_type(phonenumbers.PhoneNumber(country_code=86, national_number=int(nsn)))
        if kind == types.FIXED_LINE or kind == types.FIXED_LINE_OR_MOBILE:
            return "fixed"
        return "unknown" if kind == types.UNKNOWN else "other"
    general, others, fixed, mobile, same = table
    if not _matches(general, nsn):
        return "unknown"
    if _matches_other(others, len(nsn), nsn):
        return "other"
    if _matches(fixed, nsn):
        return "fixed"  # FIXED_LINE, or FIXED_LINE_OR_MOBILE when the mobile pattern matches too
    return "other" if not same and _matches(mobile, nsn) else "unknown"


def _matches(desc: _CnDesc | None, nsn: str) -> bool:
    """phonenumberutil._is_number_matching_desc: a possible length (when any are given) and the whole
    number matching the pattern."""
    return desc is not None and (not desc[1] or len(nsn) in desc[1]) and desc[0].fullmatch(nsn) is not None


_CnDesc = tuple["re.Pattern[str]", frozenset[int]]


def _matches_other(others: list[_CnDesc], length: int, nsn: str) -> bool:
    """`any(_matches(desc, nsn) for desc in others)` in one regex call: the patterns of the descs that allow
    `length` (all of them when a desc gives no lengths) joined into one alternation, compiled once per length
    and table (a fullmatch of an alternation is a fullmatch of one of its branches)."""
    if _others_of[0] is not others:
        _others_of[:] = [others, {}]
    by_length = _others_of[1]
    combined = by_length.get(length)
    if combined is None:
        branches = [desc[0].pattern for desc in others if not desc[1] or length in desc[1]]
        combined = by_length[length] = re.compile("|".join(f"(?:{b})" for b in branches)) if branches else False
    return combined is not False and combined.fullmatch(nsn) is not None


_others_of: list[Any] = [None, None]  # [the `others` list of _cn_phone_types(), {length: its alternation}]
_CN_OTHER_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail")


_cn_types_of: list[Any] = [None, None]  # [the data they were compiled from, the compiled table]


def _cn_phone_types() -> tuple[_CnDesc | None, list[_CnDesc], _CnDesc | None, _CnDesc | None, bool] | None:
    """rules/data/cn_phone_types.toml compiled, once per loaded file: (general, [the eight other types in
    phonenumbers' order], fixed line, mobile, same mobile and fixed-line pattern); None when the installed
    phonenumbers is another version than the one the file was made from (or cannot be told)."""
    data = _rule_data.load("cn_phone_types")
    if _cn_types_of[0] is not data:
        _cn_types_of[:] = [data, _compile_cn_types(data)]
    return _cn_types_of[1]


def _compile_cn_types(data: dict[str, Any]) -> tuple[_CnDesc | None, list[_CnDesc], _CnDesc | None, _CnDesc | None, bool] | None:
    if data.get("phonenumbers_version") != _phonenumbers_version():
        return None
    types = data.get("types", {})

    def desc(name: str) -> _CnDesc | None:
        d = types.get(name)
        if not d or not d.get("pattern"):
            return None
        return re.compile(d["pattern"]), frozenset(d.get("possible_length", ()))

    others = [d for d in (desc(name) for name in _CN_OTHER_TYPES) if d is not None]
    return desc("general_desc"), others, desc("fixed_line"), desc("mobile"), bool(data["same_mobile_and_fixed_line_pattern"])


def _phonenumbers_version() -> str | None:
    """The installed phonenumbers' `__version__`, read from its __init__.py (importing it costs ~25 ms)."""
    import importlib.util
    import sys

    module = sys.modules.get("phonenumbers")
    if module is not None:
        return getattr(module, "__version__", None)
    try:
        spec = importlib.util.find_spec("phonenumbers")
        if spec is None or not spec.origin:
            return None
        with open(spec.origin, encoding="utf-8") as fh:
            m = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", fh.read(), re.M)
    except (OSError, ImportError, ValueError):
        return None
    return m.group(1) if m else None


def _area_code_length(nsn: str) -> int:
    """Digits of the area code in a valid mainland fixed-line national number: 2 for Beijing (10) and the
    2x cities (20-29), else 3 (GB/T 13000 numbering, the plan libphonenumber formats CN numbers with: what
    phonenumbers.length_of_geographical_area_code says for every area code in rules/data/area_codes.toml,
    tests/test_ids.py)."""
    return 2 if nsn[0] in "12" else 3


def check_landline(s: str) -> PhoneInfo:
    """Mainland landline with area code, validated per area by phonenumbers (§5.1); extension allowed."""
    fast = _fast_landline(unicodedata.normalize("NFKC", s).strip())
    return fast if fast is not None else _check_landline_general(s)


def _check_landline_general(s: str) -> PhoneInfo:
    """check_landline for any input; the reference the fast path is tested against."""
    import phonenumbers

    readings = _landline_readings(s)
    if not readings:
        digits, _ext, problems = _phone_prepare(s)
        return PhoneInfo(number=digits, kind="landline", valid=False, problems=tuple(problems))
    first_problems: list[Problem] = []
    for digits, extension in readings:
        parsed, problems = _parse_landline(digits)
        if parsed is not None:
            nsn = phonenumbers.national_significant_number(parsed)
            area_len = phonenumbers.length_of_geographical_area_code(parsed)
            area = "0" + nsn[:area_len] if area_len else None
            return PhoneInfo(
                number="0" + nsn, kind="landline", valid=True, area_code=area, extension=extension
            )
        first_problems = first_problems or problems
    return PhoneInfo(number=readings[0][0], kind="landline", valid=False, problems=tuple(first_problems))


def _looks_mobile(s: str) -> bool:
    digits, _ext, problems = _phone_prepare(s)
    national, _cc, cc_problems = _national(digits)
    return not problems and not cc_problems and bool(_MOBILE_PREFIX.match(national))


def check_phone(s: str) -> PhoneInfo:
    """Mobile or landline (office or emergency phone); an SMS-incapable mobile is only a warning here."""
    text = unicodedata.normalize("NFKC", s).strip()
    if _MOBILE.fullmatch(text):
        return _mobile_info(text, False)
    fast = _fast_landline(text)
    if fast is not None:
        return fast
    return _check_mobile_general(s, pic=False) if _looks_mobile(s) else _check_landline_general(s)


# The common shape of an address, in which email_validator has nothing to normalise: a dot-atom of letters,
# digits, `_`, `+` and `-` before the @, lower-case LDH labels after it, ending in a letter (a TLD).
_PLAIN_EMAIL = _Re(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z0-9][a-z0-9-]*)?[a-z])")
# Copies of email_validator's lists (2.x), so a plain address needs no import of it (+34 ms, measurements.md);
# tests/test_ids.py fails if the library's lists change.
_EMAIL_SPECIAL_USE = ("arpa", "invalid", "local", "localhost", "onion", "test")
_EMAIL_SPECIAL_USE_SET = frozenset(_EMAIL_SPECIAL_USE)  # single labels: a domain is one or under one iff its
# last label is one
_EMAIL_CASE_INSENSITIVE = frozenset({
    "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster", "hostmaster", "usenet",
    "news", "webmaster", "www", "uucp", "ftp",
})


def _plain_email(text: str) -> bool:
    """`text` is an address email_validator accepts and returns unchanged (validate_email with
    check_deliverability=False): plain shape, within the length limits (254 in all, 253 after the @, 63
    per label), no `--` at all (R-LDH and Punycode labels are the library's to judge), not a special-use
    domain, not a mailbox name the library lower-cases. Anything else goes to email_validator."""
    if len(text) > 254:
        return False
    m = _PLAIN_EMAIL.fullmatch(text)
    if m is None:
        return False
    domain = m.group(1)
    if len(domain) > 253 or "--" in domain or text[: m.start(1) - 1].lower() in _EMAIL_CASE_INSENSITIVE:
        return False
    labels = domain.split(".")
    return max(map(len, labels)) <= 63 and labels[-1] not in _EMAIL_SPECIAL_USE_SET


def check_email(s: str) -> str | Problem:
    """The normalised address, or a Problem. Syntax only, no DNS (check_deliverability=False)."""
    text = unicodedata.normalize("NFKC", s).strip()
    if _plain_email(text):
        return text
    return _check_email_general(text)


def _check_email_general(text: str) -> str | Problem:
    """check_email by email_validator, for an NFKC-normalised, stripped text; the reference the plain-address
    shortcut is tested against."""
    from email_validator import EmailNotValidError, validate_email

    if not text:
        return _p("email-empty")
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        return _p("email-format", detail=str(exc))
