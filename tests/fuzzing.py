"""Fuzzing: hypothesis strategies for drafts, history files and domain strings, and the properties every
command that reads them must keep. Used by tests/test_fuzz.py (a modest number of examples, in CI) and by
benchmarks/fuzz.py (the same properties, N examples, outside CI).

The property: whatever the input, a command answers with a finding or a clear error and a documented exit
code (0, 1, 2 or 3) — never 70 (an internal error), never a traceback, never a hang (each run has a timer) —
and a command that fails leaves the files it was given byte for byte as they were.

Strategies
- `draft_dicts()` / `history_dicts()`: well-formed documents built from the pydantic models themselves
  (every field of `Draft` / `History`, walked recursively), with realistic values most of the time (valid ID
  numbers, mobiles, domains, provinces, natures, states...) so the rules run deep, and arbitrary text,
  extreme dates and control characters the rest.
- `documents(dicts)`: the bytes of a file — well-formed, or mutated: a node replaced by a wrong type (a huge
  string, control characters, a deeply nested array, an empty table), a key or table removed, an unknown key,
  a strange schema_version; then sometimes bytes mutated (invalid UTF-8, truncation, NUL, BOM, a duplicated
  line).
- `domain_strings()`: host names, URLs, IDNs, punycode, IP addresses, arbitrary text, huge labels.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import signal
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOW = "2026-12-01T10:00:00+08:00"
TIMEOUT = 20.0
"""Seconds one command may take on one input before it counts as a hang."""

DOCUMENTED_EXITS = {0, 1, 2, 3}


# -- value pools ------------------------------------------------------------------------------------------

def _gb11643(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights, strict=True)) % 11]


RESIDENT_IDS = [_gb11643(r + b + s) for r, b, s in (("440305", "19900307", "123"), ("110105", "19491231", "002"),
                                                      ("330106", "19850614", "234"), ("440303", "20150101", "111"),
                                                      ("310101", "19600229", "555"))]
USCCS = ["91440300MA5FQX124N", "91330106MA2HXY340R", "91110105MA01BC5613", "91440300MA5G00019N",
         "91330106MA2H00022K"]
MOBILES = ["13800138000", "13912345678", "+86 138-0013-8000", "19912345678", "12345678901", "1380013800"]
PHONES = [*MOBILES, "0755-86013388", "010-12345678", "0571-1234567"]
EMAILS = ["hanmeimei@example.com", "a@b.cn", "not-an-email", "x@localhost"]
DOMAINS = ["example.com", "example-tech.cn", "example.net.cn", "例子.中国", "xn--fsqu00a.xn--fiqs8s", "example.io",
           "www.example.com", "old-example.com.cn", "example-shop.cn", "a.b.c.d.example.gov.cn", "localhost",
           "192.0.2.1", "https://blog.example.com.cn:8443/a", "-bad-.com", "a..b", "."]
ICP_NUMBERS = ["粤ICP备2024000001号", "粤ICP备2024000001号-1", "浙ICP备2023000002号-1", "京ICP备2020000003号",
               "粤ICP备2026000123号-1", "ICP备", "粤ICP备0号-0"]
PROVIDERS = ["tencent", "aliyun", "tencent:agency", "huawei", ""]
PATHS = ["materials/licence.png", "materials/legal-rep-id.jpg", "materials/commitment-guangdong.pdf",
         "/dev/null", "/etc/passwd", "../../../etc/shadow", "nope.png", "materials", ""]


def _names(module_attr: str) -> list[str]:
    from beiancli import ids, regions
    from beiancli.rules import materials
    from beiancli.wizards import engine

    return {
        "natures": lambda: list(ids.natures()),
        "cert_types": lambda: list(ids.cert_types()),
        "provinces": lambda: [p.id for p in regions.provinces()] + ["广东省", "Guangdong", "粤", "44", "火星"],
        "kinds": lambda: [*list(materials.item_index()), "unknown-kind"],
        "steps": lambda: [*list(engine.STEPS), "nope"],
    }[module_attr]()


def pools() -> dict[str, list[Any]]:
    """Realistic values by field name (the leaf of the field path)."""
    from beiancli.models import FILING_TYPES, STATES

    return {
        "cert_number": RESIDENT_IDS + USCCS + ["1101051990030712", "11010519900307123X9"],
        "registrant_cert_number": RESIDENT_IDS + USCCS,
        "mobile": MOBILES,
        "emergency_phone": PHONES,
        "office_phone": PHONES,
        "email": EMAILS,
        "nature": _names("natures"),
        "cert_type": _names("cert_types"),
        "province": _names("provinces"),
        "city": ["深圳市", "杭州", "北京市", "x"],
        "district": ["南山区", "西湖区", "朝阳区"],
        "filing_type": list(FILING_TYPES),
        "state": list(STATES),
        "provider": PROVIDERS,
        "providers": PROVIDERS,
        "accounts": PROVIDERS,
        "icp_number": ICP_NUMBERS,
        "site_number": ICP_NUMBERS,
        "site_numbers": ICP_NUMBERS,
        "domain": DOMAINS,
        "home_url": ["https://www.example.com", "http://例子.中国/", "ftp://x", "javascript:alert(1)"],
        "path": PATHS,
        "kind": [*_names("kinds"), "website", "app", "miniprogram", "quickapp"],
        "content_type": ["其他", "综合门户", "博客"],
        "languages": ["zh-Hans", "en", "xx"],
        "category": ["出版", "新闻", "药品"],
        "ips": ["203.0.113.10", "::1", "999.1.1.1"],
        "name": ["深圳市示例科技有限公司", "示例科技官网", "张三", "韩梅梅", "个人博客", "A..B公司", "x"],
        "legal_representative": ["韩梅梅", "张三"],
        "investor": ["韩梅梅", "张三"],
        "address": ["深圳市南山区粤海街道科技园路 1 号 A 栋 101 室", "某地"],
        "cert_address": ["深圳市南山区粤海街道科技园路 1 号 A 栋 101 室", "某地"],
    }


# -- strategies from the models ---------------------------------------------------------------------------

CONTROL = st.text(alphabet=st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\u2028\u202e\ufeff\ud7ff"),
                  min_size=1, max_size=8)
"""Control characters, line/paragraph separators, a right-to-left override, a BOM."""

ANY_TEXT = st.text(max_size=40) | CONTROL
HUGE_TEXT = st.sampled_from([4095, 4096, 4097, 20000]).map(lambda n: "x" * n) | st.builds(
    lambda c, n: c * n, st.sampled_from(["示", "0", "\n", "\\", "\""]), st.integers(1, 6000)
)


def _strip(annotation: Any) -> Any:
    """X | None -> X; Annotated[X, ...] -> X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _strip(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _strip(args[0]) if len(args) == 1 else annotation
    return annotation


def _text_for(name: str, nonempty: bool, pool: dict[str, list[Any]]) -> st.SearchStrategy[str]:
    plain = st.text(min_size=1, max_size=30).filter(str.strip) if nonempty else st.text(max_size=30)
    values = [v for v in pool.get(name, []) if v.strip() or not nonempty]
    if values:
        return st.one_of(st.sampled_from(values), st.sampled_from(values), st.sampled_from(values), plain)
    return plain


DATES = st.one_of(st.dates(dt.date(2015, 1, 1), dt.date(2045, 12, 31)), st.dates())
TZS = st.sampled_from([dt.timezone(dt.timedelta(hours=8)), dt.UTC, dt.timezone(dt.timedelta(hours=-12)),
                       dt.timezone(dt.timedelta(hours=14))])
DATETIMES = st.one_of(
    st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2027, 12, 31), timezones=TZS),
    st.datetimes(timezones=TZS),
    st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2027, 12, 31)),  # no offset: China time
)


