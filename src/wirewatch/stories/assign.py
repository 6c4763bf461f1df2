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

Cost per article stays flat as the store grows: the article keeps its top
terms only, a story is indexed under its top terms and names only, and each
posting list keeps the most recently updated stories. The index is built
from the store once per process and store (``index_for``) and kept in step
with what this process writes.

When an article is as close to a second story as to the one it joins, and
the two stories are close to each other, the evidence says they are one
story: the smaller is merged into the larger (members, expectations and
profile move; the merged story keeps a ``merged_into`` link).
"""

from __future__ import annotations

import heapq
import json
import math
import weakref
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from wirewatch.record import Record
from wirewatch.store.base import Store, StoryRow, now_utc
from wirewatch.stories.cluster import terms as text_terms
from wirewatch.stories.dates import gap_days, parse_day
from wirewatch.stories.features import NAME_TYPES, article_day, entities_by_id, event_keys, norm

NAME_PREFIX = "@"  # name features share the document-frequency table with words


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
    candidates: int = 25  # stories scored in full per article
    posting_limit: int = 100  # stories kept per indexed word (the most recently updated)


@dataclass
class Features:
    """What assignment compares, for one article."""

    words: dict[str, float]  # unit TF-IDF vector (top terms)
    names: dict[str, float]  # unit vector over NAME_PREFIX + normalised name
    display: dict[str, str]  # NAME_PREFIX + name -> the name as written
    pairs: set[str]
    types: Counter[str]
    day: date | None
    raw_terms: list[str]  # every term and name, for document frequencies


@dataclass
class Profile:
    """A story's summary: what assignment needs, kept as JSON in ``StoryRow.profile``."""

    words: dict[str, float] = field(default_factory=dict)  # sum of member vectors (capped)
    names: dict[str, float] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"w": self.words, "n": self.names, "d": self.display, "p": self.pairs,
                           "y": self.types}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Profile:
        try:
            d: dict[str, Any] = json.loads(text or "{}")
        except ValueError:
            d = {}
        return cls(words=dict(d.get("w") or {}), names=dict(d.get("n") or {}),
                   display=dict(d.get("d") or {}), pairs=dict(d.get("p") or {}), types=dict(d.get("y") or {}))


@dataclass
class Assignment:
    story_id: str
    score: float
    created: bool
    merged: list[str] = field(default_factory=list)  # stories merged into story_id by this article
    nearby: list[str] = field(default_factory=list)  # the next closest stories (for expectations)


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm_ = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    return {k: x / norm_ for k, x in vec.items() if x > 0}


def _cosine(unit: dict[str, float], total: dict[str, float], total_norm: float) -> float:
    if not unit or not total:
        return 0.0
    return sum(x * total.get(k, 0.0) for k, x in unit.items()) / (total_norm or 1.0)


def _norm2(vec: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in vec.values())) or 1.0


def _top(vec: dict[str, float], n: int) -> dict[str, float]:
    if len(vec) <= n:
        return vec
    return dict(sorted(vec.items(), key=lambda kv: -kv[1])[:n])


def story_title(profile: Profile, *, names: int = 3, words: int = 3) -> str:
    """A readable label: the story's most weighty names, then its most distinctive other words."""
    people = [profile.display.get(k, k[1:]) for k, _ in sorted(profile.names.items(), key=lambda kv: -kv[1])]
    shown = people[:names]
    taken = {w for n in shown for w in norm(n).split()}
    rest = [w for w, _ in sorted(profile.words.items(), key=lambda kv: -kv[1])
            if w not in taken and not w.isdigit()][:words]
    head = ", ".join(shown)
    tail = ", ".join(rest)
    return f"{head} — {tail}" if head and tail else head or tail or "(untitled story)"


