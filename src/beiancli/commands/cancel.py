"""Cancel a subject, a website, or the access at this provider (注销主体 / 注销网站 / 取消接入).

Picks the subject (`--subject`, a filed draft, or a choice among the history's subjects), what is cancelled,
and which websites; then explains the consequences before anything is saved (icp-filing.md §11.3-§11.4):
cancelling a subject cancels all N of its websites and its number for good; cancelling a website that is the
subject's last leaves a shell subject; cancelling the last access of a site leaves a shell site the bureau may
cancel (the number stays: cancelling access is not a deregistration). Then it asks to confirm (`--yes` in
scripts) and saves a cancellation draft with its review.

\b
Examples:
  beian cancel
  beian cancel --subject 粤ICP备2024000001号 --scope website --site old.example.com
  beian cancel --subject 91440300MA5FXXXXXM --scope access --site example.com --yes --non-interactive
  beian cancel --subject 粤ICP备2024000001号 --scope subject --reason "公司注销"

Exit codes: 0 draft saved · 1 not confirmed · 2 bad flags (or no --yes without a terminal) · 3 unreadable
input · 130 interrupted.
"""

from __future__ import annotations

from typing import Annotated

import typer

from beiancli.commands import _wizard as w
from beiancli.commands._common import HistoryOpt, JsonOpt, LangOpt, ProviderOpt, ShowPiiOpt, SubjectOpt, begin


def run(
    draft: Annotated[str | None, typer.Argument(metavar="[DRAFT]", help="A filed draft whose subject or website is cancelled; or use --subject.")] = None,
    subject: SubjectOpt = None,
    scope: Annotated[str | None, typer.Option("--scope", metavar="subject|website|access", help="What is cancelled.")] = None,
    site: Annotated[list[str] | None, typer.Option("--site", metavar="DOMAIN", help="A website to cancel (its domain or ICP number; repeatable).")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (goes into the draft).")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Confirm without asking (after the consequences are shown).")] = False,
    name: w.NameOpt = None,
    output: w.OutputOpt = None,
    resume: w.ResumeOpt = None,
    non_interactive: w.NonInteractiveOpt = False,
    force: w.ForceOpt = False,
    history: HistoryOpt = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:
    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history, provider=provider)
    if scope is not None and scope not in ("subject", "website", "access"):
        from beiancli.errors import UsageError
        from beiancli.i18n import Msg

        raise UsageError(Msg("--scope 只能是 subject、website 或 access", "--scope must be subject, website or access"))
    return w.run_wizard(out, settings, flow="cancel", draft=draft, subject=subject, scope=scope, sites=site or [],
                        reason=reason, yes=yes, name=name, output=output, resume=resume,
                        non_interactive=non_interactive, force=force)
