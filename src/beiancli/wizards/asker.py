"""The only place that talks to a person at a prompt.

Wizards and interactive commands ask through an `Asker`: `QuestionaryAsker` in real use (questionary is
imported only here, only when a question is actually asked), `ScriptedAsker` in tests. Every question can
carry a `validate` callback — the same validators `beian validate` uses — that returns an error text or
None; the person retypes only the answer that failed.

Ctrl-C at a prompt raises KeyboardInterrupt, which `cli.main()` turns into exit code 130 after the caller has
saved what was answered.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

Validator = Callable[[str], str | None]
Choice = tuple[str, str]  # (value, label)


def is_interactive() -> bool:
    """Prompt only when a person is there: stdin and stdout are terminals and we are not in CI or pre-commit
    (questionary without a TTY reads '' or raises, ../notes/measurements.md)."""
    if os.environ.get("CI") or os.environ.get("PRE_COMMIT") or os.environ.get("BEIAN_NON_INTERACTIVE"):
        return False
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Asker(Protocol):
    def text(self, message: str, *, default: str | None = None, validate: Validator | None = None,
             instruction: str | None = None) -> str: ...

    def select(self, message: str, choices: Sequence[Choice], *, default: str | None = None) -> str: ...

    def confirm(self, message: str, *, default: bool = False) -> bool: ...

    def say(self, text: str) -> None: ...


class QuestionaryAsker:
    """Prompts in the terminal with questionary (prompt_toolkit)."""

    def __init__(self, err_console: Any | None = None):
        self._console = err_console

    def say(self, text: str) -> None:
        if self._console is not None:
            self._console.print(text, markup=False, highlight=False)
        else:
            sys.stderr.write(text + "\n")

    def text(self, message: str, *, default: str | None = None, validate: Validator | None = None,
             instruction: str | None = None) -> str:
        import questionary

        def check(value: str) -> bool | str:
            if validate is None:
                return True
            problem = validate(value)
            return True if problem is None else problem

        # validated on Enter, not on every keystroke: a check runs the lint rules, and a half-typed ID number
        # is not an error yet
        return questionary.text(
            message, default=default or "", validate=check, instruction=instruction, validate_while_typing=False
        ).unsafe_ask()

    def select(self, message: str, choices: Sequence[Choice], *, default: str | None = None) -> str:
        import questionary

        items = [questionary.Choice(title=label, value=value) for value, label in choices]
        start = next((c for c in items if c.value == default), None)
        # Long lists (the 31 provinces) filter as the person types: "广东", "guang", "zhe"...
        search = len(items) > 10
        return questionary.select(
            message, choices=items, default=start, use_shortcuts=False,
            use_search_filter=search, use_jk_keys=not search,
            instruction="(type to filter, arrows to move)" if search else None,
        ).unsafe_ask()

    def confirm(self, message: str, *, default: bool = False) -> bool:
        import questionary

        return bool(questionary.confirm(message, default=default).unsafe_ask())


class ScriptError(AssertionError):
    """A scripted conversation went somewhere the test did not expect."""


@dataclass
class ScriptedAsker:
    """Answers questions from a list, in order, for tests.

    Each answer is a string (text / select value), a bool (confirm), or KeyboardInterrupt (the type) to
    simulate Ctrl-C. A text answer that fails validation is recorded in `rejected` and the next answer is
    used for the same question — exactly what a person retyping sees.
    """

    answers: list[Any]
    asked: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str, str]] = field(default_factory=list)
    said: list[str] = field(default_factory=list)

    def _next(self, message: str) -> Any:
        self.asked.append(message)
        if not self.answers:
            raise ScriptError(f"no scripted answer left for: {message}")
        answer = self.answers.pop(0)
        if answer is KeyboardInterrupt:
            raise KeyboardInterrupt
        return answer

    def say(self, text: str) -> None:
        self.said.append(text)

    def text(self, message: str, *, default: str | None = None, validate: Validator | None = None,
             instruction: str | None = None) -> str:
        while True:
            answer = self._next(message)
            if answer is None:
                answer = default or ""
            if not isinstance(answer, str):
                raise ScriptError(f"expected text for {message!r}, got {answer!r}")
            problem = validate(answer) if validate else None
            if problem is None:
                return answer
            self.rejected.append((message, answer, problem))

    def select(self, message: str, choices: Sequence[Choice], *, default: str | None = None) -> str:
        answer = self._next(message)
        if answer is None:
            answer = default
        values = [v for v, _ in choices]
        if answer not in values:
            raise ScriptError(f"{answer!r} is not a choice of {message!r}: {values}")
        return answer

    def confirm(self, message: str, *, default: bool = False) -> bool:
        answer = self._next(message)
        if answer is None:
            return default
        if not isinstance(answer, bool):
            raise ScriptError(f"expected yes/no for {message!r}, got {answer!r}")
        return answer
