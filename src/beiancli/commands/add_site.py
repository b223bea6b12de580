"""Add a website to a subject that is already filed (新增网站).

The subject comes from the history (`--subject`, or a choice among the subjects `beian subject` keeps); then
the domain, and the same decision as `beian check-domain`: 新增网站（原备案在腾讯云）when the subject's filing is
at this provider, 新增网站（原备案不在腾讯云）when it is elsewhere — or, if the domain is already filed, the right
type (access, one-click access) or why it cannot be filed. Only what this filing type needs is asked (the
subject's filed data is not asked again); then the website and its principal, the materials, the review.
Same engine, checks, saving, Ctrl-C and --resume as `beian new`.

\b
Examples:
  beian add-site
  beian add-site shop.example.cn --subject 粤ICP备2024000001号
  beian add-site --resume shop.example.cn
  beian add-site blog.example.net --subject 91440300MA5FXXXXXM --non-interactive --from site.toml --same-principal

Exit codes: as `beian new`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from beiancli.commands import _wizard as w
from beiancli.commands._common import HistoryOpt, JsonOpt, LangOpt, ProviderOpt, ShowPiiOpt, SubjectOpt, begin


def run(
    domain: Annotated[str | None, typer.Argument(metavar="[DOMAIN]", help="The new website's domain (asked when omitted).")] = None,
    subject: SubjectOpt = None,
    name: w.NameOpt = None,
    output: w.OutputOpt = None,
    from_file: w.FromOpt = None,
    resume: w.ResumeOpt = None,
    non_interactive: w.NonInteractiveOpt = False,
    force: w.ForceOpt = False,
    site_name: w.SiteNameOpt = None,
    registrant: w.RegistrantOpt = None,
    domain_expiry: w.DomainExpiryOpt = None,
    realname_date: w.RealnameDateOpt = None,
    same_principal: w.SamePrincipalOpt = False,
    history: HistoryOpt = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:
    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history, provider=provider)
    return w.run_wizard(out, settings, flow="add-site", domain=domain, subject=subject, name=name, output=output,
                        from_file=from_file, resume=resume, non_interactive=non_interactive, force=force,
                        same_principal=same_principal,
                        answers=w.answers(site_name=site_name, registrant=registrant, domain_expiry=domain_expiry,
                                          realname_date=realname_date))
