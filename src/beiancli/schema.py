"""What the draft and history schema says, without pydantic: its version, its bounds, the checks its
validators make, the methods its classes share, and the Chinese label of each field.

models.py builds the pydantic models from these; records.py reads plainly valid files into light records
with the same checks. Both import this module, so each fact and each check is written once. Importing it
costs nothing worth measuring (no pydantic), which is what lets `beian validate ONE.toml` start fast.

Facts behind the fields: ../shared/domain/icp-filing.md §6 (fields of a filing), §2.2 (lifecycle states),
§7 (materials).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from beiancli.clock import CHINA_TZ

SCHEMA_VERSION = 1
"""Current on-disk schema version of drafts and history files. Older files are migrated on load
(`store.migrate`); newer ones are refused with an "upgrade beiancli" error."""

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
MAX_TEXT = 4096

NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
"""Text holds no control characters but tab and line breaks: an escape sequence in a hostile draft would
otherwise reach the terminal of whoever lints it, and a NUL breaks file paths and XML reports. Checked by
pydantic-core (Rust), so it costs nothing per field; store.schema_problems words the error."""

WIZARD_FLOWS = ("new", "add-site", "change", "cancel")
ORIGINAL_KEYS = ("province", "subject", "websites")
"""The tables `change.original` may hold: a draft-shaped copy of the filed data a change starts from."""


# -- the checks of the models' validators ------------------------------------------------------------------
# Each raises ValueError with the message pydantic shows (as "Value error, ..."), and returns the value.

def known_version(v: int) -> int:
    if v != SCHEMA_VERSION:
        raise ValueError(f"schema_version {v} is not {SCHEMA_VERSION} (migrate before validating)")
    return v


def wizard_keys(v: dict[str, Any]) -> dict[str, Any]:
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


def china_time(v: dt.datetime) -> dt.datetime:
    """A time without an offset is China Standard Time: the clocks of a filing are the bureau's."""
    return v if v.tzinfo is not None else v.replace(tzinfo=CHINA_TZ)


def state_matches_last_transition(lifecycle: Any) -> Any:
    if lifecycle.transitions and lifecycle.transitions[-1].state != lifecycle.state:
        raise ValueError(
            f"state is {lifecycle.state!r} but the last transition is to {lifecycle.transitions[-1].state!r}"
        )
    return lifecycle


def original_keys(v: dict[str, Any]) -> dict[str, Any]:
    """The keys of `change.original`; the shape of their values is checked by the reader (models or records)."""
    unknown = sorted(set(v) - set(ORIGINAL_KEYS))
    if unknown:
        raise ValueError(f"unknown key(s) in change.original: {', '.join(map(str, unknown))} "
                         f"(allowed: {', '.join(ORIGINAL_KEYS)})")
    return v


# -- methods both the models and the records have ------------------------------------------------------------

class HistorySubjectMethods:
    __slots__ = ()

    def provider_accounts(self) -> set[str]:
        if self.accounts:  # type: ignore[attr-defined]
            return set(self.accounts)  # type: ignore[attr-defined]
        return {p for site in self.sites for p in site.providers}  # type: ignore[attr-defined]


class HistoryMethods:
    __slots__ = ()

    def find_subject(self, key: str) -> Any:
        """By certificate number (case- and space-insensitive), subject ICP number, or exact name."""
        subjects = self.subjects  # type: ignore[attr-defined]
        k = key.strip()
        norm = k.replace(" ", "").replace("-", "").upper()
        for s in subjects:
            if s.cert_number.replace(" ", "").replace("-", "").upper() == norm:
                return s
        for s in subjects:
            if s.icp_number and s.icp_number == k:
                return s
        for s in subjects:
            if s.name == k:
                return s
        return None


# -- labels ----------------------------------------------------------------------------------------------------

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
