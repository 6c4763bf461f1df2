"""The store interface: what every store (SQLite, memory, later PostgreSQL) does.

A store keeps article records (``wirewatch.record.Record``) keyed by id, with
the hash of the content they were analysed from, and a log of rejected
documents. It is deliberately small — one interface, several implementations,
the way httpx keeps one transport method behind every backend — so that
ingest, the CLI, stories and alerts never care which database is behind it.

Behaviour every implementation shares (the tests run the same suite against
each):

- ``put`` is atomic and idempotent: re-putting an article whose id, content
  hash and analysis version are unchanged writes nothing at all.
- ``records`` and ``ids`` come back in ingest order (the order ids were first
  added; an update keeps an article's place).
- ``search`` takes words as a person types them (see ``parse_query``), never
  a database query language, so no input can make it fail.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from abc import abstractmethod
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal, Self

from wirewatch.record import Record, Rejected
from wirewatch.store.follow_base import FollowStore

PutResult = Literal["added", "unchanged", "updated"]

# Rejected documents can be huge (a 50 MB upload rejected as too large); the log
# keeps enough of the text to recognise the document, not the whole of it.
REJECTED_TEXT_LIMIT = 65_536

# Markers around matched words in SearchHit.snippet.
SNIPPET_OPEN = "["
SNIPPET_CLOSE = "]"
SNIPPET_ELLIPSIS = "…"
SNIPPET_WORDS = 16


class StoreError(Exception):
    """A store cannot do what was asked; the message names the store, the problem and the fix."""


class SchemaTooNewError(StoreError):
    """The store file was written by a newer wirewatch than this one."""


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    snippet: str  # matched words wrapped in SNIPPET_OPEN / SNIPPET_CLOSE
    score: float  # larger is better; only comparable within one search


@dataclass(frozen=True)
class RejectionRow:
    """One entry of the rejection log: the latest rejection of a source for a reason."""

    id: str
    source: str
    reason: str
    message: str
    text: str  # at most REJECTED_TEXT_LIMIT characters
    first_rejected_at: str  # ISO 8601 UTC
    rejected_at: str  # ISO 8601 UTC, the latest time
    count: int  # how many times this source was rejected for this reason


@dataclass(frozen=True)
class StoredMeta:
    """What the store knows about an article besides its record."""

    id: str
    content_hash: str
    analysis_version: str
    source: str | None
    ingested_at: str  # ISO 8601 UTC, first put
    updated_at: str  # ISO 8601 UTC, last put that wrote something


@dataclass(frozen=True)
class StoryRow:
    """A story as stored; ``profile`` is the stories stage's own JSON (what assignment needs)."""

    id: str
    title: str
    created_at: str  # ISO 8601 UTC
    updated_at: str  # ISO 8601 UTC
    first_date: str | None  # earliest article date (ISO date) in the story
    last_date: str | None  # latest article date
    size: int  # member articles
    merged_into: str | None = None  # set when the story was merged into another
    profile: str = "{}"


@dataclass(frozen=True)
class ExpectationRow:
    """An announced future event being tracked; ``data`` is the stories stage's JSON
    (type, actors, sentence, window, sources)."""

    id: str
    story_id: str | None
    article_id: str  # the article that announced it
    event_idx: int
    type: str
    status: str  # pending, happened, cancelled, denied, overdue
    expected_start: str | None  # ISO date
    expected_end: str | None  # ISO date
    updated_at: str
    data: str = "{}"


@dataclass(frozen=True)
class StatusChangeRow:
    """One change of an expectation's status and what caused it."""

    expectation_id: str
    status: str
    article_id: str | None  # the article whose report caused the change (None: time passed)
    at: str  # ISO 8601 UTC, when the change was recorded
    note: str = ""


