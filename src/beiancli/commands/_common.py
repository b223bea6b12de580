"""What every command shares: the common options and the start of a run (settings + output).

Command modules import only `typer`, `typing` and this module at top level; everything heavy is imported
inside the command function, so `beian --help` stays fast (benchmarks/startup.sh).

The option types (`LangOpt`, `JsonOpt`, ...) are built on first use (PEP 562 `__getattr__`), because building
them imports Typer. `check-domain` refers to them as `_common.LangOpt` in string annotations, which Typer
evaluates only when it builds the command: the fast path (cli.fast_parse) runs the command without Typer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# flag spellings of the common options, by parameter name: one table for Typer and for cli.fast_parse
FLAGS: dict[str, tuple[str, ...]] = {
    "lang": ("--lang",),
    "json_out": ("--json",),
    "show_pii": ("--show-pii",),
    "history": ("--history",),
    "provider": ("--provider", "-p"),
    "subject": ("--subject", "-s"),
}
BOOLEAN = {"json_out", "show_pii"}
PATHS = {"history"}


def _option_types() -> dict[str, Any]:
    from typing import Annotated

    import typer

    return {
        "LangOpt": Annotated[
            str | None,
            typer.Option(*FLAGS["lang"], metavar="zh|en",
                         help="Output language (default: BEIAN_LANG, config `lang`, then LANG)."),
        ],
        "JsonOpt": Annotated[
            bool, typer.Option(*FLAGS["json_out"], help="Print machine-readable JSON on stdout (stable keys; see README).")
        ],
        "ShowPiiOpt": Annotated[
            bool,
            typer.Option(*FLAGS["show_pii"], help="Show ID numbers, phone numbers and e-mail addresses unmasked."),
        ],
        "HistoryOpt": Annotated[
            Path | None,
            typer.Option(
                *FLAGS["history"],
                metavar="FILE",
                help="History of filed subjects and sites (default: the file `beian subject` keeps; env BEIAN_HISTORY).",
            ),
        ],
        "ProviderOpt": Annotated[
            str | None,
            typer.Option(*FLAGS["provider"], metavar="NAME", help="Access provider profile: tencent (default) or aliyun."),
        ],
        "SubjectOpt": Annotated[
            str | None,
            typer.Option(
                *FLAGS["subject"],
                metavar="X",
                help="The filing subject, found in the history by certificate number, subject ICP number or exact name.",
            ),
        ],
        "DomainsArg": Annotated[
            list[str],
            typer.Argument(metavar="DOMAIN...", help="Domains, host names or URLs to check.", show_default=False),
        ],
    }


def __getattr__(name: str) -> Any:
    if name.endswith(("Opt", "Arg")):
        types = _option_types()
        if name in types:
            globals().update(types)
            return types[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def fast_spec(arguments: str, *options: str) -> dict[str, Any]:
    """The command line cli.fast_parse may read for a command: its positional parameter and common options."""
    return {
        "arguments": arguments,
        "options": {flag: name for name in options if name not in BOOLEAN for flag in FLAGS[name]},
        "flags": {flag: name for name in options if name in BOOLEAN for flag in FLAGS[name]},
        "paths": {name for name in options if name in PATHS},
    }


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
