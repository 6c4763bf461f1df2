"""Email alerts over SMTP: plain text + HTML, one message per alert or digest.

Standard library only (:mod:`smtplib`, :class:`email.message.EmailMessage`).
Each call opens one SMTP session (optionally STARTTLS or implicit TLS, and a
login), sends, and closes; the outbox retries "retry" outcomes later, so this
notifier makes one attempt per call.

What the receiver can rely on:

- ``Message-ID`` is derived from the alert key (a digest's from the set of
  keys), so a resend after a crash carries the same Message-ID;
- ``List-Unsubscribe`` (mailto: and/or https, from the settings plus the
  subscription id) and ``List-Unsubscribe-Post`` for one-click (RFC 8058);
- ``Auto-Submitted: auto-generated`` so that out-of-office replies stay away.
"""

from __future__ import annotations

import hashlib
import html
import re
import smtplib
import ssl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime
from urllib.parse import quote

from wirewatch.alerts import render
from wirewatch.alerts.config import from_env, setting
from wirewatch.alerts.notify import Alert, Delivery, dead, digest_key, digest_problem

CHANNEL = "email"
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,80}")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
# Long lines instead of folding keep machine-read headers (keys, List-Unsubscribe) in one piece
# for naive receivers; 998 is the RFC 5322 line limit.
_POLICY = default_policy.clone(max_line_length=998)


