"""Model objects for tests: a full draft that exercises every part of the schema.

The people are fictitious; their ID numbers carry valid check digits (GB 11643) so validators accept them.
"""

from __future__ import annotations

import datetime as dt


def gb11643_check(body17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body17, weights, strict=True))
    return "10X98765432"[total % 11]


def resident_id(region: str = "440305", birth: str = "19900307", seq: str = "123") -> str:
    body = region + birth + seq
    return body + gb11643_check(body)


def full_draft():
    from beiancli.models import (
        Access,
        DomainFacts,
        Draft,
        Lifecycle,
        Material,
        Person,
        PreApproval,
        Subject,
        Transition,
        Website,
    )

    tz = dt.timezone(dt.timedelta(hours=8))
    boss = Person(
        name="张三",
        cert_type="resident-id",
        cert_number=resident_id(),
        cert_valid_from=dt.date(2020, 1, 1),
        cert_valid_until=dt.date(2040, 1, 1),
        mobile="13800138000",
        emergency_phone="13900139000",
        office_phone="0755-86013388",
        email="zhangsan@example.com",
        is_legal_representative=True,
    )
    webmaster = Person(
        name="李四",
        cert_number=resident_id("440305", "19920815", "246"),
        cert_long_term=True,
        mobile="13700137000",
        email="lisi@example.com",
    )
    return Draft(
        filing_type="first",
        provider="tencent",
        province="广东",
        city="深圳市",
        district="南山区",
        subject=Subject(
            name="深圳市示例科技有限公司",
            nature="enterprise",
            cert_type="uscc",
            cert_number="91440300MA5FXXXXXM",
            cert_address="深圳市南山区粤海街道科技园路1号A座101室",
            address="深圳市南山区粤海街道科技园路1号A座101室",
            investor="张三",
            legal_representative="张三",
            former_names=["深圳市旧名科技有限公司"],
            principal=boss,
            remark="无",
        ),
        websites=[
            Website(
                name="示例科技官网",
                domains=[
                    DomainFacts(
                        name="example.com",
                        registrant="深圳市示例科技有限公司",
                        registrar="阿里云计算有限公司（万网）",
                        expiry_date=dt.date(2030, 5, 1),
                        realname_date=dt.date(2026, 10, 1),
                    )
                ],
                content_type="其他",
                languages=["zh-Hans", "en"],
                preapprovals=[PreApproval(category="出版", number="新出网证（粤）字001号", valid_until=dt.date(2029, 1, 1))],
                principal=webmaster,
                access=Access(ips=["203.0.113.10"], prepaid=True, resource_expiry=dt.date(2027, 6, 30)),
                remark="公司官网，介绍公司产品与服务",
            )
        ],
        materials=[
            Material(kind="subject-cert", path="materials/licence.png", sha256="a" * 64),
            Material(kind="site-principal-id", path="materials/lisi.jpg", site=0),
            Material(kind="domain-cert", skipped=True, note="待补"),
        ],
        remarks="备注：含“引号”与 emoji 🙂",
        planned_submission=dt.date(2026, 12, 1),
        lifecycle=Lifecycle(
            state="provider-review",
            transitions=[
                Transition(state="provider-review", at=dt.datetime(2026, 9, 25, 10, 30, tzinfo=tz), note="已提交"),
            ],
        ),
        wizard={"step": "materials", "answered": ["region", "subject"]},
    )


def uscc(seq: int, region: str = "440300") -> str:
    """A valid, distinct USCC (GB 32100 check character, GB 11714 organisation code) for each `seq`."""
    from beiancli import ids

    org = f"MA{seq:06d}"
    body = "91" + region + org + ids._gb11714_check(org)
    return body + ids._gb32100_check(body)
