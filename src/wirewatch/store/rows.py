"""Flat rows from a record: what the normalised tables and the CSV export hold.

Pure functions over ``Record``, so they are computed before a write begins
(a record that cannot be flattened never half-writes) and shared by the
SQLite store and the exporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.record import Actor, Record, Span

# Joins several actors' texts or codes into one cell; codes stay aligned with texts.
JOIN = "; "

EntityRow = tuple[str, int, str, str, str, str | None, str | None, str | None, int]
EventRow = tuple[str, int, str, str, str | None, str | None, str | None, str, str, str, str,
                 str | None, str | None, int, int]
ActorRow = tuple[str, int, str, int, str, str | None, str | None, str | None]
QuoteRow = tuple[str, int, str, str, str | None, str | None, str | None, int, str | None,
                 str | None, int, int]


@dataclass
class ChildRows:
    entities: list[EntityRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    actors: list[ActorRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)


def actor_texts(actors: list[Actor]) -> str:
    return JOIN.join(a.text for a in actors)


def actor_codes(actors: list[Actor]) -> str:
    return JOIN.join(a.code or "" for a in actors)


def part_text(record: Record, part: str | None) -> str:
    """The string a span with this ``part`` points into ("" for an unknown part)."""
    if not part:
        return record.text
    kind, _, index = part.partition(":")
    if kind == "caption" and index.isdigit() and int(index) < len(record.captions):
        return record.captions[int(index)].text
    return ""


def span_text(record: Record, span: Span, part: str | None = None) -> str:
    text = part_text(record, part)
    start, end = span
    return text[max(0, start):max(0, end)]


def child_rows(record: Record) -> ChildRows:
    rid = record.id
    rows = ChildRows()
    names = {e.id: e.name for e in record.entities}
    for i, e in enumerate(record.entities):
        rows.entities.append((rid, i, e.id, e.name, e.type, e.country, e.role, e.sector, len(e.mentions)))
    for i, ev in enumerate(record.events):
        rows.events.append((
            rid, i, ev.type, ev.modality, ev.mode, ev.date, ev.location,
            actor_texts(ev.source), actor_codes(ev.source), actor_texts(ev.target), actor_codes(ev.target),
            ev.trigger.text if ev.trigger else None, ev.part, ev.span[0], ev.span[1]))
        for role, actors in (("source", ev.source), ("target", ev.target)):
            for j, a in enumerate(actors):
                rows.actors.append((rid, i, role, j, a.text, a.entity, a.code, a.sector))
    for i, q in enumerate(record.quotes):
        sp = q.speaker
        speaker = None
        if sp is not None:
            speaker = names.get(sp.entity or "", sp.text) or None
        rows.quotes.append((
            rid, i, q.kind, q.text, speaker, sp.text if sp else None, sp.entity if sp else None,
            int(bool(sp and sp.anonymous)), sp.affiliation if sp else None, q.part, q.span[0], q.span[1]))
    return rows
