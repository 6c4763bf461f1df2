"""RSS/Atom feeds: poll one, get back what is new and the state to store.

``poll_feed`` never raises: a feed that times out, is missing, is broken or
turns out to be a web page gives a :class:`PollResult` with ``error`` set and a
state that is backed off, and the watch loop goes on with the other sources.

The returned state already remembers the new items as seen. The watch loop
should store it together with (not before) the articles it fetched for them,
so that a crash in between repeats the poll rather than losing the items.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import time
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html

from wirewatch.sources.web.fetch import Fetched, Fetcher, FetchError
from wirewatch.sources.web.state import SourceState
from wirewatch.sources.web.urls import short_hash

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+xml;q=0.9, "
               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1")
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<?xml")
_HTML_STARTS = (b"<!doctype html", b"<html")
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"}


@dataclass(frozen=True)
class FeedItem:
    """One new entry: enough to fetch and date the article it points to."""

    id: str  # the entry's own id, else its link, else a hash of its title
    link: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 with the publisher's UTC offset
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "link": self.link, "title": self.title, "published": self.published,
                "summary": self.summary}


@dataclass(frozen=True)
class PollResult:
    """What one poll found: new items (oldest state untouched), the new state, or an error."""

    state: SourceState
    items: list[FeedItem] = field(default_factory=list)
    not_modified: bool = False
    error: str | None = None
    reason: str | None = None  # short code of the error: timeout, http-404, not-a-feed, ...
    # The source answered from here after permanent redirects only: worth updating its URL
    # (``sources list`` can say so); the state keeps the URL it was registered with.
    moved_to: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def poll_feed(fetcher: Fetcher, state: SourceState, *, now: float | None = None) -> PollResult:
    """Fetch ``state.url`` conditionally and return the entries not seen before."""
    now = time.time() if now is None else now
    fetched = fetch_conditional(fetcher, state, now, accept=FEED_ACCEPT)
    if isinstance(fetched, PollResult):
        return fetched
    try:
        result = _parse(fetched, state, now)
        return replace(result, moved_to=fetched.moved_to) if result.ok else result
    except Exception as exc:
        return failure(state, now, "internal",
                       f"{state.url}: unexpected {type(exc).__name__} while reading the feed ({exc}): "
                       "please report it; the source is retried later")


def fetch_conditional(fetcher: Fetcher, state: SourceState, now: float, *, accept: str,
                      obey_robots: bool = False) -> Fetched | PollResult:
    """The source's new content, or the PollResult to return: not modified, or a failure."""
    try:
        fetched = fetcher.get(state.url, etag=state.etag, last_modified=state.last_modified,
                              accept=accept, obey_robots=obey_robots)
    except FetchError as exc:
        return failure(state, now, exc.reason, exc.message, retry_after_s=exc.retry_after_s)
    except Exception as exc:  # one broken source must never stop the loop
        return failure(state, now, "internal",
                       f"{state.url}: unexpected {type(exc).__name__} while fetching ({exc}): "
                       "please report it; the source is retried later")
    if fetched.not_modified:
        return PollResult(state=state.succeeded(now), not_modified=True, moved_to=fetched.moved_to)
    return fetched


def failure(state: SourceState, now: float, reason: str, message: str, *,
            retry_after_s: float | None = None) -> PollResult:
    return PollResult(state=state.failed(now, message, retry_after_s=retry_after_s), error=message,
                      reason=reason)


