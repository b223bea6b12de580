"""The wizard engine: one loop for `new`, `add-site`, `change` and `cancel`.

- Steps run in the flow's order; after each one the draft is saved atomically (`store.save_draft`) and
  `draft.wizard.done` records it, so `--resume NAME` continues at the first step not done, with the answers
  already given offered as defaults.
- Ctrl-C at any prompt: what was answered is saved, the exact resume command is printed, exit 130
  (`errors.Interrupted`, rendered by `cli.run`).
- A domain that cannot be filed ends with exit 1 (`steps.Blocked`), a filing that needs nothing new with
  exit 0; a draft this run created is removed again in both cases (there is nothing to file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from beiancli.errors import Interrupted, UsageError
from beiancli.i18n import Msg
from beiancli.wizards import change, steps
from beiancli.wizards.session import Session

STEPS: dict[str, Callable[[Session], None]] = {
    "domain": steps.step_domain,
    "subject-id": steps.step_subject_id,
    "type": steps.step_type,
    "region": steps.step_region,
    "subject": steps.step_subject,
    "principal": steps.step_principal,
    "websites": steps.step_websites,
    "materials": steps.step_materials,
    "review": steps.step_review,
    "change-original": change.step_change_original,
    "change-who": change.step_change_who,
    "cancel-pick": change.step_cancel_pick,
    "cancel-confirm": change.step_cancel_confirm,
}

_FILING = ["region", "subject", "principal", "websites", "materials", "review"]


def flow_steps(s: Session) -> list[str]:
    """The flow's steps in console order (§6): region → subject → subject principal → websites → materials →
    review, after the type check (domain + who files)."""
    if s.flow == "new":
        return ["domain", "subject-id", "type", *_FILING]
    if s.flow == "add-site":
        return ["subject-id", "domain", "type", *_FILING]
    if s.flow == "change":
        if s.draft.change is not None and s.draft.change.scope == "website":
            return ["change-original", "websites", "materials", "review"]
        return ["change-original", "change-who", "region", "subject", "principal", "materials", "review"]
    if s.flow == "cancel":
        return ["cancel-pick", "cancel-confirm", "review"]
    raise ValueError(s.flow)


def default_name(s: Session) -> str | None:
    """Name of a new draft: the domain (new, add-site), else the subject's number/name with the flow."""
    d = s.draft
    domain = d.websites[0].domains[0].name if d.websites and d.websites[0].domains else None
    if s.flow in ("new", "add-site"):
        return domain
    if d.change is None and d.cancel is None:
        return None
    who = domain if (d.change and d.change.scope == "website") or (d.cancel and d.cancel.scope != "subject") else (
        d.subject.icp_number or d.subject.name)
    if not who:
        return None
    return f"{who}-{d.filing_type}".replace("/", "-")


def choose_path(s: Session) -> None:
    """Where this draft is saved: --output / --name, else a free name derived from the domain."""
    from beiancli import store

    if s.path is not None:
        return
    base = default_name(s)
    if base is None:
        return
    name = base
    n = 2
    while store.draft_path(name).exists():
        name = f"{base}-{n}"
        n += 1
    if name != base:
        s.say(Msg("  已有名为 {base} 的草稿：这份保存为 {name}", "  a draft named {base} exists: saving this one as {name}"),
              base=base, name=name)
    s.path = store.draft_path(name)
    s.ref = name


def run(s: Session) -> int:
    """Run the remaining steps of the flow; returns the exit code."""
    try:
        while True:
            pending = [st for st in flow_steps(s) if st not in s.done]
            if not pending:
                break
            step = pending[0]
            STEPS[step](s)
            s.mark_done(step)
            choose_path(s)
            s.save()
        return 0
    except KeyboardInterrupt:
        raise _interrupted(s) from None
    except steps.Stop as stop:
        _discard(s)
        if stop.msg is not None:
            s.out.note(stop.msg)
        return stop.code
    except steps.Blocked:
        _discard(s)
        raise


def _interrupted(s: Session) -> Interrupted:
    if s.path is None:
        choose_path(s)
    if s.path is None:
        return Interrupted(Msg("已中断，尚未保存任何内容", "interrupted; nothing was saved yet"))
    s.save()
    return Interrupted(
        Msg(f"已中断；已回答的内容保存在 {s.path}", f"interrupted; the answers so far are saved in {s.path}"),
        hint=Msg(f"继续：{s.resume_command()}", f"resume with: {s.resume_command()}"),
    )


def _discard(s: Session) -> None:
    if s.created and s.path is not None:
        Path(s.path).unlink(missing_ok=True)


def check_new_path(path: Path, *, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(
            Msg(f"{path} 已存在：用 --resume 继续它，换一个 --name，或加 --force 覆盖",
                f"{path} exists: continue it with --resume, pick another --name, or overwrite it with --force"),
        )
