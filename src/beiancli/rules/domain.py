"""Domain rules (BA1xx): the domains a draft lists, against the MIIT domain checks (icp-filing.md §3.1) and the
rules on which name is filed, who may hold it and when (§1.6, §2.1 step 0, §3.2-§3.6, §12.1 #1-#3).

Every domain is analysed once per draft (`entries(ctx)`, `beiancli.domains.analyse`). The TLD and nature
checks call `beiancli.rules.tlds` — the functions `beian check-domain` uses — so lint and check-domain give
the same answer for the same domain and province. Thresholds, word lists and province rows:
rules/data/domain_rules.toml; TLD lists: rules/data/tlds.toml.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from beiancli import calendar, domains
from beiancli.i18n import Msg
from beiancli.rules import provinces, tlds
from beiancli.rules.base import (
    NEW_FILINGS,
    Context,
    Finding,
    Rule,
    Severity,
    nature_label,
    norm_cert_number,
    normalise_name,
    types,
)
from beiancli.rules.data import load

if TYPE_CHECKING:
    from beiancli.domains import DomainError, DomainInfo
    from beiancli.models import DomainFacts

CHECKED = NEW_FILINGS
"""Filing types whose domains go through the MIIT domain check: new filings and access (接入) of filed sites."""
NEW_DOMAINS = types("first", "add-site", "add-site-external")
"""Filing types that add domains to the record (a change may only keep or remove them, §1.6)."""


class Entry(NamedTuple):
    """One domain of the draft: where it is, what the draft says, and its analysis (or why it has none)."""

    site: int
    index: int
    facts: DomainFacts
    info: DomainInfo | None
    error: DomainError | None

    @property
    def path(self) -> str:
        return f"websites[{self.site}].domains[{self.index}]"

    @property
    def shown(self) -> str:
        """The registrable domain when there is one, else what the draft wrote."""
        return self.info.registrable if self.info is not None else self.facts.name


def entries(ctx: Context) -> list[Entry]:
    """Every domain of every website, analysed once per draft (shared by all BA1xx rules)."""
    return ctx.memo(("domain", "entries"), lambda: _entries(ctx))


def _entries(ctx: Context) -> list[Entry]:
    out = []
    for i, site in enumerate(ctx.draft.websites):
        for j, facts in enumerate(site.domains):
            try:
                out.append(Entry(i, j, facts, domains.analyse(facts.name), None))
            except domains.DomainError as exc:
                out.append(Entry(i, j, facts, None, exc))
    return out


def _valid(ctx: Context) -> Iterator[tuple[Entry, DomainInfo]]:
    for e in entries(ctx):
        if e.info is not None:
            yield e, e.info


def _data() -> dict[str, Any]:
    return load("domain_rules")


# -- BA101 domain-name-registrable ---------------------------------------------------------------------

_NOT_A_DOMAIN = Msg("不是可以备案的域名：{why}", "is not a domain that can be filed: {why}")
_NOT_A_DOMAIN_TODO = Msg("填写可注册的主域名，如 example.com、example.com.cn 或 例子.中国",
                         "give the registrable domain, e.g. example.com, example.com.cn or 例子.中国")
_SUBDOMAIN = Msg("是子域名（{sub}），备案填写的是主域名 {registrable}",
                 "is a sub-domain ({sub}); a filing lists the registrable domain {registrable}")
_SUBDOMAIN_TODO = Msg("把域名改为 {registrable}", "change it to {registrable}")
_FORM = Msg("的写法不规范（网址、端口、全角字符或结尾的点）", "is not written as a plain domain (URL, port, full-width characters or a trailing dot)")
_FORM_TODO = Msg("写作 {registrable}", "write it as {registrable}")


def check_registrable(ctx: Context) -> Iterator[Finding]:
    for e in entries(ctx):
        info = e.info
        if info is not None and not info.subdomain and e.facts.name == info.registrable_ascii:
            continue  # the usual spelling (lower-case ASCII, no spaces): the test below without strip/lower
        path = f"{e.path}.name"
        if e.error is not None:
            yield REGISTRABLE.finding(path, domain=e.facts.name, problem=_NOT_A_DOMAIN.fill(why=e.error.msg),
                                      todo=_NOT_A_DOMAIN_TODO)
            continue
        assert info is not None
        if info.subdomain:
            yield REGISTRABLE.finding(
                path, domain=e.facts.name,
                problem=_SUBDOMAIN.fill(sub=info.subdomain + ".", registrable=info.registrable),
                todo=_SUBDOMAIN_TODO.fill(registrable=info.registrable),
            )
        elif e.facts.name.strip().lower() not in (info.registrable, info.registrable_ascii):
            yield REGISTRABLE.finding(path, Severity.WARNING, domain=e.facts.name, problem=_FORM,
                                      todo=_FORM_TODO.fill(registrable=info.registrable))


REGISTRABLE = Rule(
    id="BA101",
    name="domain-name-registrable",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("域名是可注册的主域名（不是子域名、IP 或网址，不带 www.）",
              "A domain is a registrable domain (not a sub-domain, an IP address or a URL; no www.)"),
    message=Msg("域名「{domain}」{problem}", "domain “{domain}” {problem}"),
    suggestion=Msg("备案只填写可注册的主域名（不带 www.、网址或端口），子域名由它的备案覆盖：{todo}", "a filing lists only the registrable domain (no www., URL or port); sub-domains are covered by its filing: {todo}"),
    source="§3.3 [Q-site], [Q-need] (only the registrable domain is filed, without www.); §3.5 (MIIT Announcement 2018 No. 7 label rules); §12.2",
    confidence="H",
    check=check_registrable,
)


# -- BA102 domain-tld-approved -------------------------------------------------------------------------

_TLD_TODO = {
    "not-approved": Msg("换用工信部批复后缀的域名（如 .cn、.com、.中国）；`beian check-domain {domain}` 显示依据",
                        "use a domain under a suffix MIIT has approved (e.g. .cn, .com, .中国); `beian check-domain {domain}` shows why"),
    "unknown": Msg("在 域名.信息（http://xn--eqrt2g.xn--vuq861b/）核实 .{suffix} 是否已获工信部批复；已批复时把更新的 tlds.toml 放进 BEIAN_DATA_DIR",
                   "check on 域名.信息 (http://xn--eqrt2g.xn--vuq861b/) whether MIIT has approved .{suffix}; if it has, put an updated tlds.toml in BEIAN_DATA_DIR"),
    "province": Msg("提交前向接入商确认 {domain} 能在{province}备案（腾讯云 CheckDomain 可逐个查询）",
                    "confirm with the provider that {domain} can be filed in {province} before submitting (Tencent's CheckDomain tells per domain)"),
}


def _join(msgs: Sequence[Msg]) -> Msg:
    return Msg("；".join(m.zh for m in msgs), "; ".join(m.en for m in msgs))


def check_tld(ctx: Context) -> Iterator[Finding]:
    province = ctx.province_id
    for e, info in _valid(ctx):
        st = tlds.status(info, province)
        if st.status == tlds.APPROVED and not st.warnings:
            continue
        path = f"{e.path}.name"
        data = {"domain": info.registrable, "suffix": info.suffix, "as_of": st.as_of}
        if st.status == tlds.NOT_APPROVED:
            yield TLD_APPROVED.finding(path, Severity.ERROR, reason=st.reason,
                                       todo=_TLD_TODO["not-approved"].fill(**data), **data)
        elif st.status == tlds.UNKNOWN:
            yield TLD_APPROVED.finding(path, Severity.WARNING, reason=st.reason,
                                       todo=_TLD_TODO["unknown"].fill(**data), **data)
        elif st.warnings:  # approved nationally, but not on the province's list (Beijing overlay)
            yield TLD_APPROVED.finding(path, Severity.WARNING, reason=_join(st.warnings),
                                       todo=_TLD_TODO["province"].fill(province=provinces.name(province), **data), **data)


TLD_APPROVED = Rule(
    id="BA102",
    name="domain-tld-approved",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("域名后缀是工信部批复的顶级域（北京另按北京管局的后缀列表）",
              "A domain's suffix is a TLD MIIT has approved (in Beijing, also on Beijing's list)"),
    message=Msg("域名 {domain}：{reason}", "domain {domain}: {reason}"),
    suggestion=Msg("{todo}（工信部域名核验第 1 项：后缀须为工信部批复的顶级域；所用数据的日期：{as_of}）", "{todo} (MIIT domain check 1: the suffix must be a TLD MIIT has approved; the data used is dated {as_of})"),
    source="§3.1 check 1 [Q-site]; §3.6 TLD lists and policy (unknown TLD -> warning), Beijing list [Q-prov]; §12.1 #3; rules/data/tlds.toml (shared with check-domain)",
    confidence="H",
    check=check_tld,
    filing_types=CHECKED,
)


# -- BA103 domain-suffix-nature ------------------------------------------------------------------------

def check_suffix_nature(ctx: Context) -> Iterator[Finding]:
    nature = ctx.draft.subject.nature
    if not nature:
        return  # BA001
    nature_name = nature_label(nature)
    for e, info in _valid(ctx):
        res = tlds.reserved(info)
        if res is None or res.allows(nature) is not False:
            continue
        yield SUFFIX_NATURE.finding(
            f"{e.path}.name", Severity.ERROR if res.blocking else Severity.WARNING,
            domain=info.registrable, suffix=res.suffix, label=res.label, nature=nature_name,
            basis=f"{res.confidence}, {res.as_of}",
        )


SUFFIX_NATURE = Rule(
    id="BA103",
    name="domain-suffix-nature",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("保留后缀（.gov.cn、.政务、.公益、.edu.cn……）只用于相应性质的主体",
              "Reserved suffixes (.gov.cn, .政务, .公益, .edu.cn ...) are used only by subjects of that nature"),
    message=Msg("域名 {domain} 的后缀 .{suffix} 仅供{label}使用，而主体性质是{nature}（{basis}）",
                "the suffix .{suffix} of {domain} is reserved for {label}; the subject is {nature} ({basis})"),
    suggestion=Msg("换用 .cn、.com 等不限主体性质的域名，或确认主体性质填写正确",
                   "use a domain under a suffix open to every subject (e.g. .cn, .com), or check the subject's nature"),
    source="§3.5 MIIT Announcement 2018 No. 7 (.政务, .公益 reserved); §3.6 suffix rules by subject type [HWP]; §3.4; rules/data/tlds.toml [[reserved]] (.edu.cn, .mil.cn: L, warning only)",
    confidence="M",
    check=check_suffix_nature,
    filing_types=CHECKED,
)


# -- BA104 domain-holder-subject -----------------------------------------------------------------------

def normalise_holder(text: str) -> str:
    """Compare holder names the way the MIIT check does: a name compared as a clerk would
    (base.normalise_name: NFKC, no whitespace, · and • unified, case-folded), every kind of bracket as ( )."""
    cfg = _data()["holder"]
    table = cfg.get("_brackets")
    if table is None:
        br = cfg["brackets"]
        table = cfg["_brackets"] = str.maketrans(br, "()" * (len(br) // 2))
    return normalise_name(text).translate(table)


_ROLES = {
    "legal_rep": Msg("法定代表人", "the legal representative"),
    "principal": Msg("主体负责人", "the subject's principal"),
    "investor": Msg("投资者（股东）", "an investor (shareholder)"),
}


def _org_roles(ctx: Context, holder: str) -> list[Msg]:
    s = ctx.draft.subject
    roles = []
    if s.legal_representative and normalise_holder(s.legal_representative) == holder:
        roles.append(_ROLES["legal_rep"])
    if s.principal is not None and s.principal.name and normalise_holder(s.principal.name) == holder:
        roles.append(_ROLES["principal"])
    if s.investor:
        seps = re.escape(_data()["holder"]["investor_separators"])
        if holder in {normalise_holder(x) for x in re.split(f"[{seps}]", s.investor) if x.strip()}:
            roles.append(_ROLES["investor"])
    return roles


def _subject_name(ctx: Context) -> str | None:
    s = ctx.draft.subject
    if s.name:
        return s.name
    if ctx.is_individual and s.principal is not None:
        return s.principal.name
    return None


_HOLDER = {
    "individual": (Msg("不是备案人本人（{subject}）", "is not the filer ({subject})"),
                   Msg("个人备案的域名须由本人持有：把域名过户给{subject}，或以{subject}的身份重新做域名实名认证",
                       "a personal filing's domain must be held by the filer: transfer it to {subject}, or redo its real-name verification as {subject}")),
    "former": (Msg("是主体的曾用名，不是现名称 {subject}", "is the subject's former name, not its current name {subject}"),
               Msg("在注册商处把域名持有者更新为 {subject}（更名后须同步域名实名信息）",
                   "update the domain holder to {subject} at the registrar (the real-name data must follow the rename)")),
    "other": (Msg("与备案主体 {subject} 不一致", "is not the filing subject {subject}"),
              Msg("把域名过户给 {subject}（或以主体名称重做域名实名认证）并上传域名证书；或改由域名持有者备案",
                  "transfer the domain to {subject} (or redo its real-name verification under the subject's name) and upload the domain certificate; or file under the holder")),
    "role": (Msg("是主体的{roles}，不是单位本身（{subject}）", "is {roles} of the subject, not the organisation ({subject})"),
             Msg("工信部 2019 年通知接受单位的负责人、股东或高管持有域名，但{strict}管局只接受单位名称：最稳妥是把域名持有者改为 {subject}",
                 "MIIT's 2019 notice accepts the organisation's principal, shareholders or senior managers, but the {strict} bureaus accept only the organisation's name: safest is to make {subject} the holder")),
    "role-strict": (Msg("是主体的{roles}，不是单位本身（{subject}）", "is {roles} of the subject, not the organisation ({subject})"),
                    Msg("{province}管局只接受单位名称作为域名持有者：把域名持有者改为 {subject}（依据：{basis}）",
                        "the {province} bureau accepts only the organisation's name as the domain holder: make {subject} the holder (basis: {basis})")),
}


def _org_only() -> dict[str, dict[str, Any]]:
    """province -> its [[holder.org_only]] row, once per loaded domain_rules.toml."""
    cfg = _data()["holder"]
    strict = cfg.get("_org_only")
    if strict is None:
        strict = cfg["_org_only"] = {row["province"]: row for row in cfg["org_only"]}
    return strict


def check_holder(ctx: Context) -> Iterator[Finding]:
    subject = _subject_name(ctx)
    if not subject or ctx.subject_kind is None:
        return  # BA001
    want = None
    for e in entries(ctx):
        holder = e.facts.registrant
        if not holder or holder == subject:  # the same text normalises the same: the usual case
            continue
        if want is None:
            want = normalise_holder(subject)
        got = normalise_holder(holder)
        if got == want:
            continue
        formers = {normalise_holder(n) for n in ctx.draft.subject.former_names}
        strict = _org_only()
        sev: Severity | None = None
        extra: dict[str, Any] = {}
        if ctx.is_individual:
            case = "individual"
        elif got in formers:
            case = "former"
        elif roles := _org_roles(ctx, got):
            en = [r.en for r in roles]
            extra["roles"] = Msg("、".join(r.zh for r in roles), ", ".join(en[:-1]) + " and " + en[-1] if len(en) > 1 else en[0])
            row = strict.get(ctx.province_id or "")
            if row is not None:
                case, sev = "role-strict", Severity(row["severity"])
                extra |= {"province": provinces.name(row["province"]), "basis": row["source"]}
            else:
                case, sev = "role", Severity.WARNING
                names = [provinces.name(p) for p in strict]
                extra["strict"] = Msg("、".join(n.zh for n in names), ", ".join(n.en for n in names))
        else:
            case = "other"
        problem, todo = _HOLDER[case]
        data = {"subject": subject, **extra}
        yield HOLDER_SUBJECT.finding(f"{e.path}.registrant", sev, domain=e.shown, registrant=holder, case=case,
                                     province=ctx.province_id or "", problem=problem.fill(**data),
                                     todo=todo.fill(**data))


HOLDER_SUBJECT = Rule(
    id="BA104",
    name="domain-holder-subject",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("域名持有者就是备案主体", "The domain holder (registrant) is the filing subject"),
    message=Msg("域名 {domain} 的持有者「{registrant}」{problem}", "the holder “{registrant}” of {domain} {problem}"),
    suggestion=Msg("{todo}（工信部域名核验第 5 项：域名持有者须与备案主体一致）", "{todo} (MIIT domain check 5: the domain holder must be the filing subject)"),
    source="§3.1 check 5; §3.2 (individual: the filer; organisation: lint default, MIIT 2019 notice vs Shaanxi/Ningxia/Xinjiang [Q-site], [Qd-prov]); §9.3 西藏 [HWX]; §12.1 #1 [P5], [Q-reject]; rules/data/domain_rules.toml [holder]",
    confidence="H",
    check=check_holder,
    filing_types=CHECKED,
)


# -- BA105 domain-holder-cert-number -------------------------------------------------------------------

def check_holder_cert(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if not s.cert_number:
        return  # BA001
    want = None
    for e in entries(ctx):
        number = e.facts.registrant_cert_number
        if not number or number == s.cert_number:  # the same text normalises the same
            continue
        if want is None:
            want = norm_cert_number(s.cert_number)
        if norm_cert_number(number) == want:
            continue
        if ctx.is_organisation and e.facts.registrant and _org_roles(ctx, normalise_holder(e.facts.registrant)):
            continue  # a person of the organisation holds it, with their own ID: BA104's warning covers it
        yield HOLDER_CERT.finding(f"{e.path}.registrant_cert_number", domain=e.shown)


HOLDER_CERT = Rule(
    id="BA105",
    name="domain-holder-cert-number",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("域名持有者的证件号码就是主体的证件号码", "The domain holder's certificate number is the subject's"),
    message=Msg("域名 {domain} 持有者的证件号码与备案主体的证件号码不一致",
                "the certificate number of the holder of {domain} is not the filing subject's"),
    suggestion=Msg("核对域名实名认证所用的证件；不一致时以主体证件重新做域名实名认证（或过户）",
                   "check the certificate the domain was real-name verified with; if it is not the subject's, redo the verification with it (or transfer the domain)"),
    source="§3.1 check 5 (holder = subject: name, certificate type and number); §3.2; §12.1 #1 (registrant_id vs subject.cert_no)",
    confidence="H",
    check=check_holder_cert,
    filing_types=CHECKED,
)


# -- BA106 domain-expiry -------------------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's end (2026-11-30 + 3 -> 2027-02-28)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, month_days(year, month)))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    """Days in a month (`calendar.monthrange(year, month)[1]`, without importing the calendar and locale modules
    at start-up, ~4 ms)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


