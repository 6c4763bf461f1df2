"""Per-document lookups built once per extraction.

``doc.ents`` builds new spans on every access and ``docext.entity_at`` rebuilds
its id index on every call; one extraction asks for both hundreds of times.
The cache lives in ``doc.user_data`` for the length of one extraction (see
:func:`holding`), so nothing is shared between documents or threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from wirewatch.analyse import docext
from wirewatch.record import Entity

_KEY = "_ww_events_cache"


@dataclass
class _Cache:
    ents: list[Span]
    by_id: dict[str, Entity]
    mentions: list[tuple[int, int, str]]


def _get(doc: Doc) -> _Cache:
    found = doc.user_data.get(_KEY)
    if isinstance(found, _Cache):
        return found
    return _Cache(list(doc.ents), docext.entity_by_id(doc), docext.mentions(doc))


@contextmanager
def holding(doc: Doc) -> Iterator[None]:
    doc.user_data[_KEY] = _get(doc)
    try:
        yield
    finally:
        doc.user_data.pop(_KEY, None)


def ents(doc: Doc) -> list[Span]:
    return _get(doc).ents


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """As :func:`docext.entity_at`, with the index built once per extraction."""
    c = _get(doc)
    best: tuple[int, str] | None = None
    for s, e, ent_id in c.mentions:
        if e <= start:
            continue
        if s >= end:
            break
        overlap = min(e, end) - max(s, start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, ent_id)
    return c.by_id.get(best[1]) if best else None
