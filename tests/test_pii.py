"""Masking of personal data: length-preserving, readable enough to recognise, never the full value."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli import pii


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        ("id", "440305199003071236", "4403**********1236"),
        ("id", "11010519491231002X", "1101**********002X"),
        ("phone", "13800138000", "138****8000"),
        ("phone", "+86 138-0013-8000", "+86 138-****-8000"),
        ("phone", "0755-86013388", "0755-****3388"),
        ("email", "zhangsan@example.com", "z*******@example.com"),
    ],
)
def test_mask(kind, value, masked):
    assert pii.mask(kind, value) == masked
    assert len(pii.mask(kind, value)) == len(value)


def test_scrub_finds_personal_data_in_free_text():
    text = "ID 440305199003071236, mobile 13800138000, mail zhangsan@example.com, tel 0755-86013388"
    out = pii.scrub(text)
    for secret in ("440305199003071236", "13800138000", "zhangsan@example.com", "86013388"):
        assert secret not in out
    assert len(out) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "粤ICP备2024000001号-1",
        "91440300MA5FXXXXXM",
        "sha256 3b4c1f0e13800138000aa9d",
        "2026-09-25T10:30:00+08:00",
        "version 0.1.0",
    ],
)
def test_scrub_leaves_non_personal_values_alone(text):
    assert pii.scrub(text) == text


def test_scrub_data_masks_known_fields_and_free_text():
    data = {"mobile": "13800138000", "cert_number": "91440300MA5FXXXXXM", "note": ["call 13900139000"]}
    out = pii.scrub_data(data)
    assert out["mobile"] == "138****8000"
    assert out["cert_number"] == "9144**********XXXM"
    assert out["note"] == ["call 139****9000"]


def test_scrubbing_writer_masks_what_passes_through():
    sink = io.StringIO()
    writer = pii.ScrubbingWriter(sink)
    writer.write("手机13800138000\n")
    assert sink.getvalue() == "手机138****8000\n"


@given(st.text())
def test_scrub_never_crashes_and_preserves_length(text):
    assert len(pii.scrub(text)) == len(text)


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("44030519850315123", "4403*********5123"),  # one digit short: still masked
        ("1380013800", "1380**3800"),
        ("zhang.san@example", "z********@example"),
        ("91440300MA5FQX124N", "9144**********124N"),
        ("粤ICP备2024000001号", "粤ICP备2024000001号"),  # an ICP number is public
        ("深圳市示例科技有限公司", "深圳市示例科技有限公司"),
    ],
)
def test_mask_key_hides_whatever_looks_like_a_number_or_address(key, shown):
    assert pii.mask_key(key) == shown


# -- long texts are scrubbed line by line (a large report): the same result as the whole-text patterns ----

_PII_ALPHABET = "0123456789０１٣X x@.-_+%*\n\"ab"
_PII_PIECES = ["13800138000", "+86 138-0013-8000", "8613912345678", "110105194912310021", "11010519491231002X",
               "440301900101123", "0755-86013388", "010-12345678", "zhang.san@example.com", "a@b.cn", "@", "\n",
               "９１３８００１３８０００", "x13800138000", "13800138000x", "1234", "２０２６", " ", '"', "-"]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.one_of(st.sampled_from(_PII_PIECES), st.text(alphabet=_PII_ALPHABET, max_size=12)), max_size=60))
def test_line_by_line_scrub_is_the_whole_text_scrub(parts):
    text = "".join(parts)
    assert pii._scrub_by_line(text) == pii._scrub(text)
    assert pii.scrub(text * 40) == pii._scrub(text * 40)  # long enough for the line-by-line path
