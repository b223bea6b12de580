"""`beian new` in a real pseudo-terminal (pexpect): the prompts as a person meets them, a wrong answer
corrected, Ctrl-C halfway (exit 130 and the resume command), `--resume`, and the saved TOML.

Set BEIAN_E2E_TRANSCRIPT=FILE to keep what the terminal showed (the README's transcript comes from it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from tests.wizards.people import USCC, WANG_WU

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

TIMEOUT = 15


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PRE_COMMIT", "BEIAN_NON_INTERACTIVE", "NO_COLOR")}
    env.update({
        "BEIAN_HOME": str(home),
        "BEIAN_NOW": "2026-12-01T10:00:00+08:00",
        "BEIAN_LANG": "en",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # no cursor-position request: no 3 s wait for an answer pexpect never sends
        "TERM": "xterm",
        "COLUMNS": "120",
        "LINES": "40",
    })
    return env


def _spawn(args: list[str], home: Path, log: list[str]):
    child = pexpect.spawn(sys.executable, ["-m", "beiancli", *args], env=_env(home), encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 120))

    class Tee:
        def write(self, s: str) -> None:
            log.append(s)

        def flush(self) -> None:
            pass

    child.logfile_read = Tee()
    return child


ENTER = "\r"


def _answer(child, prompt: str, text: str | None = None) -> None:
    child.expect_exact(prompt)
    if text:
        child.send(text)
    child.send(ENTER)


def test_new_in_a_terminal_with_ctrl_c_and_resume(tmp_path: Path):
    from PIL import Image

    home = tmp_path / "home"
    scan = tmp_path / "licence.png"
    Image.new("RGB", (1200, 800), (200, 30, 30)).save(scan)
    log: list[str] = []

    child = _spawn(["new"], home, log)
    _answer(child, "Domain to file", "www.newexample.com")
    _answer(child, "Subject nature")  # enterprise: the first choice
    _answer(child, "Subject certificate type")  # uscc: offered for an enterprise
    _answer(child, "Certificate number", USCC[:-1] + "X")
    child.expect_exact("check character is wrong")  # the validator's message, shown under the prompt
    child.send("\x15")  # Ctrl-U: clear the line, type it again
    child.send(USCC + ENTER)
    _answer(child, "Subject name", "深圳市新例科技有限公司")
    child.expect_exact("continuing as 'First filing' (first)")
    _answer(child, "Filing province")  # 广东, from the certificate's division code
    _answer(child, "City", "深圳市")
    child.expect_exact("District")
    child.sendintr()  # Ctrl-C halfway
    child.expect_exact("resume with: beian new --resume newexample.com")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    draft = home / "drafts" / "newexample.com.toml"
    assert draft.exists()
    assert 'city = "深圳市"' in draft.read_text(encoding="utf-8")

    child = _spawn(["new", "--resume", "newexample.com"], home, log)
    child.expect_exact("resuming newexample.com")
    _answer(child, "Filing province")
    _answer(child, "City")  # the answer given before Ctrl-C is the default
    _answer(child, "District", "南山区")
    _answer(child, "Address on the certificate", "深圳市南山区粤海街道科技园路1号A座101室")
    _answer(child, "Postal address")  # defaults to the certificate address
    _answer(child, "Legal representative", "王五")
    _answer(child, "Investor")  # defaults to the legal representative
    _answer(child, "Subject remark")
    child.expect_exact("Is this person the legal representative?")
    child.send("y")
    _answer(child, "Name")  # 王五, the legal representative
    _answer(child, "ID type")  # resident-id
    _answer(child, "ID number", WANG_WU)
    _answer(child, "ID valid until", "2036-01-01")
    _answer(child, "Mobile number", "13800138000")
    _answer(child, "Emergency phone", "13900139000")
    _answer(child, "Office phone")
    _answer(child, "E-mail", "wangwu@example.com")
    _answer(child, "Website name", "新例科技官网")
    _answer(child, "Service content type")
    _answer(child, "Website remark")
    _answer(child, "Domain holder")  # defaults to the subject's name
    _answer(child, "Registrar")
    _answer(child, "Domain expiry date", "2030-05-01")
    _answer(child, "real-name verification", "2026-10-01")
    _answer(child, "pre-approval")  # none of the above
    child.expect_exact("same as the subject principal")
    child.send("y")
    child.expect_exact("Add another website")
    child.send("n")
    _answer(child, "File path", str(scan))  # the subject certificate
    child.expect_exact("recorded (SHA-256")
    while child.expect_exact(["File path", "Validation (beian validate)"]) == 0:
        child.send(ENTER)  # skip the rest for later
    child.expect_exact("Next steps")
    child.expect_exact("draft saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    if os.environ.get("BEIAN_E2E_TRANSCRIPT"):
        Path(os.environ["BEIAN_E2E_TRANSCRIPT"]).write_text("".join(log), encoding="utf-8")

    from beiancli import store

    d = store.load_draft(draft)
    assert d.filing_type == "first" and d.province == "广东" and d.city == "深圳市" and d.district == "南山区"
    assert d.subject.cert_number == USCC and d.subject.principal.cert_number == WANG_WU
    assert d.websites[0].domains[0].name == "newexample.com" and d.websites[0].principal == d.subject.principal
    assert d.materials[0].kind == "subject-cert" and d.materials[0].sha256
    assert "review" in d.wizard["done"]
    screen = "".join(log)
    review = screen.split("Review: newexample.com")[-1]
    assert "4403**********0314" in review and WANG_WU not in review  # the review masks the ID number
