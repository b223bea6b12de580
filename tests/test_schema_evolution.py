"""Schema evolution (issue #7), through the commands, not only the store.

A simulated model change: pretend the current schema is version 2, in which `websites[].domains` holds tables
(`{ name = "example.com" }`, as today) where version 1 held plain strings (`["example.com"]`), and the history's
`sites[].providers` is an array where version 1 had one `provider` string. `store.MIGRATIONS` carries a
version-1 file forward in memory; every command then reads it exactly as the version-2 file, and a command
that saves writes version 2. A file from a newer beiancli is refused with "upgrade beiancli" (exit 3, or a
BA000 finding in `validate`), and nothing is written. A migration that meets a file it cannot handle is a
clear error, never a crash.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from tests.conftest import EXAMPLES

from beiancli import schema, store

FIRST = EXAMPLES / "drafts" / "first-enterprise-guangdong.toml"
ZJ = EXAMPLES / "drafts" / "status-zhejiang-bureau-review.toml"


def draft_v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    for w in d.get("websites", []):
        w["domains"] = [{"name": x} if isinstance(x, str) else x for x in w.get("domains", [])]
    return d


def history_v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    for s in d.get("subjects", []):
        for site in s.get("sites", []):
            if "provider" in site:
                site["providers"] = [site.pop("provider")]
    return d


@pytest.fixture
def version_2(monkeypatch):
    monkeypatch.setenv("BEIAN_NOW", "2026-12-01T10:00:00+08:00")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS["draft"], 1, draft_v1_to_v2)
    monkeypatch.setitem(store.MIGRATIONS["history"], 1, history_v1_to_v2)


def _as_version(src: Path, version: int, *, old_domains: bool) -> str:
    data = tomllib.loads(src.read_text(encoding="utf-8"))
    data["schema_version"] = version
    if old_domains:
        for w in data["websites"]:
            w["domains"] = [d["name"] for d in w["domains"]]
    else:  # the same facts as the version-1 file can hold
        for w in data["websites"]:
            w["domains"] = [{"name": d["name"]} for d in w["domains"]]
    return tomli_w.dumps(data)


@pytest.fixture
def pair(beian_home):
    """The same two drafts written by version 1 (v1-*) and by version 2 (v2-*), with their material files."""
    drafts = beian_home / "drafts"
    shutil.copytree(EXAMPLES / "drafts" / "materials", drafts / "materials")
    for src, name in ((FIRST, "first"), (ZJ, "zj")):
        (drafts / f"v1-{name}.toml").write_text(_as_version(src, 1, old_domains=True), encoding="utf-8")
        (drafts / f"v2-{name}.toml").write_text(_as_version(src, 2, old_domains=False), encoding="utf-8")
    return drafts


def _comparable(out: str, v: str) -> Any:
    """An output with the version-specific parts taken out: the file name, and line numbers (the two files are
    laid out differently)."""
    import json

    out = out.replace(f"{v}-", "vN-")
    try:
        data = json.loads(out)
    except ValueError:
        return out

    def strip(o: Any) -> Any:
        if isinstance(o, dict):
            return {k: strip(x) for k, x in o.items() if k not in ("line", "column", "startLine", "startColumn",
                                                                      "endLine", "region")}
        if isinstance(o, list):
            return [strip(x) for x in o]
        return o

    return strip(data)


READERS = [
    ["validate", "{path}", "--format", "json"],
    ["validate", "{path}", "--format", "sarif"],
    ["status", "{name}", "--json"],
    ["status", "{name}"],
    ["checklist", "{name}", "--json"],
    ["new", "--resume", "{name}", "--non-interactive", "--json"],
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("name", ["first", "zj"])
def test_a_version_1_draft_reads_through_every_command_like_version_2(cli, version_2, pair, command, name):
    results = {}
    for v in ("v1", "v2"):
        before = (pair / f"{v}-{name}.toml").read_bytes()
        args = [a.format(path=str(pair / f"{v}-{name}.toml"), name=f"{v}-{name}") for a in command]
        r = cli(*args)
        assert r.code in (0, 1, 3), r  # 3: `new --resume` lists answers still missing (domain facts)
        assert "BA002" not in r.out + r.err and "BA000" not in r.out + r.err and "schema" not in r.err, r
        results[v] = (r.code, _comparable(r.out, v))
        if command[0] != "new":
            assert (pair / f"{v}-{name}.toml").read_bytes() == before  # reading never rewrites
    assert results["v1"] == results["v2"]


def test_a_command_that_saves_writes_the_current_version(cli, version_2, pair):
    r = cli("status", "v1-zj", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1")
    assert r.code == 0, r
    saved = tomllib.loads((pair / "v1-zj.toml").read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2
    assert saved["websites"][0]["domains"] == [{"name": "example-shop.cn"}]
    assert saved["lifecycle"]["state"] == "approved"


def test_a_version_1_history_reads_through_every_command(cli, version_2, beian_home):
    data = tomllib.loads((EXAMPLES / "history.toml").read_text(encoding="utf-8"))
    for s in data["subjects"]:
        for site in s.get("sites", []):
            providers = site.pop("providers")
            if providers:
                site["provider"] = providers[0]
    hist = beian_home.parent / "history-v1.toml"
    hist.write_text(tomli_w.dumps(data), encoding="utf-8")
    h = ["--history", str(hist)]
    r = cli("subject", "list", *h, "--json")
    assert r.code == 0, r
    sites = {site["domain"]: site["providers"] for s in r.json()["subjects"] for site in s.get("sites", [])}
    assert sites["example-shop.cn"] == ["aliyun"]  # the v1 `provider = "aliyun"`, migrated
    r = cli("check-domain", "example-shop.cn", "--subject", "粤ICP备2024000001号", *h, "--json")
    assert r.code == 0, r
    assert r.json()[0]["filing_type"] == "one-click-access"  # the v1 `provider = "aliyun"` was understood
    assert cli("subject", "show", "粤ICP备2024000001号", *h).code == 0
    r = cli("subject", "add-site", "粤ICP备2024000001号", "--domain", "another-example.cn", *h)
    assert r.code == 0, r
    saved = tomllib.loads(hist.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2
    assert saved["subjects"][0]["sites"][0]["providers"] == ["tencent"]


# -- a file from a newer beiancli -------------------------------------------------------------------------

@pytest.fixture
def future(beian_home):
    drafts = beian_home / "drafts"
    drafts.mkdir(parents=True)
    data = tomllib.loads(ZJ.read_text(encoding="utf-8"))
    data["schema_version"] = 3
    data["websites"][0]["new_field_from_the_future"] = {"x": 1}  # what a newer model might have
    path = drafts / "future.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    hist = beian_home / "history.toml"
    hist.write_text("schema_version = 3\n[[subjects]]\nname = 'x'\nfuture = true\n", encoding="utf-8")
    return path, hist


NEWER_READERS = [
    ["status", "future"], ["status", "future", "--json"], ["checklist", "future"],
    ["new", "--resume", "future", "--non-interactive"], ["change", "future", "--non-interactive", "--scope", "subject"],
    ["status", "future", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1"],
    ["new", "example.com", "--non-interactive", "--from", "{path}"],
    ["subject", "list"], ["subject", "show", "x"], ["check-domain", "example.com", "--subject", "x"],
    ["subject", "add", "--name", "深圳市示例新公司", "--nature", "enterprise", "--cert-number", "91440300MA5G00019N"],
]


@pytest.mark.parametrize("command", NEWER_READERS, ids=" ".join)
def test_a_file_from_a_newer_beiancli_asks_for_an_upgrade_and_is_left_alone(cli, future, command):
    path, hist = future
    before = (path.read_bytes(), hist.read_bytes())
    r = cli(*[a.format(path=path) for a in command])
    assert r.code == 3, r
    assert "upgrade beiancli" in r.err and "schema_version 3" in r.err
    assert (path.read_bytes(), hist.read_bytes()) == before


def test_validate_reports_a_newer_draft_as_a_finding(cli, future):
    path, hist = future
    hist.unlink()  # (a newer default history is refused too: the test above)
    r = cli("validate", str(path), "--format", "json")
    assert r.code == 1, r
    assert "BA000" in r.out and "upgrade beiancli" in r.out
    r = cli("status")
    assert r.code == 3 and "upgrade beiancli" in r.out  # the table shows it in the row of that draft


# -- migrations that meet the unexpected ------------------------------------------------------------------

@pytest.mark.parametrize("body", ["websites = 5\n", "websites = [5]\n", "[[websites]]\ndomains = 5\n"])
def test_a_file_a_migration_cannot_handle_is_a_clear_error(cli, version_2, beian_home, body):
    """The migration above assumes a version-1 shape; a damaged file makes it raise. That is exit 3 naming
    the file and the version, not an internal error."""
    drafts = beian_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "odd.toml").write_text("schema_version = 1\n" + body)
    r = cli("status", "odd")
    assert r.code == 3, r
    assert "odd.toml" in r.err
    r = cli("validate", str(drafts / "odd.toml"))
    assert r.code == 1 and ("BA000" in r.out or "BA002" in r.out), r


def test_a_missing_migration_is_a_clear_error(cli, monkeypatch, beian_home):
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, "draft", {})
    drafts = beian_home / "drafts"
    drafts.mkdir(parents=True)
    shutil.copy(ZJ, drafts / "zj.toml")
    r = cli("status", "zj")
    assert r.code == 3, r
    assert "schema_version 1" in r.err
