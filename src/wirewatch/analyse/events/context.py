"""Date and place of an event: the time expressions and places attached to it in the parse.

A time expression belongs to the event when the parser hangs it on the
trigger or on a word governing it within the clause ("met in August",
"a summit on August 15", "will meet within two weeks"); one hung on a
reporting verb ("the embassy said Monday") dates the report, not the event,
and so does a date in the dateline ("MOSCOW, Feb 17 (Reuters) -"), however the
parser hangs it. Nothing falls back to the publication date.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from wirewatch.analyse.events import cache
from wirewatch.analyse.events.actors import dateline_word
from wirewatch.analyse.events.modality import chain
from wirewatch.record import Timex

_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
_DATE_TYPES = frozenset({"DATE", "TIME"})
_VAGUE = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def _root_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def event_tokens(head: Token, anchor: Token) -> list[Token]:
    """The trigger, its governors within the clause, and the anchor's."""
    out = chain(head)
    for t in chain(anchor):
        if t not in out:
            out.append(t)
    return out


def _attached(tok: Token, anchors: set[int], limit: int = 4) -> int | None:
    d = 0
    while d <= limit:
        if tok.i in anchors:
            return d
        if tok.head == tok or dateline_word(tok):
            # a dateline's date hangs on its place name, which the parser may make the subject
            return None
        tok = tok.head
        d += 1
    return None


def date_for(doc: Doc, sent: Span, head: Token, anchor: Token,
             times: list[Timex]) -> str | None:
    anchors = {t.i for t in event_tokens(head, anchor)}
    best: tuple[int, str] | None = None
    for tx in times:
        if tx.span[0] < sent.start_char or tx.span[1] > sent.end_char:
            continue
        if not tx.value or tx.value in _VAGUE:
            continue
        root = _root_of(doc, tx.span[0], tx.span[1])
        if root is None:
            continue
        if tx.type not in _DATE_TYPES:
            prep = root.head
            if not (tx.type == "DURATION" and prep.lower_ == "within"):
                continue
        d = _attached(root, anchors)
        if d is None:
            continue
        if best is None or d < best[0]:
            best = (d, tx.value)
    return best[1] if best else None


def place_text(doc: Doc, tok: Token) -> str:
    """The place named at ``tok``, with a following ", Region" ("Anchorage, Alaska")."""
    ent = next((e for e in cache.ents(doc) if e.start <= tok.i < e.end), None)
    if ent is None:
        return tok.text
    end = ent.end
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = next((e for e in cache.ents(doc) if e.start == end + 1 and e.label_ in _PLACE_ENTS), None)
        if nxt is not None:
            end = nxt.end
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    return doc[start:end].text


def place_tokens(head: Token, anchor: Token, extra: list[Token] | None = None) -> list[Token]:
    """Places hung on the event words by in/at/near, nearest first."""
    out: list[Token] = []
    words = [head] + ([anchor] if anchor != head else [])
    words += [t for t in extra or [] if t not in words]  # "signed the agreement in Graz"
    words += [t for t in event_tokens(head, anchor) if t not in words]
    # "greets X as he arrives at Y": the arrival clause says where the visit took place
    words += [c for w in list(words) for c in w.children
              if c.dep_ == "advcl" and any(m.lower_ in ("as", "when", "after") for m in c.children)]
    for w in words:
        for c in w.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ not in _PLACE_PREPS:
                # "met during a summit in Anchorage": the place of the event noun
                for p in c.children:
                    if p.dep_ == "pobj":
                        for c2 in p.children:
                            if c2.dep_ == "prep" and c2.lower_ in _PLACE_PREPS:
                                out.extend(g for g in c2.children
                                           if g.dep_ == "pobj" and g.ent_type_ in _PLACE_ENTS)
                continue
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in _PLACE_ENTS:
                    out.append(p)
                elif p.dep_ == "pobj":
                    # "during a summit in Anchorage": one level further down
                    for c2 in p.children:
                        if c2.dep_ == "prep" and c2.lower_ in _PLACE_PREPS:
                            out.extend(g for g in c2.children
                                       if g.dep_ == "pobj" and g.ent_type_ in _PLACE_ENTS)
        if w.dep_ == "pobj" or w.pos_ in ("NOUN", "PROPN"):
            for c in w.children:
                if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                    out.extend(g for g in c.children
                               if g.dep_ == "pobj" and g.ent_type_ in _PLACE_ENTS)
    seen: set[int] = set()
    uniq = []
    for t in out:
        if t.i not in seen:
            seen.add(t.i)
            uniq.append(t)
    return uniq
