"""What the stories stage gives users: stories, timeline entries, expectations.

Plain dataclasses with ``to_dict`` for JSON output; the store keeps them as
rows (``wirewatch.store.base.StoryRow`` / ``ExpectationRow`` /
``StatusChangeRow``) and this module converts between the two.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from wirewatch.store.base import ExpectationRow, StatusChangeRow, StoryRow

Status = Literal["pending", "happened", "cancelled", "denied", "overdue"]
STATUSES: tuple[str, ...] = ("pending", "happened", "cancelled", "denied", "overdue")


@dataclass
class Story:
    id: str
    title: str
    size: int
    first_date: str | None
    last_date: str | None
    created_at: str
    updated_at: str
    merged_into: str | None = None
    members: list[str] = field(default_factory=list)  # article ids, in the order they joined

    @classmethod
    def from_row(cls, row: StoryRow, members: list[str] | None = None) -> Story:
        return cls(id=row.id, title=row.title, size=row.size, first_date=row.first_date,
                   last_date=row.last_date, created_at=row.created_at, updated_at=row.updated_at,
                   merged_into=row.merged_into, members=list(members or []))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Source:
    """One article's report of a fact: where it was said."""

    article_id: str
    published: str | None
    outlet: str | None
    sentence: str
    span: tuple[int, int]
    part: str | None = None
    duplicate_of: str | None = None  # the report is a near-duplicate copy of that article

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class TimelineEntry:
    """One real-world event, however many articles reported it."""

    sort_date: str  # ISO day the entry is ordered by: the event's date, else its first report's
    date: str | None  # the TIMEX3 value reported (the most precise one among the sources)
    type: str  # PLOVER category
    modality: str
    actors: list[str]  # display names, sources first
    summary: str  # the first report's sentence
    sources: list[Source] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)  # '"text" (speaker)' inside the reports' sentences

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sources"] = [s.to_dict() for s in self.sources]
        return d


@dataclass
class StatusChange:
    status: str
    article_id: str | None  # the article whose report caused it; None when time passing did
    at: str
    note: str = ""

    @classmethod
    def from_row(cls, row: StatusChangeRow) -> StatusChange:
        return cls(status=row.status, article_id=row.article_id, at=row.at, note=row.note)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Expectation:
    """An announced future event, tracked until it happens, is called off or is overdue."""

    id: str
    story_id: str | None
    article_id: str  # the announcing article
    event_idx: int
    type: str
    status: str
    expected: str | None  # the TIMEX3 value announced ("2026-04-14", "P2W", ...)
    window_start: str | None  # ISO day
    window_end: str | None
    actors: list[str]  # display names
    keys: list[str]  # normalised actor keys used for matching (codes and names)
    sentence: str
    published: str | None  # of the announcing article
    updated_at: str
    sources: list[str] = field(default_factory=list)  # articles that repeated the announcement
    history: list[StatusChange] = field(default_factory=list)
    # Reports about it: {"status", "article_id", "published", "event_idx", "sentence"[, "copy"]}
    evidence: list[dict[str, Any]] = field(default_factory=list)
    # A re-analysis of the announcing article no longer reads this plan in it: kept (the store
    # has no delete), never shown, matched or marked overdue.
    withdrawn: bool = False

    def to_row(self) -> ExpectationRow:
        data: dict[str, Any] = {"expected": self.expected, "actors": self.actors, "keys": self.keys,
                "sentence": self.sentence, "published": self.published, "sources": self.sources,
                "evidence": self.evidence}
        if self.withdrawn:
            data["withdrawn"] = True
        return ExpectationRow(
            id=self.id, story_id=self.story_id, article_id=self.article_id, event_idx=self.event_idx,
            type=self.type, status=self.status, expected_start=self.window_start,
            expected_end=self.window_end, updated_at=self.updated_at,
            data=json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    @classmethod
    def from_row(cls, row: ExpectationRow, history: list[StatusChangeRow] | None = None) -> Expectation:
        data: dict[str, Any] = json.loads(row.data or "{}")
        return cls(
            id=row.id, story_id=row.story_id, article_id=row.article_id, event_idx=row.event_idx,
            type=row.type, status=row.status, expected=data.get("expected"),
            window_start=row.expected_start, window_end=row.expected_end,
            actors=list(data.get("actors") or []), keys=list(data.get("keys") or []),
            sentence=str(data.get("sentence") or ""), published=data.get("published"),
            updated_at=row.updated_at, sources=list(data.get("sources") or []),
            history=[StatusChange.from_row(h) for h in history or []],
            evidence=list(data.get("evidence") or []), withdrawn=bool(data.get("withdrawn")))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["history"] = [h.to_dict() for h in self.history]
        return d
