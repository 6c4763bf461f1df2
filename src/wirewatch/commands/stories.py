"""``wirewatch stories``, ``story``, ``timeline``, ``expectations``: thin over ``wirewatch.stories``."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from wirewatch.commands.common import cli_store, clip, emit_json
from wirewatch.stories.expectations import list_expectations
from wirewatch.stories.model import STATUSES, Expectation, Story, TimelineEntry
from wirewatch.stories.timeline import actor_timeline, story_timeline


def _entry_lines(entry: TimelineEntry) -> list[str]:
    actors = ", ".join(entry.actors[:4]) or "?"
    lines = [f"  {entry.sort_date}  {entry.type:9} {entry.modality:12} {clip(actors, 48)}"
             + (f"  (date {entry.date})" if entry.date and entry.date != entry.sort_date else ""),
             f"      {clip(entry.summary, 110)}"]
    for source in entry.sources:
        copy = f", copy of {source.duplicate_of}" if source.duplicate_of else ""
        lines.append(f"      source: {source.article_id} ({source.published or '?'}"
                     f"{', ' + source.outlet if source.outlet else ''}{copy})")
    lines += [f"      quote: {clip(q, 100)}" for q in entry.quotes]
    return lines


def _expectation_lines(exp: Expectation) -> list[str]:
    window = exp.window_start if exp.window_start == exp.window_end else f"{exp.window_start}..{exp.window_end}"
    lines = [f"  {exp.status:9} {exp.type:9} expected {window or '?'}  {clip(', '.join(exp.actors) or '?', 40)}"
             f"  [{exp.id}]",
             f"      announced in {exp.article_id} ({exp.published or '?'}): {clip(exp.sentence, 90)}"]
    for change in exp.history[1:] if exp.history and exp.history[0].status == "pending" else exp.history:
        lines.append(f"      -> {change.status} by {change.article_id or 'time'}: {clip(change.note, 90)}")
    return lines


@click.command(name="stories")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many stories.")
@click.pass_context
def stories_command(ctx: click.Context, as_json: bool, limit: int) -> None:
    """List stories, most recently active first.

    Articles join stories as they are ingested; 'wirewatch story ID' shows one.

    \b
    Example:
      wirewatch stories --limit 10
    """
    with cli_store(ctx) as store:
        rows = sorted(store.stories(), key=lambda s: (s.last_date or "", s.updated_at), reverse=True)[:limit]
        for row in rows:
            if as_json:
                emit_json(Story.from_row(row, store.story_members(row.id)).to_dict())
            else:
                dates = row.first_date if row.first_date == row.last_date else f"{row.first_date}..{row.last_date}"
                click.echo(f"{row.id:6} {row.size:4} articles  {dates or '?':22}  {row.title}")
        if not rows and not as_json:
            click.echo("no stories yet: ingest articles first (wirewatch ingest PATH, or wirewatch demo)")


@click.command(name="story")
@click.argument("story_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="The story, its timeline and expectations as JSON.")
@click.pass_context
def story_command(ctx: click.Context, story_id: str, as_json: bool) -> None:
    """Show one story: its articles, its timeline and its expectations.

    \b
    Example:
      wirewatch story s2
    """
    with cli_store(ctx) as store:
        row = store.get_story(story_id)
        if row is None:
            raise click.ClickException(f"no story {story_id!r}: list them with 'wirewatch stories'")
        if row.merged_into:
            click.echo(f"story {story_id} was merged into {row.merged_into}", err=True)
            row = store.get_story(row.merged_into) or row
        story = Story.from_row(row, store.story_members(row.id))
        timeline = story_timeline(store, row.id)
        expectations = list_expectations(store, story_id=row.id, today=datetime.now(UTC).date())
        if as_json:
            emit_json({"story": story.to_dict(), "timeline": [e.to_dict() for e in timeline],
                   "expectations": [e.to_dict() for e in expectations]})
            return
        click.echo(f"{story.id}: {story.title}")
        click.echo(f"{story.size} articles, {story.first_date or '?'} .. {story.last_date or '?'}")
        for article_id in story.members:
            record = store.get(article_id)
            if record is not None:
                copy = f"  (copy of {record.duplicate_of})" if record.duplicate_of else ""
                click.echo(f"  {record.published or '?':10.10}  {article_id:40.40}  {record.outlet or '-'}{copy}")
        click.echo("\nTimeline:")
        for entry in timeline:
            click.echo("\n".join(_entry_lines(entry)))
        click.echo("\nExpectations:")
        for exp in expectations:
            click.echo("\n".join(_expectation_lines(exp)))
        if not expectations:
            click.echo("  (none)")


@click.command(name="timeline")
@click.argument("names", nargs=-1, required=True, metavar="NAME [NAME]")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per timeline entry.")
@click.pass_context
def timeline_command(ctx: click.Context, names: tuple[str, ...], as_json: bool) -> None:
    """Events of an entity, or of two actors together, ordered by when they happen.

    A name matches an actor by its words, its aliases or its country code.
    Reports of one event by several articles are one entry with every source.

    \b
    Examples:
      wirewatch timeline "Trump" "Putin"
      wirewatch timeline Romania
    """
    if len(names) > 2:
        raise click.UsageError("give one name (an entity) or two (an actor pair), e.g. "
                               "wirewatch timeline \"Trump\" \"Putin\"")
    with cli_store(ctx) as store:
        entries = actor_timeline(store, list(names))
        for entry in entries:
            if as_json:
                emit_json(entry.to_dict())
            else:
                click.echo("\n".join(_entry_lines(entry)))
        if not entries and not as_json:
            click.echo(f"no events found for {' and '.join(repr(n) for n in names)}")


@click.command(name="expectations")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Only expectations with this status.")
@click.option("--story", "story_id", default=None, metavar="ID", help="Only expectations of this story.")
@click.option("--now", "now", default=None, metavar="DATE",
              help="Show pending expectations whose window passed before DATE as overdue "
                   "[default: today; 'never' shows the stored statuses only].")
@click.option("--refresh", is_flag=True,
              help="Also save the overdue marks as of --now in the store (what a watch round does), "
                   "recording each change; without it the command only reads.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per expectation, with its history.")
@click.pass_context
def expectations_command(ctx: click.Context, status: str | None, story_id: str | None, now: str | None,
                         refresh: bool, as_json: bool) -> None:
    """Announced future events and what became of them.

    Each is pending, happened, cancelled, denied or overdue, with the article
    that caused every change of status. Reading never writes: an expectation
    whose window (plus a few days' grace) ended before --now with no report is
    shown as overdue, but stays pending in the store until --refresh (or a
    watch round) records the change, which is what alerts fire on.

    \b
    Examples:
      wirewatch expectations
      wirewatch expectations --status overdue --now 2026-05-01
      wirewatch expectations --refresh
    """
    if refresh and now == "never":
        raise click.UsageError("--refresh marks overdue as of --now: give a date or leave --now out (today)")
    today = None if now == "never" else (now or datetime.now(UTC).date().isoformat())
    with cli_store(ctx) as store:
        try:
            if refresh and today is not None:
                from wirewatch.follow.overdue import mark_overdue

                # The same call a watch round makes: the marks and their followers' alerts together.
                marked = mark_overdue(store, today)
                click.echo(f"{marked} expectations marked overdue as of {today}", err=True)
            items = list_expectations(store, status=status, story_id=story_id, today=today)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--now") from exc
        for exp in items:
            if as_json:
                emit_json(exp.to_dict())
            else:
                click.echo("\n".join(_expectation_lines(exp)))
        if not items and not as_json:
            click.echo("no expectations" + (f" with status {status}" if status else ""))


COMMANDS: list[click.Command] = [stories_command, story_command, timeline_command, expectations_command]
