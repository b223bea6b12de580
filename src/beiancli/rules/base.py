"""The lint engine's vocabulary: `Severity`, `Finding`, `Rule`, `Context`.

A rule is a small pure function `check(ctx) -> Iterable[Finding]` plus its `Rule(...)` declaration (id, name,
family, default severity, where it applies, zh/en message and suggestion templates, source, confidence). Rules
yield *data*, never sentences: a `Finding` names the rule, the field path it is about and the values the
templates need (`{name}`, `{days}` ...). The renderers fill the templates in the user's language and mask
personal data.

`Context` is everything a rule may look at: the draft, the history (or None), the date the filing will be
submitted, the provider profile and the province's rule row — plus derived facts computed once per draft
(subject kind, "the principal is the legal representative", the persons of the filing). It does no I/O
except loading rule data through `beiancli.rules.data.load`; reading material files goes through
`ctx.file(path)` (a cached probe, see rules/materials.py), so the wizard and validate share it.

Severity follows the confidence of the rule's source (icp-filing.md §0.1): H may back an error; M is a
warning by default; L is advice (info). Province rows (§9) are warnings by default (§9.1).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import Draft, History, Person

FAMILIES: tuple[str, ...] = (
    "completeness",
    "domain",
    "subject",
    "person",
    "website",
    "materials",
    "province",
    "consistency",
)
"""Rule families, in id order: BA0xx completeness, BA1xx domain, ... BA7xx consistency (registry.py)."""

Confidence = Literal["H", "M", "L"]
SubjectKind = Literal["organisation", "individual"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text.strip().lower())

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, which field (`websites[0].principal.mobile`; "" = the whole file), and the
    values the rule's message and suggestion templates use. `severity` overrides the rule's for this finding
    (e.g. an ID that expires soon is a warning, an expired one an error); `lint()` always fills it in."""

    rule_id: str
    path: str
    data: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None


Check = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A lint rule's declaration. See registry.py for the id scheme and the list of every rule."""

    id: str
    name: str
    family: str
    severity: Severity
    title: Msg
    """One line for `beian rules` and SARIF's shortDescription: what the rule checks."""
    message: Msg
    """What is wrong, a `str.format` template over the finding's data."""
    suggestion: Msg
    """What to do about it, a template over the same data."""
    source: str
    """icp-filing.md section (and row) the rule rests on, e.g. "§6.1 应急联系电话; §12.1 #8"."""
    confidence: Confidence
    check: Check
    filing_types: frozenset[str] | None = None
    """Filing-type ids the rule runs for (None = all)."""
    natures: frozenset[str] | None = None
    """Nature ids (enterprise, individual, ...) or kinds (organisation, individual) it runs for (None = all).
    A draft whose nature is not known yet is skipped by a rule that names natures."""
    provinces: frozenset[str] | None = None
    """Province ids (广东, 上海, ...) it runs for (None = all)."""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"BA\d{3}", self.id):
            raise ValueError(f"rule id {self.id!r} is not BA###")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if self.family not in FAMILIES:
            raise ValueError(f"rule {self.id}: unknown family {self.family!r}")

    def applies(self, ctx: Context) -> bool:
        if self.filing_types is not None and ctx.draft.filing_type not in self.filing_types:
            return False
        if self.natures is not None:
            nature = ctx.draft.subject.nature
            if nature is None or (nature not in self.natures and ctx.subject_kind not in self.natures):
                return False
        if self.provinces is not None:
            prov = ctx.province_id
            if prov is None or prov not in self.provinces:
                return False
        return True

    def finding(self, path: str, severity: Severity | None = None, **data: Any) -> Finding:
        """Shorthand for rule functions: `yield RULE.finding("subject.address", address=...)`."""
        return Finding(self.id, path, data, severity)


def types(*ids: str) -> frozenset[str]:
    """`filing_types=types("first", "add-site")` — a readable frozenset for Rule declarations."""
    return frozenset(ids)


ORGANISATION = frozenset({"organisation"})
INDIVIDUAL = frozenset({"individual"})
NEW_FILINGS = frozenset({"first", "add-site", "add-site-external", "access", "one-click-access"})
"""Filing types that submit subject and site data for review (not changes or cancellations)."""