_EXPIRY = {
    "missing": Msg("没有填写到期日：无法离线核对工信部的域名有效期核验", "has no expiry_date: the MIIT validity check cannot be judged offline"),
    "expired": Msg("已于 {expiry} 到期（计划提交日 {submission}）", "expired on {expiry} (planned submission {submission})"),
    "expiring": Msg("于 {expiry} 到期，距计划提交日 {submission} 不足 {months} 个月", "expires on {expiry}, less than {months} months after the planned submission ({submission})"),
}
_EXPIRY_TODO = {
    "missing": Msg("从注册商（WHOIS）查到域名到期日并填入 expiry_date", "look the expiry date up at the registrar (WHOIS) and fill in expiry_date"),
    "expired": Msg("先续费域名（并确认仍在本人/本单位名下），再提交备案", "renew the domain first (and check it is still held by the subject), then submit"),
    "expiring": Msg("提交前把域名续费到 {until} 之后（多地管局要求剩余有效期超过 {months} 个月）",
                    "renew the domain beyond {until} before submitting (many bureaus want more than {months} months left)"),
}


def check_expiry(ctx: Context) -> Iterator[Finding]:
    cfg = _data()["expiry"]
    months = int(cfg["min_months"])
    when = ctx.submission_date
    until = add_months(when, months)
    for e in entries(ctx):
        exp = e.facts.expiry_date
        if exp is None:
            case, sev = "missing", Severity(cfg["missing"])
        elif exp < when:
            case, sev = "expired", Severity.ERROR
        elif exp <= until:
            case, sev = "expiring", Severity.WARNING
        else:
            continue
        data = {"expiry": exp or "", "submission": when, "months": months, "until": until}
        yield EXPIRY.finding(f"{e.path}.expiry_date", sev, domain=e.shown, case=case,
                             problem=_EXPIRY[case].fill(**data), todo=_EXPIRY_TODO[case].fill(**data), **data)


