"""``wirewatch follow``, ``follows``, ``unfollow``: thin over :mod:`wirewatch.follow`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

import click

from wirewatch.commands.common import cli_store
from wirewatch.follow import FollowError, add_subscription, describe, new_subscription
from wirewatch.follow.subscriptions import CHANNELS, check_subscription_id
from wirewatch.record import PLOVER_TYPES
from wirewatch.store.follow_base import SubscriptionRow


@click.command(name="follow")
@click.argument("recipient")
@click.option("--entity", metavar="NAME", help="A person, organisation or country, as articles name it.")
@click.option("--pair", metavar="'A-B'", help="Two actors by country or organisation code ('USA-RUS'); "
              "event types may follow ('USA-RUS CONSULT').")
@click.option("--type", "event_types", metavar="TYPE", multiple=True,
              help=f"With --pair: only these PLOVER event types (repeatable): {', '.join(PLOVER_TYPES)}.")
@click.option("--story", metavar="ID", help="A story id (see 'wirewatch stories').")
@click.option("--query", metavar="WORDS", help="Words as for 'wirewatch search'; \"quoted phrase\", word*, OR.")
@click.option("--digest", type=click.Choice(["hourly", "daily"]), default=None,
              help="Bundle alerts into one message per hour or day instead of one per fact.")
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="How to deliver; by default the recipient says (address, URL, .xml/.atom file).")
@click.option("--secret", default=None, help="Webhooks only: the key that signs each request (HMAC-SHA256).")
@click.pass_context
def follow_command(ctx: click.Context, recipient: str, entity: str | None, pair: str | None,
                   event_types: tuple[str, ...], story: str | None, query: str | None, digest: str | None,
                   channel: str | None, secret: str | None) -> None:
    """Send RECIPIENT an alert whenever something they follow changes; prints the subscription id.

    RECIPIENT is an email address, a webhook URL (http/https) or an Atom
    feed file (.xml or .atom) that wirewatch keeps up to date. Follow exactly
    one thing: --entity, --pair, --story or --query. Following the same thing
    again changes its delivery (digest, channel, secret) and keeps its id.

    \b
    Examples:
      wirewatch follow ana@example.org --entity "Vladimir Putin"
      wirewatch follow ana@example.org --pair "USA-RUS" --type CONSULT --digest daily
      wirewatch follow https://hooks.example.org/ww --story s3 --secret "$WEBHOOK_KEY"
      wirewatch follow feeds/rail.xml --query '"rail summit" OR "rail tunnel"'
    """
    try:
        sub = new_subscription(recipient, entity=entity, pair=pair, event_types=event_types, story=story,
                               query=query, cadence=digest or "immediate", channel=channel, secret=secret)
    except FollowError as exc:
        raise click.UsageError(str(exc)) from exc
    with cli_store(ctx) as store:
        try:
            sub, created = add_subscription(store, sub)
        except FollowError as exc:
            raise click.ClickException(str(exc)) from exc
    if not created:
        click.echo(f"already following: {sub.recipient} follows {describe(sub)} ({sub.cadence}, {sub.channel})",
                   err=True)
    elif sub.kind == "story" and story is not None and sub.target != story.strip():
        click.echo(f"story {story.strip()} was merged into {sub.target}: following {sub.target}", err=True)
    click.echo(sub.id)


@click.command(name="follows")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per subscription.")
@click.pass_context
def follows_command(ctx: click.Context, as_json: bool) -> None:
    """List subscriptions: id, channel, recipient, what they follow, cadence and alerts sent/pending.

    \b
    Example:
      wirewatch follows
      wirewatch follows --json | jq -r 'select(.channel == "email") .id'
    """
    with cli_store(ctx) as store:
        subs = store.subscriptions()
        counts: dict[str, Counter[str]] = {s.id: Counter() for s in subs}
        for row in store.alerts():
            if row.subscription_id in counts:
                counts[row.subscription_id][row.status] += 1
    for sub in subs:
        c = counts[sub.id]
        if as_json:
            sys.stdout.write(json.dumps(_sub_dict(sub, c), ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            what = " ".join([sub.target, *sub.event_types])
            click.echo(f"{sub.id}  {sub.channel:7} {sub.recipient}  {sub.kind}: {what}  "
                       f"[{sub.cadence}]  sent {c['sent']}, pending {c['pending']}"
                       + (f", failed {c['dead']}" if c["dead"] else ""))
    if not subs and not as_json:
        click.echo("nobody follows anything yet: wirewatch follow ana@example.org --entity 'Vladimir Putin'")


@click.command(name="unfollow")
@click.argument("subscription_id", metavar="ID")
@click.pass_context
def unfollow_command(ctx: click.Context, subscription_id: str) -> None:
    """Remove a subscription; its pending alerts are cancelled (sent ones stay as history).

    \b
    Example:
      wirewatch unfollow s-1a2b3c4d
    """
    try:
        wanted = check_subscription_id(subscription_id)
    except FollowError as exc:
        raise click.UsageError(str(exc)) from exc
    with cli_store(ctx) as store:
        sub = store.get_subscription(wanted)
        if sub is None or not store.delete_subscription(wanted):
            raise click.ClickException(f"no subscription {wanted!r}: list them with 'wirewatch follows'")
    click.echo(f"unfollowed {sub.id}: {sub.recipient} no longer follows {describe(sub)}")


def _sub_dict(sub: SubscriptionRow, counts: Counter[str]) -> dict[str, Any]:
    return {"id": sub.id, "channel": sub.channel, "recipient": sub.recipient, "kind": sub.kind,
            "target": sub.target, "event_types": list(sub.event_types), "cadence": sub.cadence,
            "created_at": sub.created_at, "alerts": {"sent": counts["sent"], "pending": counts["pending"],
                                                     "dead": counts["dead"], "cancelled": counts["cancelled"]}}


COMMANDS: list[click.Command] = [follow_command, follows_command, unfollow_command]
