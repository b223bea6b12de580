"""`beian rules` and `beian checklist`."""

from __future__ import annotations

from beiancli.rules import registry


def test_rules_table_and_json(cli) -> None:
    r = cli("rules")
    assert r.code == 0
    for rule in registry.RULES:
        assert rule.id in r.out
    data = cli("rules", "--json").json()
    assert [d["id"] for d in data] == [x.id for x in registry.RULES]
    assert set(data[0]) >= {"id", "name", "family", "severity", "confidence", "title", "message", "suggestion", "source"}


def test_rule_page_offline(cli) -> None:
    r = cli("rules", "BA305")
    assert r.code == 0
    assert "emergency-phone-own-mobile" in r.out and "Failing example" in r.out and "§6.1" in r.out
    by_name = cli("rules", "emergency-phone-own-mobile", "--json").json()
    assert by_name["id"] == "BA305" and by_name["doc"].startswith("# BA305 emergency-phone-own-mobile")
    assert cli("rules", "BA999").code == 2


def test_checklist_by_options(cli) -> None:
    data = cli("checklist", "--type", "first", "--nature", "enterprise", "--province", "吉林", "--json").json()
    kinds = {i["kind"]: i for i in data["items"]}
    assert data["province"] == "吉林"
    assert {"subject-cert", "subject-principal-id", "site-principal-id", "commitment-letter"} <= set(kinds)
    assert kinds["subject-principal-authorisation"]["condition"]["en"].startswith("the subject's principal is not")
    assert "commitment-letter-guangdong" not in kinds
    gd = {i["kind"] for i in cli("checklist", "--nature", "individual", "--province", "Guangdong", "--json").json()["items"]}
    assert "commitment-letter-guangdong" in gd and "subject-principal-id" not in gd and "residence-proof" in gd
    xj = {i["kind"] for i in cli("checklist", "--type", "add-site", "--nature", "enterprise", "--province", "新", "--json").json()["items"]}
    assert "party-building-certificate" in xj
    assert cli("checklist", "--type", "nope").code == 2
    assert cli("checklist", "--province", "Atlantis").code == 2


def test_checklist_for_a_draft(cli, drafts) -> None:
    d = drafts("first-enterprise-guangdong.toml", "fail-BA503-material-file-format.toml")
    data = cli("checklist", str(d / "first-enterprise-guangdong.toml"), "--json").json()
    status = {(i["kind"], i["site"]): i["status"] for i in data["items"]}
    assert status[("subject-cert", None)] == "ok"
    assert status[("verification-photo", 0)] == "skipped"
    bad = cli("checklist", str(d / "fail-BA503-material-file-format.toml"), "--json").json()
    item = next(i for i in bad["items"] if i["kind"] == "subject-cert")
    assert item["status"] == "problem" and item["files"][0]["problems"][0]["code"] == "format"
    text = cli("checklist", str(d / "first-enterprise-guangdong.toml"))
    assert text.code == 0 and "materials/licence.png" in text.out
