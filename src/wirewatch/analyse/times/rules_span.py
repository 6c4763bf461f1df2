"""Durations, frequencies (SET), clock times and vague references (PRESENT_REF, PAST_REF, FUTURE_REF)."""

from __future__ import annotations

import re
from datetime import date

from wirewatch.analyse.times import keys
from wirewatch.analyse.times.grammar import AMOUNT_MODS, Context, Rule, amount_mod, rule
from wirewatch.analyse.times.lexicon import (
    DAY_NUM,
    MONTH,
    NUMBER,
    PART_OF_DAY,
    PARTS_OF_DAY,
    UNIT_ANY,
    UNITS,
    WEEKDAY,
    WEEKDAYS_PLURAL,
    month_number,
    number_value,
    unit_name,
    weekday_number,
)
from wirewatch.analyse.times.values import (
    FUTURE_REF,
    PAST_REF,
    PRESENT_REF,
    Norm,
    day_in_year,
    fmt_day,
    fmt_duration,
    shift,
    weekday_near,
)

_DUR_REL = (r"(?:past|last|next|first|coming|previous|following|final|latest|remaining|prior|initial|same"
            r"|full|entire|whole|additional|further|other|year-earlier|year-ago|subsequent|ensuing|preceding)")


@rule("duration", rf"(?:(?P<amod>{AMOUNT_MODS}) )?(?:(?P<det>the) )?(?:(?P<rel>{_DUR_REL}) )?"
      rf"(?:(?P<amod2>{AMOUNT_MODS}) )?(?P<num>{NUMBER})(?P<sep>[ -])"
      rf"(?:(?:full|long|straight|consecutive|more|additional|trading|business|calendar|working) )?"
      rf"(?P<unit>{UNIT_ANY})(?P<tail> or so| and a half|-plus)?", needs=(keys.UNIT,))
def duration(m: re.Match[str], ctx: Context) -> Norm | None:
    num_text = m.group("num")
    n = number_value(num_text)
    unit = unit_name(m.group("unit"))
    tail = (m.group("tail") or "").strip().lower()
    if tail == "and a half" and n is not None:
        n += 0.5
    amod = amount_mod(m.group("amod")) or amount_mod(m.group("amod2"))
    if tail in ("or so", "-plus"):
        amod = "APPROX" if tail == "or so" else "MORE_THAN"
    low = num_text.lower()
    if low in ("a", "an", "one") and unit_name(m.group("unit")) != m.group("unit").lower():
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", low) and m.group("unit").lower() in ("second", "quarter"):
        return None
    if low in ("some", "many") and m.group("unit").lower() in UNIT_SINGULAR:
        return None
    if unit in ("night",) and not m.group("rel"):
        return None
    if unit in ("second", "quarter") and low in ("a", "one") or "-quarters" in m.group(0).lower():
        return None  # "a second group", "three-quarters of its food"
    if low == "one" and unit == "day" and re.search(r"\b(?:will|would|may|might|could|can|shall|should|must)\s*$",
                                                    ctx.before, re.I):
        return Norm("DATE", FUTURE_REF)  # "Islam will one day be the second religion": some day, not 24 hours
    if re.match(r"\s*(?:-|\s)?old\b", ctx.after, re.I):
        return None  # an age: "52 years old"
    if m.group("sep") == "-" and (m.group("det") or m.group("rel")):
        return None  # "the two-year war": TimeML tags the adjective "two-year" alone
    half = n == 2 and (m.group("rel") or "").lower() in ("first", "last", "final", "second", "latter")
    if unit == "quarter" and half and _OF_YEAR.match(ctx.after):
        return None  # "the first two quarters of 2024" names a half year (rules_calendar.half_in_quarters)
    if unit == "quarter" and n is not None:
        return Norm("DURATION", fmt_duration(n * 3, "month"), amod)
    return Norm("DURATION", fmt_duration(n, unit), amod)


@rule("duration-long", rf"(?:(?P<num>{NUMBER})-)?(?P<unit>{UNIT_ANY})-long", needs=(keys.UNIT,))
def duration_long(m: re.Match[str], ctx: Context) -> Norm | None:
    """"a day-long meeting", "a decades-long dispute"."""
    unit = unit_name(m.group("unit"))
    plural = unit != m.group("unit").lower()
    n = number_value(m.group("num")) if m.group("num") else (None if plural else 1.0)
    return Norm("DURATION", fmt_duration(n, unit))


