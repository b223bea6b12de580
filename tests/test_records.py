"""records.py, the pydantic-free reader of plainly valid drafts, against pydantic, the judge.

The promise (records.py docstring): whatever the records accept, pydantic accepts, with the same values and
the same `model_fields_set` all the way down; whatever they do not, pydantic decides. Checked here on every
TOML file of the examples and tests, on every rule case (and the lint answers on both must be the same), on
generated and mutated drafts and histories, and on the edges where Python and pydantic-core differ (white
space, control characters, lax conversions)."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from tests import fuzzing
from tests.probe import probe
from tests.rules.casefiles import DEFAULT_TODAY, entries, write_case

from beiancli import batch, models, records, store, tomlcompat
from beiancli.rules import registry

ROOT = Path(__file__).resolve().parents[1]
TOML_FILES = sorted(p for d in ("examples", "tests") for p in (ROOT / d).rglob("*.toml"))


def tree(obj: Any) -> Any:
    """A model or record as nested plain data, with each model's fields_set and each scalar's type."""
    if isinstance(obj, BaseModel):
        names = type(obj).model_fields
    elif isinstance(obj, records.Record):
        names = obj.FIELDS
    elif isinstance(obj, list):
        return [tree(x) for x in obj]
    elif isinstance(obj, dict):
        return {k: tree(v) for k, v in obj.items()}
    else:
        return (type(obj).__name__, obj, obj.utcoffset() if isinstance(obj, dt.datetime) else None)
    return {"(set)": sorted(obj.model_fields_set), **{k: tree(getattr(obj, k)) for k in names}}


def judge(kind: str, data: Any) -> tuple[Any, Any]:
    """(records' reading, pydantic's) of the same document; pydantic's is None when it refuses it. Fails when
    the records accept what pydantic refuses, or read it differently."""
    plain = records.read(kind, copy.deepcopy(data))
    model = models.Draft if kind == "draft" else models.History
    try:
        strict = model.model_validate(copy.deepcopy(data))
    except ValidationError:
        strict = None
    if plain is not None:
        assert strict is not None, "records accepted a document pydantic refuses"
        assert tree(plain) == tree(strict)
    return plain, strict


def test_specs_are_generated_from_the_models() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_record_specs
    finally:
        sys.path.remove(str(ROOT / "tools"))
    generated = (Path(records.__file__).parent / "_specs.py").read_text(encoding="utf-8")
    assert gen_record_specs.build() == generated, \
        "models.py changed: python tools/gen_record_specs.py > src/beiancli/_specs.py"


def test_every_model_has_a_record_class_with_its_fields() -> None:
    classes = records.reader().classes
    for name, cls in vars(models).items():
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__module__ == models.__name__ \
                and cls is not models.Model:
            assert tuple(cls.model_fields) == classes[name].FIELDS, name


@pytest.mark.parametrize("path", TOML_FILES, ids=[str(p.relative_to(ROOT)) for p in TOML_FILES])
def test_every_toml_file_of_the_repository(path: Path) -> None:
    try:
        data = store.read_toml(path).data
    except Exception:
        return  # not TOML (a parse-error example): nothing to read
    kind = "history" if batch.is_history(data) else "draft"
    plain, strict = judge(kind, data)
    if path.is_relative_to(ROOT / "examples") and strict is not None:
        assert plain is not None, "a valid example must take the fast path (else it is never exercised)"


CASES = [c for c in entries() if "text" not in c[3]]


@pytest.mark.parametrize(("rule_id", "kind", "n", "entry"), CASES,
                         ids=[f"{r}-{k}{n}" for r, k, n, _ in CASES])
def test_rules_answer_the_same_on_records_and_on_models(rule_id, kind, n, entry, tmp_path) -> None:
    loaded = store.read_toml(write_case(entry, tmp_path))
    plain, strict = judge("draft", loaded.data)
    if strict is None:
        return  # a schema-error case: both readers hand it to pydantic's wording
    assert plain is not None, "a schema-valid rule case is read plainly"
    hist_plain = hist_strict = None
    if "history" in entry:
        hist_plain, hist_strict = judge("history", entry["history"])
        assert hist_plain is not None

    def lint(draft: Any, history: Any) -> list[tuple[Any, ...]]:
        return [(f.rule_id, f.path, f.data, f.severity)
                for f in registry.lint(draft, history, today=entry.get("today", DEFAULT_TODAY),
                                       provider=entry.get("provider"), base_dir=tmp_path)]

    assert lint(plain, hist_plain) == lint(strict, hist_strict)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@SETTINGS
@given(fuzzing.draft_dicts())
def test_generated_drafts(data: dict[str, Any]) -> None:
    judge("draft", data)


@SETTINGS
@given(fuzzing.mutated(fuzzing.draft_dicts()))
def test_mutated_drafts(data: dict[str, Any]) -> None:
    judge("draft", data)


@SETTINGS
@given(st.one_of(fuzzing.history_dicts(), fuzzing.mutated(fuzzing.history_dicts())))
def test_generated_and_mutated_histories(data: dict[str, Any]) -> None:
    judge("history", data)


@SETTINGS
@given(fuzzing.documents(fuzzing.draft_dicts()))
def test_drafts_as_toml_files(doc: bytes) -> None:
    """What the linter meets: bytes, parsed by tomlcompat (TOML's own types: dates, local date-times...)."""
    try:
        data = tomlcompat.loads(doc.decode("utf-8"))
    except (UnicodeDecodeError, tomlcompat.TOMLDecodeError, RecursionError):
        return
    judge("draft", data)


# -- the edges, one by one ---------------------------------------------------------------------------------

SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()] + ["\u180e", "\u200b", "\ufeff"]


