"""`beian validate` through the CLI: exit codes, file discovery, formats, --output, select/ignore, config."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from xml.etree import ElementTree as ET

from tests.commands.conftest import EXAMPLES

GOOD = "first-enterprise-guangdong.toml"
PERSONAL = "first-individual-beijing.toml"
WARN = "fail-BA203-address-house-number.toml"  # one warning
BAD = "fail-BA201-subject-cert-number.toml"  # one error


def test_valid_drafts_pass(cli, drafts) -> None:
    d = drafts(GOOD, PERSONAL)
    r = cli("validate", str(d))
    assert r.code == 0, r
    assert "2 files checked, no problems found." in r.out


def test_error_fails_with_file_line_rule_and_hint(cli, drafts) -> None:
    d = drafts(BAD)
    r = cli("validate", str(d / BAD))
    assert r.code == 1, r
    assert f"{d / BAD}:15: error BA201 subject.cert_number:" in r.out
    assert "hint:" in r.out


def test_fail_on_levels(cli, drafts) -> None:
    d = drafts(WARN)
    assert cli("validate", str(d)).code == 0
    assert cli("validate", str(d), "--fail-on", "warning").code == 1
    d = drafts(BAD)
    assert cli("validate", str(d), "--fail-on", "never").code == 0
    assert cli("validate", str(d), "--fail-on", "sometimes").code == 2


def test_missing_path_is_exit_3(cli, drafts) -> None:
    d = drafts(GOOD)
    r = cli("validate", str(d / GOOD), str(d / "nope.toml"))
    assert r.code == 3
    assert "nope.toml" in r.err
    assert cli("validate", str(d / "*.tomlx")).code == 3


def test_not_toml_is_a_finding_not_a_crash(cli, drafts) -> None:
    d = drafts(GOOD)
    (d / "broken.toml").write_text('filing_type = "first"\n[subject\n', encoding="utf-8")
    (d / "binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    r = cli("validate", str(d), "--format", "json")
    assert r.code == 1
    found = {(f["file"].rsplit("/", 1)[-1], f["rule"], f["line"]) for f in r.json()["findings"]}
    assert ("broken.toml", "BA000", 2) in found
    assert ("binary.toml", "BA000", 1) in found
    assert "Traceback" not in r.err


def test_history_files_are_skipped(cli, drafts) -> None:
    d = drafts(GOOD)
    history = 'schema_version = 1\n[[subjects]]\nname = "x"\nnature = "enterprise"\ncert_type = "uscc"\ncert_number = "91440300MA5G00019N"\n'
    (d / "history.toml").write_text(history, encoding="utf-8")
    (d / "filed-subjects.toml").write_text(history, encoding="utf-8")  # detected by content
    (d / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (d / "other.toml").write_text("[tool]\nx = 1\n", encoding="utf-8")  # in a directory scan: not a draft
    r = cli("validate", str(d), "--format", "json")
    assert r.code == 0, r
    data = r.json()
    assert data["summary"]["files"] == 1
    assert sorted(s["file"].rsplit("/", 1)[-1] for s in data["skipped"]) == ["filed-subjects.toml", "other.toml"]
    # named explicitly, a TOML file that is not a draft is a finding
    r = cli("validate", str(d / "other.toml"))
    assert r.code == 1 and "BA002" in r.out


def test_globs_and_recursion(cli, drafts, tmp_path: Path) -> None:
    d = drafts(GOOD, BAD)
    sub = d / "team" / "deep"
    sub.mkdir(parents=True)
    shutil.copy(EXAMPLES / WARN, sub / WARN)
    shutil.copytree(EXAMPLES / "materials", sub / "materials")
    r = cli("validate", str(d), "--format", "json")
    assert r.json()["summary"]["files"] == 3
    r = cli("validate", f"{d}/**/fail-*.toml", "--format", "json")
    assert sorted(f["file"].rsplit("/", 1)[-1] for f in r.json()["findings"]) == [BAD, WARN]


def test_select_and_ignore(cli, drafts) -> None:
    d = drafts(BAD, WARN)
    assert cli("validate", str(d), "--ignore", "BA201").code == 0
    r = cli("validate", str(d), "--select", "subject-cert-number,BA203", "--format", "json")
    assert sorted(f["rule"] for f in r.json()["findings"]) == ["BA201", "BA203"]
    r = cli("validate", str(d), "--select", "person", "--format", "json")
    assert r.json()["findings"] == []
    r = cli("validate", str(d), "--select", "BA999")
    assert r.code == 2 and "BA999" in r.err


def test_project_config(cli, drafts, tmp_path: Path, monkeypatch) -> None:
    drafts(WARN, BAD)
    (tmp_path / "beian.toml").write_text(
        'ignore = ["BA201"]\nfail_on = "warning"\nformat = "json"\n[severity]\naddress-house-number = "info"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    r = cli("validate", "drafts")
    assert r.code == 0, r  # BA201 ignored, BA203 lowered to info: nothing reaches "warning"
    assert [f["severity"] for f in r.json()["findings"]] == ["info"]
    assert cli("validate", "drafts", "--fail-on", "info").code == 2  # not a --fail-on level


def test_formats(cli, drafts) -> None:
    d = drafts(BAD, WARN, GOOD)
    gh = cli("validate", str(d), "--format", "github")
    lines = [ln for ln in gh.out.splitlines() if ln.startswith("::")]
    assert len(lines) == 2
    assert lines[0].startswith(f"::error file={d / BAD},line=15,title=BA201 subject-cert-number (subject.cert_number)::")
    assert "%0A" in lines[0] and "证件号码" in lines[0]
    assert lines[1].startswith("::warning file=")

    j = cli("validate", str(d), "--format", "junit")
    root = ET.fromstring(j.out)
    assert root.get("tests") == "3" and root.get("failures") == "1"
    assert {s.get("name").rsplit("/", 1)[-1] for s in root.iter("testsuite")} == {BAD, WARN, GOOD}

    t = cli("validate", str(d), "--format", "json", "--lang", "zh")
    f = next(x for x in t.json()["findings"] if x["rule"] == "BA201")
    assert f["message"] == f["message_zh"] and "主办单位证件号码" in f["message"]
    assert f["line"] == 15 and f["path"] == "subject.cert_number" and f["severity"] == "error"


def test_auto_format_is_github_under_actions(cli, drafts, monkeypatch) -> None:
    d = drafts(BAD)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("validate", str(d)).out.startswith("::error ")
    assert cli("validate", str(d), "--format", "text").out.startswith(str(d))


def test_output_file_and_terminal_summary(cli, drafts, tmp_path: Path) -> None:
    d = drafts(BAD, GOOD)
    report = tmp_path / "out" / "beian.sarif"
    r = cli("validate", str(d), "--format", "sarif", "--output", str(report))
    assert r.code == 1
    assert "2 files checked: 1 error" in r.out and str(report) in r.out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0"


def test_personal_data_is_masked_everywhere(cli, drafts) -> None:
    d = drafts("fail-BA301-principal-id-number.toml", "fail-BA305-emergency-phone-own-mobile.toml")
    for fmt in ("text", "json", "github", "sarif", "junit"):
        r = cli("validate", str(d), "--format", fmt)
        assert "440305198503151230" not in r.out and "13800138000" not in r.out, fmt
    r = cli("validate", str(d), "--format", "sarif", "--show-pii")
    assert "13800138000" in r.out  # the docs' examples, unmasked on request


def test_parallel_run_gives_the_same_ordered_results(cli, drafts) -> None:
    d = drafts(GOOD, BAD, WARN)
    for n in range(12):
        shutil.copy(EXAMPLES / (BAD if n % 2 else WARN), d / f"copy-{n:02d}.toml")
    one = cli("validate", str(d), "--format", "json", "--jobs", "1").json()
    two = cli("validate", str(d), "--format", "json", "--jobs", "2").json()
    assert one == two
    assert len(one["findings"]) == 14


def test_help_stays_light() -> None:
    """`beian validate --help` / `beian rules --help` import no models, rules or image libraries."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom beiancli.cli import run\n"
        "for cmd in ('validate', 'rules', 'checklist'):\n    run([cmd, '--help'])\n"
        "heavy = [m for m in ('beiancli.models', 'beiancli.rules.registry', 'PIL', 'stdnum', 'pydantic') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in r.stdout, r.stdout + r.stderr


