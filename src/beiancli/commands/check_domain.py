"""Check domains: can each be filed, which part is filed, and which filing type it needs for this subject at
this provider — with the reasons, the next steps, the timeline and the materials. Offline.

DOMAIN may be anything you would paste: example.com, www.example.com, https://blog.example.com.cn:8443/a,
例子.中国, xn--fsqu00a.xn--fiqs8s. Only the registrable domain is filed; sub-domains are covered by it.

Without --subject the decision is for a subject that was never filed (首次备案), and a small table shows what
every other situation would lead to. With --subject (certificate number, subject ICP number or exact name)
the subject and its sites are read from the history (`beian subject ...`, or --history FILE); the domain is
looked up across every subject in the history.

Examples:
  beian check-domain example.com
  beian check-domain www.example.com 例子.中国 example.io --json
  beian check-domain shop.example.com --subject 粤ICP备2024000001号 --history examples/history.toml
  beian check-domain example.cn --provider aliyun --lang en

Exit codes: 0 every domain can be filed or is already filed · 1 a domain is blocked · 3 an argument is not a
domain (3 wins) · 2 usage error (e.g. unknown --provider).
"""

from __future__ import annotations

from typing import Any

from beiancli.commands import _common as c
from beiancli.commands._common import begin

# No Typer here: `beian check-domain example.com` runs through cli.fast_parse without it. The annotations are
# strings (PEP 563) that Typer evaluates, building the option types from this table, only when it builds the
# command (for --help and for every command line fast_parse leaves to it).
OPTS = c.COMMON.merged({"domains": c.Opt((), "args", "Domains, host names or URLs to check.", "DOMAIN...")})
FAST = OPTS.fast_spec("domains", "subject", "history", "provider", "json_out", "lang")


def run(
    domains: OPTS.domains,
    subject: OPTS.subject = None,
    history: OPTS.history = None,
    provider: OPTS.provider = None,
    json_out: OPTS.json_out = False,
    lang: OPTS.lang = None,
) -> int:
    from beiancli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
    from beiancli.rules import providers

    out, settings = begin(lang=lang, json_mode=json_out, history=history, provider=provider)
    profile = providers.get(settings.provider)
    hist = _load_history(settings, explicit=settings.history is not None)
    subj = _find_subject(hist, subject) if subject else None

    results = [_check(text, hist, subj, profile.id) for text in domains]
    if json_out:
        out.emit_json([_as_json(r, out.lang, subj is None) for r in results])
    else:
        _render(out, results, profile, subj is None)

    outcomes = {r["outcome"] for r in results}
    if "invalid" in outcomes:
        return EXIT_INPUT
    if "blocked" in outcomes:
        return EXIT_FINDINGS
    return EXIT_OK


# -- inputs -----------------------------------------------------------------------------------------------

def _load_history(settings: Any, *, explicit: bool) -> Any:
    """The history, or None when there is no file. Pydantic is imported only when a file is read."""
    path = settings.history_path()
    if not explicit and not path.exists():
        return None
    from beiancli import store

    return store.load_history(path, missing_ok=False)


def _find_subject(hist: Any, key: str) -> Any:
    from beiancli.subjects import not_found

    found = hist.find_subject(key) if hist is not None else None
    if found is None:
        raise not_found(hist, key)
    return found


def _check(text: str, hist: Any, subj: Any, provider: str) -> dict[str, Any]:
    from beiancli import domains
    from beiancli.rules import filing_type

    try:
        info = domains.analyse(text)
    except domains.DomainError as exc:
        return {"input": text, "outcome": "invalid", "error": exc, "info": None, "decision": None}
    decision = filing_type.decide(info, hist, subj, provider)
    return {"input": text, "outcome": decision.outcome, "error": None, "info": info, "decision": decision}


def _materials(filing_type: str, nature: str | None, province: str | None, lang: str) -> list[str]:
    """The materials this type needs (rules.materials, the one materials matrix), one short line each;
    an item that depends on the filing carries its condition: `name (if: condition)`."""
    from beiancli.rules import materials

    out = []
    for r in materials.requirements(filing_type, nature=nature, province=province):
        text = r.name.get(lang)
        if r.condition is not None:
            text += _z(lang, f"（如{r.condition.get(lang)}）", f" (if {r.condition.get(lang)})")
        out.append(text)
    return out


# -- JSON -------------------------------------------------------------------------------------------------

