"""robots.txt, read once per host and kept for a day, with the fetcher's own user agent.

Follows RFC 9309: a robots.txt that is missing (4xx) allows everything; one that
cannot be read (5xx, network failure) disallows everything until it can be, so
that a crawler does not take a server's trouble as permission.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from wirewatch.sources.web.fetch import Clock, Fetcher

ROBOTS_TTL_S = 24 * 3600.0
# A server that failed us is asked again sooner than a day: its trouble is likely short.
UNREACHABLE_TTL_S = 3600.0
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass
class _Entry:
    parser: urllib.robotparser.RobotFileParser | None  # None: unreachable, everything disallowed
    fetched_at: float
    why: str = ""


class RobotsCache:
    """``check(url)`` raises :class:`FetchError` (reason ``robots``) for a URL robots.txt disallows."""

    def __init__(self, fetcher: Fetcher, *, clock: Clock = time.monotonic):
        self._fetcher = fetcher
        self._clock = clock
        self._entries: dict[str, _Entry] = {}

    def allowed(self, url: str) -> tuple[bool, str]:
        """Whether the fetcher's user agent may fetch ``url``, and if not, why (reason code in check)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        entry = self._entry(origin)
        if entry.parser is None:
            return False, (f"{url}: skipped: {origin}/robots.txt could not be read ({entry.why}), and "
                           "until it can be, crawling the site is not allowed")
        if entry.parser.can_fetch(self._fetcher.user_agent, url):
            return True, ""
        return False, (f"{url}: skipped: {origin}/robots.txt disallows it for wirewatch; "
                       "nothing to fix unless the site owner allows it")

    def check(self, url: str) -> None:
        from wirewatch.sources.web.fetch import FetchError

        ok, why = self.allowed(url)
        if not ok:
            # A robots.txt that could not be read is the server's passing trouble, not a refusal.
            reason = "robots-unreachable" if "could not be read" in why else "robots"
            raise FetchError(url, reason, why)

    def _entry(self, origin: str) -> _Entry:
        now = self._clock()
        entry = self._entries.get(origin)
        ttl = ROBOTS_TTL_S if entry is not None and entry.parser is not None else UNREACHABLE_TTL_S
        if entry is None or now - entry.fetched_at > ttl:
            entry = self._load(origin, now)
            self._entries[origin] = entry
        return entry

    def _load(self, origin: str, now: float) -> _Entry:
        from wirewatch.sources.web.fetch import FetchError

        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            # RFC 9309 follows redirects for robots.txt (http -> https, bare host -> www.).
            text = self._fetcher.get(origin + "/robots.txt").body[:ROBOTS_MAX_BYTES].decode(
                "utf-8", errors="replace")
        except FetchError as exc:
            if exc.reason.startswith("http-4") and exc.reason != "http-429" or \
                    exc.reason in ("redirect-loop", "too-many-redirects"):
                text = ""  # "unavailable": no rules, everything allowed
            else:
                return _Entry(None, now, exc.reason)
        parser.parse(text.splitlines())
        parser.modified()  # can_fetch() refuses everything until the parser says it has read
        delay = parser.crawl_delay(self._fetcher.user_agent)
        if delay is not None:
            host = urlsplit(origin).netloc
            self._fetcher.limiter.set_delay(host, min(float(delay), self._fetcher.options.max_crawl_delay_s))
        return _Entry(parser, now)
