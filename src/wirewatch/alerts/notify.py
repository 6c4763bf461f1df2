"""The notifier interface: one alert in, one delivery outcome out.

Every way of telling a person something (email, webhook, Atom feed, and any
plug-in written later) is a :class:`Notifier`: an object with ``send`` and
``send_digest``, in the spirit of httpx's one-method transport. The outbox
that drains pending alerts knows nothing else about a channel::

    delivery = notifier.send(alert)
    if delivery.status == "sent":      mark the outbox row done (keep delivery.message_id)
    elif delivery.status == "retry":   schedule another try (delivery.retry_after, if set, is a hint)
    else:                              store delivery.dead_letter and stop trying

A notifier never raises for a delivery problem: bad recipients, refused
logins, full disks and unreachable servers all come back as a
:class:`Delivery` whose ``detail`` names the recipient, the problem and the
fix. Every message carries the alert's idempotency ``key`` (email
``Message-ID``, webhook header, Atom entry id) so that when a crash between
sending and recording the send makes the outbox send one alert twice, the
receiver can drop the repeat.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, Literal, Protocol, runtime_checkable

DeliveryStatus = Literal["sent", "retry", "dead"]


def utc_now() -> str:
    """Now, as the ISO 8601 UTC timestamp alerts carry (``2026-03-01T09:30:00Z``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def alert_key(subscription_id: str, fact_id: str) -> str:
    """The idempotency key of "this subscription hears about this fact".

    Syndicated copies of one report share a fact id, so they share a key and
    the outbox keeps one alert; hex so that it fits every carrier unchanged.
    """
    raw = f"wirewatch-alert\x1f{subscription_id}\x1f{fact_id}".encode()
    return hashlib.sha256(raw).hexdigest()


def digest_key(alerts: Iterable[Alert]) -> str:
    """The idempotency key of a digest: the same set of alerts gives the same key."""
    keys = sorted({a.key for a in alerts})
    return hashlib.sha256(("wirewatch-digest\x1f" + "\x1f".join(keys)).encode()).hexdigest()


@dataclass(frozen=True)
class Alert:
    """One thing one subscriber should hear about, ready to deliver.

    Built by matching (later: from the outbox row); every field is plain text
    so that the alert round-trips through JSON (:meth:`to_json` /
    :meth:`from_dict`) unchanged, which is how the outbox stores it.
    """

    key: str  # idempotency key, e.g. alert_key(subscription_id, fact_id)
    subscription_id: str
    recipient: str  # email address, webhook URL or Atom feed path, by channel
    title: str  # subject line / entry title
    change: str  # what changed: "the Trump-Putin meeting planned for early November: now called off"
    reason: str = ""  # why it matched: "you follow USA-RUS CONSULT"
    evidence: str = ""  # the sentence the fact was read from
    source_url: str = ""
    outlet: str = ""
    published: str | None = None  # ISO date of the article
    article_id: str = ""
    created_at: str = field(default_factory=utc_now)  # ISO 8601 UTC, when matching made the alert

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key.strip():
            raise ValueError(f"alert for subscription {self.subscription_id!r} has no idempotency key: "
                             "build one with alert_key(subscription_id, fact_id)")

    def to_dict(self) -> dict[str, Any]:
        # Every field is a plain string (or None): no deep copy needed, and matching builds many.
        return {"kind": "alert", **{name: getattr(self, name) for name in _ALERT_FIELDS}}

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no spaces): the same alert gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Alert:
        """Rebuild an alert from :meth:`to_dict` output; unknown keys (``kind``, newer fields) are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        missing = {"key", "subscription_id", "recipient", "title", "change"} - values.keys()
        if missing:
            raise ValueError(f"alert data lacks {', '.join(sorted(missing))}: pass the output of Alert.to_dict()")
        return cls(**values)


_ALERT_FIELDS = tuple(f.name for f in fields(Alert))


@dataclass(frozen=True)
class DeadLetter:
    """What could not be delivered, and why: the outbox stores it for a person to look at or replay.

    ``alerts`` holds one alert for :meth:`Notifier.send` and every bundled
    alert for :meth:`Notifier.send_digest`.
    """

    alerts: tuple[Alert, ...]
    channel: str  # "email", "webhook", "atom", ...
    recipient: str
    error: str  # the last error, naming the problem and the fix
    attempts: int
    failed_at: str = field(default_factory=utc_now)

    @property
    def alert(self) -> Alert:
        return self.alerts[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "alerts": [a.to_dict() for a in self.alerts], "channel": self.channel, "recipient": self.recipient,
            "error": self.error, "attempts": self.attempts, "failed_at": self.failed_at,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeadLetter:
        return cls(
            alerts=tuple(Alert.from_dict(a) for a in data["alerts"]), channel=str(data["channel"]),
            recipient=str(data["recipient"]), error=str(data["error"]), attempts=int(data["attempts"]),
            failed_at=str(data["failed_at"]),
        )


@dataclass(frozen=True)
class Delivery:
    """The outcome of one ``send``/``send_digest`` call.

    ``status``: "sent" (done), "retry" (a temporary problem: try again later,
    after ``retry_after`` seconds when the receiver said so) or "dead" (trying
    again will not help; ``dead_letter`` holds what to store). ``attempts`` is
    how many tries this call made; ``message_id`` is the id the message
    carried (email Message-ID, webhook idempotency key, Atom entry id).
    """

    status: DeliveryStatus
    attempts: int
    detail: str = ""
    message_id: str | None = None
    retry_after: float | None = None
    dead_letter: DeadLetter | None = None

    @property
    def ok(self) -> bool:
        return self.status == "sent"


@runtime_checkable
class Notifier(Protocol):
    """A delivery channel: the one interface the outbox calls.

    ``send`` delivers one alert to ``alert.recipient``; ``send_digest``
    delivers several alerts for one recipient as one message (hourly/daily
    digests). Both return a :class:`Delivery` and never raise for a delivery
    problem. Sending the same alert twice must let the receiver see it once
    (same Message-ID / idempotency key / entry id).
    """

    channel: str

    def send(self, alert: Alert) -> Delivery: ...

    def send_digest(self, alerts: Sequence[Alert]) -> Delivery: ...


def dead(channel: str, alerts: Sequence[Alert], error: str, attempts: int, message_id: str | None = None) -> Delivery:
    """A "dead" delivery carrying its dead-letter record."""
    recipient = alerts[0].recipient if alerts else ""
    letter = DeadLetter(alerts=tuple(alerts), channel=channel, recipient=recipient, error=error, attempts=attempts)
    return Delivery("dead", attempts, detail=error, message_id=message_id, dead_letter=letter)


def digest_problem(alerts: Sequence[Alert]) -> str | None:
    """Why these alerts cannot go out as one digest, or None when they can.

    A digest belongs to one subscription (its unsubscribe link, its feed), so
    every alert in it must share the subscription and the recipient.
    """
    for what, values in (("subscription", {a.subscription_id for a in alerts}),
                         ("recipient", {a.recipient for a in alerts})):
        if len(values) > 1:
            shown = ", ".join(repr(v) for v in sorted(values)[:3])
            return (f"a digest goes to one {what} but these alerts are for {len(values)} ({shown}): "
                    "group the outbox rows by subscription before calling send_digest")
    return None
