"""Working-day arithmetic (beiancli.calendar) against the official 2026 schedule (icp-filing.md §13).

The 2026 dates below were looked up in chinesecalendar 1.11.0's data (State Council notice 2025-11):
- Spring Festival: holiday 02-15 (Sun) .. 02-23 (Mon); make-up working Saturdays 02-14 and 02-28.
- Mid-Autumn: holiday 09-25 (Fri) .. 09-27 (Sun). National Day: holiday 10-01 .. 10-07;
  make-up working days Sunday 09-20 and Saturday 10-10.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from beiancli import calendar

D = dt.date


@pytest.mark.parametrize(
    ("day", "workday", "why"),
    [
        (D(2026, 2, 14), True, "Saturday, Spring Festival make-up day"),
        (D(2026, 2, 15), False, "Spring Festival"),
        (D(2026, 2, 23), False, "Spring Festival (a Monday)"),
        (D(2026, 2, 24), True, "first day back"),
        (D(2026, 2, 28), True, "Saturday, Spring Festival make-up day"),
        (D(2026, 9, 20), True, "Sunday, National Day make-up day"),
        (D(2026, 9, 25), False, "Mid-Autumn (a Friday)"),
        (D(2026, 10, 1), False, "National Day"),
        (D(2026, 10, 7), False, "National Day (a Wednesday)"),
        (D(2026, 10, 10), True, "Saturday, National Day make-up day"),
        (D(2026, 10, 11), False, "ordinary Sunday"),
        (D(2026, 10, 12), True, "ordinary Monday"),
    ],
)
def test_is_workday_2026(day, workday, why):
    assert calendar.is_workday(day) == (workday, True), why


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # §13's example: the Friday is the Mid-Autumn holiday, so the clock starts Monday 09-28 and
        # the 20th working day after it (skipping 10-01..10-07, counting Saturday 10-10) is 10-30.
        (D(2026, 9, 25), 20, D(2026, 10, 30)),
        (D(2026, 9, 28), 20, D(2026, 10, 30)),
        (D(2026, 9, 24), 20, D(2026, 10, 29)),  # a working Thursday: the 20th working day after it
        (D(2026, 9, 25), 30, D(2026, 11, 13)),  # Zhejiang's 30 working days
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # over National Day
        (D(2026, 10, 9), 1, D(2026, 10, 10)),  # the make-up Saturday counts
        (D(2026, 10, 10), 1, D(2026, 10, 12)),  # the Sunday after it does not
        (D(2026, 9, 19), 0, D(2026, 9, 20)),  # n = 0: the day the clock starts (the make-up Sunday)
        (D(2026, 9, 19), 1, D(2026, 9, 21)),
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Spring Festival make-up Saturday
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # over the Spring Festival holiday
        (D(2026, 2, 13), 5, D(2026, 2, 27)),
        (D(2026, 2, 13), 6, D(2026, 2, 28)),  # the second make-up Saturday
        (D(2026, 2, 13), 7, D(2026, 3, 2)),
    ],
)
def test_add_workdays_across_holidays(start, n, expected):
    assert calendar.add_workdays(start, n) == (expected, True)


def test_add_workdays_accepts_datetimes():
    assert calendar.add_workdays(dt.datetime(2026, 9, 25, 18, 30), 20).date == D(2026, 10, 30)


def test_add_workdays_rejects_negative():
    with pytest.raises(ValueError):
        calendar.add_workdays(D(2026, 1, 5), -1)


def test_add_workdays_agrees_with_chinese_calendar_find_workday():
    """chinesecalendar's own `find_workday` is the oracle for every start day of 2026 it can answer."""
    import chinese_calendar

    day = D(2026, 1, 1)
    checked = 0
    while day <= D(2026, 12, 31):
        for n in (0, 1, 2, 3, 20, 30):
            try:
                expected = chinese_calendar.find_workday(n, day)
            except NotImplementedError:  # the answer lies in a year the library does not know
                continue
            assert calendar.add_workdays(day, n).date == expected, (day, n)
            checked += 1
        day += dt.timedelta(days=1)
    assert checked > 1500


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (D(2026, 9, 28), D(2026, 10, 30), 20),
        (D(2026, 9, 25), D(2026, 10, 30), 21),  # 09-28 itself counts: it is after 09-25
        (D(2026, 9, 30), D(2026, 10, 8), 1),
        (D(2026, 10, 8), D(2026, 10, 12), 3),  # 10-09, the make-up Saturday 10-10, 10-12 (not Sunday 10-11)
        (D(2026, 10, 12), D(2026, 10, 12), 0),
        (D(2026, 10, 30), D(2026, 9, 28), -20),
    ],
)
def test_workdays_between(a, b, count):
    assert calendar.workdays_between(a, b) == (count, True)


def test_workdays_between_inverts_add_workdays_for_working_days():
    start = D(2026, 9, 21)
    for n in range(0, 40):
        end = calendar.add_workdays(start, n).date
        assert calendar.workdays_between(start, end).days == n


# -- years the holiday calendar does not know ---------------------------------------------------------


def test_unknown_year_falls_back_to_monday_to_friday():
    # 2100 will not be in any chinesecalendar release: never an exception, always marked unofficial.
    assert calendar.is_workday(D(2100, 1, 1)) == (True, False)  # a Friday
    assert calendar.is_workday(D(2100, 1, 2)) == (False, False)  # a Saturday
    assert calendar.add_workdays(D(2100, 1, 1), 1) == (D(2100, 1, 4), False)
    assert calendar.workdays_between(D(2100, 1, 1), D(2100, 1, 8)) == (5, False)


def test_2027_fallback_when_the_schedule_is_not_published(monkeypatch):
    # chinesecalendar 1.11.0 knows 2004-2026 and raises NotImplementedError for 2027 (§13). Pin that
    # situation so the test keeps its meaning after a release with 2027 data.
    monkeypatch.setattr(calendar, "known_years", lambda: range(2004, 2027))
    # Friday 2026-12-18 + 20 working days: 12-21..25, 12-28..31, 2027-01-01 (a Friday; surely a holiday,
    # but unknown), 01-04..08, 01-11..15 -> 2027-01-15, unofficial.
    assert calendar.add_workdays(D(2026, 12, 18), 20) == (D(2027, 1, 15), False)
    # Entirely inside 2026 stays official.
    assert calendar.add_workdays(D(2026, 12, 18), 9) == (D(2026, 12, 31), True)
    assert calendar.is_workday(D(2027, 1, 1)) == (True, False)


def test_real_library_never_raises_for_2027():
    result = calendar.add_workdays(D(2026, 12, 18), 20)
    assert result.official == (2027 in calendar.known_years())
    count = calendar.workdays_between(D(2026, 12, 18), D(2027, 2, 26))
    assert count.official == (2027 in calendar.known_years())


def test_known_years_covers_the_library_data():
    years = calendar.known_years()
    assert years.start == 2004
    assert 2026 in years
    assert 2100 not in years


def test_chinese_calendar_is_imported_lazily():
    code = (
        "import sys, datetime, beiancli.calendar as c; assert 'chinese_calendar' not in sys.modules; "
        "c.is_workday(datetime.date(2026, 10, 1)); assert 'chinese_calendar' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
