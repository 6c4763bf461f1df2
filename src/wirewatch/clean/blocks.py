"""Find the article in a page of lines: the densest run of prose (jusText / boilerpipe style).

Every line gets a score: prose earns its word count, furniture and short
unpunctuated lines (menus, teaser headlines) cost. The article is the run of
consecutive lines with the highest total (a maximum-sum segment), so short
lines *inside* the article (subheadings, list items) are kept while menus
and link lists around it, which cost more than they are worth, are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.clean.furniture import COMMENTS_START
from wirewatch.clean.lines import Line

# Tuned on the ScrapingHub dev dumps (eval/extract/textdump); none of them names a site.
# What a recognised non-body line (furniture, caption, byline...) costs.
KNOWN_COST = 6.0
# A stretch of furniture this costly between two runs of prose separates two texts.
GAP = 20.0
# Function-word share from which an unpunctuated line reads as a list item, not a headline.
LIST_ITEM_DENSITY = 0.3
# A separated run of prose rejoins the article when it is this strong, this prose-dense, this near.
MERGE_MIN_SCORE = 40.0
MERGE_MIN_PROSE = 0.5
MERGE_MAX_GAP_LINES = 25
MERGE_MAX_GAP_COST = 100.0
MAX_LIST_ITEMS = 100
# Furniture that closes an article: no run of text is followed across it.
END_MARKERS = frozenset({"bio", "comments", "copyright", "legal", "credits"})
# Short sentences taken in at either end of the article.
MAX_WIDEN = 2
# Below this best score a page has no real prose, and text mass decides.
WEAK_PROSE = 30.0
MASS_MIN_WORDS = 4.0
# Prose needed before a comment-section header for the header to end the article.
MIN_WORDS_BEFORE_COMMENTS = 60


_SPEAKER_LABEL = re.compile(r"^(?:Q|A|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s?:\s+\S")


def _known_cost(known: str) -> float:
    if known == "symbols":
        # A line of bare symbols or digits says nothing about where the article is.
        return -1.0
    if known in END_MARKERS:
        # What closes an article (author bio, comments, copyright) is never crossed.
        return -GAP
    return -KNOWN_COST


def line_score(line: Line, known: str | None) -> float:
    """Positive for article prose, negative for what surrounds articles."""
    if known is not None:
        return _known_cost(known)
    repeated = line.repeats > 1
    if line.is_prose:
        # Repeated prose is a caption shown twice or a teaser reused: not evidence of the article.
        if repeated:
            return -2.0
        weight = min(1.0, line.stop_density / 0.3)
        return line.words * weight
    cost = 1.0 + 0.4 * min(line.words, 12)
    if line.ends_sentence and line.words >= 3 and line.stop_density > 0:
        # A short sentence ("He declined to comment.") is cheap to include.
        cost = 0.5
    elif line.words >= 5 and line.stop_density >= LIST_ITEM_DENSITY and line.title_ratio < 0.5:
        # Sentence-case and full of function words: a list item or a question, not a teaser headline.
        cost = 0.5
    elif _SPEAKER_LABEL.match(line.text) and (line.text[:2] in ("Q:", "A:") or line.stop_density > 0):
        # "Q: Favourite books?" / "A: Two, both about the sea": an interview's turns.
        cost = 0.5
    if line.has_url:
        cost += 3.0
    if repeated:
        cost += 2.0
    return -cost


def _mass_score(line: Line, known: str | None) -> float:
    if known is not None:
        return _known_cost(known)
    if not (line.ends_sentence or line.sentences > 1):
        # Headlines and menu items, however long, are not text mass.
        return -(1.0 + 0.4 * min(line.words, 12))
    return line.words - MASS_MIN_WORDS - (3.0 if line.repeats > 1 else 0.0)


def comments_start(lines: list[Line]) -> int | None:
    """Index of the line that opens a comment section after the article, if any."""
    prose_words = 0
    for line in lines:
        if COMMENTS_START.match(line.text) and prose_words >= MIN_WORDS_BEFORE_COMMENTS:
            return line.index
        if line.is_prose and line.repeats == 1:
            prose_words += line.words
    return None


def best_segment(scores: list[float]) -> tuple[int, int] | None:
    """[start, end) of the maximum-sum run of ``scores`` (Kadane), None if nothing is positive."""
    best: tuple[float, int, int] | None = None
    run_sum = 0.0
    run_start = 0
    for i, s in enumerate(scores):
        if run_sum <= 0:
            run_sum, run_start = s, i
        else:
            run_sum += s
        if run_sum > 0 and (best is None or run_sum > best[0]):
            best = (run_sum, run_start, i + 1)
    return (best[1], best[2]) if best else None


def chunks(scores: list[float], gap: float) -> list[tuple[int, int]]:
    """Split at every run of non-positive lines that costs ``gap`` or more: nothing crosses it."""
    out: list[tuple[int, int]] = []
    start = 0
    run_cost = 0.0
    run_start = 0
    for i, s in enumerate(scores):
        if s > 0:
            if run_cost >= gap:
                out.append((start, run_start))
                start = run_start
            run_cost = 0.0
            run_start = i + 1
        else:
            run_cost -= s
    out.append((start, len(scores)))
    return [c for c in out if c[1] > c[0]]


@dataclass
class Segment:
    start: int
    end: int
    score: float
    prose_share: float  # share of the segment's lines that are prose


def _segments(lines: list[Line], scores: list[float]) -> list[Segment]:
    out: list[Segment] = []
    for lo, hi in chunks(scores, GAP):
        seg = best_segment(scores[lo:hi])
        if seg is None:
            continue
        start, end = lo + seg[0], lo + seg[1]
        prose = sum(1 for line in lines[start:end] if line.is_prose)
        out.append(Segment(start, end, sum(scores[start:end]), prose / (end - start)))
    return out


def _joins(seg: Segment) -> bool:
    """A run of prose cut off by a box of furniture (a "most read" list, a gallery) rejoins the article.

    Teaser lists (headline, byline, date, summary) also hold prose, but only one line in
    several: they fail the prose share.
    """
    return seg.score >= MERGE_MIN_SCORE and seg.prose_share >= MERGE_MIN_PROSE


def _near(first: Segment, second: Segment, scores: list[float], known: list[str | None]) -> bool:
    """Close enough to be one text interrupted by a box, not a footer far below.

    Furniture that closes an article (author bio, comments, copyright) in between
    means the second run is something else: recommended stories, a footer.
    """
    gap = scores[first.end: second.start]
    if any(known[i] in END_MARKERS for i in range(first.end, second.start)):
        return False
    return len(gap) <= MERGE_MAX_GAP_LINES and -sum(gap) <= MERGE_MAX_GAP_COST


_SEPARATORS = (" -- ", " – ", " — ", " - ", ": ", " @ ", " | ", ", ", "\t")
_MONTH_START = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE)


def _shape(text: str) -> tuple[str, frozenset[str]]:
    """How a list item is built: what it starts with and which separators it uses."""
    if _MONTH_START.match(text):
        head = "date"
    elif text[:1].isdigit():
        head = "digit"
    elif text[:1].isupper():
        head = "upper"
    elif text[:1].isalpha():
        head = "lower"
    else:
        head = text[:1]
    return head, frozenset(sep for sep in _SEPARATORS if sep in text)


def _is_short_sentence(line: Line, known: str | None) -> bool:
    return (known is None and not line.is_prose and line.ends_sentence and line.repeats == 1
            and not line.has_url and line.text[:1].isupper() and line.words >= 2)


def _widen(lines: list[Line], known: list[str | None], edge: int, step: int) -> int:
    """Take in short sentences that open or close the article ("Shares fell.")."""
    for _ in range(MAX_WIDEN):
        nxt = edge + step
        if not 0 <= nxt < len(lines) or not _is_short_sentence(lines[nxt], known[nxt]):
            break
        edge = nxt
    return edge


def _same_shape(item: tuple[str, frozenset[str]], first: tuple[str, frozenset[str]]) -> bool:
    return item[0] == first[0] and first[1] <= item[1]


def _announced_list(lines: list[Line], known: list[str | None], end: int, limit: int) -> int:
    """Where a list announced by the line after the article ("Tour dates:", "2020 Tour Dates") ends.

    Items are kept while they share the first item's shape, so the page's own
    menus after the list are not taken with it.
    """
    if end >= limit or known[end] is not None or lines[end].words > 25:
        return end
    announcer = lines[end]
    colon = announcer.text.endswith(":")
    if not colon and (announcer.ends_sentence or announcer.words > 10):
        return end
    first = end + 1
    if first >= limit or known[first] is not None:
        return end
    shape = _shape(lines[first].text)
    if not colon and not (shape[1] or shape[0] in ("date", "digit")):
        # After a bare heading only a list of dated or structured items is trusted: a menu is neither.
        return end
    stop = first
    while (stop < limit and stop - first < MAX_LIST_ITEMS and known[stop] is None
           and lines[stop].words <= 30 and _same_shape(_shape(lines[stop].text), shape)):
        stop += 1
    return stop if stop - first >= (2 if colon else 4) else end


def main_block(lines: list[Line], known: list[str | None]) -> list[tuple[int, int]]:
    """The article body as sorted [start, end) line ranges; empty when there is no prose at all."""
    end = comments_start(lines)
    usable = lines if end is None else lines[:end]
    scores = [line_score(line, known[line.index]) for line in usable]
    segs = _segments(usable, scores)
    if not segs or max(seg.score for seg in segs) < WEAK_PROSE:
        # No real prose (results tables, schedules, recipes): fall back on plain text mass.
        mass = [_mass_score(line, known[line.index]) for line in usable]
        mass_segs = _segments(usable, mass)
        if mass_segs:
            scores, segs = mass, mass_segs
    if not segs:
        return []
    best = max(range(len(segs)), key=lambda k: segs[k].score)
    lo = hi = best
    while lo > 0 and _joins(segs[lo - 1]) and _near(segs[lo - 1], segs[lo], scores, known):
        lo -= 1
    while hi + 1 < len(segs) and _joins(segs[hi + 1]) and _near(segs[hi], segs[hi + 1], scores, known):
        hi += 1
    ranges = [(seg.start, seg.end) for seg in segs[lo: hi + 1]]
    ranges[0] = (_widen(usable, known, ranges[0][0], -1), ranges[0][1])
    last_start, last_end = ranges[-1]
    list_end = _announced_list(lines, known, last_end, len(usable))
    if list_end == last_end:
        list_end = _widen(usable, known, last_end - 1, 1) + 1
    ranges[-1] = (last_start, list_end)
    return ranges
