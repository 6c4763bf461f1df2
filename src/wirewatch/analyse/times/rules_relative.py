"""Expressions relative to the publication date or to a date the text just gave.

News conventions: a bare weekday is the most recent one in a past-tense
sentence (on or before publication) and the next one in a future-tense
sentence; "last Thursday" is strictly before; "the next day" counts from the
last date the text resolved, not from publication.
"""

from __future__ import annotations

import re
from datetime import date

from wirewatch.analyse.times import keys
from wirewatch.analyse.times.grammar import AMOUNT_MODS, Context, Rule, amount_mod, position_mod, rule
from wirewatch.analyse.times.lexicon import (
    DAY_NUM,
    NUMBER,
    PART_OF_DAY,
    PARTS_OF_DAY,
    UNIT_ANY,
    WEEKDAY,
    month_number,
    number_value,
    unit_name,
    weekday_number,
)
from wirewatch.analyse.times.lexicon import MONTH as MONTH_NAME
from wirewatch.analyse.times.lexicon import YEAR as YEAR_NUM
from wirewatch.analyse.times.values import (
    DAY,
    DECADE,
    MONTH,
    QUARTER,
    WEEK,
    YEAR,
    Norm,
    day_in_year,
    fmt_day,
    fmt_point,
    fmt_quarter,
    fmt_week,
    move,
    quarter_of,
    safe_date,
    shift,
    weekday_near,
)

_POS_DAY = r"(?:early|late|earlier|later|mid|midday)"


def _direction(rel: str, tense: str | None) -> str:
    r = rel.lower()
    if r in ("last", "this past", "past", "the previous", "previous", "the past"):
        return "before"
    if r in ("next", "this coming", "coming", "the following", "following", "the next"):
        return "after"
    if tense == "future":
        return "future"
    return "past"


def _with_pod(day: date | None, pod: str | None, mod: str | None = None, kind: str = "TIME") -> Norm:
    if pod:
        code = PARTS_OF_DAY.get(pod.lower(), "DT")
        return Norm(kind, f"{fmt_day(day)}T{code}", mod)
    return Norm("DATE", fmt_day(day), mod)


_DATE_AFTER = re.compile(rf"^,? (?:(?P<mon>{MONTH_NAME}) (?P<day>{DAY_NUM})|(?P<day2>{DAY_NUM}) (?P<mon2>{MONTH_NAME}))"
                         rf"(?:,? (?P<year>{YEAR_NUM}))?".replace(" ", r"\s+"), re.IGNORECASE)


def _date_after(ctx: Context) -> date | None:
    """The date of "Tuesday, Oct. 21": TimeML tags the weekday and the date apart, both that day."""
    m = _DATE_AFTER.match(ctx.after)
    if not m:
        return None
    month = month_number(m.group("mon") or m.group("mon2"))
    day = int(re.sub(r"\D", "", m.group("day") or m.group("day2")))
    if month is None:
        return None
    if m.group("year"):
        return safe_date(int(m.group("year")), month, day)
    return day_in_year(ctx.anchor, month, day, None) if ctx.anchor else None


@rule("weekday", rf"(?:(?P<rel>last|next|this|this coming|this past|coming|past"
      rf"|the previous|the following|the next) )?(?P<wd>{WEEKDAY})(?:(?:'s)? (?P<pod>{PART_OF_DAY}))?",
      needs=(keys.WEEKDAY,))
def weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = weekday_number(m.group("wd"))
    if wd is None:
        return None
    rel = (m.group("rel") or "").lower()
    mod = None
    explicit = _date_after(ctx)
    if explicit is not None and explicit.weekday() == wd:
        return _with_pod(explicit, m.group("pod"), mod, "DATE")
    if rel in ("the previous", "the following", "the next"):
        base = ctx.base()
    else:
        base = ctx.anchor
    if base is None:
        code = f"XXXX-WXX-{wd + 1}"
        if m.group("pod"):
            return Norm("TIME", f"{code}T{PARTS_OF_DAY.get(m.group('pod').lower(), 'DT')}", mod)
        return Norm("DATE", code, mod)
    if rel == "this":
        direction = "future" if ctx.tense == "future" else "past"
    else:
        direction = _direction(rel, ctx.tense)
    return _with_pod(weekday_near(base, wd, direction), m.group("pod"), mod, "DATE")


@rule("day-before-weekday", rf"(?:the )?day (?P<dir>before|after) (?:(?P<rel>last|next|this) )?(?P<wd>{WEEKDAY})",
      needs=(keys.WEEKDAY,))
