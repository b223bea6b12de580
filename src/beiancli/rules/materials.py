"""Materials (备案材料, §7): which documents a filing needs, and whether the files a draft lists are usable.

- `requirements(filing_type, nature, province, draft)` reads the matrix in rules/data/materials.toml. Without a
  draft, conditional items are listed with their condition ("if the principal is not the legal
  representative"); with a draft the conditions are decided and per-site items are expanded per website.
- `check_file(path, requirement, provider)` looks at one file: it exists, its *content* is JPEG / PNG / PDF
  (magic bytes, not the extension), the format is allowed for the item, the size is under the strictest cap
  (warning) and the provider's cap (error), the pixel size is within bounds. Pillow is imported only to
  read an image's size. `probe(path)` caches what is read per (path, size, mtime), so a file named by many
  drafts is read once per process.
- `duplicates(draft, base_dir)` finds the same content uploaded as two different documents.

Rules BA501-BA506 (rules/materials_rules.py) and `beian checklist` are built on these.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beiancli.i18n import Msg
from beiancli.rules.data import DataFileError, load

if TYPE_CHECKING:
    from beiancli.models import Draft
    from beiancli.rules.base import Context, Severity
# rules.base (the lint engine's dataclasses) is imported where it is used: `check-domain` lists the matrix
# without a draft and should not pay for the engine (benchmarks/startup.sh).


# -- the matrix --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Requirement:
    kind: str
    """Item id, what a draft's `[[materials]] kind` names (e.g. "site-principal-id")."""
    name: Msg
    spec: Msg
    """What the file must look like."""
    formats: tuple[str, ...]
    per_site: bool
    condition: Msg | None
    """Set when the item is needed only under a condition that was not decided (no draft given)."""
    severity: Severity
    source: str
    skippable: bool = False
    site: int | None = None
    """For a draft: the website index a per-site item belongs to."""
    as_of: str = ""


@dataclass(frozen=True)
class Condition:
    text: Msg
    test: Callable[[Context, int | None], bool | None]
    """(ctx, site index or None) -> True / False / None (cannot tell yet: treated as not needed)."""
    per_site: bool = False


def _principal_not_legal_rep(ctx: Context, _site: int | None) -> bool | None:
    v = ctx.principal_is_legal_rep
    return None if v is None else not v


def _site_principal_not_legal_rep(ctx: Context, site: int | None) -> bool | None:
    from beiancli.rules.base import is_legal_rep

    if site is None:
        return None
    person = ctx.draft.websites[site].principal
    if person is None:
        return None
    v = is_legal_rep(person, ctx.draft.subject.legal_representative)
    return None if v is None else not v


def _id_info(ctx: Context) -> Any:
    s = ctx.draft.subject
    if not s.cert_type or not s.cert_number:
        return None
    return ctx.cert(s.cert_type, s.cert_number)


def _outside_id_province(ctx: Context, _site: int | None) -> bool | None:
    info = _id_info(ctx)
    if info is None or not info.province or ctx.province_id is None:
        return None
    return info.province != ctx.province_id


def _preapproval_ticked(ctx: Context, site: int | None) -> bool | None:
    return None if site is None else bool(ctx.draft.websites[site].preapprovals)


def _renamed(ctx: Context, _site: int | None) -> bool | None:
    return bool(ctx.draft.subject.former_names)


def _finance_related(ctx: Context, _site: int | None) -> bool | None:
    keywords = load("materials").get("keywords", {})
    words, not_words = keywords.get("finance", []), keywords.get("finance_not", [])
    texts = [ctx.draft.subject.business_scope or "", ctx.draft.subject.name or ""]
    texts += [w.name or "" for w in ctx.draft.websites]
    for nw in not_words:  # 基金会 (a foundation) holds 基金 but is no fund
        texts = [t.replace(nw, "\u3000") for t in texts]
    return any(word in t for word in words for t in texts)


def _age(ctx: Context, cert_type: str | None, number: str | None) -> int | None:
    from beiancli import ids

    if not cert_type or not number:
        return None
    info = ctx.cert(cert_type, number)
    if info is None:
        return None
    return ids.person_age(info.birth_date, ctx.submission_date) if info.birth_date else None


def _site_principal_under_18(ctx: Context, site: int | None) -> bool | None:
    if site is None or ctx.draft.websites[site].principal is None:
        return None
    p = ctx.draft.websites[site].principal
    age = _age(ctx, p.cert_type, p.cert_number)
    return None if age is None else age < 18


def _individual_16_to_18(ctx: Context, _site: int | None) -> bool | None:
    s = ctx.draft.subject
    age = _age(ctx, s.cert_type, s.cert_number)
    return None if age is None else 16 <= age < 18


