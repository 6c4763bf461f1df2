"""The store interface for following: subscriptions, the alert outbox, watched sources.

Part of :class:`wirewatch.store.base.Store` (which inherits from
:class:`FollowStore`); kept in its own module so that the article and story
half of the interface stays readable. Rows are plain frozen dataclasses; the
JSON columns (``data``, ``alert``, ``state``) belong to the stage that writes
them (:mod:`wirewatch.follow`, :mod:`wirewatch.alerts`, :mod:`wirewatch.watch`).

The outbox is what makes alerts safe: matching writes alert rows inside the
same :meth:`FollowStore.atomic` block as the article that caused them, so an
article is never stored without its alerts nor alerts without their article;
a sender then drains due rows and records each outcome. A row's ``key`` is the
alert's idempotency key and the table's primary key, so adding the same alert
twice (a syndicated copy, a re-ingest after a crash) keeps one row.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal

SubscriptionKind = Literal["entity", "pair", "story", "query"]
Cadence = Literal["immediate", "hourly", "daily"]
OutboxStatus = Literal["pending", "sent", "dead", "cancelled"]

SUBSCRIPTION_KINDS: tuple[SubscriptionKind, ...] = ("entity", "pair", "story", "query")
CADENCES: tuple[Cadence, ...] = ("immediate", "hourly", "daily")
OUTBOX_STATUSES: tuple[OutboxStatus, ...] = ("pending", "sent", "dead", "cancelled")


@dataclass(frozen=True)
class SubscriptionRow:
    """One person following one thing through one channel.

    ``target`` is canonical for its kind: an entity's name ("Vladimir Putin"),
    an actor pair as two codes joined by "-" in sorted order ("RUS-USA"), a
    story id, or a full-text query as typed. ``event_types`` narrows a pair
    (empty: any type). ``data`` is :mod:`wirewatch.follow`'s JSON (label,
    webhook secret, ...).
    """

    id: str
    channel: str  # "email" | "webhook" | "atom" (or a plug-in channel's name)
    recipient: str  # email address, webhook URL, or Atom feed path
    kind: SubscriptionKind
    target: str
    event_types: tuple[str, ...] = ()
    cadence: Cadence = "immediate"
    created_at: str = ""  # ISO 8601 UTC
    data: str = "{}"


@dataclass(frozen=True)
class OutboxRow:
    """One alert waiting to be delivered (or delivered, or given up on).

    ``alert`` is :meth:`wirewatch.alerts.Alert.to_json`. ``due_at`` (ISO 8601
    UTC) is when the sender should next look at the row: now for an immediate
    alert, the end of the period for a digest, the next try after a temporary
    failure. The store compares ``due_at`` as text (so that an index serves the
    sender), so every writer uses one format: ``wirewatch.alerts.digest.iso``
    (``2025-10-21T12:00:00Z``).
    """

    key: str  # the alert's idempotency key; unique in the outbox
    subscription_id: str
    article_id: str
    alert: str
    status: OutboxStatus = "pending"
    due_at: str = ""
    attempts: int = 0
    created_at: str = ""
    sent_at: str | None = None
    message_id: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class SourceRow:
    """A watched source: a feed, a page of links, a folder or a WARC file.

    ``state`` is :meth:`wirewatch.sources.web.SourceState.to_dict` as JSON
    (validators, schedule, failures and last error, items seen); ``articles``
    counts the articles stored from it.
    """

    id: str
    url: str  # URL, or absolute path for a folder or WARC file
    kind: str  # "feed" | "page" | "folder" | "warc"
    added_at: str = ""  # ISO 8601 UTC
    state: str = "{}"
    articles: int = 0


class FollowStore(ABC):
    """Subscriptions, outbox and sources: the half of the store interface alerts use."""

    @abstractmethod
    def atomic(self) -> AbstractContextManager[None]:
        """Everything written inside the block is one transaction: all of it or none of it.

        Blocks nest (an inner block joins the outer transaction), and every writer of the
        store is itself such a block. Used by ingest to store an article, its story changes
        and its alerts together::

            with store.atomic():
                store.put(record, content_hash=digest)
                store.add_alerts(rows)

        An exception that leaves any block (a writer's own error included) undoes the whole
        outermost block and propagates; if a caller catches it and carries on, the outermost
        block still undoes everything and ends with a StoreError saying what failed. The
        block holds the store's lock: other threads' reads and writes wait for it to end,
        and other connections to the same file see nothing of it until it ends.
        """

    # --- subscriptions ---------------------------------------------------------------------------

    @abstractmethod
    def put_subscription(self, subscription: SubscriptionRow) -> None:
        """Add or replace a subscription by id."""

    @abstractmethod
    def get_subscription(self, subscription_id: str) -> SubscriptionRow | None:
        """The subscription, or None."""

    @abstractmethod
    def subscriptions(self) -> list[SubscriptionRow]:
        """Every subscription, in order of creation."""

    @abstractmethod
    def delete_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription; its pending outbox rows become "cancelled" (sent ones are kept as
        history). False when there was no such subscription."""

    # --- the outbox ------------------------------------------------------------------------------

    @abstractmethod
    def add_alerts(self, rows: Iterable[OutboxRow]) -> int:
        """Add outbox rows, skipping any whose key is already in the outbox; returns how many were
        added."""

    @abstractmethod
    def due_alerts(self, now: str, *, limit: int = 500) -> list[OutboxRow]:
        """Pending rows whose ``due_at`` is at or before ``now`` (ISO 8601 UTC), oldest first."""

    @abstractmethod
    def update_alert(self, row: OutboxRow) -> None:
        """Replace the row with the same key (status, attempts, due_at, sent_at, message_id,
        error). An unknown key is an error naming it."""

    @abstractmethod
    def alerts(self, *, status: str | None = None, subscription_id: str | None = None,
               ) -> Iterator[OutboxRow]:
        """Outbox rows in order of creation, optionally only one status / one subscription."""

    # --- sources ---------------------------------------------------------------------------------

    @abstractmethod
    def put_source(self, source: SourceRow) -> None:
        """Add or replace a source by id."""

    @abstractmethod
    def get_source(self, source_id: str) -> SourceRow | None:
        """The source, or None."""

    @abstractmethod
    def sources(self) -> list[SourceRow]:
        """Every source, in order of registration."""

    @abstractmethod
    def delete_source(self, source_id: str) -> bool:
        """Stop watching a source (its articles stay). False when there was no such source."""
