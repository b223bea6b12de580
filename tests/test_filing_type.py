"""The filing-type decision (§1.5) as a table: every row and every blocked case, for both provider profiles;
plus the rule data it reads (TLDs, providers, process)."""

from __future__ import annotations

import itertools

import idna
import pytest

from beiancli.domains import analyse
from beiancli.errors import UsageError
from beiancli.models import FILING_TYPES, History, HistorySite, HistorySubject
from beiancli.rules import filing_type as ft
from beiancli.rules import process, providers, tlds

PROVIDERS = ["tencent", "aliyun"]
OTHER = "huawei"  # a provider that is neither profile


def _subject(name, cert, *, icp=None, accounts=(), sites=(), nature="enterprise", province="广东"):
    return HistorySubject(
        name=name, nature=nature, cert_type="uscc", cert_number=cert, province=province, icp_number=icp,
        accounts=list(accounts),
        sites=[HistorySite(domain=d, site_number=n, providers=list(p)) for d, n, p in sites],
    )


def history_for(p: str) -> History:
    """One subject per situation of §1.5, seen from provider `p`."""
    return History(subjects=[
        _subject("HERE", "91440300MA5FQX124N", icp="粤ICP备2024000001号", accounts=[p], sites=[
            ("here.com", "粤ICP备2024000001号-1", [p]),
            ("away.com", "粤ICP备2024000001号-2", [OTHER]),
        ]),
        _subject("ELSEWHERE", "91330106MA2HXY340R", icp="浙ICP备2023000002号", accounts=[OTHER], province="浙江",
                 sites=[("else.com", "浙ICP备2023000002号-1", [OTHER])]),
        _subject("SHELL", "91110105MA01BC5613", icp="京ICP备2020000003号", province="北京",
                 sites=[("shell.com", "京ICP备2020000003号-1", [])]),
        _subject("SHELL-NO-SITES", "91440300MA5GKT789L", icp="粤ICP备2022000005号"),
        _subject("OTHER-ACCOUNT", "91440300MA5FQX1300", icp="粤ICP备2022000006号", accounts=[f"{p}:agency"],
                 sites=[("agency.com", "粤ICP备2022000006号-1", [f"{p}:agency"])]),
        _subject("NEVER", "110105199003071239", nature="individual", province="北京"),
        _subject("GOV", "11100000000000000X", icp="京ICP备2020000009号", nature="government", accounts=[p],
                 province="北京", sites=[("gov-site.gov.cn", "京ICP备2020000009号-1", [p])]),
    ])


