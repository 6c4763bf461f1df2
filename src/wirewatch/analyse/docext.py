"""The ``Doc`` extensions the wirewatch components read and write.

Every analysis stage is a named spaCy component; its results live here so that
later components can read what earlier ones wrote. Offsets are character
offsets into ``doc.text``; the text analysed is the article body followed by
its captions (see :func:`wirewatch.analyse.pipeline.join_parts`), and
``doc._.ww_parts`` says where each part starts so that the record can point
into the right one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from wirewatch.record import Entity, Event, Quote, Timex


def register_extensions() -> None:
    """Idempotent: spaCy extensions are global to the ``Doc`` class."""
    defaults: dict[str, object] = {
        "ww_published": None,  # ISO date of publication or None
        "ww_parts": None,  # list[tuple[int, str | None]]: (start offset, part name or None for body)
        "ww_entities": None,  # list[Entity]
        "ww_mentions": None,  # list[tuple[int, int, str]]: (start, end, entity id), sorted
        "ww_times": None,  # list[Timex]
        "ww_quotes": None,  # list[Quote]
        "ww_events": None,  # list[Event]
    }
    for name, default in defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("ww_entity"):
        Span.set_extension("ww_entity", default=None)


def entities(doc: Doc) -> list[Entity]:
    return list(doc._.ww_entities or [])


def mentions(doc: Doc) -> list[tuple[int, int, str]]:
    return list(doc._.ww_mentions or [])


def times(doc: Doc) -> list[Timex]:
    return list(doc._.ww_times or [])


def quotes(doc: Doc) -> list[Quote]:
    return list(doc._.ww_quotes or [])


def events(doc: Doc) -> list[Event]:
    return list(doc._.ww_events or [])


def entity_by_id(doc: Doc) -> dict[str, Entity]:
    return {e.id: e for e in entities(doc)}


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity of the mention that overlaps ``[start, end)`` most, if any."""
    best: tuple[int, str] | None = None
    for s, e, ent_id in mentions(doc):
        if e <= start:
            continue
        if s >= end:
            break
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, ent_id)
    if best is None:
        return None
    return entity_by_id(doc).get(best[1])
