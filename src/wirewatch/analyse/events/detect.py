"""Trigger detection: which tokens of a sentence start an event, and of which category.

A *raw trigger* is a lexicon hit on one token (with its particle, object or
compound). Governors ("refused to", "threatened to", "agreed to", "urged ...
to") then combine with the trigger they govern into one *candidate*, so that
a sentence yields one event for "refused to meet" (REJECT meet), not two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from wirewatch.analyse.events import triggers as tr
from wirewatch.analyse.events.triggers import Sense

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_VERB_POS = frozenset({"VERB"})
_ADJ_GOVERNORS = frozenset({"willing", "ready", "prepared", "unwilling", "determined"})


@dataclass
class Raw:
    sense: Sense
    head: Token
    extra: list[Token] = field(default_factory=list)  # particle / object / compound


@dataclass
class Candidate:
    sense: Sense
    head: Token  # the token carrying the action (complement verb or noun)
    anchor: Token  # the token placed in the clause (governor, light verb, or head)
    tokens: list[Token]
    governor: str | None = None  # AGREE / REJECT / REQUEST / THREATEN / MUST
    modality: str | None = None  # forced modality (composition), else from the parse
    args: tuple[list[Token], list[Token]] | None = None  # source/target heads, once computed

    @property
    def is_noun(self) -> bool:
        return self.head.pos_ in _NOUN_POS and not caption_verb(self.head)


def caption_verb(tok: Token) -> bool:
    """ "Trump greets Putin": a present-tense verb the small model took for the root noun."""
    text = tok.lower_
    return tok.dep_ == "ROOT" and tok.pos_ in _NOUN_POS and text.endswith("s") and \
        text[:-1] in tr.VERBS and text[:-1] not in tr.NOUNS and \
        any(c.i < tok.i and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for c in tok.children)


def _nounlike(tok: Token) -> bool:
    if tok.pos_ in _NOUN_POS:
        return True
    # the small model tags "meeting" in "an additional meeting" as a verb
    return tok.tag_ == "VBG" and tok.dep_ in ("acl", "dobj", "pobj", "nsubj", "attr") and \
        any(c.dep_ == "det" for c in tok.children)


def _lemma(tok: Token) -> str:
    """The lemma, second-guessing the small model's odd verb lemmas ("staged" -> "stag")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma in tr.VERBS or lemma in tr.LIGHT:
        return lemma
    text = tok.lower_
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                         ("es", ""), ("s", "")):
        if text.endswith(suffix):
            guess = text[: -len(suffix)] + repl
            if guess in tr.VERBS or guess in tr.LIGHT or any(k[0] == guess
                                                             for k in tr.VERB_OBJECT):
                return guess
    return lemma