@pytest.mark.parametrize("ch", SPACES, ids=[f"U+{ord(c):04X}" for c in SPACES])
def test_trimming_agrees_with_pydantic_core(ch: str) -> None:
    """Python and Rust disagree on what white space is exactly at U+001C..U+001F; those are control
    characters, left to pydantic. Everywhere else both trim alike."""
    for text in (f"{ch}张三{ch}", ch, f"{ch}{ch}"):
        judge("draft", {"subject": {"name": text, "former_names": [text]}})


@pytest.mark.parametrize(("data", "why"), [
    ({"subject": {"principal": {"cert_long_term": "true"}}}, "a boolean written as text"),
    ({"schema_version": 1.0}, "a float for an integer"),
    ({"planned_submission": dt.datetime(2026, 12, 1)}, "a date-time for a date"),
    ({"planned_submission": "2026-12-01"}, "ISO text for a date outside change.original"),
    ({"materials": [{"kind": "x", "site": "1"}]}, "a number written as text"),
])
def test_lax_conversions_are_left_to_pydantic(data: dict[str, Any], why: str) -> None:
    """pydantic (lax mode) accepts these by converting them; the records do not convert and pass them on,
    except ISO dates, which they read the same way (see below)."""
    plain, strict = judge("draft", data)
    assert strict is not None, why
    if why.startswith("ISO text"):
        assert plain is not None and plain.planned_submission == dt.date(2026, 12, 1)
    else:
        assert plain is None, why


