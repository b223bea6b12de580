"""rules/changes.py: what a change may not do (§11.2) and what a cancellation does (§11.3, §11.4)."""

from __future__ import annotations

import pytest

from beiancli.rules import changes

SITE = {"name": "示例科技官网", "site_number": "粤ICP备2024000001号-1", "kind": "website",
        "domains": [{"name": "example.com"}, {"name": "example.cn"}]}
ORG = {"name": "深圳市示例科技有限公司", "nature": "enterprise", "cert_type": "uscc", "cert_number": "91440300MA5FQX124N"}


def codes(scope, original, new):
    return {r.code: r.severity for r in changes.refusals(scope, original, new)}


def test_diff_lists_changed_leaves_and_ignores_empty_to_empty():
    old = {"subject": {"name": "A", "address": "x", "remark": None}, "websites": [{"name": "s", "domains": [{"name": "a.cn"}]}]}
    new = {"subject": {"name": "A", "address": "y", "remark": ""}, "websites": [{"name": "t", "domains": [{"name": "a.cn"}]}]}
    got = {(c.path, c.old, c.new) for c in changes.diff(old, new)}
    assert got == {("subject.address", "x", "y"), ("websites[0].name", "s", "t")}


def test_domains_can_only_be_removed():
    removed = {**SITE, "domains": [{"name": "example.com"}]}
    assert codes("website", {"websites": [SITE]}, {"websites": [removed]}) == {}
    added = {**SITE, "domains": [*SITE["domains"], {"name": "example.net"}]}
    assert codes("website", {"websites": [SITE]}, {"websites": [added]}) == {"domain-added": "error"}
    edited = {**SITE, "domains": [{"name": "example.com"}, {"name": "example.com.cn"}]}
    assert "domain-added" in codes("website", {"websites": [SITE]}, {"websites": [edited]})


def test_site_number_and_kind_are_fixed():
    other = {**SITE, "site_number": "粤ICP备2024000001号-2", "kind": "app"}
    assert set(codes("website", {"websites": [SITE]}, {"websites": [other]})) == {"site-number-changed", "kind-changed"}


@pytest.mark.parametrize(("new", "expected"), [
    ({**ORG, "nature": "individual", "cert_type": "resident-id"}, {"organisation-to-individual"}),
    ({**ORG, "name": "深圳市别的有限公司", "cert_number": "9144030071526726XG"}, {"another-subject"}),
    ({**ORG, "name": "深圳市示例科技集团有限公司", "cert_number": "9144030071526726XG",
      "former_names": ["深圳市示例科技有限公司"]}, set()),  # a rename with a new number
    ({**ORG, "cert_number": "9144030071526726XG"}, set()),  # same name, new number (三证合一)
    ({**ORG, "address": "new"}, set()),
])
def test_subject_changes(new, expected):
    assert set(codes("subject", {"subject": ORG}, {"subject": new})) == expected


def test_a_person_stays_the_person_and_may_become_a_company_only_with_a_warning():
    person = {"name": "张三", "nature": "individual", "cert_type": "resident-id", "cert_number": "110105199003071239"}
    other = {**person, "cert_number": "440305198506120314"}
    assert codes("subject", {"subject": person}, {"subject": other}) == {"another-person": "error"}
    company = {**ORG}
    assert codes("subject", {"subject": person}, {"subject": company}) == {"individual-to-organisation": "warning"}


def test_province_cannot_move():
    assert codes("subject", {"province": "广东", "subject": ORG}, {"province": "浙江", "subject": ORG}) == {
        "province-move": "error"}


def _subject(*sites):
    from beiancli.models import HistorySite, HistorySubject

    return HistorySubject(name="示例", nature="enterprise", cert_type="uscc", cert_number="91440300MA5FQX124N",
                          icp_number="粤ICP备2024000001号",
                          sites=[HistorySite(domain=d, site_number=f"粤ICP备2024000001号-{i}", providers=p)
                                 for i, (d, p) in enumerate(sites, 1)])


def test_cancel_subject_names_every_site():
    effects = changes.cancel_effects(_subject(("a.cn", ["tencent"]), ("b.cn", ["aliyun"])), "subject", [], "tencent")
    first = effects[0].msg.en
    assert "all 2 of its websites" in first and "a.cn" in first and "b.cn" in first


def test_cancel_the_last_site_leaves_a_shell():
    effects = changes.cancel_effects(_subject(("a.cn", ["tencent"])), "website", ["a.cn"], "tencent")
    assert "last-site" in {e.code for e in effects}
    effects = changes.cancel_effects(_subject(("a.cn", ["tencent"]), ("b.cn", ["tencent"])), "website", ["a.cn"],
                                     "tencent")
    assert "last-site" not in {e.code for e in effects}


def test_cancel_access_shell_site_and_subject_leaving_the_provider():
    subj = _subject(("a.cn", ["tencent"]), ("b.cn", ["tencent", "aliyun"]))
    got = {e.code for e in changes.cancel_effects(subj, "access", ["粤ICP备2024000001号-1"], "tencent")}
    assert "shell-site" in got and "subject-leaves-provider" not in got and "subject-shell" not in got
    got = {e.code for e in changes.cancel_effects(subj, "access", ["a.cn", "b.cn"], "tencent")}
    assert {"shell-site", "access-elsewhere", "subject-leaves-provider"} <= got
    assert "subject-shell" not in got  # b.cn is still accessed at Alibaba Cloud
    lone = _subject(("a.cn", ["tencent"]))
    assert "subject-shell" in {e.code for e in changes.cancel_effects(lone, "access", ["a.cn"], "tencent")}


def test_cancel_access_in_another_account_is_not_this_account():
    subj = _subject(("a.cn", ["tencent:agency", "tencent"]))
    got = {e.code for e in changes.cancel_effects(subj, "access", ["a.cn"], "tencent")}
    assert "access-elsewhere" in got and "shell-site" not in got
