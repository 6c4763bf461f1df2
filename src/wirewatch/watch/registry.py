"""Which sources are watched: add (with the kind detected), list with their state, remove.

A source is a row in the store (:class:`~wirewatch.store.follow_base.SourceRow`)
whose ``state`` column is a :class:`~wirewatch.sources.web.SourceState` as JSON.
Its id is stable ("src-" + a short hash of the canonical URL or absolute path),
so that adding the same source twice is noticed, whatever spelling was used.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from wirewatch.sources.web import Fetched, Fetcher, FetchError, SourceState, canonical_url
from wirewatch.sources.web.pages import is_html
from wirewatch.sources.web.state import KINDS, SourceKind, iso_time
from wirewatch.sources.web.urls import short_hash
from wirewatch.store import Store
from wirewatch.store.base import now_utc
from wirewatch.store.follow_base import SourceRow
from wirewatch.watch.settings import WatchSettings

DETECT_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
                 "text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.1")
WARC_SUFFIXES = (".warc", ".warc.gz")


class SourceError(Exception):
    """A source that cannot be added or found; the message names it and says what to do."""


class SourceExists(SourceError):
    def __init__(self, message: str, row: SourceRow):
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class SourceInfo:
    """A source as ``sources list`` shows it: the row and its decoded state."""

    row: SourceRow
    state: SourceState

    def to_dict(self) -> dict[str, Any]:
        s = self.state
        return {"id": self.row.id, "url": self.row.url, "kind": self.row.kind, "added_at": self.row.added_at,
                "interval_s": s.interval_s, "last_checked": iso_time(s.last_checked),
                "next_check": iso_time(s.next_check),
                "failures": s.failures, "last_error": s.last_error, "articles": self.row.articles}


def source_id(location: str) -> str:
    """``src-`` + 10 hex digits of the canonical URL or absolute path."""
    return "src-" + short_hash(location)[:10]


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def load_state(row: SourceRow) -> SourceState:
    """The row's state; the row's own url and kind win over what the JSON says."""
    try:
        data = json.loads(row.state or "{}")
    except json.JSONDecodeError:
        data = {}  # a damaged state costs a full re-poll (nothing seen), never the source
    if not isinstance(data, dict):
        data = {}
    data.update(url=row.url, kind=row.kind)
    return SourceState.from_dict(data)


def dump_state(state: SourceState) -> str:
    return json.dumps(state.to_dict(), ensure_ascii=False, separators=(",", ":"))


def add_source(store: Store, url_or_path: str, *, kind: str | None = None, interval_s: float | None = None,
               fetcher: Fetcher | None = None, settings: WatchSettings | None = None) -> SourceRow:
    """Register a feed, page, folder or WARC file; return its row.

    ``kind`` skips detection (and, for a URL, the fetch: a site that is down today can be
    registered for tomorrow). Raises :class:`SourceError` (or :class:`SourceExists`) with a
    message naming the input and the fix.
    """
    settings = settings or WatchSettings()
    if kind is not None and kind not in KINDS:
        raise SourceError(f"{url_or_path}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if interval_s is not None and interval_s <= 0:
        raise SourceError(f"{url_or_path}: the interval must be positive (e.g. --every 15m)")
    text = url_or_path.strip()
    if is_url(text):
        location = canonical_url(text)
        _refuse_existing(store, location)
        if kind is None:
            detected, moved_to = _detect_url(location, fetcher, settings)
            if moved_to is not None and canonical_url(moved_to) != location:
                # Moved for good (301/308 all the way, e.g. http -> https): watch the new address
                # and save a redirect on every poll.
                location = canonical_url(moved_to)
                _refuse_existing(store, location)
        else:
            detected = kind
        if detected not in ("feed", "page"):
            raise SourceError(f"{text}: a URL is watched as a feed or a page, not as a {detected}: "
                              "give --kind feed or --kind page (folders and WARC files are paths on disk)")
    else:
        location = str(Path(text).expanduser().resolve())
        _refuse_existing(store, location)
        detected = _detect_path(text, location, kind)
    state = SourceState(url=location, kind=_kind(detected), interval_s=interval_s or settings.watch_interval_s)
    row = SourceRow(id=source_id(location), url=location, kind=detected, added_at=now_utc(),
                    state=dump_state(state))
    store.put_source(row)
    return row


def _kind(kind: str) -> SourceKind:
    for k in KINDS:
        if k == kind:
            return k
    raise SourceError(f"kind {kind!r} is not one of {', '.join(KINDS)}")


def _refuse_existing(store: Store, location: str) -> None:
    row = store.get_source(source_id(location))
    if row is not None:
        raise SourceExists(f"{location}: already watched as {row.id} ({row.kind}); see it with "
                           "'wirewatch sources list'", row)


def _detect_path(text: str, path: str, kind: str | None) -> str:
    p = Path(path)
    if not p.exists():
        hint = " (a URL must start with http:// or https://)" if "." in text.split("/")[0] else ""
        raise SourceError(f"{text}: no such file or folder: check the path{hint}")
    if p.is_dir():
        if kind not in (None, "folder"):
            raise SourceError(f"{text}: is a folder: add it without --kind (or with --kind folder)")
        if not os.access(p, os.R_OK | os.X_OK):
            raise SourceError(f"{text}: the folder cannot be read: check its permissions")
        return "folder"
    if kind in ("feed", "page"):
        raise SourceError(f"{text}: is a file; feeds and pages are watched over http(s): give their URL")
    if kind == "folder":
        raise SourceError(f"{text}: is a file, not a folder: add the folder it is in")
    head = _head(p)
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if p.name.lower().endswith(WARC_SUFFIXES):
        raise SourceError(f"{text}: named like a WARC archive but does not start with a WARC/1.x record: "
                          "check that it is a complete .warc or .warc.gz file")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        raise SourceError(f"{text}: looks like an RSS/Atom file on disk; feeds are watched over http(s): add the "
                          "feed's URL instead (or put article files in a folder and add the folder)")
    raise SourceError(f"{text}: neither a folder nor a WARC archive (.warc/.warc.gz): to read one article "
                      "file once, use 'wirewatch ingest PATH'; to watch files as they arrive, add their folder")


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
            if head[:2] == b"\x1f\x8b":
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as gz:
                    return gz.read(512)
            return head
    except (OSError, EOFError) as exc:
        raise SourceError(f"{path}: cannot be read ({exc}): check that it is a readable file") from None


def _detect_url(url: str, fetcher: Fetcher | None, settings: WatchSettings) -> tuple[str, str | None]:
    """The kind of source at ``url``, and where it moved for good, if it did."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings.fetch_options())
    try:
        try:
            fetched = fetcher.get(url, accept=DETECT_ACCEPT)
        except FetchError as exc:
            raise SourceError(f"cannot add it: {exc.message}; to register it anyway, without checking, give "
                              "--kind feed or --kind page") from None
        kind = classify(fetched, url)
        if kind == "page":
            ok, why = fetcher.robots.allowed(fetched.url)
            if not ok:
                raise SourceError(f"{why}: a page source would never be read; pick another page")
        return kind, fetched.moved_to
    finally:
        if own:
            fetcher.close()


