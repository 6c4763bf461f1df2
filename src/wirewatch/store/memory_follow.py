"""MemoryStore's transactions and its half of following (subscriptions, outbox, sources).

``MemoryAtomic`` gives the memory store the same all-or-nothing writes as
SQLite: every change made inside a write block is journalled as an undo step,
and a failure anywhere in the outermost block undoes them in reverse. A
journal (not a snapshot of every dict) keeps the cost of a block proportional
to what it writes, not to the size of the store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

from wirewatch.store.base import StoreError, check_limit
from wirewatch.store.follow_base import OutboxRow, SourceRow, SubscriptionRow
from wirewatch.store.follow_rows import check_alert, check_source, check_status_filter, check_subscription

K = TypeVar("K")
V = TypeVar("V")


class MemoryAtomic:
    """The lock, the write blocks and their undo journal."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._closed = False
        self._journal: list[Callable[[], object]] | None = None  # set while a write block is open
        self._failed: str | None = None  # what failed inside the open block, if anything
        self.rollbacks = 0  # outermost blocks undone (see Store.rollbacks)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the in-memory store is closed: open a new one with open_store('memory:')")

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self._writing("writing an atomic block"):
            yield

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """A block of writes: all of them or, on an error at any level, none of them."""
        with self._lock:
            self._check_open()
            if self._journal is not None:
                try:
                    yield
                except BaseException:
                    # The outermost level undoes; remember why, in case the caller swallows this.
                    if self._failed is None:
                        self._failed = what
                    raise
                return
            journal: list[Callable[[], object]] = []
            self._journal, self._failed = journal, None
            try:
                yield
                if self._failed is not None:
                    raise StoreError(f"memory store: {self._failed} failed inside an atomic block, so "
                                     "nothing of the block was written; let the error end the block")
            except BaseException:
                for undo in reversed(journal):
                    undo()
                self.rollbacks += 1
                raise
            finally:
                self._journal, self._failed = None, None

    def _undo(self, step: Callable[[], object]) -> None:
        if self._journal is None:
            raise RuntimeError("memory store: a write outside a _writing block (a bug in the store)")
        self._journal.append(step)

    def _set(self, table: dict[K, V], key: K, value: V) -> None:
        if key in table:
            old = table[key]
            self._undo(lambda: table.__setitem__(key, old))
        else:
            self._undo(lambda: table.pop(key, None))
        table[key] = value

    def _pop(self, table: dict[K, V], key: K) -> None:
        # Putting a removed key back would move it to the end: restore the whole (small) table.
        before = dict(table)

        def undo() -> None:
            table.clear()
            table.update(before)
        self._undo(undo)
        del table[key]

    def _append(self, items: list[V], item: V) -> None:
        self._undo(items.pop)
        items.append(item)

    def _set_attr(self, name: str, value: Any) -> None:
        old = getattr(self, name)
        self._undo(lambda: setattr(self, name, old))
        setattr(self, name, value)


class MemoryFollow(MemoryAtomic):
    """Subscriptions, outbox and sources in dicts (which keep insertion order: creation order)."""

    def __init__(self) -> None:
        super().__init__()
        self._subscriptions: dict[str, SubscriptionRow] = {}
        self._outbox: dict[str, OutboxRow] = {}
        self._sources: dict[str, SourceRow] = {}

    # --- subscriptions -------------------------------------------------------------------------

    def put_subscription(self, subscription: SubscriptionRow) -> None:
        row = check_subscription(subscription)
        with self._writing(f"storing subscription {row.id!r}"):
            self._set(self._subscriptions, row.id, row)

    def get_subscription(self, subscription_id: str) -> SubscriptionRow | None:
        with self._lock:
            self._check_open()
            return self._subscriptions.get(subscription_id)

    def subscriptions(self) -> list[SubscriptionRow]:
        with self._lock:
            self._check_open()
            return list(self._subscriptions.values())

    def delete_subscription(self, subscription_id: str) -> bool:
        with self._writing(f"removing subscription {subscription_id!r}"):
            found = subscription_id in self._subscriptions
            if found:
                self._pop(self._subscriptions, subscription_id)
            for key, row in list(self._outbox.items()):
                if row.subscription_id == subscription_id and row.status == "pending":
                    self._set(self._outbox, key, replace(row, status="cancelled"))
            return found

    # --- the outbox ----------------------------------------------------------------------------

    def add_alerts(self, rows: Iterable[OutboxRow]) -> int:
        batch = list(rows)
        for row in batch:
            check_alert(row)
        added = 0
        with self._writing(f"adding {len(batch)} alerts to the outbox"):
            for row in batch:
                if row.key not in self._outbox:
                    self._set(self._outbox, row.key, row)
                    added += 1
        return added

    def due_alerts(self, now: str, *, limit: int = 500) -> list[OutboxRow]:
        check_limit(limit)
        with self._lock:
            self._check_open()
            due = [(row.due_at, i, row) for i, row in enumerate(self._outbox.values())
                   if row.status == "pending" and row.due_at <= now]
        due.sort(key=lambda t: (t[0], t[1]))
        return [row for _, _, row in due[:limit]]

    def update_alert(self, row: OutboxRow) -> None:
        check_alert(row)
        with self._writing(f"updating alert {row.key!r}"):
            old = self._outbox.get(row.key)
            if old is None:
                raise StoreError(f"memory store: no alert with key {row.key!r} in the outbox: "
                                 "add it with add_alerts before updating it")
            self._set(self._outbox, row.key, replace(
                old, status=row.status, attempts=row.attempts, due_at=row.due_at, sent_at=row.sent_at,
                message_id=row.message_id, error=row.error))

    def alerts(self, *, status: str | None = None, subscription_id: str | None = None,
               ) -> Iterator[OutboxRow]:
        check_status_filter(status)
        with self._lock:
            self._check_open()
            return iter([r for r in self._outbox.values()
                         if (status is None or r.status == status)
                         and (subscription_id is None or r.subscription_id == subscription_id)])

    # --- sources -------------------------------------------------------------------------------

    def put_source(self, source: SourceRow) -> None:
        check_source(source)
        with self._writing(f"storing source {source.id!r}"):
            self._set(self._sources, source.id, source)

    def get_source(self, source_id: str) -> SourceRow | None:
        with self._lock:
            self._check_open()
            return self._sources.get(source_id)

    def sources(self) -> list[SourceRow]:
        with self._lock:
            self._check_open()
            return list(self._sources.values())

    def delete_source(self, source_id: str) -> bool:
        with self._writing(f"removing source {source_id!r}"):
            if source_id not in self._sources:
                return False
            self._pop(self._sources, source_id)
            return True
