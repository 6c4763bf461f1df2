"""MemoryStore: the store interface in plain Python, for tests and throwaway runs.

It keeps each record as the same JSON the SQLite store writes, so a record
comes back exactly as it would from disk (and a record that SQLite would
refuse is refused here too). Search matches whole words, phrases and
prefixes like the SQLite store, but without its English stemming
("meetings" does not find "meeting" here).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace

from wirewatch.record import Record, Rejected
from wirewatch.store.base import (
    SNIPPET_CLOSE,
    SNIPPET_ELLIPSIS,
    SNIPPET_OPEN,
    SNIPPET_WORDS,
    WORD,
    ExpectationRow,
    Phrase,
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
    fold,
    normalise_since,
    now_utc,
    parse_query,
    tidy_snippet,
)
from wirewatch.store.memory_follow import MemoryFollow

# A title hit counts as much as this many hits in the body, as in the SQLite ranking.
TITLE_WEIGHT = 10.0

_Token = tuple[str, int, int]  # folded word, start, end


@dataclass
class _Article:
    seq: int
    meta: StoredMeta
    json: str
    title: str
    text: str
    published: str | None
    counts: dict[str, int]


class MemoryStore(MemoryFollow, Store):
    """Everything in a dict; gone when the object is.

    Every change goes through the undo journal of ``MemoryAtomic`` (``_set``,
    ``_append``, ``_set_attr``) inside a ``_writing`` block, so that ``atomic()``
    can take back all of a failed block.
    """

    def __init__(self, *, clock: Callable[[], str] = now_utc) -> None:
        super().__init__()
        self._clock = clock
        self._articles: dict[str, _Article] = {}
        self._rejections: dict[tuple[str, str], RejectionRow] = {}
        self._signatures: dict[str, bytes] = {}
        self._stories: dict[str, StoryRow] = {}  # dicts keep insertion order: creation order
        self._story_versions: dict[str, int] = {}  # story -> version of its last write
        self._story_version = 0  # the highest version handed out
        self._members: dict[str, tuple[str, float, int]] = {}  # article -> (story, score, seq)
        self._member_seq = 0
        self._terms: dict[str, int] = {}
        self._term_docs = 0
        self._expectations: dict[str, ExpectationRow] = {}
        self._history: dict[str, list[StatusChangeRow]] = {}
        self._seq = 0

    def __repr__(self) -> str:
        return "MemoryStore()"

    # --- writing -------------------------------------------------------------------------------

    def put(self, record: Record, *, content_hash: str, source: str | None = None) -> PutResult:
        with self._lock:
            self._check_open()
            record_id = check_put(record, content_hash)
            old = self._articles.get(record_id)
            if (old is not None and old.meta.content_hash == content_hash
                    and old.meta.analysis_version == record.analysis_version):
                return "unchanged"
            d, text = encode_record(record)
            now = self._clock()
            seq = old.seq if old else self._seq + 1
            counts = {key: len(d[key]) for key in ("entities", "quotes", "times", "events")}
            counts["errors"] = int(d.get("error") is not None)
            meta = StoredMeta(
                id=record_id, content_hash=content_hash, analysis_version=record.analysis_version,
                source=source if source is not None or old is None else old.meta.source,
                ingested_at=old.meta.ingested_at if old else now, updated_at=now)
            article = _Article(seq=seq, meta=meta, json=text, title=d["title"] or "", text=d["text"],
                               published=d["published"], counts=counts)
            with self._writing(f"storing record {record_id!r}"):
                self._set_attr("_seq", max(self._seq, seq))
                self._set(self._articles, record_id, article)
            return "updated" if old else "added"

    def reject(self, rejected: Rejected) -> None:
        with self._lock:
            self._check_open()
            key = (rejected.source, rejected.reason)
            now = self._clock()
            old = self._rejections.get(key)
            row = RejectionRow(
                id=rejected.id, source=rejected.source, reason=rejected.reason,
                message=rejected.message, text=clip_rejected_text(rejected.text),
                first_rejected_at=old.first_rejected_at if old else now, rejected_at=now,
                count=old.count + 1 if old else 1)
            with self._writing(f"logging the rejection of {rejected.source!r}"):
                self._set(self._rejections, key, row)

    # --- reading -------------------------------------------------------------------------------

    def get(self, record_id: str) -> Record | None:
        with self._lock:
            self._check_open()
            article = self._articles.get(record_id)
            return decode_record(article.json) if article else None

    def meta(self, record_id: str) -> StoredMeta | None:
        with self._lock:
            self._check_open()
            article = self._articles.get(record_id)
            return replace(article.meta) if article else None

    def find_by_hash(self, content_hash: str) -> str | None:
        with self._lock:
            self._check_open()
            for article in self._in_order():
                if article.meta.content_hash == content_hash:
                    return article.meta.id
            return None

    def records(self, *, since: str | None = None) -> Iterator[Record]:
        cutoff = normalise_since(since) if since is not None else None
        with self._lock:
            self._check_open()
            ids = [a.meta.id for a in self._in_order()]
        return self._iter_records(ids, cutoff)

    def _iter_records(self, ids: list[str], cutoff: str | None) -> Iterator[Record]:
        for record_id in ids:
            with self._lock:
                self._check_open()
                article = self._articles.get(record_id)
                if article is None or (cutoff is not None and article.meta.updated_at < cutoff):
                    continue
                text = article.json
            yield decode_record(text)

    def ids(self, *, stale_for: str | None = None) -> list[str]:
        with self._lock:
            self._check_open()
            return [a.meta.id for a in self._in_order()
                    if stale_for is None or a.meta.analysis_version != stale_for]

    def rejections(self) -> list[RejectionRow]:
        with self._lock:
            self._check_open()
            return list(self._rejections.values())

    def stats(self) -> dict[str, int]:
        with self._lock:
            self._check_open()
            out = {"articles": len(self._articles), "rejected": len(self._rejections)}
            for key in ("entities", "quotes", "times", "events", "errors"):
                out[key] = sum(a.counts[key] for a in self._articles.values())
            return out

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        check_limit(limit)
        groups = parse_query(query)
        with self._lock:
            self._check_open()
            articles = self._in_order()
        scored: list[tuple[float, int, SearchHit]] = []
        for article in articles:
            hit = _match(article, groups)
            if hit is not None:
                scored.append((-hit.score, article.seq, hit))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [hit for _, _, hit in scored[:limit]]

    def put_signature(self, record_id: str, signature: bytes) -> None:
        with self._writing(f"storing the signature of {record_id!r}"):
            if record_id not in self._articles:
                raise StoreError(f"memory store: no article {record_id!r} to attach a signature to: "
                                 "put the record first")
            self._set(self._signatures, record_id, bytes(signature))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        with self._lock:
            self._check_open()
            return iter([(a.meta.id, self._signatures[a.meta.id]) for a in self._in_order()
                         if a.meta.id in self._signatures])

    def signatures_since(self, seq: int) -> list[tuple[int, str, bytes]]:
        with self._lock:
            self._check_open()
            return [(a.seq, a.meta.id, self._signatures[a.meta.id]) for a in self._in_order()
                    if a.seq > seq and a.meta.id in self._signatures]

    # --- stories -------------------------------------------------------------------------------

    def put_story(self, story: StoryRow) -> None:
        with self._writing(f"storing story {story.id!r}"):
            self._set(self._stories, story.id, story)
            self._set_attr("_story_version", self._story_version + 1)
            self._set(self._story_versions, story.id, self._story_version)

    def get_story(self, story_id: str) -> StoryRow | None:
        with self._lock:
            self._check_open()
            return self._stories.get(story_id)

    def stories(self, *, merged: bool = False) -> list[StoryRow]:
        with self._lock:
            self._check_open()
            return [s for s in self._stories.values() if merged or s.merged_into is None]

    def stories_changed_since(self, version: int) -> list[tuple[int, StoryRow]]:
        with self._lock:
            self._check_open()
            changed = sorted((v, sid) for sid, v in self._story_versions.items() if v > version)
            return [(v, self._stories[sid]) for v, sid in changed]

    def set_story_of(self, article_id: str, story_id: str, score: float) -> None:
        with self._writing(f"adding {article_id!r} to story {story_id!r}"):
            old = self._members.get(article_id)
            if old is None:
                self._set_attr("_member_seq", self._member_seq + 1)
            self._set(self._members, article_id, (story_id, float(score), old[2] if old else self._member_seq))

    def story_of(self, article_id: str) -> str | None:
        with self._lock:
            self._check_open()
            member = self._members.get(article_id)
            return member[0] if member else None

    def story_members(self, story_id: str) -> list[str]:
        with self._lock:
            self._check_open()
            rows = [(seq, a) for a, (s, _, seq) in self._members.items() if s == story_id]
            return [a for _, a in sorted(rows)]

    def add_term_counts(self, terms: list[str]) -> int:
        with self._writing("counting story terms"):
            for term in set(terms):
                self._set(self._terms, term, self._terms.get(term, 0) + 1)
            self._set_attr("_term_docs", self._term_docs + 1)
            return self._term_docs

    def term_counts(self, terms: Collection[str] | None = None) -> tuple[int, dict[str, int]]:
        with self._lock:
            self._check_open()
            if terms is None:
                return self._term_docs, dict(self._terms)
            return self._term_docs, {t: self._terms[t] for t in terms if t in self._terms}

    def put_expectation(self, expectation: ExpectationRow) -> None:
        with self._writing(f"storing expectation {expectation.id!r}"):
            self._set(self._expectations, expectation.id, expectation)

    def expectations(self, *, status: str | None = None, story_id: str | None = None,
                     types: Collection[str] | None = None, ends_after: str | None = None,
                     ) -> list[ExpectationRow]:
        with self._lock:
            self._check_open()
            return [e for e in self._expectations.values()
                    if (status is None or e.status == status) and (story_id is None or e.story_id == story_id)
                    and (types is None or e.type in types)
                    and (ends_after is None or e.expected_end is None or e.expected_end >= ends_after)]

    def add_status_change(self, change: StatusChangeRow) -> None:
        with self._writing(f"recording a status change of {change.expectation_id!r}"):
            if change.expectation_id not in self._history:
                self._set(self._history, change.expectation_id, [])
            self._append(self._history[change.expectation_id], change)

    def status_changes(self, expectation_id: str) -> list[StatusChangeRow]:
        with self._lock:
            self._check_open()
            return list(self._history.get(expectation_id, []))

    def close(self) -> None:
        self._closed = True

    def _in_order(self) -> list[_Article]:
        return sorted(self._articles.values(), key=lambda a: a.seq)


# --- search --------------------------------------------------------------------------------------

def _tokens(text: str) -> list[_Token]:
    return [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def _phrase_hits(tokens: list[_Token], phrase: Phrase) -> list[int]:
    """Token indexes where the phrase starts."""
    n = len(phrase.words)
    hits = []
    for i in range(len(tokens) - n + 1):
        ok = all(tokens[i + k][0] == phrase.words[k] for k in range(n - 1))
        last = tokens[i + n - 1][0]
        if ok and (last == phrase.words[-1] or (phrase.prefix and last.startswith(phrase.words[-1]))):
            hits.append(i)
    return hits


def _match(article: _Article, groups: list[list[Phrase]]) -> SearchHit | None:
    title_tokens, text_tokens = _tokens(article.title), _tokens(article.text)
    score = 0.0
    marked: dict[str, set[int]] = {"title": set(), "text": set()}
    matched = False
    for group in groups:
        found = []
        for phrase in group:
            in_title = _phrase_hits(title_tokens, phrase)
            in_text = _phrase_hits(text_tokens, phrase)
            if not in_title and not in_text:
                break
            found.append((phrase, in_title, in_text))
        else:
            matched = True
            for phrase, in_title, in_text in found:
                score += TITLE_WEIGHT * len(in_title) + len(in_text)
                for column, starts in (("title", in_title), ("text", in_text)):
                    for start in starts:
                        marked[column].update(range(start, start + len(phrase.words)))
    if not matched:
        return None
    if marked["text"]:
        snippet = _snippet(article.text, text_tokens, marked["text"])
    else:
        snippet = _snippet(article.title, title_tokens, marked["title"])
    return SearchHit(id=article.meta.id, title=article.title or None, published=article.published,
                     snippet=snippet, score=score)


def _snippet(text: str, tokens: list[_Token], marked: set[int]) -> str:
    first = min(marked)
    start = max(0, min(first - SNIPPET_WORDS // 4, len(tokens) - SNIPPET_WORDS))
    end = min(len(tokens), start + SNIPPET_WORDS)
    parts = [SNIPPET_ELLIPSIS] if start > 0 else []
    pos = tokens[start][1]
    for i in range(start, end):
        _, s, e = tokens[i]
        parts.append(text[pos:s])
        parts.append(f"{SNIPPET_OPEN}{text[s:e]}{SNIPPET_CLOSE}" if i in marked else text[s:e])
        pos = e
    if end < len(tokens):
        parts.append(SNIPPET_ELLIPSIS)
    else:
        parts.append(text[pos:])
    return tidy_snippet("".join(parts))
