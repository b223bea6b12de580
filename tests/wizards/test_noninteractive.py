"""The wizards without a terminal: nothing is asked; answers from --from and flags; what is missing is listed
with the flag or key that supplies it (exit 3, nothing saved); a complete draft is saved (exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.wizards.people import LI_SI, USCC, WANG_WU

REST = f"""
city = "深圳市"
district = "南山区"

[subject]
name = "深圳市新例科技有限公司"
cert_address = "深圳市南山区粤海街道科技园路1号A座101室"
address = "深圳市南山区粤海街道科技园路1号A座101室"
legal_representative = "王五"
investor = "王五"

[subject.principal]
name = "王五"
cert_type = "resident-id"
cert_number = "{WANG_WU}"
cert_valid_until = 2036-01-01
mobile = "13800138000"
emergency_phone = "13900139000"
email = "wangwu@example.com"
is_legal_representative = true

[[websites]]
name = "新例科技官网"
"""

WHO = ["--nature", "enterprise", "--cert-number", USCC, "--province", "广东",
       "--domain-expiry", "2030-05-01", "--realname-date", "2026-10-01"]  # the holder defaults to the subject


@pytest.fixture
def answers(tmp_path: Path):
    def write(text: str = REST) -> Path:
        p = tmp_path / "answers.toml"
        p.write_text(text, encoding="utf-8")
        return p

    return write


def test_missing_fields_are_listed_with_the_flag_or_key_that_supplies_them(cli):
    from beiancli import store

    r = cli("new", "newexample.com", "--non-interactive", *WHO)
    assert r.code == 3, r
    assert "nothing saved" in r.err
    assert "subject.principal.mobile" in r.err and "--mobile" in r.err
    assert "subject.address" in r.err and "--from FILE: [subject] address" in r.err
    assert "websites[0].domains[0].expiry_date" not in r.err  # given by --domain-expiry
    assert "websites[0].principal.email" in r.err and "--same-principal" in r.err
    assert "subject.nature" not in r.err and "province " not in r.err  # given by flags
    assert store.list_drafts() == []


def test_nothing_is_asked_without_a_terminal(cli):
    # the cli fixture's stdin is not a terminal: no --non-interactive needed, and no prompt hangs
    r = cli("new", "newexample.com")
    assert r.code == 3, r
    assert "subject.nature" in r.err and "--nature" in r.err


def test_missing_listing_as_json(cli):
    r = cli("new", "newexample.com", "--non-interactive", "--json", *WHO)
    assert r.code == 3
    data = r.json()
    assert data["saved"] is False and data["filing_type"] == "first"
    mobile = next(m for m in data["missing"] if m["path"] == "subject.principal.mobile")
    assert mobile["supply"].startswith("--mobile") and mobile["label"] == "手机号码"


def test_complete_answers_save_the_draft(cli, answers):
    from beiancli import store

    r = cli("new", "newexample.com", "--non-interactive", *WHO, "--from", answers(), "--same-principal",
            "--name", "shop")
    assert r.code == 0, r
    d = store.load_draft(store.draft_path("shop"))
    assert d.filing_type == "first" and d.subject.cert_number == USCC and d.subject.cert_type == "uscc"
    assert d.websites[0].principal.name == "王五" and d.websites[0].content_type == "单位门户网站"
    assert "Validation (beian validate)" in r.out and "missing material" in r.out  # the validate renderer
    assert "4403**********0314" in r.out and WANG_WU not in r.out  # the review masks personal data
    assert "Bureau review" in r.out  # next steps with expected dates


def test_output_path_and_an_existing_draft(cli, answers, tmp_path):
    target = tmp_path / "out" / "filing.toml"
    args = ["new", "newexample.com", "--non-interactive", *WHO, "--from", answers(), "--same-principal"]
    assert cli(*args, "--output", target).code == 0
    assert target.exists()
    again = cli(*args, "--output", target)
    assert again.code == 2 and "--force" in again.err
    assert cli(*args, "--output", target, "--force").code == 0


def test_invalid_values_are_listed(cli, answers):
    bad = REST.replace("13800138000", "1380013800").replace(WANG_WU, WANG_WU[:-1] + "5")
    r = cli("new", "newexample.com", "--non-interactive", *WHO, "--from", answers(bad), "--same-principal")
    assert r.code == 3, r
    assert "invalid" in r.err and "subject.principal.cert_number" in r.err and "check digit is wrong" in r.err
    assert "subject.principal.mobile" in r.err


def test_from_file_with_a_schema_error_points_at_its_line(cli, answers):
    r = cli("new", "newexample.com", "--non-interactive", "--from", answers("[subject]\nnmae = 'x'\n"))
    assert r.code == 3 and "answers.toml:2" in r.err and "subject.nmae" in r.err


def test_add_site_non_interactive_from_history(cli, history_file, tmp_path):
    site = tmp_path / "site.toml"
    site.write_text(f"""
