"""SQLiteStore: the default store, one file, standard-library sqlite3.

WAL mode lets readers (``wirewatch show``, the web pages) work while ingest
writes; every ``put`` is one transaction, so a crash or an error mid-way
leaves the previous state. The schema and its migrations are in ``schema``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from wirewatch.record import Record, Rejected
from wirewatch.store.base import (
    SNIPPET_CLOSE,
    SNIPPET_ELLIPSIS,
    SNIPPET_OPEN,
    SNIPPET_WORDS,
    ExpectationRow,
    PutResult,
    RejectionRow,
    SearchHit,
    StatusChangeRow,
    Store,
    StoredMeta,
    StoreError,
    StoryRow,
    check_limit,
    check_put,
    clip_rejected_text,
    decode_record,
    encode_record,
    fts5_expression,
    normalise_since,
    now_utc,
    parse_query,
    tidy_snippet,
    where_clause,
)
from wirewatch.store.rows import ChildRows, child_rows
from wirewatch.store.schema import check_is_wirewatch, check_not_newer, migrate
from wirewatch.store.sqlite_follow import SQLiteFollow

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a writer waits for another process's write to finish before failing.
BUSY_TIMEOUT_S = 10.0
# Records read per query while iterating, so that iteration never holds a read transaction.
PAGE = 200
# bm25 column weights (title, text): a word in the title counts like ten in the body.
_RANK = "bm25(article_search, 10.0, 1.0)"

_META_COLUMNS = "id, content_hash, analysis_version, source, ingested_at, updated_at"


def check_sqlite_file(path: Path) -> None:
    """Refuse what is not a SQLite database, naming it and the fix."""
    if path.is_dir():
        raise StoreError(f"store {path} is a folder, not a database file: "
                         f"give a file path such as {path / 'wirewatch.db'}")
    if path.is_file():
        try:
            with path.open("rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"store {path} cannot be read ({exc.strerror}): "
                             "check the path and its permissions") from None
        if head and head != SQLITE_HEADER:
            raise StoreError(
                f"store {path} is not a SQLite database (it holds something else, perhaps text or "
                "JSON): give the path of a wirewatch store file, or a path that does not exist yet "
                "to create a new store there")


class SQLiteStore(SQLiteFollow, Store):
    """A store in one SQLite file (or ``":memory:"``, a private in-memory database)."""

    def __init__(self, path: str | Path, *, clock: Callable[[], str] = now_utc,
                 timeout: float = BUSY_TIMEOUT_S) -> None:
        self._clock = clock
        self._lock = threading.RLock()
        self._depth = 0  # nesting of _transaction blocks; the lock is held while it is above 0
        self._failed: str | None = None  # what failed inside the open transaction, if anything
        in_memory = str(path) == ":memory:"
        self.path = Path(path) if in_memory else Path(path).expanduser()
        self.label = ":memory:" if in_memory else str(self.path)
        if not in_memory:
            check_sqlite_file(self.path)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"store {self.path}: cannot create its folder {self.path.parent} "
                                 f"({exc.strerror}): choose a writable location") from None
        try:
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
            conn = sqlite3.connect(self.label, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.label} cannot be opened ({exc}): check that the folder "
                             "exists and is writable") from None
        self._conn: sqlite3.Connection | None = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            check_is_wirewatch(conn, self.label)
            check_not_newer(conn, self.label)
            conn.execute("PRAGMA foreign_keys = ON")
            if not in_memory:
                conn.execute("PRAGMA journal_mode = WAL")
                # Safe with WAL: a power cut may lose the last commits, never corrupt the file.
                conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, self.label)
        except sqlite3.OperationalError as exc:
            conn.close()
            self._conn = None
            raise StoreError(
                f"store {self.label} cannot be opened or written ({exc}): check that the file and its "
                "folder are writable and that no other program holds it locked") from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            raise StoreError(
                f"store {self.label} cannot be used ({exc}): if it is not a wirewatch store, give "
                "another path; if it is one, it may be damaged — restore it from a backup") from None
        except StoreError:
            conn.close()
            self._conn = None
            raise

    def __repr__(self) -> str:
        return f"SQLiteStore({self.label!r})"

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"store {self.label} is closed: open it again with open_store()")
        return self._conn

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self._transaction("writing an atomic block"):
            yield

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One transaction, or a part of the enclosing one.

        The lock is held for the whole outermost block, so no other thread's write
        can slip into it. Only the outermost level begins and ends the transaction;
        a failure at any level rolls all of it back, even if a caller catches the
        error and carries on inside the block.
        """
        with self._lock:
            conn = self._db()
            if self._depth:
                yield from self._inner(conn, what)
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"store {self.label}: {what} failed ({exc}); another process may be "
                                 "writing to it — wait for it to finish and try again") from None
            self._depth, self._failed = 1, None
            try:
                yield conn
                if self._failed is not None:
                    raise StoreError(f"store {self.label}: {self._failed} failed inside an atomic block, "
                                     "so nothing of the block was written; let the error end the block")
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                    self.rollbacks += 1
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"store {self.label}: {what} failed ({exc}); nothing was written. "
                                     "Check free disk space and that the file is writable") from exc
                raise
            finally:
                self._depth, self._failed = 0, None

    def _inner(self, conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
        self._depth += 1
        try:
            yield conn
        except BaseException as exc:
            # The outermost level rolls back; remember why, in case the caller swallows this.
            if self._failed is None:
                self._failed = what
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"store {self.label}: {what} failed ({exc}); nothing of the enclosing "
                                 "atomic block will be written") from exc
            raise
        finally:
            self._depth -= 1

    # --- writing -------------------------------------------------------------------------------

    def put(self, record: Record, *, content_hash: str, source: str | None = None) -> PutResult:
        record_id = check_put(record, content_hash)
        with self._lock:
            if self._is_unchanged(record_id, content_hash, record.analysis_version):
                return "unchanged"
            d, text = encode_record(record)
            rows = child_rows(record)
            now = self._clock()
            with self._transaction(f"storing record {record_id!r}") as conn:
                # Checked again under the write lock: another process may have stored it meanwhile.
                old = conn.execute("SELECT content_hash, analysis_version FROM articles WHERE id = ?",
                                   (record_id,)).fetchone()
                if old is not None and tuple(old) == (content_hash, record.analysis_version):
                    return "unchanged"
                values = (d["published"], d["outlet"], d["title"], d["url"], content_hash,
                          record.analysis_version)
                if old is None:
                    conn.execute(
                        "INSERT INTO articles (id, published, outlet, title, url, content_hash, "
                        "analysis_version, source, ingested_at, updated_at, record, duplicate_of) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (record_id, *values, source, now, now, text, record.duplicate_of))
                else:
                    conn.execute(
                        "UPDATE articles SET published = ?, outlet = ?, title = ?, url = ?, "
                        "content_hash = ?, analysis_version = ?, source = coalesce(?, source), "
                        "updated_at = ?, record = ?, duplicate_of = ? WHERE id = ?",
                        (*values, source, now, text, record.duplicate_of, record_id))
                    for table in ("entities", "events", "quotes"):
                        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (record_id,))
                self._write_children(conn, rows)
            return "added" if old is None else "updated"

    def _is_unchanged(self, record_id: str, content_hash: str, analysis_version: str) -> bool:
        row = self._db().execute("SELECT content_hash, analysis_version FROM articles WHERE id = ?",
                                 (record_id,)).fetchone()
        return row is not None and tuple(row) == (content_hash, analysis_version)

    def _write_children(self, conn: sqlite3.Connection, rows: ChildRows) -> None:
        conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.entities)
        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         rows.events)
        conn.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.actors)
        conn.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.quotes)

    def reject(self, rejected: Rejected) -> None:
        now = self._clock()
        with self._lock, self._transaction(f"logging the rejection of {rejected.source!r}") as conn:
            conn.execute(
                "INSERT INTO rejections (doc_id, source, reason, message, text, first_rejected_at, "
                "rejected_at, count) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (source, reason) DO UPDATE SET doc_id = excluded.doc_id, "
                "message = excluded.message, text = excluded.text, rejected_at = excluded.rejected_at, "
                "count = count + 1",
                (rejected.id, rejected.source, rejected.reason, rejected.message,
                 clip_rejected_text(rejected.text), now, now))

    # --- reading -------------------------------------------------------------------------------

    def get(self, record_id: str) -> Record | None:
        with self._lock:
            row = self._db().execute("SELECT record FROM articles WHERE id = ?", (record_id,)).fetchone()
        return decode_record(row[0]) if row else None

    def meta(self, record_id: str) -> StoredMeta | None:
        with self._lock:
            row = self._db().execute(f"SELECT {_META_COLUMNS} FROM articles WHERE id = ?",
                                     (record_id,)).fetchone()
        return StoredMeta(*row) if row else None

    def find_by_hash(self, content_hash: str) -> str | None:
        with self._lock:
            row = self._db().execute(
                "SELECT id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1",
                (content_hash,)).fetchone()
        return row[0] if row else None

    def records(self, *, since: str | None = None) -> Iterator[Record]:
        cutoff = normalise_since(since) if since is not None else ""
        self._db()
        return self._iter_records(cutoff)

    def _iter_records(self, cutoff: str) -> Iterator[Record]:
        last = 0
        while True:
            with self._lock:
                page = self._db().execute(
                    "SELECT seq, record FROM articles WHERE seq > ? AND updated_at >= ? "
                    "ORDER BY seq LIMIT ?", (last, cutoff, PAGE)).fetchall()
            if not page:
                return
            for seq, text in page:
                last = seq
                yield decode_record(text)

    def ids(self, *, stale_for: str | None = None) -> list[str]:
        with self._lock:
            if stale_for is None:
                rows = self._db().execute("SELECT id FROM articles ORDER BY seq").fetchall()
            else:
                rows = self._db().execute(
                    "SELECT id FROM articles WHERE analysis_version != ? ORDER BY seq",
                    (stale_for,)).fetchall()
        return [r[0] for r in rows]

    def rejections(self) -> list[RejectionRow]:
        with self._lock:
            rows = self._db().execute(
                "SELECT doc_id, source, reason, message, text, first_rejected_at, rejected_at, count "
                "FROM rejections ORDER BY seq").fetchall()
        return [RejectionRow(*r) for r in rows]

    def stats(self) -> dict[str, int]:
        with self._lock:
            row = self._db().execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM rejections), "
                "(SELECT count(*) FROM entities), (SELECT count(*) FROM quotes), "
                "(SELECT coalesce(sum(json_array_length(record, '$.times')), 0) FROM articles), "
                "(SELECT count(*) FROM events), "
                "(SELECT count(*) FROM articles WHERE json_type(record, '$.error') IS NOT NULL)"
            ).fetchone()
        keys = ("articles", "rejected", "entities", "quotes", "times", "events", "errors")
        return dict(zip(keys, (int(v) for v in row), strict=True))

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        check_limit(limit)
        parsed = parse_query(query)
        if not parsed or limit == 0:
            self._db()
            return []
        with self._lock:
            try:
                rows = self._db().execute(
                    "SELECT a.id, a.title, a.published, "
                    f"snippet(article_search, -1, ?, ?, ?, ?), {_RANK} "
                    "FROM article_search JOIN articles a ON a.seq = article_search.rowid "
                    f"WHERE article_search MATCH ? ORDER BY {_RANK}, a.seq LIMIT ?",
                    (SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_ELLIPSIS, SNIPPET_WORDS,
                     fts5_expression(parsed), limit)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"store {self.label}: searching for {query!r} failed ({exc}); "
                                 "if this repeats, the search index may be damaged") from exc
        return [SearchHit(id=r[0], title=r[1], published=r[2], snippet=tidy_snippet(r[3] or ""),
                          score=-float(r[4])) for r in rows]

    def put_signature(self, record_id: str, signature: bytes) -> None:
        with self._lock, self._transaction(f"storing the signature of {record_id!r}") as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (record_id,)).fetchone() is None:
                raise StoreError(f"store {self.label}: no article {record_id!r} to attach a signature to: "
                                 "put the record first")
            conn.execute("INSERT OR REPLACE INTO signatures (article_id, minhash) VALUES (?, ?)",
                         (record_id, signature))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        with self._lock:
            rows = self._db().execute(
                "SELECT s.article_id, s.minhash FROM signatures s JOIN articles a ON a.id = s.article_id "
                "ORDER BY a.seq").fetchall()
        return iter([(str(r[0]), bytes(r[1])) for r in rows])

    def signatures_since(self, seq: int) -> list[tuple[int, str, bytes]]:
        with self._lock:
            rows = self._db().execute(
                "SELECT a.seq, s.article_id, s.minhash FROM signatures s JOIN articles a ON a.id = s.article_id "
                "WHERE a.seq > ? ORDER BY a.seq", (seq,)).fetchall()
        return [(int(r[0]), str(r[1]), bytes(r[2])) for r in rows]

    # --- stories -------------------------------------------------------------------------------

    def put_story(self, story: StoryRow) -> None:
        with self._lock, self._transaction(f"storing story {story.id!r}") as conn:
            # The write lock is held from BEGIN IMMEDIATE, so max + 1 is above every version
            # written before, by any process.
            conn.execute(
                "INSERT INTO stories (id, title, created_at, updated_at, first_date, last_date, size, "
                "merged_into, profile, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "(SELECT coalesce(max(version), 0) + 1 FROM stories)) ON CONFLICT (id) DO UPDATE SET "
                "title = excluded.title, created_at = excluded.created_at, updated_at = excluded.updated_at, "
                "first_date = excluded.first_date, last_date = excluded.last_date, size = excluded.size, "
                "merged_into = excluded.merged_into, profile = excluded.profile, version = excluded.version",
                (story.id, story.title, story.created_at, story.updated_at, story.first_date,
                 story.last_date, story.size, story.merged_into, story.profile))

    _STORY_COLUMNS = "id, title, created_at, updated_at, first_date, last_date, size, merged_into, profile"

    def get_story(self, story_id: str) -> StoryRow | None:
        with self._lock:
            row = self._db().execute(f"SELECT {self._STORY_COLUMNS} FROM stories WHERE id = ?",
                                     (story_id,)).fetchone()
        return StoryRow(*row) if row else None

    def stories(self, *, merged: bool = False) -> list[StoryRow]:
        where = "" if merged else " WHERE merged_into IS NULL"
        with self._lock:
            rows = self._db().execute(f"SELECT {self._STORY_COLUMNS} FROM stories{where} ORDER BY seq").fetchall()
        return [StoryRow(*r) for r in rows]

    def stories_changed_since(self, version: int) -> list[tuple[int, StoryRow]]:
        with self._lock:
            rows = self._db().execute(f"SELECT version, {self._STORY_COLUMNS} FROM stories WHERE version > ? "
                                      "ORDER BY version", (int(version),)).fetchall()
        return [(int(r[0]), StoryRow(*r[1:])) for r in rows]

    def set_story_of(self, article_id: str, story_id: str, score: float) -> None:
        with self._lock, self._transaction(f"adding {article_id!r} to story {story_id!r}") as conn:
            conn.execute(
                "INSERT INTO story_members (article_id, story_id, score, seq) VALUES (?, ?, ?, "
                "(SELECT coalesce(max(rowid), 0) + 1 FROM story_members)) ON CONFLICT (article_id) "
                "DO UPDATE SET story_id = excluded.story_id, score = excluded.score",
                (article_id, story_id, float(score)))

    def story_of(self, article_id: str) -> str | None:
        with self._lock:
            row = self._db().execute("SELECT story_id FROM story_members WHERE article_id = ?",
                                     (article_id,)).fetchone()
        return str(row[0]) if row else None

    def story_members(self, story_id: str) -> list[str]:
        with self._lock:
            rows = self._db().execute("SELECT article_id FROM story_members WHERE story_id = ? ORDER BY seq",
                                      (story_id,)).fetchall()
        return [str(r[0]) for r in rows]

    def add_term_counts(self, terms: list[str]) -> int:
        with self._lock, self._transaction("counting story terms") as conn:
            conn.executemany("INSERT INTO story_terms (term, df) VALUES (?, 1) "
                             "ON CONFLICT (term) DO UPDATE SET df = df + 1", [(t,) for t in set(terms)])
            # The empty term counts articles: no real term is empty.
            conn.execute("INSERT INTO story_terms (term, df) VALUES ('', 1) "
                         "ON CONFLICT (term) DO UPDATE SET df = df + 1")
            return int(conn.execute("SELECT df FROM story_terms WHERE term = ''").fetchone()[0])

    def term_counts(self, terms: Collection[str] | None = None) -> tuple[int, dict[str, int]]:
        with self._lock:
            if terms is None:
                rows = self._db().execute("SELECT term, df FROM story_terms").fetchall()
            else:
                # One parameter whatever the number of terms (SQLite caps the parameters of a query).
                wanted = json.dumps(["", *{t for t in terms if t}])
                rows = self._db().execute("SELECT term, df FROM story_terms WHERE term IN "
                                          "(SELECT value FROM json_each(?))", (wanted,)).fetchall()
        counts = {str(t): int(n) for t, n in rows}
        return counts.pop("", 0), counts

    _EXPECTATION_COLUMNS = ("id, story_id, article_id, event_idx, type, status, expected_start, expected_end, "
                            "updated_at, data")

    def put_expectation(self, expectation: ExpectationRow) -> None:
        e = expectation
        with self._lock, self._transaction(f"storing expectation {e.id!r}") as conn:
            conn.execute(
                f"INSERT INTO expectations ({self._EXPECTATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id, article_id = excluded.article_id, "
                "event_idx = excluded.event_idx, type = excluded.type, status = excluded.status, "
                "expected_start = excluded.expected_start, expected_end = excluded.expected_end, "
                "updated_at = excluded.updated_at, data = excluded.data",
                (e.id, e.story_id, e.article_id, e.event_idx, e.type, e.status, e.expected_start,
                 e.expected_end, e.updated_at, e.data))

    def expectations(self, *, status: str | None = None, story_id: str | None = None,
                     types: Collection[str] | None = None, ends_after: str | None = None,
                     ) -> list[ExpectationRow]:
        where: list[str] = []
        args: list[str] = []
        if types is not None:
            wanted = sorted(set(types))
            if not wanted:
                return []
            where.append(f"type IN ({', '.join('?' for _ in wanted)})")
            args += wanted
        if ends_after is not None:
            where.append("(expected_end IS NULL OR expected_end >= ?)")
            args.append(ends_after)
        clause = where_clause(where, args, status=status, story_id=story_id)
        with self._lock:
            rows = self._db().execute(
                f"SELECT {self._EXPECTATION_COLUMNS} FROM expectations{clause} ORDER BY seq", args).fetchall()
        return [ExpectationRow(*r) for r in rows]

    def add_status_change(self, change: StatusChangeRow) -> None:
        c = change
        with self._lock, self._transaction(f"recording a status change of {c.expectation_id!r}") as conn:
            conn.execute("INSERT INTO expectation_history (expectation_id, status, article_id, at, note) "
                         "VALUES (?, ?, ?, ?, ?)", (c.expectation_id, c.status, c.article_id, c.at, c.note))

    def status_changes(self, expectation_id: str) -> list[StatusChangeRow]:
        with self._lock:
            rows = self._db().execute(
                "SELECT expectation_id, status, article_id, at, note FROM expectation_history "
                "WHERE expectation_id = ? ORDER BY seq", (expectation_id,)).fetchall()
        return [StatusChangeRow(*r) for r in rows]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
