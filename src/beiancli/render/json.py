"""JSON report (stable keys, `version` 1):

    {"version": 1, "tool": "beiancli", "lang": "en",
     "summary": {"files", "skipped", "files_with_findings", "error", "warning", "info", "failed", "fail_on"},
     "findings": [{"file", "line", "path", "rule", "name", "severity", "message", "suggestion",
                   "message_zh", "message_en", "suggestion_zh", "suggestion_en", "source"}],
     "skipped": [{"file", "reason"}]}

`message` / `suggestion` are in --lang; both languages are also given. `line` is null for file-level findings.
"""

from __future__ import annotations

import json as _json

from beiancli.render import Report


def data(report: Report) -> dict:
    lang = report.lang
    return {
        "version": 1,
        "tool": "beiancli",
        "lang": lang,
        "summary": report.summary(),
        "findings": [
            {
                "file": it.file,
                "line": it.line,
                "path": it.path,
                "rule": it.rule_id,
                "name": it.rule_name,
                "severity": it.severity,
                "message": it.message.get(lang),
                "suggestion": it.suggestion.get(lang),
                "message_zh": it.message.zh,
                "message_en": it.message.en,
                "suggestion_zh": it.suggestion.zh,
                "suggestion_en": it.suggestion.en,
                "source": it.source,
            }
            for it in report.items()
        ],
        "skipped": [{"file": r.file, "reason": r.skipped.get(lang)} for r in report.results if r.skipped],
    }


def render(report: Report) -> str:
    return _json.dumps(data(report), ensure_ascii=False, indent=2) + "\n"
