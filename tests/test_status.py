"""`beian status`: deadlines (rules/deadlines.py) and the command (commands/status.py).

Every test pins the clock (`now` argument, `--now` or BEIAN_NOW) and isolates the data directory with
BEIAN_HOME; drafts are built with models.Draft and saved with store.save_draft.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from beiancli import calendar, cli, store
from beiancli.clock import CHINA_TZ
from beiancli.models import (
    DomainFacts,
    Draft,
    History,
    HistorySite,
    HistorySubject,
    Lifecycle,
    Person,
    Subject,
    Transition,
    Website,
)
from beiancli.rules import deadlines

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drafts"


def at(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)


def make_draft(
    steps: list[tuple[str, str]] = (),
    *,
    province: str | None = "广东",
    filing_type: str = "first",
    cert_number: str = "91440300MA5FXXXXXM",
    domain: str = "example.com",
    **kw,
) -> Draft:
    transitions = [Transition(state=s, at=at(t)) for s, t in steps]
    life = Lifecycle(state=transitions[-1].state, transitions=transitions) if transitions else Lifecycle()
    subject = kw.pop("subject", None) or Subject(
        name="深圳市示例科技有限公司",
        nature="enterprise",
        cert_type="uscc",
        cert_number=cert_number,
        principal=Person(name="张三", mobile="13812345678"),
    )
    websites = kw.pop("websites", None) or [Website(name="示例网", domains=[DomainFacts(name=domain)])]
    return Draft(
        filing_type=filing_type, province=province, subject=subject, websites=websites, lifecycle=life, **kw
    )


@pytest.fixture
def home(beian_home):
    """The isolated data directory of conftest.py (BEIAN_HOME); the cwd is a fresh directory."""
    return beian_home


def save(name: str, draft: Draft) -> Path:
    return store.save_draft(draft, store.draft_path(name))


def beian(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.run(["status", *args])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def beian_json(capsys, *args: str) -> tuple[int, dict]:
    rc, out, _ = beian(capsys, *args, "--json", "--lang", "en")
    return rc, json.loads(out)


def codes(st) -> set[str]:
    return {a.code for a in st.alerts}


# -- the SMS window: 24 natural hours, a hard deadline ---------------------------------------------

SMS = [
    ("provider-review", "2026-09-21 10:00"),
    ("awaiting-bureau", "2026-09-22 10:00"),
    ("sms-pending", "2026-09-24 10:00"),
]


def test_sms_window_is_24_hours():
    d = make_draft(SMS)
    st = deadlines.status(d, at("2026-09-24 12:00"))
    assert st.deadline.at == at("2026-09-25 10:00")
    assert st.deadline.kind == "hard"
    assert st.remaining == deadlines.Remaining(22, "hours", False)
    assert codes(st) == set()


def test_sms_window_closing_warning_under_6_hours():
    d = make_draft(SMS)
    assert "sms-closing" not in codes(deadlines.status(d, at("2026-09-25 03:59")))
    st = deadlines.status(d, at("2026-09-25 04:01"))
    assert "sms-closing" in codes(st)
    assert deadlines.describe(st.remaining, "en") == "in 5 h"


def test_sms_window_missed():
    st = deadlines.status(make_draft(SMS), at("2026-09-25 12:00"))
    assert st.overdue and st.remaining == deadlines.Remaining(2, "hours", True)
    assert deadlines.describe(st.remaining, "en") == "overdue by 2 h"
    assert "sms-missed" in codes(st)


def test_sms_window_ignores_holidays():
    # Natural time (§13): the evening before National Day still has 24 hours, holiday or not.
    d = make_draft(
        [
            ("provider-review", "2026-09-28 10:00"),
            ("awaiting-bureau", "2026-09-29 10:00"),
            ("sms-pending", "2026-09-30 20:00"),
        ]
    )
    assert deadlines.status(d, at("2026-10-01 08:00")).deadline.at == at("2026-10-01 20:00")


# -- bureau review: 20 working days, Zhejiang 30 ---------------------------------------------------

BUREAU = [*SMS[:2], ("sms-pending", "2026-09-24 10:00"), ("bureau-review", "2026-09-25 09:00")]


@pytest.mark.parametrize(
    ("province", "due", "limit"),
    [("广东", "2026-10-30", 20), ("浙江", "2026-11-13", 30), ("Zhejiang", "2026-11-13", 30)],
)
def test_bureau_limit_by_province(province, due, limit):
    st = deadlines.status(make_draft(BUREAU, province=province), at("2026-10-12 09:00"))
    assert st.deadline.date == dt.date.fromisoformat(due)
    assert st.deadline.kind == "estimate" and st.deadline.official
    assert f"{limit} working days" in st.deadline.basis.en


def test_bureau_deadline_passed_says_what_to_do():
    d = make_draft(BUREAU, province="广东")
    assert "bureau-overdue" not in codes(deadlines.status(d, at("2026-10-30 23:59")))
    st = deadlines.status(d, at("2026-11-02 09:00"))
    assert st.overdue and st.remaining == deadlines.Remaining(1, "workdays", True)
    alert = next(a for a in st.alerts if a.code == "bureau-overdue")
    assert "beian.miit.gov.cn" in alert.msg.en and "beian.miit.gov.cn" in alert.msg.zh
    # the same date is not yet overdue in Zhejiang
    assert "bureau-overdue" not in codes(
        deadlines.status(make_draft(BUREAU, province="浙江"), at("2026-11-02 09:00"))
    )


def test_bureau_unknown_province_assumes_20_days():
    st = deadlines.status(make_draft(BUREAU, province=None), at("2026-10-12 09:00"))
    assert st.deadline.date == dt.date(2026, 10, 30)
    assert "province-unknown" in codes(st)


def test_working_days_left_counts_the_official_calendar():
    # From Friday 10-09 to 10-30: 10-10 (make-up Saturday) .. 10-30 = 16 working days.
    st = deadlines.status(make_draft(BUREAU), at("2026-10-09 12:00"))
    assert st.remaining == deadlines.Remaining(16, "workdays", False)
    assert deadlines.describe(st.remaining, "en") == "in 16 working days"
    assert deadlines.describe(deadlines.Remaining(0, "workdays", False), "en") == "due today"


def test_unofficial_year_is_flagged(monkeypatch):
    monkeypatch.setattr(calendar, "known_years", lambda: range(2004, 2027))
    d = make_draft([*BUREAU[:3], ("bureau-review", "2026-12-18 09:00")])
    st = deadlines.status(d, at("2026-12-20 09:00"))
    assert st.deadline.date == dt.date(2027, 1, 15)
    assert not st.official and "unofficial-calendar" in codes(st)


def test_provider_review_window():
    st = deadlines.status(make_draft(SMS[:1]), at("2026-09-21 11:00"))
    assert (st.deadline.earliest, st.deadline.date) == (dt.date(2026, 9, 22), dt.date(2026, 9, 23))
    late = deadlines.status(make_draft(SMS[:1]), at("2026-09-24 09:00"))
    assert "provider-review-overdue" in codes(late)


# -- idle clocks: 45 natural days, warning after 35 ------------------------------------------------


@pytest.mark.parametrize(
    "steps",
    [
        [("draft", "2026-08-01 10:00")],
        [("provider-review", "2026-07-31 10:00"), ("provider-rejected", "2026-08-01 10:00")],
        [*BUREAU[:4], ("bureau-rejected", "2026-08-01 10:00")],
    ],
    ids=["draft", "provider-rejected", "bureau-rejected"],
)
def test_idle_warnings(steps):
    if steps[-1][0] == "bureau-rejected":
        steps = [
            ("provider-review", "2026-07-20 10:00"),
            ("awaiting-bureau", "2026-07-21 10:00"),
            ("sms-pending", "2026-07-22 10:00"),
            ("bureau-review", "2026-07-22 12:00"),
            steps[-1],
        ]
    d = make_draft(steps)
    assert deadlines.status(d, at("2026-09-04 10:00")).deadline.at == at("2026-09-15 10:00")
    assert "idle" not in codes(deadlines.status(d, at("2026-09-04 09:00")))  # 34 days
    st = deadlines.status(d, at("2026-09-06 10:00"))  # 36 days
    assert "idle" in codes(st) and "36 of 45 days" in next(a.msg.en for a in st.alerts if a.code == "idle")
    late = deadlines.status(d, at("2026-09-16 10:00"))
    assert "idle-lapsed" in codes(late) and late.overdue


def test_draft_without_history_has_no_clock():
    st = deadlines.status(make_draft(), at("2026-09-16 10:00"))
    assert st.deadline is None and st.since is None and st.alerts == ()


# -- expiring IDs and domains ----------------------------------------------------------------------


def test_expiry_warnings():
    # "fewer than 90 days left" (ids.check_validity, used by the lint rules too): on 2026-10-01,
    # 2026-12-29 is 89 days away (warned), 2026-12-30 is 90 (not).
    now = at("2026-10-01 10:00")
    subject = Subject(name="某公司", principal=Person(name="张三", cert_valid_until=dt.date(2026, 12, 29)))
    sites = [
        Website(
            domains=[
                DomainFacts(name="a.cn", expiry_date=dt.date(2026, 12, 29)),
                DomainFacts(name="b.cn", expiry_date=dt.date(2026, 12, 30)),
                DomainFacts(name="old.cn", expiry_date=dt.date(2026, 9, 30)),
            ],
            principal=Person(name="李四", cert_valid_until=dt.date(2026, 9, 30)),
        ),
        Website(
            domains=[DomainFacts(name="c.cn")],
            principal=Person(name="王五", cert_valid_until=dt.date(2026, 10, 2), cert_long_term=True),
        ),
        Website(principal=Person(name="赵六", cert_valid_until=dt.date(2026, 12, 30))),
    ]
    st = deadlines.status(make_draft(subject=subject, websites=sites), now)
    got = sorted(
        (a.code, a.severity, a.msg.en.split(" ")[0 if a.code.startswith("id") else 1]) for a in st.alerts
    )
    assert got == [
        ("domain-expired", "error", "old.cn"),
        ("domain-expiring", "warning", "a.cn"),
        ("id-expired", "error", "李四"),
        ("id-expiring", "warning", "张三"),
    ]
    zhang = next(a for a in st.alerts if a.code == "id-expiring")
    assert "subject.principal" in zhang.msg.en and "89 days" in zhang.msg.en
    # finished filings do not nag
    done = make_draft(
        [("draft", "2026-01-01 10:00"), ("lapsed", "2026-03-01 10:00")], subject=subject, websites=sites
    )
    assert deadlines.status(done, now).alerts == ()


# -- the command -----------------------------------------------------------------------------------


def test_table_json_sorted_by_urgency(home, capsys):
    save(
        "finished", make_draft([*BUREAU, ("approved", "2026-10-20 10:00")], cert_number="91440300MA5F00001X")
    )
    save("bureau", make_draft(BUREAU, cert_number="91440300MA5F00002X"))
    save("sms", make_draft(SMS, cert_number="91440300MA5F00003X"))
    save("fresh", make_draft(cert_number="91440300MA5F00004X"))
    save("idle", make_draft([("draft", "2026-08-20 10:00")], cert_number="91440300MA5F00005X"))
    store.draft_path("broken").write_text('filing_type = "first"\nprovince = [\n', encoding="utf-8")
    rc, data = beian_json(capsys, "--now", "2026-09-25 05:00")
    assert rc == 3  # one unreadable draft
    assert data["now"] == "2026-09-25T05:00:00+08:00"
    assert [r["name"] for r in data["drafts"]] == ["broken", "sms", "idle", "bureau", "fresh", "finished"]
    broken, sms = data["drafts"][0], data["drafts"][1]
    assert broken["ok"] is False and "TOML" in broken["error"]
    assert sms["state"] == "sms-pending" and sms["state_label"] == "MIIT SMS check"
    assert sms["deadline"]["at"] == "2026-09-25T10:00:00+08:00"
    assert sms["deadline"]["remaining"] == {"value": 5, "unit": "hours", "overdue": False}
    assert sms["deadline"]["text"] == "in 5 h"
    assert [w["code"] for w in sms["warnings"]] == ["sms-closing"]
    assert sms["domains"] == ["example.com"] and sms["official"] is True
    assert {"name", "path", "filing_type", "since", "next_action", "deadline", "warnings"} <= set(sms)


def test_table_text(home, capsys):
    save("sms", make_draft(SMS))
    store.draft_path("broken").write_text("not toml at all = = =\n", encoding="utf-8")
    rc, out, _ = beian(capsys, "--now", "2026-09-25 05:00", "--lang", "en")
    assert rc == 3
    assert "sms" in out and "MIIT SMS check" in out and "in 5 h" in out and "broken" in out
    assert "unreadable" in out


def test_table_json_now_from_env(home, capsys, monkeypatch):
    save("sms", make_draft(SMS))
    monkeypatch.setenv("BEIAN_NOW", "2026-09-25T12:00+08:00")
    rc, data = beian_json(capsys)
    assert rc == 0
    assert data["drafts"][0]["deadline"]["text"] == "overdue by 2 h"
    assert "sms-missed" in [w["code"] for w in data["drafts"][0]["warnings"]]


def test_one_order_in_flight_per_subject(home, capsys):
    save("a", make_draft(SMS))
    save("b", make_draft(SMS[:1]))
    _, data = beian_json(capsys, "--now", "2026-09-24 12:00")
    warned = {r["name"]: [w["code"] for w in r["warnings"]] for r in data["drafts"]}
    assert "subject-in-flight" in warned["a"] and "subject-in-flight" in warned["b"]


def test_extra_directory(home, capsys, tmp_path):
    other = tmp_path / "clients"
    other.mkdir()
    store.save_draft(make_draft(SMS), other / "acme.toml")
    rc, data = beian_json(capsys, "--now", "2026-09-24 12:00", "--dir", str(other))
    assert rc == 0 and [r["name"] for r in data["drafts"]] == ["acme"]


def test_zhejiang_through_the_command(home, capsys):
    save("zj", make_draft(BUREAU, province="浙江"))
    save("gd", make_draft(BUREAU, province="广东", cert_number="91440300MA5F00009X"))
    _, data = beian_json(capsys, "--now", "2026-11-02 09:00")
    rows = {r["name"]: r for r in data["drafts"]}
    assert (
        rows["zj"]["deadline"]["date"] == "2026-11-13"
        and rows["zj"]["deadline"]["remaining"]["overdue"] is False
    )
    assert (
        rows["gd"]["deadline"]["date"] == "2026-10-30"
        and rows["gd"]["deadline"]["remaining"]["overdue"] is True
    )
    assert "bureau-overdue" in [w["code"] for w in rows["gd"]["warnings"]]
    assert [r["name"] for r in data["drafts"]] == ["gd", "zj"]


def test_walk_a_filing_to_approval_updates_history(home, capsys):
    path = save("shop", make_draft())
    steps = [
        ("provider-review", "2026-09-21 10:00"),
        ("awaiting-bureau", "2026-09-22 10:00"),
        ("sms-pending", "2026-09-24 10:00"),
        ("bureau-review", "2026-09-24 18:00"),
    ]
    for state, when in steps:
        rc, _, err = beian(capsys, "shop", "--set", state, "--at", when, "--now", "2026-10-20 10:00")
        assert rc == 0, err
    # no number: refused, nothing written
    rc, _, err = beian(capsys, "shop", "--set", "approved", "--now", "2026-10-20 10:00", "--lang", "en")
    assert rc == 2 and "--icp-number" in err
    # a number from the wrong province: refused
    rc, _, err = beian(
        capsys,
        "shop",
        "--set",
        "approved",
        "--icp-number",
        "浙ICP备2026000123号-1",
        "--now",
        "2026-10-20 10:00",
        "--lang",
        "en",
    )
    assert rc == 2 and "广东" in err
    assert store.load_draft(path).lifecycle.state == "bureau-review"
    assert not (home / "history.toml").exists()
    rc, data = beian_json(
        capsys,
        "shop",
        "--set",
        "approved",
        "--icp-number",
        "粤ICP备2026000123号-1",
        "--note",
        "bureau SMS",
        "--now",
        "2026-10-20 10:00",
    )
    assert rc == 0
    assert data["transition"] == {
        "from": "bureau-review",
        "state": "approved",
        "at": "2026-10-20T10:00:00+08:00",
        "note": "bureau SMS",
        "icp_number": "粤ICP备2026000123号-1",
    }
    saved = store.load_draft(path)
    assert saved.lifecycle.state == "approved" and len(saved.lifecycle.transitions) == 5
    history = store.load_history(home / "history.toml")
    subj = history.find_subject("91440300MA5FXXXXXM")
    assert subj.icp_number == "粤ICP备2026000123号" and subj.nature == "enterprise"
    assert [(s.domain, s.site_number, s.providers) for s in subj.sites] == [
        ("example.com", "粤ICP备2026000123号-1", ["tencent"])
    ]


def test_approval_of_add_site_updates_the_known_subject(home, capsys, monkeypatch):
    hist_path = home / "elsewhere" / "history.toml"
    store.save_history(
        History(
            subjects=[
                HistorySubject(
                    name="深圳市示例科技有限公司",
                    nature="enterprise",
                    cert_type="uscc",
                    cert_number="91440300MA5FXXXXXM",
                    province="广东",
                    icp_number="粤ICP备2020000001号",
                    sites=[
                        HistorySite(
                            domain="old.cn", site_number="粤ICP备2020000001号-1", providers=["tencent"]
                        )
                    ],
                )
            ]
        ),
        hist_path,
    )
    save(
        "more",
        make_draft(
            BUREAU,
            filing_type="add-site",
            domain="new.cn",
            subject=Subject(
                name="深圳市示例科技有限公司",
                cert_number="91440300MA5FXXXXXM",
                icp_number="粤ICP备2020000001号",
            ),
        ),
    )
    rc, _, err = beian(
        capsys,
        "more",
        "--set",
        "approved",
        "--icp-number",
        "粤ICP备2020000001号-2",
        "--history",
        str(hist_path),
        "--now",
        "2026-10-20 10:00",
    )
    assert rc == 0, err
    subj = store.load_history(hist_path).subjects[0]
    assert [(s.domain, s.site_number) for s in subj.sites] == [
        ("old.cn", "粤ICP备2020000001号-1"),
        ("new.cn", "粤ICP备2020000001号-2"),
    ]


def test_illegal_transition_lists_the_allowed_ones(home, capsys):
    path = save("sms", make_draft(SMS))
    before = path.read_bytes()
    rc, _, err = beian(
        capsys,
        "sms",
        "--set",
        "approved",
        "--icp-number",
        "粤ICP备2026000123号-1",
        "--now",
        "2026-09-24 12:00",
        "--lang",
        "en",
    )
    assert rc == 2
    assert "cannot go from sms-pending to approved" in err
    assert "bureau-review" in err and "sms-failed" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["sms", "--note", "x", "--now", "2026-09-24 12:00"], "only go with --set"),
        (["--set", "draft", "--now", "2026-09-24 12:00"], "needs a draft"),
        (
            ["sms", "--set", "sms-failed", "--at", "2026-09-30 10:00", "--now", "2026-09-24 12:00"],
            "later than now",
        ),
        (["sms", "--set", "sms-failed", "--at", "yesterday", "--now", "2026-09-24 12:00"], "not a date-time"),
        (["--now", "soon"], "not a date-time"),
    ],
)
def test_bad_flags(home, capsys, args, fragment):
    path = save("sms", make_draft(SMS))
    before = path.read_bytes()
    rc, _, err = beian(capsys, *args, "--lang", "en")
    assert rc == 2 and fragment in err
    assert path.read_bytes() == before


def test_unreadable_named_draft_exits_3(home, capsys):
    rc, _, err = beian(capsys, "missing", "--now", "2026-09-24 12:00", "--lang", "en")
    assert rc == 3 and "not found" in err
    store.draft_path("bad").parent.mkdir(parents=True, exist_ok=True)
    store.draft_path("bad").write_text('filing_type = "nope"\n', encoding="utf-8")
    rc, _, err = beian(capsys, "bad", "--set", "provider-review", "--now", "2026-09-24 12:00")
    assert rc == 3


def test_history_of_one_filing(home, capsys):
    save(
        "late",
        make_draft(
            [
                *SMS,
                ("sms-failed", "2026-09-25 11:00"),
                ("sms-pending", "2026-09-26 11:00"),
                ("bureau-review", "2026-09-26 15:00"),
            ]
        ),
    )
    rc, data = beian_json(capsys, "late", "--now", "2026-10-12 09:00")
    assert rc == 0
    rows = data["transitions"]
    assert [r["state"] for r in rows] == [
        "provider-review",
        "awaiting-bureau",
        "sms-pending",
        "sms-failed",
        "sms-pending",
        "bureau-review",
    ]
    assert [r["met"] for r in rows] == [True, True, False, True, True, None]
    assert rows[2]["deadline"]["at"] == "2026-09-25T10:00:00+08:00"
    assert rows[5]["deadline"]["date"] == "2026-10-30"
    rc, out, _ = beian(capsys, "late", "--now", "2026-10-12 09:00", "--lang", "en")
    assert rc == 0 and "late" in out and "in time" in out and "Bureau review" in out


def test_personal_data_is_masked(home, capsys):
    save("sms", make_draft(SMS))
    rc, _, _ = beian(
        capsys, "sms", "--set", "sms-failed", "--note", "call 13812345678 back", "--now", "2026-09-25 12:00"
    )
    assert rc == 0
    rc, data = beian_json(capsys, "sms", "--now", "2026-09-25 12:00")
    assert "13812345678" not in json.dumps(data, ensure_ascii=False)
    assert data["transitions"][-1]["note"] == "call 138****5678 back"
    assert "13812345678" in store.draft_path("sms").read_text(encoding="utf-8")  # the file keeps it


# -- the example drafts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "state", "code"),
    [
        ("status-sms-pending", "sms-pending", "sms-closing"),
        ("status-zhejiang-bureau-review", "bureau-review", None),
        ("status-approved", "approved", None),
        ("status-provider-rejected-idle", "provider-rejected", "idle"),
    ],
)
def test_example_drafts(name, state, code):
    draft = store.load_draft(EXAMPLES / f"{name}.toml")
    st = deadlines.status(draft, at("2026-11-12 18:00"))
    assert st.state == state
    if code:
        assert code in codes(st)


def test_a_draft_file_name_with_an_escape_code_is_shown_escaped(home, capsys, tmp_path):
    other = tmp_path / "clients"
    other.mkdir()
    store.save_draft(make_draft(SMS), other / "a\x1b[2J.toml")
    rc, out, err = beian(capsys, "--now", "2026-09-24 12:00", "--dir", str(other), "--lang", "en")
    assert rc == 0
    assert "\x1b" not in out + err and "a\\x1b[2J" in out
