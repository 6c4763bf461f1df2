"""Atom feed alerts: one feed file per subscription, newest entry first.

The feed is written with feedgen and replaced atomically (a temporary file in
the same folder, then :func:`os.replace`), under an exclusive lock so that two
senders never lose each other's entries; a reader (a feed reader, or a web
server serving the folder) always sees a whole file. The feed keeps the last
``atom_max_entries`` entries.

Each entry's ``<id>`` is a ``urn:uuid:`` derived from the alert key, so
re-sending an alert (after a crash, or a retry) replaces its entry in place
instead of adding a second one; feed readers use that id to drop repeats.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import tempfile
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from wirewatch.alerts import render
from wirewatch.alerts.config import from_env, setting
from wirewatch.alerts.notify import Alert, Delivery, dead, digest_problem

CHANNEL = "atom"
ATOM = "{http://www.w3.org/2005/Atom}"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://wirewatch.invalid/alerts")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
# Errors that pass once the disk or the lock frees up; any other OSError needs a person.
_TEMPORARY = {errno.ENOSPC, errno.EDQUOT, errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.EIO}


@dataclass(frozen=True)
class AtomSettings:
    """Where feeds go and how long they are; read with ``AtomSettings.from_env()`` (``WIREWATCH_ATOM_*``)."""

    atom_dir: str = setting("feeds", "Folder for subscription feeds whose path is relative (created if missing).")
    atom_max_entries: int = setting(50, "Entries kept in each feed; older ones drop off the end.")
    atom_title: str = setting("wirewatch alerts", "Feed title; the subscription id is added to it.")
    atom_author: str = setting("wirewatch", "Author named on entries whose alert names no outlet.")
    atom_base_url: str = setting(
        "", "URL where the feed folder is served (gives each feed its rel=self link); empty when not served.")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> AtomSettings:
        return from_env(cls, env, **overrides)


@dataclass(frozen=True)
class Entry:
    """One feed entry, as written and as read back from the file."""

    id: str
    title: str
    updated: str
    published: str
    link: str | None
    summary: str
    content: str
    author: str


def entry_id(key: str) -> str:
    """The Atom ``<id>`` of the alert with this idempotency key (stable across resends)."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'alert:' + key)}"


def feed_id(subscription_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'feed:' + subscription_id)}"


class AtomNotifier:
    """Adds alerts to the subscriber's Atom feed file; the outbox calls ``send`` or ``send_digest``.

    ``alert.recipient`` is the feed's path: absolute, or relative to
    ``atom_dir`` (it may not climb out of it); empty means
    ``<atom_dir>/<subscription_id>.xml``. ``send_digest`` adds every alert as
    its own entry in one write: a feed is already a digest its reader pulls.
    A full disk gives "retry"; a path that cannot be written, or a file that
    is not an Atom feed, gives "dead" naming the file and the fix.
    """

    channel = CHANNEL

    def __init__(self, settings: AtomSettings | None = None) -> None:
        self.settings = settings or AtomSettings()

    def send(self, alert: Alert) -> Delivery:
        return self._deliver([alert])

    def send_digest(self, alerts: Sequence[Alert]) -> Delivery:
        if not alerts:
            return Delivery("sent", 0, detail="empty digest: nothing to send")
        problem = digest_problem(alerts)
        if problem:
            return dead(CHANNEL, alerts, problem, 0)
        return self._deliver(list(alerts))

    def feed_path(self, alert: Alert) -> Path:
        """The file this alert's feed lives in; ValueError when the recipient path is not allowed."""
        base = Path(self.settings.atom_dir)
        raw = render.clean(alert.recipient).strip()
        if not raw:
            name = _UNSAFE_NAME.sub("_", alert.subscription_id).strip("._") or "feed"
            return base / f"{name}.xml"
        path = Path(raw)
        if path.is_absolute():
            return path
        resolved = (base / path).resolve()
        if not resolved.is_relative_to(base.resolve()):
            raise ValueError(f"subscription {alert.subscription_id!r}: feed path {raw!r} leaves {base}: "
                             "use a path inside WIREWATCH_ATOM_DIR or an absolute path")
        return base / path

    def _deliver(self, alerts: list[Alert]) -> Delivery:
        first = alerts[0]
        try:
            path = self.feed_path(first)
        except ValueError as exc:
            return dead(CHANNEL, alerts, str(exc), 0)
        ids = [entry_id(a.key) for a in alerts]
        message_id = ids[0] if len(ids) == 1 else None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(path):
                entries = read_entries(path)
                for alert in alerts:
                    entries = add_entry(entries, to_entry(alert, self.settings), self.settings.atom_max_entries)
                write_feed(path, first.subscription_id, entries, self.settings)
        except FeedError as exc:
            return dead(CHANNEL, alerts, str(exc), 1, message_id)
        except OSError as exc:
            what = f"could not write feed {path} ({exc.strerror or exc})"
            if exc.errno in _TEMPORARY:
                return Delivery("retry", 1, detail=f"{what}: will try again", message_id=message_id)
            return dead(CHANNEL, alerts, f"{what}: check that the folder exists and wirewatch may write there",
                        1, message_id)
        return Delivery("sent", 1, detail=f"{len(alerts)} entr{'y' if len(alerts) == 1 else 'ies'} in {path}",
                        message_id=message_id)


