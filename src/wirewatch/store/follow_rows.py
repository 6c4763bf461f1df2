"""Checks on following rows, shared by the stores so that both refuse the same rows alike.

Every row of a batch is checked before anything is written, so a bad row
leaves the store as it was; the message names the row and the fix.
"""

from __future__ import annotations

import json
from dataclasses import replace

from wirewatch.store.base import StoreError
from wirewatch.store.follow_base import (
    CADENCES,
    OUTBOX_STATUSES,
    SUBSCRIPTION_KINDS,
    OutboxRow,
    SourceRow,
    SubscriptionRow,
)


def _text(value: object, what: str, fix: str) -> None:
    if not isinstance(value, str) or not value:
        raise StoreError(f"{what} is {value!r}, not a non-empty string: {fix}")


def check_subscription(sub: SubscriptionRow) -> SubscriptionRow:
    """The subscription as stored (``event_types`` a tuple), or a StoreError naming it."""
    _text(sub.id, "subscription id", "give every subscription a string id")
    where = f"subscription {sub.id!r}"
    _text(sub.channel, f"{where}: channel", "give email, webhook, atom or a plug-in channel's name")
    _text(sub.recipient, f"{where}: recipient", "give an email address, a webhook URL or a feed path")
    _text(sub.target, f"{where}: target", "give the entity, actor pair, story id or query followed")
    if sub.kind not in SUBSCRIPTION_KINDS:
        raise StoreError(f"{where}: kind {sub.kind!r} is not one of {', '.join(SUBSCRIPTION_KINDS)}")
    if sub.cadence not in CADENCES:
        raise StoreError(f"{where}: cadence {sub.cadence!r} is not one of {', '.join(CADENCES)}")
    if isinstance(sub.event_types, str) or not all(isinstance(t, str) and t for t in sub.event_types):
        raise StoreError(f"{where}: event_types {sub.event_types!r} must be a tuple of event type "
                         "names such as ('CONSULT', 'AGREE'), or () for any type")
    return sub if isinstance(sub.event_types, tuple) else replace(sub, event_types=tuple(sub.event_types))


def check_alert(row: OutboxRow) -> None:
    _text(row.key, "outbox key", "give every alert its idempotency key (wirewatch.alerts.alert_key)")
    where = f"alert {row.key!r}"
    _text(row.subscription_id, f"{where}: subscription_id", "give the id of the subscription it is for")
    if row.status not in OUTBOX_STATUSES:
        raise StoreError(f"{where}: status {row.status!r} is not one of {', '.join(OUTBOX_STATUSES)}")
    if not isinstance(row.attempts, int) or isinstance(row.attempts, bool) or row.attempts < 0:
        raise StoreError(f"{where}: attempts {row.attempts!r} must be a whole number, 0 or more")
    if not isinstance(row.alert, str) or not isinstance(row.due_at, str):
        raise StoreError(f"{where}: alert (its JSON) and due_at (ISO 8601 UTC) must be strings")


def check_status_filter(status: str | None) -> None:
    if status is not None and status not in OUTBOX_STATUSES:
        raise StoreError(f"outbox status {status!r} is not one of {', '.join(OUTBOX_STATUSES)}: "
                         "give one of those, or none for every alert")


def check_source(source: SourceRow) -> None:
    _text(source.id, "source id", "give every source a string id")
    where = f"source {source.id!r}"
    _text(source.url, f"{where}: url", "give the feed or page URL, or the folder or WARC file path")
    _text(source.kind, f"{where}: kind", "give feed, page, folder or warc")
    if not isinstance(source.articles, int) or isinstance(source.articles, bool) or source.articles < 0:
        raise StoreError(f"{where}: articles {source.articles!r} must be a whole number, 0 or more")


def encode_event_types(types: tuple[str, ...]) -> str:
    return json.dumps(list(types), ensure_ascii=False)


def decode_event_types(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))
