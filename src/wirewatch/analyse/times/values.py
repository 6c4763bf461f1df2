"""TIMEX3 values: parsing the anchor, calendar arithmetic and formatting.

Every value the tagger writes goes through the ``fmt_*`` helpers here, so
that the syntax stays valid (``is_valid_value``) whatever the input. The
calendar arithmetic is python-dateutil's ``relativedelta``; nothing here
reads the machine clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

PRESENT_REF = "PRESENT_REF"
PAST_REF = "PAST_REF"
FUTURE_REF = "FUTURE_REF"

# Granularities, coarsest last; a resolved point keeps the one it was said at.
DAY, WEEK, MONTH, QUARTER, HALF, SEASON, YEAR, DECADE, CENTURY = (
    "day", "week", "month", "quarter", "half", "season", "year", "decade", "century")

_DATE_PART = (
    r"(?:[0-9X]{4}|[0-9]{2,3}X?X?|[0-9]{2}X{2})"
    r"(?:-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{1,2}(?:-(?:[1-7]|WE))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
)
_TIME_PART = r"(?:T(?:[0-9]{2}(?::[0-9]{2}(?::[0-9]{2})?)?Z?|MO|AF|EV|NI|DT))?"
_DURATION = (
    r"P(?=[0-9X]|T[0-9X])(?:[0-9X]+(?:\.[0-9]+)?(?:DE|CE|Y|M|W|D|Q|E|C|L))*"
    r"(?:T(?:[0-9X]+(?:\.[0-9]+)?[HMS])+)?"
)
_WEEKLY_SET = r"XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI|[0-9]{2}(?::[0-9]{2})?))?"
VALUE_RE = re.compile(
    rf"(?:{PRESENT_REF}|{PAST_REF}|{FUTURE_REF}|{_DATE_PART}{_TIME_PART}|T[0-9]{{2}}(?::[0-9]{{2}})?"
    rf"|{_DURATION}|{_WEEKLY_SET})"
)

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def is_valid_value(value: str) -> bool:
    """Whether ``value`` has TIMEX3 value syntax (the subset wirewatch writes)."""
    return bool(VALUE_RE.fullmatch(value))


def parse_anchor(published: object) -> date | None:
    """The publication date as a ``date``: ISO date or date-time string, date, datetime, or None."""
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if not isinstance(published, str):
        return None
    m = _ISO_DAY.match(published.strip())
    if not m:
        return None
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def shift(d: date, *, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0) -> date | None:
    """``d`` moved by a calendar offset, or None when it leaves the calendar."""
    try:
        return d + relativedelta(years=years, months=months, weeks=weeks, days=days)
    except (ValueError, OverflowError):
        return None


def _year(y: int) -> str:
    return f"{y:04d}" if 0 <= y <= 9999 else "XXXX"


def fmt_day(d: date | None) -> str:
    return d.isoformat() if d is not None else "XXXX-XX-XX"


def fmt_month(d: date | None) -> str:
    return f"{_year(d.year)}-{d.month:02d}" if d is not None else "XXXX-XX"


def fmt_year(d: date | None) -> str:
    return _year(d.year) if d is not None else "XXXX"


def fmt_week(d: date | None) -> str:
    if d is None:
        return "XXXX-WXX"
    iso = d.isocalendar()
    return f"{_year(iso.year)}-W{iso.week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def fmt_quarter(year: int | None, q: int | None) -> str:
    ys = _year(year) if year is not None else "XXXX"
    return f"{ys}-Q{q}" if q is not None and 1 <= q <= 4 else f"{ys}-QX"


def fmt_decade(year: int) -> str:
    return f"{year // 10:03d}" if 0 <= year <= 9999 else "XXX"


def fmt_century(year: int) -> str:
    return f"{year // 100:02d}" if 0 <= year <= 9999 else "XX"


def fmt_point(d: date | None, gran: str) -> str:
    """A date said at a granularity (``week`` -> ``2025-W42``)."""
    if gran == DAY:
        return fmt_day(d)
    if gran == WEEK:
        return fmt_week(d)
    if gran == MONTH:
        return fmt_month(d)
    if gran == QUARTER:
        return fmt_quarter(d.year, quarter_of(d)) if d is not None else "XXXX-QX"
    if gran == HALF:
        return f"{_year(d.year)}-H{1 if d.month <= 6 else 2}" if d is not None else "XXXX-HX"
    if gran == DECADE:
        return fmt_decade(d.year) if d is not None else "XXX"
    if gran == CENTURY:
        return fmt_century(d.year) if d is not None else "XX"
    return fmt_year(d)


def move(d: date | None, gran: str, n: int) -> date | None:
    """``d`` moved by ``n`` units of ``gran`` (a week is seven days, a quarter three months)."""
    if d is None:
        return None
    try:
        if gran == DAY:
            return shift(d, days=n)
        if gran == WEEK:
            return shift(d, weeks=n)
        if gran == MONTH:
            return shift(d, months=n)
        if gran == QUARTER:
            return shift(d, months=3 * n)
        if gran == HALF:
            return shift(d, months=6 * n)
        if gran == DECADE:
            return shift(d, years=10 * n)
        if gran == CENTURY:
            return shift(d, years=100 * n)
        return shift(d, years=n)
    except OverflowError:
        return None


def weekday_near(anchor: date, weekday: int, direction: str) -> date | None:
    """The ``weekday`` (0 = Monday) nearest ``anchor`` in a direction.

    ``past``: on or before the anchor (news: "on Tuesday" in a Tuesday story
    is that day); ``future``: on or after; ``before``/``after``: strictly.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "past":
        return shift(anchor, days=-back)
    if direction == "before":
        return shift(anchor, days=-(back or 7))
    if direction == "after":
        return shift(anchor, days=ahead or 7)
    return shift(anchor, days=ahead)


