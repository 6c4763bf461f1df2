"""update_stories for an article already in a story: stored again, updated or re-analysed.

What ``wirewatch reanalyze`` does after storing the new analysis: the article
may move to a story that fits it better, the expectations its earlier
analysis announced are replaced, its reports count anew, nothing is recorded
twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from test_stories_scenario import ANNOUNCED, ANNOUNCED_COPY, HELD, NEW_DATE, POSTPONED, QUAKE, article, ingest
from wirewatch.record import Record
from wirewatch.store import MemoryStore, SQLiteStore, Store, content_hash
from wirewatch.stories.expectations import list_expectations
from wirewatch.stories.update import StoryUpdate, update_stories


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "again.db")
    yield s
    s.close()


def restore(store: Store, record: Record, previous: Record | None = None) -> StoryUpdate:
    """Store a new version of an article and update its story, as reanalyze / ingest do."""
    store.put(record, content_hash=content_hash(record.text))
    return update_stories(store, record, previous=previous)


def history(store: Store) -> dict[str, list[str]]:
    return {e.id: [h.status for h in e.history] for e in list_expectations(store)}


def test_a_reanalysis_that_no_longer_reads_a_plan_withdraws_it(store: Store) -> None:
    # The first analysis read the accusation as a future one, dated by the summit; the new one does not.
    noisy = article("noisy", "2026-02-11", ANNOUNCED.text, [
        ("CONSULT", "future", "2026-03-20", ["Chile", "Argentina"], "Chile and Argentina will hold a summit"),
        ("ACCUSE", "future", "2026-03-20", ["Tomás Aguirre"], "Aguirre accused Santiago")])
    ingest(store, [noisy])
    assert sorted(history(store)) == ["noisy#0", "noisy#1"]
    clean = replace(noisy, events=noisy.events[:1], analysis_version="new")
    update = restore(store, clean)
    assert update.changed == [] and update.assignment.story_id == store.story_of("noisy")
    assert history(store) == {"noisy#0": ["pending"]}  # #1 is withdrawn: kept, never shown
    assert [r.id for r in store.expectations()] == ["noisy#0", "noisy#1"]


def test_a_reanalysis_replaces_the_evidence_of_its_earlier_reading(store: Store) -> None:
    ingest(store, [ANNOUNCED, POSTPONED])
    assert history(store) == {"announced#0": ["pending", "cancelled"]}
    # Re-analysed, the postponement is read as a mere protest: the plan is pending again.
    unread = replace(POSTPONED, events=POSTPONED.events[1:], analysis_version="new")
    changed = restore(store, unread).changed
    assert [(e.id, e.status) for e in changed] == [("announced#0", "pending")]
    assert history(store) == {"announced#0": ["pending", "cancelled", "pending"]}
    # Read as a postponement again: cancelled again, once.
    assert [e.status for e in restore(store, POSTPONED).changed] == ["cancelled"]
    assert history(store) == {"announced#0": ["pending", "cancelled", "pending", "cancelled"]}


def test_the_same_analysis_stored_again_records_nothing(store: Store) -> None:
    ingest(store, [ANNOUNCED, POSTPONED, QUAKE, NEW_DATE, HELD])
    before = (history(store), [(r.id, r.size, r.profile) for r in store.stories()])
    for record in (ANNOUNCED, POSTPONED, NEW_DATE, HELD, QUAKE):
        update = update_stories(store, record)
        assert update.changed == [] and update.assignment.moved_from is None
    assert (history(store), [(r.id, r.size, r.profile) for r in store.stories()]) == before
    evidence = {e.id: e.evidence for e in list_expectations(store)}
    assert all(len({(x["article_id"], x["event_idx"]) for x in ev}) == len(ev) for ev in evidence.values())


def test_an_article_that_now_fits_another_story_moves_there(store: Store) -> None:
    ingest(store, [ANNOUNCED, QUAKE])
    # The article stored as "quake" turns out (corrected at the source) to be about the summit.
    fixed = replace(POSTPONED, id="quake")
    update = restore(store, fixed, previous=QUAKE)
    summit = store.story_of("announced")
    assert update.assignment.moved_from is not None and update.assignment.story_id == summit
    assert store.story_of("quake") == summit
    left = store.get_story(update.assignment.moved_from)
    assert left is not None and left.merged_into == summit  # emptied: merged into where it went
    assert [(r.id, r.size) for r in store.stories()] == [(summit, 2)]
    assert history(store) == {"announced#0": ["pending", "cancelled"]}


def test_a_reanalysed_copy_stays_with_its_original(store: Store) -> None:
    ingest(store, [ANNOUNCED, QUAKE, ANNOUNCED_COPY])
    story = store.story_of("announced")
    assert store.story_of("announced-copy") == story
    # Re-analysed, the copy reads like the earthquake report (entities lost): it stays a copy.
    odd = replace(ANNOUNCED_COPY, entities=QUAKE.entities, events=[], analysis_version="new")
    update = restore(store, odd)
    assert update.assignment.story_id == story and update.assignment.moved_from is None
    assert history(store) == {"announced#0": ["pending"]}
    assert [e.sources for e in list_expectations(store)] == [[]]