def raw_trigger(tok: Token) -> Raw | None:
    """The lexicon entry for ``tok``, or None."""
    lemma = _lemma(tok)
    if tok.pos_ in _VERB_POS and not _nounlike(tok):
        if _cancels_event(tok):
            return None  # "called off the summit": the summit, cancelled
        if lemma in ("push", "put") and any(c.dep_ in ("prt", "advmod") and
                                            c.lower_ in ("back", "off") for c in tok.children):
            return None  # "pushed back", "put off": a postponement, said of its object
        if not _verb_context_ok(tok, lemma):
            return None
        for c in tok.children:
            if c.dep_ in ("prt", "prep"):
                sense = tr.PHRASAL.get((lemma, c.lower_))
                if sense:
                    return Raw(_phrasal_sense(tok, sense), tok, [c])
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                c = _of_part(c)
                sense = tr.VERB_OBJECT.get((lemma, c.lemma_.lower()))
                if sense:
                    return Raw(sense, tok, [c])
                comp = _compound(c)
                if comp and (lemma, comp) in tr.VERB_OBJECT:
                    return Raw(tr.VERB_OBJECT[(lemma, comp)], tok, [c])
        if lemma == "call":
            return _verb_call(tok)
        guest = _obj(tok) if lemma == "welcome" else None
        if guest is not None and guest.ent_type_ == "PERSON":
            return Raw(Sense("CONSULT", "visit"), tok)  # "X welcomed Y": a host receives a visitor
        if lemma in ("release", "free") and not _releases_people(tok):
            return None  # "the iPod was released", "freed up funds"
        if not _verb_context_ok(tok, lemma):
            return None
        sense = tr.VERBS.get(lemma)
        if lemma == "protest" and not _official_subject(tok):
            sense = Sense("PROTEST", "demo")  # people take to the streets; states complain
        return Raw(sense, tok) if sense else None
    if tok.lower_ == "alert" and tok.dep_ in ("pobj", "amod") and tok.head.lower_ == "on":
        return Raw(Sense("MOBILIZE", "troops"), tok)  # "troops remained on high alert"
    if caption_verb(tok):
        sense = tr.VERBS[tok.lower_[:-1]]
        if tok.lower_ == "welcomes":
            sense = Sense("CONSULT", "visit")
        return Raw(sense, tok)
    if _nounlike(tok):
        noun = "meeting" if lemma == "meet" and tok.tag_ == "VBG" else lemma
        for c in tok.children:
            if c.dep_ in ("compound", "amod"):
                sense = tr.COMPOUNDS.get((c.lemma_.lower(), noun))
                if sense:
                    return Raw(sense, tok, [c])
        if noun == "call":
            return _noun_call(tok)
        if noun in ("strike", "exercise") and tok.dep_ == "compound":
            return None
        if noun in ("rally", "march") and not _protest_context(tok):
            return None  # a campaign rally

        sense = tr.NOUNS.get(noun)
        if sense and tok.pos_ == "PROPN" and not tok.is_lower and tok.ent_type_:
            return None  # "Summit Bank", "Talks Street"
        return Raw(sense, tok) if sense else None
    return None


_CANCELLABLE = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"})


