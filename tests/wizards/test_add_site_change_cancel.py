"""`beian add-site`, `beian change` and `beian cancel` driven with a scripted Asker."""

from __future__ import annotations

from tests.wizards.people import DOMAIN_FACTS, LI_SI, USCC, WANG_WU

SITE_PRINCIPAL = [False, "李四", None, LI_SI, "long-term", "13700137000", "13600136000", "", "lisi@example.com"]


def test_add_site_asks_only_what_an_add_site_filing_needs(drive, saved, history_file):
    answers = [
        "0",  # the subject: the first one of the history
        "example",  # not a domain (a single label): asked again
        "new-example.com",
        None,  # province: from the history
        None, "", "",  # subject ICP number (from the history), legal representative, remark
        "示例科技博客", None, "", *DOMAIN_FACTS, "none",
        *SITE_PRINCIPAL[:8], "lisi@", "lisi@example.com",  # a broken e-mail, asked again
        False,  # another website?
    ]
    run = drive("add-site", answers, history=history_file)
    assert run.code == 0, run.error
    assert [(q.split(" (")[0], a) for q, a, _why in run.asker.rejected] == [("Domain to file", "example"),
                                                                         ("E-mail", "lisi@")]
    assert "single label" in run.asker.rejected[0][2]
    asked = " | ".join(run.asker.asked)
    for not_needed in ("City", "Postal address", "Address on the certificate", "Investor"):
        assert not_needed not in asked  # the subject's filed data is not asked again (fields.toml)
    assert "Is the website principal the same" not in asked  # no subject principal in this draft to offer
    d = saved("new-example.com")
    assert d.filing_type == "add-site"
    assert d.subject.icp_number == "粤ICP备2024000001号" and d.province == "广东"
    assert d.websites[0].principal.name == "李四" and d.websites[0].principal.is_legal_representative is False
    kinds = {m.kind for m in d.materials}
    assert "site-principal-id" in kinds and "subject-cert" not in kinds  # the materials matrix, per type


def test_add_site_of_a_domain_filed_elsewhere_continues_as_one_click_access(drive, saved, history_file):
    # example-shop.cn is this subject's site, accessed at Alibaba Cloud only: §1.5 says one-click access
    answers = ["0", "example-shop.cn",
               None, "深圳市", "南山区",  # one-click access submits the subject's data again (fields.toml)
               None, "深圳市南山区科技园路1号", None, "张三", None, "",
               True, None, None, WANG_WU, "2036-01-01", "13800138000", "13900139000", "", "wangwu@example.com",
               None, ""]  # the site's number (from the history) and a remark; no new-site questions
    run = drive("add-site", answers, history=history_file)
    assert run.code == 0, run.error
    assert "continuing as" in run.said and "(one-click-access)" in run.said
    assert "this domain is not an add-site filing" in run.said
    d = saved("example-shop.cn")
    assert d.filing_type == "one-click-access" and d.websites[0].site_number == "粤ICP备2024000001号-2"
    assert not any(q.startswith(("Website name", "Does the content need")) for q in run.asker.asked)


def test_add_site_with_subject_flag_and_domain(drive, saved, history_file):
    answers = [None, None, "", "", "示例科技博客", None, "", *DOMAIN_FACTS, "none", *SITE_PRINCIPAL, False]
    run = drive("add-site", answers, history=history_file, subject="粤ICP备2024000001号", domain="blog.new-example.com")
    assert run.code == 0, run.error
    assert not any(q.startswith(("Add a website to which subject", "Domain to file")) for q in run.asker.asked)
    assert "the registrable domain new-example.com (suffix .com) is what is filed" in run.said
    assert saved("new-example.com").websites[0].domains[0].name == "new-example.com"


def test_change_website_refuses_a_new_domain_and_shows_old_to_new(drive, saved, history_file):
    answers = [
        "0", "website", "0",  # subject, scope, which website (example.com)
        "example.com, example.org",  # adding a domain: refused, asked again
        "example.com",
        None,  # site number kept
        "示例科技新官网", None, "", "none",  # new name; content type, remark, pre-approval (no domain facts in a change)
        "李四", None, LI_SI, "long-term", "13700137000", "13600136000", "", "lisi@example.com",  # a principal
    ]
    answers.insert(10, False)  # "is this person the legal representative?" comes first
    run = drive("change", answers, history=history_file)
    assert run.code == 0, run.error
    _q, a, why = run.asker.rejected[0]
    assert a == "example.com, example.org"
    assert "can only be removed, never added" in why and "beian add-site" in why
    assert "change: websites[0].name: 示例科技官网 → 示例科技新官网" in run.said
    d = saved("example.com-change-site")
    assert d.filing_type == "change-site" and d.change.scope == "website"
    assert d.change.original["websites"][0]["name"] == "示例科技官网"
    assert d.websites[0].name == "示例科技新官网" and d.websites[0].site_number == "粤ICP备2024000001号-1"


