"""The sender: drain due outbox rows through the notifiers and record each outcome.

Matching writes alert rows into the outbox in the same transaction as the
article that caused them (:mod:`wirewatch.store.follow_base`); this module
delivers them::

    report = deliver_due(store, notifiers_from_env(secrets=...))   # one batch of due rows
    print(report.summary())                                        # "sent 3, retry 1, dead 0, skipped 0"

or, for a loop that runs for days, :class:`Sender` (settings read once,
email connections kept open while draining)::

    sender = Sender.from_env(store)
    report = sender.drain()

What the outbox guarantees:

- **No lost alerts.** A row stays "pending" until a notifier has accepted it
  and the outcome is written. A temporary failure ("retry": SMTP 4xx, a
  webhook 5xx, a timeout) puts it back with ``due_at`` moved on by an
  exponential backoff (no jitter: base, 2 x base, 4 x base ... up to the cap,
  and never sooner than a receiver's ``Retry-After``); after
  ``WIREWATCH_ALERT_ATTEMPTS`` tries, or at once for a permanent failure, it
  becomes "dead" with the error stored: the dead-letter record, which
  ``wirewatch alerts retry`` puts back in the queue once the cause is fixed.
- **At most one repeat, and a repeat can be recognised.** The sender marks a
  row *after* sending it. A crash (kill -9, power cut) between the two leaves
  the row pending, so the next run sends that one alert again, with the same
  idempotency key: the same email ``Message-ID``, the same
  ``X-Wirewatch-Idempotency-Key`` header, the same Atom entry id (which
  replaces the entry in place). A receiver that keeps the keys it has seen
  drops the repeat. Marking first instead would lose the alert on a crash.
- **One bad recipient never stops the others**, and a delivery problem is
  never an exception: it becomes the row's outcome. A receiver that fails
  again and again within one drain (a mail server that is down) is paused
  for the rest of it (:class:`Breaker`): its rows wait one backoff step
  without a try counted, and the rest of the queue goes on. A subscription that no
  longer exists cancels its rows; a channel with no notifier makes its rows
  dead with an error that says so.

Digests: rows of an "hourly" or "daily" subscription are due at the end of
their period (:func:`wirewatch.alerts.digest.period_end`) and go out as one
``send_digest`` per subscription and period.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

from wirewatch.alerts.config import from_env, setting
from wirewatch.alerts.digest import Job, iso, parse_time, period_end, plan
from wirewatch.alerts.notify import Alert, Delivery, Notifier
from wirewatch.store.follow_base import FollowStore, OutboxRow, SubscriptionRow

OutcomeStatus = Literal["sent", "retry", "dead", "skipped", "deferred"]
BATCH = 500
FAILURES_TO_PAUSE = 3


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently the sender retries; ``RetryPolicy.from_env()`` reads ``WIREWATCH_ALERT_*``."""

    alert_attempts: int = setting(8, "Tries per alert (or digest) before it becomes a dead letter (1 = no retry).")
    alert_backoff_base: float = setting(60.0, "Seconds before an alert's first retry; doubled for each further retry.")
    alert_backoff_max: float = setting(
        21600.0, "Longest wait between two tries of an alert, in seconds (also caps a receiver's Retry-After).")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> RetryPolicy:
        return from_env(cls, env, **overrides)

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed try number ``attempts`` (1-based).

        No jitter: the sender drains rows one by one, so retries do not hit a
        receiver in lockstep the way parallel clients would, and a fixed
        schedule is one a person can predict from ``alerts list``.
        """
        wait = min(self.alert_backoff_max, self.alert_backoff_base * 2 ** max(0, attempts - 1))
        if retry_after is not None and retry_after > 0:
            wait = max(wait, min(retry_after, self.alert_backoff_max))
        return max(0.0, wait)


@dataclass(frozen=True)
class Outcome:
    """What happened to one job: one message (one alert or a digest), or rows cancelled/refused."""

    status: OutcomeStatus
    keys: tuple[str, ...]
    subscription_id: str
    channel: str
    recipient: str
    detail: str
    digest: bool = False
    message_id: str | None = None
    due_at: str | None = None  # the next try, for "retry"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SendReport:
    """Every outcome of one drain; counts are of outbox rows (a digest of three counts three)."""

    now: str
    outcomes: list[Outcome] = field(default_factory=list)
    busy: bool = False  # another sender was draining the same store, so this one did nothing

    def count(self, status: OutcomeStatus) -> int:
        return sum(len(o.keys) for o in self.outcomes if o.status == status)

    @property
    def sent(self) -> int:
        return self.count("sent")

    @property
    def retry(self) -> int:
        return self.count("retry")

    @property
    def dead(self) -> int:
        return self.count("dead")

    @property
    def skipped(self) -> int:
        """Rows cancelled because their subscription no longer exists."""
        return self.count("skipped")

    @property
    def deferred(self) -> int:
        """Rows not tried because their receiver kept failing in this drain (postponed, tries not counted)."""
        return self.count("deferred")

    @property
    def messages(self) -> int:
        """Messages that reached a receiver (a digest is one)."""
        return sum(1 for o in self.outcomes if o.status == "sent")

    def extend(self, other: SendReport) -> None:
        self.outcomes.extend(other.outcomes)

    def summary(self) -> str:
        if self.busy:
            return "another sender is draining this store right now: it delivers what is due; nothing done here"
        deferred = f", deferred {self.deferred}" if self.deferred else ""
        return (f"sent {self.sent}, retry {self.retry}, dead {self.dead}, skipped {self.skipped}{deferred} "
                f"({self.messages} message{'s' if self.messages != 1 else ''})")

    def to_dict(self) -> dict[str, Any]:
        return {"now": self.now, "busy": self.busy, "sent": self.sent, "retry": self.retry, "dead": self.dead,
                "skipped": self.skipped, "deferred": self.deferred, "messages": self.messages,
                "outcomes": [o.to_dict() for o in self.outcomes]}


def outbox_row(alert: Alert, cadence: str, *, now: datetime | str | None = None) -> OutboxRow:
    """The outbox row for an alert made ``now``: due at once, or at the end of its digest period.

    What matching hands to ``store.add_alerts``; building rows here keeps
    ``due_at`` in the one format and period the sender groups digests by.
    """
    at = instant(now)
    return OutboxRow(key=alert.key, subscription_id=alert.subscription_id, article_id=alert.article_id,
                     alert=alert.to_json(), due_at=period_end(cadence, at), created_at=iso(at))


def subscription_secret(store: FollowStore, subscription_id: str) -> str | None:
    """The webhook signing secret kept in the subscription's ``data`` JSON (``"secret"``), or None."""
    sub = store.get_subscription(subscription_id)
    if sub is None:
        return None
    try:
        data = json.loads(sub.data or "{}")
    except ValueError:
        return None
    secret = data.get("secret") if isinstance(data, dict) else None
    return secret if isinstance(secret, str) and secret else None


