"""The sender end to end: a real SQLite file, a real SMTP server (aiosmtpd) and a real webhook receiver on loopback."""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from test_alerts_email import Inbox, parts, settings, smtp_server
from test_alerts_samples import free_port
from test_alerts_webhook import receiver
from test_outbox_samples import T0, enqueue, subscription
from wirewatch.alerts import Alert, Delivery, EmailNotifier, digest_key
from wirewatch.alerts.email import message_id
from wirewatch.alerts.outbox import RetryPolicy, deliver_due
from wirewatch.alerts.sender import Sender
from wirewatch.alerts.webhook import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify_signature
from wirewatch.store import SQLiteStore, open_store
from wirewatch.store.follow_base import OutboxRow

pytest.importorskip("aiosmtpd")

SECRET = "hook-secret-for-the-mideast-desk"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = open_store(tmp_path / "wirewatch.db")
    assert isinstance(opened, SQLiteStore)
    with opened:
        yield opened


def rows(store: SQLiteStore) -> dict[str, OutboxRow]:
    return {r.key: r for r in store.alerts()}


def email(port: int) -> dict[str, Any]:
    return {"email": EmailNotifier(settings(port))}


def header(msg: Any, name: str) -> str:
    return str(msg[name])


def test_an_immediate_alert_arrives_once_and_is_marked_with_its_message_id(store: SQLiteStore) -> None:
    inbox = Inbox()
    sub = subscription()
    store.put_subscription(sub)
    (alert,) = enqueue(store, sub, 1)
    with smtp_server(inbox) as port:
        first = deliver_due(store, email(port), now=T0)
        second = deliver_due(store, email(port), now="2026-03-02T10:00:00Z")
    assert first.sent == 1 and second.outcomes == []
    (to, msg), = inbox.received
    assert to == ["desk@example.org"] and header(msg, "Subject") == "Dockworkers at Gdansk walk out"
    assert "Piotr Nowak" in parts(msg)[0]
    stored = rows(store)[alert.key]
    assert stored.status == "sent" and stored.sent_at == T0 and stored.attempts == 1
    assert stored.message_id == header(msg, "Message-ID") == message_id(alert.key, "wirewatch.example")


def test_smtp_4xx_is_retried_after_backoff_then_delivered(store: SQLiteStore) -> None:
    inbox = Inbox(data_replies=["451 4.3.0 Mail server temporarily rejected message"])
    sub = subscription()
    store.put_subscription(sub)
    (alert,) = enqueue(store, sub, 0)
    policy = RetryPolicy(alert_attempts=5, alert_backoff_base=120.0)
    with smtp_server(inbox) as port:
        first = deliver_due(store, email(port), now=T0, policy=policy)
        waiting = rows(store)[alert.key]
        early = deliver_due(store, email(port), now="2026-03-02T09:21:59Z", policy=policy)
        later = deliver_due(store, email(port), now="2026-03-02T09:22:00Z", policy=policy)
    assert first.retry == 1 and waiting.status == "pending" and waiting.due_at == "2026-03-02T09:22:00Z"
    assert "451" in (waiting.error or "") and waiting.attempts == 1
    assert early.outcomes == [] and later.sent == 1 and len(inbox.received) == 1
    done = rows(store)[alert.key]
    assert done.status == "sent" and done.attempts == 2 and done.error is None


def test_smtp_5xx_is_dead_at_once_with_the_error(store: SQLiteStore) -> None:
    inbox = Inbox(rcpt_replies=["550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"])
    gone, fine = subscription("sub-gone", recipient="gone@example.org"), subscription("sub-fine")
    store.put_subscription(gone)
    store.put_subscription(fine)
    (lost,) = enqueue(store, gone, 0)
    (kept,) = enqueue(store, fine, 0)
    with smtp_server(inbox) as port:
        report = deliver_due(store, email(port), now=T0)
    assert (report.dead, report.sent) == (1, 1) and len(inbox.received) == 1
    dead = rows(store)[lost.key]
    assert dead.status == "dead" and dead.attempts == 1
    assert "550" in (dead.error or "") and "gone@example.org" in (dead.error or "")
    assert rows(store)[kept.key].status == "sent"


def test_the_last_temporary_failure_makes_a_dead_letter(store: SQLiteStore) -> None:
    inbox = Inbox(data_replies=["452 4.2.2 Mailbox full", "452 4.2.2 Mailbox full"])
    sub = subscription()
    store.put_subscription(sub)
    (alert,) = enqueue(store, sub, 2)
    policy = RetryPolicy(alert_attempts=2, alert_backoff_base=30.0)
    with smtp_server(inbox) as port:
        deliver_due(store, email(port), now=T0, policy=policy)
        report = deliver_due(store, email(port), now="2026-03-02T09:20:30Z", policy=policy)
    dead = rows(store)[alert.key]
    assert report.dead == 1 and dead.status == "dead" and dead.attempts == 2
    assert (dead.error or "").startswith("gave up after 2 tries; last:") and "452" in (dead.error or "")
    assert inbox.received == []


