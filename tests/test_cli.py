"""The command line as a user meets it: help, version, exit codes, error rendering."""

from __future__ import annotations

import json

import pytest
from tests.probe import probe

COMMANDS = ["check-domain", "new", "add-site", "change", "cancel", "status", "validate", "rules", "checklist",
            "subject", "schema"]


def test_help_lists_every_command_with_a_one_line_help(cli):
    result = cli("--help")
    assert result.code == 0
    lines = result.out.splitlines()
    for command in COMMANDS:
        rows = [line for line in lines if line.strip().startswith(command + " ")]
        assert rows, f"{command} missing from --help"
        assert len(rows[0].split()) > 2, f"{command} has no help text"


def test_no_arguments_shows_help(cli):
    result = cli()
    assert result.code in (0, 2)
    assert "check-domain" in result.out + result.err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.code == 0
    assert "Usage" in result.out


def test_version(cli):
    from beiancli import __version__

    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"beiancli {__version__}"


def test_unknown_command_and_option_are_usage_errors(cli):
    assert cli("no-such-command").code == 2
    assert cli("schema", "--no-such-flag").code == 2


@pytest.mark.parametrize("kind", ["draft", "history"])
def test_schema_prints_json_schema(cli, kind):
    result = cli("schema", kind)
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$id"].endswith(f"{kind}-v1.json")


def test_schema_of_unknown_kind_is_a_usage_error(cli):
    result = cli("schema", "drafts")
    assert result.code == 2
    assert "draft or history" in result.err


def test_python_dash_m_runs_the_cli():
    from tests.conftest import beian_subprocess

    proc = beian_subprocess("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("beiancli ")


def test_broken_history_file_exits_3_with_its_location(cli, tmp_path):
    bad = tmp_path / "history.toml"
    bad.write_text('schema_version = 1\n[[subjects]]\nname = "x\n', encoding="utf-8")
    result = cli("subject", "list", "--history", bad)
    assert result.code == 3
    assert f"{bad}:3:" in result.err
    assert "Traceback" not in result.err


def test_lang_zh_translates_errors(cli, tmp_path):
    result = cli("subject", "list", "--history", tmp_path / "missing.toml", "--lang", "zh")
    assert result.code == 3
    assert "找不到文件" in result.err


def test_bad_lang_is_a_usage_error(cli):
    result = cli("subject", "list", "--lang", "fr")
    assert result.code == 2


def test_project_config_sets_defaults(cli, tmp_path, monkeypatch):
    (tmp_path / "work" / "beian.toml").write_text('lang = "zh"\n', encoding="utf-8")
    result = cli("subject", "list", "--history", tmp_path / "missing.toml")
    assert "找不到文件" in result.err


def test_unknown_config_key_is_reported_with_its_file(cli, tmp_path):
    cfg = tmp_path / "work" / "pyproject.toml"
    cfg.write_text('[tool.beian]\nlangauge = "zh"\n', encoding="utf-8")
    result = cli("subject", "list")
    assert result.code == 3
    assert "tool.beian.langauge" in result.err and str(cfg) in result.err


HEAVY = ["pydantic", "questionary", "prompt_toolkit", "stdnum", "phonenumbers", "email_validator",
         "chinese_calendar", "PIL", "beiancli.models"]

def imported_by(*args: str) -> set[str]:
    return probe(*args).modules


def test_help_does_not_import_heavy_modules():
    """Start-up guard (issue #2): `beian --help` must stay cheap. Checks imports, not time, so it never flakes."""
    modules = imported_by("--help")
    loaded = [m for m in HEAVY if m in modules]
    assert loaded == []


def test_help_imports_no_command_module():
    """Commands load lazily: `beian --help` reads the one-line helps from cli.COMMANDS only."""
    modules = imported_by("--help")
    assert [m for m in modules if m.startswith("beiancli.commands.") and m != "beiancli.commands._common"] == []


def test_a_command_imports_only_its_own_module(beian_home):
    modules = imported_by("schema", "draft")
    commands = {m for m in modules if m.startswith("beiancli.commands.")}
    assert commands <= {"beiancli.commands.schema", "beiancli.commands._common"}
    assert "beiancli.commands.schema" in commands


def test_every_registered_command_module_loads():
    from beiancli.cli import COMMANDS, load_command

    for name in COMMANDS:
        command = load_command(name)
        assert command.name == name
        assert command.help and command.short_help


@pytest.mark.parametrize("value, problem", [("X\x1b[31m公司", "control character (U+001B)"), ("长" * 5000, "at most 4096")])
def test_a_flag_value_the_model_refuses_is_a_usage_error_naming_the_field(cli, beian_home, value, problem):
    r = cli("subject", "add", "--name", value, "--nature", "enterprise", "--cert-number", "91440300MA5FXXXXXM",
            "--province", "广东", "--lang", "en")
    assert r.code == 2, r
    assert "name:" in r.err and problem in r.err
    assert "internal error" not in r.err and "\x1b[31m" not in r.out + r.err
    assert not (beian_home / "history.toml").exists()
