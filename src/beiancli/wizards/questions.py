"""The questions of a filing, in the order a provider console asks them (icp-filing.md §6.1, §6.2), and the
machinery that asks one and checks the answer at once.

A question is presentation only: the prompt, how the answer is typed (text, choice, yes/no, validity, domain)
and where it goes (a field path). Whether it is asked comes from the rule data — a question is asked when
rules/data/fields.toml says the draft's filing type needs its field (`wiring.required_patterns`), or, for
the few optional ones (office phone, remarks), when its section is asked at all. `kinds` only says that a
field exists for organisations (a legal representative) — not a filing rule.

Every answer is checked by the same code `beian validate` runs: first the identifier validators (ids.py,
icpnum, domains), then `lint(draft with the answer, paths=[field])`. An error is shown in the user's language
and only that answer is asked again; warnings are shown and the answer is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from beiancli.i18n import Msg
from beiancli.wizards import wiring
from beiancli.wizards.session import Session, get, pattern_of, put

if TYPE_CHECKING:
    from beiancli.wizards.asker import Choice


@dataclass(frozen=True)
class Q:
    field: str
    """Path below the section's base (`principal.mobile`), or absolute when the base is ""."""
    zh: str
    en: str
    kind: str = "text"  # text | select | confirm | validity | date
    optional: bool = False
    kinds: tuple[str, ...] | None = None
    choices: Callable[[Session, str], list[Choice]] | None = None
    default: Callable[[Session, str], Any] | None = None
    hint: Msg | None = None

    def prompt(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# -- defaults and choices: from what is known (history, earlier answers, rule data) -----------------------

def _parent(path: str) -> str:
    return path.rsplit(".", 1)[0] if "." in path else ""


def _nature_choices(s: Session, _path: str) -> list[Choice]:
    from beiancli import ids

    return [(n.id, f"{n.zh} / {n.en}") for n in ids.natures().values()]


def _cert_type_choices(s: Session, path: str) -> list[Choice]:
    from beiancli import ids

    names = ids.cert_types()
    if path == "subject.cert_type":
        allowed = ids.natures()[s.draft.subject.nature].cert_types if s.draft.subject.nature else tuple(names)
    else:
        allowed = tuple(c.id for c in names.values() if c.person)
    return [(c, f"{names[c].zh} / {names[c].en}") for c in allowed]


def _subject_cert_type_default(s: Session, _path: str) -> Any:
    from beiancli.subjects import default_cert_type

    return default_cert_type(s.draft.subject.nature)


def _province_choices(s: Session, _path: str) -> list[Choice]:
    from beiancli import regions

    return [(p.id, f"{p.id} / {p.en}") for p in regions.provinces()]


def site_options() -> dict[str, Any]:
    from beiancli.rules.data import load

    return load("site_options")


def _content_choices(s: Session, _path: str) -> list[Choice]:
    kind = s.kind
    return [(c["value"], f"{c['value']} / {c['en']}") for c in site_options()["content_types"]
            if kind is None or kind in c["kinds"]]


def _content_default(s: Session, _path: str) -> Any:
    kind = s.kind
    for c in site_options()["content_types"]:
        if kind in c.get("default_for", []):
            return c["value"]
    return None


def _history_subject_value(attr: str) -> Callable[[Session, str], Any]:
    def default(s: Session, _path: str) -> Any:
        return getattr(s.history_subject, attr, None) if s.history_subject is not None else None

    return default


def _province_default(s: Session, _path: str) -> Any:
    if s.history_subject is not None and s.history_subject.province:
        return s.history_subject.province
    subj = s.draft.subject
    if subj.cert_type and subj.cert_number:
        from beiancli.subjects import province_of

        return province_of(subj.cert_type, subj.cert_number)
    return None


def _address_default(s: Session, _path: str) -> Any:
    return s.draft.subject.cert_address


def _investor_default(s: Session, _path: str) -> Any:
    return s.draft.subject.legal_representative


def _person_name_default(s: Session, path: str) -> Any:
    base = _parent(path)
    if base == "subject.principal":
        if s.kind == "individual":
            return s.draft.subject.name
        if get(s.draft, base + ".is_legal_representative"):
            return s.draft.subject.legal_representative
    elif get(s.draft, base + ".is_legal_representative"):
        return s.draft.subject.legal_representative
    return None


def _person_cert_type_default(s: Session, path: str) -> Any:
    if _parent(path) == "subject.principal" and s.kind == "individual":
        return s.draft.subject.cert_type
    return "resident-id"


def _person_cert_number_default(s: Session, path: str) -> Any:
    base = _parent(path)
    subj = s.draft.subject
    if base == "subject.principal" and s.kind == "individual" and get(s.draft, base + ".cert_type") == subj.cert_type:
        return subj.cert_number
    return None


def _legal_rep_default(s: Session, path: str) -> Any:
    if _parent(path) == "subject.principal":
        return True
    return None


def _site_number_default(s: Session, path: str) -> Any:
    hs = s.history_subject
    if hs is None:
        return None
    site = get(s.draft, _parent(path))
    names = {d.name for d in (site.domains if site else [])}
    for hsite in hs.sites:
        if hsite.domain in names:
            return hsite.site_number
    return None


# -- the catalogue, in console order (§6.1, §6.2) ----------------------------------------------------------

WHO = [
    Q("subject.nature", "主办者性质", "Subject nature (who files)", "select", choices=_nature_choices),
    Q("subject.cert_type", "主办者证件类型", "Subject certificate type", "select", choices=_cert_type_choices,
      default=_subject_cert_type_default),
    Q("subject.cert_number", "证件号码", "Certificate number"),
    Q("subject.name", "主办单位名称 / 姓名（与证件完全一致）", "Subject name (exactly as on the certificate)",
      default=_history_subject_value("name")),
]

REGION = [
    Q("province", "备案省份（单位：证件所在省；个人：身份证所在省）", "Filing province (organisations: where the certificate is "
      "registered; individuals: the ID's province)", "select", choices=_province_choices, default=_province_default),
    Q("city", "城市（如 深圳市）", "City (e.g. 深圳市)"),
    Q("district", "区县（如 南山区）", "District (e.g. 南山区)"),
]

SUBJECT = [
    Q("subject.icp_number", "主体备案号（如 粤ICP备2024000001号）", "Subject ICP number (e.g. 粤ICP备2024000001号)",
      default=_history_subject_value("icp_number")),
    Q("subject.cert_address", "证件住所（与证件上完全一致）", "Address on the certificate (exactly as printed)"),
    Q("subject.address", "通信地址（详细到门牌号）", "Postal address (down to the house/room number)", default=_address_default),
    Q("subject.legal_representative", "法定代表人姓名", "Legal representative's name", optional=True,
      kinds=("organisation",)),
    Q("subject.investor", "投资者或上级主管单位", "Investor or superior body", default=_investor_default),
    Q("subject.remark", "主体备注（可留空）", "Subject remark (may be empty)", optional=True),
]

PERSON = [
    Q("is_legal_representative", "负责人是法定代表人吗？", "Is this person the legal representative?", "confirm",
      optional=True, kinds=("organisation",), default=_legal_rep_default),
    Q("name", "姓名", "Name", default=_person_name_default),
    Q("cert_type", "证件类型", "ID type", "select", choices=_cert_type_choices, default=_person_cert_type_default),
    Q("cert_number", "证件号码", "ID number", default=_person_cert_number_default),
    Q("cert_valid_until", "证件有效期至（YYYY-MM-DD；长期有效填 长期）", "ID valid until (YYYY-MM-DD, or 'long-term')",
      "validity"),
    Q("mobile", "手机号码（接收工信部核验短信）", "Mobile number (receives the MIIT SMS check)"),
    Q("emergency_phone", "应急联系电话（不能与本人手机相同）", "Emergency phone (not the person's own mobile)"),
    Q("office_phone", "办公电话（可留空）", "Office phone (may be empty)", optional=True),
    Q("email", "电子邮箱", "E-mail"),
]

WEBSITE = [
    Q("site_number", "网站备案号（如 粤ICP备2024000001号-1）", "Website ICP number (e.g. 粤ICP备2024000001号-1)",
      default=_site_number_default),
    Q("name", "网站名称（至少 3 个汉字，与内容相关，不能是域名）", "Website name (3+ Chinese characters, about the content, "
      "not the domain)"),
    Q("content_type", "网站服务内容", "Service content type", "select", choices=_content_choices, default=_content_default),
    Q("remark", "网站备注（建议写明上线后的内容，可留空）", "Website remark (what the site will show; may be empty)", optional=True),
]


def _registrant_default(s: Session, _path: str) -> Any:
    return s.draft.subject.name  # the domain holder must be the subject (§3.2)


DOMAIN_FACTS = [
    Q("registrant", "域名持有者（须与主办单位名称或个人姓名一致）", "Domain holder (registrant; must be the subject)",
      default=_registrant_default),
    Q("registrar", "域名注册商（可留空）", "Registrar (may be empty)", optional=True),
    Q("expiry_date", "域名到期日（YYYY-MM-DD）", "Domain expiry date (YYYY-MM-DD)", "date"),
    Q("realname_date", "域名实名认证完成日期（YYYY-MM-DD）", "Date the domain's real-name verification was completed "
      "(YYYY-MM-DD)", "date"),
]
"""The MIIT domain checks look at these facts of every domain (§3.1 checks 3-5, §12.1 #1-#3)."""


def domain_questions(base: str, count: int) -> list[tuple[Q, str]]:
    return [(q, f"{base}.domains[{j}].{q.field}") for j in range(count) for q in DOMAIN_FACTS]


def person_questions(base: str) -> list[tuple[Q, str]]:
    return [(q, f"{base}.{q.field}") for q in PERSON]


# -- is a question asked? -------------------------------------------------------------------------------

def _alternatives(pattern: str) -> list[str]:
    return pattern.split("|")


def required(s: Session, path: str) -> bool:
    """True when fields.toml makes the field's filing type need it."""
    patterns = wiring.required_patterns(s.draft)
    p = pattern_of(path)
    extra = {p}
    if p.endswith(".cert_valid_until"):
        extra.add(p[: -len("cert_valid_until")] + "cert_long_term")
    return any(alt in extra for pat in patterns for alt in _alternatives(pat))


def in_alternative(s: Session, path: str) -> bool:
    """The field is one of several that satisfy a requirement (`a|b`): leaving it empty is fine here."""
    p = pattern_of(path)
    return any(p in _alternatives(pat) and "|" in pat for pat in wiring.required_patterns(s.draft))


def wanted(s: Session, items: list[tuple[Q, str]]) -> list[tuple[Q, str]]:
    """The questions of one section that are asked for this draft."""
    kind = s.kind
    alive = [(q, p) for q, p in items if q.kinds is None or kind is None or kind in q.kinds]
    if s.draft.change is not None:
        return alive  # a change offers every field of its scope, the filed value as the default (§11.2)
    needs = {p: required(s, p) for _q, p in alive}
    section_needed = any(needs.values())
    return [(q, p) for q, p in alive if needs[p] or (q.optional and section_needed)]


# -- checking an answer ------------------------------------------------------------------------------------

def _parse_date(text: str) -> dt.date | None:
    t = text.strip().replace("/", "-").replace(".", "-")
    if len(t) == 8 and t.isdigit():
        t = f"{t[:4]}-{t[4:6]}-{t[6:]}"
    try:
        return dt.date.fromisoformat(t)
    except ValueError:
        return None


LONG_TERM = {"长期", "长期有效", "long-term", "longterm", "long term", "long", "permanent"}


def id_errors(s: Session, path: str, value: Any) -> tuple[Any, list[Msg]]:
    """(normalised value, errors) from the identifier validators for the field at `path`."""
    from beiancli import ids

    if value is None or value == "":
        return value, []
    leaf = path.rsplit(".", 1)[-1]
    if leaf == "cert_number":
        ct = get(s.draft, _parent(path) + ".cert_type") if "." in path else None
        if ct in ids.cert_types():
            info = ids.check_cert(ct, value, today=s.today)
            errs = [p.msg for p in info.problems if p.severity == "error"]
            return (info.number if not errs else value), errs
        return value, []
    if leaf == "mobile":
        info = ids.check_mobile(value)
        errs = [p.msg for p in info.problems if p.severity == "error"]
        return (info.number if not errs else value), errs
    if leaf in ("emergency_phone", "office_phone"):
        info = ids.check_phone(value)
        return value.strip(), [p.msg for p in info.problems if p.severity == "error"]
    if leaf == "email":
        r = ids.check_email(value)
        if isinstance(r, str):
            return r, []
        return value, [r.msg] if r.severity == "error" else []
    if path == "subject.icp_number":
        from beiancli.errors import BeianError
        from beiancli.subjects import check_subject_icp

        try:
            return check_subject_icp(value, s.draft.province), []
        except BeianError as exc:
            return value, [exc.message if isinstance(exc.message, Msg) else Msg(str(exc.message), str(exc.message))]
    if leaf == "site_number":
        from beiancli import icpnum

        try:
            n = icpnum.parse(value)
        except icpnum.IcpNumberError as exc:
            return value, [exc.msg]
        if not n.is_site:
            return value, [Msg(f"{n.text} 是主体备案号；网站备案号以 -序号 结尾", f"{n.text} is a subject number; a site number ends in -N")]
        subj = s.draft.subject.icp_number
        if subj and n.subject_number != subj:
            return value, [Msg(f"{n.text} 不属于主体备案号 {subj}", f"{n.text} does not belong to the subject number {subj}")]
        return n.text, []
    return value, []


@dataclass
class Verdict:
    value: Any
    errors: list[str]
    warnings: list[str]


def lint_paths(path: str) -> list[str]:
    if path.endswith(".cert_valid_until"):
        return [path, path[: -len("cert_valid_until")] + "cert_long_term"]
    return [path]


def check(s: Session, path: str, value: Any, *, apply: Callable[[Any], None] | None = None) -> Verdict:
    """Check one answer: identifier validators, then the lint rules on the draft with the answer applied, then
    (for a change filing) what may not change. `apply(draft)` sets the answer on a trial copy (default: put)."""
    value, errs = id_errors(s, path, value)
    errors = [m.get(s.lang) for m in errs]
    warnings: list[str] = []
    if errors:
        return Verdict(value, errors, warnings)
    trial = s.draft.model_copy(deep=True)
    try:
        if apply is not None:
            apply(trial)
        else:
            put(trial, path, value)
    except (ValueError, TypeError) as exc:  # pydantic rejects the type (validate_assignment)
        return Verdict(value, [_schema_text(exc, s.lang)], [])
    empty = value is None or value == "" or value == []
    # BA701 compares the draft's type with the §1.5 decision: before the type step has run there is no type yet
    undecided = s.flow in ("new", "add-site") and "type" not in s.done
    for p in wiring.lint(trial, s.history, paths=lint_paths(path), provider=s.provider, today_=s.today,
                         ignore=("BA701",) if undecided else ()):
        if empty and p.rule_id == "BA001" and in_alternative(s, path):
            continue  # another field will satisfy it (fields.toml `a|b`)
        if p.rule_id == "BA001" and p.path not in lint_paths(path):
            continue  # a required field below this one (a domain's expiry date) is a question of its own
        (errors if p.severity == "error" else warnings).append(p.text(s.lang))
    if s.draft.change is not None:
        # what a change may not do (§11.2): refusals this answer brings in, whatever field they land on
        from beiancli.rules.changes import refusals

        scope, original = s.draft.change.scope, s.draft.change.original
        before = {r.code for r in refusals(scope, original, s.draft.model_dump(mode="json", exclude_none=True))}
        for r in refusals(scope, original, trial.model_dump(mode="json", exclude_none=True)):
            if r.code not in before or r.path == path:
                text = f"{r.msg.get(s.lang)} — {r.hint.get(s.lang)}"
                (errors if r.severity == "error" else warnings).append(text)
    return Verdict(value, list(dict.fromkeys(errors)), list(dict.fromkeys(warnings)))


def _schema_text(exc: Exception, lang: str) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):  # a pydantic ValidationError: worded as `beian validate` words it
        from beiancli.store import problems_text

        return problems_text(exc, lang)
    return "取值无效" if lang == "zh" else f"invalid value: {str(exc).splitlines()[-1] if str(exc) else exc}"


