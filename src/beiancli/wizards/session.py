"""A wizard session: the draft being built, where it is saved, who is asked, and field-path access.

Field paths are the draft's own notation (`subject.principal.mobile`, `websites[0].domains`) — the paths lint
findings, `missing_fields` and the review screen use — so one answer maps to one path everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beiancli.i18n import Msg

if TYPE_CHECKING:
    from beiancli.models import Draft, History, HistorySubject
    from beiancli.output import Out
    from beiancli.wizards.asker import Asker

_SEG = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")


def _split(path: str) -> list[tuple[str, int | None]]:
    out = []
    for part in path.split("."):
        m = _SEG.match(part)
        if not m:
            raise ValueError(f"bad field path {path!r}")
        out.append((m.group(1), int(m.group(2)) if m.group(2) is not None else None))
    return out


def get(obj: Any, path: str) -> Any:
    """The value at `path`, or None when any part of it is missing."""
    cur = obj
    for name, idx in _split(path):
        if cur is None:
            return None
        cur = getattr(cur, name, None)
        if idx is not None:
            if not isinstance(cur, list) or idx >= len(cur):
                return None
            cur = cur[idx]
    return cur


def _new_child(owner: Any, name: str) -> Any:
    from beiancli import models

    kinds = {"subject": models.Subject, "principal": models.Person, "access": models.Access,
             "websites": models.Website, "cancel": None, "change": None}
    cls = kinds.get(name)
    if cls is None:
        raise ValueError(f"cannot create {name!r} under {type(owner).__name__}")
    return cls()


def put(obj: Any, path: str, value: Any) -> None:
    """Set `path` to `value`, creating a missing principal / website on the way."""
    parts = _split(path)
    cur = obj
    for i, (name, idx) in enumerate(parts):
        last = i == len(parts) - 1
        if idx is not None:
            items = getattr(cur, name)
            while len(items) <= idx:
                items.append(_new_child(cur, name))
            if last:
                items[idx] = value
                return
            cur = items[idx]
            continue
        if last:
            setattr(cur, name, value)
            return
        child = getattr(cur, name)
        if child is None:
            child = _new_child(cur, name)
            setattr(cur, name, child)
            child = getattr(cur, name)
        cur = child


def pattern_of(path: str) -> str:
    """`websites[0].principal.mobile` -> `websites[*].principal.mobile` (the notation of fields.toml)."""
    return re.sub(r"\[\d+\]", "[*]", path)


@dataclass
class Session:
    """Everything one wizard run works on."""

    asker: Asker
    out: Out
    draft: Draft
    flow: str
    history: History | None = None
    provider: str = "tencent"
    path: Path | None = None
    ref: str | None = None
    """What `--resume` takes to find this draft again: its name, or its path."""
    today: dt.date = field(default_factory=dt.date.today)
    preset: set[str] = field(default_factory=set)
    """Field paths answered by flags: not asked again."""
    history_subject: HistorySubject | None = None
    decision: Any = None
    domain_info: Any = None
    created: bool = False
    """This run created the draft file (removed again when the filing turns out impossible)."""
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.out.lang

    def t(self, msg: Msg | str, **data: Any) -> str:
        return self.out.t(msg, **data)

    def say(self, msg: Msg | str, **data: Any) -> None:
        self.asker.say(self.t(msg, **data))

    @property
    def kind(self) -> str | None:
        from beiancli.wizards.wiring import subject_kind

        return subject_kind(self.draft.subject.nature)

    # -- the wizard's bookkeeping in draft.wizard ------------------------------------------------------
    @property
    def done(self) -> list[str]:
        return list(self.draft.wizard.get("done", []))

    def mark_done(self, step: str) -> None:
        done = self.done
        if step not in done:
            done.append(step)
        self.draft.wizard = {**self.draft.wizard, "flow": self.flow, "done": done}

    def save(self) -> None:
        if self.path is None:
            return
        from beiancli import store

        if not self.path.exists():
            self.created = True
        self.draft.wizard = {**self.draft.wizard, "flow": self.flow}
        store.save_draft(self.draft, self.path)

    def choose(self, flag: str, prompt: Msg, choices: list[tuple[str, str]], default: str | None = None) -> str:
        """A choice among things (a subject, a scope, a website): asked, or — without a terminal — the flag that
        gives it is named."""
        if self.options.get("batch"):
            from beiancli.errors import UsageError

            raise UsageError(Msg(f"缺少 {flag}：{prompt.zh}（非交互模式不会提问）",
                                 f"missing {flag}: {prompt.en} (nothing is asked when not interactive)"))
        return self.asker.select(prompt.get(self.lang), choices, default=default)

    def resume_command(self) -> str:
        cmd = {"new": "new", "add-site": "add-site", "change": "change", "cancel": "cancel"}[self.flow]
        return f"beian {cmd} --resume {self.ref or self.path}"
