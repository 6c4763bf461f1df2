"""ww_entities: canonical entities within the article (first version: spaCy NER grouped by name)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.record import Entity


@Language.component("ww_entities", assigns=["doc._.ww_entities", "doc._.ww_mentions"])
def ww_entities(doc: Doc) -> Doc:
    by_name: dict[tuple[str, str], Entity] = {}
    mentions: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        key = (ent.text, ent.label_)
        if key not in by_name:
            by_name[key] = Entity(id=f"e{len(by_name) + 1}", name=ent.text, type=ent.label_)
        e = by_name[key]
        e.mentions.append((ent.start_char, ent.end_char))
        mentions.append((ent.start_char, ent.end_char, e.id))
    doc._.ww_entities = list(by_name.values())
    doc._.ww_mentions = sorted(mentions)
    return doc
