"""The stories half of the store contract that a long-running process catches up with: story
versions (``stories_changed_since``), term counts for given terms, rolled-back blocks counted.
Every test runs against MemoryStore and SQLiteStore alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from wirewatch.store import MemoryStore, SQLiteStore, Store
from wirewatch.store.base import StoryRow


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "stories.db")
    yield opened
    opened.close()


def story(story_id: str, size: int = 1, **changes: str) -> StoryRow:
    row = StoryRow(id=story_id, title=f"story {story_id}", created_at="2026-05-01T00:00:00.000000Z",
                   updated_at="2026-05-01T00:00:00.000000Z", first_date="2026-05-01",
                   last_date="2026-05-01", size=size, profile='{"w":{"summit":1.0}}')
    return replace(row, **changes)


def test_every_write_of_a_story_gives_it_a_newer_version(store: Store) -> None:
    assert store.stories_changed_since(0) == []
    for story_id in ("s1", "s2", "s3"):
        store.put_story(story(story_id))
    changed = store.stories_changed_since(0)
    assert [row.id for _, row in changed] == ["s1", "s2", "s3"]
    versions = [v for v, _ in changed]
    assert versions == sorted(set(versions))
    seen = versions[-1]
    assert store.stories_changed_since(seen) == []  # nothing written since
    # s1 grows and s2 is merged into it: both come back, newest write last, merged one included.
    store.put_story(story("s1", size=2))
    store.put_story(story("s2", merged_into="s1"))
    later = store.stories_changed_since(seen)
    assert [(row.id, row.size, row.merged_into) for _, row in later] == [("s1", 2, None), ("s2", 1, "s1")]
    assert min(v for v, _ in later) > seen
    assert [row.id for _, row in store.stories_changed_since(0)] == ["s3", "s1", "s2"]
    assert [row.id for row in store.stories()] == ["s1", "s3"]  # creation order is unchanged


def test_a_rolled_back_block_takes_back_its_versions_and_is_counted(store: Store) -> None:
    store.put_story(story("s1"))
    seen = store.stories_changed_since(0)[-1][0]
    before = store.rollbacks
    with pytest.raises(RuntimeError), store.atomic():
        store.put_story(story("s2"))
        store.put_story(story("s1", size=5))
        assert [row.id for _, row in store.stories_changed_since(seen)] == ["s2", "s1"]  # seen inside
        raise RuntimeError("the alert step failed")
    assert store.rollbacks == before + 1
    assert store.stories_changed_since(seen) == []
    assert store.get_story("s1") == story("s1")
    store.put_story(story("s3"))  # the next write gets a version above everything still stored
    assert [row.id for _, row in store.stories_changed_since(seen)] == ["s3"]


def test_term_counts_for_given_terms_only(store: Store) -> None:
    store.add_term_counts(["summit", "@putin", "anchorage"])
    assert store.add_term_counts(["summit", "@putin", "summit"]) == 2  # an article counts a term once
    assert store.term_counts() == (2, {"summit": 2, "@putin": 2, "anchorage": 1})
    assert store.term_counts(["summit", "anchorage", "never-seen"]) == (2, {"summit": 2, "anchorage": 1})
    assert store.term_counts([]) == (2, {})
    many = [f"t{i}" for i in range(40_000)]  # more than SQLite takes as parameters of one query
    assert store.add_term_counts(many) == 3
    assert store.term_counts([*many, "summit"]) == (3, {**{t: 1 for t in many}, "summit": 2})


def test_a_store_written_by_another_connection_shows_its_changes(tmp_path: Path) -> None:
    path = tmp_path / "two.db"
    with SQLiteStore(path) as a, SQLiteStore(path) as b:
        a.put_story(story("s1"))
        seen = b.stories_changed_since(0)[-1][0]
        with a.atomic():
            a.put_story(story("s2"))
            assert b.stories_changed_since(seen) == []  # not committed yet
        b.put_story(story("s1", size=3))
        changed = b.stories_changed_since(seen)
        assert [(row.id, row.size) for _, row in changed] == [("s2", 1), ("s1", 3)]
        assert a.stories_changed_since(seen) == changed