@dataclass(frozen=True)
class EmailSettings:
    """How to reach the SMTP server; read with ``EmailSettings.from_env()`` (``WIREWATCH_SMTP_*``)."""

    smtp_host: str = setting("localhost", "SMTP server host name.")
    smtp_port: int = setting(25, "SMTP server port (587 for submission with STARTTLS, 465 with WIREWATCH_SMTP_SSL).")
    smtp_starttls: bool = setting(False, "Upgrade the connection with STARTTLS before logging in.")
    smtp_ssl: bool = setting(False, "Connect with TLS from the start (SMTPS, usually port 465).")
    smtp_username: str = setting("", "Login name on the SMTP server; empty for no login.")
    smtp_password: str = setting("", "Password for WIREWATCH_SMTP_USERNAME.", secret=True)
    smtp_from: str = setting("wirewatch@localhost", "Sender address of alert mails.")
    smtp_timeout: float = setting(30.0, "Seconds to wait for the SMTP server at each step.")
    smtp_unsubscribe_mailto: str = setting(
        "", "Address that receives unsubscribe mails (List-Unsubscribe: mailto:); empty for none.")
    smtp_unsubscribe_url: str = setting(
        "", "Unsubscribe URL; '{subscription_id}' in it is replaced, else ?subscription=ID is added. Empty for none.")
    smtp_message_id_domain: str = setting(
        "", "Domain part of Message-IDs; empty to use the domain of WIREWATCH_SMTP_FROM.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> EmailSettings:
        return from_env(cls, env, **overrides)

    @property
    def server(self) -> str:
        return f"{self.smtp_host}:{self.smtp_port}"


class EmailNotifier:
    """Sends alerts as email; the outbox calls ``send(alert)`` or ``send_digest(alerts)``.

    ``alert.recipient`` is the subscriber's address. One attempt per call:
    temporary failures (4xx replies, connection refused or dropped, timeouts)
    give "retry", permanent ones (5xx replies, a bad address, TLS or login
    set-up that cannot work) give "dead" with a dead letter. ``ssl_context``
    is for a private CA; the default verifies certificates as usual.
    """

    channel = CHANNEL

    def __init__(self, settings: EmailSettings | None = None, ssl_context: ssl.SSLContext | None = None) -> None:
        self.settings = settings or EmailSettings()
        self._ssl_context = ssl_context
        self._smtp: smtplib.SMTP | None = None
        self._keep_open = False

    def send(self, alert: Alert) -> Delivery:
        return self._deliver([alert], digest=False)

    def send_digest(self, alerts: Sequence[Alert]) -> Delivery:
        if not alerts:
            return Delivery("sent", 0, detail="empty digest: nothing to send")
        problem = digest_problem(alerts)
        if problem:
            return dead(CHANNEL, alerts, problem, 0)
        return self._deliver(list(alerts), digest=True)

    def message(self, alerts: Sequence[Alert], digest: bool = False) -> EmailMessage:
        """The message that would be sent (no network): for tests and previews."""
        return build_message(alerts, self.settings, digest=digest)

    def _deliver(self, alerts: list[Alert], digest: bool) -> Delivery:
        s = self.settings
        recipient = alerts[0].recipient
        try:
            msg = build_message(alerts, s, digest=digest)
        except ValueError as exc:
            return dead(CHANNEL, alerts, str(exc), 0)
        message_id = str(msg["Message-ID"])
        if s.smtp_username and not (s.smtp_starttls or s.smtp_ssl) and s.smtp_host not in _LOOPBACK:
            return dead(CHANNEL, alerts, (
                f"refusing to send the password for {s.smtp_username!r} unencrypted to {s.server}: "
                "set WIREWATCH_SMTP_STARTTLS=1 (port 587) or WIREWATCH_SMTP_SSL=1 (port 465)"), 0, message_id)
        try:
            self._transmit(msg, render.clean(recipient).strip())
        except Exception as exc:  # noqa: BLE001 - every failure becomes a Delivery, never an exception
            status, detail = classify(exc, s, recipient)
            if status == "dead":
                return dead(CHANNEL, alerts, detail, 1, message_id)
            return Delivery("retry", 1, detail=detail, message_id=message_id)
        return Delivery("sent", 1, detail=f"accepted by {s.server} for {recipient}", message_id=message_id)

    @contextmanager
    def session(self) -> Iterator[EmailNotifier]:
        """Keep one SMTP connection open for every send inside the block, for an outbox draining many alerts.

        Outside a session each send opens and closes its own connection. A
        session belongs to one thread; a connection the server dropped while
        idle is reopened once, transparently.
        """
        self._keep_open = True
        try:
            yield self
        finally:
            self._keep_open = False
            self._drop(quit=True)

    def _transmit(self, msg: EmailMessage, recipient: str) -> None:
        s = self.settings
        reused = self._smtp is not None
        smtp = self._smtp or self._open()
        try:
            try:
                smtp.send_message(msg, from_addr=s.smtp_from, to_addrs=[recipient])
            except smtplib.SMTPServerDisconnected:
                if not reused:
                    raise
                # The kept connection timed out while idle: that says nothing about this message.
                self._smtp = None
                smtp = self._open()
                smtp.send_message(msg, from_addr=s.smtp_from, to_addrs=[recipient])
        except BaseException:
            self._smtp = None
            _close(smtp, quit=False)
            raise
        if self._keep_open:
            self._smtp = smtp
        else:
            self._smtp = None
            _close(smtp, quit=True)

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        if self._ssl_context is None:
            self._ssl_context = ssl.create_default_context()  # loading the CA store costs; do it once
        context = self._ssl_context
        smtp: smtplib.SMTP
        if s.smtp_ssl:
            smtp = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
        try:
            smtp.ehlo()
            if s.smtp_starttls and not s.smtp_ssl:
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _drop(self, quit: bool) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            _close(smtp, quit)


def _close(smtp: smtplib.SMTP, quit: bool) -> None:
    try:
        if quit:
            smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass  # the message is already accepted or already failed; a failed goodbye changes nothing
    finally:
        smtp.close()


def build_message(alerts: Sequence[Alert], settings: EmailSettings, digest: bool = False) -> EmailMessage:
    """The email for one alert (or a digest of several for one recipient); ValueError names a bad address."""
    if not alerts:
        raise ValueError("no alert to put in an email: pass at least one")
    first = alerts[0]
    to = _address(first.recipient, f"subscription {first.subscription_id!r}: the recipient",
                  "fix the subscription's email address")
    sender = _address(settings.smtp_from, "WIREWATCH_SMTP_FROM", "set it to an address such as alerts@example.org")
    key = digest_key(alerts) if digest else first.key
    domain = settings.smtp_message_id_domain or sender.domain or "wirewatch.invalid"

    msg = EmailMessage(policy=_POLICY)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = render.digest_subject(alerts) if digest else render.subject(first)
    msg["Date"] = format_datetime(_when(first.created_at))
    msg["Message-ID"] = message_id(key, domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Wirewatch-Idempotency-Key"] = key
    msg["X-Wirewatch-Subscription"] = render.one_line(first.subscription_id, 200)
    unsubscribe = list_unsubscribe(first.subscription_id, settings)
    if unsubscribe:
        msg["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in unsubscribe)
        if any(u.startswith("https:") for u in unsubscribe):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"

    text = render.plain_digest(alerts) if digest else render.plain(first)
    body = render.html_digest(alerts) if digest else render.html_fragment(first)
    footer_text, footer_html = _footer(first.subscription_id, unsubscribe)
    msg.set_content(text + "\n-- \n" + footer_text + "\n")
    msg.add_alternative(render.html_page(str(msg["Subject"]), body, footer_html), subtype="html")
    return msg


def message_id(key: str, domain: str) -> str:
    """``<ww.KEY@domain>``; a key with characters a Message-ID cannot hold is hashed first."""
    local = key if _SAFE_ID.fullmatch(key) else hashlib.sha256(key.encode()).hexdigest()
    host = re.sub(r"[^A-Za-z0-9.-]", "", domain) or "wirewatch.invalid"
    return f"<ww.{local}@{host}>"


def list_unsubscribe(subscription_id: str, settings: EmailSettings) -> list[str]:
    """The unsubscribe URIs for this subscription (mailto: first, as RFC 2369 lists them)."""
    out = []
    sid = render.one_line(subscription_id)
    if settings.smtp_unsubscribe_mailto.strip():
        out.append(f"mailto:{settings.smtp_unsubscribe_mailto.strip()}?subject={quote('unsubscribe ' + sid)}")
    template = settings.smtp_unsubscribe_url.strip()
    if template:
        if "{subscription_id}" in template:
            url = template.replace("{subscription_id}", quote(sid, safe=""))
        else:
            url = f"{template}{'&' if '?' in template else '?'}subscription={quote(sid, safe='')}"
        out.append(url)
    return out


def classify(exc: BaseException, settings: EmailSettings, recipient: str) -> tuple[str, str]:
    """("retry" | "dead", detail naming the server, the problem and the fix) for one SMTP failure."""
    server = settings.server
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()), (550, b"refused"))
        return _by_code(code, f"{server} refused recipient {recipient!r}: {code} {_text(text)}",
                        "check the subscription's address")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return _by_code(exc.smtp_code, (
            f"SMTP server {server} refused the login for {settings.smtp_username!r}: "
            f"{exc.smtp_code} {_text(exc.smtp_error)}"), "check WIREWATCH_SMTP_USERNAME / PASSWORD")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return _by_code(exc.smtp_code, f"{server} refused sender {settings.smtp_from!r}: "
                        f"{exc.smtp_code} {_text(exc.smtp_error)}", "check WIREWATCH_SMTP_FROM")
    if isinstance(exc, smtplib.SMTPResponseException):
        return _by_code(exc.smtp_code, f"{server} answered {exc.smtp_code} {_text(exc.smtp_error)} "
                        f"while sending to {recipient!r}", "see the server's log for that message")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return "dead", (f"SMTP server {server} does not support what the settings ask ({exc}): set "
                        "WIREWATCH_SMTP_STARTTLS=0 or use a server that offers STARTTLS / AUTH")
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__, TimeoutError):
        exc = exc.__context__  # smtplib hides a read timeout inside "connection unexpectedly closed"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "retry", f"SMTP server {server} closed the connection ({exc or 'no reason given'}): will try again"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "dead", (f"TLS certificate of {server} did not verify ({exc.verify_message}): "
                        "fix WIREWATCH_SMTP_HOST to the name on the certificate or install the server's CA")
    if isinstance(exc, ssl.SSLError):
        return "dead", (f"TLS with {server} failed ({exc}): check WIREWATCH_SMTP_SSL / WIREWATCH_SMTP_STARTTLS "
                        "against the port (465 is SSL, 587 is STARTTLS)")
    if isinstance(exc, TimeoutError):
        return "retry", f"SMTP server {server} did not answer within {settings.smtp_timeout:g}s: will try again"
    if isinstance(exc, ConnectionRefusedError):
        return "retry", (f"SMTP server {server} refused the connection: is it running? "
                         "Check WIREWATCH_SMTP_HOST / WIREWATCH_SMTP_PORT")
    if isinstance(exc, OSError):
        return "retry", f"could not reach SMTP server {server} ({exc}): check WIREWATCH_SMTP_HOST / PORT"
    if isinstance(exc, smtplib.SMTPException):
        return "dead", f"SMTP with {server} failed: {exc}; check the WIREWATCH_SMTP_* settings"
    return "dead", f"sending mail to {recipient!r} through {server} failed unexpectedly: {exc!r}"


