"""``wirewatch alerts list | send | retry``: thin over :mod:`wirewatch.alerts.outbox`."""

from __future__ import annotations

import json
from typing import Any

import click

from wirewatch.commands.common import cli_store, clip, emit_json
from wirewatch.store.follow_base import OUTBOX_STATUSES, OutboxRow, SubscriptionRow

_SHORT = 12  # characters of a key shown in lists; 'alerts retry' takes any unique prefix








def _title(row: OutboxRow) -> str:
    try:
        data = json.loads(row.alert)
    except ValueError:
        return "(unreadable alert)"
    return str(data.get("title") or data.get("change") or "") if isinstance(data, dict) else ""


def _row_dict(row: OutboxRow, sub: SubscriptionRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in row.__dict__.items() if k != "alert"}
    out["title"] = _title(row)
    out["channel"] = sub.channel if sub else None
    out["recipient"] = sub.recipient if sub else None
    return out


@click.group(name="alerts")
def alerts_group() -> None:
    """Deliver alerts and look at the outbox.

    Matching puts every alert in the outbox together with the article that
    caused it; 'alerts send' (or 'wirewatch watch') delivers what is due.
    Temporary failures are retried with growing waits; permanent ones become
    dead letters that 'alerts retry' queues again.

    \b
    Examples:
      wirewatch alerts send                   # deliver everything due (cron: every minute)
      wirewatch alerts list --status dead     # what could not be delivered, and why
      wirewatch alerts retry --all-dead       # after fixing the cause
    """


@alerts_group.command(name="list")
@click.option("--status", type=click.Choice(OUTBOX_STATUSES), default=None, help="Only alerts with this status.")
@click.option("--subscription", "subscription_id", default=None, metavar="ID",
              help="Only alerts of this subscription.")
@click.option("--limit", type=int, default=100, show_default=True, help="Show at most this many (newest).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert (without the alert body).")
@click.pass_context
def list_command(ctx: click.Context, status: str | None, subscription_id: str | None, limit: int,
                 as_json: bool) -> None:
    """List outbox rows, oldest first: status, key, when, tries, channel, recipient, title.

    A pending row shows when it is due; a sent one when it went out; a dead
    one (and a pending one that failed before) its last error.

    \b
    Examples:
      wirewatch alerts list
      wirewatch alerts list --status dead --json
    """
    with cli_store(ctx) as store:
        rows = list(store.alerts(status=status, subscription_id=subscription_id))[-limit:] if limit > 0 else []
        subs: dict[str, SubscriptionRow | None] = {}
        for row in rows:
            if row.subscription_id not in subs:
                subs[row.subscription_id] = store.get_subscription(row.subscription_id)
            sub = subs[row.subscription_id]
            if as_json:
                emit_json(_row_dict(row, sub))
                continue
            when = row.sent_at if row.status == "sent" else row.due_at
            where = f"{sub.channel} {sub.recipient}" if sub else f"(subscription {row.subscription_id} gone)"
            click.echo(f"{row.status:9} {row.key[:_SHORT]}  {when or '?':20}  {row.attempts}x  "
                       f"{clip(where, 40):40}  {clip(_title(row), 60)}")
            if row.error and row.status in ("pending", "dead"):
                click.echo(f"          last error: {clip(row.error, 160)}")
        if not rows and not as_json:
            click.echo("no alerts" + (f" with status {status}" if status else "")
                       + ": alerts appear when an ingested article matches a subscription ('wirewatch follow')")


@alerts_group.command(name="send")
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@click.pass_context
def send_command(ctx: click.Context, as_json: bool) -> None:
    """Deliver every alert that is due now, once, and report what happened.

    Exits 0 when the run worked, even if some alerts must be retried later or
    went dead (see 'alerts list --status dead'); non-zero only when the set-up
    is broken (a bad WIREWATCH_* setting, an unreadable store). Mail settings
    are WIREWATCH_SMTP_*, webhooks WIREWATCH_WEBHOOK_*, feeds WIREWATCH_ATOM_*,
    retries WIREWATCH_ALERT_* ('wirewatch alerts settings' lists them).

    \b
    Examples:
      WIREWATCH_SMTP_HOST=mail.example.org WIREWATCH_SMTP_PORT=587 WIREWATCH_SMTP_STARTTLS=1 \\
        wirewatch alerts send
      * * * * *  cd /srv/wirewatch && .venv/bin/wirewatch alerts send     # crontab line
    """
    from wirewatch.alerts.sender import Sender

    with cli_store(ctx) as store:
        try:
            sender = Sender.from_env(store)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        with sender:
            report = sender.drain()
    if as_json:
        emit_json(report.to_dict())
        return
    for outcome in report.outcomes:
        if outcome.status == "sent":
            continue
        what = f"digest of {len(outcome.keys)}" if outcome.digest else outcome.keys[0][:_SHORT]
        then = f" (next try {outcome.due_at})" if outcome.due_at else ""
        click.echo(f"{outcome.status:7} {what} -> {outcome.channel or '-'} {outcome.recipient or '-'}: "
                   f"{clip(outcome.detail, 200)}{then}")
    click.echo(report.summary())


@alerts_group.command(name="retry")
@click.argument("keys", nargs=-1, metavar="[KEY]...")
@click.option("--all-dead", is_flag=True, help="Queue every dead alert again.")
@click.pass_context
def retry_command(ctx: click.Context, keys: tuple[str, ...], all_dead: bool) -> None:
    """Queue dead alerts again, due now, with a fresh count of tries.

    KEY is an alert key as 'alerts list' shows it (any unique start of it).
    Fix the cause first (the address, the webhook URL, WIREWATCH_SMTP_*); the
    next 'alerts send' delivers them.

    \b
    Examples:
      wirewatch alerts retry 3f9a1c0d2b7e
      wirewatch alerts retry --all-dead
    """
    from wirewatch.alerts.outbox import retry_dead

    if bool(keys) == all_dead:
        raise click.UsageError("give alert keys or --all-dead, e.g. 'wirewatch alerts retry --all-dead'")
    with cli_store(ctx) as store:
        if all_dead:
            done = retry_dead(store)
        else:
            dead = list(store.alerts(status="dead"))
            full: list[str] = []
            for key in keys:
                start = key.strip().lower()
                matches = [r.key for r in dead if r.key.startswith(start)] if len(start) >= 4 else []
                if len(matches) != 1:
                    problem = "is not the start of any dead alert" if not matches else \
                        f"matches {len(matches)} dead alerts: give more of it"
                    raise click.ClickException(f"key {key!r} {problem} (see 'wirewatch alerts list --status dead')")
                full.append(matches[0])
            done = retry_dead(store, full)
    click.echo(f"queued {len(done)} alert{'s' if len(done) != 1 else ''} again; 'wirewatch alerts send' delivers "
               "them" if done else "no dead alerts to queue")


@alerts_group.command(name="settings")
def settings_command() -> None:
    """List every alert-delivery setting (WIREWATCH_SMTP_*, _WEBHOOK_*, _ATOM_*, _ALERT_*).

    Settings are read from the environment when alerts are sent.

    \b
    Example:
      wirewatch alerts settings
    """
    from wirewatch.alerts.channels import describe_settings

    for name, default, help_text in describe_settings():
        click.echo(f"{name} (default {default})\n    {help_text}")


COMMANDS: list[click.Command] = [alerts_group]
