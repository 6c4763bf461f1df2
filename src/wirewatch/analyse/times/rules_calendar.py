"""Calendar expressions: dates, months, years, decades, centuries, quarters, halves, seasons."""

from __future__ import annotations

import re
from datetime import timedelta

from wirewatch.analyse.times import keys
from wirewatch.analyse.times.grammar import Context, Rule, position_mod, rule
from wirewatch.analyse.times.lexicon import (
    DAY_NUM,
    MONTH,
    ORDINAL_Q,
    ORDINALS,
    SEASON,
    SEASONS,
    YEAR,
    YEAR_ANY,
    month_number,
    year_value,
)
from wirewatch.analyse.times.values import (
    Norm,
    day_in_year,
    fmt_century,
    fmt_day,
    fmt_decade,
    fmt_quarter,
    fmt_week,
    month_year,
    quarter_of,
    safe_date,
)

POS = (r"(?:early|late|mid|the end of|the beginning of|the start of|the middle of|the close of"
       r"|the first part of|the latter part of|the dawn of|end|beginning|start|middle|the mid)")
# Words before a bare "May" or a bare year that make it a date and not a verb or an amount.
_DATE_PREPS = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|during|from|to|before|after|through|last|next|this|early|late"
    r"|mid|between|and|or|on|throughout|for|at|around|about|circa|the|fiscal|year|until|till|into)\s*"
    r"|-)$", re.IGNORECASE)
_NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:%|percent|per\b|shares|people|points|dollars|yen|tons?\b|units|cars|employees|"
    r"workers|troops|acres|feet|miles|meters|metres|barrels|students|jobs|members|m\b|km\b|"
    r"[-–]\d|,\d|\.\d|\d|:)", re.IGNORECASE)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:[$£€#]|\bno\.?|\bnumber|\broute|\bflight|\bpage|\broom|\bsection|\barticle|\bbill|\bpp?\.|\d[,.]"
    r"|\bat|\b(?:rose|fell|climbed|dropped|increased|decreased|declined|jumped|slipped|up|down|rise|fall"
    r"|rising|falling|gained|lost|totaled|reached|from \$?(?![12]\d{3}\b)[\d.,]+) to|\bof about|\bthan|\bsome|\bnearly"
    r"|\balmost|\bapproximately|\bonly)\s*$",
    re.IGNORECASE)


def _with_pos(value: str, pos: str | None) -> Norm:
    return Norm("DATE", value, position_mod(pos))


@rule("iso-date", r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?", needs=(keys.DIGIT,))
def iso_date(m: re.Match[str], ctx: Context) -> Norm | None:
    text = m.group(0)
    y, mo, d = int(text[:4]), int(text[5:7]), int(text[8:10])
    if safe_date(y, mo, d) is None:
        return None
    return Norm("TIME" if "T" in text else "DATE", text.upper())


@rule("iso-value", r"\d{4}-(?:W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI|\d{2})", needs=(keys.DIGIT,))
def iso_value(m: re.Match[str], ctx: Context) -> Norm | None:
    text = m.group(0).upper()
    if re.fullmatch(r"\d{4}-\d{2}", text) and not 1 <= int(text[5:]) <= 12:
        return None
    return Norm("DATE", text)


@rule("numeric-date", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})", needs=(keys.DIGIT,))
def numeric_date(m: re.Match[str], ctx: Context) -> Norm | None:
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    # American order first: wire copy in English is mostly US-styled.
    d = safe_date(y, int(m.group("a")), int(m.group("b"))) or safe_date(y, int(m.group("b")), int(m.group("a")))
    return Norm("DATE", fmt_day(d)) if d else None


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _explicit(ctx: Context, mon: str, day: str, year: str | None) -> Norm | None:
    month = month_number(mon)
    if month is None:
        return None
    dn = _day(day)
    if year:
        d = safe_date(int(year), month, dn)
        return Norm("DATE", fmt_day(d)) if d else None
    if ctx.anchor is None:
        return Norm("DATE", f"XXXX-{month:02d}-{dn:02d}") if 1 <= dn <= 31 else None
    d = day_in_year(ctx.anchor, month, dn, ctx.tense)
    return Norm("DATE", fmt_day(d)) if d else None