def _parse(fetched: Fetched, state: SourceState, now: float) -> PollResult:
    url = state.url
    head = fetched.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    looks_like_feed = head.startswith(_FEED_ROOTS) and not head.startswith(_HTML_STARTS)
    if head.startswith(_HTML_STARTS) or (fetched.content_type in ("text/html", "application/xhtml+xml")
                                         and not looks_like_feed):
        return failure(state, now, "not-a-feed", _html_message(url, fetched))
    if not fetched.body.strip():
        return failure(state, now, "empty", f"{url}: the feed is empty (no bytes): check the URL; "
                       "wirewatch will retry later")
    headers = {"content-type": fetched.headers.get("content-type", "application/xml"),
               "content-location": fetched.url}
    # A stream, not bytes or a URL: feedparser must never go to the network on its own.
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers=headers)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries and not head.startswith(b"<"):
        return failure(state, now, "not-a-feed",
                       f"{url}: is not RSS or Atom (it is {fetched.content_type or 'of no stated type'}, not "
                       "XML): check the URL, or register a web page as a page source instead")
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        return failure(state, now, "invalid-xml",
                       f"{url}: not a readable RSS/Atom feed (invalid XML: {problem}): check the URL "
                       "in a browser; if it is a feed, the site publishes it broken")
    if not version and not entries and b"<html" in fetched.body[:4096].lower():
        return failure(state, now, "not-a-feed", _html_message(url, fetched))
    if not version and not entries:
        return failure(state, now, "not-a-feed",
                       f"{url}: is not RSS or Atom (no feed element found): check the URL, or "
                       "register a web page as a page source instead")
    items = [_item(e) for e in entries]
    new = [it for it in dict((it.id, it) for it in items).values() if not _seen(state, it)]
    updated = state.with_seen(k for it in items for k in _keys(it))
    updated = _validators(updated, fetched)
    return PollResult(state=updated.succeeded(now, interval_s=_ttl_s(parsed)), items=new)


def _html_message(url: str, fetched: Fetched) -> str:
    message = f"{url}: feed URL returned HTML, not RSS/Atom: register it as a page source instead"
    feeds = feed_links(fetched.body, fetched.url)
    if feeds:
        message += f", or register the feed the page announces: {feeds[0]}"
    return message


def feed_links(html: bytes | str, base_url: str) -> list[str]:
    """The RSS/Atom feeds a page announces in ``<link rel="alternate" type="application/rss+xml">``."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in _FEED_TYPES and href:
            url = urljoin(base_url, href)
            if url not in found:
                found.append(url)
    return found


def _validators(state: SourceState, fetched: Fetched) -> SourceState:
    return replace(state, etag=fetched.etag, last_modified=fetched.last_modified)


def _keys(item: FeedItem) -> list[str]:
    return [k for k in (item.id, item.link) if k]


def _seen(state: SourceState, item: FeedItem) -> bool:
    # An entry counts as old when either its id or its link is known: some feeds change ids
    # (or links) on every edit, and one of the two staying put is enough to avoid a repeat.
    return any(state.has_seen(k) for k in _keys(item))


def _item(entry: Any) -> FeedItem:
    link = _text(entry.get("link"))
    title = _text(entry.get("title"))
    ident = _text(entry.get("id")) or link or ("title:" + short_hash(title or "") if title else None)
    published = _published(entry)
    summary = _text(entry.get("summary"))
    if ident is None:
        # No id, link or title: only the summary can tell it apart.
        ident = "summary:" + short_hash(summary or "")
    return FeedItem(id=ident, link=link, title=title, published=published, summary=summary)


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _published(entry: Any) -> str | None:
    """The entry's date in ISO 8601 with the publisher's own UTC offset.

    feedparser's parsed dates are moved to UTC, which can change the calendar day (00:30 in
    Paris is 22:30 UTC the day before) and so every "yesterday" in the article; the raw field
    keeps the offset.
    """
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        stamp = _parse_date(entry.get(raw_key))
        if stamp is not None:
            return stamp
        utc = _iso_utc(entry.get(parsed_key))
        if utc is not None:
            return utc
    return None


def _parse_date(raw: object) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text).isoformat()  # a day without a time stays a day
        except ValueError:
            return None
    stamp: dt.datetime | None = None
    try:
        stamp = email.utils.parsedate_to_datetime(text)  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        try:
            stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))  # Atom: RFC 3339
        except ValueError:
            return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.isoformat().replace("+00:00", "Z")


def _iso_utc(parsed: object) -> str | None:
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        stamp = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    except (ValueError, TypeError):
        return None
    return stamp.isoformat().replace("+00:00", "Z")


def _ttl_s(parsed: Any) -> float | None:
    """RSS ``<ttl>`` (minutes): the publisher's own hint of how often to look."""
    ttl = parsed.get("feed", {}).get("ttl")
    try:
        return float(ttl) * 60 if ttl is not None else None
    except (TypeError, ValueError):
        return None
