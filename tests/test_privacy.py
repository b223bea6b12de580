"""Privacy (issue #7): personal data never shows where the user did not ask for it, and the files that hold it
are private.

- Every output format of every command that reads the examples (examples/drafts/*.toml, examples/history.toml)
  is rendered, and no full ID number, mobile/phone number or e-mail address found in those inputs may appear
  in stdout, stderr or a report file written with --output — unless --show-pii is given; with it they do
  appear (so the check can fail).
- Error messages do not echo personal data: a wrong ID number, mobile or e-mail given on the command line is
  not repeated in full.
- Drafts and the history are written 0600 in 0700 directories by every command that writes them (the store,
  `subject`, `status --set`, the wizards), and an existing looser file or directory is tightened.
"""

from __future__ import annotations

import re
import shutil
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES

from beiancli import pii, store

DRAFTS = sorted((EXAMPLES / "drafts").glob("*.toml"))
NOW = "2026-12-01T10:00:00+08:00"
PERSON_CERT_TYPES = {"resident-id", "passport", "hk-macau-permit", "taiwan-permit", "hmt-residence-permit",
                     "foreign-pr-card"}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setenv("BEIAN_NOW", NOW)


# -- what counts as personal data in the examples ---------------------------------------------------------

def _walk(obj: Any, path: str = "", person: bool = False):
    """(field name, value, belongs to a person) for every string in a parsed TOML document."""
    if isinstance(obj, dict):
        personal = person or obj.get("nature") == "individual" or obj.get("cert_type") in PERSON_CERT_TYPES \
            or "principal" in path.rsplit(".", 1)[-1]
        for k, v in obj.items():
            yield from _walk(v, f"{path}.{k}" if path else k, personal)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, path, person)
    elif isinstance(obj, str):
        yield path.rsplit(".", 1)[-1], obj, person


def secrets_in(text: str) -> set[str]:
    """Full personal values in an input file: by field (a person's certificate number, every phone and e-mail
    field, a domain registrant's number), and by shape anywhere (18-digit IDs, mobiles, e-mail addresses)."""
    found: set[str] = set()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        data = {}
    for key, value, person in _walk(data):
        kind = pii.PII_FIELDS.get(key)
        if kind in ("phone", "email") or (kind == "id" and (person or re.fullmatch(r"\d{17}[\dXx]|\d{15}", value))):
            found.add(value.strip())
    for regex in (pii._ID_RE, pii._MOBILE_RE, pii._EMAIL_RE):
        found.update(m.group(0) for m in regex.finditer(text))
    return {s for s in found if len(re.sub(r"\W", "", s)) >= 7}


SECRETS = set().union(*(secrets_in(p.read_text(encoding="utf-8", errors="replace"))
                        for p in [*DRAFTS, EXAMPLES / "history.toml"]))


def test_the_examples_hold_personal_data_to_protect():
    """The check below is only as good as this list: IDs, mobiles, landlines and e-mails of people."""
    assert len(SECRETS) >= 15
    assert "110105199003071239" in SECRETS  # the individual in history.toml
    assert "13800138000" in SECRETS and "hanmeimei@example.com" in SECRETS and "0755-86013388" in SECRETS
    assert not any(s.startswith("9144") for s in SECRETS)  # an enterprise's USCC is not personal


def leaked(text: str) -> set[str]:
    return {s for s in SECRETS if s in text}


# -- every command, every format, on the examples ---------------------------------------------------------

@pytest.fixture
def examples_home(beian_home: Path) -> Path:
    drafts = beian_home / "drafts"
    shutil.copytree(EXAMPLES / "drafts", drafts)
    shutil.copy(EXAMPLES / "history.toml", beian_home / "history.toml")
    return beian_home


def _names() -> list[str]:
    return [p.stem for p in DRAFTS]


FORMATS = ("text", "json", "github", "sarif", "junit")