[[websites]]
name = "示例科技博客"

[websites.principal]
name = "李四"
cert_type = "resident-id"
cert_number = "{LI_SI}"
cert_long_term = true
mobile = "13700137000"
emergency_phone = "13600136000"
email = "lisi@example.com"
""", encoding="utf-8")
    r = cli("add-site", "new-example.com", "--subject", "粤ICP备2024000001号", "--history", history_file,
            "--non-interactive", "--from", site, "--domain-expiry", "2030-05-01", "--realname-date", "2026-10-01")
    assert r.code == 0, r
    from beiancli import store

    d = store.load_draft(store.draft_path("new-example.com"))
    assert d.filing_type == "add-site" and d.subject.icp_number == "粤ICP备2024000001号"
    facts = d.websites[0].domains[0]
    assert (facts.registrant, str(facts.expiry_date), str(facts.realname_date)) == (
        "深圳市示例科技有限公司", "2030-05-01", "2026-10-01")  # holder defaulted to the subject


def test_add_site_needs_the_subject(cli, history_file):
    r = cli("add-site", "new-example.com", "--history", history_file, "--non-interactive")
    assert r.code == 2 and "--subject" in r.err


def test_blocked_domain_exits_1(cli, history_file):
    r = cli("new", "example.com", "--history", history_file, "--non-interactive", *WHO)
    assert r.code == 1 and "cannot be filed" in r.err


def test_change_non_interactive_refuses_a_new_domain(cli, history_file, tmp_path):
    over = tmp_path / "change.toml"
    over.write_text('[[websites]]\nname = "示例科技新官网"\n[[websites.domains]]\nname = "example.com"\n'
                    '[[websites.domains]]\nname = "example.org"\n', encoding="utf-8")
    args = ["change", "--subject", "粤ICP备2024000001号", "--scope", "website", "--site", "example.com",
            "--history", history_file, "--non-interactive", "--from", over]
    r = cli(*args)
    assert r.code == 3, r
    assert "can only be removed" in r.err


def test_cancel_non_interactive_needs_yes_and_explains_first(cli, history_file):
    base = ["cancel", "--subject", "粤ICP备2024000001号", "--scope", "subject", "--history", history_file,
            "--non-interactive"]
    r = cli(*base)
    assert r.code == 2 and "--yes" in r.err
    assert "cancels all 2 of its websites" in r.err
    r = cli(*base, "--yes", "--reason", "公司注销")
    assert r.code == 0, r
    from beiancli import store

    d = store.load_draft(store.draft_path("粤ICP备2024000001号-cancel-subject"))
    assert d.cancel.scope == "subject" and d.cancel.reason == "公司注销" and len(d.websites) == 2


def test_resume_of_a_missing_draft(cli):
    r = cli("new", "--resume", "nope")
    assert r.code == 3 and "file not found" in r.err


def test_help_has_real_examples(cli):
    for command in ("new", "add-site", "change", "cancel"):
        r = cli(command, "--help")
        assert r.code == 0 and "Examples:" in r.out and f"beian {command}" in r.out
