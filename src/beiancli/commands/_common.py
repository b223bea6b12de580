"""What every command shares: the common options and the start of a run (settings + output).

Command modules import only `typer`, `typing` and this module at top level; everything heavy is imported
inside the command function, so `beian --help` stays fast (benchmarks/startup.sh).

Options are declared as data (`Opt`, in an `Options` table) and become Typer's `Annotated[...]` types on first
use, because building those imports Typer. `check-domain` and `validate` refer to them in string annotations
(`lang: c.COMMON.lang`), which Typer evaluates only when it builds the command; their everyday command lines
run through cli.fast_parse, which reads the same tables, without Typer at all. The other commands import the
ready types (`LangOpt`, `JsonOpt`, ...) from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

KINDS = {"str": str | None, "bool": bool, "path": Path | None, "int": int | None, "list": list[str] | None,
         "args": list[str]}


class Opt(NamedTuple):
    """One option (or, kind "args", the positional arguments) of a command, as data."""

    flags: tuple[str, ...]
    kind: str  # a key of KINDS
    help: str
    metavar: str | None = None


class Options:
    """A command's options by parameter name. `table.NAME` is the Typer type of option NAME (built on first
    use); `table.fast_spec(...)` is what cli.fast_parse may read."""

    def __init__(self, options: dict[str, Opt]) -> None:
        self.options = options

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self.options:
            raise AttributeError(name)
        from typing import Annotated

        import typer

        o = self.options[name]
        if o.kind == "args":
            info = typer.Argument(metavar=o.metavar, help=o.help, show_default=False)
        else:
            info = typer.Option(*o.flags, metavar=o.metavar, help=o.help)
        value = Annotated[KINDS[o.kind], info]
        setattr(self, name, value)
        return value

    def fast_spec(self, *names: str) -> dict[str, Any]:
        """The command line cli.fast_parse may read: the positional parameter and these options."""
        opts = {n: self.options[n] for n in names}
        (arguments,) = [n for n, o in opts.items() if o.kind == "args"]
        return {
            "arguments": arguments,
            "options": {f: n for n, o in opts.items() if o.kind not in ("bool", "args") for f in o.flags},
            "flags": {f: n for n, o in opts.items() if o.kind == "bool" for f in o.flags},
            "kinds": {n: o.kind for n, o in opts.items()},
        }

    def merged(self, other: dict[str, Opt]) -> Options:
        return Options({**self.options, **other})


COMMON = Options({
    "lang": Opt(("--lang",), "str", "Output language (default: BEIAN_LANG, config `lang`, then LANG).", "zh|en"),
    "json_out": Opt(("--json",), "bool", "Print machine-readable JSON on stdout (stable keys; see README)."),
    "show_pii": Opt(("--show-pii",), "bool", "Show ID numbers, phone numbers and e-mail addresses unmasked."),
    "history": Opt(("--history",), "path",
                   "History of filed subjects and sites (default: the file `beian subject` keeps; env BEIAN_HISTORY).",
                   "FILE"),
    "provider": Opt(("--provider", "-p"), "str", "Access provider profile: tencent (default) or aliyun.", "NAME"),
    "subject": Opt(("--subject", "-s"), "str",
                   "The filing subject, found in the history by certificate number, subject ICP number or exact name.",
                   "X"),
})

_TYPES = {"LangOpt": "lang", "JsonOpt": "json_out", "ShowPiiOpt": "show_pii", "HistoryOpt": "history",
          "ProviderOpt": "provider", "SubjectOpt": "subject"}


def __getattr__(name: str) -> Any:
    """`from beiancli.commands._common import LangOpt` (PEP 562): the Typer type, built on first use."""
    if name in _TYPES:
        return getattr(COMMON, _TYPES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def begin(*, lang: str | None = None, show_pii: bool = False, json_mode: bool = False, **flags: Any):
    """Resolve settings (flags > env > project config > user config > defaults) and create the output.

    Returns `(out, settings)`.
    """
    from beiancli import settings as st
    from beiancli.errors import UsageError
    from beiancli.i18n import Msg, normalise_lang
    from beiancli.output import Out

    if lang is not None and normalise_lang(lang) is None:
        Out.create(json_mode=json_mode)
        raise UsageError(Msg(f"--lang 只能是 zh 或 en（收到 {lang!r}）", f"--lang must be zh or en (got {lang!r})"))
    out = Out.create(lang=lang, show_pii=show_pii, json_mode=json_mode)
    if "history" in flags and flags["history"] is not None:
        flags["history"] = str(flags["history"])
    settings = st.load({"lang": lang, "show_pii": True if show_pii else None, **flags})
    out = Out.create(lang=lang, config_lang=settings.lang, show_pii=settings.show_pii, json_mode=json_mode)
    return out, settings
