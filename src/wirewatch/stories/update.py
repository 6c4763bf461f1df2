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


def update_stories(store: Store, record: Record, options: AssignOptions | None = None) -> StoryUpdate:
    """Assign a stored article to a story and update expectations with what it reports.

    Call it once after each ``store.put`` that wrote something; calling it
    again for the same article keeps its story and records nothing twice.
    """
    assignment = assign(store, record, options)
    changed = update_expectations(store, record, assignment.story_id, nearby=assignment.nearby)
    return StoryUpdate(assignment=assignment, changed=changed)
