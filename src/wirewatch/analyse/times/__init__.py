"""Times: TIMEX3 recognition and normalisation (the ``ww_times`` component is in component.py).

    find_times(text, published)         every TIMEX3 in a text, resolved against the publication date
    normalise(expression, anchor, ...)  what one expression means (type, value, mod)
    times_in(doc, start, end)           the times the ``ww_times`` component found inside a char range
    date_in(doc, start, end, near=...)  the calendar date an event in that range is dated by, if any
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from wirewatch.analyse import docext
from wirewatch.analyse.times.engine import find_times, normalise
from wirewatch.analyse.times.values import Norm, is_valid_value
from wirewatch.record import Timex

_CALENDAR = re.compile(r"[0-9X]{4}(?:-|$)")


def times_in(doc: Doc, start: int, end: int) -> list[Timex]:
    """The times inside ``[start, end)`` (doc char offsets), in text order."""
    return [t for t in docext.times(doc) if start <= t.span[0] and t.span[1] <= end]


def date_in(doc: Doc, start: int, end: int, near: int | None = None) -> str | None:
    """The TIMEX3 value an event said in ``[start, end)`` is dated by: a DATE or TIME with a calendar value.

    With ``near`` (say, the offset of the event's trigger) the closest such
    expression wins, else the first. Durations, frequencies and vague
    references (``PAST_REF``) date nothing. A TIME gives its date part.
    """
    found = [t for t in times_in(doc, start, end) if t.type in ("DATE", "TIME") and _CALENDAR.match(t.value)]
    if not found:
        return None
    if near is not None:
        found.sort(key=lambda t: min(abs(t.span[0] - near), abs(t.span[1] - near)))
    return found[0].value.split("T", 1)[0]


__all__ = ["Norm", "date_in", "find_times", "is_valid_value", "normalise", "times_in"]
