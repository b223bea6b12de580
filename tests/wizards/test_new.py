"""`beian new` driven with a scripted Asker: an enterprise and an individual, wrong answers retyped, the
questions that are (not) asked, Ctrl-C and --resume."""

from __future__ import annotations

import hashlib

import pytest
from tests.wizards.people import DOMAIN_FACTS, FILED_USCC, LI_SI, USCC, WANG_WU

ENTERPRISE_WHO = ["newexample.com", "enterprise", "uscc", USCC, "深圳市新例科技有限公司"]
ENTERPRISE_REST = [
    None, "深圳市", "南山区",  # region: province offered from the USCC's division code
    "深圳市南山区粤海街道科技园路1号A座101室", None, "王五", None, "",  # cert address, address (=), legal rep, investor (=), remark
    True, None, None, WANG_WU, "2036-01-01", "13800138000", "13900139000", "", "wangwu@example.com",  # principal
    "新例科技官网", None, "", *DOMAIN_FACTS, "none",  # website: name, content type (default), remark, pre-approval
    True,  # website principal = subject principal
    False,  # another website?
]


def test_enterprise_first_filing_with_wrong_answers_retyped(drive, saved, images):
    answers = [
        "newexample.com", "enterprise", "uscc",
        USCC[:-1] + "X",  # wrong check character: asked again
        USCC, "深圳市新例科技有限公司",
        *ENTERPRISE_REST[:13],
        "1380013800",  # a mobile one digit short: asked again
        *ENTERPRISE_REST[13:17],
        "新例",  # a site name of two characters: asked again
        *ENTERPRISE_REST[17:],
        str(images["text"]),  # not an image: asked again
        str(images["licence"]),  # materials[0]: subject certificate
        str(images["id-wang"]),  # materials[1]: the principal's ID
    ]
    run = drive("new", answers)
    assert run.error is None and run.code == 0

    rejected = {q: (a, why) for q, a, why in run.asker.rejected}
    assert rejected["Certificate number"][0] == USCC[:-1] + "X"
    assert "check character is wrong" in rejected["Certificate number"][1]
    assert rejected["Mobile number (receives the MIIT SMS check)"][0] == "1380013800"
    assert "fewer than 3 Chinese characters" in rejected[next(q for q in rejected if q.startswith("Website name"))][1]
    assert "jpeg/png" in rejected["File path"][1]
    assert len(run.asker.rejected) == 4  # only those answers were asked again

    d = saved("newexample.com")
    assert d.filing_type == "first" and d.province == "广东"
    assert d.subject.cert_number == USCC and d.subject.address == d.subject.cert_address
    assert d.subject.investor == "王五" and d.subject.principal.is_legal_representative is True
    assert d.subject.principal.name == "王五" and d.subject.principal.mobile == "13800138000"
    assert d.websites[0].domains[0].name == "newexample.com" and d.websites[0].content_type == "单位门户网站"
    assert d.websites[0].principal == d.subject.principal
    licence = d.materials[0]
    assert licence.kind == "subject-cert" and licence.path == str(images["licence"])
    assert licence.sha256 == hashlib.sha256(images["licence"].read_bytes()).hexdigest()
    assert d.materials[1].kind == "subject-principal-id"
    assert all(m.skipped for m in d.materials[2:])  # the rest skipped for later
    assert "review" in d.wizard["done"]


def test_individual_is_asked_only_what_a_personal_filing_needs(drive, saved):
    person = "440305199003071236"
    answers = [
        "zhangxm.cn", "individual", "resident-id", person, "张小明",
        None, "深圳市", "南山区",  # province offered from the ID: 广东
        "深圳市南山区科技园路1号2栋301室", "",  # address, remark
        None, None, None, "long-term", "13500135000", "13600136000", "", "zxm@example.com",  # principal = the filer
        "小明的读书笔记", None, "", *DOMAIN_FACTS, "none", True,
    ]
    run = drive("new", answers)
    assert run.code == 0, run.error
    asked = " | ".join(run.asker.asked)
    for organisation_only in ("Legal representative", "Investor", "Address on the certificate",
                              "Is this person the legal representative"):
        assert organisation_only not in asked
    assert "Add another website" not in asked  # one website per personal order (§1.6), asked of the rules
    d = saved("zhangxm.cn")
    assert d.subject.principal.name == "张小明" and d.subject.principal.cert_number == person
    assert d.subject.principal.cert_long_term is True
    assert d.websites[0].content_type == "其他"  # §6.2 default for individuals, from site_options.toml
    assert "residence" not in run.said.lower()  # filing in the ID's own province


