"""Website rules (BA4xx): site names, per-order quotas, personal-filing limits and pre-approval (§1.6, §6.2,
§6.3, §8, §9.3).

Data: rules/data/naming.toml (word lists, quotas, remark declarations), rules/data/site_options.toml (the
console's content types, shared with the wizard), rules/data/preapproval.toml (pre-approval categories and the keyword screen), and the website columns of
rules/data/province_rules.toml (`one_site_per_order` in its [[provinces]] rows, the rest in [[site_rules]],
read by `site_rules()`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from beiancli import ids
from beiancli.i18n import Msg
from beiancli.rules.base import (
    INDIVIDUAL,
    ORGANISATION,
    Context,
    Finding,
    Rule,
    Severity,
    all_han,
    is_cjk,
    normalise_name,
    types,
)
from beiancli.rules.data import DataFileError, load
from beiancli.rules.provinces import site_rules

NEW_SITES = types("first", "add-site", "add-site-external", "change-site")
"""Filing types that submit website names for review."""
ORDERS = types("first", "add-site", "add-site-external")
"""Filing types that submit new websites (per-order quotas, §1.6)."""
PREAPPROVAL_TYPES = NEW_SITES | {"access", "one-click-access"}
"""Filing types that carry a website's pre-approval items (the same types as the preapproval-document material)."""