def _as_json(r: dict[str, Any], lang: str, no_subject: bool) -> dict[str, Any]:
    info, d, err = r["info"], r["decision"], r["error"]
    base: dict[str, Any] = {
        "input": r["input"],
        "outcome": r["outcome"],
        "domain": info.registrable if info else None,
        "ascii": info.registrable_ascii if info else None,
        "suffix": info.suffix if info else None,
        "tld_approved": d.tld.approved if d else None,
        "filing_type": d.filing_type if d else None,
        "filing_type_name": d.filing_type_name._asdict() if d and d.filing_type_name else None,
        "blocked": {"code": d.blocked.code, "reason": d.blocked.reason.get(lang), "todo": d.blocked.todo.get(lang)}
        if d and d.blocked else None,
        "error": err.msg.get(lang) if err else None,
        "trace": [m.get(lang) for m in d.trace] if d else [],
        "next_steps": [m.get(lang) for m in d.next_steps] if d else [],
        # extras
        "error_code": err.code if err else None,
        "hostname": info.hostname if info else None,
        "hostname_ascii": info.hostname_ascii if info else None,
        "subdomain": info.subdomain if info else None,
        "suffix_ascii": info.suffix_ascii if info else None,
        "tld": info.tld if info else None,
        "tld_status": d.tld.status if d else None,
        "tld_source": {"source": d.tld.source, "as_of": d.tld.as_of} if d else None,
        "warnings": [m.get(lang) for m in d.warnings] if d else [],
        "provider": d.provider if d else None,
        "decision_row": d.row if d else None,
    }
    if d and d.filing_type:
        from beiancli.rules import process

        base["process"] = [{"id": s.id, "name": s.name.get(lang), "duration": s.duration().get(lang)}
                           for s in process.steps(d.province)]
        base["materials"] = _materials(d.filing_type, d.nature, d.province, lang)
    if d and no_subject:
        from beiancli.rules import filing_type

        base["situations"] = [
            {"situation": s.situation.get(lang), "outcome": s.outcome, "filing_type": s.filing_type,
             "blocked_code": s.code}
            for s in filing_type.situations(d.provider)
        ]
    return base


# -- human output -----------------------------------------------------------------------------------------
# Finished text through beiancli.term (ANSI styles, CJK-aware wrapping), not rich: rich's import alone would
# not fit the start-up budget of the command everybody runs first (benchmarks/startup.sh).

_STATUS = {"approved": ("已批复", "approved"), "not-approved": ("未批复", "not approved"), "unknown": ("未知", "unknown")}


