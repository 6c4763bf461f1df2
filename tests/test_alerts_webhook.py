"""Webhook alerts against a real HTTP server (http.server in a thread) on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from test_alerts_samples import free_port, port_strike, summit_off
from wirewatch.alerts import WebhookNotifier, WebhookSettings, digest_key, verify_signature
from wirewatch.alerts.webhook import backoff, retry_after, sign

SECRET = "s3cret-for-sub-usa-rus"


@dataclass
class Receiver:
    """Answers with the scripted (status, delay seconds, headers) in turn, then 200; records every request."""

    script: list[tuple[int, float, dict[str, str]]] = field(default_factory=list)
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_reply(self, headers: dict[str, str], body: bytes) -> tuple[int, float, dict[str, str]]:
        with self.lock:
            self.requests.append((headers, body))
            return self.script.pop(0) if self.script else (200, 0.0, {})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    receiver: Receiver

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is part of the test, not an error


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status, delay, extra = self.server.receiver.next_reply(dict(self.headers.items()), body)
        if delay:
            time.sleep(delay)
        reply = b'{"ok": true}' if status < 300 else b"receiver says no"
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def receiver(*script: tuple[int, float] | tuple[int, float, dict[str, str]]) -> Iterator[tuple[str, Receiver]]:
    rec = Receiver([(s[0], s[1], s[2] if len(s) > 2 else {}) for s in script])
    server = _Server(("127.0.0.1", 0), _Handler)
    server.receiver = rec
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/wirewatch", rec
    finally:
        server.shutdown()
        server.server_close()


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def notifier(sleep: Sleeps | None = None, **kw: Any) -> WebhookNotifier:
    settings = WebhookSettings(**{"webhook_timeout": 2.0, "webhook_attempts": 3, "webhook_jitter": 0.0, **kw})
    return WebhookNotifier(settings, secrets={"sub-usa-rus": SECRET}.get, sleep=sleep or Sleeps())


def test_signed_alert_is_delivered_once() -> None:
    with receiver() as (url, rec):
        alert = summit_off(recipient=url)
        delivery = notifier().send(alert)
    assert delivery.status == "sent" and delivery.attempts == 1, delivery.detail
    assert delivery.message_id == alert.key
    [(headers, body)] = rec.requests
    assert body == alert.to_json().encode()
    assert json.loads(body)["change"] == "the summit planned for early March in Lisbon: now called off"
    assert verify_signature(SECRET, body, headers["X-Wirewatch-Signature"])
    assert headers["X-Wirewatch-Signature"].startswith("sha256=")
    assert headers["X-Wirewatch-Idempotency-Key"] == alert.key
    assert abs(int(headers["X-Wirewatch-Timestamp"]) - time.time()) < 60
    assert headers["User-Agent"].startswith("wirewatch/")
    assert headers["Content-Type"].startswith("application/json")


def test_server_errors_are_retried_with_backoff_and_the_same_key() -> None:
    sleeps = Sleeps()
    with receiver((500, 0), (500, 0)) as (url, rec):
        delivery = notifier(sleeps, webhook_backoff_base=0.5).send(summit_off(recipient=url))
    assert delivery.status == "sent" and delivery.attempts == 3
    assert len(rec.requests) == 3
    assert {h["X-Wirewatch-Idempotency-Key"] for h, _ in rec.requests} == {summit_off().key}
    assert {b for _, b in rec.requests} == {summit_off(recipient=url).to_json().encode()}
    assert sleeps.waits == [0.5, 1.0]


def test_always_failing_receiver_gives_a_dead_letter_after_the_last_try() -> None:
    sleeps = Sleeps()
    with receiver(*[(503, 0.0)] * 10) as (url, rec):
        alert = summit_off(recipient=url)
        delivery = notifier(sleeps, webhook_attempts=4, webhook_backoff_base=1.0, webhook_backoff_max=3.0).send(alert)
    assert delivery.status == "dead" and delivery.attempts == 4
    assert len(rec.requests) == 4
    assert sleeps.waits == [1.0, 2.0, 3.0]  # doubled, then capped by webhook_backoff_max
    letter = delivery.dead_letter
    assert letter is not None
    assert letter.alerts == (alert,) and letter.attempts == 4 and letter.channel == "webhook"
    assert "gave up after 4 tries" in letter.error and "503" in letter.error and url in letter.error


def test_gone_endpoint_is_dead_at_once() -> None:
    sleeps = Sleeps()
    with receiver((410, 0)) as (url, rec):
        delivery = notifier(sleeps).send(summit_off(recipient=url))
    assert delivery.status == "dead" and delivery.attempts == 1
    assert len(rec.requests) == 1 and sleeps.waits == []
    assert "410" in delivery.detail and "remove or update the subscription" in delivery.detail
    assert delivery.dead_letter is not None


def test_rate_limit_is_retried_after_the_time_the_receiver_asks() -> None:
    sleeps = Sleeps()
    with receiver((429, 0, {"Retry-After": "7"})) as (url, rec):
        delivery = notifier(sleeps, webhook_backoff_max=30.0).send(summit_off(recipient=url))
    assert delivery.status == "sent" and delivery.attempts == 2
    assert sleeps.waits == [7.0]


def test_slow_receiver_times_out_and_is_retried() -> None:
    with receiver((200, 1.0)) as (url, rec):
        slow = notifier(webhook_timeout=0.2)
        delivery = slow.send(summit_off(recipient=url))
    assert delivery.status == "sent" and delivery.attempts == 2
    with receiver((200, 1.0)) as (url, rec):
        once = notifier(webhook_timeout=0.2).attempt(summit_off(recipient=url))
    assert once.status == "retry" and once.dead_letter is None
    assert "did not answer within 0.2s" in once.detail


def test_unreachable_receiver_is_retry_then_dead() -> None:
    url = f"http://127.0.0.1:{free_port()}/hook"
    once = notifier().attempt(summit_off(recipient=url))
    assert once.status == "retry" and "could not reach webhook" in once.detail
    sleeps = Sleeps()
    delivery = notifier(sleeps, webhook_attempts=2).send(summit_off(recipient=url))
    assert delivery.status == "dead" and delivery.attempts == 2 and len(sleeps.waits) == 1


def test_bad_url_and_missing_secret_are_dead_without_sending() -> None:
    with receiver() as (url, rec):
        bad = notifier().send(summit_off(recipient="ftp://files.example.org/in"))
        no_secret = notifier().send(port_strike(recipient=url, subscription="sub-without-secret"))
        fallback = WebhookNotifier(WebhookSettings(webhook_secret="shared")).send(
            port_strike(recipient=url, subscription="sub-without-secret"))
    assert bad.status == "dead" and "not an absolute http(s) URL" in bad.detail
    assert no_secret.status == "dead" and "WIREWATCH_WEBHOOK_SECRET" in no_secret.detail
    assert fallback.status == "sent"
    [(headers, body)] = rec.requests
    assert verify_signature("shared", body, headers["X-Wirewatch-Signature"])


def test_digest_is_one_post_with_a_digest_key() -> None:
    with receiver() as (url, rec):
        alerts = [summit_off(recipient=url), port_strike(recipient=url)]
        delivery = notifier().send_digest(alerts)
    assert delivery.status == "sent"
    [(headers, body)] = rec.requests
    payload = json.loads(body)
    assert payload["kind"] == "digest" and len(payload["alerts"]) == 2
    assert headers["X-Wirewatch-Idempotency-Key"] == digest_key(alerts) == payload["key"]
    assert verify_signature(SECRET, body, headers["X-Wirewatch-Signature"])


def test_verify_signature_rejects_tampering() -> None:
    body = summit_off().to_json().encode()
    header = sign(SECRET, body)
    assert verify_signature(SECRET, body, header)
    assert verify_signature(SECRET.encode(), body.decode(), header)
    assert not verify_signature("another-secret", body, header)
    assert not verify_signature(SECRET, body.replace(b"called off", b"confirmed"), header)
    assert not verify_signature(SECRET, body, None)
    assert not verify_signature(SECRET, body, "sha256=" + "0" * 64)
    assert not verify_signature("", body, header)


def test_backoff_and_retry_after_parsing() -> None:
    s = WebhookSettings(webhook_backoff_base=2.0, webhook_backoff_max=10.0, webhook_jitter=0.2)
    assert [backoff(n, s) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 10.0]
    assert 1.8 <= backoff(1, s, rand=0.0) < backoff(1, s, rand=0.99) <= 2.2
    assert retry_after("120") == 120.0
    assert retry_after(None) is None and retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_redirect_and_bad_request_are_dead_with_a_reason() -> None:
    with receiver((301, 0, {"Location": "https://hooks.example.org/new"}), (400, 0)) as (url, rec):
        moved = notifier().send(summit_off(recipient=url))
        refused = notifier().send(summit_off(recipient=url))
    assert moved.status == "dead" and "redirects to https://hooks.example.org/new" in moved.detail
    assert refused.status == "dead" and "400" in refused.detail and "receiver says no" in refused.detail
    assert len(rec.requests) == 2  # never followed, never retried


def test_failing_secret_lookup_is_retry_without_sending() -> None:
    def broken_store(subscription_id: str) -> str:
        raise OSError("database is locked")

    with receiver() as (url, rec):
        delivery = WebhookNotifier(secrets=broken_store).send(summit_off(recipient=url))
    assert delivery.status == "retry" and "database is locked" in delivery.detail
    assert rec.requests == []