def test_webhook_500_then_200_signed_with_the_subscription_secret(store: SQLiteStore) -> None:
    with receiver((500, 0.0)) as (url, rec):
        sub = subscription("sub-hook", channel="webhook", recipient=url, secret=SECRET)
        store.put_subscription(sub)
        (alert,) = enqueue(store, sub, 0)
        sender = Sender.from_env(store, env={"WIREWATCH_ALERT_BACKOFF_BASE": "10"})
        with sender:
            first = sender.drain(T0)
            second = sender.drain("2026-03-02T09:20:10Z")
    assert first.retry == 1 and second.sent == 1 and len(rec.requests) == 2
    for headers, body in rec.requests:
        assert headers[IDEMPOTENCY_HEADER] == alert.key
        assert verify_signature(SECRET, body, headers[SIGNATURE_HEADER])
        assert json.loads(body)["title"] == "Doha ceasefire talks postponed to next week"
    assert rows(store)[alert.key].message_id == alert.key


def test_hourly_digest_of_three_is_one_email_sent_when_the_hour_ends(store: SQLiteStore) -> None:
    inbox = Inbox()
    sub = subscription(cadence="hourly")
    store.put_subscription(sub)
    for n, minute in ((0, "02"), (1, "31"), (2, "58")):
        enqueue(store, sub, n, created_at=f"2026-03-02T09:{minute}:00Z")
    with smtp_server(inbox) as port:
        early = deliver_due(store, email(port), now="2026-03-02T09:59:00Z")
        due = deliver_due(store, email(port), now="2026-03-02T10:00:00Z")
        after = deliver_due(store, email(port), now="2026-03-02T11:00:00Z")
    assert early.outcomes == [] and after.outcomes == []
    assert (due.sent, due.messages) == (3, 1)
    (_, msg), = inbox.received
    text = parts(msg)[0]
    assert text.startswith("3 alerts from wirewatch")
    for title in ("Doha ceasefire talks", "Dockworkers at Gdansk", "Central bank holds rates"):
        assert title in text
    assert {r.message_id for r in store.alerts()} == {header(msg, "Message-ID")}


def test_a_daily_webhook_digest_is_one_signed_post_retried_as_one(store: SQLiteStore) -> None:
    with receiver((503, 0.0, {"Retry-After": "120"})) as (url, rec):
        sub = subscription("sub-hook", channel="webhook", recipient=url, cadence="daily", secret=SECRET)
        store.put_subscription(sub)
        alerts = enqueue(store, sub, 0, 2, created_at="2026-03-02T13:45:00Z")
        with Sender.from_env(store, env={}) as sender:
            early = sender.drain("2026-03-02T23:59:59Z")
            first = sender.drain("2026-03-03T00:00:00Z")
            second = sender.drain("2026-03-03T00:02:00Z")
    assert early.outcomes == [] and first.retry == 2 and first.outcomes[0].due_at == "2026-03-03T00:02:00Z"
    assert second.messages == 1 and second.sent == 2 and len(rec.requests) == 2
    (h1, b1), (h2, b2) = rec.requests
    assert b1 == b2 and h1[IDEMPOTENCY_HEADER] == h2[IDEMPOTENCY_HEADER] == digest_key(alerts)
    body = json.loads(b2)
    assert body["kind"] == "digest" and [a["key"] for a in body["alerts"]] == [a.key for a in alerts]
    assert verify_signature(SECRET, b2, h2[SIGNATURE_HEADER])


def test_a_deleted_subscription_gets_nothing(store: SQLiteStore) -> None:
    inbox = Inbox()
    sub, ghost = subscription("sub-unfollowed"), subscription("sub-never-stored")
    store.put_subscription(sub)
    enqueue(store, sub, 0)
    enqueue(store, ghost, 1)  # matching raced with removal: no subscription row at all
    assert store.delete_subscription(sub.id)
    with smtp_server(inbox) as port:
        report = deliver_due(store, email(port), now=T0)
    assert inbox.received == [] and report.skipped == 1
    assert {r.status for r in store.alerts()} == {"cancelled"}