def for_annotation(annotation: Any, name: str, pool: dict[str, list[Any]], nonempty: bool = False
                   ) -> st.SearchStrategy[Any]:
    from pydantic import BaseModel

    raw = annotation
    ann = _strip(annotation)
    origin = typing.get_origin(ann)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(ann))
    if origin is list:
        (inner,) = typing.get_args(ann) or (str,)
        inner_nonempty = nonempty or "min_length=1" in repr(inner)
        return st.lists(for_annotation(inner, name, pool, inner_nonempty), max_size=3)
    if origin is dict:
        return st.dictionaries(st.text(max_size=10), st.integers() | st.text(max_size=10), max_size=3)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return st.deferred(lambda: model_dicts(ann, pool))
    if ann is bool:
        return st.booleans()
    if ann is int:
        if "ge=0" in repr(raw):
            return st.integers(0, 5) | st.integers(0, 2**63 - 1)
        return st.integers(0, 5) | st.integers(-(2**63), 2**63 - 1)
    if ann is dt.datetime:
        return DATETIMES
    if ann is dt.date:
        return DATES
    if ann is str:
        if "pattern" in repr(raw):  # sha256
            return st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
        return _text_for(name, nonempty or "min_length=1" in repr(raw), pool)
    return st.nothing()


_MODEL_STRATEGIES: dict[Any, st.SearchStrategy[dict[str, Any]]] = {}
_POOL: dict[str, list[Any]] = {}


