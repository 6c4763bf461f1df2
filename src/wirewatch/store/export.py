"""Export stored records: JSON Lines (everything) or CSV (one row per event).

``export_records(store, "jsonl", out)`` writes one compact JSON object per
line, the full article record (``Record.to_dict``) in ingest order — the
same form ``wirewatch analyze`` prints and the scorers read.

``export_records(store, "csv", out)`` writes the flat view researchers load
into a spreadsheet, pandas or R: a header, then one row per **event**, in
ingest order and in each article's event order. Articles without events
give no rows. Columns:

==================  ============================================================
article_id          the article's id
published           its publication date (ISO 8601), if known
outlet, title, url  as in the record, if known
event_index         the event's place in the article's ``events`` (0-based)
event_type          the PLOVER category of the action (CONSULT, ASSAULT, ...)
modality            asserted, future, negated, cancelled or hypothetical
mode                PLOVER mode (e.g. ``phone`` for a CONSULT), if any
source              the source actors' texts as written, joined by "; "
source_codes        their ISO 3166 alpha-3 / IGO codes, joined by "; " and
                    aligned with ``source`` (an unknown code is left empty)
target              the target actors' texts, joined by "; "
target_codes        their codes, aligned with ``target``
date                when it happened or is to happen (TIMEX3 value)
location            where, if the text says
trigger             the word(s) that signal the event
evidence            the text of the evidence sentence
part                empty for the body; ``caption:N`` when found in caption N
plover_type         the category as PLOVER itself codes it (see below); empty
                    when PLOVER records no event (a negated one)
plover_mode         the mode as PLOVER codes it
==================  ============================================================

``event_type`` and ``modality`` are kept as wirewatch found them: a planned
meeting is CONSULT, ``future``; a negated event is included with
``modality=negated``. PLOVER folds the modality into the category instead,
and ``plover_type``/``plover_mode`` give that view for datasets in the PLOVER
tradition: future CONSULT, SUPPORT, COOPERATE or AID -> AGREE; future
RETREAT -> CONCEDE; cancelled CONSULT -> REJECT (mode ``meet``); negated ->
no event. Cells are written as they are (no spreadsheet-formula escaping),
so the data stays exact.

``export_records(store, "plover", out)`` writes PLOVER's own JSON Lines
format (the manual's chapter 6, "Data Fields"): one object per event in the
PLOVER view above (negated events are left out, as PLOVER records none),
with the manual's field names: ``id`` (article id + event index), ``date``
(the event's date when it is a full day, else the article's publication
day), ``actor`` and ``recipient`` (lists of entity objects: ``code``,
``sector``, ``entity_text``), ``event`` and ``mode`` (lists), ``quad``,
``event_text`` (the trigger), ``event_loc`` (``{"name": ...}``), ``link``
(the article id, shared by every event of one article), ``cite_info``
(url, outlet, publication date), ``coder`` and ``comment`` (wirewatch's own
modality, e.g. ``future``). The article text itself is not copied (the
manual's ``text`` field is for providers who hold the rights to it).
"""

from __future__ import annotations

import csv
import json
import re
from typing import Literal, TextIO

from wirewatch.record import Actor, Event, Record
from wirewatch.store.base import Store
from wirewatch.store.rows import actor_codes, actor_texts, span_text

ExportFormat = Literal["jsonl", "csv", "plover"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "plover")

CSV_COLUMNS: tuple[str, ...] = (
    "article_id", "published", "outlet", "title", "url", "event_index", "event_type", "modality",
    "mode", "source", "source_codes", "target", "target_codes", "date", "location", "trigger",
    "evidence", "part", "plover_type", "plover_mode",
)

_FUTURE_AS = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
              "RETREAT": "CONCEDE"}


def plover_view(event_type: str, modality: str, mode: str | None) -> tuple[str, str | None] | None:
    """(type, mode) as PLOVER codes the event, or None when PLOVER records no event."""
    if modality == "negated":
        return None
    if modality == "future" and event_type in _FUTURE_AS:
        # The AGREE/CONCEDE categories have no modes of their own.
        return _FUTURE_AS[event_type], None
    if modality == "cancelled" and event_type == "CONSULT":
        return "REJECT", "meet"
    return event_type, mode


def export_records(store: Store, fmt: ExportFormat | str, out: TextIO, *,
                   since: str | None = None) -> int:
    """Write the store's records to ``out``; returns the number of lines written after
    any header (records for jsonl, events for csv). ``since`` as in ``Store.records``."""
    if fmt == "jsonl":
        return _jsonl(store, out, since)
    if fmt == "csv":
        return _csv(store, out, since)
    if fmt == "plover":
        return _plover(store, out, since)
    raise ValueError(f"export format {fmt!r} is not known: use one of {', '.join(FORMATS)}")


def _jsonl(store: Store, out: TextIO, since: str | None) -> int:
    n = 0
    for record in store.records(since=since):
        out.write(json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        n += 1
    return n


def _csv(store: Store, out: TextIO, since: str | None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for record in store.records(since=since):
        for i, ev in enumerate(record.events):
            plover_type, plover_mode = plover_view(ev.type, ev.modality, ev.mode) or ("", "")
            writer.writerow((
                record.id, record.published or "", record.outlet or "", record.title or "",
                record.url or "", i, ev.type, ev.modality, ev.mode or "",
                actor_texts(ev.source), actor_codes(ev.source),
                actor_texts(ev.target), actor_codes(ev.target),
                ev.date or "", ev.location or "", ev.trigger.text if ev.trigger else "",
                " ".join(span_text(record, ev.span, ev.part).split()), ev.part or "",
                plover_type, plover_mode or "",
            ))
            n += 1
    return n


QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _plover_entities(actors: list[Actor]) -> list[dict[str, str | None]]:
    return [{"code": a.code, "sector": a.sector, "entity_text": a.text} for a in actors]


def plover_record(record: Record, index: int, event: Event) -> dict[str, object] | None:
    """One event as a PLOVER JSON record, or None when PLOVER records no event."""
    view = plover_view(event.type, event.modality, event.mode)
    if view is None:
        return None
    ptype, pmode = view
    date = event.date if event.date and _DAY.match(event.date) else (record.published or "")[:10] or None
    out: dict[str, object] = {
        "id": f"{record.id}-{index}",
        "date": date,
        "actor": _plover_entities(event.source),
        "recipient": _plover_entities(event.target),
        "event": [ptype],
        "mode": [pmode] if pmode else [],
        "quad": QUADS.get(ptype),
        "event_text": [event.trigger.text] if event.trigger else [],
        "event_loc": {"name": event.location} if event.location else None,
        "link": record.id,
        "cite_info": {"url": record.url, "outlet": record.outlet, "published": record.published},
        "coder": f"wirewatch {record.analysis_version}",
        "comment": event.modality,
    }
    return out


def _plover(store: Store, out: TextIO, since: str | None) -> int:
    n = 0
    for record in store.records(since=since):
        if record.duplicate_of:
            continue  # a near-duplicate's events are its first copy's
        for i, ev in enumerate(record.events):
            row = plover_record(record, i, ev)
            if row is not None:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
                n += 1
    return n
