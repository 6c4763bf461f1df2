"""PLOVER export: the manual's field names and PLOVER's own coding of modality."""

from __future__ import annotations

import io
import json

from wirewatch.record import Actor, Cue, Event, Record
from wirewatch.store import MemoryStore
from wirewatch.store.export import export_records

TEXT = ("Finland and Estonia will hold talks on Friday. Estonia did not sign the accord. "
        "Police arrested 12 protesters in Tallinn on 2026-05-04.")


def record() -> Record:
    fin, est = Actor("Finland", code="FIN", sector="GOV"), Actor("Estonia", code="EST", sector="GOV")
    return Record(id="baltic-1", text=TEXT, published="2026-05-05", outlet="Baltic Wire",
                  url="https://news.example/baltic-1", events=[
                      Event("CONSULT", (0, 46), modality="future", source=[fin, est], date="2026-05-08",
                            trigger=Cue("talks", (30, 35))),
                      Event("SUPPORT", (47, 80), modality="negated", source=[est]),
                      Event("COERCE", (81, 136), mode="arrest", source=[Actor("Police", sector="COP")],
                            target=[Actor("protesters", sector="CVL")], location="Tallinn", date="2026-05"),
                  ])


def export(*records: Record) -> list[dict[str, object]]:
    store = MemoryStore()
    for r in records:
        store.put(r, content_hash=r.id)
    out = io.StringIO()
    export_records(store, "plover", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_plover_records_use_the_manuals_fields_and_coding() -> None:
    rows = export(record())
    assert [r["id"] for r in rows] == ["baltic-1-0", "baltic-1-2"]  # the negated event is no event
    meet, arrest = rows
    assert meet["event"] == ["AGREE"] and meet["comment"] == "future" and meet["quad"] == 1
    assert meet["date"] == "2026-05-08"
    assert meet["actor"] == [{"code": "FIN", "sector": "GOV", "entity_text": "Finland"},
                             {"code": "EST", "sector": "GOV", "entity_text": "Estonia"}]
    assert meet["event_text"] == ["talks"] and meet["link"] == "baltic-1"
    assert arrest["event"] == ["COERCE"] and arrest["mode"] == ["arrest"] and arrest["quad"] == 4
    assert arrest["date"] == "2026-05-05"  # a month is not a PLOVER date: the publication day
    assert arrest["event_loc"] == {"name": "Tallinn"}
    assert arrest["recipient"] == [{"code": None, "sector": "CVL", "entity_text": "protesters"}]
    assert arrest["cite_info"] == {"url": "https://news.example/baltic-1", "outlet": "Baltic Wire",
                                   "published": "2026-05-05"}


def test_near_duplicates_do_not_repeat_events() -> None:
    copy = record()
    copy.id, copy.duplicate_of = "baltic-copy", "baltic-1"
    assert [r["link"] for r in export(record(), copy)] == ["baltic-1", "baltic-1"]