def model_dicts(model: Any, pool: dict[str, list[Any]] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts with the fields of a pydantic model (each optional field present or not), recursively.
    Built once per model (building strategies is what costs, not drawing from them)."""
    if model not in _MODEL_STRATEGIES:
        _MODEL_STRATEGIES[model] = _model_dicts(model, pool if pool is not None else _pool())
    return _MODEL_STRATEGIES[model]


def _pool() -> dict[str, list[Any]]:
    if not _POOL:
        _POOL.update(pools())
    return _POOL


def _model_dicts(model: Any, pool: dict[str, list[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for fname, info in model.model_fields.items():
        ann = info.annotation
        if info.metadata:
            ann = typing.Annotated[ann, *info.metadata]
        strat = for_annotation(ann, fname, pool)
        (required if info.is_required() else optional)[fname] = strat
    return st.fixed_dictionaries(required, optional=optional)


def _fix_draft(d: dict[str, Any]) -> dict[str, Any]:
    """What the schema demands across fields: the current schema_version, a lifecycle state equal to its last
    transition, and wizard bookkeeping in the wizard's own shape."""
    d["schema_version"] = 1
    life = d.get("lifecycle")
    if isinstance(life, dict) and life.get("transitions"):
        life["state"] = life["transitions"][-1]["state"]
    return d


@st.composite
def _wizard(draw: Any) -> dict[str, Any]:
    w: dict[str, Any] = {}
    if draw(st.booleans()):
        w["flow"] = draw(st.sampled_from(["new", "add-site", "change", "cancel"]))
    if draw(st.booleans()):
        w["done"] = draw(st.lists(st.sampled_from(_names("steps")), max_size=6, unique=True))
    if draw(st.booleans()):
        w["sites_done"] = draw(st.integers(0, 4))
    return w


@st.composite
def _original(draw: Any, pool: dict[str, list[Any]]) -> dict[str, Any]:
    from beiancli.models import Subject, Website

    o: dict[str, Any] = {}
    if draw(st.booleans()):
        o["province"] = draw(st.sampled_from(pool["province"]))
    if draw(st.booleans()):
        o["subject"] = draw(model_dicts(Subject, pool))
    else:
        o["websites"] = draw(st.lists(model_dicts(Website, pool), max_size=2))
    return o


def draft_dicts() -> st.SearchStrategy[dict[str, Any]]:
    from beiancli.models import Draft

    pool = _pool()

    @st.composite
    def build(draw: Any) -> dict[str, Any]:
        d = draw(model_dicts(Draft, pool))
        d["wizard"] = draw(_wizard())
        if isinstance(d.get("change"), dict):
            d["change"]["original"] = draw(_original(pool))
        return _fix_draft(d)

    return build()


def history_dicts() -> st.SearchStrategy[dict[str, Any]]:
    from beiancli.models import History

    return model_dicts(History).map(lambda d: {**d, "schema_version": 1})


# -- mutation ---------------------------------------------------------------------------------------------

def _nodes(obj: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.extend(_nodes(v, (*path, k)))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.extend(_nodes(v, (*path, i)))
    return out


def _deep_list(depth: int) -> Any:
    v: Any = []
    for _ in range(depth):
        v = [v]
    return v


WRONG = st.one_of(
    st.integers(), st.floats(allow_nan=True), st.booleans(), ANY_TEXT, HUGE_TEXT, CONTROL, DATES, DATETIMES,
    st.builds(list), st.builds(dict), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                                 st.integers(), max_size=3),
    st.integers(2, 60).map(_deep_list), st.builds(lambda: [{}, 1]),
)
VERSIONS = st.sampled_from([0, -1, 2, 99, 2**63 - 1, -(2**63), "1", 1.0, True]) | st.builds(list) | st.builds(dict)


@st.composite
def mutated(draw: Any, base: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    import copy

    doc = copy.deepcopy(draw(base))
    for _ in range(draw(st.integers(1, 3))):
        nodes = _nodes(doc)
        path = draw(st.sampled_from(nodes))
        how = draw(st.sampled_from(["replace", "replace", "delete", "unknown-key", "version"]))
        if how == "version" or not path:
            doc["schema_version"] = draw(VERSIONS)
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if how == "replace":
            parent[last] = draw(WRONG)
        elif how == "delete":
            del parent[last]
        else:
            target = parent[last]
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=12))] = draw(WRONG)
            else:
                parent[last] = {"nmae": draw(WRONG)}
    return doc