EXPIRY = Rule(
    id="BA106",
    name="domain-expiry",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("域名在注册有效期内，且提交后还有 3 个月以上", "A domain is registered for more than 3 months after submission"),
    message=Msg("域名 {domain} {problem}", "domain {domain} {problem}"),
    suggestion=Msg("{todo}（工信部域名核验第 3 项：域名须在注册有效期内）", "{todo} (MIIT domain check 3: the domain must be within its registration period)"),
    source="§3.1 check 3 [Q-reject] (within its registration period, H; >3 months: Henan [Qd-prov], Baidu (M), Shanxi [HWP]); §12.1 #3; rules/data/domain_rules.toml [expiry]",
    confidence="H",
    check=check_expiry,
    filing_types=CHECKED,
)


# -- BA107 domain-realname-lead-time -------------------------------------------------------------------

def registered_elsewhere(registrar: str | None, provider: str) -> bool | None:
    """Is the domain registered at another registrar than the filing provider? None when unknown (no
    registrar given, or a provider without registrar names in the data)."""
    names = _data()["realname"]["registrars"].get(provider)
    if not registrar or not names:
        return None
    text = unicodedata.normalize("NFKC", registrar).casefold()
    return not any(unicodedata.normalize("NFKC", n).casefold() in text for n in names)


