"""Expectations: announced future events, tracked until they happen, are called off or slip.

Every event with modality ``future`` becomes an expectation with the window
its date covers (a day, a week, a month; "within two weeks" counts from the
announcement; no date at all gives ``FUTURE_REF_DAYS``). Later reports are
evidence about it when they have the same category, a shared party (or, for
a report naming no party, a date inside the window) and a compatible date:

- an asserted event that has already taken place when reported -> happened;
- a cancelled event (called off, postponed) -> cancelled;
- a negated one ("no plans", "did not meet") -> denied;
- another future report of it -> one more source, no change.

The status is that of the evidence published last (but a report that it
happened stands against later "had been called off" mentions), so articles
may arrive in any order; with no evidence and the window past (plus ``GRACE_DAYS``) at a
given "now", a pending expectation is overdue: ``refresh_overdue(store, today)``
records that (a watch round calls it and alerts on what it returns), while
``list_expectations(store, today=...)`` only shows it, writing nothing. Every
change is appended to the expectation's history with the article that caused
it. A near-duplicate copy adds a source, never a change, so a syndicated
report alerts once. Which future events are plans at all: ``stories.plans``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from wirewatch.record import Entity, Event, Record
from wirewatch.store.base import ExpectationRow, StatusChangeRow, Store, now_utc
from wirewatch.stories.dates import Window, overlaps, parse_day, window
from wirewatch.stories.features import (
    actor_keys,
    article_day,
    entities_by_id,
    event_actors,
    event_keys,
    sentence,
)
from wirewatch.stories.model import Expectation, StatusChange
from wirewatch.stories.plans import plan_window, why_not_a_plan

GRACE_DAYS = 3  # reports of an event often come a day or two after it
CROSS_STORY_DAYS = 60  # an open expectation of a nearby story is checked until this long after its window
_EVIDENCE = {"asserted": "happened", "cancelled": "cancelled", "negated": "denied"}


@dataclass(frozen=True)
class Evidence:
    status: str  # happened, cancelled, denied, or "confirmed" (announced again)
    article_id: str
    published: str | None
    event_idx: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "article_id": self.article_id, "published": self.published,
                "event_idx": self.event_idx, "sentence": self.sentence}


def expected_window(event: Event, published: str | None) -> Window | None:
    return plan_window(event, published)


def new_expectations(record: Record, story_id: str | None) -> list[Expectation]:
    """An expectation for every plan among the record's future events (``stories.plans``
    says which are), not yet compared with the store."""
    entities = entities_by_id(record)
    out = []
    now = now_utc()
    for i, event in enumerate(record.events):
        if why_not_a_plan(record, event) is not None:
            continue  # noise of the analysis, not an announcement (see stories.plans)
        w = plan_window(event, record.published)
        out.append(Expectation(
            id=f"{record.id}#{i}", story_id=story_id, article_id=record.id, event_idx=i, type=event.type,
            status="pending", expected=event.date,
            window_start=w[0].isoformat() if w else None, window_end=w[1].isoformat() if w else None,
            actors=event_actors(event, entities), keys=sorted(event_keys(event, entities)),
            sentence=sentence(record, event.span, event.part), published=article_day(record),
            updated_at=now))
    return out


def _exp_window(exp: Expectation) -> Window | None:
    start, end = parse_day(exp.window_start), parse_day(exp.window_end)
    return (start, end) if start and end else None


def evidence_of(exp: Expectation, record: Record, event_idx: int, *, same_story: bool) -> Evidence | None:
    """What this event of a later (or earlier) article says about the expectation, if anything."""
    event = record.events[event_idx]
    if record.duplicate_of == exp.article_id:
        return None
    own = record.id == exp.article_id
    if own and (event_idx == exp.event_idx or event.modality not in ("negated", "cancelled")):
        # An article may report a plan and that it is off ("had announced they would meet within
        # two weeks ... now have no plans to meet"); it is never its own evidence that it happened.
        return None
    if event.type != exp.type or event.modality == "hypothetical":
        return None
    entities = entities_by_id(record)
    keys = event_keys(event, entities)
    shared = keys & set(exp.keys)
    ev_window = window(event.date, record.published)
    exp_window = _exp_window(exp)
    day = parse_day(record.published)
    if ev_window is not None and exp_window is not None:
        dates_agree = overlaps(ev_window, exp_window, slack_days=1)
    else:
        dates_agree = None  # unknown
    if dates_agree is False:
        return None
    if not shared:
        # A report naming no party ("the summit was postponed") counts inside its story, when dated.
        if keys or not same_story or dates_agree is not True:
            return None
    elif not same_story and (len(shared) < 2 or dates_agree is not True):
        return None  # across stories only a firm match: both parties and the date
    status = _EVIDENCE.get(event.modality)
    if event.modality == "future":
        status = "confirmed"
    if status is None:
        return None
    if status == "happened":
        # Reported as done: the event must lie in the past of its report, and the report must not
        # come before the window opens ("had been due to meet on April 14", said on April 8).
        if ev_window is not None and day is not None and ev_window[0] > day:
            return None
        if exp_window is not None and day is not None and day < exp_window[0]:
            return None
        if dates_agree is None:
            if exp_window is not None and day is not None \
                    and day > exp_window[1] + timedelta(days=max(GRACE_DAYS, 7)):
                return None  # undated, reported long after the window: probably another meeting
        vague = exp_window is None or (exp_window[1] - exp_window[0]).days > 31
        if (dates_agree is None or vague) and _parties(event, entities, set(exp.keys)) < min(2, len(exp.actors)):
            return None  # no firm date and one party only: too weak to say it happened
    if own and _parties(event, entities, set(exp.keys)) < min(2, len(exp.actors)):
        return None  # in the announcing article itself, only a denial by the same parties counts
    if status in ("cancelled", "denied") and dates_agree is None and exp_window is not None \
            and day is not None and day > exp_window[1] + timedelta(days=GRACE_DAYS):
        return None  # an undated "was called off" long after the date is about something else
    return Evidence(status=status, article_id=record.id, published=record.published, event_idx=event_idx,
                    sentence=sentence(record, event.span, event.part))


def _parties(event: Event, entities: dict[str, Entity], keys: set[str]) -> int:
    """How many of the event's actors are parties of the expectation."""
    return sum(1 for a in event.source + event.target if actor_keys(a, entities) & keys)


