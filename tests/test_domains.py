"""Domain analysis (issue #3): what people paste becomes the registrable domain that is filed (§3.3), or a clear
refusal with a stable code."""

from __future__ import annotations

import idna
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli import domains
from beiancli.domains import DomainError, DomainInfo, analyse
from beiancli.i18n import Msg


@pytest.mark.parametrize(
    ("text", "hostname", "registrable", "subdomain"),
    [
        ("Example.COM", "example.com", "example.com", ""),
        ("www.example.com", "www.example.com", "example.com", "www"),
        ("https://blog.example.com.cn:8443/a?b", "blog.example.com.cn", "example.com.cn", "blog"),
        ("example.com.", "example.com", "example.com", ""),
        ("  EXAMPLE.COM.  ", "example.com", "example.com", ""),
        ("http://user:pw@Shop.Example.CN:80/path#frag", "shop.example.cn", "example.cn", "shop"),
        ("example.com/path/only", "example.com", "example.com", ""),
        ("a.b.c.example.net", "a.b.c.example.net", "example.net", "a.b.c"),
        ("ｅｘａｍｐｌｅ．ｃｏｍ", "example.com", "example.com", ""),  # full-width, mapped by UTS-46
    ],
)
def test_normalisation(text, hostname, registrable, subdomain):
    info = analyse(text)
    assert info.input == text
    assert info.hostname == hostname
    assert info.registrable == registrable
    assert info.subdomain == subdomain


def test_chinese_idn_both_ways():
    uni = analyse("例子.中国")
    puny = analyse("xn--fsqu00a.xn--fiqs8s")
    for info in (uni, puny):
        assert info.registrable == "例子.中国"
        assert info.registrable_ascii == "xn--fsqu00a.xn--fiqs8s"
        assert info.suffix == "中国" and info.suffix_ascii == "xn--fiqs8s"
        assert info.tld == "中国" and info.tld_ascii == "xn--fiqs8s"
        assert info.is_idn
    # the ideographic full stop separates Chinese labels (MIIT 2018 No. 7, §3.5)
    assert analyse("www。例子。中国").registrable == "例子.中国"
    assert analyse("www。例子。中国").subdomain == "www"
    # the ASCII form is what the idna package (IDNA 2008) gives
    assert analyse("例子.公司").hostname_ascii == idna.encode("例子.公司").decode()
    assert not analyse("example.com").is_idn


def test_idna_2008_not_2003():
    # IDNA 2003 (str.encode("idna")) maps ß to ss; IDNA 2008 keeps it
    info = analyse("faß.de")
    assert info.hostname == "faß.de"
    assert info.hostname_ascii == "xn--fa-hia.de"


@pytest.mark.parametrize(
    ("text", "registrable", "suffix"),
    [
        ("a.b.example.co.uk", "example.co.uk", "co.uk"),
        ("x.example.com.cn", "example.com.cn", "com.cn"),
        ("x.example.gov.cn", "example.gov.cn", "gov.cn"),
        ("www.example.bj.cn", "example.bj.cn", "bj.cn"),
        ("www.例子.公司.cn", "例子.公司.cn", "公司.cn"),
        ("www.北京.政务.cn", "北京.政务.cn", "政务.cn"),  # a beiancli addition to the PSL (§3.5)
        ("a.www.ck", "www.ck", "ck"),  # exception rule !www.ck
        ("foo.bar.kawasaki.jp", "foo.bar.kawasaki.jp", "bar.kawasaki.jp"),  # wildcard *.kawasaki.jp
        ("x.city.kawasaki.jp", "city.kawasaki.jp", "kawasaki.jp"),  # exception !city.kawasaki.jp
        ("www.example.unknowntld", "example.unknowntld", "unknowntld"),  # default rule "*"
    ],
)
def test_public_suffix_list(text, registrable, suffix):
    info = analyse(text)
    assert (info.registrable, info.suffix) == (registrable, suffix)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("https://", "empty"),
        ("localhost", "single-label"),
        ("com", "single-label"),
        ("中国", "single-label"),
        ("1.2.3.4", "ip-address"),
        ("http://192.168.0.1:8080/", "ip-address"),
        ("[::1]", "ip-address"),
        ("http://[2001:db8::1]/", "ip-address"),
        ("2001:db8::1", "ip-address"),
        ("a" * 64 + ".com", "label-too-long"),
        (".".join(["a" * 60] * 5) + ".com", "name-too-long"),
        ("ex_ample.com", "invalid-character"),
        ("exa mple.com", "invalid-character"),
        ("exa!mple.com", "invalid-character"),
        ("example.com:port", "invalid-character"),
        ("-example.com", "hyphen"),
        ("example-.com", "hyphen"),
        ("ab--cd.com", "hyphen"),
        ("a..com", "empty-label"),
        (".example.com", "empty-label"),
        ("com.cn", "public-suffix"),
        ("gov.cn", "public-suffix"),
        ("co.uk", "public-suffix"),
        ("xn--zz.com", "idna"),
        ("example.123", "invalid-character"),
    ],
)
def test_refusals(text, code):
    with pytest.raises(DomainError) as err:
        analyse(text)
    assert err.value.code == code
    msg = err.value.msg
    assert isinstance(msg, Msg) and msg.zh and msg.en
    assert "\n" not in msg.zh and "\n" not in msg.en
    assert str(err.value) == msg.en


def test_long_unicode_label_is_too_long_once_encoded():
    with pytest.raises(DomainError) as err:
        analyse("".join(chr(0x4E00 + 37 * i) for i in range(30)) + ".cn")  # 30 different ideographs
    assert err.value.code == "label-too-long"


