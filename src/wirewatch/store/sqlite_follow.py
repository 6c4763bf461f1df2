"""SQLiteStore's half of following: subscriptions, the alert outbox, watched sources.

A mixin of :class:`wirewatch.store.sqlite.SQLiteStore`, which gives it the
connection, the lock and ``_transaction`` (so every write here joins an
enclosing ``atomic()`` block). The tables are migration 5 of ``schema``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from wirewatch.store.base import StoreError, check_limit, where_clause
from wirewatch.store.follow_base import OutboxRow, SourceRow, SubscriptionRow
from wirewatch.store.follow_rows import (
    check_alert,
    check_source,
    check_status_filter,
    check_subscription,
    decode_event_types,
    encode_event_types,
)

_SUBSCRIPTION_COLUMNS = "id, channel, recipient, kind, target, event_types, cadence, created_at, data"
_OUTBOX_COLUMNS = ("key, subscription_id, article_id, alert, status, due_at, attempts, created_at, "
                   "sent_at, message_id, error")
_SOURCE_COLUMNS = "id, url, kind, added_at, state, articles"


def _subscription(row: tuple[object, ...]) -> SubscriptionRow:
    values = list(row)
    values[5] = decode_event_types(str(values[5]))
    return SubscriptionRow(*values)  # type: ignore[arg-type]


class SQLiteFollow:
    """Subscriptions, outbox and sources over the store's connection."""

    label: str
    _lock: AbstractContextManager[bool]

    if TYPE_CHECKING:
        def _db(self) -> sqlite3.Connection: ...

        def _transaction(self, what: str) -> AbstractContextManager[sqlite3.Connection]: ...

    # --- subscriptions -------------------------------------------------------------------------

    def put_subscription(self, subscription: SubscriptionRow) -> None:
        s = check_subscription(subscription)
        with self._lock, self._transaction(f"storing subscription {s.id!r}") as conn:
            conn.execute(
                f"INSERT INTO subscriptions ({_SUBSCRIPTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, recipient = excluded.recipient, "
                "kind = excluded.kind, target = excluded.target, event_types = excluded.event_types, "
                "cadence = excluded.cadence, created_at = excluded.created_at, data = excluded.data",
                (s.id, s.channel, s.recipient, s.kind, s.target, encode_event_types(s.event_types),
                 s.cadence, s.created_at, s.data))

    def get_subscription(self, subscription_id: str) -> SubscriptionRow | None:
        with self._lock:
            row = self._db().execute(f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE id = ?",
                                     (subscription_id,)).fetchone()
        return _subscription(row) if row else None

    def subscriptions(self) -> list[SubscriptionRow]:
        with self._lock:
            rows = self._db().execute(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM subscriptions ORDER BY seq").fetchall()
        return [_subscription(r) for r in rows]

    def delete_subscription(self, subscription_id: str) -> bool:
        with self._lock, self._transaction(f"removing subscription {subscription_id!r}") as conn:
            found = conn.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,)).rowcount
            # Pending alerts could never be delivered to nobody; sent ones stay as history.
            conn.execute("UPDATE outbox SET status = 'cancelled' WHERE subscription_id = ? "
                         "AND status = 'pending'", (subscription_id,))
        return found > 0

    # --- the outbox ----------------------------------------------------------------------------

    def add_alerts(self, rows: Iterable[OutboxRow]) -> int:
        batch = list(rows)
        for row in batch:
            check_alert(row)
        if not batch:
            self._db()
            return 0
        with self._lock, self._transaction(f"adding {len(batch)} alerts to the outbox") as conn:
            before = conn.total_changes
            conn.executemany(
                f"INSERT INTO outbox ({_OUTBOX_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO NOTHING",
                [(r.key, r.subscription_id, r.article_id, r.alert, r.status, r.due_at, r.attempts,
                  r.created_at, r.sent_at, r.message_id, r.error) for r in batch])
            return conn.total_changes - before

    def due_alerts(self, now: str, *, limit: int = 500) -> list[OutboxRow]:
        check_limit(limit)
        with self._lock:
            rows = self._db().execute(
                f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE status = 'pending' AND due_at <= ? "
                "ORDER BY due_at, rowid LIMIT ?", (now, limit)).fetchall()
        return [OutboxRow(*r) for r in rows]

    def update_alert(self, row: OutboxRow) -> None:
        check_alert(row)
        with self._lock, self._transaction(f"updating alert {row.key!r}") as conn:
            found = conn.execute(
                "UPDATE outbox SET status = ?, attempts = ?, due_at = ?, sent_at = ?, message_id = ?, "
                "error = ? WHERE key = ?",
                (row.status, row.attempts, row.due_at, row.sent_at, row.message_id, row.error,
                 row.key)).rowcount
            if not found:
                raise StoreError(f"store {self.label}: no alert with key {row.key!r} in the outbox: "
                                 "add it with add_alerts before updating it")

    def alerts(self, *, status: str | None = None, subscription_id: str | None = None,
               ) -> Iterator[OutboxRow]:
        check_status_filter(status)
        args: list[str] = []
        clause = where_clause([], args, status=status, subscription_id=subscription_id)
        with self._lock:
            rows = self._db().execute(f"SELECT {_OUTBOX_COLUMNS} FROM outbox{clause} ORDER BY rowid",
                                      args).fetchall()
        return iter([OutboxRow(*r) for r in rows])

    # --- sources -------------------------------------------------------------------------------

    def put_source(self, source: SourceRow) -> None:
        check_source(source)
        s = source
        with self._lock, self._transaction(f"storing source {s.id!r}") as conn:
            conn.execute(
                f"INSERT INTO sources ({_SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) "
                "DO UPDATE SET url = excluded.url, kind = excluded.kind, added_at = excluded.added_at, "
                "state = excluded.state, articles = excluded.articles",
                (s.id, s.url, s.kind, s.added_at, s.state, s.articles))

    def get_source(self, source_id: str) -> SourceRow | None:
        with self._lock:
            row = self._db().execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?",
                                     (source_id,)).fetchone()
        return SourceRow(*row) if row else None

    def sources(self) -> list[SourceRow]:
        with self._lock:
            rows = self._db().execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY seq").fetchall()
        return [SourceRow(*r) for r in rows]

    def delete_source(self, source_id: str) -> bool:
        with self._lock, self._transaction(f"removing source {source_id!r}") as conn:
            return conn.execute("DELETE FROM sources WHERE id = ?", (source_id,)).rowcount > 0
