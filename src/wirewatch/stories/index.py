"""The stories of one store in memory, kept in step with the store: what assignment looks up.

``StoryTable`` holds each live story's row, parsed profile, vector norms and
span of days, and posting lists from a word or name to the stories indexed
under it (the ``posting_limit`` most recently updated ones). Scoring and
assigning are in ``assign``; this module only keeps the table true to the
store.

The store is the truth. The table remembers the highest story version it
has read (``Store.stories_changed_since``): catching up with another
process's writes reads only the stories written since, whatever the number
stored. Two things make it read everything again: its first build, and a
rolled-back write block of its store object (``Store.rollbacks``), since the
rows it wrote in that block are then gone from the store and no new version
says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirewatch.store.base import Store, StoryRow
from wirewatch.stories.dates import parse_day
from wirewatch.stories.profile import Profile, _norm2, _top

if TYPE_CHECKING:
    from wirewatch.stories.assign import AssignOptions


class StoryTable:
    """Stories of one store, in memory; see the module docstring."""

    def __init__(self, store: Store, options: AssignOptions) -> None:
        self.store = store
        self.options = options
        self.rows: dict[str, StoryRow] = {}
        self.profiles: dict[str, Profile] = {}
        self.word_norms: dict[str, float] = {}
        self.name_norms: dict[str, float] = {}
        self.spans: dict[str, tuple[int, int] | None] = {}  # first and last day (ordinals)
        self.indexed: dict[str, set[str]] = {}
        # Plain dicts in insertion order, oldest first: iterating one (every article walks a few
        # hundred entries) is a walk through an array, where an OrderedDict chases links.
        self.postings: dict[str, dict[str, None]] = {}
        # Stories that ended more than max_gap_days before the newest one cannot take today's
        # news: they stay dormant (not parsed, not indexed) until an older article needs them,
        # which keeps a new process's start proportional to recent stories.
        self.dormant: dict[str, StoryRow] = {}
        self.horizon: int | None = None
        self.version = 0  # the highest story version read from the store
        self.created = 0  # the highest number of an "s<number>" story id seen or handed out
        self.rollbacks = store.rollbacks  # the store's rolled-back blocks when last read in full
        self._built = False

    def sync_stories(self, *, full: bool = False) -> int:
        """Bring the table up to date with the stored stories: those written since the last
        version read, or (first build, ``full``) all of them. A story whose stored row is the
        one remembered keeps its parsed profile and index entries; only new, changed and
        merged-away stories cost parsing. Returns the number of rows read."""
        full = full or not self._built
        changed = self.store.stories_changed_since(0 if full else self.version)
        if full:
            live = {row.id for _, row in changed if row.merged_into is None}
            for story_id in [sid for sid in self.rows if sid not in live]:
                self._unindex(story_id)  # written in a rolled-back block, or merged away
            for story_id in [sid for sid in self.dormant if sid not in live]:
                del self.dormant[story_id]
            self.version = self.created = 0
            self.rollbacks = self.store.rollbacks
        if not self._built:
            days = [d.toordinal() for d in (parse_day(row.last_date) for _, row in changed
                                            if row.merged_into is None) if d is not None]
            self.horizon = max(days) - self.options.max_gap_days if days else None
            self._built = True
        for version, row in changed:
            self.version = max(self.version, version)
            number = row.id[1:]
            if row.id.startswith("s") and number.isdigit():
                self.created = max(self.created, int(number))
            if row.merged_into is not None:
                self.dormant.pop(row.id, None)
                if row.id in self.rows:
                    self._unindex(row.id)
                continue
            if self.rows.get(row.id) == row or self.dormant.get(row.id) == row:
                continue  # this process wrote it, or read it already
            last = parse_day(row.last_date)
            if self.horizon is not None and last is not None and last.toordinal() < self.horizon \
                    and row.id not in self.rows:
                self.dormant[row.id] = row
            else:
                self.dormant.pop(row.id, None)
                self._load(row)
        return len(changed)

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
        limit = self.options.posting_limit
        postings = self.postings
        if old:
            kept = set()
            for key in keys:
                posting = postings.get(key)
                if posting is None or len(posting) < limit:
                    postings[key] = {story_id: None, **(posting or {})}  # at the front (rare: a woken story)
                    kept.add(key)
            self.indexed[story_id] = kept
            return
        for key in keys:
            posting = postings.get(key)
            if posting is None:
                postings[key] = posting = {}
            posting.pop(story_id, None)
            posting[story_id] = None  # to the end: the most recently updated
            if len(posting) > limit:
                dropped = next(iter(posting))
                del posting[dropped]
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