def test_change_subject_refuses_organisation_to_person_and_another_subject(drive, saved, history_file):
    answers = [
        "0", "subject",
        "individual",  # an organisation cannot become a person (§11.2): said, and asked again
        "enterprise", None,  # nature, certificate type kept
        "深圳市另一家科技有限公司", False,  # another name, and "not a rename"
        USCC,  # ... and another certificate number: another subject, refused
        "91440300MA5FQX124N",  # the filed number: accepted
        None, "深圳市", "南山区",  # region
        None, "深圳市南山区科技园路9号", None, "王五", None, "",  # subject: ICP number kept, addresses, legal rep...
        True, None, None, WANG_WU, "2036-01-01", "13800138000", "13900139000", "", "wangwu@example.com",
    ]
    run = drive("change", answers, history=history_file)
    assert run.code == 0, run.error
    assert "an organisation's filing can never be changed into a personal one" in run.said
    cert = [r for r in run.asker.rejected if r[0] == "Certificate number"]
    assert cert and cert[0][1] == USCC and "that is another subject" in cert[0][2]
    d = saved("粤ICP备2024000001号-change-subject")
    assert d.filing_type == "change-subject" and d.subject.nature == "enterprise"
    assert d.subject.name == "深圳市另一家科技有限公司" and d.subject.former_names == []


def test_change_subject_rename_keeps_the_old_name(drive, saved, history_file):
    answers = [
        "0", "subject", None, None,
        "深圳市示例科技集团有限公司", True,  # renamed: the old name becomes a former name
        None,  # certificate number kept
        None, "深圳市", "南山区", None, "深圳市南山区科技园路9号", None, "王五", None, "",
        True, None, None, WANG_WU, "2036-01-01", "13800138000", "13900139000", "", "wangwu@example.com",
    ]
    run = drive("change", answers, history=history_file)
    assert run.code == 0, run.error
    d = saved("粤ICP备2024000001号-change-subject")
    assert d.subject.former_names == ["深圳市示例科技有限公司"]
    assert "name-change letter" in run.said  # the materials matrix asks for the 变更函 of a renamed subject


def test_cancel_subject_explains_all_its_sites_first_and_can_be_declined(drive, history_file):
    from beiancli import store

    run = drive("cancel", ["0", "subject", "", ""], history=history_file)
    assert run.code == 1
    assert "cancels all 2 of its websites: example.com (粤ICP备2024000001号-1), example-shop.cn" in run.said
    assert run.asker.asked[-1] == "Type 粤ICP备2024000001号 to cancel it (Enter: keep it)"  # after the explanation
    assert store.list_drafts() == []


def test_cancel_subject_confirmation_is_typed_and_a_typo_is_asked_again(drive, saved, history_file):
    run = drive("cancel", ["0", "subject", "公司注销", "粤ICP备2024000002号", "粤ICP备2024000001号"], history=history_file)
    assert run.code == 0, run.error
    assert run.asker.rejected == [("Type 粤ICP备2024000001号 to cancel it (Enter: keep it)", "粤ICP备2024000002号",
                                   "does not match 粤ICP备2024000001号: type it exactly, or press Enter to keep the filing")]
    d = saved("粤ICP备2024000001号-cancel-subject")
    assert d.filing_type == "cancel-subject" and d.cancel.reason == "公司注销" and len(d.websites) == 2


def test_cancel_access_warns_about_a_shell_site_and_saves(drive, saved, history_file):
    run = drive("cancel", ["0", "access", "moving to another provider", True], history=history_file)
    assert run.code == 0, run.error
    assert "has no access provider anywhere" in run.said and "shell" in run.said
    assert "removed from this provider" in run.said
    d = saved("example.com-cancel-access")
    assert d.filing_type == "cancel-access" and d.cancel.scope == "access"
    assert d.cancel.site_numbers == ["粤ICP备2024000001号-1"] and d.cancel.reason == "moving to another provider"


def test_cancel_the_last_website_says_the_subject_becomes_a_shell(drive, saved, history_file):
    run = drive("cancel", ["", True], history=history_file, subject="浙ICP备2023000002号", scope="website")
    assert run.code == 0, run.error
    assert "this is the last website of 杭州示例网络有限公司" in run.said
    assert saved("example.net.cn-cancel-site").cancel.site_numbers == ["浙ICP备2023000002号-1"]
