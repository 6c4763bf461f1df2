"""Country codes from tokens: names, demonyms and metonyms in a phrase, sides taken
("pro-Iranian"), and where an ethnic group lives.

Pure functions over parsed tokens, used by :mod:`.actors` and :mod:`.args`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from wirewatch.analyse import lexicon as lx


def lex_code(text: str, tok: Token | None = None) -> str | None:
    t = text.strip()
    if not t or len(t) < 2:
        return None
    # "us"/"who" are ordinary words unless written as names.
    if t.casefold() in {"us", "who", "un"} and not t.isupper():
        return None
    if tok is not None and tok.pos_ == "PRON":
        return None
    return lx.igo_code(t) or lx.country_code(t)


_SIDING = frozenset({"pro", "anti", "non", "ex"})


def siding(tok: Token) -> bool:
    """ "pro-Iranian", "anti-Syria": a country named as a side taken, not the actor's own."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in _SIDING \
        and doc[tok.i - 1].idx == doc[tok.i - 2].idx + len(doc[tok.i - 2].text)


def related(tok: Token) -> bool:
    """ "Israel's militia ally", "Russia's closest allies": the possessor of a relation noun
    is the other party, not the actor's country."""
    if tok.dep_ == "case":
        tok = tok.head  # "Russia 's": the possessor itself
    if tok.dep_ != "poss":
        return False
    owner = tok.head
    return lx.is_relation(owner.text) or any(
        c.dep_ in ("compound", "amod") and lx.is_relation(c.text) for c in owner.children)


def only_as_side(doc: Doc, mentions: Iterable[tuple[int, int] | tuple[int, int, str]],
                  span: Span) -> bool:
    """Whether every mention of an entity inside ``span`` is a side taken ("pro-Iranian",
    "Israel's allies")."""
    # mentions with a third element lie in a caption, not in this text
    spans = [doc.char_span(m[0], m[1], alignment_mode="expand") for m in mentions
             if len(m) == 2 and span.start_char <= m[0] < span.end_char]
    found = [f for f in spans if f is not None and len(f)]
    return bool(found) and all(siding(f[0]) or related(f[-1]) for f in found)


def code_of_tokens(tokens: list[Token]) -> str | None:
    """The first country / IGO named in the tokens (longest name first at each position)."""
    toks = [t for t in tokens if not t.is_punct]
    n = len(toks)
    for i in range(n):
        for k in (4, 3, 2, 1):
            if i + k > n:
                continue
            group = toks[i:i + k]
            if any(g.i - group[0].i != j for j, g in enumerate(group)):
                continue
            text = group[0].doc[group[0].i: group[-1].i + 1].text
            if k == 1 and group[0].pos_ not in ("PROPN", "ADJ", "NOUN") and not group[0].is_upper:
                continue
            if not group[0].text[:1].isupper():
                continue  # "polish", "china" as common words
            if siding(group[0]) or related(group[-1]):
                continue
            code = lex_code(text, group[0] if k == 1 else None)
            if code:
                return code
    return None


def sector_of_tokens(tokens: Iterable[Token]) -> str | None:
    for t in tokens:
        s = lx.sector(t.lemma_.lower()) or lx.sector(t.text.lower())
        if s:
            return s
    return None


def place_codes(tokens: Iterable[Token]) -> list[str]:
    """Codes of the places (GPE, LOC) named in the tokens, in order."""
    out = []
    for t in tokens:
        if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B":
            end = t.i + 1
            while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
                end += 1
            code = lx.place_country(t.doc[t.i:end].text)
            if code:
                out.append(code)
    return out


def residence_code(doc: Doc, tokens: list[Token]) -> str | None:
    """The country an ethnic group lives in, which is how event data codes it: "ethnic
    Albanians in southern Serbia", "the Albanians of southern Serbia" -> SRB.

    With "ethnic" and no place in the phrase, the first other country the sentence names
    ("ethnic Albanians demonstrated in Serbia"). A plain demonym with a role ("Russian
    troops in Syria") stays with its own country.
    """
    words = [t for t in tokens if not t.is_punct]
    ethnic = any(t.lower_ == "ethnic" for t in words)
    head = next((t for t in words if lx.demonym_code(t.text) and t.tag_ in ("NNPS", "NNS")), None)
    if head is None or not (ethnic or any(c.dep_ == "prep" and c.lower_ == "of"
                                          for c in head.children)):
        return None
    own = lx.demonym_code(head.text)
    if not ethnic and not any(t.lower_ in ("of", "in") for t in words):
        return None
    inside = [c for c in place_codes(t for t in words if t.i > head.i) if c != own]
    if inside:
        return inside[0]
    if not ethnic:
        return None
    sent = head.sent
    around = [c for c in place_codes(t for t in sent if t.i not in {w.i for w in words}) if c != own]
    return around[0] if around else None


# What explodes or is fired: GSR codes an unclaimed attack by the country it happened in.
DEVICES = frozenset({"bomb", "bombing", "explosion", "blast", "device", "mine", "minefield",
                     "landmine", "ied", "shell", "shelling", "rocket", "missile", "grenade",
                     "mortar", "explosive", "explosives", "car-bomb"})
_WHERE = frozenset({"in", "near", "outside", "at", "on"})


def place_code_near(tokens: Iterable[Token]) -> str | None:
    """Country of the first place named after "in"/"near"/"outside"/"at" among the
    children of ``tokens`` ("a blast near the town of Jalalabad" -> AFG)."""
    from wirewatch.analyse.entities import actor_for_text

    for tok in tokens:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in _WHERE:
                continue
            objs = [g for g in prep.children if g.dep_ == "pobj"]
            # "outside of the Iraqi city of Basra": one preposition more
            objs += [g for p in prep.children if p.dep_ == "prep" for g in p.children
                     if g.dep_ == "pobj"]
            for obj in objs:
                if obj.ent_type_ in ("DATE", "TIME"):
                    continue
                sub = list(obj.subtree)
                text = obj.doc[sub[0].i: sub[-1].i + 1].text
                code = actor_for_text(f"{prep.lower_} {text}")[0]
                if code:
                    return code
    return None
