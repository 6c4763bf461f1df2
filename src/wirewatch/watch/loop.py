"""The watch loop: poll every due source, store what is new, remember it, repeat.

Crash safety rests on one order of writes. For each unit of work (a feed item
and its article, a file, a WARC record) the loop

1. hands its documents to :func:`wirewatch.ingest.ingest`, which stores the
   article (with its story changes and alerts) or records its rejection, and
2. only then saves the source's state with the unit's keys marked *seen*.

While a source is being worked through, the saved state keeps the validators
(ETag, Last-Modified) and schedule it had before the round; only when every
unit is done does the state from the poll (new validators, next check) replace
it. So a kill -9 at any point leaves either a unit not yet marked seen (the
restart polls the full feed again, is offered the unit again, and ingest skips
the article if it is already stored unchanged) or a unit marked seen after its
article was stored. Nothing is lost; nothing is stored twice.

A source that fails is backed off (:meth:`SourceState.failed`), logged and
listed with its error; it never stops the others. A stop request (SIGINT,
SIGTERM) is honoured between units: the article in hand is finished and its
state saved.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from wirewatch.follow.overdue import mark_overdue
from wirewatch.ingest import ingest
from wirewatch.record import Document, Rejected
from wirewatch.settings import Settings
from wirewatch.sources.web import Fetcher, SourceState
from wirewatch.sources.web.state import iso_time
from wirewatch.store import Store
from wirewatch.store.follow_base import SourceRow
from wirewatch.watch.kept import Kept
from wirewatch.watch.kinds import Item, Plan, Unit, plan_source
from wirewatch.watch.registry import dump_state, load_state

Log = Callable[[str], None]
# The longest the loop sleeps, so that sources added meanwhile are picked up soon enough.
MAX_SLEEP_S = 60.0
# How long the loop waits after a round failed as a whole (the store unreachable, say).
RETRY_S = 60.0


class Stop:
    """A stop request, set from a signal handler or another thread; checked between units."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signal: str | None = None

    def set(self, why: str = "stop") -> None:
        self.signal = self.signal or why
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        return self._event.wait(max(0.0, seconds))

    def polite_sleep(self, seconds: float) -> None:
        """The fetcher's sleep between two requests to one host, cut short by a stop.

        A robots.txt Crawl-delay can make that wait long; a stop should not. The request that
        was waiting is then not sent at all (:class:`Stopped`, which the fetch and poll code,
        catching ``Exception``, let through), so no site is asked sooner than it wants.
        """
        if self._event.wait(max(0.0, seconds)):
            raise Stopped()


class Stopped(BaseException):
    """Raised by :meth:`Stop.polite_sleep` to abandon a request that was waiting its turn."""


@dataclass
class SourceReport:
    """What one source gave in one round."""

    id: str
    url: str
    kind: str
    offered: int = 0  # new items, files or records worked on
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored unchanged (a repeat after a crash lands here)
    duplicates: int = 0
    rejected: int = 0
    retry: int = 0  # passing failures, offered again next round
    capped: bool = False  # more new items than one round reads from one source: the rest next round
    not_modified: bool = False
    error: str | None = None
    stopped: bool = False

    def line(self) -> str:
        if self.error:
            return f"{self.id} {self.kind} {self.url}: failed: {self.error}"
        if not self.offered:
            return f"{self.id} {self.kind} {self.url}: nothing new" + (" (stopped)" if self.stopped else "")
        parts = [f"{self.offered} new", f"{self.added} stored"]
        parts += [f"{n} {what}" for n, what in ((self.updated, "updated"), (self.unchanged, "already stored"),
                                                (self.duplicates, "duplicates"), (self.rejected, "rejected"),
                                                (self.retry, "to retry")) if n]
        more = " (more next round)" if self.capped else ""
        return f"{self.id} {self.kind} {self.url}: " + ", ".join(parts) + more + (" (stopped)" if self.stopped else "")


@dataclass
class RoundReport:
    """One round: every due source's report, and what the alert drain did."""

    sources: list[SourceReport] = field(default_factory=list)
    stopped: bool = False
    alerts: Any = None  # the sender's report, when a sender ran
    next_due: float | None = None  # when the next source is due (Unix seconds)
    overdue: int = 0  # expectations marked overdue this round (their followers are alerted)

    @property
    def added(self) -> int:
        return sum(s.added for s in self.sources)

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if s.error]

    def summary(self) -> str:
        text = (f"{len(self.sources)} source(s) checked, {self.added} article(s) stored, "
                f"{len(self.failed)} failing")
        if self.overdue:
            text += f", {self.overdue} expectation(s) now overdue"
        if _worth_saying(self.alerts):
            text += f"; alerts: {self.alerts.summary()}"
        return text + ("; stopped" if self.stopped else "")


