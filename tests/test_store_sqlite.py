"""What only the SQLite store has: a file, a schema with migrations, WAL, tables others query."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from test_store_samples import DROUGHT, PORT, fisheries, simple
from wirewatch.record import Rejected
from wirewatch.store import (
    MemoryStore,
    SchemaTooNewError,
    SQLiteStore,
    StoreError,
    content_hash,
    open_store,
)
from wirewatch.store.rows import ChildRows
from wirewatch.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection of our own, closed afterwards (sqlite3's own `with` only commits)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def user_version(path: Path) -> int:
    with raw(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


# --- opening -----------------------------------------------------------------------------------

def test_open_store_creates_folders_and_a_wal_database(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "wirewatch.db"
    with open_store(str(path)) as store:
        assert isinstance(store, SQLiteStore)
        store.put(PORT, content_hash="h")
    assert path.is_file()
    assert user_version(path) == SCHEMA_VERSION
    with raw(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_store_connection_enforces_foreign_keys_and_waits_when_busy(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "w.db") as store:
        conn = store._db()
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


@pytest.mark.parametrize("location", ["memory:", ":memory:"])
def test_open_store_memory(location: str) -> None:
    assert isinstance(open_store(location), MemoryStore)


def test_open_store_sqlite_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///relative/w.db") as store:
        store.put(DROUGHT, content_hash="h")
    assert (tmp_path / "relative" / "w.db").is_file()
    absolute = tmp_path / "abs.db"
    with open_store(f"sqlite:///{absolute}") as store:
        assert isinstance(store, SQLiteStore)
    assert absolute.is_file()
    with open_store(absolute) as store:
        assert store.ids() == []
    with pytest.raises(StoreError, match="no file path"):
        open_store("sqlite:///")


def test_postgresql_is_not_available_yet_and_the_password_is_not_shown() -> None:
    with pytest.raises(StoreError, match="PostgreSQL support is not available yet") as info:
        open_store("postgresql://analyst:s3cret@db.example/news")
    assert "s3cret" not in str(info.value)
    assert "analyst:***@db.example" in str(info.value)


@pytest.mark.parametrize("location, message", [
    ("", "empty"), ("ftp://files.example/w.db", "unknown kind of store 'ftp'")])
def test_open_store_refuses_unknown_locations(location: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(location)


def test_a_text_file_is_not_a_store(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Reporter's notes: call the ministry back on Monday.\n")
    with pytest.raises(StoreError) as info:
        open_store(str(notes))
    message = str(info.value)
    assert str(notes) in message and "not a SQLite database" in message and "give the path" in message
    assert notes.read_text().startswith("Reporter's notes")


def test_another_programs_database_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    with raw(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    with pytest.raises(StoreError, match="another program, not a wirewatch store .it has tables contacts."):
        open_store(path)
    with raw(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["contacts"]


def test_a_damaged_file_is_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    with pytest.raises(StoreError, match="damaged.db.*restore it from a backup"):
        open_store(path)


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    path.touch()
    with open_store(path) as store:
        store.put(PORT, content_hash="h")
        assert store.ids() == [PORT.id]
    assert user_version(path) == SCHEMA_VERSION


# --- migrations ----------------------------------------------------------------------------------

def test_a_file_at_the_previous_version_is_migrated_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    record = fisheries()
    with raw(path) as conn:
        assert migrate(conn, str(path), target=SCHEMA_VERSION - 1) == SCHEMA_VERSION - 1
        conn.execute(
            "INSERT INTO articles (id, title, content_hash, analysis_version, ingested_at, updated_at, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record.id, record.title, "h-old", record.analysis_version, "2025-03-04T00:00:00.000000Z",
             "2025-03-04T00:00:00.000000Z", json.dumps(record.to_dict())))
    assert user_version(path) == SCHEMA_VERSION - 1
    with open_store(path) as store:
        assert user_version(path) == SCHEMA_VERSION
        assert store.get(record.id) == record
        # The full-text index is built for articles stored before it existed.
        assert [h.id for h in store.search("mackerel")] == [record.id]
        assert store.put(record, content_hash="h-old") == "unchanged"


def test_a_newer_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with open_store(path) as store:
        store.put(PORT, content_hash="h")
    with raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNewError) as info:
        open_store(path)
    message = str(info.value)
    assert str(path) in message and "newer wirewatch" in message and "upgrade wirewatch" in message
    assert user_version(path) == SCHEMA_VERSION + 1


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(path) as store:
        store.put(fisheries(), content_hash="h1", source="fish.txt")
        store.reject(Rejected(id="blank", source="blank.txt", reason="empty", message="blank.txt is empty"))
        stats = store.stats()
    with open_store(path) as store:
        assert store.get("wire-0304-fish") == fisheries()
        assert store.stats() == stats
        assert [r.source for r in store.rejections()] == ["blank.txt"]


# --- the tables later stages query ---------------------------------------------------------------

def test_normalised_tables_hold_entities_events_actors_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(path) as store:
        store.put(fisheries(), content_hash="h1")
    with raw(path) as conn:
        assert conn.execute("SELECT entity_id, name, type, country, mentions FROM entities "
                            "WHERE article_id = ? ORDER BY idx", ("wire-0304-fish",)).fetchall() == [
            ("e1", "Ingrid Halvorsen", "PERSON", "NOR", 3), ("e2", "Norway", "GPE", "NOR", 1),
            ("e3", "Oslo", "GPE", "NOR", 2)]
        events = conn.execute("SELECT type, modality, mode, date, location, source_texts, source_codes, "
                              "target_codes, part FROM events ORDER BY idx").fetchall()
        assert events[0] == ("CONSULT", "asserted", "visit", "2025-03-04", "Oslo",
                             "Ingrid Halvorsen; her Icelandic counterpart", "NOR; ISL", "", None)
        assert events[2][1] == "cancelled" and events[2][7] == "ISL"
        assert events[3][8] == "caption:0"
        # "every cancelled event with an Icelandic party"
        assert conn.execute(
            "SELECT DISTINCT e.article_id FROM events e JOIN event_actors a "
            "ON a.article_id = e.article_id AND a.event_idx = e.idx "
            "WHERE e.modality = 'cancelled' AND a.code = 'ISL'").fetchall() == [("wire-0304-fish",)]
        assert conn.execute("SELECT speaker, speaker_text, speaker_entity, anonymous, kind FROM quotes"
                            ).fetchall() == [("Ingrid Halvorsen", "Halvorsen", "e1", 0, "direct")]


def test_update_replaces_the_normalised_rows(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    newer = fisheries(version="0.2.0")
    newer.events = newer.events[2:3]
    newer.entities = newer.entities[:1]
    with open_store(path) as store:
        store.put(fisheries(), content_hash="h1")
        store.put(newer, content_hash="h1")
    with raw(path) as conn:
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 1
        assert conn.execute("SELECT idx, modality FROM events").fetchall() == [(0, "cancelled")]
        assert conn.execute("SELECT event_idx, role, code FROM event_actors ORDER BY role").fetchall() == [
            (0, "source", "NOR"), (0, "target", "ISL")]
        conn.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")


def test_put_unchanged_changes_no_row(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "w.db") as store:
        store.put(fisheries(), content_hash="h1")
        conn = store._db()
        before = conn.total_changes
        assert store.put(fisheries(), content_hash="h1", source="again.txt") == "unchanged"
        assert conn.total_changes == before


def test_a_failure_inside_the_transaction_rolls_everything_back(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.db"
    store = SQLiteStore(path)
    store.put(fisheries(), content_hash="h1")
    before = (store.meta("wire-0304-fish"), store.stats())

    def half_write(self: SQLiteStore, conn: sqlite3.Connection, rows: ChildRows) -> None:
        conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.entities)
        raise OSError("disk went away")

    monkeypatch.setattr(SQLiteStore, "_write_children", half_write)
    changed = simple("wire-0304-fish", "Talks on tariffs collapsed in Geneva.", version="0.2.0")
    with pytest.raises(OSError, match="disk went away"):
        store.put(changed, content_hash="h2")
    with pytest.raises(OSError):
        store.put(DROUGHT, content_hash="h3")
    monkeypatch.undo()
    assert (store.meta("wire-0304-fish"), store.stats()) == before
    assert store.get("wire-0304-fish") == fisheries()
    assert store.search("Geneva") == [] and store.ids() == ["wire-0304-fish"]
    store.close()
    with raw(path) as conn:
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 3
        conn.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")


# --- several connections -------------------------------------------------------------------------

def test_readers_work_while_another_connection_writes(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    writer = SQLiteStore(path)
    reader = SQLiteStore(path, timeout=0.2)
    writer.put(PORT, content_hash=content_hash(PORT.text))
    assert reader.get(PORT.id) == PORT
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("UPDATE articles SET source = 'held' WHERE id = ?", (PORT.id,))
    try:
        # WAL: reading goes on while a write transaction is open elsewhere ...
        assert [h.id for h in reader.search("dock")] == [PORT.id]
        # ... and a second writer waits for busy_timeout, then fails with a message, not a hang.
        with pytest.raises(StoreError, match="another process may be writing"):
            reader.put(DROUGHT, content_hash="h")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert reader.put(DROUGHT, content_hash="h") == "added"
    assert writer.ids() == [PORT.id, DROUGHT.id]
    writer.close()
    reader.close()


def test_threads_and_two_connections_write_safely(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    first, second = SQLiteStore(path), SQLiteStore(path)

    def work(store: SQLiteStore, name: str) -> None:
        for i in range(25):
            store.put(simple(f"{name}-{i}", f"Brief {i} filed by desk {name}."), content_hash=f"{name}{i}")

    threads = [threading.Thread(target=work, args=(store, f"desk{n}"))
               for n, store in enumerate([first, first, second, second])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert first.stats()["articles"] == second.stats()["articles"] == 100
    assert len(first.search("brief", limit=200)) == 100
    first.close()
    second.close()