def secrets_for(store: FollowStore) -> Callable[[str], str | None]:
    """``secrets=`` for :func:`~wirewatch.alerts.channels.notifiers_from_env`: each subscription's own secret."""
    return lambda subscription_id: subscription_secret(store, subscription_id)


class Breaker:
    """Stops trying a receiver that failed ``threshold`` times in a row during one drain.

    A mail server that is down makes every alert wait for
    ``WIREWATCH_SMTP_TIMEOUT``; trying 500 alerts one after another would
    block the watcher for hours. Once a receiver is paused, its remaining
    rows are postponed by the first backoff step without counting a try, so
    that rows for other receivers behind them in the queue still go out.
    A receiver is the channel (one SMTP server, one feed folder) or, for a
    URL recipient, the channel and the URL's host.
    """

    def __init__(self, threshold: int = FAILURES_TO_PAUSE) -> None:
        self.threshold = threshold
        self._failures: dict[str, int] = {}
        self._last: dict[str, str] = {}

    @staticmethod
    def receiver(sub: SubscriptionRow) -> str:
        host = urlsplit(sub.recipient.strip()).netloc if "://" in sub.recipient else ""
        return f"{sub.channel} {host}".strip()

    def paused(self, receiver: str) -> str | None:
        """Why ``receiver`` is paused, or None when it may be tried."""
        failures = self._failures.get(receiver, 0)
        if failures < self.threshold:
            return None
        return (f"not tried: {receiver} failed {failures} times in a row in this run "
                f"(last: {self._last.get(receiver, '?')}); will try again later")

    def record(self, receiver: str, delivery: Delivery) -> None:
        if delivery.status == "retry":
            self._failures[receiver] = self._failures.get(receiver, 0) + 1
            self._last[receiver] = delivery.detail
        elif delivery.status == "sent":
            self._failures.pop(receiver, None)  # a "dead" says nothing about the receiver's health


