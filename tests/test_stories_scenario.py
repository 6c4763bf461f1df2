"""A multi-article scenario built from records: stories, timeline entries and expectation statuses.

A Chile–Argentina summit on river water is announced for March 20, postponed,
set again for May 12 and held; a syndicated copy of the announcement; two
outlets report the summit; a year later the same two presidents meet about
a rail tunnel (a separate story); an unrelated earthquake. All text is
written for this test.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from wirewatch.record import Actor, Entity, Event, Quote, Record, Speaker
from wirewatch.store import MemoryStore, SQLiteStore, Store, content_hash
from wirewatch.stories.expectations import list_expectations, refresh_overdue
from wirewatch.stories.timeline import actor_timeline, story_timeline
from wirewatch.stories.update import update_stories

PEOPLE = {"Lucía Ferrer": ("PERSON", "CHL"), "Tomás Aguirre": ("PERSON", "ARG"), "Chile": ("GPE", "CHL"),
          "Argentina": ("GPE", "ARG"), "Mendoza": ("GPE", "ARG"), "Aconcagua": ("LOC", None),
          "Santiago": ("GPE", "CHL"), "Valparaíso": ("GPE", "CHL"), "Andes": ("LOC", None),
          "Ferrer": ("PERSON", "CHL"), "Aguirre": ("PERSON", "ARG"), "Sumatra": ("LOC", "IDN"),
          "Indonesia": ("GPE", "IDN"), "Padang": ("GPE", "IDN")}


def _entities(text: str) -> list[Entity]:
    out: list[Entity] = []
    for name, (etype, country) in PEOPLE.items():
        start = text.find(name)
        if start < 0 or any(name in e.name for e in out):
            continue
        mentions: list[tuple[int, int] | tuple[int, int, str]] = []
        while start >= 0:
            mentions.append((start, start + len(name)))
            start = text.find(name, start + 1)
        out.append(Entity(id=f"e{len(out) + 1}", name=name, type=etype, mentions=mentions, country=country))
    return out


def _actor(record_entities: list[Entity], text: str) -> Actor:
    entity = next((e for e in record_entities if e.name == text), None)
    return Actor(text=text, entity=entity.id if entity else None, code=entity.country if entity else None)


def _sentence_span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    end = text.find(".", start)
    return start, (end + 1 if end >= 0 else len(text))


def article(doc_id: str, published: str, text: str, events: list[tuple[str, str, str | None, list[str], str]],
            *, outlet: str = "Andean Wire", duplicate_of: str | None = None,
            quotes: Sequence[tuple[str, str]] = ()) -> Record:
    """events: (type, modality, date, actor names, words of the evidence sentence)."""
    entities = _entities(text)
    evs = [Event(type=t, modality=m, date=d, source=[_actor(entities, a) for a in actors],  # type: ignore[arg-type]
                 span=_sentence_span(text, words)) for t, m, d, actors, words in events]
    qs = []
    for quoted, speaker in quotes:
        start = text.index(quoted)
        ent = next((e for e in entities if e.name == speaker), None)
        qs.append(Quote(span=(start, start + len(quoted)), text=quoted, kind="direct",
                        speaker=Speaker(text=speaker, entity=ent.id if ent else None)))
    return Record(id=doc_id, text=text, published=published, outlet=outlet, entities=entities, events=evs,
                  quotes=qs, duplicate_of=duplicate_of)


ANNOUNCED = article("announced", "2026-02-10", (
    "Chile and Argentina will hold a summit on March 20 in Mendoza to settle a dispute over water from "
    "the Aconcagua basin, the two governments said on Tuesday. President Lucía Ferrer of Chile and "
    "President Tomás Aguirre of Argentina agreed to meet after farmers on both sides of the Andes "
    "complained that upstream dams had cut the flow of irrigation water during a record drought. "
    "Aguirre accused Santiago of ignoring a 1991 water-sharing protocol. \"We will not let our vineyards "
    "die of thirst,\" Aguirre said. Ferrer said the summit would look at a joint authority for the basin."),
    [("CONSULT", "future", "2026-03-20", ["Chile", "Argentina"], "Chile and Argentina will hold a summit"),
     ("ACCUSE", "asserted", None, ["Tomás Aguirre"], "Aguirre accused Santiago")],
    quotes=[("We will not let our vineyards die of thirst,", "Tomás Aguirre")])

ANNOUNCED_COPY = article("announced-copy", "2026-02-10", (
    "Chile and Argentina will hold a summit on March 20 in Mendoza to settle a dispute over water from "
    "the Aconcagua basin, the two governments said on Tuesday. President Lucía Ferrer of Chile and "
    "President Tomás Aguirre of Argentina agreed to meet after farmers on both sides of the Andes "
    "complained that upstream dams had cut the flow of irrigation water during a record drought."),
    [("CONSULT", "future", "2026-03-20", ["Chile", "Argentina"], "Chile and Argentina will hold a summit")],
    outlet="Cordillera Post", duplicate_of="announced")

POSTPONED = article("postponed", "2026-03-16", (
    "The summit between Chile and Argentina planned for this week in Mendoza has been postponed, both "
    "governments said on Monday, after a row over water readings from the Aconcagua basin. Ferrer and "
    "Aguirre had not set a new date. Farmers in Mendoza blocked a highway to protest against the delay, "
    "saying the dams on the Chilean side were still holding back irrigation water."),
    [("CONSULT", "cancelled", "2026-W12", ["Chile", "Argentina"], "The summit between Chile and Argentina"),
     ("PROTEST", "asserted", "2026-03-16", [], "Farmers in Mendoza blocked")])

NEW_DATE = article("new-date", "2026-04-28", (
    "Chile and Argentina will meet in Mendoza on May 12 for their postponed summit on water from the "
    "Aconcagua basin, the foreign ministries said on Tuesday. Ferrer and Aguirre are expected to sign "
    "a protocol creating a joint authority for the basin and its dams."),
    [("CONSULT", "future", "2026-05-12", ["Chile", "Argentina"], "Chile and Argentina will meet")])

HELD = article("held", "2026-05-13", (
    "President Lucía Ferrer of Chile and President Tomás Aguirre of Argentina met in Mendoza on Tuesday "
    "and signed a protocol creating a joint authority for the Aconcagua basin, ending a row over dams "
    "and irrigation water that had forced their summit to be postponed in March. \"The water of the "
    "Andes belongs to the people on both sides,\" Ferrer said. Farmers welcomed the deal."),
    [("CONSULT", "asserted", "2026-05-12", ["Lucía Ferrer", "Tomás Aguirre"], "President Lucía Ferrer of Chile"),
     ("AGREE", "asserted", "2026-05-12", ["Lucía Ferrer", "Tomás Aguirre"], "President Lucía Ferrer of Chile")],
    quotes=[("The water of the Andes belongs to the people on both sides,", "Lucía Ferrer")])

HELD_OTHER = article("held-other-outlet", "2026-05-13", (
    "Ferrer and Aguirre met for five hours in Mendoza on Tuesday. Chile and Argentina agreed to share "
    "the water of the Aconcagua basin through a joint authority that will oversee the dams, the two "
    "presidents said at a news conference."),
    [("CONSULT", "asserted", "2026-05-12", ["Ferrer", "Aguirre"], "Ferrer and Aguirre met")],
    outlet="Pampas Daily")

TUNNEL = article("tunnel", "2027-05-20", (
    "President Lucía Ferrer of Chile and President Tomás Aguirre of Argentina agreed on Wednesday in "
    "Santiago to build a freight rail tunnel under the Andes between Valparaíso and Mendoza, at a summit "
    "dominated by copper and lithium exports. The tunnel is expected to cost 4 billion dollars and take "
    "a decade to build. Ferrer said trains would carry lithium to the Pacific ports."),
    [("CONSULT", "asserted", "2027-05-19", ["Lucía Ferrer", "Tomás Aguirre"], "President Lucía Ferrer of Chile")])

QUAKE = article("quake", "2026-04-02", (
    "A magnitude 7.1 earthquake struck off the coast of Sumatra on Thursday, damaging hundreds of "
    "buildings in Padang and triggering a brief tsunami warning, Indonesia's disaster agency said. "
    "Rescuers searched collapsed houses through the night."),
    [])

IN_ORDER = [ANNOUNCED, ANNOUNCED_COPY, POSTPONED, QUAKE, NEW_DATE, HELD, HELD_OTHER, TUNNEL]


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "stories.db")
    yield s
    s.close()


def ingest(store: Store, records: list[Record]) -> None:
    for record in records:
        store.put(record, content_hash=content_hash(record.text))
        update_stories(store, record)


def test_stories_group_follow_ups_and_keep_the_next_years_summit_apart(store: Store) -> None:
    ingest(store, IN_ORDER)
    summit = store.story_of("announced")
    assert summit is not None
    assert {a for a in ("announced", "announced-copy", "postponed", "new-date", "held", "held-other-outlet")
            if store.story_of(a) == summit} == {"announced", "announced-copy", "postponed", "new-date",
                                                  "held", "held-other-outlet"}
    assert store.story_of("tunnel") not in (None, summit)
    assert store.story_of("quake") not in (None, summit, store.story_of("tunnel"))
    row = store.get_story(summit)
    assert row is not None and row.size == 6
    assert (row.first_date, row.last_date) == ("2026-02-10", "2026-05-13")
    assert "Aconcagua" in row.title or "Mendoza" in row.title or "Chile" in row.title


def _statuses(store: Store) -> dict[str, str]:
    return {e.id: e.status for e in list_expectations(store)}


def test_expectations_announced_postponed_rescheduled_held(store: Store) -> None:
    ingest(store, IN_ORDER)
    assert _statuses(store) == {"announced#0": "cancelled", "new-date#0": "happened"}
    first, second = list_expectations(store)
    assert (first.window_start, first.window_end) == ("2026-03-20", "2026-03-20")
    assert first.sources == ["announced-copy"]  # the syndicated copy adds a source, not an expectation
    assert [(h.status, h.article_id) for h in first.history] == [("pending", "announced"),
                                                                  ("cancelled", "postponed")]
    assert [(h.status, h.article_id) for h in second.history] == [("pending", "new-date"), ("happened", "held")]
    assert "postponed" in first.history[-1].note


def test_arrival_order_does_not_change_the_outcome(store: Store) -> None:
    ingest(store, list(reversed(IN_ORDER)))
    assert _statuses(store) == {"announced#0": "cancelled", "new-date#0": "happened"}
    summit = store.story_of("held")
    assert store.story_of("announced") == summit and store.story_of("tunnel") != summit


def test_the_summit_of_the_next_year_does_not_fulfil_an_old_plan(store: Store) -> None:
    ingest(store, [ANNOUNCED, TUNNEL])
    assert _statuses(store) == {"announced#0": "pending"}


def test_overdue_relative_to_now_and_recorded_without_an_article(store: Store) -> None:
    ingest(store, [ANNOUNCED, QUAKE])
    assert refresh_overdue(store, "2026-03-21") == []  # within the grace days
    changed = refresh_overdue(store, "2026-04-30")
    assert [e.id for e in changed] == ["announced#0"]
    exp = list_expectations(store, status="overdue")[0]
    assert exp.history[-1].article_id is None and "2026-04-30" in exp.history[-1].note
    # A late report that it happened after all still counts.
    late = article("late", "2026-03-22", "Ferrer and Aguirre met in Mendoza on Friday to discuss water.",
                   [("CONSULT", "asserted", "2026-03-20", ["Ferrer", "Aguirre"], "Ferrer and Aguirre met")])
    ingest(store, [late])
    assert _statuses(store) == {"announced#0": "happened"}


def test_story_timeline_orders_by_event_date_and_merges_reports(store: Store) -> None:
    ingest(store, IN_ORDER)
    story = store.story_of("held")
    assert story is not None
    entries = story_timeline(store, story)
    dates = [e.sort_date for e in entries]
    assert dates == sorted(dates)
    held = [e for e in entries if e.type == "CONSULT" and e.modality == "asserted"]
    assert len(held) == 1 and held[0].date == "2026-05-12"
    assert {s.article_id for s in held[0].sources} == {"held", "held-other-outlet"}
    assert any("belongs to the people" in q for q in held[0].quotes)
    planned = [e for e in entries if e.type == "CONSULT" and e.modality == "future" and e.date == "2026-03-20"]
    assert len(planned) == 1
    assert [(s.article_id, s.duplicate_of) for s in planned[0].sources] == [("announced", None),
                                                                             ("announced-copy", "announced")]
    # The copy never adds an entry of its own.
    assert all(any(s.duplicate_of is None for s in e.sources) for e in entries)
    # Postponed in the week of March 16, before the planned March 20; then set again and held.
    assert [e.modality for e in entries if e.type == "CONSULT"] == ["cancelled", "future", "future", "asserted"]


def test_actor_pair_timeline_spans_both_stories(store: Store) -> None:
    ingest(store, IN_ORDER)
    entries = actor_timeline(store, ["Ferrer", "Aguirre"])
    assert [(e.sort_date, e.type) for e in entries] == [
        ("2026-05-12", "AGREE"), ("2026-05-12", "CONSULT"), ("2027-05-19", "CONSULT")]
    by_country = actor_timeline(store, ["Chile", "Argentina"])
    assert {e.sort_date for e in by_country} >= {"2026-03-20", "2026-05-12", "2027-05-19"}
    assert actor_timeline(store, ["Sumatra"]) == []


def test_restarting_keeps_stories_and_statuses() -> None:
    first = MemoryStore()
    ingest(first, IN_ORDER[:3])
    again = update_stories(first, POSTPONED)  # the same article once more changes nothing
    assert again.changed == [] and again.assignment.story_id == first.story_of("announced")
    assert _statuses(first) == {"announced#0": "cancelled"}


def test_stored_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with SQLiteStore(path) as s:
        ingest(s, IN_ORDER[:3])
    with SQLiteStore(path) as s:  # a fresh process: the index is rebuilt from the store
        ingest(s, IN_ORDER[3:])
        assert _statuses(s) == {"announced#0": "cancelled", "new-date#0": "happened"}
        assert s.story_of("held") == s.story_of("announced")
