"""Named days: holidays wire copy dates events by ("found on Thanksgiving Day", "by Christmas")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta

from wirewatch.analyse.times import keys
from wirewatch.analyse.times.grammar import Context, Rule, rule
from wirewatch.analyse.times.lexicon import YEAR
from wirewatch.analyse.times.values import Norm, fmt_day, fmt_week


def _nth(month: int, weekday: object, n: int) -> Callable[[int], date]:
    def day(year: int) -> date:
        return date(year, month, 1) + relativedelta(weekday=weekday(n))  # type: ignore[operator]

    return day


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _election_day(year: int) -> date:
    # US: the Tuesday after the first Monday of November.
    return date(year, 11, 1) + relativedelta(weekday=MO(1)) + relativedelta(days=1, weekday=TU(1))


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": _fixed(12, 25), "christmas day": _fixed(12, 25), "christmas eve": _fixed(12, 24),
    "new year's day": _fixed(1, 1), "new year's eve": _fixed(12, 31), "new year's": _fixed(1, 1),
    "independence day": _fixed(7, 4), "the fourth of july": _fixed(7, 4), "halloween": _fixed(10, 31),
    "valentine's day": _fixed(2, 14), "veterans day": _fixed(11, 11), "boxing day": _fixed(12, 26),
    "thanksgiving": _nth(11, TH, 4), "thanksgiving day": _nth(11, TH, 4),
    "labor day": _nth(9, MO, 1), "memorial day": lambda y: date(y, 5, 31) + relativedelta(weekday=MO(-1)),
    "martin luther king day": _nth(1, MO, 3), "presidents day": _nth(2, MO, 3),
    "presidents' day": _nth(2, MO, 3), "election day": _election_day,
    "easter": easter, "easter sunday": easter, "easter monday": lambda y: easter(y) + relativedelta(days=1),
    "good friday": lambda y: easter(y) - relativedelta(days=2),
}
_names = "|".join(sorted((re.escape(k).replace(r"\ ", " ") for k in HOLIDAYS), key=len, reverse=True))


def _span(day: date, week: bool) -> tuple[date, date]:
    """The first and last day of a holiday, or of its (ISO) week: "as Easter week began" can be now."""
    if not week:
        return day, day
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


@rule("holiday", rf"(?:(?P<rel>last|next|this|this past|this coming) )?(?P<name>{_names})(?P<week> week)?"
      rf"(?:,? (?P<year>{YEAR}))?", needs=(keys.HOLIDAY,))
def holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = " ".join(m.group("name").lower().replace("’", "'").split())
    fn = HOLIDAYS.get(name)
    if fn is None or m.group("name")[0].islower():
        return None
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        day: date | None = fn(int(m.group("year")))
    elif ctx.anchor is None:
        return None
    else:
        a = ctx.anchor
        options = [fn(a.year + k) for k in (-1, 0, 1)]
        week = bool(m.group("week"))
        if rel in ("last", "this past") or (not rel and ctx.tense == "past"):
            day = max((d for d in options if _span(d, week)[0] <= a), default=None)
        elif rel in ("next", "this coming") or (not rel and ctx.tense == "future"):
            day = min((d for d in options if _span(d, week)[1] >= a), default=None)
        else:
            day = min(options, key=lambda d: abs((d - a).days))
    if m.group("week"):
        return Norm("DATE", fmt_week(day))
    return Norm("DATE", fmt_day(day))


RULES: tuple[Rule, ...] = (holiday,)