def watch_round(store: Store, fetcher: Fetcher, *, now: float | None = None, settings: Settings | None = None,
                sender: object | None = None, stop: Stop | None = None, log: Log | None = None,
                interval_s: float | None = None, max_items: int | None = None,
                kept: Kept | None = None) -> RoundReport:
    """Poll every source due at ``now`` (Unix seconds), ingest what is new, save each state.

    Retried units (a passing failure) are forgotten in the saved state and so offered again
    next round; ``interval_s`` overrides every source's own interval for this round's schedule;
    ``max_items`` caps the new items read from one source (the rest: next round, due at once).
    ``sender`` (a :class:`~wirewatch.alerts.sender.Sender` or a callable ``drain(now)``)
    delivers due alerts after the sources. ``kept``: the near-duplicate and subscription indexes a
    watcher keeps across rounds (brought up to date with the store instead of loaded whole).
    """
    now = time.time() if now is None else now
    settings = settings or Settings()
    stop = stop or Stop()
    say: Log = log or (lambda _line: None)
    report = RoundReport()
    due: list[tuple[SourceRow, SourceState]] = []
    for row in store.sources():
        state = load_state(row)
        if interval_s is not None and state.interval_s != interval_s:
            state = replace(state, interval_s=interval_s,
                            next_check=min(state.next_check or now, (state.last_checked or now) + interval_s))
        if state.is_due(now):
            due.append((row, state))
    if due:
        _run_sources(store, fetcher, due, report, now=now, settings=settings, stop=stop, say=say,
                     max_items=max_items, kept=kept)
    if not report.stopped:
        # Time passing changes expectations too: one whose date went by unreported is overdue.
        report.overdue = mark_overdue(store, datetime.fromtimestamp(now, tz=UTC).date())
    if sender is not None and not report.stopped:
        # Alerts queued during the round are stamped with the wall clock when their article was
        # stored, after the round's start: drain as of then too, or they would wait a whole round.
        report.alerts = _drain(sender, max(now, time.time()), say)
    report.next_due = next_due(store)
    return report


def _run_sources(store: Store, fetcher: Fetcher, due: list[tuple[SourceRow, SourceState]], report: RoundReport,
                 *, now: float, settings: Settings, stop: Stop, say: Log, max_items: int | None,
                 kept: Kept | None = None) -> None:
    """Every due source through one ingest call, so that what ingest loads once per call (the
    near-duplicate index, the subscriptions) is loaded once per round, not once per source."""
    runs: list[_SourceRun] = []
    by_id: dict[str, list[_Tracker]] = {}

    def items() -> Iterator[Item]:
        for row, state in due:
            if stop.is_set():
                report.stopped = True
                return
            run = _start_source(fetcher, store, row, state, now=now, settings=settings, stop=stop, say=say)
            run.max_items = max_items
            runs.append(run)
            report.sources.append(run.report)
            if run.plan.error is not None:
                run.finish(run.plan.state)
                continue
            yield from run.items(by_id)
            report.stopped = report.stopped or run.report.stopped
            if run.settled():
                run.finish(run.final_state(now))
            # else its last documents are still in an analysis batch: finished after ingest

    def on_result(outcome: str, item: Document | Rejected) -> None:
        tracker = next((t for t in by_id.get(item.id, ()) if t.remaining > 0), None)
        if tracker is not None:
            tracker.run.on_result(outcome, item, tracker)
        # else not one of ours (an id ingest renamed): it stays unseen and is offered again

    # Web articles are analysed one at a time: they arrive slowly, and one at a time means an
    # article is stored (and alerted on) as soon as it is fetched, and a stop waits for one only.
    web = any(row.kind in ("feed", "page") for row, _ in due)
    ingest_settings = replace(settings, batch_size=1 if web else settings.batch_size, progress=False)
    try:
        if kept is None:
            ingest(items(), store, settings=ingest_settings, on_result=on_result)
        else:
            matcher = kept.matcher(store)
            ingest(items(), store, settings=ingest_settings, on_result=on_result, copies=kept.copies,
                   matcher=matcher, alerts=matcher is not None)
    except Exception as exc:
        # The store or the analysis broke: what was completed is saved; the rest comes again.
        for run in runs:
            if not run.finished:
                run.exhausted = False
                run.report.error = (f"{run.row.url}: ingest failed ({type(exc).__name__}: {exc}); "
                                    "the rest is tried next round")
                run.finish(replace(run.final_state(now), last_error=run.report.error))
        return
    for run in runs:
        if not run.finished:
            run.finish(run.final_state(now))


