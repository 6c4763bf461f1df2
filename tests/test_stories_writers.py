"""The story index against a store that changes behind it: a second writer, a rolled-back block.

Two ``SQLiteStore`` objects on one file stand for two processes: each has
its own connection and its own in-memory story index, as two processes do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_stories_scenario import ANNOUNCED, ANNOUNCED_COPY, NEW_DATE, POSTPONED, QUAKE, TUNNEL, ingest
from wirewatch.record import Entity, Record
from wirewatch.store import SQLiteStore, Store, content_hash
from wirewatch.store.base import StoryRow
from wirewatch.stories.assign import AssignOptions, index_for
from wirewatch.stories.update import update_stories


def consistent(store: Store) -> None:
    """Every story's size is its member count; every article is in a live story."""
    for row in store.stories():
        assert row.size == len(store.story_members(row.id)), row.id
    for article_id in store.ids():
        story = store.story_of(article_id)
        live = store.get_story(story) if story is not None else None
        assert live is not None and live.merged_into is None, article_id


def test_a_second_writer_sees_the_stories_the_first_one_made(tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    with SQLiteStore(path) as a, SQLiteStore(path) as b:
        ingest(b, [QUAKE])  # b builds its index now, before a writes anything
        quake = index_for(b).profiles[b.story_of("quake") or ""]
        ingest(a, [ANNOUNCED, POSTPONED])
        ingest(b, [NEW_DATE])  # a follow-up of a's story, assigned by b
        assert b.story_of("new-date") == b.story_of("announced") != b.story_of("quake")
        assert index_for(b).reloads >= 1
        # Bringing the index up to date re-read only what changed: the quake story is as it was.
        assert index_for(b).profiles[b.story_of("quake") or ""] is quake
        consistent(b)
        # And back: a sees what b wrote (the story grew, its row changed) and loses none of it.
        held = Record(id="held-late", published="2026-05-13", text=NEW_DATE.text.replace("will meet", "met"),
                      entities=NEW_DATE.entities)
        ingest(a, [held])
        assert a.story_of("held-late") == a.story_of("announced")
        consistent(a)
        summit = a.get_story(a.story_of("announced") or "")
        assert summit is not None and summit.size == 4


def test_the_first_writer_is_told_of_a_story_grown_by_the_second(tmp_path: Path) -> None:
    path = tmp_path / "grow.db"
    with SQLiteStore(path) as a, SQLiteStore(path) as b:
        ingest(a, [ANNOUNCED])
        ingest(b, [POSTPONED])  # b joins a's story: the row a remembers is now out of date
        ingest(a, [NEW_DATE])  # a must not write its old picture of the story over b's
        story = a.story_of("announced")
        assert a.story_of("postponed") == a.story_of("new-date") == story
        row = a.get_story(story or "")
        assert row is not None and row.size == 3
        consistent(a)


def test_a_rolled_back_block_leaves_no_phantom_story(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "rollback.db") as store:
        with pytest.raises(RuntimeError), store.atomic():
            store.put(ANNOUNCED, content_hash=content_hash(ANNOUNCED.text))
            update_stories(store, ANNOUNCED)
            raise RuntimeError("the alert step failed")
        assert store.stories() == [] and store.story_of("announced") is None
        ingest(store, [POSTPONED, QUAKE])
        consistent(store)
        assert len(store.stories()) == 2
        n_docs, _ = store.term_counts()
        assert n_docs == 2  # the rolled-back article is not counted in the document frequencies


def test_a_new_process_leaves_old_stories_dormant_until_an_old_article_needs_them(tmp_path: Path) -> None:
    options = AssignOptions(max_gap_days=200)  # the tunnel summit is 460 days after the plan
    path = tmp_path / "dormant.db"
    with SQLiteStore(path) as store:
        for record in (ANNOUNCED, POSTPONED, TUNNEL):
            store.put(record, content_hash=content_hash(record.text))
            update_stories(store, record, options)
    with SQLiteStore(path) as store:  # a new process
        index = index_for(store, options)
        summit = store.story_of("announced")
        assert summit in index.dormant and summit not in index.rows
        assert store.story_of("tunnel") in index.rows
        store.put(NEW_DATE, content_hash=content_hash(NEW_DATE.text))  # news of 2026, arriving late
        update = update_stories(store, NEW_DATE, options)
        assert update.assignment.story_id == summit and not index.dormant
        consistent(store)


def test_a_copy_filed_by_another_writer_is_noticed_and_nothing_counted_twice(tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    with SQLiteStore(path) as a, SQLiteStore(path) as b:
        ingest(a, [ANNOUNCED])
        ingest(b, [ANNOUNCED_COPY])  # a copy joins the story without counting terms
        ingest(a, [POSTPONED])  # a's count is as expected, but the story's row is not: redo
        assert index_for(a).reloads == 1
        assert a.term_counts()[0] == 2  # the announcement and the postponement, each once
        row = a.get_story(a.story_of("postponed") or "")
        assert row is not None and row.size == 3 and a.story_of("announced-copy") == row.id
        consistent(a)


class CountingStore(SQLiteStore):
    """Counts the story rows the index reads, to show what a catch-up costs."""

    read = 0

    def stories_changed_since(self, version: int) -> list[tuple[int, StoryRow]]:
        changed = super().stories_changed_since(version)
        self.read += len(changed)
        return changed


def synthetic(n: int) -> list[Record]:
    """Articles from a few topics (their own words and people), dated a day apart."""
    letters = "bcdfghjklmnp"
    topics = [([f"{letters[t]}a{letters[k]}o{letters[(t + k) % 12]}" for k in range(12)],
               [f"Person{letters[t]} Name{letters[t]}", f"Leader{letters[t]} Chief{letters[t]}"]) for t in range(8)]
    out = []
    for i in range(n):
        words, people = topics[(i * 5 + i // 8) % len(topics)]
        text = (f"{people[0]} met {people[1]}. " + " ".join(words[(i + k) % 12] for k in range(9))
                + " common words everywhere.")
        entities = [Entity(id=f"e{k}", name=p, type="PERSON", mentions=[(text.index(p), text.index(p) + len(p))])
                    for k, p in enumerate(people)]
        out.append(Record(id=f"a{i}", text=text, published=f"2026-03-{1 + i % 28:02d}", entities=entities))
    return out


def test_two_writers_in_turn_group_as_one_writer_does_and_read_only_what_changed(tmp_path: Path) -> None:
    records = synthetic(48)
    with SQLiteStore(tmp_path / "one.db") as one:
        ingest(one, records)
        alone = {r.id: one.story_of(r.id) for r in records}
    with CountingStore(tmp_path / "two.db") as a, CountingStore(tmp_path / "two.db") as b:
        ingest(a, records[:24])
        index_for(b)  # b starts (reads every story once), then the two take turns
        a.read = b.read = 0
        for k, record in enumerate(records[24:]):
            ingest((a, b)[k % 2], [record])
        together = {r.id: a.story_of(r.id) for r in records}
        stories = len(a.stories())
        # Each catch-up read the few stories written since the last one, not every story.
        assert 0 < a.read + b.read <= 3 * 24 < 24 * stories
        consistent(a)
    assert together == alone  # the same stories: the index held the same document frequencies
    assert stories >= 5


def test_a_rolled_back_block_makes_the_index_read_the_store_in_full(tmp_path: Path) -> None:
    records = synthetic(12)
    with CountingStore(tmp_path / "rb.db") as store:
        ingest(store, records[:10])
        before = store.read
        with pytest.raises(RuntimeError), store.atomic():
            store.put(records[10], content_hash=content_hash(records[10].text))
            update_stories(store, records[10])  # grows a story the store will not keep
            raise RuntimeError("the alert step failed")
        ingest(store, records[10:])
        assert store.read - before >= len(store.stories(merged=True))  # read in full once
        consistent(store)
        assert store.term_counts()[0] == 12
