"""Two languages, one small type. Everything the user reads exists in Chinese and English.

`Msg(zh, en)` is the unit; `pick_lang()` decides which one to show:
`--lang` flag > `BEIAN_LANG` > config `lang` > `LC_ALL` / `LC_MESSAGES` / `LANG` (zh* -> zh) > en.
"""

from __future__ import annotations

import os
from typing import Literal, NamedTuple

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Msg(NamedTuple):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, lang: str, /, **data: object) -> str:
        return self.get(lang).format(**data)

    def fill(self, **data: object) -> Msg:
        """The template filled in each language; values that are Msg are taken in the matching language."""
        zh = {k: v.zh if isinstance(v, Msg) else v for k, v in data.items()}
        en = {k: v.en if isinstance(v, Msg) else v for k, v in data.items()}
        return Msg(self.zh.format(**zh), self.en.format(**en))

    def both(self) -> str:
        """'中文 / English' — for places that must serve both readers (e.g. CI annotations)."""
        return f"{self.zh} / {self.en}"


def normalise_lang(value: str | None) -> Lang | None:
    if not value:
        return None
    v = value.strip().lower().replace("_", "-")
    if v.startswith("zh") or v in ("cn", "chinese", "中文"):
        return "zh"
    if v.startswith("en") or v in ("english",):
        return "en"
    return None


def pick_lang(flag: str | None = None, config: str | None = None, env: dict[str, str] | None = None) -> Lang:
    env = os.environ if env is None else env
    for candidate in (flag, env.get("BEIAN_LANG"), config):
        lang = normalise_lang(candidate)
        if lang:
            return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
