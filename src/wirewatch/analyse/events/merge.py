"""One real-world event mentioned twice is one record with several evidence spans.

A later mention joins an earlier event when they agree on category, modality
and mode and the later one adds no new party: a definite reference ("the
summit", "that meeting") with no actors of its own, or the same parties again.
Dates must not contradict ("2025-08" and "2025-08-15" agree). Mentions in
different parts (body, caption N) stay apart, because a record's spans are
relative to one part.
"""

from __future__ import annotations

from collections.abc import Callable

from wirewatch.record import Actor, Event

_COMPATIBLE_MODES = ({None, "visit"},)


def _modes_ok(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    return any({a, b} <= group for group in _COMPATIBLE_MODES)


def _dates_ok(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def _key(a: Actor) -> str:
    return a.entity or (a.code or "") + "|" + a.text.casefold()


def _parties(ev: Event) -> set[str]:
    return {_key(a) for a in ev.source + ev.target}


def _more_specific(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a) >= len(b) else b


def _absorb(into: Event, ev: Event) -> None:
    into.spans.append(ev.span)
    into.spans.extend(ev.spans)
    into.date = _more_specific(into.date, ev.date)
    into.location = into.location or ev.location
    for role in ("source", "target"):
        have = getattr(into, role)
        keys = {_key(a) for a in into.source + into.target}
        have.extend(a for a in getattr(ev, role) if _key(a) not in keys)
    if into.mode is None and ev.mode is not None:
        into.mode = ev.mode


def merge_events(items: list[tuple[Event, bool, bool]],
                 part_of: Callable[[int], int] | None = None,
                 joined: dict[int, Event] | None = None) -> list[Event]:
    """``items``: (event, is a definite reference, only evidence) in text order.

    An "only evidence" item joins an earlier event or is dropped. ``joined``
    receives ``id(item event) -> the event it joined``.
    """
    out: list[Event] = []
    part = part_of or (lambda _offset: 0)
    for ev, definite, evidence_only in items:
        target = None
        for prev in reversed(out):
            if part(prev.span[0]) != part(ev.span[0]):
                continue
            if prev.type != ev.type or prev.modality != ev.modality:
                continue
            if not _modes_ok(prev.mode, ev.mode) or not _dates_ok(prev.date, ev.date):
                continue
            mine, theirs = _parties(ev), _parties(prev)
            if definite and mine <= theirs:
                target = prev
                break
            if len(mine) >= 2 and mine == theirs:
                target = prev
                break
        if target is None:
            if not evidence_only:
                out.append(ev)
        else:
            _absorb(target, ev)
            if joined is not None:
                joined[id(ev)] = target
    return out
