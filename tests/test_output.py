"""output.Out decides colour and width by rich's rules without importing rich (beiancli.term writes the text of
check-domain and validate): these tests hold the decision against rich's own Console."""

from __future__ import annotations

import io
import itertools
import sys

import pytest

from beiancli.output import Out


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TERM")


@pytest.mark.parametrize("tty", [False, True])
def test_colour_decision_agrees_with_rich(monkeypatch, tty) -> None:
    values = ((None, "", "1", "0"), (None, "0", "1"), (None, "", "1"), (None, "xterm-256color", "dumb", "UNKNOWN"))
    checked = set()
    for combo in itertools.product(*values):
        for var, value in zip(ENV, combo, strict=True):
            if value is None:
                monkeypatch.delenv(var, raising=False)
            else:
                monkeypatch.setenv(var, value)
        monkeypatch.setattr(sys, "stdout", Stream(tty))
        fast = Out().color()
        c = Out().console
        assert fast == bool(c.is_terminal and c.color_system is not None and not c.no_color), combo
        checked.add(fast)
    assert checked == {True, False}  # the matrix reaches both answers


def test_width_of_a_pipe_is_wide_and_follows_columns(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdout", Stream(False))
    monkeypatch.setenv("COLUMNS", "200")
    assert Out().width() == 200
    monkeypatch.setenv("COLUMNS", "90")
    assert Out().width() == 160
    monkeypatch.delenv("COLUMNS")
    assert Out().width() == 160


@pytest.mark.parametrize("columns, term", [("72", "xterm"), ("133", "xterm"), (None, "dumb")])
def test_width_of_a_terminal_agrees_with_rich(monkeypatch, columns, term) -> None:
    monkeypatch.setattr(sys, "stdout", Stream(True))
    monkeypatch.setenv("TERM", term)
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert Out().width() == Out().console.width