class Store(FollowStore):
    """The one interface every store implements (following's half is in ``follow_base``).

    Every writer takes part in an enclosing ``atomic()`` block.
    """

    # Outermost write blocks of this store object undone so far. What a process keeps of the
    # store in memory (the story index) must read it afresh after one: the rows it wrote in
    # the block are gone from the store, and nothing else says so.
    rollbacks: int = 0

    @abstractmethod
    def put(self, record: Record, *, content_hash: str, source: str | None = None) -> PutResult:
        """Add or replace a record, atomically.

        Returns "unchanged" (and writes nothing) when ``record.id`` is stored
        with the same ``content_hash`` and ``analysis_version``; "updated" when
        the id is stored otherwise (its ingest time and place are kept; a
        ``source`` of None keeps the stored source); "added" for a new id.
        """

    @abstractmethod
    def get(self, record_id: str) -> Record | None:
        """The stored record, or None."""

    @abstractmethod
    def meta(self, record_id: str) -> StoredMeta | None:
        """Hash, version, source and timestamps of a stored article, or None."""

    @abstractmethod
    def find_by_hash(self, content_hash: str) -> str | None:
        """The id of the first-ingested article stored with this content hash, or None."""

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over title and text, best first (see ``parse_query``)."""

    @abstractmethod
    def records(self, *, since: str | None = None) -> Iterator[Record]:
        """Every record in ingest order; with ``since`` (ISO 8601 date or time),
        only those added or updated at or after it.

        Safe to ``put`` while iterating (reanalyze does): the iterator reads in
        pages and never holds the store.
        """

    @abstractmethod
    def ids(self, *, stale_for: str | None = None) -> list[str]:
        """All ids in ingest order, or those whose analysis_version != ``stale_for``."""

    @abstractmethod
    def reject(self, rejected: Rejected) -> None:
        """Log a rejection; the same source rejected again for the same reason
        updates its entry (message, text, time, count) instead of adding one."""

    @abstractmethod
    def rejections(self) -> list[RejectionRow]:
        """The rejection log, in order of first rejection."""

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts: articles, rejected, entities, quotes, times, events, errors."""

    @abstractmethod
    def put_signature(self, record_id: str, signature: bytes) -> None:
        """Keep the near-duplicate signature (MinHash values) of a stored article."""

    @abstractmethod
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every stored signature as (article id, bytes), in ingest order."""

    @abstractmethod
    def signatures_since(self, seq: int) -> list[tuple[int, str, bytes]]:
        """(ingest position, article id, bytes) of the signatures of articles first stored after
        position ``seq`` (0: all), in ingest order: how a long-running process keeps its
        near-duplicate index current without reading every signature again."""

    # --- stories (written by wirewatch.stories; see that package for what the rows mean) -------

    @abstractmethod
    def put_story(self, story: StoryRow) -> None:
        """Add or replace a story by id."""

    @abstractmethod
    def stories_changed_since(self, version: int) -> list[tuple[int, StoryRow]]:
        """(version, row) of every story written after ``version`` (0: all), merged-away ones
        included, oldest write first. Every write of a story gives it a version higher than any
        before it in the store, so a process that remembers the last version it read brings its
        picture of the stories up to date in proportion to what changed, not to what is stored.
        Versions are only ever handed out in a write block: one rolled back is handed out again."""

    @abstractmethod
    def get_story(self, story_id: str) -> StoryRow | None:
        """The stored story, or None."""

    @abstractmethod
    def stories(self, *, merged: bool = False) -> list[StoryRow]:
        """Stories in order of creation; merged-away ones only with ``merged=True``."""

    @abstractmethod
    def set_story_of(self, article_id: str, story_id: str, score: float) -> None:
        """Make the article a member of the story (replacing an earlier membership)."""

    @abstractmethod
    def story_of(self, article_id: str) -> str | None:
        """The id of the article's story, or None."""

    @abstractmethod
    def story_members(self, story_id: str) -> list[str]:
        """Ids of the story's articles, in the order they joined."""

    @abstractmethod
    def add_term_counts(self, terms: list[str]) -> int:
        """Count one more article containing each of ``terms`` (document frequencies for
        story assignment); returns the number of articles counted so far."""

    @abstractmethod
    def term_counts(self, terms: Collection[str] | None = None) -> tuple[int, dict[str, int]]:
        """(articles counted, document frequency of every term); with ``terms``, of those terms
        only (a term never counted is left out), which costs in proportion to them."""

    @abstractmethod
    def put_expectation(self, expectation: ExpectationRow) -> None:
        """Add or replace an expectation by id."""

    @abstractmethod
    def expectations(self, *, status: str | None = None, story_id: str | None = None,
                     types: Collection[str] | None = None, ends_after: str | None = None,
                     ) -> list[ExpectationRow]:
        """Expectations in order of creation, optionally only: one status, one story, these
        event types, those whose window ends on or after an ISO date (or has no end)."""

    @abstractmethod
    def add_status_change(self, change: StatusChangeRow) -> None:
        """Append to an expectation's status history."""

    @abstractmethod
    def status_changes(self, expectation_id: str) -> list[StatusChangeRow]:
        """An expectation's status history, oldest first."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; closing twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


# --- helpers shared by the implementations, so that they behave the same ---------------------

def content_hash(text: str) -> str:
    """A hash of article text for duplicate detection: sha256 of the NFC text with
    whitespace runs collapsed, so that re-wrapped copies of one text hash alike."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


