"""Webhook alerts: the alert as a signed JSON POST, retried with backoff.

The body is the alert's canonical JSON (:meth:`Alert.to_json`); a digest is
``{"kind": "digest", "key": ..., "subscription_id": ..., "alerts": [...]}``.
Headers:

- ``X-Wirewatch-Signature: sha256=<hex>``: HMAC-SHA256 of the raw body with
  the subscription's secret;
- ``X-Wirewatch-Idempotency-Key``: the alert key (the same on every retry and
  on a resend after a crash: store it and drop repeats);
- ``X-Wirewatch-Timestamp``: Unix seconds of this attempt;
- ``User-Agent: wirewatch/<version> (alerts)``.

A receiver checks a delivery with :func:`verify_signature` before trusting
it, over the raw bytes it received (not re-serialised JSON)::

    from wirewatch.alerts.webhook import verify_signature
    if not verify_signature(secret, request_body_bytes, request.headers["X-Wirewatch-Signature"]):
        return 401

Outcomes: 2xx is "sent"; any other 4xx than 408/429 is "dead" at once (the
receiver rejected it, 410 meaning the endpoint is gone); 5xx, 408, 429,
timeouts and connection errors are tried again after an exponential backoff
(honouring ``Retry-After``), and after the last attempt the delivery is
"dead" with a dead letter.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from wirewatch.alerts import render
from wirewatch.alerts.config import from_env, setting
from wirewatch.alerts.notify import Alert, Delivery, dead, digest_key, digest_problem

CHANNEL = "webhook"
SIGNATURE_HEADER = "X-Wirewatch-Signature"
IDEMPOTENCY_HEADER = "X-Wirewatch-Idempotency-Key"
TIMESTAMP_HEADER = "X-Wirewatch-Timestamp"
_SNIPPET_BYTES = 2048


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("wirewatch")
    except Exception:  # noqa: BLE001 - a source checkout without metadata still sends
        return "0"


@dataclass(frozen=True)
class WebhookSettings:
    """Timeouts and the retry policy; read with ``WebhookSettings.from_env()`` (``WIREWATCH_WEBHOOK_*``)."""

    webhook_timeout: float = setting(10.0, "Seconds to wait for a webhook receiver (connect and each read).")
    webhook_attempts: int = setting(5, "Tries per delivery before it becomes a dead letter (1 = no retry).")
    webhook_backoff_base: float = setting(1.0, "Seconds before the first retry; doubled for each further retry.")
    webhook_backoff_max: float = setting(60.0, "Longest wait between two tries, in seconds (also caps Retry-After).")
    webhook_jitter: float = setting(
        0.1, "Random spread of each wait, as a fraction (0.1 = +-5%), so receivers are not hit in lockstep.")
    webhook_secret: str = setting(
        "", "Signing secret for subscriptions that have none of their own; empty to require one each.", secret=True)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> WebhookSettings:
        return from_env(cls, env, **overrides)


def sign(secret: str | bytes, body: bytes) -> str:
    """The ``X-Wirewatch-Signature`` value for ``body``: ``sha256=<hex HMAC-SHA256>``."""
    key = secret.encode() if isinstance(secret, str) else secret
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def verify_signature(secret: str | bytes, body: bytes | str, header: str | None) -> bool:
    """True when ``header`` is the signature of ``body`` with ``secret`` (constant-time compare)."""
    if not header or not secret:
        return False
    raw = body.encode() if isinstance(body, str) else body
    return hmac.compare_digest(sign(secret, raw).encode(), header.strip().encode("utf-8", "replace"))


def backoff(attempt: int, settings: WebhookSettings, rand: float = 0.5) -> float:
    """Seconds to wait after failed try number ``attempt`` (1-based); ``rand`` in [0, 1) spreads it."""
    base = min(settings.webhook_backoff_max, settings.webhook_backoff_base * 2 ** max(0, attempt - 1))
    return max(0.0, base * (1 + settings.webhook_jitter * (rand - 0.5)))


class WebhookNotifier:
    """POSTs alerts to ``alert.recipient`` (an http(s) URL); the outbox calls ``send`` or ``send_digest``.

    ``secrets(subscription_id)`` returns that subscription's signing secret
    (None or "" falls back to ``settings.webhook_secret``; with neither the
    delivery is dead, naming the fix). ``send`` tries up to
    ``webhook_attempts`` times, sleeping with ``sleep`` between tries, and
    returns "sent" or "dead" (with a dead letter); an outbox that prefers to
    schedule retries itself calls :meth:`attempt`, which tries once and may
    return "retry". ``client``, ``sleep``, ``clock`` and ``rand`` are
    injectable so that tests run fast and deterministic.
    """

    channel = CHANNEL

    def __init__(
        self,
        settings: WebhookSettings | None = None,
        secrets: Callable[[str], str | bytes | None] | None = None,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings or WebhookSettings()
        self._secrets = secrets
        self._client = client
        self._own_client: httpx.Client | None = None
        self._sleep = sleep
        self._clock = clock
        self._rand = rand
        self.user_agent = f"wirewatch/{_version()} (alerts)"

    def send(self, alert: Alert) -> Delivery:
        return self._deliver([alert], alert.key, alert.to_json().encode(), self.settings.webhook_attempts)

    def send_digest(self, alerts: Sequence[Alert]) -> Delivery:
        return self._digest(alerts, self.settings.webhook_attempts, final_dead=True)

    def attempt(self, alert: Alert) -> Delivery:
        """One try, no sleeping: "sent", "retry" (with ``retry_after`` when the receiver gave one) or "dead"."""
        return self._deliver([alert], alert.key, alert.to_json().encode(), 1, final_dead=False)

    def attempt_digest(self, alerts: Sequence[Alert]) -> Delivery:
        """One try of a digest, no sleeping: :meth:`attempt` for :meth:`send_digest`."""
        return self._digest(alerts, 1, final_dead=False)

    def _digest(self, alerts: Sequence[Alert], attempts: int, final_dead: bool) -> Delivery:
        if not alerts:
            return Delivery("sent", 0, detail="empty digest: nothing to send")
        problem = digest_problem(alerts)
        if problem:
            return dead(CHANNEL, alerts, problem, 0)
        key, body = digest_body(alerts)
        return self._deliver(list(alerts), key, body, attempts, final_dead=final_dead)

    def close(self) -> None:
        """Close the connection pool this notifier opened (a client passed in is the caller's to close)."""
        if self._own_client is not None:
            self._own_client.close()
            self._own_client = None

    def __enter__(self) -> WebhookNotifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _http(self) -> httpx.Client:
        # One pooled client per notifier: keep-alive to a busy receiver, and certificates loaded once.
        if self._client is not None:
            return self._client
        if self._own_client is None:
            self._own_client = httpx.Client(follow_redirects=False)
        return self._own_client

    def _deliver(self, alerts: list[Alert], key: str, body: bytes, attempts: int,
                 final_dead: bool = True) -> Delivery:
        first = alerts[0]
        url = render.one_line(first.recipient)
        if render.safe_url(url) is None:
            return dead(CHANNEL, alerts, (
                f"subscription {first.subscription_id!r}: webhook URL {first.recipient!r} is not an absolute "
                "http(s) URL: fix the subscription's URL"), 0, key)
        try:
            own = self._secrets(first.subscription_id) if self._secrets else None
        except Exception as exc:  # noqa: BLE001 - a store hiccup while looking the secret up passes
            return Delivery("retry", 0, detail=(f"could not look up the signing secret of subscription "
                                                f"{first.subscription_id!r}: {exc!r}"), message_id=key)
        secret = own or self.settings.webhook_secret
        if not secret:
            return dead(CHANNEL, alerts, (
                f"subscription {first.subscription_id!r} has no webhook signing secret: give the subscription "
                "one or set WIREWATCH_WEBHOOK_SECRET"), 0, key)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": self.user_agent,
            SIGNATURE_HEADER: sign(secret, body),
            IDEMPOTENCY_HEADER: key,
        }
        attempts = max(1, attempts)
        detail = ""
        for n in range(1, attempts + 1):
            headers[TIMESTAMP_HEADER] = str(int(self._clock()))
            status, detail, hint = self._post(url, body, headers)
            if status == "sent":
                return Delivery("sent", n, detail=detail, message_id=key)
            if status == "dead":
                return dead(CHANNEL, alerts, detail, n, key)
            if n == attempts:
                if not final_dead:
                    return Delivery("retry", n, detail=detail, message_id=key, retry_after=hint)
                break
            wait = backoff(n, self.settings, self._rand())
            if hint is not None:
                wait = min(self.settings.webhook_backoff_max, max(wait, hint))
            self._sleep(wait)
        return dead(CHANNEL, alerts, f"gave up after {attempts} tries; last: {detail}", attempts, key)

    def _post(self, url: str, body: bytes, headers: dict[str, str]) -> tuple[str, str, float | None]:
        """("sent" | "retry" | "dead", detail, Retry-After seconds) for one POST."""
        timeout = self.settings.webhook_timeout
        try:
            # Streamed so that only the start of an error page is read, however much the receiver sends.
            with self._http().stream("POST", url, content=body, headers=headers, timeout=timeout) as response:
                head = b""
                if not 200 <= response.status_code < 300:
                    for chunk in response.iter_bytes():
                        head += chunk
                        if len(head) >= _SNIPPET_BYTES:
                            break
        except httpx.TimeoutException:
            return "retry", f"webhook {url} did not answer within {timeout:g}s (WIREWATCH_WEBHOOK_TIMEOUT)", None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return "dead", f"webhook URL {url!r} cannot be used ({exc}): fix the subscription's URL", None
        except httpx.TransportError as exc:
            return "retry", f"could not reach webhook {url} ({type(exc).__name__}: {exc})", None
        except Exception as exc:  # noqa: BLE001 - an odd failure still becomes a Delivery
            return "retry", f"posting to webhook {url} failed: {exc!r}", None
        return classify_response(url, response, head[:_SNIPPET_BYTES].decode("utf-8", "replace"))


