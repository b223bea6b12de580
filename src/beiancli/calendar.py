"""Working days (工作日) on the mainland calendar, for the working-day clocks of a filing (§2.1, §13).

Source of truth: the `chinesecalendar` package (State Council holiday notices, incl. the make-up working
Saturdays/Sundays, 调休). It is imported lazily (~8 ms) and only here.

Unknown years. chinesecalendar 1.11.0 knows 2004–2026 and raises `NotImplementedError` for any date in 2027
(icp-filing.md §13; ../shared/notes/measurements.md). Until a release with the State Council's notice for the
year exists, a date outside `known_years()` is computed on a Monday–Friday calendar and every result that
touched such a date carries `official=False`, shown to users as "unofficial". Nothing here raises for a year.

Conventions (the same as chinesecalendar's `find_workday`, §13: `find_workday(20, date(2026, 9, 25))` →
2026-10-30):
- `add_workdays(start, n)`: the clock starts on `start` if it is a working day, else on the next working
  day (a filing received on a holiday is received on the next working day); that day itself is not counted,
  and the result is the n-th working day after it. For a working-day `start` this is simply "the n-th
  working day after start". 2026-09-25 is the Mid-Autumn holiday (a Friday), so its clock starts on
  Monday 2026-09-28 and the 20th working day after that, across National Day (10-01..10-07) and the
  make-up Saturday 10-10, is 10-30.
- `workdays_between(a, b)`: the number of working days d with a < d <= b (negative when b < a). "Due in 3
  working days" means the deadline is the 3rd working day after today.

Natural-time clocks (the 24-hour SMS window, the 45-day idle limit, 3 days after domain real-name) never use
this module (§13 design notes): they are plain `datetime` arithmetic.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import NamedTuple

__all__ = ["WorkdayResult", "add_workdays", "is_workday", "known_years", "workdays_between"]


class WorkdayResult(NamedTuple):
    date: dt.date
    official: bool
    """False when any day looked at lies in a year the holiday calendar does not know (Mon–Fri fallback)."""


class WorkdayCount(NamedTuple):
    days: int
    official: bool


class IsWorkday(NamedTuple):
    workday: bool
    official: bool


@cache
def known_years() -> range:
    """The years chinesecalendar has the State Council's schedule for (1.11.0: 2004–2026).

    A CI job can compare `date.today().year + 1` with this range in December and fail when next year's data
    is missing (§13 design notes) — deliberately not a unit test, which would start failing on a date.
    """
    try:
        from chinese_calendar import constants
    except ImportError:  # pragma: no cover - a hard dependency; degrade to Mon–Fri everywhere
        return range(0)
    years = [d.year for d in constants.holidays]
    return range(min(years), max(years) + 1)


def _as_date(d: dt.date | dt.datetime) -> dt.date:
    return d.date() if isinstance(d, dt.datetime) else d


def is_workday(d: dt.date | dt.datetime) -> IsWorkday:
    """(is it a working day, is that the official answer).

    Outside `known_years()`: Monday–Friday, unofficial."""
    day = _as_date(d)
    if day.year in known_years():
        import chinese_calendar

        try:
            return IsWorkday(bool(chinese_calendar.is_workday(day)), True)
        except NotImplementedError:  # pragma: no cover - known_years() and the library disagree
            pass
    return IsWorkday(day.weekday() < 5, False)


def _first_workday_from(day: dt.date) -> tuple[dt.date, bool]:
    """`day` if it is a working day, else the next one; and whether every day looked at was official."""
    official = True
    while True:
        ok, off = is_workday(day)
        official &= off
        if ok:
            return day, official
        day += dt.timedelta(days=1)


def add_workdays(start: dt.date | dt.datetime, n: int) -> WorkdayResult:
    """The n-th working day after `start` (n >= 0; see the module docstring for a start on a holiday).

    `add_workdays(date(2026, 9, 25), 20)` → 2026-10-30, official (§13). n = 0 gives the day the clock starts.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    day, official = _first_workday_from(_as_date(start))  # the day the clock starts
    for _ in range(n):
        day, off = _first_workday_from(day + dt.timedelta(days=1))
        official &= off
    return WorkdayResult(day, official)


def workdays_between(a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> WorkdayCount:
    """Working days d with a < d <= b; negative (-count of b < d <= a) when b is before a."""
    start, end = _as_date(a), _as_date(b)
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    official = True
    day = start + dt.timedelta(days=1)
    while day <= end:
        ok, off = is_workday(day)
        official &= off
        count += ok
        day += dt.timedelta(days=1)
    return WorkdayCount(sign * count, official)
