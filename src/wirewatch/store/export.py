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
"""

from __future__ import annotations

import csv
import json
from typing import Literal, TextIO

from wirewatch.store.base import Store
from wirewatch.store.rows import actor_codes, actor_texts, span_text

ExportFormat = Literal["jsonl", "csv"]
FORMATS: tuple[str, ...] = ("jsonl", "csv")

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
