"""Plain text for terminals and logs, one finding per line plus its suggestion (like compilers and ruff):

    drafts/a.toml:9: error BA201 subject.cert_number: the subject's certificate number (uscc) is wrong: ...
      hint: copy the number again from the certificate ...

then a summary line. Colour (ANSI) only when asked for (a terminal without NO_COLOR)."""

from __future__ import annotations

from beiancli.i18n import Msg
from beiancli.render import Report, printable
from beiancli.term import RESET as _RESET
from beiancli.term import sgr

_COLOUR = {"error": sgr("bold red"), "warning": sgr("yellow"), "info": sgr("cyan")}
_DIM, _BOLD = sgr("dim"), sgr("bold")
_SEVERITY = {"error": Msg("错误", "error"), "warning": Msg("警告", "warning"), "info": Msg("提示", "info")}
_HINT = Msg("建议", "hint")


def render(report: Report, *, color: bool = False) -> str:
    lang = report.lang
    lines = []
    for it in sorted(report.items(), key=lambda i: (i.file, i.line or 0, i.rule_id)):
        where = f"{printable(it.file)}:{it.line}" if it.line else printable(it.file)
        sev = _SEVERITY[it.severity].get(lang)
        field = f" {it.path}" if it.path else ""
        if color:
            head = f"{_BOLD}{where}{_RESET}: {_COLOUR[it.severity]}{sev}{_RESET} {it.rule_id}{_DIM}{field}{_RESET}"
        else:
            head = f"{where}: {sev} {it.rule_id}{field}"
        lines.append(f"{head}: {it.message.get(lang)}")
        hint = f"  {_HINT.get(lang)}: {it.suggestion.get(lang)}"
        lines.append(f"{_DIM}{hint}{_RESET}" if color else hint)
    for res in report.results:
        if res.skipped is not None:
            lines.append(f"{printable(res.file)}: {res.skipped.get(lang)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    s = report.summary()
    if lang_zh(report):
        if not (s["error"] or s["warning"] or s["info"]):
            return f"已检查 {s['files']} 个文件，未发现问题。"
        return (
            f"已检查 {s['files']} 个文件：{s['error']} 个错误，{s['warning']} 个警告，{s['info']} 个提示"
            f"（涉及 {s['files_with_findings']} 个文件）。"
        )
    if not (s["error"] or s["warning"] or s["info"]):
        return f"{_n(s['files'], 'file')} checked, no problems found."
    return (
        f"{_n(s['files'], 'file')} checked: {_n(s['error'], 'error')}, {_n(s['warning'], 'warning')}, "
        f"{s['info']} info (in {_n(s['files_with_findings'], 'file')})."
    )


def lang_zh(report: Report) -> bool:
    return report.lang == "zh"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
