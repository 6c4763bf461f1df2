"""Documents -> analysed records -> the store, with counts of what happened to each.

``analyze`` never writes the store; ingest does. Re-ingesting an unchanged
article under an unchanged analysis changes nothing.

Each article is stored in one transaction (``store.atomic()``) together with
everything it causes: its MinHash signature, its story and expectation
changes, and the alerts it gives the people who follow something (rows in the
store's outbox, delivered later by ``wirewatch.alerts.outbox``). A crash
leaves either all of that or none of it, so a restarted ingest or watcher
redoes the article whole and no alert is lost or made twice.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wirewatch.analyse.pipeline import AnalysisError, analyse, load_pipeline
from wirewatch.article import analyze_documents
from wirewatch.record import ANALYSIS_VERSION, Document, Record, Rejected
from wirewatch.settings import Settings
from wirewatch.store import Store
from wirewatch.stories.duplicates import NearDuplicates, signature, to_bytes
from wirewatch.stories.update import StoryUpdate, update_stories

if TYPE_CHECKING:
    from wirewatch.store.follow_base import OutboxRow

Matcher = Callable[[Record, StoryUpdate], "list[OutboxRow]"]


@dataclass
class IngestReport:
    """What ingest did: counts per outcome and the reason of every rejection."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # exact copies of a stored article under another id: skipped
    near_duplicates: int = 0  # lightly edited copies: stored, linked to the first copy
    rejected: list[Rejected] = field(default_factory=list)
    alerts: int = 0  # alerts queued in the outbox for followers

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.duplicates + len(self.rejected)

    def reasons(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejected)

    def summary(self) -> str:
        parts = [f"{self.total} documents: {self.added} added ({self.near_duplicates} of them near-duplicates "
                 f"linked to an earlier copy), {self.updated} updated, {self.unchanged} unchanged, "
                 f"{self.duplicates} skipped as duplicates, {len(self.rejected)} rejected"]
        if self.alerts:
            parts.append(f"; {self.alerts} alerts queued")
        if self.rejected:
            parts.insert(1, " (" + ", ".join(f"{n} {reason}" for reason, n in self.reasons().most_common()) + ")")
        return "".join(parts)


