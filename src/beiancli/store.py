"""Drafts and the history file on disk: TOML in, TOML out, atomic, private.

- Drafts live in `<data dir>/drafts/<name>.toml` (settings.drafts_dir) or at any explicit path.
- Writes are atomic: a temp file in the same directory, fsync, rename, fsync of the directory. A crash or
  Ctrl-C leaves either the old file or the new one, never half of one. The rename replaces a symlink planted
  at the destination instead of writing through it.
- Files are 0600; the directories beiancli owns are 0700 (an existing looser file or directory is tightened).
- Loading never raises anything but `InputError` (exit 3): missing file, not UTF-8, not TOML (with line and
  column), does not fit the schema (with field path and line), written by a newer beiancli.
- `schema_version` is checked on load; an older file is migrated in memory (`MIGRATIONS`) and rewritten only
  when it is saved.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beiancli import tomlcompat
from beiancli.errors import InputError, Location, UsageError
from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import Draft, History

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A draft or history file is a few KB; anything above this is refused before parsing."""

FILE_MODE = 0o600
DIR_MODE = 0o700

# schema_version N -> function turning a version-N document (a dict) into version N+1.
MIGRATIONS: dict[str, dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {"draft": {}, "history": {}}

MAX_NAME_BYTES = 200
"""A draft name's limit in UTF-8 bytes: with `.toml` it stays within the 255 bytes most file systems allow
(100 Chinese characters are 300 bytes)."""
_NAME_RE = re.compile(r"^[^/\\\x00-\x1f]{1,100}$")


# -- names and paths ------------------------------------------------------------------------------------

def check_name(name: str) -> str:
    """A draft name: no path separators, no `..`, no leading dot, no control characters, ≤100 characters and
    ≤200 bytes. A NAME never leaves the drafts directory; a path is given as a path (see `resolve_draft`)."""
    bad = (
        not _NAME_RE.match(name or "")
        or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES
        or name in (".", "..")
        or ".." in name
        or name.startswith(".")
        or name != name.strip()
    )
    if bad:
        raise UsageError(
            Msg(
                f"草稿名称无效：{name!r}。名称不能包含 / \\ 或 ..，不能以点开头，最多 100 个字符；要使用任意位置的文件，请给出以 .toml 结尾的路径（向导保存时用 --output PATH）",
                f"invalid draft name {name!r}: a name has no '/', '\\' or '..', does not start with a dot and "
                "has at most 100 characters; to use a file anywhere, give a path ending in .toml (when a wizard saves: "
                "--output PATH)",
            )
        )
    return name


def safe_name(text: str) -> str:
    """A valid draft name made from any text (a domain, a subject's name or number) for a name the wizard
    derives itself: separators, '..' and control characters become '-', no leading dot, at most 90
    characters (room for the '-2' that `choose_path` may add)."""
    s = re.sub(r"[/\\\x00-\x1f\x7f]", "-", text or "")
    s = re.sub(r"\.{2,}", "-", s)[:90]
    while len(s.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES - 10:
        s = s[:-1]
    while s != s.strip().lstrip("."):
        s = s.strip().lstrip(".")
    return s or "draft"


def draft_path(name: str) -> Path:
    from beiancli.settings import drafts_dir

    base = name[:-5] if name.endswith(".toml") else name
    return drafts_dir() / f"{check_name(base)}.toml"


def resolve_draft(ref: str) -> Path:
    """A draft reference: a path (contains a separator, or an existing `*.toml` file) or a draft name."""
    if "/" in ref or "\\" in ref:
        return Path(ref).expanduser()
    if ref.endswith(".toml"):
        here = Path(ref)
        if here.exists():
            return here
        named = draft_path(ref)
        return named if named.exists() else here
    return draft_path(ref)


def draft_name_of(path: Path) -> str:
    return path.name[:-5] if path.name.endswith(".toml") else path.name


def list_drafts() -> list[Path]:
    from beiancli.settings import drafts_dir

    d = drafts_dir()
    if not d.is_dir():
        return []
    return sorted(p for p in d.glob("*.toml") if p.is_file() and not p.name.startswith("."))


# -- private directories and atomic writes -------------------------------------------------------------

def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) 0700; tighten it if it exists with group/other access."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & ~0o077 | DIR_MODE)


def _owned_dirs() -> list[Path]:
    from beiancli.settings import config_dir, drafts_dir, home

    return [home(), drafts_dir(), config_dir()]


def refuse_planted_links(path: Path) -> None:
    """Refuse to write through a symbolic link planted inside the data directory.

    A directory under the data home (`drafts/`, or any folder on the way to `path`) that is a symbolic link
    would send a draft, the history or a lock file somewhere else — and the 0700 tightening with it. That
    is refused with a clear error (InputError, exit 3). The data home itself may be a link: that is where
    the user (BEIAN_HOME, platformdirs) put it. A link at the file itself is not followed either: the atomic
    rename replaces the link, never the file it points to; a lock file that is a link is refused (`locked`).
    """
    from beiancli.settings import home

    base = Path(os.path.abspath(home()))
    parent = Path(os.path.abspath(Path(path).parent))
    try:
        rel = parent.relative_to(base)
    except ValueError:
        return
    cur = base
    for part in rel.parts:
        cur = cur / part
        if cur.is_symlink():
            raise _link_error(cur)


def _link_error(link: Path) -> InputError:
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    return InputError(
        Msg(f"{link} 是指向 {target} 的符号链接；beiancli 不会通过这里的符号链接写入（以免写到别处）",
            f"{link} is a symbolic link to {target}; beiancli does not write through symbolic links here "
            "(the data would land elsewhere)"),
        hint=Msg("删除该链接（或换成真实的目录 / 文件）后重试；要把数据放在别处，请设置 BEIAN_HOME",
                 "remove the link (or replace it with a real directory or file) and retry; to keep the data "
                 "elsewhere, set BEIAN_HOME"),
    )


def atomic_write(path: Path, data: bytes, *, private: bool = True) -> None:
    """Write `data` to `path` so that readers only ever see the old or the new content.

    A file that cannot be written (a missing or read-only directory, a full disk, a name too long for the
    file system) is an `InputError` naming the file (exit 3), not a crash; the old file is left as it was.
    """
    path = Path(path)
    refuse_planted_links(path)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        _write_replace(path, parent, data, private)
    except OSError as exc:
        raise InputError(
            Msg(f"无法写入：{exc.strerror or exc}", f"cannot write the file: {exc.strerror or exc}"),
            location=Location(file=str(path)),
        ) from None


def _write_replace(path: Path, parent: Path, data: bytes, private: bool) -> None:
    owned = [d for d in _owned_dirs() if _same(parent, d) or _inside(parent, d)]
    if owned:
        for d in sorted(set(owned), key=lambda p: len(p.parts)):  # the data home first, then below it
            ensure_private_dir(d)
        ensure_private_dir(parent)
    else:
        parent.mkdir(parents=True, exist_ok=True)
    # The temp name is short whatever the target's (a long name must not overflow the file system's limit).
    import tempfile  # only writers need it (~3 ms of start-up)

    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name[:24]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE if private else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _inside(child: Path, parent: Path) -> bool:
    try:
        return child.resolve().is_relative_to(parent.resolve())
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


# -- reading --------------------------------------------------------------------------------------------

@dataclass
class Loaded:
    """A parsed TOML document with what is needed to point at its lines."""

    path: Path
    text: str
    data: dict[str, Any]

    _lines: dict[str, int] | None = None

    def line_of(self, field: str) -> int | None:
        from beiancli.tomlpos import field_lines, line_of

        if self._lines is None:
            self._lines = field_lines(self.text)
        return line_of(self._lines, field)


def read_toml(path: Path, *, what: Msg = Msg("文件", "file")) -> Loaded:
    path = path if isinstance(path, Path) else Path(path)
    loc = Location(file=str(path))
    # One open, one fstat and one read (a batch reads thousands of drafts); a directory is told apart only
    # when opening fails (Linux: IsADirectoryError, Windows: PermissionError) or fstat says so.
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError
            size = st.st_size
            if size > MAX_FILE_BYTES:
                raise InputError(
                    Msg(
                        f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES}），不像是 beiancli 的{what.zh}",
                        f"file too large ({size} bytes, limit {MAX_FILE_BYTES}) to be a beiancli {what.en}",
                    ),
                    location=loc,
                )
            raw = fh.read()
    except FileNotFoundError:
        raise InputError(Msg("找不到文件", "file not found"), location=loc) from None
    except (IsADirectoryError, PermissionError) as exc:
        if path.is_dir():
            raise InputError(Msg(f"这是一个目录，不是{what.zh}", f"this is a directory, not a {what.en}"), location=loc) from None
        if isinstance(exc, PermissionError):
            raise InputError(Msg("没有读取权限", "permission denied"), location=loc) from None
        raise InputError(Msg(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}"), location=loc) from None
    except OSError as exc:
        raise InputError(Msg(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}"), location=loc) from None
    except ValueError:  # an embedded NUL character (os functions raise ValueError, not OSError)
        raise InputError(Msg("路径中含有 NUL 字符", "the path has a NUL character"), location=loc) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            Msg("不是 UTF-8 编码的文本（请以 UTF-8 保存）", "not UTF-8 text (save the file as UTF-8)"),
            location=Location(file=str(path), line=line, column=col),
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = tomlcompat.loads(text)
    except tomlcompat.TOMLDecodeError as exc:
        line, col, msg = tomlcompat.error_position(exc, text)
        raise InputError(
            Msg(f"TOML 语法错误：{msg}", f"TOML syntax error: {msg}"),
            location=Location(file=str(path), line=line, column=col),
        ) from None
    except (RecursionError, MemoryError):
        raise InputError(
            Msg("TOML 嵌套过深或过大，无法解析", "TOML nested too deeply or too large to parse"), location=loc
        ) from None
    return Loaded(path=path, text=text, data=data)


@dataclass(frozen=True)
class SchemaProblem:
    field: str
    line: int | None
    message: Msg
    type: str


class SchemaError(InputError):
    """The file is TOML but does not fit the schema. Carries every problem (field path + line)."""

    def __init__(self, path: Path, problems: list[SchemaProblem], what: Msg):
        self.path = path
        self.problems = problems
        first = problems[0]
        more = len(problems) - 1
        extra = Msg(f"（另有 {more} 处）", f" (and {more} more)") if more else Msg("", "")
        super().__init__(
            Msg(
                f"不是有效的 beiancli {what.zh}：{first.message.zh}{extra.zh}",
                f"not a valid beiancli {what.en}: {first.message.en}{extra.en}",
            ),
            location=Location(file=str(path), line=first.line, field=first.field),
        )

    def render(self, lang: str) -> str:
        lines = [super().render(lang)]
        for p in self.problems[1:20]:
            where = f"{self.path}:{p.line}" if p.line else str(self.path)
            lines.append(f"  {where}: {p.field}: {p.message.get(lang)}")
        return "\n".join(lines)


_PYDANTIC_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知字段（拼写错误？）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（如 2026-12-31）",
    "date_parsing": "应为日期（如 2026-12-31）",
    "date_from_datetime_parsing": "应为日期（如 2026-12-31）",
    "datetime_type": "应为日期时间（如 2026-09-25T10:00:00+08:00）",
    "datetime_parsing": "应为日期时间（如 2026-09-25T10:00:00+08:00）",
    "literal_error": "取值不在允许范围内",
    "list_type": "应为数组",
    "dict_type": "应为表（table）",
    "model_type": "应为表（table）",
    "model_attributes_type": "应为表（table）",
    "string_too_short": "不能为空",
    "string_too_long": "文本过长",
    "too_long": "项数过多",
    "string_pattern_mismatch": "格式不正确",
    "greater_than_equal": "数值过小",
    "value_error": "取值无效",
}


def schema_problems(exc: Any, loaded: Loaded) -> list[SchemaProblem]:
    from beiancli.tomlpos import loc_to_path

    problems = []
    for err in exc.errors(include_url=False):
        field = loc_to_path(err.get("loc", ())) or "(top level)"
        etype = err.get("type", "value_error")
        problems.append(SchemaProblem(field, loaded.line_of(field), problem_msg(err), etype))
    return problems


def problems_text(exc: Any, lang: str, *, fields: bool = False) -> str:
    """A pydantic ValidationError as one line in `lang`: each distinct problem (with its field path when
    `fields`), joined by "; " — for values typed as flags or answers, which have no file line."""
    from beiancli.tomlpos import loc_to_path

    parts = (
        (f"{loc_to_path(e.get('loc', ())) or '?'}: " if fields else "") + problem_msg(e).get(lang)
        for e in exc.errors(include_url=False)
    )
    return "; ".join(dict.fromkeys(parts))


def problem_msg(err: Mapping[str, Any]) -> Msg:
    """One pydantic error (an item of `ValidationError.errors()`) in both languages."""
    from beiancli.schema import NO_CONTROL

    etype = err.get("type", "value_error")
    en = err.get("msg", "invalid value")
    ctx = err.get("ctx") or {}
    if etype == "literal_error":
        return Msg(f"取值不在允许范围内，可选：{ctx.get('expected')}", en)
    if etype == "string_pattern_mismatch" and ctx.get("pattern") == NO_CONTROL:
        bad = next((c for c in str(err.get("input", "")) if not re.fullmatch(NO_CONTROL, c)), "\x00")
        code = f"U+{ord(bad):04X}"
        return Msg(f"含有控制字符 {code}，请删除", f"has a control character ({code}): remove it")
    zh = _PYDANTIC_ZH.get(etype, en)
    if etype == "value_error":
        zh = f"{zh}：{en.removeprefix('Value error, ')}"
    return Msg(zh, en)


def migrate(data: dict[str, Any], kind: str, path: Path) -> dict[str, Any]:
    """Bring a document to the current schema_version, or refuse one from a newer beiancli."""
    from beiancli.schema import SCHEMA_VERSION

    version = data.get("schema_version", SCHEMA_VERSION)
    if version == SCHEMA_VERSION or isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return data  # current (nothing to do), or wrong: the schema check reports it with its line
    if version > SCHEMA_VERSION:
        raise InputError(
            Msg(
                f"此文件由更新版本的 beiancli 写入（schema_version {version}，本版本支持 {SCHEMA_VERSION}）；请升级 beiancli：pip install -U beiancli",
                f"written by a newer beiancli (schema_version {version}; this one reads {SCHEMA_VERSION}); "
                "upgrade beiancli: pip install -U beiancli",
            ),
            location=Location(file=str(path), field="schema_version"),
        )
    steps = MIGRATIONS[kind]
    loc = Location(file=str(path), field="schema_version")
    while version < SCHEMA_VERSION:
        step = steps.get(version)
        if step is None:  # a missing migration is a bug caught by the tests; still no crash for the user
            raise InputError(Msg(f"无法从 schema_version {version} 迁移", f"no migration from schema_version {version}"),
                             location=loc)
        # A migration is written for well-formed files of its version; a damaged one may make it raise. That
        # is the file's problem, said as such (exit 3), not an internal error.
        try:
            data = step(copy.deepcopy(data))
        except Exception as exc:  # any failure of a migration on odd input
            data = exc
        if not isinstance(data, dict):
            raise InputError(
                Msg(f"无法从 schema_version {version} 迁移：内容不像是第 {version} 版的文件（请检查或重建此文件）",
                    f"cannot migrate from schema_version {version}: the content does not look like a version-{version} "
                    "file (check or recreate it)"),
                location=loc,
            ) from None
        version += 1
        data["schema_version"] = version
    return data


def validate(loaded: Loaded, kind: str, *, records_first: bool = False) -> Any:
    """The parsed document as a `models.Draft` / `models.History` (kind "draft" / "history"), or SchemaError.

    `records_first`: a plainly valid document comes back as the light records of records.py, with the same
    attributes and values, without importing pydantic (the linter's path: rules only read); anything else goes
    to pydantic, which accepts it with its conversions or says what is wrong."""
    data = migrate(loaded.data, kind, loaded.path)
    if records_first:
        from beiancli import records

        plain = records.read(kind, data)
        if plain is not None:
            return plain
    from pydantic import ValidationError

    from beiancli.models import Draft, History

    model = Draft if kind == "draft" else History
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise SchemaError(loaded.path, schema_problems(exc, loaded), DRAFT if kind == "draft" else HISTORY) from None
    except (RecursionError, MemoryError):
        raise InputError(Msg("内容嵌套过深", "content nested too deeply"), location=Location(file=str(loaded.path))) from None


DRAFT = Msg("备案草稿", "draft")
HISTORY = Msg("备案历史文件", "history file")


def load_draft(path: Path) -> Draft:
    return load_draft_doc(path)[0]


def load_draft_doc(path: Path) -> tuple[Draft, Loaded]:
    """The draft and its parsed text (for mapping findings to lines)."""
    loaded = read_toml(path, what=DRAFT)
    return validate(loaded, "draft"), loaded


def load_history(path: Path | None = None, *, missing_ok: bool | None = None, records_first: bool = False) -> History:
    """The history file. The default file may be missing (= nothing filed yet); an explicit one may not.
    `records_first`: see `validate` (for readers that only read it, like the linter)."""
    from beiancli.settings import default_history_path

    if path is None:
        path = default_history_path()
        missing_ok = True if missing_ok is None else missing_ok
    if missing_ok and not Path(path).exists():
        from beiancli.models import History

        return History()
    loaded = read_toml(Path(path), what=HISTORY)
    return validate(loaded, "history", records_first=records_first)


# -- writing --------------------------------------------------------------------------------------------

_ALWAYS = {"schema_version", "filing_type", "provider"}


def to_toml(model: Draft | History) -> str:
    """TOML for a draft or history: no nulls, no empty defaults, the keys that say what it is always present,
    and every list of tables written as `[[...]]` blocks (readable, diffable, and findings map to lines)."""
    full = model.model_dump(mode="python", exclude_none=True)
    lean = model.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    for key in _ALWAYS:
        if key in full:
            lean[key] = full[key]
    ordered = {k: lean[k] for k in full if k in lean}
    out: list[str] = []
    _emit_table(ordered, [], out)
    return "\n".join(out).lstrip("\n") + "\n"


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    import tomli_w

    return k if _BARE_KEY.match(k) else tomli_w.dumps({k: 1}).split(" = ", 1)[0]


def _value(v: Any) -> str:
    """One TOML value, formatted by tomli-w (strings escaped, dates and datetimes native). A table in a value
    position (an empty one, or one inside a free-form field such as `change.original`) is written inline:
    tomli-w would write it as a `[section]`, which is not a value."""
    import tomli_w

    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(x)}" for k, x in v.items()) + " }" if v else "{}"
    if isinstance(v, list) and any(isinstance(x, dict) for x in v):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return tomli_w.dumps({"v": v}).split(" = ", 1)[1].rstrip("\n")


