"""Subscriptions, alerts (wire-copy style, written for these tests) and outbox rows shared by the outbox tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from wirewatch.alerts import Alert, Delivery, alert_key
from wirewatch.alerts.notify import dead
from wirewatch.alerts.outbox import outbox_row
from wirewatch.store.follow_base import Cadence, FollowStore, OutboxRow, SubscriptionRow

T0 = "2026-03-02T09:20:00Z"  # a Monday morning; alerts below are made then

STORIES = [
    ("fact-doha-postponed", "Doha ceasefire talks postponed to next week",
     "the round of ceasefire talks planned for Tuesday in Doha: now postponed",
     "The talks, due to open in Doha on Tuesday, were pushed back by a week, two officials briefed on the "
     "schedule said."),
    ("fact-gdansk-strike", "Dockworkers at Gdansk walk out",
     "dockworkers at the port of Gdansk began a 48-hour strike on Monday",
     '"We are out until the ministry answers our letter," union spokesman Piotr Nowak told reporters.'),
    ("fact-rate-hold", "Central bank holds rates at 4.25%",
     "the central bank held its main rate at 4.25% on Monday, as expected",
     "The bank held its benchmark rate at 4.25 percent, in line with a Reuters poll of economists."),
]


def subscription(sid: str = "sub-mideast", channel: str = "email", recipient: str = "desk@example.org",
                 cadence: Cadence = "immediate", secret: str | None = None) -> SubscriptionRow:
    data = json.dumps({"label": "Mideast desk", **({"secret": secret} if secret else {})})
    return SubscriptionRow(id=sid, channel=channel, recipient=recipient, kind="entity", target="Qatar",
                           cadence=cadence, created_at="2026-03-01T08:00:00Z", data=data)


def alert(n: int, sub: SubscriptionRow, created_at: str = T0) -> Alert:
    fact, title, change, evidence = STORIES[n]
    return Alert(key=alert_key(sub.id, fact), subscription_id=sub.id, recipient=sub.recipient, title=title,
                 change=change, reason=f"you follow {sub.target}", evidence=evidence,
                 source_url=f"https://wire.example.net/world/{fact}", outlet="Example Wire",
                 published="2026-03-02", article_id=f"art-{fact}", created_at=created_at)


def row(a: Alert, sub: SubscriptionRow, created_at: str = T0) -> OutboxRow:
    """The outbox row matching would write: due now, or at the end of the digest period."""
    return outbox_row(a, sub.cadence, now=created_at)


def enqueue(store: FollowStore, sub: SubscriptionRow, *numbers: int, created_at: str = T0) -> list[Alert]:
    alerts = [alert(n, sub, created_at) for n in numbers]
    store.add_alerts([row(a, sub, created_at) for a in alerts])
    return alerts


@dataclass
class Scripted:
    """A notifier whose outcomes a test scripts ("sent", "retry", "dead", or a Delivery); records calls."""

    channel: str = "email"
    script: list[str | Delivery] = field(default_factory=list)
    calls: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def _next(self, kind: str, alerts: Sequence[Alert]) -> Delivery:
        self.calls.append((kind, tuple(a.key for a in alerts)))
        step = self.script.pop(0) if self.script else "sent"
        if isinstance(step, Delivery):
            return step
        if step == "dead":
            return dead(self.channel, alerts, "mailbox unavailable: check the address", 1, "mid-" + alerts[0].key[:8])
        return Delivery(step, 1, detail=f"scripted {step}", message_id="mid-" + alerts[0].key[:8])  # type: ignore[arg-type]

    def send(self, alert: Alert) -> Delivery:
        return self._next("send", [alert])

    def send_digest(self, alerts: Sequence[Alert]) -> Delivery:
        return self._next("digest", alerts)
