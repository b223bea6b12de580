"""Reading rule cases (tests/rules/cases/<ID>.toml) and turning one into a draft file on disk.

A case file holds `[[fail]]` and `[[pass]]` entries. Each entry is a partial draft merged over a shared
valid base (`base = "enterprise"` -> base_enterprise.toml, the default; `base = "individual"`), so it only
states what it changes:

    [[fail]]
    name = "wrong check character"          # shown in the test id
    expect = ["subject.cert_number"]        # fail: the exact field paths of this rule's findings
    expect_data = [{code = "..."}]          # optional: each table is part of one finding's data
    severity = "warning"                    # optional: the severity every one of them must have
    today = 2026-11-26                      # optional (default below)
    unset = ["subject.principal.email"]     # optional: paths removed from the merged draft
    [fail.draft.subject]
    cert_number = "91440300MA5G00018N"

Merging: tables merge key by key; an array of tables merges element by element (`websites = [{name = "x"}]`
changes the first website's name); any other value replaces the base's. `text = "..."` instead of `draft`
gives the file's raw text (for parse errors). `history = {...}` is the history the case runs with.
`[[fail.files]] name = "files/big.png", bytes = 3300000, width = 600, height = 400` makes a PNG of that size
beside the draft (the example material files are always there as `materials/...`).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
MATERIALS = HERE.parents[1] / "examples" / "drafts" / "materials"
DEFAULT_TODAY = dt.date(2026, 11, 26)


def load_base(name: str) -> dict[str, Any]:
    return tomllib.loads((HERE / f"base_{name}.toml").read_text(encoding="utf-8"))


def merge(base: Any, change: Any) -> Any:
    if isinstance(base, dict) and isinstance(change, dict):
        out = dict(base)
        for k, v in change.items():
            out[k] = merge(base[k], v) if k in base else copy.deepcopy(v)
        return out
    if isinstance(base, list) and isinstance(change, list) and change and all(isinstance(x, dict) for x in change):
        out = list(base)
        for i, v in enumerate(change):
            out[i:i + 1] = [merge(base[i], v)] if i < len(base) else [copy.deepcopy(v)]
        return out
    return copy.deepcopy(change)


def unset(doc: dict[str, Any], path: str) -> None:
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    node: Any = doc
    for p in parts[:-1]:
        node = node[int(p[1:-1])] if p.startswith("[") else node[p]
    last = parts[-1]
    if last.startswith("["):
        del node[int(last[1:-1])]
    else:
        node.pop(last, None)


def make_file(path: Path, size: int, width: int, height: int) -> None:
    """A real PNG of width x height, padded after its end to `size` bytes (readers ignore the padding)."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (250, 250, 250)).save(buf, format="PNG")
    data = buf.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data + b"\0" * max(0, size - len(data)))


def case_ids() -> list[str]:
    return sorted(p.stem for p in CASES.glob("BA*.toml"))


def entries() -> list[tuple[str, str, int, dict[str, Any]]]:
    """(rule id, "fail"/"pass", index, entry) for every case of every case file."""
    out = []
    for rule_id in case_ids():
        data = tomllib.loads((CASES / f"{rule_id}.toml").read_text(encoding="utf-8"))
        if data.get("rule", rule_id) != rule_id:
            raise ValueError(f"{rule_id}.toml says rule = {data['rule']!r}")
        for kind in ("fail", "pass"):
            for n, entry in enumerate(data.get(kind, [])):
                out.append((rule_id, kind, n, entry))
    return out


def write_case(entry: dict[str, Any], directory: Path) -> Path:
    """The case's draft as a file in `directory`, with the example material files beside it."""
    (directory / "materials").symlink_to(MATERIALS, target_is_directory=True)
    for f in entry.get("files", []):
        make_file(directory / f["name"], f.get("bytes", 0), f.get("width", 600), f.get("height", 400))
    path = directory / "case.toml"
    if "text" in entry:
        path.write_text(entry["text"], encoding="utf-8")
        return path
    doc = merge(load_base(entry.get("base", "enterprise")), entry.get("draft", {}))
    for p in entry.get("unset", []):
        unset(doc, p)
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return path
