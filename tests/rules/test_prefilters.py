"""Patterns compiled on first use and skipped when a character they need is absent (website._DOMAIN_LIKE and
_BRACKETED, subject._ASCII_DOMAIN) answer as the patterns did when compiled at import and always run."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli.rules import subject, website

DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.IGNORECASE)
BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
ASCII_DOMAIN = re.compile(r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/:].*)?", re.I)

texts = st.text(st.one_of(st.sampled_from("ab.-/:wKſı İ(（[【)）]】示例。．"), st.characters()), max_size=12)


def _looks_like_domain_reference(text: str) -> bool:
    import unicodedata

    t = unicodedata.normalize("NFKC", text).strip()
    if ASCII_DOMAIN.fullmatch(t):
        return True
    head, dot, tld = t.rpartition(".")
    return bool(dot and head and tld in subject._table("domain_like")["chinese_tlds"])


@settings(max_examples=1500, deadline=None, database=None)
@given(texts)
def test_prefiltered_patterns_answer_as_before(text):
    assert bool("." in text and website._DOMAIN_LIKE.match(text)) == bool(DOMAIN_LIKE.match(text))
    n = text if website._OPENERS.isdisjoint(text) else website._BRACKETED.sub("", text)
    assert n == BRACKETED.sub("", text)
    assert subject._looks_like_domain(text) == _looks_like_domain_reference(text)
    for t in (text + ".com", "www." + text + ".cn", text + ".中国"):
        assert subject._looks_like_domain(t) == _looks_like_domain_reference(t)
        assert bool("." in t and website._DOMAIN_LIKE.match(t)) == bool(DOMAIN_LIKE.match(t))


def _name_problems_reference(name: str) -> list[str]:
    """website.name_problems' codes as computed before: every pattern compiled, the symbol set built per call."""
    import unicodedata

    from beiancli.rules.data import load

    cfg = load("naming")["site_name"]
    text = unicodedata.normalize("NFKC", name).strip()
    if DOMAIN_LIKE.match(text):
        return ["domain"]
    cjk = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
    allowed = set(unicodedata.normalize("NFKC", cfg["allowed_symbols"])) | set(cfg["allowed_symbols"])
    out = ["symbols"] if any(not (c.isalnum() or c.isspace() or c in allowed or cjk.match(c)) for c in text) else []
    n = len(cjk.findall(text))
    if n == 0 and text:
        out.append("latin-only")
    elif n < cfg["min_chinese"]:
        out.append("too-short")
    return out


@settings(max_examples=800, deadline=None, database=None)
@given(st.text(st.one_of(st.sampled_from("示例技术笔记·-_&+.（）《》!！ aZ0\u3400\uf900"), st.characters()), max_size=10))
def test_site_name_problems_answer_as_before(name):
    for _ in range(2):  # the symbol set is kept after the first call
        assert [code for code, _ in website.name_problems(name)] == _name_problems_reference(name)
