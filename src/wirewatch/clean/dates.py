"""Dates as pages print them, turned into ISO 8601 ("YYYY-MM-DD")."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?P<year>(?:19|20)\d\d)"

MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE)
DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
                            re.IGNORECASE)
ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)")
# Only the unambiguous US order with a four-digit year: 10/21/2025.
SLASHED = re.compile(r"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d)\b")


def _make(year: str, month: str, day: str) -> str | None:
    m = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3], 0)
    try:
        return date(int(year), m, int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first full date (day, month and year) in ``text`` as ISO, with its span."""
    best: tuple[str, tuple[int, int]] | None = None
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR, ISO, SLASHED):
        m = pattern.search(text)
        if not m:
            continue
        iso = _make(m.group("year"), m.group("month"), m.group("day"))
        if iso and (best is None or m.start() < best[1][0]):
            best = (iso, (m.start(), m.end()))
    return best


def to_iso(value: str | None) -> str | None:
    """Normalise a date string from metadata ("2019-11-20T06:21:00+00:00", "Nov 20, 2019") to ISO."""
    if not value:
        return None
    found = find_date(value)
    return found[0] if found else None
