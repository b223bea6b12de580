"""Rewritten hot paths of the lint engine give the answers of the code they replaced.

missing_fields() (BA001) walks one compiled tree of the required fields and builds a path string only for the missing
ones; the reference below is the previous implementation, word for word, run against generated drafts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beiancli.models import FILING_TYPES, Draft
from beiancli.rules import completeness
from beiancli.rules.base import ids_tables


def _expand(obj: Any, parts: list[str], prefix: str, out: list[tuple[str, Any]]) -> None:
    for n, head in enumerate(parts):
        if head.endswith("[*]"):
            key = head[:-3]
            path = f"{prefix}.{key}" if prefix else key
            items = getattr(obj, key, None) if obj is not None else None
            for i, item in enumerate(items or ()):
                _expand(item, parts[n + 1 :], f"{path}[{i}]", out)
            return
        prefix = f"{prefix}.{head}" if prefix else head
        obj = getattr(obj, head, None) if obj is not None else None
    out.append((prefix, obj))


def _missing_reference(draft: Draft, alternatives: list[list[str]]) -> list[str]:
    first: list[tuple[str, Any]] = []
    _expand(draft, alternatives[0], "", first)
    missing = [(j, path) for j, (path, value) in enumerate(first) if not completeness._present(value)]
    if missing and len(alternatives) > 1:
        for parts in alternatives[1:]:
            other: list[tuple[str, Any]] = []
            _expand(draft, parts, "", other)
            missing = [(j, p) for j, p in missing if not (j < len(other) and completeness._present(other[j][1]))]
    return [p for _, p in missing]


def missing_fields_reference(draft: Draft, kind: str | None = None) -> list[str]:
    if kind is None and draft.subject.nature:
        nature = ids_tables()[0].get(draft.subject.nature)
        kind = nature.kind if nature else None
    out: list[str] = []
    for pattern in completeness.required_fields(draft.filing_type, kind):
        alternatives = [alt.split(".") for alt in pattern.split("|")]
        if "[*]" in pattern:
            out.extend(_missing_reference(draft, alternatives))
        elif not any(completeness._present(completeness._get(draft, parts)) for parts in alternatives):
            out.append(pattern.split("|")[0])
    return out


text = st.sampled_from([None, "", "  ", "x", "张三"])
maybe = lambda strategy: st.one_of(st.none(), strategy)  # noqa: E731
person = st.fixed_dictionaries({}, optional={
    "name": text, "cert_type": text, "cert_number": text, "cert_long_term": st.booleans(),
    "cert_valid_until": maybe(st.dates()), "mobile": text, "emergency_phone": text, "email": text,
    "is_legal_representative": maybe(st.booleans()),
})
domain = st.fixed_dictionaries({"name": st.just("example.cn")}, optional={
    "registrant": text, "expiry_date": maybe(st.dates()), "realname_date": maybe(st.dates()),
})
website = st.fixed_dictionaries({}, optional={
    "name": text, "content_type": text, "site_number": text, "principal": maybe(person),
    "domains": st.lists(domain, max_size=3),
})
draft_dict = st.fixed_dictionaries({"filing_type": st.sampled_from(sorted(FILING_TYPES))}, optional={
    "province": text, "city": text, "district": text,
    "subject": st.fixed_dictionaries({}, optional={
        "name": text, "nature": st.sampled_from([None, "", "enterprise", "individual", "government", "nonsense"]),
        "cert_type": text, "cert_number": text, "address": text, "cert_address": text, "investor": text,
        "legal_representative": text, "icp_number": text, "principal": maybe(person),
    }),
    "websites": st.lists(website, max_size=3),
})


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=draft_dict, kind=st.sampled_from([None, "organisation", "individual"]))
def test_missing_fields_agrees_with_the_previous_implementation(data, kind):
    d = Draft.model_validate(data)
    assert completeness.missing_fields(d) == missing_fields_reference(d)
    assert completeness.missing_fields(d, kind) == missing_fields_reference(d, kind)


def test_path_template_keeps_odd_parts():
    assert completeness._template(["websites[*]", "domains[*]", "name"]) == "websites[{}].domains[{}].name"
    assert completeness._template(["a{b}", "c[*]d"]).format() == "a{b}.c[*]d"


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=draft_dict, province=st.sampled_from([None, "", "广东", "北京", "上海市", "Zhejiang", "江苏", "火星"]))
def test_applicable_rules_are_what_each_rule_says(data, province):
    import datetime as dt

    from beiancli.rules import registry
    from beiancli.rules.base import Context

    d = Draft.model_validate({**data, "province": province})
    for chosen in (registry.RULES, registry.RULES[::3]):
        for _ in range(2):  # the second time from the cache
            ctx = Context(draft=d, today=dt.date(2026, 11, 26))
            expected = tuple(r for r in chosen if r.applies(Context(draft=d, today=dt.date(2026, 11, 26))))
            assert registry._applicable(chosen, ctx) == expected


def test_file_checks_are_kept_per_file_state_requirement_and_provider(tmp_path):
    from tests.rules.casefiles import make_file

    from beiancli.rules import materials as mat
    from beiancli.rules import materials_rules

    reqs = [None, *mat.requirements("first", "enterprise", "广东")]
    f = tmp_path / "scan.png"
    make_file(f, 300_000, 600, 400)
    for size, w, h in ((300_000, 600, 400), (4_300_000, 600, 400), (100_000, 20, 20)):
        make_file(f, size, w, h)
        facts = mat.probe(f)
        for req in reqs:
            for provider in (None, "tencent", "aliyun"):
                for _ in range(2):  # the second answer is the kept one
                    assert list(materials_rules._checked(facts, req, provider)) == mat.check_facts(facts, req, provider)
    missing = mat.probe(tmp_path / "none.png")
    assert [p.code for p in materials_rules._checked(missing, None, None)] == ["missing"]


def test_probe_in_is_probe_of_the_joined_path(tmp_path, monkeypatch):
    """Context.file probes through materials.probe_in, which keeps the joined name per (absolute base, relpath):
    the same facts as probing the joined path, for relative, absolute and odd relpaths and a relative base."""
    from tests.rules.casefiles import make_file

    from beiancli.rules import materials as mat

    (tmp_path / "d" / "m").mkdir(parents=True)
    make_file(tmp_path / "d" / "m" / "a.png", 300_000, 600, 400)
    (tmp_path / "d" / "b.pdf").write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    rels = ["m/a.png", "./m/a.png", "m//a.png", "x/../m/a.png", "b.pdf", "../d/b.pdf", "none.png", "m",
            str(tmp_path / "d" / "b.pdf"), "nul\0.png", ""]
    for base in (str(tmp_path / "d"), str(tmp_path / "d") + "/", "d", None):
        for rel in rels:
            for _ in range(2):  # the second answer comes from the kept name
                joined = os.path.join(base or os.getcwd(), rel)
                assert mat.probe_in(base, rel) == mat.probe(joined), (base, rel)
    # a file that changes is probed again
    make_file(tmp_path / "d" / "m" / "a.png", 100_000, 20, 20)
    assert mat.probe_in(str(tmp_path / "d"), "m/a.png").width == 20


def test_lint_without_filters_is_the_filtered_loop():
    """registry.lint runs a loop without the per-rule severity and path filters when there are none; it gives
    the findings of the filtered loop (asked for every path a finding has), for every example draft."""
    import datetime as dt
    from pathlib import Path

    from beiancli import store
    from beiancli.errors import InputError
    from beiancli.rules import registry

    seen = 0
    for p in sorted((Path(__file__).resolve().parents[2] / "examples" / "drafts").glob("*.toml")):
        try:
            loaded = store.read_toml(p, what=store.DRAFT)
            draft = store.validate(loaded, "draft", records_first=True)
        except (InputError, store.SchemaError):
            continue
        kw = dict(today=dt.date(2026, 11, 26), base_dir=p.parent)
        fast = registry.lint(draft, **kw)
        slow = registry.lint(draft, paths=sorted({f.path for f in fast}) or ["-"], **kw)
        assert fast == slow, p.name
        seen += len(fast)
    assert seen > 50


def _requirements_reference(ctx):
    """materials.requirements_for() before its candidates were compiled with their conditions and requirements."""
    from beiancli.rules import materials as mat

    d, kind, province = ctx.draft, ctx.subject_kind, ctx.province_id
    out = []
    for item in mat._items():
        when = item.get("when", {})
        if ("kinds" in when and kind not in when["kinds"]) or not mat._static_match(when, d.filing_type, kind, province):
            continue
        cond = mat.CONDITIONS.get(when.get("condition", ""))
        if item.get("per_site"):
            out.extend(mat._requirement(item, site=i) for i in range(len(d.websites)) if cond is None or cond.test(ctx, i))
        elif cond is None or cond.test(ctx, None):
            out.append(mat._requirement(item))
    return out


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=draft_dict, province=st.sampled_from([None, "广东", "北京", "上海", "浙江", "火星"]),
       kinds=st.lists(st.sampled_from(["subject-principal-id", "site-principal-id", "domain-certificate", "subject-cert",
                                       "site-principal-authorisation", "commitment-letter", "nonsense"]), max_size=6),
       sites=st.lists(st.sampled_from([None, 0, 1, 2]), min_size=6, max_size=6),
       how=st.lists(st.sampled_from(["path", "skipped", "none"]), min_size=6, max_size=6))
def test_material_requirements_and_provided_agree_with_the_previous_code(data, province, kinds, sites, how):
    import datetime as dt

    from beiancli.rules import materials as mat
    from beiancli.rules import materials_rules
    from beiancli.rules.base import Context

    data = {**data, "province": province} if province else data
    data["materials"] = [
        {"kind": k, **({"site": s} if s is not None else {}),
         **({"path": "x.png"} if h == "path" else {"skipped": True} if h == "skipped" else {})}
        for k, s, h in zip(kinds, sites, how, strict=False)
    ]
    ctx = Context(draft=Draft.model_validate(data), today=dt.date(2026, 11, 26))
    reqs = mat.requirements_for(ctx)
    assert reqs == _requirements_reference(ctx)
    by_kind: dict[str, list] = {}
    for m in ctx.draft.materials:
        by_kind.setdefault(m.kind, []).append(m)
    for req in reqs:
        assert materials_rules._provided(ctx, req, by_kind) == materials_rules._provided(ctx, req)


def test_mobile_info_is_check_mobile_for_a_principal():
    from beiancli import ids
    from beiancli.rules import person

    for value in ("13800138000", "14400000000000", "1700000000", "+86 138-0013-8000", "16212345678", "", "abc",
                  "13800138000", "19212345678"):
        assert person.mobile_info(value) == ids.check_mobile(value, pic=True), value
    assert person.mobile_info.cache_info().hits >= 1


def _address_province_reference(text):
    """subject.address_province as it was: a loop over the provinces per address."""
    import re
    import unicodedata

    from beiancli.regions import provinces

    if not text:
        return None
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for p in provinces():
        if t.startswith(p.full_name):
            return p.id
    for p in provinces():
        if t.startswith(p.id) and not t[len(p.id):].startswith(("藏族", "州")):
            return p.id
    return None


def _address_like():
    from beiancli.regions import provinces

    names = [n for p in provinces() for n in (p.full_name, p.id, p.id + "州", p.id + "藏族", p.full_name[:-1])]
    names += ["海南藏族自治州", "海南州", "内蒙古", "内蒙", "", " ", "　广 东", "ｘ"]
    return st.builds(lambda a, b, c: a + b + c, st.sampled_from(names), st.sampled_from(["", " ", "州", "藏族", "\u3000"]),
                     st.text(alphabet="广东省市区州藏族 ", max_size=5))


@settings(max_examples=500, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_address_like(), st.none(), st.text(max_size=8)))
def test_address_province_agrees_with_the_previous_code(text):
    from beiancli.rules.subject import address_province

    assert address_province(text) == _address_province_reference(text), text

hosts = st.text(st.sampled_from("ab0-.xn"), min_size=1, max_size=70) | st.builds(
    lambda a, b: f"{a}.{b}", st.text(st.sampled_from("ab0-"), min_size=1, max_size=70), st.sampled_from(["cn", "com", "com.cn", "-cn"])
)


@settings(max_examples=2000, deadline=None, database=None)
@given(hosts)
def test_plain_host_label_shortcut_is_the_label_checks(host):
    """domains.analyse skips _label_checks when _plain_labels_ok says a plain host passes them: it must never
    say so for a host one of whose labels they refuse."""
    from beiancli import domains

    if not domains._PLAIN_HOST.fullmatch(host) or "xn--" in host:
        return
    labels = host.split(".")
    try:
        for i, label in enumerate(labels):
            domains._label_checks(label, i, host)
        passes = True
    except domains.DomainError:
        passes = False
    if domains._plain_labels_ok(host, labels):
        assert passes


def test_domain_rules_shortcuts_answer_as_the_full_tests():
    """BA101 skips a name spelled as its registrable ASCII domain, BA104/BA105 a holder or number written as the
    subject's: the findings of drafts with such names and with variants the full tests handle are unchanged."""
    import datetime as dt

    from beiancli.models import DomainFacts
    from beiancli.rules import domain
    from beiancli.rules.base import Context
    from beiancli.store import load_draft

    draft = load_draft(Path(__file__).parents[2] / "examples" / "drafts" / "first-enterprise-guangdong.toml")
    cases = [("example.cn", None, None, False), ("Example.CN ", "x", "y", False), ("https://example.cn/", None, None, True),
             ("www.example.cn", None, None, True)]
    for name, registrant, number, ba101 in cases:
        site = draft.websites[0]
        facts = DomainFacts(name=name, registrant=registrant or draft.subject.name,
                            registrant_cert_number=number or draft.subject.cert_number)
        d = draft.model_copy(update={"websites": [site.model_copy(update={"domains": [facts]})]})
        ctx = Context(draft=d, today=dt.date(2026, 11, 26))
        found = [f.rule_id for rule in (domain.REGISTRABLE, domain.HOLDER_SUBJECT, domain.HOLDER_CERT)
                 for f in rule.check(ctx)]
        assert ("BA101" in found) == ba101
        assert ("BA104" in found) == (registrant is not None)
        assert ("BA105" in found) == (number is not None)
