"""Field paths map back to the TOML lines they came from (findings must land on the right line)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from beiancli.tomlpos import _ASSIGN, _HEADER, _KEYPART, _bracket_balance, field_lines, line_of, loc_to_path

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


# -- the line scanner as it was before it was made faster: the reference for the property test below ------

def _split_key_reference(key: str) -> list[str]:
    parts = []
    for m in _KEYPART.finditer(key):
        p = m.group(0)
        if p[0] in "\"'":
            p = p[1:-1]
        parts.append(p)
    return parts


def _join_reference(parts: list[str | int]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + p
    return out


def field_lines_reference(text: str) -> dict[str, int]:
    """Every table, array element and key path in `text`, with the 1-based line where it starts."""
    lines: dict[str, int] = {}
    counters: dict[str, int] = {}  # array-of-tables path -> last index used
    current: list[str | int] = []
    in_multiline: str | None = None
    depth = 0  # open brackets/braces of a multi-line value

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_multiline:
            if in_multiline in line:
                in_multiline = None
            continue
        if depth > 0:
            depth += _bracket_balance(line)
            continue
        header = _HEADER.match(line)
        if header:
            keys = _split_key_reference(header.group(2))
            is_array = header.group(1) == "[["
            path: list[str | int] = []
            # resolve each prefix against arrays of tables seen so far (use their latest element)
            for k in keys[:-1]:
                path.append(k)
                arr = _join_reference(path)
                if arr in counters:
                    path.append(counters[arr])
            path.append(keys[-1])
            if is_array:
                arr = _join_reference(path)
                counters[arr] = counters.get(arr, -1) + 1
                # a new element resets the counters of arrays nested under the previous element
                prefix = arr + "["
                for nested in [c for c in counters if c.startswith(prefix)]:
                    del counters[nested]
                lines.setdefault(arr, lineno)
                path.append(counters[arr])
            current = path
            lines[_join_reference(current)] = lineno
            continue
        assign = _ASSIGN.match(line)
        if assign:
            keys = _split_key_reference(assign.group(1))
            full = _join_reference([*current, *keys])
            lines.setdefault(full, lineno)
            rest = line[assign.end():]
            stripped = rest.lstrip()
            for quote in ('"""', "'''"):
                if stripped.startswith(quote) and stripped.count(quote) == 1:
                    in_multiline = quote
                    break
            else:
                balance = _bracket_balance(rest)
                if balance > 0:
                    depth = balance
    return lines


def _docs():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for p in sorted((root / "examples" / "drafts").glob("*.toml")):
        yield p.read_text(encoding="utf-8")
    yield DOC


def test_line_scanner_agrees_with_the_previous_one_on_the_examples():
    for text in _docs():
        assert field_lines(text) == field_lines_reference(text)


_TOML_LINES = st.sampled_from([
    "[subject]", "[subject.principal]", "[[websites]]", "[[websites.domains]]", "[ websites . principal ]",
    '["quoted key"]', "[[ websites ]]  # c", "  [lifecycle]", 'name = "a"', '"quoted.key" = 1', "a.b.c = 2",
    "languages = [", "  \"zh\",", "]", 'remarks = """', '"""', "x = { a = 1, b = [2, 3] }", "x = [1, [2,",
    "3]]", "# comment [x]", "", "   ", "key = 'lit[eral'", 'key = "esc\\"[" ', "\t[t]", "k=v", "k = [ # ]",
    "- = 1", "a . b = 1", "'lit'.x = 2", "[[a.b.c]]", "[a.b]", "[[a]]", "name = , ",
])


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(_TOML_LINES, max_size=40))
def test_line_scanner_agrees_with_the_previous_one(lines):
    text = "\n".join(lines)
    assert field_lines(text) == field_lines_reference(text)
