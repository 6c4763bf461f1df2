"""The store contract: every test runs against MemoryStore and SQLiteStore alike."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from test_store_samples import DROUGHT, PORT, fisheries, simple
from wirewatch.record import Record, Rejected
from wirewatch.store import MemoryStore, SQLiteStore, Store, StoreError, content_hash
from wirewatch.store.base import REJECTED_TEXT_LIMIT


class Clock:
    """A clock that ticks one second per reading, so timestamps are predictable and distinct."""

    def __init__(self) -> None:
        self._ticks = itertools.count()

    def __call__(self) -> str:
        n = next(self._ticks)
        return f"2025-03-04T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}.000000Z"


StoreFactory = Callable[[], Store]


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    opened: list[Store] = []

    def make() -> Store:
        clock = Clock()
        store: Store = (MemoryStore(clock=clock) if request.param == "memory"
                        else SQLiteStore(tmp_path / f"store{len(opened)}.db", clock=clock))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: StoreFactory) -> Store:
    return make_store()


def put(store: Store, record: Record, source: str | None = None) -> str:
    return store.put(record, content_hash=content_hash(record.text), source=source)


def test_put_then_get_returns_the_same_record(store: Store) -> None:
    record = fisheries()
    assert put(store, record, source="wire/0304.txt") == "added"
    assert store.get(record.id) == record
    assert store.get("no-such-id") is None


def test_put_twice_unchanged_writes_nothing(store: Store) -> None:
    record = fisheries()
    put(store, record, source="wire/0304.txt")
    before = store.meta(record.id)
    assert put(store, record, source="elsewhere.txt") == "unchanged"
    after = store.meta(record.id)
    assert after == before
    assert after is not None and after.source == "wire/0304.txt"


def test_unchanged_means_same_hash_and_same_analysis_version(store: Store) -> None:
    record = fisheries()
    put(store, record)
    # A newer analysis of the same text replaces the stored one.
    newer = fisheries(version="0.2.0")
    newer.events = newer.events[:1]
    assert put(store, newer) == "updated"
    assert store.get(record.id) == newer
    # Different content under the same id replaces it too.
    edited = fisheries(version="0.2.0")
    edited.text = edited.text.replace("Tuesday", "Monday")
    assert put(store, edited) == "updated"
    assert store.get(record.id) == edited


def test_update_keeps_ingest_time_place_and_source(store: Store) -> None:
    put(store, DROUGHT, source="drought.txt")
    put(store, fisheries(), source="fish.txt")
    first = store.meta(DROUGHT.id)
    newer = simple(DROUGHT.id, DROUGHT.text, title=DROUGHT.title, version="0.2.0")
    assert store.put(newer, content_hash=content_hash(DROUGHT.text)) == "updated"
    meta = store.meta(DROUGHT.id)
    assert first is not None and meta is not None
    assert meta.ingested_at == first.ingested_at
    assert meta.updated_at > first.updated_at
    assert meta.source == "drought.txt"
    assert meta.analysis_version == "0.2.0"
    assert store.ids() == [DROUGHT.id, fisheries().id]


def test_find_by_hash_gives_the_first_article_with_that_content(store: Store) -> None:
    put(store, DROUGHT)
    copy = simple("syndicated-copy", DROUGHT.text)
    put(store, copy)
    assert store.find_by_hash(content_hash(DROUGHT.text)) == DROUGHT.id
    assert store.find_by_hash(content_hash(PORT.text)) is None


def test_content_hash_ignores_rewrapping_only() -> None:
    assert content_hash("Talks resumed\n on Tuesday.") == content_hash("Talks  resumed on Tuesday. ")
    assert content_hash("Talks resumed on Tuesday.") != content_hash("Talks resumed on Monday.")


def test_records_and_ids_come_in_ingest_order(store: Store) -> None:
    for record in (PORT, DROUGHT, fisheries()):
        put(store, record)
    assert store.ids() == [PORT.id, DROUGHT.id, "wire-0304-fish"]
    assert [r.id for r in store.records()] == store.ids()


def test_records_since_gives_what_changed_at_or_after(store: Store) -> None:
    put(store, PORT)  # clock 00:00:00
    put(store, DROUGHT)  # 00:00:01
    put(store, fisheries())  # 00:00:02
    assert [r.id for r in store.records(since="2025-03-04T00:00:01Z")] == [DROUGHT.id, "wire-0304-fish"]
    assert [r.id for r in store.records(since="2025-03-04")] == store.ids()
    assert list(store.records(since="2025-03-05")) == []
    # An update moves the change time, not the ingest order.
    put(store, simple(PORT.id, PORT.text + " More follows.", title=PORT.title))
    assert [r.id for r in store.records(since="2025-03-04T00:00:03Z")] == [PORT.id]


def test_records_since_refuses_what_is_not_a_time(store: Store) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        store.records(since="last Tuesday")


def test_put_while_iterating_records(store: Store) -> None:
    for i in range(5):
        put(store, simple(f"brief-{i}", f"Brief number {i} from the wire desk."))
    seen = []
    for record in store.records():
        seen.append(record.id)
        newer = simple(record.id, record.text, version="0.2.0")
        assert store.put(newer, content_hash=content_hash(record.text)) == "updated"
    assert seen == [f"brief-{i}" for i in range(5)]
    assert store.ids(stale_for="0.2.0") == []


def test_ids_stale_for_lists_other_analysis_versions(store: Store) -> None:
    put(store, fisheries(version="0.1.0"))
    put(store, simple(DROUGHT.id, DROUGHT.text, version="0.2.0"))
    put(store, simple(PORT.id, PORT.text, version="0.0.9"))
    assert store.ids(stale_for="0.2.0") == ["wire-0304-fish", PORT.id]
    assert store.ids(stale_for="0.1.0") == [DROUGHT.id, PORT.id]


def test_search_finds_words_in_text_and_title_with_snippets(store: Store) -> None:
    for record in (fisheries(), DROUGHT, PORT):
        put(store, record)
    hits = store.search("mackerel")
    assert [h.id for h in hits] == ["wire-0304-fish"]
    assert "[mackerel]" in hits[0].snippet
    assert hits[0].title == "Norway and Iceland agree to resume quota talks"
    assert hits[0].published == "2025-03-04"
    # Case, accents and punctuation do not matter; every word must occur.
    assert [h.id for h in store.search("ROTTERDAM, dock!")] == [PORT.id]
    assert store.search("Rotterdam drought") == []
    # A word only in the title is found.
    assert [h.id for h in store.search("appeals")] == [DROUGHT.id]


def test_search_phrases_prefixes_and_or(store: Store) -> None:
    for record in (fisheries(), DROUGHT, PORT):
        put(store, record)
    assert [h.id for h in store.search('"called off"')] == ["wire-0304-fish"]
    assert store.search('"off called"') == []
    assert [h.id for h in store.search("contain*")] == [PORT.id]
    assert {h.id for h in store.search("Kenya OR Rotterdam")} == {DROUGHT.id, PORT.id}


def test_search_ranks_title_matches_first(store: Store) -> None:
    put(store, simple("body-only", "Officials said the port would reopen after the strike ended."))
    put(store, simple("in-title", "Workers returned on Friday.", title="Port strike ends"))
    hits = store.search("strike")
    assert [h.id for h in hits] == ["in-title", "body-only"]
    assert hits[0].score > hits[1].score
    assert [h.id for h in store.search("strike", limit=1)] == ["in-title"]


@pytest.mark.parametrize("query", ["", "   ", '"', '"unbalanced quote', "AND OR NOT", "*", "(((",
                                   "NEAR(a b)", "title:port", "-", "\x00", "^port", "'; DROP TABLE articles"])
def test_search_never_fails_on_odd_queries(store: Store, query: str) -> None:
    put(store, PORT)
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.stats()["articles"] == 1


def test_snippets_are_one_line(store: Store) -> None:
    put(store, simple("paras", "Talks ended late.\n\nNo  date   was set for the next round.\n"))
    [hit] = store.search("date")
    assert "\n" not in hit.snippet and "  " not in hit.snippet and "[date]" in hit.snippet


def test_search_after_update_sees_only_the_new_text(store: Store) -> None:
    put(store, simple("brief", "Talks in Geneva were postponed."))
    put(store, simple("brief", "Talks in Vienna were postponed."))
    assert store.search("Geneva") == []
    assert [h.id for h in store.search("Vienna")] == ["brief"]


def test_rejections_are_logged_and_updated_not_duplicated(store: Store) -> None:
    empty = Rejected(id="blank", source="inbox/blank.txt", reason="empty",
                     message="inbox/blank.txt is empty: nothing to analyse")
    store.reject(empty)
    store.reject(Rejected(id="latin", source="inbox/latin.txt", reason="encoding",
                          message="inbox/latin.txt is not UTF-8: re-save it as UTF-8", text="caf\xe9"))
    store.reject(Rejected(id="blank", source="inbox/blank.txt", reason="empty",
                          message="inbox/blank.txt is still empty"))
    rows = store.rejections()
    assert [(r.source, r.reason, r.count) for r in rows] == [
        ("inbox/blank.txt", "empty", 2), ("inbox/latin.txt", "encoding", 1)]
    assert rows[0].message == "inbox/blank.txt is still empty"
    assert rows[0].first_rejected_at < rows[0].rejected_at
    assert rows[1].text == "caf\xe9"
    assert store.stats()["rejected"] == 2


def test_rejected_text_is_clipped(store: Store) -> None:
    store.reject(Rejected(id="huge", source="huge.txt", reason="too-large", message="too large",
                          text="x" * (REJECTED_TEXT_LIMIT + 10)))
    assert len(store.rejections()[0].text) == REJECTED_TEXT_LIMIT


def test_stats_count_every_section(store: Store) -> None:
    assert store.stats() == {"articles": 0, "rejected": 0, "entities": 0, "quotes": 0,
                             "times": 0, "events": 0, "errors": 0}
    put(store, fisheries())
    broken = simple("unreadable", "")
    broken.error = "unreadable.txt could not be decoded"
    put(store, broken)
    assert store.stats() == {"articles": 2, "rejected": 0, "entities": 3, "quotes": 1,
                             "times": 3, "events": 4, "errors": 1}


class ExplodingRecord(Record):
    def to_dict(self) -> dict[str, object]:
        raise RuntimeError("serialiser broke half-way")


def test_a_put_that_fails_leaves_the_store_unchanged(store: Store) -> None:
    record = fisheries()
    put(store, record)
    before = (store.meta(record.id), store.stats(), store.ids())
    bad = ExplodingRecord(id=record.id, text="Completely different text.", analysis_version="0.2.0")
    with pytest.raises(RuntimeError, match="half-way"):
        put(store, bad)
    new = ExplodingRecord(id="new-one", text="Another text.")
    with pytest.raises(RuntimeError):
        put(store, new)
    assert (store.meta(record.id), store.stats(), store.ids()) == before
    assert store.get(record.id) == record
    assert [h.id for h in store.search("mackerel")] == [record.id]


def test_a_record_that_is_not_json_data_is_refused_by_name(store: Store) -> None:
    record = simple("odd-title", "Short text.")
    record.title = object()  # type: ignore[assignment]
    with pytest.raises(StoreError, match="'odd-title' cannot be stored"):
        put(store, record)
    surrogate = simple("bad-unicode", "Broken \udcff byte.")
    with pytest.raises(StoreError, match="not valid Unicode"):
        put(store, surrogate)
    assert store.ids() == []


def test_unusable_keys_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="non-empty string id"):
        put(store, simple("", "Text without an id."))
    with pytest.raises(StoreError, match="not a version string"):
        put(store, simple("no-version", "Text.", version=""))
    with pytest.raises(StoreError, match="content hash"):
        store.put(PORT, content_hash="")
    assert store.ids() == []


def test_odd_but_valid_records_round_trip(store: Store) -> None:
    odd = [
        simple("empty-text", ""),
        simple("nul and newlines", "Line one\x00\nline two\r\n\tend", title=""),
        simple("ünïcødé-id ✓", "Zürich talks ended; 北京 responded. 🙂", title="Ünïcødé"),
    ]
    for record in odd:
        assert put(store, record) == "added"
    for record in odd:
        assert store.get(record.id) == record
    assert [h.id for h in store.search("zurich")] == ["ünïcødé-id ✓"]


def test_closed_store_says_so(make_store: StoreFactory) -> None:
    store = make_store()
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.get("x")


def test_context_manager_closes(make_store: StoreFactory) -> None:
    with make_store() as store:
        put(store, PORT)
    with pytest.raises(StoreError, match="closed"):
        store.ids()


def test_bad_search_limit(store: Store) -> None:
    put(store, PORT)
    assert store.search("port", limit=0) == []
    with pytest.raises(ValueError, match="negative"):
        store.search("port", limit=-1)