def _by_code(code: int, what: str, fix: str) -> tuple[str, str]:
    if 400 <= code < 500:
        return "retry", f"{what} (temporary): will try again"
    if 500 <= code < 600:
        return "dead", f"{what}: {fix}"
    return "retry", f"{what}: will try again"


def _text(raw: bytes | str) -> str:
    value = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return render.one_line(value, 300)


def _address(value: str, what: str, fix: str) -> Address:
    text = render.clean(value).strip()
    try:
        address = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError) as exc:
        raise ValueError(f"{what} {value!r} is not an email address ({exc}): {fix}") from None
    if not address.username or not address.domain or any(c.isspace() for c in text):
        raise ValueError(f"{what} {value!r} is not an email address (user@domain): {fix}")
    return address


def _when(iso: str) -> datetime:
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return datetime.now(UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _footer(subscription_id: str, unsubscribe: list[str]) -> tuple[str, str]:
    sid = render.one_line(subscription_id, 200)
    text = f"You get this because of wirewatch subscription {sid}."
    links = [u for u in unsubscribe if u.startswith("http")] or unsubscribe
    if not links:
        return text, html.escape(text)
    link = links[0]
    return (f"{text}\nUnsubscribe: {link}",
            f"{html.escape(text)} <a href=\"{html.escape(link, quote=True)}\">Unsubscribe</a>")
