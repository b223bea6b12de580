"""One place for what a command writes: two consoles (stdout for results, stderr for diagnostics), JSON,
language, and personal-data masking.

Consoles are created on first use, never at import time (rich.console costs ~45 ms). Without `--show-pii`
both streams go through `pii.ScrubbingWriter`, so no ID number, mobile number or e-mail address reaches the
terminal, a pipe or a CI log in full, whatever a command forgets to mask itself. Colour follows rich's rules:
off when NO_COLOR is set or the stream is not a terminal.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import IO, Any

from beiancli.i18n import Lang, Msg, pick_lang

_current: Out | None = None


@dataclass
class Out:
    lang: Lang = "en"
    show_pii: bool = False
    json_mode: bool = False
    _stdout: Any = field(default=None, repr=False)
    _stderr: Any = field(default=None, repr=False)
    _stream: Any = field(default=None, repr=False)

    # -- construction -------------------------------------------------------------------------------
    @classmethod
    def create(cls, *, lang: str | None = None, config_lang: str | None = None, show_pii: bool = False,
               json_mode: bool = False) -> Out:
        global _current
        out = cls(lang=pick_lang(lang, config_lang), show_pii=show_pii, json_mode=json_mode)
        _current = out
        return out

    # -- streams ------------------------------------------------------------------------------------
    def _wrap(self, stream: IO[str]) -> Any:
        if self.show_pii:
            return stream
        from beiancli.pii import ScrubbingWriter

        return ScrubbingWriter(stream)

    @property
    def stream(self) -> Any:
        """The text stream stdout output goes through (`console.file`: scrubbing unless --show-pii), for
        commands that write finished text, without building a rich console for it (~45 ms)."""
        if self._stdout is not None:
            return self._stdout.file
        if self._stream is None:
            self._stream = self._wrap(sys.stdout)
        return self._stream

    def color(self) -> bool:
        """Whether stdout gets colour, by rich's rules without importing rich: TTY_COMPATIBLE=0/1, else
        FORCE_COLOR (non-empty: yes), else is it a terminal; then no colour for TERM=dumb/unknown or when
        NO_COLOR is set (tests/test_output.py holds this against rich's own Console). On Windows rich decides
        (it knows the legacy console)."""
        import os

        if self._stdout is not None or sys.platform == "win32":
            c = self.console
            return bool(c.is_terminal and c.color_system is not None and not c.no_color)
        env = os.environ
        compatible = env.get("TTY_COMPATIBLE", "")
        if compatible in ("0", "1"):
            terminal = compatible == "1"
        elif "FORCE_COLOR" in env:
            terminal = env["FORCE_COLOR"] != ""
        else:
            try:
                terminal = bool(self.stream.isatty())
            except ValueError:
                terminal = False
        if not terminal or env.get("TERM", "").lower() in ("dumb", "unknown"):
            return False
        return env.get("NO_COLOR", "") == ""

    def width(self) -> int:
        """Columns for text that wraps itself (beiancli.term), by the same rules as the stdout console: a
        terminal's width (COLUMNS if set, else its size, else 80); a pipe or file gets COLUMNS or a wide 160."""
        import os

        if self._stdout is not None:
            return int(self._stdout.width)
        fixed = _width(sys.stdout)
        if fixed is not None:
            return fixed
        if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
            return 80
        columns = os.environ.get("COLUMNS", "")
        if columns.isdigit() and int(columns):
            return int(columns)
        for fd in (0, 1, 2):
            try:
                return os.get_terminal_size(fd).columns or 80
            except (AttributeError, ValueError, OSError):
                continue
        return 80

    @property
    def console(self) -> Any:
        """rich Console on stdout (results)."""
        if self._stdout is None:
            from rich.console import Console

            file = self._stream if self._stream is not None else self._wrap(sys.stdout)
            self._stdout = Console(file=file, highlight=False, soft_wrap=False, width=_width(sys.stdout))
        return self._stdout

    @property
    def err(self) -> Any:
        """rich Console on stderr (diagnostics, progress, prompts' explanations)."""
        if self._stderr is None:
            from rich.console import Console

            self._stderr = Console(file=self._wrap(sys.stderr), highlight=False, stderr=True, soft_wrap=True)
        return self._stderr

    # -- helpers ------------------------------------------------------------------------------------
    def t(self, msg: Msg | str, **data: Any) -> str:
        """A message in the user's language, with `{placeholders}` filled."""
        text = msg.get(self.lang) if isinstance(msg, Msg) else msg
        return text.format(**data) if data else text

    def mask(self, kind: str, value: Any) -> Any:
        if self.show_pii:
            return value
        from beiancli.pii import mask

        return mask(kind, value)

    def mask_field(self, path: str, value: Any) -> Any:
        if self.show_pii:
            return value
        from beiancli.pii import mask_field

        return mask_field(path, value)

    def emit_json(self, data: Any, stream: IO[str] | None = None) -> None:
        """Stable, UTF-8, indented JSON on stdout; personal data masked unless --show-pii."""
        if not self.show_pii:
            from beiancli.pii import scrub_data

            data = scrub_data(data)
        target = stream or sys.stdout
        target.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))
        target.write("\n")
        target.flush()

    def print(self, *objects: Any, **kwargs: Any) -> None:
        self.console.print(*objects, **kwargs)

    def note(self, msg: Msg | str, style: str | None = None, **data: Any) -> None:
        """A diagnostic line on stderr."""
        self.err.print(self.t(msg, **data), style=style, markup=False, highlight=False)

    def error(self, text: str, hint: str | None = None) -> None:
        prefix = "错误" if self.lang == "zh" else "error"
        self.err.print(f"[bold red]{prefix}:[/] ", end="")
        self.err.print(text, markup=False, highlight=False)
        if hint:
            self.err.print(hint, style="dim", markup=False, highlight=False)


def _width(stream: IO[str]) -> int | None:
    """A terminal gets rich's own width; a pipe or file gets COLUMNS or a wide 160, so tables of ICP numbers
    and masked IDs are not truncated to 80 columns in CI logs."""
    import os

    try:
        if stream.isatty():
            return None
    except (AttributeError, ValueError):
        pass
    try:
        return max(int(os.environ.get("COLUMNS", "0")), 160)
    except ValueError:
        return 160


def current() -> Out:
    """The Out of the running command (or a default one: English, masked)."""
    global _current
    if _current is None:
        _current = Out(lang=pick_lang())
    return _current


def reset() -> None:
    global _current
    _current = None


def _json_default(obj: Any) -> Any:
    import datetime as dt
    from pathlib import PurePath

    if isinstance(obj, (dt.date, dt.datetime, dt.time)):
        return obj.isoformat()
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    if isinstance(obj, Msg):
        return {"zh": obj.zh, "en": obj.en}
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", exclude_none=True)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
