"""The CJK checks written as comparisons (rules/base.py all_han, is_cjk; the website and subject helpers built on
them) give the answers of the regular expressions they replaced, which are kept here as the reference; the kept
(lru_cache) name normalisation gives the function's answers."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli.rules import subject, website
from beiancli.rules.base import all_han, is_cjk

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_PAIR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}")
HAN = re.compile(r"[\u4e00-\u9fff]+")
PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)+")
CITY_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}?[市县](?=[\u4e00-\u9fff]{2})")

# the edges of every range, the characters the patterns name, and some others
EDGES = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00"
chars = st.one_of(
    st.sampled_from(EDGES + "市县·•张三深圳南山 a1.-（）\n"),
    st.characters(min_codepoint=0x3000, max_codepoint=0xFFFF),
    st.characters(),
)
texts = st.text(chars, max_size=9)


@settings(max_examples=1500, deadline=None, database=None)
@given(texts)
def test_cjk_checks_agree_with_the_regexes(text):
    assert all_han(text) == bool(HAN.fullmatch(text))
    assert [is_cjk(c) for c in text] == [bool(CJK.match(c)) for c in text]
    assert sum(1 for c in text if is_cjk(c)) == len(CJK.findall(text))
    pairs = {text[k : k + 2] for k in range(len(text) - 1)} | {text}
    for p in pairs:
        assert (len(p) == 2 and is_cjk(p[0]) and is_cjk(p[1])) == bool(CJK_PAIR.fullmatch(p))
    assert subject._person_name_form(text) == bool(PERSON_NAME.fullmatch(text))
    m = CITY_PREFIX.match(text)
    assert website._city_prefix_end(text) == (m.end() if m else None)


def test_the_edges():
    assert [all_han(c) for c in "\u4dff\u4e00\u9fff\ua000"] == [False, True, True, False]
    assert subject._person_name_form("买买提·艾力") and not subject._person_name_form("张·")
    assert website._city_prefix_end("深圳市示例科技") == 3 and website._city_prefix_end("宁乡县大成桥") == 3
    assert website._city_prefix_end("乌鲁木市示例") == 4 == CITY_PREFIX.match("乌鲁木市示例").end()


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.text(st.sampled_from("张三 ·•・　ＡＢab-\u00a0李"), max_size=6), min_size=1, max_size=4))
def test_kept_normalise_name_is_the_function(names):
    """base.normalise_name is kept per text (lru_cache); the answer is the function's, the first time and after."""
    from beiancli.rules.base import normalise_name

    for _ in range(2):
        for n in names:
            assert normalise_name(n) == normalise_name.__wrapped__(n)