# (subject or None, domain, row id, outcome, {provider: filing type}, blocked code, a warning expected?)
CASES = [
    (None, "fresh.com", "first", "file", {"tencent": "first", "aliyun": "first"}, None, False),
    (None, "www.here.com", "first-domain-taken", "blocked", {}, "domain-filed-by-other-subject", False),
    ("NEVER", "fresh.cn", "first", "file", {"tencent": "first", "aliyun": "first"}, None, False),
    ("NEVER", "else.com", "first-domain-taken", "blocked", {}, "domain-filed-by-other-subject", False),
    ("HERE", "fresh.com", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, False),
    ("ELSEWHERE", "fresh.com", "add-site-external", "file",
     {"tencent": "add-site-external", "aliyun": "add-site-external"}, None, False),
    ("ELSEWHERE", "https://www.else.com/", "access", "file", {"tencent": "access", "aliyun": "access"}, None, False),
    ("HERE", "away.com", "one-click-access", "file", {"tencent": "one-click-access", "aliyun": "access"}, None,
     False),
    ("HERE", "blog.here.com", "already-filed", "already-filed", {}, None, False),
    ("HERE", "else.com", "domain-conflict", "blocked", {}, "domain-filed-by-other-subject", False),
    ("ELSEWHERE", "here.com", "domain-conflict", "blocked", {}, "domain-filed-by-other-subject", False),
    ("OTHER-ACCOUNT", "fresh.com", "subject-in-other-account", "blocked", {}, "subject-in-other-account", False),
    ("SHELL", "fresh.com", "shell-subject", "blocked", {}, "shell-subject", False),
    ("SHELL", "shell.com", "shell-subject", "blocked", {}, "shell-subject", False),
    ("SHELL-NO-SITES", "fresh.com", "shell-subject", "blocked", {}, "shell-subject", False),
    ("HERE", "example.io", "tld-not-approved", "blocked", {}, "tld-not-approved", False),
    (None, "example.me", "tld-not-approved", "blocked", {}, "tld-not-approved", False),
    (None, "example.org", "tld-not-approved", "blocked", {}, "tld-not-approved", False),
    (None, "example.de", "tld-not-approved", "blocked", {}, "tld-not-approved", False),  # foreign ccTLD
    (None, "example.co.uk", "tld-not-approved", "blocked", {}, "tld-not-approved", False),
    ("NEVER", "example.asia", "tld-not-approved", "blocked", {}, "tld-not-approved", False),  # Beijing overlay
    ("HERE", "example.asia", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, False),
    ("NEVER", "example.tel", "first", "file", {"tencent": "first", "aliyun": "first"}, None, False),  # Beijing list
    ("HERE", "example.tel", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, True),  # unknown
    ("NEVER", "example.bio", "first", "file", {"tencent": "first", "aliyun": "first"}, None, True),  # not on Beijing's
    ("HERE", "example.xyzzy", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, True),
    ("HERE", "example.gov.cn", "nature-not-allowed", "blocked", {}, "nature-not-allowed", False),
    ("HERE", "例子.政务", "nature-not-allowed", "blocked", {}, "nature-not-allowed", False),
    ("NEVER", "例子.公益", "nature-not-allowed", "blocked", {}, "nature-not-allowed", False),
    ("GOV", "new.gov.cn", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, False),
    ("GOV", "www.gov-site.gov.cn", "already-filed", "already-filed", {}, None, False),
    ("HERE", "example.edu.cn", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, True),  # L
    (None, "example.gov.cn", "first", "file", {"tencent": "first", "aliyun": "first"}, None, True),  # nature unknown
    ("HERE", "例子.中国", "add-site", "file", {"tencent": "add-site", "aliyun": "add-site"}, None, False),
]


