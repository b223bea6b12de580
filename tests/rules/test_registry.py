"""The registry is complete: every rule has a unique id and name, both languages, a doc page with the
required sections, and at least one fail and one pass case; every doc page and case file belongs to a rule."""

from __future__ import annotations

import re
import tomllib

import pytest
from tests.rules.casefiles import CASES as CASE_DIR

from beiancli.render import doc_path
from beiancli.rules import registry
from beiancli.rules.base import FAMILIES, Rule

RULES = registry.RULES
SECTIONS = ("## What it checks", "## Failing example", "## Passing example", "## Source")


def test_ids_and_names_are_unique_and_in_order() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(ids)) == len(ids)
    assert len(set(names)) == len(names)
    assert ids == sorted(ids)


def test_family_matches_the_id_scheme() -> None:
    for r in RULES:
        assert FAMILIES[int(r.id[2])] == r.family, r.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_complete(rule: Rule) -> None:
    for msg in (rule.title, rule.message, rule.suggestion):
        assert msg.zh.strip() and msg.en.strip()
        assert msg.zh != msg.en, f"{rule.id}: the zh text is the English one"
    for msg in (rule.title, rule.suggestion):
        assert re.search(r"[\u4e00-\u9fff]", msg.zh), f"{rule.id}: the zh text has no Chinese"
    # whether every template field is in the finding's data is checked on real findings by test_rule_cases
    assert rule.source and "§" in rule.source
    assert rule.confidence in ("H", "M", "L")

    doc = doc_path(rule.id)
    assert doc.is_file(), f"missing doc page {doc}"
    text = doc.read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.id} {rule.name}\n")
    for section in SECTIONS:
        assert section in text, f"{doc.name} lacks {section!r}"
    assert "§" in text

    case = CASE_DIR / f"{rule.id}.toml"
    assert case.is_file(), f"missing case file {case}"
    data = tomllib.loads(case.read_text(encoding="utf-8"))
    assert data.get("fail"), f"{case.name} has no [[fail]] case"
    assert data.get("pass"), f"{case.name} has no [[pass]] case"


def test_no_orphan_docs_or_cases() -> None:
    ids = {r.id for r in RULES}
    docs = {p.stem for p in doc_path("BA000").parent.glob("*.md")}
    cases = {p.stem for p in CASE_DIR.glob("*.toml")}
    assert docs - ids == set()
    assert cases - ids == set()


def test_lookup_by_id_name_and_family() -> None:
    r = RULES[3]
    assert registry.get(r.id) is r
    assert registry.get(r.id.lower()) is r
    assert registry.get(r.name) is r
    assert registry.get("no-such-rule") is None
    person = registry.select_rules(select=["person"])
    assert person and all(x.family == "person" for x in person)
    without = registry.select_rules(ignore=[f"{r.id},{RULES[4].name}"])
    assert r not in without and RULES[4] not in without and len(without) == len(RULES) - 2


def test_unknown_selector_is_a_usage_error() -> None:
    from beiancli.errors import UsageError

    with pytest.raises(UsageError):
        registry.select_rules(select=["BA999"])
    with pytest.raises(UsageError):
        registry.severity_overrides({"BA301": "fatal"})
