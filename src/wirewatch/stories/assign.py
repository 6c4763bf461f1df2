"""Incremental story assignment over the store: a new article joins a story or starts one.

Streaming, as news arrives: each article is compared with the stories kept
so far, never re-clustering what is stored. The evidence, per candidate
story:

- text: cosine between the article's TF-IDF vector (capitalised words weigh
  more, see ``cluster.terms``) and the story's centroid;
- names: cosine between the article's and the story's named parties and
  places, weighted by rarity, since two summits or two earthquakes share
  their vocabulary but not their names;
- a shared actor pair of events (the same two parties interacting) and
  shared event types add a little;
- time decay: the evidence fades with the days between the article and the
  story's dates, so that the same two leaders meeting a year later about
  something else start a new story.

Cost per article is bounded, whatever the size of the store: the article is
looked up under its weightiest words that are not common (a word in more than
``common_share`` of the articles says little about which story it is, and
its posting list is full of unrelated stories) and its names; each posting
list keeps the ``posting_limit`` most recently updated stories; stories
outside ``max_gap_days`` of the article are skipped; only the best
``candidates`` by a partial score are scored in full.

The index lives in memory (``index.StoryTable``), built from the store once
per process and store (``index_for``). The store is the truth: the index
checks, at every assignment, that the store's count of assigned articles is
the one it expects (another process changes it) and that a story it is about
to write is stored as it remembers it; when either is off it reads the
stories written since the last version it saw and redoes the assignment, so
a second writer never leaves it stale and never loses an update, and two
writers taking turns cost each other in proportion to what they write. Once
another writer's articles were counted, each article's own document
frequencies are read from the store (a query for its terms only), so the
weights are those a single writer would have used. A rolled-back block of
its store makes it read the store in full.

When an article is as close to a second story as to the one it joins, and
the two stories are close to each other, the evidence says they are one
story: the smaller is merged into the larger (members, expectations and
profile move; the merged story keeps a ``merged_into`` link).

An article already in a story (stored again, or re-analysed) is scored
afresh: it moves when another story now fits it better, taking its share of
the old story's profile with it; otherwise it stays.
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import itemgetter

from wirewatch.record import Record
from wirewatch.store.base import Store, StoryRow, now_utc
from wirewatch.stories.cluster import terms as text_terms
from wirewatch.stories.dates import parse_day
from wirewatch.stories.features import NAME_TYPES, article_day, entities_by_id, event_keys, norm
from wirewatch.stories.index import StoryTable
from wirewatch.stories.profile import (
    NAME_PREFIX,
    Features,
    Profile,
    _cosine,
    _top,
    _unit,
    add_features,
    remove_features,
    story_title,
)

__all__ = ["NAME_PREFIX", "Assignment", "AssignOptions", "Features", "Profile", "StoryIndex", "assign",
           "index_for", "story_title"]


@dataclass(frozen=True)
class AssignOptions:
    threshold: float = 0.22  # combined evidence needed to join a story
    text_weight: float = 0.7
    name_weight: float = 0.3
    pair_bonus: float = 0.05  # the same two parties interacting in both
    decay_days: float = 120.0  # evidence halves after ~83 days between article and story
    max_gap_days: int = 540  # beyond this a story is not even a candidate
    merge_threshold: float = 0.4  # a second story this close (and close to the first) is the same story
    merge_similarity: float = 0.25  # centroid cosine of two stories needed to merge them
    proper_weight: float = 2.0
    article_terms: int = 60
    story_terms: int = 300
    index_terms: int = 40
    query_terms: int = 15  # the article's weightiest words looked up in the index
    common_share: float = 0.1  # words in more articles than this share are not looked up...
    common_min_docs: int = 1000  # ...once this many articles are counted
    candidates: int = 15  # stories scored in full per article
    posting_limit: int = 20  # stories kept per indexed word (the most recently updated)


@dataclass
class Assignment:
    story_id: str
    score: float
    created: bool
    merged: list[str] = field(default_factory=list)  # stories merged into story_id by this article
    nearby: list[str] = field(default_factory=list)  # the next closest stories (for expectations)
    moved_from: str | None = None  # the story the article left (stored again, it fits elsewhere now)
    again: bool = False  # the article was in a story already (stored again, updated or re-analysed)


class _Stale(Exception):
    """The index no longer matches the store: reload it and redo the work."""


_ATTEMPTS = 3  # a reload per attempt; two more writers' interleavings than that is a broken store


class StoryIndex(StoryTable):
    """Stories of one store, in memory, for assignment; see the module docstring."""

    def __init__(self, store: Store, options: AssignOptions | None = None) -> None:
        super().__init__(store, options or AssignOptions())
        self.options: AssignOptions
        self.reloads = 0  # how often the store was found changed behind the index's back
        self._counted = False
        # Set once another writer's articles were counted: the document frequencies held are
        # then behind for terms of theirs, so each article's own are read from the store.
        self.behind = False
        self.reload()
        self.reloads = 0

    def reload(self) -> None:
        """Read the store afresh: the document frequencies and (in full) the stories."""
        self.n_docs, self.df = self.store.term_counts()
        self.behind = False
        self.sync_stories(full=True)
        self.reloads += 1

    def catch_up(self) -> None:
        """Read what other writers changed since the index last looked: the stories written
        since (see ``StoryTable``), in proportion to them."""
        self.sync_stories()
        self.reloads += 1

    # --- features ------------------------------------------------------------------------------

    def _idf(self, key: str) -> float:
        # Smoothed (+1): while the store is small every shared word would otherwise weigh nothing.
        return math.log((self.n_docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def _raw(self, record: Record) -> tuple[dict[str, float], dict[str, float], dict[str, str]]:
        text = f"{record.title}. {record.text}" if record.title else record.text
        counts = text_terms(text, self.options.proper_weight)
        names: dict[str, float] = {}
        display: dict[str, str] = {}
        for entity in record.entities:
            if entity.type not in NAME_TYPES or not entity.name.strip():
                continue
            key = NAME_PREFIX + norm(entity.name)
            if key == NAME_PREFIX:
                continue
            names[key] = names.get(key, 0.0) + max(1, len(entity.mentions))
            display.setdefault(key, entity.name)
        return counts, names, display

    def _count(self, keys: list[str]) -> None:
        """Count the article in the document frequencies, in the store; a count other than
        the one expected means someone else counted articles (or a block was rolled back)
        since the index last looked: catch up with their stories."""
        expected = self.n_docs + 1
        counted = self.store.add_term_counts(keys)
        self.n_docs = counted
        if counted != expected:
            self.behind = True
            self.catch_up()
        if self.behind:
            self._refresh(keys)
            return
        for key in set(keys):
            self.df[key] = self.df.get(key, 0) + 1

    def _refresh(self, keys: list[str]) -> None:
        """The exact document frequencies of an article's terms, the only ones its features
        weigh: a query for those few, never the whole vocabulary."""
        self.n_docs, fresh = self.store.term_counts(keys)
        self.df.update(fresh)

    def features(self, record: Record, *, count: bool = False) -> Features:
        """The article's features; with ``count``, its terms are first added to the
        document frequencies (once per article, when it is assigned)."""
        o = self.options
        counts, names, display = self._raw(record)
        if count:
            self._count(list(counts) + list(names))
        elif self.behind:
            self._refresh(list(counts) + list(names))
        entities = entities_by_id(record)
        pairs: set[str] = set()
        for event in record.events:
            keys = sorted(event_keys(event, entities))
            pairs.update(f"{a}|{b}" for i, a in enumerate(keys) for b in keys[i + 1:])
        words = {w: (1.0 + math.log(c)) * self._idf(w) for w, c in counts.items() if c > 0}
        name_vec = {k: (1.0 + math.log(c)) * self._idf(k) for k, c in names.items()}
        return Features(words=_unit(_top(words, o.article_terms)), names=_unit(name_vec), display=display,
                        pairs=pairs, types=Counter(ev.type for ev in record.events),
                        day=parse_day(article_day(record)), raw_terms=list(counts) + list(names))

    # --- scoring -------------------------------------------------------------------------------

    def _decay(self, feats: Features, story_id: str) -> float:
        span = self.spans[story_id]
        if feats.day is None or span is None:
            return 1.0
        day = feats.day.toordinal()
        gap = span[0] - day if day < span[0] else day - span[1] if day > span[1] else 0
        if gap > self.options.max_gap_days:
            return 0.0
        return math.exp(-gap / self.options.decay_days)

    def score(self, feats: Features, story_id: str) -> float:
        o = self.options
        decay = self._decay(feats, story_id)
        if decay == 0.0:
            return 0.0
        profile = self.profiles[story_id]
        text = _cosine(feats.words, profile.words, self.word_norms[story_id])
        names = _cosine(feats.names, profile.names, self.name_norms[story_id])
        # The view's isdisjoint walks the smaller side (the article's few pairs), where
        # ``feats.pairs & keys`` would copy the story's hundred into a set first.
        pair = 0.0 if profile.pairs.keys().isdisjoint(feats.pairs) else o.pair_bonus
        if not feats.names or not profile.names:
            return (text + pair) * decay  # nothing named on one side: the words carry all the weight
        return (o.text_weight * text + o.name_weight * names + pair) * decay

    def query_keys(self, feats: Features) -> list[tuple[str, float]]:
        """The keys an article is looked up under: its weightiest words that are not common,
        and its names."""
        o = self.options
        common = o.common_share * self.n_docs if self.n_docs >= o.common_min_docs else math.inf
        words = [(k, x) for k, x in feats.words.items() if self.df.get(k, 0) <= common]
        return heapq.nlargest(o.query_terms, words, key=itemgetter(1)) + list(feats.names.items())

    def candidates(self, feats: Features) -> list[str]:
        """Stories sharing the article's lookup keys and within ``max_gap_days`` of it, best
        first by a cheap partial score (the article's weights of the shared keys); only the
        first few are scored in full."""
        o = self.options
        if self.dormant and (feats.day is None or self.horizon is None
                             or feats.day.toordinal() - o.max_gap_days < self.horizon):
            self._wake_all()  # an undated or older article: the old stories may be its own
        acc: dict[str, float] = {}
        get = acc.get
        for key, x in self.query_keys(feats):
            posting = self.postings.get(key)
            if posting:
                for sid in posting:
                    acc[sid] = get(sid, 0.0) + x
        # Best first (a stable sort: ties keep the order met, as heapq.nlargest does), skipping
        # stories too far apart in time to be one (see _decay): only as many spans are looked
        # at as it takes to find the candidates, not one per story met.
        ranked = sorted(acc, key=acc.__getitem__, reverse=True)
        if feats.day is None:
            return ranked[:o.candidates]
        low, high = feats.day.toordinal() - o.max_gap_days, feats.day.toordinal() + o.max_gap_days
        out: list[str] = []
        for sid in ranked:
            span = self.spans.get(sid)
            if span is None or (span[1] >= low and span[0] <= high):
                out.append(sid)
                if len(out) == o.candidates:
                    break
        return out

    def ranked(self, feats: Features) -> list[tuple[float, str]]:
        scored = [(self.score(feats, sid), sid) for sid in self.candidates(feats)]
        return sorted((s for s in scored if s[0] > 0), key=lambda t: (-t[0], t[1]))

    # --- assigning -----------------------------------------------------------------------------

    def assign(self, record: Record, previous: Record | None = None) -> Assignment:
        """Put the article into its story (stored), creating or merging stories as needed.

        For an article already in a story, ``previous`` is the record it was assigned as
        (before an update or a re-analysis), whose share of the story's profile is taken
        out when it moves; without it the current record's share is taken out.
        """
        self._counted = False  # its terms are counted once, whatever the attempts
        if self.store.rollbacks != self.rollbacks:
            self.reload()  # what the index wrote in the rolled-back block is not in the store
        for _ in range(_ATTEMPTS):
            try:
                return self._assign(record, previous)
            except _Stale:
                self.catch_up()
        raise RuntimeError(
            f"story assignment of article {record.id!r}: the stories of {self.store!r} kept changing "
            "while it was assigned; write articles inside store.atomic() so that writers take turns")

    def _assign(self, record: Record, previous: Record | None) -> Assignment:
        current = self.store.story_of(record.id)
        if current is not None:
            if record.duplicate_of:  # a copy stays with its original, however it reads now
                return Assignment(self._alive(current), 1.0, created=False, again=True)
            return self._reassign(record, self._alive(current), previous)
        if record.duplicate_of:
            original = self.store.story_of(record.duplicate_of)
            if original is not None:
                story_id = self._alive(original)
                self._grow(story_id, None, record)
                self.store.set_story_of(record.id, story_id, 1.0)
                return Assignment(story_id, 1.0, created=False)
        feats = self.features(record, count=not self._counted)
        self._counted = True
        ranked = self.ranked(feats)
        o = self.options
        if ranked and ranked[0][0] >= o.threshold:
            score, story_id = ranked[0]
            created = False
        else:
            score, story_id, created = 0.0, self._new_story(record), True
        self._grow(story_id, feats, record)
        self.store.set_story_of(record.id, story_id, score)
        merged: list[str] = []
        if not created:
            # The article may bridge two stories: with it, are they one?
            for other_score, other in ranked[1:3]:
                if other in self.rows and other_score >= o.merge_threshold \
                        and self._stories_close(story_id, other):
                    try:
                        story_id, gone = self._merge(story_id, other)
                    except _Stale:
                        self.catch_up()  # the article is placed; a merge can wait for the next one
                        break
                    merged.append(gone)
        nearby = [sid for _, sid in ranked[:4] if sid != story_id and sid in self.rows][:3]
        return Assignment(story_id, score, created, merged, nearby)

    def _reassign(self, record: Record, story_id: str, previous: Record | None) -> Assignment:
        """An article already in a story: does it fit another one better now?"""
        self._wake(story_id)
        feats = self.features(record)
        ranked = self.ranked(feats)
        here = self.score(feats, story_id) if story_id in self.rows else 0.0
        others = [(s, sid) for s, sid in ranked if sid != story_id]
        nearby = [sid for _, sid in others[:3]]
        # The article's own share makes its story look closer than it is: a move needs a story
        # that is at least as close, and close enough to join.
        if not others or others[0][0] < self.options.threshold or others[0][0] <= here \
                or story_id not in self.rows:
            return Assignment(story_id, here, created=False, nearby=nearby, again=True)
        score, target = others[0]
        old = self.features(previous) if previous is not None else feats
        self._shrink(story_id, old, target)
        self._grow(target, feats, record)
        self.store.set_story_of(record.id, target, score)
        return Assignment(target, score, created=False, nearby=nearby[1:], moved_from=story_id, again=True)

    def _alive(self, story_id: str) -> str:
        """The story a (possibly merged-away) story lives on in, read from the store."""
        seen = set()
        row = self.store.get_story(story_id)
        while row is not None and row.merged_into and row.id not in seen:
            seen.add(row.id)
            row = self.store.get_story(row.merged_into)
        return row.id if row is not None else story_id

    # --- the index -----------------------------------------------------------------------------

    def _checked(self, story_id: str) -> StoryRow:
        """The remembered row of a story about to be written, which must be what is stored."""
        self._wake(story_id)
        row = self.rows.get(story_id)
        if row is None:
            raise _Stale(story_id)
        if row.size == 0:
            return row  # started by this article, not stored yet
        if self.store.get_story(story_id) != row:
            raise _Stale(story_id)
        return row

    def _new_story(self, record: Record) -> str:
        self.created += 1
        story_id = f"s{self.created}"
        if self.store.get_story(story_id) is not None:
            raise _Stale(story_id)  # another process has started stories since the index was built
        now = now_utc()
        day = article_day(record)
        row = StoryRow(id=story_id, title="", created_at=now, updated_at=now, first_date=day,
                       last_date=day, size=0, profile="{}")
        self._load(row)
        return story_id

    def _store_row(self, row: StoryRow, profile: Profile) -> None:
        self._load(row, profile)
        self.store.put_story(row)

    def _grow(self, story_id: str, feats: Features | None, record: Record) -> None:
        row = self._checked(story_id)
        profile = self.profiles[story_id]
        if feats is not None:
            add_features(profile, feats, story_terms=self.options.story_terms)
        day = article_day(record)
        first = min(d for d in (row.first_date, day) if d) if (row.first_date or day) else None
        last = max(d for d in (row.last_date, day) if d) if (row.last_date or day) else None
        self._store_row(StoryRow(id=row.id, title=story_title(profile), created_at=row.created_at,
                                 updated_at=now_utc(), first_date=first, last_date=last, size=row.size + 1,
                                 merged_into=None, profile=profile.to_json()), profile)

    def _shrink(self, story_id: str, feats: Features, moved_to: str) -> None:
        """Take an article out of its story; a story left empty is merged into where it went."""
        row = self._checked(story_id)
        self._checked(moved_to)
        profile = self.profiles[story_id]
        remove_features(profile, feats)
        now = now_utc()
        if row.size <= 1:
            self._unindex(story_id)
            self.store.put_story(replace(row, updated_at=now, size=0, merged_into=moved_to, profile="{}"))
            for exp in self.store.expectations(story_id=story_id):
                self.store.put_expectation(replace(exp, story_id=moved_to, updated_at=now))
            return
        self._store_row(replace(row, title=story_title(profile), updated_at=now, size=row.size - 1,
                                profile=profile.to_json()), profile)

    def _stories_close(self, a: str, b: str) -> bool:
        pa, pb = self.profiles[a], self.profiles[b]
        words = _cosine(_unit(pa.words), pb.words, self.word_norms[b])
        names = _cosine(_unit(pa.names), pb.names, self.name_norms[b])
        o = self.options
        if not pa.names or not pb.names:
            return words >= o.merge_similarity  # no names to compare: the words must do
        return o.text_weight * words + o.name_weight * names >= o.merge_similarity

    def _merge(self, a: str, b: str) -> tuple[str, str]:
        """Merge the smaller of two stories into the larger; returns (kept, merged away)."""
        keep, gone = (a, b) if self.rows[a].size >= self.rows[b].size else (b, a)
        rk, rg = self._checked(keep), self._checked(gone)
        pk, pg = self.profiles[keep], self.profiles[gone]
        for k, x in pg.words.items():
            pk.words[k] = pk.words.get(k, 0.0) + x
        pk.words = _top(pk.words, self.options.story_terms)
        for k, x in pg.names.items():
            pk.names[k] = pk.names.get(k, 0.0) + x
        pk.names = _top(pk.names, self.options.story_terms // 3)
        pk.display = {**pg.display, **pk.display}
        for k2, v in pg.pairs.items():
            pk.pairs[k2] = pk.pairs.get(k2, 0) + v
        for k2, v in pg.types.items():
            pk.types[k2] = pk.types.get(k2, 0) + v
        dates = [d for d in (rk.first_date, rg.first_date, rk.last_date, rg.last_date) if d]
        now = now_utc()
        self._store_row(StoryRow(
            id=keep, title=story_title(pk), created_at=min(rk.created_at, rg.created_at), updated_at=now,
            first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
            size=rk.size + rg.size, profile=pk.to_json()), pk)
        for article_id in self.store.story_members(gone):
            self.store.set_story_of(article_id, keep, 1.0)
        for exp in self.store.expectations(story_id=gone):
            self.store.put_expectation(replace(exp, story_id=keep, updated_at=now))
        self.store.put_story(StoryRow(id=gone, title=rg.title, created_at=rg.created_at, updated_at=now,
                                      first_date=rg.first_date, last_date=rg.last_date, size=rg.size,
                                      merged_into=keep, profile="{}"))
        self._unindex(gone)
        return keep, gone


# One index per open store object: built on first use, forgotten with the store.
_INDEXES: weakref.WeakKeyDictionary[Store, StoryIndex] = weakref.WeakKeyDictionary()


def index_for(store: Store, options: AssignOptions | None = None) -> StoryIndex:
    index = _INDEXES.get(store)
    if index is None or (options is not None and index.options != options):
        index = StoryIndex(store, options)
        _INDEXES[store] = index
    return index


def assign(store: Store, record: Record, options: AssignOptions | None = None, *,
           previous: Record | None = None) -> Assignment:
    """Assign one stored article to its story (see the module docstring)."""
    return index_for(store, options).assign(record, previous)
