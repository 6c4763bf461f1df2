"""The SQLite schema, as an ordered list of migrations.

``PRAGMA user_version`` holds how many migrations a file has had. Opening a
file applies the missing ones in order, each in its own transaction, so an
interrupted upgrade leaves the file at the last complete version. Never edit
a released migration: add a new one at the end.

Tables other stages query (all keyed by ``article_id``, replaced on every
update of the article):

- ``articles``: one row per record; ``record`` is the full JSON, the other
  columns are copies worth querying. ``seq`` is the ingest order.
- ``entities``: one row per entity (``idx`` is its place in the record).
- ``events``: one row per event; ``source_texts``/``source_codes`` (and the
  target pair) are ``"; "``-joined and aligned, an unknown code left empty.
- ``event_actors``: one row per actor of an event, for "every event with a
  RUS source" queries.
- ``quotes``: one row per quote; ``speaker`` is the resolved entity's name
  when the quote has one, else the speaker's words.
- ``signatures``: the MinHash signature of each article (near-duplicate detection);
  ``articles.duplicate_of`` links a near-duplicate to its first copy.
- ``stories``, ``story_members``, ``story_terms``, ``expectations``,
  ``expectation_history``: the stories stage's state (``wirewatch.stories``);
  ``story_terms`` counts the articles containing each term (for TF-IDF);
  ``stories.version`` grows with every write of a story (``stories_changed_since``).
- ``subscriptions``: who follows what through which channel (``event_types`` is a
  JSON array); ``outbox``: alerts to deliver, keyed by their idempotency key
  (the sender reads pending rows by ``(status, due_at)``); ``sources``: the
  watched feeds, pages, folders and WARC files with their polling state
  (``wirewatch.store.follow_base`` says what each column means).
- ``rejections``: the rejection log, one row per (source, reason).
- ``article_search``: the FTS5 index over title + text (an external-content
  table over the ``article_search_content`` view, kept in step by triggers).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from wirewatch.store.base import SchemaTooNewError, StoreError


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple[str, ...]


_CORE = Migration("articles, entities, events, quotes, rejections", (
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        published TEXT,
        outlet TEXT,
        title TEXT,
        url TEXT,
        content_hash TEXT NOT NULL,
        analysis_version TEXT NOT NULL,
        source TEXT,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        record TEXT NOT NULL
    )""",
    "CREATE INDEX articles_content_hash ON articles (content_hash, seq)",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_updated_at ON articles (updated_at)",
    "CREATE INDEX articles_analysis_version ON articles (analysis_version)",
    """CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        country TEXT,
        role TEXT,
        sector TEXT,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    )""",
    "CREATE INDEX entities_name ON entities (name)",
    "CREATE INDEX entities_country ON entities (country)",
    """CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        modality TEXT NOT NULL,
        mode TEXT,
        date TEXT,
        location TEXT,
        source_texts TEXT NOT NULL,
        source_codes TEXT NOT NULL,
        target_texts TEXT NOT NULL,
        target_codes TEXT NOT NULL,
        trigger TEXT,
        part TEXT,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    )""",
    "CREATE INDEX events_type ON events (type, modality)",
    "CREATE INDEX events_date ON events (date)",
    """CREATE TABLE event_actors (
        article_id TEXT NOT NULL,
        event_idx INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('source', 'target')),
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        entity_id TEXT,
        code TEXT,
        sector TEXT,
        PRIMARY KEY (article_id, event_idx, role, idx),
        FOREIGN KEY (article_id, event_idx) REFERENCES events (article_id, idx) ON DELETE CASCADE
    )""",
    "CREATE INDEX event_actors_code ON event_actors (code, role)",
    """CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        speaker TEXT,
        speaker_text TEXT,
        speaker_entity TEXT,
        anonymous INTEGER NOT NULL,
        affiliation TEXT,
        part TEXT,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    )""",
    "CREATE INDEX quotes_speaker ON quotes (speaker)",
    """CREATE TABLE rejections (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        text TEXT NOT NULL,
        first_rejected_at TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        count INTEGER NOT NULL,
        UNIQUE (source, reason)
    )""",
))

# The view gives FTS5 the article text out of the JSON, so the text is stored once.
_FULL_TEXT = Migration("full-text search over title and text", (
    """CREATE VIEW article_search_content AS
        SELECT seq, coalesce(title, '') AS title, json_extract(record, '$.text') AS text FROM articles""",
    """CREATE VIRTUAL TABLE article_search USING fts5 (
        title, text,
        content = 'article_search_content', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_search (rowid, title, text)
        VALUES (new.seq, coalesce(new.title, ''), json_extract(new.record, '$.text'));
    END""",
    """CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title, text)
        VALUES ('delete', old.seq, coalesce(old.title, ''), json_extract(old.record, '$.text'));
    END""",
    """CREATE TRIGGER articles_search_update AFTER UPDATE OF title, record ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title, text)
        VALUES ('delete', old.seq, coalesce(old.title, ''), json_extract(old.record, '$.text'));
        INSERT INTO article_search (rowid, title, text)
        VALUES (new.seq, coalesce(new.title, ''), json_extract(new.record, '$.text'));
    END""",
    # Articles stored before this migration become searchable.
    "INSERT INTO article_search (article_search) VALUES ('rebuild')",
))

