"""Words of time: months, weekdays, units, number words, and the regex pieces built from them.

Patterns are written with single spaces; :func:`compile_pattern` turns each
space into "any run of whitespace" so that an expression broken across a
line still matches.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                                "overnight": "NI", "tonight": "NI"}
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "last": 4, "final": 4,
}

_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
# Amounts said without a number: the duration's count is unknown (``PXY``).
VAGUE_AMOUNTS = ("a few", "few", "several", "some", "many", "a number of", "numerous", "countless",
                 "dozens of", "hundreds of", "a couple of", "a couple", "couple of")
_FIXED = {"a": 1.0, "an": 1.0, "a single": 1.0, "a dozen": 12.0, "half a": 0.5, "half an": 0.5,
          "a half": 0.5, "one and a half": 1.5, "two and a half": 2.5, "a hundred": 100.0,
          "one hundred": 100.0, "a thousand": 1000.0, "a couple of": 2.0, "a couple": 2.0,
          "couple of": 2.0}

_ones = "|".join(sorted(_ONES, key=len, reverse=True))
_tens = "|".join(_TENS)
NUMBER_WORD = rf"(?:(?:{_tens})(?:[- ](?:{_ones}))?|{_ones})"
# Plain words and spaces only: compile_pattern turns each space into \s+.
_fixed = "|".join(sorted(_FIXED, key=len, reverse=True))
_vague = "|".join(sorted(VAGUE_AMOUNTS, key=len, reverse=True))
# A count in front of a unit: "two", "twenty-five", "18", "1.5", "a", "a few", "several".
NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})?(?: \d/\d)?(?:\.\d+)?|{NUMBER_WORD}(?: (?:hundred|thousand))?"
          rf"|(?:{_fixed})|(?:{_vague})|(?:{NUMBER_WORD}|a) (?:hundred|thousand)"
          rf"|\d+ (?:to|or) \d+|{NUMBER_WORD} (?:to|or) {NUMBER_WORD})")

UNIT = (r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century"
        r"|weekend)")
UNITS = r"(?:seconds|minutes|hours|days|nights|weeks|fortnights|months|quarters|years|decades|centuries)"
UNIT_ANY = rf"(?:{UNITS}|{UNIT})"

# Months are capitalised in news copy; lower-case "may" and "march" are verbs.
MONTH = (r"(?-i:(?:Jan(?:uary|\.)|Feb(?:ruary|\.)|Mar(?:ch|\.)|Apr(?:il|\.)|May|June?|July?"
         r"|Aug(?:ust|\.)|Sept?(?:ember|\.)|Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.)"
         r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d)))")
# A month that is very unlikely to be a verb or name when alone.
WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
           r"|(?-i:(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.))")
WEEKDAYS_PLURAL = r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
YEAR = r"(?:1[0-9]{3}|2[0-9]{3})"
# Broadcast transcripts spell years out: "nineteen ninety-six".
SPOKEN_YEAR = (rf"(?:nineteen[- ](?:hundred|(?:{_tens})(?:[- ](?:{_ones}))?|ten|eleven|twelve|thirteen|fourteen"
               rf"|fifteen|sixteen|seventeen|eighteen|nineteen)|the year two thousand(?: and (?:{_ones}))?)")
YEAR_ANY = rf"(?:{YEAR}|{SPOKEN_YEAR})"
DAY_NUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL_Q = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


def compile_pattern(p: str) -> re.Pattern[str]:
    """Case-insensitive, whole words, any whitespace between the words (" ?": optional whitespace)."""
    body = p.replace(" ?", r"\s*").replace(" ", r"\s+")
    return re.compile(rf"(?<![\w$£€.-])(?:{body})(?![\w]|-\w)", re.IGNORECASE)


def number_value(text: str) -> float | None:
    """The count a ``NUMBER`` match stands for; None when it is vague ("several")."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    if t in (" ".join(v.split()) for v in VAGUE_AMOUNTS) and t not in _FIXED:
        return None
    if t in _FIXED:
        return _FIXED[t]
    if " to " in t or " or " in t:
        return None
    frac = re.fullmatch(r"(\d+) (\d)/(\d)", t)
    if frac and int(frac.group(3)):
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
    try:
        return float(t.replace(",", ""))
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    seen = False
    for w in t.split():
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif w in ("and", "a"):
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def year_value(text: str) -> int | None:
    """``"1996"`` or ``"nineteen ninety-six"`` -> 1996."""
    t = " ".join(text.lower().replace("-", " ").split()).removeprefix("the year ")
    if t.isdigit():
        return int(t)
    if t.startswith("nineteen "):
        rest = t.removeprefix("nineteen ")
        if rest == "hundred":
            return 1900
        n = number_value(rest)
        return 1900 + int(n) if n is not None and n < 100 else None
    if t.startswith("two thousand"):
        rest = t.removeprefix("two thousand").removeprefix(" and").strip()
        n = number_value(rest) if rest else 0.0
        return 2000 + int(n) if n is not None and n < 100 else None
    return None


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    return WEEKDAYS.get(word.lower().rstrip("."))


def unit_name(word: str) -> str:
    """``"years"`` -> ``"year"``, ``"centuries"`` -> ``"century"``."""
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") else w
