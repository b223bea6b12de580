"""Linting files: find the drafts among the paths a user gives, load each one, run the rules, and put every
finding on its file and line. `beian validate`, the pre-commit hook and the benchmark all come through here.

- `discover(args)`: files, directories (recursively `*.toml`) and globs -> draft files, in a stable order.
  History files are skipped (by name `history.toml`, and by content: a `subjects` array and no `subject`
  table); in directory scans so are project config files and TOML files with none of a draft's keys.
- `lint_file(path, ...)`: a file that is not UTF-8 / not TOML is one BA000 finding with its line; a schema
  problem is one BA002 finding per field; otherwise the rules run. Never raises for bad input.
- `lint_files(paths, ...)`: the same over many files, on every core when the batch is large
  (`PARALLEL_THRESHOLD`), results in input order.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beiancli import store
from beiancli.errors import InputError
from beiancli.i18n import Msg
from beiancli.rules.base import Finding, Severity

if TYPE_CHECKING:
    from beiancli.models import History

PARALLEL_THRESHOLD = 200
"""Above this many files, lint in a process pool (one worker per core)."""
CHUNK = 100
"""Files per task: small enough that the workers finish together (a 10,000-file batch is 100 tasks)."""

SKIP_NAMES = {"history.toml", "pyproject.toml", "beian.toml"}
DRAFT_KEYS = {"schema_version", "filing_type", "subject", "websites", "materials", "provider", "province"}


@dataclass(frozen=True)
class Options:
    """How to lint: picklable, so worker processes get the same settings."""

    today: dt.date
    rules: tuple[str, ...] = ()
    """Rule ids to run (already resolved from --select/--ignore); () = all."""
    severity: Mapping[str, str] = field(default_factory=dict)
    provider: str | None = None


@dataclass(frozen=True)
class Located:
    """A finding on a file: the rule's finding plus where it lands."""

    file: str
    line: int | None
    finding: Finding

    @property
    def rule_id(self) -> str:
        return self.finding.rule_id

    @property
    def path(self) -> str:
        return self.finding.path

    @property
    def severity(self) -> Any:
        return self.finding.severity


@dataclass
class FileResult:
    file: str
    findings: list[Located] = field(default_factory=list)
    skipped: Msg | None = None
    """Why the file was not linted (a history file, not a draft)."""


# -- finding the files ---------------------------------------------------------------------------------

_GLOB_CHARS = set("*?[")


