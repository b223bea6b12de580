"""Which materials a filing needs, and what each must look like — for a filing type, nature and province,
or for a draft (then also: which listed files pass the file checks: exists, JPEG/PNG/PDF by content, size,
pixels). The list is the §7 matrix in rules/data/materials.toml, the same one `beian validate` checks.

Examples:
  beian checklist --type first --nature enterprise --province 广东
  beian checklist --type add-site --nature individual --province Shanghai --json
  beian checklist examples/drafts/first-enterprise-guangdong.toml
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from beiancli.commands._common import JsonOpt, LangOpt, ProviderOpt, ShowPiiOpt, begin


def run(
    draft: Annotated[str | None, typer.Argument(metavar="[DRAFT]", help="A draft name or path: its own checklist.")] = None,
    filing_type: Annotated[str | None, typer.Option("--type", "-t", metavar="TYPE", help="Filing type id (default: first).")] = None,
    nature: Annotated[str | None, typer.Option("--nature", metavar="NATURE", help="Subject nature: enterprise, individual, government, ...")] = None,
    province: Annotated[str | None, typer.Option("--province", metavar="PROVINCE", help="Filing province: 广东 / Guangdong / 粤 / 44.")] = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:
    from beiancli.errors import UsageError
    from beiancli.i18n import Msg

    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, provider=provider)
    if draft is not None:
        if filing_type or nature or province:
            raise UsageError(Msg("给出草稿时不能再用 --type / --nature / --province", "give either a draft or --type/--nature/--province, not both"))
        rows, head = _for_draft(draft, settings.provider if provider else None)
    else:
        rows, head = _for_options(filing_type or "first", nature, province or settings.province)
    if json_out:
        out.emit_json({**head, "items": rows})
        return 0
    _table(out, head, rows)
    return 0


def _for_options(filing_type: str, nature: str | None, province: str | None) -> tuple[list[dict], dict]:
    from beiancli import ids
    from beiancli.errors import UsageError
    from beiancli.i18n import Msg
    from beiancli.models import FILING_TYPES
    from beiancli.regions import find
    from beiancli.rules.materials import requirements

    if filing_type not in FILING_TYPES:
        raise UsageError(Msg(f"未知的备案类型 {filing_type!r}（可用：{', '.join(FILING_TYPES)}）",
                             f"unknown filing type {filing_type!r} (known: {', '.join(FILING_TYPES)})"))
    if nature and nature not in ids.natures():
        raise UsageError(Msg(f"未知的主体性质 {nature!r}（可用：{', '.join(ids.natures())}）",
                             f"unknown nature {nature!r} (known: {', '.join(ids.natures())})"))
    prov = find(province) if province else None
    if province and prov is None:
        raise UsageError(Msg(f"未知的省份 {province!r}", f"unknown province {province!r}"))
    reqs = requirements(filing_type, nature, prov.id if prov else None)
    head = {"filing_type": filing_type, "nature": nature, "province": prov.id if prov else None, "draft": None}
    return [_row(r) for r in reqs], head


def _for_draft(ref: str, provider: str | None) -> tuple[list[dict], dict]:
    from beiancli import clock, store
    from beiancli.rules import materials as mat
    from beiancli.rules.base import Context

    path = store.resolve_draft(ref)
    draft, _loaded = store.load_draft_doc(path)
    ctx = Context(draft=draft, today=clock.today(), provider=provider, base_dir=path.parent)
    rows = []
    for req in mat.requirements_for(ctx):
        row = _row(req)
        files = []
        status = "missing"
        one_site = len(draft.websites) == 1
        for i, m in enumerate(draft.materials):
            if m.kind != req.kind or (req.site is not None and m.site != req.site and not (m.site is None and one_site)):
                continue
            if m.skipped and req.skippable and not m.path:
                status = "skipped" if status == "missing" else status
                continue
            if not m.path:
                continue
            problems = mat.check_facts(ctx.file(m.path), req, ctx.provider_id)
            files.append({"index": i, "path": m.path, "ok": not problems,
                          "problems": [{"code": p.code, "severity": str(p.severity), **_plain(p.data)} for p in problems]})
            if not problems or status == "missing":
                status = "ok" if not problems else "problem"
        row["status"] = status
        row["files"] = files
        rows.append(row)
    head = {"filing_type": draft.filing_type, "nature": draft.subject.nature, "province": ctx.province_id,
            "draft": str(path)}
    return rows, head


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if isinstance(v, (str, int, float))}


def _row(r: Any) -> dict[str, Any]:
    return {
        "kind": r.kind,
        "name": {"zh": r.name.zh, "en": r.name.en},
        "spec": {"zh": r.spec.zh, "en": r.spec.en},
        "formats": list(r.formats),
        "per_site": r.per_site,
        "site": r.site,
        "condition": {"zh": r.condition.zh, "en": r.condition.en} if r.condition else None,
        "severity": str(r.severity),
        "skippable": r.skippable,
        "source": r.source,
    }


_STATUS = {
    "ok": ("✓", "green", ("文件通过检查", "file passes the checks")),
    "skipped": ("–", "cyan", ("已在接入商应用中完成", "done in the provider's app")),
    "missing": ("✗", "red", ("未列出", "not listed")),
    "problem": ("!", "yellow", ("文件有问题", "file has problems")),
}


def _table(out: Any, head: dict, rows: list[dict]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from beiancli.i18n import Msg

    lang = out.lang
    what = " · ".join(str(v) for v in (head["filing_type"], head["nature"], head["province"]) if v)
    out.console.print(escape(out.t(Msg("备案材料清单：{what}", "Materials checklist: {what}"), what=what)), style="bold")
    table = Table(show_lines=True, header_style="bold")
    has_status = head["draft"] is not None
    if has_status:
        table.add_column(out.t(Msg("状态", "status")), overflow="fold")
    table.add_column(out.t(Msg("材料", "material")), overflow="fold")
    table.add_column(out.t(Msg("何时需要", "when")), overflow="fold")
    table.add_column(out.t(Msg("要求", "what it must look like")), overflow="fold")
    for r in rows:
        site = f" ({'网站' if lang == 'zh' else 'website'} {r['site'] + 1})" if r["site"] is not None else ""
        name = f"{r['name'][lang]}{site}\n{r['kind']}"
        when = r["condition"][lang] if r["condition"] else out.t(Msg("必需", "always"))
        if r["per_site"] and r["site"] is None:
            when += out.t(Msg("（每个网站一份）", " (one per website)"))
        if r["severity"] != "error":
            when += out.t(Msg("\n缺少时为警告（待核实的要求）", "\nwarning when missing (a rule to verify)"))
        cells = [escape(name), escape(when), escape(r["spec"][lang])]
        if has_status:
            mark, colour, label = _STATUS[r["status"]]
            note = label[0] if lang == "zh" else label[1]
            for f in r["files"]:
                note += f"\n{f['path']}" + ("" if f["ok"] else ": " + ", ".join(p["code"] for p in f["problems"]))
            cells.insert(0, f"[{colour}]{mark} {escape(note)}[/]")
        table.add_row(*cells)
    out.console.print(table)
