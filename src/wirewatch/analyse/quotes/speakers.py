"""Speakers: the source of a cue, its noun phrase, and what it refers to.

Finding the source is syntax (the cue's subject, the object of "according
to", the agent of a passive); resolving it is discourse: a pronoun or a
role noun ("the official") takes the nearest compatible source before it,
named or anonymous.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from wirewatch.analyse import lexicon
from wirewatch.analyse.entities import actor_for_text
from wirewatch.analyse.quotes.context import Context
from wirewatch.analyse.quotes.words import (
    ANON_HEADS,
    CLAUSE_CUES,
    DIRECT_CUES,
    OBJECT_CUES,
    PRONOUNS_FIRST,
    PRONOUNS_PLURAL,
    PRONOUNS_SINGULAR,
    ROLE_HEADS,
    VAGUE_MODIFIERS,
)
from wirewatch.record import Quote, Speaker

_ALL_CUES = CLAUSE_CUES | OBJECT_CUES | DIRECT_CUES
_SUBJECT_REACH = 400  # characters: about the two sentences before a pronoun
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp", "prep", "pobj", "parataxis")
_LEFT_NP = ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "advmod")
_PERSONISH = ("PERSON", "ORG", "NORP", "GPE")


def source_of(cue: Token) -> Token | None:
    """The token heading the source of ``cue``: its subject, or its passive agent."""
    if cue.lower_ == "according":
        for ch in cue.children:
            if ch.lower_ == "to":
                for g in ch.children:
                    if g.dep_ == "pobj":
                        return g
        return None
    if cue.tag_ == "VBN" and cue.lemma_.lower() in ("ask", "question") and not any(
            c.dep_ in _SUBJ for c in cue.children):
        # "Asked about the vote, she said ...": who asked is unsaid unless "by X" names them.
        agent = [g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return agent[0] if agent else None
    if cue.dep_ in ("conj", "advcl") and not any(c.dep_ in _SUBJ for c in cue.children):
        # "said X and predicted Y", "said X, adding Y": the source of the
        # report this one is coordinated with, not of the clause in between.
        for anc in cue.ancestors:
            if anc.pos_ == "VERB" and anc.lemma_.lower() in _ALL_CUES:
                found = source_of(anc)
                if found is not None:
                    return found
                break
    tok: Token | None = cue
    for _ in range(4):
        if tok is None:
            break
        subj = [c for c in tok.children if c.dep_ in _SUBJ]
        if subj:
            s = subj[0]
            if s.dep_ == "nsubjpass":
                agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children
                         if g.dep_ == "pobj"]
                return agent[0] if agent else None
            return s
        if tok.dep_ == "acl" and tok.head.pos_ in ("PROPN", "NOUN"):
            # "footage of Clinton asking, ..." : the participle's noun speaks.
            return tok.head
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def np_bounds(head: Token, anonymous_head: bool) -> tuple[int, int]:
    """Token ``[start, end)`` of the noun phrase that ``head`` heads, without clauses."""
    start, end = head.i, head.i + 1
    for ch in head.lefts:
        if ch.dep_ in _LEFT_NP:
            start = min(start, ch.left_edge.i)
    if head.ent_iob_ != "O":
        doc = head.doc
        s = head.i
        while s > 0 and doc[s].ent_iob_ == "I":
            s -= 1
        e = head.i + 1
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
        start, end = min(start, s), max(end, e)
    for ch in head.rights:
        if ch.dep_ in ("compound", "flat", "nummod") and ch.i == end:
            end = ch.right_edge.i + 1
        elif anonymous_head and ch.dep_ in ("prep", "amod") and ch.i == end:
            if ch.dep_ == "amod" or ch.lower_ in ("for", "at", "with", "from", "in", "of", "close"):
                end = ch.right_edge.i + 1
    doc = head.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _affiliation(ctx: Context, head: Token, start: int, end: int) -> str | None:
    """What an anonymous source belongs to: "White House", "Vladimir Putin", "RUS"."""
    doc = ctx.doc
    pieces: list[tuple[int, int]] = []
    left = [t for t in doc[start:head.i] if t.lower_ not in VAGUE_MODIFIERS and not t.is_punct
            and t.dep_ != "det"]
    if left:
        pieces.append((left[0].i, left[-1].i + 1))
    for ch in head.rights:
        if ch.dep_ == "prep" and ch.lower_ in ("for", "at", "from", "in", "of", "with", "close"):
            objs = [g for g in ch.children if g.dep_ == "pobj"]
            if objs and ch.i < end:
                o = objs[0]
                ob = np_bounds(o, False)
                pieces.append((ob[0], ob[1]))
    found = _affiliation_of_pieces(ctx, pieces)
    if found is None:
        # Nothing named beside the head ("a senior administration official"):
        # the entities stage's actor coder may still know a country.
        code, _sector = actor_for_text(doc[start:end].text)
        found = code
    return found


def _affiliation_of_pieces(ctx: Context, pieces: list[tuple[int, int]]) -> str | None:
    doc = ctx.doc
    for s, e in pieces:
        span = doc[s:e]
        ent = ctx.entity_for(span.start_char, span.end_char)
        if ent is not None and ent.type in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            if ent.type == "NORP":
                return lexicon.country_code(ent.name) or ent.name
            return ent.name
        words = [t for t in span if t.lower_ not in VAGUE_MODIFIERS and t.dep_ != "det"]
        if not words:
            continue
        text = doc[words[0].i:words[-1].i + 1].text
        code = lexicon.country_code(text)
        if lexicon.is_metonym(text) or lexicon.igo_code(text):
            return text
        if code:
            return code
        if any(t.pos_ == "PROPN" for t in words):
            return text
    return None


def make_speaker(ctx: Context, head: Token) -> Speaker:
    """A speaker from the head of its noun phrase, resolved later by :func:`resolve`."""
    low = head.lower_
    anon_head = head.pos_ in ("NOUN",) and (low in ANON_HEADS or head.lemma_.lower() in ANON_HEADS)
    start, end = np_bounds(head, anon_head)
    span = ctx.doc[start:end]
    sp = Speaker(text=span.text, span=(span.start_char, span.end_char))
    if low in PRONOUNS_SINGULAR | PRONOUNS_PLURAL | PRONOUNS_FIRST:
        return sp
    if low in ("who", "that", "which") and head.head.dep_ == "relcl":
        # "Barkley, who said ...": the mention is "who"; it stands for Barkley.
        antecedent = make_speaker(ctx, head.head.head)
        return replace(antecedent, text=sp.text, span=sp.span)
    if head.ent_iob_ != "O" or head.pos_ == "PROPN":
        ent = ctx.entity_for(head.idx, head.idx + len(head.text))
        if ent is not None:
            return replace(sp, entity=ent.id)
        return sp
    if anon_head:
        appos = [c for c in head.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if appos:
            # "the Kremlin spokesman, Dmitry Peskov,": a role and the name that fills it.
            name = ctx.doc[np_bounds(appos[0], False)[0]:np_bounds(appos[0], False)[1]]
            ent = ctx.entity_for(name.start_char, name.end_char)
            whole = ctx.doc[start:name.end]
            return Speaker(text=whole.text, span=(whole.start_char, whole.end_char),
                           entity=ent.id if ent else None)
        named = [t for t in span if t.ent_type_ == "PERSON" and t.i > head.i]
        if not named:
            return replace(sp, anonymous=True, affiliation=_affiliation(ctx, head, start, end))
    ent = ctx.entity_for(sp.span[0], sp.span[1]) if sp.span else None
    if ent is not None and ent.type in _PERSONISH and head.ent_iob_ != "O":
        return replace(sp, entity=ent.id)
    return sp


def _is_subject(tok: Token) -> bool:
    """Whether the name starting at ``tok`` is a clause subject ("President Trump said")."""
    head = tok
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def _head_word(sp: Speaker) -> str:
    words = sp.text.split()
    return words[-1].lower().strip(".,") if words else ""


def resolve(ctx: Context, quotes: list[Quote]) -> list[Quote]:
    """Resolve pronouns and role nouns to the nearest compatible source before them."""
    # Antecedents: entity mentions outside quotes, and anonymous speakers.
    cands: list[tuple[int, str, Speaker | None, str | None]] = []  # (pos, kind, speaker, entity)
    subject_at: set[int] = set()
    for s, _e, ent_id in ctx.mentions:
        ent = ctx.entities.get(ent_id)
        if ent is None:
            continue
        tok = ctx.token_at(s)
        if tok is not None and ctx.inside_quote(tok):
            continue
        cands.append((s, ent.type, None, ent_id))
        if tok is not None and _is_subject(tok):
            subject_at.add(s)
    for q in quotes:
        sp = q.speaker
        if sp is not None and sp.span is not None and sp.anonymous:
            cands.append((sp.span[0], "ANON", sp, None))
    cands.sort(key=lambda c: c[0])
    out: list[Quote] = []
    for q in quotes:
        sp = q.speaker
        if sp is None or sp.span is None or sp.entity is not None:
            out.append(q)
            continue
        word = sp.text.lower()
        head = _head_word(sp)
        pos = sp.span[0]
        before = [c for c in cands if c[0] < pos]
        chosen: tuple[int, str, Speaker | None, str | None] | None = None
        if word in PRONOUNS_SINGULAR:
            fits = [c for c in reversed(before)
                    if c[1] == "PERSON" or (c[1] == "ANON" and c[2] is not None
                                            and _head_word(c[2]) not in ("officials", "sources"))]
            # "Trump met Putin. ... he said": a subject nearby outranks a nearer object.
            near = [c for c in fits if pos - c[0] < _SUBJECT_REACH]
            subjects = [c for c in near if c[0] in subject_at]
            chosen = subjects[0] if subjects else (fits[0] if fits else None)
        elif word in PRONOUNS_PLURAL:
            for c in reversed(before):
                if c[1] in ("ORG", "NORP", "GPE") or (c[1] == "ANON" and c[2] is not None
                                                       and _head_word(c[2]).endswith("s")):
                    chosen = c
                    break
        elif sp.anonymous and sp.text.lower().startswith("the "):
            for c in reversed(before):
                if c[1] == "ANON" and c[2] is not None and _head_word(c[2]) == head:
                    chosen = c
                    break
        elif head in ROLE_HEADS and word.startswith("the "):
            for c in reversed(before):
                ent = ctx.entities.get(c[3]) if c[3] else None
                role = (ent.role or "").lower() if ent is not None else ""
                if c[1] == "PERSON" and (head in role
                                         or head in ctx.text[max(0, c[0] - 40):c[0]].lower()):
                    chosen = c
                    break
        if chosen is None:
            out.append(q)
            continue
        if chosen[3] is not None:
            out.append(replace(q, speaker=replace(sp, entity=chosen[3], anonymous=False)))
        elif chosen[2] is not None:
            out.append(replace(q, speaker=replace(sp, anonymous=True,
                                                  affiliation=sp.affiliation or chosen[2].affiliation)))
        else:
            out.append(q)
    return out
