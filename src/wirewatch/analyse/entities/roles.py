"""Titles used alone as mentions: "the Secretary" is the article's one Secretary;
and surnames NER did not tag ("Orban later said") as mentions of the one person
named so in full.

Wire copy names a person once with their title ("Secretary Rubio") and may
then use the title alone ("between the Secretary and Foreign Minister").
Such a title is a mention of that person when exactly one person in the
article holds it; with two presidents, "the president" stays unresolved.
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.record import Entity

_MAX_ROLE_WORDS = 4


def _role_keys(role: str) -> set[str]:
    key = " ".join(role.split()).casefold()
    keys = {key}
    if " of " in key:  # "Secretary of State" is also "the Secretary"
        keys.add(key.split(" of ")[0])
    return keys


def role_mentions(doc: Doc, entities: list[Entity],
                  mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mentions ``(start, end, entity id)`` for titles used alone after "the"."""
    holders: dict[str, set[str]] = {}
    for e in entities:
        if e.type == "PERSON" and e.role:
            for key in _role_keys(e.role):
                holders.setdefault(key, set()).add(e.id)
    unique = {k: next(iter(v)) for k, v in holders.items() if len(v) == 1}
    if not unique:
        return []
    starts = {s for s, _e, _id in mentions}
    covered = [(s, e) for s, e, _id in mentions]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        prev = doc[i - 1] if i > 0 else None
        # "the Secretary", or the second of "the Secretary and Foreign Minister".
        after_the = prev is not None and prev.lower_ == "the"
        after_and = prev is not None and prev.lower_ == "and" and bool(found) \
            and found[-1][1] + 1 >= prev.idx - 1 and found[-1][1] <= prev.idx
        if not (after_the or after_and) or not tok.is_alpha:
            i += 1
            continue
        hit: tuple[int, int, str] | None = None
        width = 1
        for n in range(min(_MAX_ROLE_WORDS, len(doc) - i), 0, -1):
            span = doc[i:i + n]
            key = " ".join(span.text.split()).casefold()
            if key not in unique:
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            # A title before a name belongs to that name's mention, not to a role mention.
            # "the president of the European Commission" is someone else's title.
            if nxt is not None and (nxt.idx in starts or nxt.pos_ == "PROPN" or nxt.lower_ == "of"):
                break
            if any(s < span.end_char and span.start_char < e for s, e in covered):
                break
            hit, width = (span.start_char, span.end_char, unique[key]), n
            break
        if hit:
            found.append(hit)
        i += width
    return found


def surname_mentions(doc: Doc, entities: list[Entity],
                     mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mentions for a bare surname NER left untagged, when exactly one person in the article
    has that surname and was named in full before it."""
    owners: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for e in entities:
        words = e.name.split()
        if e.type == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            owners.setdefault(words[-1], set()).add(e.id)
            first[e.id] = min((m[0] for m in e.mentions if len(m) == 2), default=0)
    if not owners:
        return []
    covered = [(s, e) for s, e, _id in mentions]
    found: list[tuple[int, int, str]] = []
    for tok in doc:
        ids = owners.get(tok.text)
        if not ids or len(ids) != 1 or tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        ent_id = next(iter(ids))
        start, end = tok.idx, tok.idx + len(tok.text)
        if start <= first[ent_id] or any(s < end and start < e for s, e in covered):
            continue
        found.append((start, end, ent_id))
    return found
