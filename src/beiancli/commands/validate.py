"""Lint filing drafts before they are submitted: files, directories (every *.toml inside, history and config
files skipped) and globs. Never prompts. Every finding has file, line, field path, rule id, severity and a
suggestion; personal data is masked.

Exit codes: 0 no finding reaches --fail-on · 1 findings reach it · 2 bad flags · 3 a path does not exist.
Settings may also come from beian.toml or [tool.beian] in pyproject.toml: select, ignore, fail_on, format,
and a [severity] table (rule id or name = "error" | "warning" | "info" | "off").

Examples:
  beian validate drafts/
  beian validate drafts/*.toml --ignore BA303 --fail-on warning
  beian validate drafts/ --format sarif --output beian.sarif
  beian validate site.toml --select person,BA201 --lang zh
"""

from __future__ import annotations

from pathlib import Path

from beiancli.commands import _common as c
from beiancli.commands._common import begin

FORMATS = ("text", "json", "github", "sarif", "junit", "auto")

# No Typer here: a plain `beian validate PATH...` runs through cli.fast_parse (see check_domain.py).
OPTS = c.COMMON.merged({
    "paths": c.Opt((), "args", "Draft files, directories or globs.", "PATH..."),
    "format": c.Opt(("--format", "-f"), "str",
                    "Report format (default: config, else auto = github under GitHub Actions, else text).",
                    "|".join(FORMATS)),
    "output": c.Opt(("--output", "-o"), "path", "Write the report to FILE; a summary still goes to the terminal.", "FILE"),
    "select": c.Opt(("--select",), "list", "Only these rules: ids, names or families (repeatable or comma-separated).",
                    "RULES"),
    "ignore": c.Opt(("--ignore",), "list", "Skip these rules: ids, names or families (repeatable or comma-separated).",
                    "RULES"),
    "fail_on": c.Opt(("--fail-on",), "str", "Lowest severity that makes the exit code 1 (default: error).",
                     "error|warning|never"),
    "jobs": c.Opt(("--jobs", "-j"), "int", "Worker processes (default: one per core for more than 200 files).", "N"),
})
FAST = OPTS.fast_spec("paths", "format", "output", "select", "ignore", "fail_on", "jobs", "history", "lang", "show_pii")


def run(
    paths: OPTS.paths,
    format: OPTS.format = None,
    output: OPTS.output = None,
    select: OPTS.select = None,
    ignore: OPTS.ignore = None,
    fail_on: OPTS.fail_on = None,
    jobs: OPTS.jobs = None,
    history: OPTS.history = None,
    lang: OPTS.lang = None,
    show_pii: OPTS.show_pii = False,
) -> int:
    from beiancli import batch, clock, render
    from beiancli.errors import InputError, UsageError
    from beiancli.i18n import Msg
    from beiancli.rules import registry

    out, settings = begin(
        lang=lang, show_pii=show_pii, history=history, format=format, fail_on=fail_on,
        select=_split(select), ignore=_split(ignore),
    )
    fmt = settings.format
    if fmt not in FORMATS:
        raise UsageError(Msg(f"--format 只能是 {'、'.join(FORMATS)}（收到 {fmt!r}）", f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})"))
    if fmt == "auto":
        import os

        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if settings.fail_on not in ("error", "warning", "never"):
        raise UsageError(Msg(f"--fail-on 只能是 error、warning 或 never（收到 {settings.fail_on!r}）",
                             f"--fail-on must be error, warning or never (got {settings.fail_on!r})"))
    if jobs is not None and jobs < 1:
        raise UsageError(Msg("--jobs 至少为 1", "--jobs must be at least 1"))

    rules = registry.select_rules(settings.select, settings.ignore)
    registry.severity_overrides(settings.severity)  # a bad [severity] table is a usage error before any work
    files, missing = batch.discover(paths)
    if missing:
        names = ", ".join(missing)
        raise InputError(Msg(f"路径不存在：{names}", f"no such file, directory or matching glob: {names}"))
    explicit = {str(Path(p)) for p in paths if Path(p).is_file()}

    hist = _history(history, settings)
    all_ids = len(rules) == len(registry.RULES)
    opts = batch.Options(
        today=clock.today(),
        rules=() if all_ids else tuple(r.id for r in rules),
        severity=dict(settings.severity),
        provider=None,
    )
    results = batch.lint_files([(f, f in explicit) for f in files], hist, opts, workers=jobs)
    report = render.Report(results, lang=out.lang, show_pii=settings.show_pii, fail_on=settings.fail_on)
    module = render.get(fmt)
    text = module.render(report, color=out.color()) if fmt == "text" and output is None else module.render(report)

    if output is not None:
        from beiancli.pii import scrub
        from beiancli.store import atomic_write

        atomic_write(output, (text if settings.show_pii else scrub(text)).encode("utf-8"), private=False)
        from beiancli.render.text import summary_line

        out.stream.write(f"{summary_line(report)} → {output}\n")
    else:
        out.stream.write(text)
    out.stream.flush()
    return 1 if report.failed() else 0


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


def _history(flag: Path | None, settings):
    """The history the consistency rules compare with: --history (must exist), else the configured or
    default file when it exists, else none."""
    from beiancli import store

    if flag is not None:
        return store.load_history(Path(flag), missing_ok=False, records_first=True)
    path = settings.history_path()
    return store.load_history(path, missing_ok=False, records_first=True) if path.is_file() else None
