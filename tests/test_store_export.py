"""Exports: JSON Lines (whole records) and CSV (one row per event)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from test_store_samples import DROUGHT, PORT, fisheries
from wirewatch.record import Record
from wirewatch.store import MemoryStore, open_store
from wirewatch.store.export import CSV_COLUMNS, export_records, plover_view


def filled() -> MemoryStore:
    store = MemoryStore()
    for record in (DROUGHT, fisheries(), PORT):
        store.put(record, content_hash=record.id)
    return store


def test_jsonl_is_one_compact_record_per_line_in_ingest_order() -> None:
    out = io.StringIO()
    assert export_records(filled(), "jsonl", out) == 3
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [DROUGHT.id, "wire-0304-fish", PORT.id]
    assert Record.from_dict(json.loads(lines[1])) == fisheries()
    assert ": " not in lines[0] and ", " not in lines[0].split('"text"')[0]


def test_csv_has_a_header_and_one_row_per_event() -> None:
    out = io.StringIO()
    assert export_records(filled(), "csv", out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["article_id"] for r in rows] == ["wire-0304-fish"] * 4
    met, talks, visit, arrives = rows
    assert met["event_type"] == "CONSULT" and met["modality"] == "asserted" and met["mode"] == "visit"
    assert met["source"] == "Ingrid Halvorsen; her Icelandic counterpart"
    assert met["source_codes"] == "NOR; ISL"
    assert met["published"] == "2025-03-04" and met["outlet"] == "Wire" and met["location"] == "Oslo"
    assert met["evidence"].startswith("Norway's fisheries minister") and met["evidence"].endswith("next month.")
    assert talks["modality"] == "future" and talks["date"] == "2025-04" and talks["source_codes"] == ""
    assert visit["modality"] == "cancelled" and visit["target"] == "Reykjavik" and visit["target_codes"] == "ISL"
    assert visit["evidence"] == "A planned visit to Reykjavik was called off, officials said."
    assert (met["plover_type"], met["plover_mode"]) == ("CONSULT", "visit")
    assert (talks["plover_type"], talks["plover_mode"]) == ("AGREE", "")
    assert (visit["plover_type"], visit["plover_mode"]) == ("REJECT", "meet")
    assert arrives["part"] == "caption:0"
    assert arrives["evidence"] == "Ingrid Halvorsen arrives for the talks in Oslo."


def test_csv_of_a_store_without_events_is_just_the_header() -> None:
    out = io.StringIO()
    store = MemoryStore()
    store.put(PORT, content_hash="h")
    assert export_records(store, "csv", out) == 0
    assert out.getvalue() == ",".join(CSV_COLUMNS) + "\n"


def test_csv_survives_odd_spans_and_text() -> None:
    record = fisheries("odd")
    record.events[0].span = (10_000, 20_000)  # past the end of the text
    record.events[1].part = "caption:9"  # no such caption
    record.title = 'Talks, "quotas" and\nnew lines'
    store = open_store("memory:")
    store.put(record, content_hash="h")
    out = io.StringIO()
    export_records(store, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["evidence"] == "" and rows[1]["evidence"] == ""
    assert rows[0]["title"] == 'Talks, "quotas" and\nnew lines'


def test_export_since_and_unknown_format() -> None:
    store = filled()
    out = io.StringIO()
    assert export_records(store, "jsonl", out, since="2999-01-01") == 0
    with pytest.raises(ValueError, match="use one of jsonl, csv"):
        export_records(store, "xml", io.StringIO())


@pytest.mark.parametrize("event_type, modality, mode, expected", [
    ("CONSULT", "asserted", "phone", ("CONSULT", "phone")),
    ("CONSULT", "future", "visit", ("AGREE", None)),
    ("AID", "future", None, ("AGREE", None)),
    ("RETREAT", "future", "withdraw", ("CONCEDE", None)),
    ("CONSULT", "cancelled", "visit", ("REJECT", "meet")),
    ("ASSAULT", "negated", "aerial", None),
    ("ASSAULT", "hypothetical", "aerial", ("ASSAULT", "aerial")),
    ("PROTEST", "future", "strike", ("PROTEST", "strike")),
])
def test_plover_view(event_type: str, modality: str, mode: str | None,
                     expected: tuple[str, str | None] | None) -> None:
    assert plover_view(event_type, modality, mode) == expected
