"""ww_entities: canonical entities within the article.

    doc.ents -> mentions trimmed to names, with titles, affiliations, acronyms
             -> entities (one per real-world entity, labels repaired, ISO3/IGO codes)
             -> titles used alone ("the Secretary") as further mentions

Writes ``doc._.ww_entities`` (list of Entity, ids e1.. in order of first
mention) and ``doc._.ww_mentions`` (every mention as (start, end, entity id),
sorted) for the later stages.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse.entities.extract import extract
from wirewatch.analyse.entities.resolve import resolve
from wirewatch.analyse.entities.roles import role_mentions
from wirewatch.record import Entity


def compute(doc: Doc) -> tuple[list[Entity], list[tuple[int, int, str]]]:
    """The entities of a parsed Doc and all their mentions; writes nothing."""
    entities, mentions = resolve(extract(doc))
    extra = role_mentions(doc, entities, mentions)
    if extra:
        by_id = {e.id: e for e in entities}
        for start, end, ent_id in extra:
            by_id[ent_id].mentions.append((start, end))
        for e in entities:
            e.mentions.sort()
        mentions = sorted(mentions + extra)
    return entities, mentions


@Language.component("ww_entities", assigns=["doc._.ww_entities", "doc._.ww_mentions"])
def ww_entities(doc: Doc) -> Doc:
    entities, mentions = compute(doc)
    doc._.ww_entities = entities
    doc._.ww_mentions = mentions
    return doc