def deliver_due(
    store: FollowStore,
    notifiers: Mapping[str, Notifier],
    *,
    now: datetime | str | None = None,
    limit: int = BATCH,
    policy: RetryPolicy | None = None,
    breaker: Breaker | None = None,
) -> SendReport:
    """Deliver up to ``limit`` rows that are due at ``now`` (default: the current time) and record each outcome.

    Never raises for a delivery problem (see the module docstring); an error
    of the store itself (disk full, database locked for too long) does
    propagate, since nothing can be recorded then. ``breaker`` carries which
    receivers are failing from one batch to the next (:class:`Sender` passes
    one per drain).
    """
    policy = policy or RetryPolicy()
    breaker = breaker or Breaker()
    at = instant(now)
    stamp = iso(at)
    rows = store.due_alerts(stamp, limit=limit)
    subscriptions: dict[str, SubscriptionRow | None] = {}
    for row in rows:
        if row.subscription_id not in subscriptions:
            subscriptions[row.subscription_id] = store.get_subscription(row.subscription_id)
    rows = _complete_digests(store, rows, subscriptions, stamp)
    report = SendReport(now=stamp)
    for job in plan(rows, subscriptions):
        report.outcomes.extend(_run(store, notifiers, job, at, policy, breaker))
    return report


def _complete_digests(store: FollowStore, rows: list[OutboxRow],
                      subscriptions: Mapping[str, SubscriptionRow | None], stamp: str) -> list[OutboxRow]:
    # A batch limit may cut a period's rows in two; a digest sent half now and half later would
    # carry two different keys, so every due row of a digest subscription joins the batch.
    seen = {r.key for r in rows}
    out = list(rows)
    for sid, sub in subscriptions.items():
        if sub is None or sub.cadence == "immediate":
            continue
        for row in store.alerts(status="pending", subscription_id=sid):
            if row.key not in seen and row.due_at <= stamp:
                seen.add(row.key)
                out.append(row)
    return out


def _run(store: FollowStore, notifiers: Mapping[str, Notifier], job: Job, at: datetime,
         policy: RetryPolicy, breaker: Breaker) -> list[Outcome]:
    stamp = iso(at)
    sub = job.subscription
    if sub is None:
        error = (f"subscription {job.subscription_id!r} no longer exists: its alert was cancelled "
                 "(nothing to fix; 'wirewatch follow' subscribes again)")
        for row in job.rows:
            store.update_alert(replace(row, status="cancelled", error=error))
        return [Outcome("skipped", job.keys, job.subscription_id, "", "", error, job.digest)]

    notifier = notifiers.get(sub.channel)
    if notifier is None:
        error = (f"subscription {sub.id!r} uses channel {sub.channel!r} but no notifier for it is set up "
                 f"(have: {', '.join(sorted(notifiers)) or 'none'}): change the subscription's channel "
                 "or install the plug-in, then 'wirewatch alerts retry --all-dead'")
        return [_finish(store, job.rows, sub, Delivery("dead", 0, detail=error), at, policy, job.digest)]

    receiver = Breaker.receiver(sub)
    paused = breaker.paused(receiver)
    if paused:
        later = iso(at + timedelta(seconds=policy.delay(1)))
        for row in job.rows:
            store.update_alert(replace(row, due_at=later, error=paused))
        return [Outcome("deferred", job.keys, sub.id, sub.channel, sub.recipient, paused, job.digest, None, later)]

    outcomes: list[Outcome] = []
    alerts: list[Alert] = []
    good: list[OutboxRow] = []
    for row in job.rows:
        try:
            data = json.loads(row.alert)
            if not isinstance(data, dict):
                raise ValueError(f"a JSON {type(data).__name__}, not an object")
            alert = Alert.from_dict(data)
        except (ValueError, TypeError) as exc:
            error = (f"outbox row {row.key} (subscription {sub.id!r}) holds no readable alert ({exc}): "
                     "the matcher wrote a bad row; drop it or re-ingest the article")
            outcomes.append(_finish(store, [row], sub, Delivery("dead", 0, detail=error), at, policy, False))
            continue
        # The subscription's current address wins: a fixed address is what 'alerts retry' is for.
        alerts.append(replace(alert, recipient=sub.recipient, subscription_id=sub.id))
        good.append(row)
    if not good:
        return outcomes
    delivery = _attempt(notifier, alerts, job.digest)
    breaker.record(receiver, delivery)
    outcomes.append(_finish(store, good, sub, delivery, at, policy, job.digest, stamp))
    return outcomes


