"""`beian check-domain` as a user meets it: JSON keys, exit codes, languages, history, providers, start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.probe import PROBE, probe

EXAMPLE_HISTORY = Path(__file__).resolve().parents[1] / "examples" / "history.toml"

REQUIRED_KEYS = {"input", "outcome", "domain", "ascii", "suffix", "tld_approved", "filing_type", "filing_type_name",
                 "blocked", "error", "trace", "next_steps"}


def test_json_one_object_per_argument_in_order_with_the_documented_keys(cli):
    args = ["www.Example.com", "例子.中国", "example.io", "localhost", "example.cyou"]
    result = cli("check-domain", *args, "--json")
    assert result.code == 3  # an invalid input wins over a blocked one
    data = result.json()
    assert [d["input"] for d in data] == args
    for d in data:
        assert set(d) >= REQUIRED_KEYS
    ok, idn, blocked, invalid, unknown = data
    assert ok["outcome"] == "file" and ok["domain"] == "example.com" and ok["ascii"] == "example.com"
    assert ok["suffix"] == "com" and ok["tld_approved"] is True
    assert ok["filing_type"] == "first" and ok["filing_type_name"] == {"zh": "首次备案", "en": "First filing"}
    assert ok["blocked"] is None and ok["error"] is None and ok["subdomain"] == "www"
    assert ok["trace"] and ok["next_steps"] and all(isinstance(t, str) for t in ok["trace"])
    assert [s["id"] for s in ok["process"]][-1] == "approved"
    assert {s["filing_type"] for s in ok["situations"]} >= {"first", "add-site", "add-site-external", "access",
                                                           "one-click-access"}
    assert idn["domain"] == "例子.中国" and idn["ascii"] == "xn--fsqu00a.xn--fiqs8s" and idn["suffix"] == "中国"
    assert blocked["outcome"] == "blocked" and blocked["tld_approved"] is False and blocked["filing_type"] is None
    assert blocked["blocked"]["code"] == "tld-not-approved" and blocked["blocked"]["reason"]
    assert invalid["outcome"] == "invalid" and invalid["error"] and invalid["error_code"] == "single-label"
    assert invalid["domain"] is None and invalid["trace"] == [] and invalid["blocked"] is None
    assert unknown["outcome"] == "file" and unknown["tld_approved"] is None and unknown["warnings"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["example.com"], 0),
        (["example.com", "例子.中国"], 0),
        (["example.io"], 1),
        (["example.com", "example.io"], 1),
        (["1.2.3.4"], 3),
        (["example.com", "com.cn"], 3),
        (["example.io", ""], 3),
    ],
)
def test_exit_codes(cli, args, code):
    assert cli("check-domain", *args).code == code
    assert cli("check-domain", *args, "--json").code == code


def test_human_output_en(cli):
    result = cli("check-domain", "https://blog.example.com.cn:8443/a?b", "--lang", "en")
    assert result.code == 0
    out = result.out
    assert "can be filed: First filing" in out
    assert "registrable example.com.cn" in out and "sub-domain blog" in out
    assert ".com.cn approved" in out
    assert "Provider review — 1–2 working days" in out
    assert "MIIT SMS check — within 24 h" in out
    assert "Bureau review — 1–20 working days" in out
    assert "materials:" in out
    assert "What other situations lead to" in out and "One-click access filing" in out


def test_human_output_zh(cli):
    result = cli("check-domain", "例子.中国", "example.io", "--lang", "zh")
    assert result.code == 1
    out = result.out
    assert "可以备案：首次备案" in out
    assert "ASCII xn--fsqu00a.xn--fiqs8s" in out
    assert "不能备案（tld-not-approved）" in out
    assert "工信部短信核验" in out and "24 小时内" in out
    assert "管局审核 — 1–20 个工作日" in out
    assert "其他情况" in out


def test_invalid_input_is_reported_in_one_line(cli):
    result = cli("check-domain", "localhost", "--lang", "en")
    assert result.code == 3
    assert "✗ localhost  not a domain to file: localhost is a single label" in result.out


def test_unknown_provider_is_a_usage_error(cli):
    result = cli("check-domain", "example.com", "--provider", "nosuch")
    assert result.code == 2
    assert "tencent" in result.err and "aliyun" in result.err


def test_provider_from_environment(cli, monkeypatch):
    monkeypatch.setenv("BEIAN_PROVIDER", "aliyun")
    data = cli("check-domain", "example.com", "--json").json()
    assert data[0]["provider"] == "aliyun"
    assert "one-click-access" not in {s["filing_type"] for s in data[0]["situations"]}


@pytest.mark.parametrize(
    ("subject", "domain", "provider", "outcome", "filing_type", "code"),
    [
        ("粤ICP备2024000001号", "new-example.com", "tencent", "file", "add-site", None),
        ("粤ICP备2024000001号", "www.example.com", "tencent", "already-filed", None, None),
        ("粤ICP备2024000001号", "example-shop.cn", "tencent", "file", "one-click-access", None),
        ("粤ICP备2024000001号", "example-shop.cn", "aliyun", "already-filed", None, None),
        ("91440300MA5FQX124N", "example.net.cn", "tencent", "blocked", None, "domain-filed-by-other-subject"),
        ("浙ICP备2023000002号", "example.net.cn", "tencent", "file", "access", None),
        ("浙ICP备2023000002号", "example.net.cn", "aliyun", "already-filed", None, None),
        ("杭州示例网络有限公司", "example.org.cn", "tencent", "file", "add-site-external", None),
        ("杭州示例网络有限公司", "example.org.cn", "aliyun", "file", "add-site", None),
        ("京ICP备2020000003号", "new-example.cn", "tencent", "blocked", None, "shell-subject"),
        ("粤ICP备2022000005号", "new-example.cn", "tencent", "blocked", None, "subject-in-other-account"),
        ("粤ICP备2022000005号", "new-example.cn", "aliyun", "file", "add-site-external", None),
        ("张三", "zhangsan.cn", "tencent", "file", "first", None),
        ("张三", "zhangsan.asia", "tencent", "blocked", None, "tld-not-approved"),
        ("张三", "zhangsan.gov.cn", "tencent", "blocked", None, "nature-not-allowed"),
    ],
)
def test_example_history(cli, subject, domain, provider, outcome, filing_type, code):
    result = cli("check-domain", domain, "--subject", subject, "--history", EXAMPLE_HISTORY, "--provider", provider,
                 "--json")
    d = result.json()[0]
    assert (d["outcome"], d["filing_type"], (d["blocked"] or {}).get("code")) == (outcome, filing_type, code)
    assert result.code == (1 if outcome == "blocked" else 0)
    assert "situations" not in d  # a subject was given


def test_zhejiang_subject_gets_the_30_day_bureau_limit(cli):
    result = cli("check-domain", "new-example.com", "--subject", "浙ICP备2023000002号", "--history", EXAMPLE_HISTORY,
                 "--lang", "zh")
    assert result.code == 0
    assert "管局审核 — 1–30 个工作日（浙江上限 30）" in result.out


def test_default_history_file_is_used_when_it_exists(cli, beian_home):
    beian_home.mkdir(parents=True, exist_ok=True)
    (beian_home / "history.toml").write_text(EXAMPLE_HISTORY.read_text(encoding="utf-8"), encoding="utf-8")
    data = cli("check-domain", "example.com", "--json").json()[0]
    assert data["blocked"]["code"] == "domain-filed-by-other-subject"  # filed by a subject in the history
    data = cli("check-domain", "example.com", "--subject", "深圳市示例科技有限公司", "--json").json()[0]
    assert data["outcome"] == "already-filed"


def test_subject_without_history_or_unknown_subject_is_an_input_error(cli):
    result = cli("check-domain", "example.com", "--subject", "X")
    assert result.code == 3 and "history" in result.err
    result = cli("check-domain", "example.com", "--subject", "nobody", "--history", EXAMPLE_HISTORY)
    assert result.code == 3 and "nobody" in result.err


def test_missing_explicit_history_is_an_input_error(cli, tmp_path):
    result = cli("check-domain", "example.com", "--history", tmp_path / "missing.toml")
    assert result.code == 3


def test_materials_come_from_the_materials_matrix(cli):
    """check-domain lists exactly what `rules.materials.requirements` says for the decided type, with the
    condition of conditional items — one materials matrix, no second copy."""
    from beiancli.rules import materials

    result = cli("check-domain", "example.com", "--json")
    data = result.json()[0]
    expected = materials.requirements("first")
    assert len(data["materials"]) == len(expected)
    for line, req in zip(data["materials"], expected, strict=True):
        assert line.startswith(req.name.en)
        assert (" (if " in line) == (req.condition is not None)
    assert any(" (if " in line for line in data["materials"])  # the matrix has conditional items for `first`


def test_help_has_examples(cli):
    result = cli("check-domain", "--help")
    assert result.code == 0
    assert "beian check-domain example.com" in result.out and "--subject" in result.out


HEAVY = ["pydantic", "beiancli.models", "questionary", "prompt_toolkit", "stdnum", "phonenumbers",
         "email_validator", "chinese_calendar", "PIL", "requests", "tldextract", "hashlib"]


def _imported_by(*args: str) -> tuple[int, set[str]]:
    result = probe(*args)
    return result.code, result.modules


def test_check_domain_without_history_stays_light():
    """Start-up guard (issue #3): modules, not wall time. Without a history file nothing heavy is imported."""
    code, modules = _imported_by("check-domain", "example.com")
    assert code == 0
    assert [m for m in HEAVY if m in modules] == []
    assert "beiancli.domains" in modules and "beiancli.rules.filing_type" in modules  # the probe sees imports
    assert "idna" not in modules  # a plain lower-case name needs no IDNA mapping (domains.analyse)
    code, modules = _imported_by("check-domain", "例子.中国")
    assert code == 0 and "idna" in modules and [m for m in HEAVY if m in modules] == []
    code, modules = _imported_by("check-domain", "example.com", "--json")
    assert code == 0 and [m for m in HEAVY if m in modules] == []


@pytest.mark.parametrize("args", [("example.com",), ("example.com", "--json"), ("例子.中国", "--lang=zh", "-p", "aliyun"),
                                  ("example.io", "x..y")])
def test_check_domain_runs_without_typer_or_rich(args):
    """The fast path (cli.fast_parse) and beiancli.term: an everyday check-domain line never imports Typer or rich
    (their imports are ~90 ms of a ~180 ms start-up). Blocked and invalid domains too: they are printed the same."""
    code, modules = _imported_by("check-domain", *args)
    assert code in (0, 1, 3)
    assert [m for m in ("typer", "rich", "rich.console", "click", "beiancli.render") if m in modules] == []
    assert "beiancli.commands.check_domain" in modules


def test_check_domain_in_a_terminal_is_coloured_without_rich():
    """In a real pseudo-terminal: colour on (rich's rules, output.Out.color), still no rich or Typer."""
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-c", PROBE, "check-domain", "例子.中国", "--lang", "zh"], stdout=slave,
                                stderr=subprocess.PIPE, env={**os.environ, "TERM": "xterm-256color"})
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(master)
    out = b"".join(chunks).decode()
    assert "\x1b[1;32m✓ \x1b[0m" in out and "首次备案" in out
    modules = set(json.loads([x for x in err.splitlines() if x.startswith("MODULES=")][-1].removeprefix("MODULES=")))
    assert [m for m in ("typer", "rich") if m in modules] == []