def test_individual_outside_the_id_province_is_asked_for_residence_proof(drive, saved):
    person = "440305199003071236"
    answers = [
        "zhangxm.cn", "individual", "resident-id", person, "张小明",
        "上海", "上海市", "浦东新区",  # Shanghai accepts a residence permit from other provinces (§9.2)
        "上海市浦东新区世纪大道100号5楼501室", "",
        None, None, None, "long-term", "13500135000", "13600136000", "", "zxm@example.com",
        "小明的读书笔记", None, "", *DOMAIN_FACTS, "none", True,
    ]
    run = drive("new", answers)
    assert run.code == 0, run.error
    assert "residence permit or residence proof of the filing province" in run.said
    assert any(m.kind == "residence-proof" for m in saved("zhangxm.cn").materials)


def test_ctrl_c_saves_and_resume_continues_where_it_stopped(drive, saved):
    from beiancli.errors import EXIT_INTERRUPTED

    run = drive("new", [*ENTERPRISE_WHO, None, "深圳市", KeyboardInterrupt])
    assert run.error is not None and run.error.exit_code == EXIT_INTERRUPTED
    assert "beian new --resume newexample.com" in run.error.render_hint("en")
    d = saved("newexample.com")
    assert d.wizard["done"] == ["domain", "subject-id", "type"]
    assert d.city == "深圳市"  # answered before Ctrl-C: kept

    rest = [None, None, *ENTERPRISE_REST[2:]]  # province and city: Enter keeps what was answered
    run2 = drive("new", rest, resume="newexample.com")
    assert run2.code == 0, run2.error
    assert run2.asker.asked[0].startswith("Filing province")  # nothing before the region asked again
    d = saved("newexample.com")
    assert d.city == "深圳市" and d.district == "南山区" and d.subject.principal.name == "王五"
    assert "review" in d.wizard["done"]


def test_personal_data_is_offered_masked_on_resume(drive, saved):
    run = drive("new", [*ENTERPRISE_WHO, *ENTERPRISE_REST[:8], True, None, None, WANG_WU, KeyboardInterrupt])
    assert run.error is not None
    assert saved("newexample.com").subject.principal.cert_number == WANG_WU
    # resume at the principal: Enter keeps the ID number; the prompt shows it masked, never in full
    run2 = drive("new", [True, None, None, None, *ENTERPRISE_REST[12:]], resume="newexample.com")
    assert run2.code == 0, run2.error
    _message, default, instruction = next(p for p in run2.asker.prompts if p[0] == "ID number")
    assert default is None and WANG_WU not in str(instruction)
    assert "4403**********0314" in instruction
    assert saved("newexample.com").subject.principal.cert_number == WANG_WU


def test_a_domain_filed_by_another_subject_is_blocked_and_nothing_is_kept(drive, history_file):
    from beiancli import store

    run = drive("new", ["www.example.com", "enterprise", "uscc", USCC, "深圳市新例科技有限公司"], history=history_file)
    assert run.error is not None and run.error.exit_code == 1
    assert "cannot be filed" in run.error.render("en")
    assert not store.draft_path("example.com").exists()
    assert "the registrable domain example.com is what is filed" in run.said


def test_a_filed_subject_continues_as_add_site(drive, saved, history_file):
    # the subject of examples/history.toml filed at Tencent; a new domain: add-site, not a first filing
    answers = ["brand-new-example.com", "enterprise", "uscc", FILED_USCC, None,
               None, None, "", "",  # province from the history, ICP number from the history, legal rep, remark
               "示例科技博客", None, "", *DOMAIN_FACTS, "none",
               False, "李四", None, LI_SI, "long-term", "13700137000", "13600136000", "", "lisi@example.com",
               False]
    run = drive("new", answers, history=history_file)
    assert run.code == 0, run.error
    assert "found in the history: 深圳市示例科技有限公司" in run.said
    assert "continuing as 'Add website (existing filing at Tencent Cloud)' (add-site)" in run.said
    assert not any(q.startswith(("City", "Postal address", "Mobile number")) and i < 12
                   for i, q in enumerate(run.asker.asked))
    d = saved("brand-new-example.com")
    assert d.filing_type == "add-site" and d.subject.icp_number == "粤ICP备2024000001号"
    assert d.subject.name == "深圳市示例科技有限公司" and d.subject.principal is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_in_the_users_language(drive, lang):
    run = drive("new", ["newexample.com", "enterprise", "uscc", USCC[:-1] + "X", KeyboardInterrupt], lang=lang)
    why = run.asker.rejected[0][2]
    assert ("校验位错误" in why) if lang == "zh" else ("check character is wrong" in why)