class _fact:
    """A derived fact of a Context, computed on first use and kept in the instance (functools.cached_property
    without the lock Python 3.11 takes on every first access: a Context lives in one thread)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class Context:
    """What a rule sees. Build one per draft; derived facts are computed on first use and kept."""

    draft: Draft
    history: History | None = None
    today: dt.date = field(default_factory=dt.date.today)
    provider: str | None = None
    base_dir: Path | None = None
    """Directory material paths are relative to (the draft file's directory); None = the current one."""
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A derived fact computed once per draft and shared by every rule that needs it
        (e.g. the problems of each material file, read once for BA502-BA505)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # -- dates --------------------------------------------------------------------------------------
    @_fact
    def submission_date(self) -> dt.date:
        """The planned submission date when the draft gives one (and it is not in the past), else today."""
        planned = self.draft.planned_submission
        return planned if planned and planned > self.today else self.today

    # -- provider and province ----------------------------------------------------------------------
    @_fact
    def provider_id(self) -> str:
        return self.provider or self.draft.provider or "tencent"

    @_fact
    def province_id(self) -> str | None:
        from beiancli.regions import find

        prov = find(self.draft.province)
        return prov.id if prov else None

    @_fact
    def province_rules(self) -> Mapping[str, Any]:
        """The province's row of rules/data/province_rules.toml merged over its `[defaults]` (just the
        defaults while the province is unknown)."""
        from beiancli.rules.provinces import row

        return row(self.province_id)

    # -- subject ------------------------------------------------------------------------------------
    @_fact
    def subject_kind(self) -> SubjectKind | None:
        """organisation / individual, from the nature (None while the nature is unknown)."""
        nature = self.draft.subject.nature
        if not nature:
            return None
        info = ids_tables()[0].get(nature)
        return info.kind if info else None

    @property
    def is_individual(self) -> bool:
        return self.subject_kind == "individual"

    @property
    def is_organisation(self) -> bool:
        return self.subject_kind == "organisation"

    @_fact
    def principal_is_legal_rep(self) -> bool | None:
        """Is the subject's principal (主体负责人) the legal representative? The draft's explicit flag wins;
        else the names are compared; None when neither is known. Individuals: always True."""
        if self.is_individual:
            return True
        principal = self.draft.subject.principal
        if principal is None:
            return None
        return is_legal_rep(principal, self.draft.subject.legal_representative)

    # -- people -------------------------------------------------------------------------------------
    def persons(self) -> tuple[tuple[str, Person], ...]:
        """(field path, person) for the subject's principal and each website's principal."""
        return self._persons

    @_fact
    def _persons(self) -> tuple[tuple[str, Person], ...]:  # ~15 rules walk them: listed once per draft
        out = []
        if self.draft.subject.principal is not None:
            out.append(("subject.principal", self.draft.subject.principal))
        for i, site in enumerate(self.draft.websites):
            if site.principal is not None:
                out.append((f"websites[{i}].principal", site.principal))
        return tuple(out)

    # -- files ----------------------------------------------------------------------------------------
    def file(self, relpath: str) -> Any:
        """A `materials.FileFacts` for a material path (relative to the draft's directory), read once."""
        key = ("file", relpath)
        memo = self._memo
        facts = memo.get(key)  # a FileFacts, never None
        if facts is None:
            if not _materials_module:
                from beiancli.rules import materials

                _materials_module.append(materials)
            facts = memo[key] = _materials_module[0].probe_in(self._base_dir, relpath)
        return facts

    @_fact
    def _base_dir(self) -> str | None:
        """base_dir as a string, once per draft (a draft names ~5 material files)."""
        return os.fspath(self.base_dir) if self.base_dir is not None else None

    def cert(self, cert_type: str, number: str) -> Any:
        """`ids.check_cert` of a number (None for an unknown type), once per draft: the subject's and the
        principals' numbers are often the same (individuals) and several rules look at them."""
        key = ("cert", cert_type, number)
        memo = self._memo
        info = memo.get(key, memo)  # ~12 asks per draft, ~2.5 of them new: one lookup for the others
        if info is memo:
            ids = _ids()
            known = cert_type in ids._tables()[1]
            info = memo[key] = ids.check_cert(cert_type, number, today=self.today) if known else None
        return info


_ids_module: list[Any] = []
_materials_module: list[Any] = []  # beiancli.rules.materials, imported on first use (Context.file)


def _ids() -> Any:
    """beiancli.ids, imported on first use: check-domain imports this module and never needs it."""
    if not _ids_module:
        from beiancli import ids

        _ids_module.append(ids)
    return _ids_module[0]


def ids_tables() -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """`(ids.natures(), ids.cert_types())`, built once per loaded certificates.toml; the shared tables
    themselves, not copies: rules only read them (rules ask for them ~17 times per draft)."""
    return _ids()._tables()


def nature_label(nature: str | None) -> Msg:
    """A subject nature's name in both languages (certificates.toml); an unknown id as written, "?" when empty."""
    info = ids_tables()[0].get(nature or "")
    return Msg(info.zh, info.en) if info else Msg(nature or "?", nature or "?")


def is_legal_rep(person: Person, legal_rep_name: str | None) -> bool | None:
    if person.is_legal_representative is not None:
        return person.is_legal_representative
    if legal_rep_name and person.name:
        return normalise_name(person.name) == normalise_name(legal_rep_name)
    return None


def all_han(text: str) -> bool:
    """`text` is non-empty and every character is in the basic CJK Unified Ideographs block (U+4E00-U+9FFF),
    what a Chinese name is written in. Compared, not matched: compiling the regex class `[\u4e00-\u9fff]` cost
    ~2 ms of every start-up; min and max of a str run in C."""
    return bool(text) and min(text) >= "\u4e00" and max(text) <= "\u9fff"


def is_cjk(ch: str) -> bool:
    """One CJK ideograph: the basic block, extension A (U+3400-U+4DBF) or the compatibility block (U+F900-U+FAFF)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


_SPACES = re.compile(r"\s+")


_SPACE_OR_HYPHEN = re.compile(r"[\s\-]")


def norm_cert_number(text: str) -> str:
    """Compare certificate numbers as written by people: NFKC (full-width → half-width), no spaces or
    hyphens, upper case."""
    return _SPACE_OR_HYPHEN.sub("", unicodedata.normalize("NFKC", text)).upper()


@lru_cache(maxsize=1024)
def normalise_name(text: str) -> str:
    """Compare names the way a clerk would: NFKC (full-width → half-width), no spaces, · and • unified.
    Kept (bounded): a draft's few names are compared by ~9 rules, ~3 calls for each distinct name."""
    t = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", t).replace("•", "·").replace("・", "·").casefold()
