"""clean_text: a page scraped as plain text -> the article body and what the page says about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.clean.blocks import comments_start, main_block
from wirewatch.clean.dates import find_date, to_iso
from wirewatch.clean.furniture import furniture_reason, strip_trailing
from wirewatch.clean.lines import Line, features, unwrap
from wirewatch.clean.meta import (
    Byline,
    dateline_date,
    is_timestamp,
    parse_byline,
    split_caption,
    strip_dataset_prefix,
    strip_wire_dateline,
)
from wirewatch.record import Caption, Cleaned, Removed

# How far before the article's first line a byline, dateline or caption may stand.
HEADER_LINES = 12
MAX_CAPTION_WORDS = 60
# A byline or dateline within this many lines of the body's start, after at most this much text, opens it.
HEADER_SCAN = 6
MAX_STANDFIRST_WORDS = 45
# A text this short with no prose at all is kept as it is (a one-line note, a headline).
SHORT_INPUT_LINES = 5


@dataclass
class _Page:
    """What is known about each line while cleaning."""

    lines: list[Line]
    known: list[str | None]  # why a line is not article text; None while it may be
    bylines: dict[int, Byline] = field(default_factory=dict)
    dates: dict[int, str] = field(default_factory=dict)
    captions: dict[int, Caption] = field(default_factory=dict)


def _classify(page: _Page, i: int, *, header: bool) -> None:
    line = page.lines[i]
    text = line.text
    if line.words > 60:
        page.known[i] = furniture_reason(line)
        return
    cap = split_caption(text)
    if cap is not None:
        page.known[i] = "caption"
        page.captions[i] = Caption(text=cap[0], credit=cap[1])
        return
    byline = parse_byline(text, header=header)
    if byline is not None:
        page.known[i] = "byline"
        page.bylines[i] = byline
        return
    iso = dateline_date(text)
    if iso is not None:
        page.known[i] = "dateline"
        page.dates[i] = iso
        return
    if is_timestamp(text):
        page.known[i] = "dateline"
        return
    page.known[i] = furniture_reason(line)


def _after_header(page: _Page, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Start the body after a byline or dateline among the block's first lines.

    What stands above them is the headline and standfirst, not the article text.
    """
    if not ranges:
        return ranges
    start, end = ranges[0]
    cut = None
    words = 0
    for i in range(start, min(end, start + HEADER_SCAN)):
        if page.known[i] in ("byline", "dateline"):
            cut = i + 1
        elif page.known[i] is None:
            words += page.lines[i].words
            if words > MAX_STANDFIRST_WORDS:
                break
    if cut is None or cut >= end:
        return ranges
    return [(cut, end), *ranges[1:]]


def _attach_credits(page: _Page, body: set[int]) -> None:
    """A credit on a line of its own belongs to the caption just above it.

    Not when that line is article text: pages also put credits under uncaptioned
    photos, or before the caption, and a paragraph must not be lost to a credit.
    """
    for i, cap in sorted(page.captions.items()):
        if cap.text or i == 0:
            continue
        prev = i - 1
        if prev in body or page.known[prev] is not None or page.lines[prev].words > MAX_CAPTION_WORDS:
            continue
        page.captions[i] = Caption(text=page.lines[prev].text, credit=cap.credit)
        page.known[prev] = "caption"


def _pick_meta(page: _Page, start: int, end: int) -> tuple[list[str], str | None, str | None]:
    """Authors, outlet and date from the bylines and datelines nearest the article's start."""
    def near(i: int) -> int:
        return start - i if i < start else (i - start) + HEADER_LINES

    authors: list[str] = []
    outlet = None
    published = None
    for i in sorted(page.bylines, key=near):
        if not start - HEADER_LINES <= i < end:
            continue
        b = page.bylines[i]
        if not authors and b.authors:
            authors = b.authors
        outlet = outlet or b.outlet
        published = published or b.published
    for i in sorted(page.dates, key=near):
        if start - HEADER_LINES <= i < end:
            published = page.dates[i]
            break
    return authors, outlet, published


