"""Watching the web politely: feeds, pages and WARC archives -> new items and documents.

Pure functions over plain state. One round of the watch loop, per due source
(``state.is_due(now)``):

1. ``result = poll_source(fetcher, state)`` (one shared :class:`Fetcher`, so that
   the per-host rate limit and the robots.txt cache hold across sources);
2. for each of ``result.items``: ``fetch_item(fetcher, item)`` gives a
   :class:`~wirewatch.record.Document` to clean, analyse and store, or a
   :class:`~wirewatch.record.Rejected`; when ``is_transient(rejected.reason)``,
   ``state.without_seen([item.id, item.link])`` lets the next poll offer it again;
3. store the new state only after the articles, so that a crash repeats the
   item instead of losing it (ingest skips an article stored unchanged).

:mod:`wirewatch.watch.loop` is that loop. ``result.error`` (also in
``state.last_error``) is what ``wirewatch sources list`` shows.
"""

from wirewatch.sources.web.feeds import FeedItem, PollResult, poll_feed
from wirewatch.sources.web.fetch import Fetched, Fetcher, FetchError, FetchOptions, HostLimiter, is_transient
from wirewatch.sources.web.pages import discover_links, fetch_article, fetch_item, poll_page, poll_source
from wirewatch.sources.web.state import SourceState
from wirewatch.sources.web.urls import canonical_url, url_id
from wirewatch.sources.web.warc import read_warc

__all__ = [
    "FeedItem", "FetchError", "FetchOptions", "Fetched", "Fetcher", "HostLimiter", "PollResult",
    "SourceState", "canonical_url", "discover_links", "fetch_article", "fetch_item", "is_transient", "poll_feed",
    "poll_page", "poll_source", "read_warc", "url_id",
]
