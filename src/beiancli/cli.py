"""The `beian` command line: every command registered explicitly, and `main()`, which owns the exit codes.

Exit codes: 0 ok · 1 findings / a domain that cannot be filed · 2 usage error · 3 unreadable input ·
130 interrupted · 70 internal error (a bug: please report it).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from beiancli import __version__

EXIT_INTERNAL = 70

HELP = """\
ICP filing assistant (ICP备案助手): check a domain, pick the filing type, prepare and lint drafts,
track deadlines. Offline; personal data is masked in all output.

Start with:  beian check-domain example.com
"""

# Every command, registered explicitly in the order a user meets them (DESIGN §1):
# name -> (module under beiancli.commands, one-line help). A command's module is imported only when that
# command runs (or its own --help is asked for), so `beian --help` and `beian check-domain` pay only for
# what they use (benchmarks/startup.sh). A module exposes `run` (its docstring is the command's help) or,
# for a command group, a Typer `app`.
COMMANDS: dict[str, tuple[str, str]] = {
    "check-domain": ("check_domain", "Which filing type a domain needs, and can it be filed at all. 检查域名与备案类型"),
    "new": ("new", "Guided first filing / access filing, with the material checklist. 新建备案向导"),
    "add-site": ("add_site", "Add a website to a subject that is already filed. 新增网站"),
    "change": ("change", "Change subject or website data of a filing. 变更备案"),
    "cancel": ("cancel", "Cancel a subject, a website, or the access at this provider. 注销 / 取消接入"),
    "status": ("status", "Where each filing is, what is due next and by when. 备案进度与期限"),
    "validate": ("validate", "Lint filing drafts (files, directories, globs) — for CI and pre-commit. 检查草稿"),
    "rules": ("rules", "List the lint rules, or explain one (beian rules BA101). 规则说明"),
    "checklist": ("checklist", "Which materials a filing needs, and what each must look like. 材料清单"),
    "subject": ("subject", "The subjects and sites already filed (the history the decisions use). 已备案主体"),
    "schema": ("schema", "Print the JSON Schema of a draft or the history file (for editors). 输出 JSON Schema"),
}


def load_command(name: str):
    """The Click command for `name`, built from its module (imported now, not at start-up)."""
    import importlib

    import typer

    module_name, short = COMMANDS[name]
    module = importlib.import_module(f"beiancli.commands.{module_name}")
    doc = help_text(module.__doc__ or short)
    if hasattr(module, "app"):
        command = typer.main.get_command(module.app)
        command.help = doc
    else:
        single = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
        single.command(name, help=doc)(module.run)
        command = typer.main.get_command(single)
    command.name = name
    command.short_help = short
    return command


def help_text(doc: str) -> str:
    """A command's docstring as Click help: paragraphs with indented lines (examples, tables) are kept
    verbatim (Click's `\\b` marker) instead of being re-wrapped into one line."""
    import inspect

    paragraphs = inspect.cleandoc(doc).split("\n\n")
    kept = [("\b\n" + p) if any(line.startswith("  ") for line in p.splitlines()) and not p.startswith("\b") else p
            for p in paragraphs]
    return "\n\n".join(kept)


_APP: Any = None


def app() -> Any:
    """The Typer app (built on first use: Typer costs ~50 ms to import, which the fast path below skips)."""
    global _APP
    if _APP is not None:
        return _APP
    import typer

    class LazyGroup(typer.core.TyperGroup):
        def list_commands(self, ctx):  # type: ignore[no-untyped-def]
            return list(COMMANDS)

        def get_command(self, ctx, cmd_name):  # type: ignore[no-untyped-def]
            return load_command(cmd_name) if cmd_name in COMMANDS else None

        def format_commands(self, ctx, formatter):  # type: ignore[no-untyped-def]
            """The command list of `beian --help`, from the table above: no command module is imported."""
            with formatter.section("Commands"):
                formatter.write_dl([(name, short) for name, (_, short) in COMMANDS.items()])

    def version(value: bool) -> None:
        if value:
            sys.stdout.write(f"beiancli {__version__}\n")
            raise typer.Exit(0)

    new = typer.Typer(
        name="beian",
        help=HELP,
        cls=LazyGroup,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": HELP_OPTIONS, "max_content_width": 100},
    )

    @new.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", "-V", callback=version, is_eager=True, help="Print the version and exit."
        ),
    ) -> None:
        """ICP filing assistant (ICP备案助手)."""

    _APP = new
    return new


HELP_OPTIONS = ["-h", "--help"]


# -- the fast path ----------------------------------------------------------------------------------------
# `beian check-domain example.com` is the command everybody runs first, and Typer's import alone is a third of
# its start-up (benchmarks/startup.sh). A command module may declare FAST (`Options.fast_spec` in _common: its
# positional parameter and which options) for its everyday command lines; `fast_parse` reads exactly those and
# otherwise gives up, so that Typer parses everything else and owns every usage error and --help.
# tests/test_fast_path.py checks, over generated command lines, that whatever fast_parse accepts Typer parses to
# the same parameters, and that FAST names exactly the command's Typer options.
FAST_COMMANDS = {"check-domain": "check_domain", "validate": "validate"}


