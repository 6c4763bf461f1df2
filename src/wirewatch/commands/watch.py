"""``wirewatch sources add|list|remove`` and ``wirewatch watch``: thin over :mod:`wirewatch.watch`."""

from __future__ import annotations

import json
import sys
import time
from contextlib import ExitStack
from datetime import UTC, datetime

import click

from wirewatch.commands.common import cli_store
from wirewatch.settings import Settings
from wirewatch.sources.web import Fetcher
from wirewatch.sources.web.state import KINDS
from wirewatch.store import StoreError
from wirewatch.watch import (
    SourceError,
    SourceExists,
    Stop,
    WatchSettings,
    add_source,
    format_duration,
    list_sources,
    parse_duration,
    remove_source,
    stop_on_signals,
    watch,
)
from wirewatch.watch.lock import WatcherRunning, watcher_lock
from wirewatch.watch.registry import load_state


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings.from_env()


def _watch_settings() -> WatchSettings:
    try:
        return WatchSettings.from_env()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc




def _duration(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _log(line: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    click.echo(f"{stamp} wirewatch watch: {line}", err=True)


@click.group(name="sources")
def sources_group() -> None:
    """Sources that 'wirewatch watch' polls: RSS/Atom feeds, pages of links, folders, WARC files.

    \b
    Examples:
      wirewatch sources add https://news.example/world/rss.xml
      wirewatch sources add https://news.example/world/ --every 30m
      wirewatch sources add ~/incoming/            # a folder: new and changed files
      wirewatch sources add crawl-2025-10.warc.gz  # a WARC archive: read once
      wirewatch sources list
      wirewatch sources remove src-1a2b3c4d5e
    """


@sources_group.command(name="add")
@click.argument("location", metavar="URL|PATH")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="Skip detection. For a URL, registers it without fetching it (a site that is down now).")
@click.option("--every", "interval_s", metavar="DURATION", default=None, callback=_duration,
              help="How often to check it: 90s, 15m, 2h, 1d [default: WIREWATCH_WATCH_INTERVAL_S, 15m].")
@click.pass_context
def add_command(ctx: click.Context, location: str, kind: str | None, interval_s: float | None) -> None:
    """Watch a feed, a page of article links, a folder or a WARC file.

    A URL is fetched once to tell an RSS/Atom feed from an HTML page; a
    folder is watched for new and changed files that 'wirewatch ingest'
    reads (.txt, .html, .htm, .jsonl, and .gz of them; write each under a
    hidden name, .name.tmp, and rename it when complete); a WARC archive is
    read once. Adding a source twice says it is already watched.

    \b
    Examples:
      wirewatch sources add https://news.example/world/rss.xml --every 10m
      wirewatch sources add https://news.example/world/ --kind page
      wirewatch sources add ./incoming
    """
    settings = _watch_settings()
    with cli_store(ctx) as store:
        try:
            row = add_source(store, location, kind=kind, interval_s=interval_s, settings=settings)
        except SourceExists as exc:
            click.echo(f"{exc} (to change its kind or interval, remove it and add it again)", err=True)
            return
        except SourceError as exc:
            raise click.ClickException(str(exc)) from exc
        every = format_duration(load_state(row).interval_s)
        click.echo(f"added {row.id} ({row.kind}) {row.url}, checked every {every}")


def _when(seconds: float | None, now: float) -> str:
    if seconds is None:
        return "-"
    if abs(seconds - now) < 1:
        return "now"
    delta = _approx(abs(seconds - now))
    return f"in {delta}" if seconds > now else f"{delta} ago"


def _approx(seconds: float) -> str:
    """A listing's relative time, rounded to what a reader needs: 45s, 30m, 5h, 3d."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= 1.5 * size:
            return f"{round(seconds / size)}{unit}"
    return f"{round(seconds)}s"


@sources_group.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Watched sources with their state: kind, interval, last and next check, failures, last error,
    articles stored.

    \b
    Example:
      wirewatch sources list
    """
    now = time.time()
    with cli_store(ctx) as store:
        infos = list_sources(store)
    for info in infos:
        if as_json:
            sys.stdout.write(json.dumps(info.to_dict(), ensure_ascii=False) + "\n")
            continue
        s = info.state
        failing = f"  failing x{s.failures}" if s.failures else ""
        next_check = "now" if s.next_check is None or s.next_check <= now else _when(s.next_check, now)
        click.echo(f"{info.row.id}  {info.row.kind:6} every {format_duration(s.interval_s):4}  "
                   f"checked {_when(s.last_checked, now) if s.last_checked else 'never'}, next {next_check}  "
                   f"{info.row.articles} articles{failing}  {info.row.url}")
        if s.last_error:
            click.echo(f"    last error: {s.last_error}")
    if not infos and not as_json:
        click.echo("no sources: add one with 'wirewatch sources add URL|PATH'")


@sources_group.command(name="remove")
@click.argument("key", metavar="ID|URL|PATH")
@click.pass_context
def remove_command(ctx: click.Context, key: str) -> None:
    """Stop watching a source. Articles already stored from it stay.

    \b
    Example:
      wirewatch sources remove src-1a2b3c4d5e
    """
    with cli_store(ctx) as store:
        try:
            row = remove_source(store, key)
        except SourceError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"removed {row.id} ({row.kind}) {row.url}; its {row.articles} articles stay in the store")


