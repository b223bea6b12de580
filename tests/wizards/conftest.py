"""Fixtures for driving the wizards in-process with a scripted Asker."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEIAN_NOW", "2026-12-01T10:00:00+08:00")


@pytest.fixture
def history_file(tmp_path: Path) -> Path:
    target = tmp_path / "history.toml"
    shutil.copy(EXAMPLES / "history.toml", target)
    return target


@pytest.fixture
def images(tmp_path: Path) -> dict[str, Path]:
    from PIL import Image

    d = tmp_path / "scans"
    d.mkdir()
    files = {}
    for name, size, colour in (("licence", (1200, 800), (200, 30, 30)), ("id-wang", (1000, 640), (30, 200, 30)),
                               ("id-li", (1000, 640), (30, 30, 200)), ("tiny", (100, 80), (0, 0, 0))):
        p = d / f"{name}.png"
        Image.new("RGB", size, colour).save(p)
        files[name] = p
    text = d / "not-an-image.png"
    text.write_text("this is text, not a PNG")
    files["text"] = text
    return files


def _scripted():
    from beiancli.wizards.asker import ScriptedAsker

    class Scripted(ScriptedAsker):
        """A ScriptedAsker that answers Enter (skip) to the materials' file prompts once the script ends,
        so a test need not know how many items the materials matrix lists for its draft."""

        prompts: list[tuple[str, Any, Any]]

        def text(self, message: str, *, default: Any = None, validate: Any = None, instruction: Any = None) -> str:
            if not hasattr(self, "prompts"):
                self.prompts = []
            self.prompts.append((message, default, instruction))
            return super().text(message, default=default, validate=validate, instruction=instruction)

        def _next(self, message: str) -> Any:
            if not self.answers and message in ("File path", "文件路径"):
                self.asked.append(message)
                return ""
            return super()._next(message)

    return Scripted


@dataclass
class Run:
    code: int | None
    asker: Any
    error: Exception | None

    @property
    def said(self) -> str:
        return "\n".join(self.asker.said)


@pytest.fixture
def drive(capsys: pytest.CaptureFixture[str]):
    """drive(flow, script, history=..., lang=..., **Options) -> Run: the wizard with a scripted Asker."""
    from beiancli.commands._common import begin
    from beiancli.errors import BeianError
    from beiancli.wizards.flows import Options, start

    def run(flow: str, script: list[Any], *, history: Path | None = None, lang: str = "en", **opts: Any) -> Run:
        out, settings = begin(lang=lang, history=history)
        asker = _scripted()(list(script))
        try:
            code = start(out, settings, Options(flow=flow, **opts), asker=asker)
        except BeianError as exc:
            return Run(None, asker, exc)
        assert not asker.answers, f"answers left over: {asker.answers}"
        return Run(code, asker, None)

    return run


@pytest.fixture
def saved():
    """saved(name) -> the Draft saved under that name in the data directory."""
    from beiancli import store

    return lambda name: store.load_draft(store.draft_path(name))
