from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "drafts"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEIAN_NOW", "2026-11-26")


@pytest.fixture
def drafts(tmp_path: Path):
    """A fresh drafts/ directory with the material files; `drafts("first-enterprise-guangdong.toml", ...)`
    copies those examples into it."""
    d = tmp_path / "drafts"
    d.mkdir()
    shutil.copytree(EXAMPLES / "materials", d / "materials")

    def copy(*names: str) -> Path:
        for n in names:
            shutil.copy(EXAMPLES / n, d / n)
        return d

    return copy
