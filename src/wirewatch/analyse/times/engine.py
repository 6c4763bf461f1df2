"""Find and normalise every time expression in a text: the pure "compute" step of ``ww_times``.

Every rule is tried just before its key words (:mod:`.keys`); overlapping
candidates are settled longest first (a rule listed earlier wins a tie), a
candidate whose handler rejects it gives way to shorter ones; then the
survivors are normalised in text order so that "the next day" can count from
the date resolved before it, and "a year ago" in a results story from the
quarter it reports.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from wirewatch.analyse.times import holidays, rules_calendar, rules_relative, rules_span
from wirewatch.analyse.times.grammar import Context, Rule
from wirewatch.analyse.times.keys import KeyIndex
from wirewatch.analyse.times.tense import nearest_tense, text_words
from wirewatch.analyse.times.values import Norm, is_valid_value, parse_anchor, quarter_of, safe_date
from wirewatch.record import Timex

RULES: tuple[Rule, ...] = rules_calendar.RULES + rules_relative.RULES + rules_span.RULES + holidays.RULES

TenseFn = Callable[[int, int], str | None]

_SENT_END = re.compile(r"(?<![A-Z][a-z]\.)(?<!\b[A-Z]\.)(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n\s*\n")
_DAY_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_CONTEXT_CHARS = 40
_SENTENCE_CHARS = 400
_QUARTERLY = re.compile(r"\bquarter\b|-quarter\b", re.IGNORECASE)
_SHIFTED = re.compile(r"year-ago|year-earlier|last year|a year", re.IGNORECASE)
_MAX_CHARS = 2_000_000


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (a cheap splitter for tagger-less pipelines)."""
    return [0] + [m.end() for m in _SENT_END.finditer(text) if not _CLOCK_GOES_ON.match(text, m.start() - 4)]


# "at 6 a.m. Thursday", "at 5 p.m. EST": the clock time goes on; no sentence ends there.
_CLOCK_GOES_ON = re.compile(r"[ap]\.m\.\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|today|tomorrow|yesterday"
                            r"|[ECMP][SD]T\b|GMT\b|UTC\b)", re.IGNORECASE)


def _sentence(text: str, starts: list[int], start: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, start) - 1
    s = starts[max(i, 0)]
    e = starts[i + 1] if i + 1 < len(starts) else len(text)
    return s, e


def _text_tense(text: str, starts: list[int]) -> TenseFn:
    cache: dict[int, tuple[list[tuple[int, str, str | None]], list[int]]] = {}

    def tense(start: int, end: int) -> str | None:
        s, e = _sentence(text, starts, start)
        if s not in cache:
            words = text_words(text[s:e], s)
            cache[s] = (words, [w[0] for w in words])
        words, offsets = cache[s]
        return nearest_tense(words, start, end, offsets)

    return tense