def test_lines_the_fast_path_leaves_to_typer_still_work(cli):
    """Help, an unknown option, a missing value, `--`: Typer parses these, with its usage errors (exit 2)."""
    r = cli("check-domain", "--help")
    assert r.code == 0 and "Usage: beian check-domain" in r.out
    r = cli("check-domain", "example.com", "--no-such")
    assert r.code == 2 and "No such option" in r.err
    r = cli("check-domain", "example.com", "--subject")
    assert r.code == 2 and "requires an argument" in r.err
    r = cli("check-domain", "--json", "--", "-example.com")
    assert r.code == 3 and r.json()[0]["input"] == "-example.com"
    r = cli("check-domain")
    assert r.code == 2 and "Missing argument" in r.err


def test_the_probe_sees_models_when_a_history_is_read():
    """The guard above can fail: with a history file, pydantic models are imported."""
    code, modules = _imported_by("check-domain", "example.com", "--history", str(EXAMPLE_HISTORY))
    assert code == 1  # example.com is filed by a subject in the example history
    assert "beiancli.models" in modules and "pydantic" in modules


def test_history_built_with_subject_commands_drives_the_decision(cli):
    """End to end: `beian subject add/add-site` (domains.analyse + providers.check_provider) then check-domain."""
    assert cli("subject", "add", "--name", "示例公司", "--nature", "enterprise", "--cert-number", "91440300MA5FQX124N",
               "--icp-number", "粤ICP备2024000001号", "--account", "tencent").code == 0
    assert cli("subject", "add-site", "91440300MA5FQX124N", "--domain", "https://WWW.Example.com/x",
               "--site-number", "粤ICP备2024000001号-1", "--provider", "tencent").code == 0
    assert cli("subject", "add-site", "91440300MA5FQX124N", "--domain", "b.example.cn", "--provider", "nosuch").code == 2
    assert cli("subject", "add-site", "91440300MA5FQX124N", "--domain", "localhost").code == 3
    data = cli("check-domain", "shop.example.com", "other.cn", "--subject", "示例公司", "--json").json()
    assert [(d["outcome"], d["filing_type"]) for d in data] == [("already-filed", None), ("file", "add-site")]


def test_an_escape_sequence_in_the_input_is_shown_escaped_never_sent_to_the_terminal(cli):
    r = cli("check-domain", "ex\x1b[2Jample.com")
    assert r.code == 3
    assert "\x1b" not in r.out + r.err
    assert "ex\\x1b[2Jample.com" in r.out
