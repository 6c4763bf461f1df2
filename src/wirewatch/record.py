"""The article record and its parts.

This is the output contract (``../shared/eval/FORMATS.md``): the scorers, the
store, the API and the exports all speak it. Nothing here imports from the
rest of wirewatch.

Spans are ``(start, end)`` character offsets, ``[start, end)``, into the
record's ``text``; a fact found in a caption carries ``part="caption:N"`` and
its span then points into ``captions[N].text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

# Bumped whenever analysis output may change for the same input; stored with
# every record so that ``wirewatch reanalyze`` knows what is stale.
ANALYSIS_VERSION = "0.1.0"

Modality = Literal["asserted", "future", "negated", "cancelled", "hypothetical"]
MODALITIES: tuple[str, ...] = ("asserted", "future", "negated", "cancelled", "hypothetical")
QuoteKind = Literal["direct", "partial", "indirect", "mixed"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)

Span = tuple[int, int]


def _drop_none(d: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None or k in keep}


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str | None = None


@dataclass
class Entity:
    """One real-world entity, canonical within the article.

    ``mentions`` are ``(start, end)`` in the body or ``(start, end, "caption:N")``.
    """

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC, ...
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int] | tuple[int, int, str]] = field(default_factory=list)
    country: str | None = None  # ISO3 of the country, or the country a person/org belongs to
    role: str | None = None  # "President", "Foreign Minister", "spokesman", ...
    sector: str | None = None  # PLOVER sector: GOV, MIL, BUS, MED, ...

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["mentions"] = [list(m) for m in self.mentions]
        return _drop_none(d, keep=("country",))


@dataclass
class Speaker:
    text: str
    span: Span | None = None
    entity: str | None = None  # entity id
    anonymous: bool = False
    affiliation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": list(self.span) if self.span else None,
            "text": self.text,
            "entity": self.entity,
            "anonymous": self.anonymous,
            "affiliation": self.affiliation,
        }


@dataclass
class Cue:
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"span": list(self.span), "text": self.text}


@dataclass
class Quote:
    span: Span
    text: str
    kind: QuoteKind
    spans: list[Span] = field(default_factory=list)  # every piece, first == span
    cue: Cue | None = None
    speaker: Speaker | None = None
    part: str | None = None

    def __post_init__(self) -> None:
        if not self.spans:
            self.spans = [self.span]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "span": list(self.span),
            "spans": [list(s) for s in (self.spans or [self.span])],
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }
        if self.part:
            d["part"] = self.part
        return d


@dataclass
class Timex:
    span: Span
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    part: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"span": list(self.span), "text": self.text,
                             "type": self.type, "value": self.value}
        if self.mod:
            d["mod"] = self.mod
        if self.part:
            d["part"] = self.part
        return d


@dataclass
class Actor:
    text: str
    entity: str | None = None
    code: str | None = None  # ISO3 or IGO code
    sector: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "entity": self.entity, "code": self.code}
        if self.sector:
            d["sector"] = self.sector
        if self.span:
            d["span"] = list(self.span)
        return d


@dataclass
class Event:
    type: str
    span: Span  # the evidence sentence
    modality: Modality = "asserted"
    mode: str | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: str | None = None  # a TIMEX3 value
    location: str | None = None
    trigger: Cue | None = None
    spans: list[Span] = field(default_factory=list)  # further evidence of the same event
    part: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type,
            "mode": self.mode,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "modality": self.modality,
            "date": self.date,
            "location": self.location,
            "span": list(self.span),
            "trigger": self.trigger.to_dict() if self.trigger else None,
        }
        if self.spans:
            d["spans"] = [list(s) for s in self.spans]
        if self.part:
            d["part"] = self.part
        return d


@dataclass
class Removed:
    """A line dropped by cleaning, and why."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass
