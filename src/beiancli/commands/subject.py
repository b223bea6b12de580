"""Keep the history of filed subjects and their sites — what `check-domain`, `new` and `validate` decide from.

The history is a TOML file (default: history.toml in the data directory; `--history FILE` or BEIAN_HISTORY
for another one). On a terminal, `subject add` asks for what the flags leave out; elsewhere it never prompts.

Examples:
  beian subject add --name 深圳市示例科技有限公司 --nature enterprise --cert-number 91440300MA5FXXXXXM --icp-number 粤ICP备2024000001号
  beian subject add-site 91440300MA5FXXXXXM --domain example.com --site-number 粤ICP备2024000001号-1 --provider tencent
  beian subject list
  beian subject show 粤ICP备2024000001号
  beian subject remove 深圳市示例科技有限公司 --yes
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from beiancli.commands._common import HistoryOpt, JsonOpt, LangOpt, ShowPiiOpt, begin

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None)

KeyArg = Annotated[str, typer.Argument(metavar="SUBJECT", help="Certificate number, subject ICP number or exact name.")]


def _history_target(settings: Any) -> Path:
    return settings.history_path()


def _find(history: Any, key: str, out: Any) -> Any:
    from beiancli.subjects import not_found

    found = history.find_subject(key)
    if found is None:
        raise not_found(history, key)
    return found


def _subject_dict(s: Any) -> dict[str, Any]:
    return s.model_dump(mode="json", exclude_none=True)


# -- add ------------------------------------------------------------------------------------------------

@app.command("add", short_help="Add a filed (or never-filed) subject to the history.")
def add(
    name: Annotated[str | None, typer.Option("--name", help="Subject name as on the certificate (主办单位名称 / 姓名).")] = None,
    nature: Annotated[str | None, typer.Option("--nature", help="enterprise, individual, government, institution, social-group, ...")] = None,
    cert_type: Annotated[str | None, typer.Option("--cert-type", help="Certificate type id (default from the nature: uscc, resident-id, ...).")] = None,
    cert_number: Annotated[str | None, typer.Option("--cert-number", help="Certificate number (USCC, resident ID, ...).")] = None,
    province: Annotated[str | None, typer.Option("--province", help="Filing province (广东 / Guangdong / 粤); default from the certificate.")] = None,
    icp_number: Annotated[str | None, typer.Option("--icp-number", help="Subject ICP number, e.g. 粤ICP备2024000001号; omit if never filed.")] = None,
    account: Annotated[list[str] | None, typer.Option("--account", help="Provider whose account holds the filing (repeatable).")] = None,
    history: HistoryOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:
    """Add a subject to the history file."""
    from beiancli import store
    from beiancli.errors import InputError, UsageError
    from beiancli.i18n import Msg
    from beiancli.subjects import build_subject, default_cert_type
    from beiancli.wizards.asker import QuestionaryAsker, is_interactive

    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history)
    answers = {"name": name, "nature": nature, "cert_type": cert_type, "cert_number": cert_number,
               "province": province, "icp_number": icp_number}
    missing = [k for k in ("name", "nature", "cert_number") if not answers[k]]
    if missing:
        if not is_interactive():
            flags = ", ".join("--" + k.replace("_", "-") for k in missing)
            raise UsageError(Msg(f"缺少：{flags}（非交互模式不会提问）", f"missing: {flags} (nothing is asked when not on a terminal)"))
        asker = QuestionaryAsker(out.err)
        from beiancli.wizards.history import ask_subject

        answers = ask_subject(asker, answers, out.lang)
    subject = build_subject(
        name=answers["name"],
        nature=answers["nature"],
        cert_type=answers["cert_type"] or default_cert_type(answers["nature"]),
        cert_number=answers["cert_number"],
        province=answers["province"],
        icp_number=answers["icp_number"],
        accounts=account or [],
    )
    target = _history_target(settings)
    with store.update_history(target) as hist:
        if hist.find_subject(subject.cert_number) is not None:
            raise InputError(
                Msg("历史文件中已有证件号为此号码的主体", "a subject with this certificate number is already in the history"),
                hint=Msg("用 `beian subject show` 查看。", "See it with `beian subject show`."),
            )
        if subject.icp_number and hist.find_subject(subject.icp_number) is not None:
            raise InputError(Msg(f"备案号 {subject.icp_number} 已属于历史中的另一主体", f"{subject.icp_number} already belongs to another subject in the history"))
        hist.subjects.append(subject)
    if json_out:
        out.emit_json({"added": _subject_dict(subject), "history": str(target)})
    else:
        out.print(out.t(Msg("已添加主体 {name} → {path}", "added subject {name} → {path}"), name=subject.name, path=target))
    return 0


# -- add-site -------------------------------------------------------------------------------------------

@app.command("add-site", short_help="Record a filed site (domain, site number, providers) under a subject.")
def add_site(
    subject: KeyArg,
    domain: Annotated[str, typer.Option("--domain", help="The filed (registrable) domain, e.g. example.com.")],
    site_number: Annotated[str | None, typer.Option("--site-number", help="Site ICP number, e.g. 粤ICP备2024000001号-1.")] = None,
    provider: Annotated[list[str] | None, typer.Option("--provider", help="Provider that gives the site access today (repeatable; none = no access).")] = None,
    site_name: Annotated[str | None, typer.Option("--site-name", help="Website name as filed.")] = None,
    history: HistoryOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> int:
    """Add a filed site to a subject in the history."""
    from beiancli import store
    from beiancli.errors import InputError
    from beiancli.i18n import Msg
    from beiancli.subjects import build_site

    out, settings = begin(lang=lang, json_mode=json_out, history=history)
    target = _history_target(settings)
    with store.update_history(target) as hist:
        subj = _find(hist, subject, out)
        site = build_site(subj, domain=domain, site_number=site_number, providers=provider or [], name=site_name)
        for other in hist.subjects:
            for existing in other.sites:
                if existing.domain == site.domain:
                    owner = "" if other is subj else f"（{other.name}）"
                    raise InputError(
                        Msg(f"域名 {site.domain} 已在历史中{owner}", f"{site.domain} is already in the history{' (' + other.name + ')' if owner else ''}")
                    )
        subj.sites.append(site)
    if json_out:
        out.emit_json({"subject": subj.name, "added": site.model_dump(mode="json", exclude_none=True)})
    else:
        out.print(out.t(Msg("已为 {name} 添加网站 {domain}", "added site {domain} to {name}"), name=subj.name, domain=site.domain))
    return 0


# -- list / show / remove -------------------------------------------------------------------------------

@app.command("list", short_help="List the subjects in the history.")
def list_(history: HistoryOpt = None, lang: LangOpt = None, json_out: JsonOpt = False, show_pii: ShowPiiOpt = False) -> int:
    """List the subjects in the history file."""
    from beiancli import store
    from beiancli.i18n import Msg

    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history)
    path = _history_target(settings)
    hist = store.load_history(path, missing_ok=settings.history is None)
    if json_out:
        out.emit_json({"history": str(path), "subjects": [_subject_dict(s) for s in hist.subjects]})
        return 0
    if not hist.subjects:
        out.note(Msg(f"历史文件中还没有主体（{path}）。用 `beian subject add` 添加。", f"no subjects in the history yet ({path}). Add one with `beian subject add`."))
        return 0
    from rich.table import Table

    zh = out.lang == "zh"
    table = Table(title=str(path), title_justify="left")
    for col in (("主体", "subject"), ("性质", "nature"), ("证件号码", "certificate"), ("省份", "province"),
                ("主体备案号", "ICP number"), ("网站", "sites")):
        table.add_column(col[0] if zh else col[1])
    for s in hist.subjects:
        table.add_row(s.name, s.nature, out.mask("id", s.cert_number), s.province or "—",
                      s.icp_number or ("未备案" if zh else "never filed"), str(len(s.sites)))
    out.print(table)
    return 0


@app.command("show", short_help="Show one subject and its sites.")
def show(subject: KeyArg, history: HistoryOpt = None, lang: LangOpt = None, json_out: JsonOpt = False,
         show_pii: ShowPiiOpt = False) -> int:
    """Show one subject of the history with its sites and providers."""
    from beiancli import store

    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history)
    hist = store.load_history(_history_target(settings), missing_ok=settings.history is None)
    s = _find(hist, subject, out)
    if json_out:
        out.emit_json(_subject_dict(s))
        return 0
    from rich.table import Table

    zh = out.lang == "zh"
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    rows = [
        ("名称", "name", s.name), ("性质", "nature", s.nature), ("证件类型", "certificate type", s.cert_type),
        ("证件号码", "certificate number", out.mask("id", s.cert_number)), ("省份", "province", s.province or "—"),
        ("主体备案号", "subject ICP number", s.icp_number or ("未备案" if zh else "never filed")),
    ]
    for zh_label, en_label, value in rows:
        head.add_row(zh_label if zh else en_label, value)
    out.print(head)
    if s.sites:
        table = Table()
        for col in (("域名", "domain"), ("网站备案号", "site number"), ("接入商", "providers"), ("名称", "name")):
            table.add_column(col[0] if zh else col[1])
        for site in s.sites:
            access = ", ".join(site.providers) or ("无接入" if zh else "no access")
            table.add_row(site.domain, site.site_number or "—", access, site.name or "")
        out.print(table)
    return 0


@app.command("remove", short_help="Remove a subject from the history.")
def remove(
    subject: KeyArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    history: HistoryOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
) -> int:
    """Remove a subject (and the sites recorded under it) from the history file.

    This only edits beiancli's history; it does not cancel anything at the bureau (that is `beian cancel`).
    """
    from beiancli import store
    from beiancli.errors import UsageError
    from beiancli.i18n import Msg
    from beiancli.wizards.asker import QuestionaryAsker, is_interactive

    out, settings = begin(lang=lang, json_mode=json_out, history=history)
    target = _history_target(settings)
    with store.update_history(target) as hist:
        s = _find(hist, subject, out)
        if not yes:
            if not is_interactive():
                raise UsageError(Msg("非交互模式下删除需要 --yes", "removing needs --yes when not on a terminal"))
            question = out.t(Msg("从历史中删除 {name}（{n} 个网站）？", "remove {name} ({n} sites) from the history?"),
                             name=s.name, n=len(s.sites))
            if not QuestionaryAsker(out.err).confirm(question, default=False):
                raise UsageError(Msg("未删除", "nothing removed"))
        hist.subjects.remove(s)
    if json_out:
        out.emit_json({"removed": s.name, "history": str(target)})
    else:
        out.print(out.t(Msg("已从历史中删除 {name}", "removed {name} from the history"), name=s.name))
    return 0
