"""Publication dates from input metadata -> ISO 8601."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


class DateError(ValueError):
    pass


def normalise_published(value: object) -> str | None:
    """``"2025-10-21"`` stays; ``"Oct 21, 2025"`` -> ``"2025-10-21"``; None/"" -> None; junk raises."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(float(value), tz=dt.UTC).date().isoformat()
    text = str(value).strip()
    if _ISO.match(text):
        try:
            dt.date.fromisoformat(text[:10])
        except ValueError:
            raise DateError(f"published {text!r} is not a real date: give YYYY-MM-DD") from None
        return text[:10] if len(text) == 10 else text
    try:
        # Two different defaults: a field that parses to different dates depends on the
        # defaults, i.e. it is missing the day or the year.
        a = dateparser.parse(text, default=dt.datetime(2000, 1, 1), fuzzy=False)
        b = dateparser.parse(text, default=dt.datetime(2001, 2, 2), fuzzy=False)
    except (ValueError, OverflowError):
        raise DateError(f"published {text!r} is not a date wirewatch can read: give it as YYYY-MM-DD "
                        "(ISO 8601), or leave the field out if the date is unknown") from None
    if a.date() != b.date():
        raise DateError(f"published {text!r} is not a full date (day, month and year): give it as "
                        "YYYY-MM-DD, or leave the field out if the date is unknown")
    return a.date().isoformat()
