"""The tool's own exceptions. Each carries the exit code main() turns it into.

Exit codes (README "Exit codes"):
    0  ok
    1  findings at or above --fail-on, or a domain that cannot be filed
    2  usage error (wrong flags, unknown provider)
    3  unreadable input: file missing, not TOML, not a draft, not a domain; or a file that cannot be
       written (a missing or read-only directory, a full disk, a symbolic link planted in the data dir)
  130  interrupted (Ctrl-C)

Messages are bilingual: pass a `Msg` (zh + en) or a plain string that is already in
the user's language. Nothing in here prints; `cli.main()` renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from beiancli.i18n import Msg

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Location:
    """Where in the user's input something is wrong. Every part is optional."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file:
            pos = self.file
            if self.line is not None:
                pos += f":{self.line}"
                if self.column is not None:
                    pos += f":{self.column}"
            parts.append(pos)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)


class BeianError(Exception):
    """Base class: an error the user can act on. Never shown with a traceback."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: Msg | str, *, hint: Msg | str | None = None, location: Location | None = None):
        self.message = message
        self.hint = hint
        self.location = location
        super().__init__(message.en if isinstance(message, Msg) else message)

    def render(self, lang: str) -> str:
        text = self.message.get(lang) if isinstance(self.message, Msg) else self.message
        if self.location and str(self.location):
            text = f"{self.location}: {text}"
        return text

    def render_hint(self, lang: str) -> str | None:
        if self.hint is None:
            return None
        return self.hint.get(lang) if isinstance(self.hint, Msg) else self.hint


class UsageError(BeianError):
    """Wrong use of the command line (unknown provider, conflicting flags, ...)."""

    exit_code = EXIT_USAGE


class InputError(BeianError):
    """Input that cannot be read: a missing file, broken TOML, a draft that does not fit the schema,
    a string that is not a domain name."""

    exit_code = EXIT_INPUT


class Interrupted(BeianError):
    exit_code = EXIT_INTERRUPTED
