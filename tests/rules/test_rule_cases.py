"""The one driver for every rule case in tests/rules/cases/ (format: casefiles.py). A fail case must give
exactly the expected field paths for its rule; a pass case none. Every finding's message and suggestion are
filled in both languages on the way, so a template that does not fit its data fails here too."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.rules.casefiles import DEFAULT_TODAY, entries, write_case

from beiancli import batch
from beiancli.render import fill
from beiancli.rules import registry

CASES = entries()


def _run(entry: dict, tmp_path: Path) -> list:
    path = write_case(entry, tmp_path)
    history = None
    if "history" in entry:
        from beiancli.models import History

        history = History.model_validate(entry["history"])
    opts = batch.Options(today=entry.get("today", DEFAULT_TODAY), provider=entry.get("provider"))
    result = batch.lint_file(path, history, opts)
    for loc in result.findings:
        rule = registry.get(loc.finding.rule_id)
        message, suggestion = fill(rule, loc.finding)
        assert message.zh and message.en and suggestion.zh and suggestion.en
        assert "{" not in message.en + suggestion.en, (rule.id, message, suggestion)
    return result.findings


@pytest.mark.parametrize(
    ("rule_id", "kind", "n", "entry"),
    CASES,
    ids=[f"{r}-{k}{n}-{e.get('name', '')}".replace(" ", "_") for r, k, n, e in CASES],
)
def test_case(rule_id: str, kind: str, n: int, entry: dict, tmp_path: Path) -> None:
    found = [loc for loc in _run(entry, tmp_path) if loc.finding.rule_id == rule_id]
    if kind == "pass":
        assert found == [], [(f.path, f.finding.data) for f in found]
        return
    assert sorted(loc.path for loc in found) == sorted(entry["expect"]), [(f.path, f.finding.data) for f in found]
    unmatched = [dict(loc.finding.data) for loc in found]
    for want in entry.get("expect_data", []):
        hit = next((d for d in unmatched if all(_same(d.get(k), v) for k, v in want.items())), None)
        assert hit is not None, f"no finding with {want} in {unmatched}"
        unmatched.remove(hit)
    if "severity" in entry:
        assert {str(loc.severity) for loc in found} == {entry["severity"]}
    for loc in found:
        if loc.path:
            assert loc.line is not None, f"no line for {loc.path}"


def _same(actual: object, wanted: object) -> bool:
    return actual == wanted or str(actual) == str(wanted)


@pytest.mark.parametrize("base", ["enterprise", "individual"])
def test_base_drafts_pass_every_rule(base: str, tmp_path: Path) -> None:
    found = _run({"base": base}, tmp_path)
    assert found == [], [(f.rule_id, f.path, f.finding.data) for f in found]