def fast_parse(args: Sequence[str], spec: dict[str, Any]) -> dict[str, Any] | None:
    """The parameters of a plain command line (`ARG... [--opt VALUE | --opt=VALUE | --flag]...`), or None for
    anything else: help, `--`, an unknown option, a repeated option (but for list options, which collect),
    a value that looks like an option, an integer that is not plain digits, no positional argument. None is
    not an error: Typer then parses the same line."""
    options, flags, kinds = spec["options"], spec["flags"], spec["kinds"]
    params: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in flags and not eq:
            dest, kind, value = flags[name], "bool", True
        elif name in options:
            if not eq:
                if i >= len(args) or args[i].startswith("-"):
                    return None
                value = args[i]
                i += 1
            dest = options[name]
            kind = kinds[dest]
        else:
            return None
        if kind == "list":
            params.setdefault(dest, []).append(value)
            continue
        if dest in params:
            return None
        if kind == "int":
            if not (value.isascii() and value.isdigit()):
                return None
            value = int(value)
        elif kind == "path":
            from pathlib import Path

            value = Path(value)
        params[dest] = value
    if not positional:
        return None
    params[spec["arguments"]] = positional
    return params


def _fast(args: list[str]) -> Any:
    """The command function and its parameters when this command line can skip Typer, else None."""
    import os

    if not args or args[0] not in FAST_COMMANDS or "_BEIAN_COMPLETE" in os.environ:
        return None
    import importlib

    module = importlib.import_module(f"beiancli.commands.{FAST_COMMANDS[args[0]]}")
    params = fast_parse(args[1:], module.FAST)
    return None if params is None else (module.run, params)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code (tests call this; `main` exits with it)."""
    from beiancli.errors import EXIT_INTERRUPTED, EXIT_USAGE, BeianError
    from beiancli.output import current

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        fast = _fast(args)
        if fast is not None:
            function, params = fast
            return function(**params)
        return _run_typer(args)
    except _Usage as exc:
        # Click's own usage errors echo what was typed ("unexpected extra argument (13800138000)"): they go
        # through the same scrubber as every other output.
        from beiancli.pii import ScrubbingWriter

        exc.error.show(file=sys.stderr if "--show-pii" in args else ScrubbingWriter(sys.stderr))
        return EXIT_USAGE if exc.error.exit_code in (1, 2) else exc.error.exit_code
    except _Exit as exc:
        return exc.code
    except KeyboardInterrupt:
        _interrupted()
        return EXIT_INTERRUPTED
    except BeianError as exc:
        out = current()
        out.error(exc.render(out.lang), exc.render_hint(out.lang))
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:
        import os

        if type(exc).__name__ == "ValidationError" and type(exc).__module__.startswith("pydantic"):
            # Files are checked with their line (store.SchemaError); what reaches here is a value given as a
            # flag or an answer that the model refuses (too long, a control character): a usage error.
            out = current()
            out.error(_invalid_values(exc, out.lang))
            return EXIT_USAGE
        if os.environ.get("BEIAN_DEBUG"):
            raise
        out = current()
        out.error(
            out.t(
                _INTERNAL,
                kind=type(exc).__name__,
            ),
            out.t(_INTERNAL_HINT),
        )
        return EXIT_INTERNAL


class _Usage(Exception):
    def __init__(self, error: Any) -> None:
        self.error = error


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _run_typer(args: list[str]) -> int:
    """Typer parses and runs the command line; its own exceptions become ours (Typer 0.28 vendors Click as
    typer._click, pinned in pyproject.toml; Exit/Abort are Typer's own)."""
    import typer
    from typer._click.exceptions import ClickException
    from typer.exceptions import Abort, Exit

    try:
        command = typer.main.get_command(app())
        rv = command.main(args=args, prog_name="beian", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except Exit as exc:
        raise _Exit(exc.exit_code) from None
    except Abort:
        raise KeyboardInterrupt from None
    except ClickException as exc:
        raise _Usage(exc) from None


def _invalid_values(exc: Any, lang: str) -> str:
    from beiancli.store import problems_text

    head = "取值无效" if lang == "zh" else "invalid value"
    return f"{head} — " + problems_text(exc, lang, fields=True)


def _interrupted() -> None:
    from beiancli.i18n import Msg
    from beiancli.output import current

    out = current()
    out.note(Msg("已中断", "interrupted"))


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


from beiancli.i18n import Msg  # noqa: E402 - tiny, after the app on purpose

_INTERNAL = Msg("beiancli 内部错误（{kind}）。这是一个缺陷，请报告。", "internal error in beiancli ({kind}). This is a bug; please report it.")
_INTERNAL_HINT = Msg("设置 BEIAN_DEBUG=1 后重新运行可查看详细信息。", "Rerun with BEIAN_DEBUG=1 to see the details.")


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":  # pragma: no cover
    main()
