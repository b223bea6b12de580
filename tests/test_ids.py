"""Tests for beiancli.ids (icp-filing.md §5, §6.1).

Test numbers are generated from the published algorithms by the helpers below, written
independently of the implementation (e.g. the MOD 11-2 check as "the full weighted sum is 1 mod
11"), and python-stdnum serves as a second oracle for the plain resident-ID and USCC cases. All
people are fake; 11010519491231002X is the well-known GB 11643 sample.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.iso7064 import mod_11_10

from beiancli import ids
from beiancli.i18n import Msg
from beiancli.rules import data as rule_data

TODAY = date(2026, 11, 26)
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True, scope="module")
def bundled_data():
    """Use the bundled certificates.toml even if the caller has BEIAN_DATA_DIR set."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("BEIAN_DATA_DIR", raising=False)
        rule_data.set_override_dir(None)
        yield
    rule_data.load.cache_clear()


# ---------------------------------------------------------------------------------------------
# Independent generators


def rid_check(body17: str) -> str:
    """ISO 7064 MOD 11-2: weights 2**(17-i) mod 11; the sum including the check (weight 1) is 1 mod 11."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(body17))
    c = (1 - total) % 11
    return "X" if c == 10 else str(c)


def make_rid(region: str, born: date | str, seq: str = "123") -> str:
    ymd = born if isinstance(born, str) else born.strftime("%Y%m%d")
    body = f"{region}{ymd}{seq}"
    return body + rid_check(body)


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check(body17: str) -> str:
    """GB 32100: weights 3**i mod 31; the value makes the weighted sum 0 mod 31."""
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body17))
    return USCC_CHARS[-total % 31]


def org_check(body8: str) -> str:
    """GB 11714: c = 11 - (sum mod 11), 10 -> X, 11 -> 0."""
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body8]
    r = sum(v * w for v, w in zip(values, weights, strict=True)) % 11
    return {0: "0", 1: "X"}.get(r, str(11 - r))


def make_uscc(head: str, division: str, org8: str, *, org_ok: bool = True, check_ok: bool = True) -> str:
    oc = org_check(org8)
    if not org_ok:
        oc = next(c for c in "0123456789" if c != oc)
    body = head + division + org8 + oc
    cc = uscc_check(body)
    return body + (cc if check_ok else next(c for c in "0123456789" if c != cc))


def make_reg_no(body14: str) -> str:
    return body14 + mod_11_10.calc_check_digit(body14)


def flip_last(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def stdnum_ric_valid(number: str) -> bool:
    try:  # stdnum 2.2 raises KeyError (not ValidationError) for some unknown county codes
        return stdnum_ric.is_valid(number)
    except KeyError:
        return False


def codes(problems) -> set[str]:
    return {p.code for p in problems}


def test_generators_agree_with_the_standards_samples():
    assert make_rid("110105", "19491231", "002") == "11010519491231002X"
    assert make_uscc("91", "110000", "60003734") == "91110000600037341L"  # stdnum's docstring sample
    assert org_check("71526726") == "X"
    assert make_uscc("91", "440300", "71526726") == "9144030071526726XG"


# ---------------------------------------------------------------------------------------------
# Resident ID and the other GB 11643 numbers

RID = "11010519491231002X"
RID_M = make_rid("440305", date(1990, 5, 17), "123")
HK_PERMIT = make_rid("810000", date(1990, 1, 1), "001")
MO_PERMIT = make_rid("820000", date(1985, 6, 30), "002")
TW_PERMIT = make_rid("830000", date(2000, 2, 29), "003")
PR_2023 = make_rid("911840", date(1980, 1, 1), "001")  # 9 + Beijing (11) + USA (840)

# (input, valid, problem codes, extra expected attributes)
RESIDENT_ID_CASES = [
    (
        RID,
        True,
        set(),
        {"birth_date": date(1949, 12, 31), "sex": "F", "province": "北京", "region_code": "110105"},
    ),
    ("110105 1949 1231 002x", True, set(), {"number": RID}),
    ("110105-19491231-002X", True, set(), {"number": RID}),
    ("１１０１０５１９４９１２３１００２Ｘ", True, set(), {"number": RID}),
    (RID_M, True, set(), {"sex": "M", "province": "广东", "birth_date": date(1990, 5, 17)}),
    (flip_last(RID), False, {"checksum"}, {"birth_date": date(1949, 12, 31)}),
    (RID[:-1], False, {"length"}, {}),
    (RID + "1", False, {"length"}, {}),
    ("", False, {"empty"}, {}),
    ("  ", False, {"empty"}, {}),
    ("11010519491231002Y", False, {"format"}, {}),
    ("1101051949123100X2", False, {"format"}, {}),
    ("11010519491231OO2X", False, {"format"}, {}),
    ("110105194912310٠2X", False, {"format"}, {}),  # Arabic-Indic zero: not an ASCII digit
    (make_rid("110105", date(2027, 1, 1)), False, {"future-birth-date"}, {}),
    (make_rid("110105", date(2026, 11, 27)), False, {"future-birth-date"}, {}),
    (make_rid("110105", date(2026, 11, 26)), True, set(), {}),
    (make_rid("110105", "19490230"), False, {"birth-date"}, {"birth_date": None}),
    (make_rid("110105", "18991231"), False, {"birth-date"}, {}),
    (make_rid("010105", date(1990, 1, 1)), False, {"region"}, {}),
    (make_rid("200101", date(1990, 1, 1)), False, {"region"}, {}),
    (make_rid("119999", date(1990, 1, 1)), True, {"county"}, {"province": "北京"}),  # warning only
    (flip_last(make_rid("119999", date(1990, 1, 1))), False, {"checksum"}, {}),  # no county warning then
    (HK_PERMIT, False, {"cert-type"}, {}),
    (PR_2023, False, {"cert-type"}, {}),
    (flip_last(PR_2023), False, {"checksum", "region"}, {}),
    # 15-digit legacy IDs (GB 11643-1989): accepted with a warning, 19YY birth date (§5.2 gap 4)
    ("110105491231002", True, {"legacy"}, {"birth_date": date(1949, 12, 31), "sex": "F", "province": "北京"}),
    ("440305900517123", True, {"legacy"}, {"birth_date": date(1990, 5, 17), "sex": "M"}),
    ("110105491331002", False, {"legacy", "birth-date"}, {}),
    ("11010549123100A", False, {"format"}, {}),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "attrs"), RESIDENT_ID_CASES)
def test_resident_id(s, valid, problem_codes, attrs):
    info = ids.check_resident_id(s, today=TODAY)
    assert info.cert_type == "resident-id"
    assert info.valid is valid
    assert codes(info.problems) == problem_codes
    for name, value in attrs.items():
        assert getattr(info, name) == value


def test_checksum_message_names_the_fix():
    (problem,) = ids.check_resident_id(flip_last(RID), today=TODAY).problems
    assert problem.severity == "error"
    assert "校验位" in problem.msg.zh and "check digit" in problem.msg.en


def test_county_warning_is_a_warning():
    info = ids.check_resident_id(make_rid("119999", date(1990, 1, 1)), today=TODAY)
    assert [p.severity for p in info.problems] == ["warning"]


PERMIT_CASES = [
    (HK_PERMIT, True, set(), {"province": "香港", "region_code": "810000", "sex": "M"}),
    (MO_PERMIT, True, set(), {"province": "澳门", "birth_date": date(1985, 6, 30), "sex": "F"}),
    (TW_PERMIT, True, set(), {"province": "台湾", "birth_date": date(2000, 2, 29)}),
    (flip_last(HK_PERMIT), False, {"checksum"}, {}),
    (RID, False, {"cert-type"}, {}),
    (make_rid("810001", date(1990, 1, 1)), False, {"cert-type"}, {}),  # a (fake) resident-ID prefix
    (flip_last(make_rid("810001", date(1990, 1, 1))), False, {"checksum", "region"}, {}),
    (make_rid("820000", date(2030, 1, 1)), False, {"future-birth-date"}, {}),
    (HK_PERMIT[:-2], False, {"length"}, {}),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "attrs"), PERMIT_CASES)
def test_hmt_residence_permit(s, valid, problem_codes, attrs):
    info = ids.check_hmt_residence_permit(s, today=TODAY)
    assert (info.valid, codes(info.problems)) == (valid, problem_codes)
    for name, value in attrs.items():
        assert getattr(info, name) == value


FOREIGN_CASES = [
    (
        PR_2023,
        True,
        set(),
        {"birth_date": date(1980, 1, 1), "province": "北京", "region_code": "11", "sex": None},
    ),
    (flip_last(PR_2023), False, {"checksum"}, {}),
    (make_rid("999840", date(1980, 1, 1)), True, {"region"}, {"province": None}),  # unknown province: warning
    (make_rid("911840", "19801301"), True, {"birth-date"}, {}),  # inner layout is M: warning
    (make_rid("911840", date(2030, 1, 1)), True, {"future-birth-date"}, {}),
    (RID, False, {"cert-type"}, {}),
    ("USA123456789012", True, set(), {}),  # 2017 card
    ("usa 1234 5678 9012", True, set(), {"number": "USA123456789012"}),
    ("US1234567890123", False, {"format"}, {}),
    ("USA12345678901", False, {"length"}, {}),
    ("USA1234567890123", False, {"length"}, {}),
    ("", False, {"empty"}, {}),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "attrs"), FOREIGN_CASES)
def test_foreign_pr_card(s, valid, problem_codes, attrs):
    info = ids.check_foreign_pr_card(s, today=TODAY)
    assert (info.valid, codes(info.problems)) == (valid, problem_codes)
    assert all(p.severity == "warning" for p in info.problems) is valid
    for name, value in attrs.items():
        assert getattr(info, name) == value


@pytest.mark.parametrize("number", [HK_PERMIT, MO_PERMIT, TW_PERMIT, PR_2023])
def test_stdnum_gaps_2_and_3_are_real_and_routed_around(number):
    assert stdnum_ric.calc_check_digit(number) == number[-1]  # stdnum agrees on the checksum ...
    assert not stdnum_ric_valid(number)  # ... but rejects the number (§5.2)
    checker = ids.check_foreign_pr_card if number.startswith("9") else ids.check_hmt_residence_permit
    assert checker(number, today=TODAY).valid


def test_stdnum_gap_4_legacy_ids():
    assert not stdnum_ric_valid("110105491231002")
    assert ids.check_resident_id("110105491231002", today=TODAY).valid


# ---------------------------------------------------------------------------------------------
# Resident ID and USCC against python-stdnum

mainland_regions = st.sampled_from(["110105", "110000", "310104", "440305", "440300", "510107", "650102"])
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@settings(max_examples=300, deadline=None, database=None)
@given(region=mainland_regions, born=birth_dates, seq=st.integers(0, 999))
def test_generated_resident_ids_agree_with_stdnum(region, born, seq):
    number = make_rid(region, born, f"{seq:03d}")
    assert stdnum_ric.calc_check_digit(number) == number[-1]
    info = ids.check_resident_id(number, today=TODAY)
    assert "checksum" not in codes(info.problems)
    assert info.valid
    assert info.birth_date == born and info.sex == ("M" if seq % 2 else "F")
    if stdnum_ric_valid(number):
        assert info.problems == ()
    wrong = flip_last(number)
    assert not stdnum_ric_valid(wrong)
    assert codes(ids.check_resident_id(wrong, today=TODAY).problems) == {"checksum"}


@settings(max_examples=300, deadline=None, database=None)
@given(number=st.text(alphabet="0123456789X", min_size=18, max_size=18))
def test_any_18_characters_checksum_matches_stdnum(number):
    info = ids.check_resident_id(number, today=TODAY)
    if "X" in number[:17]:
        assert codes(info.problems) == {"format"}
        return
    assert ("checksum" in codes(info.problems)) == (stdnum_ric.calc_check_digit(number) != number[-1])
    if info.valid and not info.problems:
        assert stdnum_ric_valid(number)


uscc_chars = st.sampled_from(USCC_CHARS)
digits = st.sampled_from("0123456789")


@settings(max_examples=300, deadline=None, database=None)
@given(
    head=st.text(alphabet="0123456789", min_size=2, max_size=2),
    division=st.sampled_from(["110000", "440300", "310115", "100000"]),
    org=st.lists(uscc_chars, min_size=8, max_size=8).map("".join),
)
def test_generated_usccs_agree_with_stdnum(head, division, org):
    number = make_uscc(head, division, org)
    assert stdnum_uscc.is_valid(number)
    info = ids.check_uscc(number)
    assert info.valid and info.problems == ()
    wrong = flip_last(number)
    assert not stdnum_uscc.is_valid(wrong)
    assert codes(ids.check_uscc(wrong).problems) == {"checksum"}


@settings(max_examples=300, deadline=None, database=None)
@given(body=st.lists(uscc_chars, min_size=17, max_size=17).map("".join), last=uscc_chars)
def test_any_uscc_checksum_matches_stdnum(body, last):
    number = body[:2] + "440300" + body[8:] + last
    info = ids.check_uscc(number)
    stdnum_says = stdnum_uscc.calc_check_digit(number) == last
    assert ("checksum" not in codes(info.problems)) == stdnum_says


# ---------------------------------------------------------------------------------------------
# USCC, organisation code, registration number

Y_USCC = make_uscc("Y1", "110000", "MA01AB2C")
USCC_CASES = [
    ("9144030071526726XG", True, set(), {"province": "广东", "region_code": "440300"}),
    ("91110000600037341L", True, set(), {"province": "北京"}),
    ("9144 0300 7152 6726 xg", True, set(), {"number": "9144030071526726XG"}),
    ("９１４４０３００７１５２６７２６ＸＧ", True, set(), {"number": "9144030071526726XG"}),
    (Y_USCC, True, set(), {"province": "北京"}),  # letters first: stdnum gap 1
    (make_uscc("N2", "320100", "12345678"), True, set(), {}),
    (make_uscc("A1", "440300", "12345678"), True, set(), {}),
    (make_uscc("11", "100000", "00001312"), True, set(), {"province": None}),  # national level
    (make_uscc("91", "990000", "12345678"), True, {"region"}, {}),  # warning only
    (flip_last("9144030071526726XG"), False, {"checksum"}, {}),
    (make_uscc("91", "440300", "71526726", org_ok=False), False, {"org-code"}, {}),
    (
        make_uscc("91", "440300", "71526726", org_ok=False, check_ok=False),
        False,
        {"checksum", "org-code"},
        {},
    ),
    ("9144030071526726X", False, {"length"}, {}),
    ("914403007152672", False, {"length"}, {}),  # 15 digits: a registration number
    ("71526726X", False, {"length"}, {}),  # 9: an organisation code
    ("9144030071526726IG", False, {"format"}, {}),  # I is not in the alphabet
    ("91440300715267260O", False, {"format"}, {}),
    ("91A40300715267260G", False, {"format"}, {}),  # characters 3-8 are digits
    ("9144030071526726X!", False, {"format"}, {}),
    ("", False, {"empty"}, {}),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "attrs"), USCC_CASES)
def test_uscc(s, valid, problem_codes, attrs):
    info = ids.check_uscc(s)
    assert (info.valid, codes(info.problems)) == (valid, problem_codes)
    for name, value in attrs.items():
        assert getattr(info, name) == value


def test_stdnum_gap_1_letters_first():
    assert uscc_check(Y_USCC[:17]) == Y_USCC[-1]
    assert not stdnum_uscc.is_valid(Y_USCC)
    assert ids.check_uscc(Y_USCC).valid


def test_stdnum_misses_a_broken_embedded_org_code():
    number = make_uscc("91", "440300", "71526726", org_ok=False)
    assert stdnum_uscc.is_valid(number)
    assert not ids.check_uscc(number).valid


ORG_CODE_CASES = [
    ("71526726-X", True, set()),
    ("71526726x", True, set()),
    ("60003734-1", True, set()),
    ("MA01AB2C-" + org_check("MA01AB2C"), True, set()),
    ("71526726-1", False, {"checksum"}),
    ("7152672-X", False, {"length"}),
    ("9144030071526726XG", False, {"length"}),
    ("7152672!-X", False, {"format"}),
    ("71526726-Y", False, {"format"}),
    ("", False, {"empty"}),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes"), ORG_CODE_CASES)
def test_org_code(s, valid, problem_codes):
    info = ids.check_org_code(s)
    assert (info.valid, codes(info.problems)) == (valid, problem_codes)


@settings(max_examples=200, deadline=None, database=None)
@given(body=st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
def test_org_code_check_characters(body):
    good = body + org_check(body)
    assert ids.check_org_code(good).valid
    for wrong in set("0123456789X") - {good[-1]}:
        assert codes(ids.check_org_code(body + wrong).problems) == {"checksum"}


REG_NO = make_reg_no("44030000012345")
REG_NO_CASES = [
    (REG_NO, True, set(), {"province": "广东", "region_code": "440300"}),
    (make_reg_no("10000000012345"), True, set(), {"province": None}),
    (flip_last(REG_NO), True, {"checksum"}, {}),  # MOD 11,10 is unconfirmed (§5.1): warning only
    (make_reg_no("99000000012345"), True, {"region"}, {}),
    (REG_NO[:-1], False, {"length"}, {}),
    ("9144030071526726XG", False, {"length"}, {}),
    ("44030000012345A", False, {"format"}, {}),
    ("", False, {"empty"}, {}),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "attrs"), REG_NO_CASES)
def test_reg_no(s, valid, problem_codes, attrs):
    info = ids.check_reg_no(s)
    assert (info.cert_type, info.valid, codes(info.problems)) == ("business-licence", valid, problem_codes)
    for name, value in attrs.items():
        assert getattr(info, name) == value


# ---------------------------------------------------------------------------------------------
# Permits, passports, military unit codes

FORMAT_ONLY_CASES = [
    (ids.check_hk_macau_permit, "H12345678", True, set(), "香港"),
    (ids.check_hk_macau_permit, "m 1234 5678", True, set(), "澳门"),
    (ids.check_hk_macau_permit, "H1234567890", True, {"old-format"}, "香港"),
    (ids.check_hk_macau_permit, "H1234567", False, {"format"}, None),
    (ids.check_hk_macau_permit, "X12345678", False, {"format"}, None),
    (ids.check_hk_macau_permit, "", False, {"empty"}, None),
    (ids.check_taiwan_permit, "12345678", True, set(), "台湾"),
    (ids.check_taiwan_permit, "1234567890(B)", True, {"old-format"}, "台湾"),
    (ids.check_taiwan_permit, "1234567", False, {"format"}, None),
    (ids.check_taiwan_permit, "1234567890123", False, {"format"}, None),
    (ids.check_passport, "E12345678", True, set(), None),
    (ids.check_passport, "e 1234 5678", True, set(), None),
    (ids.check_passport, "AB123", True, set(), None),
    (ids.check_passport, "E123", False, {"length"}, None),
    (ids.check_passport, "E" * 21, False, {"length"}, None),
    (ids.check_passport, "E1234567!", False, {"format"}, None),
    (ids.check_passport, "E1234567\x00", False, {"format"}, None),
    (ids.check_military_code, "12345部队", True, set(), None),
    (ids.check_military_code, "", False, {"empty"}, None),
    (ids.check_military_code, "1" * 33, False, {"length"}, None),
    (ids.check_military_code, "123\x00", False, {"format"}, None),
]


@pytest.mark.parametrize(("check", "s", "valid", "problem_codes", "province"), FORMAT_ONLY_CASES)
def test_format_only_numbers(check, s, valid, problem_codes, province):
    info = check(s, today=TODAY)
    assert (info.valid, codes(info.problems), info.province) == (valid, problem_codes, province)


def test_bad_characters_are_named_without_the_number():
    (problem,) = ids.check_passport("E1234567!").problems
    assert "'!'" in problem.msg.en and "'!'" in problem.msg.zh
    assert "E1234567" not in problem.msg.en


# ---------------------------------------------------------------------------------------------
# Dispatcher, data, natures

CERT_TYPE_IDS = {
    "uscc", "business-licence", "org-code", "institution-cert", "social-group-cert",
    "private-non-enterprise-cert", "foundation-cert", "law-firm-licence", "military-code", "resident-id",
    "passport", "hk-macau-permit", "taiwan-permit", "hmt-residence-permit", "foreign-pr-card",
}  # fmt: skip
NATURE_IDS = {
    "enterprise", "government", "institution", "social-group", "private-non-enterprise", "foundation",
    "law-firm", "defence", "individual",
}  # fmt: skip
PROVINCES = [
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
]  # fmt: skip


def test_data_file_ids_and_provenance():
    raw = rule_data.load("certificates")
    assert raw["source"].strip() and "§4" in raw["source"] and "§5" in raw["source"]
    assert raw["as_of"] == date(2026, 11, 26)
    assert set(ids.natures()) == NATURE_IDS
    assert set(ids.cert_types()) == CERT_TYPE_IDS


def test_regions_are_the_31_mainland_provinces_plus_hk_macao_taiwan():
    from beiancli import regions as mainland_regions

    regions = rule_data.load("certificates")["regions"]
    assert [p.id for p in mainland_regions.provinces()] == PROVINCES
    assert all(code > "70" for code in regions)  # the mainland is provinces.toml's, not repeated here
    assert ids.check_resident_id("11010519491231002X").province == "北京"
    assert (regions["71"], regions["81"], regions["82"]) == ("台湾", "香港", "澳门")
    permits = rule_data.load("certificates")["permit_prefixes"]
    assert permits == {"810000": "香港", "820000": "澳门", "830000": "台湾"}


def test_every_nature_and_certificate_is_consistent():
    natures, certs = ids.natures(), ids.cert_types()
    for nature in natures.values():
        assert nature.kind in ("organisation", "individual")
        assert nature.zh and nature.en and nature.cert_types
        assert set(nature.cert_types) <= set(certs)
        # §6.3: individuals file with personal documents, organisations never do
        assert all(certs[c].person == (nature.kind == "individual") for c in nature.cert_types)
    for cert in certs.values():
        assert cert.zh and cert.en and cert.natures, cert.id
        assert ids.check_cert(cert.id, "x", today=TODAY).cert_type == cert.id  # validator resolves


def test_miit_codes_from_section_4_1():
    natures = ids.natures()
    expected = {"defence": 1, "government": 2, "institution": 3, "enterprise": 4, "individual": 5}
    assert {k: natures[k].miit_code for k in expected} == expected
    assert natures["foundation"].miit_code is None


@pytest.mark.parametrize(
    ("nature", "cert_type", "accepted"),
    [
        ("enterprise", "uscc", True),
        ("enterprise", "business-licence", True),
        ("enterprise", "resident-id", False),
        ("government", "uscc", True),
        ("government", "org-code", True),
        ("institution", "institution-cert", True),
        ("institution", "business-licence", False),
        ("law-firm", "law-firm-licence", True),
        ("defence", "military-code", True),
        ("individual", "passport", True),
        ("individual", "hmt-residence-permit", True),
        ("individual", "uscc", False),
    ],
)
def test_nature_accepts(nature, cert_type, accepted):
    assert ids.nature_accepts(nature, cert_type) is accepted


def test_nature_accepts_rejects_unknown_ids():
    with pytest.raises(ValueError, match="enterprise"):
        ids.nature_accepts("company", "uscc")
    with pytest.raises(ValueError, match="resident-id"):
        ids.nature_accepts("individual", "id-card")


def test_check_cert_dispatches_and_names_the_type():
    assert ids.check_cert("resident-id", RID, today=TODAY).valid
    number = make_uscc("12", "100000", "40000000")
    info = ids.check_cert("institution-cert", number, today=TODAY)
    assert info.cert_type == "institution-cert" and info.valid
    assert info.problems == ids.check_uscc(number).problems
    assert not ids.check_cert("institution-cert", flip_last(number)).valid
    assert ids.check_cert("social-group-cert", make_uscc("51", "100000", "50000000")).valid
    assert ids.check_cert("foreign-pr-card", PR_2023, today=TODAY).valid


def test_check_cert_unknown_type_lists_the_known_ones():
    with pytest.raises(ValueError) as exc:
        ids.check_cert("id-card", RID)
    assert "resident-id" in str(exc.value) and "uscc" in str(exc.value)


# ---------------------------------------------------------------------------------------------
# Validity and age


@pytest.mark.parametrize(
    ("until", "long_term", "expected"),
    [
        (date(2026, 11, 25), False, ("expired", "error")),
        (date(2026, 11, 26), False, ("expiring", "warning")),
        (date(2027, 2, 23), False, ("expiring", "warning")),  # 89 days left
        (date(2027, 2, 24), False, None),  # 90 days left
        (date(2030, 1, 1), False, None),
        (None, False, None),
        (None, True, None),
        (date(2020, 1, 1), True, None),
    ],
)
def test_check_validity(until, long_term, expected):
    problem = ids.check_validity(until, long_term=long_term, today=TODAY)
    assert (None if problem is None else (problem.code, problem.severity)) == expected


def test_check_validity_threshold_and_message():
    problem = ids.check_validity(date(2026, 12, 26), long_term=False, today=TODAY, min_days=31)
    assert problem is not None and "30" in problem.msg.en and "30" in problem.msg.zh
    assert ids.check_validity(date(2026, 12, 27), long_term=False, today=TODAY, min_days=31) is None


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2000, 11, 26), TODAY, 26),
        (date(2000, 11, 27), TODAY, 25),
        (date(2008, 11, 26), TODAY, 18),
        (date(2008, 11, 27), TODAY, 17),
        (date(2004, 2, 29), date(2022, 2, 28), 17),
        (date(2004, 2, 29), date(2022, 3, 1), 18),
        (TODAY, TODAY, 0),
    ],
)
def test_person_age(born, today, age):
    assert ids.person_age(born, today) == age


# ---------------------------------------------------------------------------------------------
# Phones and e-mail

MOBILE_CASES = [
    ("13800138000", True, set(), True, "13800138000"),
    ("+86 138-0013-8000", True, set(), True, "13800138000"),
    ("0086 13800138000", True, set(), True, "13800138000"),
    ("8613800138000", True, set(), True, "13800138000"),
    ("１３８ ００１３ ８０００", True, set(), True, "13800138000"),
    ("16212345678", True, set(), True, "16212345678"),  # MVNO range
    ("19212345678", True, set(), True, "19212345678"),  # China Broadnet
    ("17012345678", True, set(), True, "17012345678"),
    ("14012345678", False, {"not-sms-capable"}, False, "14012345678"),
    ("17450000000", False, {"not-sms-capable"}, False, "17450000000"),
    ("1440123456789", False, {"iot"}, False, "1440123456789"),
    ("1480123456789", False, {"iot"}, False, "1480123456789"),
    ("1410123456789", False, {"iot"}, False, "1410123456789"),
    ("1380013800", False, {"length"}, False, "1380013800"),
    ("12345678901", False, {"format"}, False, "12345678901"),
    ("01012345678", False, {"format"}, False, "01012345678"),
    ("1380013800a", False, {"format"}, False, "1380013800a"),
    ("+852 9123 4567", False, {"format"}, False, "+85291234567"),
    ("", False, {"empty"}, False, ""),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "sms", "number"), MOBILE_CASES)
def test_mobile(s, valid, problem_codes, sms, number):
    info = ids.check_mobile(s)
    assert (info.kind, info.valid, codes(info.problems)) == ("mobile", valid, problem_codes)
    assert (info.sms_capable, info.number) == (sms, number)


def test_sms_incapable_mobile_is_only_a_warning_outside_pic_fields():
    info = ids.check_mobile("14012345678", pic=False)
    assert info.valid and [(p.code, p.severity) for p in info.problems] == [("not-sms-capable", "warning")]
    assert ids.check_phone("14012345678").valid


LANDLINE_CASES = [
    ("0571-12345678", True, set(), "057112345678", "0571", None),
    ("0571 1234 5678", True, set(), "057112345678", "0571", None),
    ("0310-1234567", True, set(), "03101234567", "0310", None),  # 0310 accepts 7 local digits
    ("010-12345678", True, set(), "01012345678", "010", None),
    ("(021) 1234-5678", True, set(), "02112345678", "021", None),
    ("+86 10 1234 5678", True, set(), "01012345678", "010", None),
    ("0086-571-12345678", True, set(), "057112345678", "0571", None),
    ("0571-12345678转123", True, set(), "057112345678", "0571", "123"),
    ("0571-12345678 ext. 88", True, set(), "057112345678", "0571", "88"),
    ("010-12345678-123", True, set(), "01012345678", "010", "123"),
    ("０５７１－１２３４５６７８", True, set(), "057112345678", "0571", None),
    ("0571-1234567", False, {"format"}, None, None, None),  # 0571 needs 8 local digits
    ("12345678", False, {"area-code"}, None, None, None),
    ("13800138000", False, {"not-landline"}, None, None, None),
    ("400-123-4567", False, {"not-landline"}, None, None, None),
    ("0571-1234abcd", False, {"format"}, None, None, None),
    ("", False, {"empty"}, None, None, None),
]


@pytest.mark.parametrize(("s", "valid", "problem_codes", "number", "area", "ext"), LANDLINE_CASES)
def test_landline(s, valid, problem_codes, number, area, ext):
    info = ids.check_landline(s)
    assert (info.kind, info.valid, codes(info.problems)) == ("landline", valid, problem_codes)
    if valid:
        assert (info.number, info.area_code, info.extension) == (number, area, ext)


@pytest.mark.parametrize(
    ("s", "kind", "valid"),
    [
        ("13800138000", "mobile", True),
        ("+86 138 0013 8000", "mobile", True),
        ("0571-12345678", "landline", True),
        ("+86 10 1234 5678", "landline", True),
        ("1440123456789", "mobile", False),
        ("12345", "landline", False),
    ],
)
def test_phone(s, kind, valid):
    info = ids.check_phone(s)
    assert (info.kind, info.valid) == (kind, valid)


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("user@qq.com", "user@qq.com"),
        ("User@QQ.COM", "User@qq.com"),
        ("  ops@example.cn ", "ops@example.cn"),
        ("ｏｐｓ＠ｅｘａｍｐｌｅ．ｃｎ", "ops@example.cn"),
        ("a@qq", "format"),
        ("a b@qq.com", "format"),
        ("no-at-sign", "format"),
        ("", "empty"),
    ],
)
def test_email(s, expected):
    result = ids.check_email(s)
    if isinstance(result, ids.Problem):
        assert result.code == expected and result.msg.zh and result.msg.en
    else:
        assert result == expected


# ---------------------------------------------------------------------------------------------
# Never crash (DESIGN §7): arbitrary text in, an IdInfo / PhoneInfo out

near_valid = st.text(alphabet="0123456789XxHMEUSA -－０９Ｘ()\x00\u3000٣", min_size=0, max_size=22)
huge = st.builds(lambda ch, n: ch * n, st.characters(), st.integers(min_value=1, max_value=50_000))
any_text = st.one_of(st.text(), near_valid, huge, st.text(st.characters(categories=["Cc", "Cf", "Zs", "Nd"])))


def assert_well_formed(problems):
    for p in problems:
        assert isinstance(p.msg, Msg) and p.msg.zh and p.msg.en
        assert p.severity in ("error", "warning")


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(cert_type=st.sampled_from(sorted(CERT_TYPE_IDS)), s=any_text)
def test_check_cert_never_crashes(cert_type, s):
    info = ids.check_cert(cert_type, s, today=TODAY)
    assert isinstance(info, ids.IdInfo) and info.cert_type == cert_type
    assert info.valid == (not any(p.severity == "error" for p in info.problems))
    assert info.valid or info.problems
    assert_well_formed(info.problems)
    if len(info.number) >= 6:  # personal data never leaks into a message
        assert all(info.number not in p.msg.zh + p.msg.en for p in info.problems)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=st.one_of(any_text, st.text(alphabet="+0123456789 -()转#xext.", max_size=30)))
def test_phone_and_email_never_crash(s):
    for check in (ids.check_mobile, ids.check_landline, ids.check_phone):
        info = check(s)
        assert isinstance(info, ids.PhoneInfo)
        assert info.valid == (not any(p.severity == "error" for p in info.problems))
        assert_well_formed(info.problems)
    result = ids.check_email(s)
    assert isinstance(result, str | ids.Problem)


# ---------------------------------------------------------------------------------------------
# Start-up cost: heavy libraries load only when a check needs them


def test_importing_ids_loads_no_heavy_library():
    code = (
        "import sys, beiancli.ids as ids\n"
        "heavy = ('stdnum', 'phonenumbers', 'email_validator')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in heavy], sys.modules.keys()\n"
        "ids.check_uscc('9144030071526726XG'); ids.check_mobile('13800138000')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in heavy]\n"
        "ids.check_landline('0571-12345678')\n"
        "assert 'phonenumbers.geocoder' not in sys.modules and 'phonenumbers.carrier' not in sys.modules\n"
    )
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _rid(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights, strict=True)) % 11]


@pytest.mark.parametrize(
    ("region", "born", "warned"),
    [
        ("440305", "19750101", False),  # Nanshan district created 1990: an ID issued later carries its code
        ("110110", "19750101", False),  # Yanshan district, abolished 1986: valid for someone born before
        ("110110", "19900101", True),  # ... but no ID issued to someone born in 1990 can carry it
    ],
)
def test_county_code_is_checked_against_the_years_the_id_could_be_issued(region, born, warned):
    info = ids.check_resident_id(_rid(region + born + "123"))
    assert info.valid
    assert ("county" in [p.code for p in info.problems]) == warned
