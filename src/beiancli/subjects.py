"""Building history entries (subjects and their filed sites) from what a user typed, with every value
checked by the same validators the lint rules use (ids, regions, ICP numbers, domains)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from beiancli.errors import InputError, Location
from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import HistorySite, HistorySubject


def _bad(field: str, msg: Msg) -> InputError:
    return InputError(msg, location=Location(field=field))


def not_found(history: Any, key: str) -> InputError:
    """The error for a `--subject` / SUBJECT key that matches nothing, shared by every command that looks a
    subject up. The key is masked (`pii.mask_key`): a mistyped certificate number is personal data too."""
    from beiancli.pii import mask_key

    shown = mask_key(key)
    if history is None:
        return InputError(
            Msg(f"找不到主体 {shown!r}：没有历史文件", f"cannot find the subject {shown!r}: there is no history file"),
            hint=Msg("用 `beian subject add` 记录主体，或用 --history FILE 指定历史文件。",
                     "Record subjects with `beian subject add`, or name a history file with --history FILE."),
        )
    names = ", ".join(s.name for s in history.subjects[:10]) or "—"
    return InputError(
        Msg(f"历史文件中没有主体 {shown!r}（已有：{names}）", f"no subject {shown!r} in the history (known: {names})"),
        hint=Msg("按证件号码、主体备案号或准确名称查找；`beian subject list` 列出全部，`beian subject add` 添加。",
                 "Subjects are found by certificate number, subject ICP number or exact name; see `beian subject list`, "
                 "or add one with `beian subject add`."),
    )


def nature_choices() -> dict[str, Any]:
    from beiancli import ids

    return ids.natures()


def default_cert_type(nature: str | None) -> str | None:
    if not nature:
        return None
    info = nature_choices().get(nature)
    return info.cert_types[0] if info else None


def check_nature(nature: str) -> None:
    known = nature_choices()
    if nature not in known:
        raise _bad("nature", Msg(f"未知的主体性质 {nature!r}（可用：{', '.join(known)}）",
                                 f"unknown subject nature {nature!r} (known: {', '.join(known)})"))


def check_cert(nature: str, cert_type: str, cert_number: str) -> str:
    """The normalised certificate number, or InputError saying what to fix."""
    from beiancli import ids

    known_types = ids.cert_types()
    if cert_type not in known_types:
        raise _bad("cert_type", Msg(f"未知的证件类型 {cert_type!r}（可用：{', '.join(known_types)}）",
                                    f"unknown certificate type {cert_type!r} (known: {', '.join(known_types)})"))
    if not ids.nature_accepts(nature, cert_type):
        allowed = ", ".join(nature_choices()[nature].cert_types)
        raise _bad("cert_type", Msg(f"主体性质 {nature} 不接受证件类型 {cert_type}（可用：{allowed}）",
                                    f"a {nature} subject does not file with {cert_type} (use: {allowed})"))
    info = ids.check_cert(cert_type, cert_number)
    errors = [p for p in info.problems if p.severity == "error"]
    if errors:
        raise _bad("cert_number", Msg("证件号码有误：" + "；".join(p.msg.zh for p in errors),
                                      "certificate number is wrong: " + "; ".join(p.msg.en for p in errors)))
    return info.number


def province_of(cert_type: str, cert_number: str) -> str | None:
    """The province a certificate number points to (resident-ID region, USCC division code)."""
    from beiancli import regions

    if cert_type == "resident-id":
        p = regions.by_id_prefix(cert_number)
    elif len(cert_number) == 18 and cert_type != "passport":
        p = regions.by_id_prefix(cert_number[2:4])
    else:
        p = None
    return p.id if p else None


def check_province(value: str) -> str:
    from beiancli import regions

    p = regions.find(value)
    if p is None:
        raise _bad("province", Msg(f"未知的省份 {value!r}（如 广东、Guangdong、粤）", f"unknown province {value!r} (e.g. 广东, Guangdong, 粤)"))
    return p.id


def check_subject_icp(value: str, province: str | None) -> str:
    from beiancli import icpnum

    try:
        number = icpnum.parse(value)
    except icpnum.IcpNumberError as exc:
        raise _bad("icp_number", exc.msg) from None
    if number.is_site:
        raise _bad("icp_number", Msg(f"{number.text} 是网站备案号；主体备案号不带 -序号：{number.subject_number}",
                                     f"{number.text} is a site number; the subject number has no -N: {number.subject_number}"))
    problem = icpnum.check_province(number, province)
    if problem:
        raise _bad("icp_number", problem)
    return number.text


def build_subject(*, name: str, nature: str, cert_type: str | None, cert_number: str, province: str | None,
                  icp_number: str | None, accounts: list[str]) -> HistorySubject:
    from beiancli.models import HistorySubject

    check_nature(nature)
    if not cert_type:
        cert_type = default_cert_type(nature) or ""
    number = check_cert(nature, cert_type, cert_number)
    # The province: as given; else the bureau that issued the ICP number; else where the certificate points
    # (an individual may have filed outside the ID's province, §4.3, so the ICP number wins over the ID).
    prov = check_province(province) if province else None
    icp = check_subject_icp(icp_number, prov) if icp_number else None
    if prov is None and icp:
        from beiancli import icpnum

        prov = icpnum.parse(icp).province
    if prov is None:
        prov = province_of(cert_type, number)
    return HistorySubject(name=name.strip(), nature=nature, cert_type=cert_type, cert_number=number,
                          province=prov, icp_number=icp, accounts=accounts)


def build_site(subject: HistorySubject, *, domain: str, site_number: str | None, providers: list[str],
               name: str | None) -> HistorySite:
    from beiancli import domains, icpnum
    from beiancli.models import HistorySite

    try:
        analysed = domains.analyse(domain)
    except domains.DomainError as exc:
        raise _bad("domain", exc.msg) from None
    number = None
    if site_number:
        try:
            parsed = icpnum.parse(site_number)
        except icpnum.IcpNumberError as exc:
            raise _bad("site_number", exc.msg) from None
        if not parsed.is_site:
            raise _bad("site_number", Msg(f"{parsed.text} 是主体备案号；网站备案号以 -序号 结尾", f"{parsed.text} is a subject number; a site number ends in -N"))
        if subject.icp_number and parsed.subject_number != subject.icp_number:
            raise _bad("site_number", Msg(f"{parsed.text} 不属于主体备案号 {subject.icp_number}", f"{parsed.text} does not belong to subject number {subject.icp_number}"))
        number = parsed.text
    from beiancli.rules.providers import check_provider

    canonical = [check_provider(p) for p in providers]
    return HistorySite(domain=analysed.registrable, site_number=number, providers=canonical, name=name)
