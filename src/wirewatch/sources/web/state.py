"""What wirewatch remembers about one watched source between polls.

A :class:`SourceState` is plain data: the watch loop loads it from the store,
hands it to a poll function, and stores the new state that comes back. Poll
functions never mutate the state they are given, so a round that crashes
half-way leaves the stored state as it was and the next round repeats it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from wirewatch.sources.web.urls import short_hash

SourceKind = Literal["feed", "page", "folder", "warc"]
KINDS: tuple[SourceKind, ...] = ("feed", "page", "folder", "warc")

DEFAULT_INTERVAL_S = 900.0
MAX_BACKOFF_S = 6 * 3600.0
# Feeds list tens of items, pages a few hundred links; a few thousand keys is enough to tell
# new from old without the state growing for ever.
MAX_SEEN = 5000


@dataclass(frozen=True)
class SourceState:
    """One source: where it is, how to ask for it cheaply, when to ask again, what was seen."""

    url: str
    kind: SourceKind = "feed"
    etag: str | None = None
    last_modified: str | None = None
    last_checked: float | None = None  # Unix seconds (wall clock)
    next_check: float | None = None
    interval_s: float = DEFAULT_INTERVAL_S
    failures: int = 0  # consecutive
    last_error: str | None = None
    # Hashes (16 hex digits) of item ids and links seen, oldest first, at most MAX_SEEN: small to
    # store, and enough to tell new from old.
    seen: tuple[str, ...] = field(default_factory=tuple)

    def is_due(self, now: float) -> bool:
        return self.next_check is None or now >= self.next_check

    def has_seen(self, key: str) -> bool:
        return short_hash(key) in self._seen_set()

    def _seen_set(self) -> frozenset[str]:
        # Frozen dataclass: cache the set on the instance without making it a field.
        cached: frozenset[str] | None = self.__dict__.get("_seen_cache")
        if cached is None:
            cached = frozenset(self.seen)
            object.__setattr__(self, "_seen_cache", cached)
        return cached

    def with_seen(self, keys: Iterable[str]) -> SourceState:
        """The state with ``keys`` remembered as the most recent (least recent forgotten beyond
        :data:`MAX_SEEN`).

        Keys seen again move to the end, so that an item a feed keeps listing for months is never
        forgotten and offered again as new.
        """
        fresh = list(dict.fromkeys(short_hash(k) for k in keys if k))
        if not fresh or tuple(fresh) == self.seen[-len(fresh):]:
            return self
        moved = set(fresh)
        kept = tuple(h for h in self.seen if h not in moved)
        return replace(self, seen=(kept + tuple(fresh))[-MAX_SEEN:])

    def without_seen(self, keys: Iterable[str]) -> SourceState:
        """The state with ``keys`` forgotten, so that the next poll offers those items again.

        For the watch loop: an item whose article could not be fetched for a passing reason
        (see :func:`~wirewatch.sources.web.fetch.is_transient`) should be tried again.
        """
        drop = {short_hash(k) for k in keys if k}
        if not drop & set(self.seen):
            return self
        return replace(self, seen=tuple(k for k in self.seen if k not in drop))

    def succeeded(self, now: float, *, interval_s: float | None = None) -> SourceState:
        """Checked fine: errors cleared, next check one interval (or the source's own hint) away."""
        wait = max(self.interval_s, interval_s or 0.0)
        return replace(self, last_checked=now, next_check=now + min(wait, MAX_BACKOFF_S),
                       failures=0, last_error=None)

    def failed(self, now: float, message: str, *, retry_after_s: float | None = None) -> SourceState:
        """Checked and failed: one more failure, next check backed off exponentially (capped)."""
        failures = self.failures + 1
        wait = min(self.interval_s * (2 ** failures), MAX_BACKOFF_S)
        if retry_after_s is not None:
            wait = max(wait, min(retry_after_s, MAX_BACKOFF_S * 4))
        return replace(self, last_checked=now, next_check=now + wait, failures=failures,
                       last_error=message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url, "kind": self.kind, "etag": self.etag, "last_modified": self.last_modified,
            "last_checked": iso_time(self.last_checked), "next_check": iso_time(self.next_check),
            "interval_s": self.interval_s, "failures": self.failures, "last_error": self.last_error,
            "seen": list(self.seen),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceState:
        kind = data.get("kind", "feed")
        if kind not in KINDS:
            raise ValueError(f"source {data.get('url')!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
        url = data.get("url")
        if not isinstance(url, str) or not url:
            raise ValueError("source state without a url: every source needs its URL or path")
        return cls(
            url=url, kind=kind, etag=data.get("etag"), last_modified=data.get("last_modified"),
            last_checked=_seconds(data.get("last_checked")), next_check=_seconds(data.get("next_check")),
            interval_s=float(data.get("interval_s", DEFAULT_INTERVAL_S)),
            failures=int(data.get("failures", 0)), last_error=data.get("last_error"),
            seen=tuple(str(s) for s in data.get("seen", ()))[-MAX_SEEN:])


def iso_time(seconds: float | None) -> str | None:
    """Unix seconds as ISO 8601 UTC (``...Z``); None stays None."""
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat().replace("+00:00", "Z")


def _seconds(value: object) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.timestamp()
