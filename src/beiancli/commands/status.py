"""`beian status` — not built yet (issue #6)."""

from __future__ import annotations

from beiancli.commands._common import not_built


def run() -> int:
    return not_built("status", 6)
