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


# -- through the CLI (issue #7) ------------------------------------------------------------------------------

import os  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.conftest import EXAMPLES  # noqa: E402
from tests.factories import uscc  # noqa: E402

CLI_LOOP = """
import sys
from beiancli.cli import run
for line in sys.stdin.read().splitlines():
    args = line.split("\\t")
    code = run(args)
    if code != 0:
        sys.exit(f"{args}: exit {code}")
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(BEIAN_HOME=str(home), BEIAN_NOW="2026-12-01T10:00:00+08:00")
    return env


def _parallel(scripts: list[list[list[str]]], home: Path) -> None:
    """Each script (a list of command lines) runs in its own process through beiancli.cli.run, all at once."""
    procs = [subprocess.Popen([sys.executable, "-c", CLI_LOOP], stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True, env=_env(home)) for _ in scripts]
    for proc, script in zip(procs, scripts, strict=True):
        proc.stdin.write("\n".join("\t".join(args) for args in script))
        proc.stdin.close()
    for proc in procs:
        assert proc.wait(timeout=180) == 0, proc.stderr.read()


def test_subject_add_in_parallel_processes_loses_no_subject(tmp_path):
    home = tmp_path / "home"
    n = 15
    scripts = [[["subject", "add", "--name", f"深圳市并发{w}号{i}科技有限公司", "--nature", "enterprise",
                 "--cert-number", uscc(w * 1000 + i)] for i in range(n)] for w in (1, 2)]
    _parallel(scripts, home)
    subjects = store.load_history(home / "history.toml").subjects
    assert sorted(s.cert_number for s in subjects) == sorted(uscc(w * 1000 + i) for w in (1, 2) for i in range(n))


def test_beian_subject_add_as_separate_commands_at_once_loses_nothing(tmp_path):
    """The way a user or a script does it: several `beian subject add` processes started together."""
    home = tmp_path / "home"
    procs = [subprocess.Popen([sys.executable, "-m", "beiancli", "subject", "add", "--name", f"深圳市同时{i}有限公司",
                               "--nature", "enterprise", "--cert-number", uscc(5000 + i)],
                              env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for i in range(6)]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    assert len(store.load_history(home / "history.toml").subjects) == 6


def test_status_set_approved_on_different_filings_in_parallel_adds_every_one_to_the_history(tmp_path):
    """Each approval adds its subject and site to the history (a locked read-modify-write inside the draft's
    own lock): two processes approving different filings at once lose none of them."""
    import tomllib

    import tomli_w

    home = tmp_path / "home"
    drafts = home / "drafts"
    drafts.mkdir(parents=True)
    shutil.copytree(EXAMPLES / "drafts" / "materials", drafts / "materials")
    base = tomllib.loads((EXAMPLES / "drafts" / "status-zhejiang-bureau-review.toml").read_text())
    n = 8
    names = []
    for w in (1, 2):
        for i in range(n):
            seq = w * 100 + i
            d = dict(base, subject={**base["subject"], "name": f"杭州并发{seq}网络有限公司",
                                    "cert_number": uscc(seq, "330106")})
            d["websites"] = [{**base["websites"][0], "domains": [{"name": f"example-{seq}.cn"}]}]
            (drafts / f"f{seq}.toml").write_text(tomli_w.dumps(d))
            names.append((w, seq))
    scripts = [[["status", f"f{seq}", "--set", "approved", "--icp-number", f"浙ICP备2026{seq:06d}号-1"]
                for w_, seq in names if w_ == w] for w in (1, 2)]
    _parallel(scripts, home)

    hist = store.load_history(home / "history.toml")
    assert sorted(s.icp_number for s in hist.subjects) == sorted(f"浙ICP备2026{seq:06d}号" for _, seq in names)
    assert sorted(site.domain for s in hist.subjects for site in s.sites) == sorted(f"example-{seq}.cn" for _, seq in names)
    for _, seq in names:
        assert store.load_draft(drafts / f"f{seq}.toml").lifecycle.state == "approved"


def test_two_processes_setting_the_same_filing_serialise(tmp_path):
    """The same draft: the second process sees the first one's transition (its lock), so one of the two
    conflicting updates is refused as illegal instead of silently overwriting the other."""
    home = tmp_path / "home"
    drafts = home / "drafts"
    drafts.mkdir(parents=True)
    shutil.copy(EXAMPLES / "drafts" / "status-zhejiang-bureau-review.toml", drafts / "zj.toml")
    args = ["status", "zj", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1"]
    procs = [subprocess.Popen([sys.executable, "-m", "beiancli", *args], env=_env(home), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in procs)
    assert codes == [0, 2]  # approved once; approving an approved filing is an illegal transition
    transitions = store.load_draft(drafts / "zj.toml").lifecycle.transitions
    assert [t.state for t in transitions].count("approved") == 1
    assert len(store.load_history(home / "history.toml").subjects) == 1
