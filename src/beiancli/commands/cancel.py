"""`beian cancel` — not built yet (issue #5)."""

from __future__ import annotations

from beiancli.commands._common import not_built


def run() -> int:
    return not_built("cancel", 5)