def _is_aot(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _emit_table(table: dict[str, Any], path: list[str], out: list[str]) -> None:
    for k, v in table.items():
        if not (isinstance(v, dict) and v) and not _is_aot(v):
            out.append(f"{_key(k)} = {_value(v)}")
    for k, v in table.items():
        sub = [*path, _key(k)]
        if isinstance(v, dict) and v:
            out.extend(("", f"[{'.'.join(sub)}]"))
            _emit_table(v, sub, out)
        elif _is_aot(v):
            for item in v:
                out.extend(("", f"[[{'.'.join(sub)}]]"))
                _emit_table(item, sub, out)


def save_draft(draft: Draft, path: Path) -> Path:
    atomic_write(Path(path), to_toml(draft).encode("utf-8"))
    return Path(path)


def save_history(history: History, path: Path | None = None) -> Path:
    from beiancli.settings import default_history_path

    target = Path(path) if path else default_history_path()
    atomic_write(target, to_toml(history).encode("utf-8"))
    return target


@contextlib.contextmanager
def locked(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """An inter-process lock for read-modify-write of `path` (`<path>.lock` beside it)."""
    from filelock import FileLock, Timeout

    path = Path(path)
    refuse_planted_links(path)
    lock_path = Path(str(path) + ".lock")
    if lock_path.is_symlink():
        raise _link_error(lock_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=timeout, mode=FILE_MODE)
        lock.acquire()
    except Timeout:
        raise InputError(
            Msg(f"{path} 正被另一个 beiancli 进程使用，请稍后重试", f"{path} is in use by another beiancli process; retry"),
        ) from None
    except OSError as exc:  # a read-only directory, a lock file that is not a regular file, ...
        raise InputError(
            Msg(f"无法锁定 {path}：{exc.strerror or exc}", f"cannot lock {path}: {exc.strerror or exc}"),
            location=Location(file=str(lock_path)),
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def update_history(path: Path | None = None) -> Iterator[History]:
    """Read, let the caller modify, and atomically write the history — under the lock, so two processes
    updating it at once lose nothing."""
    from beiancli.settings import default_history_path

    target = Path(path) if path else default_history_path()
    refuse_planted_links(target)
    if any(_same(target.parent, d) for d in _owned_dirs()):
        ensure_private_dir(target.parent)
    with locked(target):
        history = load_history(target, missing_ok=True)
        yield history
        save_history(history, target)


@contextlib.contextmanager
def update_draft(path: Path) -> Iterator[Draft]:
    """Read-modify-write of one draft under its lock."""
    with locked(Path(path)):
        draft = load_draft(path)
        yield draft
        save_draft(draft, path)
