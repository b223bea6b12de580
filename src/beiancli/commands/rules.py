"""List the lint rules, or explain one: what it checks, why bureaus reject it, a failing and a passing
example, and the section of the domain reference it rests on. Works offline (the pages ship with beiancli).

Examples:
  beian rules
  beian rules --json
  beian rules BA305
  beian rules emergency-phone-own-mobile --lang zh
"""

from __future__ import annotations

from typing import Annotated

import typer

from beiancli.commands._common import JsonOpt, LangOpt, begin


def run(
    rule: Annotated[str | None, typer.Argument(metavar="[RULE]", help="A rule id (BA305) or name to explain.")] = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> int:
    from beiancli.errors import UsageError
    from beiancli.i18n import Msg
    from beiancli.rules import registry

    # Rule docs and metadata ship with beiancli and hold no one's personal data; their example phone and ID
    # numbers are fictitious and must read as written (a masked "144****0000" would not teach anything).
    out, _settings = begin(lang=lang, json_mode=json_out, show_pii=True)
    if rule is None:
        rules = registry.RULES
        if json_out:
            out.emit_json([_rule_json(r) for r in rules])
            return 0
        from rich.table import Table

        table = Table(box=None, pad_edge=False, header_style="bold")
        for col in (Msg("规则", "id"), Msg("名称", "name"), Msg("类别", "family"), Msg("级别", "severity"),
                    Msg("置信度", "conf"), Msg("检查内容", "checks")):
            table.add_column(out.t(col))
        for r in rules:
            table.add_row(r.id, r.name, r.family, str(r.severity), r.confidence, r.title.get(out.lang))
        out.console.print(table)
        out.console.print(out.t(Msg("共 {n} 条规则。`beian rules BA301` 查看某条规则的说明。",
                                    "{n} rules. `beian rules BA301` explains one."), n=len(rules)))
        return 0
    found = registry.get(rule)
    if found is None:
        raise UsageError(Msg(f"没有规则 {rule!r}（`beian rules` 列出全部规则）", f"no rule {rule!r} (`beian rules` lists them)"))
    from beiancli.render import rule_page

    page = rule_page(found, out.lang)
    if json_out:
        out.emit_json({**_rule_json(found), "doc": page})
        return 0
    from rich.markdown import Markdown

    out.console.print(Markdown(page))
    return 0


def _rule_json(r) -> dict:  # a rules.base.Rule
    from beiancli.render import DOCS_URL

    def opt(v):
        return sorted(v) if v is not None else None

    return {
        "id": r.id,
        "name": r.name,
        "family": r.family,
        "severity": str(r.severity),
        "confidence": r.confidence,
        "title": {"zh": r.title.zh, "en": r.title.en},
        "message": {"zh": r.message.zh, "en": r.message.en},
        "suggestion": {"zh": r.suggestion.zh, "en": r.suggestion.en},
        "source": r.source,
        "filing_types": opt(r.filing_types),
        "natures": opt(r.natures),
        "provinces": opt(r.provinces),
        "help_uri": DOCS_URL.format(id=r.id),
    }
