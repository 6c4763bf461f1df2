"""The ``wirewatch`` command: a thin shell over the library.

Records go to standard output (one compact JSON object per line); logs,
warnings and progress bars go to standard error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from wirewatch import __version__
from wirewatch.settings import Settings, describe


def _settings(ctx: click.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def _progress(settings: Settings, total: int | None, desc: str) -> tqdm[Any]:
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, dynamic_ncols=True,
                disable=not settings.progress or None, leave=False)


def _warn(message: str) -> None:
    click.echo(f"wirewatch: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="wirewatch")
@click.option("--store", "store", metavar="PATH", default=None,
              help="SQLite file of the store [env WIREWATCH_STORE; default ./wirewatch.db].")
@click.option("--no-progress", is_flag=True, default=False, help="Do not show progress bars.")
@click.pass_context
def main(ctx: click.Context, store: str | None, no_progress: bool) -> None:
    """Read the news and turn it into facts people can follow.

    \b
    Examples:
      wirewatch analyze article.txt              # print the article record as JSON
      wirewatch ingest news/ feed-dump.jsonl     # analyse into the store (./wirewatch.db)
      wirewatch search "summit"                  # full-text search of stored articles
      wirewatch demo                             # ingest the bundled examples, show what was found

    Settings come from WIREWATCH_* environment variables (see 'wirewatch settings').
    """
    try:
        ctx.obj = Settings.from_env(store=store, progress=False if no_progress else None)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE...")
@click.option("--keep-text", is_flag=True,
              help="Analyse the given text unchanged (no cleaning), so that every span refers to the "
                   "input. Refused for HTML.")
@click.option("--published", metavar="DATE", default=None,
              help="Publication date (YYYY-MM-DD) for inputs that do not carry one.")
@click.option("--pretty", is_flag=True, help="Indent the JSON (one record: easier to read).")
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], keep_text: bool, published: str | None,
            pretty: bool) -> None:
    """Print the article record of each ARTICLE as one JSON object per line.

    ARTICLE is a plain-text file as scraped from a news page, an HTML page
    (.html, .htm, .html.gz), '-' for standard input, or a JSON Lines file
    (.jsonl, .jsonl.gz) of {"id", "text", "published"?, ...} objects (one
    record per line, in input order). Folders are read recursively. A document
    that cannot be analysed still gets a record, with an "error" field.
    Nothing is stored: use 'wirewatch ingest' for that.

    Exit status: 0 when every document was analysed, 1 when some were not.

    \b
    Examples:
      wirewatch analyze ../shared/seed/000_d9e0cb12508ed7c7.txt
      wirewatch analyze page.html.gz other.txt > records.jsonl
      cat article.txt | wirewatch analyze --published 2025-10-21 -
      wirewatch analyze --keep-text dev.input.jsonl > run.jsonl
    """
    from wirewatch.article import analyze_documents
    from wirewatch.record import Document
    from wirewatch.sources import read_inputs
    from wirewatch.sources.dates import DateError, normalise_published

    settings = _settings(ctx)
    try:
        default_published = normalise_published(published)
    except DateError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc

    def items() -> Iterator[Any]:
        for item in read_inputs(inputs, max_bytes=settings.max_document_bytes):
            if default_published and isinstance(item, Document) and item.published is None:
                item.published = default_published
            yield item

    failed = 0
    bar = _progress(settings, None, "analyse")
    out = sys.stdout
    for outcome in analyze_documents(items(), settings=settings, keep_text=keep_text):
        if outcome.rejected is not None:
            failed += 1
            _warn(f"skipped {outcome.rejected.message}")
        record = outcome.record.to_dict()
        out.write(json.dumps(record, ensure_ascii=False, indent=2 if pretty else None,
                             separators=None if pretty else (",", ":")) + "\n")
        out.flush()
        bar.update(1)
    bar.close()
    ctx.exit(1 if failed else 0)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE...")
@click.pass_context
def clean(ctx: click.Context, inputs: tuple[str, ...]) -> None:
    """Print each ARTICLE's cleaned body and page metadata, without analysis.

    Same inputs as 'analyze'. One JSON object per line: id, text, published,
    title, outlet, authors, captions, removed (the furniture lines dropped), or
    error.

    \b
    Examples:
      wirewatch clean page.html.gz
      wirewatch clean scraped/ > bodies.jsonl
    """
    from wirewatch.article import prepare
    from wirewatch.record import Rejected
    from wirewatch.sources import read_inputs

    settings = _settings(ctx)
    failed = 0
    for item in read_inputs(inputs, max_bytes=settings.max_document_bytes):
        prepared = item if isinstance(item, Rejected) else prepare(item)
        if isinstance(prepared, Rejected):
            failed += 1
            _warn(f"skipped {prepared.message}")
            row: dict[str, Any] = {"id": prepared.id, "text": prepared.text, "error": prepared.message}
        else:
            row = {"id": item.id, "text": prepared.text, "published": prepared.published,
                   "title": prepared.title, "outlet": prepared.outlet, "authors": prepared.authors,
                   "url": prepared.url,
                   "captions": [{"text": c.text, "credit": c.credit} for c in prepared.captions],
                   "removed": [r.to_dict() for r in prepared.removed]}
        sys.stdout.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    ctx.exit(1 if failed else 0)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--threshold", type=float, default=None,
              help="Similarity needed to join a story (default 0.2; lower joins more).")
@click.pass_context
def cluster(ctx: click.Context, inputs: tuple[str, ...], threshold: float | None) -> None:
    """Group documents into stories: prints {"id", "story"} per input document.

    Same inputs as 'analyze' (typically a JSON Lines file). Documents are taken
    in input order and each joins the most similar story so far or starts a
    new one; every input id gets a story, unreadable ones a story of their own.

    \b
    Example:
      wirewatch cluster ../shared/eval/stories/dev.input.jsonl > stories.jsonl
    """
    from wirewatch.article import prepare
    from wirewatch.record import Cleaned, Document
    from wirewatch.sources import read_inputs
    from wirewatch.stories.cluster import ClusterOptions, story_labels

    settings = _settings(ctx)
    items = list(read_inputs(inputs, max_bytes=settings.max_document_bytes))
    texts = []
    for item in items:
        if isinstance(item, Document) and item.kind == "html":
            prepared = prepare(item)
            texts.append(prepared.text if isinstance(prepared, Cleaned) else "")
        else:
            texts.append(item.text)
    options = ClusterOptions() if threshold is None else ClusterOptions(threshold=threshold)
    for doc_id, story in story_labels([item.id for item in items], texts, options):
        sys.stdout.write(json.dumps({"id": doc_id, "story": story}) + "\n")


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--no-alerts", is_flag=True,
              help="Queue no alerts for these articles (loading an archive: old news for followers).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], no_alerts: bool) -> None:
    """Analyse files, folders and JSON Lines into the store.

    Already-stored articles (same content, same analysis version) are left
    alone; copies of a stored article under another id are skipped as
    duplicates; documents that cannot be analysed are recorded as rejected
    with their reason ('wirewatch rejected' lists them). Each stored article
    joins a story and queues alerts for whoever follows what it reports
    ('wirewatch alerts send' delivers them). Ends with a summary.

    \b
    Examples:
      wirewatch ingest articles/
      wirewatch --store team.db ingest dump.jsonl.gz page.html
      wirewatch ingest --no-alerts archive-2024/
    """
    from wirewatch.ingest import ingest as run_ingest
    from wirewatch.sources import read_inputs

    settings = _settings(ctx)
    store = _open_store(settings)
    bar = _progress(settings, None, "ingest")

    def on_result(outcome: str, item: Any) -> None:
        bar.update(1)
        if outcome == "rejected":
            bar.write(f"wirewatch: rejected {item.message}", file=sys.stderr)

    with store:
        report = run_ingest(read_inputs(paths, max_bytes=settings.max_document_bytes), store,
                            settings=settings, on_result=on_result, alerts=not no_alerts)
    bar.close()
    click.echo(report.summary(), err=True)
    click.echo(json.dumps({"added": report.added, "updated": report.updated,
                           "unchanged": report.unchanged, "duplicates": report.duplicates,
                           "rejected": len(report.rejected), "alerts": report.alerts,
                           "store": settings.store}))


@main.command()
@click.argument("record_id", metavar="ID")
@click.option("--pretty/--compact", default=True, help="Indent the JSON (default) or one line.")
@click.pass_context
def show(ctx: click.Context, record_id: str, pretty: bool) -> None:
    """Print the stored record of article ID.

    \b
    Example:
      wirewatch show 000_d9e0cb12508ed7c7
    """
    settings = _settings(ctx)
    with _open_store(settings) as store:
        record = store.get(record_id)
    if record is None:
        raise click.ClickException(f"no article {record_id!r} in {settings.store}: "
                                   "'wirewatch search WORDS' finds ids")
    click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2 if pretty else None))


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Full-text search over stored articles' titles and text.

    \b
    Examples:
      wirewatch search summit Anchorage
      wirewatch search '"no plans"' --json
    """
    settings = _settings(ctx)
    with _open_store(settings) as store:
        hits = store.search(" ".join(query), limit=limit)
    for hit in hits:
        if as_json:
            click.echo(json.dumps({"id": hit.id, "title": hit.title, "published": hit.published,
                                   "snippet": hit.snippet, "score": hit.score}, ensure_ascii=False))
        else:
            click.echo(f"{hit.id}\t{hit.published or '-'}\t{hit.title or ''}\n    {hit.snippet}")
    if not hits:
        _warn("no matches")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "plover"]), default="jsonl",
              show_default=True,
              help="jsonl: one article record per line; csv: one row per event; plover: one PLOVER JSON "
                   "event record per line (PLOVER's coding: future meetings as AGREE, negated left out).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str) -> None:
    """Export the store: article records as JSON Lines, events as CSV or as PLOVER JSON Lines.

    \b
    Examples:
      wirewatch export > all.jsonl
      wirewatch export --format csv -o events.csv
      wirewatch export --format plover -o events.plover.jsonl
    """
    from wirewatch.store.export import export_records

    settings = _settings(ctx)
    with _open_store(settings) as store:
        if output == "-":
            export_records(store, fmt, sys.stdout)
        else:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                export_records(store, fmt, fh)


