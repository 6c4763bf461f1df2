"""What only the SQLite store shows of following: other connections, crashes, the upgrade to version 5."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from test_store_follow import SUMMIT, alert, sub
from test_store_samples import simple
from wirewatch.store import SQLiteStore
from wirewatch.store.base import StoryRow
from wirewatch.store.schema import SCHEMA_VERSION, migrate


def test_another_store_on_the_file_sees_nothing_of_an_open_block_until_it_commits(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        with writer.atomic():
            writer.put(SUMMIT, content_hash="h-summit")
            writer.put_subscription(sub("s1"))
            writer.add_alerts([alert("k1")])
            # The writer reads its own block ...
            assert writer.get(SUMMIT.id) is not None and [r.key for r in writer.alerts()] == ["k1"]
            # ... another connection sees the file as it was before the block.
            assert reader.get(SUMMIT.id) is None
            assert reader.ids() == [] and list(reader.alerts()) == [] and reader.subscriptions() == []
            assert reader.due_alerts("2025-10-22T00:00:00.000000Z") == []
        assert reader.get(SUMMIT.id) == SUMMIT
        assert [r.key for r in reader.alerts()] == ["k1"]
        assert [s.id for s in reader.subscriptions()] == ["s1"]


# The child stores an article and its alerts inside atomic(), proves to the parent that it
# wrote them, then dies on the spot (no exception, no cleanup) or leaves the block normally.
_CHILD = textwrap.dedent("""
    import os, sys
    from wirewatch.record import Record
    from wirewatch.store import OutboxRow, SQLiteStore

    store = SQLiteStore(sys.argv[1])
    record = Record(id="wire-1021-crash", analysis_version="0.1.0", published="2025-10-21",
                    text="BUDAPEST, Oct 21 (Wire) - Hungarian officials said preparations for the "
                         "summit had been paused.")
    with store.atomic():
        store.put(record, content_hash="h-crash")
        added = store.add_alerts([OutboxRow(key=f"alert-{i}", subscription_id="s1",
                                            article_id=record.id, alert="{}",
                                            due_at="2025-10-21T12:00:00.000000Z") for i in range(3)])
        seen = store.get(record.id) is not None
        os.write(1, f"written {added} {seen}\\n".encode())
        if sys.argv[2] == "crash":
            os._exit(1)
    os.write(1, b"committed\\n")
""")


@pytest.mark.parametrize("ending", ["crash", "commit"])
def test_a_process_killed_inside_a_block_leaves_neither_article_nor_alerts(tmp_path: Path,
                                                                          ending: str) -> None:
    path = tmp_path / "crash.db"
    with SQLiteStore(path) as store:
        store.put_subscription(sub("s1"))
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), ending], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.stdout.startswith("written 3 True\n"), done.stderr
    with SQLiteStore(path) as store:
        if ending == "crash":
            assert done.returncode == 1 and "committed" not in done.stdout
            assert store.ids() == [] and list(store.alerts()) == []
            assert [s.id for s in store.subscriptions()] == ["s1"]  # what was committed before stays
            # The file is whole: the next writer goes ahead.
            assert store.add_alerts([alert("after")]) == 1
        else:
            assert done.returncode == 0 and "committed" in done.stdout
            assert store.ids() == ["wire-1021-crash"]
            assert [r.key for r in store.alerts()] == ["alert-0", "alert-1", "alert-2"]


def test_a_version_4_store_is_upgraded_and_keeps_its_articles_and_stories(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    old = simple("wire-1016-call", "WASHINGTON, Oct 16 (Wire) - The two presidents spoke by phone on "
                 "Thursday and agreed their advisers would meet, the White House said.",
                 title="Presidents agree advisers will meet", published="2025-10-16")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert migrate(conn, str(path), target=4) == 4
        conn.execute(
            "INSERT INTO articles (id, title, published, content_hash, analysis_version, ingested_at, "
            "updated_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (old.id, old.title, old.published, "h-call", old.analysis_version,
             "2025-10-16T10:00:00.000000Z", "2025-10-16T10:00:00.000000Z", json.dumps(old.to_dict())))
        conn.execute("INSERT INTO stories (id, title, created_at, updated_at, size, profile) "
                     "VALUES ('story-1', 'Phone call', 't', 't', 1, '{}')")
        conn.execute("INSERT INTO story_members VALUES (?, 'story-1', 1.0, 1)", (old.id,))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "outbox" not in tables
    finally:
        conn.close()
    assert SCHEMA_VERSION == 6
    with SQLiteStore(path) as store:
        assert store.get(old.id) == old
        assert [h.id for h in store.search("advisers")] == [old.id]
        assert store.story_of(old.id) == "story-1"
        assert store.get_story("story-1") == StoryRow(id="story-1", title="Phone call", created_at="t",
                                                      updated_at="t", first_date=None, last_date=None,
                                                      size=1)
        store.put_subscription(sub("s1"))
        assert store.add_alerts([alert("k1", article_id=old.id)]) == 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
        # The story stored before versions existed gets one: a reader of changes sees it.
        assert conn.execute("SELECT version FROM stories WHERE id = 'story-1'").fetchone()[0] == 1
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                              "AND tbl_name = 'outbox'")}
        assert "outbox_due" in indexes
        # The sender's query reads the index in order: no scan, no sort.
        plan = " ".join(str(r) for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE status = 'pending' AND due_at <= ? "
            "ORDER BY due_at, rowid LIMIT 500", ("2025-10-22",)))
        assert "outbox_due" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        conn.close()
