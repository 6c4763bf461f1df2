"""What every quote rule needs about one Doc: marks, paragraphs, token lookup."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from wirewatch.analyse import docext
from wirewatch.analyse.quotes.marks import Quoted, find_quoted, paragraphs
from wirewatch.record import Entity


@dataclass
class Context:
    doc: Doc
    text: str  # doc.text, kept: spaCy rebuilds it from the tokens on every access
    quoted: list[Quoted]
    paragraphs: list[tuple[int, int]]
    starts: list[int]  # token char offsets, for lookups
    region_of: list[int]  # per token: index into ``quoted`` or -1
    part_starts: list[int] = field(default_factory=list)  # where body and each caption begin
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc) -> Context:
        text = doc.text
        quoted = find_quoted(text)
        starts = [t.idx for t in doc]
        region_of = [-1] * len(doc)
        for qi, q in enumerate(quoted):
            lo = bisect_left(starts, q.start)
            hi = bisect_left(starts, q.end)
            for i in range(lo, hi):
                region_of[i] = qi
        return cls(doc=doc, text=text, quoted=quoted, paragraphs=paragraphs(text), starts=starts,
                   region_of=region_of, entities=docext.entity_by_id(doc),
                   part_starts=[p[0] for p in (doc._.ww_parts or [(0, None)])],
                   mentions=docext.mentions(doc))

    def token_at(self, char: int) -> Token | None:
        """The token that covers or follows ``char``."""
        i = bisect_right(self.starts, char) - 1
        if i < 0:
            i = 0
        if i >= len(self.doc):
            return None
        t = self.doc[i]
        if t.idx + len(t.text) <= char and i + 1 < len(self.doc):
            return self.doc[i + 1]
        return t

    def same_part(self, a: int, b: int) -> bool:
        """Whether two offsets lie in the same part (the body, or one caption)."""
        return bisect_right(self.part_starts, a) == bisect_right(self.part_starts, b)

    def token_index(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def tokens_between(self, start: int, end: int) -> Span:
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        return self.doc[lo:max(lo, hi)]

    def inside_quote(self, token: Token) -> bool:
        return self.region_of[token.i] >= 0

    def entity_for(self, start: int, end: int) -> Entity | None:
        best: tuple[int, str] | None = None
        for s, e, ent_id in self.mentions:
            if e <= start:
                continue
            if s >= end:
                break
            ov = min(e, end) - max(s, start)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, ent_id)
        return self.entities.get(best[1]) if best else None
