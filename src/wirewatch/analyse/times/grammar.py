"""The shape of a time rule: a pattern that finds an expression and a handler that says what it means.

One rule serves both recognition (its pattern is searched in the text) and
normalisation (its handler turns the match into a :class:`Norm`), so that
``normalise("last Thursday", ...)`` means exactly what the tagger would have
written for those words in a sentence. A handler returning None rejects the
match (a "May" that is a verb, a "1990" that is an amount).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from wirewatch.analyse.times.lexicon import compile_pattern
from wirewatch.analyse.times.values import Norm


@dataclass(frozen=True)
class Context:
    """What the meaning of an expression depends on besides its words."""

    anchor: date | None = None  # publication date
    tense: str | None = None  # "past", "future", "present" or None: the sentence's tense near the expression
    ref: date | None = None  # the last day-level date the text gave ("the next day" counts from it)
    quarter: tuple[int, int] | None = None  # the last (year, quarter) the text gave
    before: str = ""  # the text just before the expression (a few words)
    after: str = ""  # the text just after it
    sentence: str = ""  # the sentence it is in
    quarterly: bool = False  # the text reports quarterly results ("a year ago" is then a quarter)
    ref_coarse: date | None = None  # the last date the text gave at any precision ("in June 1998" -> 1998-06-01)

    def base(self) -> date | None:
        """Where anaphoric expressions ("the next day", "that week") count from."""
        return self.ref or self.anchor

    def base_coarse(self) -> date | None:
        """Where "that year", "the following month" count from."""
        return self.ref_coarse or self.ref or self.anchor


Handler = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    # Key classes (:mod:`wirewatch.analyse.times.keys`): every match holds a word of one of them.
    needs: tuple[str, ...] | None = None


def rule(name: str, pattern: str, needs: tuple[str, ...] | None = None) -> Callable[[Handler], Rule]:
    """Decorator: ``@rule("weekday", WEEKDAY, needs=(keys.WEEKDAY,))`` over a handler makes a :class:`Rule`."""

    def wrap(fn: Handler) -> Rule:
        return Rule(name, compile_pattern(pattern), fn, needs)

    return wrap


def position_mod(word: str | None) -> str | None:
    """TIMEX3 ``mod`` of a position word: "early" START, "late" END, "mid" MID."""
    if not word:
        return None
    w = " ".join(word.lower().replace("-", " ").split())
    w = w.removesuffix(" in the").removesuffix(" in").removesuffix(" the").strip()
    if w.startswith(("early", "earlier", "the beginning", "beginning", "the start", "start",
                     "the dawn", "the first part")):
        return "START"
    if w.startswith(("late", "later", "the end", "end", "the close", "close", "the latter part",
                     "the last part")):
        return "END"
    if w.startswith(("mid", "the middle", "middle", "the mid")):
        return "MID"
    return None


def amount_mod(word: str | None) -> str | None:
    """TIMEX3 ``mod`` of an amount word: "about" APPROX, "more than" MORE_THAN, ..."""
    if not word:
        return None
    w = " ".join(word.lower().split())
    table = {
        "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
        "some": "APPROX", "or so": "APPROX", "almost": "LESS_THAN", "nearly": "LESS_THAN",
        "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
        "more than": "MORE_THAN", "over": "MORE_THAN", "upwards of": "MORE_THAN",
        "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
        "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "just over": "MORE_THAN",
        "just under": "LESS_THAN", "well over": "MORE_THAN", "only": None, "just": None,
        "within": "EQUAL_OR_LESS",
    }
    return table.get(w)


# The amount words TimeBank keeps inside a duration's extent ("more than four hours");
# "about", "only", "over" and "within" stay outside.
AMOUNT_MODS = (r"(?:almost|nearly|less than|fewer than|more than|just over|just under|well over|upwards of"
               r"|at least|no less than|at most|up to|no more than)")
