"""Rule data: the TOML tables in rules/data/ (TLDs, provinces, natures and certificates, materials,
banned words, provider profiles, ...). Every file carries `source` and `as_of` at its top level.

Users can supply newer data without a release: a file of the same name in the directory named by
`BEIAN_DATA_DIR` (or the config key `data_dir`, which the CLI passes to `set_override_dir`) replaces
the bundled one. This module is the only place that reads those files.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

BUNDLED = Path(__file__).with_name("data")
_override: Path | None = None


class DataFileError(Exception):
    """A rule-data file is missing, unreadable or lacks its provenance."""


def set_override_dir(path: str | os.PathLike[str] | None) -> None:
    global _override
    _override = Path(path) if path else None
    load.cache_clear()


def override_dir() -> Path | None:
    if _override is not None:
        return _override
    env = os.environ.get("BEIAN_DATA_DIR")
    return Path(env) if env else None


def path_of(name: str) -> Path:
    """The file that will be used for data set `name` (override first, then the bundled copy)."""
    over = override_dir()
    if over is not None and (over / f"{name}.toml").is_file():
        return over / f"{name}.toml"
    return _bundled(BUNDLED, name)


@lru_cache(maxsize=64)
def _bundled(base: Path, name: str) -> Path:
    return base / f"{name}.toml"


@cache
def load(name: str) -> dict[str, Any]:
    from beiancli import tomlcompat

    path = path_of(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"rule data {name!r}: cannot read {path}: {exc.strerror}") from exc
    try:
        data = tomlcompat.loads(text)
    except tomlcompat.TOMLDecodeError as exc:
        line, col, msg = tomlcompat.error_position(exc, text)
        raise DataFileError(f"rule data {path}:{line}:{col}: {msg}") from exc
    for key in ("source", "as_of"):
        if key not in data:
            raise DataFileError(f"rule data {path}: the top-level key {key!r} is missing")
    data["_path"] = str(path)
    return data