def day_before_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the day before last Tuesday": one expression, a day off the weekday it names."""
    wd = weekday_number(m.group("wd"))
    if wd is None:
        return None
    if ctx.anchor is None:
        return Norm("DATE", "XXXX-XX-XX")
    rel = (m.group("rel") or "").lower()
    direction = ("future" if ctx.tense == "future" else "past") if rel == "this" else _direction(rel, ctx.tense)
    day = weekday_near(ctx.anchor, wd, direction)
    step = -1 if m.group("dir").lower() == "before" else 1
    return Norm("DATE", fmt_day(shift(day, days=step) if day else None))


_REL_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}


@rule("relative-day", rf"(?:(?P<pos>{_POS_DAY}|the end of|the middle of) |(?P<pos0>early|late|mid)[- ]?(?P<pod0>"
      rf"morning|afternoon|evening) )?(?P<rd>today|tonight|yesterday|tomorrow"
      rf"|the day before yesterday|the day after tomorrow)(?:(?:'s)? (?P<pod>{PART_OF_DAY}))?",
      needs=(keys.RELDAY,))
def relative_day(m: re.Match[str], ctx: Context) -> Norm | None:
    rd = " ".join(m.group("rd").lower().split())
    pod = m.group("pod") or m.group("pod0") or ("night" if rd == "tonight" else None)
    day = shift(ctx.anchor, days=_REL_DAYS[rd]) if ctx.anchor else None
    return _with_pod(day, pod, position_mod(m.group("pos") or m.group("pos0")))


@rule("position-part-of-day", r"(?P<pos>early|late|mid)[- ]?(?P<pod>morning|afternoon|evening)", needs=(keys.POD,))
def position_part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    """"by mid afternoon", "in the late evening": that part of the day the story is about."""
    return _with_pod(ctx.base(), m.group("pod"), position_mod(m.group("pos")))


@rule("part-of-day", rf"(?:(?P<pos>early|late|earlier|later|mid) )?(?P<rel>this|last|the) (?P<pod>{PART_OF_DAY})",
      needs=(keys.POD,))
def part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = m.group("rel").lower()
    pod = m.group("pod").lower()
    if rel == "the" and pod == "night":
        return None
    day = ctx.base() if rel == "the" else ctx.anchor
    if rel == "last" and day is not None:
        day = shift(day, days=-1) if pod in ("night", "evening") else None
        if day is None:
            return None
    return _with_pod(day, pod, position_mod(m.group("pos")))


@rule("overnight", r"overnight|midday", needs=(keys.NOON,))
def overnight(m: re.Match[str], ctx: Context) -> Norm | None:
    w = m.group(0).lower()
    day = ctx.base()
    if w == "overnight":
        # The night before the day the story is about: "Tuesday's trading, dragged down by overnight falls in Tokyo".
        return Norm("TIME", f"{fmt_day(shift(day, days=-1) if day else None)}TNI")
    return Norm("TIME", f"{fmt_day(day)}T{'24:00' if w == 'midnight' else '12:00'}")


_UNIT_GRAN = {"day": DAY, "week": WEEK, "month": MONTH, "quarter": QUARTER, "year": YEAR, "decade": DECADE}
_REL_UNIT = (r"(?:(?P<pos>early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of"
             r"|the rest of|the remainder of|the close of|the first half of|the second half of|end|start)[- ]"
             r"(?:in )?)?")
_WHOLE = ("the", "the full", "the whole", "the entire", "the new", "the calendar", "the current")


@rule("relative-unit", rf"{_REL_UNIT}(?P<rel>this|last|next|this past|this coming|the past|the last|the current"
      r"|the coming|the previous|the prior|the following|the next|the same|that|the|current|past|coming"
      r"|the latest|the most recent|the present|the current fiscal|the fiscal|the full|the calendar"
      r"|the new|the latest fiscal|this fiscal|last fiscal|next fiscal|the whole|the entire) "
      r"(?P<unit>day|week|month|year|decade|weekend|morning|afternoon|evening|night)(?P<so> or so)?"
      r"(?P<ago> a year (?:ago|earlier|before)| (?:of |in )?(?:the )?(?:last|previous|prior) year)?",
      needs=(keys.UNIT, keys.POD))
def relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join(m.group("rel").lower().split()).replace(" fiscal", "")
    unit = m.group("unit").lower()
    pos = m.group("pos")
    mod = position_mod(pos)
    if pos and pos.lower().startswith(("the rest", "the remainder")):
        mod = None
    anaphoric = rel in ("the previous", "the prior", "the following", "the next", "the same", "that")
    base = ctx.anchor
    if unit == "year" and rel in ("the full", "the whole", "the entire") and ctx.ref_coarse is not None \
            and str(ctx.ref_coarse.year) in ctx.sentence:
        # "a loss in the third quarter of 2023 and for the entire year": the year the sentence named
        base = ctx.ref_coarse
    if anaphoric:
        base = ctx.base() if unit in ("day", "week", "weekend", "morning", "afternoon", "evening", "night") \
            else ctx.base_coarse()
    if unit in ("morning", "afternoon", "evening", "night"):
        if not anaphoric:
            return None
        step = {"the previous": -1, "the prior": -1, "the following": 1, "the next": 1}.get(rel, 0)
        day = shift(base, days=step) if base else None
        return Norm("TIME", f"{fmt_day(day)}T{PARTS_OF_DAY[unit]}")
    if m.group("so"):
        mod = "APPROX"
    if unit == "weekend":
        return _weekend(rel, ctx, base, mod)
    if rel == "the" and unit == "day":
        # "ended the day", "for the day", "later in the day": the day of the story.
        after_verb = re.search(r"\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing"
                               r"|start|began|for|during|in|of)\s*$", ctx.before, re.I)
        if not pos and not after_verb or re.match(r"\s*(?:before|after|of|when|that)\b", ctx.after, re.I):
            return None
        return Norm("DATE", fmt_day(ctx.base()), mod)
    if rel in _WHOLE:
        if unit not in ("year", "week") or (unit == "week" and rel != "the"):
            return None
        if unit == "year" and re.match(r"\s*(?:ended|ending|to|through|that ended|which ended)\b", ctx.after, re.I):
            return Norm("DURATION", "P1Y")
        if rel == "the" and unit == "year" and not pos and not re.search(
                r"\b(?:for|during|in|of|through|throughout)\s*$", ctx.before, re.I):
            return None
    step = {"last": -1, "the past": -1, "the last": -1, "the previous": -1, "the prior": -1, "past": -1,
            "the latest": -1, "the most recent": -1, "next": 1, "the coming": 1, "the following": 1,
            "the next": 1, "coming": 1, "this coming": 1, "this past": -1}.get(rel, 0)
    if rel in ("the latest", "the most recent") and unit != "year":
        return None
    gran = _UNIT_GRAN[unit]
    if m.group("ago"):
        if rel != "the same":
            return None
        # "the same month a year ago": the month the text is about, a year back.
        base = move(base, YEAR, -1)
    if base is None:
        return Norm("DATE", fmt_point(None, gran), mod)
    return Norm("DATE", fmt_point(move(base, gran, step), gran), mod)


def _weekend(rel: str, ctx: Context, base: date | None, mod: str | None) -> Norm:
    if base is None:
        return Norm("DATE", "XXXX-WXX-WE", mod)
    if rel in ("next", "the coming", "this coming", "the following", "the next", "coming"):
        sat = weekday_near(base, 5, "after")
    elif rel in ("last", "the past", "the last", "the previous", "this past", "past"):
        sat = weekday_near(base, 5, "before")
        if sat is not None and (base - sat).days < 2:
            sat = shift(sat, days=-7)
    elif ctx.tense == "future":
        sat = weekday_near(base, 5, "future")
    else:
        sat = weekday_near(base, 5, "past")
        if sat is not None and (base - sat).days == 0:
            sat = shift(sat, days=-7)
    return Norm("DATE", f"{fmt_week(sat)}-WE", mod)


@rule("year-end", r"(?:the )?(?:year|month|week|quarter)(?:'s|’s)? ?-?end"
      r"|(?:the )?end of the (?:year|month|week|quarter)"
      r"|(?:the )?(?:end|beginning|start|middle) of (?:the|this|last|next) (?:year|month|week|quarter)",
      needs=(keys.UNIT,))
def year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    t = m.group(0).lower()
    unit = next(u for u in ("year", "month", "week", "quarter") if u in t)
    step = -1 if " last " in t else (1 if " next " in t else 0)
    mod = position_mod(t.removeprefix("the ").split()[0]) or "END"
    if t.replace("the ", "").replace("'s", "").replace("’s", "").replace("-", " ").split()[:2] == [unit, "end"]:
        mod = "END"
    gran = _UNIT_GRAN[unit]
    if ctx.anchor is None:
        return Norm("DATE", fmt_point(None, gran), mod)
    if unit == "quarter":
        q = ctx.quarter or (ctx.anchor.year, quarter_of(ctx.anchor))
        return Norm("DATE", fmt_quarter(q[0], q[1]), mod)
    return Norm("DATE", fmt_point(move(ctx.anchor, gran, step), gran), mod)