@main.command()
@click.option("--all", "everything", is_flag=True, help="Re-analyse every article, not only stale ones.")
@click.pass_context
def reanalyze(ctx: click.Context, everything: bool) -> None:
    """Re-run the current analysis over stored articles after an upgrade.

    Only articles analysed by another analysis version are redone (unless
    --all); their cleaned text and captions are kept.

    \b
    Example:
      wirewatch reanalyze
    """
    from wirewatch.ingest import reanalyze as run

    settings = _settings(ctx)
    bar = _progress(settings, None, "reanalyse")
    with _open_store(settings) as store:
        report = run(store, settings=settings, everything=everything,
                     on_result=lambda outcome, rec: bar.update(1))
    bar.close()
    click.echo(report.summary(), err=True)


@main.command()
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def rejected(ctx: click.Context, limit: int) -> None:
    """List documents rejected at ingest, with the reason.

    \b
    Example:
      wirewatch rejected
    """
    settings = _settings(ctx)
    with _open_store(settings) as store:
        rows = store.rejections()
    for row in rows[-limit:]:
        click.echo(f"{row.reason}\t{row.source}\t{row.message}")


@main.command()
@click.pass_context
def stats(ctx: click.Context) -> None:
    """Counts of what the store holds."""
    settings = _settings(ctx)
    with _open_store(settings) as store:
        click.echo(json.dumps(store.stats()))


