"""ww_events: placeholder until the events stage lands; it finds nothing."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("ww_events", assigns=["doc._.ww_events"])
def ww_events(doc: Doc) -> Doc:
    doc._.ww_events = []
    return doc
