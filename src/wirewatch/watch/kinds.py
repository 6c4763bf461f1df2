"""What is new at one source, by kind: a plan of units of work, fetched lazily.

A :class:`Plan` comes from one poll (feed, page) or one look at the disk
(folder, WARC). Its units are produced one at a time, so that the article
behind a feed item is fetched only when the loop is ready for it, and a stop
request between two units leaves the rest unfetched.

Each unit carries the keys to remember as *seen* once its documents are stored
or rejected; the loop (not the plan) decides when that is.

What happens to a feed item whose article cannot be fetched:

- a passing failure (timeout, 5xx, 429, connection refused, robots.txt
  unreachable; see :func:`~wirewatch.sources.web.is_transient`): the item is
  not remembered, and the source's validators are dropped so that the next
  round gets the whole feed again and offers the item again, for as long as
  the feed lists it;
- a lasting one (404, 410, 403, robots.txt says no, not HTML, too large, no
  link): the rejection is recorded in the store (``wirewatch rejected``) and the
  item is remembered, so it is not asked for again.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from wirewatch.record import Document, Rejected
from wirewatch.sources.files import expand, read_path
from wirewatch.sources.web import FeedItem, Fetcher, SourceState, fetch_item, is_transient, poll_source, read_warc

Item = Document | Rejected


@dataclass(frozen=True)
class Unit:
    """One feed item, page link, file or WARC record: its documents, or a failure to retry."""

    keys: tuple[str, ...]
    label: str  # for log lines: the link or path
    items: tuple[Item, ...] = ()
    retry: Rejected | None = None  # a passing failure: not stored, offered again next round


@dataclass
class Plan:
    """One source's work for this round."""

    # The state to store once every unit is done: schedule, validators, every key seen.
    state: SourceState
    units: Iterator[Unit] = field(default_factory=lambda: iter(()))
    # Keys in ``state`` that belong to units: forgotten again for each unit not completed.
    unit_keys: tuple[str, ...] = ()
    # Keys in ``state`` that hold only when every unit completed (a whole WARC file).
    whole_keys: tuple[str, ...] = ()
    offered: int | None = None  # how many units, when known before fetching
    error: str | None = None
    reason: str | None = None
    not_modified: bool = False
    moved_to: str | None = None


def plan_source(fetcher: Fetcher, state: SourceState, *, now: float, max_bytes: int) -> Plan:
    if state.kind in ("feed", "page"):
        return _plan_web(fetcher, state, now)
    if state.kind == "folder":
        return _plan_folder(state, now, max_bytes)
    return _plan_warc(state, now, max_bytes)


def _plan_web(fetcher: Fetcher, state: SourceState, now: float) -> Plan:
    result = poll_source(fetcher, state, now=now)
    if not result.ok:
        return Plan(state=result.state, error=result.error, reason=result.reason)
    items = oldest_first(result.items)
    keys = tuple(k for item in items for k in _item_keys(item))
    return Plan(state=result.state, units=_web_units(fetcher, items), unit_keys=keys,
                offered=len(items), not_modified=result.not_modified, moved_to=result.moved_to)


def oldest_first(items: list[FeedItem]) -> list[FeedItem]:
    """Items in the order they were published, so that a story is read as it unfolded.

    Which came first matters downstream: an announcement must be stored before the article
    that calls it off, or the expectation it creates is never seen cancelled. By their dates
    when every item has one; otherwise in reverse listing order (feeds and section pages list
    the newest first).
    """
    listed = list(reversed(items))
    dated = [(stamp, i) for i, stamp in enumerate(_stamp(item.published) for item in listed) if stamp is not None]
    if len(dated) < len(listed):
        return listed
    return [listed[i] for _, i in sorted(dated)]  # ties keep their (reversed) listing order


def _stamp(published: str | None) -> dt.datetime | None:
    if not published:
        return None
    try:
        stamp = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)


def _item_keys(item: FeedItem) -> tuple[str, ...]:
    return tuple(k for k in dict.fromkeys((item.id, item.link)) if k)


def _web_units(fetcher: Fetcher, items: list[FeedItem]) -> Iterator[Unit]:
    for item in items:
        doc = fetch_item(fetcher, item)
        label = item.link or item.id
        if isinstance(doc, Rejected) and is_transient(doc.reason):
            yield Unit(_item_keys(item), label, retry=doc)
        else:
            yield Unit(_item_keys(item), label, items=(doc,))


def _gone(state: SourceState, now: float, what: str) -> Plan:
    message = f"{state.url}: {what}: check the path, or remove the source ('wirewatch sources remove')"
    return Plan(state=state.failed(now, message), error=message, reason="not-found")


def _file_key(path: str, st: os.stat_result) -> str:
    # A file that changes (new mtime or size) is a new unit; an unchanged one is not read again.
    return f"file:{path}:{st.st_mtime_ns}:{st.st_size}"


def _plan_folder(state: SourceState, now: float, max_bytes: int) -> Plan:
    """Files that are new or changed since they were last read.

    Hidden files are skipped: a writer that wants its file read only once complete writes
    ``.name.tmp`` and renames it (the maildir convention).
    """
    if not os.path.isdir(state.url):
        return _gone(state, now, "the folder no longer exists")
    new: list[tuple[str, str]] = []
    seen_now: list[str] = []
    try:
        paths = list(expand([state.url]))
    except OSError as exc:
        message = f"{state.url}: the folder cannot be listed ({exc}): check its permissions"
        return Plan(state=state.failed(now, message), error=message, reason="unreadable")
    for path in paths:
        try:
            key = _file_key(path, os.stat(path))
        except OSError:
            continue  # removed between listing and stat: nothing to read
        seen_now.append(key)
        if not state.has_seen(key):
            new.append((path, key))
    units = (Unit((key,), path, items=tuple(read_path(path, max_bytes=max_bytes))) for path, key in new)
    return Plan(state=state.with_seen(seen_now).succeeded(now), units=units,
                unit_keys=tuple(key for _, key in new), offered=len(new))


def _plan_warc(state: SourceState, now: float, max_bytes: int) -> Plan:
    """The archive's records, once; a record already stored (after a stop half-way) is skipped."""
    try:
        key = _file_key(state.url, os.stat(state.url))
    except FileNotFoundError:
        return _gone(state, now, "the WARC file no longer exists")
    except OSError as exc:
        message = f"{state.url}: cannot be read ({exc}): check its permissions"
        return Plan(state=state.failed(now, message), error=message, reason="unreadable")
    if state.has_seen(key):
        return Plan(state=state.succeeded(now), offered=0, not_modified=True)

    def units() -> Iterator[Unit]:
        for index, item in enumerate(read_warc(state.url, max_bytes=max_bytes)):
            record_key = f"record:{index}:{item.id}"
            if not state.has_seen(record_key):
                yield Unit((record_key,), item.source or state.url, items=(item,))

    return Plan(state=state.with_seen([key]).succeeded(now), units=units(), whole_keys=(key,))