def _z(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _mark(mark: str, text: str, lang: str) -> str:
    """'• text'. In Chinese the mark is glued to the text (full-width marks carry their own space)."""
    if lang == "zh":
        mark = "・" if mark == "•" else mark[:-1] + "．" if mark.endswith(".") else mark
        return mark + text
    return f"{mark} {text}"


class _Printer:
    """Lines of styled segments, wrapped to the output's width with their indent, written in one go."""

    def __init__(self, out: Any) -> None:
        self.out, self.lang = out, out.lang
        self.color, self.columns = out.color(), out.width()
        self._lines: list[str] = []

    def line(self, text: str | list[tuple[str, str]] = "", indent: int = 0, style: str = "") -> None:
        from beiancli import term

        segments = [(text, style)] if isinstance(text, str) else text
        pad = " " * indent
        for part in term.wrap(segments, self.columns - indent):
            self._lines.append(pad + term.render_line(part, self.color) if part else "")

    def flush(self) -> None:
        self.out.stream.write("\n".join(self._lines) + "\n")
        self.out.stream.flush()
        self._lines = []

    def field(self, label: str, value: str, style: str = "") -> None:
        sep = "：" if self.lang == "zh" else ": "
        self.line([(f"{label}{sep}", "dim"), (value, style)], 2)

    def items(self, label: str, values: list[str], style: str = "") -> None:
        self.line(label + ("：" if self.lang == "zh" else ":"), 2, "dim")
        for v in values:
            self.line(v, 4, style)


def _render(out: Any, results: list[dict[str, Any]], profile: Any, no_subject: bool) -> None:
    p = _Printer(out)
    lang = out.lang
    shown_types: set[str] = set()
    provider_name = profile.name.get(lang)
    for i, r in enumerate(results):
        if i:
            p.line()
        info, d, err = r["info"], r["decision"], r["error"]
        if err is not None:
            shown = r["input"] if r["input"].isprintable() else repr(r["input"])  # no raw escape codes echoed
            p.line([("✗ ", "bold red"), (shown or "''", "bold"),
                    (_z(lang, "  不是可以备案的域名：", "  not a domain to file: ") + err.msg.get(lang), "")])
            continue
        p.line(_headline(d, r["input"], lang))
        dom = info.registrable
        if info.hostname != info.registrable:
            dom = f"{info.hostname} → " + _z(lang, f"主域名 {info.registrable}", f"registrable {info.registrable}")
        if info.subdomain:
            dom += _z(lang, f"（子域名 {info.subdomain} 由主域名的备案覆盖）", f" (the sub-domain {info.subdomain} is covered by its filing)")
        p.field(_z(lang, "域名", "domain"), dom)
        if info.is_idn:
            p.field(_z(lang, "编码", "forms"), f"Unicode {info.registrable} · ASCII {info.registrable_ascii}")
        status = _STATUS[d.tld.status][0 if lang == "zh" else 1]
        suffix = f".{info.suffix} {status}"
        if d.blocked is None or d.blocked.code != "tld-not-approved":
            suffix += f" — {d.tld.reason.get(lang)}"
        p.field(_z(lang, "后缀", "suffix"), suffix)
        if d.filing_type_name is not None:
            p.field(_z(lang, "备案类型", "filing type"), f"{d.filing_type_name.get(lang)} ({d.filing_type} · {provider_name})",
                    style="bold")
        p.items(_z(lang, "依据", "why"), [_mark(f"{n}.", m.get(lang), lang) for n, m in enumerate(d.trace, 1)])
        if d.warnings:
            p.items(_z(lang, "注意", "warnings"), [_mark("⚠", m.get(lang), lang) for m in d.warnings], style="yellow")
        if d.blocked is not None:
            p.items(_z(lang, "怎么办", "what to do"), [d.blocked.todo.get(lang)])
        if d.next_steps:
            p.items(_z(lang, "下一步", "next steps"), [_mark("•", m.get(lang), lang) for m in d.next_steps])
        if d.filing_type and d.filing_type not in shown_types:
            shown_types.add(d.filing_type)
            _render_process(p, d)
    if no_subject and any(r["decision"] is not None for r in results):
        _render_situations(p, profile)
    p.flush()


def _headline(d: Any, text: str, lang: str) -> list[tuple[str, str]]:
    ok = d.outcome in ("file", "already-filed")
    head = [("✓ " if ok else "✗ ", "bold green" if ok else "bold red"), (text, "bold")]
    if d.outcome == "file":
        rest = _z(lang, f"  可以备案：{d.filing_type_name.zh}", f"  can be filed: {d.filing_type_name.en}")
    elif d.outcome == "already-filed":
        rest = _z(lang, "  已备案并已在本接入商接入", "  already filed and accessed here")
    else:
        rest = _z(lang, f"  不能备案（{d.blocked.code}）：{d.blocked.reason.zh}",
                  f"  cannot be filed ({d.blocked.code}): {d.blocked.reason.en}")
    return [*head, (rest, "")]


def _render_process(p: _Printer, d: Any) -> None:
    from beiancli.rules import process

    lang = p.lang
    name = d.filing_type_name.get(lang)
    rows = []
    for n, s in enumerate(process.steps(d.province), 1):
        dur = s.duration().get(lang)
        head = _mark(f"{n}.", s.name.get(lang), lang) + (f" — {dur}" if dur != "—" else "")
        rows.append(head + _z(lang, "：", ": ") + s.detail.get(lang))
    p.items(_z(lang, f"流程与时长（{name}）", f"steps and durations ({name})"), rows)
    names = _materials(d.filing_type, d.nature, d.province, lang)
    p.field(_z(lang, "所需材料", "materials"), _z(lang, "；", "; ").join(names))


def _render_situations(p: _Printer, profile: Any) -> None:
    """A small two-column table: each other situation of §1.5 and what it leads to at this provider."""
    from beiancli.rules import filing_type
    from beiancli.term import width as cells

    lang = p.lang
    pname = profile.name.get(lang)
    rows = []
    for s in filing_type.situations(profile.id):
        if s.filing_type_name is not None:
            result = f"{s.filing_type_name.get(lang)} ({s.filing_type})"
        elif s.outcome == "already-filed":
            result = _z(lang, "无需备案：变更 / 注销 / 取消接入", "nothing to file: change / cancel / cancel access")
        else:
            result = _z(lang, "不能备案：", "blocked: ") + str(s.code)
        rows.append((s.situation.get(lang), result))
    head = (_z(lang, "情况", "situation"), _z(lang, "结果", "result"))
    width = max(cells(a) for a, _ in [head, *rows])
    p.line()
    p.line(_z(lang, f"其他情况会是什么类型（{pname}；用 --subject 按你的主体判断）",
              f"What other situations lead to ({pname}; use --subject to decide for your subject)"), style="bold")
    fits = 2 + width + 2 + max(cells(b) for _, b in [head, *rows]) <= p.columns
    for n, (a, b) in enumerate([head, *rows] if fits else rows):
        style = "dim" if n == 0 and fits else ""
        if fits:
            p.line(a + " " * (width - cells(a)) + "  " + b, 2, style)
        else:  # too narrow for two columns: the result goes under its situation
            p.line(a, 2, style)
            p.line("→ " + b, 4, style)