def to_toml(data: dict[str, Any]) -> bytes:
    """TOML bytes for generated data (tomli-w; a value it cannot write — a huge nesting — is written by hand)."""
    import tomli_w

    try:
        return tomli_w.dumps(data).encode("utf-8")
    except (RecursionError, TypeError, ValueError):
        lines = []
        for k, v in data.items():
            try:
                lines.append(tomli_w.dumps({k: v}))
            except (RecursionError, TypeError, ValueError):
                lines.append(f'{_bare(k)} = {_nested_text(v)}\n')
        return "".join(lines).encode("utf-8", "surrogatepass")


def _bare(k: str) -> str:
    import json

    return json.dumps(k, ensure_ascii=False)


def _nested_text(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_nested_text(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_bare(str(k))} = {_nested_text(x)}" for k, x in v.items()) + "}"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if v == v and abs(v) != float("inf") else "nan"
    return _bare(str(v))


@st.composite
def byte_mutated(draw: Any, data: bytes) -> bytes:
    how = draw(st.sampled_from(["invalid-utf8", "truncate", "nul", "bom", "dup-line", "flip", "crlf"]))
    n = len(data)
    at = draw(st.integers(0, n))
    if how == "invalid-utf8":
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xfe\xff", b"\x80\x80"])) + data[at:]
    if how == "truncate":
        return data[:at]
    if how == "nul":
        return data[:at] + b"\x00" + data[at:]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "dup-line":
        lines = data.split(b"\n")
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        return b"\n".join([*lines[: i + 1], *lines[i:]])
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    if not data:
        return b"\x00"
    i = min(at, n - 1)
    return data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]


