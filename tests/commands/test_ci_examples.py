"""The shipped CI and pre-commit snippets work: the GitHub Actions workflow's own `beian` command line is
run on the example drafts and its SARIF is checked; the pre-commit hook's entry and file filters are run
the way pre-commit would."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from beiancli.rules import registry

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "examples" / "ci" / "github-actions.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def check_sarif(data: dict) -> None:
    """The parts of SARIF 2.1.0 code scanning relies on."""
    assert data["version"] == "2.1.0" and "sarif-2.1.0" in data["$schema"]
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "beiancli" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for r in driver["rules"]:
        assert registry.get(r["id"]).name == r["name"]
        assert r["shortDescription"]["text"] and r["helpUri"].endswith(f"{r['id']}.md")
        assert r["help"]["markdown"].startswith(f"# {r['id']} ")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note") and res["message"]["text"]
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        assert not phys["artifactLocation"]["uri"].startswith("/")
        if "region" in phys:
            assert isinstance(phys["region"]["startLine"], int) and phys["region"]["startLine"] >= 1


def test_workflow_command_line_on_the_examples(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "github/codeql-action/upload-sarif" in text
    m = re.search(r"^\s*run: (beian validate .*)$", text, re.M)
    assert m, "no `run: beian validate ...` step"
    argv = shlex.split(m.group(1))
    sarif_file = re.search(r"sarif_file: (\S+)", text).group(1)
    shutil.copytree(ROOT / "examples" / "drafts", tmp_path / "drafts")
    monkeypatch.chdir(tmp_path)
    r = cli(*argv[1:])
    assert r.code == 1, r  # the examples include failing drafts
    data = json.loads((tmp_path / sarif_file).read_text(encoding="utf-8"))
    check_sarif(data)
    results = data["runs"][0]["results"]
    files = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in results}
    assert all(f.startswith("drafts/fail-BA") for f in files)
    assert "drafts/fail-BA305-emergency-phone-own-mobile.toml" in files
    named = {re.match(r"drafts/fail-(BA\d{3})", f).group(1) for f in files}
    assert {res["ruleId"] for res in results} == named | {"BA501"}  # BA507's draft also misses its item


def _hook() -> dict[str, str]:
    text = HOOKS.read_text(encoding="utf-8")
    return dict(re.findall(r"^\s*-?\s*(id|entry|files|exclude): (.+)$", text, re.M))


def test_pre_commit_hook(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = _hook()
    assert hook["id"] == "beian-validate" and hook["entry"] == "beian validate"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    shutil.copytree(ROOT / "examples" / "drafts", tmp_path / "drafts")
    (tmp_path / "drafts" / "history.toml").write_text("schema_version = 1\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    staged = ["pyproject.toml", "drafts/history.toml", "README.md",
              "drafts/first-enterprise-guangdong.toml", "drafts/first-individual-beijing.toml"]
    chosen = [f for f in staged if files.search(f) and not exclude.search(f)]
    assert chosen == staged[3:]
    argv = shlex.split(hook["entry"])
    assert cli(*argv[1:], *chosen).code == 0
    assert cli(*argv[1:], *chosen, "drafts/fail-BA401-site-name-form.toml").code == 1
