"""Watching sources: which are watched (:mod:`.registry`), and the loop that polls them (:mod:`.loop`).

::

    from wirewatch.watch import add_source, watch_round, WatchSettings
    add_source(store, "https://news.example/world/rss.xml")
    with Fetcher(WatchSettings.from_env().fetch_options()) as fetcher:
        report = watch_round(store, fetcher)        # one round: every due source
        print(report.summary())
"""

from wirewatch.watch.loop import RoundReport, SourceReport, Stop, next_due, stop_on_signals, watch, watch_round
from wirewatch.watch.registry import (
    SourceError,
    SourceExists,
    SourceInfo,
    add_source,
    list_sources,
    remove_source,
    source_id,
)
from wirewatch.watch.settings import WatchSettings, describe_settings, format_duration, parse_duration

__all__ = [
    "RoundReport", "SourceError", "SourceExists", "SourceInfo", "SourceReport", "Stop", "WatchSettings",
    "add_source", "describe_settings", "format_duration", "list_sources", "next_due", "parse_duration",
    "remove_source", "source_id", "stop_on_signals", "watch", "watch_round",
]