def next_due(store: Store) -> float | None:
    """The earliest next check among the sources (None: no sources)."""
    times = [load_state(row).next_check or 0.0 for row in store.sources()]
    return min(times) if times else None


def _drain(sender: object, now: float, say: Log) -> Any:
    at = datetime.fromtimestamp(now, tz=UTC)
    drain = getattr(sender, "drain", sender)
    if not callable(drain):
        raise TypeError(f"{sender!r} is neither a Sender nor a callable drain(now)")
    try:
        result = drain(at)
    except Exception as exc:  # delivery trouble must not stop watching; the rows stay pending
        say(f"alerts: delivery failed ({type(exc).__name__}: {exc}); pending alerts are kept for the next round")
        return None
    if _worth_saying(result):
        say(f"alerts: {result.summary()}")
    return result


def _worth_saying(alerts: Any) -> bool:
    """A drain report with something in it (a drain that found nothing due is not news)."""
    return alerts is not None and hasattr(alerts, "summary") and bool(getattr(alerts, "outcomes", True))


@dataclass
class _Tracker:
    run: _SourceRun
    unit: Unit
    remaining: int


class _SourceRun:
    """One source through one round: the bookkeeping between units, ingest and saved state."""

    def __init__(self, store: Store, row: SourceRow, state: SourceState, plan: Plan, stop: Stop, say: Log):
        self.store = store
        self.row = row
        self.plan = plan
        self.stop = stop
        self.say = say
        self.own_interval_s = load_state(row).interval_s
        self.report = SourceReport(id=row.id, url=row.url, kind=row.kind, error=plan.error,
                                   not_modified=plan.not_modified)
        # Saved while working: the old validators and schedule, plus the units completed so far.
        self.progress = state
        self.articles = row.articles
        self.completed: list[str] = []
        self.trackers: list[_Tracker] = []
        self.retries: list[Rejected] = []
        self.exhausted = False
        self.finished = False
        self.removed = False
        self.max_items: int | None = None

    def items(self, by_id: dict[str, list[_Tracker]]) -> Iterator[Item]:
        """The plan's documents, unit by unit, until the units run out or a stop is asked for."""
        units = iter(self.plan.units)
        while not self.stop.is_set():
            if self.max_items is not None and self.report.offered >= self.max_items:
                # Enough from this source for one round: the others get their turn, and the rest
                # (left unseen) comes next round, due at once.
                self.report.capped = True
                return
            try:
                unit = next(units)  # fetches the article (or reads the file) now
            except StopIteration:
                self.exhausted = True
                return
            except Stopped:
                break  # the article was never asked for: it stays unseen
            self.report.offered += 1
            if unit.retry is not None:
                self.retries.append(unit.retry)
                self.report.retry += 1
                self.say(f"{self.row.id}: {unit.retry.message} (will retry next round)")
                continue
            tracker = _Tracker(self, unit, len(unit.items))
            self.trackers.append(tracker)
            if not unit.items:
                self._complete(tracker)
                continue
            for item in unit.items:
                by_id.setdefault(item.id, []).append(tracker)
                yield item
        self.report.stopped = True

    def settled(self) -> bool:
        return all(t.remaining == 0 for t in self.trackers)

    def on_result(self, outcome: str, item: Document | Rejected, tracker: _Tracker) -> None:
        report = self.report
        if outcome == "added":
            self.articles += 1
            report.added += 1
        elif outcome == "updated":
            report.updated += 1
        elif outcome == "unchanged":
            # New here but already stored: put there by this source just before a crash (or by
            # another source or 'wirewatch ingest'); either way it is an article from this source.
            self.articles += 1
            report.unchanged += 1
        elif outcome == "duplicate":
            report.duplicates += 1
        elif outcome == "rejected":
            report.rejected += 1
            if isinstance(item, Rejected):
                self.say(f"{self.row.id}: rejected: {item.message}")
        tracker.remaining -= 1
        if tracker.remaining == 0:
            self._complete(tracker)

    def _complete(self, tracker: _Tracker) -> None:
        self.completed.extend(tracker.unit.keys)
        self.progress = self.progress.with_seen(tracker.unit.keys)
        self.save(self.progress)

    def final_state(self, now: float) -> SourceState:
        done = set(self.completed)
        state = self.plan.state.with_seen(self.completed)
        state = state.without_seen(k for k in self.plan.unit_keys if k not in done)
        unfinished = [t for t in self.trackers if t.remaining > 0]
        for tracker in unfinished:
            state = state.without_seen(tracker.unit.keys)
        if unfinished or self.retries or not self.exhausted:
            # Something is left for next time: the next poll must see the whole source again, not
            # a 304 that would hide the unfinished items.
            state = replace(state.without_seen(self.plan.whole_keys), etag=None, last_modified=None)
        if not self.exhausted:
            state = replace(state, next_check=now)  # stopped half-way: due again at once
        if self.retries:
            state = replace(state, last_error=f"{len(self.retries)} article(s) failed for a passing reason and "
                                              f"will be tried again next round; first: {self.retries[0].message}")
        return state

    def finish(self, state: SourceState) -> None:
        self.save(state)
        self.finished = True
        self.say(self.report.line())

    def save(self, state: SourceState) -> None:
        if self.removed:
            return
        if self.store.get_source(self.row.id) is None:
            # Removed by 'wirewatch sources remove' while we worked: do not bring it back.
            self.removed = True
            return
        # 'watch --every' schedules this run's next check, but the source keeps its own interval.
        state = replace(state, interval_s=self.own_interval_s)
        self.store.put_source(replace(self.row, url=state.url, state=dump_state(state), articles=self.articles))


