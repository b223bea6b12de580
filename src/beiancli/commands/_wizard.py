"""Options the filing wizards share (`new`, `add-site`, `change`, `cancel`), and the call into them.

Like `_common`, this module imports only typer and typing at top level; the wizard is imported when a
command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

NameOpt = Annotated[str | None, typer.Option("--name", metavar="NAME", help="Save the draft under this name in the data directory (default: the domain).")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", metavar="PATH", help="Save the draft at this path instead.")]
FromOpt = Annotated[Path | None, typer.Option("--from", metavar="FILE", help="A partial draft (TOML) with answers; flags win over it.")]
ResumeOpt = Annotated[str | None, typer.Option("--resume", metavar="NAME", help="Continue a draft where the wizard stopped (a name or a path).")]
NonInteractiveOpt = Annotated[bool, typer.Option("--non-interactive", help="Ask nothing: take answers from --from and flags; list what is missing (exit 3). Implied when stdin/stdout is not a terminal.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing draft of the same name.")]
ProvinceOpt = Annotated[str | None, typer.Option("--province", help="Filing province (广东 / Guangdong / 粤).")]
CityOpt = Annotated[str | None, typer.Option("--city", help="City (如 深圳市).")]
DistrictOpt = Annotated[str | None, typer.Option("--district", help="District (如 南山区).")]
NatureOpt = Annotated[str | None, typer.Option("--nature", help="Subject nature: enterprise, individual, government, institution, ...")]
CertTypeOpt = Annotated[str | None, typer.Option("--cert-type", help="Subject certificate type: uscc, resident-id, ... (default from the nature).")]
CertNumberOpt = Annotated[str | None, typer.Option("--cert-number", help="Subject certificate number (USCC, resident ID, ...).")]
SubjectNameOpt = Annotated[str | None, typer.Option("--subject-name", help="Subject name exactly as on the certificate.")]
IcpNumberOpt = Annotated[str | None, typer.Option("--icp-number", help="Subject ICP number, e.g. 粤ICP备2024000001号 (default from the history).")]
SiteNameOpt = Annotated[str | None, typer.Option("--site-name", help="Name of the (first) website.")]
RegistrantOpt = Annotated[str | None, typer.Option("--registrant", help="Holder of the domain (default: the subject's name).")]
DomainExpiryOpt = Annotated[str | None, typer.Option("--domain-expiry", metavar="DATE", help="The domain's expiry date (YYYY-MM-DD).")]
RealnameDateOpt = Annotated[str | None, typer.Option("--realname-date", metavar="DATE", help="Date the domain's real-name verification was completed (YYYY-MM-DD).")]
PrincipalNameOpt = Annotated[str | None, typer.Option("--principal-name", help="Subject principal's name (主体负责人).")]
PrincipalCertOpt = Annotated[str | None, typer.Option("--principal-cert-number", help="Subject principal's ID number.")]
MobileOpt = Annotated[str | None, typer.Option("--mobile", help="Subject principal's mobile.")]
EmergencyOpt = Annotated[str | None, typer.Option("--emergency-phone", help="Subject principal's emergency phone.")]
EmailOpt = Annotated[str | None, typer.Option("--email", help="Subject principal's e-mail.")]
SamePrincipalOpt = Annotated[bool, typer.Option("--same-principal", help="Websites without a principal get the subject principal.")]


def answers(**flags: Any) -> dict[str, Any]:
    """Flag values by the field path they answer."""
    paths = {
        "province": "province", "city": "city", "district": "district", "nature": "subject.nature",
        "cert_type": "subject.cert_type", "cert_number": "subject.cert_number", "subject_name": "subject.name",
        "icp_number": "subject.icp_number", "site_name": "websites[0].name",
        "registrant": "websites[0].domains[0].registrant", "domain_expiry": "websites[0].domains[0].expiry_date",
        "realname_date": "websites[0].domains[0].realname_date",
        "principal_name": "subject.principal.name", "principal_cert_number": "subject.principal.cert_number",
        "mobile": "subject.principal.mobile", "emergency_phone": "subject.principal.emergency_phone",
        "email": "subject.principal.email",
    }
    return {paths[k]: v for k, v in flags.items() if v is not None}


def run_wizard(out: Any, settings: Any, **options: Any) -> int:
    from beiancli.wizards.flows import Options, start

    return start(out, settings, Options(**options))
