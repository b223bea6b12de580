"""Every example draft behaves as its name says, and together they cover every filing type and nature.

- `fail-BA###-<name>.toml` breaks exactly that rule (named with its real name), and nothing else unless
  listed in COMPANIONS.
- `<type>-<nature>-<province>.toml` (e.g. `access-enterprise-zhejiang.toml`) is a complete draft of that
  filing type, subject nature and province that passes every rule — without a history and with
  examples/history.toml, which holds the filed subjects the add-site / access / change / cancel examples start
  from (rule BA701 compares the declared type with the §1.5 decision over it). It lists exactly the materials
  the matrix asks of it, so the conditional items (authorisation letters, residence proof, province letters)
  are exercised both ways.
- `status-*.toml` are complete drafts at some point of the lifecycle (tests/test_status.py): they pass too.
- The passing examples cover every filing type (models.FILING_TYPES), and the first filings every subject
  nature (ids.natures()): a type or nature without an example fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from beiancli import batch
from beiancli.rules import registry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "drafts"
HISTORY = ROOT / "examples" / "history.toml"
DRAFTS = sorted(EXAMPLES.glob("*.toml"))
FAILING = [p for p in DRAFTS if p.name.startswith("fail-")]
PASSING = [p for p in DRAFTS if not p.name.startswith("fail-")]
COMPLETE = [p for p in PASSING if not p.name.startswith("status-")]
"""The `<type>-<nature>-<province>.toml` examples."""
TODAY = dt.date(2026, 11, 26)
COMPANIONS = {
    "BA507": {"BA501"},  # an unknown kind leaves the real item missing
    "BA605": {"BA606"},  # every province that wants local landlines wants local mobiles too (advice, info)
    "BA417": {"BA606"},  # the rule is Shaanxi's, and Shaanxi wants local mobiles (advice, info)
}
EXPECTED: dict[str, set[str]] = {}
"""Findings a passing example is allowed to have because they are inherent to it: file name -> rule ids, each
with the reason in a comment. Empty: every passing example is clean at every severity."""
HISTORY_ONLY = {"BA701", "BA702"}
"""Rules that judge a draft against the history and say nothing without one: their fail-* examples fire only
with examples/history.toml."""
NATURES_WITHOUT_EXAMPLE: dict[str, str] = {}
"""Natures deliberately left without a first-filing example: nature id -> why. Empty: all are covered."""


@cache
def _history():
    from beiancli import store

    return store.load_history(HISTORY)


def _rules_fired(path: Path, with_history: bool) -> set[str]:
    hist = _history() if with_history else None
    result = batch.lint_file(path, hist, batch.Options(today=TODAY))
    return {loc.rule_id for loc in result.findings}


def _split_name(stem: str) -> tuple[str, str, str]:
    """`add-site-external-enterprise-sichuan` -> (add-site-external, enterprise, sichuan); longest ids first."""
    from beiancli import ids
    from beiancli.models import FILING_TYPES

    ftype = next((t for t in sorted(FILING_TYPES, key=len, reverse=True) if stem.startswith(t + "-")), None)
    assert ftype, f"{stem}: does not start with a filing type"
    rest = stem[len(ftype) + 1 :]
    nature = next((n for n in sorted(ids.natures(), key=len, reverse=True) if rest.startswith(n + "-")), None)
    assert nature, f"{stem}: no subject nature after the filing type"
    return ftype, nature, rest[len(nature) + 1 :]


def test_there_are_passing_and_failing_examples() -> None:
    names = [p.name for p in DRAFTS]
    assert "first-enterprise-guangdong.toml" in names
    assert any(n.startswith("first-individual-") for n in names)
    assert len(FAILING) >= 12 and len(COMPLETE) >= 10


@pytest.mark.parametrize("with_history", [False, True], ids=["no-history", "history"])
@pytest.mark.parametrize("path", DRAFTS, ids=[p.name for p in DRAFTS])
def test_example_behaves_as_named(path: Path, with_history: bool) -> None:
    fired = _rules_fired(path, with_history)
    m = re.fullmatch(r"fail-(BA\d{3})-([a-z0-9-]+)\.toml", path.name)
    if m is None:  # complete drafts and status-*: pass every rule, at every severity
        assert fired == EXPECTED.get(path.name, set())
        return
    rule = registry.get(m.group(1))
    assert rule is not None and rule.name == m.group(2), f"{path.name} names no rule"
    if rule.id in HISTORY_ONLY and not with_history:
        assert fired == set()
        return
    assert fired == {rule.id} | COMPANIONS.get(rule.id, set())


def test_every_rule_with_a_failing_example_is_named_in_one() -> None:
    """Keeps the fail-* set honest in the other direction: no two examples claim one rule by different names."""
    ids = [re.match(r"fail-(BA\d{3})-", p.name).group(1) for p in FAILING]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", COMPLETE, ids=[p.name for p in COMPLETE])
def test_complete_example_is_what_its_name_says(path: Path) -> None:
    from beiancli import ids, regions, store

    ftype, nature, province = _split_name(path.stem)
    draft = store.load_draft(path)
    assert draft.filing_type == ftype
    assert draft.subject.nature == nature and nature in ids.natures()
    prov = regions.find(draft.province)
    assert prov is not None and prov.en.lower().replace(" ", "-") == province


def test_examples_cover_every_filing_type_and_nature() -> None:
    """A filing type or subject nature without a complete passing example fails CI (issue #4)."""
    from beiancli import ids
    from beiancli.models import FILING_TYPES

    names = [_split_name(p.stem) for p in COMPLETE]
    assert {t for t, _, _ in names} == set(FILING_TYPES)
    first_natures = {n for t, n, _ in names if t == "first"}
    assert first_natures == set(ids.natures()) - set(NATURES_WITHOUT_EXAMPLE)
    assert set(NATURES_WITHOUT_EXAMPLE) <= set(ids.natures())
    assert len({p for _, _, p in names}) >= 8  # spread over provinces, so province rules run


@pytest.mark.parametrize("path", COMPLETE, ids=[p.name for p in COMPLETE])
def test_complete_example_lists_exactly_the_materials_it_needs(path: Path) -> None:
    """Nothing missing (BA501 checks that) and nothing extra: each conditional item an example lists is one
    the matrix asks of it, so the conditions (authorisation letters, residence proof ...) fire as intended."""
    from beiancli import store
    from beiancli.rules.base import Context
    from beiancli.rules.materials import requirements_for

    draft = store.load_draft(path)
    needed = {(r.kind, r.site) for r in requirements_for(Context(draft=draft, today=TODAY, base_dir=path.parent))}
    per_site = {r.kind for r in requirements_for(Context(draft=draft, today=TODAY)) if r.per_site}
    listed = {(m.kind, m.site if m.kind in per_site else None) for m in draft.materials}
    assert listed == needed


@pytest.mark.parametrize("path", COMPLETE, ids=[p.name for p in COMPLETE])
def test_complete_example_fits_the_history(path: Path) -> None:
    """New filings: the §1.5 decision over examples/history.toml gives the example's type for every domain
    (not a blocked outcome, which BA701 would not report). Changes and cancellations: the subject and the
    sites they name are filed in the history under that subject."""
    from beiancli import domains, store
    from beiancli.rules import filing_type
    from beiancli.rules.consistency import DECIDED_TYPES

    draft = store.load_draft(path)
    history = _history()
    subject = history.find_subject(draft.subject.cert_number)
    if draft.filing_type in DECIDED_TYPES:
        for site in draft.websites:
            for dom in site.domains:
                decision = filing_type.decide(domains.analyse(dom.name), history, subject, draft.provider)
                assert (decision.outcome, decision.filing_type) == (filing_type.FILE, draft.filing_type), dom.name
        if draft.filing_type == "first":
            assert subject is None or not subject.icp_number
            return
    assert subject is not None and subject.icp_number == draft.subject.icp_number
    assert (subject.name, subject.nature, subject.province) == (draft.subject.name, draft.subject.nature, draft.province)
    filed = {s.site_number for s in subject.sites}
    named = {w.site_number for w in draft.websites if w.site_number}
    if draft.cancel is not None:
        named |= set(draft.cancel.site_numbers)
    assert named <= filed
    if draft.filing_type in ("access", "one-click-access"):
        assert named and all(w.site_number for w in draft.websites)
    if draft.filing_type in ("add-site", "add-site-external"):
        assert not named  # new websites have no number yet


def test_validate_command_on_the_complete_examples_with_the_history(cli) -> None:
    """The command line the example headers give: every complete example, with the example history, no finding."""
    args = [str(p) for p in COMPLETE]
    r = cli("validate", *args, "--history", str(HISTORY), "--format", "json", "--fail-on", "warning")
    assert r.code == 0, r
    assert r.json()["findings"] == []


def test_example_material_files_are_what_they_claim() -> None:
    from beiancli.rules.materials import probe

    mats = EXAMPLES / "materials"
    assert probe(mats / "licence.png").format == "png"
    assert probe(mats / "legal-rep-id.jpg").format == "jpeg"
    assert probe(mats / "commitment-guangdong.pdf").format == "pdf"
    assert probe(mats / "authorisation-site-principal.pdf").format == "pdf"
    assert probe(mats / "not-an-image.png").format is None
    assert all(p.stat().st_size < 10_000 for p in mats.iterdir())
