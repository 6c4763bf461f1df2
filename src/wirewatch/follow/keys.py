"""How a followed name, an actor pair and a query are compared with an article: keys, pure.

Both sides of a comparison go through the same functions here — the
subscription once, when the index is built, and the article once per
record — so that the index's dictionary lookups and the full check that
verifies each candidate can never disagree about what a name is.

A name is its words, case- and accent-folded (``"Viktor Orbán"`` ->
``("viktor", "orban")``); punctuation separates words, so ``"U.S."`` is
``("u", "s")`` however it is typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from wirewatch.store.base import WORD, Phrase, fold, parse_query
from wirewatch.store.follow_base import SubscriptionRow

Words = tuple[str, ...]
PersonKey = tuple[str, str]


fold_word = lru_cache(maxsize=200_000)(fold)  # the same words recur in every article and many follows


def name_words(text: str) -> Words:
    """The folded words of a name: ``"Vladimir V. Putin"`` -> ``("vladimir", "v", "putin")``."""
    return tuple(fold_word(w) for w in WORD.findall(text))


def ngrams(words: Words) -> set[Words]:
    """Every run of consecutive words: what a followed name may be inside a longer one."""
    return {words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


@lru_cache(maxsize=65536)
def person_key(name: str) -> PersonKey | None:
    """(first, last) of a person's name, middle names, initials and titles skipped and
    nicknames mapped ("Bill" ~ "William"), as the entities stage compares people; None for
    one word."""
    from wirewatch.analyse.entities.names import person_key as entities_person_key

    first, last = entities_person_key(name)
    first_words, last_words = name_words(first), name_words(last)
    if not first_words or not last_words or first_words[0] == last_words[-1]:
        return None  # one name only ("Putin", "Mr. Putin")
    return first_words[0], last_words[-1]


@lru_cache(maxsize=65536)
def names_no_person(name: str) -> bool:
    """True for a name that is an organisation's or a place's ("White House", "Security Council",
    "New York"): its last word is no surname to look for."""
    from wirewatch.analyse.lexicon import country_code, institution_sector, is_org_name, place_country

    return bool(is_org_name(name) or institution_sector(name) or country_code(name) or place_country(name))


@lru_cache(maxsize=65536)
def country_or_igo(name: str) -> str | None:
    """The code when the text names a country or an international organisation itself
    ("Russia", "U.S.", "USA", "NATO"), not a demonym, capital or metonym ("Kremlin")."""
    from wirewatch.analyse.lexicon import country_of_name, igo_self

    text = name.strip()
    if not text:
        return None
    code = country_of_name(text) or igo_self(text)
    if code is None and is_code(text):
        code = text.upper()
    return code


@lru_cache(maxsize=4096)
def is_code(text: str) -> bool:
    """An ISO 3166 alpha-3 country code or a known IGO code, typed in capitals ("RUS", "NATO")."""
    import pycountry

    from wirewatch.analyse.lexicon import IGOS

    if not text.isalpha() or not text.isupper():
        return False
    return pycountry.countries.get(alpha_3=text) is not None or text in set(IGOS.values())


@dataclass(frozen=True)
class Followed:
    """A subscription read once into the keys matching compares (built when the index is)."""

    row: SubscriptionRow
    position: int  # order of the subscription in the list the index was built from
    words: Words = ()  # entity: the name's words
    person: PersonKey | None = None  # entity: (first, last) when the name is a person's
    code: str | None = None  # entity: the country or organisation it names
    pair: frozenset[str] = frozenset()  # pair: the two codes
    types: frozenset[str] = frozenset()  # pair: event types (empty: any)
    groups: tuple[tuple[Phrase, ...], ...] = ()  # query: alternatives of phrases that must all occur
    stories: frozenset[str] = frozenset()  # story: its id

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def kind(self) -> str:
        return self.row.kind


def compile_subscription(row: SubscriptionRow, position: int = 0) -> Followed | None:
    """The keys of one subscription; None for a kind this version does not know (skipped)."""
    if row.kind == "entity":
        words = name_words(row.target)
        if not words:
            return None
        person, code = _stored_entity_keys(row) or entity_keys(row.target)
        return Followed(row, position, words=words, person=person, code=code)
    if row.kind == "pair":
        codes = frozenset(c for c in row.target.split("-") if c)
        if len(codes) != 2:
            return None
        return Followed(row, position, pair=codes, types=frozenset(row.event_types))
    if row.kind == "story":
        return Followed(row, position, stories=frozenset({row.target}))
    if row.kind == "query":
        groups = tuple(tuple(g) for g in parse_query(row.target))
        return Followed(row, position, groups=groups) if groups else None
    return None


def entity_keys(name: str) -> tuple[PersonKey | None, str | None]:
    """(first, last) when the followed name is a person's, and the code when it names a country or
    organisation. Costs a lexicon lookup, so :func:`new_subscription` keeps the answer in the
    subscription's data (``"keys"``) and building an index of 100k subscriptions reads it back."""
    code = country_or_igo(name)
    person = person_key(name) if code is None and not names_no_person(name) else None
    return person, code


def _stored_entity_keys(row: SubscriptionRow) -> tuple[PersonKey | None, str | None] | None:
    if '"keys"' not in row.data:  # most rows: skip parsing JSON that cannot hold them
        return None
    keys = row_data(row).get("keys")
    if not isinstance(keys, dict) or keys.get("name") != row.target:
        return None  # missing, or kept for another spelling of the target
    person, code = keys.get("person"), keys.get("code")
    if not (person is None or (isinstance(person, list) and len(person) == 2
                               and all(isinstance(p, str) for p in person))):
        return None
    if not (code is None or isinstance(code, str)):
        return None
    return (tuple(person) if person else None), code


def absorbed_stories(merged_into: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Story id -> the ids of every story merged into it, directly or through others, from
    "old id -> id it was merged into" (what the store's story rows say)."""
    out: dict[str, set[str]] = {}
    for old in merged_into:
        seen = {old}
        current = old
        while current in merged_into and merged_into[current] not in seen:  # a cycle would be a bug
            current = merged_into[current]
            seen.add(current)
            out.setdefault(current, set()).add(old)
    return {k: frozenset(v) for k, v in out.items()}


def with_merges(absorbed: Mapping[str, frozenset[str]], story: str, merged: Iterable[str],
                ) -> dict[str, frozenset[str]]:
    """``absorbed`` updated with an article's assignment: ``story`` absorbed the ``merged`` ones."""
    out = dict(absorbed)
    gained = set(out.get(story, frozenset()))
    for old in merged:
        if old and old != story:
            gained |= {old} | out.get(old, frozenset())
    if story and gained:
        out[story] = frozenset(gained)
    return out


def row_data(row: SubscriptionRow) -> dict[str, object]:
    """The subscription's JSON data, or {} when it cannot be read."""
    try:
        data = json.loads(row.data or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}