def _start_source(fetcher: Fetcher, store: Store, row: SourceRow, state: SourceState, *, now: float,
                  settings: Settings, stop: Stop, say: Log) -> _SourceRun:
    try:
        plan = plan_source(fetcher, state, now=now, max_bytes=settings.max_document_bytes)
    except Stopped:
        plan = Plan(state=state, error=None)  # never polled: left as it was, due as it was
        stop.set(stop.signal or "stop")
    except Exception as exc:  # a bug in one kind's reader must not stop the other sources
        message = f"{row.url}: unexpected {type(exc).__name__} ({exc}): please report it; retried later"
        plan = Plan(state=state.failed(now, message), error=message, reason="internal")
    if plan.moved_to:
        say(f"{row.id}: {row.url} now answers from {plan.moved_to} (permanent redirect): consider adding that "
            "URL and removing this one")
    return _SourceRun(store, row, state, plan, stop, say)


def watch(store: Store, fetcher: Fetcher, *, settings: Settings | None = None, sender: object | None = None,
          once: bool = False, stop: Stop | None = None, log: Log | None = None, interval_s: float | None = None,
          max_items: int | None = None, clock: Callable[[], float] = time.time) -> RoundReport:
    """Run rounds until stopped (or one round with ``once``); sleep until the next source is due.

    Returns the last round's report (a watcher runs for months: earlier ones are only logged).
    The caller installs signal handlers (:func:`stop_on_signals`) when it wants SIGINT/SIGTERM
    to stop the loop cleanly.
    """
    stop = stop or Stop()
    say: Log = log or (lambda _line: None)
    report = RoundReport()
    # Loaded from the store in the first round that finds an article, then only brought up to date.
    kept = Kept()
    while True:
        try:
            report = watch_round(store, fetcher, now=clock(), settings=settings, sender=sender, stop=stop,
                                 log=say, interval_s=interval_s, max_items=max_items, kept=kept)
        except Exception as exc:
            if once:
                raise
            # A store that is locked or a disk that is full now may be fine in a minute: a service
            # should outlive that. Every state written so far is consistent (see the module doc).
            say(f"the round failed ({type(exc).__name__}: {exc}); trying again in {RETRY_S:g}s")
            if stop.wait(RETRY_S):
                break
            continue
        if report.sources or _worth_saying(report.alerts):
            say(report.summary())
        if once and not report.sources and report.next_due is not None:
            when = (iso_time(round(report.next_due)) or "").replace("T", " ")
            say(f"no source due yet; the next is due at {when}")
        if once or stop.is_set():
            break
        wait = MAX_SLEEP_S if report.next_due is None else min(MAX_SLEEP_S, report.next_due - clock())
        if stop.wait(max(wait, 1.0)):
            break
    if stop.is_set():
        say(f"stopped ({stop.signal}); sources' state saved")
    return report


@contextmanager
def stop_on_signals(stop: Stop, log: Log | None = None,
                    signals: Iterable[signal.Signals] = (signal.SIGINT, signal.SIGTERM)) -> Iterator[Stop]:
    """SIGINT/SIGTERM set ``stop`` (the loop finishes the article in hand); a second one exits at once."""
    say: Log = log or (lambda _line: None)
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if stop.is_set():
            raise KeyboardInterrupt(f"second {name}")
        stop.set(name)
        say(f"{name}: stopping after the article in hand (send it again to stop at once)")

    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals can only be handled in the main thread; the caller stops us some other way
        return
    for sig in signals:
        previous[sig] = signal.signal(sig, handler)
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
