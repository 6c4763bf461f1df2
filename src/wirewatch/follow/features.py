"""What one stored article offers to followers, read once per article (pure).

Matching compares every candidate subscription with these facts, never with
the raw record, so the work that depends on the article (folding names,
tokenising the text, pairing actors) is done once however many people
follow something.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from wirewatch.follow.keys import PersonKey, Words, country_or_igo, fold_word, name_words, ngrams, person_key
from wirewatch.record import Actor, Entity, Event, Record
from wirewatch.store.base import WORD
from wirewatch.stories.features import article_day, norm, sentence
from wirewatch.stories.model import Expectation
from wirewatch.stories.update import StoryUpdate

PERSON = "PERSON"
# The modality of the report that gives an expectation each status (as the expectations stage reads them).
_STATUS_MODALITY = {"happened": "asserted", "cancelled": "cancelled", "denied": "negated"}
# Where a sentence may end: a stop (and any closing quote or bracket) before a space and a capital,
# or a line break; a stop after an initial or an abbreviation ("U.S. President", "Gov. Cornejo") is none.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"\u201cA-Z0-9])|\n")
_WORD_BEFORE = re.compile(r"(\w+)$")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "cmdr", "maj",
    "prof", "rev", "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "corp", "co", "ltd", "a.m", "p.m", "am", "pm", "etc", "approx", "dept", "est", "ft", "mt"})
_STOP = re.compile(r"[.!?\n]")
_LOOKBACK = 1500  # characters searched backwards for the start of a sentence


@dataclass
class Party:
    """One party as an article names it: what a followed name is compared with."""

    ngrams: set[Words] = field(default_factory=set)
    persons: set[PersonKey] = field(default_factory=set)
    surname: str | None = None  # a person the article names by one word only ("Putin")
    codes: set[str] = field(default_factory=set)
    name: str = ""  # for display


@dataclass
class EventFacts:
    index: int
    event: Event
    parties: list[Party]
    pairs: set[frozenset[str]]
    fact: str  # what makes two reports the same fact
    sentence: str
    actors: list[str]  # display names, sources first


@dataclass
class ChangeFacts:
    """An expectation whose status this article changed."""

    expectation: Expectation
    party: Party
    codes: frozenset[str]
    caused: frozenset[int]  # indexes of this article's events that made the change
    sentence: str
    fact: str  # what makes two reports of the change the same fact


@dataclass
class ArticleFacts:
    record: Record
    mentioned: list[tuple[Entity, Party]]  # entities named in the text or a caption
    events: list[EventFacts]
    changes: list[ChangeFacts]
    stories: frozenset[str]  # the article's story, the stories merged into it now or before
    tokens: tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]  # title, text: (word, start, end)
    positions: dict[str, list[tuple[int, int]]]  # word -> (0 title / 1 text, token index)
    sentences: dict[object, str] = field(default_factory=dict)  # evidence found so far, for the next follower
    absorbed: Mapping[str, frozenset[str]] = field(default_factory=dict)  # story -> stories merged into it
    story: str | None = None  # the story the article joined

    def story_ids(self, story_id: str | None) -> frozenset[str]:
        """A story's id and those of the stories merged into it (a follower of any is a follower)."""
        if not story_id:
            return frozenset()
        return frozenset({story_id}) | self.absorbed.get(story_id, frozenset())

    def sentence(self, key: object, find: Callable[[], str | None]) -> str:
        """Evidence computed once per article however many followers' alerts quote it."""
        if key not in self.sentences:
            self.sentences[key] = find() or ""
        return self.sentences[key]

    def parties(self) -> list[Party]:
        """Every party of the article: mentioned entities, event actors, expectation parties."""
        out = [p for _, p in self.mentioned]
        for ev in self.events:
            out.extend(ev.parties)
        out.extend(ch.party for ch in self.changes)
        return out


def article_facts(record: Record, update: StoryUpdate | None,
                  absorbed: Mapping[str, frozenset[str]] | None = None) -> ArticleFacts:
    by_id = {e.id: e for e in record.entities}
    entity_party = {e.id: entity_party_of(e) for e in record.entities}
    mentioned = [(e, entity_party[e.id]) for e in record.entities if e.mentions]
    events = [event_facts(record, i, ev, by_id, entity_party) for i, ev in enumerate(record.events)]
    changes = [change_facts(record, exp) for exp in (update.changed if update else [])]
    absorbed = absorbed or {}
    stories: set[str] = set()
    if update is not None:
        for story in (update.assignment.story_id, *update.assignment.merged):
            if story:
                stories |= {story} | absorbed.get(story, frozenset())
    title, text = tokens(record.title or ""), tokens(record.text)
    positions: dict[str, list[tuple[int, int]]] = {}
    for part, toks in enumerate((title, text)):
        for i, (word, _, _) in enumerate(toks):
            positions.setdefault(word, []).append((part, i))
    return ArticleFacts(record, mentioned, events, changes, frozenset(stories), (title, text), positions,
                        absorbed=absorbed, story=update.assignment.story_id if update else None)