_OF_YEAR = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?(?:\d{4}|this year|last year|next year)\b",
                      re.IGNORECASE)
UNIT_SINGULAR = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year",
                 "decade", "century", "weekend")


@rule("duration-vague", rf"(?:(?P<det>the|these|those) )?(?P<rel>past|last|next|coming|recent|previous|following"
      rf"|ensuing|intervening|early|later) (?P<unit>{UNITS})", needs=(keys.UNIT,))
def duration_vague(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = m.group("rel").lower()
    if rel in ("recent", "past", "last", "previous", "early") and not m.group("det") and rel != "recent" \
            and rel != "past":
        return None
    if rel == "recent":
        if m.group("unit").lower() == "years":
            return Norm("DATE", PAST_REF)
        return Norm("DURATION", fmt_duration(None, unit_name(m.group("unit"))))
    if rel in ("coming", "next") and m.group("det") or rel == "coming":
        return Norm("DATE", FUTURE_REF)
    unit = unit_name(m.group("unit"))
    if rel in ("past", "last", "previous") and m.group("det"):
        return Norm("DURATION", fmt_duration(None, unit))
    if rel == "past":
        return Norm("DATE", PAST_REF)
    return Norm("DURATION", fmt_duration(None, unit))


@rule("duration-bare", r"(?P<unit>years|months|weeks|decades|centuries|hours|minutes|days)"
      r"(?: and (?P<unit2>years|months|weeks|days))?",
      needs=(keys.UNIT,))
def duration_bare(m: re.Match[str], ctx: Context) -> Norm | None:
    if not re.search(r"\b(?:for|over|in|within|take|takes|took|taken|taking|last|lasted|spent|spend|after|"
                     r"than)\s*$", ctx.before, re.I):
        return None
    if re.match(r"\s*(?:of|ago|before|after|earlier|later|old|long|to come|from)\b", ctx.after, re.I):
        return None
    return Norm("DURATION", fmt_duration(None, unit_name(m.group("unit"))))


_VAGUE = {
    "now": PRESENT_REF, "right now": PRESENT_REF, "just now": PRESENT_REF, "currently": PRESENT_REF,
    "current": PRESENT_REF, "presently": PRESENT_REF, "at present": PRESENT_REF, "nowadays": PRESENT_REF,
    "these days": PRESENT_REF, "the moment": PRESENT_REF,
    "at the moment": PRESENT_REF, "this time": PRESENT_REF, "the time being": PRESENT_REF,
    "recently": PAST_REF, "recent": PAST_REF, "lately": PAST_REF, "previously": PAST_REF,
    "formerly": PAST_REF, "the past": PAST_REF, "once": PAST_REF, "long ago": PAST_REF,
    "years ago": PAST_REF, "months ago": PAST_REF, "weeks ago": PAST_REF, "days ago": PAST_REF,
    "decades ago": PAST_REF, "the recent past": PAST_REF, "earlier": PAST_REF, "until recently": PAST_REF,
    "the future": FUTURE_REF, "future": FUTURE_REF, "soon": FUTURE_REF, "the near future": FUTURE_REF,
    "the immediate future": FUTURE_REF, "immediate future": FUTURE_REF, "near future": FUTURE_REF,
    "the foreseeable future": FUTURE_REF, "foreseeable future": FUTURE_REF, "a later date": FUTURE_REF,
    "the near term": FUTURE_REF, "the long term": FUTURE_REF, "the short term": FUTURE_REF,
    "shortly": FUTURE_REF, "the days ahead": FUTURE_REF, "the weeks ahead": FUTURE_REF,
    "the months ahead": FUTURE_REF, "the years ahead": FUTURE_REF, "the years to come": FUTURE_REF,
    "the coming days": FUTURE_REF, "the coming weeks": FUTURE_REF, "the coming months": FUTURE_REF,
    "the coming years": FUTURE_REF, "coming weeks": FUTURE_REF, "coming months": FUTURE_REF,
    "coming days": FUTURE_REF, "coming years": FUTURE_REF, "future quarters": FUTURE_REF,
    "coming quarters": FUTURE_REF, "recent years": PAST_REF, "recent months": PAST_REF,
    "recent weeks": PAST_REF, "recent days": PAST_REF, "recent quarters": PAST_REF,
    "past years": PAST_REF, "years past": PAST_REF, "the past few years": PAST_REF,
}
# In the vocabulary but not tagged: TimeBank leaves these adverbs and adjectives out far more often than not.
_VAGUE_OFF = {"once", "earlier", "the moment", "this time", "the past few years", "at the moment", "years past",
              "until recently", "previously", "formerly",
              "soon", "shortly", "recent", "future", "the foreseeable future", "foreseeable future", "long ago",
              "presently"}
_vague_words = "|".join(re.escape(k).replace(r"\ ", " ") for k in sorted(
    (k for k in _VAGUE if k not in _VAGUE_OFF), key=len, reverse=True))


@rule("vague", rf"(?P<w>{_vague_words})", needs=(keys.VAGUE,))
def vague(m: re.Match[str], ctx: Context) -> Norm | None:
    w = " ".join(m.group("w").lower().split())
    if w in ("current", "future") and re.match(r"\s*(?:account|accounts|and|events|generations?|contract"
                                                 r"|prices?|dollars|members?|value|market|president)\b",
                                                 ctx.after, re.I):
        return None
    if w == "now" and re.match(r"\s*that\b", ctx.after, re.I) and not ctx.before.strip():
        return None
    if w == "present" or w == "the present" and re.match(r"\s*(?:value|day)\b", ctx.after, re.I):
        return None
    return Norm("DATE", _VAGUE[w])


_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W", "biannually": "P6M",
            "semiannually": "P6M", "semi-annually": "P6M", "every day": "P1D", "each day": "P1D"}


