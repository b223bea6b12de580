"""The lifecycle state machine (rules/lifecycle.py + rules/data/lifecycle.toml) against icp-filing.md §2.2.

`EXPECTED` is written by hand from §2.2's "Leaves to" column (plus the diagram's "45 days idle at any user
step -> lapsed" and §2.4's "after first review passed: only give up"), so a wrong data file fails here.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from beiancli.clock import CHINA_TZ
from beiancli.errors import EXIT_USAGE, UsageError
from beiancli.models import (
    STATES,
    DomainFacts,
    Draft,
    History,
    HistorySite,
    HistorySubject,
    Lifecycle,
    Subject,
    Website,
)
from beiancli.rules import lifecycle as lc

EXPECTED: dict[str, set[str]] = {
    "draft": {"provider-review", "withdrawn", "lapsed"},
    "provider-review": {"awaiting-bureau", "provider-rejected", "withdrawn"},
    "provider-rejected": {"provider-review", "abandoned", "lapsed"},
    "awaiting-bureau": {"sms-pending", "abandoned"},
    "sms-pending": {"bureau-review", "sms-failed"},
    "sms-failed": {"sms-pending", "provider-rejected"},
    "bureau-review": {"approved", "bureau-rejected"},
    "bureau-rejected": {"provider-review", "abandoned", "lapsed"},
    "approved": set(),
    "withdrawn": {"draft"},
    "abandoned": set(),
    "lapsed": set(),
}
TERMINAL = {"approved", "abandoned", "lapsed"}
IN_FLIGHT = {
    "provider-review",
    "provider-rejected",
    "awaiting-bureau",
    "sms-pending",
    "sms-failed",
    "bureau-review",
    "bureau-rejected",
}
CLOCKS = {
    "draft": "idle",
    "provider-review": "step",
    "provider-rejected": "idle",
    "awaiting-bureau": "step",
    "sms-pending": "step",
    "sms-failed": "repush",
    "bureau-review": "step",
    "bureau-rejected": "idle",
    "approved": "",
    "withdrawn": "",
    "abandoned": "",
    "lapsed": "",
}
T0 = dt.datetime(2026, 9, 1, 9, 0, tzinfo=CHINA_TZ)


def path_to(target: str) -> list[str]:
    """The shortest sequence of states from draft to `target`, over the hand-written table."""
    prev: dict[str, str | None] = {"draft": None}
    queue = deque(["draft"])
    while queue:
        s = queue.popleft()
        for t in sorted(EXPECTED[s]):
            if t not in prev:
                prev[t] = s
                queue.append(t)
    assert target in prev, f"{target} is unreachable from draft"
    seq = []
    node: str | None = target
    while node is not None and node != "draft":
        seq.append(node)
        node = prev[node]
    return list(reversed(seq))


def lifecycle_in(state: str) -> Lifecycle:
    """A lifecycle that got to `state` from a recorded draft (an empty history is tested on its own)."""
    life = lc.transition(Lifecycle(), "draft", T0 - dt.timedelta(hours=1))
    for i, s in enumerate(path_to(state)):
        life = lc.transition(
            life,
            s,
            T0 + dt.timedelta(hours=i),
            note=None,
            icp_number="粤ICP备2026000123号-1" if s == "approved" else None,
            province="广东",
        )
    assert life.state == state
    return life


def test_data_covers_models_states():
    assert tuple(lc.states()) == STATES


def test_data_transitions_match_section_2_2():
    assert {s: set(info.to) for s, info in lc.states().items()} == EXPECTED


def test_terminal_in_flight_and_clocks_match_section_2_2():
    assert {s for s, i in lc.states().items() if i.terminal} == TERMINAL
    assert {s for s, i in lc.states().items() if i.in_flight} == IN_FLIGHT
    assert {s: i.clock for s, i in lc.states().items()} == CLOCKS
    assert lc.state("bureau-review").province_limit
    assert lc.state("sms-pending").step == "sms"


def test_every_state_has_labels_and_a_next_action():
    for info in lc.states().values():
        assert info.label.zh and info.label.en
        assert info.next_action.zh and info.next_action.en
        assert {"tencent", "huawei"} <= set(info.providers)
        if info.clock:
            assert info.overdue is not None and info.overdue.zh and info.overdue.en, info.id


def test_provider_labels_from_section_2_2():
    assert lc.state("provider-review").providers["tencent"] == "腾讯云初审"
    assert lc.state("awaiting-bureau").providers["tencent"] == "等待提交管局"
    assert lc.state("sms-pending").providers["tencent"] == "工信部短信核验"
    assert lc.state("bureau-rejected").providers["huawei"] == "管局驳回"


@pytest.mark.parametrize("src", STATES)
def test_every_state_is_reachable_from_draft(src):
    assert path_to(src) or src == "draft"


# Generated from the data table: every listed move succeeds.
@pytest.mark.parametrize(("src", "dst"), [(s, t) for s, i in lc.states().items() for t in i.to])
def test_allowed_transition_from_data(src, dst):
    life = lifecycle_in(src)
    at = T0 + dt.timedelta(days=3)
    number = "粤ICP备2026000123号-1" if dst == "approved" else None
    new = lc.transition(life, dst, at, note="n", icp_number=number, province="广东")
    assert new.state == dst
    assert new.transitions[-1].at == at
    assert len(new.transitions) == len(life.transitions) + 1
    assert life.state == src  # the input is not modified


# Hand-written expectations: every pair of states, allowed or refused.
@pytest.mark.parametrize(("src", "dst"), [(s, t) for s in STATES for t in STATES])
def test_every_pair_against_the_hand_table(src, dst):
    life = lifecycle_in(src)
    at = T0 + dt.timedelta(days=3)
    number = "粤ICP备2026000123号-1" if dst == "approved" else None
    if dst in EXPECTED[src]:
        assert lc.transition(life, dst, at, icp_number=number, province="广东").state == dst
    else:
        with pytest.raises(lc.TransitionError) as err:
            lc.transition(life, dst, at, icp_number=number, province="广东")
        assert isinstance(err.value, UsageError) and err.value.exit_code == EXIT_USAGE
        assert set(err.value.allowed) == EXPECTED[src]
        text = err.value.message.en
        for allowed in EXPECTED[src]:
            assert allowed in text
        if not EXPECTED[src]:
            assert "final" in text


def test_unknown_state_lists_allowed():
    with pytest.raises(lc.TransitionError) as err:
        lc.transition(lifecycle_in("provider-review"), "approve", T0 + dt.timedelta(days=1))
    assert "unknown state 'approve'" in err.value.message.en
    assert set(err.value.allowed) == EXPECTED["provider-review"]


def test_initial_state_may_be_recorded_once():
    life = lc.transition(Lifecycle(), "draft", T0, note="order opened")
    assert life.state == "draft" and life.transitions[0].note == "order opened"
    with pytest.raises(lc.TransitionError):
        lc.transition(life, "draft", T0 + dt.timedelta(days=1))


def test_time_must_not_go_backwards():
    life = lifecycle_in("provider-review")
    with pytest.raises(lc.TransitionError, match="earlier"):
        lc.transition(life, "awaiting-bureau", T0 - dt.timedelta(minutes=1))


def test_naive_time_is_china_time():
    new = lc.transition(Lifecycle(), "provider-review", dt.datetime(2026, 9, 25, 10, 0))
    assert new.transitions[-1].at.utcoffset() == dt.timedelta(hours=8)


def test_icp_number_only_with_approved():
    with pytest.raises(lc.TransitionError, match="approved"):
        lc.transition(Lifecycle(), "provider-review", T0, icp_number="粤ICP备2026000123号-1")


@pytest.mark.parametrize(
    ("number", "province", "fragment"),
    [
        ("粤ICP备123号", "广东", "looks like"),
        ("京ICP证030173号", "北京", "licence"),
        ("粤公网安备44030502008569号", "广东", "public-security"),
        ("粤ICP备2026000123号-1", "浙江", "浙江"),
    ],
)
def test_bad_icp_number_on_approval(number, province, fragment):
    with pytest.raises(lc.TransitionError) as err:
        lc.transition(
            lifecycle_in("bureau-review"),
            "approved",
            T0 + dt.timedelta(days=30),
            icp_number=number,
            province=province,
        )
    assert fragment in err.value.message.en


def test_icp_number_is_normalised():
    new = lc.transition(
        lifecycle_in("bureau-review"),
        "approved",
        T0 + dt.timedelta(days=30),
        icp_number=" 浙icp备2026000123号－2 ",
        province="浙江",
    )
    assert new.transitions[-1].icp_number == "浙ICP备2026000123号-2"


def _draft(**kw) -> Draft:
    base = dict(
        filing_type="first",
        province="广东",
        subject=Subject(
            name="深圳市示例科技有限公司",
            nature="enterprise",
            cert_type="uscc",
            cert_number="91440300MA5FXXXXXM",
        ),
        websites=[Website(name="示例", domains=[DomainFacts(name="Example.COM")])],
        lifecycle=lifecycle_in("bureau-review"),
    )
    base.update(kw)
    return Draft(**base)


def test_record_requires_a_number_when_one_is_issued():
    with pytest.raises(lc.TransitionError, match="--icp-number"):
        lc.record(_draft(), "approved", T0 + dt.timedelta(days=30))
    # a change filing keeps its number: none needed
    changed = lc.record(_draft(filing_type="change-site"), "approved", T0 + dt.timedelta(days=30))
    assert changed.lifecycle.state == "approved"


def test_record_checks_the_subject_number():
    d = _draft(filing_type="add-site", subject=Subject(name="x", icp_number="粤ICP备2020000001号"))
    with pytest.raises(lc.TransitionError, match="does not belong"):
        lc.record(d, "approved", T0 + dt.timedelta(days=30), icp_number="粤ICP备2026000123号-1")
    ok = lc.record(d, "approved", T0 + dt.timedelta(days=30), icp_number="粤ICP备2020000001号-4")
    assert ok.lifecycle.transitions[-1].icp_number == "粤ICP备2020000001号-4"


def test_in_flight_conflicts_per_subject():
    a = _draft(lifecycle=lifecycle_in("sms-pending"))
    b = _draft(lifecycle=lifecycle_in("provider-review"))
    c = _draft(lifecycle=Lifecycle())  # not submitted: no order yet
    other = _draft(
        subject=Subject(name="别的公司", cert_number="91440300MA5FYYYYYY"),
        lifecycle=lifecycle_in("bureau-review"),
    )
    assert lc.in_flight_conflicts({"a": a, "b": b, "c": c, "o": other}) == {"a": ["b"], "b": ["a"]}


def _approved(draft: Draft, number: str | None) -> Draft:
    return lc.record(draft, "approved", T0 + dt.timedelta(days=30), icp_number=number)


def test_apply_approval_adds_subject_and_sites():
    history = History()
    notes = lc.apply_approval(history, _approved(_draft(), "粤ICP备2026000123号-1"))
    assert notes
    subj = history.find_subject("粤ICP备2026000123号")
    assert subj is not None and subj.cert_number == "91440300MA5FXXXXXM" and subj.province == "广东"
    assert [(s.domain, s.site_number, s.providers) for s in subj.sites] == [
        ("example.com", "粤ICP备2026000123号-1", ["tencent"])
    ]


def test_apply_approval_updates_an_existing_subject():
    history = History(
        subjects=[
            HistorySubject(
                name="深圳市示例科技有限公司",
                nature="enterprise",
                cert_type="uscc",
                cert_number="91440300MA5FXXXXXM",
                province="广东",
                icp_number="粤ICP备2020000001号",
                sites=[
                    HistorySite(domain="old.cn", site_number="粤ICP备2020000001号-1", providers=["aliyun"])
                ],
            )
        ]
    )
    d = _draft(filing_type="add-site", provider="tencent")
    lc.apply_approval(history, _approved(d, "粤ICP备2020000001号-2"))
    subj = history.subjects[0]
    assert len(history.subjects) == 1
    assert [(s.domain, s.site_number, s.providers) for s in subj.sites] == [
        ("old.cn", "粤ICP备2020000001号-1", ["aliyun"]),
        ("example.com", "粤ICP备2020000001号-2", ["tencent"]),
    ]


def test_apply_approval_of_cancellations():
    def hist() -> History:
        return History(
            subjects=[
                HistorySubject(
                    name="深圳市示例科技有限公司",
                    nature="enterprise",
                    cert_type="uscc",
                    cert_number="91440300MA5FXXXXXM",
                    icp_number="粤ICP备2020000001号",
                    sites=[
                        HistorySite(
                            domain="example.com",
                            site_number="粤ICP备2020000001号-1",
                            providers=["tencent", "aliyun"],
                        ),
                        HistorySite(
                            domain="other.cn", site_number="粤ICP备2020000001号-2", providers=["tencent"]
                        ),
                    ],
                )
            ]
        )

    h = hist()
    lc.apply_approval(h, _approved(_draft(filing_type="cancel-site"), None))
    assert [s.domain for s in h.subjects[0].sites] == ["other.cn"]
    h = hist()
    lc.apply_approval(h, _approved(_draft(filing_type="cancel-access"), None))
    assert [s.providers for s in h.subjects[0].sites] == [["aliyun"], ["tencent"]]
    h = hist()
    lc.apply_approval(h, _approved(_draft(filing_type="cancel-subject"), None))
    assert h.subjects == []


def test_apply_approval_refuses_an_incomplete_new_subject():
    d = _draft(subject=Subject(name="深圳市示例科技有限公司"))
    with pytest.raises(lc.TransitionError, match=r"subject\.nature"):
        lc.apply_approval(History(), _approved(d, "粤ICP备2026000123号-1"))
