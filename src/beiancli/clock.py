"""China time, and the one clock every command reads.

The clocks of a filing are the bureau's, so a time without an offset is China Standard Time (+08:00).
`BEIAN_NOW` (an ISO date or date-time) pins "now" for reproducible runs, tests and demos; `status`,
`validate` and the wizards all read it through `now()` / `today()`. Pure stdlib, cheap to import.
"""

from __future__ import annotations

import datetime as dt
import os

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def parse_time(text: str) -> dt.datetime:
    """An ISO date or date-time (`2026-09-25`, `2026-09-25 10:00`, `…T10:00+08:00`, `…Z`); no offset = China
    time. Raises ValueError when it is neither."""
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)


def china(t: dt.datetime) -> dt.datetime:
    """`t` in China time (a naive time is taken to be China time already)."""
    return t.astimezone(CHINA_TZ) if t.tzinfo else t.replace(tzinfo=CHINA_TZ)


def now() -> dt.datetime:
    """Now in China, or the time pinned by BEIAN_NOW (a UsageError when BEIAN_NOW is not a date)."""
    raw = os.environ.get("BEIAN_NOW")
    if not raw:
        return dt.datetime.now(CHINA_TZ)
    try:
        return parse_time(raw)
    except ValueError:
        from beiancli.errors import UsageError
        from beiancli.i18n import Msg

        raise UsageError(
            Msg(f"BEIAN_NOW 不是有效的日期时间：{raw!r}（如 2026-09-25T10:00）",
                f"BEIAN_NOW is not a date or date-time: {raw!r} (e.g. 2026-09-25T10:00)")
        ) from None


def today() -> dt.date:
    return now().date()