@rule("set-adverb", r"daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|biannually"
      r"|semi-?annually", needs=(keys.SETADV,))
def set_adverb(m: re.Match[str], ctx: Context) -> Norm | None:
    w = m.group(0).lower()
    # "daily" before a noun is an adjective of a publication ("a daily newspaper") as often as not.
    if w in ("daily", "weekly", "monthly") and re.match(r"\s*(?:newspaper|paper|magazine|news|mail|telegraph"
                                                       r"|star|express|beast|show|column|sun)\b",
                                                       ctx.after, re.I):
        return None
    return Norm("SET", _SET_ADV[w])


@rule("set-every", rf"(?:every|each|per) (?:(?P<other>other|single) )?(?:(?P<num>{NUMBER}) )?"
      rf"(?P<unit>{UNIT_ANY}|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH}))(?: (?P<pod>{PART_OF_DAY}))?",
      needs=(keys.EVERY,))
def set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("wd"):
        wd = weekday_number(m.group("wd"))
        pod = f"T{PARTS_OF_DAY[m.group('pod').lower()]}" if m.group("pod") else ""
        return Norm("SET", f"XXXX-WXX-{(wd or 0) + 1}{pod}")
    if m.group("mon"):
        return Norm("SET", f"XXXX-{month_number(m.group('mon')) or 1:02d}")
    n = number_value(m.group("num")) if m.group("num") else 1.0
    if m.group("other"):
        n = 2.0 if m.group("other").lower() == "other" else 1.0
    return Norm("SET", fmt_duration(n, unit_name(m.group("unit"))))


@rule("set-a-unit", r"(?:a|an|per) (?P<unit>day|week|month|year|hour|night|quarter)", needs=(keys.UNIT,))
def set_a_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    if not re.search(r"(?:\btimes|\btwice|\bonce|\bthrice|%|\bpercent|\bcents?|\bdollars|\d|\bbarrels|\bmillion"
                     r"|\bbillion|\bthousand|\bhundreds?|\bflights|\bvisitors|\bpassengers|\bseats|\bcopies|\bunits"
                     r"|\btons|\bhours|\bdays|\bmiles|\bshifts?|\bmeals)\s*$", ctx.before, re.I):
        return None
    return Norm("SET", fmt_duration(1.0, m.group("unit").lower()))


@rule("set-weekdays", rf"(?P<wd>{WEEKDAYS_PLURAL})|(?P<wd2>{WEEKDAY}) (?P<pod>mornings|afternoons|evenings|nights)",
      needs=(keys.WEEKDAY,))
def set_weekdays(m: re.Match[str], ctx: Context) -> Norm | None:
    wd_text = m.group("wd")[:-1] if m.group("wd") else m.group("wd2")
    wd = weekday_number(wd_text)
    pod = f"T{PARTS_OF_DAY[m.group('pod').lower()[:-1]]}" if m.group("pod") else ""
    return Norm("SET", f"XXXX-WXX-{(wd or 0) + 1}{pod}")