_AGO = r"(?P<dir>ago|earlier|later|before|after|from now|hence|previously|back|since)"


@rule("ago", rf"(?:(?P<amod>{AMOUNT_MODS}) )?(?P<num>{NUMBER})[ -](?P<unit>{UNIT_ANY}) (?:or so )?{_AGO}",
      needs=(keys.UNIT,))
def ago(m: re.Match[str], ctx: Context) -> Norm | None:
    d = m.group("dir").lower()
    unit = unit_name(m.group("unit"))
    n = number_value(m.group("num"))
    amod = amount_mod(m.group("amod"))
    if " or so" in m.group(0).lower():
        amod = "APPROX"
    if d in ("before", "after", "since"):
        return None
    sign = 1 if d in ("later", "from now", "hence") else -1
    base = ctx.base() if d in ("earlier", "later", "before", "after", "previously") else ctx.anchor
    if unit in ("quarter",) and base is not None and n is not None:
        q = ctx.quarter or (base.year, quarter_of(base))
        if n == 1 and unit == "quarter":
            year, qq = (q[0], q[1] - 1) if q[1] > 1 else (q[0] - 1, 4)
            return Norm("DATE", fmt_quarter(year, qq), amod)
    if unit == "year" and n == 1 and ctx.quarter is not None and re.search(r"quarter|period", ctx.sentence, re.I):
        return Norm("DATE", fmt_quarter(ctx.quarter[0] - 1, ctx.quarter[1]), amod)
    gran = {"second": DAY, "minute": DAY, "hour": DAY, "night": DAY, "fortnight": WEEK, "weekend": WEEK,
            "century": YEAR}.get(unit, _UNIT_GRAN.get(unit, YEAR))
    if n is None:
        if base is None:
            return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", amod)
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", amod)
    if base is None or not float(n).is_integer():
        return Norm("DATE", fmt_point(None, gran), amod)
    count = int(n) * (2 if unit == "fortnight" else 1) * (100 if unit == "century" else 1)
    if unit == "decade":
        count, gran = int(n) * 10, YEAR
    if unit in ("second", "minute", "hour"):
        return Norm("DATE", fmt_day(base), amod)
    return Norm("DATE", fmt_point(move(base, gran, sign * count), gran), amod)


@rule("year-relative-ago", r"(?:a|one) (?P<unit>year|month|week|day) (?:(?P<so>or so) )?(?P<dir>ago|earlier)",
      needs=(keys.UNIT,))
def a_unit_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m.group("unit").lower()
    mod = "APPROX" if m.group("so") else None
    base = ctx.anchor if m.group("dir").lower() == "ago" else ctx.base()
    if unit == "year" and (ctx.quarter is not None or ctx.quarterly) and ctx.anchor is not None:
        # In a results story "a year ago" is the same quarter of last year.
        q = ctx.quarter or _last_quarter(ctx.anchor)
        return Norm("DATE", fmt_quarter(q[0] - 1, q[1]), mod)
    gran = _UNIT_GRAN[unit]
    if base is None:
        return Norm("DATE", fmt_point(None, gran), mod)
    return Norm("DATE", fmt_point(move(base, gran, -1), gran), mod)


def _last_quarter(d: date) -> tuple[int, int]:
    q = quarter_of(d)
    return (d.year, q - 1) if q > 1 else (d.year - 1, 4)


_ANAPHORIC = r"(?:the next|the following|the previous|the prior|the preceding|the same|that|later that|earlier that)"


@rule("anaphoric-day", rf"(?P<rel>{_ANAPHORIC}) (?P<unit>day)|the day (?P<dir>before|after)(?=\s*[,.;:)]|\s*$)"
      r"|(?P<rel2>earlier|later) that day", needs=(keys.UNIT,))
def anaphoric_day(m: re.Match[str], ctx: Context) -> Norm | None:
    t = m.group(0).lower()
    base = ctx.base()
    step = 0
    if any(w in t for w in ("next", "following", " after")):
        step = 1
    elif any(w in t for w in ("previous", "prior", "preceding", " before")):
        step = -1
    mod = "START" if t.startswith("earlier") else ("END" if t.startswith("later") else None)
    return Norm("DATE", fmt_day(shift(base, days=step) if base else None), mod)


RULES: tuple[Rule, ...] = (
    weekday, day_before_weekday, relative_day, position_part_of_day, part_of_day, overnight, relative_unit, year_end,
    a_unit_ago, ago, anaphoric_day,
)