# -- asking ------------------------------------------------------------------------------------------------

def _show_old_new(s: Session, path: str, value: Any) -> None:
    """For a change filing: old -> new, when the answer changes the filed value (§11.2)."""
    if s.draft.change is None:
        return
    from beiancli.rules.changes import diff

    orig = s.draft.change.original
    old = get_dict(orig, path)
    new = value.isoformat() if isinstance(value, dt.date) else value
    if diff(old, new):
        s.say(Msg("  变更：{path}：{old} → {new}", "  change: {path}: {old} → {new}"), path=path,
              old=_shown(s, path, old), new=_shown(s, path, new))


def _shown(s: Session, path: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    return str(s.out.mask_field(path, value if isinstance(value, str) else str(value)))


def get_dict(data: dict[str, Any], path: str) -> Any:
    import re

    cur: Any = data
    for part in path.split("."):
        m = re.match(r"^([a-z_]+)(?:\[(\d+)\])?$", part)
        if not m or not isinstance(cur, dict):
            return None
        cur = cur.get(m.group(1))
        if m.group(2) is not None:
            i = int(m.group(2))
            cur = cur[i] if isinstance(cur, list) and i < len(cur) else None
    return cur


def ask(s: Session, q: Q, path: str) -> Any:
    """Ask one question (unless a flag answered it), check the answer, retype until it passes, store it."""
    if path in s.preset:
        verdict = check(s, path, get(s.draft, path))
        if not verdict.errors:
            return get(s.draft, path)
        for e in verdict.errors:  # a flag's value that does not pass: say why, then ask
            s.say(Msg("  ✗ {e}", "  ✗ {e}"), e=e)
        s.preset.discard(path)
    if q.kind == "select":
        return _ask_select(s, q, path)
    if q.kind == "confirm":
        return _ask_confirm(s, q, path)
    if q.kind == "validity":
        return _ask_validity(s, q, path)
    if q.kind == "date":
        return _ask_text(s, q, path, parse=lambda raw: _date_answer(s, raw))
    return _ask_text(s, q, path)


def _date_answer(s: Session, raw: str) -> tuple[Any, str | None]:
    if not raw:
        return None, None
    d = _parse_date(raw)
    if d is None:
        return None, "日期格式应为 YYYY-MM-DD" if s.lang == "zh" else "a date like 2031-05-20"
    return d, None


def _default(s: Session, q: Q, path: str) -> Any:
    current = get(s.draft, path)
    if current not in (None, "", []):
        return current
    return q.default(s, path) if q.default else None


def _ask_text(s: Session, q: Q, path: str, *, parse: Callable[[str], tuple[Any, str | None]] | None = None) -> Any:
    from beiancli.pii import kind_of_path

    default = _default(s, q, path)
    keep = None
    instruction = q.hint.get(s.lang) if q.hint else None
    if default not in (None, "") and kind_of_path(path):
        # personal data is not put back on the screen: Enter keeps it, the prompt shows it masked
        keep = default
        masked = s.out.mask_field(path, str(default)) if not s.out.show_pii else default
        instruction = (f"（回车保留 {masked}）" if s.lang == "zh" else f"(Enter keeps {masked})")
        default = None
    result: dict[str, Verdict] = {}

    def validate(text: str) -> str | None:
        raw = text.strip()
        if not raw and keep is not None:
            raw = str(keep)
        if parse is not None:
            value, problem = parse(raw)
            if problem:
                return problem
        else:
            value = raw or None
        verdict = check(s, path, value)
        if verdict.errors:
            return "；".join(verdict.errors) if s.lang == "zh" else "; ".join(verdict.errors)
        result["v"] = verdict
        return None

    s.asker.text(q.prompt(s.lang), default=None if default is None else str(default), validate=validate,
                 instruction=instruction)
    verdict = result["v"]
    _show_old_new(s, path, verdict.value)
    put(s.draft, path, verdict.value)
    for w in verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)
    return verdict.value


