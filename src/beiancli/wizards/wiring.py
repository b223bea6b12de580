"""The one place the wizards call the rules engine, the validators' shared renderer and the clocks.

Every function here is a thin call into the module that owns the knowledge — the wizards hold no copy of
a rule, a decision table, the materials matrix or a deadline:

| here                      | owner                                                                 |
|---------------------------|-----------------------------------------------------------------------|
| `analyse_domain`          | `domains.analyse` (issue #3)                                          |
| `decide`                  | `rules.filing_type.decide` — the same call `beian check-domain` makes |
| `type_name`               | `rules.providers.get(id).type_name`                                   |
| `required_patterns`       | `rules.completeness.required_fields` (rules/data/fields.toml)         |
| `missing_fields`          | `rules.completeness.missing_fields` (the same table, BA001)           |
| `lint`                    | `rules.registry.lint(..., paths=[...])` + `render.fill` (messages)    |
| `requirements`            | `rules.materials.requirements(..., draft=...)` (materials.toml)       |
| `sha256`                  | `rules.materials.probe(path).sha256` (the file cache lint uses)       |
| `validate_text`           | `batch.lint_file` + `render.Report` + `render.text` = `beian validate` |
| `timeline`                | `rules.deadlines.clock_for` + `calendar` (issue #6), `rules.process`  |

The imports are inside the functions: a wizard pays for an engine only when it uses it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beiancli.clock import CHINA_TZ as CHINA
from beiancli.clock import now, today  # noqa: F401 - the wizards' clock is everyone's (BEIAN_NOW)
from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import Draft, History, HistorySubject

# -- domains and the filing-type decision (issue #3) -------------------------------------------------------

def analyse_domain(text: str) -> tuple[Any, Msg | None]:
    """(DomainInfo, None) or (None, what is wrong)."""
    from beiancli.domains import DomainError, analyse

    try:
        return analyse(text), None
    except DomainError as exc:
        return None, exc.msg


def decide(domain_info: Any, history: History | None, subject: HistorySubject | None, provider: str | None) -> Any:
    """The §1.5 decision, exactly as `beian check-domain` makes it."""
    from beiancli.rules.filing_type import decide as _decide

    return _decide(domain_info, history, subject, provider)


def type_name(provider: str | None, filing_type: str) -> Msg:
    """The provider's own name for a filing type (腾讯云: 新增网站（原备案在腾讯云）...)."""
    from beiancli.rules.providers import get

    return get(provider).type_name(filing_type)


def is_shell(subject: HistorySubject) -> bool:
    from beiancli.rules.filing_type import is_shell as _is_shell

    return _is_shell(subject)


# -- required fields (issue #4, rules/data/fields.toml) ---------------------------------------------------

def subject_kind(nature: str | None) -> str | None:
    if not nature:
        return None
    from beiancli import ids

    info = ids.natures().get(nature)
    return info.kind if info else None


def required_patterns(draft: Draft) -> list[str]:
    """Field patterns (`websites[*].name`, `a|b`) this draft's filing type needs."""
    from beiancli.rules.completeness import required_fields

    return required_fields(draft.filing_type, subject_kind(draft.subject.nature))


def missing_fields(draft: Draft) -> list[str]:
    """Concrete paths still missing."""
    from beiancli.rules.completeness import missing_fields as _missing

    return _missing(draft)


# -- lint (issue #4) ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    rule_id: str
    path: str
    severity: str  # error | warning | info
    message: Msg
    suggestion: Msg

    def text(self, lang: str) -> str:
        hint = self.suggestion.get(lang)
        return f"{self.message.get(lang)}（{hint}）" if lang == "zh" and hint else (
            f"{self.message.get(lang)} — {hint}" if hint else self.message.get(lang))


def lint(draft: Draft, history: History | None, *, paths: list[str] | None, provider: str | None = None,
         base_dir: Path | None = None, today_: dt.date | None = None, ignore: tuple[str, ...] = ()) -> list[Problem]:
    """The lint findings on `paths` (None = all), with their messages filled in both languages (personal data
    masked)."""
    from beiancli.render import fill
    from beiancli.rules import registry

    findings = registry.lint(draft, history, today=today_ or today(), paths=paths, provider=provider,
                             base_dir=base_dir, ignore=ignore)
    out = []
    for f in findings:
        rule = registry.get(f.rule_id)
        if rule is None:  # pragma: no cover - the registry made the finding
            continue
        message, suggestion = fill(rule, f)
        out.append(Problem(f.rule_id, f.path, str(f.severity or rule.severity), message, suggestion))
    return out


# -- materials (issue #4, rules/data/materials.toml) ----------------------------------------------------

def requirements(draft: Draft) -> list[Any]:
    """Requirement(kind, name, spec, per_site, site, skippable, severity, ...) for this draft, conditions
    decided."""
    from beiancli.rules.materials import requirements as _req

    return _req(draft.filing_type, draft.subject.nature, draft.province, draft=draft)


def sha256(path: Path) -> str | None:
    from beiancli.rules.materials import probe

    return probe(Path(path)).sha256


# -- the validate report (issue #4): the same renderer as `beian validate` ---------------------------

def validate_text(path: Path, history: History | None, *, lang: str, show_pii: bool, provider: str | None,
                  color: bool = False) -> tuple[str, dict[str, int]]:
    """`beian validate PATH` text output and the counts."""
    from beiancli import batch, render
    from beiancli.render import text as text_renderer

    opts = batch.Options(today=today(), provider=provider)
    result = batch.lint_file(Path(path), history, opts)
    report = render.Report([result], lang=lang, show_pii=show_pii)
    return text_renderer.render(report, color=color), report.counts()


# -- next steps with dates (issue #6 clocks, issue #3 process steps) --------------------------------------

@dataclass(frozen=True)
class Milestone:
    name: Msg
    when: Msg
    basis: Msg


_CHAIN = ("provider-review", "awaiting-bureau", "sms-pending", "bureau-review")
"""The states a submitted order passes through, in order (§2.2); each one's clock comes from the status
engine, entered when the previous one is expected to end."""


def timeline(draft: Draft, submit: dt.datetime) -> list[Milestone]:
    """Expected dates if the order is submitted at `submit`: each state's clock from the status engine, the
    next one entered when the previous one runs out (the latest estimate, so dates are 'at the latest')."""
    from beiancli.rules import deadlines
    from beiancli.rules.lifecycle import state

    out: list[Milestone] = []
    entered = submit
    for sid in _CHAIN:
        d = deadlines.clock_for(draft, sid, entered)
        if d is None:
            continue
        label = state(sid).label
        if d.date is not None:
            lo = d.earliest.isoformat() if d.earliest else None
            hi = d.date.isoformat()
            span = f"{lo} – {hi}" if lo and lo != hi else hi
            mark = Msg("", "") if d.official else Msg("（非官方日历）", " (unofficial calendar)")
            when = Msg(span + mark.zh, span + mark.en)
        else:
            stamp = d.at.strftime("%Y-%m-%d %H:%M")
            when = Msg(f"{stamp} 前", f"by {stamp}")
        out.append(Milestone(label, when, d.basis))
        entered = d.at if d.date is None else dt.datetime.combine(d.date, dt.time(9, 0), tzinfo=CHINA)
    return out
