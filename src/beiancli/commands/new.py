"""Guided filing (新建备案向导): from a domain to a complete, validated draft and its material checklist.

Asks for the domain, then who files (nature and certificate); looks the subject up in the history and makes
the same decision as `beian check-domain` — a first filing, or it continues as add-site, access or one-click
access, or says why the domain cannot be filed. Then the questions a provider console asks, in its order:
filing region, subject, subject principal, each website and its principal, materials (each file checked and
recorded with its SHA-256; Enter skips an item for later). Every answer is checked at once by the rules
`beian validate` runs; only a wrong answer is asked again. The end: a review table (personal data masked),
the validate result and the next steps with expected dates.

The draft is saved after every step. Ctrl-C saves and prints the command that resumes (exit 130).

Without a terminal (or with --non-interactive) nothing is asked: answers come from --from FILE and flags;
what is missing is listed with the flag or key that supplies it (exit 3); a complete draft is saved.

\b
Examples:
  beian new
  beian new example.com
  beian new --resume example.com
  beian new example.com --non-interactive --from answers.toml --name shop
  beian new example.com --nature enterprise --cert-number 91440300MA5FXXXXXM --province 广东 --from rest.toml

Exit codes: 0 draft saved (or nothing new to file) · 1 the domain cannot be filed · 2 bad flags ·
3 missing or invalid answers (non-interactive), unreadable --from · 130 interrupted (the draft is kept).
"""

from __future__ import annotations

from typing import Annotated

import typer

from beiancli.commands import _wizard as w
from beiancli.commands._common import HistoryOpt, JsonOpt, LangOpt, ProviderOpt, ShowPiiOpt, begin


def run(
    domain: Annotated[str | None, typer.Argument(metavar="[DOMAIN]", help="The domain to file (asked when omitted).")] = None,
    name: w.NameOpt = None,
    output: w.OutputOpt = None,
    from_file: w.FromOpt = None,
    resume: w.ResumeOpt = None,
    non_interactive: w.NonInteractiveOpt = False,
    force: w.ForceOpt = False,
    province: w.ProvinceOpt = None,
    city: w.CityOpt = None,
    district: w.DistrictOpt = None,
    nature: w.NatureOpt = None,
    cert_type: w.CertTypeOpt = None,
    cert_number: w.CertNumberOpt = None,
    subject_name: w.SubjectNameOpt = None,
    icp_number: w.IcpNumberOpt = None,
    site_name: w.SiteNameOpt = None,
    registrant: w.RegistrantOpt = None,
    domain_expiry: w.DomainExpiryOpt = None,
    realname_date: w.RealnameDateOpt = None,
    principal_name: w.PrincipalNameOpt = None,
    principal_cert_number: w.PrincipalCertOpt = None,
    mobile: w.MobileOpt = None,
    emergency_phone: w.EmergencyOpt = None,
    email: w.EmailOpt = None,
    same_principal: w.SamePrincipalOpt = False,
    history: HistoryOpt = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
    json_out: JsonOpt = False,
    show_pii: ShowPiiOpt = False,
) -> int:
    out, settings = begin(lang=lang, show_pii=show_pii, json_mode=json_out, history=history, provider=provider)
    answers = w.answers(province=province, city=city, district=district, nature=nature, cert_type=cert_type,
                        cert_number=cert_number, subject_name=subject_name, icp_number=icp_number,
                        site_name=site_name, registrant=registrant, domain_expiry=domain_expiry,
                        realname_date=realname_date, principal_name=principal_name,
                        principal_cert_number=principal_cert_number, mobile=mobile,
                        emergency_phone=emergency_phone, email=email)
    return w.run_wizard(out, settings, flow="new", domain=domain, name=name, output=output, from_file=from_file,
                        resume=resume, non_interactive=non_interactive, force=force,
                        same_principal=same_principal, answers=answers)