def _org(uscc: str, domain: str, principal_is_legal_rep: bool, preapproval: list) -> list:
    return [
        domain, "enterprise", "uscc", uscc, "示例有限公司",
        None, "某市", "某区",  # province from the certificate
        "某市某区某路1号101室", None, "王五", None, "",
        principal_is_legal_rep, "李四" if not principal_is_legal_rep else None, None,
        LI_SI if not principal_is_legal_rep else WANG_WU, "long-term", "13700137000", "13600136000", "",
        "boss@example.com",
        "示例公司官网", None, "", *DOMAIN_FACTS, *preapproval,
        True, False,
    ]


@pytest.mark.parametrize(("uscc", "province", "letters"), [
    (USCC, "广东", set()),  # Guangdong: the principal must be the legal rep; no authorisation letters (§9.2)
    ("9134010071526726XF", "安徽", {"subject-principal-authorisation", "site-principal-authorisation"}),  # Anhui: A + yes
])
def test_authorisation_letters_only_where_the_province_asks_for_them(drive, saved, uscc, province, letters):
    run = drive("new", _org(uscc, "org-example.cn", False, ["none"]))
    assert run.code == 0, run.error
    d = saved("org-example.cn")
    assert d.province == province
    kinds = {m.kind for m in d.materials}
    assert kinds & {"subject-principal-authorisation", "site-principal-authorisation"} == letters
    # with the legal representative as principal, no province asks for a letter
    run = drive("new", _org(uscc, "org-example2.cn", True, ["none"]))
    assert run.code == 0, run.error
    assert not {m.kind for m in saved("org-example2.cn").materials} & letters


def test_pre_approval_document_only_when_the_content_needs_one(drive, saved):
    run = drive("new", _org(USCC, "org-example.cn", True, ["none"]))
    assert run.code == 0, run.error
    assert "preapproval-document" not in {m.kind for m in saved("org-example.cn").materials}
    ticked = ["出版", "新出网证（粤）字001号", "2029-01-01", "none"]  # publishing, its number and validity; no more
    run = drive("new", _org(USCC, "org-example2.cn", True, ticked))
    assert run.code == 0, run.error
    assert "needs: 互联网出版许可证" in run.said
    d = saved("org-example2.cn")
    pre = d.websites[0].preapprovals[0]
    assert (pre.category, pre.number, str(pre.valid_until)) == ("出版", "新出网证（粤）字001号", "2029-01-01")
    assert "preapproval-document" in {m.kind for m in d.materials}


def test_a_flag_that_does_not_pass_is_asked_again(drive, saved):
    answers = ["enterprise", "uscc", USCC, "深圳市新例科技有限公司", *ENTERPRISE_REST]
    run = drive("new", answers, domain="newexample.com", answers={"subject.principal.mobile": "1380013800"})
    assert run.code == 0, run.error
    assert "Mobile number (receives the MIIT SMS check)" in run.asker.asked  # the flag's value was refused
    assert "✗" in run.said  # why it was refused, before the question
    assert saved("newexample.com").subject.principal.mobile == "13800138000"


def test_a_control_character_in_an_answer_is_asked_again_with_the_reason(drive, saved, images):
    answers = ["newexample.com", "enterprise", "uscc", USCC,
               "深圳市新例\x1b[2J科技有限公司",  # an escape sequence pasted with the name: asked again
               "深圳市新例科技有限公司", *ENTERPRISE_REST, str(images["licence"]), str(images["id-wang"])]
    run = drive("new", answers)
    assert run.error is None and run.code == 0
    assert [(a, why) for _, a, why in run.asker.rejected] == [
        ("深圳市新例\x1b[2J科技有限公司", "has a control character (U+001B): remove it")]
    assert saved("newexample.com").subject.name == "深圳市新例科技有限公司"