class FeedError(Exception):
    """The feed file exists but is not an Atom feed this notifier wrote."""


def to_entry(alert: Alert, settings: AtomSettings) -> Entry:
    when = _iso(alert.created_at)
    return Entry(
        id=entry_id(alert.key), title=render.subject(alert), updated=when, published=when,
        link=render.safe_url(alert.source_url), summary=render.one_line(alert.change),
        content=render.html_fragment(alert),
        author=render.one_line(alert.outlet, 200) or render.one_line(settings.atom_author, 200) or "wirewatch",
    )


def add_entry(entries: list[Entry], entry: Entry, limit: int) -> list[Entry]:
    """Newest first; an entry whose id is already there replaces it in place (keeping its first ``published``)."""
    for i, old in enumerate(entries):
        if old.id == entry.id:
            return entries[:i] + [replace(entry, published=old.published)] + entries[i + 1:]
    return ([entry] + entries)[: max(1, limit)]


def read_entries(path: Path) -> list[Entry]:
    """The entries of an existing feed file, in file order; [] when there is no file yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    if not data.strip():
        return []
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedError(f"feed file {path} is not valid XML ({exc}): move it aside and the next alert "
                        "starts a new feed") from None
    if root.tag != f"{ATOM}feed":
        raise FeedError(f"feed file {path} is not an Atom feed (root element {root.tag!r}): move it aside "
                        "or give the subscription another path")
    return [_read_entry(e) for e in root.findall(f"{ATOM}entry")]


def write_feed(path: Path, subscription_id: str, entries: Sequence[Entry], settings: AtomSettings) -> None:
    """Write the feed atomically: readers see the old file or the new one, never half of one."""
    _atomic_write(path, render_feed(path, subscription_id, entries, settings))


def render_feed(path: Path, subscription_id: str, entries: Sequence[Entry], settings: AtomSettings) -> bytes:
    # Imported here so that email and webhook delivery work on an install that lacks feedgen.
    try:
        from feedgen.feed import FeedGenerator
    except ImportError:
        raise FeedError(f"cannot write feed {path}: the feedgen package is not installed: run ./setup.sh") from None
    fg = FeedGenerator()
    fg.id(feed_id(subscription_id))
    title = render.one_line(f"{settings.atom_title}: {subscription_id}", 200) or "wirewatch alerts"
    fg.title(title)
    fg.author({"name": render.one_line(settings.atom_author, 200) or "wirewatch"})
    fg.generator("wirewatch")
    fg.updated(max((e.updated for e in entries), default=_iso(None), key=_parse))
    if settings.atom_base_url:
        fg.link(href=f"{settings.atom_base_url.rstrip('/')}/{path.name}", rel="self")
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e.id)
        fe.title(e.title or "wirewatch alert")
        fe.updated(e.updated)
        fe.published(e.published)
        if e.link:
            fe.link(href=e.link, rel="alternate")
        fe.summary(e.summary)
        fe.content(e.content, type="html")
        fe.author({"name": e.author or "wirewatch"})
    data: bytes = fg.atom_str(pretty=True)
    return data


def _read_entry(e: ET.Element) -> Entry:
    def text(tag: str) -> str:
        node = e.find(f"{ATOM}{tag}")
        return (node.text or "") if node is not None else ""

    link = None
    for node in e.findall(f"{ATOM}link"):
        if node.get("rel", "alternate") == "alternate" and node.get("href"):
            link = node.get("href")
            break
    author = e.find(f"{ATOM}author/{ATOM}name")
    updated = _iso(text("updated"))
    return Entry(id=text("id"), title=text("title"), updated=updated, published=_iso(text("published") or updated),
                 link=link, summary=text("summary"), content=text("content"),
                 author=(author.text or "") if author is not None else "")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    # A separate lock file, because the feed itself is replaced (a lock on it would be on the old inode);
    # hidden, so that a web server listing the folder shows only feeds.
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _atomic_write(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _parse(value: str) -> datetime:
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return datetime.now(UTC).replace(microsecond=0)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _iso(value: str | None) -> str:
    """An ISO 8601 timestamp with a zone (feedgen insists); unreadable values become now."""
    return _parse(value or "").isoformat()