CONDITIONS: dict[str, Condition] = {
    "principal-not-legal-rep": Condition(
        Msg("主体负责人不是法定代表人", "the subject's principal is not the legal representative"), _principal_not_legal_rep
    ),
    "site-principal-not-legal-rep": Condition(
        Msg("网站负责人不是法定代表人", "the website's principal is not the legal representative"),
        _site_principal_not_legal_rep,
        per_site=True,
    ),
    "individual-outside-id-province": Condition(
        Msg("个人的证件不是备案省份签发的", "the individual's ID is from another province"), _outside_id_province
    ),
    "preapproval-ticked": Condition(
        Msg("网站勾选了前置审批项", "the website ticks a pre-approval item"), _preapproval_ticked, per_site=True
    ),
    "renamed": Condition(Msg("主体曾更名", "the subject was renamed"), _renamed),
    "finance-related": Condition(Msg("涉及金融业务", "the subject or a site is finance-related"), _finance_related),
    "site-principal-under-18": Condition(
        Msg("网站负责人未满 18 周岁", "the website's principal is under 18"), _site_principal_under_18, per_site=True
    ),
    "individual-16-to-18": Condition(
        Msg("个人备案者为 16-18 周岁", "the individual filer is 16-17 years old"), _individual_16_to_18
    ),
}


def _items() -> list[dict[str, Any]]:
    data = load("materials")
    if "_checked" not in data:
        specs = data.get("specs", {})
        seen = set()
        for item in data["items"]:
            if item["id"] in seen:
                raise DataFileError(f"materials: item {item['id']!r} appears twice")
            seen.add(item["id"])
            if item["spec"] not in specs:
                raise DataFileError(f"materials: item {item['id']!r} names an unknown spec {item['spec']!r}")
            cond = item.get("when", {}).get("condition")
            if cond and cond not in CONDITIONS:
                raise DataFileError(f"materials: item {item['id']!r} names an unknown condition {cond!r}")
        data["_checked"] = True
    return data["items"]


def item_ids() -> list[str]:
    return list(item_index())


def _severity(text: str) -> Severity:
    from beiancli.rules.base import Severity

    return Severity(text)


def _requirement(item: dict[str, Any], *, condition: Msg | None = None, site: int | None = None) -> Requirement:
    cache = load("materials").setdefault("_requirements", {})
    key = (item["id"], condition, site)
    if key not in cache:
        cache[key] = _make_requirement(item, condition, site)
    return cache[key]


def _make_requirement(item: dict[str, Any], condition: Msg | None, site: int | None) -> Requirement:
    spec = load("materials")["specs"][item["spec"]]
    return Requirement(
        kind=item["id"],
        name=Msg(item["zh"], item["en"]),
        spec=Msg(spec["zh"], spec["en"]),
        formats=tuple(spec["formats"]),
        per_site=bool(item.get("per_site", False)),
        condition=condition,
        severity=_severity(item.get("severity", "error")),
        source=item["source"],
        skippable=bool(item.get("skippable", False)),
        site=site,
        as_of=str(item.get("as_of", "")),
    )


def _static_match(when: dict[str, Any], filing_type: str, kind: str | None, province: str | None) -> bool:
    if filing_type not in when.get("types", [filing_type]):
        return False
    if "kinds" in when and kind is not None and kind not in when["kinds"]:
        return False
    if "provinces" in when and province not in when["provinces"]:
        return False
    if province in when.get("provinces_not", []):
        return False
    if "province_rule" in when:
        if province is None:
            return False
        from beiancli.rules.provinces import row

        r = row(province)
        if any(r.get(k) != v for k, v in when["province_rule"].items()):
            return False
    return True


def requirements(
    filing_type: str, nature: str | None = None, province: str | None = None, draft: Draft | None = None
) -> list[Requirement]:
    """The materials a filing needs. With a draft, its type, nature and province are used and conditions
    are decided; without, items that depend on a condition carry it in `condition`."""
    if draft is not None:
        import datetime as dt

        from beiancli.rules.base import Context

        return requirements_for(Context(draft=draft, today=dt.date.today()))
    from beiancli.regions import find

    kind = None
    if nature:
        from beiancli import ids

        n = ids.natures().get(nature)
        kind = n.kind if n else ("individual" if nature == "individual" else None)
    prov = find(province)
    out = []
    for item in _items():
        when = item.get("when", {})
        if "kinds" in when and kind is None:
            continue  # organisation-only or individual-only items need the nature
        if not _static_match(when, filing_type, kind, prov.id if prov else None):
            continue
        cond = when.get("condition")
        out.append(_requirement(item, condition=CONDITIONS[cond].text if cond else None))
    return out


