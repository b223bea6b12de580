"""The website family's data and helpers beyond the rule cases: the pre-approval table agrees with the
console's list the wizard offers, the keyword screen's edges, and the company-name core BA407 compares with."""

from __future__ import annotations

import datetime as dt

import pytest

from beiancli.models import Draft
from beiancli.rules import website
from beiancli.rules.base import Context
from beiancli.rules.data import load


def test_every_console_item_is_a_known_category() -> None:
    """A category the wizard stores (site_options.toml) must be one BA410 knows, with the same MIIT id."""
    for item in load("site_options")["preapprovals"]:
        cat = website.category_of(item["value"])
        assert cat is not None, item["value"]
        row = next(r for r in load("preapproval")["categories"] if r["id"] == cat.id)
        if "miit_id" in item and "miit_id" in row:
            assert item["miit_id"] == row["miit_id"], item["value"]


def test_categories_have_provenance_and_keywords() -> None:
    ids = [c.id for c in website.categories()]
    assert len(ids) == len(set(ids))
    for c in website.categories():
        assert c.keywords and c.source and "§" in c.source
        assert c.requires_number == bool(c.document), c.id  # no national document, no number to ask for


@pytest.mark.parametrize(
    ("text", "province", "expected"),
    [
        ("示例理财资讯", "广东", {"finance": ["理财"]}),
        ("P2P借贷信息", "广东", {"finance": ["P2P", "借贷"]}),
        ("示例医疗器械商城", "广东", {"drugs": ["医疗器械"]}),
        ("本站不涉及新闻、出版等内容。欢迎交流游戏心得", "广东", {"games": ["游戏"]}),
        ("投资咨询（不含金融业务）；游戏软件开发", "广东", {"games": ["游戏"]}),
        ("宗教文化交流", "广东", {}),
        ("宗教文化交流", "西藏", {"religion": ["宗教"]}),
        ("", "广东", {}),
    ],
)
def test_screen(text: str, province: str, expected: dict[str, list[str]]) -> None:
    got = {c.id: words for c, words in website.screen(text, province).items()}
    assert got == expected


@pytest.mark.parametrize(
    ("name", "province", "city", "core"),
    [
        ("深圳市示例科技有限公司", "广东", "深圳市", "示例科技"),
        ("广东省广州市示例传媒股份有限公司", "广东", None, "示例传媒"),
        ("示例网络科技（杭州）有限公司", "浙江", "杭州市", "示例网络科技"),
        ("北京示例信息技术有限公司", "北京", "北京市", "示例信息技术"),
        ("成都星辰科技有限公司", "广东", None, "成都星辰科技"),  # an unlisted city without 市 stays
    ],
)
def test_company_core(name: str, province: str, city: str | None, core: str) -> None:
    ctx = Context(draft=Draft(province=province, city=city), today=dt.date(2026, 11, 26))
    assert website.company_core(name, ctx) == core


def test_site_rules_rows() -> None:
    assert website.site_rules("陕西")["max_sites_organisation"] == 30
    assert website.site_rules("陕西")["severity"] == "warning"
    assert website.site_rules("北京") == {}
    assert website.site_rules(None) == {}
    for row in load("province_rules")["site_rules"]:
        assert row["source"] and row["as_of"] and row["confidence"] in ("H", "M", "L")
