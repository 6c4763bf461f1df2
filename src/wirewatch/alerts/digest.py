"""Which outbox rows go out together: the pure planning half of the sender.

A subscription with cadence "immediate" gets one message per alert; one with
"hourly" or "daily" gets one digest per period. Matching gives a digest row
``due_at`` = the end of its period (:func:`period_end`), so the rows of one
period share ``due_at`` and :func:`plan` groups them by (subscription,
``due_at``). A digest that has to be retried moves all its rows to the same
new ``due_at`` together, so it stays one digest with one idempotency key.

Nothing here touches the store or a network: the sender
(:mod:`wirewatch.alerts.outbox`) looks subscriptions up, calls :func:`plan`,
then delivers and records each :class:`Job`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wirewatch.store.follow_base import Cadence, OutboxRow, SubscriptionRow

DIGEST_CADENCES: frozenset[str] = frozenset({"hourly", "daily"})


def parse_time(value: str) -> datetime:
    """An ISO 8601 timestamp as an aware UTC datetime (a naive one is taken as UTC)."""
    when = datetime.fromisoformat(value.strip())
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def iso(when: datetime) -> str:
    """``2026-03-01T09:30:00Z``: the outbox's one timestamp format, so that string order is time order."""
    return when.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def period_end(cadence: Cadence | str, at: datetime | str) -> str:
    """When a digest alert made at ``at`` is due: the next full hour / next midnight UTC; ``at`` itself
    for "immediate".

    An alert made exactly on a boundary (10:00:00) belongs to the period that
    starts there and is due at its end (11:00:00), never at once.
    """
    when = parse_time(at) if isinstance(at, str) else at.astimezone(UTC)
    if cadence == "hourly":
        return iso(when.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
    if cadence == "daily":
        return iso(when.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1))
    if cadence == "immediate":
        return iso(when)
    raise ValueError(f"unknown cadence {cadence!r}: use immediate, hourly or daily")


@dataclass(frozen=True)
class Job:
    """One thing for the sender to do: a message (one alert or one digest), or cancelling orphans.

    ``subscription`` is None when the rows' subscription no longer exists.
    """

    subscription_id: str
    subscription: SubscriptionRow | None
    rows: tuple[OutboxRow, ...]
    digest: bool

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)


def plan(rows: Sequence[OutboxRow], subscriptions: Mapping[str, SubscriptionRow | None]) -> list[Job]:
    """The jobs for these due rows, in the order their first row came (oldest first).

    Rows of a deleted subscription form one job (to cancel them); an
    immediate subscription gets one job per row; a digest subscription one
    job per ``due_at`` (its period), holding that period's rows by age. A row
    seen twice (same key) counts once.
    """
    jobs: dict[tuple[str, str], list[OutboxRow]] = {}
    kinds: dict[tuple[str, str], bool] = {}
    seen: set[str] = set()
    for row in rows:
        if row.key in seen:
            continue
        seen.add(row.key)
        sub = subscriptions.get(row.subscription_id)
        if sub is None:
            group = (row.subscription_id, "")
            digest = False
        elif sub.cadence in DIGEST_CADENCES:
            group = (row.subscription_id, "digest " + row.due_at)
            digest = True
        else:
            group = (row.subscription_id, "key " + row.key)
            digest = False
        jobs.setdefault(group, []).append(row)
        kinds[group] = digest
    out = []
    for group, members in jobs.items():
        members.sort(key=lambda r: (r.created_at, r.key))
        out.append(Job(group[0], subscriptions.get(group[0]), tuple(members), kinds[group]))
    return out
