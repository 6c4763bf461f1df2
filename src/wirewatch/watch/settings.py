"""The watcher's settings, declared once: how politely to fetch, and how often to look.

Read with ``WatchSettings.from_env()`` (``WIREWATCH_*`` variables, the same
declaration helpers as the alert settings); :meth:`WatchSettings.fetch_options`
maps them one to one onto the fetcher's :class:`~wirewatch.sources.web.FetchOptions`.
Nothing is read at import time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from wirewatch.alerts.config import describe, from_env, setting
from wirewatch.sources.web import FetchOptions
from wirewatch.sources.web.state import DEFAULT_INTERVAL_S


@dataclass(frozen=True)
class WatchSettings:
    """Fetching and scheduling for ``wirewatch sources`` and ``wirewatch watch``."""

    contact_url: str = setting(
        "", "Where site operators can reach whoever runs this watcher (https://... or mailto:...), sent in "
            "the User-Agent as 'wirewatch/VERSION (+URL)'. Empty: 'wirewatch/VERSION' only. Set it before "
            "watching sites you do not run.")
    fetch_timeout_s: float = setting(
        20.0, "Seconds to wait for a server to connect or send the next bytes (a whole response: 3x).")
    fetch_max_bytes: int = setting(
        10_000_000, "Largest feed or page body read, in bytes; a bigger one fails as an enormous body.")
    host_delay_s: float = setting(
        1.0, "Least time between two requests to the same host, in seconds (robots.txt may ask more).")
    max_crawl_delay_s: float = setting(
        60.0, "Ceiling on a robots.txt Crawl-delay, in seconds, so that one site cannot stall the watcher.")
    max_redirects: int = setting(5, "Redirects followed for one request.")
    watch_interval_s: float = setting(
        DEFAULT_INTERVAL_S, "How often a source is checked, in seconds, unless added with --every "
                            "(failing sources are backed off up to 6 hours).")

    watch_max_items: int = setting(
        100, "Most new items (articles, files, WARC records) read from one source in one round; the rest "
             "are read in the rounds after, so that one big source does not hold up the others.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> WatchSettings:
        return from_env(cls, env, **overrides)

    def fetch_options(self) -> FetchOptions:
        return FetchOptions(contact_url=self.contact_url, timeout_s=self.fetch_timeout_s,
                            max_bytes=self.fetch_max_bytes, max_redirects=self.max_redirects,
                            host_delay_s=self.host_delay_s, max_crawl_delay_s=self.max_crawl_delay_s)


def describe_settings() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every watch setting, for docs and ``--help``."""
    return describe(WatchSettings)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)?\s*$",
                       re.I)
_UNIT_S = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """``"15m"`` -> 900.0; ``"90"`` (seconds), ``"2h"``, ``"1d"``, ``"30s"``. Raises ValueError saying how."""
    m = _DURATION.match(text)
    if m is None or float(m.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a duration: write a positive number with a unit, such as 90s, 15m, "
                         "2h or 1d (a bare number is seconds)")
    unit = (m.group(2) or "s")[0].lower()
    return float(m.group(1)) * _UNIT_S[unit]


def format_duration(seconds: float) -> str:
    """900.0 -> ``"15m"``: the shortest exact form, for listings."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