def now_utc() -> str:
    """The current time as stored: ISO 8601 UTC with microseconds, so that text order is time order."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_since(since: str) -> str:
    """Turn a user's ISO 8601 date or time into the stored form, for comparison."""
    text = since.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return format_time(datetime.fromisoformat(text).replace(tzinfo=UTC))
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"since={since!r} is not an ISO 8601 date or time: "
            "give e.g. 2025-10-21 or 2025-10-21T08:00:00Z") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)


def encode_record(record: Record) -> tuple[dict[str, Any], str]:
    """The record's dict and its JSON, or a StoreError naming the record.

    Done before any write, so that a record that cannot be stored leaves the
    store untouched.
    """
    d = record.to_dict()
    try:
        text = json.dumps(d, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StoreError(
            f"record {record.id!r} cannot be stored: it contains text that is not valid Unicode "
            f"({exc.reason} at character {exc.start}); decode the source with errors='replace' "
            "before analysing it") from None
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"record {record.id!r} cannot be stored: it is not plain JSON data ({exc}); "
            "every field of a record must be a string, number, boolean, list or None") from None
    return d, text


def tidy_snippet(snippet: str) -> str:
    """One line for display: newlines and whitespace runs become single spaces."""
    return " ".join(snippet.split())


def decode_record(text: str) -> Record:
    return Record.from_dict(json.loads(text))


def clip_rejected_text(text: str) -> str:
    return text[:REJECTED_TEXT_LIMIT]


def check_put(record: Record, content_hash: object) -> str:
    """The record's id, once the fields the store keys on are usable."""
    record_id: object = record.id
    if not isinstance(record_id, str) or not record_id:
        raise StoreError(f"record id {record_id!r} cannot be stored: give every record a non-empty string id")
    if not isinstance(record.analysis_version, str) or not record.analysis_version:
        raise StoreError(f"record {record_id!r} cannot be stored: its analysis_version "
                         f"{record.analysis_version!r} is not a version string; leave the default")
    if not isinstance(content_hash, str) or not content_hash:
        raise StoreError(f"record {record_id!r} cannot be stored without a content hash: pass "
                         "content_hash=wirewatch.store.content_hash(text)")
    return record_id


def check_limit(limit: int) -> int:
    if limit < 0:
        raise ValueError(f"search limit {limit} is negative: give 0 or more")
    return limit


# --- search queries -----------------------------------------------------------------------------

# Letters and digits make words; everything else separates them. This mirrors
# SQLite's unicode61 tokenizer, so both stores split text the same way.
WORD = re.compile(r"[^\W_]+")
_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # folded (see fold)
    prefix: bool = False  # the last word may be the start of a longer word


Query = list[list[Phrase]]  # OR of ANDs


def fold(word: str) -> str:
    """Case- and accent-insensitive form of a word (as unicode61 remove_diacritics does)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_query(query: str) -> Query:
    """Read a search the way people type it.

    Words must all occur (in any order); ``"exact phrase"`` keeps its words
    together; ``word*`` matches words starting with it; an upper-case ``OR``
    between words gives alternatives (``Putin Trump OR Xi``: both Putin and
    Trump, or Xi). Punctuation separates words and an unmatched quote is
    ignored, so no query is an error; a query with no words finds nothing.
    """
    groups: Query = [[]]
    for m in _QUERY_TOKEN.finditer(query):
        quoted, bare = m.group(1), m.group(2)
        if bare == "OR":
            if groups[-1]:
                groups.append([])
            continue
        raw = quoted if quoted is not None else bare
        prefix = quoted is None and raw.endswith("*")
        words = tuple(fold(w) for w in WORD.findall(raw))
        if not words:
            continue
        # "U.S." or "Kyiv-based" typed bare is one term to the person typing it: a phrase.
        groups[-1].append(Phrase(words, prefix))
    return [g for g in groups if g]


def fts5_expression(query: Query) -> str:
    """The query in FTS5 syntax; words are only letters and digits, so quoting is safe."""
    def phrase(p: Phrase) -> str:
        return '"' + " ".join(p.words) + '"' + ("*" if p.prefix else "")
    return " OR ".join("(" + " AND ".join(phrase(p) for p in group) + ")" for group in query)


def where_clause(where: list[str], args: list[Any], **equal: str | None) -> str:
    """`` WHERE a AND b ...`` from conditions already in ``where`` plus ``column = ?`` for every
    ``equal`` value given (None: no condition); the values are appended to ``args``."""
    for column, value in equal.items():
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    return (" WHERE " + " AND ".join(where)) if where else ""
