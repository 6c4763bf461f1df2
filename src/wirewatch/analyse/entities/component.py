"""ww_entities: canonical entities within the article.

    doc.ents -> mentions trimmed to names, with titles, affiliations, acronyms
             -> entities (one per real-world entity, labels repaired, ISO3/IGO codes)

Writes ``doc._.ww_entities`` (list of Entity, ids e1.. in order of first
mention) and ``doc._.ww_mentions`` (every mention as (start, end, entity id),
sorted) for the later stages.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse.entities.extract import extract
from wirewatch.analyse.entities.resolve import resolve
from wirewatch.record import Entity


def compute(doc: Doc) -> tuple[list[Entity], list[tuple[int, int, str]]]:
    """The entities of a parsed Doc and all their mentions; writes nothing."""
    return resolve(extract(doc))


@Language.component("ww_entities", assigns=["doc._.ww_entities", "doc._.ww_mentions"])
def ww_entities(doc: Doc) -> Doc:
    entities, mentions = compute(doc)
    doc._.ww_entities = entities
    doc._.ww_mentions = mentions
    return doc
