"""Access-provider profiles (接入商): the names each provider gives the ten filing types (icp-filing.md §1.2, §1.3,
§14.2 P1). Data: rules/data/providers.toml.

- `get(id)` -> Provider with a profile (`tencent`, the default; `aliyun`); anything else is a UsageError that
  lists the known profiles.
- `check_provider(value)` -> the canonical id of a provider named in a history file: a profile id, a provider
  known by name only (`huawei`, `baidu`, ...), either with an account label (`tencent:agency` = another account
  at Tencent Cloud, §1.5). Unknown -> UsageError.
- `known()` -> the profile ids.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from beiancli.i18n import Msg


class Provider(NamedTuple):
    id: str
    name: Msg
    types: dict[str, Msg]
    substitute: dict[str, str]
    source: str
    confidence: str

    def resolve(self, type_id: str) -> str:
        """The type this provider actually files for `type_id` (Alibaba: one-click-access -> access)."""
        return self.substitute.get(type_id, type_id)

    def offers(self, type_id: str) -> bool:
        return type_id in self.types

    def type_name(self, type_id: str) -> Msg:
        return self.types[self.resolve(type_id)]


class _Data(NamedTuple):
    profiles: dict[str, Provider]
    others: dict[str, Msg]
    aliases: dict[str, str]
    default: str


@cache
def _data(path: str) -> _Data:
    from beiancli.rules.data import load

    raw: dict[str, Any] = load("providers")
    profiles: dict[str, Provider] = {}
    aliases: dict[str, str] = {}
    for pid, p in raw["providers"].items():
        profiles[pid] = Provider(
            id=pid,
            name=Msg(p["zh"], p["en"]),
            types={t: Msg(v["zh"], v["en"]) for t, v in p["types"].items()},
            substitute=dict(p.get("substitute", {})),
            source=p["source"],
            confidence=p.get("confidence", "M"),
        )
        for a in p.get("aliases", []):
            aliases[a.lower()] = pid
    others = {pid: Msg(v["zh"], v["en"]) for pid, v in raw.get("others", {}).items()}
    return _Data(profiles, others, aliases, raw.get("default", "tencent"))


def _d() -> _Data:
    from beiancli.rules.data import path_of

    return _data(str(path_of("providers")))


def known() -> list[str]:
    """Ids of the providers with a full profile (what --provider accepts)."""
    return list(_d().profiles)


def default() -> str:
    return _d().default


def split(value: str) -> tuple[str, str | None]:
    """'tencent:agency' -> ('tencent', 'agency'); 'Tencent' -> ('tencent', None). Aliases resolved."""
    base, _, label = value.strip().partition(":")
    base = base.strip().lower()
    base = _d().aliases.get(base, base)
    return base, (label.strip() or None)


def _unknown(value: str) -> Exception:
    from beiancli.errors import UsageError

    profiles = ", ".join(known())
    names = ", ".join([*known(), *_d().others])
    return UsageError(
        Msg(f"未知的接入商 {value!r}（可用的接入商配置：{profiles}；历史文件中还可写：{names}）",
            f"unknown provider {value!r} (profiles: {profiles}; history files may also name: {names})"),
    )


def get(provider_id: str | None) -> Provider:
    """The profile of `provider_id` (None -> the default)."""
    d = _d()
    if provider_id is None:
        return d.profiles[d.default]
    base, _label = split(provider_id)
    if base in d.profiles:
        return d.profiles[base]
    raise _unknown(provider_id)


def check_provider(value: str) -> str:
    """The canonical form of a provider named in a history file ('tencent', 'tencent:agency', 'huawei'), or
    UsageError listing the known ones."""
    base, label = split(value)
    d = _d()
    if base not in d.profiles and base not in d.others:
        raise _unknown(value)
    return f"{base}:{label}" if label else base


def display_name(value: str) -> Msg:
    """'腾讯云' / 'Tencent Cloud' for 'tencent'; with an account label: '腾讯云（账号 agency）'."""
    base, label = split(value)
    d = _d()
    name = d.profiles[base].name if base in d.profiles else d.others.get(base, Msg(base, base))
    if label:
        return Msg(f"{name.zh}（账号 {label}）", f"{name.en} (account {label})")
    return name
