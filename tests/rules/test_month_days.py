"""rules/domain.py month_days() (which spares the start-up the calendar and locale modules) gives the answer of
calendar.monthrange, the function it replaced, for every month of every year a date can have."""

from __future__ import annotations

import calendar

from beiancli.rules.domain import month_days


def test_month_days_is_monthrange():
    for year in range(1, 10000):
        for month in range(1, 13):
            assert month_days(year, month) == calendar.monthrange(year, month)[1], (year, month)