def cases(home: Path) -> list[tuple[list[str], Path | None]]:
    """(arguments, report file or None): every command that reads a draft or the history, in every format."""
    drafts = home / "drafts"
    out: list[tuple[list[str], Path | None]] = []
    for fmt in FORMATS:
        out.append((["validate", str(drafts), "--format", fmt], None))
        report = home.parent / f"report.{fmt}"
        out.append((["validate", str(drafts), "--format", fmt, "--output", str(report)], report))
    out += [(["status"], None), (["status", "--json"], None)]
    for name in ("first-enterprise-guangdong", "first-individual-beijing"):
        out += [(["new", "--resume", name, "--non-interactive"], None),
                (["new", "--resume", name, "--non-interactive", "--json"], None),
                (["new", "--non-interactive", "--from", str(drafts / f"{name}.toml"),
                  "--name", f"copy-{name}", "--force"], None),
                (["new", "--non-interactive", "--from", str(drafts / f"{name}.toml"),
                  "--name", f"copy-{name}", "--force", "--json"], None)]
    for name in ("status-approved",):
        out += [(["change", name, "--non-interactive", "--scope", "subject"], None),
                (["change", name, "--non-interactive", "--scope", "subject", "--json"], None),
                (["cancel", name, "--non-interactive", "--scope", "subject"], None),
                (["cancel", name, "--non-interactive", "--scope", "subject", "--yes", "--json", "--force"], None)]
    out += [(["status", "status-sms-pending", "--set", "bureau-review"], None),
            (["status", "status-zhejiang-bureau-review", "--set", "approved", "--icp-number",
              "浙ICP备2026000123号-1", "--json"], None)]
    for key in ("张三", "110105199003071239", "粤ICP备2024000001号"):
        out += [(["subject", "show", key], None), (["subject", "show", key, "--json"], None)]
    out += [(["subject", "list"], None), (["subject", "list", "--json"], None),
            (["add-site", "new-example.cn", "--subject", "粤ICP备2024000001号", "--non-interactive"], None),
            (["add-site", "new-example.cn", "--subject", "粤ICP备2024000001号", "--non-interactive", "--json"], None)]
    return out


NO_SHOW_PII = [  # commands without --show-pii (they never print personal data in full)
    (["check-domain", "new-example.com", "--subject", "110105199003071239"], None),
    (["check-domain", "example.com", "--subject", "张三", "--json"], None),
    (["check-domain", "new-example.com", "--subject", "110105199003071238"], None),  # not in the history
    (["subject", "add-site", "110105199003071239", "--domain", "zhangsan-blog.cn"], None),
    (["subject", "remove", "110105199003071239", "--yes"], None),
]


def _without_rule_docs(text: str) -> str:
    """A SARIF log carries each rule's documentation page (static text whose fictitious examples the example
    drafts reuse); that is not output derived from the input, so it is left out of the check."""
    import json

    try:
        log = json.loads(text)
    except ValueError:
        return text
    for run in log.get("runs", []) if isinstance(log, dict) else []:
        for rule in run.get("tool", {}).get("driver", {}).get("rules", []):
            rule.pop("help", None)
            rule.pop("fullDescription", None)
    return json.dumps(log, ensure_ascii=False)


def _render(cli, args: list[str], report: Path | None) -> str:
    if report is not None and report.exists():
        report.unlink()
    r = cli(*args)
    assert r.code in (0, 1, 2, 3), r
    sarif = "sarif" in args
    text = (_without_rule_docs(r.out) if sarif else r.out) + r.err
    if report is not None:
        assert report.exists(), r
        body = report.read_text(encoding="utf-8")
        text += _without_rule_docs(body) if sarif else body
    return text


def _fresh(home: Path) -> None:
    shutil.rmtree(home / "drafts")
    shutil.copytree(EXAMPLES / "drafts", home / "drafts")
    shutil.copy(EXAMPLES / "history.toml", home / "history.toml")


SHOW_PII_CONTROLS = {"new --resume first-individual-beijing --non-interactive",
                     "new --resume first-enterprise-guangdong --non-interactive", "subject list", "subject show 张三 --json"}


