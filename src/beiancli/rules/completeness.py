"""Completeness rules (BA0xx): the file is a draft at all, and every field its filing type needs is there.

- BA000 parse-error and BA002 schema-error are reported by the loader (rules/engine.py), which turns a TOML
  syntax error or a schema problem into a finding with its line instead of a traceback; their `check` yields
  nothing when a draft did load.
- BA001 required-field reads rules/data/fields.toml. `missing_fields(draft)` is the same table for callers
  (the non-interactive wizard lists what to supply with it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
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


class _Node:
    """The required fields under one object of the draft: `checks` are (pattern number, a getter of each of
    its alternatives, see _getter) tested on the object itself; `lists` are (attribute path of a list, the node each item
    of it is checked against) for the `name[*]` fan-outs."""

    __slots__ = ("checks", "first", "lists", "paths")

    def __init__(self) -> None:
        self.checks: list[tuple[int, tuple[Callable[[Any], Any], ...]]] = []
        self.lists: list[tuple[tuple[str, ...], _Node]] = []
        self.paths: list[str] = []
        """The dotted path of each check's first alternative ("" = the object itself)."""
        self.first: Callable[[Any], tuple[Any, ...]] | None = None
        """The first alternative of every check in one C call (operator.attrgetter of `paths`), set by
        `_finish`; None when some path is the object itself."""

    def child(self, path: tuple[str, ...]) -> _Node:
        for p, node in self.lists:
            if p == path:
                return node
        node = _Node()
        self.lists.append((path, node))
        return node


def _split(parts: list[str]) -> tuple[list[tuple[str, ...]], tuple[str, ...]]:
    """`websites[*].domains[*].name` -> ([("websites",), ("domains",)], ("name",)): the attribute path to each
    list that fans out, then the path of the leaf under the last one."""
    lists: list[tuple[str, ...]] = []
    run: list[str] = []
    for part in parts:
        if part.endswith("[*]"):
            lists.append((*run, part[:-3]))
            run = []
        else:
            run.append(part)
    return lists, tuple(run)


def _compiled(filing_type: str, kind: str | None) -> tuple[_Node, list[str]]:
    """required_fields() as one tree over the draft (so each website and domain is walked once, whatever the
    number of fields asked of it) and each pattern's path template, once per (type, kind) and data file."""
    cache = load("fields").setdefault("_compiled", {})
    key = (filing_type, kind)
    if key not in cache:
        root = _Node()
        templates = []
        for k, pattern in enumerate(required_fields(filing_type, kind)):
            alts = [_split(alt.split(".")) for alt in pattern.split("|")]
            lists = alts[0][0]
            if any(other != lists for other, _ in alts[1:]):
                raise ValueError(f"fields.toml: the alternatives of {pattern!r} do not share their [*]s")
            node = root
            for path in lists:
                node = node.child(path)
            node.checks.append((k, tuple(_getter(leaf) for _, leaf in alts)))
            node.paths.append(".".join(alts[0][1]))
            templates.append(_template(pattern.split("|")[0].split(".")))
        _finish(root)
        cache[key] = (root, templates)
    return cache[key]


def _finish(node: _Node) -> None:
    if node.paths and all(node.paths):
        get = attrgetter(*node.paths)
        node.first = get if len(node.paths) > 1 else lambda obj: (get(obj),)
    for _, child in node.lists:
        _finish(child)


def _template(parts: list[str]) -> str:
    """`websites[*].domains[*].name` -> `websites[{}].domains[{}].name`."""
    def esc(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    return ".".join(esc(p[:-3]) + "[{}]" if p.endswith("[*]") else esc(p) for p in parts)


def _get(obj: Any, parts: Iterable[str]) -> Any:
    for part in parts:
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def _getter(parts: tuple[str, ...]) -> Callable[[Any], Any]:
    """`_get(obj, parts)` as one call: operator.attrgetter walks the path in C; an AttributeError (a None
    table on the way, or no such attribute) is what _get answers None for."""
    if not parts:
        return lambda obj: obj
    get = attrgetter(".".join(parts))

    def getter(obj: Any) -> Any:
        try:
            return get(obj)
        except AttributeError:
            return None

    return getter


def _walk(obj: Any, node: _Node, indices: tuple[int, ...], out: list[tuple[int, tuple[int, ...]]]) -> None:
    """(pattern number, `[*]` indices) of each required field under `obj` that no alternative fills; a
    missing table makes each field under it missing, a missing or empty list has no items to check."""
    firsts = None
    if node.first is not None:
        try:  # every check's first alternative at once; an AttributeError (a None table on the way) is
            firsts = node.first(obj)  # what the getters answer None for: then ask them one by one
        except AttributeError:
            firsts = None
    if firsts is not None:
        for (k, getters), value in zip(node.checks, firsts, strict=True):
            if value.strip() if value.__class__ is str else _present(value):  # most values: a plain str
                continue
            for get in getters[1:]:
                value = get(obj)
                if value.strip() if value.__class__ is str else _present(value):
                    break
            else:
                out.append((k, indices))
    else:
        for k, getters in node.checks:
            for get in getters:
                value = get(obj)
                if value.strip() if value.__class__ is str else _present(value):  # most values: a plain str
                    break
            else:
                out.append((k, indices))
    for path, child in node.lists:
        for i, item in enumerate(_get(obj, path) or ()):
            _walk(item, child, (*indices, i), out)


def missing_fields(draft: Draft, kind: str | None = None) -> list[str]:
    """Concrete field paths the draft's filing type still needs (e.g. `websites[0].principal.mobile`), in
    the table's order. `kind` (organisation / individual) defaults to what the draft's nature says."""
    if kind is None and draft.subject.nature:
        nature = ids_tables()[0].get(draft.subject.nature)
        kind = nature.kind if nature else None
    root, templates = _compiled(draft.filing_type, kind)
    missing: list[tuple[int, tuple[int, ...]]] = []
    _walk(draft, root, (), missing)
    missing.sort()  # the walk goes website by website; the report goes field by field, then by index
    return [templates[k].format(*indices) for k, indices in missing]


def _label(path: str) -> Msg:
    from beiancli.schema import label_zh

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
