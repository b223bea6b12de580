"""Materials rules (BA5xx): every document the filing needs is listed, and every listed file is usable.

The matrix and the file checks live in rules/materials.py (shared with `beian checklist`); these rules turn
their answers into findings. Material paths are relative to the draft file's directory (`ctx.base_dir`).
"""

from __future__ import annotations

from collections.abc import Iterator

from beiancli.i18n import Msg
from beiancli.rules import materials as mat
from beiancli.rules.base import Context, Finding, Rule, Severity

_NO_SITE = Msg("", "")


def _site_label(site: int | None) -> Msg:
    return _NO_SITE if site is None else Msg(f"（网站 {site + 1}）", f" (website {site + 1})")


def _provided(ctx: Context, req: mat.Requirement, by_kind: dict[str, list] | None = None) -> bool:
    """Does the draft list `req`'s material? `by_kind` (the draft's materials grouped by kind, in order) spares
    a scan of every material for each requirement."""
    one_site = len(ctx.draft.websites) == 1
    for m in ctx.draft.materials if by_kind is None else by_kind.get(req.kind, ()):
        if m.kind != req.kind:
            continue
        if req.site is not None and m.site != req.site and not (m.site is None and one_site):
            continue
        if m.path or (m.skipped and req.skippable):
            return True
    return False


def check_missing(ctx: Context) -> Iterator[Finding]:
    by_kind: dict[str, list] = {}
    for m in ctx.draft.materials:
        by_kind.setdefault(m.kind, []).append(m)
    for req in mat.requirements_for(ctx):
        if not _provided(ctx, req, by_kind):
            yield MATERIAL_MISSING.finding(
                "materials",
                req.severity,
                kind=req.kind,
                name=req.name,
                where=_site_label(req.site),
                site=req.site,
                source=req.source,
                skip=Msg("；或在接入商小程序中完成后标记 skipped = true", "; or mark skipped = true once done in the provider's app")
                if req.skippable
                else _NO_SITE,
            )


MATERIAL_MISSING = Rule(
    id="BA501",
    name="material-missing",
    family="materials",
    severity=Severity.ERROR,
    title=Msg("所需的备案材料都已列出", "Every material the filing needs is listed"),
    message=Msg("缺少材料：{name}{where}", "missing material: {name}{where}"),
    suggestion=Msg(
        '在 [[materials]] 中添加 kind = "{kind}" 及其文件 path{skip}（依据：{source}）',
        'add a [[materials]] entry with kind = "{kind}" and its file path{skip} (basis: {source})',
    ),
    source="§7.1, §7.2; rules/data/materials.toml",
    confidence="H",
    check=check_missing,
)


# -- the files -------------------------------------------------------------------------------------------

_PROBLEM = {
    "missing": Msg("不存在", "does not exist"),
    "not-a-file": Msg("不是文件", "is not a file"),
    "unreadable": Msg("无法读取", "cannot be read"),
    "format": Msg("的内容格式为 {found}，此材料只接受 {allowed}", "is {found} by content; this material takes {allowed}"),
    "corrupt": Msg("无法解码（文件损坏？）", "cannot be decoded (damaged?)"),
    "over-cap": Msg(
        "大小 {mb} MB，超过接入商（{provider}）上限 {cap_mb:g} MB",
        "is {mb} MB, over the provider's ({provider}) cap of {cap_mb:g} MB",
    ),
    "too-large": Msg(
        "大小 {mb} MB，超过最严格的上限 {cap_mb:g} MB（部分接入商会拒收）",
        "is {mb} MB, over the strictest cap of {cap_mb:g} MB (some providers refuse it)",
    ),
    "too-small-pixels": Msg("尺寸 {width}×{height} 像素，小于 {bound}", "is {width}×{height} px, smaller than {bound}"),
    "too-large-pixels": Msg("尺寸 {width}×{height} 像素，大于 {bound}", "is {width}×{height} px, larger than {bound}"),
}
_RULE_OF = {
    "missing": "BA502",
    "not-a-file": "BA502",
    "unreadable": "BA502",
    "format": "BA503",
    "corrupt": "BA503",
    "over-cap": "BA504",
    "too-large": "BA504",
    "too-small-pixels": "BA505",
    "too-large-pixels": "BA505",
}


def _file_problems(ctx: Context) -> list[tuple[int, mat.FileProblem]]:
    """(material index, problem) for every listed file: computed once per draft for BA502-BA505."""
    materials = ctx.draft.materials
    if not materials:
        return []
    data = mat.load("materials")
    reqs = _requirements_by_kind(data)
    checks = data.setdefault("_file_checks", {})
    provider = ctx.provider_id
    file = ctx.file
    out = []
    for i, m in enumerate(materials):
        if not m.path or m.skipped:
            continue
        facts = file(m.path)
        req = reqs.get(m.kind)
        hit = checks.get((id(facts), id(req), provider))  # _checked(), inlined: ~4 files per draft
        problems = hit[2] if hit is not None and hit[0] is facts and hit[1] is req else _checked(facts, req, provider)
        if problems:
            out.extend((i, p) for p in problems)
    return out


def _requirements_by_kind(data: dict) -> dict[str, mat.Requirement]:
    """kind -> its (draft-independent) Requirement for every item of the loaded materials data, built once."""
    reqs = data.get("_requirements_by_kind")
    if reqs is None:
        reqs = data["_requirements_by_kind"] = {kind: mat._requirement(item) for kind, item in mat.item_index().items()}
    return reqs


