"""Target search: the nearest actor-like phrase in what a trigger governs.

Breadth first through the parse below the trigger, skipping subjects, clauses
that report or qualify, and things ("curfew", "aid"); a phrase naming no
country brings the nearest one that does ("refugees ... in Liberia").
"""

from __future__ import annotations

from typing import TypeGuard

from spacy.tokens import Token

from wirewatch.analyse.events import triggers as tr
from wirewatch.analyse.events.codes import code_of_tokens, related

_NOT_ACTORS = frozenset({"this", "that", "which", "what", "there", "who", "these",
                         "those", "itself", "something", "nothing", "one", "all", "each"})
ACTOR_POS = frozenset({"NOUN", "PROPN", "PRON"})


def is_actor(tok: Token | None) -> TypeGuard[Token]:
    if tok is None or tok.lower_ in _NOT_ACTORS:
        return False
    if tok.lower_ == "it" and tok.head.lemma_ == "be" and \
            any(c.dep_ == "attr" for c in tok.head.children):
        return False  # "It was the second summit": the event, not a party
    if tok.pos_ == "PRON" and tok.lower_ not in {"he", "she", "they", "him", "her", "them",
                                                 "we", "his", "their", "its", "it"}:
        return False
    return tok.pos_ in ACTOR_POS or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")


_SKIP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "punct", "aux", "auxpass", "neg",
                        "mark", "cc", "det", "relcl", "advcl", "npadvmod", "advmod", "expl",
                        "nummod", "quantmod", "parataxis", "case", "prt", "acomp", "appos"})
_NOT_PARTY_PREPS = frozenset({"according"})
# Kinds of event aimed at a party, which may be named far down the clause.
DEEP_TARGET_TYPES = frozenset({"PROTEST", "MOBILIZE", "THREATEN", "ASSAULT", "ACCUSE", "REQUEST",
                                "SANCTION", "COERCE", "REJECT", "AGREE", "CONCEDE", "AID",
                                "SUPPORT", "COOPERATE", "RETREAT"})
THING_OBJECT_TYPES = frozenset({"RETREAT", "AID", "MOBILIZE", "COOPERATE", "CONCEDE"})
PEOPLE = frozenset({"refugee", "civilian", "prisoner", "student", "worker", "people", "villager",
                     "resident", "protester", "demonstrator", "population", "immigrant",
                     "national", "citizen", "settler", "activist", "journalist", "diplomat",
                     "leader", "official", "minister", "authority", "government", "force",
                     "troop", "soldier", "rebel", "militant", "guerrilla", "police", "army",
                     "candidate", "opposition", "party", "group", "inspector", "peacekeeper",
                     "observer", "negotiator", "hostage", "mediator", "court", "parliament",
                     "council", "administration", "regime", "community", "union", "movement",
                     "organization", "organisation", "agency", "militia", "ally", "enemy",
                     "insurgent", "fighter", "member", "adviser", "advisor", "serviceman"})


def actorish(tok: Token) -> bool:
    """Whether ``tok`` heads a phrase naming an actor (not a thing like "curfew" or "aid")."""
    if tok.pos_ == "PRON":
        return is_actor(tok)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    if tok.lemma_.lower() in PEOPLE or lexicon_sector(tok) is not None:
        return True
    if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.ent_type_:
        return True  # a name the NER missed ("the city of Kharkiv")
    return has_code(tok)


def lexicon_sector(tok: Token) -> str | None:
    from wirewatch.analyse import lexicon as lx

    return lx.sector(tok.lemma_.lower())


def search_target(starts: list[Token], exclude: set[int], etype: str,
                  max_depth: int = 4) -> list[Token]:
    """The nearest actor-like phrase in what the trigger governs (breadth first).

    When the nearest names no country ("refugees"), the nearest one that does
    ("in Liberia") comes with it, so that the record says whose refugees.
    """
    frontier = [(s, 0) for s in starts]
    seen = {s.i for s in starts} | exclude
    found: list[Token] = []
    while frontier:
        tok, d = frontier.pop(0)
        for c in tok.children:
            if c.i in seen:
                continue
            # "demanded that the US cancel ...": the subject of the demanded action
            reported_subject = c.dep_ in ("nsubj", "nsubjpass") and d > 0 and (
                tok.dep_ in ("ccomp", "xcomp") or (tok.dep_ == "acl" and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in tok.children)))
            # ("its call that Chad's government release ...": a noun's that-clause)
            # protests name their target in a purpose clause ("to demand the resignation of X")
            purpose = c.dep_ == "advcl" and (etype == "PROTEST" or (
                etype == "ASSAULT" and (c.tag_ == "VBG"  # "..., killing four civilians"
                                        or _infinitive(c))))  # "opened fire to disperse X"
            # "kidnapped up to 16 advisers": the parser reads "up" as a particle
            up_to = c.dep_ == "prt" and c.lower_ == "up" and any(g.lower_ == "to" for g in c.children)
            # "condemned as a disgrace Belarus's jailing of ...": the object after "as X"
            as_object = c.dep_ == "appos" and tok.dep_ == "pobj" and tok.head.lower_ == "as"
            if c.dep_ in _SKIP_DEPS and not (reported_subject or purpose or up_to or as_object):
                continue
            if c.dep_ == "prep" and c.lower_ in _NOT_PARTY_PREPS:
                continue  # "according to a senator" names a source of the report
            seen.add(c.i)
            if c.pos_ in ("VERB", "AUX") and c.lemma_ in tr.REPORTING:
                continue
            if c.dep_ == "poss" and (c.pos_ == "PRON" or (d == 0 and tok.pos_ == "NOUN")
                                     or related(c)):
                continue  # "Russia's demands": the possessor is the source, not the target;
                # "Syria's militia ally" is not Syria
            if c.dep_ == "dobj" and etype in THING_OBJECT_TYPES and d == 0 and \
                    c.ent_type_ not in ("GPE", "PERSON", "ORG"):
                things = [c] + [g for g in c.children if g.dep_ == "conj"]
                seen.update(g.i for g in things)
                frontier.extend((g, d + 1) for g in things)
                continue
            if c.dep_ == "pobj" and tok.lower_ in ("in", "at", "near") and etype == "CONSULT":
                continue
            if actorish(c) and c.pos_ == "NOUN" and not c.ent_type_:
                # "Ukraine's abandonment of ...": the possessor is the party
                poss = next((g for g in c.children if g.dep_ == "poss" and g.pos_ != "PRON"
                             and has_code(g)), None)
                if poss is not None and not has_code_self(c):
                    c = poss
            if actorish(c):
                if not found:
                    found.append(c)
                    if has_code(c) or c.ent_type_ in ("GPE", "NORP"):
                        return found
                elif has_code(c) or c.ent_type_ in ("GPE", "NORP"):
                    found.append(c)
                    return found
            if d + 1 <= max_depth:
                frontier.append((c, d + 1))
    return found


def _infinitive(verb: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children)


def has_code_self(tok: Token) -> bool:
    mods = [t for c in tok.children if c.dep_ in ("amod", "compound") for t in c.subtree]
    return code_of_tokens(sorted(mods + [tok], key=lambda t: t.i)) is not None


def has_code(tok: Token) -> bool:
    mods = [t for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
            for t in c.subtree]
    return code_of_tokens(sorted(mods + [tok], key=lambda t: t.i)) is not None