def content_hash(doc: Document) -> str:
    """Identity of an input: what was read, not what analysis made of it."""
    h = hashlib.sha256()
    for part in (doc.text, doc.html or "", doc.published or "", doc.url or "", doc.outlet or "",
                 doc.title or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def content_hash_of_record(record: Record) -> str:
    return content_hash(Document(id=record.id, text=record.text, published=record.published,
                                 url=record.url, outlet=record.outlet, title=record.title))


def subscription_matcher(store: Store) -> Matcher | None:
    """Matching against the store's subscriptions as they are now, or None when nobody follows
    anything (then ingest skips matching altogether)."""
    if not store.subscriptions():
        return None
    from wirewatch.follow import SubscriptionIndex, match

    # from_store, not from the rows alone: a story merged away is followed as the story it joined.
    index = SubscriptionIndex.from_store(store)
    return lambda record, update: match(record, update, index)


def ingest(items: Iterable[Document | Rejected], store: Store, *, settings: Settings | None = None,
           on_result: Callable[[str, Document | Rejected], None] | None = None,
           matcher: Matcher | None = None, copies: NearDuplicates | None = None,
           alerts: bool = True) -> IngestReport:
    """Analyse every document not already stored unchanged, and store it.

    ``on_result(outcome, item)`` is called once per item (for progress), with
    outcome one of added / updated / unchanged / duplicate / rejected.
    ``matcher`` turns a stored article and its story changes into outbox rows;
    by default the store's subscriptions (read once, when the first article is
    stored) are matched with :mod:`wirewatch.follow`. ``copies`` is a
    near-duplicate index to keep across calls (a watcher's rounds): it is brought
    up to date with the store on the first analysed document, instead of being
    loaded whole each call. ``alerts=False`` queues no alerts (an archive being
    loaded is old news to followers).
    """
    settings = settings or Settings()
    report = IngestReport()
    # Items handed to analysis, in order: analysis yields exactly one outcome per item.
    pending: deque[tuple[Document | Rejected, str]] = deque()
    seen: dict[str, str] = {}  # content hash -> id, for this run
    refreshed = False  # the near-duplicate index is brought up to date on the first analysed document
    # Decided on the first stored article (empty: not yet); [None]: no matching at all.
    matching: list[Matcher | None] = [None] if not alerts else [matcher] if matcher is not None else []

    def note(outcome: str, item: Document | Rejected) -> None:
        if on_result:
            on_result(outcome, item)

    def to_analyse() -> Iterable[Document | Rejected]:
        for item in items:
            if isinstance(item, Rejected):
                pending.append((item, ""))
                yield item
                continue
            digest = content_hash(item)
            if digest in seen and seen[digest] != item.id:
                report.duplicates += 1  # a copy of a document earlier in this same batch
                note("duplicate", item)
                continue
            seen.setdefault(digest, item.id)
            existing = store.find_by_hash(digest)
            if existing is not None:
                stored = store.meta(existing)
                if stored is not None and stored.analysis_version == ANALYSIS_VERSION:
                    if existing == item.id:
                        report.unchanged += 1
                        note("unchanged", item)
                    else:
                        report.duplicates += 1
                        note("duplicate", item)
                    continue
            pending.append((item, digest))
            yield item

    for outcome in analyze_documents(to_analyse(), settings=settings):
        doc, digest = pending.popleft()
        if outcome.rejected is not None:
            store.reject(outcome.rejected)
            report.rejected.append(outcome.rejected)
            note("rejected", outcome.rejected)
            continue
        assert isinstance(doc, Document)
        record = outcome.record
        if copies is None:
            copies = NearDuplicates()
        if not refreshed:
            copies.refresh(store)
            refreshed = True
        if not matching:
            matching.append(subscription_matcher(store))
        sig = signature(record.text)
        near = copies.find(sig, exclude=record.id)
        if near is not None:
            first = store.get(near[0])
            record.duplicate_of = (first.duplicate_of or first.id) if first else near[0]
        with store.atomic():
            # A changed article leaves its old story with the share of its old text, not the new one.
            previous = store.get(record.id) if store.meta(record.id) is not None else None
            result = store.put(record, content_hash=digest, source=doc.source)
            if result != "unchanged":
                store.put_signature(record.id, to_bytes(sig))
                update = update_stories(store, record, previous=previous)
                if matching[0] is not None:
                    report.alerts += store.add_alerts(matching[0](record, update))
        if result != "unchanged":
            copies.add(record.id, sig)
            report.near_duplicates += record.duplicate_of is not None and result == "added"
        if result == "added":
            report.added += 1
        elif result == "updated":
            report.updated += 1
        else:
            report.unchanged += 1
        note(result, doc)
    return report


def reanalyze(store: Store, *, settings: Settings | None = None, everything: bool = False,
              on_result: Callable[[str, Record], None] | None = None) -> IngestReport:
    """Re-run the current analysis over stored articles made by an older analysis version.

    The stored body and captions are analysed as kept: cleaning happened at ingest. Each
    re-analysed article's story and expectations are updated with it, in one transaction; no
    alerts are queued (a re-analysis reports nothing new to followers).
    """
    settings = settings or Settings()
    report = IngestReport()
    nlp = load_pipeline(settings.model)
    ids = store.ids() if everything else store.ids(stale_for=ANALYSIS_VERSION)
    for record_id in ids:
        old = store.get(record_id)
        if old is None:
            continue
        try:
            result = analyse(old.text, published=old.published[:10] if old.published else None,
                             captions=old.captions, doc_id=old.id, nlp=nlp)
        except AnalysisError as exc:
            rej = Rejected(old.id, f"store:{old.id}", "analysis-failed", str(exc), text=old.text)
            store.reject(rej)
            report.rejected.append(rej)
            continue
        new = replace(old, entities=result.entities, quotes=result.quotes, times=result.times,
                      events=result.events, analysis_version=ANALYSIS_VERSION, error=None)
        meta = store.meta(old.id)
        with store.atomic():
            outcome = store.put(new, content_hash=meta.content_hash if meta else content_hash_of_record(old),
                                source=meta.source if meta else None)
            if outcome != "unchanged":
                # Stories and expectations follow the new analysis; followers are not alerted again
                # about old news that a better analysis reads differently.
                update_stories(store, new)
        if outcome == "updated":
            report.updated += 1
        else:
            report.unchanged += 1
        if on_result:
            on_result(outcome, new)
    return report
