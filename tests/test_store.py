"""Drafts and history on disk: names, broken files reported with their location, permissions, atomic saves."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tests.factories import full_draft

from beiancli import store
from beiancli.errors import InputError, UsageError
from beiancli.models import Draft


@pytest.mark.parametrize("name", ["../x", "a/b", "a\\b", "..", ".", ".hidden", "x..y", "", " x", "a\x00b", "n" * 101])
def test_bad_draft_names_are_refused(name):
    with pytest.raises(UsageError):
        store.draft_path(name)


@pytest.mark.parametrize("name", ["acme-2026", "示例科技", "first_filing.v2", "A B"])
def test_good_draft_names_live_in_the_drafts_directory(name, beian_home):
    path = store.draft_path(name)
    assert path == beian_home / "drafts" / f"{name}.toml"


def test_resolve_draft_takes_paths_and_names(tmp_path, beian_home):
    explicit = tmp_path / "elsewhere" / "d.toml"
    assert store.resolve_draft(str(explicit)) == explicit
    assert store.resolve_draft("acme") == beian_home / "drafts" / "acme.toml"


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_broken_toml_reports_file_line_and_column(tmp_path):
    path = _write(tmp_path / "broken.toml", """\
        schema_version = 1
        [subject]
        name = "unterminated
        """)
    with pytest.raises(InputError) as info:
        store.load_draft(path)
    err = info.value
    assert err.exit_code == 3
    assert err.location.file == str(path)
    assert err.location.line == 3
    assert err.location.column is not None
    assert f"{path}:3:" in err.render("en")


def test_not_utf8_reports_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(b'schema_version = 1\n[subject]\nname = "' + "深圳".encode("gbk") + b'"\n')
    with pytest.raises(InputError) as info:
        store.load_draft(path)
    assert info.value.location.line == 3
    assert "UTF-8" in info.value.render("en")


def test_schema_errors_name_the_field_path_and_its_line(tmp_path):
    path = _write(tmp_path / "bad.toml", """\
        schema_version = 1
        filing_type = "first"

        [subject]
        name = "深圳市示例科技有限公司"

        [[websites]]
        name = "官网"

        [[websites]]
        name = "博客"

        [websites.principal]
        mobile = 13800138000
        nmae = "typo"
        """)
    with pytest.raises(store.SchemaError) as info:
        store.load_draft(path)
    problems = {p.field: p.line for p in info.value.problems}
    assert problems["websites[1].principal.mobile"] == 14
    assert problems["websites[1].principal.nmae"] == 15
    assert info.value.exit_code == 3
    zh = info.value.render("zh")
    assert "未知字段" in zh and "应为文本" in zh


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        store.load_draft(tmp_path / "nope.toml")
    assert info.value.exit_code == 3
    assert "not found" in info.value.render("en")


def test_a_directory_is_not_a_draft(tmp_path):
    with pytest.raises(InputError):
        store.load_draft(tmp_path)


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# " + b"x" * (store.MAX_FILE_BYTES + 10))
    with pytest.raises(InputError, match="too large"):
        store.load_draft(path)


def test_deeply_nested_arrays_are_an_input_error_not_a_crash(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("remarks = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InputError):
        store.load_draft(path)


def test_newer_schema_version_asks_for_an_upgrade(tmp_path):
    path = _write(tmp_path / "future.toml", "schema_version = 99\n[subject]\nname = 'x'\n")
    with pytest.raises(InputError) as info:
        store.load_draft(path)
    assert "upgrade beiancli" in info.value.render("en")


def test_older_schema_version_is_migrated_in_memory_and_rewritten_only_on_save(tmp_path, monkeypatch):
    from beiancli import schema

    # Pretend the current schema is 2 and a v1 -> v2 migration renamed `remarks` to `remarks`+suffix.
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS["draft"], 1, lambda d: {**d, "remarks": d.get("remarks", "") + " (migrated)"})
    path = _write(tmp_path / "old.toml", "schema_version = 1\nremarks = 'hello'\n")
    before = path.read_bytes()
    data = store.migrate(store.read_toml(path).data, "draft", path)
    assert data["schema_version"] == 2 and data["remarks"] == "hello (migrated)"
    assert path.read_bytes() == before  # loading never rewrites


def test_saved_files_are_private_and_directories_0700(beian_home):
    path = store.draft_path("acme")
    store.save_draft(full_draft(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(beian_home.stat().st_mode) == 0o700


def test_existing_loose_file_and_directory_are_tightened_on_save(beian_home):
    drafts = beian_home / "drafts"
    drafts.mkdir(parents=True)
    drafts.chmod(0o755)
    path = drafts / "acme.toml"
    path.write_text("schema_version = 1\n")
    path.chmod(0o644)
    store.save_draft(Draft(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(drafts.stat().st_mode) == 0o700


def test_history_is_private_too(beian_home):
    with store.update_history() as history:
        assert history.subjects == []
    path = beian_home / "history.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failure_after_the_temp_file_is_written_leaves_the_old_file(tmp_path, monkeypatch):
    folder = tmp_path / "drafts"
    folder.mkdir()
    path = folder / "d.toml"
    store.save_draft(full_draft(), path)
    old = path.read_bytes()

    def boom(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", boom)
    changed = full_draft()
    changed.remarks = "new"
    with pytest.raises(InputError, match="disk on fire"):  # a clear error (exit 3), not a crash
        store.save_draft(changed, path)
    assert path.read_bytes() == old
    assert [p.name for p in folder.iterdir()] == ["d.toml"]  # no temp file left behind


def test_symlink_at_the_destination_is_replaced_not_written_through(tmp_path):
    target = tmp_path / "outside.txt"
    target.write_text("precious")
    link = tmp_path / "d.toml"
    link.symlink_to(target)
    store.save_draft(Draft(), link)
    assert target.read_text() == "precious"
    assert not link.is_symlink()


WRITER = """
import sys
from beiancli import store
from beiancli.models import Draft
path = sys.argv[1]
i = 0
sys.stdout.write("ready\\n"); sys.stdout.flush()
while True:
    i += 1
    store.save_draft(Draft(remarks=("v%d " % i) * 20000), path)
"""


def test_killing_a_process_mid_save_never_leaves_a_torn_file(tmp_path):
    """Kill a writer at arbitrary moments; the file on disk must always be a complete draft."""
    path = tmp_path / "d.toml"
    store.save_draft(Draft(remarks="v0"), path)
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.02 + (round_ % 5) * 0.013)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        draft = store.load_draft(path)  # raises if torn
        words = set((draft.remarks or "").split())
        assert len(words) == 1, "a draft mixes two versions"


def test_a_path_with_a_nul_character_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as e:
        store.read_toml(tmp_path / "a\x00b.toml")
    assert "NUL" in e.value.render("en")
