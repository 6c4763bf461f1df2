"""Key words: every rule's match contains one of its key words, so the tagger tries a rule only
just before those words instead of scanning the whole text with every pattern (several times faster).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from wirewatch.analyse.times.lexicon import MONTHS, WEEKDAYS

DIGIT, YEAR4, MONTH, WEEKDAY, UNIT, RELDAY, POD, NOON, CENTURY, DECADE, QUARTER, SEASON, VAGUE, SETADV, \
    EVERY, HOLIDAY, AMPM, SPOKEN = (
        "digit", "year4", "month", "weekday", "unit", "relday", "pod", "noon", "century", "decade",
        "quarter", "season", "vague", "setadv", "every", "holiday", "ampm", "spoken")

_UNITS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade",
          "century", "centuries", "weekend"}
_WORDS: dict[str, tuple[str, ...]] = {
    "today": (RELDAY,), "tonight": (RELDAY, POD), "yesterday": (RELDAY,), "tomorrow": (RELDAY,),
    "morning": (POD,), "afternoon": (POD,), "evening": (POD,), "night": (POD, UNIT), "nights": (POD, UNIT),
    "mornings": (POD,), "afternoons": (POD,), "evenings": (POD,),
    "overnight": (NOON,), "midday": (NOON,), "noon": (NOON,), "midnight": (NOON,),
    "century": (CENTURY, UNIT), "centuries": (CENTURY, UNIT),
    "twenties": (DECADE,), "thirties": (DECADE,), "forties": (DECADE,), "fifties": (DECADE,),
    "sixties": (DECADE,), "seventies": (DECADE,), "eighties": (DECADE,), "nineties": (DECADE,),
    "quarter": (QUARTER, UNIT), "quarters": (QUARTER, UNIT), "half": (QUARTER,), "period": (QUARTER,),
    "spring": (SEASON,), "summer": (SEASON,), "fall": (SEASON,), "autumn": (SEASON,), "winter": (SEASON,),
    "daily": (SETADV,), "weekly": (SETADV,), "monthly": (SETADV,), "annually": (SETADV,), "yearly": (SETADV,),
    "hourly": (SETADV,), "nightly": (SETADV,), "biweekly": (SETADV,), "biannually": (SETADV,),
    "semiannually": (SETADV,), "every": (EVERY,), "each": (EVERY,), "per": (EVERY,),
    "am": (AMPM,), "pm": (AMPM,), "m": (AMPM,), "clock": (AMPM,),
    "nineteen": (SPOKEN,), "thousand": (SPOKEN,),
    "christmas": (HOLIDAY,), "new": (HOLIDAY,), "independence": (HOLIDAY,), "july": (HOLIDAY,),
    "halloween": (HOLIDAY,), "valentine": (HOLIDAY,), "veterans": (HOLIDAY,), "boxing": (HOLIDAY,),
    "thanksgiving": (HOLIDAY,), "labor": (HOLIDAY,), "memorial": (HOLIDAY,), "luther": (HOLIDAY,),
    "presidents": (HOLIDAY,), "election": (HOLIDAY,), "easter": (HOLIDAY,), "good": (HOLIDAY,),
    "now": (VAGUE,), "currently": (VAGUE,), "current": (VAGUE,), "nowadays": (VAGUE,), "these": (VAGUE,),
    "recently": (VAGUE,), "lately": (VAGUE,), "past": (VAGUE,), "future": (VAGUE,), "present": (VAGUE,),
    "coming": (VAGUE,), "recent": (VAGUE,), "later": (VAGUE,), "ahead": (VAGUE,), "come": (VAGUE,),
    "ago": (VAGUE,), "term": (VAGUE,), "being": (VAGUE,), "q": (QUARTER,), "h": (QUARTER,), "fy": (QUARTER,),
}
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_START = re.compile(r"(?<![\w$£€.-])\S")


@lru_cache(maxsize=4096)
def classes(word: str) -> tuple[str, ...]:
    """The key classes of one token (letters or digits)."""
    if word.isdigit():
        if len(word) == 4 and word[0] in "12":
            return (DIGIT, YEAR4)
        return (DIGIT,)
    low = word.lower()
    out = list(_WORDS.get(low, ()))
    if low in _UNITS or (low.endswith("s") and low[:-1] in _UNITS):
        out.append(UNIT)
    if low.endswith("day") or low.endswith("days"):
        out.append(WEEKDAY if low.rstrip("s") in WEEKDAYS else UNIT)
    elif low in WEEKDAYS:
        out.append(WEEKDAY)
    if low in MONTHS and (word[0].isupper()):
        out.append(MONTH)
    return tuple(out)


class KeyIndex:
    """Where each key class occurs in a text, and where words start (to try patterns from)."""

    def __init__(self, text: str, lo: int = 0, hi: int | None = None):
        self.text = text
        self.positions: dict[str, list[int]] = {}
        for m in _TOKEN.finditer(text, lo, len(text) if hi is None else hi):
            for c in classes(m.group(0)):
                self.positions.setdefault(c, []).append(m.start())
        self.starts = [m.start() for m in _START.finditer(text, lo, len(text) if hi is None else hi)]

    def keys(self, needs: tuple[str, ...]) -> list[int]:
        if len(needs) == 1:
            return self.positions.get(needs[0], [])
        return sorted({p for c in needs for p in self.positions.get(c, [])})

    def starts_before(self, pos: int, back: int) -> list[int]:
        i = bisect.bisect_left(self.starts, pos - back)
        j = bisect.bisect_right(self.starts, pos)
        return self.starts[i:j]