def _title(page: _Page, start: int) -> str | None:
    """The headline: the last free line above the byline/dateline block that opens the article."""
    first_meta = None
    for i in range(start - 1, max(-1, start - HEADER_LINES - 1), -1):
        if page.known[i] in ("byline", "dateline"):
            first_meta = i
    if first_meta is None:
        return None
    found = [page.lines[i] for i in range(first_meta - 1, max(-1, first_meta - 4), -1)
             if page.known[i] is None and _headline_like(page.lines[i])]
    # Headlines seldom end with a full stop; a standfirst under them does.
    for line in found:
        if not line.text.endswith("."):
            return line.text
    return found[0].text if found else None


def _headline_like(line: Line) -> bool:
    if not 3 <= line.words <= 30 or line.has_url or "@" in line.text or " > " in line.text:
        return False
    if line.text.lower().startswith("by ") or line.words <= 8 and find_date(line.text):
        return False
    # "Elliot Brownstein Florida Today": names and outlets, not a headline.
    return line.stop_density > 0 or line.words > 5


def clean_text(text: str, *, published: str | None = None) -> Cleaned:
    """Clean plain text scraped from a news page: body paragraphs plus metadata.

    Never raises on odd input; every dropped line is listed in ``removed`` with its reason.
    """
    removed: list[Removed] = []
    rest, prefix_date, prefix = strip_dataset_prefix(text or "")
    if prefix:
        removed.append(Removed(prefix, "dataset-prefix"))
    texts = unwrap(rest)
    page = _Page(lines=features(texts), known=[None] * len(texts))
    for i in range(len(texts)):
        _classify(page, i, header=False)

    ranges = main_block(page.lines, page.known)
    if not ranges and len(texts) <= SHORT_INPUT_LINES:
        ranges = [(0, len(texts))]
    start, end = (ranges[0][0], ranges[-1][1]) if ranges else (0, 0)
    # Bare bylines ("Jane Doe, Reuters") are trusted only around the article's start.
    for i in range(max(0, start - HEADER_LINES), min(end, start + HEADER_SCAN)):
        if page.known[i] is None:
            _classify(page, i, header=True)
    ranges = _after_header(page, ranges)
    start = ranges[0][0] if ranges else 0
    cut = comments_start(page.lines)

    body_idx = {i for lo, hi in ranges for i in range(lo, hi) if page.known[i] is None}
    _attach_credits(page, body_idx)

    paragraphs: list[str] = []
    outlet_from_dateline = None
    stripped_dateline = False
    for i, line in enumerate(page.lines):
        if i not in body_idx:
            reason = page.known[i] or ("comments" if cut is not None and i >= cut else "furniture")
            removed.append(Removed(line.text, reason))
            continue
        para = line.text
        if len(paragraphs) < 2 and not stripped_dateline:
            # The wire dateline opens the story, sometimes after a one-line lead or headline.
            para, wire, dateline = strip_wire_dateline(para)
            if dateline:
                removed.append(Removed(dateline, "dateline"))
                outlet_from_dateline = wire
                stripped_dateline = True
        para, trailing = strip_trailing(para)
        if trailing:
            removed.append(Removed(trailing, _trailing_reason(trailing)))
        if para:
            paragraphs.append(para)

    authors, outlet, page_date = _pick_meta(page, start, end)
    lo = max(0, start - 2 * HEADER_LINES)
    captions = [c for i, c in sorted(page.captions.items()) if lo <= i <= end and c.text]
    title = _title(page, start) if paragraphs else None
    if title:
        removed = [Removed(r.text, "title") if r.text == title and r.reason == "furniture" else r
                   for r in removed]
    return Cleaned(
        text="\n\n".join(paragraphs),
        published=(to_iso(published) or published) or prefix_date or page_date,
        title=title,
        outlet=outlet or outlet_from_dateline,
        authors=authors,
        captions=captions,
        removed=removed,
    )


def _trailing_reason(token: str) -> str:
    low = token.lower()
    if "share" in low:
        return "share"
    if "read more" in low:
        return "navigation"
    return "advertisement"
