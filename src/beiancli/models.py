"""The data model: drafts (one filing each) and the history of filed subjects and sites.

Pydantic v2, `extra="forbid"` everywhere so a typo in a hand-written draft is an error with a field path,
not a silently ignored key. Field names are English snake_case; `schema.LABELS_ZH` gives the Chinese label a
provider console uses for each field (for display, review screens and rule messages). The schema's
pydantic-free half - version, bounds, the validators' checks - is schema.py.

Importing this module costs ~120 ms (pydantic); commands import it only when they read or write a draft or
a history file, never on the `--help` / `check-domain example.com` path. `beian validate` does not import it
for a plainly valid draft: records.py reads those from field specs generated from these models
(tools/gen_record_specs.py; regenerate after changing a model, tests/test_records.py says when).

Facts behind the fields: ../shared/domain/icp-filing.md §6 (fields of a filing), §6.4 (reference schemas),
§1.7 (service kinds), §2.2 (lifecycle states), §3 (domain facts), §7 (materials).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from beiancli import schema
from beiancli.schema import (  # noqa: F401  (LABELS_ZH, label_zh, SCHEMA_VERSION: read here by older callers)
    LABELS_ZH,
    MAX_ITEMS,
    MAX_MATERIALS,
    MAX_SITES,
    MAX_SUBJECTS,
    MAX_TEXT,
    MAX_TRANSITIONS,
    NO_CONTROL,
    SCHEMA_VERSION,
    WIZARD_FLOWS,
    HistoryMethods,
    HistorySubjectMethods,
    label_zh,
)

FilingTypeId = Literal[
    "first",
    "one-click-access",
    "access",
    "add-site",
    "add-site-external",
    "change-subject",
    "change-site",
    "cancel-subject",
    "cancel-site",
    "cancel-access",
]
FILING_TYPES: tuple[str, ...] = FilingTypeId.__args__  # type: ignore[attr-defined]

StateId = Literal[
    "draft",
    "provider-review",
    "provider-rejected",
    "awaiting-bureau",
    "sms-pending",
    "sms-failed",
    "bureau-review",
    "bureau-rejected",
    "approved",
    "withdrawn",
    "abandoned",
    "lapsed",
]
STATES: tuple[str, ...] = StateId.__args__  # type: ignore[attr-defined]

ServiceKind = Literal["website", "app", "miniprogram", "quickapp"]

NonEmpty = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=NO_CONTROL)]
ShortText = Annotated[str, Field(max_length=MAX_TEXT, pattern=NO_CONTROL)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        populate_by_name=True,
    )


class Person(Model):
    """A person in charge (负责人): the subject's principal or a website's principal (§6.1, §6.2)."""

    name: ShortText | None = None
    cert_type: ShortText | None = None
    cert_number: ShortText | None = None
    cert_valid_from: dt.date | None = None
    cert_valid_until: dt.date | None = None
    cert_long_term: bool = False
    mobile: ShortText | None = None
    emergency_phone: ShortText | None = None
    office_phone: ShortText | None = None
    email: ShortText | None = None
    is_legal_representative: bool | None = None
    """True/False when known; None lets the rules compare with `subject.legal_representative`."""
    remark: ShortText | None = None


class Subject(Model):
    """The filer (主办者 / 主办单位) with its principal (主体负责人), §6.1."""

    name: ShortText | None = None
    nature: ShortText | None = None
    cert_type: ShortText | None = None
    cert_number: ShortText | None = None
    cert_address: ShortText | None = None
    address: ShortText | None = None
    investor: ShortText | None = None
    legal_representative: ShortText | None = None
    former_names: list[NonEmpty] = Field(default_factory=list, max_length=MAX_ITEMS)
    business_scope: ShortText | None = None
    icp_number: ShortText | None = None
    """The subject's ICP number when it is already filed (add-site, access, change, cancel)."""
    principal: Person | None = None
    remark: ShortText | None = None


class DomainFacts(Model):
    """A domain listed for a website, with the facts the MIIT domain check looks at (§3.1, §3.2)."""

    name: NonEmpty
    registrant: ShortText | None = None
    registrant_cert_number: ShortText | None = None
    registrar: ShortText | None = None
    expiry_date: dt.date | None = None
    realname_date: dt.date | None = None


class PreApproval(Model):
    """A 前置审批 item ticked for a website (§8.3)."""

    category: NonEmpty
    number: ShortText | None = None
    valid_until: dt.date | None = None
    material: ShortText | None = None
    """Name of the material (in `materials`) that holds the approval document."""


class Access(Model):
    """How the site reaches the provider (备案云服务): a server IP or a 备案授权码 (§1.6)."""

    ips: list[NonEmpty] = Field(default_factory=list, max_length=MAX_ITEMS)
    auth_code: ShortText | None = None
    resource_id: ShortText | None = None
    resource_expiry: dt.date | None = None
    prepaid: bool | None = None


class Website(Model):
    """One website or other service (网站 / 服务), §6.2 and §1.7."""

    name: ShortText | None = None
    kind: ServiceKind = "website"
    domains: list[DomainFacts] = Field(default_factory=list, max_length=MAX_ITEMS)
    home_url: ShortText | None = None
    content_type: ShortText | None = None
    languages: list[NonEmpty] = Field(default_factory=lambda: ["zh-Hans"], max_length=MAX_ITEMS)
    preapprovals: list[PreApproval] = Field(default_factory=list, max_length=MAX_ITEMS)
    principal: Person | None = None
    site_number: ShortText | None = None
    """The site's ICP number (…号-N) when it is already filed (change-site, cancel-site, access)."""
    access: Access | None = None
    remark: ShortText | None = None


