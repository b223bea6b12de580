"""Renderers for lint results: one module per format, chosen through `FORMATS` (no `if format ==` chains).

Every renderer takes a `Report` and returns the text to write: `module.render(report) -> str` (the text
renderer also takes `color`). `Report.items()` gives each finding once, with its message and suggestion
filled in both languages and personal data masked (unless --show-pii), so the formats only lay it out.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any

from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.batch import FileResult, Located
    from beiancli.rules.base import Finding, Rule

FORMATS: dict[str, str] = {
    "text": "beiancli.render.text",
    "json": "beiancli.render.json",
    "github": "beiancli.render.github",
    "sarif": "beiancli.render.sarif",
    "junit": "beiancli.render.junit",
}

DOCS_URL = "https://github.com/beiancli/beiancli/blob/main/src/beiancli/rules/docs/{id}.md"


def get(name: str) -> ModuleType:
    return importlib.import_module(FORMATS[name])


@dataclass(frozen=True)
class Item:
    """One finding, ready to show."""

    file: str
    line: int | None
    path: str
    rule_id: str
    rule_name: str
    severity: str
    message: Msg
    suggestion: Msg
    source: str


@dataclass
class Report:
    results: list[FileResult]
    lang: str = "en"
    show_pii: bool = False
    fail_on: str = "error"
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def rules(self) -> dict[str, Rule]:
        from beiancli.rules.registry import RULES

        return {r.id: r for r in RULES}

    @cached_property
    def _items(self) -> list[Item]:
        return [self.item(loc) for res in self.results for loc in res.findings]

    def items(self) -> list[Item]:
        return self._items

    def item(self, loc: Located) -> Item:
        rule = self.rules[loc.finding.rule_id]
        message, suggestion = fill(rule, loc.finding, show_pii=self.show_pii)
        return Item(
            file=loc.file,
            line=loc.line,
            path=loc.finding.path,
            rule_id=rule.id,
            rule_name=rule.name,
            severity=str(loc.finding.severity or rule.severity),
            message=message,
            suggestion=suggestion,
            source=rule.source,
        )

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for it in self.items():
            c[it.severity] += 1
        return c

    def summary(self) -> dict[str, Any]:
        checked = [r for r in self.results if r.skipped is None]
        return {
            "files": len(checked),
            "skipped": len(self.results) - len(checked),
            "files_with_findings": sum(1 for r in checked if r.findings),
            **self.counts(),
            "failed": self.failed(),
            "fail_on": self.fail_on,
        }

    def failed(self) -> bool:
        return failed(self.items(), self.fail_on)

    def rules_used(self) -> list[Rule]:
        ids = {it.rule_id for it in self.items()}
        return [r for r in self.rules.values() if r.id in ids]


_FAIL_RANK = {"error": 3, "warning": 2, "info": 1}


def printable(text: str) -> str:
    """A file name as a terminal or an XML report may show it: characters that are not printable (an escape
    code in a name on disk) written as `\\xNN` / `\\uNNNN`. Draft contents cannot hold them (models.NO_CONTROL);
    names found on disk can."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in text)


def reaches(severity: str, fail_on: str) -> bool:
    """Does a finding of `severity` reach `--fail-on`? (`never` never does.)"""
    if fail_on == "never":
        return False
    return _FAIL_RANK[severity] >= _FAIL_RANK[fail_on]


def failed(items: Iterable[Item], fail_on: str) -> bool:
    return any(reaches(it.severity, fail_on) for it in items)


def _value(key: str, value: Any, lang: str, show_pii: bool) -> Any:
    if isinstance(value, Msg):
        return value.get(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(key, v, lang, show_pii)) for v in value)
    if value is None:
        return ""
    if not show_pii and isinstance(value, str):
        from beiancli.pii import mask_field

        return mask_field(key, value)
    return value


def fill(rule: Rule, finding: Finding, *, show_pii: bool = False) -> tuple[Msg, Msg]:
    """The rule's message and suggestion templates filled from the finding's data, in both languages.
    Data values that are `Msg` are taken in the matching language; values of personal-data fields (by key,
    `pii.mask_field`) are masked. Whatever is written is scrubbed once more as a whole (output.Out, and
    `beian validate --output`), which catches personal data in free text."""
    out = []
    for template in (rule.message, rule.suggestion):
        texts = []
        for lang in ("zh", "en"):
            data = {k: _value(k, v, lang, show_pii) for k, v in finding.data.items()}
            try:
                text = template.get(lang).format(**data)
            except (KeyError, IndexError, ValueError) as exc:  # a template/data mismatch is a bug in the rule
                raise RuntimeError(f"rule {rule.id}: template needs {exc} (data: {sorted(finding.data)})") from exc
            texts.append(text)
        out.append(Msg(texts[0], texts[1]))
    return out[0], out[1]


def rule_page(rule: Rule, lang: str = "en") -> str:
    """The rule's doc page (rules/docs/<ID>.md) with a header generated from its declaration, so the
    metadata shown never disagrees with the code."""
    body = doc_text(rule.id) or f"# {rule.id} {rule.name}\n"
    first, _, rest = body.partition("\n")
    scope = []
    if rule.filing_types is not None:
        scope.append("types: " + ", ".join(sorted(rule.filing_types)))
    if rule.natures is not None:
        scope.append("natures: " + ", ".join(sorted(rule.natures)))
    if rule.provinces is not None:
        scope.append("provinces: " + ", ".join(sorted(rule.provinces)))
    meta = [
        f"**{rule.title.zh}** — {rule.title.en}",
        "",
        f"family `{rule.family}` · severity `{rule.severity}` · confidence `{rule.confidence}` · "
        f"applies to {'; '.join(scope) if scope else 'every draft'}",
        "",
        f"message: {rule.message.get(lang)}  ",
        f"suggestion: {rule.suggestion.get(lang)}",
    ]
    return "\n".join([first, "", *meta, rest])


def doc_path(rule_id: str) -> Any:
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "rules" / "docs" / f"{rule_id}.md"


def doc_text(rule_id: str) -> str | None:
    p = doc_path(rule_id)
    return p.read_text(encoding="utf-8") if p.is_file() else None
