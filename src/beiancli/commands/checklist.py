"""`beian checklist` — not built yet (issue #4)."""

from __future__ import annotations

from beiancli.commands._common import not_built


def run() -> int:
    return not_built("checklist", 4)