@pytest.mark.parametrize(("data", "why"), [
    ({"subject": {"nmae": "x"}}, "an unknown key"),
    ({"schema_version": 2}, "a future version (migrate refuses it before)"),
    ({"wizard": {"flow": "nope"}}, "the wizard validator"),
    ({"lifecycle": {"state": "approved", "transitions": [{"state": "draft", "at": dt.datetime(2026, 1, 1)}]}},
     "the lifecycle validator"),
    ({"change": {"scope": "subject", "original": {"subjekt": {}}}}, "change.original's keys"),
    ({"change": {"scope": "subject", "original": {"websites": [{"nmae": "x"}]}}}, "change.original's shape"),
    ({"subject": {"name": "a\x1bb"}}, "a control character"),
    ({"materials": [{"kind": "x", "sha256": "ABC"}]}, "a pattern"),
    ({"materials": [{"kind": "x", "site": -1}]}, "a bound"),
    ({"websites": [{}] * 101}, "too many sites"),
    ({"subject": {"former_names": ["  "]}}, "an empty name after trimming"),
    ({"subject": {"name": "x" * 4097}}, "a text too long"),
    ({"provider": True}, "a boolean for a text"),
    ({"websites": [{"kind": " app"}]}, "a choice with a space (choices are not trimmed)"),
])
def test_what_pydantic_refuses_the_records_refuse(data: dict[str, Any], why: str) -> None:
    plain, strict = judge("draft", data)
    assert plain is None and strict is None, why


def test_a_time_without_offset_is_china_time_in_both() -> None:
    data = {"lifecycle": {"state": "approved", "transitions": [{"state": "approved", "at": dt.datetime(2026, 1, 1)}]}}
    plain, _ = judge("draft", data)
    assert plain.lifecycle.transitions[0].at.utcoffset() == dt.timedelta(hours=8)


def test_history_records_have_the_models_methods() -> None:
    data = store.read_toml(ROOT / "examples" / "history.toml").data
    plain, strict = judge("history", data)
    assert plain is not None
    for s in strict.subjects:
        assert plain.find_subject(s.cert_number).name == s.name
        assert plain.find_subject(s.cert_number).provider_accounts() == s.provider_accounts()
    assert plain.find_subject("no such subject") is None


def test_records_pickle_for_spawned_workers() -> None:
    """`beian validate` sends the history to its workers; under `spawn` (macOS, Windows) that is pickle."""
    import pickle

    data = store.read_toml(ROOT / "examples" / "history.toml").data
    plain = records.read("history", data)
    again = pickle.loads(pickle.dumps(plain))
    assert type(again) is type(plain) and tree(again) == tree(plain)


# -- the point of it all ----------------------------------------------------------------------------------

def _validate_modules(*args: str) -> tuple[int, str, set[str]]:
    result = probe("validate", *args, env={"BEIAN_NOW": "2026-11-26"})
    return result.code, result.out + result.err, result.modules


def test_validating_a_valid_draft_does_not_import_pydantic(tmp_path: Path) -> None:
    draft = ROOT / "examples" / "drafts" / "first-enterprise-guangdong.toml"
    code, out, mods = _validate_modules(str(draft), "--history", str(ROOT / "examples" / "history.toml"))
    assert code in (0, 1), out
    assert "pydantic" not in mods and "beiancli.models" not in mods
    assert "tomli" not in mods  # rtoml reads the draft, the history and the rule data
    assert "beiancli.records" in mods


def test_a_draft_the_records_pass_on_is_still_judged_by_pydantic(tmp_path: Path) -> None:
    src = (ROOT / "examples" / "drafts" / "first-enterprise-guangdong.toml").read_text(encoding="utf-8")
    (tmp_path / "materials").symlink_to(ROOT / "examples" / "drafts" / "materials", target_is_directory=True)
    lax = tmp_path / "lax.toml"
    lax.write_text(src.replace("[subject]\n", '[subject]\nremark = "x"\n', 1).replace(
        'remark = "x"', 'remark = "x"\nbusiness_scope = "y"', 1), encoding="utf-8")
    code, out, mods = _validate_modules(str(lax))
    assert "pydantic" not in mods, "a plain draft"
    broken = tmp_path / "broken.toml"
    broken.write_text(src.replace("[subject]\n", "[subject]\nremark = 5\n", 1), encoding="utf-8")
    code, out, mods = _validate_modules(str(broken))
    assert code == 1 and "BA002" in out and "subject.remark" in out, out
    assert "pydantic" in mods