_SIGNATURES = Migration("near-duplicate signatures and links", (
    """CREATE TABLE signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        minhash BLOB NOT NULL
    )""",
    "ALTER TABLE articles ADD COLUMN duplicate_of TEXT",
    "CREATE INDEX articles_duplicate_of ON articles (duplicate_of)",
))

_STORIES = Migration("stories, membership, term counts, expectations and their history", (
    """CREATE TABLE stories (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        first_date TEXT,
        last_date TEXT,
        size INTEGER NOT NULL,
        merged_into TEXT,
        profile TEXT NOT NULL
    )""",
    """CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        score REAL NOT NULL,
        seq INTEGER NOT NULL
    )""",
    "CREATE INDEX story_members_story ON story_members (story_id, seq)",
    """CREATE TABLE story_terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE expectations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        story_id TEXT,
        article_id TEXT NOT NULL,
        event_idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        expected_start TEXT,
        expected_end TEXT,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    "CREATE INDEX expectations_status ON expectations (status)",
    "CREATE INDEX expectations_story ON expectations (story_id)",
    """CREATE TABLE expectation_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        expectation_id TEXT NOT NULL,
        status TEXT NOT NULL,
        article_id TEXT,
        at TEXT NOT NULL,
        note TEXT NOT NULL
    )""",
    "CREATE INDEX expectation_history_id ON expectation_history (expectation_id, seq)",
))

# Rows are never deleted from the outbox (delivered alerts are history), so the
# implicit rowid is the order of creation; no CHECK on kinds or statuses, so that
# a new one needs no table rebuild (the stores check rows before writing them).
_FOLLOW = Migration("subscriptions, the alert outbox and watched sources", (
    """CREATE TABLE subscriptions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        event_types TEXT NOT NULL,
        cadence TEXT NOT NULL,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    "CREATE INDEX subscriptions_target ON subscriptions (kind, target)",
    """CREATE TABLE outbox (
        key TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        alert TEXT NOT NULL,
        status TEXT NOT NULL,
        due_at TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        message_id TEXT,
        error TEXT
    )""",
    "CREATE INDEX outbox_due ON outbox (status, due_at)",
    "CREATE INDEX outbox_subscription ON outbox (subscription_id, status)",
    """CREATE TABLE sources (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        kind TEXT NOT NULL,
        added_at TEXT NOT NULL,
        state TEXT NOT NULL,
        articles INTEGER NOT NULL
    )""",
))

# A story's version is set on every write to one more than the highest in the table (the
# index makes that a lookup): a process reads the stories changed since the last version it saw
# instead of every story. Stories stored before get their creation order as version.
_STORY_VERSIONS = Migration("story versions, for reading the stories changed since a version", (
    "ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
    "UPDATE stories SET version = seq",
    "CREATE INDEX stories_version ON stories (version)",
))

MIGRATIONS: tuple[Migration, ...] = (_CORE, _FULL_TEXT, _SIGNATURES, _STORIES, _FOLLOW, _STORY_VERSIONS)
SCHEMA_VERSION = len(MIGRATIONS)

# Marks a file as a wirewatch store in the SQLite header ("WWst"), so that another
# program's database is refused instead of having wirewatch's tables added to it.
APPLICATION_ID = 0x57577374


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_is_wirewatch(conn: sqlite3.Connection, label: str) -> None:
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app == APPLICATION_ID:
        return
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    if app == 0 and not tables and schema_version(conn) == 0:
        return  # a new, empty database: it becomes a store
    shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    raise StoreError(
        f"store {label} is a SQLite database of another program, not a wirewatch store"
        + (f" (it has tables {shown})" if tables else "")
        + ": give the path of a wirewatch store, or a new path to create one")


def check_not_newer(conn: sqlite3.Connection, label: str) -> int:
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"store {label} has schema version {version}, but this wirewatch understands versions up to "
            f"{SCHEMA_VERSION}: it was written by a newer wirewatch; upgrade wirewatch "
            "(pip install --upgrade wirewatch) to open it, or use another store file")
    return version


def migrate(conn: sqlite3.Connection, label: str, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to ``target``; returns the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each
    migration is one explicit transaction.
    """
    check_is_wirewatch(conn, label)
    version = check_not_newer(conn, label)
    while version < target:
        step = MIGRATIONS[version]
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Another process may have migrated while this one waited for the lock.
            if schema_version(conn) != version:
                conn.execute("ROLLBACK")
                version = check_not_newer(conn, label)
                continue
            for statement in step.statements:
                conn.execute(statement)
            if version == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"store {label}: upgrading the schema to version {version + 1} ({step.name}) failed: {exc}; "
                f"the file is unchanged at version {version}. Check that the file is writable and that "
                "this Python's SQLite has FTS5 and JSON support (python -c \"import sqlite3; "
                "print(sqlite3.sqlite_version)\" should be 3.35 or newer)") from exc
        version += 1
    return version