def _cancels_event(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if lemma in ("push", "put", "call") and not prts & {"back", "off"}:
        return False
    if lemma not in ("call", "cancel", "postpone", "scrap", "shelve", "suspend", "delay", "push",
                     "put"):
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            sense = tr.NOUNS.get(c.lemma_.lower())
            if sense is not None and sense.type in _CANCELLABLE:
                return True
    return False


_ABSTRACT = frozenset({"expectation", "speculation", "idea", "proposal", "report", "rumor",
                       "rumour", "claim", "suggestion", "plan", "notion", "hope", "talk"})
_HANDED_PEOPLE = frozenset({"suspect", "national", "prisoner", "fugitive", "man", "militant",
                            "citizen", "detainee", "person", "officer", "soldier"})


# Objects and complements that make a request or refusal mere newsroom routine.
_NON_EVENTS = frozenset({"anonymity", "comment", "elaborate", "speak", "discuss", "confirm",
                         "identify", "name", "detail", "say", "answer", "respond", "give"})
_PRESS = frozenset({"reporter", "journalist", "press", "media", "correspondent", "audience",
                    "supporter", "crowd", "viewer", "reader"})
_CONTESTS = frozenset({"primary", "election", "vote", "race", "game", "match", "poll", "contest",
                       "runoff", "final", "tournament", "ballot"})
_MILITARY = frozenset({"troop", "army", "reservist", "force", "soldier", "police", "militia",
                       "unit", "battalion", "brigade", "warship", "tank", "jet", "division",
                       "guard", "reserve", "marine", "fighter", "navy", "ship", "missile"})
_PROTEST_CUES = frozenset({"against", "protest", "demand", "demanding", "oppose", "opposition",
                           "anti", "denounce", "condemn", "rights", "independence", "resign",
                           "resignation", "reform", "freedom", "outrage", "anger"})


def _obj(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _verb_context_ok(tok: Token, lemma: str) -> bool:
    """Senses that hold only in context: idioms and objects that change the meaning."""
    obj = _obj(tok)
    if lemma == "grant" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        return False  # "took them for granted"
    if lemma in ("shoot", "shot") and any(
            c.dep_ == "prep" and any(g.lemma_ == "foot" for g in c.children)
            for c in tok.children):
        return False  # "shooting itself in the foot"
    if lemma in tr.MILITARY_OBJECT_VERBS and obj is not None and \
            obj.lemma_.lower() not in _MILITARY and not any(
                c.lemma_.lower() in _MILITARY for c in obj.children if c.dep_ == "compound"):
        return False  # "mobilize voters", "deploy the courts"
    if lemma == "capture" and obj is not None and obj.ent_type_ not in ("GPE", "LOC", "FAC",
                                                                     "PERSON", "NORP"):
        from wirewatch.analyse.events.search import actorish

        if not actorish(obj) and not any(t.lemma_.lower() in _STRONGHOLDS for t in obj.subtree):
            return False  # "recordings captured by a camera"
    if lemma == "host" and obj is not None and obj.ent_type_ not in ("PERSON", "GPE", "ORG",
                                                                  "NORP"):
        sense = tr.NOUNS.get(obj.lemma_.lower())
        return sense is not None and sense.type == "CONSULT"  # "hosted a rally" is no visit
    if lemma in ("rally", "march"):
        return _protest_context(tok)
    if lemma == "ask" and any(c.dep_ == "ccomp" and any(
            m.lower_ in ("whether", "if", "what", "how", "why", "when", "who") for m in c.children)
            for c in tok.children):
        return False  # "asked whether ...": a question
    if lemma == "insist" and not any(
            (c.dep_ == "prep" and c.lower_ == "on") or c.dep_ == "xcomp" or
            (c.dep_ == "ccomp" and (c.tag_ == "VB" or any(
                a.lower_ in ("must", "should") for a in c.children))) for c in tok.children):
        return False  # "insisted that the mine had met every standard": a claim
    if lemma in ("speak", "talk") and any(
            c.dep_ == "prep" and any(g.lemma_.lower() in _PRESS for g in c.children)
            for c in tok.children):
        return False  # "spoke to reporters"
    if lemma == "contribute" and obj is None:
        return False  # "contributed to a divide"
    if lemma in ("beat", "defeat") and any(
            c.dep_ == "prep" and any(g.lemma_.lower() in _CONTESTS for g in c.children)
            for c in tok.children):
        return False  # "beaten in the Republican primary"
    if lemma == "ask" and not any(c.dep_ in ("xcomp", "ccomp") or (
            c.dep_ == "prep" and c.lower_ == "for") for c in tok.children):
        return False  # "said when asked about it"
    if lemma == "request" and obj is not None and obj.lemma_.lower() in _NON_EVENTS:
        return False  # "requested anonymity"
    if lemma in ("meet", "visit") and obj is not None and obj.dep_ == "dobj" and \
            (lemma, obj.lemma_.lower()) not in tr.VERB_OBJECT:
        from wirewatch.analyse.events.search import actorish

        return actorish(obj) or obj.ent_type_ in ("GPE", "LOC", "FAC")  # not "meet its goals"
    return True


def _protest_context(tok: Token) -> bool:
    """A rally or march is a protest only when the sentence says against what."""
    return any(t.lemma_.lower() in _PROTEST_CUES or t.lower_.startswith("anti")
               for t in tok.sent)


_OFFICIAL = frozenset({"government", "ministry", "minister", "embassy", "official", "president",
                       "authority", "spokesman", "spokeswoman", "ambassador", "state", "office",
                       "department", "council", "parliament", "group", "organization",
                       "organisation", "agency", "commission", "committee"})


def _official_subject(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "nsubj":
            return c.ent_type_ in ("GPE", "ORG", "NORP") or c.lemma_.lower() in _OFFICIAL
    head = tok.head
    if tok.dep_ in ("xcomp", "conj") and head != tok:
        return _official_subject(head)
    return True


def _releases_people(tok: Token) -> bool:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return False
    from wirewatch.analyse.events.search import actorish

    return obj.ent_type_ in ("PERSON", "NORP") or obj.lemma_.lower() in _HANDED_PEOPLE or \
        obj.lemma_.lower() in ("hostage", "captive", "detainee", "prisoner") or \
        (actorish(obj) and obj.ent_type_ not in ("ORG", "PRODUCT", "WORK_OF_ART"))


def _phrasal_sense(tok: Token, sense: Sense) -> Sense:
    """Phrasal verbs whose category depends on their object."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    lemma = tok.lemma_.lower()
    if lemma == "shoot" and obj is not None and obj.lemma_.lower() in _ABSTRACT:
        return Sense("REJECT")  # "shot down expectations of a summit"
    if lemma == "hand" and obj is not None and (
            obj.ent_type_ == "PERSON" or obj.lemma_.lower() in _HANDED_PEOPLE or
            any(g.lemma_.lower() in _HANDED_PEOPLE for g in obj.subtree)):
        return Sense("COOPERATE")  # handing over suspects is extradition
    return sense


_STRONGHOLDS = frozenset({"town", "city", "village", "stronghold", "base", "territory", "hill",
                          "airport", "port", "position", "outpost", "province", "region"})
_PARTS = frozenset({"part", "some", "all", "most", "much", "half", "portion", "rest", "share"})


def _of_part(tok: Token) -> Token:
    """ "froze part of a food aid program": the program."""
    if tok.lemma_.lower() in _PARTS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return tok


def _compound(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "compound":
            return c.lemma_.lower()
    return None


def _verb_call(tok: Token) -> Raw | None:
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
        return None  # "called him a liar", "called on them to"
    if objs and objs[0].ent_type_ == "PERSON":
        return Raw(Sense("CONSULT", "phone"), tok)
    return None


def _noun_call(tok: Token) -> Raw | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            return Raw(Sense("REQUEST"), tok, [c])
        if c.dep_ == "prep" and c.lower_ in ("between", "with"):
            return Raw(Sense("CONSULT", "phone"), tok)
    if tok.dep_ == "dobj" and tok.head.lemma_ in tr.CALL_HOSTS:
        return Raw(Sense("CONSULT", "phone"), tok)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("after", "during", "in", "on", "since"):
        return Raw(Sense("CONSULT", "phone"), tok)
    return None


def _governor_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in tr.GOVERNOR_THREATEN:
        return "THREATEN"
    if lemma in tr.GOVERNOR_REJECT:
        return "REJECT"
    if lemma in tr.GOVERNOR_AGREE or lemma in _ADJ_GOVERNORS - {"unwilling"}:
        return "AGREE"
    if lemma in tr.GOVERNOR_REQUEST:
        return "REQUEST"
    if lemma == "tell" and any(c.dep_ == "xcomp" for c in tok.children):
        return "REQUEST"  # "told them to leave"
    if lemma == "unwilling":
        return "REJECT"
    return None


def _complement(gov: Token, raws: dict[int, Raw]) -> Raw | None:
    """The highest raw trigger in what ``gov`` governs (its xcomp/ccomp/object)."""
    best: tuple[int, Raw] | None = None
    children = list(gov.children)
    if gov.pos_ in _NOUN_POS and gov.dep_ == "dobj":
        # "reiterated its demand that Israel ease ...": the clause hangs on the verb
        children += [c for c in gov.head.children if c.dep_ == "ccomp"]
    for c in children:
        if c.dep_ not in ("xcomp", "ccomp", "dobj", "prep", "acomp", "pobj", "advcl", "attr",
                          "acl"):
            continue
        if c.dep_ == "prep" and c.lower_ not in ("to", "for", "on", "of"):
            continue
        if c.dep_ == "advcl" and not any(m.lower_ == "to" for m in c.children):
            continue
        for t in c.subtree:
            r = raws.get(t.i)
            if r is None or t == gov:
                continue
            depth = _depth_between(t, gov)
            if depth is not None and _through_place_or_time(t, gov):
                continue  # "agree a rail link at the Debrecen summit": the summit is the setting
            if depth is not None and depth <= 4 and (best is None or depth < best[0]):
                best = (depth, r)
    return best[1] if best else None


_SETTING_PREPS = frozenset({"at", "in", "during", "after", "before", "since", "until", "near",
                            "following", "ahead", "amid"})


def _through_place_or_time(tok: Token, ancestor: Token) -> bool:
    while tok != ancestor and tok.head != tok:
        if tok.dep_ == "prep" and tok.lower_ in _SETTING_PREPS:
            return True
        tok = tok.head
    return False


def _depth_between(tok: Token, ancestor: Token) -> int | None:
    d = 0
    while tok != ancestor:
        if tok.head == tok:
            return None
        tok = tok.head
        d += 1
    return d


def _threat_words(gov: Token) -> str | None:
    """ "threatened to deliver devastating blows": the mode from what is threatened."""
    for t in gov.subtree:
        if t.i <= gov.i or t.dep_ in ("nsubj", "nsubjpass"):
            continue
        mode = tr.THREAT_WORDS.get(t.lemma_.lower())
        if mode:
            return mode
    return None


def _threat_mode(sense: Sense) -> str | None:
    if sense.type == "COERCE":
        return tr.COERCE_THREAT_MODES.get(sense.mode or "", "restrict")
    if sense.type == "SANCTION" and sense.mode == "expel":
        return "expel"
    return tr.THREAT_MODES.get(sense.type)


def _compose(kind: str, gov: Token, comp: Raw | None, own: Raw | None) -> Candidate:
    tokens = [gov] + ([comp.head] + comp.extra if comp else [])
    head = comp.head if comp else gov
    if comp is None and kind == "THREATEN":
        return Candidate(Sense("THREATEN", _threat_words(gov)), gov, gov, [gov], governor=kind)
    if comp is None:
        sense = own.sense if own else Sense(kind)
        if kind == "AGREE" and own is None:
            sense = Sense("AGREE")
        return Candidate(sense, gov, gov, [gov] + (own.extra if own else []), governor=kind)
    c = comp.sense
    if kind == "THREATEN":
        mode = _threat_mode(c) or _threat_words(gov)
        return Candidate(Sense("THREATEN", mode), head, gov, tokens, governor=kind)
    if kind == "REJECT":
        mode = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                "CONCEDE": "yield"}.get(c.type)
        return Candidate(Sense("REJECT", mode), head, gov, tokens, governor=kind)
    if kind == "REQUEST":
        mode = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                "CONCEDE": "yield"}.get(c.type)
        return Candidate(Sense("REQUEST", mode), head, gov, tokens, governor=kind)
    # AGREE-like governors: promised concessions are CONCEDE; promised meetings,
    # support or aid are the action itself with future modality (PLOVER: AGREE).
    if c.type in ("RETREAT", "CONCEDE"):
        if gov.lemma_ == "accept" and c.type == "RETREAT":
            return Candidate(Sense("CONCEDE"), head, gov, tokens, governor=kind)
        return Candidate(Sense("RETREAT" if c.type == "RETREAT" else "CONCEDE", c.mode), head,
                         gov, tokens, governor=kind, modality="future")
    if c.type == "REQUEST" and gov.lemma_ == "accept":
        return Candidate(Sense("CONCEDE"), head, gov, tokens, governor=kind)
    if c.type in ("COERCE", "ASSAULT", "MOBILIZE", "THREATEN", "PROTEST"):
        # "prepared to impose a curfew": offering coercion is a threat
        return Candidate(Sense("THREATEN", _threat_mode(c)), head, gov, tokens, governor=kind)
    if c.type in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
        return Candidate(c, head, gov, tokens, governor=kind, modality="future")
    if c.type == "AGREE":
        return Candidate(c, head, gov, tokens, governor=kind)
    return Candidate(Sense("AGREE"), head, gov, tokens, governor=kind)


def _must_clause(tok: Token) -> bool:
    """ "X said Y must do Z": an obligation reported by X is a REQUEST."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "acl"):
        return False
    # "said that ...", "a reminder to Iraq that it must ..."
    if tok.head.lemma_ not in tr.REPORTING and tok.head.pos_ not in ("NOUN",):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "i", "you", "one")
           for c in tok.children):
        return False  # "we must continue": resolve, not a demand on another party
    if tok.lemma_ == "have" and not any(c.dep_ == "auxpass" for c in tok.children):
        return False  # "should not have any bearing": an opinion
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children)