@click.command(name="watch")
@click.option("--once", is_flag=True, help="One round over the sources that are due, then exit (for cron).")
@click.option("--every", "interval_s", metavar="DURATION", default=None, callback=_duration,
              help="Check every source this often instead of its own interval (90s, 15m, 2h).")
@click.option("--no-alerts", is_flag=True, help="Do not deliver alerts (they wait in the outbox).")
@click.pass_context
def watch_command(ctx: click.Context, once: bool, interval_s: float | None, no_alerts: bool) -> None:
    """Poll the sources, store new articles, deliver the alerts they cause; run until stopped.

    Each source is checked on its own interval with conditional requests;
    a failing one is backed off and shown by 'wirewatch sources list'. Stop
    with Ctrl-C or SIGTERM: the article in hand is finished and the state
    saved. Even a kill -9 loses nothing and stores nothing twice on restart.
    One watcher per store: a second one is refused (with --once, it skips
    its round and exits 0). Progress goes to standard error. Set
    WIREWATCH_CONTACT_URL (a page or mailto:) so that the sites you watch can
    reach you: it goes in the User-Agent ('wirewatch settings').

    \b
    Examples:
      wirewatch sources add https://news.example/world/rss.xml
      wirewatch watch                     # until Ctrl-C / systemctl stop
      wirewatch watch --once              # one round, for cron:
      */10 * * * *  cd /srv/wirewatch && .venv/bin/wirewatch watch --once
    """
    settings = _settings(ctx)
    watch_settings = _watch_settings()
    with cli_store(ctx) as store, ExitStack() as stack:
        try:
            stack.enter_context(watcher_lock(settings.store))
        except WatcherRunning as exc:
            if once:  # cron started us while the last run is still busy: skipping is the normal case
                _log(f"{exc}; this round is skipped")
                return
            raise click.ClickException(str(exc)) from exc
        if not store.sources():
            raise click.ClickException("no sources to watch: add one first, e.g. "
                                       "'wirewatch sources add https://news.example/world/rss.xml'")
        if not watch_settings.contact_url.strip() and any(r.kind in ("feed", "page") for r in store.sources()):
            _log("WIREWATCH_CONTACT_URL is not set: the User-Agent names wirewatch only, so the sites you "
                 "watch cannot reach you; set it to a page or mailto: address")
        stop = Stop()
        # Waits between requests to one host end early on a stop, so Ctrl-C is never kept waiting.
        fetcher = stack.enter_context(Fetcher(watch_settings.fetch_options(), sleep=stop.polite_sleep))
        sender = None
        if not no_alerts:
            from wirewatch.alerts.sender import Sender

            try:
                sender = stack.enter_context(Sender.from_env(store))
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
        stack.enter_context(stop_on_signals(stop, _log))
        try:
            watch(store, fetcher, settings=settings, sender=sender, once=once, stop=stop, log=_log,
                  interval_s=interval_s, max_items=watch_settings.watch_max_items or None)
        except KeyboardInterrupt:
            _log("stopped at once (second signal); what was stored is kept and the rest comes next time")
            ctx.exit(130)
        except StoreError as exc:  # with --once: the round could not run
            raise click.ClickException(f"{exc} (what was stored is kept; the next run carries on from there)") \
                from exc


COMMANDS: list[click.Command] = [sources_group, watch_command]
