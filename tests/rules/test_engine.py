"""The engine's API as the wizard and other callers use it: lint() filters and overrides, missing_fields(),
materials.requirements() and check_file()."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.rules.casefiles import MATERIALS, load_base, make_file, merge

from beiancli.i18n import Msg
from beiancli.models import Draft
from beiancli.rules import materials, registry
from beiancli.rules.base import Rule, Severity
from beiancli.rules.completeness import missing_fields

TODAY = dt.date(2026, 11, 26)


def draft(base: str = "enterprise", **change) -> Draft:
    return Draft.model_validate(merge(load_base(base), change))


def test_lint_paths_checks_one_answer() -> None:
    d = draft(subject={"principal": {"mobile": "14400000000", "emergency_phone": "14400000000"}}, websites=[{"name": "AB"}])
    all_paths = {f.path for f in registry.lint(d, today=TODAY, base_dir=MATERIALS.parent)}
    assert {"subject.principal.mobile", "subject.principal.emergency_phone", "websites[0].name"} <= all_paths
    only = registry.lint(d, today=TODAY, paths=["subject.principal.mobile"], base_dir=MATERIALS.parent)
    assert {f.path for f in only} == {"subject.principal.mobile"}
    under = registry.lint(d, today=TODAY, paths=["subject.principal"], base_dir=MATERIALS.parent)
    assert {f.path for f in under} == {"subject.principal.mobile", "subject.principal.emergency_phone"}


def test_lint_severity_overrides_and_off() -> None:
    d = draft(subject={"address": "深圳市南山区科技园"})
    (f,) = registry.lint(d, today=TODAY, base_dir=MATERIALS.parent)
    assert f.rule_id == "BA203" and f.severity is Severity.WARNING
    (f,) = registry.lint(d, today=TODAY, severity={"address-house-number": "error"}, base_dir=MATERIALS.parent)
    assert f.severity is Severity.ERROR
    assert registry.lint(d, today=TODAY, severity={"BA203": "off"}, base_dir=MATERIALS.parent) == []
    assert registry.lint(d, today=TODAY, ignore=["subject"], base_dir=MATERIALS.parent) == []


def test_missing_fields_for_the_wizard() -> None:
    d = Draft.model_validate({"filing_type": "first", "subject": {"nature": "individual", "name": "李雷"}})
    missing = missing_fields(d)
    assert "subject.cert_number" in missing and "websites" in missing
    assert "subject.investor" not in missing  # organisations only
    assert "subject.principal.cert_valid_until" in missing
    d.subject.principal = {"cert_long_term": True}
    assert "subject.principal.cert_valid_until" not in missing_fields(d)
    assert missing_fields(draft()) == []


def test_requirements_without_and_with_a_draft() -> None:
    listed = {r.kind: r for r in materials.requirements("first", "enterprise", "吉林")}
    assert listed["subject-principal-authorisation"].condition is not None
    assert listed["site-principal-id"].per_site and listed["site-principal-id"].site is None
    d = draft(websites=[{}, {"name": "示例科技商城"}])
    per_draft = materials.requirements("first", draft=d)
    assert [r.site for r in per_draft if r.kind == "site-principal-id"] == [0, 1]
    assert all(r.condition is None for r in per_draft)
    assert materials.requirements("cancel-subject", "enterprise", "广东") == []


def test_check_file(tmp_path: Path) -> None:
    req = next(r for r in materials.requirements("first", "enterprise", "广东") if r.kind == "subject-cert")
    assert materials.check_file(MATERIALS / "licence.png", req) == []
    assert [p.code for p in materials.check_file(tmp_path / "none.png", req)] == ["missing"]
    assert [p.code for p in materials.check_file(MATERIALS / "commitment-guangdong.pdf", req)] == ["format"]
    jpeg_named_png = tmp_path / "photo.png"
    jpeg_named_png.write_bytes((MATERIALS / "legal-rep-id.jpg").read_bytes())
    assert materials.check_file(jpeg_named_png, req) == []  # content, not extension
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert [p.code for p in materials.check_file(broken, req)] == ["corrupt"]
    big = tmp_path / "big.png"
    make_file(big, 4_300_000, 600, 400)
    assert [(p.code, p.severity) for p in materials.check_file(big, req, "tencent")] == [("too-large", Severity.WARNING)]
    assert [(p.code, p.severity) for p in materials.check_file(big, req, "huawei")] == [("over-cap", Severity.ERROR)]


def test_rule_declaration_is_checked() -> None:
    ok = dict(family="person", severity=Severity.ERROR, title=Msg("标题", "t"), message=Msg("消息", "m"),
              suggestion=Msg("建议", "s"), source="§1", confidence="H", check=lambda ctx: ())
    Rule(id="BA399", name="a-rule", **ok)
    with pytest.raises(ValueError):
        Rule(id="BA39", name="a-rule", **ok)
    with pytest.raises(ValueError):
        Rule(id="BA399", name="A_Rule", **ok)