def test_no_output_of_any_command_shows_personal_data_unless_asked(cli, examples_home):
    masked: dict[str, set[str]] = {}
    shown: dict[str, set[str]] = {}
    drafts = examples_home / "drafts"
    for args, report in [*cases(examples_home), *NO_SHOW_PII]:
        key = " ".join(args)
        _fresh(examples_home)
        masked[key] = leaked(_render(cli, args, report))
        if key in SHOW_PII_CONTROLS or key.startswith(f"validate {drafts}"):
            _fresh(examples_home)
            shown[key] = leaked(_render(cli, [*args, "--show-pii"], report))

    assert {k: v for k, v in masked.items() if v} == {}
    # With --show-pii the outputs that hold personal data do carry it: its absence above is the masking, not
    # an accident.
    for fmt in FORMATS:
        assert shown[f"validate {drafts} --format {fmt}"], fmt
        assert shown[f"validate {drafts} --format {fmt} --output {examples_home.parent}/report.{fmt}"], fmt
    assert "110105199003071239" in shown["subject list"] and "110105199003071239" in shown["subject show 张三 --json"]
    assert shown["new --resume first-individual-beijing --non-interactive"]
    assert shown["new --resume first-enterprise-guangdong --non-interactive"]


@pytest.mark.parametrize("name", _names())
def test_no_view_of_a_draft_shows_its_personal_data(cli, examples_home, name):
    """status NAME and checklist NAME, text and JSON, for every example draft."""
    for args in (["status", name], ["status", name, "--json"], ["checklist", name], ["checklist", name, "--json"]):
        r = cli(*args)
        assert r.code in (0, 1, 3), r
        assert not leaked(r.out + r.err), args


def test_report_files_are_masked_by_default(cli, examples_home):
    """A SARIF/JSON/JUnit file is output too: masked like stdout (it ends up in CI artifacts and PR checks)."""
    for fmt in ("sarif", "json", "junit"):
        report = examples_home.parent / f"r.{fmt}"
        assert cli("validate", str(examples_home / "drafts"), "--format", fmt, "--output", str(report)).code == 1
        assert not leaked(_without_rule_docs(report.read_text(encoding="utf-8"))), fmt
    report = examples_home.parent / "r.sarif"
    assert cli("validate", str(examples_home / "drafts"), "--format", "sarif", "--output", str(report),
               "--show-pii").code == 1
    assert leaked(_without_rule_docs(report.read_text(encoding="utf-8")))


# -- error messages ---------------------------------------------------------------------------------------

WRONG = {
    "id17": "44030519850315123",  # one digit short: not even shaped like an ID
    "id-check": "440305198503151239",  # wrong check digit
    "id19": "4403051985031512381",
    "mobile10": "1380013800",
    "mobile12": "138001380001",
    "email": "zhang.san@example",
}


@pytest.mark.parametrize("what", list(WRONG))
def test_a_wrong_personal_value_is_not_echoed_in_errors(cli, beian_home, what):
    value = WRONG[what]
    runs = [
        ("subject", "add", "--name", "张三", "--nature", "individual", "--cert-number", value),
        ("new", "example.com", "--non-interactive", "--nature", "individual", "--cert-number", value,
         "--principal-cert-number", value, "--mobile", value, "--email", value),
        ("new", "example.com", "--non-interactive", "--nature", "individual", "--cert-number", value, "--json"),
        ("check-domain", "example.com", "--subject", value),
        ("subject", "show", value),
    ]
    shutil.copy(EXAMPLES / "history.toml", beian_home.parent / "h.toml")
    for args in runs:
        r = cli(*args, "--history", str(beian_home.parent / "h.toml"))
        assert r.code in (1, 2, 3), r
        assert value not in r.out + r.err, (args, r)


