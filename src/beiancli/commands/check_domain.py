"""`beian check-domain` — not built yet (issue #3)."""

from __future__ import annotations

from beiancli.commands._common import not_built


def run() -> int:
    return not_built("check-domain", 3)
