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

The index lives in memory, built from the store once per process and store
(``index_for``). The store is the truth: the index checks, at every
assignment, that the store's count of assigned articles is the one it
expects (another process, or a rolled-back transaction, changes it) and that
a story it is about to write is stored as it remembers it; when either is
off it reloads from the store and redoes the assignment, so a second writer
never leaves it stale and never loses an update.

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
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace

from wirewatch.record import Record
from wirewatch.store.base import Store, StoryRow, now_utc
from wirewatch.stories.cluster import terms as text_terms
from wirewatch.stories.dates import gap_days, parse_day
from wirewatch.stories.features import NAME_TYPES, article_day, entities_by_id, event_keys, norm
from wirewatch.stories.profile import (
    NAME_PREFIX,
    Features,
    Profile,
    _cosine,
    _norm2,
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


class StoryIndex:
    """Stories of one store, in memory, for assignment; see the module docstring."""

    def __init__(self, store: Store, options: AssignOptions | None = None) -> None:
        self.store = store
        self.options = options or AssignOptions()
        self.reloads = 0  # how often the store was found changed behind the index's back
        self._counted = False
        self.reload()
        self.reloads = 0

    def reload(self) -> None:
        """Build the index from the store, or bring it up to date with it: a story whose
        stored row is the one remembered keeps its parsed profile and index entries; only
        new, changed and vanished (merged or rolled back) stories cost parsing."""
        self.n_docs, self.df = self.store.term_counts()
        self.missed = 0  # articles counted by others since the frequencies were read
        self._sync_stories()
        self.reloads += 1

    def _sync_stories(self) -> None:
        first = not hasattr(self, "rows")
        if first:
            self.rows: dict[str, StoryRow] = {}
            self.profiles: dict[str, Profile] = {}
            self.word_norms: dict[str, float] = {}
            self.name_norms: dict[str, float] = {}
            self.spans: dict[str, tuple[int, int] | None] = {}  # first and last day (ordinals)
            self.indexed: dict[str, set[str]] = {}
            self.postings: dict[str, OrderedDict[str, None]] = {}
            # Stories that ended more than max_gap_days before the newest one cannot take
            # today's news: they stay dormant (not parsed, not indexed) until an older article
            # needs them, which keeps a new process's start proportional to recent stories.
            self.dormant: dict[str, StoryRow] = {}
            self.horizon: int | None = None
        self.created = 0
        live: list[StoryRow] = []
        for row in self.store.stories(merged=True):
            number = row.id[1:]
            if row.id.startswith("s") and number.isdigit():
                self.created = max(self.created, int(number))
            if row.merged_into is None:
                live.append(row)
        if first:
            last_days = [d.toordinal() for d in (parse_day(r.last_date) for r in live) if d is not None]
            self.horizon = max(last_days) - self.options.max_gap_days if last_days else None
        ids = {row.id for row in live}
        for story_id in [sid for sid in self.rows if sid not in ids]:
            self._unindex(story_id)
        for story_id in [sid for sid in self.dormant if sid not in ids]:
            del self.dormant[story_id]
        for row in live:
            if self.rows.get(row.id) == row or self.dormant.get(row.id) == row:
                continue
            last = parse_day(row.last_date)
            if self.horizon is not None and last is not None and last.toordinal() < self.horizon \
                    and row.id not in self.rows:
                self.dormant[row.id] = row
            else:
                self.dormant.pop(row.id, None)
                self._load(row)

    def _wake(self, story_id: str) -> None:
        row = self.dormant.pop(story_id, None)
        if row is not None:
            self._load(row, old=True)

    def _wake_all(self) -> None:
        """Load the dormant stories, latest first, behind the recent ones in every posting list."""
        for row in sorted(self.dormant.values(), key=lambda r: r.last_date or "", reverse=True):
            self._load(row, old=True)
        self.dormant.clear()
        self.horizon = None

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
        the one expected means someone else assigned articles (or a transaction was rolled
        back) since the index was built: reload it."""
        expected = self.n_docs + 1
        counted = self.store.add_term_counts(keys)
        if counted != expected:
            # The stories are brought up to date now; the document frequencies of the articles
            # missed only once they are a noticeable share (reading them all costs as much as
            # the vocabulary, and a few articles' worth of counts barely moves a weight).
            self.missed += abs(counted - expected)
            if self.missed > max(100, 0.02 * counted):
                self.reload()
                return
            self._sync_stories()
            self.reloads += 1
        for key in set(keys):
            self.df[key] = self.df.get(key, 0) + 1
        self.n_docs = counted

    def features(self, record: Record, *, count: bool = False) -> Features:
        """The article's features; with ``count``, its terms are first added to the
        document frequencies (once per article, when it is assigned)."""
        o = self.options
        counts, names, display = self._raw(record)
        if count:
            self._count(list(counts) + list(names))
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

    def _decay(self, feats: Features, row: StoryRow) -> float:
        first, last = parse_day(row.first_date), parse_day(row.last_date)
        if feats.day is None or first is None or last is None:
            return 1.0
        gap = gap_days(feats.day, first, last)
        if gap > self.options.max_gap_days:
            return 0.0
        return math.exp(-gap / self.options.decay_days)

    def score(self, feats: Features, story_id: str) -> float:
        o = self.options
        profile, row = self.profiles[story_id], self.rows[story_id]
        decay = self._decay(feats, row)
        if decay == 0.0:
            return 0.0
        text = _cosine(feats.words, profile.words, self.word_norms[story_id])
        names = _cosine(feats.names, profile.names, self.name_norms[story_id])
        pair = o.pair_bonus if feats.pairs & profile.pairs.keys() else 0.0
        if not feats.names or not profile.names:
            return (text + pair) * decay  # nothing named on one side: the words carry all the weight
        return (o.text_weight * text + o.name_weight * names + pair) * decay

    def query_keys(self, feats: Features) -> list[tuple[str, float]]:
        """The keys an article is looked up under: its weightiest words that are not common,
        and its names."""
        o = self.options
        common = o.common_share * self.n_docs if self.n_docs >= o.common_min_docs else math.inf
        words = [(k, x) for k, x in feats.words.items() if self.df.get(k, 0) <= common]
        return heapq.nlargest(o.query_terms, words, key=lambda kx: kx[1]) + list(feats.names.items())

    def candidates(self, feats: Features) -> list[str]:
        """Stories sharing the article's lookup keys and within ``max_gap_days`` of it, best
        first by a cheap partial score (the article's weights of the shared keys); only the
        first few are scored in full."""
        o = self.options
        if self.dormant and (feats.day is None or self.horizon is None
                             or feats.day.toordinal() - o.max_gap_days < self.horizon):
            self._wake_all()  # an undated or older article: the old stories may be its own
        acc: dict[str, float] = {}
        for key, x in self.query_keys(feats):
            posting = self.postings.get(key)
            if posting:
                for sid in posting:
                    acc[sid] = acc.get(sid, 0.0) + x
        if feats.day is not None:
            day, gap = feats.day.toordinal(), o.max_gap_days
            for sid in list(acc):
                span = self.spans.get(sid)
                if span is not None and (span[1] < day - gap or span[0] > day + gap):
                    del acc[sid]  # too far apart in time to be one story (see _decay)
        if len(acc) <= o.candidates:
            return list(acc)
        return heapq.nlargest(o.candidates, acc, key=acc.__getitem__)

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
        for _ in range(_ATTEMPTS):
            try:
                return self._assign(record, previous)
            except _Stale:
                self.reload()
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
                        self.reload()  # the article is placed; a merge can wait for the next one
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

    def _load(self, row: StoryRow, profile: Profile | None = None, *, old: bool = False) -> None:
        profile = profile if profile is not None else Profile.from_json(row.profile)
        self.rows[row.id] = row
        self.profiles[row.id] = profile
        self.word_norms[row.id] = _norm2(profile.words)
        self.name_norms[row.id] = _norm2(profile.names)
        first, last = parse_day(row.first_date), parse_day(row.last_date)
        self.spans[row.id] = (first.toordinal(), last.toordinal()) if first and last else None
        self._reindex(row.id, old=old)

    def _reindex(self, story_id: str, *, old: bool = False) -> None:
        """Index a story under its top words and names; an ``old`` (woken) story goes to the
        back of each posting list, and only where there is room."""
        profile = self.profiles[story_id]
        n = self.options.index_terms
        keys = set(_top(profile.words, n)) | set(_top(profile.names, n // 2))
        before = self.indexed.get(story_id, set())
        for key in before - keys:
            posting = self.postings.get(key)
            if posting is not None:
                posting.pop(story_id, None)
        if old:
            kept = set()
            for key in keys:
                posting = self.postings.setdefault(key, OrderedDict())
                if len(posting) < self.options.posting_limit:
                    posting[story_id] = None
                    posting.move_to_end(story_id, last=False)
                    kept.add(key)
            self.indexed[story_id] = kept
            return
        for key in keys:
            posting = self.postings.setdefault(key, OrderedDict())
            posting[story_id] = None
            posting.move_to_end(story_id)
            if len(posting) > self.options.posting_limit:
                dropped, _ = posting.popitem(last=False)
                self.indexed.get(dropped, set()).discard(key)
        self.indexed[story_id] = keys

    def _unindex(self, story_id: str) -> None:
        for key in self.indexed.pop(story_id, set()):
            posting = self.postings.get(key)
            if posting is not None:
                posting.pop(story_id, None)
        self.rows.pop(story_id, None)
        self.profiles.pop(story_id, None)
        self.word_norms.pop(story_id, None)
        self.name_norms.pop(story_id, None)
        self.spans.pop(story_id, None)

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