@rule("month-day", rf"(?:(?P<pos>early|late|mid|end|the end of)[- ])?(?P<mon>{MONTH}) "
      rf"(?P<day>{DAY_NUM})(?:,? (?P<year>{YEAR}))?(?!\s*(?:%|percent|[,.]\d))", needs=(keys.MONTH,))
def month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    n = _explicit(ctx, m.group("mon"), m.group("day"), m.group("year"))
    return Norm(n.type, n.value, position_mod(m.group("pos"))) if n else None


@rule("day-month", rf"(?:the )?(?P<day>{DAY_NUM}) (?:of )?(?P<mon>{MONTH})"
      rf"(?:,? (?P<year>{YEAR}))?", needs=(keys.MONTH,))
def day_month(m: re.Match[str], ctx: Context) -> Norm | None:
    return _explicit(ctx, m.group("mon"), m.group("day"), m.group("year"))


@rule("month-year", rf"(?:(?P<pos>{POS})[- ])?(?P<mon>{MONTH}),? (?:of )?(?P<year>{YEAR_ANY})",
      needs=(keys.MONTH,))
def month_year_rule(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("mon"))
    year = year_value(m.group("year"))
    if month is None or year is None:
        return None
    return _with_pos(f"{year:04d}-{month:02d}", m.group("pos"))


