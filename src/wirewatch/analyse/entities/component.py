"""ww_entities: canonical entities within the article.

    doc.ents -> mentions trimmed to names, with titles, affiliations, acronyms
             -> entities (one per real-world entity, labels repaired, ISO3/IGO codes)
             -> titles used alone ("the Secretary") as further mentions

Writes ``doc._.ww_entities`` (list of Entity, ids e1.. in order of first
mention) and ``doc._.ww_mentions`` (every mention as (start, end, entity id),
sorted) for the later stages.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse.entities.extract import extract
from wirewatch.analyse.entities.resolve import resolve
from wirewatch.analyse.entities.roles import role_mentions, surname_mentions
from wirewatch.record import Entity


def compute(doc: Doc, words: frozenset[str] = frozenset()) -> tuple[list[Entity], list[tuple[int, int, str]]]:
    """The entities of a parsed Doc and all their mentions; writes nothing.

    ``words`` is an English word list (the model's lemmatizer index) that tells
    "Painting Trump" from "Ivana Trump"; without it that repair is skipped.
    """
    entities, mentions = resolve(extract(doc), words)
    extra = role_mentions(doc, entities, mentions)
    extra += surname_mentions(doc, entities, mentions + extra)
    if extra:
        by_id = {e.id: e for e in entities}
        for start, end, ent_id in extra:
            by_id[ent_id].mentions.append((start, end))
        for e in entities:
            e.mentions.sort()
        mentions = sorted(mentions + extra)
    return entities, mentions


def english_words(nlp: Language) -> frozenset[str]:
    """Base forms the model's rule lemmatizer knows (nouns, verbs, adjectives, adverbs)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return frozenset()
    index = lookups.get_table("lemma_index")
    out: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        entries: Iterable[str] = index.get(pos, [])
        out.update(entries)
    return frozenset(out)


class EntitiesComponent:
    """The ``ww_entities`` pipe: compute, then annotate."""

    def __init__(self, words: frozenset[str]):
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        entities, mentions = compute(doc, self.words)
        doc._.ww_entities = entities
        doc._.ww_mentions = mentions
        return doc


@Language.factory("ww_entities", assigns=["doc._.ww_entities", "doc._.ww_mentions"])
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(english_words(nlp))
