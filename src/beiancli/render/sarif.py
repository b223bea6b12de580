"""SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif): `tool.driver.rules` describes every
rule that produced a result (id, name, both-language descriptions, the rule's doc page as markdown help,
helpUri, default level, family and confidence as properties); each result points at the file and line
(`physicalLocation.region.startLine`) and names the field path as a logical location."""

from __future__ import annotations

import json as _json
from pathlib import PurePath

from beiancli import __version__
from beiancli.render import DOCS_URL, Report, doc_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    return PurePath(file).as_posix().removeprefix("./")


def data(report: Report) -> dict:
    rules = report.rules_used()
    index = {r.id: n for n, r in enumerate(rules)}
    driver_rules = []
    for r in rules:
        doc = doc_text(r.id) or ""
        driver_rules.append(
            {
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": f"{r.title.en} / {r.title.zh}"},
                "fullDescription": {"text": f"{r.title.en} / {r.title.zh} (icp-filing.md {r.source})"},
                "helpUri": DOCS_URL.format(id=r.id),
                "help": {"text": f"{r.title.en}. See {DOCS_URL.format(id=r.id)}", "markdown": doc},
                "defaultConfiguration": {"level": _LEVEL[str(r.severity)]},
                "properties": {"tags": ["icp", r.family], "confidence": r.confidence, "source": r.source},
            }
        )
    results = []
    for it in report.items():
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(it.file)}}}
        if it.line:
            location["physicalLocation"]["region"] = {"startLine": it.line}
        if it.path:
            location["logicalLocations"] = [{"fullyQualifiedName": it.path, "kind": "member"}]
        results.append(
            {
                "ruleId": it.rule_id,
                "ruleIndex": index[it.rule_id],
                "level": _LEVEL[it.severity],
                "message": {"text": f"{it.message.get(report.lang)} — {it.suggestion.get(report.lang)}"},
                "locations": [location],
                "properties": {"message_zh": it.message.zh, "message_en": it.message.en, "field": it.path},
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "beiancli",
                        "version": __version__,
                        "informationUri": "https://github.com/beiancli/beiancli",
                        "rules": driver_rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def render(report: Report) -> str:
    return _json.dumps(data(report), ensure_ascii=False, indent=2) + "\n"
