"""One TOML reader for the whole tool.

`loads` parses with rtoml (Rust) when it is installed: ~50 µs for a 1.6 KB draft against ~190 µs for the
compiled tomli and ~590 µs for the standard library's tomllib (tomli was a fifth of the CPU of a
10,000-draft batch; benchmarks/validate.py). Three kinds of document go to tomli instead, so every caller sees
exactly what tomli would give (tests/test_tomlcompat.py checks it differentially; `benchmarks/fuzz.py
--property toml` runs it longer):

- a document rtoml refuses (CRLF line ends are made LF first, as tomli reads them in multi-line strings):
  tomli parses it again and raises its own error, whose message and position the tool reports (or, where
  rtoml is stricter than tomli, e.g. integers beyond 64 bits, returns tomli's result);
- a document that rtoml reads more leniently than tomli (a line break around a `=` in an inline table);
- a document that may hold an offset date-time (`...T07:32:00+08:00`, `...Z`): rtoml gives those its own
  tzinfo class, which cannot be pickled (the batch's worker processes return results by pickling) or deep-
  copied; tomli gives `datetime.timezone`. Drafts rarely have one; the history's timestamps do.
"""

from __future__ import annotations

import re
from typing import Any

try:  # pragma: no cover
    from rtoml import loads as _fast_loads
except ImportError:  # pragma: no cover
    _fast_loads = None


def _tomli() -> Any:
    """tomli (or the standard library's tomllib), imported when a document needs it: most never do."""
    try:  # pragma: no cover - which branch runs depends on the environment
        import tomli as toml
    except ImportError:  # pragma: no cover
        import tomllib as toml  # type: ignore[no-redef]
    return toml


def __getattr__(name: str) -> Any:
    # `except tomlcompat.TOMLDecodeError` looks the name up only when an exception is on its way.
    if name == "TOMLDecodeError":
        return _tomli().TOMLDecodeError
    raise AttributeError(name)


# What goes to tomli even when rtoml would read it (finding, harmlessly, also some text inside strings that
# looks the same: those documents are simply parsed by tomli):
# - an offset date-time: its minutes or seconds (`:32`, `:00.999`) are followed by Z or by the ±hh:mm offset;
# - a line break before or after a `=` (a line that starts with `=` or `.`, or ends with `=` and perhaps a
#   comment): never valid TOML outside a string, but rtoml accepts it inside an inline table
#   (`{ name\n = "x" }`, `{ name =\n "x" }`), which tomli rightly refuses.
# (Searches that each start with a literal cost a few µs on a draft; one alternation of them cost ~55 µs.)
_OFFSET = re.compile(r":\d\d(?:\.\d+)?[Zz+-]")
_BREAK_BEFORE = re.compile(r"\n[ \t]*[=.]")
_BREAK_AFTER = re.compile(r"=[ \t]*(?:#[^\n]*)?\r?\n")


def tomli_only(text: str) -> bool:
    """Must this document be parsed by tomli (see above)?"""
    return ((":" in text and _OFFSET.search(text) is not None) or _BREAK_BEFORE.search(text) is not None
            or _BREAK_AFTER.search(text) is not None)


def loads(text: str) -> dict[str, Any]:
    if _fast_loads is not None and not tomli_only(text):
        # tomli turns CRLF inside multi-line strings into LF; rtoml keeps it. Elsewhere CRLF is a newline, and
        # a CR on its own is an error that tomli reports.
        fast_text = text.replace("\r\n", "\n") if "\r" in text else text
        if "\r" not in fast_text:
            try:
                return _fast_loads(fast_text)
            except (KeyboardInterrupt, SystemExit):
                raise
            # Any refusal, even a Rust panic (pyo3's PanicException is a BaseException): tomli decides, with
            # its own error.
            except BaseException:
                pass
    return _tomli().loads(text)


_POS = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def error_position(exc: Exception, text: str | None = None) -> tuple[int | None, int | None, str]:
    """(line, column, message without the position suffix) of a TOML decode error."""
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    msg = getattr(exc, "msg", None) or str(exc)
    m = _POS.search(str(exc))
    if m:
        if m.group(1):
            line = line or int(m.group(1))
            col = col or int(m.group(2))
        elif text is not None and line is None:
            line = text.count("\n") + 1
        msg = _POS.sub("", msg).strip()
    return line, col, msg
