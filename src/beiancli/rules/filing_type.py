"""Which filing type a domain needs, for this subject at this provider — or why it cannot be filed.
The decision table of icp-filing.md §1.5, as data, matched first-fit on facts.

    decide(domain, history, subject, provider) -> Decision

Facts (all booleans) come from the domain (TLD status §3.6, nature reservations §3.5), the subject (filed? in
this provider account? in another account at this provider? a shell, §11.4?) and the history, where the
domain is looked up across **all** subjects (filed? by this subject? accessed at this provider?). `TABLE` is
read top to bottom; the first row whose `when` matches decides. Blocking pre-checks (TLD, nature, other
account, shell) come first, then the §1.5 rows. A test checks that every combination of facts meets a row.

The history is what the user knows (beiancli is offline): "not in the history" is treated as "not filed", and
the trace says so — check beian.miit.gov.cn when in doubt (§14.3: an empty MIIT answer may mean "blocked").

Pure: no printing, no I/O except rule data. Models are imported for type checking only, so `check-domain
example.com` without a history never imports pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.domains import DomainInfo
    from beiancli.models import History, HistorySite, HistorySubject
    from beiancli.rules.providers import Provider
    from beiancli.rules.tlds import Reserved, TldStatus

FILE = "file"
ALREADY_FILED = "already-filed"
BLOCKED = "blocked"

FACTS: tuple[str, ...] = (
    "tld_blocked",  # the suffix is not an MIIT-approved TLD (§3.1 check 1, §3.6)
    "nature_blocked",  # the suffix is reserved for natures the subject does not have (§3.5, §3.6)
    "subject_filed",  # the subject has an ICP subject number
    "subject_here",  # the subject's filing sits in the account you file from at this provider
    "subject_other_account",  # ... or in another account at this provider (history: "tencent:label")
    "shell",  # filed, but no sites left, or no site accessed anywhere (§11.4)
    "domain_filed",  # the registrable domain has a site number (under any subject in the history)
    "domain_same_subject",  # ... under this subject
    "accessed_here",  # that site is accessed at this provider today
)


class Row(NamedTuple):
    id: str
    when: Mapping[str, bool]
    outcome: str
    filing_type: str | None = None
    code: str | None = None
    situation: Msg | None = None  # how the row reads in the "other situations" table
    reason: Msg | None = None  # blocked: why (template)
    todo: Msg | None = None  # blocked: what to do (template)
    next: tuple[tuple[str | None, Msg], ...] = ()  # (type id whose name fills {name}, template)
    source: str = ""

    def matches(self, facts: Mapping[str, bool]) -> bool:
        return all(facts[k] == v for k, v in self.when.items())


class Blocked(NamedTuple):
    code: str
    reason: Msg
    todo: Msg


class Decision(NamedTuple):
    outcome: str
    filing_type: str | None
    filing_type_name: Msg | None
    blocked: Blocked | None
    trace: list[Msg]
    next_steps: list[Msg]
    warnings: list[Msg]
    row: str
    provider: str
    facts: dict[str, bool]
    tld: TldStatus
    reserved: Reserved | None = None
    province: str | None = None  # the subject's province, when known (bureau review limit, overlays)
    nature: str | None = None


class Situation(NamedTuple):
    row: str
    situation: Msg
    outcome: str
    filing_type: str | None
    filing_type_name: Msg | None
    code: str | None


# -- the table ------------------------------------------------------------------------------------------
# Messages may use: {registrable} {tld} {suffix} {tld_reason} {reserved_label} {nature} {subject} {owner}
# {labels} {provider} {name}. Sources are icp-filing.md sections and tags.

_NOT_FILED_HERE_YET = (None, Msg("网站在取得备案号前不得开通：暂停解析，或只放“建设中”页面（§2.3）",
                                 "Keep the site closed until the number is issued: pause DNS or show an 'under construction' page (§2.3)"))

TABLE: tuple[Row, ...] = (
    Row(
        "tld-not-approved", {"tld_blocked": True}, BLOCKED, code="tld-not-approved",
        reason=Msg("{tld_reason}", "{tld_reason}"),
        todo=Msg("换用工信部批复后缀的域名（如 .cn、.com、.中国）；后缀若已新获批复，请在 域名.信息 核实后把更新的 tlds.toml 放进 BEIAN_DATA_DIR",
                 "Use a domain under a suffix MIIT has approved (e.g. .cn, .com, .中国); if the suffix was approved recently, check 域名.信息 and put an updated tlds.toml in BEIAN_DATA_DIR"),
        source="§3.1 check 1, §3.6",
    ),
    Row(
        "nature-not-allowed", {"nature_blocked": True}, BLOCKED, code="nature-not-allowed",
        reason=Msg("后缀 .{suffix} 仅供{reserved_label}使用，而主体性质是 {nature}",
                   "the suffix .{suffix} is reserved for {reserved_label}; the subject's nature is {nature}"),
        todo=Msg("用该主体自己可用的后缀（如 .cn、.com）的域名备案，或由符合性质的主体备案",
                 "File a domain under a suffix this subject may use (e.g. .cn, .com), or let a subject of the right nature file it"),
        source="§3.5, §3.6 (suffix rules by subject type)",
    ),
    Row(
        "subject-in-other-account", {"subject_filed": True, "subject_here": False, "subject_other_account": True},
        BLOCKED, code="subject-in-other-account",
        situation=Msg("主体已备案，但在本接入商的另一个账号中", "subject filed, but in another account at this provider"),
        reason=Msg("主体 {subject} 的备案在{provider}的另一个账号（{labels}）中；一个账号只能有一个主体，且只能在主体所在账号办理",
                   "the filing of {subject} sits in another {provider} account ({labels}); one account holds one subject, and filings are made from that account"),
        todo=Msg("登录该账号办理；或用备案迁移把主体移到当前账号；或注销该主体后重新备案（§1.5 [Q-subject]）",
                 "Log in to that account and file there; or move the filing to this account (备案迁移); or cancel the subject and file anew (§1.5 [Q-subject])"),
        source="§1.5 row 9, §1.6 (one subject per account), [Q-subject], [T:39776]",
    ),
    Row(
        "shell-subject", {"subject_filed": True, "shell": True}, BLOCKED, code="shell-subject",
        situation=Msg("主体是空壳主体（没有网站或没有接入）", "subject is a shell (no sites, or no access left)"),
        reason=Msg("主体 {subject} 是空壳主体：有备案号，但历史中它已没有网站，或没有任何网站仍有接入商",
                   "{subject} is a shell subject: it has a number, but in the history it has no sites left, or none still accessed by a provider"),
        todo=Msg("先向备案所在省管局申请注销空壳主体（接入商不能代办，§11.4 [T:19622]），之后按首次备案办理；若只是历史文件不全，用 `beian subject add-site` 补上它的网站",
                 "Have the bureau cancel the shell first (providers cannot, §11.4 [T:19622]), then file as a first filing; if only the history is incomplete, add its sites with `beian subject add-site`"),
        source="§1.5 row 10, §11.4, [Q-site], [Q-cancel]",
    ),
    Row(
        "first", {"subject_filed": False, "domain_filed": False}, FILE, filing_type="first",
        situation=Msg("主体从未备案，域名未备案", "subject never filed, domain not filed"),
        next=(
            (None, Msg("域名实名认证至少提前 3 天完成（在其他注册商注册的为 3 个工作日），域名持有者须与备案主体一致（§2.1、§3.2）",
                       "Finish the domain's real-name verification at least 3 days ahead (3 working days at another registrar); the domain holder must be the filing subject (§2.1, §3.2)")),
            _NOT_FILED_HERE_YET,
            ("first", Msg("准备资料并起草：beian new（{name}）", "Prepare the data and a draft: beian new ({name})")),
        ),
        source="§1.5 row 1, §1.2 #1",
    ),
    Row(
        "first-domain-taken", {"subject_filed": False, "domain_filed": True}, BLOCKED,
        code="domain-filed-by-other-subject",
        situation=Msg("主体从未备案，域名已由另一主体备案", "subject never filed, domain filed by another subject"),
        reason=Msg("{registrable} 已由另一主体（{owner}）备案", "{registrable} is already filed by another subject ({owner})"),
        todo=Msg("若它就是你的主体，用 --subject 指定；否则须由原主体注销该网站；域名已转到你名下时，向管局提交注销申请表后再备案（§3.3 [Q-other]）",
                 "If that is your subject, name it with --subject; otherwise the other subject must cancel the site; if the domain has passed to you, send the bureau its cancellation form first (§3.3 [Q-other])"),
        source="§1.5 row 2, §3.3, [Q-other], [Q-number]",
    ),
    Row(
        "add-site", {"subject_filed": True, "subject_here": True, "domain_filed": False}, FILE, filing_type="add-site",
        situation=Msg("主体已在本接入商备案，域名未备案", "subject filed at this provider, domain not filed"),
        next=(
            (None, Msg("新增网站会复核主体下所有已备案网站：旧网站须能打开、页脚展示备案号并链接 beian.miit.gov.cn；过期的主体信息先变更（§1.6 [Q-addsite]）",
                       "Adding a site re-reviews every site the subject has: old sites must open and show the linked number in the footer; outdated subject data must be changed first (§1.6 [Q-addsite])")),
            _NOT_FILED_HERE_YET,
            ("add-site", Msg("起草：beian add-site（{name}）", "Draft it: beian add-site ({name})")),
        ),
        source="§1.5 row 3, §1.2 #2",
    ),
    Row(
        "add-site-external", {"subject_filed": True, "subject_here": False, "domain_filed": False}, FILE,
        filing_type="add-site-external",
        situation=Msg("主体在其他接入商备案，域名未备案", "subject filed at another provider, domain not filed"),
        next=(
            (None, Msg("主体性质、证件类型和证件号码须与原备案完全一致；通过后以工信部的主体信息为准，有差异再做变更（§1.2、§1.4）",
                       "Nature, certificate type and number must be exactly those of the existing filing; afterwards the MIIT subject data applies, fix differences with a change (§1.2, §1.4)")),
            _NOT_FILED_HERE_YET,
            ("add-site-external", Msg("起草：beian add-site（{name}）", "Draft it: beian add-site ({name})")),
        ),
        source="§1.5 row 4, §1.2 #3",
    ),
    Row(
        "already-filed", {"subject_filed": True, "domain_filed": True, "domain_same_subject": True, "accessed_here": True},
        ALREADY_FILED,
        situation=Msg("域名已由该主体备案并已在本接入商接入", "domain filed by this subject and accessed here"),
        next=(
            ("change-site", Msg("网站信息有变化时：{name}（beian change）", "If website data changed: {name} (beian change)")),
            ("change-subject", Msg("主体信息有变化时：{name}（beian change）", "If subject data changed: {name} (beian change)")),
            ("cancel-site", Msg("网站停止服务时：{name}（beian cancel）", "If the site closes: {name} (beian cancel)")),
            ("cancel-access", Msg("不再托管在此时：{name}（beian cancel；备案号保留，但长期无接入会被注销）",
                                  "If it no longer runs here: {name} (beian cancel; the number stays, but a site without access is eventually cancelled)")),
        ),
        source="§1.5 row 7, §11",
    ),
    Row(
        "access", {"subject_filed": True, "subject_here": False, "domain_filed": True, "domain_same_subject": True,
                   "accessed_here": False}, FILE, filing_type="access",
        situation=Msg("主体和域名已在其他接入商备案，网站要迁来本接入商", "subject and domain filed elsewhere; the site moves here"),
        next=(
            (None, Msg("接入期间不能修改任何备案信息：先在原接入商处变更，或接入后再变更（§1.6 [Q-access]）",
                       "Nothing can be edited during access: change data at the old provider first, or afterwards (§1.6 [Q-access])")),
            (None, Msg("初审通过后网站即可在本接入商开通（§2.3）", "The site may serve here once the provider review has passed (§2.3)")),
            ("access", Msg("起草：beian new（{name}）；原接入可保留，不用时在原接入商取消接入", "Draft it: beian new ({name}); the old access may stay, cancel it there when unused")),
        ),
        source="§1.5 row 5, §1.2 #4",
    ),
    Row(
        "one-click-access", {"subject_filed": True, "subject_here": True, "domain_filed": True,
                             "domain_same_subject": True, "accessed_here": False}, FILE, filing_type="one-click-access",
        situation=Msg("主体在本接入商，该主体的域名已备案但接入在别处", "subject here; its domain is filed but accessed elsewhere"),
        next=(
            (None, Msg("初审通过后网站即可在本接入商开通（§2.3）", "The site may serve here once the provider review has passed (§2.3)")),
            ("one-click-access", Msg("在控制台办理：{name}（beian new）", "Do it in the console: {name} (beian new)")),
        ),
        source="§1.5 row 6, §1.2 #5, [T:64161]",
    ),
    Row(
        "domain-conflict", {"subject_filed": True, "domain_filed": True, "domain_same_subject": False}, BLOCKED,
        code="domain-filed-by-other-subject",
        situation=Msg("主体已备案，域名已由另一主体备案（域名冲突）", "subject filed, domain filed by another subject (domain conflict)"),
        reason=Msg("{registrable} 已由另一主体（{owner}）备案：域名冲突", "{registrable} is filed by another subject ({owner}): domain conflict"),
        todo=Msg("须由原主体注销该网站；域名已转到你名下时，向管局提交注销申请表后再备案（§3.3 [Q-other]）",
                 "The other subject must cancel the site; if the domain has passed to you, send the bureau its cancellation form first (§3.3 [Q-other])"),
        source="§1.5 row 8, §1.6 (域名冲突), [Q-review]",
    ),
)


def row(row_id: str) -> Row:
    for r in TABLE:
        if r.id == row_id:
            return r
    raise KeyError(row_id)


def match(facts: Mapping[str, bool]) -> Row:
    """The first row of TABLE whose conditions hold."""
    for r in TABLE:
        if r.matches(facts):
            return r
    raise LookupError(f"no decision-table row matches {dict(facts)}")  # a test proves this cannot happen


# -- facts ----------------------------------------------------------------------------------------------

def _norm_cert(s: str) -> str:
    return s.replace(" ", "").replace("-", "").upper()


def subject_filed(s: HistorySubject) -> bool:
    return bool(s.icp_number) or any(site.site_number for site in s.sites)


def _accounts(s: HistorySubject, provider: str) -> tuple[bool, list[str]]:
    """(in the account you file from at `provider`, labels of other accounts at `provider`)."""
    from beiancli.rules.providers import split

    here, labels = False, []
    for entry in sorted(s.provider_accounts()):
        base, label = split(entry)
        if base != provider:
            continue
        if label:
            labels.append(label)
        else:
            here = True
    return here, labels


def is_shell(s: HistorySubject) -> bool:
    return subject_filed(s) and (not s.sites or all(not site.providers for site in s.sites))


def find_site(domain: DomainInfo, history: History | None,
              prefer: HistorySubject | None = None) -> tuple[HistorySubject, HistorySite] | None:
    """The filed site of the domain's registrable name in the history, under any subject."""
    if history is None:
        return None
    from beiancli.domains import DomainError, analyse

    hits = []
    for s in history.subjects:
        for site in s.sites:
            try:
                reg = analyse(site.domain).registrable
            except DomainError:
                reg = site.domain.strip().lower()
            if reg == domain.registrable and (site.site_number or subject_filed(s)):
                hits.append((s, site))
    if not hits:
        return None
    if prefer is not None:
        for s, site in hits:
            if _norm_cert(s.cert_number) == _norm_cert(prefer.cert_number):
                return s, site
    return hits[0]


