"""Run `beian ARGS...` in a fresh interpreter and report which modules it imported: the start-up guards of
tests/test_cli.py, tests/test_check_domain.py and tests/test_records.py check imports, not time, so they
never flake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

PROBE = """
import json, sys
from beiancli.cli import run
try:
    code = run(sys.argv[1:])
finally:
    sys.stderr.write("\\nMODULES=" + json.dumps(sorted(sys.modules)) + "\\n")
sys.exit(code)
"""


@dataclass(frozen=True)
class Probed:
    code: int
    out: str
    err: str
    """stderr without the module list"""
    modules: set[str]


def probe(*args: str, env: dict[str, str] | None = None) -> Probed:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)
    err, _, mods = proc.stderr.rpartition("\nMODULES=")
    return Probed(proc.returncode, proc.stdout, err, set(json.loads(mods)))