class Material(Model):
    """One uploaded document (§7). `kind` is an id from the materials matrix (rules/data/materials.toml)."""

    kind: NonEmpty
    path: ShortText | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    site: int | None = Field(default=None, ge=0)
    """Index into `websites` for per-site materials (the site principal's ID, a pre-approval document)."""
    skipped: bool = False
    note: ShortText | None = None


class Transition(Model):
    """One step of the lifecycle, as recorded by `beian status NAME --set STATE` (§2.2)."""

    state: StateId
    at: dt.datetime
    note: ShortText | None = None
    icp_number: ShortText | None = None

    _aware = field_validator("at")(schema.china_time)


class Lifecycle(Model):
    state: StateId = "draft"
    transitions: list[Transition] = Field(default_factory=list, max_length=MAX_TRANSITIONS)

    _state_matches_last_transition = model_validator(mode="after")(schema.state_matches_last_transition)


class Change(Model):
    """What a change filing changes (§11.2): `scope` subject or website; `original` is the filed data
    the change starts from, so the old -> new diff can be shown and checked."""

    scope: Literal["subject", "website"]
    site: int | None = Field(default=None, ge=0)
    original: dict[str, Any] = Field(default_factory=dict)
    """Draft-shaped: `province`, `subject` (a [subject] table), `websites` (an array of [[websites]]). Kept
    as plain data for the diff, but checked here against the models, so a hand-edited or damaged draft is
    a schema error with its field path, not a crash in the rules that compare old with new."""
    removed_domains: list[NonEmpty] = Field(default_factory=list, max_length=MAX_ITEMS)

    @field_validator("original")
    @classmethod
    def _draft_shaped(cls, v: dict[str, Any]) -> dict[str, Any]:
        _OriginalShape.model_validate(schema.original_keys(v))
        return v


class Cancel(Model):
    """What a cancellation removes (§11.3)."""

    scope: Literal["subject", "website", "access"]
    site_numbers: list[NonEmpty] = Field(default_factory=list, max_length=MAX_SITES)
    reason: ShortText | None = None


class _OriginalShape(Model):
    """What `Change.original` must look like (checked only; the dict itself is kept)."""

    province: ShortText | None = None
    subject: Subject | None = None
    websites: list[Website] = Field(default_factory=list, max_length=MAX_SITES)


class Draft(Model):
    """One filing: a beiancli TOML draft, from the first answer to the bureau's decision.

    The schema checks types, not completeness: a wizard saves a half-answered draft after every step, so
    most fields are optional here. Which fields a filing needs (by filing type and subject nature) is rule
    data (rules/data/fields.toml) checked by the lint rules and by the non-interactive wizard.
    """

    schema_version: int = SCHEMA_VERSION
    filing_type: FilingTypeId = "first"
    provider: NonEmpty = "tencent"
    province: ShortText | None = None
    city: ShortText | None = None
    district: ShortText | None = None
    subject: Subject = Field(default_factory=lambda: Subject())
    websites: list[Website] = Field(default_factory=list, max_length=MAX_SITES)
    materials: list[Material] = Field(default_factory=list, max_length=MAX_MATERIALS)
    change: Change | None = None
    cancel: Cancel | None = None
    remarks: ShortText | None = None
    planned_submission: dt.date | None = None
    """When the user expects to submit; validity thresholds (ID, domain expiry) count from here, else today."""
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)
    wizard: dict[str, Any] = Field(default_factory=dict)
    """Bookkeeping of the guided wizard (the last completed step), so `--resume` continues where it stopped.
    Free-form for forward compatibility, but the keys the wizard reads are checked: `flow` (one of
    WIZARD_FLOWS), `done` (a list of step names), `sites_done` (a count)."""

    _known_version = field_validator("schema_version")(schema.known_version)
    _wizard_keys = field_validator("wizard")(schema.wizard_keys)


class HistorySite(Model):
    domain: NonEmpty
    site_number: ShortText | None = None
    providers: list[NonEmpty] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Providers that give this site access today; [] = no access anywhere (a shell site).
    `tencent` is your own account at Tencent Cloud; `tencent:<label>` is another account there (§1.5: a
    subject filed in another account must log in there or move the filing first)."""
    name: ShortText | None = None
    kind: ServiceKind = "website"


class HistorySubject(HistorySubjectMethods, Model):
    name: NonEmpty
    nature: NonEmpty
    cert_type: NonEmpty
    cert_number: NonEmpty
    province: ShortText | None = None
    icp_number: ShortText | None = None
    """Absent = the subject has never been filed."""
    sites: list[HistorySite] = Field(default_factory=list, max_length=10 * MAX_SITES)
    accounts: list[NonEmpty] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Providers whose account holds this subject's filing (e.g. a subject filed at Tencent whose sites
    have all moved elsewhere), written like `providers` (`tencent`, `tencent:<other account>`). When empty,
    the providers of its sites stand in."""
    note: ShortText | None = None


class History(HistoryMethods, Model):
    """The subjects and sites already filed: what the filing-type decision reads (§1.5)."""

    schema_version: int = SCHEMA_VERSION
    subjects: list[HistorySubject] = Field(default_factory=list, max_length=MAX_SUBJECTS)

    _known_version = field_validator("schema_version")(schema.known_version)


def json_schema(kind: Literal["draft", "history"]) -> dict[str, Any]:
    model = Draft if kind == "draft" else History
    out = model.model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["$id"] = f"https://beiancli.dev/schema/{kind}-v{SCHEMA_VERSION}.json"
    return out
