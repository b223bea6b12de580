"""The data model: drafts (one filing each) and the history of filed subjects and sites.

Pydantic v2, `extra="forbid"` everywhere so a typo in a hand-written draft is an error with a field path,
not a silently ignored key. Field names are English snake_case; `LABELS_ZH` gives the Chinese label a
provider console uses for each field (for display, review screens and rule messages).

Importing this module costs ~120 ms (pydantic); commands import it only when they read or write a draft or
a history file, never on the `--help` / `check-domain example.com` path.

Facts behind the fields: ../shared/domain/icp-filing.md §6 (fields of a filing), §6.4 (reference schemas),
§1.7 (service kinds), §2.2 (lifecycle states), §3 (domain facts), §7 (materials).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from beiancli.clock import CHINA_TZ

SCHEMA_VERSION = 1
"""Current on-disk schema version of drafts and history files. Older files are migrated on load
(`store.migrate`); newer ones are refused with an "upgrade beiancli" error."""

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

# Upper bounds on the arrays of a draft. A draft is one provider order: Tencent takes at most 10 sites per
# order and 10 domains per site (icp-filing.md §8), Shaanxi at most 30 sites per subject. The bounds sit far
# above that, so no real draft meets them, but a damaged or hostile file (thousands of `[[websites]]` in a few
# KB) is a schema error at once instead of minutes of linting and a multi-megabyte report. The history is
# bounded too, generously (an agency keeps hundreds of subjects; 5,000 list in a few seconds, the 70,000 that
# fit in 5 MB took 48 s).
MAX_SUBJECTS = 5000
MAX_SITES = 100
MAX_ITEMS = 100
"""Domains per site, pre-approvals, IPs, former names, site numbers, languages."""
MAX_MATERIALS = 300
MAX_TRANSITIONS = 500

NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
"""Text holds no control characters but tab and line breaks: an escape sequence in a hostile draft would
otherwise reach the terminal of whoever lints it, and a NUL breaks file paths and XML reports. Checked by
pydantic-core (Rust), so it costs nothing per field; store.schema_problems words the error."""

NonEmpty = Annotated[str, Field(min_length=1, max_length=4096, pattern=NO_CONTROL)]
ShortText = Annotated[str, Field(max_length=4096, pattern=NO_CONTROL)]


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

    @field_validator("at")
    @classmethod
    def _aware(cls, v: dt.datetime) -> dt.datetime:
        """A time without an offset is China Standard Time: the clocks of a filing are the bureau's."""
        return v if v.tzinfo is not None else v.replace(tzinfo=CHINA_TZ)


class Lifecycle(Model):
    state: StateId = "draft"
    transitions: list[Transition] = Field(default_factory=list, max_length=MAX_TRANSITIONS)

    @model_validator(mode="after")
    def _state_matches_last_transition(self) -> Lifecycle:
        if self.transitions and self.transitions[-1].state != self.state:
            raise ValueError(
                f"state is {self.state!r} but the last transition is to {self.transitions[-1].state!r}"
            )
        return self


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
        unknown = sorted(set(v) - {"province", "subject", "websites"})
        if unknown:
            raise ValueError(f"unknown key(s) in change.original: {', '.join(map(str, unknown))} "
                             "(allowed: province, subject, websites)")
        _OriginalShape.model_validate(v)
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


WIZARD_FLOWS = ("new", "add-site", "change", "cancel")


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

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != SCHEMA_VERSION:
            raise ValueError(f"schema_version {v} is not {SCHEMA_VERSION} (migrate before validating)")
        return v

    @field_validator("wizard")
    @classmethod
    def _wizard_keys(cls, v: dict[str, Any]) -> dict[str, Any]:
        flow = v.get("flow")
        if flow is not None and flow not in WIZARD_FLOWS:
            raise ValueError(f"wizard.flow must be one of {', '.join(WIZARD_FLOWS)}")
        done = v.get("done")
        if done is not None and not (isinstance(done, list) and all(isinstance(x, str) for x in done)):
            raise ValueError("wizard.done must be a list of step names")
        n = v.get("sites_done")
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            raise ValueError("wizard.sites_done must be a whole number, 0 or more")
        return v


