"""Every example draft behaves as its name says: `fail-BA###-<name>.toml` breaks exactly that rule (named with
its real name), and nothing else unless listed in COMPANIONS; every other draft (`first-*`, `status-*`) passes
every rule."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from beiancli import batch
from beiancli.rules import registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "drafts"
DRAFTS = sorted(EXAMPLES.glob("*.toml"))
TODAY = dt.date(2026, 11, 26)
COMPANIONS = {
    "BA507": {"BA501"},  # an unknown kind leaves the real item missing
    "BA605": {"BA606"},  # every province that wants local landlines wants local mobiles too (advice, info)
    "BA417": {"BA606"},  # the rule is Shaanxi's, and Shaanxi wants local mobiles (advice, info)
}


def _rules_fired(path: Path) -> set[str]:
    result = batch.lint_file(path, None, batch.Options(today=TODAY))
    return {loc.rule_id for loc in result.findings}


def test_there_are_passing_and_failing_examples() -> None:
    names = [p.name for p in DRAFTS]
    assert "first-enterprise-guangdong.toml" in names
    assert any(n.startswith("first-individual-") for n in names)
    assert sum(n.startswith("fail-") for n in names) >= 12


@pytest.mark.parametrize("path", DRAFTS, ids=[p.name for p in DRAFTS])
def test_example_behaves_as_named(path: Path) -> None:
    fired = _rules_fired(path)
    m = re.fullmatch(r"fail-(BA\d{3})-([a-z0-9-]+)\.toml", path.name)
    if m is None:  # first-*, status-* ...: complete drafts that pass every rule
        assert fired == set()
        return
    rule = registry.get(m.group(1))
    assert rule is not None and rule.name == m.group(2), f"{path.name} names no rule"
    assert fired == {rule.id} | COMPANIONS.get(rule.id, set())


def test_example_material_files_are_what_they_claim() -> None:
    from beiancli.rules.materials import probe

    mats = EXAMPLES / "materials"
    assert probe(mats / "licence.png").format == "png"
    assert probe(mats / "legal-rep-id.jpg").format == "jpeg"
    assert probe(mats / "commitment-guangdong.pdf").format == "pdf"
    assert probe(mats / "not-an-image.png").format is None
    assert all(p.stat().st_size < 10_000 for p in mats.iterdir())
