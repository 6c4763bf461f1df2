"""The following half of the store contract (subscriptions, outbox, sources), on both stores."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_store_samples import simple
from wirewatch.record import Record, Rejected
from wirewatch.store import (
    MemoryStore,
    OutboxRow,
    SourceRow,
    SQLiteStore,
    Store,
    StoreError,
    SubscriptionRow,
)
from wirewatch.store.base import ExpectationRow, StatusChangeRow, StoryRow

SUMMIT = simple(
    "wire-1021-summit",
    "WASHINGTON, Oct 21 (Wire) - A planned meeting between the U.S. and Russian presidents in "
    "Budapest is off for now, a White House official said on Tuesday, days after it was announced.",
    title="Planned Budapest summit shelved", published="2025-10-21")


def sub(sub_id: str, *, target: str = "Vladimir Putin", kind: str = "entity", channel: str = "email",
        recipient: str = "desk@example.org", cadence: str = "immediate",
        event_types: tuple[str, ...] = (), created_at: str = "2025-10-20T09:00:00.000000Z",
        data: str = "{}") -> SubscriptionRow:
    return SubscriptionRow(id=sub_id, channel=channel, recipient=recipient, kind=kind,  # type: ignore[arg-type]
                           target=target, event_types=event_types, cadence=cadence,  # type: ignore[arg-type]
                           created_at=created_at, data=data)


def alert(key: str, *, subscription_id: str = "s1", article_id: str = SUMMIT.id,
          due_at: str = "2025-10-21T12:00:00.000000Z", status: str = "pending",
          created_at: str = "2025-10-21T11:59:00.000000Z") -> OutboxRow:
    return OutboxRow(key=key, subscription_id=subscription_id, article_id=article_id,
                     alert='{"summary": "meeting called off"}', status=status,  # type: ignore[arg-type]
                     due_at=due_at, created_at=created_at)


def source(source_id: str, url: str = "https://wire.example.org/world.rss", kind: str = "feed") -> SourceRow:
    return SourceRow(id=source_id, url=url, kind=kind, added_at="2025-10-20T08:00:00.000000Z",
                     state='{"etag": "\\"abc\\""}', articles=0)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "follow.db")
    yield s
    s.close()


def put(store: Store, record: Record = SUMMIT) -> None:
    store.put(record, content_hash=f"hash-{record.id}")


# --- subscriptions -----------------------------------------------------------------------------

def test_subscriptions_round_trip_in_order_of_creation(store: Store) -> None:
    pair = sub("s2", kind="pair", target="RUS-USA", event_types=("CONSULT", "AGREE"), cadence="daily",
               channel="webhook", recipient="https://hooks.example.org/desk", data='{"secret": "k"}')
    store.put_subscription(sub("s1"))
    store.put_subscription(pair)
    store.put_subscription(sub("s3", kind="query", target='"Budapest summit"', channel="atom",
                               recipient="/srv/feeds/summit.xml", cadence="hourly"))
    assert store.get_subscription("s2") == pair
    assert store.get_subscription("nobody") is None
    assert [s.id for s in store.subscriptions()] == ["s1", "s2", "s3"]
    # Replacing keeps the place of creation.
    store.put_subscription(sub("s1", recipient="night-desk@example.org"))
    assert [s.id for s in store.subscriptions()] == ["s1", "s2", "s3"]
    got = store.get_subscription("s1")
    assert got is not None and got.recipient == "night-desk@example.org"


def test_event_types_given_as_a_list_come_back_as_a_tuple(store: Store) -> None:
    store.put_subscription(sub("s1", kind="pair", target="RUS-USA",
                               event_types=["CONSULT"]))  # type: ignore[arg-type]
    got = store.get_subscription("s1")
    assert got is not None and got.event_types == ("CONSULT",)


@pytest.mark.parametrize(("row", "named"), [
    (sub("s1", kind="keyword"), "kind 'keyword'"),
    (sub("s1", cadence="weekly"), "cadence 'weekly'"),
    (sub("", target="Putin"), "subscription id"),
    (sub("s1", recipient=""), "recipient"),
    (sub("s1", event_types="CONSULT"), "event_types"),  # type: ignore[arg-type]
])
def test_bad_subscriptions_are_refused_by_name(store: Store, row: SubscriptionRow, named: str) -> None:
    with pytest.raises(StoreError, match=named):
        store.put_subscription(row)
    assert store.subscriptions() == []


def test_delete_subscription_cancels_pending_alerts_and_keeps_sent_ones(store: Store) -> None:
    store.put_subscription(sub("s1"))
    store.put_subscription(sub("s2", target="Donald Trump"))
    store.add_alerts([alert("a-sent"), alert("a-pending"), alert("a-dead", status="dead"),
                      alert("b-pending", subscription_id="s2")])
    (sent,) = [r for r in store.alerts() if r.key == "a-sent"]
    store.update_alert(OutboxRow(**{**sent.__dict__, "status": "sent", "attempts": 1,
                                    "sent_at": "2025-10-21T12:00:05.000000Z",
                                    "message_id": "<a-sent@wirewatch>"}))
    assert store.delete_subscription("s1") is True
    assert store.get_subscription("s1") is None
    assert [s.id for s in store.subscriptions()] == ["s2"]
    assert {r.key: r.status for r in store.alerts()} == {
        "a-sent": "sent", "a-pending": "cancelled", "a-dead": "dead", "b-pending": "pending"}
    kept = next(store.alerts(status="sent"))
    assert kept.message_id == "<a-sent@wirewatch>" and kept.attempts == 1
    assert store.delete_subscription("s1") is False


# --- the outbox ----------------------------------------------------------------------------------

def test_add_alerts_skips_repeated_keys_and_counts_what_it_added(store: Store) -> None:
    assert store.add_alerts([alert("k1"), alert("k2")]) == 2
    # A syndicated copy of the same article gives the same keys: nothing new.
    assert store.add_alerts([alert("k2", article_id="copy"), alert("k3"), alert("k3")]) == 1
    assert store.add_alerts([]) == 0
    assert store.add_alerts(iter([alert("k1")])) == 0
    rows = list(store.alerts())
    assert [r.key for r in rows] == ["k1", "k2", "k3"]
    assert rows[1].article_id == SUMMIT.id  # the first row under a key is kept


def test_a_bad_alert_in_a_batch_adds_none_of_it(store: Store) -> None:
    with pytest.raises(StoreError, match="status 'queued'"):
        store.add_alerts([alert("k1"), alert("k2", status="queued")])
    with pytest.raises(StoreError, match="outbox key"):
        store.add_alerts([alert("")])
    assert list(store.alerts()) == []


def test_due_alerts_are_pending_due_oldest_first_and_limited(store: Store) -> None:
    store.add_alerts([
        alert("late", due_at="2025-10-21T18:00:00.000000Z"),
        alert("noon-b", due_at="2025-10-21T12:00:00.000000Z"),
        alert("morning", due_at="2025-10-21T08:00:00.000000Z"),
        alert("noon-a", due_at="2025-10-21T12:00:00.000000Z"),  # same time: order of creation
        alert("done", due_at="2025-10-21T07:00:00.000000Z", status="sent"),
        alert("gone", due_at="2025-10-21T07:00:00.000000Z", status="cancelled"),
    ])
    now = "2025-10-21T12:00:00.000000Z"
    assert [r.key for r in store.due_alerts(now)] == ["morning", "noon-b", "noon-a"]
    assert [r.key for r in store.due_alerts(now, limit=2)] == ["morning", "noon-b"]
    assert store.due_alerts(now, limit=0) == []
    assert store.due_alerts("2025-10-21T07:59:59.999999Z") == []
    assert [r.key for r in store.due_alerts("2025-10-22T00:00:00.000000Z")] == [
        "morning", "noon-b", "noon-a", "late"]
    with pytest.raises(ValueError, match="negative"):
        store.due_alerts(now, limit=-1)


def test_update_alert_replaces_the_delivery_fields(store: Store) -> None:
    store.add_alerts([alert("k1")])
    retry = OutboxRow(key="k1", subscription_id="ignored", article_id="ignored", alert="ignored",
                      status="pending", due_at="2025-10-21T12:05:00.000000Z", attempts=1,
                      error="webhook https://hooks.example.org/desk answered 503")
    store.update_alert(retry)
    (row,) = store.alerts()
    assert (row.status, row.attempts, row.due_at, row.error) == (
        "pending", 1, "2025-10-21T12:05:00.000000Z", "webhook https://hooks.example.org/desk answered 503")
    # What the alert is stays as it was added.
    assert (row.subscription_id, row.article_id, row.alert) == ("s1", SUMMIT.id, alert("k1").alert)
    assert store.due_alerts("2025-10-21T12:00:00.000000Z") == []
    assert [r.key for r in store.due_alerts("2025-10-21T12:05:00.000000Z")] == ["k1"]


def test_update_alert_with_an_unknown_key_names_it(store: Store) -> None:
    store.add_alerts([alert("k1")])
    with pytest.raises(StoreError, match="no alert with key 'k-missing'.*add_alerts"):
        store.update_alert(alert("k-missing", status="sent"))
    assert [r.status for r in store.alerts()] == ["pending"]


def test_alerts_filter_by_status_and_subscription(store: Store) -> None:
    store.add_alerts([alert("a1"), alert("b1", subscription_id="s2"), alert("a2", status="dead"),
                      alert("b2", subscription_id="s2", status="dead")])
    assert [r.key for r in store.alerts(status="dead")] == ["a2", "b2"]
    assert [r.key for r in store.alerts(subscription_id="s2")] == ["b1", "b2"]
    assert [r.key for r in store.alerts(status="pending", subscription_id="s2")] == ["b1"]
    assert list(store.alerts(subscription_id="nobody")) == []
    with pytest.raises(StoreError, match="status 'delivered'"):
        list(store.alerts(status="delivered"))


# --- sources -------------------------------------------------------------------------------------

def test_sources_round_trip_replace_and_delete(store: Store) -> None:
    feed = source("src-feed")
    page = source("src-page", url="https://wire.example.org/world/", kind="page")
    folder = source("src-folder", url="/srv/wire/incoming", kind="folder")
    for s in (feed, page, folder):
        store.put_source(s)
    assert store.get_source("src-page") == page
    assert store.get_source("src-none") is None
    assert store.sources() == [feed, page, folder]
    polled = SourceRow(id="src-feed", url=feed.url, kind="feed", added_at=feed.added_at,
                       state='{"etag": "\\"def\\"", "failures": 0}', articles=12)
    store.put_source(polled)
    assert store.sources() == [polled, page, folder]
    assert store.delete_source("src-page") is True
    assert store.delete_source("src-page") is False
    assert store.sources() == [polled, folder]


def test_bad_sources_are_refused_by_name(store: Store) -> None:
    with pytest.raises(StoreError, match="source 'src-1': url"):
        store.put_source(SourceRow(id="src-1", url="", kind="feed"))
    with pytest.raises(StoreError, match="articles -1"):
        store.put_source(SourceRow(id="src-1", url="https://wire.example.org/rss", kind="feed", articles=-1))
    assert store.sources() == []


# --- atomic blocks -------------------------------------------------------------------------------

def test_nested_atomic_blocks_commit_together(store: Store) -> None:
    with store.atomic():
        put(store)
        with store.atomic():
            store.put_subscription(sub("s1"))
            with store.atomic():
                store.add_alerts([alert("k1")])
        store.put_source(source("src-feed"))
    assert store.get(SUMMIT.id) is not None
    assert [r.key for r in store.alerts()] == ["k1"]
    assert store.get_subscription("s1") is not None and store.get_source("src-feed") is not None


class Boom(Exception):
    pass


def test_an_error_in_an_inner_block_leaves_nothing_of_the_outer_block(store: Store) -> None:
    put(store, simple("wire-1020-before", "MOSCOW, Oct 20 (Wire) - The Kremlin said on Monday "
                      "preparations for a summit were under way.", published="2025-10-20"))
    store.add_alerts([alert("before")])
    with pytest.raises(Boom), store.atomic():
        put(store)
        store.put_story(StoryRow(id="story-1", title="Budapest summit", created_at="t", updated_at="t",
                                 first_date="2025-10-21", last_date="2025-10-21", size=1))
        store.set_story_of(SUMMIT.id, "story-1", 0.9)
        store.add_term_counts(["budapest", "summit"])
        store.put_signature(SUMMIT.id, b"\x01\x02")
        store.put_expectation(ExpectationRow(
            id="exp-1", story_id="story-1", article_id=SUMMIT.id, event_idx=0, type="CONSULT",
            status="cancelled", expected_start="2025-11-01", expected_end="2025-11-15", updated_at="t"))
        store.add_status_change(StatusChangeRow("exp-1", "cancelled", SUMMIT.id, "t"))
        store.reject(Rejected(id="wire-x", source="feed.rss#7", reason="empty", message="no text"))
        with store.atomic():
            store.add_alerts([alert("k1"), alert("k2")])
            store.put_subscription(sub("s1"))
            raise Boom("matching failed")
    assert store.get(SUMMIT.id) is None and store.ids() == ["wire-1020-before"]
    assert store.get_story("story-1") is None and store.story_of(SUMMIT.id) is None
    assert store.term_counts() == (0, {})
    assert list(store.signatures()) == [] and store.expectations() == []
    assert store.status_changes("exp-1") == [] and store.rejections() == []
    assert [r.key for r in store.alerts()] == ["before"]
    assert store.subscriptions() == []
    # The store works on afterwards, and the next article takes the place the failed one would have.
    put(store)
    assert store.ids() == ["wire-1020-before", SUMMIT.id]


def test_a_swallowed_error_inside_a_block_still_fails_the_block(store: Store) -> None:
    with pytest.raises(StoreError, match="updating alert 'k-missing' failed inside an atomic block"), \
            store.atomic():
        put(store)
        try:
            store.update_alert(alert("k-missing"))
        except StoreError:
            pass  # a careless caller carries on
        store.add_alerts([alert("k1")])
    assert store.get(SUMMIT.id) is None
    assert list(store.alerts()) == []


def test_another_thread_waits_for_a_block_and_is_not_undone_with_it(store: Store) -> None:
    started = threading.Event()

    def subscribe() -> None:
        started.set()
        store.put_subscription(sub("s-other"))

    other = threading.Thread(target=subscribe)
    with pytest.raises(Boom), store.atomic():
        put(store)
        other.start()
        assert started.wait(5)
        other.join(0.3)
        # The other thread's write cannot slip into this block while it is open.
        assert other.is_alive() and store.subscriptions() == []
        raise Boom("the block fails")
    other.join(5)
    assert not other.is_alive()
    assert store.get(SUMMIT.id) is None
    assert [s.id for s in store.subscriptions()] == ["s-other"]


def test_an_interrupt_inside_a_block_undoes_it_too(store: Store) -> None:
    # Ctrl-C in the watcher arrives as KeyboardInterrupt, which is no Exception.
    with pytest.raises(KeyboardInterrupt), store.atomic():
        put(store)
        store.add_alerts([alert("k1")])
        raise KeyboardInterrupt
    assert store.ids() == [] and list(store.alerts()) == []


def test_a_closed_store_refuses_blocks_and_following_writes(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError, match="closed"), store.atomic():
        pass
    with pytest.raises(StoreError, match="closed"):
        store.add_alerts([alert("k1")])
    with pytest.raises(StoreError, match="closed"):
        store.subscriptions()
