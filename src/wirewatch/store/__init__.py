"""Where article records are kept: one interface, several stores.

``open_store(location)`` picks the store from where it should live:

- a file path, or ``sqlite:///relative/path`` / ``sqlite:////absolute/path``:
  ``SQLiteStore`` (the default; folders are created as needed);
- ``memory:`` or ``:memory:``: ``MemoryStore`` (nothing is kept after exit);
- ``postgresql://...``: not available yet in this version.
"""

from __future__ import annotations

import re
from pathlib import Path

from wirewatch.store.base import (
    PutResult,
    RejectionRow,
    SchemaTooNewError,
    SearchHit,
    Store,
    StoredMeta,
    StoreError,
    content_hash,
)
from wirewatch.store.follow_base import (
    CADENCES,
    OUTBOX_STATUSES,
    SUBSCRIPTION_KINDS,
    Cadence,
    FollowStore,
    OutboxRow,
    OutboxStatus,
    SourceRow,
    SubscriptionKind,
    SubscriptionRow,
)
from wirewatch.store.memory import MemoryStore
from wirewatch.store.sqlite import SQLiteStore

__all__ = [
    "CADENCES", "OUTBOX_STATUSES", "SUBSCRIPTION_KINDS", "Cadence", "FollowStore", "MemoryStore",
    "OutboxRow", "OutboxStatus", "PutResult", "RejectionRow", "SQLiteStore", "SchemaTooNewError",
    "SearchHit", "SourceRow", "Store", "StoreError", "StoredMeta", "SubscriptionKind", "SubscriptionRow",
    "content_hash", "open_store",
]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(location: str | Path) -> Store:
    """Open (creating if needed) the store at ``location``; see the module docstring."""
    if isinstance(location, Path):
        return SQLiteStore(location)
    text = location.strip()
    if not text:
        raise StoreError("store location is empty: give a file path such as wirewatch.db, "
                         "or memory: for a throwaway store")
    if text in (":memory:", "memory:", "memory://"):
        return MemoryStore()
    m = _SCHEME.match(text)
    if m is None:
        return SQLiteStore(text)
    scheme = m.group(1).lower()
    if scheme == "sqlite":
        rest = text[m.end():]
        # SQLAlchemy's convention: sqlite:///relative.db, sqlite:////absolute.db
        if not rest.startswith("/") or rest == "/":
            raise StoreError(f"store {location!r} has no file path: write sqlite:///relative/path.db "
                             "or sqlite:////absolute/path.db")
        return SQLiteStore(rest[1:])
    if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
        raise StoreError(
            f"store {_redact(text)}: PostgreSQL support is not available yet in this version of "
            "wirewatch (it will come in a later version); use a SQLite file path such as "
            "wirewatch.db meanwhile")
    raise StoreError(f"store {_redact(text)}: unknown kind of store {scheme!r}: give a file path "
                     "(or sqlite:///path), or memory:")


def _redact(url: str) -> str:
    """The URL without a password, for messages."""
    return re.sub(r"://([^/:@]+):[^/@]*@", r"://\1:***@", url)