def _attempt(notifier: Notifier, alerts: Sequence[Alert], digest: bool) -> Delivery:
    # One try per drain: the outbox schedules retries itself (across restarts), so a notifier that
    # can try once without sleeping (the webhook's attempt / attempt_digest) is asked to.
    try:
        if digest:
            once = getattr(notifier, "attempt_digest", None)
            result = once(alerts) if callable(once) else notifier.send_digest(alerts)
        else:
            once = getattr(notifier, "attempt", None)
            result = once(alerts[0]) if callable(once) else notifier.send(alerts[0])
    except Exception as exc:  # noqa: BLE001 - a plug-in's bug is this alert's problem, not the batch's
        name = getattr(notifier, "channel", type(notifier).__name__)
        return Delivery("retry", 1, detail=f"the {name} notifier failed unexpectedly: {exc!r}: will try again")
    if not isinstance(result, Delivery):
        return Delivery("retry", 1, detail=f"the {notifier.channel} notifier returned {result!r}, not a Delivery")
    return result


def _finish(store: FollowStore, rows: Sequence[OutboxRow], sub: SubscriptionRow, delivery: Delivery,
            at: datetime, policy: RetryPolicy, digest: bool, stamp: str | None = None) -> Outcome:
    """Record one delivery on its rows; rows of one digest move together (same attempts, same due_at)."""
    stamp = stamp or iso(at)
    attempts = max(r.attempts for r in rows) + 1
    status: OutcomeStatus
    detail = delivery.detail or delivery.status
    due: str | None = None
    if delivery.status == "sent":
        status = "sent"
        updated = [replace(r, status="sent", attempts=attempts, sent_at=stamp, message_id=delivery.message_id,
                           error=None) for r in rows]
    elif delivery.status == "retry" and attempts < policy.alert_attempts:
        status = "retry"
        due = iso(at + timedelta(seconds=policy.delay(attempts, delivery.retry_after)))
        updated = [replace(r, attempts=attempts, due_at=due, error=detail) for r in rows]
    else:
        status = "dead"
        if delivery.status == "retry":
            detail = f"gave up after {attempts} tries; last: {detail}"
        elif delivery.dead_letter is not None:
            detail = delivery.dead_letter.error
        updated = [replace(r, status="dead", attempts=attempts, error=detail,
                           message_id=delivery.message_id or r.message_id) for r in rows]
    for row in updated:
        store.update_alert(row)
    return Outcome(status, tuple(r.key for r in rows), sub.id, sub.channel, sub.recipient, detail, digest,
                   delivery.message_id, due)


def instant(now: datetime | str | None) -> datetime:
    """``now`` as an aware UTC datetime; None is the current time (to the second)."""
    if now is None:
        return datetime.now(UTC).replace(microsecond=0)
    if isinstance(now, str):
        return parse_time(now)
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def retry_dead(store: FollowStore, keys: Iterable[str] | None = None, *, now: datetime | str | None = None,
               ) -> list[OutboxRow]:
    """Put dead rows back in the queue, due ``now`` with a fresh count of tries; ``keys`` None means every
    dead row. Returns the rows requeued. The last error stays on the row until the next outcome."""
    stamp = iso(instant(now))
    wanted = None if keys is None else set(keys)
    out = []
    for row in list(store.alerts(status="dead")):
        if wanted is None or row.key in wanted:
            fresh = replace(row, status="pending", due_at=stamp, attempts=0)
            store.update_alert(fresh)
            out.append(fresh)
    return out
