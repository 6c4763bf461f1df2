"""Quotation-mark pairing: where the quoted stretches of a text are.

Pure string work, no parser: marks are paired per paragraph, because news
copy never carries a quotation over a paragraph break except by the
convention that an unclosed quote runs to the paragraph's end and is
continued by a paragraph that opens with a mark again.

Handles curly marks (“ ” „), straight double marks, guillemets (« »), and the
doubled apostrophes of NYT copy (''like this''). A mark's direction comes
from its glyph where it has one, but the characters around it win when they
are unambiguous, since scraped copy often carries “ where ” belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")

_OPENERS = {"\u201c": 1, "\u201e": 1, "\u00ab": 1, "``": 1}
_CLOSERS = {"\u201d": 1, "\u00bb": 1}
_NEUTRAL = {'"', "''", "\u201f"}

# Longest first, so that '' is one mark and not two apostrophes.
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")

_OPEN_BEFORE = set(" \t\n\r\u00a0([{\u2014\u2013-/:")
_CLOSE_AFTER = set(" \t\n\r\u00a0)]}.,;:!?\u2014\u2013-/\u2026")


@dataclass(frozen=True)
class Quoted:
    """One quoted stretch inside a single paragraph.

    ``start`` is the opening mark, ``end`` is just after the closing mark (or
    the paragraph's end when ``closed`` is false); ``inner`` is the content
    without the marks. ``continues`` is the index of the stretch in the
    previous paragraph that this one carries on, if any.
    """

    start: int
    end: int
    inner: tuple[int, int]
    closed: bool
    paragraph: int
    continues: int | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, trailing whitespace excluded."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    res = []
    for s, e in out:
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            res.append((s, e))
    return res


def _direction(text: str, start: int, end: int, mark: str) -> int:
    """+1 opening, -1 closing, 0 unknown, from the glyph and its neighbours."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    open_ctx = before in _OPEN_BEFORE and not after.isspace()
    close_ctx = after in _CLOSE_AFTER and not before.isspace() and before not in "([{"
    if before in _MARK_CHARS:
        # Nested or doubled marks: ”” or “" — trust the glyph.
        open_ctx = close_ctx = False
    if open_ctx and not close_ctx:
        return 1
    if close_ctx and not open_ctx:
        return -1
    if mark in _OPENERS:
        return 1
    if mark in _CLOSERS:
        return -1
    return 0


_MARK_CHARS = set("\"\u201c\u201d\u201e\u201f\u00ab\u00bb'`")


def _pair_paragraph(text: str, ps: int, pe: int, index: int) -> list[Quoted]:
    marks = [(m.start(), m.end(), m.group()) for m in _MARK.finditer(text, ps, pe)]
    # A lone '' between letters is an apostrophe pair (rare), not a quotation mark.
    marks = [mk for mk in marks if not (mk[2] == "''" and 0 < mk[0] and mk[1] < len(text)
                                        and text[mk[0] - 1].isalnum() and text[mk[1]].isalnum())]
    out: list[Quoted] = []
    open_at: tuple[int, int] | None = None
    for s, e, mk in marks:
        d = _direction(text, s, e, mk)
        if open_at is None:
            if d >= 0:
                open_at = (s, e)
            # A stray closing mark outside any quote is ignored.
            continue
        if d == 1 and (s - open_at[1]) > 0:
            # Two openers in a row: the first quote was never closed. Keep the
            # first one only if a closer follows later for the second.
            if _has_closer_after(text, e, pe):
                open_at = (s, e)
                continue
            # Otherwise this is a misdirected closer.
        out.append(Quoted(open_at[0], e, (open_at[1], s), True, index))
        open_at = None
    if open_at is not None:
        out.append(Quoted(open_at[0], pe, (open_at[1], pe), False, index))
    return [q for q in out if q.inner[1] > q.inner[0]]


def _has_closer_after(text: str, pos: int, pe: int) -> bool:
    for m in _MARK.finditer(text, pos, pe):
        if _direction(text, m.start(), m.end(), m.group()) <= 0:
            return True
    return False


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch in ``text``, in order, with multi-paragraph links."""
    out: list[Quoted] = []
    prev_last: Quoted | None = None
    prev_index: int | None = None
    for i, (ps, pe) in enumerate(paragraphs(text)):
        found = _pair_paragraph(text, ps, pe, i)
        if (found and prev_last is not None and prev_index is not None
                and not prev_last.closed and found[0].start == ps):
            found[0] = Quoted(found[0].start, found[0].end, found[0].inner, found[0].closed,
                              i, continues=prev_index)
        base = len(out)
        out.extend(found)
        if found:
            prev_last, prev_index = found[-1], base + len(found) - 1
        else:
            prev_last, prev_index = None, None
    return out