class CrashAfterSend:
    """Delegates to a real notifier, then dies before the sender can record the outcome (like kill -9)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.channel = inner.channel

    def send(self, alert: Alert) -> Delivery:
        self.inner.send(alert)
        raise SystemExit("killed between send and update_alert")

    def send_digest(self, alerts: Sequence[Alert]) -> Delivery:
        self.inner.send_digest(alerts)
        raise SystemExit("killed between send and update_alert")


def test_a_crash_between_send_and_mark_resends_once_with_the_same_message_id(tmp_path: Path) -> None:
    inbox = Inbox()
    path = tmp_path / "wirewatch.db"
    with smtp_server(inbox) as port:
        with SQLiteStore(path) as store:
            sub = subscription()
            store.put_subscription(sub)
            (alert,) = enqueue(store, sub, 0)
            with pytest.raises(SystemExit):
                deliver_due(store, {"email": CrashAfterSend(EmailNotifier(settings(port)))}, now=T0)
        with SQLiteStore(path) as store:  # the restart
            assert rows(store)[alert.key].status == "pending"
            report = deliver_due(store, email(port), now="2026-03-02T09:21:00Z")
            again = deliver_due(store, email(port), now="2026-03-02T09:22:00Z")
            stored = rows(store)[alert.key]
    assert report.sent == 1 and again.outcomes == []
    ids = [header(m, "Message-ID") for _, m in inbox.received]
    keys = [header(m, "X-Wirewatch-Idempotency-Key") for _, m in inbox.received]
    assert len(ids) == 2 and ids[0] == ids[1] == stored.message_id and keys == [alert.key, alert.key]


def test_a_crash_after_a_webhook_post_resends_once_with_the_same_idempotency_key(tmp_path: Path) -> None:
    path = tmp_path / "wirewatch.db"
    with receiver() as (url, rec):
        with SQLiteStore(path) as store:
            sub = subscription("sub-hook", channel="webhook", recipient=url, secret=SECRET)
            store.put_subscription(sub)
            (alert,) = enqueue(store, sub, 2)
            with Sender.from_env(store, env={}) as first, pytest.raises(SystemExit):
                deliver_due(store, {"webhook": CrashAfterSend(first.notifiers["webhook"])}, now=T0)
        with SQLiteStore(path) as store, Sender.from_env(store, env={}) as sender:
            report = sender.drain("2026-03-02T09:21:00Z")
            again = sender.drain("2026-03-02T09:22:00Z")
    assert report.sent == 1 and again.outcomes == []
    keys = [headers[IDEMPOTENCY_HEADER] for headers, _ in rec.requests]
    bodies = [body for _, body in rec.requests]
    assert keys == [alert.key, alert.key] and bodies[0] == bodies[1]


def test_a_drain_reuses_one_smtp_connection_and_reaches_every_channel(store: SQLiteStore, tmp_path: Path) -> None:
    inbox = Inbox()
    mail = subscription("sub-mail")
    feed = subscription("sub-feed", channel="atom", recipient=str(tmp_path / "feeds" / "desk.xml"))
    store.put_subscription(mail)
    store.put_subscription(feed)
    enqueue(store, mail, 0, 1, 2)
    (entry,) = enqueue(store, feed, 1)
    with smtp_server(inbox) as port:
        env = {"WIREWATCH_SMTP_HOST": "127.0.0.1", "WIREWATCH_SMTP_PORT": str(port),
               "WIREWATCH_SMTP_FROM": "alerts@wirewatch.example", "WIREWATCH_ATOM_DIR": str(tmp_path / "feeds")}
        with Sender.from_env(store, env=env) as sender:
            sender.batch = 2  # several batches, one connection
            report = sender.drain(T0)
    assert (report.sent, report.messages) == (4, 4)
    assert len(inbox.received) == 3 and len(set(inbox.peers)) == 1
    ids = [e.text for e in ET.parse(tmp_path / "feeds" / "desk.xml").getroot()
           .iter("{http://www.w3.org/2005/Atom}id")]
    assert rows(store)[entry.key].message_id in ids


def test_a_mail_server_that_is_down_is_paused_and_webhooks_still_go(store: SQLiteStore) -> None:
    readers = [subscription(f"sub-reader-{i}", recipient=f"reader{i}@example.org") for i in range(5)]
    for sub in readers:
        store.put_subscription(sub)
        enqueue(store, sub, 1)
    with receiver() as (url, rec):
        hook = subscription("sub-hook", channel="webhook", recipient=url, secret=SECRET)
        store.put_subscription(hook)
        enqueue(store, hook, 1)
        env = {"WIREWATCH_SMTP_HOST": "127.0.0.1", "WIREWATCH_SMTP_PORT": str(free_port())}  # nobody listens
        with Sender.from_env(store, env=env) as sender:
            report = sender.drain(T0)
    assert (report.retry, report.deferred, report.sent) == (3, 2, 1) and len(rec.requests) == 1
    tried = [r for r in store.alerts() if r.attempts == 1 and r.status == "pending"]
    assert len(tried) == 3 and all("refused the connection" in (r.error or "") for r in tried)


def test_a_bad_setting_is_an_error_naming_the_variable(store: SQLiteStore) -> None:
    with pytest.raises(ValueError, match="WIREWATCH_SMTP_PORT"):
        Sender.from_env(store, env={"WIREWATCH_SMTP_PORT": "twenty-five"})


def test_a_second_sender_on_the_same_store_file_does_nothing_while_one_drains(store: SQLiteStore) -> None:
    inbox = Inbox()
    sub = subscription()
    store.put_subscription(sub)
    enqueue(store, sub, 0)
    with smtp_server(inbox) as port:
        sender = Sender(store, email(port))
        with open(store.path.with_name(store.path.name + ".send-lock"), "a") as held:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # the other sender, mid-drain
            busy = sender.drain(T0)
            fcntl.flock(held.fileno(), fcntl.LOCK_UN)
        free = sender.drain(T0)
    assert busy.busy and busy.outcomes == [] and "another sender" in busy.summary()
    assert free.sent == 1 and len(inbox.received) == 1