_REALNAME = {
    "missing": Msg("没有填写实名认证日期（realname_date）", "has no real-name verification date (realname_date)"),
    "late": Msg("的实名认证日期 {realname} 距计划提交日 {submission} 不足 {lead}",
                "was real-name verified on {realname}, less than {lead} before the planned submission ({submission})"),
}
_REALNAME_TODO = {
    "missing": Msg("在注册商处完成域名实名认证，并把认证通过的日期填入 realname_date；实名信息约 3 个工作日后才同步到工信部",
                   "finish the domain's real-name verification at the registrar and put the date in realname_date; the data reaches MIIT about 3 working days later"),
    "late": Msg("等到 {ready} 或之后再提交（实名信息同步到工信部之前提交会被驳回）",
                "submit on {ready} or later (a filing sent before the real-name data reaches MIIT is rejected)"),
}


def check_realname(ctx: Context) -> Iterator[Finding]:
    cfg = _data()["realname"]
    when = ctx.submission_date
    for e in entries(ctx):
        day = e.facts.realname_date
        if day is None:
            yield REALNAME.finding(f"{e.path}.realname_date", Severity(cfg["missing"]), domain=e.shown,
                                   problem=_REALNAME["missing"], todo=_REALNAME_TODO["missing"])
            continue
        if registered_elsewhere(e.facts.registrar, ctx.provider_id):
            n = int(cfg["elsewhere_workdays"])
            ready = calendar.add_workdays(day, n).date
            lead = Msg(f"{n} 个工作日（域名不在接入商处注册）", f"{n} working days (the domain is registered elsewhere)")
        else:
            n = int(cfg["natural_days"])
            ready = day + dt.timedelta(days=n)
            lead = Msg(f"{n} 天", f"{n} days")
        if when >= ready:
            continue
        data = {"realname": day, "submission": when, "lead": lead, "ready": ready}
        yield REALNAME.finding(f"{e.path}.realname_date", domain=e.shown, realname=day, ready=ready,
                               problem=_REALNAME["late"].fill(**data), todo=_REALNAME_TODO["late"].fill(**data))


