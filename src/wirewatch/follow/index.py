"""The subscription index: from an article to the few subscriptions that may match it.

Every subscription is filed under keys an article can look up in a dict,
so the cost of matching an article grows with what the article contains,
not with how many people follow something:

- entity: the followed name's words (looked up with every run of words of
  every name the article gives a party), its (first, last) and its last
  name when it is a person's, and the country or organisation it names;
- pair: the two codes (looked up with every pair of actors of an event and
  of a changed expectation);
- story: its id (an article's story is looked up with the ids of the stories
  merged into it);
- query: one word of each alternative — the longest one that must occur
  whole; a query whose alternative has only ``word*`` terms is filed under
  that start and looked up with the starts of the article's words.

The index only proposes candidates; :mod:`wirewatch.follow.match` checks
each one fully, so a key that proposes too much costs time, never a wrong
alert. The property test checks that it never proposes too little.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

from wirewatch.follow.features import ArticleFacts
from wirewatch.follow.keys import Followed, Words, absorbed_stories, compile_subscription, with_merges
from wirewatch.store.base import Phrase, Store
from wirewatch.store.follow_base import SubscriptionRow
from wirewatch.stories.update import StoryUpdate

_Postings = dict[object, list[Followed]]


class SubscriptionIndex:
    """Subscriptions filed by the keys an article can look up."""

    def __init__(self, followed: Iterable[Followed] = ()) -> None:
        self.followed: list[Followed] = []
        self._words: dict[Words, list[Followed]] = {}
        self._persons: _Postings = {}
        self._surnames: dict[str, list[Followed]] = {}
        self._codes: dict[str, list[Followed]] = {}
        self._pairs: dict[frozenset[str], list[Followed]] = {}
        self._stories: dict[str, list[Followed]] = {}
        self._terms: dict[str, list[Followed]] = {}
        self._starts: dict[str, list[Followed]] = {}
        self.absorbed: dict[str, frozenset[str]] = {}  # story -> stories merged into it
        for f in followed:
            self.add(f)

    @classmethod
    def from_rows(cls, rows: Iterable[SubscriptionRow], *,
                  merged_into: Mapping[str, str] | None = None) -> SubscriptionIndex:
        """The index of these subscriptions; ``merged_into`` maps a merged story's id to the story
        it became part of (so a follower of the old id hears about the new one)."""
        index = cls(f for f in (compile_subscription(row, i) for i, row in enumerate(rows)) if f is not None)
        index.absorbed = absorbed_stories(merged_into or {})
        return index

    @classmethod
    def from_store(cls, store: Store) -> SubscriptionIndex:
        """The index of every subscription in the store, with the store's story merges."""
        merged = {row.id: row.merged_into for row in store.stories(merged=True) if row.merged_into}
        return cls.from_rows(store.subscriptions(), merged_into=merged)

    def note_merges(self, update: StoryUpdate) -> None:
        """Remember the stories an article's story absorbed, for this article and the next ones."""
        if update.assignment.merged:
            self.absorbed = with_merges(self.absorbed, update.assignment.story_id, update.assignment.merged)

    def __len__(self) -> int:
        return len(self.followed)

    def add(self, f: Followed) -> None:
        self.followed.append(f)
        if f.kind == "entity":
            self._words.setdefault(f.words, []).append(f)
            if f.person is not None:
                self._persons.setdefault(f.person, []).append(f)
                self._surnames.setdefault(f.person[1], []).append(f)
            if f.code:
                self._codes.setdefault(f.code, []).append(f)
        elif f.kind == "pair":
            self._pairs.setdefault(f.pair, []).append(f)
        elif f.kind == "story":
            for story in f.stories:
                self._stories.setdefault(story, []).append(f)
        elif f.kind == "query":
            for group in f.groups:
                term, whole = query_term(group)
                (self._terms if whole else self._starts).setdefault(term, []).append(f)

    def candidates(self, facts: ArticleFacts) -> list[Followed]:
        """Subscriptions that may match the article, in the order they were indexed."""
        found: dict[int, Followed] = {}

        def take(postings: list[Followed] | None) -> None:
            if postings:
                for f in postings:
                    found[f.position] = f

        if self._words or self._persons or self._codes:
            for party in facts.parties():
                for words in party.ngrams:
                    take(self._words.get(words))
                for person in party.persons:
                    take(self._persons.get(person))
                if party.surname is not None:
                    take(self._surnames.get(party.surname))
                for code in party.codes:
                    take(self._codes.get(code))
        if self._pairs:
            for ev in facts.events:
                for pair in ev.pairs:
                    take(self._pairs.get(pair))
            for ch in facts.changes:
                for a, b in combinations(sorted(ch.codes), 2):
                    take(self._pairs.get(frozenset((a, b))))
        if self._stories:
            wanted = set(facts.stories)
            for ch in facts.changes:
                wanted |= facts.story_ids(ch.expectation.story_id)
            for story in wanted:
                take(self._stories.get(story))
        if self._terms:
            for word in facts.positions:
                take(self._terms.get(word))
        if self._starts:
            for word in facts.positions:
                for end in range(1, len(word) + 1):
                    take(self._starts.get(word[:end]))
        return [found[k] for k in sorted(found)]


def query_term(group: tuple[Phrase, ...]) -> tuple[str, bool]:
    """The word an alternative of a query is filed under, and whether it must occur whole.

    Every word of every phrase must occur, except that a phrase's last word
    ending in ``*`` may be only the start of one; the longest such word is
    the rarest in practice, so the fewest articles look its postings up.
    """
    whole = [w for p in group for w in (p.words[:-1] if p.prefix else p.words)]
    if whole:
        return max(whole, key=lambda w: (len(w), w)), True
    return max((p.words[-1] for p in group), key=lambda w: (len(w), w)), False