def test_a_wrong_personal_value_in_a_draft_is_not_echoed_by_validate(cli, tmp_path):
    text = (EXAMPLES / "drafts" / "first-individual-beijing.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    ids = [v for k, v, person in _walk(data) if k == "cert_number" and person]
    for original in ids:
        text = text.replace(original, WRONG["id17"])
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    for fmt in FORMATS:
        r = cli("validate", str(path), "--format", fmt)
        assert r.code == 1 and "BA301" in r.out, r
        assert WRONG["id17"] not in r.out + r.err, fmt


# -- file permissions -------------------------------------------------------------------------------------

def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def loose_home(beian_home: Path) -> Path:
    """A data directory someone made world-readable, with a world-readable history and draft."""
    drafts = beian_home / "drafts"
    drafts.mkdir(parents=True)
    shutil.copytree(EXAMPLES / "drafts" / "materials", drafts / "materials")
    shutil.copy(EXAMPLES / "history.toml", beian_home / "history.toml")
    shutil.copy(EXAMPLES / "drafts" / "status-zhejiang-bureau-review.toml", drafts / "zj.toml")
    for p in (beian_home / "history.toml", drafts / "zj.toml"):
        p.chmod(0o644)
    for d in (beian_home, drafts):
        d.chmod(0o755)
    return beian_home


def test_subject_commands_tighten_a_loose_history(cli, loose_home):
    assert cli("subject", "add", "--name", "深圳市隐私科技有限公司", "--nature", "enterprise",
               "--cert-number", "91440300MA5G00019N").code == 0
    assert _mode(loose_home / "history.toml") == 0o600
    assert _mode(loose_home) == 0o700
    assert _mode(loose_home / "history.toml.lock") & 0o077 == 0


def test_status_set_tightens_the_draft_and_the_history_it_writes(cli, loose_home):
    r = cli("status", "zj", "--set", "approved", "--icp-number", "浙ICP备2026000123号-1")
    assert r.code == 0, r
    assert _mode(loose_home / "drafts" / "zj.toml") == 0o600
    assert _mode(loose_home / "history.toml") == 0o600
    assert _mode(loose_home / "drafts") == 0o700 and _mode(loose_home) == 0o700


def test_the_wizard_saves_drafts_private_and_tightens_what_it_overwrites(cli, loose_home):
    drafts = loose_home / "drafts"
    full = shutil.copy(EXAMPLES / "drafts" / "first-enterprise-guangdong.toml", drafts / "full.toml")
    (drafts / "w.toml").write_text("schema_version = 1\n")
    (drafts / "w.toml").chmod(0o666)
    r = cli("new", "--non-interactive", "--from", str(full), "--name", "w", "--force")
    assert r.code == 0, r
    assert _mode(drafts / "w.toml") == 0o600 and _mode(drafts) == 0o700 and _mode(loose_home) == 0o700
    elsewhere = loose_home.parent / "project" / "filing.toml"  # --output outside the data directory
    r = cli("new", "--non-interactive", "--from", str(full), "--output", str(elsewhere))
    assert r.code == 0, r
    assert _mode(elsewhere) == 0o600


def test_the_interactive_wizard_saves_every_step_private(beian_home, monkeypatch):
    """Each save after a step goes through the store's private atomic write (0600 from the first byte)."""
    from tests.wizards.conftest import _scripted
    from tests.wizards.test_new import ENTERPRISE_REST, ENTERPRISE_WHO

    from beiancli.commands._common import begin
    from beiancli.wizards.flows import Options, start

    modes: list[int] = []
    real = store.atomic_write

    def spy(path, data, *, private=True):
        real(path, data, private=private)
        modes.append(_mode(Path(path)))

    monkeypatch.setattr(store, "atomic_write", spy)
    (beian_home / "drafts").mkdir(parents=True)
    (beian_home / "drafts").chmod(0o777)
    out, settings = begin(lang="en")
    asker = _scripted()(list(ENTERPRISE_WHO + ENTERPRISE_REST))
    assert start(out, settings, Options(flow="new", name="w"), asker=asker) == 0
    assert len(modes) >= 5 and set(modes) == {0o600}
    assert _mode(beian_home / "drafts") == 0o700


def test_a_history_outside_the_data_directory_is_written_private(cli, tmp_path):
    hist = tmp_path / "project" / "history.toml"
    assert cli("subject", "add", "--name", "深圳市隐私科技有限公司", "--nature", "enterprise",
               "--cert-number", "91440300MA5G00019N", "--history", str(hist)).code == 0
    assert _mode(hist) == 0o600


def test_usage_errors_do_not_echo_personal_data(cli):
    """Click's own messages repeat what was typed; they are scrubbed like every other output."""
    r = cli("subject", "show", "110105199003071239", "13800138000", "zhang.san@example.com")
    assert r.code == 2, r
    assert "unexpected extra argument" in r.err
    for secret in ("13800138000", "zhang.san@example.com"):
        assert secret not in r.out + r.err
    r = cli("subject", "show", "110105199003071239", "13800138000", "--show-pii")
    assert "13800138000" in r.err  # asked for
