"""Completeness rules (BA0xx): the file is a draft at all, and every field its filing type needs is there.

- BA000 parse-error and BA002 schema-error are reported by the loader (rules/engine.py), which turns a TOML
  syntax error or a schema problem into a finding with its line instead of a traceback; their `check` yields
  nothing when a draft did load.
- BA001 required-field reads rules/data/fields.toml. `missing_fields(draft)` is the same table for callers
  (the non-interactive wizard lists what to supply with it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from beiancli.i18n import Msg
from beiancli.rules.base import Context, Finding, Rule, Severity, ids_tables
from beiancli.rules.data import load

if TYPE_CHECKING:
    from beiancli.models import Draft


def _from_loader(ctx: Context) -> Iterator[Finding]:
    """Findings of this rule come from loading the file (engine.lint_file), not from a loaded draft."""
    return iter(())


PARSE_ERROR = Rule(
    id="BA000",
    name="parse-error",
    family="completeness",
    severity=Severity.ERROR,
    title=Msg("文件不是可读的 TOML", "The file is not readable TOML"),
    message=Msg("无法读取草稿：{detail}", "cannot read the draft: {detail}"),
    suggestion=Msg("修正该行的 TOML 语法（以 UTF-8 保存）", "fix the TOML syntax on that line (save as UTF-8)"),
    source="DESIGN §3 step 2 (a syntax error is a finding with file and line)",
    confidence="H",
    check=_from_loader,
)

SCHEMA_ERROR = Rule(
    id="BA002",
    name="schema-error",
    family="completeness",
    severity=Severity.ERROR,
    title=Msg("字段不符合草稿格式（未知字段、类型错误）", "A field does not fit the draft schema (unknown key, wrong type)"),
    message=Msg("{field}：{detail}", "{field}: {detail}"),
    suggestion=Msg(
        "对照 `beian schema draft` 修正该字段（字段名拼写、取值类型）",
        "fix the field against `beian schema draft` (key spelling, value type)",
    ),
    source="models.py (extra='forbid'); DESIGN §3 step 2",
    confidence="H",
    check=_from_loader,
)


# -- BA001 required-field ------------------------------------------------------------------------------

def _rows() -> list[dict[str, Any]]:
    return load("fields")["require"]


def required_fields(filing_type: str, kind: str | None) -> list[str]:
    """The field patterns (with `[*]` and `a|b`) a filing type needs for a subject kind, in table order."""
    seen: dict[str, None] = {}
    for row in _rows():
        if filing_type not in row["types"]:
            continue
        kinds = row.get("kinds")
        if kinds is not None and kind not in kinds:
            continue
        for f in row["fields"]:
            seen.setdefault(f, None)
    return list(seen)


def _present(value: Any) -> bool:
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


def _parsed(filing_type: str, kind: str | None) -> list[tuple[str | None, list[list[str]], str]]:
    """required_fields() as (plain path or None when it fans out over `[*]`, alternatives split into
    parts, the first alternative as a path template), once per (type, kind) and data file."""
    cache = load("fields").setdefault("_parsed", {})
    key = (filing_type, kind)
    if key not in cache:
        entries = []
        for pattern in required_fields(filing_type, kind):
            alts = [alt.split(".") for alt in pattern.split("|")]
            plain = None if "[*]" in pattern else pattern.split("|")[0]
            entries.append((plain, alts, _template(alts[0])))
        cache[key] = entries
    return cache[key]


def _template(parts: list[str]) -> str:
    """`websites[*].domains[*].name` -> `websites[{}].domains[{}].name`."""
    def esc(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    return ".".join(esc(p[:-3]) + "[{}]" if p.endswith("[*]") else esc(p) for p in parts)


def _get(obj: Any, parts: list[str]) -> Any:
    for part in parts:
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def _leaves(obj: Any, parts: list[str], at: int, indices: tuple[int, ...], out: list[tuple[tuple[int, ...], Any]]) -> None:
    """(the `[*]` indices, value) for each leaf of a path split into parts: `name[*]` fans out over a list,
    and a missing table makes each leaf under it missing. The path of a leaf is only built when it is missing
    (`_template(parts).format(*indices)`): most are present."""
    for n in range(at, len(parts)):
        head = parts[n]
        if head.endswith("[*]"):
            items = getattr(obj, head[:-3], None) if obj is not None else None
            for i, item in enumerate(items or ()):
                _leaves(item, parts, n + 1, (*indices, i), out)
            return
        obj = getattr(obj, head, None) if obj is not None else None
    out.append((indices, obj))


def _missing(draft: Draft, alternatives: list[list[str]], template: str | None = None) -> list[str]:
    """Concrete paths of the first alternative that no alternative fills (alternatives share their `[*]`s)."""
    if template is None:
        template = _template(alternatives[0])
    first: list[tuple[tuple[int, ...], Any]] = []
    _leaves(draft, alternatives[0], 0, (), first)
    missing = [(j, idx) for j, (idx, value) in enumerate(first) if not _present(value)]
    if missing and len(alternatives) > 1:
        for parts in alternatives[1:]:
            other: list[tuple[tuple[int, ...], Any]] = []
            _leaves(draft, parts, 0, (), other)
            missing = [(j, idx) for j, idx in missing if not (j < len(other) and _present(other[j][1]))]
    return [template.format(*idx) for _, idx in missing]


def missing_fields(draft: Draft, kind: str | None = None) -> list[str]:
    """Concrete field paths the draft's filing type still needs (e.g. `websites[0].principal.mobile`).
    `kind` (organisation / individual) defaults to what the draft's nature says."""
    if kind is None and draft.subject.nature:
        nature = ids_tables()[0].get(draft.subject.nature)
        kind = nature.kind if nature else None
    out: list[str] = []
    for plain, alternatives, template in _parsed(draft.filing_type, kind):
        if plain is None:
            out.extend(_missing(draft, alternatives, template))
            continue
        for parts in alternatives:
            if _present(_get(draft, parts)):
                break
        else:
            out.append(plain)
    return out


def _label(path: str) -> Msg:
    from beiancli.models import label_zh

    return Msg(label_zh(path) or path, path)


def check_required(ctx: Context) -> Iterator[Finding]:
    for path in missing_fields(ctx.draft, ctx.subject_kind):
        yield REQUIRED_FIELD.finding(path, field=path, label=_label(path), filing_type=ctx.draft.filing_type)


REQUIRED_FIELD = Rule(
    id="BA001",
    name="required-field",
    family="completeness",
    severity=Severity.ERROR,
    title=Msg("备案类型所需的字段都已填写", "Every field the filing type needs is filled in"),
    message=Msg("缺少必填项「{label}」（{field}）", "required field {field} is missing"),
    suggestion=Msg(
        "在草稿中填写 {field}（{filing_type} 备案需要；见 rules/data/fields.toml）",
        "fill in {field} (a {filing_type} filing needs it; see rules/data/fields.toml)",
    ),
    source="§6.1, §6.2, §6.4; rules/data/fields.toml",
    confidence="H",
    check=check_required,
)