def _load(store: Store, row: ExpectationRow, *, history: bool = True,
          ) -> tuple[Expectation, list[dict[str, Any]]]:
    exp = Expectation.from_row(row, store.status_changes(row.id) if history else None)
    return exp, exp.evidence


def _save(store: Store, exp: Expectation, evidence: list[dict[str, Any]]) -> None:
    exp.evidence = evidence
    store.put_expectation(exp.to_row())


def _decided(evidence: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The evidence that sets the status: the first report that it happened, else the last
    published report (ties: the last recorded). What happened cannot be called off
    afterwards: a later "had been postponed" looks back at an earlier plan."""
    deciding = [e for e in evidence if e["status"] in ("happened", "cancelled", "denied") and not e.get("copy")]
    happened = [e for e in deciding if e["status"] == "happened"]
    if happened:
        return min(enumerate(happened), key=lambda ie: (ie[1].get("published") or "", ie[0]))[1]
    if not deciding:
        return None
    return max(enumerate(deciding), key=lambda ie: (ie[1].get("published") or "", ie[0]))[1]


def _apply(store: Store, exp: Expectation, evidence: list[dict[str, Any]], now: str) -> bool:
    """Set the status from the evidence; record a change. True when the status changed."""
    decided = _decided(evidence)
    status = decided["status"] if decided else ("overdue" if exp.status == "overdue" else "pending")
    if status == exp.status:
        return False
    exp.status = status
    exp.updated_at = now
    note = f"{decided['published'] or '?'}: {decided['sentence']}" if decided else "evidence withdrawn"
    change = StatusChangeRow(expectation_id=exp.id, status=status,
                             article_id=decided["article_id"] if decided else None, at=now, note=note[:500])
    store.add_status_change(change)
    exp.history.append(StatusChange.from_row(change))
    return True


def _matching(existing: list[Expectation], new: Expectation) -> Expectation | None:
    """An expectation already tracked that this announcement repeats."""
    new_window = _exp_window(new)
    for exp in existing:
        if exp.type != new.type or exp.article_id == new.article_id:
            continue
        if not set(exp.keys) & set(new.keys) and exp.keys and new.keys:
            continue
        w = _exp_window(exp)
        if new.expected is None or exp.expected is None:
            if set(exp.keys) & set(new.keys):
                return exp
            continue
        if w is not None and new_window is not None and overlaps(w, new_window) \
                and (new_window[1] - new_window[0]).days <= 31 and (w[1] - w[0]).days <= 31:
            return exp
    return None


def update_expectations(store: Store, record: Record, story_id: str | None, *,
                        nearby: Sequence[str] = (), again: Sequence[str] = (),
                        members: list[Record] | None = None) -> list[Expectation]:
    """Track the record's announcements and apply its reports to tracked expectations.

    Its reports are checked against the expectations of its story and, for
    open ones, of the ``nearby`` stories assignment found closest (a report
    may land in a story of its own); so the cost stays flat as the store
    grows. ``members`` are the story's other articles (read from the store if
    None, the latest ``MEMBER_SCAN``): a new expectation is checked against them
    too, since articles may arrive out of order.

    An article seen before (stored again or re-analysed; ``again`` names the
    stories it was in, whose expectations are all read) replaces what its
    earlier analysis gave: its announcements are derived afresh (one that is
    no longer read in it is withdrawn), its reports are evidence anew, and
    nothing is recorded twice. Returns the expectations whose status changed.
    """
    now = now_utc()
    changed: list[Expectation] = []
    loaded: dict[str, tuple[Expectation, list[dict[str, Any]]]] = {}
    types = {ev.type for ev in record.events}
    if not types and not again:
        return []
    rows = store.expectations(story_id=story_id, types=None if again else types) if story_id else []
    for old_story in again:
        if old_story != story_id:
            rows += store.expectations(story_id=old_story)
    day = parse_day(record.published)
    recent = (day - timedelta(days=CROSS_STORY_DAYS)).isoformat() if day else None
    for near in nearby:
        if near != story_id and near not in again and types:
            rows += [r for r in store.expectations(story_id=near, types=types, ends_after=recent)
                     if r.status in ("pending", "overdue")]
    for row in rows:
        if row.id not in loaded:
            loaded[row.id] = _load(store, row, history=False)
    before = {k: (list(ev), list(exp.sources)) for k, (exp, ev) in loaded.items()}
    dirty: set[str] = set()
    if again:
        # What the earlier analysis of this article gave is taken back, then derived anew.
        for exp, evidence in loaded.values():
            evidence[:] = [e for e in evidence if e["article_id"] != record.id]
            if record.id in exp.sources:
                exp.sources.remove(record.id)

    # 1. The record's announcements: new expectations, or more sources for known ones.
    fresh: list[Expectation] = []  # new ones, and the article's own ones derived again
    derived = {exp.id: exp for exp in new_expectations(record, story_id)}
    for exp, _ in loaded.values():
        if exp.article_id == record.id and exp.id not in derived and not exp.withdrawn:
            exp.withdrawn = True  # the new analysis no longer reads this plan in the article
            dirty.add(exp.id)
    for exp in derived.values():
        if exp.id in loaded:
            old, evidence = loaded[exp.id]
            _rederive(old, exp)
            evidence.clear()
            fresh.append(old)
            dirty.add(old.id)
            continue
        known = _matching([e for e, _ in loaded.values() if not e.withdrawn
                           and (e.story_id == story_id or story_id is None)], exp)
        if known is None and record.duplicate_of is not None:
            known = _matching([e for e, _ in loaded.values() if not e.withdrawn], exp)
            if known is None:
                continue  # a copy never starts an expectation of its own
        if known is not None:
            if record.id not in known.sources:
                known.sources.append(record.id)
                dirty.add(known.id)
            continue
        if again and _stored(store, exp.id):
            continue  # tracked in a story this call did not read: left as it is
        loaded[exp.id] = (exp, [])
        fresh.append(exp)
        dirty.add(exp.id)
    fresh_ids = {f.id for f in fresh}

    # 2. The record's reports as evidence for tracked expectations.
    for exp, evidence in loaded.values():
        if exp.id in fresh_ids or exp.withdrawn:
            continue
        for i in range(len(record.events)):
            ev = evidence_of(exp, record, i, same_story=exp.story_id == story_id and story_id is not None)
            if ev is None or ev.status == "confirmed":
                continue
            item = ev.to_dict()
            if record.duplicate_of is not None:
                item["copy"] = True  # a source, never a change
            if not any(e["article_id"] == record.id and e["event_idx"] == i for e in evidence):
                evidence.append(item)

    # 3. New expectations against the story's other articles (arrival order is not news order).
    if fresh:
        others = [record] + [m for m in (members if members is not None else _members(store, story_id))
                             if m.id != record.id]
        for exp in fresh:
            evidence = loaded[exp.id][1]
            for other in others:
                for i in range(len(other.events)):
                    ev = evidence_of(exp, other, i, same_story=True)
                    if ev is not None and ev.status != "confirmed":
                        item = ev.to_dict()
                        if other.duplicate_of is not None:
                            item["copy"] = True
                        evidence.append(item)

    for exp_id, (exp, evidence) in loaded.items():
        if exp_id in before and before[exp_id] != (evidence, exp.sources):
            dirty.add(exp_id)
    for exp_id in [k for k in loaded if k in dirty]:  # stored in a fixed order: the order read and announced
        exp, evidence = loaded[exp_id]
        exp.history = [StatusChange.from_row(h) for h in store.status_changes(exp.id)]
        if not exp.history:
            store.add_status_change(StatusChangeRow(
                expectation_id=exp.id, status="pending", article_id=exp.article_id, at=now,
                note=f"announced: {exp.sentence}"[:500]))
            exp.history.append(StatusChange("pending", exp.article_id, now, f"announced: {exp.sentence}"[:500]))
        if not exp.withdrawn and _apply(store, exp, evidence, now):
            changed.append(exp)
        exp.updated_at = now
        _save(store, exp, evidence)
    return changed


# A new expectation is checked against this many of its story's latest articles: each is a whole
# record read from the store, and a long-running story must not make every announcement cost more.
MEMBER_SCAN = 100


def _members(store: Store, story_id: str | None) -> list[Record]:
    if not story_id:
        return []
    ids = store.story_members(story_id)[-MEMBER_SCAN:]
    return [r for r in (store.get(a) for a in ids) if r is not None]


def _stored(store: Store, expectation_id: str) -> bool:
    """Whether an expectation id is stored already (in a story not read by this update)."""
    article_id = expectation_id.rsplit("#", 1)[0]
    story = store.story_of(article_id)
    return any(r.id == expectation_id for r in store.expectations(story_id=story)) if story else False


def _rederive(exp: Expectation, new: Expectation) -> None:
    """Give a tracked expectation what a new analysis of its announcing article reads."""
    exp.type, exp.expected, exp.window_start, exp.window_end = new.type, new.expected, new.window_start, \
        new.window_end
    exp.actors, exp.keys, exp.sentence, exp.published = new.actors, new.keys, new.sentence, new.published
    exp.story_id = new.story_id
    exp.withdrawn = False


def _overdue_on(row_status: str, window_end: str | None, day: date) -> bool:
    end = parse_day(window_end)
    return row_status == "pending" and end is not None and end + timedelta(days=GRACE_DAYS) < day


def _overdue_note(day: date, window_end: str | None) -> str:
    return f"no report by {day.isoformat()}; expected by {window_end}"


def _as_day(today: date | str) -> date:
    day = today if isinstance(today, date) else parse_day(today)
    if day is None:
        raise ValueError(f"today={today!r} is not an ISO date: give e.g. 2026-06-30")
    return day


def refresh_overdue(store: Store, today: date | str) -> list[Expectation]:
    """Mark pending expectations whose window (plus grace) ended before ``today`` as overdue,
    in the store; returns the expectations that changed (what alerts fire on).

    This is the one place that writes overdue marks: a watch round (or
    ``wirewatch expectations --refresh``) calls it with the current day. Reading
    never writes; ``list_expectations(..., today=...)`` shows the same marks
    computed on the fly.
    """
    day = _as_day(today)
    now = now_utc()
    changed = []
    for row in store.expectations(status="pending"):
        if not _overdue_on(row.status, row.expected_end, day):
            continue
        exp, evidence = _load(store, row)
        if exp.withdrawn:
            continue
        exp.status = "overdue"
        exp.updated_at = now
        change = StatusChangeRow(expectation_id=exp.id, status="overdue", article_id=None, at=now,
                                 note=_overdue_note(day, row.expected_end))
        store.add_status_change(change)
        exp.history.append(StatusChange.from_row(change))
        _save(store, exp, evidence)
        changed.append(exp)
    return changed


def list_expectations(store: Store, *, status: str | None = None, story_id: str | None = None,
                      today: date | str | None = None) -> list[Expectation]:
    """Tracked expectations, read only. With ``today``, a pending expectation whose window
    (plus grace) ended before it is shown as overdue (with a history entry saying so) without
    writing anything; ``status`` filters on the status so shown."""
    day = _as_day(today) if today is not None else None
    if day is not None and status == "overdue":
        # Overdue as of today includes what the store still has as pending.
        rows = [r for r in store.expectations(story_id=story_id) if r.status in ("pending", "overdue")]
    else:
        rows = store.expectations(status=status, story_id=story_id)
    out = []
    for row in rows:
        exp = Expectation.from_row(row, store.status_changes(row.id))
        if exp.withdrawn:
            continue
        if day is not None and _overdue_on(exp.status, exp.window_end, day):
            exp.status = "overdue"
            exp.history.append(StatusChange("overdue", None, day.isoformat(), _overdue_note(day, exp.window_end)))
        if status is None or exp.status == status:
            out.append(exp)
    return out
