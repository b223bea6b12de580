"""Normalise what people paste as a domain and split it into the parts a filing cares about.

`analyse("https://WWW.例子.中国:8443/a?b")` -> DomainInfo(hostname="www.例子.中国", registrable="例子.中国",
registrable_ascii="xn--fsqu00a.xn--fiqs8s", suffix="中国", tld="中国", subdomain="www", ...).

- Accepts URLs (scheme, user info, port, path, query), upper case, a trailing dot, the ideographic full stop
  "。" (MIIT Announcement 2018 No. 7 allows it between Chinese labels, icp-filing.md §3.5), Chinese IDNs and
  punycode. Normalisation is UTS-46 + IDNA 2008 through the `idna` package (never `str.encode("idna")`, which
  is IDNA 2003).
- Only the registrable domain is filed; sub-domains are covered by its filing (§3.3 [Q-need], [Q-site]). The
  registrable domain comes from a bundled snapshot of the Public Suffix List's ICANN section
  (rules/data/public_suffix_list.dat, with its source and as-of date in the header; a newer file of the same
  name in BEIAN_DATA_DIR replaces it). No network, ever.
- Refuses, with `DomainError(.code, .msg)`: empty input, IP addresses, single labels, labels over 63 octets,
  names over 253, invalid characters, leading/trailing hyphens, bare public suffixes.

Pure and light: stdlib + idna only (no pydantic, no rich).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from beiancli.i18n import Msg
from beiancli.rules import data

PSL_FILE = "public_suffix_list.dat"


class DomainError(Exception):
    """Not a domain that can be filed. `.code` is stable (scripts and tests use it); `.msg` is one line."""

    def __init__(self, code: str, msg: Msg) -> None:
        self.code = code
        self.msg = msg
        super().__init__(msg.en)


@dataclass(frozen=True)
class DomainInfo:
    input: str
    hostname: str  # Unicode, lower case, no trailing dot
    hostname_ascii: str
    registrable: str  # what is filed (Unicode)
    registrable_ascii: str
    suffix: str  # the public suffix (Unicode), e.g. "com.cn"
    suffix_ascii: str
    tld: str  # the last label (Unicode), e.g. "cn", "中国"
    tld_ascii: str
    subdomain: str  # "" when the hostname is the registrable domain

    @property
    def is_idn(self) -> bool:
        return self.hostname != self.hostname_ascii


# -- errors ---------------------------------------------------------------------------------------------

def _err(code: str, zh: str, en: str, **data: object) -> DomainError:
    return DomainError(code, Msg(zh.format(**data), en.format(**data)))


# -- input clean-up -------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})
_IPV4ISH = re.compile(r"^[0-9.]+$")
_ASCII_LABEL_OK = re.compile(r"^[a-z0-9-]+$")
_PLAIN_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")  # lower-case letters, digits, hyphens; 2+ labels
_NON_CANONICAL = re.compile(r"^(?!//).*[ \t\rA-Z]", re.M)  # a rule line with spaces, CR or upper case


def _host_part(text: str) -> str:
    s = text.strip()
    s = _SCHEME.sub("", s)
    for sep in "/?#\\":
        s = s.split(sep, 1)[0]
    if "@" in s:
        s = s.rsplit("@", 1)[1]
    if s.startswith("["):
        raise _err("ip-address", "{s} 是 IP 地址，不是域名；只有域名才能备案", "{s} is an IP address, not a domain; only domains are filed", s=s)
    if s.count(":") > 1:
        raise _err("ip-address", "{s} 是 IPv6 地址，不是域名；只有域名才能备案", "{s} is an IPv6 address, not a domain; only domains are filed", s=s)
    if ":" in s:
        s, port = s.split(":", 1)
        if port and not port.isdigit():
            raise _err("invalid-character", "端口 {p!r} 不是数字", "the port {p!r} is not a number", p=port)
    return s.translate(_DOTS).strip()


# -- the Public Suffix List -----------------------------------------------------------------------------

SET_AFTER = 64
_PSL_LOOKUPS: dict[str, int] = {}
_PSL_SETS: dict[str, frozenset[str]] = {}


class _Psl(NamedTuple):
    """The list as one string of newline-separated rules: a membership test is a substring search for
    "\nrule\n", which costs less than building sets of ~7,000 rules on every start (benchmarks/startup.sh).
    A process that keeps looking names up (lint over a batch of drafts, ~5 lookups per domain at ~30 µs each)
    switches to a set of the lines after SET_AFTER lookups (~2 ms to build once); the answers are the same."""

    text: str
    source: str
    as_of: str
    path: str

    def has(self, rule: str) -> bool:
        lines = _PSL_SETS.get(self.path)
        if lines is not None:
            return rule in lines
        n = _PSL_LOOKUPS[self.path] = _PSL_LOOKUPS.get(self.path, 0) + 1
        if n >= SET_AFTER:
            _PSL_SETS[self.path] = frozenset(self.text.split("\n"))
        return f"\n{rule}\n" in self.text

    def rule(self, name: str) -> bool:
        return self.has(name)

    def wildcard(self, parent: str) -> bool:  # "*.ck"
        return self.has("*." + parent)

    def exception(self, name: str) -> bool:  # "!www.ck"
        return self.has("!" + name)


def psl_path() -> Path:
    over = data.override_dir()
    if over is not None and (over / PSL_FILE).is_file():
        return over / PSL_FILE
    return data.BUNDLED / PSL_FILE


def _is_bundled(path: str) -> bool:
    return Path(path) == data.BUNDLED / PSL_FILE


_bundled_psl: list[object] = [None, ""]  # [data.BUNDLED, str(data.BUNDLED / PSL_FILE)]


def psl() -> _Psl:
    if data.override_dir() is not None:
        return _load_psl(str(psl_path()))
    if _bundled_psl[0] is not data.BUNDLED:  # the usual case, ~5 lookups per domain: build the path once
        _bundled_psl[:] = [data.BUNDLED, str(data.BUNDLED / PSL_FILE)]
    return _load_psl(str(_bundled_psl[1]))


@cache
def _load_psl(path: str) -> _Psl:
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    source = as_of = ""
    for line in raw[:4096].splitlines():
        if line.startswith("// source:"):
            source = line[10:].strip()
        elif line.startswith("// as_of:") and not as_of:
            as_of = line[9:].strip()
    # The bundled file is canonical (one lower-case rule per line; a test checks). A user's file from
    # BEIAN_DATA_DIR may be the raw PSL: a rule ends at the first whitespace, and case does not matter.
    if not _is_bundled(path) and _NON_CANONICAL.search(raw):
        lines = (ln.strip().split()[0] if ln.strip() else "" for ln in raw.splitlines())
        raw = "\n".join(ln if ln.startswith("//") else ln.lower() for ln in lines)
    return _Psl("\n" + raw + "\n", source, as_of, path)


def public_suffix_len(labels: list[str]) -> int:
    """How many trailing labels form the public suffix (PSL algorithm; unknown TLD -> 1, the `*` rule)."""
    p = psl()
    lines = _PSL_SETS.get(p.path)
    has = p.has if lines is None else lines.__contains__  # once the set is built: ~5 lookups per domain
    n = len(labels)
    for i in range(n):
        name = ".".join(labels[i:])
        if has("!" + name):  # p.exception
            return n - i - 1
        if has(name):  # p.rule
            return n - i
        if i + 1 < n and has("*." + ".".join(labels[i + 1 :])):  # p.wildcard
            return n - i
    return 1


# -- analysis -------------------------------------------------------------------------------------------

def _label_checks(label: str, index: int, text: str) -> None:
    if not label:
        raise _err("empty-label", "{t} 中有空的标签（连续的点或以点开头）", "{t} has an empty label (two dots in a row, or a leading dot)", t=text)
    if label.startswith("-") or label.endswith("-"):
        raise _err("hyphen", "标签 {l!r} 以连字符开头或结尾", "the label {l!r} starts or ends with a hyphen", l=label)
    if label.isascii():
        if not _ASCII_LABEL_OK.match(label):
            bad = next(c for c in label if not (c.isalnum() or c == "-"))
            raise _err("invalid-character", "标签 {l!r} 含不允许的字符 {c!r}（只能用字母、数字、连字符和汉字）",
                       "the label {l!r} has the character {c!r} (only letters, digits, hyphens and Chinese characters)", l=label, c=bad)
        if len(label) > 63:
            raise _err("label-too-long", "标签 {l}… 有 {n} 个字符，最多 63 个", "the label {l}… has {n} characters; at most 63", l=label[:20], n=len(label))
        if label[2:4] == "--" and not label.startswith("xn--"):
            raise _err("hyphen", "标签 {l!r} 第 3、4 位是连字符（为 xn-- 等编码保留）", "the label {l!r} has hyphens in the 3rd and 4th position (reserved for xn-- and the like)", l=label)


def _plain_labels_ok(host: str, labels: list[str]) -> bool:
    """Every label of a plain host (non-empty labels of letters, digits and hyphens) passes `_label_checks`,
    tested on the whole name at once: no hyphen first or last in a label, no "--" at all (so none in a
    label's 3rd and 4th place), no label over 63 characters. False = let _label_checks say what is wrong."""
    return (
        "--" not in host and "-." not in host and ".-" not in host and host[0] != "-" and host[-1] != "-"
        and (len(host) <= 63 or max(map(len, labels)) <= 63)
    )


def _convert(label: str) -> tuple[str, str]:
    """(unicode, ascii) of one label, via idna (IDNA 2008). A plain LDH label (letters, digits, hyphens, not
    xn--) that passed `_label_checks` is its own U- and A-label; idna would only repeat those checks."""
    if label.isascii() and not label.startswith("xn--") and _ASCII_LABEL_OK.match(label):
        return label, label
    import idna

    try:
        if label.isascii():
            uni = idna.ulabel(label)
            asc = idna.alabel(uni).decode("ascii") if not uni.isascii() else label
            if asc != label:  # ulabel accepted an xn-- label that is not canonical
                raise idna.IDNAError("non-canonical A-label")
        else:
            asc = idna.alabel(label).decode("ascii")
            uni = label
    except idna.IDNAError as exc:
        code = getattr(exc, "code", "") or ""
        text = str(exc)
        if "too_long" in code or "too long" in text.lower():
            raise _err("label-too-long", "标签 {l}… 编码后超过 63 个字符", "the label {l}… is longer than 63 characters once encoded", l=label[:20]) from None
        if "hyphen" in code or "hyphen" in text.lower():
            raise _err("hyphen", "标签 {l!r} 的连字符位置不允许", "the label {l!r} has hyphens where they are not allowed", l=label) from None
        if isinstance(exc, idna.InvalidCodepoint):
            raise _err("invalid-character", "标签 {l!r} 含域名中不允许的字符", "the label {l!r} has a character domains may not use", l=label) from None
        raise _err("idna", "标签 {l!r} 不是有效的国际化域名标签（IDNA 2008）：{e}", "the label {l!r} is not a valid IDNA 2008 label: {e}", l=label, e=text) from None
    if len(asc) > 63:
        raise _err("label-too-long", "标签 {l}… 编码后有 {n} 个字符，最多 63 个", "the label {l}… is {n} characters once encoded; at most 63", l=label[:20], n=len(asc))
    return uni, asc


def _mapped_host(text: str) -> str:
    """The host name in what was pasted (URL parts, port and a trailing dot removed), UTS-46 mapped, with
    every kind of full stop made ".", or DomainError."""
    import idna

    if not isinstance(text, str) or not text.strip():
        raise _err("empty", "没有输入域名", "no domain given")
    host = _host_part(text)
    if not host:
        raise _err("empty", "{t!r} 中没有域名", "no domain in {t!r}", t=text.strip())
    if host.endswith(".") and not host.endswith(".."):
        host = host[:-1]
    if _IPV4ISH.match(host):
        raise _err("ip-address", "{h} 是 IP 地址，不是域名；只有域名才能备案", "{h} is an IP address, not a domain; only domains are filed", h=host)
    try:
        mapped = idna.uts46_remap(host, std3_rules=True, transitional=False)
    except idna.IDNAError as exc:
        bad = getattr(exc, "codepoint", None)
        char = chr(bad) if isinstance(bad, int) else "?"
        raise _err("invalid-character", "{h!r} 含域名中不允许的字符 {c!r}（只能用字母、数字、连字符和汉字）",
                   "{h!r} has the character {c!r}, which domains may not use (letters, digits, hyphens, Chinese)", h=host, c=char) from None
    return mapped.translate(_DOTS)


def analyse(text: str) -> DomainInfo:
    """The domain facts of `text`, or DomainError saying in one line why it is not a domain to file."""
    plain = isinstance(text, str) and _PLAIN_HOST.fullmatch(text) is not None and not _IPV4ISH.match(text)
    # the usual spelling: clean-up and UTS-46 mapping would return it unchanged
    mapped = text if plain else _mapped_host(text)
    labels = mapped.split(".")
    if len(labels) == 1:
        if not labels[0]:
            raise _err("empty", "{t!r} 中没有域名", "no domain in {t!r}", t=text.strip())
        raise _err("single-label", "{h} 只有一级，不是可以备案的域名（需要如 example.com）",
                   "{h} is a single label, not a domain that can be filed (it needs a suffix, e.g. example.com)", h=mapped)
    simple = plain and "xn--" not in mapped  # every label is plain LDH, not xn--: _convert returns it as it is
    if not (simple and _plain_labels_ok(mapped, labels)):
        for i, label in enumerate(labels):
            _label_checks(label, i, mapped)
    if simple:
        uni = asc = labels
        hostname_ascii = mapped
    else:
        pairs = [_convert(label) for label in labels]
        uni = [u for u, _ in pairs]
        asc = [a for _, a in pairs]
        hostname_ascii = ".".join(asc)
    if len(hostname_ascii) > 253:
        raise _err("name-too-long", "域名编码后有 {n} 个字符，最多 253 个", "the name is {n} characters once encoded; at most 253", n=len(hostname_ascii))
    if not plain and all(a.isdigit() for a in asc):  # a plain name is not all digits and dots (_IPV4ISH)
        raise _err("ip-address", "{h} 看起来是 IP 地址，不是域名", "{h} looks like an IP address, not a domain", h=hostname_ascii)
    if asc[-1].isdigit():
        raise _err("invalid-character", "{h} 的顶级域是纯数字，不是域名", "{h} ends in a numeric label; that is not a domain", h=hostname_ascii)
    n_suffix = public_suffix_len(uni)
    if n_suffix >= len(uni):
        suffix = ".".join(uni)
        raise _err("public-suffix", "{s} 本身是公共后缀，不是可注册、可备案的域名；请给出如 example.{s} 的域名",
                   "{s} is a public suffix, not a registrable domain; give a name such as example.{s}", s=suffix)
    k = n_suffix + 1
    return DomainInfo(
        input=text,
        hostname=".".join(uni),
        hostname_ascii=hostname_ascii,
        registrable=".".join(uni[-k:]),
        registrable_ascii=".".join(asc[-k:]),
        suffix=".".join(uni[-n_suffix:]),
        suffix_ascii=".".join(asc[-n_suffix:]),
        tld=uni[-1],
        tld_ascii=asc[-1],
        subdomain=".".join(uni[:-k]),
    )
