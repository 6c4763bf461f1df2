"""Hand-written wire-copy records shared by the store tests (no tests here)."""

from __future__ import annotations

from wirewatch.record import (
    Actor,
    Caption,
    Cue,
    Entity,
    Event,
    Quote,
    Record,
    Speaker,
    Timex,
)

FISHERIES_TEXT = (
    "OSLO, March 4 (Wire) - Norway's fisheries minister Ingrid Halvorsen met her Icelandic "
    "counterpart in Oslo on Tuesday, and the two governments agreed to resume talks on "
    "mackerel quotas next month.\n\n"
    "\"We have closed the gap on the science,\" Halvorsen told reporters. A planned visit to "
    "Reykjavik was called off, officials said."
)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return (i, i + len(needle))


def fisheries(record_id: str = "wire-0304-fish", *, version: str = "0.1.0") -> Record:
    """An article with every section filled: entities, quotes, times, events, a caption."""
    t = FISHERIES_TEXT
    said_by = (t.index("Halvorsen told"), t.index("Halvorsen told") + len("Halvorsen"))
    caption = Caption(text="Ingrid Halvorsen arrives for the talks in Oslo.", credit="Wire Photo/Staff")
    halvorsen = Entity(id="e1", name="Ingrid Halvorsen", type="PERSON", aliases=["Halvorsen"],
                       mentions=[_span(t, "Ingrid Halvorsen"), said_by, (0, 16, "caption:0")],
                       country="NOR", role="fisheries minister", sector="GOV")
    norway = Entity(id="e2", name="Norway", type="GPE", mentions=[_span(t, "Norway")], country="NOR")
    oslo = Entity(id="e3", name="Oslo", type="GPE", mentions=[_span(t, "OSLO"), _span(t, "Oslo on")],
                  country="NOR")
    first_sentence = (t.index("Norway"), t.index("next month.") + len("next month."))
    quote_span = _span(t, "We have closed the gap on the science,")
    quote = Quote(span=quote_span, text=t[quote_span[0]:quote_span[1]], kind="direct", spans=[quote_span],
                  cue=Cue(text="told", span=_span(t, "told")),
                  speaker=Speaker(text="Halvorsen", span=said_by, entity="e1"))
    times = [
        Timex(span=_span(t, "March 4"), text="March 4", type="DATE", value="2025-03-04"),
        Timex(span=_span(t, "Tuesday"), text="Tuesday", type="DATE", value="2025-03-04"),
        Timex(span=_span(t, "next month"), text="next month", type="DATE", value="2025-04"),
    ]
    met = Event(type="CONSULT", span=first_sentence, modality="asserted", mode="visit",
                source=[Actor(text="Ingrid Halvorsen", entity="e1", code="NOR", sector="GOV",
                              span=_span(t, "Ingrid Halvorsen")),
                        Actor(text="her Icelandic counterpart", code="ISL", sector="GOV")],
                date="2025-03-04", location="Oslo", trigger=Cue(text="met", span=_span(t, "met")))
    talks = Event(type="CONSULT", span=first_sentence, modality="future",
                  source=[Actor(text="the two governments")], date="2025-04",
                  trigger=Cue(text="talks", span=_span(t, "talks")))
    visit_sentence = (t.index("A planned"), len(t))
    visit = Event(type="CONSULT", span=visit_sentence, modality="cancelled", mode="visit",
                  source=[Actor(text="Ingrid Halvorsen", entity="e1", code="NOR")],
                  target=[Actor(text="Reykjavik", code="ISL")], location="Reykjavik",
                  trigger=Cue(text="visit", span=_span(t, "visit")))
    arrives = Event(type="CONSULT", span=(0, len(caption.text)), part="caption:0",
                    source=[Actor(text="Ingrid Halvorsen", entity="e1", code="NOR")], location="Oslo")
    return Record(
        id=record_id, text=t, published="2025-03-04", title="Norway and Iceland agree to resume quota talks",
        outlet="Wire", url="https://wire.example/fish", authors=["Staff reporter"], captions=[caption],
        entities=[halvorsen, norway, oslo], quotes=[quote], times=times,
        events=[met, talks, visit, arrives], language="en", analysis_version=version)


def simple(record_id: str, text: str, *, title: str | None = None, published: str | None = None,
           version: str = "0.1.0") -> Record:
    return Record(id=record_id, text=text, title=title, published=published, analysis_version=version)


DROUGHT = simple(
    "wire-0305-drought",
    "NAIROBI, March 5 (Wire) - Kenya appealed for emergency aid on Wednesday as a drought "
    "in the north entered its third year, the government said.",
    title="Kenya appeals for drought aid", published="2025-03-05")

PORT = simple(
    "wire-0306-port",
    "ROTTERDAM, March 6 (Wire) - Dock workers walked out at Europe's largest port on Thursday "
    "in a dispute over pay, halting container traffic. Union leaders said talks had failed.",
    title="Dock strike halts Rotterdam port", published="2025-03-06")