class Record:
    """The article record: one per input document."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    language: str | None = None
    analysis_version: str = ANALYSIS_VERSION
    error: str | None = None
    duplicate_of: str | None = None  # id of the first stored copy when this is a near-duplicate

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "published": self.published,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "authors": list(self.authors),
            "text": self.text,
            "captions": [asdict(c) for c in self.captions],
            "removed": [r.to_dict() for r in self.removed],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "language": self.language,
            "analysis_version": self.analysis_version,
        }
        if self.duplicate_of is not None:
            d["duplicate_of"] = self.duplicate_of
        if self.error is not None:
            d["error"] = self.error
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Rebuild a record from its JSON form (the store keeps records as JSON)."""

        def span(v: Any) -> Span | None:
            return (int(v[0]), int(v[1])) if v else None

        def cue(v: Any) -> Cue | None:
            return Cue(text=v["text"], span=(int(v["span"][0]), int(v["span"][1]))) if v else None

        def actor(v: dict[str, Any]) -> Actor:
            return Actor(text=v["text"], entity=v.get("entity"), code=v.get("code"),
                         sector=v.get("sector"), span=span(v.get("span")))

        def mention(m: list[Any]) -> tuple[int, int] | tuple[int, int, str]:
            return (int(m[0]), int(m[1]), str(m[2])) if len(m) > 2 else (int(m[0]), int(m[1]))

        entity_keys = {f.name for f in fields(Entity)}
        entities = []
        for e in d.get("entities") or []:
            kw = {k: v for k, v in e.items() if k in entity_keys}
            kw["mentions"] = [mention(m) for m in e.get("mentions") or []]
            entities.append(Entity(**kw))
        quotes = []
        for q in d.get("quotes") or []:
            sp = q.get("speaker")
            speaker = None
            if sp:
                speaker = Speaker(text=sp.get("text") or "", span=span(sp.get("span")),
                                  entity=sp.get("entity"), anonymous=bool(sp.get("anonymous")),
                                  affiliation=sp.get("affiliation"))
            first = span(q["span"])
            assert first is not None
            quotes.append(Quote(span=first, text=q["text"], kind=q["kind"],
                                spans=[s for s in (span(x) for x in q.get("spans") or []) if s],
                                cue=cue(q.get("cue")), speaker=speaker, part=q.get("part")))
        times = []
        for t in d.get("times") or []:
            ts = span(t["span"])
            assert ts is not None
            times.append(Timex(span=ts, text=t["text"], type=t["type"], value=t["value"],
                               mod=t.get("mod"), part=t.get("part")))
        events = []
        for ev in d.get("events") or []:
            es = span(ev["span"])
            assert es is not None
            events.append(Event(
                type=ev["type"], span=es, modality=ev.get("modality") or "asserted",
                mode=ev.get("mode"), source=[actor(a) for a in ev.get("source") or []],
                target=[actor(a) for a in ev.get("target") or []], date=ev.get("date"),
                location=ev.get("location"), trigger=cue(ev.get("trigger")),
                spans=[s for s in (span(x) for x in ev.get("spans") or []) if s],
                part=ev.get("part")))
        return cls(
            id=d["id"], text=d.get("text") or "", published=d.get("published"),
            title=d.get("title"), outlet=d.get("outlet"), url=d.get("url"),
            authors=list(d.get("authors") or []),
            captions=[Caption(text=c["text"], credit=c.get("credit")) for c in d.get("captions") or []],
            removed=[Removed(text=r["text"], reason=r["reason"]) for r in d.get("removed") or []],
            entities=entities, quotes=quotes, times=times, events=events,
            language=d.get("language"),
            analysis_version=d.get("analysis_version") or ANALYSIS_VERSION,
            error=d.get("error"), duplicate_of=d.get("duplicate_of"),
        )


@dataclass
class Document:
    """What a source yields and cleaning consumes: text plus what is known about it."""

    id: str
    text: str
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None  # where it was read from (path, URL, "path:line")
    kind: Literal["text", "html"] = "text"
    html: str | None = None


@dataclass
class Rejected:
    """A document that could not be read or analysed: data, not an exception."""

    id: str
    source: str
    reason: str  # short machine-friendly code: empty, binary, encoding, too-large, not-english, ...
    message: str  # names the input, the problem and the fix
    text: str = ""


@dataclass
class Cleaned:
    """Cleaning's output: the body and what was learned from the page around it."""

    text: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    url: str | None = None
    language: str | None = None  # identified after cleaning (ISO 639-1), None when it cannot be told