def entity_party_of(entity: Entity) -> Party:
    names = [entity.name, *entity.aliases]
    party = Party(name=entity.name)
    for name in names:
        party.ngrams |= ngrams(name_words(name))
    if entity.type == PERSON:
        party.persons = {k for k in (person_key(n) for n in names) if k is not None}
        words = name_words(entity.name)
        if len(words) == 1:
            party.surname = words[0]
    else:
        code = country_or_igo(entity.name)
        if code:
            party.codes.add(code)
    return party


def actor_party(actor: Actor, entity: Party | None) -> Party:
    if entity is not None:
        party = Party(entity.ngrams, entity.persons, entity.surname, set(entity.codes), entity.name)
    else:
        words = name_words(actor.text)
        party = Party(ngrams=ngrams(words), name=actor.text)
        if len(words) == 1 and not actor.code and actor.text[:1].isupper():
            # A name the entities stage missed ("Milei accused Chile"): a surname, as for a person.
            party.surname = words[0]
    if actor.code:
        party.codes.add(actor.code.upper())
    return party


def event_facts(record: Record, i: int, event: Event, by_id: dict[str, Entity],
                entity_party: dict[str, Party]) -> EventFacts:
    parties = [actor_party(a, entity_party.get(a.entity or "")) for a in event.source + event.target]
    src = {a.code.upper() for a in event.source if a.code}
    tgt = {a.code.upper() for a in event.target if a.code}
    if src and tgt:
        pairs = {frozenset((a, b)) for a in src for b in tgt if a != b}
    else:
        # "Chile and Argentina will hold a summit": the parties are all on one side.
        pairs = {frozenset(p) for p in combinations(sorted(src or tgt), 2)}
    keys = sorted({(a.code or "").upper() or norm(_display(a, by_id)) for a in event.source + event.target})
    fact = event_fact(event.type, event.modality, keys, event.date or article_day(record) or record.id)
    actors: list[str] = []
    for a in event.source + event.target:
        name = _display(a, by_id)
        if name and name not in actors:
            actors.append(name)
    return EventFacts(i, event, parties, pairs, fact, sentence(record, event.span, event.part), actors)


def change_facts(record: Record, exp: Expectation) -> ChangeFacts:
    codes = frozenset(k for k in exp.keys if k.isupper())
    party = Party(codes=set(codes), name=", ".join(exp.actors))
    for name in [*exp.actors, *(k for k in exp.keys if not k.isupper())]:
        party.ngrams |= ngrams(name_words(name))
    # Every report of this article about the expectation is told by the change, not only the one
    # that decided it ("called off ... no plans to meet" is one piece of news).
    reports = [e for e in exp.evidence if e.get("article_id") == record.id and not e.get("copy")]
    deciding = [e for e in reports if e.get("status") == exp.status] + reports
    said = deciding[0].get("sentence") if deciding else None
    text = str(said) if said else (exp.history[-1].note if exp.history else exp.sentence)
    modality = _STATUS_MODALITY.get(exp.status)
    if modality and codes and exp.expected:
        # Keyed as the report that makes the change would be: another outlet's report of the same
        # call-off, arriving once the status has already changed, is then the same fact.
        fact = event_fact(exp.type, modality, codes, exp.expected)
    else:
        fact = "\x1f".join(["expectation", exp.id, exp.status])
    return ChangeFacts(exp, party, codes, frozenset(int(e.get("event_idx", -1)) for e in reports), text, fact)


def event_fact(event_type: str, modality: str, parties: Iterable[str], date: str) -> str:
    """What two reports of one event share: its type, modality, parties (codes, else names) and date."""
    return "\x1f".join(["event", event_type, modality, "+".join(sorted(p for p in parties if p)), date])


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(fold_word(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def first_mention(record: Record, entity: Entity) -> str | None:
    """The first sentence of the body naming the entity (else of a caption); None when unnamed."""
    body = sorted(m[:2] for m in entity.mentions if len(m) == 2)
    if body:
        return sentence_around(record.text, body[0][0], body[0][1])
    for m in entity.mentions:
        if len(m) == 3:
            text = sentence(record, (m[0], m[1]), str(m[2]))
            if text:
                return text
    return None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], on one line."""
    begin = max(0, start - _LOOKBACK)
    # Only stops and line breaks can end a sentence: try the full rule at those places alone.
    for stop in _STOP.finditer(text, begin, start):
        at = _sentence_end(text, stop.start())
        if at is not None and at <= start:
            begin = at
    stop_at = len(text)
    for stop in _STOP.finditer(text, end):
        at = _sentence_end(text, stop.start())
        if at is not None:
            stop_at = at
            break
    return " ".join(text[begin:stop_at].split())


def _sentence_end(text: str, pos: int) -> int | None:
    """Where the sentence ending at the stop at ``pos`` ends, or None when the stop ends none."""
    m = _SENTENCE_END.match(text, pos)
    if m is None:
        return None
    if text[pos] == ".":
        before = _WORD_BEFORE.search(text, max(0, pos - 12), pos)
        word = before.group(1).casefold() if before else ""
        if len(word) == 1 or word in _ABBREVIATIONS:
            return None
    return m.end()


def _display(actor: Actor, by_id: dict[str, Entity]) -> str:
    entity = by_id.get(actor.entity or "")
    return entity.name if entity is not None else actor.text
