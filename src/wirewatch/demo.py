"""``wirewatch demo``: ingest the bundled example corpus and show what was found."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TextIO

from tqdm import tqdm

from wirewatch.examples import corpus_files
from wirewatch.ingest import ingest
from wirewatch.record import Record
from wirewatch.settings import Settings
from wirewatch.sources import read_inputs
from wirewatch.store import open_store


def _sentence(record: Record, span: tuple[int, int], part: str | None, width: int = 110) -> str:
    text = record.text
    if part and part.startswith("caption:"):
        text = record.captions[int(part.split(":")[1])].text
    s = " ".join(text[span[0]:span[1]].split())
    return s if len(s) <= width else s[: width - 1] + "…"


def run_demo(store_path: str, *, settings: Settings | None = None, out: TextIO = sys.stdout) -> None:
    settings = settings or Settings()
    files = corpus_files()
    out.write(f"wirewatch demo: ingesting {len(files)} example files into {store_path}\n")
    bar = tqdm(desc="ingest", unit="doc", file=sys.stderr, disable=not settings.progress or None, leave=False)
    with open_store(store_path) as store:
        report = ingest(read_inputs([str(f) for f in files], max_bytes=settings.max_document_bytes), store,
                        settings=settings, on_result=lambda outcome, item: bar.update(1))
        bar.close()
        out.write(report.summary() + "\n")
        for rej in report.rejected:
            out.write(f"  rejected: {rej.message}\n")
        records = sorted(store.records(), key=lambda r: (r.published or "", r.id))
        _print_articles(records, out)
        _print_entities(records, out)
        _print_events(records, out)
        _print_quotes(records, out)
    out.write(f"\nNext: wirewatch --store {store_path} search summit\n"
              f"      wirewatch --store {store_path} show {records[0].id if records else 'ID'}\n"
              f"      wirewatch --store {store_path} export --format csv -o events.csv\n")


def _print_articles(records: list[Record], out: TextIO) -> None:
    out.write(f"\n{len(records)} articles stored:\n")
    for r in records:
        out.write(f"  {r.published or '????-??-??'}  {r.id:40.40}  {(r.outlet or '-'):22.22}  "
                  f"{len(r.entities):3} entities {len(r.quotes):3} quotes {len(r.events):3} events"
                  + (f"  (copy of {r.duplicate_of})" if r.duplicate_of else "") + "\n")


def _print_entities(records: list[Record], out: TextIO) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for r in records:
        for e in r.entities:
            counts[(e.name, e.type)] += len(e.mentions)
    out.write("\nMost mentioned:\n")
    for (name, etype), n in counts.most_common(12):
        out.write(f"  {n:4}  {name} ({etype})\n")


def _print_events(records: list[Record], out: TextIO) -> None:
    out.write("\nPlanned, called-off and denied events (modality is first-class):\n")
    shown = 0
    for r in records:
        if r.duplicate_of:
            continue  # a near-duplicate's facts are its first copy's
        for ev in r.events:
            if ev.modality == "asserted" or shown >= 20:
                continue
            actors = ", ".join(a.text for a in ev.source + ev.target) or "?"
            out.write(f"  {r.published or '?'}  {ev.type:9} {ev.modality:12} {actors:40.40} "
                      f"date={ev.date or '-'}\n      \u201c{_sentence(r, ev.span, ev.part)}\u201d\n")
            shown += 1
    if not shown:
        out.write("  (none found)\n")


def _print_quotes(records: list[Record], out: TextIO) -> None:
    out.write("\nWho said what (first quotes):\n")
    shown = 0
    for r in records:
        if r.duplicate_of:
            continue  # a near-duplicate says what its first copy said
        entities = {e.id: e.name for e in r.entities}
        for q in r.quotes[:2]:
            sp = q.speaker
            who = "?"
            if sp is not None:
                who = entities.get(sp.entity or "", sp.text)
                if sp.anonymous:
                    who = f"{sp.text} (anonymous, {sp.affiliation or 'unaffiliated'})"
            text = " ".join(q.text.split())
            out.write(f"  {who:40.40} {q.kind:8} \u201c{text[:80]}{'…' if len(text) > 80 else ''}\u201d\n")
            shown += 1
        if shown >= 12:
            break
