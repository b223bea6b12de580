"""What a change filing may change, and what a cancellation does (icp-filing.md §11.2-§11.4).

Pure: no printing, no prompts, no I/O except rule data. Used by `beian change` / `beian cancel` (interactive
and non-interactive) so both refuse and explain the same way.

- `diff(original, new)` — every changed field as (path, old, new) over plain dicts (`model_dump(mode="json")`),
  paths in the draft's own notation (`subject.principal.mobile`, `websites[0].domains`).
- `refusals(scope, original, new)` — what cannot change (§11.2): a domain added to a filed site, a site's
  number or kind, an organisation turned into a person, the subject replaced by another subject, a move to
  another province. Each with the reason, what to do instead, and its source.
- `cancel_effects(subject, scope, site_numbers, provider)` — the consequences of a cancellation, computed
  on a copy of the history subject: how many sites go with a subject (§11.3), which sites are left with no
  access (shell sites the bureau may cancel), whether the subject becomes a shell (§11.4, via
  `rules.filing_type.is_shell`, the same test the filing-type decision uses).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import HistorySite, HistorySubject

Scope = Literal["subject", "website"]


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Refusal:
    code: str
    path: str
    msg: Msg
    hint: Msg
    source: str
    severity: Literal["error", "warning"] = "error"


# -- diff -------------------------------------------------------------------------------------------------

def _empty(v: Any) -> bool:
    return v is None or v == "" or v == [] or v == {} or v is False


def diff(original: Any, new: Any, prefix: str = "") -> list[FieldChange]:
    """Changed leaves between two JSON-like values. Lists of scalars and lists of tables whose entries are
    domains (`{"name": ...}`) compare as a whole; other lists of tables compare entry by entry."""
    if isinstance(original, dict) or isinstance(new, dict):
        a = original if isinstance(original, dict) else {}
        b = new if isinstance(new, dict) else {}
        out: list[FieldChange] = []
        for key in list(dict.fromkeys([*a, *b])):
            path = f"{prefix}.{key}" if prefix else key
            out.extend(diff(a.get(key), b.get(key), path))
        return out
    if isinstance(original, list) and isinstance(new, list) and _tables(original) and _tables(new) \
            and not prefix.endswith("domains"):
        out = []
        for i in range(max(len(original), len(new))):
            out.extend(diff(original[i] if i < len(original) else None, new[i] if i < len(new) else None,
                            f"{prefix}[{i}]"))
        return out
    if _empty(original) and _empty(new):
        return []
    if original != new:
        return [FieldChange(prefix, original, new)]
    return []


def _tables(v: list[Any]) -> bool:
    return bool(v) and all(isinstance(x, dict) for x in v)


def domain_names(site: dict[str, Any] | None) -> list[str]:
    return [d.get("name", "") for d in (site or {}).get("domains", []) if isinstance(d, dict)]


# -- what cannot change (§11.2) ---------------------------------------------------------------------------

def _kind(nature: str | None) -> str | None:
    if not nature:
        return None
    from beiancli import ids

    n = ids.natures().get(nature)
    return n.kind if n else None


def _norm(s: Any) -> str:
    return str(s or "").replace(" ", "").replace("-", "").upper()


def refusals(scope: Scope, original: dict[str, Any], new: dict[str, Any]) -> list[Refusal]:
    """What this change may not do. `original` / `new` are draft-shaped dicts (`{"subject": ...}` or
    `{"websites": [...]}`, plus `province`)."""
    out: list[Refusal] = []
    if scope == "website":
        old_sites = original.get("websites") or []
        new_sites = new.get("websites") or []
        for i, old in enumerate(old_sites):
            cur = new_sites[i] if i < len(new_sites) else {}
            before = set(domain_names(old))
            added = [d for d in domain_names(cur) if d not in before]
            if added:
                out.append(Refusal(
                    "domain-added", f"websites[{i}].domains",
                    Msg(f"已备案网站的域名只能删除，不能新增或修改（{'、'.join(added)}）",
                        f"a filed website's domains can only be removed, never added or edited ({', '.join(added)})"),
                    Msg("新域名请办理新增网站：beian add-site DOMAIN", "file a new website for a new domain: beian add-site DOMAIN"),
                    "§11.2 (website data: domains can only be removed) [Q-change]; §1.6 (工信管函〔2019〕633号)",
                ))
            if cur and old.get("site_number") and _norm(cur.get("site_number")) != _norm(old.get("site_number")):
                out.append(Refusal(
                    "site-number-changed", f"websites[{i}].site_number",
                    Msg("网站备案号由管局分配，不能变更", "a website's ICP number is issued by the bureau and cannot be changed"),
                    Msg("保留原网站备案号", "keep the site's number as filed"),
                    "§10.1, §10.5",
                ))
            if cur and old.get("kind") and cur.get("kind") and cur.get("kind") != old.get("kind"):
                out.append(Refusal(
                    "kind-changed", f"websites[{i}].kind",
                    Msg("服务类型（网站 / App / 小程序）不能变更", "a service's kind (website / app / mini-program) cannot change"),
                    Msg("注销该服务后重新备案新的服务", "cancel the service and file the new one"),
                    "§1.7, §11.2",
                ))
        return out

    old = original.get("subject") or {}
    cur = new.get("subject") or {}
    k_old, k_new = _kind(old.get("nature")), _kind(cur.get("nature"))
    if k_old == "organisation" and k_new == "individual":
        out.append(Refusal(
            "organisation-to-individual", "subject.nature",
            Msg("单位主体不能变更为个人主体", "an organisation's filing can never be changed into a personal one"),
            Msg("个人网站请以个人身份另行备案（首次备案）；不再使用的单位备案请注销",
                "file the personal site as a new (first) filing; cancel the organisation's filing if it is no longer used"),
            "§11.2 (enterprise → personal: never) [Q-change]",
        ))
    elif k_old == "individual" and k_new == "organisation":
        out.append(Refusal(
            "individual-to-organisation", "subject.nature",
            Msg("个人备案变更为单位备案仅部分省份允许，且通常只能变更为本人担任法定代表人的单位；北京不允许",
                "a personal filing may become an organisation's only in some provinces, usually only a company the "
                "person legally represents; Beijing: never"),
            Msg("提交前向接入商确认本省是否允许", "check with the provider that the province allows it before submitting"),
            "§11.2 (personal → enterprise: Shanghai, Zhejiang, Shandong explicit; Beijing never) [Q-change], [JD:*]",
            severity="warning",
        ))
    number_changed = bool(old.get("cert_number")) and _norm(cur.get("cert_number")) != _norm(old.get("cert_number"))
    if number_changed and k_old == k_new:  # a change of kind is judged above
        renamed = old.get("name") and old.get("name") in (cur.get("former_names") or [])
        same_name = (cur.get("name") or "") == (old.get("name") or "")
        if k_old == "individual":
            out.append(Refusal(
                "another-person", "subject.cert_number",
                Msg("个人主体的证件号码就是这个人：换成另一个号码就是另一个主体，不能通过变更办理",
                    "a personal subject is the person: another certificate number is another subject, which a change cannot make"),
                Msg("另一人的网站请由其本人首次备案；本主体不再使用请注销",
                    "the other person files their own (first) filing; cancel this one if it is no longer used"),
                "§11.2 (never to another subject) [Q-change], [XL:103521]",
            ))
        elif not (same_name or renamed):
            out.append(Refusal(
                "another-subject", "subject.cert_number",
                Msg("名称和证件号码都变了：这是另一个主体，不能通过变更办理",
                    "both the name and the certificate number change: that is another subject, which a change cannot make"),
                Msg("单位更名请把原名称记入曾用名（former_names）并准备变更函；否则由新主体首次备案、原主体注销",
                    "for a renamed organisation, record the old name in former_names and bring the name-change letter; "
                    "otherwise the new subject files a first filing and the old one is cancelled"),
                "§11.2 (never to another subject; renamed organisation / 三证合一) [Q-change], §7.2 (变更函)",
            ))
    if original.get("province") and new.get("province") and original["province"] != new["province"]:
        out.append(Refusal(
            "province-move", "province",
            Msg(f"备案省份不能通过变更从 {original['province']} 改为 {new['province']}",
                f"the filing province cannot be changed from {original['province']} to {new['province']} by a change filing"),
            Msg("在原省份注销后，到新省份重新备案", "cancel in the old province and file anew in the new one"),
            "§11.2 (moving to another province: cancel and file anew) [Q-change]",
        ))
    return out


# -- what a cancellation does (§11.3, §11.4) --------------------------------------------------------------

@dataclass(frozen=True)
class Effect:
    code: str
    msg: Msg
    severity: Literal["info", "warning"] = "info"


def _site_label(site: HistorySite) -> str:
    return f"{site.domain}（{site.site_number}）" if site.site_number else site.domain


def _site_label_en(site: HistorySite) -> str:
    return f"{site.domain} ({site.site_number})" if site.site_number else site.domain


def _provider_base(value: str) -> tuple[str, str | None]:
    from beiancli.rules.providers import split

    return split(value)


def cancel_effects(subject: HistorySubject, scope: str, site_numbers: list[str], provider: str) -> list[Effect]:
    """The consequences of cancelling `scope` for `subject` (sites named by site number or domain)."""
    from beiancli.rules.filing_type import is_shell

    sites = list(subject.sites)
    chosen = [s for s in sites if s.site_number in site_numbers or s.domain in site_numbers]
    out: list[Effect] = []
    if scope == "subject":
        n = len(sites)
        names_zh = "、".join(_site_label(s) for s in sites) or "—"
        names_en = ", ".join(_site_label_en(s) for s in sites) or "—"
        out.append(Effect("subject-and-sites", Msg(
            f"注销主体 {subject.name}（{subject.icp_number or '备案号未记录'}）将同时注销它的全部 {n} 个网站：{names_zh}",
            f"cancelling the subject {subject.name} ({subject.icp_number or 'number not recorded'}) cancels all {n} of its "
            f"websites: {names_en}"), "warning"))
        out.append(Effect("number-gone", Msg(
            "注销后备案号不可恢复；主体以后可以重新首次备案",
            "a cancelled number cannot be restored; the subject may file again later (as a first filing)"), "warning"))
        out.append(Effect("withdraw-window", Msg(
            "提交到管局前可以撤回；管局通常 1–5 个工作日（最长 20 个）办结",
            "it can be withdrawn only until it reaches the bureau; the bureau usually takes 1–5 working days (at most 20)")))
        return out

    after = subject.model_copy(deep=True)
    if scope == "website":
        gone = {s.domain for s in chosen}
        after.sites = [s for s in after.sites if s.domain not in gone]
        for s in chosen:
            out.append(Effect("site-removed", Msg(f"注销网站 {_site_label(s)}：该网站备案号作废，不可恢复",
                                                  f"cancelling the website {_site_label_en(s)}: its number is gone for good"),
                              "warning"))
        if not after.sites:
            out.append(Effect("last-site", Msg(
                f"这是 {subject.name} 的最后一个网站：注销后主体成为空壳主体（§11.4），管局可能注销它；不再使用的话请直接注销主体",
                f"this is the last website of {subject.name}: afterwards the subject is a shell (§11.4) the bureau may "
                "cancel; if it is no longer used, cancel the subject instead"), "warning"))
        elif is_shell(after):
            out.append(Effect("subject-shell", Msg(
                "注销后剩下的网站都没有接入商：主体将成为空壳主体（§11.4）",
                "afterwards none of the remaining sites has an access provider: the subject becomes a shell (§11.4)"),
                "warning"))
        return out

    # cancel access at `provider` (this account: entries without an account label)
    chosen_domains = {s.domain for s in chosen}
    for s in after.sites:
        if s.domain not in chosen_domains:
            continue
        s.providers = [p for p in s.providers if _provider_base(p) != (provider, None)]
        if s.providers:
            out.append(Effect("access-elsewhere", Msg(
                f"{_site_label(s)} 仍由其他接入商接入，备案号保留",
                f"{_site_label_en(s)} is still accessed elsewhere; its number stays")))
        else:
            out.append(Effect("shell-site", Msg(
                f"取消接入后 {_site_label(s)} 没有任何接入商：备案号保留，但成为空壳网站，长期无接入时管局可能注销它（§11.3）",
                f"after this, {_site_label_en(s)} has no access provider anywhere: the number stays, but the site is a shell "
                "the bureau may cancel if nothing accesses it for long (§11.3)"), "warning"))
    if after.sites and all(not any(_provider_base(p) == (provider, None) for p in s.providers) for s in after.sites):
        out.append(Effect("subject-leaves-provider", Msg(
            "主体的网站在本接入商都已取消接入：主体也将从本接入商移除（§11.3）",
            "no site of the subject is accessed at this provider any more: the subject is removed from this provider too (§11.3)")))
    if is_shell(after):
        out.append(Effect("subject-shell", Msg(
            "之后主体没有任何仍有接入的网站：成为空壳主体（§11.4），再次备案前须先向管局注销",
            "afterwards no site of the subject is accessed anywhere: the subject is a shell (§11.4), to be cancelled at "
            "the bureau before it can file again"), "warning"))
    out.append(Effect("not-deregistration", Msg(
        "取消接入不是注销：备案号仍然有效", "cancelling access is not a deregistration: the number stays valid")))
    return out
