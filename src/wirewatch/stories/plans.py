"""Which future events are plans worth tracking: the analysis's noise kept out of expectations.

An expectation is a promise to the user that something was announced; an
alert will fire when it is called off or goes overdue. What the analysis
marks ``future`` is not always that. Read off the bundled examples and the
seed article, the misreadings that became expectations were:

- a condition, not a plan: "If they want robots, they will have to
  negotiate with people first." (a quote read as a future CONSULT);
- words inside quotation marks with no calendar date: rhetoric and
  complaints ("We were promised data within two weeks." read as a future
  AGREE due in two weeks from the article);
- a date that belongs to the report, not to the plan: "The Commission said
  on Wednesday it would fund a station" in an article of that Wednesday is
  a plan with no date, not one due (and overdue three days later) that day;
- a plan "due" on a day already past when reported (a misread tense).

``why_not_a_plan`` names the reason an event is left out (None: it is a
plan); ``plan_window`` is the window a plan is expected in.
"""

from __future__ import annotations

import re
from datetime import timedelta

from wirewatch.record import Event, Record
from wirewatch.stories.dates import FUTURE_REF_DAYS, Window, parse_day, window

_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
_CALENDAR = re.compile(r"^\d{4}(?:-|$)")  # a calendar TIMEX3 value: 2026, 2026-04, 2026-W16, 2026-04-14...


def _trigger_start(event: Event) -> int:
    return event.trigger.span[0] if event.trigger is not None else event.span[0]


def _text(record: Record, event: Event) -> str:
    if event.part and event.part.startswith("caption:"):
        index = event.part.split(":", 1)[1]
        return record.captions[int(index)].text if index.isdigit() and int(index) < len(record.captions) else ""
    return record.text


def is_conditional(record: Record, event: Event) -> bool:
    """An 'if' or 'unless' before the event's word in its sentence: a condition, not a plan
    ("If they want robots, they will have to negotiate"). After it ("will meet on Monday if
    the weather allows"; "will decide on Monday if the summit goes ahead") the plan stands."""
    text = _text(record, event)
    before = text[max(0, event.span[0]):max(event.span[0], _trigger_start(event))]
    return bool(_CONDITION.search(before))


def is_quoted(record: Record, event: Event) -> bool:
    """The event's word lies inside quotation marks: a direct quote found by the analysis, or
    an opening mark before it in its sentence that is not closed (the analysis misses some)."""
    start = _trigger_start(event)
    if event.part is None and any(q.kind == "direct" and any(s[0] <= start < s[1] for s in (q.spans or [q.span]))
                                  for q in record.quotes):
        return True
    text = _text(record, event)
    before = text[max(0, event.span[0]):max(event.span[0], start)]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def has_calendar_date(event: Event) -> bool:
    return bool(event.date and _CALENDAR.match(event.date))


def plan_window(event: Event, published: str | None) -> Window | None:
    """The window a plan is expected in: its date's, or ``FUTURE_REF_DAYS`` from the report
    when it has none (or only the report's own day, see the module docstring)."""
    day = parse_day(published)
    w = window(event.date, published)
    if w is not None and day is not None and w == (day, day):
        w = None  # "said on Wednesday it would ..." in Wednesday's paper: the date is the saying's
    if w is None:
        if day is None:
            return None
        w = (day, day + timedelta(days=FUTURE_REF_DAYS))
    return w


def why_not_a_plan(record: Record, event: Event) -> str | None:
    """Why a future event is not tracked as an expectation, or None when it is a plan."""
    if event.modality != "future":
        return "not future"
    if is_conditional(record, event):
        return "conditional"
    if is_quoted(record, event) and not has_calendar_date(event):
        return "quoted without a date"
    w = window(event.date, record.published)
    day = parse_day(record.published)
    if w is not None and day is not None and w[1] < day:
        return "dated before its report"
    return None
