"""Which province is which: look a province up by any name people write (广东, 广东省, Guangdong, 粤, 44).

Data: rules/data/provinces.toml (the only place that lists the 31 provinces).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Province:
    id: str  # short Chinese name, e.g. 广东 — the value drafts and history files store
    code: str  # GB/T 2260 2-digit prefix, e.g. 44
    full_name: str
    en: str
    icp_abbr: str
    review_limit_wd: int


@cache
def provinces() -> tuple[Province, ...]:
    from beiancli.rules.data import load

    return tuple(
        Province(p["id"], p["code"], p["full_name"], p["en"], p["icp_abbr"], int(p["review_limit_wd"]))
        for p in load("provinces")["provinces"]
    )


@cache
def _index() -> dict[str, Province]:
    idx: dict[str, Province] = {}
    for p in provinces():
        for key in (p.id, p.full_name, p.en.lower(), p.en.lower().replace(" ", ""), p.icp_abbr, p.code):
            idx[key] = p
    return idx


def find(text: str | None) -> Province | None:
    """The province named by `text`, or None."""
    if not text:
        return None
    key = text.strip()
    idx = _index()
    return idx.get(key) or idx.get(key.lower()) or idx.get(key.lower().replace(" ", ""))


def by_id_prefix(number: str) -> Province | None:
    """Province of a resident ID / division code from its first two digits."""
    return _index().get(number[:2]) if len(number) >= 2 and number[:2].isdigit() else None


def names() -> list[str]:
    return [p.id for p in provinces()]