def candidates(sent: Span) -> list[Candidate]:
    raws: dict[int, Raw] = {}
    for tok in sent:
        r = raw_trigger(tok)
        if r is not None:
            raws[tok.i] = r
    used: set[int] = set()
    out: list[Candidate] = []
    # "sought to shoot down", "tried to": the governed action is the event
    for i, r in list(raws.items()):
        if r.head.lemma_ in tr.TRANSPARENT and any(
                c.dep_ == "xcomp" and any(t.i in raws for t in c.subtree) for c in r.head.children):
            del raws[i]
    # governors first, outermost first, so that nested governors are absorbed
    govs = [t for t in sent if _governor_kind(t) and (t.pos_ in ("VERB", "ADJ") or t.i in raws)]
    govs.sort(key=lambda t: len(list(t.ancestors)))
    for gov in govs:
        if gov.i in used or _must_clause(gov):
            continue
        kind = _governor_kind(gov)
        assert kind is not None
        if gov.pos_ in _NOUN_POS and kind != "REQUEST":
            continue
        comp = _complement(gov, raws)
        own = raws.get(gov.i)
        if comp is None and own is None and not (
                kind == "AGREE" and any(c.dep_ == "dobj" for c in gov.children)):
            continue  # "fails to persuade", "is ready": nothing offered or refused
        if gov.lemma_ == "swear" and comp is None:
            continue
        if gov.lemma_ == "warn" and comp is None and _threat_words(gov) is None and not any(
                c.dep_ == "ccomp" and any(a.lower_ in ("will", "would", "wo") for a in c.children)
                for c in gov.children):
            used.add(gov.i)
            continue  # "warned residents to stay away from damaged buildings": advice
        if kind == "REJECT" and comp is None and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in _NON_EVENTS for c in gov.children):
            used.add(gov.i)
            continue  # "declined to comment"
        if gov.lemma_ == "agree" and comp is None and not any(
                c.dep_ in ("dobj", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in (
                    "to", "on", "upon")) for c in gov.children):
            continue  # "agreed with X about the winner": an opinion
        if comp is None and own is None and kind in ("AGREE",) and gov.lemma_ in (
                "accept", "commit") and not any(c.dep_ == "dobj" for c in gov.children):
            continue
        if kind == "REQUEST" and comp is None and own is None:
            continue
        if gov.lemma_ == "call" and not any(c.lower_ in ("for", "on") for c in gov.children):
            continue
        if gov.lemma_ == "tell" and comp is None:
            continue
        if gov.lemma_ == "order" and comp is not None and comp.sense.type in ("MOBILIZE",
                                                                               "COERCE"):
            out.append(Candidate(comp.sense, comp.head, gov, [gov, comp.head]))
            used.update({gov.i, comp.head.i})
            continue
        cand = _compose(kind, gov, comp, own)
        out.append(cand)
        used.add(gov.i)
        if comp is not None:
            used.add(comp.head.i)
    for tok in sent:
        if _must_clause(tok) and tok.i not in used:
            comp = raws.get(tok.i) or _complement(tok, raws)
            mode = None
            if comp is not None:
                mode = {"CONSULT": "meet", "AID": "assist", "RETREAT": "yield",
                        "CONCEDE": "yield"}.get(comp.sense.type)
                used.add(comp.head.i)
            out.append(Candidate(Sense("REQUEST", mode), comp.head if comp else tok, tok,
                                 [tok], governor="MUST"))
            used.add(tok.i)
    for i, r in raws.items():
        if i in used:
            continue
        anchor = r.head
        if r.head.pos_ in _NOUN_POS and r.head.dep_ in ("dobj", "nsubjpass") and \
                r.head.head.lemma_ in tr.LIGHT:
            anchor = r.head.head
        out.append(Candidate(r.sense, r.head, anchor, [r.head] + r.extra))
    return out
