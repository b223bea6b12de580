"""Where beiancli keeps its files, and the settings every command starts from.

Paths (README "Where data lives"):
- `BEIAN_HOME` set: everything lives under it — `$BEIAN_HOME/drafts/`, `$BEIAN_HOME/history.toml`,
  `$BEIAN_HOME/config.toml`. Tests and agencies with several clients use it for isolation.
- otherwise platformdirs: the user data dir (drafts, history) and the user config dir (config.toml).

Settings, highest first (DESIGN §3): command-line flags > environment (`BEIAN_LANG`, `BEIAN_PROVIDER`,
`BEIAN_HISTORY`, `BEIAN_DATA_DIR`) > project config (`beian.toml`, or `[tool.beian]` in `pyproject.toml`, in the
current directory or the nearest parent) > user config (`config.toml`) > defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

APP = "beiancli"

CONFIG_KEYS = {
    "lang": str,
    "provider": str,
    "history": str,
    "data_dir": str,
    "fail_on": str,
    "format": str,
    "select": list,
    "ignore": list,
    "severity": dict,
    "show_pii": bool,
    "province": str,
}


def home() -> Path:
    env = os.environ.get("BEIAN_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get("BEIAN_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def drafts_dir() -> Path:
    return home() / "drafts"


def default_history_path() -> Path:
    return home() / "history.toml"


def user_config_path() -> Path:
    return config_dir() / "config.toml"


@dataclass(frozen=True)
class Settings:
    lang: str | None = None
    provider: str = "tencent"
    history: str | None = None
    data_dir: str | None = None
    fail_on: str = "error"
    format: str = "auto"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    """Lint severity overrides: rule id or name -> error | warning | info | off (`[severity]` table)."""
    show_pii: bool = False
    province: str | None = None
    sources: tuple[str, ...] = ()
    """Config files that contributed, for `--verbose` style diagnostics."""

    def history_path(self) -> Path:
        return Path(self.history).expanduser() if self.history else default_history_path()

    def merged(self, values: dict[str, Any], source: str | None = None) -> Settings:
        clean = {k: v for k, v in values.items() if v is not None and k in CONFIG_KEYS}
        new = replace(self, **clean)
        if source:
            new = replace(new, sources=(*self.sources, source))
        return new


def _read_toml(path: Path) -> dict[str, Any]:
    """A config file's tables; errors (not UTF-8, not TOML, with line and column) as store reports them."""
    from beiancli.i18n import Msg
    from beiancli.store import read_toml

    return read_toml(path, what=Msg("配置文件", "config file")).data


def _check_keys(values: dict[str, Any], path: Path, prefix: str = "") -> dict[str, Any]:
    from beiancli.errors import InputError, Location
    from beiancli.i18n import Msg

    out: dict[str, Any] = {}
    for key, value in values.items():
        norm = key.replace("-", "_")
        if norm not in CONFIG_KEYS:
            known = ", ".join(sorted(CONFIG_KEYS))
            raise InputError(
                Msg(f"未知的配置项 {prefix}{key}（可用：{known}）", f"unknown setting {prefix}{key} (known: {known})"),
                location=Location(file=str(path), field=f"{prefix}{key}"),
            )
        typ = CONFIG_KEYS[norm]
        if typ is list and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, typ):
            raise InputError(
                Msg(f"配置项 {prefix}{key} 应为 {typ.__name__}", f"setting {prefix}{key} must be a {typ.__name__}"),
                location=Location(file=str(path), field=f"{prefix}{key}"),
            )
        if norm in ("history", "data_dir") and "\x00" in value:
            raise InputError(
                Msg(f"配置项 {prefix}{key} 应为路径，不能含 NUL 字符", f"setting {prefix}{key} must be a path (it has a NUL character)"),
                location=Location(file=str(path), field=f"{prefix}{key}"),
            )
        out[norm] = value
    return out


def find_project_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest `beian.toml` (whole file) or `pyproject.toml` with `[tool.beian]`, from `start` upwards."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:  # the working directory was removed under us: there is no project config to find
        return None
    for directory in (here, *here.parents):
        candidate = directory / "beian.toml"
        if candidate.is_file():
            return candidate, _check_keys(_read_toml(candidate), candidate)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            section = data.get("tool", {}).get("beian")
            if isinstance(section, dict):
                return pyproject, _check_keys(section, pyproject, "tool.beian.")
        if (directory / ".git").exists():
            break
    return None


def load(flags: dict[str, Any] | None = None, *, cwd: Path | None = None) -> Settings:
    settings = Settings()
    user = user_config_path()
    if user.is_file():
        settings = settings.merged(_check_keys(_read_toml(user), user), str(user))
    project = find_project_config(cwd)
    if project:
        path, values = project
        if "history" in values and not Path(values["history"]).is_absolute():
            values["history"] = str(path.parent / values["history"])
        if "data_dir" in values and not Path(values["data_dir"]).is_absolute():
            values["data_dir"] = str(path.parent / values["data_dir"])
        settings = settings.merged(values, str(path))
    env = {
        "lang": os.environ.get("BEIAN_LANG"),
        "provider": os.environ.get("BEIAN_PROVIDER"),
        "history": os.environ.get("BEIAN_HISTORY"),
        "data_dir": os.environ.get("BEIAN_DATA_DIR"),
    }
    settings = settings.merged(env)
    if flags:
        settings = settings.merged(flags)
    if settings.data_dir:
        from beiancli.rules import data

        data.set_override_dir(settings.data_dir)
    return settings


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings) if f.name != "sources"]