# compiled on first use (ids._Re): a name without a dot, almost every one, never needs it
_DOMAIN_LIKE = ids._Re(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$", re.IGNORECASE)

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
    if "." in text and _DOMAIN_LIKE.match(text):
        return [("domain", _NAME_PROBLEMS["domain"])]
    allowed = cfg.get("_allowed")  # the symbol set, once per loaded naming.toml (its cfg dict)
    if allowed is None:
        allowed = cfg["_allowed"] = frozenset(unicodedata.normalize("NFKC", cfg["allowed_symbols"])) | set(
            cfg["allowed_symbols"])
    symbols = sorted({c for c in text if not (c.isalnum() or c.isspace() or c in allowed or is_cjk(c))})
    if symbols:
        m = _NAME_PROBLEMS["symbols"]
        out.append(("symbols", Msg(m.zh.format(symbols=" ".join(symbols)), m.en.format(symbols=" ".join(symbols)))))
    cjk = sum(1 for c in text if is_cjk(c))
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
    for i in range(load("naming")["per_order"]["individual"], len(sites)):
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


# -- shared helpers -----------------------------------------------------------------------------------

def _nfkc(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _site_label(i: int) -> Msg:
    return Msg(f"网站 {i + 1}", f"website {i + 1}")


def _filed_subject(ctx: Context) -> Any:
    """The draft's subject in the history (by certificate number, else name), or None; looked up once per
    draft (BA413, BA417)."""
    return ctx.memo("website.filed_subject", lambda: _find_filed_subject(ctx))


def _find_filed_subject(ctx: Context) -> Any:
    if ctx.history is None:
        return None
    s = ctx.draft.subject
    for key in (s.cert_number, s.name):
        if key:
            found = ctx.history.find_subject(key)
            if found is not None:
                return found
    return None


# -- BA404 site-name-prefix ----------------------------------------------------------------------------

def check_name_prefix(ctx: Context) -> Iterator[Finding]:
    data = load("naming")
    sensitive = {w for g in data.get("sensitive", []) for w in g["words"]}
    subject_name = _nfkc(ctx.draft.subject.name)
    nature = ctx.draft.subject.nature
    for i, site in enumerate(ctx.draft.websites):
        name = _nfkc(site.name)
        if not name:
            continue
        for g in data["forbidden_prefix"]:
            if nature in g.get("exempt_natures", ()):
                continue
            for word in g["words"]:
                if word in sensitive or not name.startswith(word):
                    continue  # a sensitive word is BA405's, anywhere in the name
                if subject_name.startswith(word):
                    continue  # the body's registered name carries the word: it is entitled to it
                yield NAME_PREFIX.finding(
                    f"websites[{i}].name", Severity(g["severity"]), name=site.name, word=word, basis=g["source"]
                )


NAME_PREFIX = Rule(
    id="BA404",
    name="site-name-prefix",
    family="website",
    severity=Severity.ERROR,
    title=Msg(
        "非国家级单位的网站名称不以“中国、中华、中央、人民、人大、国家”等开头",
        "A site name does not start with 中国/中华/中央/人民/人大/国家 (or 纪检/监察/信访 …) unless the body is entitled",
    ),
    message=Msg("网站名称「{name}」以「{word}」开头", "site name “{name}” starts with “{word}”"),
    suggestion=Msg(
        "只有名称本身含此词的国家级单位可以这样命名；请去掉开头的「{word}」，改用本单位名称或简称（依据：{basis}）",
        "only national-level bodies whose own name carries the word may use it; drop the leading “{word}” and use your organisation's name or short name (basis: {basis})",
    ),
    source="§8.1 [Q-reject] (中国/中华/中央/人民/人大/国家, H); Huawei doc_0060, inhv.cn (反腐/纪检/监察/信访/维权/投诉, M); §12.1 #4; rules/data/naming.toml",
    confidence="H",
    check=check_name_prefix,
    filing_types=NEW_SITES,
)


# -- BA405 site-name-sensitive-word --------------------------------------------------------------------

def check_sensitive_words(ctx: Context) -> Iterator[Finding]:
    nature = ctx.draft.subject.nature
    for i, site in enumerate(ctx.draft.websites):
        name = _nfkc(site.name)
        if not name:
            continue
        for g in load("naming").get("sensitive", []):
            hits = [w for w in g["words"] if w in name]
            if hits:
                sev = Severity.WARNING if nature in g.get("lenient_natures", ()) else Severity(g["severity"])
                yield SENSITIVE_WORD.finding(f"websites[{i}].name", sev, name=site.name, words="、".join(hits), basis=g["source"])


SENSITIVE_WORD = Rule(
    id="BA405",
    name="site-name-sensitive-word",
    family="website",
    severity=Severity.ERROR,
    title=Msg("网站名称不含敏感词（反腐、赌博、廉政、色情……）", "A site name contains no sensitive words (反腐, 赌博, 廉政, 色情 ...)"),
    message=Msg("网站名称「{name}」含有敏感词：{words}", "site name “{name}” contains sensitive words: {words}"),
    suggestion=Msg(
        "改用不含这些词、与网站内容相符的名称（依据：{basis}）",
        "choose a name without these words that says what the site is (basis: {basis})",
    ),
    source="§8.1 [Q-reject]; §12.1 #4; rules/data/naming.toml [[sensitive]]",
    confidence="H",
    check=check_sensitive_words,
    filing_types=NEW_SITES,
)


# -- BA406 personal-site-name-person-or-place ----------------------------------------------------------

def _place_names(ctx: Context) -> tuple[str, ...]:
    """The filing's province, city and district, with and without their division suffix, longest first.
    Kept per (province, city, district) with the loaded naming data: a batch meets a few places, often."""
    d = ctx.draft
    cache = load("naming").setdefault("_place_names", {})
    key = (d.province, d.city, d.district)
    names = cache.get(key)
    if names is None:
        if len(cache) >= 1024:
            cache.clear()
        names = cache[key] = _compute_place_names(*key)
    return names


def _compute_place_names(province: str | None, city: str | None, district: str | None) -> tuple[str, ...]:
    from beiancli.regions import find

    suffix = _regexes()["division_suffix"]
    names: set[str] = set()
    prov = find(province)
    raw = [city, district] + ([prov.id, prov.full_name] if prov else [])
    for n in (_nfkc(x) for x in raw if x):
        names.add(n)
        m = suffix.search(n)
        if m and m.start() >= 2:
            names.add(n[: m.start()])
    return tuple(sorted(names, key=len, reverse=True))


def _regexes() -> dict[str, Any]:
    """Patterns built from naming.toml once per loaded file."""
    data = load("naming")
    if "_regexes" not in data:
        from beiancli.regions import provinces

        def alt(words: Any) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        cfg = data["company_name"]
        data["_regexes"] = {
            "division_suffix": re.compile(f"(?:{alt(data['personal_name']['division_suffixes'])})$"),
            "org_form": re.compile(f"(?<=.)(?:{alt(cfg['org_forms'])})$"),
            "province_prefix": re.compile(
                f"^(?:{alt(x for p in provinces() for x in (p.full_name, p.id))})(?=.{{2}})"
            ),
            "project_remark": re.compile(cfg["remark_pattern"]),
        }
    return data["_regexes"]


def _is_place(name: str, ctx: Context) -> bool:
    """The name is nothing but place names: a province (any), or the filing's province, city and district."""
    from beiancli.regions import find

    if not (name and is_cjk(name[0])):
        return False
    if find(name) is not None:
        return True
    rest = name
    for place in _place_names(ctx):
        rest = rest.replace(place, "")
    return rest != name and not rest.strip()


def check_person_or_place(ctx: Context) -> Iterator[Finding]:
    subject = ctx.draft.subject
    for i, site in enumerate(ctx.draft.websites):
        if not site.name:
            continue
        name = normalise_name(site.name)
        people = [subject.name, subject.principal.name if subject.principal else None]
        people.append(site.principal.name if site.principal else None)
        if any(p and normalise_name(p) == name for p in people):
            yield PERSON_OR_PLACE.finding(
                f"websites[{i}].name", code="own-name", name=site.name, what=Msg("本人姓名", "the person's own name")
            )
        elif _is_place(_nfkc(site.name), ctx):
            yield PERSON_OR_PLACE.finding(f"websites[{i}].name", code="place-name", name=site.name, what=Msg("地名", "a place name"))


PERSON_OR_PLACE = Rule(
    id="BA406",
    name="personal-site-name-person-or-place",
    family="website",
    severity=Severity.WARNING,
    title=Msg("个人网站名称不是本人姓名或地名", "A personal site name is not the person's own name or a place name"),
    message=Msg("个人网站名称「{name}」是{what}", "personal site name “{name}” is {what}"),
    suggestion=Msg(
        "用体现网站内容的名称，例如“张三的技术笔记”“李四的摄影作品集”",
        "use a name that says what the site holds, e.g. “张三的技术笔记” (Zhang San's tech notes)",
    ),
    source="§8.2 (not the person's own name, not a place name) ozabc.com, [XN] (M); §12.2",
    confidence="M",
    check=check_person_or_place,
    filing_types=NEW_SITES,
    natures=INDIVIDUAL,
)


# -- BA407 company-project-remark ----------------------------------------------------------------------

_BRACKETED = ids._Re(r"[(（\[【][^)）\]】]*[)）\]】]", 0)  # compiled on first use: few names have brackets
_OPENERS = frozenset("(（[【")
_LATIN = re.compile(r"[A-Za-z]")


def _city_prefix_end(n: str) -> int | None:
    """Where a leading city or county name ends: 2-3 Chinese characters, then 市 or 县, with 2 more Chinese
    characters after it (the regex `^[\u4e00-\u9fff]{2,3}?[市县](?=[\u4e00-\u9fff]{2})`, shortest first,
    without its ~2 ms compile at start-up); None when there is none."""
    for k in (2, 3):
        if len(n) >= k + 3 and n[k] in "市县" and all_han(n[:k]) and all_han(n[k + 1 : k + 3]):
            return k + 1
    return None


def company_core(name: str, ctx: Context) -> str:
    """The distinctive part of an organisation's name: no region prefix, bracketed parts or organisation form
    (`深圳市示例科技有限公司` -> `示例科技`)."""
    rx = _regexes()
    n = _nfkc(name)
    if not _OPENERS.isdisjoint(n):
        n = _BRACKETED.sub("", n)
    n = n.replace(" ", "")
    n = rx["org_form"].sub("", n, count=1)
    places = _place_names(ctx)
    while True:
        m = rx["province_prefix"].match(n)
        end = m.end() if m is not None else _city_prefix_end(n)
        if end is None:
            hit = next((p for p in places if n.startswith(p) and len(n) - len(p) >= 2), None)
            if hit is None:
                return n
            n = n[len(hit):]
        else:
            n = n[end:]


def _distinct_pairs(core: str) -> set[str]:
    generic = load("naming")["company_name"]["generic_words"]
    pairs = {core[k:k + 2] for k in range(len(core) - 1)}
    return {p for p in pairs if len(p) == 2 and is_cjk(p[0]) and is_cjk(p[1]) and p not in generic}


def check_project_remark(ctx: Context) -> Iterator[Finding]:
    s = ctx.draft.subject
    if not s.name:
        return
    pairs: set[str] = set()
    for n in [s.name, *s.former_names]:
        pairs |= _distinct_pairs(company_core(n, ctx))
    if not pairs:
        return  # nothing distinctive to compare with: cannot tell
    declared = _regexes()["project_remark"]
    for i, site in enumerate(ctx.draft.websites):
        name = _nfkc(site.name)
        if not name or any(p in name for p in pairs):
            continue
        if _LATIN.search(name):
            continue  # a Latin brand may be the trade name in another script: cannot tell
        if site.remark and declared.search(_nfkc(site.remark)):
            continue
        yield PROJECT_REMARK.finding(f"websites[{i}].name", name=site.name, company=s.name)


PROJECT_REMARK = Rule(
    id="BA407",
    name="company-project-remark",
    family="website",
    severity=Severity.WARNING,
    title=Msg(
        "与公司名称无关的网站名称（项目/产品名）在备注中说明“XXXX为本公司的项目/产品”",
        "A site name unrelated to the company's name (a project or product) is declared in the remark",
    ),
    message=Msg(
        "网站名称「{name}」与主办单位「{company}」的字号没有共同部分，像是项目或产品名称，而网站备注未说明",
        "site name “{name}” shares nothing distinctive with the company name “{company}”: it looks like a project or product name, and the site remark does not declare it",
    ),
    suggestion=Msg(
        "在网站备注中写明“{name}为本公司的项目/产品”；或改用含公司字号的名称。部分省份对与公司无关的名称还要求商标注册证",
        "add “{name}为本公司的项目/产品” (… is a project/product of this company) to the site remark, or use a name with the company's trade name; some provinces also ask for a trademark certificate",
    ),
    source="§8.1 [Q-reject] (the remark, H); relatedness test derived (M); Huawei doc_0060 (trademark); rules/data/naming.toml [company_name]",
    confidence="M",
    check=check_project_remark,
    filing_types=NEW_SITES,
    natures=frozenset({"enterprise"}),
)


# -- pre-approval categories and the keyword screen (§8.3) --------------------------------------------

@dataclass(frozen=True, eq=False)
class Category:
    """A pre-approval category (a [[categories]] row of preapproval.toml); compared by identity."""

    id: str
    zh: str
    en: str
    document: str
    body: Msg
    requires_number: bool
    keywords: tuple[str, ...]
    severity: Mapping[str, str]
    """name / remark / scope / personal -> error, warning, info or off."""
    provinces: frozenset[str] | None
    aliases: tuple[str, ...]
    source: str

    @property
    def label(self) -> Msg:
        return Msg(self.zh, f"{self.en} ({self.zh})")

    @property
    def need(self) -> Msg:
        """What the category needs: the document and the approving body, or the note that none exists nationally."""
        if not self.document:
            return Msg(f"全国已无此审批，是否要求由{self.body.zh}决定", f"no national approval any more; {self.body.en} decides")
        return Msg(f"需要{self.document}，由{self.body.zh}审批", f"needs the {self.document} from {self.body.en}")


def categories() -> tuple[Category, ...]:
    """The [[categories]] of preapproval.toml, built once per loaded file."""
    data = load("preapproval")
    if "_categories" not in data:
        out = []
        for r in data["categories"]:
            sev = {k: r.get(k, "off") for k in ("name", "remark", "scope", "personal")}
            bad = [k for k, v in sev.items() if v not in ("error", "warning", "info", "off")]
            if bad:
                raise DataFileError(f"preapproval: category {r.get('id')}: bad severity in {bad}")
            out.append(
                Category(
                    id=r["id"], zh=r["zh"], en=r["en"], document=r.get("document", ""),
                    body=Msg(r["body"], r.get("body_en", r["body"])),
                    requires_number=bool(r.get("requires_number", True)), keywords=tuple(r.get("keywords", ())),
                    severity=sev, provinces=frozenset(r["provinces"]) if "provinces" in r else None,
                    aliases=tuple(r.get("aliases", ())), source=r["source"],
                )
            )
        data["_categories"] = tuple(out)
    return data["_categories"]


def category_of(text: str | None) -> Category | None:
    """The category a ticked item names: by id, Chinese name or alias (`出版`, `publishing`, `互联网金融`)."""
    key = _nfkc(text).casefold()
    for c in categories():
        if key in (c.id, c.zh.casefold(), *(a.casefold() for a in c.aliases)):
            return c
    return None


def _screen_regex(province_id: str | None) -> tuple[re.Pattern[str] | None, re.Pattern[str], dict[str, list[Category]]]:
    data = load("preapproval")
    cache = data.setdefault("_screens", {})
    if province_id not in cache:
        words: dict[str, list[Category]] = {}
        for c in categories():
            if c.provinces is not None and province_id not in c.provinces:
                continue
            for w in c.keywords:
                words.setdefault(_nfkc(w).casefold(), []).append(c)
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        screen = data["screen"]
        negs = "|".join(re.escape(n) for n in sorted(screen["negations"], key=len, reverse=True))
        blanked = f"(?:{negs})[^{re.escape(screen['clause_ends'])}]*"
        if screen.get("not_keywords"):  # 基金会 holds 基金 but is no fund
            blanked += "|" + "|".join(re.escape(_nfkc(w).casefold()) for w in screen["not_keywords"])
        negated = re.compile(blanked)
        cache[province_id] = (re.compile(alt) if alt else None, negated, words)
    return cache[province_id]


def screen(text: str | None, province_id: str | None) -> dict[Category, list[str]]:
    """Pre-approval categories the text's keywords point at, with the words found. Negated clauses
    ("不涉及新闻、出版", "（不含金融业务）") are skipped; a longer keyword wins over one inside it."""
    if not text:
        return {}
    pattern, negated, words = _screen_regex(province_id)
    if pattern is None:
        return {}
    plain = _nfkc(text)
    folded = plain.casefold()
    t = negated.sub(lambda m: "\u3000" * len(m.group(0)), folded)
    same_length = len(folded) == len(plain)
    out: dict[Category, list[str]] = {}
    for m in pattern.finditer(t):
        word = plain[m.start():m.end()] if same_length else m.group(0)  # as written (P2P, not p2p)
        for c in words[m.group(0)]:
            hits = out.setdefault(c, [])
            if word not in hits:
                hits.append(word)
    return out


def _ticked(site: Any) -> set[str]:
    return {c.id for p in site.preapprovals if (c := category_of(p.category)) is not None}


_WHERE = {
    "name": Msg("网站名称", "the site name"),
    "remark": Msg("网站备注", "the site remark"),
    "scope": Msg("经营范围", "the business scope"),
}


# -- BA408 preapproval-keyword -------------------------------------------------------------------------

def check_preapproval_keywords(ctx: Context) -> Iterator[Finding]:
    prov = ctx.province_id
    any_ticked: set[str] = set()
    for i, site in enumerate(ctx.draft.websites):
        ticked = _ticked(site)
        any_ticked |= ticked
        for where, text in (("name", site.name), ("remark", site.remark)):
            for cat, words in screen(text, prov).items():
                if cat.id in ticked or cat.severity[where] == "off":
                    continue
                yield PREAPPROVAL_KEYWORD.finding(
                    f"websites[{i}].{where}", Severity(cat.severity[where]), category=cat.label, category_id=cat.id,
                    words="、".join(words), where=_WHERE[where], need=cat.need,
                )
    for cat, words in screen(ctx.draft.subject.business_scope, prov).items():
        if cat.id in any_ticked or cat.severity["scope"] == "off":
            continue
        yield PREAPPROVAL_KEYWORD.finding(
            "subject.business_scope", Severity(cat.severity["scope"]), category=cat.label, category_id=cat.id,
            words="、".join(words), where=_WHERE["scope"], need=cat.need,
        )


PREAPPROVAL_KEYWORD = Rule(
    id="BA408",
    name="preapproval-keyword",
    family="website",
    severity=Severity.WARNING,
    title=Msg(
        "名称、备注或经营范围提示涉及前置审批（新闻、出版、金融、论坛……）时，网站勾选了相应前置审批项",
        "When the name, remark or business scope suggests pre-approval content (news, publishing, finance, forums ...), the item is ticked",
    ),
    message=Msg(
        "{where}中的「{words}」提示涉及“{category}”前置审批，但没有网站勾选该项",
        "“{words}” in {where} suggests “{category}” content, which needs pre-approval, but no website ticks that item",
    ),
    suggestion=Msg(
        "若网站确实提供此类内容：勾选“{category}”并填写审批文号、上传审批文件（{need}）；若不涉及，修改措辞，部分省份还要求签署“不涉及前置审批”承诺书",
        "if the site does offer it, tick “{category}” with the approval number and upload the document ({need}); if not, reword it — some provinces also want a signed 不涉及 (not applicable) commitment",
    ),
    source="§8.3 (categories; screening approach of Huawei [P9]); §6.3 (no 论坛 without BBS approval); §12.1 #5; rules/data/preapproval.toml",
    confidence="M",
    check=check_preapproval_keywords,
    filing_types=NEW_SITES,
    natures=ORGANISATION,
)


# -- BA409 personal-preapproval ------------------------------------------------------------------------

def check_personal_preapproval(ctx: Context) -> Iterator[Finding]:
    prov = ctx.province_id
    for i, site in enumerate(ctx.draft.websites):
        for j, item in enumerate(site.preapprovals):
            cat = category_of(item.category)
            label = cat.label if cat else Msg(item.category, item.category)
            yield PERSONAL_PREAPPROVAL.finding(
                f"websites[{i}].preapprovals[{j}]", Severity.ERROR, code="ticked",
                what=Msg(f"网站勾选了“{label.zh}”前置审批项", f"the website ticks the “{label.en}” pre-approval item"),
            )
        if site.preapprovals:
            continue
        for where, text in (("name", site.name), ("remark", site.remark)):
            for cat, words in screen(text, prov).items():
                if cat.severity["personal"] == "off":
                    continue
                w = "、".join(words)
                yield PERSONAL_PREAPPROVAL.finding(
                    f"websites[{i}].{where}", Severity(cat.severity["personal"]), code="keyword", category_id=cat.id,
                    what=Msg(
                        f"{_WHERE[where].zh}中的「{w}」提示涉及“{cat.zh}”内容",
                        f"“{w}” in {_WHERE[where].en} suggests “{cat.en}” content",
                    ),
                )


PERSONAL_PREAPPROVAL = Rule(
    id="BA409",
    name="personal-preapproval",
    family="website",
    severity=Severity.ERROR,
    title=Msg("个人网站不涉及需要前置审批的内容", "A personal site has no content that needs pre-approval"),
    message=Msg("个人备案不能涉及前置审批内容：{what}", "a personal filing cannot carry pre-approval content: {what}"),
    suggestion=Msg(
        "个人无法取得前置审批：去掉该项及相关内容并改用体现个人内容的名称；若确需开展此类业务，请以单位身份备案",
        "individuals cannot obtain pre-approval: drop the item and the content and rename the site after its personal content; to run such a service, file as an organisation",
    ),
    source="§8.2 [Q-can], [Q-site] (individuals cannot obtain 前置审批); §8.3; §12.1 #5; rules/data/preapproval.toml",
    confidence="H",
    check=check_personal_preapproval,
    filing_types=PREAPPROVAL_TYPES,
    natures=INDIVIDUAL,
)


# -- BA410 preapproval-item ----------------------------------------------------------------------------

def check_preapproval_items(ctx: Context) -> Iterator[Finding]:
    min_days = int(load("preapproval")["screen"]["min_valid_days"])
    for i, site in enumerate(ctx.draft.websites):
        for j, item in enumerate(site.preapprovals):
            path = f"websites[{i}].preapprovals[{j}]"
            cat = category_of(item.category)
            label = cat.label if cat else Msg(item.category, item.category)
            common = {"site": i + 1, "category": label}
            if cat is None:
                known = "、".join(c.zh for c in categories())
                yield PREAPPROVAL_ITEM.finding(
                    f"{path}.category", Severity.WARNING, code="unknown-category", **common,
                    problem=Msg(f"不是已知的前置审批类别（{known}）", f"is not a known category ({known})"),
                )
            if (cat is None or cat.requires_number) and not item.number:
                yield PREAPPROVAL_ITEM.finding(
                    f"{path}.number", Severity.ERROR, code="no-number", **common,
                    problem=Msg("没有填写审批文号", "has no approval number"),
                )
            p = ids.check_validity(item.valid_until, long_term=False, today=ctx.submission_date, min_days=min_days)
            if p is not None:
                until = item.valid_until.isoformat() if item.valid_until else ""
                if p.code == "expired":
                    problem = Msg(f"的审批文件已于 {until} 到期", f"has an approval that expired on {until}")
                else:
                    left = (item.valid_until - ctx.submission_date).days if item.valid_until else 0
                    problem = Msg(
                        f"的审批文件 {until} 到期，提交时只剩 {left} 天（不足 {min_days} 天）",
                        f"has an approval valid until {until}: {left} days left at submission (fewer than {min_days})",
                    )
                yield PREAPPROVAL_ITEM.finding(
                    f"{path}.valid_until", Severity(p.severity), code=p.code, **common, problem=problem
                )


PREAPPROVAL_ITEM = Rule(
    id="BA410",
    name="preapproval-item",
    family="website",
    severity=Severity.ERROR,
    title=Msg("勾选的前置审批项有审批文号且在有效期内", "A ticked pre-approval item has its approval number and is within its validity"),
    message=Msg("网站 {site} 的前置审批项“{category}”{problem}", "website {site}: pre-approval item “{category}” {problem}"),
    suggestion=Msg(
        "填写审批文件上的文号和有效期，并上传审批文件（材料 preapproval-document，见 BA501）；过期或将到期的先办理延续",
        "enter the number and validity date printed on the approval and upload it (material preapproval-document, see BA501); renew an approval that has expired or is about to",
    ),
    source="§8.3 [Q-preapp]; §6.2 前置审批项 [Q-site]; §12.1 #5 (approval validity dates checked); rules/data/preapproval.toml",
    confidence="H",
    check=check_preapproval_items,
    filing_types=PREAPPROVAL_TYPES,
    natures=ORGANISATION,
)


# -- BA411 organisation-sites-per-order ----------------------------------------------------------------

def check_org_sites(ctx: Context) -> Iterator[Finding]:
    limit = load("naming")["per_order"]["organisation"]
    sites = ctx.draft.websites
    for i in range(limit, len(sites)):
        yield ORG_SITES.finding(f"websites[{i}]", count=len(sites), limit=limit, site=i + 1)


ORG_SITES = Rule(
    id="BA411",
    name="organisation-sites-per-order",
    family="website",
    severity=Severity.ERROR,
    title=Msg("单位备案每次最多提交 10 个网站", "An organisation's order lists at most 10 websites"),
    message=Msg(
        "单位备案一次最多提交 {limit} 个网站，此草稿有 {count} 个（网站 {site} 超出）",
        "an organisation's order takes at most {limit} websites; this draft has {count} (website {site} is over)",
    ),
    suggestion=Msg(
        "把超出的网站放到另一份草稿中，本次备案通过后用“新增网站”提交",
        "move the extra websites to another draft and file them as add-site after this filing is approved",
    ),
    source="§1.6 per order: organisation ≤10 websites [Q-site]; §12.2; rules/data/naming.toml [per_order]",
    confidence="H",
    check=check_org_sites,
    filing_types=ORDERS,
    natures=ORGANISATION,
)


# -- BA412 province-order-limit ------------------------------------------------------------------------

def check_province_order_limit(ctx: Context) -> Iterator[Finding]:
    row = ctx.province_rules
    sites = ctx.draft.websites
    prov = ctx.province_id
    if row.get("one_site_per_order") and ctx.is_organisation:  # individuals: BA403 (error) already
        sev = Severity(row.get("severity", "warning"))
        for i in range(1, len(sites)):
            yield PROVINCE_ORDER_LIMIT.finding(
                f"websites[{i}]", sev, code="one-site", province=prov, basis=row.get("source", ""),
                problem=Msg(
                    f"每次只受理 1 个网站，此草稿有 {len(sites)} 个（网站 {i + 1} 多余）",
                    f"accepts one website per submission; this draft has {len(sites)} (website {i + 1} is extra)",
                ),
            )
    sr = site_rules(prov)
    cap = sr.get("max_new_domains_per_order")
    if cap:
        domains = [(i, j, d.name) for i, s in enumerate(sites) for j, d in enumerate(s.domains)]
        for i, j, name in domains[cap:]:
            yield PROVINCE_ORDER_LIMIT.finding(
                f"websites[{i}].domains[{j}]", Severity(sr["severity"]), code="domains", province=prov,
                basis=sr.get("source", ""),
                problem=Msg(
                    f"每个订单最多受理 {cap} 个新域名，此草稿有 {len(domains)} 个（{name} 超出）",
                    f"accepts at most {cap} new domains per order; this draft has {len(domains)} ({name} is over)",
                ),
            )


PROVINCE_ORDER_LIMIT = Rule(
    id="BA412",
    name="province-order-limit",
    family="website",
    severity=Severity.WARNING,
    title=Msg(
        "遵守省管局的单次提交上限（河南、湖北、湖南每次 1 个网站；山西每次最多 3 个新域名）",
        "The order stays within the province's per-order limit (Henan, Hubei, Hunan: one website; Shanxi: 3 new domains)",
    ),
    message=Msg("{province}管局{problem}", "the {province} bureau {problem}"),
    suggestion=Msg(
        "分成多份草稿依次提交：本次通过后再用“新增网站”提交其余网站（依据：{basis}）",
        "split the order: file the rest as add-site after this one is approved (basis: {basis})",
    ),
    source="§1.6 (one site per submission: Henan, Hubei, Hunan [JD:*], [JSY], [P18]; Shanxi ≤3 new domains [HWP]); §9.3; province_rules.toml",
    confidence="M",
    check=check_province_order_limit,
    filing_types=ORDERS,
)


# -- BA413 province-site-cap ---------------------------------------------------------------------------

def _filed_site_keys(filed: Any) -> set[str]:
    return {s.site_number or s.domain.lower() for s in filed.sites if s.kind == "website"} if filed else set()


def check_province_site_cap(ctx: Context) -> Iterator[Finding]:
    sr = site_rules(ctx.province_id)
    key = "max_sites_individual" if ctx.is_individual else "max_sites_organisation"
    cap = sr.get(key)
    if not cap:
        return
    filed = _filed_subject(ctx)
    filed_domains = {s.domain.lower() for s in filed.sites} if filed else set()
    new = [
        w for w in ctx.draft.websites
        if w.kind == "website" and not any(d.name.lower() in filed_domains for d in w.domains)
    ]
    total = len(_filed_site_keys(filed)) + len(new)
    if total > cap:
        yield PROVINCE_SITE_CAP.finding(
            "websites", Severity(sr["severity"]), province=ctx.province_id, cap=cap, total=total,
            filed=total - len(new), new=len(new), basis=sr.get("source", ""),
        )


PROVINCE_SITE_CAP = Rule(
    id="BA413",
    name="province-site-cap",
    family="website",
    severity=Severity.WARNING,
    title=Msg(
        "主体的网站总数不超过省管局上限（陕西：单位 30 个，个人 5 个）",
        "The subject's websites stay within the province's cap (Shaanxi: 30 per organisation, 5 per individual)",
    ),
    message=Msg(
        "{province}每个主体最多 {cap} 个网站；已备案 {filed} 个，加上本次 {new} 个共 {total} 个",
        "{province} allows at most {cap} websites per subject; {filed} filed plus {new} in this draft make {total}",
    ),
    suggestion=Msg(
        "注销不再使用的网站，或减少本次提交的网站（依据：{basis}）",
        "cancel websites no longer used, or submit fewer sites (basis: {basis})",
    ),
    source="§9.3 陕西 [JD:Shaanxi], [HWX3] (M); §1.6; province_rules.toml [[site_rules]]",
    confidence="M",
    check=check_province_site_cap,
    filing_types=ORDERS | {"access", "one-click-access"},
)


# -- BA414 personal-content-type -----------------------------------------------------------------------

def check_personal_content_type(ctx: Context) -> Iterator[Finding]:
    types_ = load("site_options")["content_types"]
    usual = [c["value"] for c in types_ if "individual" in c.get("default_for", ())]
    offered = {c["value"] for c in types_ if "individual" in c.get("kinds", ())}
    for i, site in enumerate(ctx.draft.websites):
        ct = _nfkc(site.content_type)
        if not ct or ct in usual:
            continue
        # offered to individuals but not the usual choice (older consoles' 博客/个人空间): advice
        sev = Severity.INFO if ct in offered else Severity.WARNING
        yield PERSONAL_CONTENT_TYPE.finding(
            f"websites[{i}].content_type", sev, content_type=site.content_type, expected="、".join(usual)
        )


PERSONAL_CONTENT_TYPE = Rule(
    id="BA414",
    name="personal-content-type",
    family="website",
    severity=Severity.WARNING,
    title=Msg("个人网站的服务内容选“其他”", "A personal site's content type is 其他 (other)"),
    message=Msg("个人网站的服务内容是“{content_type}”", "a personal site's content type is “{content_type}”"),
    suggestion=Msg(
        "个人网站的服务内容一般选“{expected}”；门户、商城等类型只适用于单位",
        "personal sites normally choose “{expected}” (other); portal, shop and similar types are for organisations",
    ),
    source="§6.2 服务内容 [Q-site]; §8.2; rules/data/site_options.toml [[content_types]] (kinds, default_for)",
    confidence="M",
    check=check_personal_content_type,
    filing_types=NEW_SITES,
    natures=INDIVIDUAL,
)


# -- BA415 site-languages-declared ---------------------------------------------------------------------

def check_languages_declared(ctx: Context) -> Iterator[Finding]:
    if not site_rules(ctx.province_id).get("languages_declared"):
        return
    for i, site in enumerate(ctx.draft.websites):
        if "languages" not in site.model_fields_set or not site.languages:
            yield LANGUAGES_DECLARED.finding(f"websites[{i}].languages", province=ctx.province_id, site=i + 1)


LANGUAGES_DECLARED = Rule(
    id="BA415",
    name="site-languages-declared",
    family="website",
    severity=Severity.INFO,
    title=Msg("新疆：网站语言明确勾选实际使用的语言", "Xinjiang: the languages a site uses are ticked explicitly"),
    message=Msg(
        "{province}要求勾选网站实际使用的全部语言，网站 {site} 没有填写网站语言",
        "{province} wants every language the site uses ticked; website {site} does not list its languages",
    ),
    suggestion=Msg(
        "在网站信息中填写 languages，列出实际使用的全部语言，例如 [\"zh-Hans\", \"ug\"]",
        "set languages for the website to every language it actually uses, e.g. [\"zh-Hans\", \"ug\"]",
    ),
    source="§9.3 新疆 [Qd-prov]; §6.2 网站语言; province_rules.toml [[site_rules]]",
    confidence="M",
    check=check_languages_declared,
    filing_types=NEW_SITES,
)


# -- BA416 personal-remark-declaration -----------------------------------------------------------------

def check_personal_remark(ctx: Context) -> Iterator[Finding]:
    sr = site_rules(ctx.province_id)
    if not sr.get("personal_remark_declaration"):
        return
    cfg = load("naming")["personal_remark"]
    for i, site in enumerate(ctx.draft.websites):
        remark = _nfkc(site.remark)
        if any(w in remark for w in cfg["personal"]) and any(w in remark for w in cfg["non_commercial"]):
            continue
        yield PERSONAL_REMARK.finding(
            f"websites[{i}].remark", Severity(sr["severity"]), province=ctx.province_id, site=i + 1,
            example=cfg["example"], basis=sr.get("source", ""),
        )


PERSONAL_REMARK = Rule(
    id="BA416",
    name="personal-remark-declaration",
    family="website",
    severity=Severity.WARNING,
    title=Msg(
        "天津、广西、甘肃：个人网站备注声明为个人非经营性网站",
        "Tianjin, Guangxi, Gansu: a personal site's remark declares it personal and non-commercial",
    ),
    message=Msg(
        "{province}要求个人网站在备注中声明“个人、非经营性”，网站 {site} 的备注没有",
        "{province} wants a personal site's remark to declare it personal and non-commercial; website {site}'s remark does not",
    ),
    suggestion=Msg(
        "在网站备注中写明，例如：“{example}”，并简述网站上线后的内容（依据：{basis}）",
        "write it in the site remark, e.g. “{example}”, and say what the site will contain after launch (basis: {basis})",
    ),
    source="§9.3 天津 / 广西 / 甘肃 [TJ], [Qd-prov], [GS]; §6.2 网站备注; province_rules.toml [[site_rules]]",
    confidence="M",
    check=check_personal_remark,
    filing_types=NEW_SITES,
    natures=INDIVIDUAL,
)


# -- BA417 province-distinct-site-names ----------------------------------------------------------------

def check_distinct_names(ctx: Context) -> Iterator[Finding]:
    sr = site_rules(ctx.province_id)
    if not sr.get("distinct_site_names"):
        return
    sev = Severity(sr["severity"])
    filed = _filed_subject(ctx)
    filed_names = {}
    for s in filed.sites if filed else ():
        if s.name:
            filed_names.setdefault(normalise_name(s.name), s.domain)
    seen: dict[str, int] = {}
    for i, site in enumerate(ctx.draft.websites):
        if not site.name:
            continue
        key = normalise_name(site.name)
        if key in seen:
            other = _site_label(seen[key])
        elif key in filed_names and all(d.name.lower() != filed_names[key].lower() for d in site.domains):
            other = Msg(f"已备案的 {filed_names[key]}", f"the filed site {filed_names[key]}")
        else:
            seen[key] = i
            continue
        yield DISTINCT_NAMES.finding(
            f"websites[{i}].name", sev, name=site.name, other=other, province=ctx.province_id, basis=sr.get("source", "")
        )


DISTINCT_NAMES = Rule(
    id="BA417",
    name="province-distinct-site-names",
    family="website",
    severity=Severity.WARNING,
    title=Msg("陕西：同一主体的网站名称互不相同", "Shaanxi: the websites of one subject have distinct names"),
    message=Msg(
        "{province}要求同一主体的网站名称不重复，「{name}」与{other}同名",
        "{province} wants distinct names for one subject's websites; “{name}” is also the name of {other}",
    ),
    suggestion=Msg(
        "给每个网站取能区分内容的名称，如“示例科技官网”“示例科技商城”（依据：{basis}）",
        "give each website a name that tells it apart, e.g. “示例科技官网” and “示例科技商城” (basis: {basis})",
    ),
    source="§9.3 陕西 [JD:Shaanxi], [HWX3] (M); province_rules.toml [[site_rules]]",
    confidence="M",
    check=check_distinct_names,
    filing_types=NEW_SITES,
)
