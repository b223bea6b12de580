"""tomlcompat.loads parses with rtoml for speed and must give exactly what tomli gives: the same values of the
same types for every document tomli accepts, and tomli's own error for every document it refuses. Checked
differentially on generated documents and on random edits of the example drafts and history."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli import tomlcompat

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DOCUMENTS = [*sorted(EXAMPLES.glob("drafts/*.toml")), EXAMPLES / "history.toml"]


def canonical(value):
    """A comparable form that also tells the types apart (True vs 1, date vs datetime, the tzinfo class)."""
    if isinstance(value, dict):
        return ("dict", sorted((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", [canonical(v) for v in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat(), type(value.tzinfo).__name__)
    return (type(value).__name__, value)


def outcome(parse, text):
    try:
        return ("ok", canonical(parse(text)))
    except tomli.TOMLDecodeError as exc:
        return ("error", str(exc))


def test_the_fast_parser_is_installed_and_used():
    """rtoml is a dependency: without it every comparison below would be tomli against itself."""
    assert tomlcompat._fast_loads is not None
    text = (EXAMPLES / "drafts" / "first-enterprise-guangdong.toml").read_text(encoding="utf-8")
    assert not tomlcompat.tomli_only(text)  # this draft goes through rtoml


RULE_DATA = sorted((Path(tomlcompat.__file__).parent / "rules" / "data").glob("*.toml"))


@pytest.mark.parametrize("path", RULE_DATA, ids=lambda p: p.name)
def test_the_bundled_rule_data_goes_through_rtoml(path):
    """Every command loads these; one that tomli must parse (a comment ending in `=` is enough, see
    tomli_only) cost ~80 M instructions - a tenth of `beian validate ONE.toml` - importing and running tomli."""
    assert not tomlcompat.tomli_only(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_example_parses_the_same(path):
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    assert outcome(tomlcompat.loads, text) == outcome(tomli.loads, text)


@pytest.mark.parametrize("text", [
    "a = 99999999999999999999\n",  # beyond 64 bits: rtoml refuses, tomli reads it
    "a = 1979-05-27T07:32:00-07:00\nb = 1979-05-27T07:32:00Z\n",  # offset date-times: datetime.timezone
    "a = 1979-05-27 07:32z\nb = 1979-05-27T07:32:00.5+08:00\nc = [1979-05-27T07:32-01:30]\n",
    "a = 1979-05-27T07:32:00.999999999\nb = 07:32:00.1234567\n",  # sub-microsecond digits
    'a = """\r\nx\r\ny"""\n',
    "a = 1\na = 2\n",  # duplicate key: tomli's error
    'a = { b\n = 1 }\n', 'a = { b\n.c = 1 }\n', 'a = { b = 1,\n c = 2, }\n',  # inline tables across lines
    't = { a =\n1 }\n', 't = { a # c\n= 1 }\n', 't = { a = # c\n 1 }\n', 't = { "a"\n= 1 }\n', 't = { a = { b\n= 1 } }\n',
    't = { a = 1, # c\n b = 2 }\n', 't = {a=1,\n\n}\n',
    "[t]\nx = 1\n[t]\n",
    'a = "\\u0000"\n', "a = nan\nb = -inf\nc = -0.0\n", "a = [1, 'x', [2.5], {b = true}]\n",
    "a = 0x_1\n", "a = 1__0\n", "a = 01\n", "a = 2026-02-30\n", "a = '''\n", "= 1\n", "a.b.c = 1\na.b = 2\n",
])
def test_edge_cases_match_tomli(text):
    assert outcome(tomlcompat.loads, text) == outcome(tomli.loads, text)


def test_offset_date_times_come_back_picklable():
    import pickle

    data = tomlcompat.loads("at = 2026-11-26T09:30:00+08:00\n")
    assert isinstance(data["at"].tzinfo, dt.timezone)
    assert pickle.loads(pickle.dumps(data)) == data


scalars = st.one_of(
    st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=20), st.dates(), st.times(),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
)
keys = st.text(min_size=1, max_size=8)
documents = st.dictionaries(keys, st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20), max_size=6)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_generated_documents_parse_the_same(data):
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):  # something TOML cannot say (e.g. a time with a zone)
        return
    assert outcome(tomlcompat.loads, text) == outcome(tomli.loads, text)


SYNTAX = [*list("=[]{}\"'.,#\n \t-+:_0123456789eEaZzT\r"), '"""', "'''", "\\", "\r\n", "inf", "nan", "true", "[[", "]]", "\n=", "\n.", "{a\n", ",\n", "=\n", "= #c\n", "{ ", "\\u00e9", "\\U0001F600", "\\x41", "例"]


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(DOCUMENTS), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), st.sampled_from(SYNTAX)),
                                            min_size=1, max_size=4))
def test_random_edits_of_the_examples_parse_the_same(path, edits):
    """Most edits break the document: the error must be tomli's, word for word; the rest must read the same."""
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    for where, cut, insert in edits:
        i = int(where * len(text))
        text = text[:i] + insert + text[i + cut:]
    assert outcome(tomlcompat.loads, text) == outcome(tomli.loads, text)
