"""Is this suffix one MIIT approved, and is it reserved for some subject natures? (icp-filing.md §3.1, §3.5, §3.6)

Data: rules/data/tlds.toml (dated groups, each with its source). Pure: no printing, no I/O beyond the data load.

- `status(domain, province=None)` -> TldStatus: "approved" | "not-approved" | "unknown". Unknown TLDs are a
  warning, never a block (§3.6 policy); explicit not-fileable TLDs and foreign country codes are blocked.
  A province overlay (Beijing, §3.6) narrows the list when the subject's province is known.
- `reserved(domain)` -> Reserved | None: `.gov.cn` / `.政务` for party and government bodies, `.公益` for
  non-profits, `.edu.cn` for education (uncertain: warning only), ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.domains import DomainInfo

APPROVED = "approved"
NOT_APPROVED = "not-approved"
UNKNOWN = "unknown"

BLOCKING_CONFIDENCE = ("H", "M")  # §0.1: H may back an error; M is warning by default, but the brief makes
# the documented M reservations (MIIT announcement + provider pages) blocking; L and derived-weaker only warn.


class TldStatus(NamedTuple):
    status: str
    suffix: str  # the list entry that decided (e.g. "com.cn", "com", "io"), or the TLD when unknown
    reason: Msg
    source: str
    as_of: str
    confidence: str
    group: str | None = None
    warnings: tuple[Msg, ...] = ()

    @property
    def approved(self) -> bool | None:
        return {APPROVED: True, NOT_APPROVED: False}.get(self.status)


class Reserved(NamedTuple):
    id: str
    suffix: str
    natures: tuple[str, ...]
    label: Msg
    confidence: str
    source: str
    as_of: str

    @property
    def blocking(self) -> bool:
        return self.confidence in BLOCKING_CONFIDENCE

    def allows(self, nature: str | None) -> bool | None:
        """True / False for a known nature, None when the nature is unknown."""
        if not nature:
            return None
        return nature in self.natures


class _Tables(NamedTuple):
    approved: dict[str, dict[str, Any]]  # suffix -> group
    not_approved: dict[str, dict[str, Any]]
    reserved: dict[str, dict[str, Any]]
    provinces: dict[str, dict[str, Any]]
    raw: dict[str, Any]


def _build(raw: dict[str, Any]) -> _Tables:
    approved = {s: g for g in raw.get("approved", []) for s in g["suffixes"]}
    not_approved = {s: g for g in raw.get("not_approved", []) for s in g["suffixes"]}
    reserved = {s: g for g in raw.get("reserved", []) for s in g["suffixes"]}
    return _Tables(approved, not_approved, reserved, raw.get("provinces", {}), raw)


def tables() -> _Tables:
    """The suffix tables, built once per loaded tlds.toml and kept with it (a lint run asks ~2 times per
    domain)."""
    from beiancli.rules.data import load

    raw = load("tlds")
    if "_tables" not in raw:
        raw["_tables"] = _build(raw)
    return raw["_tables"]


def data_as_of() -> str:
    return str(tables().raw["as_of"])


def _candidates(suffix: str) -> list[str]:
    labels = suffix.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


def _fmt(zh: str, en: str, **data: Any) -> Msg:
    return Msg(zh, en).fill(**data)


def _from_group(status: str, entry: str, group: dict[str, Any], tld: str) -> TldStatus:
    if status == APPROVED:
        reason = _fmt("后缀 .{s} 在{list}中", "the suffix .{s} is on {list_en}", s=entry, list=group["zh"], list_en=group["en"])
    else:
        reason = _fmt(group["zh"], group["en"], tld=entry)
    return TldStatus(status, entry, reason, group["source"], str(group["as_of"]), group["confidence"], group.get("id"))


def _memo_for(t: _Tables) -> dict[Any, Any]:
    """Answers of status()/reserved() for the current tables (kept with them: a reload starts afresh): pure
    functions of the suffix, the TLD and the province, asked for every domain of every draft. Bounded."""
    memo = t.raw.setdefault("_answers", {})
    if len(memo) > 4096:
        memo.clear()
    return memo


def status(domain: DomainInfo, province: str | None = None) -> TldStatus:
    """The approval status of the domain's public suffix (longest list entry wins), with a province overlay."""
    t = tables()
    memo = _memo_for(t)
    key = ("status", domain.suffix, domain.tld, province)
    if key not in memo:
        memo[key] = _status(t, domain, province)
    return memo[key]


def _status(t: _Tables, domain: DomainInfo, province: str | None) -> TldStatus:
    tld = domain.tld
    result: TldStatus | None = None
    for cand in _candidates(domain.suffix):
        if cand in t.approved:
            result = _from_group(APPROVED, cand, t.approved[cand], tld)
            break
        if cand in t.not_approved:
            result = _from_group(NOT_APPROVED, cand, t.not_approved[cand], tld)
            break
    if result is None:
        if tld.isascii() and len(tld) == 2:
            g = t.raw["foreign_cctld"]
            result = TldStatus(NOT_APPROVED, tld, _fmt(g["zh"], g["en"], tld=tld), g["source"], data_as_of(), g["confidence"], "foreign-cctld")
        else:
            g = t.raw["unknown"]
            result = TldStatus(UNKNOWN, tld, _fmt(g["zh"], g["en"], tld=domain.suffix, as_of=data_as_of()),
                               "icp-filing.md §3.6 policy: unknown TLD -> warning", data_as_of(), "derived", None,
                               (_fmt(g["zh"], g["en"], tld=domain.suffix, as_of=data_as_of()),))
    if province and province in t.provinces:
        result = _overlay(result, t.provinces[province], tld, t)
    return result


def _overlay(result: TldStatus, prov: dict[str, Any], tld: str, t: _Tables) -> TldStatus:
    listed = tld in prov.get("fileable", []) or (prov.get("chinese_idn") and not tld.isascii() and tld in t.approved)
    if tld in prov.get("not_fileable", []):
        return TldStatus(NOT_APPROVED, tld, _fmt(prov["zh_blocked"], prov["en_blocked"], tld=tld), prov["source"],
                         str(prov["as_of"]), prov["confidence"], "province")
    if result.status == UNKNOWN and listed:
        reason = _fmt("后缀 .{s} 在北京管局 2019-01-01 的可备案后缀列表中", "the suffix .{s} is on Beijing's list of fileable suffixes (2019-01-01)", s=tld)
        return TldStatus(APPROVED, tld, reason, prov["source"], str(prov["as_of"]), prov["confidence"], "province")
    if result.status == APPROVED and not listed:
        warn = _fmt(prov["zh_unlisted"], prov["en_unlisted"], tld=tld)
        return TldStatus(result.status, result.suffix, result.reason, result.source, result.as_of, result.confidence,
                         result.group, (*result.warnings, warn))
    return result


def reserved(domain: DomainInfo) -> Reserved | None:
    """The nature reservation of the domain's suffix (`gov.cn`, `政务`, `公益`, `edu.cn`, ...), if any."""
    t = tables()
    memo = _memo_for(t)
    key = ("reserved", domain.suffix)
    if key not in memo:
        memo[key] = _reserved(t, domain)
    return memo[key]


def _reserved(t: _Tables, domain: DomainInfo) -> Reserved | None:
    for cand in _candidates(domain.suffix):
        g = t.reserved.get(cand)
        if g is not None:
            return Reserved(g["id"], cand, tuple(g["natures"]), Msg(g["zh"], g["en"]), g["confidence"], g["source"],
                            str(g["as_of"]))
    return None


def punycode_table() -> dict[str, str]:
    return dict(tables().raw.get("idn_punycode", {}))