SPECIAL_DOCS = [
    b"",
    b"\xef\xbb\xbf",
    b"remarks = " + b"[" * 3000 + b"]" * 3000 + b"\n",
    b"remarks = " + b"{a = " * 500 + b"1" + b"}" * 500 + b"\n",
    b"[" * 200 + b"\n",
    b"[[websites]]\n" * 2000,
    b"[[websites]]\n[[websites.domains]]\nname = 'example.com'\n" * 300,
    b"subjects = " + b"[" * 2000 + b"]" * 2000 + b"\n",
    b"[[subjects]]\nname='a'\nnature='enterprise'\ncert_type='uscc'\ncert_number='x'\n" * 500,
    b'remarks = "' + b"\\u0000" * 1000 + b'"\n',
    b"schema_version = 1\n" + b"x = 1\n" * 3000,
]


def documents(dicts: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[bytes]:
    """File contents: well-formed, mutated in structure, mutated in bytes, or one of the special cases."""
    good = dicts.map(to_toml)
    bad = mutated(dicts).map(to_toml)
    return st.one_of(
        good,
        good,
        bad,
        bad,
        bad.flatmap(byte_mutated),
        good.flatmap(byte_mutated),
        st.sampled_from(SPECIAL_DOCS),
    )


@st.composite
def _host(draw: Any) -> str:
    label = st.one_of(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20),
        st.text(alphabet="例子中国示范网络", min_size=1, max_size=5),
        st.just("xn--fsqu00a"),
        st.just("xn--"),
        st.text(min_size=0, max_size=8),
        st.integers(60, 300).map(lambda n: "a" * n),
    )
    labels = draw(st.lists(label, min_size=1, max_size=5))
    suffix = draw(st.sampled_from(["com", "cn", "com.cn", "net.cn", "中国", "xn--fiqs8s", "io", "gov.cn", "", "zzz"]))
    return ".".join([*labels, suffix] if suffix else labels)


@st.composite
def _url(draw: Any) -> str:
    scheme = draw(st.sampled_from(["http://", "https://", "ftp://", "//", "", "HTTPS://", "mailto:"]))
    user = draw(st.sampled_from(["", "user:pass@", "@"]))
    port = draw(st.sampled_from(["", ":8443", ":0", ":99999", ":x"]))
    path = draw(st.sampled_from(["", "/", "/a?b=c#d", "/%00", "/../.."]))
    return f"{scheme}{user}{draw(_host())}{port}{path}"


def domain_strings() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(DOMAINS),
        _host(),
        _url(),
        st.ip_addresses().map(str),
        st.text(max_size=60),
        CONTROL,
        st.integers(250, 5000).map(lambda n: "a" * n + ".com"),
        st.sampled_from(["", " ", "-", "--json", "-h", "..", ".com", "com", "*.example.com", "example.com.",
                         "EXAMPLE.COM", "ex ample.com", "example.com\n", "\u200bexample.com", "ｅｘａｍｐｌｅ．ｃｏｍ"]),
    )


# -- running a command ------------------------------------------------------------------------------------

class Hang(BaseException):
    """Raised by the timer: a command ran longer than TIMEOUT (a BaseException, so no handler swallows it)."""


@dataclass
class Outcome:
    args: list[str]
    code: int | None
    out: str
    err: str
    hung: bool = False

    def problem(self) -> str | None:
        """Why this outcome breaks the property, or None."""
        if self.hung:
            return f"hang (> {TIMEOUT:.0f} s)"
        if self.code not in DOCUMENTED_EXITS:
            return f"exit {self.code}: {self.err[-400:]!r}"
        if "Traceback (most recent call last)" in self.out + self.err:
            return f"traceback: {self.err[-400:]!r}"
        if self.code in (2, 3) and not (self.out.strip() or self.err.strip()):
            return f"exit {self.code} without a word"
        return None


