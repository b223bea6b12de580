"""The filing process as data: the steps of rules/data/process.toml with their clocks (icp-filing.md §2.1), and
the bureau's review limit of the subject's province (provinces.toml `review_limit_wd`: 20, Zhejiang 30).

Pure; used by `check-domain` (timeline), the wizards (next steps) and `status` (deadlines).
"""

from __future__ import annotations

from typing import NamedTuple

from beiancli.i18n import Msg

BUREAU_STEP = "bureau-review"


class Step(NamedTuple):
    id: str
    state: str
    name: Msg
    detail: Msg
    min_wd: int | None = None
    max_wd: int | None = None
    hours: int | None = None
    deadline: bool = False
    province: Msg | None = None  # set when max_wd comes from the province's review limit

    def duration(self) -> Msg:
        if self.hours is not None:
            if self.deadline:
                return Msg(f"{self.hours} 小时内（硬性时限）", f"within {self.hours} h (hard deadline)")
            return Msg(f"约 {self.hours} 小时", f"about {self.hours} h")
        if self.max_wd is not None:
            lo = self.min_wd if self.min_wd is not None else self.max_wd
            span = f"{lo}–{self.max_wd}" if lo != self.max_wd else f"{lo}"
            if self.province:
                return Msg(f"{span} 个工作日（{self.province.zh}上限 {self.max_wd}）",
                           f"{span} working days ({self.province.en}: at most {self.max_wd})")
            return Msg(f"{span} 个工作日", f"{span} working days")
        return Msg("—", "—")


def steps(province: str | None = None) -> list[Step]:
    """The process steps in order. With a province, the bureau step's limit is that province's."""
    from beiancli.rules.data import load

    raw = load("process")
    limit: int | None = None
    prov_name: Msg | None = None
    if province:
        from beiancli import regions

        p = regions.find(province)
        if p is not None:
            limit, prov_name = p.review_limit_wd, Msg(p.id, p.en)
    out: list[Step] = []
    for s in raw["steps"]:
        step = Step(
            id=s["id"],
            state=s["state"],
            name=Msg(s["zh"], s["en"]),
            detail=Msg(s.get("detail_zh", ""), s.get("detail_en", "")),
            min_wd=s.get("min_wd"),
            max_wd=s.get("max_wd"),
            hours=s.get("hours"),
            deadline=bool(s.get("deadline", False)),
        )
        if step.id == BUREAU_STEP and limit is not None:
            step = step._replace(max_wd=limit, province=prov_name)
        out.append(step)
    return out
