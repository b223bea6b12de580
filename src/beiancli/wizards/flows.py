"""Entry point of the filing wizards for the commands: interactive (questions through an Asker) or not.

Non-interactive (stdin/stdout not a terminal, CI, or `--non-interactive`): nothing is asked. The answers
come from `--from FILE` (a partial draft) and flags; the steps that pick things (the subject, the scope, the
website) take them from flags; every default the interactive wizard would offer is taken. Then every value is
checked by the same code as an interactive answer, and what is missing is listed by field path with the flag
or the `--from` key that supplies it (exit 3, nothing saved). A complete draft is saved and reviewed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beiancli.errors import InputError, UsageError
from beiancli.i18n import Msg
from beiancli.wizards import engine, steps, wiring
from beiancli.wizards.session import Session, get, put

if TYPE_CHECKING:
    from beiancli.output import Out


@dataclass
class Options:
    flow: str
    domain: str | None = None
    name: str | None = None
    output: Path | None = None
    from_file: Path | None = None
    resume: str | None = None
    non_interactive: bool = False
    force: bool = False
    subject: str | None = None
    draft: str | None = None
    scope: str | None = None
    sites: list[str] = field(default_factory=list)
    reason: str | None = None
    yes: bool = False
    same_principal: bool = False
    answers: dict[str, Any] = field(default_factory=dict)
    """Field path -> value given by a flag (`--province 广东` -> {"province": "广东"})."""


# Which flag supplies which field (everything else: a key in --from FILE).
FLAGS: dict[str, str] = {
    "province": "--province",
    "city": "--city",
    "district": "--district",
    "subject.nature": "--nature",
    "subject.cert_type": "--cert-type",
    "subject.cert_number": "--cert-number",
    "subject.name": "--subject-name",
    "subject.icp_number": "--icp-number",
    "subject.principal.name": "--principal-name",
    "subject.principal.cert_number": "--principal-cert-number",
    "subject.principal.mobile": "--mobile",
    "subject.principal.emergency_phone": "--emergency-phone",
    "subject.principal.email": "--email",
    "websites": "DOMAIN",
    "websites[0].domains": "DOMAIN",
    "websites[0].name": "--site-name",
    "websites[0].domains[0].registrant": "--registrant",
    "websites[0].domains[0].expiry_date": "--domain-expiry",
    "websites[0].domains[0].realname_date": "--realname-date",
    "change.scope": "--scope",
    "cancel.scope": "--scope",
    "cancel.site_numbers": "--site",
}


def supply_hint(path: str, lang: str) -> str:
    """How to supply a missing field: its flag, or the table and key in --from FILE."""
    flag = FLAGS.get(path)
    parts = path.split(".")
    key = re.sub(r"\[\d+\]", "", parts[-1])
    table = ".".join(re.sub(r"\[\d+\]", "", p) for p in parts[:-1])
    m = re.match(r"^websites\[(\d+)\]", path)
    where = f"[{table}] {key}" if table else key
    if m and table:
        n = int(m.group(1)) + 1
        where += f"（第 {n} 个 [[websites]]）" if lang == "zh" else f" (website {n})"
    file_hint = f"--from FILE: {where}"
    if re.match(r"^websites\[\d+\]\.principal\.", path):
        file_hint += "，或 --same-principal" if lang == "zh" else ", or --same-principal"
    if not flag:
        return file_hint
    return f"{flag}，或 {file_hint}" if lang == "zh" else f"{flag}, or {file_hint}"


class NoAsker:
    """The Asker of a non-interactive run: a question it gets is one no flag answered (a usage error)."""

    def __init__(self, out: Out):
        self._out = out

    def say(self, text: str) -> None:
        if not self._out.json_mode:
            self._out.err.print(text, markup=False, highlight=False)

    def _refuse(self, message: str) -> Any:
        raise UsageError(Msg(f"非交互模式不会提问：{message}（用对应的选项给出，见 --help）",
                             f"nothing is asked when not interactive: {message} (give it with a flag; see --help)"))

    def text(self, message: str, **_kw: Any) -> str:
        return self._refuse(message)

    def select(self, message: str, choices: Any, **_kw: Any) -> str:
        return self._refuse(message)

    def confirm(self, message: str, **_kw: Any) -> bool:
        return self._refuse(message)


# -- building the draft from --from and flags -------------------------------------------------------------

def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read_from(path: Path) -> dict[str, Any]:
    """The --from file as data, after checking it is a (partial) draft (schema errors carry their lines)."""
    from beiancli import store

    _draft, loaded = store.load_draft_doc(path)
    return loaded.data


def _merge_from(s: Session, data: dict[str, Any]) -> None:
    from beiancli.models import Draft

    keep = {"wizard": s.draft.wizard}
    merged = _deep_merge(s.draft.model_dump(mode="json", exclude_none=True), data)
    merged.update(keep)
    s.draft = Draft.model_validate(merged)


def _apply_answers(s: Session, answers: dict[str, Any]) -> None:
    from beiancli.models import DomainFacts

    for path, value in answers.items():
        if value is None:
            continue
        if path == "websites[0].domains":
            info, problem = wiring.analyse_domain(value)
            if problem is not None:
                raise InputError(problem, hint=Msg("给出要备案的域名，如 example.com", "give the domain to file, e.g. example.com"))
            s.domain_info = info
            value = [DomainFacts(name=info.registrable)]
        elif path == "province":
            from beiancli.subjects import check_province

            value = check_province(value)
        put(s.draft, path, value)
        s.preset.add(path)


# -- starting ----------------------------------------------------------------------------------------------

def start(out: Out, settings: Any, opts: Options, asker: Any = None) -> int:
    """Run a wizard. `asker` (tests: a ScriptedAsker) makes the run interactive whatever the terminal."""
    from beiancli import store
    from beiancli.models import Draft
    from beiancli.wizards.asker import QuestionaryAsker, is_interactive

    interactive = asker is not None or (is_interactive() and not opts.non_interactive)
    if interactive and asker is None:
        asker = QuestionaryAsker(out.err)
    history = store.load_history(settings.history_path(), missing_ok=settings.history is None)
    s = Session(asker=asker if interactive else NoAsker(out), out=out,
                draft=Draft(provider=settings.provider), flow=opts.flow, history=history,
                provider=settings.provider, today=wiring.today())
    s.options = {"scope": opts.scope, "site": opts.sites[0] if opts.sites else None, "sites": opts.sites,
                 "reason": opts.reason, "yes": opts.yes, "batch": not interactive}
    if opts.resume:
        _resume(s, opts)
    else:
        _fresh(s, opts, interactive)
    if not interactive:
        return _batch(s, opts)
    code = engine.run(s)
    if code == 0 and out.json_mode and s.path:
        out.emit_json(summary(s))
    return code


def _resume(s: Session, opts: Options) -> None:
    from beiancli import store

    path = store.resolve_draft(opts.resume)
    s.draft = store.load_draft(path)
    s.path, s.ref = path, opts.resume
    s.flow = s.draft.wizard.get("flow", opts.flow)
    if s.draft.provider:
        s.provider = s.draft.provider
    if s.history is not None and s.draft.subject.cert_number:
        s.history_subject = s.history.find_subject(s.draft.subject.cert_number)
    if s.history_subject is None and s.flow == "cancel":
        from beiancli.wizards.change import subject_from_draft

        s.history_subject = subject_from_draft(s.draft, s.provider)
    done = s.done
    if "review" in done:  # finished before: show the review again
        s.draft.wizard = {**s.draft.wizard, "done": [d for d in done if d != "review"]}
    s.say(Msg("继续草稿 {ref}（已完成：{done}）", "resuming {ref} (done: {done})"), ref=opts.resume,
          done=", ".join(done) or "—")


def _fresh(s: Session, opts: Options, interactive: bool) -> None:
    from beiancli import store

    if opts.output is not None:
        s.path, s.ref = Path(opts.output), str(opts.output)
    elif opts.name:
        s.path, s.ref = store.draft_path(opts.name), opts.name
    if s.path is not None:
        engine.check_new_path(s.path, force=opts.force)
    if opts.subject:
        s.history_subject = s.history.find_subject(opts.subject) if s.history is not None else None
        if s.history_subject is None:
            from beiancli.subjects import not_found

            raise not_found(s.history, opts.subject)
    if opts.draft:
        original = store.load_draft(store.resolve_draft(opts.draft))
        s.options["original"] = original
        if s.history_subject is None and s.history is not None and original.subject.cert_number:
            s.history_subject = s.history.find_subject(original.subject.cert_number)
    if opts.from_file is not None and opts.flow in ("new", "add-site"):
        data = _read_from(opts.from_file)
        if "filing_type" in data:
            s.options["explicit_type"] = data["filing_type"]
        _merge_from(s, data)
    # the domain first: the flags about its facts (--domain-expiry ...) land on the entry it creates
    answers = {"websites[0].domains": opts.domain} if opts.domain else {}
    answers.update(opts.answers)
    if opts.flow in ("new", "add-site"):
        _apply_answers(s, answers)
    else:
        s.options["answers"] = answers


# -- non-interactive -------------------------------------------------------------------------------------

def _fill_defaults(s: Session) -> None:
    """Take every default the interactive wizard would offer (history, earlier answers, rule data)."""
    from beiancli.wizards.questions import (
        PERSON,
        REGION,
        SUBJECT,
        WEBSITE,
        WHO,
        domain_questions,
        person_questions,
        wanted,
    )

    items = [(q, q.field) for q in WHO + REGION + SUBJECT] + person_questions("subject.principal")
    for i in range(len(s.draft.websites)):
        items += [(q, f"websites[{i}].{q.field}") for q in WEBSITE]
        items += domain_questions(f"websites[{i}]", len(s.draft.websites[i].domains))
        items += [(q, f"websites[{i}].principal.{q.field}") for q in PERSON]
    for q, path in wanted(s, items):
        if q.kind in ("confirm", "validity") or q.default is None or get(s.draft, path) not in (None, "", []):
            continue
        value = q.default(s, path)
        if value not in (None, ""):
            put(s.draft, path, value)


def _batch(s: Session, opts: Options) -> int:
    from beiancli.wizards.change import step_cancel_confirm, step_cancel_pick, step_change_original

    try:
        if s.flow in ("new", "add-site"):
            if s.flow == "add-site":
                if s.history_subject is None:
                    steps._find_in_history(s)
                if s.history_subject is None:
                    raise UsageError(Msg("新增网站需要已备案的主体：用 --subject 指定（beian subject list 查看）",
                                         "add-site needs the filed subject: name it with --subject (see beian subject list)"))
                steps._pick_history_subject(s)
            subj = s.draft.subject
            if subj.nature and not subj.cert_type:
                from beiancli.subjects import default_cert_type

                subj.cert_type = default_cert_type(subj.nature)
            can_decide = bool(s.draft.websites and s.draft.websites[0].domains and s.draft.subject.cert_number
                              and s.draft.subject.nature and s.draft.subject.cert_type)
            if can_decide and "type" not in s.done:
                steps.step_type(s)
            if opts.same_principal and s.draft.subject.principal is not None:
                for w in s.draft.websites:
                    if w.principal is None:
                        w.principal = s.draft.subject.principal.model_copy(deep=True)
            _fill_defaults(s)
        elif s.flow == "change" and not opts.resume:
            step_change_original(s)
            if opts.from_file is not None:
                _merge_from(s, _read_from(opts.from_file))
            _apply_answers(s, s.options.get("answers", {}))
        elif s.flow == "cancel" and not opts.resume:
            step_cancel_pick(s)
            if not opts.yes:
                step_cancel_confirm_explain(s)
                raise UsageError(Msg("注销需要确认：加 --yes", "a cancellation needs a confirmation: add --yes"))
            step_cancel_confirm(s)
    except steps.Stop as stop:
        if stop.msg is not None:
            s.out.note(stop.msg)
        return stop.code
    missing = wiring.missing_fields(s.draft)
    invalid = invalid_values(s)
    if missing or invalid:
        report_incomplete(s, missing, invalid)
        raise InputError(
            Msg(f"草稿不完整：缺少 {len(missing)} 项，{len(invalid)} 项有误；未保存",
                f"the draft is incomplete: {len(missing)} missing, {len(invalid)} invalid; nothing saved"),
            hint=Msg("补上以上各项后重新运行（或在终端里交互运行）", "supply them and run again (or run it interactively in a terminal)"),
        )
    if s.path is None:
        engine.choose_path(s)
    if s.path is None:
        raise UsageError(Msg("给出 --name 或 --output", "give --name or --output"))
    if not opts.resume and s.path.exists() and not opts.force:
        engine.check_new_path(s.path, force=False)
    for st in engine.flow_steps(s):
        s.mark_done(st)
    s.save()
    if s.out.json_mode:
        s.out.emit_json(summary(s))
    else:
        from beiancli.wizards.review import review

        review(s)
    return 0


def step_cancel_confirm_explain(s: Session) -> None:
    """Print the consequences of a cancellation (a non-interactive run without --yes still explains them)."""
    from beiancli.rules.changes import cancel_effects

    c = s.draft.cancel
    for e in cancel_effects(s.history_subject, c.scope, list(c.site_numbers), s.provider):
        s.say(f"  {'⚠' if e.severity == 'warning' else '·'} {e.msg.get(s.lang)}")


def invalid_values(s: Session) -> list[tuple[str, str]]:
    """(field path, what is wrong) for every given value the validators or the rules reject (errors only;
    missing fields and the materials are reported on their own)."""
    from beiancli.wizards.questions import id_errors
    from beiancli.wizards.review import rows

    out: list[tuple[str, str]] = []
    for path, value in rows(s.draft.model_dump(mode="json", exclude_none=True)):
        if not isinstance(value, str) or path.startswith("materials"):
            continue
        _v, errs = id_errors(s, path, value)
        out.extend((path, m.get(s.lang)) for m in errs)
    seen = {p for p, _ in out}
    for p in wiring.lint(s.draft, s.history, paths=None, provider=s.provider, today_=s.today):
        if p.severity != "error" or p.rule_id == "BA001" or p.rule_id.startswith("BA5") or p.path in seen:
            continue
        out.append((p.path or "—", p.text(s.lang)))
    if s.draft.change is not None:
        from beiancli.rules.changes import refusals

        for r in refusals(s.draft.change.scope, s.draft.change.original,
                          s.draft.model_dump(mode="json", exclude_none=True)):
            if r.severity == "error":
                out.append((r.path, f"{r.msg.get(s.lang)} — {r.hint.get(s.lang)}"))
    return out


def report_incomplete(s: Session, missing: list[str], invalid: list[tuple[str, str]]) -> None:
    out = s.out
    if out.json_mode:
        out.emit_json({
            "saved": False,
            "filing_type": s.draft.filing_type,
            "missing": [{"path": p, "label": _label(p), "supply": supply_hint(p, "en")} for p in missing],
            "invalid": [{"path": p, "problem": m} for p, m in invalid],
        })
        return
    zh = s.lang == "zh"
    lines: list[str] = []
    if missing:
        lines.append(f"缺少 {len(missing)} 项（字段 · 名称 · 用什么给出）：" if zh else f"missing ({len(missing)}): field · label · supply it with")
        width = max(len(p) for p in missing)
        for p in missing:
            label = _label(p)
            lines.append(f"  {p.ljust(width)}  {label + '  ' if label else ''}→ {supply_hint(p, s.lang)}")
    if invalid:
        lines.append(f"有误 {len(invalid)} 项：" if zh else f"invalid ({len(invalid)}):")
        for p, m in invalid:
            lines.append(f"  {p}: {m}")
    for line in lines:
        out.err.print(line, markup=False, highlight=False, soft_wrap=True)


def _label(path: str) -> str:
    from beiancli.schema import label_zh

    return label_zh(path) or ""


def summary(s: Session) -> dict[str, Any]:
    problems = wiring.lint(s.draft, s.history, paths=None, provider=s.provider, today_=s.today,
                           base_dir=s.path.parent if s.path else None)
    return {
        "saved": True,
        "path": str(s.path),
        "name": s.ref,
        "flow": s.flow,
        "filing_type": s.draft.filing_type,
        "findings": [{"rule": p.rule_id, "path": p.path, "severity": p.severity, "message": p.message.get(s.lang)}
                     for p in problems],
    }
