"""``wirewatch alerts list | send | retry`` through click's CliRunner, with a real SQLite file and SMTP server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from test_alerts_email import Inbox, smtp_server
from test_outbox_samples import enqueue, subscription
from wirewatch.cli import main
from wirewatch.store import SQLiteStore

pytest.importorskip("aiosmtpd")


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--store", str(db), "alerts", *args], env=env or {})


def smtp_env(port: int) -> dict[str, str]:
    return {"WIREWATCH_SMTP_HOST": "127.0.0.1", "WIREWATCH_SMTP_PORT": str(port),
            "WIREWATCH_SMTP_FROM": "alerts@wirewatch.example", "WIREWATCH_SMTP_TIMEOUT": "5"}


class Refusing(Inbox):
    """An inbox whose server refuses one address for good (550) and accepts the others."""

    def __init__(self, refused: str) -> None:
        super().__init__()
        self.refused = refused

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address == self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        return await super().handle_RCPT(server, session, envelope, address, options)


def seed(db: Path) -> list[str]:
    """Two subscribers: one whose server accepts, one whose address the server refuses for good."""
    with SQLiteStore(db) as store:
        ok, bad = subscription("sub-desk"), subscription("sub-intern", recipient="intern@example.org")
        store.put_subscription(ok)
        store.put_subscription(bad)
        return [a.key for a in enqueue(store, ok, 0) + enqueue(store, bad, 1)]


def test_send_delivers_reports_and_list_shows_the_dead_letter(tmp_path: Path) -> None:
    db = tmp_path / "wirewatch.db"
    sent_key, dead_key = seed(db)
    inbox = Refusing("intern@example.org")
    with smtp_server(inbox) as port:
        result = run(db, "send", env=smtp_env(port))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("sent 1, retry 0, dead 1, skipped 0 (1 message)")
    assert f"dead    {dead_key[:12]} -> email intern@example.org" in result.output
    assert len(inbox.received) == 1

    listed = run(db, "list", "--status", "dead")
    assert listed.exit_code == 0 and dead_key[:12] in listed.output and sent_key[:12] not in listed.output
    assert "last error:" in listed.output and "550" in listed.output

    rows = [json.loads(line) for line in run(db, "list", "--json").output.splitlines()]
    assert [(r["key"], r["status"]) for r in rows] == [(sent_key, "sent"), (dead_key, "dead")]
    assert rows[0]["channel"] == "email" and rows[0]["title"] == "Doha ceasefire talks postponed to next week"
    assert "alert" not in rows[0]


def test_retry_requeues_a_dead_alert_by_key_prefix_and_send_delivers_it(tmp_path: Path) -> None:
    db = tmp_path / "wirewatch.db"
    _, dead_key = seed(db)
    with smtp_server(Refusing("intern@example.org")) as port:
        assert run(db, "send", env=smtp_env(port)).exit_code == 0
    retried = run(db, "retry", dead_key[:10])
    assert retried.exit_code == 0 and "queued 1 alert again" in retried.output
    inbox = Inbox()
    with smtp_server(inbox) as port:
        again = run(db, "send", "--json", env=smtp_env(port))
    report = json.loads(again.output)
    assert (report["sent"], report["dead"]) == (1, 0) and len(inbox.received) == 1
    assert run(db, "retry", "--all-dead").output.strip() == "no dead alerts to queue"


def test_retry_refuses_an_unknown_key_and_needs_a_key_or_all_dead(tmp_path: Path) -> None:
    db = tmp_path / "wirewatch.db"
    seed(db)
    unknown = run(db, "retry", "deadbeef00")
    assert unknown.exit_code == 1 and "'deadbeef00' is not the start of any dead alert" in unknown.output
    neither = run(db, "retry")
    assert neither.exit_code == 2 and "--all-dead" in neither.output


def test_send_exits_0_when_alerts_wait_for_a_retry(tmp_path: Path) -> None:
    db = tmp_path / "wirewatch.db"
    seed(db)
    with smtp_server(Inbox(data_replies=["421 4.7.0 Try again later", "421 4.7.0 Try again later"])) as port:
        result = run(db, "send", env=smtp_env(port))
    assert result.exit_code == 0, result.output
    assert "sent 0, retry 2, dead 0" in result.output and "next try" in result.output
    pending = run(db, "list", "--status", "pending")
    assert pending.output.count("last error:") == 2


def test_a_broken_setup_fails_with_the_variable_named_and_no_traceback(tmp_path: Path) -> None:
    db = tmp_path / "wirewatch.db"
    seed(db)
    result = run(db, "send", env={"WIREWATCH_ALERT_ATTEMPTS": "many"})
    assert result.exit_code == 1
    assert "WIREWATCH_ALERT_ATTEMPTS='many' is not a whole number" in result.output
    assert "Traceback" not in result.output


def test_list_on_an_empty_outbox_says_how_alerts_appear(tmp_path: Path) -> None:
    result = run(tmp_path / "wirewatch.db", "list")
    assert result.exit_code == 0 and "wirewatch follow" in result.output


def test_settings_lists_every_delivery_setting_without_secrets(tmp_path: Path) -> None:
    result = run(tmp_path / "wirewatch.db", "settings", env={"WIREWATCH_SMTP_PASSWORD": "hunter2"})
    assert result.exit_code == 0
    for name in ("WIREWATCH_SMTP_HOST", "WIREWATCH_WEBHOOK_SECRET", "WIREWATCH_ATOM_DIR", "WIREWATCH_ALERT_ATTEMPTS"):
        assert name in result.output
    assert "hunter2" not in result.output and "(default (secret))" in result.output
