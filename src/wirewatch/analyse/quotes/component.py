"""ww_quotes: placeholder until the quotes stage lands; it finds nothing."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("ww_quotes", assigns=["doc._.ww_quotes"])
def ww_quotes(doc: Doc) -> Doc:
    doc._.ww_quotes = []
    return doc
