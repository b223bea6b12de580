"""Field paths map back to the TOML lines they came from (findings must land on the right line)."""

from __future__ import annotations

from beiancli.tomlpos import field_lines, line_of, loc_to_path

DOC = '''\
schema_version = 1          # line 1
remarks = """
multi-line [[not a header]]
"""
[subject]
name = "示例"
"quoted key" = 1
principal.mobile = "138"

[[websites]]
name = "a"
languages = [
  "zh-Hans",
]
[[websites.domains]]
name = "a.com"
[[websites.domains]]
name = "b.com"

[[websites]]
name = "b"
[websites.principal]
email = "x@y.cn"
[[websites.domains]]
name = "c.com"
[lifecycle]
transitions = [{ state = "draft", at = 2026-01-01T00:00:00 }]
'''


def test_tables_keys_and_arrays_of_tables():
    lines = field_lines(DOC)
    assert lines["schema_version"] == 1
    assert lines["remarks"] == 2
    assert lines["subject"] == 5
    assert lines["subject.name"] == 6
    assert lines["subject.quoted key"] == 7
    assert lines["subject.principal.mobile"] == 8
    assert lines["websites[0]"] == 10
    assert lines["websites[0].languages"] == 12
    assert lines["websites[0].domains[0].name"] == 16
    assert lines["websites[0].domains[1].name"] == 18
    assert lines["websites[1].name"] == 21
    assert lines["websites[1].principal.email"] == 23
    assert lines["websites[1].domains[0].name"] == 25  # nested array restarts under the new element
    assert "multi-line" not in " ".join(lines)  # text inside a multi-line string is not parsed


def test_unknown_paths_fall_back_to_the_nearest_parent():
    lines = field_lines(DOC)
    assert line_of(lines, "websites[1].domains[0].expiry_date") == 24  # its [[websites.domains]] header
    assert line_of(lines, "lifecycle.transitions[0].at") == 27
    assert line_of(lines, "websites[7].name") == 10
    assert line_of(lines, "nothing") is None


def test_pydantic_locations_become_field_paths():
    assert loc_to_path(("websites", 0, "principal", "mobile")) == "websites[0].principal.mobile"
    assert loc_to_path(()) == ""
