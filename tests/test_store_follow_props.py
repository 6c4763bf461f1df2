"""Property test: any sequence of following writes leaves both stores alike."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.store import (
    CADENCES,
    OUTBOX_STATUSES,
    SUBSCRIPTION_KINDS,
    MemoryStore,
    OutboxRow,
    SourceRow,
    SQLiteStore,
    Store,
    StoreError,
    SubscriptionRow,
)

# Few ids and keys, so that replacing, repeating and deleting happen often.
ident = st.sampled_from(["s1", "s2", "s3", ""])
key = st.sampled_from(["k1", "k2", "k3", "k4", ""])
text = st.text(max_size=20)
stamp = st.sampled_from(["2025-10-21T08:00:00Z", "2025-10-21T12:00:00Z", "2025-10-22T00:00:00Z", ""])

subscription = st.builds(
    SubscriptionRow, id=ident, channel=st.sampled_from(["email", "webhook", "atom", ""]),
    recipient=text, kind=st.sampled_from([*SUBSCRIPTION_KINDS, "keyword"]), target=text,
    event_types=st.lists(st.sampled_from(["CONSULT", "AGREE", ""]), max_size=2).map(tuple),
    cadence=st.sampled_from([*CADENCES, "weekly"]), created_at=stamp, data=text)
alert = st.builds(
    OutboxRow, key=key, subscription_id=ident, article_id=text, alert=text,
    status=st.sampled_from([*OUTBOX_STATUSES, "queued"]), due_at=stamp,
    attempts=st.integers(min_value=-1, max_value=3), created_at=stamp,
    sent_at=st.none() | stamp, message_id=st.none() | text, error=st.none() | text)
source = st.builds(SourceRow, id=ident, url=text, kind=st.sampled_from(["feed", "page", ""]),
                   added_at=stamp, state=text, articles=st.integers(min_value=-1, max_value=5))

operation = st.one_of(
    st.tuples(st.just("put_subscription"), subscription),
    st.tuples(st.just("delete_subscription"), ident),
    st.tuples(st.just("add_alerts"), st.lists(alert, max_size=4)),
    st.tuples(st.just("update_alert"), alert),
    st.tuples(st.just("put_source"), source),
    st.tuples(st.just("delete_source"), ident),
    st.tuples(st.just("failed_block"), st.lists(alert, max_size=3)),
)


def apply(store: Store, op: tuple[str, Any]) -> object:
    name, arg = op
    try:
        if name == "failed_block":
            with store.atomic():
                store.add_alerts([replace(a, key=a.key + "-block") for a in arg])
                raise KeyError("the block fails")
        return getattr(store, name)(arg)
    except StoreError as exc:
        return ("StoreError", str(exc).split(":")[-1])
    except KeyError:
        return "KeyError"


def contents(store: Store) -> tuple[object, ...]:
    return (store.subscriptions(), list(store.alerts()), store.sources(),
            store.due_alerts("2025-10-21T12:00:00Z"), list(store.alerts(status="cancelled")),
            [store.get_subscription(i) for i in ("s1", "s2", "s3")])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, max_size=12))
def test_any_sequence_of_writes_leaves_both_stores_alike(ops: list[tuple[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        memory, sqlite = MemoryStore(), SQLiteStore(Path(folder) / "props.db")
        try:
            for op in ops:
                assert apply(memory, op) == apply(sqlite, op), op
            assert contents(memory) == contents(sqlite)
        finally:
            sqlite.close()
