"""Website rules (BA4xx): site names, personal-filing limits (§6.2, §8). Word lists: rules/data/naming.toml."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from beiancli.i18n import Msg
from beiancli.rules.base import INDIVIDUAL, Context, Finding, Rule, Severity, types
from beiancli.rules.data import load

NEW_SITES = types("first", "add-site", "add-site-external", "change-site")
"""Filing types that submit website names for review."""

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.IGNORECASE)

_NAME_PROBLEMS = {
    "too-short": Msg("少于 {min} 个汉字", "has fewer than {min} Chinese characters"),
    "latin-only": Msg("只有数字或字母", "is only digits or Latin letters"),
    "symbols": Msg("含有特殊符号 {symbols}", "contains the symbols {symbols}"),
    "domain": Msg("是一个域名", "is a domain name"),
}


def name_problems(name: str) -> list[tuple[str, Msg]]:
    """(code, problem) for a site name against §8.1; [] when it is fine. Shared with the wizard."""
    cfg = load("naming")["site_name"]
    text = unicodedata.normalize("NFKC", name).strip()
    out: list[tuple[str, Msg]] = []
    if _DOMAIN_LIKE.match(text):
        return [("domain", _NAME_PROBLEMS["domain"])]
    allowed = set(unicodedata.normalize("NFKC", cfg["allowed_symbols"])) | set(cfg["allowed_symbols"])
    symbols = sorted({c for c in text if not (c.isalnum() or c.isspace() or c in allowed or _CJK.match(c))})
    if symbols:
        m = _NAME_PROBLEMS["symbols"]
        out.append(("symbols", Msg(m.zh.format(symbols=" ".join(symbols)), m.en.format(symbols=" ".join(symbols)))))
    cjk = len(_CJK.findall(text))
    if cjk == 0 and text:
        out.append(("latin-only", _NAME_PROBLEMS["latin-only"]))
    elif cjk < cfg["min_chinese"]:
        m = _NAME_PROBLEMS["too-short"]
        out.append(("too-short", Msg(m.zh.format(min=cfg["min_chinese"]), m.en.format(min=cfg["min_chinese"]))))
    return out


# -- BA401 site-name-form ------------------------------------------------------------------------------

def check_name_form(ctx: Context) -> Iterator[Finding]:
    for i, site in enumerate(ctx.draft.websites):
        if not site.name:
            continue
        for code, problem in name_problems(site.name):
            yield NAME_FORM.finding(f"websites[{i}].name", code=code, problem=problem, name=site.name, site=i + 1)


NAME_FORM = Rule(
    id="BA401",
    name="site-name-form",
    family="website",
    severity=Severity.ERROR,
    title=Msg("网站名称至少 3 个汉字，不是域名，没有特殊符号", "A site name has ≥3 Chinese characters, no special symbols, and is not a domain"),
    message=Msg("网站名称「{name}」{problem}", "site name “{name}” {problem}"),
    suggestion=Msg(
        "使用与网站内容相符、至少 3 个汉字的名称，如“示例科技官网”；只可使用括号和连字符",
        "use a name of at least 3 Chinese characters that says what the site is, e.g. “示例科技官网”; only brackets and hyphens are allowed",
    ),
    source="§8.1 [Q-reject], [TJ]; §12.1 #4",
    confidence="H",
    check=check_name_form,
    filing_types=NEW_SITES,
)


# -- BA402 personal-site-name-word ---------------------------------------------------------------------

def check_banned_words(ctx: Context) -> Iterator[Finding]:
    groups = load("naming")["personal_banned"]
    for i, site in enumerate(ctx.draft.websites):
        if not site.name:
            continue
        name = unicodedata.normalize("NFKC", site.name)
        for g in groups:
            if "provinces" in g and ctx.province_id not in g["provinces"]:
                continue
            hits = [w for w in g["words"] if w in name]
            if hits:
                yield PERSONAL_BANNED_WORD.finding(
                    f"websites[{i}].name", Severity(g["severity"]), name=site.name, words="、".join(hits), basis=g["source"]
                )


PERSONAL_BANNED_WORD = Rule(
    id="BA402",
    name="personal-site-name-word",
    family="website",
    severity=Severity.WARNING,
    title=Msg("个人网站名称不含禁用词（论坛、平台、工作室……）", "A personal site name avoids the banned words (论坛, 平台, 工作室 ...)"),
    message=Msg("个人备案的网站名称「{name}」含有禁用词：{words}", "personal site name “{name}” contains banned words: {words}"),
    suggestion=Msg(
        "个人网站请用体现个人内容的名称（如“张三的技术笔记”），避免企业、行业、论坛类词语（依据：{basis}）",
        "name a personal site after its personal content (e.g. “张三的技术笔记”), without company, industry or forum words (basis: {basis})",
    ),
    source="§8.2 banned words [XN], QingCloud (M); Tianjin 分享 [TJ]; longer list (L, info); rules/data/naming.toml",
    confidence="M",
    check=check_banned_words,
    filing_types=NEW_SITES,
    natures=INDIVIDUAL,
)


# -- BA403 personal-one-site ---------------------------------------------------------------------------

def check_one_site(ctx: Context) -> Iterator[Finding]:
    sites = ctx.draft.websites
    for i in range(1, len(sites)):
        yield PERSONAL_ONE_SITE.finding(f"websites[{i}]", count=len(sites), site=i + 1)


PERSONAL_ONE_SITE = Rule(
    id="BA403",
    name="personal-one-site",
    family="website",
    severity=Severity.ERROR,
    title=Msg("个人备案每次只能提交 1 个网站", "A personal filing submits one website per order"),
    message=Msg("个人备案一次只能提交 1 个网站，此草稿有 {count} 个（网站 {site} 多余）", "a personal filing takes one website per order; this draft has {count} (website {site} is extra)"),
    suggestion=Msg("把其余网站放到各自的草稿中，在本次备案通过后用“新增网站”提交", "move the other websites to drafts of their own and file them as add-site after this filing is approved"),
    source="§1.6 (per order: individual 1 website) [Q-site]; §8.2 quotas",
    confidence="H",
    check=check_one_site,
    filing_types=types("first", "add-site", "add-site-external"),
    natures=INDIVIDUAL,
)