_AMPM = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b|a\. m\.|p\. m\.)"
_TZ = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|ET|PT|local time|Eastern|Pacific)"
_TIME_TAIL = (rf"(?:,? (?:on )?(?:(?P<wd>{WEEKDAY})|(?P<rd>today|yesterday|tomorrow)"
              rf"|(?P<mon>{MONTH}) (?P<day>{DAY_NUM})))?")


@rule("clock", rf"(?P<h>[012]?\d)(?:[:.](?P<min>[0-5]\d))? ?(?P<ampm>{_AMPM}|o'clock)"
      rf"(?: (?P<tz>{_TZ}))?{_TIME_TAIL}", needs=(keys.AMPM,))
def clock(m: re.Match[str], ctx: Context) -> Norm | None:
    h = int(m.group("h"))
    minute = int(m.group("min") or 0)
    ampm = (m.group("ampm") or "").lower().replace(" ", "")
    if h > 12 and ampm.startswith(("a", "p")) or h > 24:
        return None
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    day = _time_day(m, ctx)
    return Norm("TIME", f"{fmt_day(day)}T{h:02d}:{minute:02d}")


@rule("clock-part", r"(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))? in the (?P<pod>morning|afternoon|evening|night)",
      needs=(keys.POD,))
def clock_part(m: re.Match[str], ctx: Context) -> Norm | None:
    h = int(m.group("h"))
    if h > 12:
        return None
    if m.group("pod").lower() != "morning" and h < 12:
        h += 12
    day = ctx.base()
    return Norm("TIME", f"{fmt_day(day)}T{h:02d}:{int(m.group('min') or 0):02d}")


def _time_day(m: re.Match[str], ctx: Context) -> date | None:
    base = ctx.base()
    if m.group("wd") and ctx.anchor is not None:
        wd = weekday_number(m.group("wd"))
        if wd is not None:
            return weekday_near(ctx.anchor, wd, "future" if ctx.tense == "future" else "past")
    if m.group("rd") and ctx.anchor is not None:
        return shift(ctx.anchor, days={"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("rd").lower()])
    if m.group("mon") and ctx.anchor is not None:
        mon = month_number(m.group("mon"))
        day = int(re.sub(r"\D", "", m.group("day")))
        if mon is not None:
            return day_in_year(ctx.anchor, mon, day, ctx.tense)
    return base


@rule("clock-24", rf"(?P<h>[01]?\d|2[0-3]):?(?P<min>[0-5]\d) (?P<tz>UTC|GMT|Z|{_TZ}){_TIME_TAIL}",
      needs=(keys.DIGIT,))
def clock_24(m: re.Match[str], ctx: Context) -> Norm | None:
    day = _time_day(m, ctx)
    zone = "Z" if m.group("tz").upper() in ("UTC", "GMT", "Z") else ""
    return Norm("TIME", f"{fmt_day(day)}T{int(m.group('h')):02d}:{m.group('min')}{zone}")


@rule("noon", rf"(?P<w>noon|midnight|midday)(?:,? (?:on )?(?:(?P<wd>{WEEKDAY})|(?P<rd>today|yesterday|tomorrow)"
      rf"|(?P<mon>{MONTH}) (?P<day>{DAY_NUM})))", needs=(keys.NOON,))
def noon(m: re.Match[str], ctx: Context) -> Norm | None:
    day = _time_day(m, ctx)
    return Norm("TIME", f"{fmt_day(day)}T{'24:00' if m.group('w').lower() == 'midnight' else '12:00'}")


@rule("noon-weekday", rf"(?P<wd>{WEEKDAY}) (?P<w>noon|midnight)", needs=(keys.NOON,))
def noon_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    day = None
    wd = weekday_number(m.group("wd"))
    if ctx.anchor is not None and wd is not None:
        day = weekday_near(ctx.anchor, wd, "future" if ctx.tense == "future" else "past")
    return Norm("TIME", f"{fmt_day(day)}T{'24:00' if m.group('w').lower() == 'midnight' else '12:00'}")


RULES: tuple[Rule, ...] = (
    set_a_unit, set_every, set_weekdays, set_adverb, duration, duration_long, duration_vague, duration_bare, vague,
    clock,
    clock_part, clock_24, noon, noon_weekday,
)