def discover(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """(files to lint, arguments that matched nothing). Explicit files are kept whatever their name;
    directories and globs contribute `*.toml` files that are not history or config files. Files are
    strings spelled as `str(Path(...))` would (a batch of 10,000 paths spent ~50 ms making Path objects)."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for arg in args:
        p = Path(arg)
        if p.is_file():
            add(str(p))
        elif p.is_dir():
            for f in _walk(p):
                add(f)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            hits = [str(Path(m)) for m in matches if Path(m).is_file() and m.endswith(".toml")]
            for m in matches:
                if Path(m).is_dir():
                    hits.extend(_walk(Path(m)))
            if not hits:
                missing.append(arg)
            for h in hits:
                add(h)
        else:
            missing.append(arg)
    return files, missing


def _walk(root: Path) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(str(root)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        out.extend(
            os.path.join(dirpath, name)
            for name in sorted(filenames)
            if name.endswith(".toml") and name not in SKIP_NAMES and not name.startswith(".")
        )
    return out


def is_history(data: Mapping[str, Any]) -> bool:
    return isinstance(data.get("subjects"), list) and "subject" not in data


# -- one file --------------------------------------------------------------------------------------------

def lint_file(
    path: Path, history: History | None, opts: Options, *, explicit: bool = True
) -> FileResult:
    from beiancli.rules import registry

    name = str(path)
    try:
        loaded = store.read_toml(path, what=store.DRAFT)
    except InputError as exc:
        loc = exc.location
        detail = exc.message if isinstance(exc.message, Msg) else Msg(str(exc.message), str(exc.message))
        f = Finding("BA000", "", {"detail": detail}, Severity.ERROR)
        return FileResult(name, _filter_off([Located(name, loc.line if loc else None, f)], opts))
    if is_history(loaded.data):
        return FileResult(name, skipped=Msg("备案历史文件，跳过", "a history file, skipped"))
    if not explicit and not (DRAFT_KEYS & set(loaded.data)):
        return FileResult(name, skipped=Msg("不是备案草稿，跳过", "not a draft, skipped"))
    try:
        draft = store.validate(loaded, "draft", records_first=True)
    except store.SchemaError as exc:
        found = []
        for p in exc.problems:
            f = Finding("BA002", p.field, {"field": p.field, "detail": p.message}, Severity.ERROR)
            found.append(Located(name, p.line, f))
        return FileResult(name, _filter_off(found, opts))
    except InputError as exc:  # e.g. written by a newer beiancli
        loc = exc.location
        detail = exc.message if isinstance(exc.message, Msg) else Msg(str(exc.message), str(exc.message))
        f = Finding("BA000", (loc.field or "") if loc else "", {"detail": detail}, Severity.ERROR)
        return FileResult(name, _filter_off([Located(name, loc.line if loc else None, f)], opts))
    rules = _rules(opts.rules)
    findings = registry.lint(
        draft,
        history,
        today=opts.today,
        severity=opts.severity,
        provider=opts.provider,
        base_dir=path.parent,
        rules=rules,
    )
    return FileResult(name, [Located(name, _line(loaded, f.path), f) for f in findings])


def _line(loaded: Any, path: str) -> int | None:
    """The line of a field path; a field that is not in the file at all (a missing top-level key) is put on
    line 1 so CI annotations still land on the file."""
    if not path:
        return None
    return loaded.line_of(path) or 1


def _rules(ids: tuple[str, ...]) -> Any:
    from beiancli.rules import registry

    if not ids:
        return registry.RULES
    if _selected[0] != (ids, registry.RULES):  # one tuple per batch, not per file (registry.lint keys on it)
        wanted = set(ids)
        _selected[:] = [(ids, registry.RULES), tuple(r for r in registry.RULES if r.id in wanted)]
    return _selected[1]


_selected: list[Any] = [None, ()]


def _filter_off(found: list[Located], opts: Options) -> list[Located]:
    """Loader findings (BA000/BA002) honour --select/--ignore and severity overrides like rule findings."""
    from beiancli.rules.registry import severity_overrides

    levels = severity_overrides(opts.severity)
    out = []
    for loc in found:
        rid = loc.finding.rule_id
        if opts.rules and rid not in opts.rules:
            continue
        if rid in levels:
            if levels[rid] is None:
                continue
            f = loc.finding
            loc = Located(loc.file, loc.line, Finding(f.rule_id, f.path, f.data, levels[rid]))
        out.append(loc)
    return out


# -- many files ------------------------------------------------------------------------------------------

_worker_state: dict[str, Any] = {}


def _warm_up() -> None:
    """Import and prime what every worker needs before forking, so each worker does not pay for it again:
    the record reader, the rules, the rule data and python-stdnum's county table. (pydantic is not among
    them: a worker imports it only for a draft that is not plainly valid, see records.py.)"""
    from beiancli import ids, records
    from beiancli.rules import (
        materials,
        provinces,
        registry,  # noqa: F401
    )

    records.reader()
    ids.check_resident_id("110105198801014568")
    materials.item_index()
    provinces.rows()
    for name in ("fields", "naming", "certificates"):
        from beiancli.rules.data import load

        load(name)


def _init_worker(history: History | None, opts: Options) -> None:
    _worker_state["history"] = history
    _worker_state["opts"] = opts


def _lint_chunk(chunk: list[tuple[str, bool]]) -> list[FileResult]:
    h, o = _worker_state["history"], _worker_state["opts"]
    return [lint_file(Path(p), h, o, explicit=e) for p, e in chunk]


def lint_files(
    files: Iterable[tuple[Path | str, bool]],
    history: History | None,
    opts: Options,
    *,
    workers: int | None = None,
) -> list[FileResult]:
    """Lint `(path, explicitly named)` pairs; results in input order. `workers=None`: one per core when
    there are more than PARALLEL_THRESHOLD files, else in this process."""
    items = [(str(p), e) for p, e in files]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(items) > PARALLEL_THRESHOLD else 1
    if workers <= 1 or len(items) <= 1:
        return [lint_file(Path(p), history, opts, explicit=e) for p, e in items]
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up()
    # fork (where there is one) starts workers with everything already imported: no second start-up cost.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(1, min(CHUNK, -(-len(items) // (workers * 4))))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    results: list[FileResult] = []
    # Everything imported and loaded so far is shared with the forked workers; frozen, the workers' garbage
    # collector does not walk it (and so does not copy its pages), ~5% less CPU in a 10,000-draft batch.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(history, opts)) as pool:
            for part in pool.map(_lint_chunk, chunks):
                results.extend(part)
    finally:
        gc.unfreeze()
    return results
