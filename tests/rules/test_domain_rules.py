"""The domain rules (BA1xx) beyond their cases: lint agrees with `beian check-domain` on the TLD and the nature
reservations (both call rules.tlds), and the helpers behave at their edges."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.rules.casefiles import load_base, merge

from beiancli import domains
from beiancli.models import Draft, HistorySubject
from beiancli.rules import domain, filing_type, registry, tlds
from beiancli.rules.base import Severity

TODAY = dt.date(2026, 11, 26)

TLD_CASES = [
    ("example.cn", "广东"), ("example.com", "北京"), ("example.io", "广东"), ("example.org", "北京"),
    ("example.asia", "广东"), ("example.asia", "北京"), ("example.red", "北京"), ("example.red", "上海"),
    ("example.cyou", "广东"), ("example.cyou", "北京"), ("example.de", "浙江"), ("例子.中国", "北京"),
    ("example.tel", "北京"), ("example.tel", "广东"), ("example.gov.cn", "广东"), ("示例.公益", "北京"),
]


def _lint(name: str, province: str, nature: str = "enterprise", rule: str = "BA102") -> list:
    d = Draft.model_validate(merge(load_base("enterprise"), {
        "province": province, "subject": {"nature": nature}, "websites": [{"domains": [{"name": name}]}],
    }))
    return registry.lint(d, today=TODAY, select=[rule])


def _decide(name: str, province: str, nature: str = "enterprise") -> filing_type.Decision:
    subject = HistorySubject(name="示例", nature=nature, cert_type="uscc", cert_number="91440300MA5G00019N",
                             province=province)
    return filing_type.decide(domains.analyse(name), None, subject, "tencent")


@pytest.mark.parametrize(("name", "province"), TLD_CASES)
def test_tld_rule_agrees_with_check_domain(name: str, province: str) -> None:
    found = _lint(name, province)
    decision = _decide(name, province)
    blocked = decision.blocked is not None and decision.blocked.code == "tld-not-approved"
    assert any(f.severity is Severity.ERROR for f in found) == blocked
    # check-domain warns (unknown TLD, or not on the province's list) exactly when lint warns
    warned = decision.tld.status == tlds.UNKNOWN or (decision.tld.status == tlds.APPROVED and bool(decision.tld.warnings))
    assert any(f.severity is Severity.WARNING for f in found) == warned


@pytest.mark.parametrize("nature", ["enterprise", "government", "institution", "individual"])
@pytest.mark.parametrize("name", ["example.gov.cn", "example.政务", "示例.公益", "example.edu.cn", "example.cn"])
def test_nature_rule_agrees_with_check_domain(name: str, nature: str) -> None:
    found = _lint(name, "广东", nature, rule="BA103")
    decision = _decide(name, "广东", nature)
    assert any(f.severity is Severity.ERROR for f in found) == decision.facts["nature_blocked"]


def test_add_months_clamps_to_the_month_end() -> None:
    assert domain.add_months(dt.date(2026, 12, 1), 3) == dt.date(2027, 3, 1)
    assert domain.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert domain.add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert domain.add_months(dt.date(2026, 10, 31), 14) == dt.date(2027, 12, 31)


def test_holder_names_normalise_width_brackets_and_spaces() -> None:
    n = domain.normalise_holder
    assert n("深圳市示例科技（深圳）有限公司") == n("深圳市示例科技(深圳) 有限公司") == n("深圳市示例科技【深圳】有限公司")
    assert n("ＡＢＣ科技有限公司") == n("abc 科技有限公司")
    assert n("深圳市示例科技有限公司") != n("深圳市示例技术有限公司")


def test_registrar_elsewhere() -> None:
    assert domain.registered_elsewhere("DNSPod, Inc.", "tencent") is False
    assert domain.registered_elsewhere("腾讯云计算（北京）有限责任公司", "tencent") is False
    assert domain.registered_elsewhere("阿里云计算有限公司（万网）", "tencent") is True
    assert domain.registered_elsewhere("阿里云计算有限公司（万网）", "aliyun") is False
    assert domain.registered_elsewhere("GoDaddy", "aliyun") is True
    assert domain.registered_elsewhere(None, "tencent") is None
    assert domain.registered_elsewhere("GoDaddy", "huawei") is None  # no registrar names for that provider


def test_domains_are_analysed_once_per_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = domains.analyse
    monkeypatch.setattr(domains, "analyse", lambda text: calls.append(text) or real(text))
    d = Draft.model_validate(load_base("enterprise"))
    assert registry.lint(d, today=TODAY, select=["domain"]) == []
    assert calls == ["example-tech.cn"]


def test_missing_expiry_severity_is_data(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from beiancli.rules import data

    text = data.path_of("domain_rules").read_text(encoding="utf-8")
    head, sep, rest = text.partition("[expiry]")
    assert sep and 'missing = "warning"' in rest
    text = head + sep + rest.replace('missing = "warning"', 'missing = "error"', 1)  # [expiry], not [realname]
    (tmp_path / "domain_rules.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("BEIAN_DATA_DIR", str(tmp_path))
    data.load.cache_clear()
    try:
        base = load_base("enterprise")
        del base["websites"][0]["domains"][0]["expiry_date"]
        (f,) = registry.lint(Draft.model_validate(base), today=TODAY, select=["BA106"])
        assert f.severity is Severity.ERROR
    finally:
        monkeypatch.delenv("BEIAN_DATA_DIR")
        data.load.cache_clear()


def test_psl_lookups_switch_to_a_set_with_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batch lint looks the PSL up thousands of times; after SET_AFTER lookups domains.py answers from a set
    of the lines. Both ways must agree (rules, wildcards, exceptions, comments and non-rules)."""
    monkeypatch.setattr(domains, "_PSL_LOOKUPS", {})
    monkeypatch.setattr(domains, "_PSL_SETS", {})
    p = domains.psl()
    probes = ["cn", "com.cn", "*.ck", "!www.ck", "中国", "example.cn", "co", "uk", "co.uk", "// ===BEGIN ICANN DOMAINS===",
              "", "cyou", "gov.cn", "*.kawasaki.jp", "!city.kawasaki.jp", "notatld"]
    slow = [p.has(r) for r in probes]
    assert p.path not in domains._PSL_SETS or len(probes) >= domains.SET_AFTER
    for _ in range(domains.SET_AFTER):
        p.has("example.cn")
    assert p.path in domains._PSL_SETS
    fast = [p.has(r) for r in probes]
    assert fast == slow
    assert fast[:3] == [True, True, True] and fast[5] is False
    assert [domains.analyse(n).registrable for n in ("www.example.com.cn", "a.b.kawasaki.jp", "city.kawasaki.jp")] == [
        "example.com.cn", "a.b.kawasaki.jp", "city.kawasaki.jp"]
