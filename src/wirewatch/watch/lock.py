"""One watcher per store: a lock file beside it, held for as long as the watcher runs.

Two watchers on one store (a cron ``watch --once`` that starts while the last
one is still working, or a service plus a cron line) would poll the same
sources and fetch the same articles twice. Nothing would be stored twice —
ingest skips what is stored unchanged — but sites would be asked twice as
often. The lock is advisory (``flock``), so the kernel releases it when the
process dies, even by kill -9: no stale lock to clean up after a crash.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager


class WatcherRunning(Exception):
    """Another watcher holds the store's lock; the message says which and what to do."""


def lock_path(store_path: str) -> str | None:
    """The lock file for a store, or None for an in-memory store (nothing to share)."""
    if store_path == ":memory:":
        return None
    return os.path.abspath(os.path.expanduser(store_path)) + ".watch.lock"


@contextmanager
def watcher_lock(store_path: str) -> Iterator[None]:
    path = lock_path(store_path)
    if path is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise WatcherRunning(
                f"another 'wirewatch watch' (pid {holder}) is already watching {store_path}: let it finish, "
                "or stop it first (one watcher per store)") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
