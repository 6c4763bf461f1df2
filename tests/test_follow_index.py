"""The index proposes every subscription that matches: the same alerts as checking them all.

Random subscriptions of the four kinds against random records (names with
and without accents, people named in full or by surname, actors with and
without codes, changed expectations, stories, titles and text) — the alerts
matching makes through the index must be exactly those of a scan of every
subscription.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.follow import SubscriptionIndex, match, match_all
from wirewatch.follow.index import query_term
from wirewatch.record import Actor, Entity, Event, Record
from wirewatch.store.base import parse_query
from wirewatch.store.follow_base import CADENCES, SUBSCRIPTION_KINDS, SubscriptionKind, SubscriptionRow
from wirewatch.stories.assign import Assignment
from wirewatch.stories.model import Expectation
from wirewatch.stories.update import StoryUpdate

NOW = "2026-05-04T08:15:00Z"
# (name as an article gives it, type, code)
NAMES = [("Gabriel Boric", "PERSON", "CHL"), ("Boric", "PERSON", "CHL"), ("Javier Milei", "PERSON", "ARG"),
         ("Milei", "PERSON", None), ("José Álvarez", "PERSON", "PER"), ("Jose Alvarez Soto", "PERSON", "PER"),
         ("Chile", "GPE", "CHL"), ("Argentina", "GPE", "ARG"), ("Peru", "GPE", "PER"),
         ("United States", "GPE", "USA"), ("NATO", "ORG", "NATO"), ("Andes Water Board", "ORG", "CHL")]
FOLLOWED = ["Gabriel Boric", "boric", "Javier Milei", "Jose Alvarez", "Álvarez", "Chile", "Argentina", "Peru",
            "USA", "NATO", "Water Board", "Andes", "Ana Lopez", "Lima"]
CODES = ["CHL", "ARG", "PER", "USA", "NATO"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "PROTEST"]
WORDS = ["water", "summit", "mendoza", "drought", "rail", "tunnel", "andes", "vineyards", "ports", "porter",
         "boric", "talks", "called", "off"]
STORIES = ["s1", "s2", "s3", "s4"]


@st.composite
def subscriptions(draw: st.DrawFn) -> list[SubscriptionRow]:
    rows = []
    for n in range(draw(st.integers(0, 25))):
        kind: SubscriptionKind = draw(st.sampled_from(SUBSCRIPTION_KINDS))
        types: tuple[str, ...] = ()
        if kind == "entity":
            target = draw(st.sampled_from(FOLLOWED))
        elif kind == "pair":
            a, b = draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=2, unique=True))
            target = "-".join(sorted((a, b)))
            types = tuple(sorted(draw(st.sets(st.sampled_from(TYPES), max_size=2))))
        elif kind == "story":
            target = draw(st.sampled_from(STORIES))
        else:
            terms = draw(st.lists(st.sampled_from(WORDS + ['"rail tunnel"', "port*", "or", "OR", '"called off"']),
                                  min_size=1, max_size=4))
            target = " ".join(terms)
            if not parse_query(target):
                continue
        rows.append(SubscriptionRow(id=f"s-{n:08x}", channel="email", recipient=f"r{n}@example.org", kind=kind,
                                    target=target, event_types=types,
                                    cadence=draw(st.sampled_from(CADENCES))))
    return rows


def _actor(draw: st.DrawFn, entities: list[Entity]) -> Actor:
    use_entity: bool = draw(st.booleans())
    if entities and use_entity:
        e = draw(st.sampled_from(entities))
        return Actor(text=e.name, entity=e.id, code=e.country)
    return Actor(text=draw(st.sampled_from(["Milei", "Boric", "farmers", "the ministry"])),
                 code=draw(st.sampled_from([None, "CHL", "ARG"])))


@st.composite
def articles(draw: st.DrawFn) -> tuple[Record, StoryUpdate]:
    words = draw(st.lists(st.sampled_from(WORDS + [n for n, _, _ in NAMES]), min_size=3, max_size=30))
    text = ". ".join(" ".join(words[i:i + 6]).capitalize() for i in range(0, len(words), 6)) + "."
    entities = []
    for k, (name, etype, code) in enumerate(draw(st.lists(st.sampled_from(NAMES), max_size=5, unique=True))):
        at = text.find(name)
        mentions: list[tuple[int, int] | tuple[int, int, str]] = [(at, at + len(name))] if at >= 0 else []
        aliases = draw(st.lists(st.sampled_from(["President " + name, name.split()[-1], "the Board"]),
                                max_size=2, unique=True))
        entities.append(Entity(id=f"e{k}", name=name, type=etype, aliases=aliases, mentions=mentions,
                               country=code))
    events = []
    for _ in range(draw(st.integers(0, 3))):
        def actor() -> Actor:
            return _actor(draw, entities)
        events.append(Event(type=draw(st.sampled_from(TYPES)), span=(0, min(len(text), 40)),
                            modality=draw(st.sampled_from(["asserted", "future", "cancelled"])),
                            source=[actor() for _ in range(draw(st.integers(0, 2)))],
                            target=[actor() for _ in range(draw(st.integers(0, 2)))],
                            date=draw(st.sampled_from([None, "2026-05-20"]))))
    record = Record(id=draw(st.sampled_from(["a1", "a2"])), text=text, published="2026-05-04",
                    title=draw(st.sampled_from([None, "Rail tunnel talks", "Porters strike"])),
                    outlet="Andes Wire", entities=entities, events=events)
    changed = []
    for j in range(draw(st.integers(0, 2))):
        actors = draw(st.lists(st.sampled_from([n for n, _, _ in NAMES]), max_size=2, unique=True))
        keys = sorted(set(draw(st.lists(st.sampled_from(CODES), max_size=2))) | {a.lower() for a in actors})
        evidence = [{"status": "cancelled", "article_id": record.id, "published": "2026-05-04", "event_idx": i,
                     "sentence": text[:40]} for i in draw(st.sets(st.integers(0, max(0, len(events) - 1))))
                    if i < len(events)]
        changed.append(Expectation(
            id=f"old{j}#0", story_id=draw(st.sampled_from([None, *STORIES])), article_id=f"old{j}", event_idx=0,
            type=draw(st.sampled_from(TYPES)), status="cancelled", expected="2026-05-20",
            window_start="2026-05-20", window_end="2026-05-20", actors=actors, keys=keys,
            sentence="They will meet.", published="2026-04-01", updated_at=NOW, evidence=evidence))
    assignment = Assignment(story_id=draw(st.sampled_from(STORIES)), score=0.5, created=False,
                            merged=draw(st.lists(st.sampled_from(STORIES), max_size=1)))
    return record, StoryUpdate(assignment=assignment, changed=changed)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subs=subscriptions(), article=articles())
def test_index_gives_the_alerts_of_a_full_scan(subs: list[SubscriptionRow],
                                               article: tuple[Record, StoryUpdate]) -> None:
    record, update = article
    indexed = match(record, update, SubscriptionIndex.from_rows(subs), now=NOW)
    scanned = match_all(subs, record, update, now=NOW)
    assert indexed == scanned
    assert len({r.key for r in indexed}) == len(indexed)
    for row in indexed:
        alert = json.loads(row.alert)
        assert alert["subscription_id"] == row.subscription_id and alert["reason"].startswith("you follow ")


def test_the_index_looks_up_few_candidates() -> None:
    """An article about Chile and Argentina reaches their followers' postings, not everyone's."""
    rows = [SubscriptionRow(id=f"s-{n:08x}", channel="email", recipient="x@example.org", kind="entity",
                            target=f"Person{n} Surname{n}") for n in range(2000)]
    rows.append(SubscriptionRow(id="s-boric000", channel="email", recipient="x@example.org", kind="entity",
                                target="Gabriel Boric"))
    index = SubscriptionIndex.from_rows(rows)
    boric = Entity(id="e1", name="Gabriel Boric", type="PERSON", mentions=[(0, 13)], country="CHL")
    record = Record(id="a", text="Gabriel Boric spoke.", entities=[boric])
    from wirewatch.follow.features import article_facts

    assert [f.id for f in index.candidates(article_facts(record, None))] == ["s-boric000"]
    assert len(match(record, None, index, now=NOW)) == 1


def test_query_term_is_a_word_that_must_occur_whole() -> None:
    [group] = parse_query('"rail tunnel" port*')
    assert query_term(tuple(group)) == ("tunnel", True)
    [group] = parse_query("port* water*")
    assert query_term(tuple(group)) == ("water", False)
    [group] = parse_query('"called off*"')
    assert query_term(tuple(group)) == ("called", True)


def test_a_change_alone_reaches_pair_and_story_followers() -> None:
    """An article reporting no event of the pair still tells its followers that their meeting is off."""
    subs = [SubscriptionRow(id="s-00000001", channel="email", recipient="a@example.org", kind="pair",
                            target="ARG-CHL", event_types=("CONSULT",)),
            SubscriptionRow(id="s-00000002", channel="email", recipient="b@example.org", kind="story",
                            target="s7"),
            SubscriptionRow(id="s-00000003", channel="email", recipient="c@example.org", kind="pair",
                            target="ARG-PER")]
    off = Expectation(id="old#0", story_id="s7", article_id="old", event_idx=0, type="CONSULT", status="cancelled",
                      expected="2026-05-20", window_start="2026-05-20", window_end="2026-05-20",
                      actors=["Chile", "Argentina"], keys=["ARG", "CHL", "argentina", "chile"],
                      sentence="Chile and Argentina will meet on May 20.", published="2026-04-01", updated_at=NOW)
    record = Record(id="a", text="The summit is off, the ministry said.", outlet="Andes Wire",
                    published="2026-05-04")
    update = StoryUpdate(Assignment(story_id="s9", score=0.2, created=True), [off])
    rows = match(record, update, SubscriptionIndex.from_rows(subs), now=NOW)
    assert rows == match_all(subs, record, update, now=NOW)
    changes = {r.subscription_id: json.loads(r.alert)["change"] for r in rows}
    assert changes == {
        "s-00000001": "the ARG\u2013CHL meeting expected 2026-05-20: now called off (cancelled) — "
                      "Andes Wire, 2026-05-04",
        "s-00000002": "the meeting of Chile and Argentina expected 2026-05-20: now called off (cancelled) — "
                      "Andes Wire, 2026-05-04"}


def test_organisations_and_places_are_not_surnames() -> None:
    """"Security Council" is not Mr Council: a one-word person "Council" does not match it."""
    from wirewatch.follow.keys import compile_subscription

    def followed(target: str) -> object:
        row = SubscriptionRow(id="s-00000001", channel="email", recipient="a@example.org", kind="entity",
                              target=target)
        f = compile_subscription(row)
        assert f is not None
        return f.person

    assert followed("Gabriel Boric") == ("gabriel", "boric")
    assert followed("Bill Clinton") == ("william", "clinton")  # as the entities stage reads nicknames
    assert followed("Security Council") is None and followed("White House") is None
    assert followed("New York") is None and followed("Boric") is None


def test_keys_kept_at_follow_time_are_those_the_index_would_compute() -> None:
    from dataclasses import replace

    from wirewatch.follow import new_subscription
    from wirewatch.follow.keys import compile_subscription

    for name in ("Gabriel Boric", "Security Council", "Chile", "NATO", "boric"):
        row = new_subscription("a@example.org", entity=name, now=NOW)
        assert json.loads(row.data)["keys"]["name"] == name
        kept = compile_subscription(row)
        computed = compile_subscription(replace(row, data="{}"))
        assert kept is not None and computed is not None
        assert (kept.person, kept.code) == (computed.person, computed.code)
    # Keys kept for another spelling of the target are not trusted.
    row = new_subscription("a@example.org", entity="Gabriel Boric", now=NOW)
    moved = compile_subscription(replace(row, target="Chile"))
    assert moved is not None and (moved.person, moved.code) == (None, "CHL")


def test_followers_of_a_merged_story_follow_the_story_it_joined(tmp_path: Path) -> None:
    from wirewatch.store import SQLiteStore
    from wirewatch.store.base import StoryRow

    old = SubscriptionRow(id="s-00000001", channel="email", recipient="a@example.org", kind="story", target="s2")
    other = SubscriptionRow(id="s-00000002", channel="email", recipient="b@example.org", kind="story", target="s9")

    def article(doc_id: str, story: str, merged: list[str]) -> tuple[Record, StoryUpdate]:
        return (Record(id=doc_id, text="Talks on the Aconcagua basin resumed in Mendoza.", outlet="Andes Wire"),
                StoryUpdate(Assignment(story_id=story, score=0.4, created=False, merged=merged)))

    # Merged before the index was built: the store's story rows say so.
    with SQLiteStore(tmp_path / "w.db") as store:
        for sid, into in (("s1", None), ("s2", "s1")):
            store.put_story(StoryRow(id=sid, title="Mendoza water talks", created_at=NOW, updated_at=NOW,
                                     first_date=None, last_date=None, size=1, merged_into=into))
        store.put_subscription(old)
        store.put_subscription(other)
        index = SubscriptionIndex.from_store(store)
    record, update = article("a1", "s1", [])
    [row] = match(record, update, index, now=NOW)
    assert row.subscription_id == "s-00000001"
    assert json.loads(row.alert)["change"].startswith("new article in story s1 (story s2 is now part of it): ")
    assert match_all([old, other], record, update, now=NOW, merged_into={"s2": "s1"}) == \
        match(record, update, index, now=NOW)

    # Merged by an article while the index is in use: its followers hear of that article and the next.
    index = SubscriptionIndex.from_rows([old, other])
    assert match(*article("b1", "s5", []), index, now=NOW) == []
    assert [r.subscription_id for r in match(*article("b2", "s5", ["s2"]), index, now=NOW)] == ["s-00000001"]
    assert [r.subscription_id for r in match(*article("b3", "s5", []), index, now=NOW)] == ["s-00000001"]
    assert [r.subscription_id for r in match(*article("b4", "s7", ["s5"]), index, now=NOW)] == ["s-00000001"]
