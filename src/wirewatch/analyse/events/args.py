"""Argument extraction: which noun phrases are the source and the target of a candidate.

Dependency rules: the subject (climbing through "wants to", "is willing to",
coordinated verbs) is the source, or the ``by`` agent of a passive, whose
subject is then the target; the direct object and the objects of ``with``,
``to``, ``against``, ``on``, ``from`` ... are targets. Nouns take their
possessor or the subject of the verb that has them as object ("X held talks
with Y"), and ``between`` lists every party.
"""

from __future__ import annotations

from spacy.tokens import Token

from wirewatch.analyse.events import triggers as tr
from wirewatch.analyse.events.detect import Candidate, caption_verb
from wirewatch.analyse.events.search import (
    ACTOR_POS,
    DEEP_TARGET_TYPES,
    PEOPLE,
    THING_OBJECT_TYPES,
    actorish,
    has_code,
    is_actor,
    lexicon_sector,
    search_target,
)

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"xcomp", "acomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PARTY_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})



def subject_of(tok: Token, limit: int = 6) -> tuple[Token | None, bool]:
    """(subject, passive) of the clause of ``tok``, climbing to the governing verb."""
    came_from_xcomp = False
    for _ in range(limit):
        # an active subject wins over a "by" the parser took for an agent ("X shortened by
        # one hour the curfew")
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return _noun_subject(c), False
        for c in tok.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, True
        if tok.dep_ == "acl" and _finite(tok) and tok.head.pos_ in ("NOUN", "PROPN"):
            # a finite verb hung on a noun is a misparsed clause: "Doctors from two aid
            # groups donated ...", the noun phrase it hangs on is the subject
            np = tok.head
            while np.dep_ == "pobj" and np.head.dep_ == "prep" and \
                    np.head.head.pos_ in ("NOUN", "PROPN"):
                np = np.head.head
            return np, False
        passive_subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive_subj is not None and came_from_xcomp and tok.lemma_ in tr.TRANSPARENT:
            return passive_subj, False  # "X is expected to visit": X visits
        if passive_subj is not None:
            return None, True
        if tok.dep_ == "relcl" and tok.head.pos_ in ACTOR_POS:
            return tok.head, False
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "attr") and \
                tok.head.head.pos_ in ("VERB", "AUX"):
            # "X have no plans to meet": the subject of the verb holding the plan
            tok = tok.head.head
            continue
        if tok.dep_ not in _CLIMB or tok.head == tok:
            return None, False
        if tok.dep_ == "ccomp" and tok.head.lemma_ in tr.REPORTING:
            return None, False
        came_from_xcomp = tok.dep_ == "xcomp"
        tok = tok.head
    return None, False


def _finite(verb: Token) -> bool:
    """A finite verb, or a participle coordinated with one ("donated and delivered")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ == "VBN" and any(
        c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP") for c in verb.children))


def _noun_subject(subj: Token) -> Token:
    """ "The aid agency working in Yemen said": the parser makes the participle the subject
    and the noun its subject; the noun is who acts."""
    if subj.pos_ == "VERB" and subj.tag_ == "VBG":
        inner = next((c for c in subj.children if c.dep_ in ("nsubj", "nsubjpass")
                      and c.pos_ in ("NOUN", "PROPN")), None)
        if inner is not None:
            return inner
    return subj


def passive_subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def _between(tok: Token) -> list[Token]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among"):
            return [p for p in _pobjs(c) if is_actor(p)]
    return []


def _noun_verb(head: Token) -> Token | None:
    """The verb a noun trigger is the object of, through "of"/"in" ("launched days of war games").

    Not through a time or setting ("told reporters after the meeting"), nor a reporting verb.
    """
    tok = head
    via_prep = False
    for _ in range(4):
        if tok.dep_ not in ("dobj", "attr", "pobj", "prep", "nsubjpass", "oprd", "conj", "appos"):
            return None
        if tok.dep_ == "prep" and tok.lower_ not in ("of", "in", "at", "for", "into", "to", "as"):
            return None
        via_prep = via_prep or tok.dep_ == "prep"
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            # "reiterated its demands" is the reporter's; "told reporters at the meeting" is not
            return None if via_prep and tok.lemma_ in tr.REPORTING else tok
    return None


def _passive_place(verb: Token) -> Token | None:
    """ "X was arrested in Lebanon": the state where it happened did it."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in _pobjs(c):
                if p.ent_type_ == "GPE":
                    return p
    return None


_ADJECTIVAL = frozenset({"oppose", "commit", "prepare", "determine", "resolve", "dedicate",
                         "engage", "involve", "concern", "opposed", "committed", "prepared"})


_SELF_DONE = frozenset({"demobilize", "demobilise", "disarm", "withdraw", "evacuate", "surrender",
                        "retreat", "resign"})


