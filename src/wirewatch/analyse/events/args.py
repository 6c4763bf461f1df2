"""Argument extraction: which noun phrases are the source and the target of a candidate.

Dependency rules: the subject (climbing through "wants to", "is willing to",
coordinated verbs) is the source, or the ``by`` agent of a passive, whose
subject is then the target; the direct object and the objects of ``with``,
``to``, ``against``, ``on``, ``from`` ... are targets. Nouns take their
possessor or the subject of the verb that has them as object ("X held talks
with Y"), and ``between`` lists every party.
"""

from __future__ import annotations

from typing import TypeGuard

from spacy.tokens import Token

from wirewatch.analyse.events import triggers as tr
from wirewatch.analyse.events.detect import Candidate

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"xcomp", "acomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp"})
_TARGET_PREPS = frozenset({"with", "to", "against", "on", "from", "toward", "towards", "into",
                           "upon", "at", "over", "for", "in"})
_NOUN_TARGET_PREPS = frozenset({"with", "against", "on", "to", "toward", "towards", "from",
                                "of", "into", "upon", "over", "for"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_NOT_ACTORS = frozenset({"this", "that", "which", "what", "there", "who", "these",
                         "those", "itself", "something", "nothing", "one", "all", "each"})
_ACTOR_POS = frozenset({"NOUN", "PROPN", "PRON"})


def subject_of(tok: Token, limit: int = 6) -> tuple[Token | None, bool]:
    """(subject, passive) of the clause of ``tok``, climbing to the governing verb."""
    for _ in range(limit):
        for c in tok.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, True
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c, False
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return None, True
        if tok.dep_ == "relcl" and tok.head.pos_ in _ACTOR_POS:
            return tok.head, False
        if tok.dep_ not in _CLIMB or tok.head == tok:
            return None, False
        if tok.dep_ == "ccomp" and tok.head.lemma_ in tr.REPORTING:
            return None, False
        tok = tok.head
    return None, False


def passive_subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)


def _is_actor(tok: Token | None) -> TypeGuard[Token]:
    if tok is None or tok.lower_ in _NOT_ACTORS:
        return False
    if tok.pos_ == "PRON" and tok.lower_ not in {"he", "she", "they", "him", "her", "them",
                                                 "we", "his", "their", "its", "it"}:
        return False
    return tok.pos_ in _ACTOR_POS or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in _PLACE_ENTS


def _preps(tok: Token, allowed: frozenset[str], skip_places: bool) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in allowed:
            continue
        for p in _pobjs(c):
            if c.lower_ in ("in", "at") and (skip_places or not _is_place(p)):
                continue
            if c.lower_ == "for" and p.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON"):
                continue
            if _is_actor(p) and p.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY"):
                out.append(p)
    return out


def _between(tok: Token) -> list[Token]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among"):
            return [p for p in _pobjs(c) if _is_actor(p)]
    return []


def _first_entity(tok: Token, exclude: set[int]) -> Token | None:
    for t in tok.subtree:
        if t.i in exclude or t == tok:
            continue
        if t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") and t.ent_iob_ == "B":
            ent_root = next((e for e in t.doc.ents if e.start == t.i), None)
            return ent_root.root if ent_root is not None else t
    return None


def arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    """Heads of the source and target phrases (unresolved; see actors.phrase_actors)."""
    head, anchor = cand.head, cand.anchor
    sources: list[Token] = []
    targets: list[Token] = []
    is_noun = cand.is_noun and anchor == head
    if cand.governor is not None and anchor != head:
        subj, passive = subject_of(anchor)
        if cand.governor == "MUST":
            subj = _reporter(anchor)
            own, _p = subject_of(head) if head != anchor else (None, False)
            own = own or next((c for c in anchor.children if c.dep_ in _SUBJ), None)
            if _is_actor(own):
                targets.append(own)
        if _is_actor(subj):
            sources.append(subj)
        if cand.governor in ("REQUEST", "REJECT", "THREATEN"):
            for c in anchor.children:
                if c.dep_ in ("dobj", "iobj") and c != head and _is_actor(c) and \
                        raw_target_ok(c):
                    targets.append(c)
            targets.extend(p for p in _preps(anchor, frozenset({"on", "to", "from", "against"}),
                                             True) if p != head)
            for c in anchor.children:
                if c.dep_ == "ccomp":
                    s = next((g for g in c.children if g.dep_ in _SUBJ), None)
                    if _is_actor(s):
                        targets.append(s)
        if not targets:
            targets.extend(_targets_of(head, cand, exclude=set(t.i for t in sources)))
        return sources, targets
    if cand.governor == "MUST":
        subj = _reporter(anchor)
        own = next((c for c in anchor.children if c.dep_ in _SUBJ), None)
        return ([subj] if _is_actor(subj) else []), ([own] if _is_actor(own) else [])
    if is_noun or (cand.is_noun and anchor != head):
        between = _between(head)
        if between:
            return between, []
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        verb = anchor if anchor != head else None
        if verb is None and head.dep_ in ("dobj", "attr", "nsubjpass") and \
                head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
        if verb is not None:
            subj, passive = subject_of(verb)
            if _is_actor(subj) and not passive:
                sources.append(subj)
        if not sources and _is_actor(poss):
            sources.append(poss)
        agent = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                      for p in _pobjs(c)), None)
        if not sources and _is_actor(agent):
            sources.append(agent)
        targets.extend(_targets_of(head, cand, exclude=set(t.i for t in sources)))
        if verb is not None and not targets:
            targets.extend(p for p in _preps(verb, _TARGET_PREPS, cand.sense.mode != "visit")
                           if p != head)
        return sources, targets
    subj, passive = subject_of(head)
    if passive:
        if _is_actor(subj):
            sources.append(subj)
        ps = passive_subject(head)
        if _is_actor(ps):
            targets.append(ps)
    elif _is_actor(subj):
        sources.append(subj)
    if not targets:
        targets.extend(_targets_of(head, cand, exclude=set(t.i for t in sources)))
    return sources, targets


