"""Paths (issue #7): a draft NAME never leaves the drafts directory, and a symbolic link planted in the data
directory is never written through.

Decisions (store.py):
- A NAME (`--name`, a name the wizard derives) is checked by `store.check_name`: no separator, no `..`, no
  leading dot, no control character, ≤100 characters / 200 bytes — else exit 2 and nothing is written.
- An argument that contains a separator (`status ../x`, `checklist /abs/d.toml`) is the user's own explicit
  path, relative to the working directory; it is never resolved inside the drafts directory.
- A directory under the data home that is a symbolic link (`drafts/` -> elsewhere) is refused for writes with
  a clear error (exit 3); reads through it still work. A link at a draft or history file is replaced by the
  atomic rename, never written through (the file it points to is untouched). A lock file that is a link is
  refused (exit 3).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES

from beiancli import store
from beiancli.errors import InputError, UsageError

FULL = EXAMPLES / "drafts" / "first-enterprise-guangdong.toml"
ZJ = EXAMPLES / "drafts" / "status-zhejiang-bureau-review.toml"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setenv("BEIAN_NOW", "2026-12-01T10:00:00+08:00")


@pytest.fixture
def full(tmp_path):
    """A complete draft in the working directory with its material files beside it."""
    work = Path.cwd()
    shutil.copytree(EXAMPLES / "drafts" / "materials", work / "materials")
    return shutil.copy(FULL, work / "full.toml")


def _tree(root: Path) -> dict[str, bytes | None]:
    out: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            out[str(p.relative_to(root))] = p.read_bytes() if p.is_file() and not p.is_symlink() else None
    return out


# -- names ------------------------------------------------------------------------------------------------

BAD_NAMES = ["../x", "../../x", "/tmp/x", "a/b", "a\\b", "..", ".", ".hidden", "x..y", "a\x00b", "n" * 101,
             "示" * 80]

NAME_WRITERS = [
    ["new", "--non-interactive", "--from", "full.toml", "--name"],
    ["add-site", "new-example.cn", "--non-interactive", "--from", "full.toml", "--name"],
    ["change", "good", "--non-interactive", "--scope", "subject", "--name"],
    ["cancel", "good", "--non-interactive", "--scope", "subject", "--yes", "--name"],
]


@pytest.mark.parametrize("name", BAD_NAMES)
@pytest.mark.parametrize("command", NAME_WRITERS, ids=lambda c: c[0])
def test_a_name_that_would_leave_the_drafts_directory_is_refused(cli, full, tmp_path, beian_home, command, name):
    (beian_home / "drafts").mkdir(parents=True)
    shutil.copy(full, beian_home / "drafts" / "good.toml")
    before = _tree(tmp_path)
    r = cli(*command, name)
    assert r.code == 2, r
    assert "invalid draft name" in r.err
    assert _tree(tmp_path) == before  # nothing written anywhere


def test_the_same_command_with_a_good_name_does_write(cli, full, beian_home):
    """The refusal above is about the name, not the command."""
    r = cli("new", "--non-interactive", "--from", "full.toml", "--name", "示例-2026.v2")
    assert r.code == 0, r
    assert (beian_home / "drafts" / "示例-2026.v2.toml").is_file()


NAME_READERS = [
    ["status"], ["status", "--json"], ["status", "--set", "provider-review"], ["checklist"],
    ["new", "--non-interactive", "--resume"], ["add-site", "--non-interactive", "--resume"],
    ["change", "--non-interactive", "--resume"], ["cancel", "--non-interactive", "--resume"],
    ["change", "--non-interactive", "--scope", "subject"], ["cancel", "--non-interactive", "--scope", "subject", "--yes"],
]


def _with_ref(command: list[str], ref: str) -> list[str]:
    if command[-1] == "--resume":
        return [*command, ref]
    return [command[0], ref, *command[1:]]


@pytest.mark.parametrize("ref", ["../victim", "../victim.toml", "drafts/../victim", "..", ".victim", "x..y"])
@pytest.mark.parametrize("command", NAME_READERS, ids=" ".join)
def test_a_reference_never_resolves_outside_the_drafts_directory(cli, tmp_path, beian_home, command, ref):
    """`../victim` is the working directory's ../victim (nothing there), never drafts/../victim.toml."""
    (beian_home / "drafts").mkdir(parents=True)
    victim = shutil.copy(ZJ, beian_home / "victim.toml")  # = drafts/../victim.toml
    shutil.copy(ZJ, beian_home / "drafts" / ".victim.toml")
    before = _tree(tmp_path)
    r = cli(*_with_ref(command, ref))
    assert r.code in (2, 3), r
    assert "example-shop.cn" not in r.out + r.err  # the victim's content was not read
    assert _tree(tmp_path) == before
    assert Path(victim).read_bytes() == ZJ.read_bytes()