def _checked(facts: mat.FileFacts, req: mat.Requirement | None, provider: str | None) -> tuple[mat.FileProblem, ...]:
    """`check_facts`, once per (file facts, requirement, provider): a batch names the same files and kinds in
    draft after draft, and the facts of an unchanged file are the same object (materials.probe). The entry
    holds the facts and requirement, so their ids are not reused while it exists; bounded. Kept with the
    loaded materials data (whose upload limits it uses), so a reload (set_override_dir) starts afresh."""
    cache = mat.load("materials").setdefault("_file_checks", {})
    key = (id(facts), id(req), provider)
    hit = cache.get(key)
    if hit is not None and hit[0] is facts and hit[1] is req:
        return hit[2]
    if len(cache) >= 1024:
        cache.clear()
    problems = tuple(mat.check_facts(facts, req, provider))
    cache[key] = (facts, req, problems)
    return problems


def _file_findings(ctx: Context, rule_id: str) -> Iterator[Finding]:
    for i, p in ctx.memo("file-problems", lambda: _file_problems(ctx)):
        if _RULE_OF[p.code] != rule_id:
            continue
        problem = Msg(_PROBLEM[p.code].zh.format(**p.data), _PROBLEM[p.code].en.format(**p.data))
        yield Finding(rule_id, f"materials[{i}].path", {**p.data, "code": p.code, "problem": problem}, p.severity)


def _rule_checker(rule_id: str):
    def check(ctx: Context) -> Iterator[Finding]:
        return _file_findings(ctx, rule_id)

    return check


FILE_MISSING = Rule(
    id="BA502",
    name="material-file-missing",
    family="materials",
    severity=Severity.ERROR,
    title=Msg("材料文件存在且可读", "A listed material file exists and can be read"),
    message=Msg("材料文件 {file} {problem}", "material file {file} {problem}"),
    suggestion=Msg(
        "检查 path（相对于草稿文件所在目录）",
        "check the path (it is relative to the draft file's directory)",
    ),
    source="§7.4; §12.1 #6",
    confidence="H",
    check=_rule_checker("BA502"),
)

FILE_FORMAT = Rule(
    id="BA503",
    name="material-file-format",
    family="materials",
    severity=Severity.ERROR,
    title=Msg("材料文件是 JPEG/PNG（或允许时的 PDF）", "A material file is JPEG/PNG (or PDF where allowed), by content"),
    message=Msg("材料文件 {file} {problem}", "material file {file} {problem}"),
    suggestion=Msg(
        "重新导出为 JPG 或 PNG（修改扩展名无效：按文件内容判断）",
        "export it again as JPG or PNG (renaming does not help: the content is checked)",
    ),
    source="§7.4 (jpg/png: Huawei [P8], Volcengine, small hosts); §12.1 #6",
    confidence="H",
    check=_rule_checker("BA503"),
)

FILE_SIZE = Rule(
    id="BA504",
    name="material-file-size",
    family="materials",
    severity=Severity.WARNING,
    title=Msg("材料文件不超过大小上限", "A material file is within the upload size caps"),
    message=Msg("材料文件 {file} {problem}", "material file {file} {problem}"),
    suggestion=Msg("压缩图片（降低分辨率或 JPEG 质量）后再上传", "compress the image (lower resolution or JPEG quality)"),
    source="§7.4 (3 MB strictest: warning; the provider's cap 4-5 MB: error); §12.2",
    confidence="M",
    check=_rule_checker("BA504"),
)

FILE_PIXELS = Rule(
    id="BA505",
    name="material-file-pixels",
    family="materials",
    severity=Severity.WARNING,
    title=Msg("图片尺寸在 500×300 到 5000×5000 像素之间", "An image is between 500×300 and 5000×5000 pixels"),
    message=Msg("材料文件 {file} {problem}", "material file {file} {problem}"),
    suggestion=Msg("重新扫描或拍摄，使四角完整、文字清晰", "scan or photograph it again so every edge is visible and the text is sharp"),
    source="§7.4 (Volcengine bounds, M); §12.2",
    confidence="M",
    check=_rule_checker("BA505"),
)


def check_duplicates(ctx: Context) -> Iterator[Finding]:
    d = ctx.draft
    for i, j in mat.duplicates(d, ctx.base_dir, facts_of=ctx.file):
        yield FILE_DUPLICATE.finding(
            f"materials[{i}].path", kind=d.materials[i].kind, other_kind=d.materials[j].kind, other=j
        )


FILE_DUPLICATE = Rule(
    id="BA506",
    name="material-duplicate",
    family="materials",
    severity=Severity.WARNING,
    title=Msg("不同材料没有使用同一个文件", "Two different materials are not the same file"),
    message=Msg(
        "材料 {kind} 与 materials[{other}]（{other_kind}）的文件内容完全相同",
        "material {kind} has the same content as materials[{other}] ({other_kind})",
    ),
    suggestion=Msg("为每项材料上传它自己的文件", "upload the right document for each material"),
    source="§7 (issue #4: not a duplicate of another material); §12.1 #6",
    confidence="M",
    check=check_duplicates,
)


def check_kinds(ctx: Context) -> Iterator[Finding]:
    known = mat.item_index()
    for i, m in enumerate(ctx.draft.materials):
        if m.kind not in known:
            yield UNKNOWN_KIND.finding(f"materials[{i}].kind", kind=m.kind, known=", ".join(known))


UNKNOWN_KIND = Rule(
    id="BA507",
    name="material-kind-unknown",
    family="materials",
    severity=Severity.WARNING,
    title=Msg("材料类型是已知的类型", "A material's kind is one beiancli knows"),
    message=Msg("未知的材料类型 {kind}", "unknown material kind {kind}"),
    suggestion=Msg("使用以下之一：{known}（`beian checklist` 列出所需材料）", "use one of: {known} (`beian checklist` lists what is needed)"),
    source="§7; rules/data/materials.toml",
    confidence="H",
    check=check_kinds,
)
