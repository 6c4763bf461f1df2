"""ww_events: PLOVER events with actors, modality, date and place (doc offsets).

Compute (:func:`wirewatch.analyse.events.extract.extract`, a pure function of
the parsed Doc and the earlier stages' extensions), then annotate
``doc._.ww_events``. Reads ``doc._.ww_entities``/``ww_mentions`` (actor
entities and codes) and ``doc._.ww_times`` (event dates).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse.events.extract import extract


@Language.component(
    "ww_events",
    assigns=["doc._.ww_events"],
    requires=["doc._.ww_entities", "doc._.ww_times"],
)
def ww_events(doc: Doc) -> Doc:
    doc._.ww_events = extract(doc) if len(doc) else []
    return doc