def _verb_sources(verb: Token) -> tuple[list[Token], list[Token]]:
    subj, passive = subject_of(verb)
    if passive and subj is None and verb.lemma_ in _SELF_DONE:
        # "guerrillas have been demobilized": they demobilized
        ps = passive_subject(verb)
        return ([ps] if is_actor(ps) else []), []
    if passive and verb.lemma_ in _ADJECTIVAL:
        # "Israel is opposed to ...": an adjective, not a passive
        ps = passive_subject(verb)
        return ([ps] if is_actor(ps) else []), []
    sources: list[Token] = []
    targets: list[Token] = []
    if passive:
        if is_actor(subj):
            sources.append(subj)
        ps = passive_subject(verb)
        if is_actor(ps):
            targets.append(ps)
        if not sources:
            place = _passive_place(verb)
            if place is not None:
                sources.append(place)
    elif is_actor(subj):
        sources.append(subj)
        # the parser sometimes gives a coordination two subjects
        sources.extend(c for c in subj.head.children
                       if c.dep_ == "nsubj" and c != subj and is_actor(c))
    return sources, targets


def arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    """Heads of the source and target phrases (unresolved; see actors.phrase_actors)."""
    if cand.args is None:
        cand.args = _compute_arguments(cand)
    return cand.args


def _compute_arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    sources, targets = _arguments(cand)
    own = {cand.head.i} | {t.i for t in cand.tokens}
    # the trigger is never its own party, nor is a record or an idea ("the video", "reasons");
    # but a cue may take in the party acted on ("ordered out three Iranian envoys")
    sources = [t for t in sources if t.i not in own and not _thing(t)]
    # "protests against Chinese fishing policies": the policy's owner is the target
    targets = [_thing_owner(t) or t if _thing(t) else t for t in targets]
    targets = [t for t in targets if (t.i not in own or _party_in_cue(t, cand)) and not _thing(t)]
    if cand.sense.type in ("ACCUSE", "PROTEST"):
        targets = [_complained_of(t) for t in targets]
    return sources, _with_owner(targets, cand, {t.i for t in sources})


_THINGS = frozenset({"video", "footage", "recording", "reason", "argument", "report", "statement",
                     "idea", "thing", "way", "question", "issue", "problem", "decision", "policy",
                     "camera", "tweet", "remark", "comment", "document", "letter", "law", "bill",
                     "move", "step", "effort", "situation", "case", "story", "news",
                     "information", "data", "picture", "photo", "image", "speech", "interview",
                     "analysis", "study", "survey", "poll", "evidence", "fact", "time", "day",
                     "spill", "storm", "earthquake", "quake", "flood", "fire", "accident",
                     "crash", "disease", "virus", "outbreak", "drought", "heat", "explosion"})


def _party_in_cue(tok: Token, cand: Candidate) -> bool:
    """A people noun the cue's verb acts on, inside the cue: "ordered out three Iranian envoys"."""
    return tok != cand.head and tok != cand.anchor and tok.dep_ in ("dobj", "pobj") \
        and cand.sense.type not in THING_OBJECT_TYPES and tok.pos_ in ("NOUN", "PROPN") \
        and (tok.lemma_.lower() in PEOPLE or lexicon_sector(tok) is not None)


def _complained_of(tok: Token) -> Token:
    """ "complained to the U.N. over Israeli air raids": the one complained of, not the
    one complained to."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "to" or tok.head.dep_ != "prep":
        return tok
    for prep in tok.head.head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("over", "about", "against"):
            for obj in _pobjs(prep):
                owner = _thing_owner(obj)
                if owner is not None or has_code(obj) or obj.ent_type_ in _PARTY_ENTS:
                    return owner or obj
    return tok


def _thing_owner(tok: Token) -> Token | None:
    """The coded modifier of a thing ("Israeli" in "Israeli military policies"), if any."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.pos_ != "PRON" and \
                c.ent_type_ in ("NORP", "GPE", "ORG") and has_code(c):
            return c
    return None


def _thing(tok: Token) -> bool:
    """A record or an idea, which cannot act ("the video shows", "valid reasons to attack")."""
    return tok.pos_ == "NOUN" and not tok.ent_type_ and tok.lemma_.lower() in _THINGS


def _with_owner(targets: list[Token], cand: Candidate, exclude: set[int]) -> list[Token]:
    """ "a camp for Congolese refugees": a target naming no country brings the one it holds."""
    if not targets or any(has_code(t) or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                          for t in targets):
        return targets
    extra = search_target(targets[:1], exclude, cand.sense.type, max_depth=2)
    return targets + [t for t in extra if has_code(t) or t.ent_type_ in ("GPE", "NORP")]