def run_cli(args: list[str], timeout: float = TIMEOUT) -> Outcome:
    """`beiancli.cli.run(args)` in this process with stdout/stderr captured and a timer."""
    from beiancli import output
    from beiancli.cli import run
    from beiancli.rules import data

    output.reset()
    data.set_override_dir(None)
    out, err = io.StringIO(), io.StringIO()

    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    code: int | None = None
    hung = False
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(args)
    except Hang:
        hung = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        output.reset()
    return Outcome(args, code, out.getvalue(), err.getvalue(), hung)


class Sandbox:
    """A private data directory (BEIAN_HOME) with a work directory, reset for every example."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.home = self.root / "home"
        self.work = self.root / "work"
        self.drafts = self.home / "drafts"

    def __enter__(self) -> Sandbox:
        self._env = {k: os.environ.get(k) for k in ("BEIAN_HOME", "BEIAN_NOW")}
        self._cwd = os.getcwd()
        os.environ["BEIAN_HOME"] = str(self.home)
        os.environ["BEIAN_NOW"] = NOW
        self.reset()
        os.chdir(self.work)
        return self

    def __exit__(self, *exc: Any) -> None:
        os.chdir(self._cwd)
        for k, v in self._env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

    def reset(self) -> None:
        """Empty the data and work directories (the material files stay: copied once)."""
        for d in (self.home, self.work):
            d.mkdir(parents=True, exist_ok=True)
            for child in d.iterdir():
                if child == self.drafts:
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        self.drafts.mkdir(parents=True, exist_ok=True)
        for child in self.drafts.iterdir():
            if child.name == "materials":
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        if not (self.drafts / "materials").exists():
            shutil.copytree(EXAMPLES / "drafts" / "materials", self.drafts / "materials")

    def put(self, path: Path, data: bytes) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path


# -- the properties ---------------------------------------------------------------------------------------

STATES_TO_SET = ["provider-review", "provider-rejected", "awaiting-bureau", "sms-pending", "bureau-review",
                 "approved", "withdrawn", "draft", "nope"]


def draft_commands(name: str, path: Path, sandbox: Sandbox) -> list[list[str]]:
    """Every way a command reads a draft. `name` is the draft's name in the data directory, `path` its file."""
    p = str(path)
    cmds = [["validate", p, "--format", f] for f in ("text", "json", "github", "sarif", "junit")]
    cmds += [
        ["validate", p, "--format", "sarif", "--output", str(sandbox.work / "report.sarif")],
        ["validate", str(sandbox.drafts)],
        ["status"],
        ["status", "--json"],
        ["status", name],
        ["status", name, "--json"],
        ["checklist", name],
        ["checklist", name, "--json"],
        ["new", "--resume", name, "--non-interactive"],
        ["new", "--resume", name, "--non-interactive", "--json"],
        ["new", "--non-interactive", "--from", p, "--name", "from-fuzz"],
        ["change", name, "--non-interactive", "--scope", "subject"],
        ["cancel", name, "--non-interactive", "--scope", "subject", "--yes"],
    ]
    cmds += [["status", name, "--set", s] for s in STATES_TO_SET]
    cmds += [["status", name, "--set", "approved", "--icp-number", "粤ICP备2026000123号-1", "--json"]]
    return cmds