REALNAME = Rule(
    id="BA107",
    name="domain-realname-lead-time",
    family="domain",
    severity=Severity.WARNING,
    title=Msg("域名已实名认证，且在提交前至少 3 天（外部注册商：3 个工作日）",
              "A domain was real-name verified at least 3 days (registered elsewhere: 3 working days) before submission"),
    message=Msg("域名 {domain} {problem}", "domain {domain} {problem}"),
    suggestion=Msg("{todo}（工信部域名核验第 4 项：域名须已实名认证）", "{todo} (MIIT domain check 4: the domain must be real-name verified)"),
    source="§2.1 step 0 [Q-other] (3 natural days; 3 WD when registered elsewhere); §3.1 check 4 (Huawei 3-5 WD [P8]); §12.1 #2; rules/data/domain_rules.toml [realname]",
    confidence="H",
    check=check_realname,
    filing_types=CHECKED,
)


# -- BA108 domain-one-per-site -------------------------------------------------------------------------

def check_one_per_site(ctx: Context) -> Iterator[Finding]:
    for i, site in enumerate(ctx.draft.websites):
        for j in range(1, len(site.domains)):
            yield ONE_PER_SITE.finding(f"websites[{i}].domains[{j}]", site=i + 1, count=len(site.domains),
                                       domain=site.domains[j].name)