def setting_groups() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every setting, by stage: (group title, [(environment variable, default, help)])."""
    from wirewatch.alerts.channels import describe_settings as alert_settings
    from wirewatch.watch.settings import describe_settings as watch_settings

    return [("core", describe()), ("watching sources", watch_settings()),
            ("alert delivery", alert_settings())]


@main.command(name="settings")
@click.option("--markdown", is_flag=True, help="Print Markdown tables (the README's settings section).")
def show_settings(markdown: bool) -> None:
    """List every setting: environment variable, default and meaning.

    Core settings first, then those of the watcher (fetching) and of alert
    delivery (SMTP, webhooks, Atom feeds, retries). Secrets show no default.

    \b
    Examples:
      wirewatch settings
      wirewatch settings --markdown
    """
    for title, rows in setting_groups():
        if markdown:
            click.echo(f"\n{title.capitalize()}:\n\n| variable | default | meaning |\n| --- | --- | --- |")
            for env, default, help_text in rows:
                click.echo(f"| `{env}` | `{default}` | {help_text} |")
            continue
        click.echo(f"# {title}")
        for env, default, help_text in rows:
            click.echo(f"{env} (default {default})\n    {help_text}")


@main.command()
@click.option("--store", "demo_store", default="wirewatch-demo.db", show_default=True,
              help="Store to ingest the examples into.")
@click.pass_context
def demo(ctx: click.Context, demo_store: str) -> None:
    """Ingest the bundled example articles and show what wirewatch found.

    \b
    Example:
      wirewatch demo
    """
    from wirewatch.demo import run_demo

    settings = _settings(ctx)
    run_demo(demo_store, settings=settings, out=sys.stdout)


@main.command(name="eval")
@click.option("--shared", type=click.Path(file_okay=False), default=None,
              help="The shared folder with eval/ and seed/ [default: ../shared from the project].")
@click.option("--kit", "kits", multiple=True,
              help="Only these kits (seed, time, meantime, quotes, events, stories, extract, textdump).")
@click.option("--scores", type=click.Path(dir_okay=False), default=None,
              help="Where to write the scores JSON [default: eval/scores.json in the project].")
@click.pass_context
def evaluate(ctx: click.Context, shared: str | None, kits: tuple[str, ...], scores: str | None) -> None:
    """Run wirewatch on every evaluation kit and score it with the kit's own scorer.

    Each kit is run through 'wirewatch analyze' (or 'cluster') as the kit's
    README says; the figures are written to eval/scores.json and compared
    with the floors pinned in eval/floors.json.

    \b
    Examples:
      wirewatch eval
      wirewatch eval --kit seed --kit time
    """
    from wirewatch.evaluation import run_evaluation

    ok = run_evaluation(shared=Path(shared) if shared else None, kits=list(kits) or None,
                        scores_path=Path(scores) if scores else None, out=sys.stdout)
    ctx.exit(0 if ok else 1)


# Stage commands live with their stage's faces (wirewatch.commands.<name>.COMMANDS); the core CLI
# only collects them.
COMMAND_MODULES = ("stories", "follow", "watch", "alerts")


def _register_plugins() -> None:
    import importlib

    for name in COMMAND_MODULES:
        module_name = f"wirewatch.commands.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # that stage's commands are not part of this build yet
            raise
        for command in module.COMMANDS:
            main.add_command(command)


_register_plugins()


def _open_store(settings: Settings) -> Any:
    from wirewatch.store import StoreError, open_store

    try:
        return open_store(settings.store)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


if __name__ == "__main__":
    main()