def _join(names: list[Msg]) -> Msg:
    return Msg("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def decide(domain: DomainInfo, history: History | None, subject: HistorySubject | None,
           provider: str | None) -> Decision:
    from beiancli.rules import providers as prov
    from beiancli.rules import tlds

    profile: Provider = prov.get(provider)
    pname = profile.name
    province = _province_id(subject.province) if subject is not None and subject.province else None
    nature = subject.nature if subject is not None else None

    tld = tlds.status(domain, province)
    res = tlds.reserved(domain)
    warnings: list[Msg] = list(tld.warnings)
    trace: list[Msg] = []

    # domain and TLD facts
    sub_note = (Msg(f"；子域名 {domain.subdomain} 由主域名的备案覆盖，无需单独备案",
                    f"; the sub-domain part {domain.subdomain} is covered by the registrable domain's filing")
                if domain.subdomain else Msg("", ""))
    trace.append(Msg(f"备案的是主域名 {domain.registrable}（后缀 .{domain.suffix}）{sub_note.zh}",
                     f"the registrable domain {domain.registrable} (suffix .{domain.suffix}) is what is filed{sub_note.en}"))
    trace.append(tld.reason)

    nature_blocked = False
    if res is not None:
        allowed = res.allows(nature)
        label = res.label
        if allowed is None:
            warnings.append(Msg(f"后缀 .{res.suffix} 仅供{label.zh}使用：确认备案主体是这样的单位（{_conf(res)}）",
                                f"the suffix .{res.suffix} is reserved for {label.en}: make sure the subject is one ({_conf(res)})"))
        elif allowed:
            trace.append(Msg(f"后缀 .{res.suffix} 仅供{label.zh}使用，主体性质 {nature} 符合",
                             f"the suffix .{res.suffix} is reserved for {label.en}; the subject's nature {nature} fits"))
        elif res.blocking:
            nature_blocked = True
            trace.append(Msg(f"后缀 .{res.suffix} 仅供{label.zh}使用，主体性质 {nature} 不符（{_conf(res)}）",
                             f"the suffix .{res.suffix} is reserved for {label.en}; the subject's nature {nature} does not fit ({_conf(res)})"))
        else:
            warnings.append(Msg(f"后缀 .{res.suffix} 通常仅供{label.zh}使用，主体性质 {nature} 可能不符（{_conf(res)}，仅提示）",
                                f"the suffix .{res.suffix} is usually for {label.en}; the subject's nature {nature} may not fit ({_conf(res)}; a warning only)"))

    # subject facts
    subject_trace: list[Msg] = []
    here, labels, shell, filed = False, [], False, False
    if subject is None:
        subject_trace.append(Msg("未指定主体（--subject）：按从未备案过的主体判断",
                                 "no subject given (--subject): deciding for a subject that was never filed"))
    else:
        filed = subject_filed(subject)
        here, labels = _accounts(subject, profile.id)
        shell = is_shell(subject)
        if filed:
            subject_trace.append(Msg(f"主体 {subject.name} 已备案（{subject.icp_number or '备案号未记录'}）",
                                     f"{subject.name} is filed ({subject.icp_number or 'number not recorded'})"))
            accounts = [prov.display_name(a) for a in sorted(subject.provider_accounts())]
            where = _join(accounts) if accounts else Msg("未记录", "not recorded")
            if here:
                subject_trace.append(Msg(f"主体的备案在{pname.zh}的本账号中", f"its filing sits in your {pname.en} account"))
            elif labels:
                subject_trace.append(Msg(f"主体的备案在{pname.zh}的另一个账号（{', '.join(labels)}）中",
                                         f"its filing sits in another {pname.en} account ({', '.join(labels)})"))
            else:
                subject_trace.append(Msg(f"主体的备案不在{pname.zh}（在：{where.zh}）", f"its filing is not at {pname.en} (it is at: {where.en})"))
            if shell:
                subject_trace.append(Msg("历史中它已没有网站，或没有任何网站仍有接入：空壳主体",
                                         "in the history it has no sites left, or none still accessed: a shell subject"))
        else:
            subject_trace.append(Msg(f"主体 {subject.name} 从未备案（历史中没有主体备案号）",
                                     f"{subject.name} has never been filed (no subject number in the history)"))

    # domain facts (the whole history, every subject)
    domain_trace: list[Msg] = []
    found = find_site(domain, history, prefer=subject)
    owner = site = None
    same = accessed = False
    if found is None:
        if history is None:
            domain_trace.append(Msg(f"没有历史文件：按 {domain.registrable} 未备案判断（可在 beian.miit.gov.cn 核实）",
                                    f"no history file: treating {domain.registrable} as not filed (check on beian.miit.gov.cn)"))
        else:
            domain_trace.append(Msg(f"历史中没有 {domain.registrable} 的备案：按未备案判断（可在 beian.miit.gov.cn 核实）",
                                    f"{domain.registrable} is not filed in the history: treating it as not filed (check on beian.miit.gov.cn)"))
    else:
        owner, site = found
        same = subject is not None and _norm_cert(owner.cert_number) == _norm_cert(subject.cert_number)
        accessed = any(prov.split(p)[0] == profile.id for p in site.providers)
        number = site.site_number or owner.icp_number or "—"
        who = Msg("该主体", "this subject") if same else Msg(f"另一主体 {owner.name}", f"another subject, {owner.name}")
        domain_trace.append(Msg(f"{domain.registrable} 已由{who.zh}备案（{number}）", f"{domain.registrable} is filed by {who.en} ({number})"))
        if site.providers:
            ps = _join([prov.display_name(p) for p in site.providers])
            domain_trace.append(Msg(f"该网站当前接入：{ps.zh}", f"the site is accessed at: {ps.en}"))
        else:
            domain_trace.append(Msg("该网站当前没有接入商", "the site has no access provider today"))

    facts = {
        "tld_blocked": tld.status == tlds.NOT_APPROVED,
        "nature_blocked": nature_blocked,
        "subject_filed": filed,
        "subject_here": here,
        "subject_other_account": bool(labels),
        "shell": shell,
        "domain_filed": found is not None,
        "domain_same_subject": same,
        "accessed_here": accessed,
    }
    r = match(facts)

    consulted = set(r.when)
    if consulted & {"subject_filed", "subject_here", "subject_other_account", "shell"}:
        trace.extend(subject_trace)
    if consulted & {"domain_filed", "domain_same_subject", "accessed_here"}:
        trace.extend(domain_trace)

    data = {
        "registrable": domain.registrable, "tld": domain.tld, "suffix": domain.suffix, "tld_reason": tld.reason,
        "reserved_label": res.label if res else Msg("", ""), "nature": nature or "", "provider": pname,
        "subject": subject.name if subject is not None else "", "owner": owner.name if owner is not None else "",
        "labels": ", ".join(labels),
    }
    filing_type = name = blocked = None
    if r.outcome == FILE and r.filing_type:
        filing_type = profile.resolve(r.filing_type)
        name = profile.type_name(filing_type)
        if filing_type != r.filing_type:
            orig = prov.get("tencent").type_name(r.filing_type) if "tencent" in prov.known() else Msg(r.filing_type, r.filing_type)
            trace.append(Msg(f"{pname.zh}没有“{orig.zh}”：同样的情况在{pname.zh}办理“{name.zh}”",
                             f"{pname.en} has no '{orig.en}': the same case is filed there as '{name.en}'"))
        trace.append(Msg(f"→ 备案类型：{name.zh}（{filing_type}，{pname.zh}）", f"→ filing type: {name.en} ({filing_type}, {pname.en})"))
    elif r.outcome == ALREADY_FILED:
        trace.append(Msg("→ 已备案且已在本接入商接入：无需新的备案", "→ already filed and accessed here: nothing new to file"))
    else:
        blocked = Blocked(r.code or r.id, _render(r.reason, profile, data), _render(r.todo, profile, data))
        trace.append(Msg(f"→ 不能备案（{blocked.code}）", f"→ cannot be filed ({blocked.code})"))

    next_steps = [_render(m, profile, data, type_id) for type_id, m in r.next if type_id is None or profile.offers(profile.resolve(type_id))]
    return Decision(
        outcome=r.outcome, filing_type=filing_type, filing_type_name=name, blocked=blocked, trace=trace,
        next_steps=next_steps, warnings=warnings, row=r.id, provider=profile.id, facts=facts, tld=tld,
        reserved=res, province=province, nature=nature,
    )


def _conf(res: Reserved) -> str:
    return f"{res.confidence}, {res.as_of}"


def _province_id(value: str) -> str | None:
    from beiancli import regions

    p = regions.find(value)
    return p.id if p else value


def _render(m: Msg | None, profile: Provider, data: dict[str, Any], type_id: str | None = None) -> Msg:
    if m is None:
        return Msg("", "")
    if type_id is not None:
        data = {**data, "name": profile.type_name(type_id)}
    return m.fill(**data)


def situations(provider: str | None = None) -> list[Situation]:
    """Which outcome each §1.5 situation leads to at this provider (for the no-subject output)."""
    from beiancli.rules import providers as prov

    profile = prov.get(provider)
    out = []
    for r in TABLE:
        if r.situation is None:
            continue
        ft = profile.resolve(r.filing_type) if r.filing_type else None
        out.append(Situation(r.id, r.situation, r.outcome, ft, profile.type_name(ft) if ft else None, r.code))
    return out
