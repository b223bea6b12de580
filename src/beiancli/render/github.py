"""GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per finding, on its
file and line, so findings show up in the pull request's diff. Titles carry the rule; the message gives both
languages (a CI log has readers of either), then the suggestion."""

from __future__ import annotations

from beiancli.render import Report, printable

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for it in report.items():
        props = [f"file={_prop(printable(it.file))}"]
        if it.line:
            props.append(f"line={it.line}")
        title = f"{it.rule_id} {it.rule_name}" + (f" ({it.path})" if it.path else "")
        props.append(f"title={_prop(title)}")
        body = f"{it.message.zh}\n{it.message.en}\n→ {it.suggestion.get(report.lang)}"
        lines.append(f"::{_LEVEL[it.severity]} {','.join(props)}::{_data(body)}")
    from beiancli.render.text import summary_line

    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