def month_year(anchor: date, month: int, tense: str | None) -> int:
    """The year of a month named without one: the tense decides, else the nearest such month."""
    if tense == "past":
        return anchor.year - 1 if month > anchor.month else anchor.year
    if tense == "future":
        return anchor.year + 1 if month < anchor.month else anchor.year
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def day_in_year(anchor: date, month: int, day: int, tense: str | None) -> date | None:
    """A month-day without a year: the nearest one, unless the tense rules it out by months.

    Wire copy names dates close to the story ("payable Dec. 7", "on Oct. 12"),
    and the verb of the sentence is often "said", so nearness beats tense.
    """
    options = [d for d in (safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - anchor).days))
    if tense == "past" and (best - anchor).days > 60:
        return min(options, key=lambda d: abs((d - anchor).days) if d <= anchor else 10**6)
    if tense == "future" and (anchor - best).days > 60:
        return min(options, key=lambda d: abs((d - anchor).days) if d >= anchor else 10**6)
    return best


@dataclass(frozen=True)
class Norm:
    """What a time expression means: TIMEX3 type, value and (optional) mod."""

    type: str
    value: str
    mod: str | None = None


def fmt_number(n: float | None) -> str:
    if n is None:
        return "X"
    if float(n).is_integer():
        return str(int(n))
    return f"{n:.1f}".rstrip("0").rstrip(".")


_DUR_UNIT = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
             "quarter": "Q", "year": "Y", "decade": "E", "century": "C", "fortnight": "W",
             "weekend": "D", "night": "D"}
_TIME_UNITS = {"second", "minute", "hour"}


def fmt_duration(n: float | None, unit: str) -> str:
    """``P2W``, ``PT3H``, ``PXY``: a duration of ``n`` units (None: unknown amount)."""
    if unit == "decade":
        return f"P{fmt_number(n * 10)}Y" if n is not None else "PXE"
    if unit == "century":
        return f"P{fmt_number(n * 100)}Y" if n is not None else "PXC"
    if unit == "fortnight":
        return f"P{fmt_number(n * 2)}W" if n is not None else "PXW"
    if unit == "weekend":
        return f"P{fmt_number(n * 2)}D" if n is not None else "PXD"
    if n is not None and not float(n).is_integer():
        whole = int(n)
        # "2 1/2 years" is P2Y6M, "an hour and a half" PT1H30M: whole units, the rest in the next smaller.
        smaller = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24),
                   "hour": ("M", 60), "minute": ("S", 60)}.get(unit)
        if smaller is not None:
            code, factor = smaller
            rest = round((n - whole) * factor)
            big = _DUR_UNIT[unit]
            if unit in _TIME_UNITS or code in ("H",) and unit == "day":
                if unit == "day":
                    return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
                return f"PT{whole}{big}{rest}{code}" if whole else f"PT{rest}{code}"
            return f"P{whole}{big}{rest}{code}" if whole else f"P{rest}{code}"
    code = _DUR_UNIT.get(unit, "X")
    if unit in _TIME_UNITS:
        return f"PT{fmt_number(n)}{code}"
    return f"P{fmt_number(n)}{code}"