def history_commands(hist: Path, sandbox: Sandbox) -> list[list[str]]:
    h = ["--history", str(hist)]
    return [
        ["subject", "list", *h],
        ["subject", "list", *h, "--json"],
        ["subject", "show", "粤ICP备2024000001号", *h],
        ["subject", "show", "张三", *h, "--json"],
        ["check-domain", "example.com", *h],
        ["check-domain", "new-example.com", "--subject", "粤ICP备2024000001号", *h, "--json"],
        ["check-domain", "example-shop.cn", "--subject", "91440300MA5FQX124N", *h],
        ["validate", str(sandbox.drafts / "zj.toml"), *h],
        ["status", "zj", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1", *h],
        ["subject", "add", "--name", "深圳市示例科技有限公司", "--nature", "enterprise", "--cert-number",
         "91440300MA5G00019N", *h],
        ["subject", "add-site", "91440300MA5FQX124N", "--domain", "brand-new-example.cn", *h],
        ["subject", "remove", "张三", "--yes", *h],
        ["new", "example.com", "--non-interactive", "--nature", "enterprise", "--cert-number", "91440300MA5FQX124N",
         "--name", "h", *h],
        ["add-site", "new-example.com", "--subject", "91440300MA5FQX124N", "--non-interactive", *h],
        ["change", "--subject", "91440300MA5FQX124N", "--scope", "subject", "--non-interactive", *h],
        ["cancel", "--subject", "91440300MA5FQX124N", "--scope", "subject", "--yes", "--non-interactive", *h],
    ]


def domain_commands(domain: str, sandbox: Sandbox) -> list[list[str]]:
    h = ["--history", str(sandbox.work / "history.toml")]
    return [
        ["check-domain", domain],
        ["check-domain", domain, "--json", "--provider", "aliyun"],
        ["check-domain", domain, "--subject", "粤ICP备2024000001号", *h],
        ["new", domain, "--non-interactive", "--nature", "enterprise", "--cert-number", "91440300MA5FQX124N", *h],
        ["add-site", domain, "--subject", "粤ICP备2024000001号", "--non-interactive", *h],
        ["subject", "add-site", "张三", "--domain", domain, *h],
    ]


def _unchanged_on_failure(outcome: Outcome, before: dict[Path, bytes]) -> str | None:
    """A command that fails must leave the user's files as they were (nothing lost)."""
    if outcome.code == 0:
        return None
    for path, data in before.items():
        try:
            now = path.read_bytes()
        except FileNotFoundError:
            return f"{path.name} was removed by a failing command"
        if now != data:
            return f"{path.name} was changed by a failing command (exit {outcome.code})"
    return None


def check_draft(sandbox: Sandbox, doc: bytes, command: int | list[str]) -> str | None:
    """The draft property for one document and one command (an index into draft_commands, or the arguments
    themselves, with the draft named `fz` in the data directory)."""
    sandbox.reset()
    path = sandbox.put(sandbox.drafts / "fz.toml", doc)
    args = draft_commands("fz", path, sandbox)[command] if isinstance(command, int) else command
    outcome = run_cli(args)
    problem = outcome.problem() or _unchanged_on_failure(outcome, {path: doc})
    return f"{args}: {problem}" if problem else None


def check_history(sandbox: Sandbox, doc: bytes, command: int) -> str | None:
    sandbox.reset()
    hist = sandbox.put(sandbox.work / "history.toml", doc)
    shutil.copy(EXAMPLES / "drafts" / "status-zhejiang-bureau-review.toml", sandbox.drafts / "zj.toml")
    draft_bytes = (sandbox.drafts / "zj.toml").read_bytes()
    args = history_commands(hist, sandbox)[command]
    outcome = run_cli(args)
    problem = outcome.problem() or _unchanged_on_failure(outcome, {hist: doc, sandbox.drafts / "zj.toml": draft_bytes})
    return f"{args}: {problem}" if problem else None


def check_domain(sandbox: Sandbox, domain: str, command: int) -> str | None:
    sandbox.reset()
    hist = sandbox.work / "history.toml"
    shutil.copy(EXAMPLES / "history.toml", hist)
    before = hist.read_bytes()
    args = domain_commands(domain, sandbox)[command]
    outcome = run_cli(args)
    problem = outcome.problem() or _unchanged_on_failure(outcome, {hist: before})
    return f"{args!r}: {problem}" if problem else None


N_DRAFT_COMMANDS = len(draft_commands("x", Path("x"), Sandbox(Path("/nonexistent"))))
N_HISTORY_COMMANDS = len(history_commands(Path("x"), Sandbox(Path("/nonexistent"))))
N_DOMAIN_COMMANDS = len(domain_commands("x", Sandbox(Path("/nonexistent"))))
