"""The PLOVER view of an event record, for exports (``wirewatch export --format plover``).

The record codes the action itself plus its modality (a planned meeting is
CONSULT + future). PLOVER codes some of these differently, and so does the
events scorer (``eval/events/score_events.py``): a future CONSULT, SUPPORT,
COOPERATE or AID is AGREE, a future RETREAT or CONCEDE is CONCEDE, a
cancelled CONSULT is REJECT with mode ``meet``, and a negated event is no
event. Field names follow the PLOVER manual (``actor``/``recipient``).
"""

from __future__ import annotations

from typing import Any

from wirewatch.record import Actor, Event

FUTURE_AS: dict[str, str] = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE",
                             "AID": "AGREE", "RETREAT": "CONCEDE", "CONCEDE": "CONCEDE"}
AUXILIARY: dict[str, str | None] = {"asserted": None, "future": "future",
                                    "hypothetical": "hypothetical", "cancelled": None,
                                    "negated": "negation"}


def plover_type(ev: Event) -> tuple[str, str | None] | None:
    """(category, mode) as PLOVER codes the event, or None when PLOVER records none."""
    if ev.modality == "negated":
        return None
    if ev.modality == "future" and ev.type in FUTURE_AS:
        return FUTURE_AS[ev.type], None
    if ev.modality == "cancelled" and ev.type == "CONSULT":
        return "REJECT", "meet"
    return ev.type, ev.mode


def _actor(a: Actor) -> dict[str, Any]:
    return {"text": a.text, "code": a.code, "sector": a.sector}


def to_plover(ev: Event, *, doc_id: str, text: str, event_id: str) -> dict[str, Any] | None:
    """One PLOVER-style record, or None for a negated event."""
    coded = plover_type(ev)
    if coded is None:
        return None
    category, mode = coded
    start, end = ev.span
    return {
        "id": event_id,
        "story_id": doc_id,
        "event_type": category,
        "mode": mode,
        "auxiliary": AUXILIARY.get(ev.modality),
        "actor": [_actor(a) for a in ev.source],
        "recipient": [_actor(a) for a in ev.target],
        "date": ev.date,
        "location": ev.location,
        "event_text": text[start:end],
        "trigger": ev.trigger.text if ev.trigger else None,
        "modality": ev.modality,
        "record_type": ev.type,
    }
