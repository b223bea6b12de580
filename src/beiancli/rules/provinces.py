"""Province rules (§9.2 matrix) as data: one row of rules/data/province_rules.toml per province.

`row("广东")` is the province's row merged over the file's `[defaults]`, so rules read
`ctx.province_rules.get("subject_pic")` without caring which keys a row leaves out.
"""

from __future__ import annotations

from typing import Any

from beiancli.i18n import Msg
from beiancli.regions import find
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
        _check_person_columns(pid, r)
        out[pid] = {**defaults, **r}
    return out


_CHOICES = {
    "personal_from_elsewhere": {"residence-proof", "local-id-only", "no-cross-province"},
    "age_applies": {"all", "individual", "organisation", "organisation-subject-principal"},
    "local_phone_applies": {"all", "individual", "organisation"},
    "office_landline": {"all", "individual", "organisation"},
}


def _check_person_columns(pid: str, r: dict[str, Any]) -> None:
    """The subject and person columns (rules BA204-BA208, BA602-BA608) hold values those rules know."""
    for key, allowed in _CHOICES.items():
        if key in r and r[key] not in allowed:
            raise DataFileError(f"province_rules: {pid}: {key} must be one of {', '.join(sorted(allowed))}")
    if r.get("subject_pic") == "A" and not r.get("subject_authorisation"):
        raise DataFileError(f"province_rules: {pid}: subject_pic = A needs subject_authorisation = true")
    ages = r.get("retirement_age", {})
    if not isinstance(ages, dict) or set(ages) - {"M", "F"}:
        raise DataFileError(f"province_rules: {pid}: retirement_age takes M and F")
    barred = r.get("barred_cert_types", [])
    if barred:
        unknown = set(barred) - set(load("certificates")["cert_types"])
        if unknown:
            raise DataFileError(f"province_rules: {pid}: unknown certificate types {sorted(unknown)}")


def row(province_id: str | None) -> dict[str, Any]:
    """The province's row over `[defaults]`; just the defaults for an unknown or missing province."""
    found = rows().get(province_id) if province_id else None
    return found if found is not None else dict(load("province_rules").get("defaults", {}))


def site_rules(province_id: str | None) -> dict[str, Any]:
    """The province's row of the [[site_rules]] table of province_rules.toml (the website-family columns:
    max_new_domains_per_order, max_sites_organisation, max_sites_individual, distinct_site_names,
    personal_remark_declaration, languages_declared); {} when the province has none."""
    data = load("province_rules")
    if "_site_rules" not in data:
        rows: dict[str, dict[str, Any]] = {}
        for r in data.get("site_rules", []):
            if r["province"] in rows:
                raise DataFileError(f"province_rules: [[site_rules]] {r['province']} appears twice")
            rows[r["province"]] = {"severity": data.get("defaults", {}).get("severity", "warning"), **r}
        data["_site_rules"] = rows
    return data["_site_rules"].get(province_id or "", {})


def provinces_where(key: str, value: Any = True) -> list[str]:
    """Province ids whose row has `key == value` (e.g. `provinces_where("subject_pic", "A")`)."""
    return [pid for pid, r in rows().items() if r.get(key) == value]


def name(province_id: str | None) -> Msg:
    """A province for messages: its short Chinese name, and its English name in English text."""
    p = find(province_id)
    if p is None:
        return Msg(province_id or "?", province_id or "?")
    return Msg(p.id, p.en)
