"""The stories stage of ingest: one stored article -> its story and its expectations."""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.record import Record
from wirewatch.store.base import Store
from wirewatch.stories.assign import Assignment, AssignOptions, assign
from wirewatch.stories.expectations import update_expectations
from wirewatch.stories.model import Expectation


@dataclass
class StoryUpdate:
    """What one article changed: its story and the expectations whose status changed
    (what alerts fire on)."""

    assignment: Assignment
    changed: list[Expectation] = field(default_factory=list)


def update_stories(store: Store, record: Record, options: AssignOptions | None = None, *,
                   previous: Record | None = None) -> StoryUpdate:
    """Assign a stored article to a story and update expectations with what it reports.

    Call it once after each ``store.put`` that wrote something, inside the
    same ``store.atomic()`` block. Calling it for an article already in a story
    (stored again, updated or re-analysed) scores it afresh: it moves when
    another story fits it better now, and the expectations and evidence drawn
    from its earlier analysis are replaced by those of this one; nothing is
    recorded twice. ``previous``, the record as it was before the update, lets
    its share of the old story be taken out exactly (text changed); without it
    the current record's share is used (right for a re-analysis, whose text is
    the same).
    """
    assignment = assign(store, record, options, previous=previous)
    again = [assignment.story_id] if assignment.again else []
    if assignment.moved_from:
        again.append(assignment.moved_from)
    changed = update_expectations(store, record, assignment.story_id, nearby=assignment.nearby, again=again)
    return StoryUpdate(assignment=assignment, changed=changed)