@rule("month-rel-year", rf"(?P<mon>{MONTH}) (?:of )?(?P<rel>this|last|next) year", needs=(keys.MONTH,))
def month_rel_year(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("mon"))
    if month is None:
        return None
    if ctx.anchor is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    delta = {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    return Norm("DATE", f"{ctx.anchor.year + delta:04d}-{month:02d}")


@rule("month", rf"(?:(?P<rel>last|next|this|this past|this coming|(?:this|last|next) (?=early|late|mid))? ?)?"
      rf"(?:(?P<pos>{POS})[- ])?(?P<mon>{MONTH})(?!\s+\d)", needs=(keys.MONTH,))
def month_alone(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("mon"))
    if month is None:
        return None
    rel = (m.group("rel") or "").lower().strip()
    pos = m.group("pos")
    if m.group("mon") in ("May", "MAY") and not rel and not pos:
        if not _DATE_PREPS.search(ctx.before) or ctx.before.rstrip().lower().endswith(("the", "and", "or")):
            return None
    if m.group("mon").rstrip(".").lower() in ("mar", "jan", "sept", "sep") and not m.group("mon").endswith("."):
        return None
    if not rel and not pos and re.match(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z]", ctx.after):
        return None  # a march, not the month: "the annual March for Life", "the March of the Mothers"
    if ctx.anchor is None:
        return _with_pos(f"XXXX-{month:02d}", pos)
    a = ctx.anchor
    if rel in ("last", "this past"):
        year = a.year if month < a.month else a.year - 1
    elif rel in ("next", "this coming"):
        year = a.year if month > a.month else a.year + 1
    elif rel == "this":
        year = a.year
    else:
        year = month_year(a, month, ctx.tense)
    return _with_pos(f"{year:04d}-{month:02d}", pos)


@rule("year", rf"(?:(?P<pos>{POS})[- ])?(?:(?P<fy>fiscal|fiscal year|calendar|calendar year|the year|FY) )?"
      rf"(?P<year>{YEAR_ANY})", needs=(keys.YEAR4, keys.SPOKEN))
def year_alone(m: re.Match[str], ctx: Context) -> Norm | None:
    y = year_value(m.group("year"))
    if y is None:
        return None
    anchor_year = ctx.anchor.year if ctx.anchor else 2000
    plain = not m.group("pos") and not m.group("fy")
    if plain:
        if _NOT_A_YEAR_AFTER.match(ctx.after) or _NOT_A_YEAR_BEFORE.search(ctx.before):
            return None
        if (y < 1800 or y > anchor_year + 30) and not _DATE_PREPS.search(ctx.before):
            return None
    return _with_pos(f"{y:04d}", m.group("pos"))


@rule("decade", r"(?:the )?(?:(?P<pos>early|late|mid|the mid)[- ]?)?(?P<dec>1[0-9]{2}0|20[0-9]0)'?s",
      needs=(keys.YEAR4,))
def decade(m: re.Match[str], ctx: Context) -> Norm | None:
    return _with_pos(fmt_decade(int(m.group("dec"))), m.group("pos"))


@rule("decade-short", r"(?:the (?:(?P<pos2>early|late|mid)[- ]?)?['‘’]?|(?:(?P<pos>early|late|mid)[- ]?)?['‘’])"
      r"(?P<d>[0-9]0)s",
      needs=(keys.DIGIT,))
def decade_short(m: re.Match[str], ctx: Context) -> Norm | None:
    d = int(m.group("d"))
    century = 19 if d > 20 or ctx.anchor is None or ctx.anchor.year < 2000 + d else 20
    return _with_pos(fmt_decade(century * 100 + d), m.group("pos") or m.group("pos2"))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@rule("decade-word", r"the (?:(?P<pos>early|late|mid)[- ]?)?(?:nineteen[- ])?(?P<w>twenties|thirties|forties"
      r"|fifties|sixties|seventies|eighties|nineties)", needs=(keys.DECADE,))
def decade_word(m: re.Match[str], ctx: Context) -> Norm | None:
    return _with_pos(f"19{_DECADE_WORDS[m.group('w').lower()]}", m.group("pos"))


_CENTURY_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth" \
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth" \
    r"|twentieth|twenty-first)"


@rule("century", rf"(?:the )?(?:(?P<pos>early|late|mid|the turn of the)[- ]?)?(?P<ord>{_CENTURY_ORD})[- ]century",
      needs=(keys.CENTURY,))
def century(m: re.Match[str], ctx: Context) -> Norm | None:
    o = m.group("ord").lower()
    n = ORDINALS.get(o) if o in ORDINALS else (int(re.sub(r"\D", "", o)) if re.match(r"\d", o) else None)
    if n is None or o in ("last", "final") or not 1 <= n <= 30:
        return None
    return _with_pos(f"{n - 1:02d}", m.group("pos"))


@rule("century-rel", r"(?:the )?(?P<rel>this|last|next|past|previous|current) century", needs=(keys.CENTURY,))
def century_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.anchor is None:
        return Norm("DATE", "XX")
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(m.group("rel").lower(), 0)
    return Norm("DATE", fmt_century(ctx.anchor.year + 100 * delta))


def _rel_year(ctx: Context, rel: str | None) -> int | None:
    if rel is None:
        return None
    r = rel.lower().replace("'s", "").replace("’s", "").strip()
    if re.fullmatch(r"\d{4}", r):
        return int(r)
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + {"last year": -1, "next year": 1, "this year": 0, "the year": 0}.get(r, 0)


_Q_YEAR = rf"(?:{YEAR}|this year|last year|next year)"
_Q_OWNER = rf"(?:the (?!\w+-quarter)|this |(?P<owner>{_Q_YEAR})(?:'s|’s) )"


@rule("quarter", rf"{_Q_OWNER}?(?:(?P<pos>{POS}) (?:of )?(?:the )?)?(?:(?P<ya>year-ago|year-earlier) )?"
      rf"(?:fiscal[- ])?(?P<y1>{YEAR} )?(?P<ord>{ORDINAL_Q})[- ](?:fiscal[- ])?(?P<unit>quarter|half|quarters)"
      rf"(?: (?:of|in) (?:the )?(?:fiscal )?(?:year )?(?P<y2>{_Q_YEAR}))?", needs=(keys.QUARTER,))
def quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    o = m.group("ord").lower()
    n = ORDINALS.get(o, 4)
    year = _rel_year(ctx, m.group("y2") or m.group("owner") or (m.group("y1") or "").strip() or None)
    half = m.group("unit").lower() == "half"
    if half:
        n = 2 if o in ("last", "final") else min(n, 2)
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year
        current = quarter_of(ctx.anchor) if not half else (1 if ctx.anchor.month <= 6 else 2)
        # Results for a quarter are reported after it ends: Q4 in a January story is last year's.
        if n > current and ctx.tense != "future":
            year -= 1
    if m.group("ya"):
        year = year - 1 if year is not None else None
    if m.group("unit").lower() == "quarters":
        return Norm("SET", f"XXXX-Q{n}")
    ys = f"{year:04d}" if year is not None else "XXXX"
    value = f"{ys}-H{n}" if half else f"{ys}-Q{n}"
    return Norm("DATE", value, position_mod(m.group("pos")))


@rule("quarter-rel", rf"(?:the |this |that |its |(?P<owner>{_Q_YEAR})(?:'s|’s) )?(?:"
      r"(?P<rel>latest|current|past|previous|prior|most recent|recent|same|comparable|corresponding"
      r"|year-ago|year-earlier|comparable year-ago|comparable year-earlier|last|next|this|coming"
      rf"|(?P<y>{YEAR})) )?(?:fiscal )?(?P<unit>quarter|period)(?P<ago> a year (?:ago|earlier)"
      r"| (?:of |in )?(?:the )?(?:last|previous|prior) year)?", needs=(keys.QUARTER,))
def quarter_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = (m.group("rel") or "").lower()
    text = m.group(0).lower()
    unit = m.group("unit").lower()
    if unit == "period" and not rel:
        return None
    if not text.startswith(("the", "this", "that", "its")) and not rel and not m.group("owner"):
        return None
    if unit == "period" and rel in ("past", "previous", "prior", "recent", "coming", "next", "last", "this"):
        return None
    base = _ended_quarter(ctx) if unit == "quarter" and rel in ("", "latest", "fiscal") else None
    base = base or _base_quarter(ctx)
    if base is None:
        return Norm("DATE", "XXXX-QX")
    year, q = base
    if m.group("y"):
        year = int(m.group("y"))
    elif rel in ("previous", "prior", "last") or (rel == "past" and unit == "quarter"):
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    elif rel in ("next", "coming"):
        year, q = (year, q + 1) if q < 4 else (year + 1, 1)
    elif rel in ("current", "this") and ctx.anchor is not None:
        year, q = ctx.anchor.year, quarter_of(ctx.anchor)
    if "year-" in rel or m.group("ago"):
        year -= 1
    owner = _rel_year(ctx, m.group("owner"))
    if owner is not None:
        year = owner
    return Norm("DATE", fmt_quarter(year, q))


ENDED = re.compile(rf",?\s+(?:that |which )?(?:ended|ending|ends|closed)\s+(?P<mon>{MONTH})\s+(?P<day>{DAY_NUM})"
                   rf"(?:,?\s+(?P<year>{YEAR}))?", re.IGNORECASE)


def _ended_quarter(ctx: Context) -> tuple[int, int] | None:
    """"the quarter ended Sept. 30": the quarter is the three months up to that day."""
    m = ENDED.match(ctx.after)
    if not m or ctx.anchor is None:
        return None
    month = month_number(m.group("mon"))
    if month is None:
        return None
    end = safe_date(int(m.group("year")), month, 1) if m.group("year") else day_in_year(ctx.anchor, month, 1, "past")
    if end is None:
        return None
    # A quarter "ended July 31" is mostly May to July: name it by its middle month.
    mid = month - 1 or 12
    return (end.year if mid <= month else end.year - 1, (mid - 1) // 3 + 1)


@rule("half-in-quarters", rf"(?:the )?(?P<ord>first|last|final|second|latter) "
      rf"two quarters (?:of|in) (?:the )?(?:fiscal )?(?:year )?(?P<y>{_Q_YEAR})", needs=(keys.QUARTER,))
def half_in_quarters(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the first two quarters of 2024" is a half year, 2024-H1."""
    year = _rel_year(ctx, m.group("y"))
    n = 1 if m.group("ord").lower() == "first" else 2
    return Norm("DATE", f"{year:04d}-H{n}" if year is not None else f"XXXX-H{n}")


@rule("quarter-code", rf"(?-i:(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<fy>FY)))(?:[ '’-]?(?P<y>{YEAR}|\d{{2}}))?",
      needs=(keys.QUARTER,))
def quarter_code(m: re.Match[str], ctx: Context) -> Norm | None:
    """Analyst shorthand: "Q3 2025", "H1 2025", "FY2024", "FY25"."""
    y = m.group("y")
    year = None if y is None else (int(y) if len(y) == 4 else 2000 + int(y))
    if m.group("fy"):
        return Norm("DATE", f"{year:04d}") if year is not None else None
    if m.group("h"):
        n = int(m.group("h")[1])
        return Norm("DATE", f"{year:04d}-H{n}" if year is not None else f"XXXX-H{n}")
    n = int(m.group("q")[1])
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year - (1 if n > quarter_of(ctx.anchor) and ctx.tense != "future" else 0)
    return Norm("DATE", fmt_quarter(year, n))


def _base_quarter(ctx: Context) -> tuple[int, int] | None:
    """The quarter a story is about: the last one it named, else the last one that ended."""
    if ctx.quarter is not None:
        return ctx.quarter
    if ctx.anchor is None:
        return None
    q = quarter_of(ctx.anchor)
    return (ctx.anchor.year, q - 1) if q > 1 else (ctx.anchor.year - 1, 4)


@rule("quarter-adj", r"(?P<rel>year-ago|year-earlier|year-before|prior-year|year-end|year end|year's end)",
      needs=(keys.UNIT,))
def quarter_adj(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = m.group("rel").lower()
    if "end" in rel:
        return Norm("DATE", f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX", "END")
    if ctx.quarter is not None and re.search(r"quarter|period", ctx.sentence, re.I):
        return Norm("DATE", fmt_quarter(ctx.quarter[0] - 1, ctx.quarter[1]))
    return Norm("DATE", f"{ctx.anchor.year - 1:04d}" if ctx.anchor else "XXXX")


@rule("week-of-month", rf"(?:the )?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th) week (?:of|in) "
      rf"(?P<mon>{MONTH})(?:,? (?P<year>{YEAR}))?", needs=(keys.MONTH,))
def week_of_month(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the last week of March": the ISO week holding that stretch of the month."""
    month = month_number(m.group("mon"))
    if month is None:
        return None
    if m.group("year"):
        year: int | None = int(m.group("year"))
    elif ctx.anchor is not None:
        year = month_year(ctx.anchor, month, ctx.tense)
    else:
        return Norm("DATE", "XXXX-WXX")
    assert year is not None
    o = m.group("ord").lower()
    if o in ("last", "final"):
        nxt = safe_date(year + (month == 12), month % 12 + 1, 1)
        day = nxt - timedelta(days=4) if nxt else None
    else:
        day = safe_date(year, month, 4 + 7 * (ORDINALS.get(o, 1) - 1))
    return Norm("DATE", fmt_week(day))


@rule("week-of-date", rf"(?:the )?week of (?P<mon>{MONTH}) (?P<day>{DAY_NUM})(?:,? (?P<year>{YEAR}))?",
      needs=(keys.MONTH,))
def week_of_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the week of March 6": the ISO week holding that day (TimeML tags the phrase whole)."""
    n = _explicit(ctx, m.group("mon"), m.group("day"), m.group("year"))
    if n is None:
        return None
    d = safe_date(int(n.value[:4]), int(n.value[5:7]), int(n.value[8:10])) if n.value[:4].isdigit() else None
    return Norm("DATE", fmt_week(d) if d else "XXXX-WXX")


@rule("season", rf"(?:(?P<rel>last|next|this|this past|this coming|the|that) )?(?:(?P<pos>early|late|mid|the end of"
      rf"|the beginning of|the start of)[- ](?:the )?)?(?P<s>{SEASON})(?: (?:of )?(?P<year>{YEAR_ANY}))?",
      needs=(keys.SEASON,))
def season(m: re.Match[str], ctx: Context) -> Norm | None:
    s = SEASONS[m.group("s").lower()]
    rel = (m.group("rel") or "").lower()
    pos = m.group("pos")
    if m.group("year"):
        y = year_value(m.group("year"))
        return _with_pos(f"{y:04d}-{s}", pos) if y is not None else None
    if not rel and not pos:
        if m.group("s").lower() in ("fall", "spring") or not re.search(r"\b(?:in|during|this|by|until|over)\s*$",
                                                                        ctx.before, re.I):
            return None
    if ctx.anchor is None:
        return _with_pos(f"XXXX-{s}", pos)
    a = ctx.anchor
    order = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
    start_month = order[s]
    if rel in ("last", "this past"):
        year = a.year if start_month + 2 < a.month else a.year - 1
    elif rel in ("next", "this coming"):
        year = a.year if start_month > a.month else a.year + 1
    elif rel == "this" or ctx.tense not in ("past", "future"):
        year = a.year
    else:
        year = month_year(a, start_month, ctx.tense)
    return _with_pos(f"{year:04d}-{s}", pos)


RULES: tuple[Rule, ...] = (
    iso_date, iso_value, numeric_date, month_day, day_month, month_year_rule, month_rel_year, month_alone,
    year_alone, decade, decade_short, decade_word, century, century_rel, quarter, quarter_rel, half_in_quarters,
    quarter_code,
    quarter_adj, week_of_month, week_of_date,
    season,
)
