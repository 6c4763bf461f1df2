"""What the stories stage reads from an article record: actors, names, sentences, dates.

Pure functions over ``Record``: actor keys (country or IGO codes, and entity
names) are how facts from different articles are recognised as being about
the same parties, since entity ids are only unique within one article.
"""

from __future__ import annotations

import re
import unicodedata

from wirewatch.record import Actor, Entity, Event, Record

# Entity types that name a story's parties and places; dates, numbers and money do not.
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Case- and accent-insensitive form of a name, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", plain).strip(" .,;:'\"\u2019\u201c\u201d")


def entities_by_id(record: Record) -> dict[str, Entity]:
    return {e.id: e for e in record.entities}


def actor_display(actor: Actor, entities: dict[str, Entity]) -> str:
    entity = entities.get(actor.entity or "")
    return entity.name if entity is not None else actor.text


def actor_keys(actor: Actor, entities: dict[str, Entity]) -> set[str]:
    """Keys under which this actor is the same party in another article."""
    keys: set[str] = set()
    if actor.code:
        keys.add(actor.code.upper())
    entity = entities.get(actor.entity or "")
    if entity is not None:
        keys.add(norm(entity.name))
        if entity.country:
            keys.add(entity.country.upper())
    elif actor.text:
        keys.add(norm(actor.text))
    keys.discard("")
    return keys


def event_keys(event: Event, entities: dict[str, Entity]) -> set[str]:
    keys: set[str] = set()
    for actor in event.source + event.target:
        keys |= actor_keys(actor, entities)
    return keys


def event_actors(event: Event, entities: dict[str, Entity]) -> list[str]:
    out: list[str] = []
    for actor in event.source + event.target:
        name = actor_display(actor, entities)
        if name and name not in out:
            out.append(name)
    return out


def sentence(record: Record, span: tuple[int, int], part: str | None = None) -> str:
    """The evidence text of a span, on one line."""
    text = record.text
    if part and part.startswith("caption:"):
        index = part.split(":", 1)[1]
        if not index.isdigit() or int(index) >= len(record.captions):
            return ""
        text = record.captions[int(index)].text
    start, end = max(0, span[0]), max(0, span[1])
    return " ".join(text[start:end].split())


def article_day(record: Record) -> str | None:
    """The article's publication day (ISO), or None."""
    published = record.published or ""
    return published[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", published) else None


def name_matches(name: str, actor: Actor, entities: dict[str, Entity]) -> bool:
    """Whether an actor is the party a user named ("Putin", "Russia", "RUS", "Elena Varga")."""
    from wirewatch.analyse.lexicon import country_code, igo_code

    wanted = norm(name)
    if not wanted:
        return False
    code = (actor.code or "").upper()
    if code and (wanted.upper() == code or country_code(name) == code or igo_code(name) == code):
        return True
    entity = entities.get(actor.entity or "")
    names = [actor.text] + ([entity.name, *entity.aliases] if entity is not None else [])
    for candidate in names:
        words = norm(candidate).split()
        target = wanted.split()
        # Whole words in order: "Putin" matches "Vladimir Putin", never "Putinism".
        for i in range(len(words) - len(target) + 1):
            if words[i:i + len(target)] == target:
                return True
    return False
