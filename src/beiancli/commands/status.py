"""Where each filing is, what is due next and by when; record a step of a filing.

Without NAME: a table of every draft in the data directory (and in each --dir), most urgent first, with
the state, since when, the next action, its deadline ("in 3 working days", "overdue by 2 h") and warnings
(SMS window closing, bureau limit passed, idle 35 of 45 days, an ID or a domain expiring within 90 days,
two orders in flight for one subject). An unreadable draft is a row with its error (exit 3).
With NAME: the full history of that filing, each step with the deadline that applied.
With --set: record a step (validated against the allowed transitions); on `approved` the subject and its
sites are added to the history file, so `check-domain` knows them.

Working-day deadlines follow the official holiday calendar (chinesecalendar); a year it does not know yet
is counted Monday–Friday and marked "unofficial". Times are China time (+08:00) unless an offset is given.
States: draft, provider-review, provider-rejected, awaiting-bureau, sms-pending, sms-failed, bureau-review,
bureau-rejected, approved, withdrawn, abandoned, lapsed.

\b
Examples:
  beian status
  beian status --json
  beian status shop
  beian status shop --set provider-review --at "2026-09-25 10:00"
  beian status shop --set sms-pending --at "2026-09-29 09:12"
  beian status shop --set provider-rejected --note "网站名称不符合要求"
  beian status shop --set approved --icp-number 粤ICP备2026000123号-1
  beian status --dir clients/acme --now 2026-10-20T09:00

Exit codes: 0 ok · 2 illegal transition or bad flags · 3 unreadable draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from beiancli.commands._common import HistoryOpt, JsonOpt, LangOpt, ShowPiiOpt, begin

# JSON (--json), stable keys:
#   table:  {"now", "drafts": [row...]}; row = {"name", "path", "ok", "error", "filing_type", "provider",
#           "province", "subject", "domains", "state", "state_label", "since", "next_action",
#           "deadline": null | {"at", "date", "earliest", "kind" (hard|limit|estimate), "unit", "official",
#           "basis", "remaining": {"value", "unit", "overdue"}, "text"},
#           "warnings": [{"code", "severity", "message"}], "official"};
#           an unreadable draft has only name, path, ok=false, error.
#   NAME:   a row + "now" + "transitions": [{"state", "state_label", "at", "note", "icp_number",
#           "deadline", "left_at", "met"}]
#   --set:  a row + "now" + "transition": {"from", "state", "at", "note", "icp_number"} + "history":
#           null | {"path", "changes"}

NameArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[NAME]", help="A draft name (in the data directory) or a path to a draft .toml file."
    ),
]
SetOpt = Annotated[
    str | None,
    typer.Option(
        "--set",
        metavar="STATE",
        help="Record a transition to STATE (e.g. provider-review, sms-pending, approved).",
    ),
]
AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="DATETIME",
        help="When it happened (default: now), e.g. '2026-09-25 10:00' (China time) or with an offset.",
    ),
]
NoteOpt = Annotated[
    str | None,
    typer.Option("--note", metavar="TEXT", help="A note for the transition (e.g. the rejection reason)."),
]
IcpOpt = Annotated[
    str | None,
    typer.Option(
        "--icp-number", metavar="N", help="The ICP number issued on approval, e.g. 粤ICP备2026000123号-1."
    ),
]
DirOpt = Annotated[
    list[Path] | None,
    typer.Option("--dir", metavar="DIR", help="Also list the drafts (*.toml) in DIR (repeatable)."),
]
NowOpt = Annotated[
    str | None,
    typer.Option("--now", metavar="DATETIME", help="Pin the clock (tests, demos; env BEIAN_NOW)."),
]


def run(
    name: NameArg = None,
    set_state: SetOpt = None,
    at: AtOpt = None,
    note: NoteOpt = None,
    icp_number: IcpOpt = None,
    dirs: DirOpt = None,
    now: NowOpt = None,
    history: HistoryOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:

    from beiancli.errors import UsageError
    from beiancli.i18n import Msg

    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history)
    from beiancli import clock as _clock

    clock = _parse_time(now, "--now") if now else _clock.now()
    if set_state is None:
        extra = [
            flag
            for flag, v in (("--at", at), ("--note", note), ("--icp-number", icp_number))
            if v is not None
        ]
        if extra:
            raise UsageError(
                Msg(f"{', '.join(extra)} 只能与 --set 一起使用", f"{', '.join(extra)} only go with --set")
            )
    if set_state is not None:
        if name is None:
            raise UsageError(
                Msg(
                    "--set 需要指定草稿名称：beian status NAME --set STATE",
                    "--set needs a draft: beian status NAME --set STATE",
                )
            )
        when = _parse_time(at, "--at") if at else clock
        if when > clock:
            raise UsageError(
                Msg(
                    f"--at {when.isoformat()} 晚于当前时间 {clock.isoformat()}",
                    f"--at {when.isoformat()} is later than now ({clock.isoformat()})",
                )
            )
        return _set(out, settings, name, set_state, when, note, icp_number, clock)
    if name is not None:
        return _show(out, name, clock)
    return _table(out, dirs or [], clock)


# -- time -------------------------------------------------------------------------------------------------


def _parse_time(text: str, flag: str) -> Any:
    """ISO date or date-time; no offset = China time (+08:00)."""
    from beiancli.clock import parse_time
    from beiancli.errors import UsageError
    from beiancli.i18n import Msg

    try:
        return parse_time(text)
    except ValueError:
        raise UsageError(
            Msg(
                f"{flag} 不是有效的日期时间：{text!r}（如 2026-09-25 10:00 或 2026-09-25T10:00+08:00）",
                f"{flag} is not a date-time: {text!r} (e.g. 2026-09-25 10:00 or 2026-09-25T10:00+08:00)",
            )
        ) from None


def _fmt(t: Any) -> str:
    from beiancli.clock import CHINA_TZ

    return t.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M") if t is not None else "—"


# -- rows -------------------------------------------------------------------------------------------------


def _load_all(dirs: list[Path]) -> list[tuple[str, Path, Any, Any]]:
    """(name, path, draft or None, error or None) for every draft file."""
    from beiancli import store
    from beiancli.errors import InputError, UsageError
    from beiancli.i18n import Msg

    paths: list[Path] = list(store.list_drafts())
    for d in dirs:
        if not d.is_dir():
            raise UsageError(Msg(f"--dir {d}：不是目录", f"--dir {d}: not a directory"))
        paths.extend(sorted(p for p in d.glob("*.toml") if p.is_file() and not p.name.startswith(".")))
    seen: set[Path] = set()
    rows = []
    for p in paths:
        key = p.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            rows.append((store.draft_name_of(p), p, store.load_draft(p), None))
        except InputError as exc:
            rows.append((store.draft_name_of(p), p, None, exc))
    return rows


def _domains(draft: Any) -> list[str]:
    return [d.name for w in draft.websites for d in w.domains]


def _short_error(exc: Any, lang: str, limit: int = 160) -> str:
    """The error without the file path (the row names the draft), cut to a table cell."""
    text = exc.message.get(lang) if hasattr(exc.message, "get") else str(exc.message)
    loc = exc.location
    if loc is not None and (loc.line or loc.field):
        where = ":".join(str(x) for x in (f"line {loc.line}" if loc.line else None, loc.field) if x)
        text = f"{where}: {text}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _alert_json(a: Any, lang: str) -> dict[str, Any]:
    return {"code": a.code, "severity": a.severity, "message": a.msg.get(lang)}


def _deadline_json(dl: Any, rem: Any, lang: str) -> dict[str, Any] | None:
    from beiancli.rules.deadlines import describe

    if dl is None:
        return None
    return {
        "at": dl.at.isoformat(),
        "date": dl.date.isoformat() if dl.date else None,
        "earliest": dl.earliest.isoformat() if dl.earliest else None,
        "kind": dl.kind,
        "unit": dl.unit,
        "official": dl.official,
        "basis": dl.basis.get(lang),
        "remaining": {"value": rem.value, "unit": rem.unit, "overdue": rem.overdue} if rem else None,
        "text": describe(rem, lang) if rem else None,
    }


def _deadline_text(out: Any, dl: Any, rem: Any) -> str:
    from beiancli.i18n import Msg
    from beiancli.rules.deadlines import describe

    if dl is None:
        return "—"
    when = dl.date.isoformat() if dl.date else _fmt(dl.at)
    text = f"{when} · {describe(rem, out.lang)}" if rem else when
    if dl.kind == "estimate":
        text += out.t(Msg("（估算）", " (estimate)"))
    if not dl.official:
        text += out.t(Msg("（非官方日历）", " (unofficial)"))
    return text


def _row_json(
    name: str, path: Path, draft: Any, st: Any, alerts: list[Any], error: Any, lang: str
) -> dict[str, Any]:
    from beiancli.rules.lifecycle import state

    if error is not None:
        return {"name": name, "path": str(path), "ok": False, "error": error.render(lang)}
    info = state(st.state)
    return {
        "name": name,
        "path": str(path),
        "ok": True,
        "error": None,
        "filing_type": draft.filing_type,
        "provider": draft.provider,
        "province": draft.province,
        "subject": draft.subject.name,
        "domains": _domains(draft),
        "state": st.state,
        "state_label": info.label.get(lang),
        "since": st.since.isoformat() if st.since else None,
        "next_action": st.next_action.get(lang),
        "deadline": _deadline_json(st.deadline, st.remaining, lang),
        "warnings": [_alert_json(a, lang) for a in alerts],
        "official": st.official,
    }


def _evaluate(rows: list[tuple[str, Path, Any, Any]], clock: Any) -> list[dict[str, Any]]:
    from beiancli.rules.deadlines import conflict_alert, status, urgency_key
    from beiancli.rules.lifecycle import in_flight_conflicts

    good = {str(p): d for _, p, d, e in rows if e is None}
    conflicts = in_flight_conflicts(good)
    names = {str(p): n for n, p, _, _ in rows}
    result = []
    for name, path, draft, error in rows:
        if error is not None:
            result.append(
                {
                    "name": name,
                    "path": path,
                    "draft": None,
                    "status": None,
                    "alerts": [],
                    "error": error,
                    "key": urgency_key(name, None),
                }
            )
            continue
        st = status(draft, clock)
        alerts = list(st.alerts)
        others = conflicts.get(str(path))
        if others:
            alerts.append(conflict_alert([names[o] for o in others]))
        result.append(
            {
                "name": name,
                "path": path,
                "draft": draft,
                "status": st,
                "alerts": alerts,
                "error": None,
                "key": urgency_key(name, st, alerts),
            }
        )
    result.sort(key=lambda r: r["key"])
    return result


_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}


def _table(out: Any, dirs: list[Path], clock: Any) -> int:
    from beiancli.errors import EXIT_INPUT
    from beiancli.i18n import Msg
    from beiancli.render import printable  # names come from file names on disk: shown escaped
    from beiancli.rules.lifecycle import state

    rows = _evaluate(_load_all(dirs), clock)
    broken = any(r["error"] is not None for r in rows)
    if out.json_mode:
        out.emit_json(
            {
                "now": clock.isoformat(),
                "drafts": [
                    _row_json(
                        r["name"], r["path"], r["draft"], r["status"], r["alerts"], r["error"], out.lang
                    )
                    for r in rows
                ],
            }
        )
        return EXIT_INPUT if broken else 0
    if not rows:
        out.note(
            Msg(
                "没有草稿。用 `beian new` 新建，或用 --dir 指定目录。",
                "no drafts. Start one with `beian new`, or point --dir at a directory.",
            )
        )
        return 0
    from rich.table import Table
    from rich.text import Text

    t = out.t
    table = Table(show_lines=True, title=t(Msg("备案进度（{now}）", "Filings ({now})"), now=_fmt(clock)))
    # Five columns so the table stays readable at 80 characters: name + type, domains, state + since,
    # deadline, next action + warnings.
    for header, ratio in (
        (Msg("名称 / 类型", "name / type"), 2),
        (Msg("域名", "domain(s)"), 2),
        (Msg("状态 / 起始", "state / since"), 2),
        (Msg("期限", "deadline"), 2),
        (Msg("下一步 / 提醒", "next action / warnings"), 4),
    ):
        table.add_column(t(header), overflow="fold", ratio=ratio)
    for r in rows:
        if r["error"] is not None:
            table.add_row(
                Text(printable(r["name"])),
                "",
                Text(t(Msg("无法读取", "unreadable")), style="red"),
                "",
                Text(_short_error(r["error"], out.lang), style="red"),
            )
            continue
        d, st = r["draft"], r["status"]
        cell = Text(st.next_action.get(out.lang))
        for a in r["alerts"]:
            cell.append("\n• " + a.msg.get(out.lang), style=_STYLE[a.severity])
        deadline = Text(_deadline_text(out, st.deadline, st.remaining), style="red" if st.overdue else "")
        since = t(Msg("自 {t}", "since {t}"), t=_fmt(st.since)) if st.since else ""
        table.add_row(
            Text(f"{printable(r['name'])}\n{d.filing_type}"),
            Text(", ".join(_domains(d)) or "—"),
            Text(state(st.state).label.get(out.lang) + ("\n" + since if since else "")),
            deadline,
            cell,
        )
    out.print(table)
    return EXIT_INPUT if broken else 0


# -- one filing -------------------------------------------------------------------------------------------


def _history_rows(draft: Any) -> list[dict[str, Any]]:
    from beiancli.rules.deadlines import clock_for

    steps = draft.lifecycle.transitions
    rows = []
    for i, tr in enumerate(steps):
        dl = clock_for(draft, tr.state, tr.at)
        left = steps[i + 1].at if i + 1 < len(steps) else None
        met = None if dl is None or left is None else left <= dl.at
        rows.append({"transition": tr, "deadline": dl, "left_at": left, "met": met})
    return rows


def _show(out: Any, name: str, clock: Any) -> int:
    from beiancli import store
    from beiancli.i18n import Msg
    from beiancli.rules.deadlines import status
    from beiancli.rules.lifecycle import state

    path = store.resolve_draft(name)
    draft = store.load_draft(path)
    st = status(draft, clock)
    hist = _history_rows(draft)
    lang = out.lang
    if out.json_mode:
        data = _row_json(store.draft_name_of(path), path, draft, st, list(st.alerts), None, lang)
        data["now"] = clock.isoformat()
        data["transitions"] = [
            {
                "state": h["transition"].state,
                "state_label": state(h["transition"].state).label.get(lang),
                "at": h["transition"].at.isoformat(),
                "note": h["transition"].note,
                "icp_number": h["transition"].icp_number,
                "deadline": _deadline_json(h["deadline"], None, lang),
                "left_at": h["left_at"].isoformat() if h["left_at"] else None,
                "met": h["met"],
            }
            for h in hist
        ]
        out.emit_json(data)
        return 0
    from rich.table import Table
    from rich.text import Text

    t = out.t
    con = out.console
    con.print(
        Text(
            "  ·  ".join(
                (store.draft_name_of(path), draft.filing_type, draft.provider, draft.province or "—")
            ),
            style="bold",
        )
    )
    con.print(
        Text(
            t(
                Msg("主体：{s}    域名：{d}", "subject: {s}    domain(s): {d}"),
                s=draft.subject.name or "—",
                d=", ".join(_domains(draft)) or "—",
            )
        )
    )
    if hist:
        table = Table(title=t(Msg("状态历史", "History")))
        for header in (
            Msg("#", "#"),
            Msg("状态", "state"),
            Msg("时间", "at"),
            Msg("备注", "note"),
            Msg("备案号", "ICP number"),
            Msg("当时的期限", "deadline that applied"),
            Msg("结果", "outcome"),
        ):
            table.add_column(t(header), overflow="fold")
        for i, h in enumerate(hist, 1):
            tr, dl = h["transition"], h["deadline"]
            if dl is None:
                outcome = Text("—")
            elif h["met"] is None:
                outcome = Text(t(Msg("进行中", "current")))
            elif h["met"]:
                outcome = Text(t(Msg("按期", "in time")), style="green")
            else:
                outcome = Text(t(Msg("超时", "late")), style="red")
            dl_text = (
                "—"
                if dl is None
                else f"{dl.date.isoformat() if dl.date else _fmt(dl.at)} ({dl.basis.get(lang)})"
            )
            table.add_row(
                str(i),
                Text(f"{tr.state} · {state(tr.state).label.get(lang)}"),
                _fmt(tr.at),
                Text(tr.note or ""),
                Text(tr.icp_number or ""),
                Text(dl_text),
                outcome,
            )
        con.print(table)
    else:
        con.print(
            Text(
                t(
                    Msg(
                        "尚无状态记录（草稿）。提交后用 --set provider-review 记录。",
                        "No steps recorded yet (draft). "
                        "After submitting, record it with --set provider-review.",
                    )
                )
            )
        )
    _print_status(out, st)
    return 0


def _print_status(out: Any, st: Any) -> None:
    from rich.text import Text

    from beiancli.i18n import Msg
    from beiancli.rules.lifecycle import state

    t = out.t
    con = out.console
    con.print(
        Text(
            t(
                Msg("当前状态：{s}（自 {since}）", "state: {s} (since {since})"),
                s=state(st.state).label.get(out.lang),
                since=_fmt(st.since),
            ),
            style="bold",
        )
    )
    con.print(Text(t(Msg("下一步：{a}", "next: {a}"), a=st.next_action.get(out.lang))))
    if st.deadline is not None:
        con.print(
            Text(
                t(
                    Msg("期限：{d}  [{b}]", "deadline: {d}  [{b}]"),
                    d=_deadline_text(out, st.deadline, st.remaining),
                    b=st.deadline.basis.get(out.lang),
                ),
                style="red" if st.overdue else "",
            )
        )
    for a in st.alerts:
        con.print(Text("• " + a.msg.get(out.lang), style=_STYLE[a.severity]))


# -- recording a transition -------------------------------------------------------------------------------


def _set(
    out: Any,
    settings: Any,
    name: str,
    to_state: str,
    when: Any,
    note: str | None,
    icp: str | None,
    clock: Any,
) -> int:
    from beiancli import store
    from beiancli.i18n import Msg
    from beiancli.rules.deadlines import status
    from beiancli.rules.lifecycle import apply_approval, record, state

    path = store.resolve_draft(name)
    if not path.exists():
        store.load_draft(path)  # the usual "file not found" InputError (exit 3)
    notes: list[Msg] = []
    hist_path = None
    with store.update_draft(path) as draft:
        before = draft.lifecycle.state
        new = record(draft, to_state, when, note, icp)
        if to_state == "approved":
            hist_path = settings.history_path()
            with store.update_history(hist_path) as hist:
                notes = apply_approval(hist, new)
        draft.lifecycle = new.lifecycle
    st = status(new, clock)
    tr = new.lifecycle.transitions[-1]
    if out.json_mode:
        data = _row_json(store.draft_name_of(path), path, new, st, list(st.alerts), None, out.lang)
        data["now"] = clock.isoformat()
        data["transition"] = {
            "from": before,
            "state": tr.state,
            "at": tr.at.isoformat(),
            "note": tr.note,
            "icp_number": tr.icp_number,
        }
        data["history"] = (
            {"path": str(hist_path), "changes": [n.get(out.lang) for n in notes]} if hist_path else None
        )
        out.emit_json(data)
        return 0
    from rich.text import Text

    out.console.print(
        Text(
            out.t(
                Msg("{n}：{a} → {b}（{at}）", "{n}: {a} → {b} at {at}"),
                n=store.draft_name_of(path),
                a=state(before).label.get(out.lang),
                b=state(tr.state).label.get(out.lang),
                at=_fmt(tr.at),
            ),
            style="bold",
        )
    )
    for n in notes:
        out.console.print(Text("• " + n.get(out.lang) + f"  ({hist_path})"))
    _print_status(out, st)
    return 0