def test_an_explicit_path_is_the_users_own_choice(cli, tmp_path):
    """A path (it has a separator) is read where it points, relative to the working directory."""
    shutil.copy(ZJ, tmp_path / "elsewhere.toml")
    r = cli("status", "../elsewhere.toml", "--json")
    assert r.code == 0, r
    assert r.json()["domains"] == ["example-shop.cn"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_name_the_wizard_derives_is_always_a_valid_name(text):
    """Names derived from a domain or a subject's name (engine.default_name) go through store.safe_name."""
    name = store.safe_name(text)
    assert store.check_name(name) == name
    assert store.check_name(f"{name}-12")  # choose_path may add a counter


def test_a_subject_name_with_dots_and_slashes_gives_a_usable_draft_name(beian_home):
    from beiancli.models import Cancel, Draft, Subject
    from beiancli.output import Out
    from beiancli.wizards import engine
    from beiancli.wizards.session import Session

    s = Session(asker=None, out=Out(), draft=Draft(subject=Subject(name="../../A..B\\公司"), cancel=Cancel(scope="subject"),
                                                      filing_type="cancel-subject"), flow="cancel")
    engine.choose_path(s)
    assert s.path.parent == beian_home / "drafts"
    assert store.check_name(s.ref)


def test_a_long_chinese_name_is_refused_before_the_file_system_refuses_it():
    with pytest.raises(UsageError):
        store.draft_path("示" * 80)  # 240 bytes: with .toml and a temp name, more than 255
    assert store.draft_path("示" * 60).name == "示" * 60 + ".toml"


# -- writes that cannot happen ----------------------------------------------------------------------------

def test_a_file_that_cannot_be_written_is_a_clear_error(cli, tmp_path):
    (tmp_path / "plain").write_text("a file, not a directory")
    shutil.copy(ZJ, tmp_path / "zj.toml")
    r = cli("validate", str(tmp_path / "zj.toml"), "--format", "sarif", "--output", str(tmp_path / "plain" / "r.sarif"))
    assert r.code == 3, r
    assert "cannot write" in r.err and "internal error" not in r.err


def test_a_removed_working_directory_is_not_a_crash(cli, tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    os.chdir(gone)
    gone.rmdir()
    r = cli("check-domain", "example.com", "--json")
    assert r.code == 0, r


# -- symbolic links planted in the data directory ---------------------------------------------------------

@pytest.fixture
def elsewhere(tmp_path):
    d = tmp_path / "elsewhere"
    d.mkdir()
    d.chmod(0o755)
    shutil.copy(ZJ, d / "zj.toml")
    (d / "zj.toml").chmod(0o644)
    return d


def test_a_drafts_directory_that_is_a_link_is_read_but_never_written_through(cli, beian_home, elsewhere, full):
    beian_home.mkdir()
    (beian_home / "drafts").symlink_to(elsewhere)
    before = _tree(elsewhere)
    assert cli("status", "zj", "--json").json()["state"] == "bureau-review"  # reading is fine

    for args in (("status", "zj", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1"),
                 ("new", "--non-interactive", "--from", "full.toml", "--name", "n")):
        r = cli(*args)
        assert r.code == 3, r
        assert "symbolic link" in r.err and str(elsewhere) in r.err
    assert _tree(elsewhere) == before
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755  # not "tightened" through the link either
    assert not (beian_home / "history.toml").exists()  # approval did not half-happen


def test_a_draft_file_that_is_a_link_is_replaced_not_written_through(cli, beian_home, elsewhere):
    (beian_home / "drafts").mkdir(parents=True)
    link = beian_home / "drafts" / "zj.toml"
    link.symlink_to(elsewhere / "zj.toml")
    r = cli("status", "zj", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1")
    assert r.code == 0, r
    assert (elsewhere / "zj.toml").read_bytes() == ZJ.read_bytes()
    assert not link.is_symlink() and store.load_draft(link).lifecycle.state == "approved"
    assert stat.S_IMODE(link.stat().st_mode) == 0o600


def test_a_history_file_that_is_a_link_is_replaced_not_written_through(cli, beian_home, elsewhere):
    beian_home.mkdir()
    target = elsewhere / "history.toml"
    shutil.copy(EXAMPLES / "history.toml", target)
    (beian_home / "history.toml").symlink_to(target)
    r = cli("subject", "add", "--name", "深圳市示例新公司", "--nature", "enterprise", "--cert-number", "91440300MA5G00019N")
    assert r.code == 0, r
    assert target.read_bytes() == (EXAMPLES / "history.toml").read_bytes()
    assert not (beian_home / "history.toml").is_symlink()
    before = len(store.load_history(EXAMPLES / "history.toml").subjects)
    assert len(store.load_history(beian_home / "history.toml").subjects) == before + 1


@pytest.mark.parametrize("which", ["history", "draft"])
def test_a_lock_file_that_is_a_link_is_refused(cli, beian_home, elsewhere, which):
    (beian_home / "drafts").mkdir(parents=True)
    victim = elsewhere / "victim.txt"
    victim.write_text("precious")
    shutil.copy(ZJ, beian_home / "drafts" / "zj.toml")
    lock = beian_home / ("history.toml.lock" if which == "history" else "drafts/zj.toml.lock")
    lock.symlink_to(victim)
    args = (("subject", "add", "--name", "深圳市示例新公司", "--nature", "enterprise", "--cert-number", "91440300MA5G00019N")
            if which == "history" else ("status", "zj", "--set", "withdrawn"))
    r = cli(*args)
    assert r.code == 3, r
    assert "symbolic link" in r.err
    assert victim.read_text() == "precious"
    assert (beian_home / "drafts" / "zj.toml").read_bytes() == ZJ.read_bytes()


def test_store_refuses_a_planted_directory_link_for_any_write(beian_home, elsewhere):
    from beiancli.models import Draft

    beian_home.mkdir()
    (beian_home / "drafts").symlink_to(elsewhere)
    with pytest.raises(InputError, match="symbolic link"):
        store.save_draft(Draft(), store.draft_path("x"))
    with pytest.raises(InputError, match="symbolic link"), store.update_draft(beian_home / "drafts" / "zj.toml"):
        pass
    assert not (elsewhere / "x.toml").exists()
