"""ww_quotes: direct, partial, indirect and mixed quotes with cue and speaker.

Compute (:func:`find_quotes`, a pure function of the parsed Doc and the
entities stage's output) then annotate (``doc._.ww_quotes``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse.quotes.context import Context
from wirewatch.analyse.quotes.direct import direct_quotes, partial_quote
from wirewatch.analyse.quotes.headline import headline_quotes
from wirewatch.analyse.quotes.indirect import indirect_quotes
from wirewatch.analyse.quotes.speakers import resolve
from wirewatch.record import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """Every quote in ``doc``, in text order; doc char offsets."""
    if not any(not t.is_space for t in doc):
        return []
    ctx = Context.build(doc)
    direct, partial, used = direct_quotes(ctx)
    taken = [sp for q in direct for sp in q.spans]
    headlines = headline_quotes(ctx, taken)
    absorbed: set[int] = set()
    for i, h in enumerate(headlines):
        inside = {qi for qi in partial if h.span[0] <= ctx.quoted[qi].start < h.span[1]}
        if inside:
            headlines[i] = replace(h, kind="mixed")
            absorbed |= inside
    taken += [h.span for h in headlines]
    indirect, more = indirect_quotes(ctx, used, taken, [qi for qi in partial if qi not in absorbed])
    absorbed |= more
    quotes = direct + headlines + indirect + [partial_quote(ctx, qi) for qi in partial
                                              if qi not in absorbed]
    quotes.sort(key=lambda q: q.span)
    return [_within_part(q, doc._.ww_parts) for q in resolve(ctx, quotes)]


def _within_part(q: Quote, parts: list[tuple[int, str | None]] | None) -> Quote:
    """Keep a quote inside the part (body or one caption) where it starts.

    The record points each quote into one part, so a quote must not run on
    from the body into a caption; its speaker and cue likewise.
    """
    if not parts or len(parts) < 2:
        return q
    starts = [p[0] for p in parts]

    def part(pos: int) -> int:
        return sum(1 for s in starts if s <= pos) - 1

    home = part(q.span[0])
    spans = [sp for sp in q.spans if part(sp[0]) == home and part(max(sp[0], sp[1] - 1)) == home]
    speaker = q.speaker
    if speaker is not None and speaker.span is not None and part(speaker.span[0]) != home:
        speaker = replace(speaker, span=None)
    cue = q.cue if q.cue is None or part(q.cue.span[0]) == home else None
    if spans == q.spans and speaker is q.speaker and cue is q.cue:
        return q
    return replace(q, spans=spans or [q.span], speaker=speaker, cue=cue)


@Language.component("ww_quotes", assigns=["doc._.ww_quotes"])
def ww_quotes(doc: Doc) -> Doc:
    doc._.ww_quotes = find_quotes(doc)
    return doc
