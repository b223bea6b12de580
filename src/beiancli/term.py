"""Text for a terminal without rich: ANSI styles, display width and line wrapping.

`beian check-domain` and `validate`'s text report write finished text with these instead of rich, whose import
alone (~40 ms) would not fit check-domain's start-up budget (benchmarks/startup.sh). Colour and width follow
rich's rules (output.Out.color and Out.width), so a user sees the same behaviour in every command. It sits
beside output.py, not in render/: importing the render package builds the lint report's classes (~2 ms), which
check-domain does not need.

Wrapping knows Chinese: a CJK character is two cells wide, a line may break between two CJK characters (not
only at spaces), but never before closing punctuation such as `，。）` nor after opening punctuation such as `（`.
"""

from __future__ import annotations

import unicodedata

_SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
RESET = "\x1b[0m"

# Chinese line-breaking (GB/T 15834 and the "kinsoku" of CJK typesetting): no line starts with these ...
_NO_BREAK_BEFORE = frozenset("，。、；：？！）》」』】〕…—～·,.;:?!)]}%’”")
# ... and none ends with these.
_NO_BREAK_AFTER = frozenset("（《「『【〔([{‘“")

Segment = tuple[str, str]  # (text, style): style is "" or words of _SGR, e.g. "bold red"


def sgr(style: str) -> str:
    """The ANSI escape that starts `style` ("bold red", "dim", ...); "" for no style."""
    codes = [_SGR[word] for word in style.split()]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def styled(text: str, style: str, color: bool) -> str:
    return f"{sgr(style)}{text}{RESET}" if color and style and text else text


def char_width(ch: str) -> int:
    """Terminal cells of one character: 2 for East Asian wide and full-width, 0 for combining marks."""
    if ch < "\u0300":
        return 1
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Terminal cells of `text`."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def _wide(ch: str) -> bool:
    return ch >= "\u1100" and char_width(ch) == 2


def wrap(segments: list[Segment], columns: int) -> list[list[Segment]]:
    """Split a line of styled segments into lines of at most `columns` cells (at least 10). A line breaks at
    a space (which is dropped) or between CJK characters; a run without any break opportunity that is too long
    is cut where it reaches the edge."""
    text = "".join(t for t, _ in segments)
    columns = max(columns, 10)
    if width(text) <= columns:
        return [segments]
    styles = [style for t, style in segments for _ in t]
    cuts: list[tuple[int, int]] = []  # (start, end) of each line in `text`
    start, used, last_break = 0, 0, -1
    i = 0
    while i < len(text):
        ch = text[i]
        if i > start and _may_break(text, i):
            last_break = i
        w = char_width(ch)
        if used + w > columns and i > start and not ch.isspace():
            cut = last_break if last_break > start else i
            cuts.append((start, cut))
            start = cut
            while start < len(text) and text[start] == " ":
                start += 1
            used = width(text[start:i])
            last_break = -1
            i = max(i, start)
            continue
        used += w
        i += 1
    cuts.append((start, len(text)))
    lines = []
    for a, b in cuts:
        while b > a and text[b - 1] == " ":
            b -= 1
        lines.append(_segments(text, styles, a, b))
    return lines


def _may_break(text: str, i: int) -> bool:
    """May a line break before text[i]?"""
    before, ch = text[i - 1], text[i]
    if ch == " ":
        return False
    if before == " ":
        return True
    if ch in _NO_BREAK_BEFORE or before in _NO_BREAK_AFTER:
        return False
    return _wide(before) or _wide(ch)


def _segments(text: str, styles: list[str], a: int, b: int) -> list[Segment]:
    out: list[Segment] = []
    for j in range(a, b):
        if out and out[-1][1] == styles[j]:
            out[-1] = (out[-1][0] + text[j], styles[j])
        else:
            out.append((text[j], styles[j]))
    return out


def render_line(segments: list[Segment], color: bool) -> str:
    return "".join(styled(t, style, color) for t, style in segments)
