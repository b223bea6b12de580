"""Map field paths (`websites[0].principal.mobile`) back to line numbers of the TOML text they came from.

TOML parsers return plain dicts without positions, but a finding is only useful in CI when it lands on the
right line. This is a small line scanner for the TOML people write and tomli-w produces: table headers,
arrays of tables, `key = value` lines with bare, quoted or dotted keys, multi-line strings and arrays.
Inline tables map to the line of their key. A path that cannot be found falls back to its nearest parent.
"""

from __future__ import annotations

import re

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_KEY})\s*=")
_KEYPART = re.compile(rf"{_BARE}|{_QUOTED}")


_BARE_KEY = re.compile(_BARE)


def _split_key(key: str) -> list[str]:
    if _BARE_KEY.fullmatch(key):
        return [key]  # the usual key: what the loop below makes of it
    parts = []
    for m in _KEYPART.finditer(key):
        p = m.group(0)
        if p[0] in "\"'":
            p = p[1:-1]
        parts.append(p)
    return parts


def _join(parts: list[str | int]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + p
    return out


def field_lines(text: str) -> dict[str, int]:
    """Every table, array element and key path in `text`, with the 1-based line where it starts."""
    lines: dict[str, int] = {}
    counters: dict[str, int] = {}  # array-of-tables path -> last index used
    current: list[str | int] = []
    in_multiline: str | None = None
    depth = 0  # open brackets/braces of a multi-line value

    prefix = ""  # _join(current), kept as `current` changes
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if in_multiline in line:
                in_multiline = None
            continue
        if depth > 0:
            depth += _bracket_balance(line)
            continue
        first = line.lstrip()[:1]
        if not first or first == "#":
            continue
        header = _HEADER.match(line) if first == "[" else None  # a header starts with [
        if header:
            keys = _split_key(header.group(2))
            is_array = header.group(1) == "[["
            path: list[str | int] = []
            # resolve each prefix against arrays of tables seen so far (use their latest element)
            for k in keys[:-1]:
                path.append(k)
                arr = _join(path)
                if arr in counters:
                    path.append(counters[arr])
            path.append(keys[-1])
            if is_array:
                arr = _join(path)
                counters[arr] = counters.get(arr, -1) + 1
                # a new element resets the counters of arrays nested under the previous element
                prefix = arr + "["
                for nested in [c for c in counters if c.startswith(prefix)]:
                    del counters[nested]
                lines.setdefault(arr, lineno)
                path.append(counters[arr])
            current = path
            prefix = _join(current)
            lines[prefix] = lineno
            continue
        # The usual line, `bare_key = value`, is split without the regular expression; other keys (quoted,
        # dotted) go through _ASSIGN.
        key, eq, rest = line.partition("=")
        key = key.strip()
        if eq and _BARE_KEY.fullmatch(key):
            full = f"{prefix}.{key}" if prefix else key
        else:
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            full = prefix
            for part in _split_key(assign.group(1)):
                full = f"{full}.{part}" if full else part
            rest = line[assign.end():]
        lines.setdefault(full, lineno)
        opener = rest.lstrip()[:3]
        if (opener == '"""' or opener == "'''") and rest.count(opener) == 1:
            in_multiline = opener
        else:
            balance = _bracket_balance(rest)
            if balance > 0:
                depth = balance
    return lines


def _bracket_balance(s: str) -> int:
    """Net open brackets in a line, ignoring those inside strings and comments."""
    if "[" not in s and "]" not in s and "{" not in s and "}" not in s:
        return 0  # most values: nothing to count, whatever the quotes and comments
    bal = 0
    quote: str | None = None
    i = 0
    while i < len(s):
        c = s[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#":
            break
        elif c in "[{":
            bal += 1
        elif c in "]}":
            bal -= 1
        i += 1
    return bal


def line_of(lines: dict[str, int], path: str) -> int | None:
    """Line of `path`, or of its nearest parent that has one."""
    p = path
    while p:
        if p in lines:
            return lines[p]
        cut = max(p.rfind("."), p.rfind("["))
        if cut <= 0:
            break
        p = p[:cut]
    return lines.get(p)


def loc_to_path(loc: tuple[str | int, ...] | list[str | int]) -> str:
    """A pydantic error location `('websites', 0, 'principal', 'mobile')` -> `websites[0].principal.mobile`."""
    return _join([p if isinstance(p, int) else str(p) for p in loc])
