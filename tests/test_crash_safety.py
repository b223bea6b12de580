"""Crash safety (issue #7): a process killed while it writes a draft or the history leaves on disk either the
old version or the new one, complete and parseable — never half of one, never an older one, and never a
lock that blocks the next run.

Two kinds of evidence, both with real processes (fork, then SIGKILL):
- random kills: a writer loops over saves (the history through `store.update_history`, a draft through the
  wizard's save after every step) and is killed at a random moment, many times;
- a death at each step of `store.atomic_write` (while writing the temp file, before its chmod, before the
  rename, after the rename), so every stage is hit for certain, not by chance.
tests/test_store.py::test_killing_a_process_mid_save_never_leaves_a_torn_file does the same for plain drafts.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable

import pytest

from beiancli import store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")


def _child(body: Callable[[int], None]) -> int:
    """Fork a process that calls body(1), body(2), ... until it is killed. Returns its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            i = 0
            while True:
                i += 1
                body(i)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


def _kill_after(pid: int, seconds: float) -> None:
    time.sleep(seconds)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status), "the writer stopped by itself (it failed) before it was killed"


# -- the history ------------------------------------------------------------------------------------------

def _subject(name: str):
    from beiancli.models import HistorySite, HistorySubject

    return HistorySubject(name=name, nature="enterprise", cert_type="uscc", cert_number=f"C-{name}",
                          sites=[HistorySite(domain=f"{name}.example.cn", providers=["tencent"])])


def test_killing_history_writers_at_random_moments_loses_nothing(tmp_path):
    path = tmp_path / "history.toml"
    with store.update_history(path) as h:  # a few hundred KB, so a kill often lands inside a write
        h.subjects.extend(_subject(f"base{i}") for i in range(400))
    rng = random.Random(7)
    kept = [s.name for s in store.load_history(path).subjects]
    for round_ in range(20):

        def add(i: int, r: int = round_) -> None:
            with store.update_history(path) as hist:
                hist.subjects.append(_subject(f"r{r}n{i}"))

        _kill_after(_child(add), rng.uniform(0.005, 0.08))
        names = [s.name for s in store.load_history(path).subjects]  # raises if torn
        assert names[: len(kept)] == kept, "an update that had finished was lost"
        added = names[len(kept):]
        assert added == [f"r{round_}n{i}" for i in range(1, len(added) + 1)], "not the old or the new version"
        kept = names
    with store.update_history(path):  # the dead writers' locks are gone with them
        pass


# -- the wizard saving after each step --------------------------------------------------------------------

def test_killing_the_wizard_between_and_during_its_saves_leaves_a_complete_draft(tmp_path, beian_home, monkeypatch):
    """The interactive `new` wizard saves after every step; killed at random, the draft on disk is always one
    of those saves: it loads, and its `wizard.done` is the steps done so far, in order."""
    from tests.wizards.conftest import _scripted
    from tests.wizards.test_new import ENTERPRISE_REST, ENTERPRISE_WHO

    from beiancli.commands._common import begin
    from beiancli.wizards import engine
    from beiancli.wizards.flows import Options, start

    monkeypatch.setenv("BEIAN_NOW", "2026-12-01T10:00:00+08:00")
    path = store.draft_path("w")

    def wizard(_i: int) -> None:
        out, settings = begin(lang="en")
        asker = _scripted()(list(ENTERPRISE_WHO + ENTERPRISE_REST))
        assert start(out, settings, Options(flow="new", name="w", force=True), asker=asker) == 0

    wizard(0)  # it completes when nobody kills it
    order = engine.flow_steps(type("S", (), {"flow": "new", "draft": store.load_draft(path)})())
    rng = random.Random(11)
    seen_partial = set()
    for _ in range(12):
        _kill_after(_child(wizard), rng.uniform(0.01, 0.3))
        if not path.exists():
            continue
        draft = store.load_draft(path)  # raises if torn
        done = draft.wizard.get("done", [])
        assert done == order[: len(done)]
        seen_partial.add(len(done))
    assert len(seen_partial) >= 2, "the kills never landed in the middle of a run"


# -- every stage of an atomic write -----------------------------------------------------------------------

STAGES = ["write", "chmod", "replace", "after-replace"]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("what", ["draft", "history"])
def test_a_death_at_each_stage_of_a_write_leaves_the_old_or_the_new_file(tmp_path, stage, what):
    from beiancli.models import Draft

    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / f"{what}.toml"
    if what == "draft":
        store.save_draft(Draft(remarks="old"), path)

        def save() -> None:
            store.save_draft(Draft(remarks="new " * 1000), path)
    else:
        with store.update_history(path) as h:
            h.subjects.append(_subject("old"))

        def save() -> None:
            with store.update_history(path) as hist:
                hist.subjects.extend(_subject(f"new{i}") for i in range(50))
    old = path.read_bytes()

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child dies at `stage`
        die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # noqa: E731
        if stage == "write":
            real_fdopen = os.fdopen

            class Half:
                """The temp file: half of the data reaches the disk, then the process dies."""

                def __init__(self, fh):
                    self.fh = fh

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    self.fh.close()

                def write(self, data):
                    self.fh.write(data[: len(data) // 2])
                    self.fh.flush()
                    os.fsync(self.fh.fileno())
                    die()

            os.fdopen = lambda fd, *a, **k: Half(real_fdopen(fd, *a, **k))
        elif stage == "chmod":
            os.chmod = die
        elif stage == "replace":
            os.replace = die
        else:
            real_replace = os.replace

            def then_die(src, dst):
                real_replace(src, dst)
                die()

            os.replace = then_die
        try:
            save()
        finally:
            os._exit(3)  # reached only if the stage was never hit
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status), "the stage was never reached"

    now = path.read_bytes()
    if stage == "after-replace":
        assert now != old
    else:
        assert now == old
    loaded = store.load_draft(path) if what == "draft" else store.load_history(path)
    assert loaded is not None
    leftovers = [p.name for p in folder.iterdir() if p.name not in (path.name, path.name + ".lock")]
    assert all(n.startswith(".") for n in leftovers), "a temp file would be listed as a draft"
    if what == "history":
        with store.update_history(path):  # the lock died with the process
            pass


def test_a_leftover_temp_file_is_never_taken_for_a_draft(cli, beian_home):
    """What a killed writer can leave behind (a hidden temp file) is not listed, linted or loaded."""
    from beiancli.models import Draft

    store.save_draft(Draft(remarks="kept"), store.draft_path("real"))
    drafts = beian_home / "drafts"
    (drafts / ".real.toml.abc123.tmp").write_text("remarks = 'half")
    (drafts / ".real.toml.abc124.toml").write_text("remarks = 'half")
    assert [p.name for p in store.list_drafts()] == ["real.toml"]
    r = cli("status", "--json")
    assert r.code == 0 and [d["name"] for d in r.json()["drafts"]] == ["real"]
    r = cli("validate", str(drafts), "--format", "json")
    assert r.code in (0, 1) and "real.toml" in r.out and ".real.toml.abc" not in r.out
