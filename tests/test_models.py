"""The data model: round trips through TOML, the history contract of issue #2, JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from pydantic import ValidationError
from tests.factories import full_draft

from beiancli import store
from beiancli.models import Draft, History, json_schema, label_zh

HISTORY_CONTRACT = """\
schema_version = 1
[[subjects]]
name = "深圳市示例科技有限公司"
nature = "enterprise"            # enterprise, individual, government, institution, social-group, ...
cert_type = "uscc"
cert_number = "91440300MA5FXXXXXM"
province = "广东"
icp_number = "粤ICP备2024000001号"   # absent = the subject has never been filed
[[subjects.sites]]
domain = "example.com"
site_number = "粤ICP备2024000001号-1"
providers = ["tencent"]          # providers that give this site access today; [] = no access anywhere
"""


def test_draft_round_trip_is_identical(tmp_path):
    draft = full_draft()
    path = tmp_path / "d.toml"
    store.save_draft(draft, path)
    again = store.load_draft(path)
    assert again == draft
    assert again.model_dump() == draft.model_dump()
    text = path.read_text(encoding="utf-8")
    assert "深圳市示例科技有限公司" in text  # Chinese is written as text, not escapes
    assert "expiry_date = 2030-05-01" in text  # dates are TOML dates
    assert re.search(r"2026-09-25[T ]10:30:00\+08:00", text)  # offset datetimes stay datetimes


def test_round_trip_twice_gives_the_same_bytes(tmp_path):
    path = tmp_path / "d.toml"
    store.save_draft(full_draft(), path)
    first = path.read_bytes()
    store.save_draft(store.load_draft(path), path)
    assert path.read_bytes() == first


def test_minimal_draft_round_trip_keeps_identity_keys(tmp_path):
    path = tmp_path / "empty.toml"
    store.save_draft(Draft(), path)
    text = path.read_text()
    for key in ("schema_version = 1", 'filing_type = "first"', 'provider = "tencent"'):
        assert key in text
    assert store.load_draft(path) == Draft()


def test_history_contract_of_issue_2_loads_and_round_trips(tmp_path):
    path = tmp_path / "history.toml"
    path.write_text(HISTORY_CONTRACT, encoding="utf-8")
    history = store.load_history(path)
    subject = history.subjects[0]
    assert subject.icp_number == "粤ICP备2024000001号"
    assert subject.sites[0].providers == ["tencent"]
    assert subject.provider_accounts() == {"tencent"}
    store.save_history(history, path)
    assert store.load_history(path) == history


@pytest.mark.parametrize(
    "key",
    ["91440300MA5FXXXXXM", "91440300ma5fxxxxxm", "9144 0300 MA5F XXXX XM", "粤ICP备2024000001号", "深圳市示例科技有限公司"],
)
def test_find_subject_by_certificate_icp_number_or_name(tmp_path, key):
    path = tmp_path / "history.toml"
    path.write_text(HISTORY_CONTRACT, encoding="utf-8")
    assert store.load_history(path).find_subject(key).name == "深圳市示例科技有限公司"


def test_find_subject_does_not_match_partial_names(tmp_path):
    path = tmp_path / "history.toml"
    path.write_text(HISTORY_CONTRACT, encoding="utf-8")
    assert store.load_history(path).find_subject("示例科技") is None


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError) as info:
        Draft.model_validate({"subject": {"nmae": "x"}})
    assert info.value.errors()[0]["loc"] == ("subject", "nmae")


def test_filing_type_and_state_are_closed_sets():
    with pytest.raises(ValidationError):
        Draft.model_validate({"filing_type": "second"})
    with pytest.raises(ValidationError):
        Draft.model_validate({"lifecycle": {"state": "pending"}})


def test_lifecycle_state_must_match_the_last_transition():
    with pytest.raises(ValidationError, match="last transition"):
        Draft.model_validate(
            {"lifecycle": {"state": "approved", "transitions": [{"state": "provider-review", "at": "2026-09-25T10:00:00"}]}}
        )


def test_naive_transition_times_are_china_time():
    d = Draft.model_validate(
        {"lifecycle": {"state": "provider-review", "transitions": [{"state": "provider-review", "at": "2026-09-25T10:00:00"}]}}
    )
    at = d.lifecycle.transitions[0].at
    assert at.utcoffset() == dt.timedelta(hours=8)


def test_history_subjects_need_their_identity():
    with pytest.raises(ValidationError) as info:
        History.model_validate({"subjects": [{"name": "x"}]})
    missing = {e["loc"][-1] for e in info.value.errors()}
    assert {"nature", "cert_type", "cert_number"} <= missing


@pytest.mark.parametrize("kind", ["draft", "history"])
def test_json_schema_is_valid_json_with_the_models_fields(kind):
    schema = json_schema(kind)
    json.dumps(schema)
    assert schema["$schema"].startswith("https://json-schema.org/")
    props = schema["properties"]
    assert "schema_version" in props
    assert ("subject" in props) if kind == "draft" else ("subjects" in props)
    assert schema.get("additionalProperties") is False


def test_chinese_labels_follow_field_paths():
    assert label_zh("websites[0].principal.mobile") == "手机号码"
    assert label_zh("websites[1].domains[0].expiry_date") == "域名到期日"
    assert label_zh("subject.name") == "主办单位名称"
    assert label_zh("no.such.field") is None
