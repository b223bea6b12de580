"""What every command shares: the common options and the start of a run (settings + output).

Command modules import only `typer`, `typing` and this module at top level; everything heavy is imported
inside the command function, so `beian --help` stays fast (benchmarks/startup.sh).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

LangOpt = Annotated[
    str | None,
    typer.Option("--lang", metavar="zh|en", help="Output language (default: BEIAN_LANG, config `lang`, then LANG)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout (stable keys; see README).")]
ShowPiiOpt = Annotated[
    bool, typer.Option("--show-pii", help="Show ID numbers, phone numbers and e-mail addresses unmasked.")
]
HistoryOpt = Annotated[
    Path | None,
    typer.Option(
        "--history",
        metavar="FILE",
        help="History of filed subjects and sites (default: the file `beian subject` keeps; env BEIAN_HISTORY).",
    ),
]
ProviderOpt = Annotated[
    str | None,
    typer.Option("--provider", "-p", metavar="NAME", help="Access provider profile: tencent (default) or aliyun."),
]
SubjectOpt = Annotated[
    str | None,
    typer.Option(
        "--subject",
        "-s",
        metavar="X",
        help="The filing subject, found in the history by certificate number, subject ICP number or exact name.",
    ),
]


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
