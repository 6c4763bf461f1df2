"""ww_times: placeholder until the times stage lands; it finds nothing."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("ww_times", assigns=["doc._.ww_times"])
def ww_times(doc: Doc) -> Doc:
    doc._.ww_times = []
    return doc