ONE_PER_SITE = Rule(
    id="BA108",
    name="domain-one-per-site",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("首次备案和新增网站时每个网站只填 1 个域名", "A first filing or add-site lists one domain per website"),
    message=Msg("网站 {site} 填了 {count} 个域名，首次备案和新增网站每个网站只能填 1 个（{domain} 多余）",
                "website {site} lists {count} domains; a first filing or add-site takes one per website ({domain} is extra)"),
    suggestion=Msg("每个域名各作为一个网站填写（单位每次最多 10 个网站），或在本次备案通过后用“新增网站”备案其余域名",
                   "list each domain as a website of its own (an organisation may list up to 10 per order), or file the others as add-site once this filing is approved"),
    source="§1.6 (one domain per website [Q-site]; MIIT since 2019-04-22, 工信管函〔2019〕633号: changes may only keep or remove domains); §3.3; §12.2",
    confidence="H",
    check=check_one_per_site,
    filing_types=NEW_DOMAINS,
)


# -- BA109 domain-duplicate ----------------------------------------------------------------------------

def check_duplicate(ctx: Context) -> Iterator[Finding]:
    found = entries(ctx)
    if len(found) < 2:
        return  # nothing to repeat
    first: dict[str, Entry] = {}
    for e in found:
        key = e.info.registrable_ascii if e.info is not None else e.facts.name.strip().lower()
        seen = first.get(key)
        if seen is None:
            first[key] = e
            continue
        yield DUPLICATE.finding(f"{e.path}.name", domain=e.shown, site=e.site + 1, first_site=seen.site + 1)


