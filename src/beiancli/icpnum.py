"""ICP filing numbers (备案号), §10: `粤ICP备2024000001号` (subject) and `…号-3` (site; -3A app, -3X
mini-program, -3K quick app). Licence numbers (京ICP证030173号) and public-security numbers (…公网安备…号)
are different things and are refused with a message that says so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from beiancli.i18n import Msg

_RE = re.compile(r"^(?P<abbr>\w)ICP备(?P<digits>\d{6}|\d{8}|\d{10})号(?:-(?P<seq>\d+)(?P<suffix>[AXK]?))?$")


@dataclass(frozen=True)
class IcpNumber:
    text: str
    province: str  # short Chinese name (regions.Province.id)
    abbr: str
    digits: str
    site_seq: int | None
    suffix: str  # "" website, A app, X mini-program, K quick app

    @property
    def subject_number(self) -> str:
        return f"{self.abbr}ICP备{self.digits}号"

    @property
    def is_site(self) -> bool:
        return self.site_seq is not None


class IcpNumberError(ValueError):
    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.en)


def normalise(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    return t.replace("icp", "ICP").replace("－", "-").replace("—", "-")


def parse(text: str) -> IcpNumber:
    from beiancli import regions

    t = normalise(text)
    if "公网安备" in t:
        raise IcpNumberError(Msg("这是公安联网备案号，不是 ICP 备案号", "this is a public-security filing number, not an ICP number"))
    if "ICP证" in t or re.search(r"B2-\d", t):
        raise IcpNumberError(Msg("这是经营许可证号，不是 ICP 备案号", "this is an ICP licence number, not an ICP filing number"))
    m = _RE.match(t)
    if not m:
        raise IcpNumberError(
            Msg(
                "ICP 备案号格式应为 省简称 + ICP备 + 6/8/10 位数字 + 号，网站号再加 -序号，如 粤ICP备2024000001号-1",
                "an ICP number looks like <province abbr>ICP备<6, 8 or 10 digits>号, plus -N for a site, "
                "e.g. 粤ICP备2024000001号-1",
            )
        )
    prov = next((p for p in regions.provinces() if p.icp_abbr == m["abbr"]), None)
    if prov is None:
        known = "".join(p.icp_abbr for p in regions.provinces())
        raise IcpNumberError(
            Msg(f"“{m['abbr']}”不是 ICP 备案号的省份简称（可用：{known}）", f"{m['abbr']!r} is not a province abbreviation of ICP numbers (known: {known})")
        )
    seq = int(m["seq"]) if m["seq"] else None
    if seq == 0:
        raise IcpNumberError(Msg("网站序号从 1 开始", "site numbers start at -1"))
    return IcpNumber(t, prov.id, prov.icp_abbr, m["digits"], seq, m["suffix"] or "")


def check_province(number: IcpNumber, province: str | None) -> Msg | None:
    """A problem if the number was not issued by `province`'s bureau."""
    from beiancli import regions

    p = regions.find(province) if province else None
    if p and p.id != number.province:
        return Msg(
            f"备案号 {number.text} 属于{number.province}，但备案省份是{p.id}（应以“{p.icp_abbr}”开头）",
            f"{number.text} was issued in {number.province}, but the filing province is {p.id} (expected {p.icp_abbr}ICP备…)",
        )
    return None