def _ask_select(s: Session, q: Q, path: str) -> Any:
    choices = q.choices(s, path) if q.choices else []
    values = [v for v, _ in choices]
    default = _default(s, q, path)
    if len(choices) == 1 and get(s.draft, path) in (None, values[0]):
        value = values[0]
        verdict = check(s, path, value)
        if not verdict.errors:
            put(s.draft, path, value)
            return value
    while True:
        value = s.asker.select(q.prompt(s.lang), choices, default=default if default in values else None)
        verdict = check(s, path, value)
        if not verdict.errors:
            break
        for e in verdict.errors:
            s.say(Msg("  ✗ {e}", "  ✗ {e}"), e=e)
        default = None
    _show_old_new(s, path, value)
    put(s.draft, path, value)
    for w in verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)
    return value


def _ask_confirm(s: Session, q: Q, path: str) -> Any:
    default = get(s.draft, path)
    if default is None:
        default = q.default(s, path) if q.default else None
    value = s.asker.confirm(q.prompt(s.lang), default=bool(default))
    verdict = check(s, path, value)
    put(s.draft, path, value)
    for w in verdict.errors + verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)
    return value


def _ask_validity(s: Session, q: Q, path: str) -> Any:
    base = _parent(path)
    long_term = bool(get(s.draft, base + ".cert_long_term"))
    until = get(s.draft, path)
    current = ("长期" if s.lang == "zh" else "long-term") if long_term else (until.isoformat() if until else None)
    result: dict[str, Any] = {}

    def validate(text: str) -> str | None:
        raw = text.strip()
        if raw.lower() in LONG_TERM:
            value: tuple[dt.date | None, bool] = (None, True)
        elif not raw:
            value = (None, False)
        else:
            d = _parse_date(raw)
            if d is None:
                return "日期格式应为 YYYY-MM-DD，长期有效填 长期" if s.lang == "zh" else "a date like 2031-05-20, or 'long-term'"
            value = (d, False)

        def apply(draft: Any) -> None:
            put(draft, base + ".cert_valid_until", value[0])
            put(draft, base + ".cert_long_term", value[1])

        verdict = check(s, path, value[0] if not value[1] else "long-term", apply=apply)
        if verdict.errors:
            return "；".join(verdict.errors) if s.lang == "zh" else "; ".join(verdict.errors)
        result["v"] = (value, verdict)
        return None

    s.asker.text(q.prompt(s.lang), default=current, validate=validate)
    (until_v, long_v), verdict = result["v"]
    put(s.draft, base + ".cert_valid_until", until_v)
    put(s.draft, base + ".cert_long_term", long_v)
    for w in verdict.warnings:
        s.say(Msg("  注意：{w}", "  note: {w}"), w=w)
    return until_v


def ask_date(s: Session, prompt: Msg, path: str, *, apply: Callable[[Any, Any], None]) -> dt.date | None:
    """An optional date (e.g. a pre-approval's validity), checked like any other answer."""
    result: dict[str, Any] = {}

    def validate(text: str) -> str | None:
        d, problem = _date_answer(s, text.strip())
        if problem:
            return problem
        verdict = check(s, path, d, apply=lambda draft: apply(draft, d))
        if verdict.errors:
            return "; ".join(verdict.errors)
        result["v"] = d
        return None

    s.asker.text(prompt.get(s.lang), validate=validate)
    return result["v"]