class StoryIndex:
    """Stories of one store, in memory, for assignment; see the module docstring."""

    def __init__(self, store: Store, options: AssignOptions | None = None) -> None:
        self.store = store
        self.options = options or AssignOptions()
        self.n_docs, self.df = store.term_counts()
        self.rows: dict[str, StoryRow] = {}
        self.profiles: dict[str, Profile] = {}
        self.word_norms: dict[str, float] = {}
        self.name_norms: dict[str, float] = {}
        self.indexed: dict[str, set[str]] = {}
        self.postings: dict[str, OrderedDict[str, None]] = {}
        self.created = len(store.stories(merged=True))
        for row in store.stories():
            self._load(row)

    # --- features ------------------------------------------------------------------------------

    def _idf(self, key: str) -> float:
        # Smoothed (+1): while the store is small every shared word would otherwise weigh nothing.
        return math.log((self.n_docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def features(self, record: Record, *, count: bool = False) -> Features:
        """The article's features; with ``count``, its terms are first added to the
        document frequencies (once per article, when it is assigned)."""
        o = self.options
        text = f"{record.title}. {record.text}" if record.title else record.text
        counts = text_terms(text, o.proper_weight)
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
        raw = list(counts) + list(names)
        if count:
            for key in raw:
                self.df[key] = self.df.get(key, 0) + 1
            self.n_docs = self.store.add_term_counts(raw)
        entities = entities_by_id(record)
        pairs: set[str] = set()
        for event in record.events:
            keys = sorted(event_keys(event, entities))
            pairs.update(f"{a}|{b}" for i, a in enumerate(keys) for b in keys[i + 1:])
        words = {w: (1.0 + math.log(c)) * self._idf(w) for w, c in counts.items() if c > 0}
        name_vec = {k: (1.0 + math.log(c)) * self._idf(k) for k, c in names.items()}
        return Features(words=_unit(_top(words, o.article_terms)), names=_unit(name_vec), display=display,
                        pairs=pairs, types=Counter(ev.type for ev in record.events),
                        day=parse_day(article_day(record)), raw_terms=raw)

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

    def candidates(self, feats: Features) -> list[str]:
        """Stories sharing the article's weightiest words and names, best first by a cheap
        partial score (the article's weights of the shared keys); only the first few are
        scored in full."""
        o = self.options
        acc: dict[str, float] = {}
        keys = list(_top(feats.words, o.query_terms).items()) + list(feats.names.items())
        for key, x in keys:
            posting = self.postings.get(key)
            if posting:
                for sid in posting:
                    acc[sid] = acc.get(sid, 0.0) + x
        if len(acc) <= o.candidates:
            return list(acc)
        return heapq.nlargest(o.candidates, acc, key=acc.__getitem__)

    def ranked(self, feats: Features) -> list[tuple[float, str]]:
        scored = [(self.score(feats, sid), sid) for sid in self.candidates(feats)]
        return sorted((s for s in scored if s[0] > 0), key=lambda t: (-t[0], t[1]))

    # --- updating ------------------------------------------------------------------------------

    def assign(self, record: Record) -> Assignment:
        """Put the article into its story (stored), creating or merging stories as needed."""
        existing = self.store.story_of(record.id)
        if existing is not None:
            return Assignment(self._alive(existing), 1.0, created=False)
        if record.duplicate_of:
            original = self.store.story_of(record.duplicate_of)
            if original is not None:
                story_id = self._alive(original)
                self._grow(story_id, None, record)
                self.store.set_story_of(record.id, story_id, 1.0)
                return Assignment(story_id, 1.0, created=False)
        feats = self.features(record, count=True)
        ranked = self.ranked(feats)
        o = self.options
        merged: list[str] = []
        if ranked and ranked[0][0] >= o.threshold:
            score, story_id = ranked[0]
            created = False
        else:
            score, story_id, created = 0.0, self._new_story(record), True
        self._grow(story_id, feats, record)
        self.store.set_story_of(record.id, story_id, score)
        if not created:
            # The article may bridge two stories: with it, are they one?
            for other_score, other in ranked[1:3]:
                if other in self.rows and other_score >= o.merge_threshold \
                        and self._stories_close(story_id, other):
                    story_id, gone = self._merge(story_id, other)
                    merged.append(gone)
        nearby = [sid for _, sid in ranked[:4] if sid != story_id and sid in self.rows][:3]
        return Assignment(story_id, score, created, merged, nearby)

    def _alive(self, story_id: str) -> str:
        seen = set()
        row = self.rows.get(story_id) or self.store.get_story(story_id)
        while row is not None and row.merged_into and row.id not in seen:
            seen.add(row.id)
            row = self.rows.get(row.merged_into) or self.store.get_story(row.merged_into)
        return row.id if row is not None else story_id

    def _new_story(self, record: Record) -> str:
        self.created += 1
        story_id = f"s{self.created}"
        while self.store.get_story(story_id) is not None:
            self.created += 1
            story_id = f"s{self.created}"
        now = now_utc()
        day = article_day(record)
        row = StoryRow(id=story_id, title="", created_at=now, updated_at=now, first_date=day,
                       last_date=day, size=0, profile="{}")
        self._load(row)
        return story_id

    def _load(self, row: StoryRow) -> None:
        profile = Profile.from_json(row.profile)
        self.rows[row.id] = row
        self.profiles[row.id] = profile
        self.word_norms[row.id] = _norm2(profile.words)
        self.name_norms[row.id] = _norm2(profile.names)
        self._reindex(row.id)

    def _reindex(self, story_id: str) -> None:
        profile = self.profiles[story_id]
        keys = set(_top(profile.words, self.options.index_terms)) | set(profile.names)
        old = self.indexed.get(story_id, set())
        for key in old - keys:
            posting = self.postings.get(key)
            if posting is not None:
                posting.pop(story_id, None)
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

    def _grow(self, story_id: str, feats: Features | None, record: Record) -> None:
        profile, row = self.profiles[story_id], self.rows[story_id]
        if feats is not None:
            for k, x in feats.words.items():
                profile.words[k] = profile.words.get(k, 0.0) + x
            profile.words = _top(profile.words, self.options.story_terms)
            for k, x in feats.names.items():
                profile.names[k] = profile.names.get(k, 0.0) + x
            profile.names = _top(profile.names, self.options.story_terms // 3)
            for k, v in feats.display.items():
                profile.display.setdefault(k, v)
            profile.display = {k: v for k, v in profile.display.items() if k in profile.names}
            for p in feats.pairs:
                profile.pairs[p] = profile.pairs.get(p, 0) + 1
            profile.pairs = {k: int(v) for k, v in _top({k: float(v) for k, v in profile.pairs.items()},
                                                         100).items()}
            for t, n in feats.types.items():
                profile.types[t] = profile.types.get(t, 0) + n
        day = article_day(record)
        first = min(d for d in (row.first_date, day) if d) if (row.first_date or day) else None
        last = max(d for d in (row.last_date, day) if d) if (row.last_date or day) else None
        row = StoryRow(id=row.id, title=story_title(profile), created_at=row.created_at, updated_at=now_utc(),
                       first_date=first, last_date=last, size=row.size + 1, merged_into=None,
                       profile=profile.to_json())
        self.rows[story_id] = row
        self.word_norms[story_id] = _norm2(profile.words)
        self.name_norms[story_id] = _norm2(profile.names)
        self._reindex(story_id)
        self.store.put_story(row)

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
        rk, rg = self.rows[keep], self.rows[gone]
        dates = [d for d in (rk.first_date, rg.first_date, rk.last_date, rg.last_date) if d]
        now = now_utc()
        self.rows[keep] = StoryRow(
            id=keep, title=story_title(pk), created_at=min(rk.created_at, rg.created_at), updated_at=now,
            first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
            size=rk.size + rg.size, profile=pk.to_json())
        self.word_norms[keep] = _norm2(pk.words)
        self.name_norms[keep] = _norm2(pk.names)
        self._reindex(keep)
        self.store.put_story(self.rows[keep])
        for article_id in self.store.story_members(gone):
            self.store.set_story_of(article_id, keep, 1.0)
        for exp in self.store.expectations(story_id=gone):
            self.store.put_expectation(replace(exp, story_id=keep, updated_at=now))
        self.store.put_story(StoryRow(id=gone, title=rg.title, created_at=rg.created_at, updated_at=now,
                                      first_date=rg.first_date, last_date=rg.last_date, size=rg.size,
                                      merged_into=keep, profile="{}"))
        self._unindex(gone)
        for table in (self.rows, self.profiles, self.word_norms, self.name_norms):
            table.pop(gone, None)
        return keep, gone


# One index per open store object: built on first use, forgotten with the store.
_INDEXES: weakref.WeakKeyDictionary[Store, StoryIndex] = weakref.WeakKeyDictionary()


def index_for(store: Store, options: AssignOptions | None = None) -> StoryIndex:
    index = _INDEXES.get(store)
    if index is None or (options is not None and index.options != options):
        index = StoryIndex(store, options)
        _INDEXES[store] = index
    return index


def assign(store: Store, record: Record, options: AssignOptions | None = None) -> Assignment:
    """Assign one stored article to its story (see the module docstring)."""
    return index_for(store, options).assign(record)
