"""Shared fixtures. Every test runs with its own data directory (BEIAN_HOME) and a fixed language,
so nothing a test does can touch the real user's drafts or depend on the machine's locale."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

for var in ("BEIAN_LANG", "BEIAN_PROVIDER", "BEIAN_HISTORY", "BEIAN_DATA_DIR", "BEIAN_NOW", "GITHUB_ACTIONS",
            "NO_COLOR", "BEIAN_DEBUG"):
    os.environ.pop(var, None)
os.environ["LANG"] = "en_US.UTF-8"
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["COLUMNS"] = "200"


@pytest.fixture(autouse=True)
def beian_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty, private data directory for each test; the cwd is a fresh directory too, so no beian.toml
    of the repository is picked up as project config."""
    home = tmp_path / "beian-home"
    monkeypatch.setenv("BEIAN_HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    from beiancli import output
    from beiancli.rules import data

    output.reset()
    data.set_override_dir(None)
    yield home
    output.reset()
    data.set_override_dir(None)


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code = code
        self.out = out
        self.err = err

    def json(self):
        import json

        return json.loads(self.out)

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"Result(code={self.code}, out={self.out[-2000:]!r}, err={self.err[-2000:]!r})"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `beian ARGS...` in-process; returns Result(code, out, err)."""
    from beiancli.cli import run

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def beian_subprocess(*args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60):
    """Run the installed console script the way a user does (a real process, real exit code)."""
    import subprocess

    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "beiancli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )
