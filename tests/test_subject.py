"""`beian subject ...`: the history of filed subjects, kept by flags (scripts) or prompts (a terminal)."""

from __future__ import annotations

import pytest

from beiancli import store

USCC = "9144030071526726XG"  # valid check character (GB 32100) and embedded organisation code (GB 11714)
PERSON_ID = "11010519491231002X"  # the GB 11643 sample number


def add(cli, *extra):
    return cli("subject", "add", "--name", "深圳市示例科技有限公司", "--nature", "enterprise",
               "--cert-number", USCC, *extra)


def test_add_list_show_remove(cli, beian_home):
    assert add(cli, "--icp-number", "粤ICP备2024000001号").code == 0
    history = store.load_history(beian_home / "history.toml")
    subject = history.subjects[0]
    assert (subject.cert_type, subject.province, subject.icp_number) == ("uscc", "广东", "粤ICP备2024000001号")

    listed = cli("subject", "list")
    assert listed.code == 0 and "深圳市示例科技有限公司" in listed.out
    assert USCC not in listed.out  # masked by default
    assert cli("subject", "list", "--show-pii").out.count(USCC) == 1

    shown = cli("subject", "show", "粤ICP备2024000001号", "--json")
    assert shown.json()["name"] == "深圳市示例科技有限公司"
    assert shown.json()["cert_number"] != USCC

    assert cli("subject", "remove", USCC).code == 2  # not a terminal: needs --yes
    assert cli("subject", "remove", USCC, "--yes").code == 0
    assert store.load_history(beian_home / "history.toml").subjects == []


def test_never_filed_subject_has_no_icp_number(cli, beian_home):
    assert add(cli).code == 0
    assert store.load_history(beian_home / "history.toml").subjects[0].icp_number is None


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["--cert-number", "9144030071526726XA"], 3, "check character"),
        (["--nature", "individual", "--cert-type", "uscc"], 3, "does not file with uscc"),
        (["--nature", "individual"], 3, "wrong format"),
        (["--nature", "company"], 3, "unknown subject nature"),
        (["--province", "广东", "--icp-number", "京ICP备2024000001号"], 3, "issued in 北京"),
        (["--icp-number", "粤ICP备2024000001号-1"], 3, "site number"),
        (["--province", "Atlantis"], 3, "unknown province"),
    ],
)
def test_bad_values_are_refused_with_what_to_fix(cli, beian_home, args, code, text):
    base = {"--name": "深圳市示例科技有限公司", "--nature": "enterprise", "--cert-number": USCC}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    flat = [x for kv in base.items() for x in kv]
    result = cli("subject", "add", *flat)
    assert result.code == code
    assert text in result.err
    assert not (beian_home / "history.toml").exists()


def test_missing_flags_without_a_terminal_name_the_flags(cli):
    result = cli("subject", "add", "--name", "x")
    assert result.code == 2
    assert "--nature" in result.err and "--cert-number" in result.err


def test_duplicate_certificate_is_refused(cli):
    assert add(cli).code == 0
    again = add(cli)
    assert again.code == 3
    assert "already in the history" in again.err


def test_individual_filed_outside_the_id_province_keeps_the_icp_province(cli, beian_home):
    result = cli("subject", "add", "--name", "张三", "--nature", "individual", "--cert-number", PERSON_ID,
                 "--icp-number", "粤ICP备2024000002号")
    assert result.code == 0
    assert store.load_history(beian_home / "history.toml").subjects[0].province == "广东"


def test_unknown_subject_lists_the_known_ones(cli):
    add(cli)
    result = cli("subject", "show", "nobody")
    assert result.code == 3
    assert "深圳市示例科技有限公司" in result.err


def test_explicit_history_file(cli, tmp_path):
    path = tmp_path / "clients" / "acme.toml"
    assert add(cli, "--history", path).code == 0
    assert store.load_history(path).subjects[0].cert_number == USCC


def test_interactive_questions_retry_a_wrong_certificate_number():
    from beiancli.wizards.asker import ScriptedAsker
    from beiancli.wizards.history import ask_subject

    asker = ScriptedAsker(["enterprise", "深圳市示例科技有限公司", "uscc", "9144030071526726XA", USCC, ""])
    answers = ask_subject(asker, {}, "en")
    assert answers["cert_number"] == USCC
    assert answers["icp_number"] is None
    assert len(asker.rejected) == 1
    assert "check character" in asker.rejected[0][2]


def test_add_site_records_the_registrable_domain_and_canonical_providers(cli, beian_home):
    add(cli, "--icp-number", "粤ICP备2024000001号")
    result = cli("subject", "add-site", USCC, "--domain", "https://WWW.Example.COM/path",
                 "--site-number", "粤ICP备2024000001号-1", "--provider", "Tencent", "--provider", "tencent:agency")
    assert result.code == 0, result
    site = store.load_history(beian_home / "history.toml").subjects[0].sites[0]
    assert (site.domain, site.site_number, site.providers) == ("example.com", "粤ICP备2024000001号-1",
                                                               ["tencent", "tencent:agency"])


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--domain", "localhost"], "single"),
        (["--domain", "example.com", "--site-number", "粤ICP备2024000009号-1"], "does not belong"),
        (["--domain", "example.com", "--site-number", "粤ICP备2024000001号"], "subject number"),
        (["--domain", "example.com", "--provider", "nosuchcloud"], "nosuchcloud"),
    ],
)
def test_add_site_refuses_bad_values(cli, beian_home, args, text):
    add(cli, "--icp-number", "粤ICP备2024000001号")
    result = cli("subject", "add-site", USCC, *args)
    assert result.code in (2, 3)
    assert text in result.err.lower() or text in result.err
    assert store.load_history(beian_home / "history.toml").subjects[0].sites == []


def test_a_domain_is_recorded_once(cli):
    add(cli, "--icp-number", "粤ICP备2024000001号")
    assert cli("subject", "add-site", USCC, "--domain", "example.com").code == 0
    again = cli("subject", "add-site", USCC, "--domain", "www.example.com")
    assert again.code == 3 and "already in the history" in again.err