DUPLICATE = Rule(
    id="BA109",
    name="domain-duplicate",
    family="domain",
    severity=Severity.ERROR,
    title=Msg("同一域名在草稿中只出现一次", "A domain appears only once in a draft"),
    message=Msg("域名 {domain} 在网站 {first_site} 中已经填过，网站 {site} 又填了一次（子域名按主域名计）",
                "domain {domain} is already listed for website {first_site} and again for website {site} (sub-domains count as their registrable domain)"),
    suggestion=Msg("删掉重复的域名：一个域名只能属于一个网站，且同一时间只能在一个备案订单中",
                   "remove the repeat: a domain belongs to one website, and to one order at a time"),
    source="§1.6 (one domain per website; a domain may be in only one order under review, 域名冲突 [Q-review]); §3.3 (the registrable domain is what is filed); §12.1 #12",
    confidence="H",
    check=check_duplicate,
)


# -- BA110 domain-beijing-national-words ---------------------------------------------------------------

def check_beijing_words(ctx: Context) -> Iterator[Finding]:
    cfg = _data()["beijing_national"]  # the Rule's `provinces` limits it to Beijing
    for e, info in _valid(ctx):
        prefix = info.registrable.split(".")[0]
        hits = [w for w in cfg["words"] if w in prefix]
        if hits:
            yield BEIJING_WORDS.finding(f"{e.path}.name", domain=info.registrable, words="、".join(hits),
                                        basis=cfg["source"])


BEIJING_WORDS = Rule(
    id="BA110",
    name="domain-beijing-national-words",
    family="domain",
    severity=Severity.WARNING,
    title=Msg("北京：非国家级单位的域名不含“中国”“国家”", "Beijing: only national-level bodies use 中国 / 国家 in a domain"),
    message=Msg("北京管局不接受非国家级单位的域名主体部分含有“{words}”：{domain}",
                "the Beijing bureau refuses “{words}” in the domain prefix of bodies that are not national-level: {domain}"),
    suggestion=Msg("主体不是国家级单位时换用不含这些词的域名；国家级单位可忽略此提示（--ignore BA110）（依据：{basis}）",
                   "unless the subject is a national-level body, use a domain without these words; national bodies can ignore this (--ignore BA110) (basis: {basis})"),
    source="§3.4; §9.3 北京 [Q-prov]; rules/data/domain_rules.toml [beijing_national] (a province rule: warning, §9.1)",
    confidence="H",
    check=check_beijing_words,
    filing_types=NEW_DOMAINS,
    provinces=frozenset({"北京"}),
)