def _compiled_candidates(
    filing_type: str, kind: str | None, province: str | None
) -> list[tuple[dict[str, Any], Condition | None, bool, Requirement]]:
    """(item, its condition or None, per_site, its Requirement without a site) for each item whose type, kind and
    province filters match, once per combination and data file: requirements_for() asks for every draft."""
    cache = load("materials").setdefault("_candidates", {})
    key = (filing_type, kind, province)
    if key not in cache:
        cache[key] = [
            (item, CONDITIONS.get(item.get("when", {}).get("condition", "")), bool(item.get("per_site")),
             _requirement(item))
            for item in _items()
            if not ("kinds" in item.get("when", {}) and kind not in item["when"]["kinds"])
            and _static_match(item.get("when", {}), filing_type, kind, province)
        ]
    return cache[key]


def item_index() -> dict[str, dict[str, Any]]:
    data = load("materials")
    if "_index" not in data:
        data["_index"] = {item["id"]: item for item in _items()}
    return data["_index"]


def requirements_for(ctx: Context) -> list[Requirement]:
    """The materials this draft needs, conditions decided, per-site items once per website."""
    d = ctx.draft
    out = []
    for item, cond, per_site, req in _compiled_candidates(d.filing_type, ctx.subject_kind, ctx.province_id):
        if per_site:
            for i in range(len(d.websites)):
                if cond is None or cond.test(ctx, i):
                    out.append(_requirement(item, site=i))
        elif cond is None or cond.test(ctx, None):
            out.append(req)
    return out


