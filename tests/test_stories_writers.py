"""The story index against a store that changes behind it: a second writer, a rolled-back block.

Two ``SQLiteStore`` objects on one file stand for two processes: each has
its own connection and its own in-memory story index, as two processes do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_stories_scenario import ANNOUNCED, ANNOUNCED_COPY, NEW_DATE, POSTPONED, QUAKE, TUNNEL, ingest
from wirewatch.record import Record
from wirewatch.store import SQLiteStore, Store, content_hash
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
