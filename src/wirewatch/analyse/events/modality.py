"""Modality from the parse: asserted, future, negated, cancelled or hypothetical.

The cues are read on the trigger and on the words that govern it up to the
clause that reports it (a reporting verb's own tense says nothing about the
reported event): "will meet", "plans to meet", "no plans to meet", "did not
meet", "called off the summit", "if they met", "a potential summit".
Precedence: cancelled > negated > hypothetical > future > asserted, because a
called-off plan was once future and a denied one is no longer a plan.
"""

from __future__ import annotations

from spacy.tokens import Token

from wirewatch.analyse.events.triggers import REPORTING, TRANSPARENT

_CANCEL_VERBS = frozenset({"cancel", "postpone", "scrap", "shelve", "abandon", "delay",
                           "scuttle", "axe", "drop", "defer", "suspend", "call", "push", "put"})
_CANCEL_ADJ = frozenset({"cancelled", "canceled", "postponed", "scrapped", "aborted",
                         "shelved", "delayed", "suspended"})
_HYPO_AUX = frozenset({"could", "may", "might", "would", "should", "can"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPO_ADJ = frozenset({"potential", "possible", "proposed", "hypothetical", "prospective",
                       "likely", "conditional", "eventual"})
_FUTURE_ADJ = frozenset({"planned", "upcoming", "scheduled", "forthcoming", "future", "next",
                         "expected", "anticipated", "coming", "impending"})
_FUTURE_NOUNS = frozenset({"plan", "intention", "proposal", "expectation", "prospect",
                           "invitation", "offer", "readiness"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})
_FUTURE_PREPS = frozenset({"within"})
_FUTURE_TIME = frozenset({"tomorrow", "next", "later", "soon", "upcoming", "coming"})


def chain(trigger: Token) -> list[Token]:
    """The trigger and its governors up to (not into) a reporting verb or the root."""
    out = [trigger]
    tok = trigger
    while tok.head != tok and tok.dep_ not in ("ccomp", "parataxis"):
        head = tok.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_ in REPORTING and tok.dep_ != "xcomp":
            break
        if tok.dep_ in ("conj", "advcl", "relcl") and head.pos_ in ("VERB", "AUX"):
            break
        if tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBN", "VBD"):
            break  # "weapons seized last year": the participle has its own time
        out.append(head)
        tok = head
    return out


def _reported(tok: Token) -> bool:
    """Whether ``tok``'s clause is the complement of a reporting verb ("said it would")."""
    top = chain(tok)[-1]
    return top.dep_ in ("ccomp", "parataxis") and top.head.lemma_ in REPORTING


def _cancelling(tok: Token) -> bool:
    if tok.pos_ != "VERB" or tok.lemma_ not in _CANCEL_VERBS:
        return False
    if tok.lemma_ in ("call", "push", "put"):
        # "called off", "pushed back", "put off"; not "called for", "pushed for"
        return any(c.dep_ in ("prt", "advmod") and c.lower_ in ("off", "back")
                   for c in tok.children)
    return True


def _cancelled(trigger: Token, path: list[Token]) -> bool:
    if any(c.lower_ in _CANCEL_ADJ for c in trigger.children if c.dep_ in ("amod", "acl")):
        # "will hold their postponed summit on June 16": rescheduled, so planned again
        return not _future(trigger, path)
    for tok in path[1:]:
        if _cancelling(tok):
            return True
        # "had been planned for April 14 but was postponed"
        if any(c.dep_ == "conj" and _cancelling(c) and
               not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
               for c in tok.children):
            return True
    # "the summit was called off": the trigger is the subject of a cancelling verb
    if trigger.dep_ in ("nsubjpass", "nsubj") and _cancelling(trigger.head):
        return True
    return False


def _negated(path: list[Token]) -> bool:
    for tok in path:
        for c in tok.children:
            if c.dep_ == "neg" and c.lower_ in _NEG_WORDS:
                return True
            if c.dep_ == "det" and c.lower_ == "no":
                return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "without":
            return True
    return False


def _hypothetical(trigger: Token, path: list[Token]) -> bool:
    if any(c.lower_ in _HYPO_ADJ for c in trigger.children if c.dep_ in ("amod", "compound")):
        return True
    for tok in path:
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
            if c.dep_ == "aux" and c.lower_ in _HYPO_AUX:
                if c.lower_ == "would" and _reported(tok):
                    continue  # "said it would withdraw": a reported future
                return True
        if tok != trigger and TRANSPARENT.get(tok.lemma_) == "hypothetical":
            return True
    return False


def _future(trigger: Token, path: list[Token]) -> bool:
    if any(c.lower_ in _FUTURE_ADJ for c in trigger.children if c.dep_ in ("amod", "compound")):
        return True
    for tok in path:
        for c in tok.children:
            if c.dep_ == "aux" and (c.lower_ in _FUTURE_AUX or (c.lower_ == "would" and
                                                                _reported(tok))):
                return True
            if c.dep_ == "prep" and c.lower_ in _FUTURE_PREPS:
                return True
            if c.dep_ in ("npadvmod", "advmod") and c.lower_ in _FUTURE_TIME and not (
                    c.lower_ in ("later", "soon") and tok.tag_ == "VBD"):
                return True  # but "Orban later accused Kyiv": past is past
            if c.dep_ == "prep" and any(g.lower_ in ("future", "weeks", "days", "months")
                                        and any(m.lower_ in _FUTURE_TIME for m in g.children)
                                        for g in c.children):
                return True
        if tok != trigger and (TRANSPARENT.get(tok.lemma_) == "future" or
                                   (tok.pos_ == "NOUN" and tok.lemma_ in _FUTURE_NOUNS)):
            return True
        if tok.lower_ == "going" and any(c.lower_ == "to" for c in trigger.children):
            return True
    return False


def modality_of(trigger: Token, anchor: Token | None = None) -> str:
    """Modality of the event whose trigger is ``trigger`` (``anchor``: its governing verb)."""
    path = chain(trigger)
    if anchor is not None and anchor != trigger:
        path = path + [t for t in chain(anchor) if t not in path]
    if _cancelled(trigger, path):
        return "cancelled"
    if _negated(path):
        return "negated"
    if _hypothetical(trigger, path):
        return "hypothetical"
    if _future(trigger, path):
        return "future"
    return "asserted"