def classify(fetched: Fetched, url: str) -> str:
    """"feed" or "page" for a fetched response; :class:`SourceError` saying why it is neither."""
    body = fetched.body
    if is_html(fetched):
        return "page"
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not body.strip():
        raise SourceError(f"{url}: answered with an empty body: check the URL in a browser (to register it "
                          "anyway, give --kind feed or --kind page)")
    if head.startswith((b"<!doctype html", b"<html")):
        return "page"
    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-type": fetched.headers.get("content-type", "application/xml"), "content-location": fetched.url})
    if parsed.get("entries") or (parsed.get("version") and not parsed.get("bozo")):
        return "feed"  # an empty feed is still a feed; a broken one that yields entries is read as polled
    if head.startswith(b"<") and parsed.get("bozo"):
        raise SourceError(f"{url}: not a readable RSS/Atom feed (invalid XML: {parsed.get('bozo_exception')}) and "
                          "not an HTML page: check the URL in a browser; if it is a feed, the site publishes it "
                          "broken (give --kind feed to watch it anyway)")
    raise SourceError(f"{url}: is {fetched.content_type or 'of no stated type'}, neither an RSS/Atom feed nor "
                      "an HTML page: give the URL of the site's feed or of a page that links to its articles")


def find_source(store: Store, key: str) -> SourceRow | None:
    """A source by id, or by its URL or path as given."""
    row = store.get_source(key)
    if row is not None:
        return row
    location = canonical_url(key) if is_url(key) else str(Path(key).expanduser().resolve())
    return store.get_source(source_id(location))


def remove_source(store: Store, key: str) -> SourceRow:
    """Stop watching a source (by id, URL or path); its articles stay in the store."""
    row = find_source(store, key)
    if row is None or not store.delete_source(row.id):
        raise SourceError(f"no source {key!r}: list the watched sources and their ids with "
                          "'wirewatch sources list'")
    return row


def list_sources(store: Store) -> list[SourceInfo]:
    return [SourceInfo(row, load_state(row)) for row in store.sources()]