# -- files ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileFacts:
    path: Path
    exists: bool
    is_file: bool = False
    size: int = 0
    format: str | None = None
    """"jpeg", "png", "pdf" by content; None = something else."""
    width: int | None = None
    height: int | None = None
    error: str | None = None
    """Why the file could not be read or decoded."""
    _digest: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def sha256(self) -> str | None:
        if not self.is_file or self.error:
            return None
        if not self._digest:
            import hashlib  # OpenSSL's loader costs ~4 ms: only when a digest is wanted (not on check-domain)

            h = hashlib.sha256()
            with open(self.path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            self._digest.append(h.hexdigest())
        return self._digest[0]


_MAGIC = ((b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"%PDF-", "pdf"))
_cache: dict[tuple[str, int, int], FileFacts] = {}


def sniff(head: bytes) -> str | None:
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    return None


def probe(path: str | os.PathLike[str]) -> FileFacts:
    """What a material file is, read once per process for each (path, size, mtime): a file that many
    drafts name costs one stat per draft."""
    return _probe(_absolute(path) if isinstance(path, str) and path.startswith("/") else os.path.abspath(path))


def probe_in(base: str | None, relpath: str) -> FileFacts:
    """`probe(os.path.join(base or the working directory, relpath))`; for an absolute `base` the joined, absolute
    name is kept per (base, relpath): a batch names the same material paths from the same directory draft after
    draft."""
    if base is not None and base.startswith("/"):
        return _probe(_joined(base, relpath))
    return probe(os.path.join(base or os.getcwd(), relpath))


@lru_cache(maxsize=4096)
def _joined(base: str, relpath: str) -> str:
    """os.path.abspath(os.path.join(base, relpath)) for an absolute `base`: a normpath, which depends on nothing
    else (not the working directory)."""
    return os.path.abspath(os.path.join(base, relpath))


def _probe(name: str) -> FileFacts:
    """probe() of an absolute, normalised name."""
    try:
        st = os.stat(name)
    except FileNotFoundError:
        return FileFacts(Path(name), exists=False)
    except OSError as exc:
        return FileFacts(Path(name), exists=False, error=exc.strerror)
    except ValueError:  # a NUL character: no file can have that name
        return FileFacts(Path(name), exists=False, error="NUL character in the path")
    if not stat.S_ISREG(st.st_mode):
        return FileFacts(Path(name), exists=True, is_file=False)
    key = (name, st.st_size, st.st_mtime_ns)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    facts = _read(Path(name), st.st_size)
    _cache[key] = facts
    return facts


@lru_cache(maxsize=4096)
def _absolute(path: str) -> str:
    """os.path.abspath of an absolute path: its normpath, which depends on nothing else (not the working
    directory), so it is kept: a batch probes the same material paths draft after draft."""
    return os.path.abspath(path)


def _read(path: Path, size: int) -> FileFacts:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return FileFacts(path, exists=True, is_file=True, size=size, error=exc.strerror)
    fmt = sniff(head)
    width = height = None
    error = None
    if fmt in ("jpeg", "png"):
        try:
            from PIL import Image

            with Image.open(path) as im:
                width, height = im.size
        except Exception as exc:  # any decoder failure means "not a usable image"
            error = f"{type(exc).__name__}: {exc}"
    return FileFacts(path, exists=True, is_file=True, size=size, format=fmt, width=width, height=height, error=error)


@dataclass(frozen=True)
class FileProblem:
    code: str
    """missing | not-a-file | unreadable | format | corrupt | too-large | over-cap | too-small-pixels |
    too-large-pixels"""
    severity: Severity
    data: dict[str, Any]


def upload_limits(provider: str | None) -> dict[str, Any]:
    """The [upload] table with `cap_bytes` for the provider (its own cap, else `default`)."""
    data = load("materials")
    cache = data.setdefault("_limits", {})
    if provider not in cache:
        up = data["upload"]
        caps = up.get("provider_cap_bytes", {})
        cache[provider] = {**up, "cap_bytes": caps.get(provider or "default", caps.get("default"))}
    return cache[provider]


def check_file(path: Path, requirement: Requirement | None = None, provider: str | None = None) -> list[FileProblem]:
    """Problems of one material file (empty list = usable). Without a requirement, images and PDF pass."""
    facts = probe(path)
    return check_facts(facts, requirement, provider)


def check_facts(facts: FileFacts, requirement: Requirement | None, provider: str | None) -> list[FileProblem]:
    from beiancli.rules.base import Severity

    E, W = Severity.ERROR, Severity.WARNING
    name = facts.path.name
    if not facts.exists:
        return [FileProblem("missing", E, {"file": name})]
    if not facts.is_file:
        return [FileProblem("not-a-file", E, {"file": name})]
    if facts.error and facts.format is None:
        return [FileProblem("unreadable", E, {"file": name, "detail": facts.error})]
    allowed = requirement.formats if requirement else ("jpeg", "png", "pdf")
    problems: list[FileProblem] = []
    if facts.format is None or facts.format not in allowed:
        found = facts.format or "unknown"
        problems.append(FileProblem("format", E, {"file": name, "found": found, "allowed": "/".join(allowed)}))
    elif facts.error:
        problems.append(FileProblem("corrupt", E, {"file": name, "detail": facts.error}))
    lim = upload_limits(provider)
    mb = round(facts.size / 1_048_576, 1)
    if lim["cap_bytes"] and facts.size > lim["cap_bytes"]:
        problems.append(FileProblem("over-cap", E, {"file": name, "mb": mb, "cap_mb": lim["cap_bytes"] / 1_048_576,
                                                    "provider": provider or "default"}))
    elif facts.size > lim["warn_bytes"]:
        problems.append(FileProblem("too-large", W, {"file": name, "mb": mb, "cap_mb": lim["warn_bytes"] / 1_048_576,
                                                     "provider": "strictest"}))
    if facts.width and facts.height:
        dims = {"file": name, "width": facts.width, "height": facts.height}
        if facts.width < lim["min_width"] or facts.height < lim["min_height"]:
            problems.append(FileProblem("too-small-pixels", W, {**dims, "bound": f"{lim['min_width']}×{lim['min_height']}"}))
        elif facts.width > lim["max_width"] or facts.height > lim["max_height"]:
            problems.append(FileProblem("too-large-pixels", W, {**dims, "bound": f"{lim['max_width']}×{lim['max_height']}"}))
    return problems


def duplicates(
    draft: Draft, base_dir: Path | None = None, *, facts_of: Callable[[str], FileFacts] | None = None
) -> Iterator[tuple[int, int]]:
    """(index, index of the earlier material) for materials whose files have the same content, except
    kinds that may share a file (`[duplicates] same_content_ok`). `facts_of(relpath)` probes a material
    path relative to `base_dir` (the lint context's per-draft cache, `Context.file`); default: `probe`."""
    data = load("materials")
    group_of = data.get("_duplicate_group_of")  # kind -> its group number, once per loaded materials data
    if group_of is None:
        groups = data.get("duplicates", {}).get("same_content_ok", [])
        group_of = data["_duplicate_group_of"] = {kind: n for n, g in enumerate(groups) for kind in g}
    base = base_dir or Path.cwd()
    first: dict[str, list[int]] = {}
    for i, m in enumerate(draft.materials):
        if m.skipped or not m.path:
            continue
        facts = facts_of(m.path) if facts_of is not None else probe(os.path.join(base, m.path))
        digest = facts.sha256 if facts.exists else None
        if digest is None:
            continue
        for j in first.get(digest, []):
            other = draft.materials[j]
            same_group = m.kind in group_of and group_of.get(other.kind) == group_of[m.kind]
            if not same_group and not (m.kind == other.kind and m.site != other.site):
                yield i, j
                break
        first.setdefault(digest, []).append(i)
