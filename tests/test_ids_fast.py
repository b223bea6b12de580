"""The fast paths in beiancli.ids give the answers of the general paths they stand in front of.

Each shortcut (a plain landline built without phonenumbers.parse, its area-code length, a plain mobile, a
plain e-mail address accepted without email_validator, the county table read without stdnum.numdb) is
compared with the slower library path over the inputs it claims: exhaustively where the space is small
(every area code in rules/data/area_codes.toml, every county of cn/loc.dat) and by property tests elsewhere.
"""

from __future__ import annotations

import random
import unicodedata

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beiancli import ids
from beiancli.rules import data as rule_data

AREA_CODES = sorted(rule_data.load("area_codes")["codes"])
FAST = settings(max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def reference_phone(s: str) -> ids.PhoneInfo:
    """check_phone as it was before the shortcuts: the general mobile and landline paths."""
    return ids._check_mobile_general(s, pic=False) if ids._looks_mobile(s) else ids._check_landline_general(s)


def _numbers_under(code: str, rnd: random.Random, tails: int = 2) -> list[str]:
    """National significant numbers under an area code (or area-code prefix such as 033), 9-11 digits long,
    every next digit, `tails` random tails each."""
    head = code[1:]
    out = []
    for total in (9, 10, 11):
        for d in "0123456789":
            for _ in range(tails):
                rest = total - len(head) - 1
                if rest >= 0:
                    out.append(head + d + "".join(rnd.choice("0123456789") for _ in range(rest)))
    return out


def test_area_code_length_agrees_with_phonenumbers_for_every_area_code():
    rnd = random.Random(4)
    fixed = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    checked = set()
    for code in AREA_CODES:
        for nsn in _numbers_under(code, rnd):
            pn = phonenumbers.PhoneNumber(country_code=86, national_number=int(nsn))
            if phonenumbers.number_type(pn) not in fixed:
                continue
            assert ids._area_code_length(nsn) == phonenumbers.length_of_geographical_area_code(pn), nsn
            checked.add(code)
    assert len(checked) > 0.9 * len(AREA_CODES)  # nearly every code has valid numbers among the samples


def test_fast_landline_agrees_with_the_general_path_for_every_area_code():
    rnd = random.Random(7)
    fast = 0
    for code in AREA_CODES:
        for nsn in _numbers_under(code, rnd, tails=1):
            local = nsn[len(code) - 1 :]
            hyphen, plain = f"{code}-{local}", f"0{nsn[:2 + len(nsn) % 2]} {nsn[2 + len(nsn) % 2:]}"
            for s in (hyphen, plain):
                fast += ids._fast_landline(unicodedata.normalize("NFKC", s).strip()) is not None
                assert ids.check_landline(s) == ids._check_landline_general(s), s
            assert ids.check_phone(hyphen) == reference_phone(hyphen), hyphen
    assert fast > 10_000  # the shortcut really ran (and the general path for the rest)


area_code = st.sampled_from(AREA_CODES)
digits = st.text(alphabet="0123456789", min_size=0, max_size=13)
separator = st.sampled_from(["", "-", " ", "--", "－", "—", "  ", "(", ")", ".", "转", "#"])
phone_like = st.one_of(
    st.builds(lambda a, s, d: a + s + d, area_code, separator, digits),
    st.builds(lambda a, s, d, t, e: a + s + d + t + e, area_code, separator, digits, separator, digits),
    st.builds(lambda p, d: p + d, st.sampled_from(["0", "00", "01", "010", "02", "1", "13", "+86", "0086", "86", "4", "９"]), digits),
    st.text(alphabet="0123456789- +()转xX#０", max_size=20),
)


@FAST
@given(s=phone_like)
def test_phone_shortcuts_agree_with_the_general_paths(s):
    assert ids.check_landline(s) == ids._check_landline_general(s)
    assert ids.check_phone(s) == reference_phone(s)
    assert ids.check_mobile(s) == ids._check_mobile_general(s)
    assert ids.check_mobile(s, pic=False) == ids._check_mobile_general(s, pic=False)


@FAST
@given(prefix=st.sampled_from(["13", "14", "15", "16", "17", "18", "19", "12", "10", "1"]), rest=digits,
       pad=st.sampled_from(["", " ", "\t", "\u3000"]))
def test_mobile_shortcut_agrees_with_the_general_path(prefix, rest, pad):
    s = pad + prefix + rest + pad
    for pic in (True, False):
        assert ids.check_mobile(s, pic=pic) == ids._check_mobile_general(s, pic=pic)
    assert ids.check_phone(s) == reference_phone(s)


# -- e-mail ----------------------------------------------------------------------------------------------

def test_email_lists_are_the_libraries():
    import email_validator
    from email_validator import rfc_constants

    assert list(ids._EMAIL_SPECIAL_USE) == email_validator.SPECIAL_USE_DOMAIN_NAMES
    assert set(rfc_constants.CASE_INSENSITIVE_MAILBOX_NAMES) == ids._EMAIL_CASE_INSENSITIVE


label = st.text(alphabet="abcxyz019-", min_size=0, max_size=8)
email_like = st.one_of(
    st.builds(
        lambda local, labels, tld: local + "@" + ".".join([*labels, tld]),
        st.text(alphabet="aZ09._+-!~\"@ ", min_size=0, max_size=10),
        st.lists(label, min_size=0, max_size=3),
        st.one_of(st.sampled_from(["com", "cn", "test", "local", "arpa", "onion", "localhost", "invalid", "c0m",
                                   "1", "xn--fiqs8s", "COM", "a-", "-a", "ab--c"]), label),
    ),
    st.builds(lambda n, local: local + "@" + "a" * n + ".cn", st.integers(50, 260), st.sampled_from(["a", "info", "Www"])),
    st.builds(lambda n: "a" * n + "@example.com", st.integers(230, 260)),
    st.sampled_from(["info@example.com", "Info@Example.com", "webmaster@x.cn", "a@b.c.d.e.f.cn", "a.b@x.test",
                     "a@sub.example.localhost", "ａ@ｂ．ｃｎ", "a@b..cn", "a@-b.cn", "a@b-.cn", "a@xn--fiqs8s.cn"]),
    st.text(max_size=30),
)


@FAST
@given(s=email_like)
def test_plain_email_shortcut_agrees_with_email_validator(s):
    text = unicodedata.normalize("NFKC", s).strip()
    assert ids.check_email(s) == ids._check_email_general(text)


def test_plain_email_shortcut_runs_for_plain_addresses():
    assert ids._plain_email("zhang.san+beian@example.com.cn")
    assert not ids._plain_email("info@example.com")  # the library lower-cases it: its call
    assert not ids._plain_email("a@b.test")


# -- county table ----------------------------------------------------------------------------------------

def test_county_table_agrees_with_numdb_for_every_code():
    table = ids._county_table()
    assert table is not None  # python-stdnum's file has the plain shape the reader takes
    _provinces, counties = table
    rnd = random.Random(11)
    codes = list(counties) + [p + f"{rnd.randrange(10_000):04d}" for p in {c[:2] for c in counties} for _ in range(20)]
    codes += ["000000", "990000", "110000", "810000"]
    for code in codes:
        assert ids._counties(code) == ids._counties_numdb(code), code
    for code in rnd.sample(codes, 300):
        for year in (1950, 1986, 1990, 2010, 2030):
            ids._county_known.cache_clear()
            fast = ids._county_known(code, year)
            assert fast == _county_known_numdb(code, year), (code, year)


def _county_known_numdb(code6: str, year: int) -> bool:
    counties = ids._counties_numdb(code6)
    return any(
        not entry.startswith("[") or not entry[1:].split("]", 1)[0].split("-")[1]
        or int(entry[1:].split("]", 1)[0].split("-")[1]) >= year
        for entry in ",".join(counties).split(",")
    ) if counties else False


@pytest.mark.parametrize(
    "text",
    [
        "11 province=\"x\"\n  0101-0105 county=\"y\"\n",  # a range
        "11 province=\"x\"\n    010101 county=\"y\"\n",  # a deeper level
        "  0101 county=\"y\"\n",  # a county before any province
        "11,12 province=\"x\"\n",
        "1 province=\"x\"\n",
        "11\tprovince=\"x\"\n",
    ],
)
def test_county_table_reader_gives_up_on_any_other_shape(text):
    assert ids._read_county_table(text) is None


def test_county_table_reader_keeps_numdb_meaning():
    text = '# c\n\n11 province="a"\n  0101 county="x"\n  0102 other="1"\n12 county="p"\n  0101 county="y" n="2"\n11\n  0101 county="z"\n'
    assert ids._read_county_table(text) == ({"12": "p"}, {"110101": "z", "120101": "y"})


# -- cached tables ---------------------------------------------------------------------------------------

def test_natures_and_cert_types_are_fresh_copies():
    a = ids.natures()
    a.clear()
    assert ids.natures() and ids.natures() is not ids.natures()
    b = ids.cert_types()
    b.pop("uscc")
    assert "uscc" in ids.cert_types()


# -- +86 number types without importing phonenumbers ------------------------------------------------------

def test_cn_phone_types_file_is_what_phonenumbers_has():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import gen_cn_phone_types

    data = rule_data.load("cn_phone_types")
    built = gen_cn_phone_types.build()
    assert data["phonenumbers_version"] == phonenumbers.__version__  # else: rerun tools/gen_cn_phone_types.py
    assert data["types"] == built["types"]
    assert data["same_mobile_and_fixed_line_pattern"] == built["same_mobile_and_fixed_line_pattern"]
    assert ids._phonenumbers_version() == phonenumbers.__version__


def _kind_by_phonenumbers(nsn: str) -> str:
    types = phonenumbers.PhoneNumberType
    kind = phonenumbers.number_type(phonenumbers.PhoneNumber(country_code=86, national_number=int(nsn)))
    if kind in (types.FIXED_LINE, types.FIXED_LINE_OR_MOBILE):
        return "fixed"
    return "unknown" if kind == types.UNKNOWN else "other"


def test_cn_number_kind_agrees_with_phonenumbers():
    assert ids._cn_phone_types() is not None
    rnd = random.Random(5)
    numbers = [nsn for code in AREA_CODES for nsn in _numbers_under(code, rnd, tails=1)]
    numbers += ["".join(rnd.choice("0123456789") for _ in range(rnd.randint(4, 13))).lstrip("0") or "1"
                for _ in range(20_000)]
    numbers += ["4001234567", "8001234567", "95588", "1010123", "13800138000", "16012345", "10123456789"]
    seen = set()
    for nsn in numbers:
        kind = ids._cn_number_kind(nsn)
        assert kind == _kind_by_phonenumbers(nsn), nsn
        seen.add(kind)
    assert seen == {"fixed", "unknown", "other"}


def test_another_phonenumbers_version_is_asked_itself(monkeypatch):
    monkeypatch.setattr(ids, "_phonenumbers_version", lambda: "0.0.0")
    monkeypatch.setattr(ids, "_cn_types_of", [None, None])
    assert ids._cn_phone_types() is None
    for s in ("0755-86013388", "0571-1234567", "0400-1234567", "010-12345678"):
        assert ids.check_landline(s) == ids._check_landline_general(s)
    assert ids._cn_number_kind("75586013388") == "fixed"


# -- check characters and the usual resident ID / USCC ----------------------------------------------------

def _weighted(body: str, value, weights) -> int:
    return sum(value(c) * w for c, w in zip(body, weights, strict=True))


@FAST
@given(body=st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_gb11643_check_by_int_base_13_is_the_weighted_sum(body):
    assert ids._gb11643_check(body) == ids._GB11643_CHECK[_weighted(body, int, ids._GB11643_WEIGHTS) % 11]


@FAST
@given(body=st.text(alphabet=ids._USCC_ALPHABET, min_size=17, max_size=17))
def test_gb32100_check_by_int_base_34_is_the_weighted_sum(body):
    total = _weighted(body, ids._USCC_ALPHABET.index, ids._USCC_WEIGHTS)
    assert ids._gb32100_check(body) == ids._USCC_ALPHABET[(31 - total % 31) % 31]


@FAST
@given(body=st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz", min_size=8, max_size=8))
def test_gb11714_check_by_int_base_35_is_the_weighted_sum(body):
    c = 11 - _weighted(body, lambda ch: int(ch, 36), ids._GB11714_WEIGHTS) % 11
    assert ids._gb11714_check(body) == {10: "X", 11: "0"}.get(c, str(c))


def test_check_characters_still_refuse_what_they_cannot_compute():
    for check, body in ((ids._gb11643_check, "1234"), (ids._gb11643_check, "1234567890123456A"),
                        (ids._gb32100_check, "91440300MA5G0001I"), (ids._gb11714_check, "MA5G00-1")):
        with pytest.raises(ValueError):
            check(body)


def _resident_reference(s: str, today) -> ids.IdInfo:
    """check_resident_id without the shortcut."""
    number = ids._compact(s)
    if len(number) == 15:
        return ids._check_legacy_resident_id(number, today)
    return ids._check_gb11643(number, ids._LAYOUTS["resident-id"], today)


_DIVISIONS = [*sorted(ids._county_table()[1])[::7], "810000", "820000", "830000", "990000", "000000", "919999"]


@st.composite
def resident_like(draw):
    code = draw(st.sampled_from(_DIVISIONS))
    born = draw(st.one_of(st.dates(), st.sampled_from(["19000101", "18991231", "20261126", "20261127", "19990229",
                                                       "20000229", "19851330", "19850100"])))
    born = born if isinstance(born, str) else born.strftime("%Y%m%d").zfill(8)
    body = code + born + draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    check = draw(st.one_of(st.just(ids._GB11643_CHECK[_weighted(body[:17], int, ids._GB11643_WEIGHTS) % 11]
                                    if len(body) == 17 and body.isdigit() else "0"),
                           st.sampled_from("0123456789Xx")))
    number = body + check
    return draw(st.sampled_from([number, number[:-1], number + "1", number.replace("1", "１"), number[:6] + " " + number[6:],
                                 number[:15], number, number]))


@FAST
@given(s=st.one_of(resident_like(), st.text(alphabet="0123456789Xx ", max_size=20)))
def test_resident_id_shortcut_agrees_with_the_general_path(s):
    import datetime

    for today in (datetime.date(2026, 11, 26), datetime.date(1990, 1, 1)):
        assert ids.check_resident_id(s, today=today) == _resident_reference(s, today), s


def test_resident_id_shortcut_runs_for_valid_numbers():
    import datetime

    today = datetime.date(2026, 11, 26)
    assert ids._fast_resident_id("110105198801014568", today) == _resident_reference("110105198801014568", today)
    assert ids._fast_resident_id("110105198801014568", today).valid
    assert ids._fast_resident_id("110105198801014567", today) is None  # a wrong check digit: the general path


def _uscc_reference(s: str) -> ids.IdInfo:
    """check_uscc as it was before it was reordered."""
    number = ids._compact(s)
    problems = ids._other_length(number, {9: "is-org-code", 15: "is-reg-no"}, ids._USCC_SHAPE, "统一社会信用代码")
    problems = problems or ids._shape_problems(number, ids._USCC_SHAPE)
    if problems:
        return ids._info("uscc", number, problems)
    total = _weighted(number[:17], ids._USCC_ALPHABET.index, ids._USCC_WEIGHTS)
    if ids._USCC_ALPHABET[(31 - total % 31) % 31] != number[17]:
        problems.append(ids._p("uscc-checksum"))
    c = 11 - _weighted(number[8:16], lambda ch: int(ch, 36), ids._GB11714_WEIGHTS) % 11
    if {10: "X", 11: "0"}.get(c, str(c)) != number[16]:
        problems.append(ids._p("uscc-org-code"))
    province = ids._province(number[2:4])
    if province is None and number[2:4] != "10":
        problems.append(ids._p("division-unknown", "warning", where_zh="第3至8位", where_en="characters 3-8"))
    return ids._info("uscc", number, problems, region_code=number[2:8], province=province)


@st.composite
def uscc_like(draw):
    head = draw(st.text(alphabet=ids._USCC_ALPHABET, min_size=2, max_size=2))
    code = draw(st.sampled_from(["440300", "110105", "100000", "990000", "000000", "81000A"]))
    rest = draw(st.text(alphabet=ids._USCC_ALPHABET + "IOZ", min_size=9, max_size=9))
    body = head + code + rest
    org = ids._GB11714_CHECK[11 - _weighted(body[8:16], lambda ch: int(ch, 36), ids._GB11714_WEIGHTS) % 11]
    body = body[:16] + draw(st.sampled_from([org, body[16]]))
    ok = ids._gb32100_check(body) if all(c in ids._USCC_ALPHABET for c in body) else "0"
    number = body + draw(st.sampled_from([ok, "0", "Y"]))
    return draw(st.sampled_from([number, number.lower(), number[:9], number[:15], number + "1", number[:8] + "-" + number[8:]]))


@FAST
@given(s=st.one_of(uscc_like(), st.text(alphabet="0123456789AIZ- ", max_size=20)))
def test_check_uscc_agrees_with_the_previous_code(s):
    assert ids.check_uscc(s) == _uscc_reference(s), s


@FAST
@given(yyyymmdd=st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_fromisoformat_of_eight_digits_is_birth_date(yyyymmdd):
    import datetime

    try:
        expected = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        expected = None
    try:
        got = datetime.date.fromisoformat(yyyymmdd)
    except ValueError:
        got = None
    assert got == expected


def test_make_is_the_constructor():
    import dataclasses
    import datetime
    import pickle

    problem = ids._p("iot")
    cases = [
        (ids.PhoneInfo, {"number": "02124999709", "kind": "landline", "valid": True, "area_code": "021"}),
        (ids.PhoneInfo, {"number": "13800138000", "kind": "mobile", "valid": True, "sms_capable": True}),
        (ids.PhoneInfo, {"number": "1", "kind": "mobile", "valid": False, "problems": (problem,)}),
        (ids.IdInfo, {"cert_type": "resident-id", "number": "110105198801014568", "valid": True,
                      "birth_date": datetime.date(1988, 1, 1), "sex": "F", "region_code": "110105", "province": "北京"}),
        (ids.IdInfo, {"cert_type": "uscc", "number": "", "valid": False, "problems": (problem,)}),
    ]
    for cls, values in cases:
        made, built = ids._make(cls, **values), cls(**values)
        assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
        assert vars(made) == vars(built) and type(made) is cls
        assert pickle.loads(pickle.dumps(made)) == built
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.valid = False  # type: ignore[misc]
