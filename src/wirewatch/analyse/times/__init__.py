"""Times: TIMEX3 recognition and normalisation (the ``ww_times`` component is in component.py).

    find_times(text, published)       every TIMEX3 in a text, resolved against the publication date
    normalise(expression, anchor, ...) what one expression means (type, value, mod)
    times_in(doc, start, end)          the times the ``ww_times`` component found inside a char range
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.analyse import docext
from wirewatch.analyse.times.engine import find_times, normalise
from wirewatch.analyse.times.values import Norm, is_valid_value
from wirewatch.record import Timex


def times_in(doc: Doc, start: int, end: int) -> list[Timex]:
    """The times inside ``[start, end)`` (doc char offsets), in text order."""
    return [t for t in docext.times(doc) if start <= t.span[0] and t.span[1] <= end]


__all__ = ["Norm", "find_times", "is_valid_value", "normalise", "times_in"]
