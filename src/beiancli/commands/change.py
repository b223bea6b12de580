"""Change the data of a filing (变更备案): the subject's data or one website's.

Starts from what is filed: a draft of the filing (`beian change DRAFT`) or the history (`--subject`). Every
filed value is offered as the default; each changed field is shown old → new, checked by the same rules as
`beian validate`, and what cannot change is refused with what to do instead (icp-filing.md §11.2): a domain
added to a filed website (domains can only be removed), another subject instead of this one, an organisation
turned into a person, a move to another province. A rename keeps the old name as a former name (the
name-change letter then appears in the materials). Then materials and the review, as `beian new`.

\b
Examples:
  beian change shop
  beian change --subject 粤ICP备2024000001号 --scope subject
  beian change shop --scope website --site example.com
  beian change --resume shop-change-site
  beian change shop --scope subject --non-interactive --from new-address.toml --name shop-move

Exit codes: 0 draft saved · 2 bad flags · 3 missing, invalid or refused values (non-interactive) · 130 interrupted.
"""

from __future__ import annotations

from typing import Annotated

import typer

from beiancli.commands import _wizard as w
from beiancli.commands._common import HistoryOpt, JsonOpt, LangOpt, ProviderOpt, ShowPiiOpt, SubjectOpt, begin


def run(
    draft: Annotated[str | None, typer.Argument(metavar="[DRAFT]", help="The filed draft to change (a name or a path); or use --subject.")] = None,
    subject: SubjectOpt = None,
    scope: Annotated[str | None, typer.Option("--scope", metavar="subject|website", help="Change the subject's data or a website's.")] = None,
    site: Annotated[str | None, typer.Option("--site", metavar="DOMAIN", help="The website to change (its domain or ICP number).")] = None,
    name: w.NameOpt = None,
    output: w.OutputOpt = None,
    from_file: w.FromOpt = None,
    resume: w.ResumeOpt = None,
    non_interactive: w.NonInteractiveOpt = False,
    force: w.ForceOpt = False,
    province: w.ProvinceOpt = None,
    city: w.CityOpt = None,
    district: w.DistrictOpt = None,
    principal_name: w.PrincipalNameOpt = None,
    mobile: w.MobileOpt = None,
    email: w.EmailOpt = None,
    history: HistoryOpt = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:
    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history, provider=provider)
    if scope is not None and scope not in ("subject", "website"):
        from beiancli.errors import UsageError
        from beiancli.i18n import Msg

        raise UsageError(Msg("--scope 只能是 subject 或 website", "--scope must be subject or website"))
    return w.run_wizard(out, settings, flow="change", draft=draft, subject=subject, scope=scope,
                        sites=[site] if site else [], name=name, output=output, from_file=from_file, resume=resume,
                        non_interactive=non_interactive, force=force,
                        answers=w.answers(province=province, city=city, district=district,
                                          principal_name=principal_name, mobile=mobile, email=email))