def _candidates(text: str, rules: Sequence[Rule]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every match of every rule that starts at a word shortly before one of the rule's key words.

    Trying a pattern only there ("year", "Tuesday", a four-digit number) is
    several times faster than scanning each pattern over the whole text, and
    finds overlapping matches too (the longest wins later).
    """
    index = KeyIndex(text)
    out: list[tuple[int, int, int, re.Match[str]]] = []
    for i, r in enumerate(rules):
        if r.needs is None:
            out.extend((m.start(), m.end(), i, m) for m in r.pattern.finditer(text) if m.end() > m.start())
            continue
        tried: set[int] = set()
        for key in index.keys(r.needs):
            for s in index.starts_before(key, _LOOK_BACK):
                if s in tried:
                    continue
                tried.add(s)
                m = r.pattern.match(text, s)
                if m is not None and m.end() > s:
                    out.append((s, m.end(), i, m))
    return out


_LOOK_BACK = 60


def _context(text: str, s: int, e: int, anchor: date | None, tense: str | None, starts: list[int],
             ref: date | None = None, quarter: tuple[int, int] | None = None, quarterly: bool = False,
             ref_coarse: date | None = None) -> Context:
    ss, se = _sentence(text, starts, s)
    ss, se = max(ss, s - _SENTENCE_CHARS), min(se, e + _SENTENCE_CHARS)
    return Context(anchor=anchor, tense=tense, ref=ref, quarter=quarter,
                   before=text[max(ss, s - _CONTEXT_CHARS):s], after=text[e:min(se, e + _CONTEXT_CHARS)],
                   sentence=text[ss:se], quarterly=quarterly, ref_coarse=ref_coarse)


Chosen = tuple[int, int, int, re.Match[str], str | None]


def _select(text: str, anchor: date | None, starts: list[int], tense_fn: TenseFn) -> list[Chosen]:
    """Longest candidates first; a rejected match gives its rule another try further on.

    "the two-year war" is rejected whole (TimeML tags "two-year"), and the
    regex scan had stepped over "two-year"; searching again from the next
    character finds it.
    """
    tie = itertools.count()
    heap = [(s - e, i, s, next(tie), e, m) for s, e, i, m in _candidates(text, RULES)]
    heapq.heapify(heap)
    chosen: list[Chosen] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    while heap:
        _, i, s, _, e, m = heapq.heappop(heap)
        k = bisect.bisect_left(taken, (s, e))
        free = (k == 0 or taken[k - 1][1] <= s) and (k == len(taken) or e <= taken[k][0])
        if free:
            tense = tense_fn(s, e)
            if _safe_apply(RULES[i], m, _context(text, s, e, anchor, tense, starts)) is not None:
                taken.insert(k, (s, e))
                chosen.append((s, e, i, m, tense))
                continue
        limit = min(len(text), e + 4 * _CONTEXT_CHARS)
        again = RULES[i].pattern.search(text, s + 1, limit)
        if again is not None and again.start() < e and again.start() < again.end() < limit:
            heapq.heappush(heap, (again.start() - again.end(), i, again.start(), next(tie), again.end(), again))
    return chosen


def find_times(text: str, published: object = None, tense_at: TenseFn | None = None,
               sentence_starts: list[int] | None = None) -> list[Timex]:
    """Every TIMEX3 in ``text``, resolved against ``published`` (None: unresolved values, never the clock)."""
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_CHARS:
        return []
    anchor = parse_anchor(published)
    starts = sentence_starts if sentence_starts is not None else sentence_bounds(text)
    tense_fn = tense_at or _text_tense(text, starts)
    chosen = _select(text, anchor, starts, tense_fn)
    chosen.sort(key=lambda c: c[0])
    quarterly = bool(_QUARTERLY.search(text))
    out: list[Timex] = []
    ref: date | None = None
    ref_coarse: date | None = None
    quarter: tuple[int, int] | None = None
    for s, e, i, m, tense in chosen:
        norm = _safe_apply(RULES[i], m, _context(text, s, e, anchor, tense, starts, ref, quarter, quarterly,
                                                 ref_coarse))
        if norm is None:
            continue
        s, e = _trim(text, s, e)
        out.append(Timex(span=(s, e), text=text[s:e], type=norm.type, value=norm.value,  # type: ignore[arg-type]
                         mod=norm.mod))
        names_quarter = RULES[i].name == "quarter" and not _SHIFTED.search(m.group(0))
        ref, quarter = _follow(norm, ref, quarter, names_quarter, anchor, tense)
        ref_coarse = _coarse(norm) or ref_coarse
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    # A sentence-final period belongs to the sentence, not to "p.m." or "Oct." at its end.
    while e > s and text[e - 1] in ",;: \n\t":
        e -= 1
    return s, e


def _follow(norm: Norm, ref: date | None, quarter: tuple[int, int] | None, names_quarter: bool,
            anchor: date | None = None, tense: str | None = None) -> tuple[date | None, tuple[int, int] | None]:
    """What the next expressions count from: the last day, and the quarter a results story is about.

    The story's quarter is the latest one it reports: a forecast ("will take a
    fourth-quarter charge", "into the second quarter of 2024") or a look back
    ("after a flat second quarter", "in the third quarter of 1984") names a
    quarter without changing which one "a year ago" and "the latest quarter" mean.
    """
    m = _DAY_VALUE.match(norm.value)
    if m and norm.type in ("DATE", "TIME"):
        ref = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) or ref
    q = _QUARTER_VALUE.fullmatch(norm.value)
    if q and norm.type == "DATE" and names_quarter and tense not in ("future", "present"):
        named = (int(q.group(1)), int(q.group(2)))
        ahead = anchor is not None and named > (anchor.year, quarter_of(anchor))
        if not ahead and (quarter is None or named > quarter):
            quarter = named
    return ref, quarter


_COARSE_VALUE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$|(\d{4})-Q([1-4])$")


def _coarse(norm: Norm) -> date | None:
    m = _COARSE_VALUE.match(norm.value)
    if not m or norm.type != "DATE":
        return None
    if m.group(4):
        return safe_date(int(m.group(4)), 3 * int(m.group(5)) - 2, 1)
    return safe_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _safe_apply(r: Rule, m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        norm = r.handler(m, ctx)
    except (ValueError, KeyError, IndexError, OverflowError, TypeError, AttributeError, StopIteration):
        # A rule that cannot make sense of odd input rejects it rather than failing the document.
        return None
    if norm is None or not is_valid_value(norm.value):
        return None
    return norm


def normalise(expression: str, anchor: object = None, tense: str | None = None,
              ref: object = None) -> Norm | None:
    """What one time expression means: ``normalise("last Thursday", "2025-10-21")`` -> DATE 2025-10-16.

    ``anchor`` is the publication date (ISO string, date or None), ``tense``
    "past"/"future"/None, ``ref`` the date the text last gave (for "the next
    day"). None when the words are not a time expression. Never raises.
    """
    if not isinstance(expression, str):
        return None
    text = expression.strip()
    if not text or len(text) > 200:
        return None
    ctx = Context(anchor=parse_anchor(anchor), tense=tense, ref=parse_anchor(ref), sentence=text)
    words = text.split(None, 1)
    tries = [(text, "")]
    if len(words) == 2 and words[0].lower() in _PREPOSITIONS:
        # "on Tuesday", "in August": the preposition is context, not part of the expression.
        tries.append((words[1], words[0] + " "))
    # Rules that need a word before them ("in May", "for years") get one last.
    tries.append((tries[-1][0], "in "))
    for expr, before in tries:
        for r in RULES:
            m = r.pattern.fullmatch(expr)
            if m is None:
                continue
            norm = _safe_apply(r, m, replace(ctx, before=before, sentence=expr))
            if norm is not None:
                return norm
    return None


_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "until", "till", "by", "from", "for", "within",
                           "over", "through", "throughout", "before", "after", "around", "about"})