class HistorySite(Model):
    domain: NonEmpty
    site_number: ShortText | None = None
    providers: list[NonEmpty] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Providers that give this site access today; [] = no access anywhere (a shell site).
    `tencent` is your own account at Tencent Cloud; `tencent:<label>` is another account there (§1.5: a
    subject filed in another account must log in there or move the filing first)."""
    name: ShortText | None = None
    kind: ServiceKind = "website"


class HistorySubject(Model):
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

    def provider_accounts(self) -> set[str]:
        if self.accounts:
            return set(self.accounts)
        return {p for site in self.sites for p in site.providers}


class History(Model):
    """The subjects and sites already filed: what the filing-type decision reads (§1.5)."""

    schema_version: int = SCHEMA_VERSION
    subjects: list[HistorySubject] = Field(default_factory=list, max_length=MAX_SUBJECTS)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != SCHEMA_VERSION:
            raise ValueError(f"schema_version {v} is not {SCHEMA_VERSION} (migrate before validating)")
        return v

    def find_subject(self, key: str) -> HistorySubject | None:
        """By certificate number (case- and space-insensitive), subject ICP number, or exact name."""
        k = key.strip()
        norm = k.replace(" ", "").replace("-", "").upper()
        for s in self.subjects:
            if s.cert_number.replace(" ", "").replace("-", "").upper() == norm:
                return s
        for s in self.subjects:
            if s.icp_number and s.icp_number == k:
                return s
        for s in self.subjects:
            if s.name == k:
                return s
        return None


LABELS_ZH: dict[str, str] = {
    "schema_version": "格式版本",
    "filing_type": "备案类型",
    "provider": "接入商",
    "province": "备案省份",
    "city": "城市",
    "district": "区县",
    "subject": "主体信息",
    "subject.name": "主办单位名称",
    "subject.nature": "主办单位性质",
    "subject.cert_type": "主办单位证件类型",
    "subject.cert_number": "主办单位证件号码",
    "subject.cert_address": "证件住所",
    "subject.address": "通信地址",
    "subject.investor": "投资者或上级主管单位",
    "subject.legal_representative": "法定代表人",
    "subject.former_names": "曾用名",
    "subject.business_scope": "经营范围",
    "subject.icp_number": "主体备案号",
    "subject.principal": "主体负责人",
    "subject.remark": "主体备注",
    "name": "姓名",
    "cert_type": "证件类型",
    "cert_number": "证件号码",
    "cert_valid_from": "证件有效期起",
    "cert_valid_until": "证件有效期止",
    "cert_long_term": "长期有效",
    "mobile": "手机号码",
    "emergency_phone": "应急联系电话",
    "office_phone": "办公电话",
    "email": "电子邮箱",
    "is_legal_representative": "是否法定代表人",
    "websites": "网站信息",
    "websites.name": "网站名称",
    "websites.kind": "服务类型",
    "websites.domains": "网站域名",
    "websites.home_url": "网站首页地址",
    "websites.content_type": "网站服务内容",
    "websites.languages": "网站语言",
    "websites.preapprovals": "前置审批项",
    "websites.principal": "网站负责人",
    "websites.site_number": "网站备案号",
    "websites.access": "接入信息",
    "websites.remark": "网站备注",
    "domains.name": "域名",
    "domains.registrant": "域名持有者",
    "domains.registrant_cert_number": "域名持有者证件号码",
    "domains.registrar": "域名注册商",
    "domains.expiry_date": "域名到期日",
    "domains.realname_date": "域名实名认证日期",
    "materials": "备案材料",
    "materials.kind": "材料类型",
    "materials.path": "文件",
    "materials.sha256": "SHA-256",
    "remarks": "备注",
    "planned_submission": "计划提交日期",
    "lifecycle": "备案进度",
    "lifecycle.state": "状态",
}


def label_zh(path: str) -> str | None:
    """Chinese label of a field path like `websites[0].principal.mobile` (most specific match wins)."""
    import re

    bare = re.sub(r"\[\d+\]", "", path)
    parts = bare.split(".")
    for i in range(len(parts)):
        key = ".".join(parts[i:])
        if key in LABELS_ZH:
            return LABELS_ZH[key]
    return None


def json_schema(kind: Literal["draft", "history"]) -> dict[str, Any]:
    model = Draft if kind == "draft" else History
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://beiancli.dev/schema/{kind}-v{SCHEMA_VERSION}.json"
    return schema
