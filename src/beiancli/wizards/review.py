"""The end of a wizard: the review screen (a rich table, personal data masked), the full `beian validate`
result for the saved draft (the same renderer), and the next steps with expected dates (the status
engine's clocks, icp-filing.md §2.1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from beiancli.i18n import Msg
from beiancli.wizards import wiring
from beiancli.wizards.session import Session

_HIDDEN = {"schema_version", "wizard", "lifecycle", "change"}


def rows(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(field path, value) for every filled leaf of a draft dump, lists of scalars joined."""
    out: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if not prefix and k in _HIDDEN:
                continue
            if not prefix and k == "materials":
                out.extend((f"materials[{i}]", _material(m)) for i, m in enumerate(v))
                continue
            out.extend(rows(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(data, list):
        if data and all(isinstance(x, dict) for x in data):
            if prefix.endswith("domains"):
                out.append((prefix, ", ".join(str(x.get("name", "")) for x in data)))
            else:
                for i, x in enumerate(data):
                    out.extend(rows(x, f"{prefix}[{i}]"))
        elif data:
            out.append((prefix, ", ".join(str(x) for x in data)))
    elif data not in (None, "", False):
        out.append((prefix, data))
    return out


def _material(m: dict[str, Any]) -> str:
    site = f" (website {m['site'] + 1})" if m.get("site") is not None else ""
    if m.get("path"):
        sha = f" (sha256 {m['sha256'][:12]}…)" if m.get("sha256") else ""
        return f"{m['kind']}{site}: {Path(m['path']).name}{sha}"
    return f"{m['kind']}{site}: {'skipped' if m.get('skipped') else '—'}{' — ' + m['note'] if m.get('note') else ''}"


def _label(path: str, lang: str) -> str:
    from beiancli.schema import label_zh

    if lang != "zh":
        return path
    zh = label_zh(path)
    return f"{zh}  {path}" if zh else path


def _value(s: Session, path: str, value: Any) -> str:
    if value is True:
        return "是" if s.lang == "zh" else "yes"
    text = str(value)
    if path.endswith(".sha256"):
        text = text[:12] + "…"
    return str(s.out.mask_field(path, text))


def review_table(s: Session) -> Any:
    from rich.table import Table
    from rich.text import Text

    from beiancli.rules.changes import diff
    from beiancli.wizards.questions import get_dict

    d = s.draft
    full = d.model_dump(mode="json", exclude_none=True)
    data = d.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {k: (data[k] if k in data else full[k]) for k in full if k in data or k in ("filing_type", "provider")}
    type_name = wiring.type_name(d.provider, d.filing_type).get(s.lang)
    title = (f"复核：{s.ref or s.path}（{type_name}）" if s.lang == "zh" else f"Review: {s.ref or s.path} ({type_name})")
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("字段" if s.lang == "zh" else "field", style="bold")
    changed: dict[str, Any] = {}
    if d.change is not None:
        table.add_column("原值" if s.lang == "zh" else "filed", style="dim")
        for c in diff(d.change.original, {k: full.get(k) for k in d.change.original}):
            changed[c.path] = c.old
    table.add_column("值" if s.lang == "zh" else "value")
    for path, value in rows(data):
        cells = [_label(path, s.lang)]
        if d.change is not None:
            old = get_dict(d.change.original, path)
            if path in changed or any(p.startswith(path) or path.startswith(p) for p in changed):
                shown_old = "—" if old in (None, "", []) else _value(s, path, _flat(old))
                cells.append(f"{shown_old} →")
            else:
                cells.append("")
        cells.append(_value(s, path, value))
        table.add_row(*(Text(c) for c in cells))  # values are data, never rich markup
    return table


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(x.get("name", x)) if isinstance(x, dict) else str(x) for x in value)
    return value


def next_steps(s: Session) -> list[str]:
    d = s.draft
    ref = s.ref or str(s.path)
    lines: list[str] = []
    todo = [m for m in d.materials if m.skipped and m.note]
    if todo:
        lines.append(s.t(Msg("补齐 {n} 项跳过的材料：beian checklist {ref}（或 beian {cmd} --resume {ref}）",
                             "supply the {n} skipped materials: beian checklist {ref} (or beian {cmd} --resume {ref})"),
                         n=len(todo), ref=ref, cmd=s.flow))
    lines.append(s.t(Msg("提交前再检查一次：beian validate {path}", "check again before submitting: beian validate {path}"),
                     path=s.path))
    if s.decision is not None:  # the decision's own advice, minus "run this wizard" (done)
        lines.extend(m.get(s.lang) for m in s.decision.next_steps if f"beian {s.flow}" not in m.get(s.lang))
    lines.append(s.t(Msg("在接入商控制台提交后记录：beian status {ref} --set provider-review",
                         "once submitted in the provider's console: beian status {ref} --set provider-review"), ref=ref))
    return lines


def review(s: Session) -> None:
    out = s.out
    s.save()
    if out.json_mode:
        return  # the command prints the JSON summary instead
    out.print(review_table(s))
    color = out.color()
    if s.path is not None:
        text, _counts = wiring.validate_text(s.path, s.history, lang=s.lang, show_pii=out.show_pii,
                                             provider=s.provider, color=color)
        out.print("")
        out.print("检查结果（beian validate）" if s.lang == "zh" else "Validation (beian validate)", style="bold")
        out.console.file.write(text)
        out.console.file.flush()
    out.print("")
    out.print("下一步" if s.lang == "zh" else "Next steps", style="bold")
    for n, line in enumerate(next_steps(s), 1):
        out.print(f"  {n}. {line}", markup=False, highlight=False)
    # the status engine's clocks are those of an order that is reviewed and pushed to the bureau; a
    # cancellation follows its own (§11.6), so no dates are promised for it
    cancelling = s.draft.cancel is not None
    milestones = [] if cancelling else wiring.timeline(s.draft, wiring.now())
    if milestones:
        from rich.table import Table

        t = Table(title=("今天提交的话，预计：" if s.lang == "zh" else "If submitted today, expect:"), title_justify="left")
        t.add_column("步骤" if s.lang == "zh" else "step")
        t.add_column("预计" if s.lang == "zh" else "expected")
        t.add_column("依据" if s.lang == "zh" else "basis", style="dim")
        for m in milestones:
            t.add_row(m.name.get(s.lang), m.when.get(s.lang), m.basis.get(s.lang))
        out.print(t)
    out.note(Msg("草稿已保存：{path}", "draft saved: {path}"), path=s.path)
