"""``Sender``: the outbox drain for a loop that runs for days (``wirewatch watch``) or for cron.

Built once, from the ``WIREWATCH_SMTP_*`` / ``WEBHOOK_*`` / ``ATOM_*`` /
``ALERT_*`` settings and a store; each :meth:`Sender.drain` delivers
everything due, batch after batch, keeping one SMTP connection open for the
whole drain::

    with open_store("wirewatch.db") as store:
        sender = Sender.from_env(store)
        try:
            report = sender.drain()
        finally:
            sender.close()

The guarantees are :mod:`wirewatch.alerts.outbox`'s. Two senders on one
store file (a cron ``alerts send`` still running when the next starts, or
beside ``wirewatch watch``) would both read the same due rows and send them
twice; so a drain holds an exclusive lock (``<store>.send-lock`` beside the
SQLite file) and a drain that finds it held does nothing: the holder is
already delivering everything due.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from wirewatch.alerts.channels import notifiers_from_env
from wirewatch.alerts.digest import iso
from wirewatch.alerts.notify import Notifier
from wirewatch.alerts.outbox import BATCH, Breaker, RetryPolicy, SendReport, deliver_due, instant, secrets_for
from wirewatch.store.follow_base import FollowStore

# A drain stops after this many batches even if rows keep coming due (a retry policy with no delay,
# a matcher writing faster than we send): the next drain picks up the rest.
MAX_BATCHES = 100


class Sender:
    """Drains the outbox of ``store`` through ``notifiers`` (by channel name) with ``policy``."""

    def __init__(self, store: FollowStore, notifiers: Mapping[str, Notifier],
                 policy: RetryPolicy | None = None, batch: int = BATCH) -> None:
        self.store = store
        self.notifiers = dict(notifiers)
        self.policy = policy or RetryPolicy()
        self.batch = batch

    @classmethod
    def from_env(cls, store: FollowStore, env: Mapping[str, str] | None = None) -> Sender:
        """Notifiers and retry policy from the environment (read now); ValueError names a bad variable."""
        return cls(store, notifiers_from_env(env, secrets=secrets_for(store)), RetryPolicy.from_env(env))

    def drain(self, now: datetime | str | None = None) -> SendReport:
        """Deliver every row due at ``now`` (default: the current time), in batches; one report for all."""
        at = instant(now)
        report = SendReport(now=iso(at))
        with ExitStack() as stack:
            if not stack.enter_context(_exclusive(self.store)):
                report.busy = True
                return report
            for notifier in self.notifiers.values():
                session = getattr(notifier, "session", None)
                if callable(session):
                    # Email: one SMTP connection for the whole drain instead of one per alert.
                    stack.enter_context(_as_context(session()))
            breaker = Breaker()  # a receiver failing now is skipped for the rest of this drain only
            for _ in range(MAX_BATCHES):
                batch = deliver_due(self.store, self.notifiers, now=at, limit=self.batch, policy=self.policy,
                                    breaker=breaker)
                report.extend(batch)
                if sum(len(o.keys) for o in batch.outcomes) < self.batch:
                    break  # a short batch: nothing else was due
        return report

    def close(self) -> None:
        """Close what the notifiers hold open (the webhook's connection pool)."""
        for notifier in self.notifiers.values():
            close = getattr(notifier, "close", None)
            if callable(close):
                close()

    def __enter__(self) -> Sender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def _exclusive(store: object) -> Iterator[bool]:
    """True while this process alone drains the store's file; False at once when another drain holds it."""
    path = getattr(store, "path", None)
    if not isinstance(path, Path) or getattr(store, "label", "") == ":memory:":
        yield True  # a store in memory belongs to this process alone
        return
    with open(path.with_name(path.name + ".send-lock"), "a") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            locked = False
        else:
            locked = True
        try:
            yield locked
        finally:
            if locked:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _as_context(value: Any) -> AbstractContextManager[Any]:
    if not isinstance(value, AbstractContextManager):
        raise TypeError(f"{value!r}.session() did not return a context manager")
    return value