def _caption_arguments(head: Token) -> tuple[list[Token], list[Token]]:
    """Names left of a mis-tagged caption verb act on the names right of it."""
    left = [c for c in head.children if c.i < head.i and c.ent_type_ in _PARTY_ENTS]
    right = [c for c in head.children if c.i > head.i and c.ent_type_ in _PARTY_ENTS]
    return left[-1:], right[:1]


def _arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    head, anchor = cand.head, cand.anchor
    sources: list[Token] = []
    targets: list[Token] = []
    if caption_verb(head):
        return _caption_arguments(head)
    if cand.governor == "MUST":
        subj = _reporter(anchor)
        own = next((c for c in anchor.children if c.dep_ in _SUBJ), None)
        if is_actor(subj):
            sources.append(subj)
        if is_actor(own):
            targets.append(own)
        if not targets:
            targets.extend(_targets_of(head, cand, {t.i for t in sources}))
        return sources, targets
    if cand.governor is not None and anchor != head:
        sources, targets = _verb_sources(anchor)
        if cand.governor in ("REQUEST", "REJECT", "THREATEN") and not targets:
            acted_on: list[Token] = []
            if head.dep_ == "xcomp" and head.head == anchor and not any(
                    c.dep_ in ("dobj", "iobj", "dative") for c in anchor.children):
                # "threatened to bomb Syrian villages": what the threatened act is done to
                acted_on = [t for t in _targets_of(head, cand, {t.i for t in sources})
                            if has_code(t) or t.ent_type_ in _PARTY_ENTS]
            targets.extend(acted_on)
            for c in anchor.children:
                if c.dep_ in ("dobj", "iobj", "dative") and c != head and actorish(c):
                    targets.append(c)
                if c.dep_ == "ccomp" and not acted_on and c.lemma_ not in tr.REPORTING:
                    s = next((g for g in c.children if g.dep_ in _SUBJ), None)
                    if is_actor(s) and actorish(s):
                        targets.append(s)
        if not targets and head.pos_ in ("NOUN", "PROPN"):
            # "rejected an Australian ultimatum": whose proposal it was
            targets.extend(c for c in head.children if c.dep_ in ("amod", "compound", "poss")
                           and c.pos_ != "PRON" and has_code(c))
        if not targets:
            targets.extend(_targets_of(head, cand, {t.i for t in sources}))
        if not targets and cand.governor == "THREATEN":
            targets.extend(_condition_subject(anchor))
        return sources, targets
    if cand.is_noun:
        between = _between(head) or (_between(anchor) if anchor != head else [])
        if between:
            return between, []
        verb = anchor if anchor != head else _noun_verb(head)
        if verb is not None:
            sources, targets = _verb_sources(verb)
            if not sources and targets and verb.lemma_ not in tr.LIGHT:
                # "forces were engaged in ethnic cleansing": the passive subject acts
                sources, targets = targets, []
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if is_actor(poss) and (not sources or (poss.pos_ != "PRON" and has_code(poss))):
            sources.append(poss)
        agent = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                      for p in _pobjs(c)), None)
        if not sources and is_actor(agent):
            sources.append(agent)
        if not sources and cand.sense.type != "CONSULT":
            # "Palestinian riots", "Israeli air raids": the demonym acts ("the Oradea summit"
            # names a place)
            sources.extend(c for c in head.children if c.dep_ in ("amod", "compound")
                           and c.ent_type_ in ("NORP", "GPE") and has_code(c))
        if not targets:
            targets.extend(_targets_of(head, cand, {t.i for t in sources}, verb))
        return sources, targets
    sources, targets = _verb_sources(head)
    if not targets:
        targets.extend(_targets_of(head, cand, {t.i for t in sources}))
    return sources, targets


def _condition_subject(verb: Token) -> list[Token]:
    """ "threatened ... unless Israel rescinded": the party the threat is aimed at."""
    for t in verb.subtree:
        if t.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in t.children):
            s = next((c for c in t.children if c.dep_ in _SUBJ), None)
            if is_actor(s) and actorish(s):
                return [s]
    return []


def _targets_of(head: Token, cand: Candidate, exclude: set[int],
                extra: Token | None = None) -> list[Token]:
    starts = [head] + ([cand.anchor] if cand.anchor != head else [])
    if extra is not None and all(extra != s for s in starts):
        starts.append(extra)
    found = search_target(starts, exclude, cand.sense.type)
    if not found and cand.sense.type in DEEP_TARGET_TYPES:
        # protests name their target far down: "staged a hunger strike in protest against
        # violations by Algerian security forces"; only a party with a code counts there
        found = [t for t in search_target(starts, exclude, cand.sense.type, max_depth=6)
                 if has_code(t) or t.ent_type_ in _PARTY_ENTS]
    return found


def _reporter(tok: Token) -> Token | None:
    """Who says that something must happen: the subject of the nearest verb above."""
    start = tok
    for _ in range(6):
        if tok.head == tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok != start:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return _noun_subject(subj)
    return None
