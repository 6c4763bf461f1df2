"""Watching the web politely: feeds, pages and WARC archives -> new items and documents.

Pure functions over plain state: the watch loop loads a :class:`SourceState`,
calls :func:`poll_feed` or :func:`poll_page` with one shared :class:`Fetcher`,
fetches each new item with :func:`fetch_article`, and stores the returned state
together with the articles.
"""

from wirewatch.sources.web.feeds import FeedItem, PollResult, poll_feed
from wirewatch.sources.web.fetch import Fetched, Fetcher, FetchError, FetchOptions, HostLimiter
from wirewatch.sources.web.pages import discover_links, fetch_article, poll_page
from wirewatch.sources.web.state import SourceState
from wirewatch.sources.web.urls import canonical_url, url_id
from wirewatch.sources.web.warc import read_warc

__all__ = [
    "FeedItem", "FetchError", "FetchOptions", "Fetched", "Fetcher", "HostLimiter", "PollResult",
    "SourceState", "canonical_url", "discover_links", "fetch_article", "poll_feed", "poll_page",
    "read_warc", "url_id",
]