def _decide(provider, subject_name, domain):
    hist = history_for(provider)
    subj = hist.find_subject(subject_name) if subject_name else None
    if subject_name:
        assert subj is not None
    return ft.decide(analyse(domain), hist, subj, provider)


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("subject", "domain", "row", "outcome", "types", "code", "warns"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_decision_table(provider, subject, domain, row, outcome, types, code, warns):
    d = _decide(provider, subject, domain)
    assert d.row == row
    assert d.outcome == outcome
    assert d.provider == provider
    assert d.filing_type == types.get(provider)
    if d.filing_type:
        name = providers.get(provider).type_name(d.filing_type)
        assert d.filing_type_name == name and name.zh and name.en
    else:
        assert d.filing_type_name is None
    if code:
        assert d.blocked is not None and d.blocked.code == code
        assert d.blocked.reason.zh and d.blocked.reason.en and d.blocked.todo.zh and d.blocked.todo.en
        assert "{" not in d.blocked.reason.en + d.blocked.todo.en + d.blocked.reason.zh + d.blocked.todo.zh
    else:
        assert d.blocked is None
    assert bool(d.warnings) == warns
    assert d.trace and d.trace[-1].en.startswith("→") and d.trace[-1].zh.startswith("→")
    for m in [*d.trace, *d.next_steps, *d.warnings]:
        assert m.zh and m.en and "{" not in m.zh + m.en


def test_every_row_is_exercised_by_the_cases():
    assert {c[2] for c in CASES} == {r.id for r in ft.TABLE}


def test_every_combination_of_facts_meets_a_row():
    for values in itertools.product([False, True], repeat=len(ft.FACTS)):
        facts = dict(zip(ft.FACTS, values, strict=True))
        assert ft.match(facts).id


def test_rows_only_use_known_facts_and_outcomes():
    for r in ft.TABLE:
        assert set(r.when) <= set(ft.FACTS), r.id
        assert r.outcome in (ft.FILE, ft.ALREADY_FILED, ft.BLOCKED)
        assert (r.filing_type is not None) == (r.outcome == ft.FILE), r.id
        assert (r.code is not None) == (r.outcome == ft.BLOCKED), r.id
        assert r.filing_type is None or r.filing_type in FILING_TYPES


def test_already_filed_next_steps_are_change_and_cancel():
    d = _decide("tencent", "HERE", "here.com")
    text = " ".join(m.zh for m in d.next_steps)
    for name in ("变更网站", "变更主体", "注销网站", "取消接入"):
        assert name in text
    d = _decide("aliyun", "HERE", "here.com")
    assert "注销互联网信息服务" in " ".join(m.zh for m in d.next_steps)


def test_aliyun_one_click_access_is_plain_access_and_the_trace_says_so():
    d = _decide("aliyun", "HERE", "away.com")
    assert d.filing_type == "access" and d.filing_type_name.zh == "新增接入"
    assert any("一键接入备案" in m.zh and "新增接入" in m.zh for m in d.trace)
    d = _decide("tencent", "HERE", "away.com")
    assert d.filing_type_name.zh == "一键接入备案"


def test_trace_names_the_facts_in_order():
    d = _decide("tencent", "HERE", "www.fresh.com")
    en = [m.en for m in d.trace]
    assert en[0].startswith("the registrable domain fresh.com") and "www" in en[0]
    assert ".com" in en[1]
    assert any("HERE is filed" in t for t in en)
    assert any("your Tencent Cloud account" in t for t in en)
    assert en[-1] == "→ filing type: Add website (existing filing at Tencent Cloud) (add-site, Tencent Cloud)"


def test_without_history_the_decision_is_first_and_says_it_assumed_so():
    d = ft.decide(analyse("example.com"), None, None, "tencent")
    assert (d.outcome, d.filing_type, d.row) == ("file", "first", "first")
    assert any("no history file" in m.en for m in d.trace)


def test_site_recorded_in_unicode_or_punycode_is_found():
    for stored in ("例子.中国", "xn--fsqu00a.xn--fiqs8s", "WWW.例子.中国"):
        hist = History(subjects=[_subject("A", "91440300MA5FQX124N", icp="粤ICP备2024000001号", accounts=["tencent"],
                                          sites=[(stored, "粤ICP备2024000001号-1", ["tencent"])])])
        d = ft.decide(analyse("xn--fsqu00a.xn--fiqs8s"), hist, hist.subjects[0], "tencent")
        assert d.outcome == "already-filed", stored


def test_unknown_provider_is_a_usage_error_listing_the_known_ones():
    with pytest.raises(UsageError) as err:
        ft.decide(analyse("example.com"), None, None, "nosuch")
    assert "tencent" in err.value.message.en and "aliyun" in err.value.message.en
    assert err.value.exit_code == 2


@pytest.mark.parametrize("provider", PROVIDERS)
def test_situations_table(provider):
    rows = ft.situations(provider)
    by_row = {s.row: s for s in rows}
    assert "tld-not-approved" not in by_row  # pre-checks are not "situations"
    assert by_row["first"].filing_type == "first"
    assert by_row["add-site"].filing_type == "add-site"
    assert by_row["one-click-access"].filing_type == ("one-click-access" if provider == "tencent" else "access")
    assert by_row["domain-conflict"].code == "domain-filed-by-other-subject"
    assert by_row["already-filed"].outcome == "already-filed"
    assert all(s.situation.zh and s.situation.en for s in rows)


# -- providers -------------------------------------------------------------------------------------------

def test_provider_profiles():
    assert providers.known() == ["tencent", "aliyun"]
    assert providers.default() == "tencent"
    assert providers.get(None).id == "tencent"
    t, a = providers.get("tencent"), providers.get("Aliyun")
    assert set(t.types) == set(FILING_TYPES)
    assert set(a.types) | set(a.substitute) == set(FILING_TYPES)
    assert not a.offers("one-click-access") and a.resolve("one-click-access") == "access"
    assert t.type_name("add-site").zh == "新增网站（原备案在腾讯云）"
    assert t.type_name("add-site-external").zh == "新增网站（原备案不在腾讯云）"
    assert a.type_name("add-site").zh == "有主体新增互联网信息服务"
    assert a.type_name("add-site-external").zh == "无主体新增互联网信息服务"
    assert providers.get("腾讯云").id == "tencent" and providers.get("alibaba").id == "aliyun"


def test_check_provider():
    assert providers.check_provider("tencent") == "tencent"
    assert providers.check_provider("Tencent:Agency") == "tencent:Agency"
    assert providers.check_provider("huawei") == "huawei"
    assert providers.split("aliyun:x") == ("aliyun", "x")
    with pytest.raises(UsageError) as err:
        providers.check_provider("nosuch")
    assert "huawei" in err.value.message.en
    with pytest.raises(UsageError):
        providers.get("huawei")  # known by name, but no profile for --provider
    assert providers.display_name("tencent:agency").zh == "腾讯云（账号 agency）"


# -- TLD data --------------------------------------------------------------------------------------------

def test_tld_data_has_provenance_per_group():
    t = tlds.tables()
    assert t.raw["source"] and t.raw["as_of"]
    for group in [*t.raw["approved"], *t.raw["not_approved"], *t.raw["reserved"]]:
        assert group["source"] and group["as_of"] and group["confidence"], group.get("id")
    assert not set(t.approved) & set(t.not_approved)


def test_tld_punycode_table_matches_idna():
    table = tlds.punycode_table()
    assert table["中国"] == "xn--fiqs8s" and table["政务"] == "xn--zfr164b"
    for uni, asc in table.items():
        assert idna.encode(uni).decode() == asc
        assert uni in tlds.tables().approved


def test_every_approved_suffix_analyses_to_itself():
    for suffix in tlds.tables().approved:
        info = analyse("beiancli-test." + suffix)
        assert info.suffix == suffix or info.tld == suffix.rsplit(".", 1)[-1], suffix


@pytest.mark.parametrize(
    ("domain", "status"),
    [("example.com", "approved"), ("example.com.cn", "approved"), ("例子.中国", "approved"),
     ("xn--fsqu00a.xn--fiqs8s", "approved"), ("example.games", "approved"), ("example.io", "not-approved"),
     ("example.hk", "not-approved"), ("example.cyou", "unknown"), ("example.tel", "unknown")],
)
def test_tld_status(domain, status):
    st = tlds.status(analyse(domain))
    assert st.status == status
    assert st.reason.zh and st.reason.en and st.source and st.as_of
    assert st.approved is {"approved": True, "not-approved": False, "unknown": None}[status]


def test_newer_tld_file_from_data_dir(tmp_path, monkeypatch):
    from beiancli.rules import data

    text = data.path_of("tlds").read_text(encoding="utf-8").replace('"fans", "tv", "cc",', '"fans", "tv", "cc", "cyou",')
    (tmp_path / "tlds.toml").write_text(text, encoding="utf-8")
    data.set_override_dir(tmp_path)
    assert tlds.status(analyse("example.cyou")).status == "approved"


# -- process ---------------------------------------------------------------------------------------------

def test_process_steps_and_province_limit():
    steps = process.steps()
    ids = [s.id for s in steps]
    assert ids[:3] == ["verify", "fill", "provider-review"] and ids[-1] == "approved"
    bureau = {s.id: s for s in steps}["bureau-review"]
    assert bureau.max_wd == 20 and "20" in bureau.duration().en
    zj = {s.id: s for s in process.steps("浙江")}["bureau-review"]
    assert zj.max_wd == 30 and "Zhejiang" in zj.duration().en and "浙江" in zj.duration().zh
    sms = {s.id: s for s in steps}["sms"]
    assert sms.hours == 24 and sms.deadline and "24" in sms.duration().zh