def test_history_flag_feeds_the_filing_type_rule(cli, drafts) -> None:
    d = drafts(GOOD)
    text = (d / GOOD).read_text(encoding="utf-8").replace("91440300MA5G00019N", "91440300MA5FQX124N")
    (d / GOOD).write_text(text, encoding="utf-8")
    history = EXAMPLES.parent / "history.toml"  # 91440300MA5FQX124N is filed in your Tencent Cloud account
    assert cli("validate", str(d), "--format", "json").json()["findings"] == []
    r = cli("validate", str(d), "--history", str(history), "--format", "json")
    (f,) = r.json()["findings"]
    assert f["rule"] == "BA701" and f["path"] == "websites[0].domains[0].name" and "add-site" in f["message"]
    assert cli("validate", str(d), "--history", str(d / "no-such-history.toml")).code == 3


def _modules_after(*args: str, env_extra: dict[str, str] | None = None) -> tuple[set[str], str]:
    """(modules a real `beian` process imported, its stdout) for piped output, colour not forced."""
    import os
    import subprocess
    import sys

    probe = (
        "import json, sys\nfrom beiancli.cli import run\n"
        "try:\n    code = run(sys.argv[1:])\n"
        "finally:\n    sys.stderr.write('\\nMODULES=' + json.dumps(sorted(sys.modules)) + '\\n')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, timeout=60)
    line = [x for x in proc.stderr.splitlines() if x.startswith("MODULES=")][-1]
    return set(json.loads(line.removeprefix("MODULES="))), proc.stdout


def test_one_draft_imports_only_what_its_checks_need(drafts) -> None:
    """Start-up guard for `beian validate ONE.toml` (issue #4, speed): plain e-mail addresses need no
    email_validator, the county table needs no python-stdnum, plain landlines need no phonenumbers, piped or
    machine output needs no rich, and a plain command line needs no Typer (cli.fast_parse)."""
    d = drafts(PERSONAL, GOOD)  # GOOD's emergency phones are landlines (0755-...)
    for name, fmt in ((PERSONAL, "text"), (GOOD, "text"), (GOOD, "json"), (GOOD, "sarif")):
        modules, out = _modules_after("validate", str(d / name), "--format", fmt)
        assert out.strip()
        heavy = [m for m in ("email_validator", "stdnum", "phonenumbers", "rich", "rich.console", "typer") if m in modules]
        assert heavy == [], (name, fmt, heavy)
    d = drafts(BAD)
    modules, out = _modules_after("validate", str(d / BAD), env_extra={"FORCE_COLOR": "1"})
    assert "\x1b[" in out  # coloured, still without rich (output.Out.color follows rich's rules itself)
    assert "rich" not in modules and "rich.console" not in modules


def test_control_characters_in_a_draft_are_a_schema_finding_and_never_reach_the_output(cli, drafts, tmp_path) -> None:
    # Found by benchmarks/fuzz.py: a NUL in a material path crashed os.stat (ValueError). An escape sequence in
    # a draft from someone else would reach the terminal of whoever lints it, and both break XML reports.
    d = drafts(GOOD)
    draft = d / GOOD
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text + '\n[[materials]]\nkind = "subject-cert"\npath = "a\\u0000b\\u001b[2J.png"\n', encoding="utf-8")
    last = len(tomllib.loads(draft.read_text(encoding="utf-8"))["materials"]) - 1
    line = len(draft.read_text(encoding="utf-8").splitlines())
    r = cli("validate", str(draft), "--format", "json")
    assert r.code == 1, r
    found = {(f["rule"], f["path"], f["line"]) for f in r.json()["findings"]}
    assert found == {("BA002", f"materials[{last}].path", line)}, found
    assert "U+0000" in r.out
    for fmt in ("text", "github", "sarif", "junit"):
        r = cli("validate", str(draft), "--format", fmt, "--output", str(tmp_path / f"report.{fmt}"))
        assert r.code == 1, (fmt, r)
        written = (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
        assert "\x1b" not in written and "\x00" not in written and "\x1b" not in r.out + r.err, fmt
    ET.parse(tmp_path / "report.junit")  # well-formed XML


def test_the_material_probe_takes_a_nul_in_a_path_for_a_missing_file() -> None:
    from beiancli.rules.materials import check_file, probe

    assert probe("a\x00b.png").exists is False
    assert [p.code for p in check_file("a\x00b.png")] == ["missing"]


def test_a_config_path_with_a_nul_character_is_refused_with_its_file_and_key(cli, drafts, tmp_path: Path, monkeypatch) -> None:
    drafts(GOOD)
    (tmp_path / "beian.toml").write_text('history = "a\\u0000b.toml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("validate", "drafts")
    assert r.code == 3, r
    assert "beian.toml" in r.err and "history" in r.err and "NUL" in r.err
    assert "Traceback" not in r.err


def test_a_file_name_with_an_escape_code_is_shown_escaped_in_every_report(cli, drafts, tmp_path) -> None:
    d = drafts(BAD)
    (d / BAD).rename(d / "a\x1b[31m.toml")
    for fmt in ("text", "github", "junit", "json", "sarif"):
        r = cli("validate", str(d), "--format", fmt, "--output", str(tmp_path / f"report.{fmt}"))
        assert r.code == 1, (fmt, r)
        written = (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
        assert "\x1b" not in written + r.out + r.err, fmt
    assert "a\\x1b[31m.toml:15: error BA201" in (tmp_path / "report.text").read_text(encoding="utf-8")
    ET.parse(tmp_path / "report.junit")
