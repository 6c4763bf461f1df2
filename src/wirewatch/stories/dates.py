"""TIMEX3 values as calendar windows, for ordering timelines and checking expectations.

An event's ``date`` is a TIMEX3 value: a day (``2026-04-14``), a month, a
week (``2026-W16``), a quarter, a season, a year, or a duration counted
from the article's publication (``P2W``: "within two weeks"). Each becomes
the window of days it covers. Values that say nothing about the calendar
(``XXXX-08``, ``PAST_REF``) give no window.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

Window = tuple[date, date]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)([YMWD]))$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 30.5, "Y": 365.25}
# "Soon", "in the coming months": a window long enough that silence is news only after it.
FUTURE_REF_DAYS = 180


def parse_day(value: str | None) -> date | None:
    """The calendar day at the start of an ISO date or time, or None."""
    if not value:
        return None
    m = _DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def window(value: str | None, published: str | None = None) -> Window | None:
    """The days a TIMEX3 value covers; durations and FUTURE_REF count from ``published``."""
    if not value:
        return None
    value = value.strip()
    try:
        day = parse_day(value)
        if day is not None:
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m.group(1)), int(m.group(2))
            return date(year, month, 1), _month_end(year, month)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + timedelta(days=6)
        if m := _QUARTER.match(value):
            year, q = int(m.group(1)), int(m.group(2))
            return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        if m := _HALF.match(value):
            year, h = int(m.group(1)), int(m.group(2))
            return date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
        if m := _SEASON.match(value):
            year = int(m.group(1))
            first, last = _SEASON_MONTHS[m.group(2)]
            return date(year, first, 1), _month_end(year, last)
        if m := _YEAR.match(value):
            year = int(m.group(1))
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    start = parse_day(published)
    if start is None:
        return None
    if m := _DURATION.match(value):
        days = float(m.group(1)) * _UNIT_DAYS[m.group(2)]
        return start, start + timedelta(days=max(0, round(days)))
    if value == "FUTURE_REF":
        return start, start + timedelta(days=FUTURE_REF_DAYS)
    if value == "PRESENT_REF":
        return start, start
    return None


def is_duration(value: str | None) -> bool:
    return bool(value) and bool(_DURATION.match(value or ""))


def sort_key(value: str | None, published: str | None) -> str:
    """An ISO date to order a fact by: its own date's start, else its article's publication day."""
    if value and not is_duration(value) and value not in ("FUTURE_REF", "PRESENT_REF"):
        w = window(value, published)
        if w is not None:
            return w[0].isoformat()
    day = parse_day(published)
    return day.isoformat() if day else "9999-12-31"


def overlaps(a: Window, b: Window, slack_days: int = 0) -> bool:
    slack = timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def gap_days(day: date, start: date, end: date) -> int:
    """Days from ``day`` to the range [start, end] (0 inside it)."""
    if day < start:
        return (start - day).days
    if day > end:
        return (day - end).days
    return 0