def test_domain_info_is_frozen():
    info = analyse("example.com")
    assert isinstance(info, DomainInfo)
    with pytest.raises(AttributeError):
        info.hostname = "x"  # type: ignore[misc]


def test_psl_snapshot_records_source_and_date():
    p = domains.psl()
    assert "publicsuffix.org" in p.source and "2026-10-22" in p.source
    assert p.as_of == "2026-10-22"
    assert p.rule("com.cn") and p.wildcard("ck") and p.exception("www.ck") and not p.rule("www.ck")
    # ICANN section only: no private-section entries such as github.io
    assert not p.rule("github.io")
    # canonical, so the bundled file needs no clean-up at load time: one lower-case rule per line
    for line in p.text.strip().splitlines():
        assert line.startswith("//") or (line == line.strip().lower() and " " not in line), line


def test_psl_override_from_data_dir(tmp_path, monkeypatch):
    (tmp_path / "public_suffix_list.dat").write_text(  # raw PSL style: CRLF, upper case, trailing text
        "// source: test\r\n// as_of: 2099-01-01\r\nCOM\r\n\r\nExample.com  // a comment\r\n", encoding="utf-8")
    monkeypatch.setenv("BEIAN_DATA_DIR", str(tmp_path))
    info = analyse("www.shop.example.com")
    assert info.suffix == "example.com" and info.registrable == "shop.example.com"
    assert domains.psl().as_of == "2099-01-01"


_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_arbitrary_text_never_crashes(text):
    try:
        info = analyse(text)
    except DomainError as exc:
        assert exc.code and exc.msg.zh and exc.msg.en
    else:
        assert isinstance(info, DomainInfo)
        assert info.hostname.endswith(info.registrable)
        assert info.registrable.endswith(info.suffix)
        assert len(info.hostname_ascii) <= 253


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-例子中国。.:/", min_size=0, max_size=20),
                min_size=1, max_size=6))
def test_domain_like_text_never_crashes(labels):
    text = ".".join(labels)
    try:
        info = analyse(text)
    except DomainError:
        return
    # what analyse returns analyses to itself (idempotent), in either form
    again = analyse(info.hostname)
    assert again.registrable == info.registrable
    assert analyse(info.hostname_ascii).registrable == info.registrable


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.text("abcxyz019-", min_size=1, max_size=12), min_size=2, max_size=4).map(".".join))
def test_the_plain_spelling_fast_path_is_what_clean_up_and_mapping_return(text):
    """analyse() skips the clean-up and UTS-46 mapping for lower-case LDH names: they return them unchanged."""
    assert domains._PLAIN_HOST.fullmatch(text)
    if not domains._IPV4ISH.match(text):
        assert domains._mapped_host(text) == text



def _analyse_reference(text: str) -> DomainInfo:
    """domains.analyse through _mapped_host and _convert for every label, as it was before plain LDH names
    skipped both (error codes as analyse gives them)."""
    mapped = domains._mapped_host(text)
    labels = mapped.split(".")
    if len(labels) == 1:
        raise DomainError("single-label" if labels[0] else "empty", Msg("", ""))
    for i, label in enumerate(labels):
        domains._label_checks(label, i, mapped)
    pairs = [domains._convert(label) for label in labels]
    uni, asc = [u for u, _ in pairs], [a for _, a in pairs]
    for failed, code in ((len(".".join(asc)) > 253, "name-too-long"), (all(a.isdigit() for a in asc), "ip-address"),
                         (asc[-1].isdigit(), "invalid-character")):
        if failed:
            raise DomainError(code, Msg("", ""))
    n_suffix = _suffix_len_reference(uni)
    if n_suffix >= len(uni):
        raise DomainError("public-suffix", Msg("", ""))
    k = n_suffix + 1
    return DomainInfo(text, ".".join(uni), ".".join(asc), ".".join(uni[-k:]), ".".join(asc[-k:]),
                      ".".join(uni[-n_suffix:]), ".".join(asc[-n_suffix:]), uni[-1], asc[-1], ".".join(uni[:-k]))


def _suffix_len_reference(labels: list[str]) -> int:
    """public_suffix_len by substring search of the list's text (no set of its lines)."""
    text = domains.psl().text
    n = len(labels)
    for i in range(n):
        name = ".".join(labels[i:])
        if f"\n!{name}\n" in text:
            return n - i - 1
        if f"\n{name}\n" in text:
            return n - i
        if i + 1 < n and f"\n*.{'.'.join(labels[i + 1:])}\n" in text:
            return n - i
    return 1


_ldh_label = st.text(st.sampled_from("abcxn-019"), min_size=1, max_size=8)
_suffixes = st.sampled_from(["cn", "com", "com.cn", "gov.cn", "ck", "www.ck", "xn--fiqs8s", "github.io", "jp",
                             "kawasaki.jp", "city.kawasaki.jp", "中国", "例子"])


@settings(max_examples=800, deadline=None, database=None)
@given(st.lists(st.one_of(_ldh_label, _suffixes), min_size=1, max_size=4))
def test_plain_names_skip_mapping_and_conversion_with_the_same_answer(labels):
    """A plain lower-case LDH name (no xn--) skips the UTS-46 mapping and the per-label conversion, and the
    public suffix is looked up in the set of the list's lines once it is built; the answer, or the error code,
    is the one of the full path."""
    text = ".".join(labels)
    try:
        expected: object = _analyse_reference(text)
    except DomainError as exc:
        expected = exc.code
    try:
        got: object = analyse(text)
    except DomainError as exc:
        got = exc.code
    assert got == expected, text
    parts = text.split(".")
    assert domains.public_suffix_len(parts) == _suffix_len_reference(parts)