def classify_response(url: str, response: httpx.Response, text: str = "") -> tuple[str, str, float | None]:
    """What one receiver's answer (status, headers, the start of its body) means for the delivery."""
    code = response.status_code
    snippet = render.one_line(text, 200)
    said = f"webhook {url} answered {code} {response.reason_phrase}" + (f": {snippet}" if snippet else "")
    if 200 <= code < 300:
        return "sent", f"webhook {url} accepted it ({code})", None
    if code in (408, 429) or code >= 500:
        return "retry", said, retry_after(response.headers.get("Retry-After"))
    if 300 <= code < 400:
        where = response.headers.get("Location", "?")
        return "dead", f"{said}; it redirects to {where}: update the subscription's URL", None
    if code == 410:
        return "dead", f"{said}; the endpoint is gone: remove or update the subscription", None
    if code in (401, 403):
        return "dead", f"{said}; the receiver refused the signature or credentials: check the secret", None
    return "dead", f"{said}; the receiver rejected the alert: check the URL and what the receiver expects", None


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def digest_body(alerts: Sequence[Alert]) -> tuple[str, bytes]:
    """(idempotency key, canonical JSON body) of a digest."""
    key = digest_key(alerts)
    payload = {"kind": "digest", "key": key, "subscription_id": alerts[0].subscription_id,
               "alerts": [a.to_dict() for a in alerts]}
    return key, json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
