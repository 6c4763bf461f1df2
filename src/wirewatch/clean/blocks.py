"""Find the article in a page of lines: the densest run of prose (jusText / boilerpipe style).

Every line gets a score: prose earns its word count, furniture and short
unpunctuated lines (menus, teaser headlines) cost. The article is the run of
consecutive lines with the highest total (a maximum-sum segment), so short
lines *inside* the article (subheadings, list items) are kept while menus
and link lists around it, which cost more than they are worth, are not.
"""

from __future__ import annotations

from wirewatch.clean.furniture import COMMENTS_START
from wirewatch.clean.lines import Line

# What a recognised non-body line (furniture, caption, byline...) costs.
KNOWN_COST = 6.0
# Prose needed before a comment-section header for the header to end the article.
MIN_WORDS_BEFORE_COMMENTS = 60


def line_score(line: Line, known: str | None) -> float:
    """Positive for article prose, negative for what surrounds articles."""
    if known is not None:
        return -KNOWN_COST
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
    if line.has_url:
        cost += 3.0
    if repeated:
        cost += 2.0
    return -cost


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


def main_block(lines: list[Line], known: list[str | None]) -> tuple[int, int] | None:
    """[start, end) line indices of the article body, None when there is no prose at all."""
    end = comments_start(lines)
    usable = lines if end is None else lines[:end]
    scores = [line_score(line, known[line.index]) for line in usable]
    return best_segment(scores)