def raw_target_ok(tok: Token) -> bool:
    return tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")


def _targets_of(head: Token, cand: Candidate, exclude: set[int]) -> list[Token]:
    out: list[Token] = []
    if head.pos_ in ("VERB", "AUX"):
        for c in head.children:
            if c.dep_ in ("dobj", "dative", "iobj") and _is_actor(c) and raw_target_ok(c):
                if cand.sense.type in ("PROTEST", "ASSAULT", "COERCE") or \
                        c.ent_type_ or c.pos_ in ("PROPN", "PRON") or _has_code(c):
                    out.append(c)
        out.extend(_preps(head, _TARGET_PREPS, cand.sense.mode != "visit"))
        if not out:
            # "sent inspectors to Iran": the object's own preposition
            for c in head.children:
                if c.dep_ == "dobj":
                    out.extend(_preps(c, frozenset({"to", "of", "against", "from"}), True))
        if not out and cand.sense.type in ("ASSAULT", "REQUEST", "ACCUSE", "THREATEN",
                                           "SANCTION", "AID", "COERCE"):
            for c in head.children:
                if c.dep_ == "dobj":
                    e = _first_entity(c, exclude)
                    if e is not None:
                        out.append(e)
    else:
        out.extend(_preps(head, _NOUN_TARGET_PREPS, cand.sense.mode != "visit"))
        if not out and cand.sense.type in ("REQUEST", "ACCUSE", "THREATEN", "SANCTION", "AID",
                                           "ASSAULT", "COERCE"):
            e = _first_entity(head, exclude)
            if e is not None:
                out.append(e)
    return [t for t in out if t.i not in exclude]


def _has_code(tok: Token) -> bool:
    from wirewatch.analyse.events.actors import code_of_tokens

    return code_of_tokens(list(tok.subtree)[:8]) is not None


def _reporter(tok: Token) -> Token | None:
    while tok.dep_ not in ("ccomp", "ROOT") and tok.head != tok:
        tok = tok.head
    if tok.dep_ == "ccomp":
        return next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None
