"""Email alerts against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from test_alerts_samples import free_port, port_strike, summit_off
from wirewatch.alerts import EmailNotifier, EmailSettings

pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402


class Inbox:
    """An aiosmtpd handler that keeps what it accepts; queued replies answer RCPT/DATA first."""

    def __init__(self, data_replies: list[str] | None = None, rcpt_replies: list[str] | None = None) -> None:
        self.data_replies = list(data_replies or [])
        self.rcpt_replies = list(rcpt_replies or [])
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.peers: list[Any] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if self.rcpt_replies:
            return self.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_replies:
            return self.data_replies.pop(0)
        msg = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), msg))
        self.peers.append(session.peer)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(inbox: Inbox, port: int | None = None, **kwargs: Any) -> Iterator[int]:
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def settings(port: int, **kw: Any) -> EmailSettings:
    values: dict[str, Any] = {"smtp_from": "alerts@wirewatch.example", "smtp_timeout": 5.0, **kw}
    return EmailSettings(smtp_host="127.0.0.1", smtp_port=port, **values)


def parts(msg: EmailMessage) -> tuple[str, str]:
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    return str(plain.get_content()), str(html.get_content())


def test_alert_arrives_as_plain_and_html_with_headers() -> None:
    inbox = Inbox()
    unsubscribe = {"smtp_unsubscribe_mailto": "leave@wirewatch.example",
                   "smtp_unsubscribe_url": "https://wirewatch.example/unsubscribe/{subscription_id}"}
    with smtp_server(inbox) as port:
        delivery = EmailNotifier(settings(port, **unsubscribe)).send(port_strike())
    assert delivery.status == "sent" and delivery.attempts == 1, delivery.detail
    [(rcpt, msg)] = inbox.received
    assert rcpt == ["analyst@example.org"]
    assert msg["To"] == "analyst@example.org"
    assert msg["From"] == "alerts@wirewatch.example"
    assert msg["Subject"] == "Dockworkers <strike> at Rotterdam & Antwerp"
    assert msg["Message-ID"] == delivery.message_id
    assert msg["Date"] and msg["Auto-Submitted"] == "auto-generated"
    assert msg["X-Wirewatch-Idempotency-Key"] == port_strike().key
    assert msg["List-Unsubscribe"] == ("<mailto:leave@wirewatch.example?subject=unsubscribe%20sub-usa-rus>, "
                                       "<https://wirewatch.example/unsubscribe/sub-usa-rus>")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain, html = parts(msg)
    assert plain.startswith("dockworkers walked out at two ports on Monday")
    assert "“\"We will stay out until the contract is signed,\" union leader Anna de Vries said.”" in plain
    assert "Unsubscribe: https://wirewatch.example/unsubscribe/sub-usa-rus" in plain
    assert "<title>Dockworkers &lt;strike&gt; at Rotterdam &amp; Antwerp</title>" in html
    assert "&quot;We will stay out until the contract is signed,&quot;" in html
    assert '<a href="https://news.example.org/business/ports">Example Wire, 2026-02-23</a>' in html
    assert "<strike>" not in html


def test_resend_carries_the_same_message_id() -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        notifier = EmailNotifier(settings(port))
        first = notifier.send(summit_off())
        again = notifier.send(summit_off())
        other = notifier.send(port_strike())
    assert [d.status for d in (first, again, other)] == ["sent", "sent", "sent"]
    ids = [msg["Message-ID"] for _, msg in inbox.received]
    assert ids[0] == ids[1] != ids[2]
    assert ids[0].startswith("<ww.") and ids[0].endswith("@wirewatch.example>")
    assert "List-Unsubscribe" not in inbox.received[0][1]


def test_a_session_sends_many_alerts_over_one_connection() -> None:
    inbox = Inbox()
    alerts = [summit_off(), port_strike(), summit_off(recipient="editor@example.org")]
    with smtp_server(inbox) as port:
        notifier = EmailNotifier(settings(port))
        with notifier.session():
            deliveries = [notifier.send(a) for a in alerts]
        after = notifier.send(port_strike())
    assert [d.status for d in deliveries + [after]] == ["sent"] * 4
    assert len(set(inbox.peers[:3])) == 1 and inbox.peers[3] != inbox.peers[0]


def test_a_session_reopens_a_connection_the_server_dropped() -> None:
    inbox = Inbox()
    port = free_port()
    notifier = EmailNotifier(settings(port))
    with notifier.session():
        with smtp_server(inbox, port=port):
            first = notifier.send(summit_off())
        with smtp_server(inbox, port=port):
            second = notifier.send(port_strike())
    assert (first.status, second.status) == ("sent", "sent"), second.detail
    assert len(inbox.received) == 2


def test_temporary_refusal_is_retry_then_sent() -> None:
    inbox = Inbox(data_replies=["451 4.3.0 Mailbox temporarily unavailable"])
    with smtp_server(inbox) as port:
        notifier = EmailNotifier(settings(port))
        first = notifier.send(summit_off())
        second = notifier.send(summit_off())
    assert first.status == "retry" and first.dead_letter is None
    assert "451" in first.detail and "127.0.0.1" in first.detail
    assert second.status == "sent"
    assert first.message_id == second.message_id
    assert len(inbox.received) == 1


def test_permanent_refusal_is_dead_with_a_dead_letter() -> None:
    inbox = Inbox(rcpt_replies=["550 5.1.1 No such user here"])
    with smtp_server(inbox) as port:
        delivery = EmailNotifier(settings(port)).send(summit_off())
    assert delivery.status == "dead"
    assert "550" in delivery.detail and "analyst@example.org" in delivery.detail
    assert delivery.dead_letter is not None
    assert delivery.dead_letter.alerts == (summit_off(),)
    assert delivery.dead_letter.channel == "email" and delivery.dead_letter.attempts == 1
    assert inbox.received == []


def test_digest_is_one_message_with_every_alert() -> None:
    inbox = Inbox()
    with smtp_server(inbox) as port:
        notifier = EmailNotifier(settings(port))
        delivery = notifier.send_digest([summit_off(), port_strike()])
        again = notifier.send_digest([port_strike(), summit_off()])
    assert delivery.status == "sent"
    assert again.message_id == delivery.message_id
    msg = inbox.received[0][1]
    assert msg["Subject"].startswith("wirewatch: 2 alerts")
    plain, html = parts(msg)
    assert "now called off" in plain and "dockworkers walked out" in plain
    assert html.count("<li>") == 2


def test_refused_login_is_dead_and_names_the_settings() -> None:
    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        return AuthResult(success=False, handled=False)

    with smtp_server(Inbox(), authenticator=authenticator, auth_require_tls=False) as port:
        delivery = EmailNotifier(settings(port, smtp_username="ww", smtp_password="wrong")).send(summit_off())
    assert delivery.status == "dead"
    assert "refused the login for 'ww'" in delivery.detail
    assert "WIREWATCH_SMTP_USERNAME / PASSWORD" in delivery.detail


def test_starttls_not_offered_is_dead_and_says_so() -> None:
    with smtp_server(Inbox()) as port:
        delivery = EmailNotifier(settings(port, smtp_starttls=True)).send(summit_off())
    assert delivery.status == "dead"
    assert "WIREWATCH_SMTP_STARTTLS" in delivery.detail


def test_no_server_is_retry() -> None:
    delivery = EmailNotifier(settings(free_port())).send(summit_off())
    assert delivery.status == "retry"
    assert "refused the connection" in delivery.detail and "WIREWATCH_SMTP_PORT" in delivery.detail


def test_silent_server_is_retry_after_the_timeout() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection but never greets
        port = listener.getsockname()[1]
        delivery = EmailNotifier(settings(port, smtp_timeout=0.3)).send(summit_off())
    assert delivery.status == "retry"
    assert "did not answer within 0.3s" in delivery.detail


def test_bad_addresses_are_dead_without_connecting() -> None:
    port = free_port()  # nothing listens: any connection attempt would give "retry"
    bad_to = EmailNotifier(settings(port)).send(summit_off(recipient="not an address"))
    assert bad_to.status == "dead" and "not an email address" in bad_to.detail
    assert "fix the subscription's email address" in bad_to.detail
    bad_from = EmailNotifier(EmailSettings(smtp_port=port, smtp_from="wirewatch")).send(summit_off())
    assert bad_from.status == "dead" and "WIREWATCH_SMTP_FROM" in bad_from.detail


def test_password_is_never_sent_in_clear_to_a_remote_server() -> None:
    s = EmailSettings(smtp_host="mail.example.org", smtp_port=free_port(), smtp_username="ww", smtp_password="pw")
    delivery = EmailNotifier(s).send(summit_off())
    assert delivery.status == "dead"
    assert "unencrypted" in delivery.detail and "WIREWATCH_SMTP_STARTTLS=1" in delivery.detail


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def tls_login_server(certificate: tuple[Path, Path], inbox: Inbox) -> Any:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(*certificate)

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"ww", b"correct horse")
        return AuthResult(success=ok)

    # aiosmtpd's defaults refuse AUTH before STARTTLS, as a real submission server does.
    return smtp_server(inbox, tls_context=server_context, require_starttls=True, authenticator=authenticator)


def test_starttls_then_login_then_send(certificate: tuple[Path, Path]) -> None:
    inbox = Inbox()
    client_context = ssl.create_default_context(cafile=str(certificate[0]))
    with tls_login_server(certificate, inbox) as port:
        s = settings(port, smtp_starttls=True, smtp_username="ww", smtp_password="correct horse")
        delivery = EmailNotifier(s, ssl_context=client_context).send(summit_off())
    assert delivery.status == "sent", delivery.detail
    assert len(inbox.received) == 1


def test_untrusted_certificate_is_dead_and_says_why(certificate: tuple[Path, Path]) -> None:
    with tls_login_server(certificate, Inbox()) as port:
        s = settings(port, smtp_starttls=True, smtp_username="ww", smtp_password="correct horse")
        delivery = EmailNotifier(s).send(summit_off())
    assert delivery.status == "dead"
    assert "did not verify" in delivery.detail and "CA" in delivery.detail
