"""Two processes updating the history file at once lose no update (the store locks read-modify-write)."""

from __future__ import annotations

import subprocess
import sys

from beiancli import store

ADDER = """
import sys
from beiancli import store
from beiancli.models import HistorySubject
path, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    with store.update_history(path) as h:
        h.subjects.append(HistorySubject(name=f"{prefix}-{i}", nature="enterprise", cert_type="uscc",
                                         cert_number=f"{prefix}{i:06d}"))
"""


def test_parallel_history_updates_lose_nothing(tmp_path):
    path = tmp_path / "history.toml"
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(path), p, str(n)]) for p in ("A", "B", "C")]
    for p in procs:
        assert p.wait(timeout=120) == 0
    names = {s.name for s in store.load_history(path).subjects}
    assert len(names) == 3 * n
