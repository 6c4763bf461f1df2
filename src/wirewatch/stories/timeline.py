"""Timelines: the events of a story, an entity or an actor pair, in the order they happen.

Entries are ordered by the event's own date (a TIMEX3 value; an undated
event by its article's publication day), not by when it was reported. The
same real-world event reported by several articles is one entry listing
every source and the quotes in its sentences: reports merge when they have
the same category and modality, compatible dates and a shared party (or the
same sentence). A near-duplicate copy (``Record.duplicate_of``) only adds
sources to the entries of the article it copies, never entries of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wirewatch.record import Entity, Event, Record
from wirewatch.store.base import Store
from wirewatch.stories import dates as _dates
from wirewatch.stories.dates import Window, overlaps, parse_day, window
from wirewatch.stories.features import (
    entities_by_id,
    event_actors,
    event_keys,
    name_matches,
    sentence,
)
from wirewatch.stories.model import Source, TimelineEntry

_WORD = re.compile(r"\w+")
QUOTE_AFTER = 250  # characters after an event's sentence in which a quote is taken to be about it
SAME_SENTENCE = 0.6  # word-set Jaccard above which two evidence sentences are one report reworded


@dataclass
class _Draft:
    entry: TimelineEntry
    keys: set[str]
    window: Window | None
    words: set[str]
    articles: set[str] = field(default_factory=set)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _quotes(record: Record, event: Event) -> list[str]:
    """Quotes inside the event's evidence, or right after it in the same paragraph (wire copy
    states the fact, then quotes someone on it)."""
    names = {e.id: e.name for e in record.entities}
    out = []
    text = record.text if not event.part else ""
    spans = [event.span, *event.spans]
    for q in record.quotes:
        if q.part != event.part:
            continue
        near = any(q.span[0] < end + QUOTE_AFTER and start < q.span[1]
                   and "\n\n" not in text[end:max(end, q.span[0])] for start, end in spans)
        if near:
            who = ""
            if q.speaker is not None:
                who = names.get(q.speaker.entity or "", q.speaker.text)
            text = " ".join(q.text.split())
            out.append(f"\u201c{text}\u201d ({who})" if who else f"\u201c{text}\u201d")
    return out


def _event_window(event: Event, record: Record) -> Window | None:
    w = window(event.date, record.published) if event.date and not _dates.is_duration(event.date) else None
    if w is None and event.modality == "asserted":
        # An undated report of something that happened: about when it was reported.
        day = parse_day(record.published)
        if day is not None:
            return day, day
    return w


def _compatible(a: Window | None, b: Window | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return overlaps(a, b, slack_days=1)


def build_timeline(records: Iterable[Record], *,
                   keep: Callable[[Record, Event], bool] | None = None) -> list[TimelineEntry]:
    """Timeline entries for these records' events; ``keep(record, event)`` filters events.

    Records are taken originals first, so that near-duplicate copies find the
    entries of the article they copy.
    """
    ordered = sorted(records, key=lambda r: (r.duplicate_of is not None, r.published or "", r.id))
    drafts: list[_Draft] = []
    for record in ordered:
        entities = entities_by_id(record)
        for event in record.events:
            if keep is not None and not keep(record, event):
                continue
            text = sentence(record, event.span, event.part)
            keys = event_keys(event, entities)
            w = _event_window(event, record)
            words = _words(text)
            source = Source(article_id=record.id, published=record.published, outlet=record.outlet,
                            sentence=text, span=event.span, part=event.part, duplicate_of=record.duplicate_of)
            match = _find(drafts, event, keys, w, words, record)
            if match is None:
                if record.duplicate_of is not None:
                    continue  # a copy's report of something its original did not report: no new entry
                entry = TimelineEntry(
                    sort_date=_dates.sort_key(event.date, record.published), date=event.date,
                    type=event.type, modality=event.modality, actors=event_actors(event, entities),
                    summary=text)
                match = _Draft(entry=entry, keys=set(keys), window=w, words=words)
                drafts.append(match)
            _add(match, source, event, record, keys, entities)
    entries = [d.entry for d in drafts]
    entries.sort(key=lambda e: (e.sort_date, min((s.published or "") for s in e.sources), e.type))
    return entries


def _find(drafts: list[_Draft], event: Event, keys: set[str], w: Window | None,
          words: set[str], record: Record) -> _Draft | None:
    for draft in drafts:
        entry = draft.entry
        if entry.type != event.type or entry.modality != event.modality:
            continue
        if record.duplicate_of is not None:
            if record.duplicate_of in draft.articles and (_jaccard(words, draft.words) >= SAME_SENTENCE
                                                          or (keys and keys & draft.keys)):
                return draft
            continue
        if _jaccard(words, draft.words) >= SAME_SENTENCE:
            return draft
        if record.id in draft.articles:
            continue  # two events of one article are two events unless their sentences say the same
        if keys & draft.keys and _compatible(w, draft.window):
            return draft
    return None


def _add(draft: _Draft, source: Source, event: Event, record: Record, keys: set[str],
         entities: dict[str, Entity]) -> None:
    entry = draft.entry
    entry.sources.append(source)
    draft.articles.add(record.id)
    draft.keys |= keys
    for q in _quotes(record, event):
        if q not in entry.quotes:
            entry.quotes.append(q)
    for name in event_actors(event, entities):
        if name not in entry.actors:
            entry.actors.append(name)
    # The most precise date reported wins (a day over a month over a year).
    if event.date and (entry.date is None or len(event.date) > len(entry.date)) \
            and not _dates.is_duration(event.date):
        entry.date = event.date
        entry.sort_date = _dates.sort_key(event.date, record.published)
        if draft.window is None:
            draft.window = _event_window(event, record)


# --- what a timeline is of ------------------------------------------------------------------------

def story_timeline(store: Store, story_id: str) -> list[TimelineEntry]:
    """Every event reported by the story's articles."""
    records = [r for r in (store.get(a) for a in store.story_members(story_id)) if r is not None]
    return build_timeline(records)


def actor_timeline(store: Store, names: list[str]) -> list[TimelineEntry]:
    """Events involving one named party, or (with two names) both of them.

    A name matches an actor by its words ("Putin"), its entity's aliases, or
    its country or IGO code ("Russia", "RUS").
    """
    wanted = [n for n in names if n.strip()]
    if not wanted:
        return []

    def keep(record: Record, event: Event) -> bool:
        entities = entities_by_id(record)
        actors = event.source + event.target
        hits = [[i for i, a in enumerate(actors) if name_matches(n, a, entities)] for n in wanted]
        if any(not h for h in hits):
            return False
        if len(wanted) == 2:
            # Two different actors, unless one actor is both (a joint "Trump and Putin" mention).
            return any(i != j for i in hits[0] for j in hits[1]) or len(actors) == 1
        return True

    return build_timeline(store.records(), keep=keep)
