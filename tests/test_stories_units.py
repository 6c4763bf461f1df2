"""Pieces of the stories stage: TIMEX windows, merges, titles, odd input."""

from __future__ import annotations

from datetime import date

import pytest

from test_stories_scenario import ANNOUNCED, POSTPONED, article, ingest
from wirewatch.record import Record
from wirewatch.store import MemoryStore
from wirewatch.stories.assign import Profile, story_title
from wirewatch.stories.dates import sort_key, window
from wirewatch.stories.expectations import list_expectations, new_expectations
from wirewatch.stories.timeline import build_timeline
from wirewatch.stories.update import update_stories


@pytest.mark.parametrize(("value", "published", "expected"), [
    ("2026-04-14", None, (date(2026, 4, 14), date(2026, 4, 14))),
    ("2026-04-14T09:30", None, (date(2026, 4, 14), date(2026, 4, 14))),
    ("2026-02", None, (date(2026, 2, 1), date(2026, 2, 28))),
    ("2026-W16", None, (date(2026, 4, 13), date(2026, 4, 19))),
    ("2026-Q4", None, (date(2026, 10, 1), date(2026, 12, 31))),
    ("2026-WI", None, (date(2026, 12, 1), date(2027, 2, 28))),
    ("2027", None, (date(2027, 1, 1), date(2027, 12, 31))),
    ("P2W", "2026-04-08", (date(2026, 4, 8), date(2026, 4, 22))),
    ("P2W", None, None),
    ("XXXX-08", "2026-04-08", None),
    ("PAST_REF", "2026-04-08", None),
    ("2026-13-45", None, None),
    ("", None, None),
])
def test_timex_windows(value: str, published: str | None, expected: tuple[date, date] | None) -> None:
    assert window(value, published) == expected


def test_sort_key_falls_back_on_publication() -> None:
    assert sort_key("2026-W16", "2026-04-30") == "2026-04-13"
    assert sort_key("P2W", "2026-04-08T10:00:00Z") == "2026-04-08"
    assert sort_key(None, None) == "9999-12-31"


def test_an_article_bridging_two_stories_merges_them() -> None:
    a = article("a", "2026-06-01", (
        "Flooding along the Bio Bio river forced 3,000 families from their homes in Concepcion on Monday, "
        "and army trucks carried sandbags to the riverbanks overnight, regional officials said."), [])
    b = article("b", "2026-06-01", (
        "The government declared a state of catastrophe in Nuble after torrential rain swept away bridges "
        "near Chillan, and the interior ministry opened shelters in schools."), [])
    both = article("c", "2026-06-02", (
        "Flooding along the Bio Bio river forced 3,000 families from their homes in Concepcion, and the "
        "government declared a state of catastrophe in Nuble after torrential rain swept away bridges near "
        "Chillan; army trucks carried sandbags to the riverbanks and the interior ministry opened shelters "
        "in schools."), [])
    store = MemoryStore()
    ingest(store, [a, b])
    assert store.story_of("a") != store.story_of("b")
    gone = store.story_of("a")
    update = update_stories(store, both) if store.put(both, content_hash="c") else None
    assert update is not None and update.assignment.merged
    assert store.story_of("a") == store.story_of("b") == store.story_of("c")
    merged = store.get_story(gone or "")
    assert merged is not None and merged.merged_into == store.story_of("c")
    assert len(store.stories()) == 1 and store.stories()[0].size == 3


def test_story_title_uses_names_then_distinctive_words() -> None:
    profile = Profile(words={"aconcagua": 3.0, "water": 2.0, "summit": 1.5, "mendoza": 1.0},
                      names={"@chile": 2.0, "@mendoza": 1.0}, display={"@chile": "Chile", "@mendoza": "Mendoza"})
    assert story_title(profile) == "Chile, Mendoza — aconcagua, water, summit"
    assert story_title(Profile()) == "(untitled story)"


def test_a_plan_dated_before_its_announcement_is_not_an_expectation() -> None:
    misread = article("m", "2026-03-02", "Ferrer and Aguirre agreed to the meeting during a call last week.",
                      [("CONSULT", "future", "2026-02-24", ["Ferrer", "Aguirre"], "Ferrer and Aguirre agreed")])
    assert new_expectations(misread, None) == []
    undated = article("u", "2026-03-02", "Ferrer and Aguirre will meet again.",
                      [("CONSULT", "future", None, ["Ferrer", "Aguirre"], "Ferrer and Aguirre will")])
    assert [(e.window_start, e.window_end) for e in new_expectations(undated, None)] == [
        ("2026-03-02", "2026-08-29")]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u201cunbalanced", "a" * 5000])
def test_odd_articles_never_crash(text: str) -> None:
    store = MemoryStore()
    record = Record(id="odd", text=text)
    store.put(record, content_hash="odd")
    update = update_stories(store, record)
    assert store.story_of("odd") == update.assignment.story_id
    assert build_timeline([record]) == []


def test_a_report_without_publication_date_still_counts_when_dated() -> None:
    store = MemoryStore()
    ingest(store, [ANNOUNCED])
    undated = Record(**{**POSTPONED.__dict__, "id": "postponed-undated", "published": None})
    ingest(store, [undated])
    assert [e.status for e in list_expectations(store)] == ["cancelled"]
