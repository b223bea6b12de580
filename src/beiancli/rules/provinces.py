"""Province rules (§9.2 matrix) as data: one row of rules/data/province_rules.toml per province.

`row("广东")` is the province's row merged over the file's `[defaults]`, so rules read
`ctx.province_rules.get("subject_pic")` without caring which keys a row leaves out.
"""

from __future__ import annotations

from typing import Any

from beiancli.rules.data import DataFileError, load

SUBJECT_PIC = {"L": "legal representative only", "A": "another person with an authorisation letter", "F": "anyone"}


def rows() -> dict[str, dict[str, Any]]:
    """Every province's row (merged over `[defaults]`), built once per loaded data file."""
    data = load("province_rules")
    if "_rows" not in data:
        data["_rows"] = _build(data)
    return data["_rows"]


def _build(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    defaults = dict(data.get("defaults", {}))
    out: dict[str, dict[str, Any]] = {}
    for r in data["provinces"]:
        pid = r["province"]
        if pid in out:
            raise DataFileError(f"province_rules: {pid} appears twice")
        if r.get("subject_pic", "F") not in SUBJECT_PIC:
            raise DataFileError(f"province_rules: {pid}: subject_pic must be L, A or F")
        out[pid] = {**defaults, **r}
    return out


def row(province_id: str | None) -> dict[str, Any]:
    """The province's row over `[defaults]`; just the defaults for an unknown or missing province."""
    found = rows().get(province_id) if province_id else None
    return found if found is not None else dict(load("province_rules").get("defaults", {}))


def provinces_where(key: str, value: Any = True) -> list[str]:
    """Province ids whose row has `key == value` (e.g. `provinces_where("subject_pic", "A")`)."""
    return [pid for pid, r in rows().items() if r.get(key) == value]
