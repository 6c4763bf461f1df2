"""Actors: from an argument's head token to ``Actor`` records with codes and sectors.

An argument is a noun phrase the parser attached to the trigger (subject,
object, ``with``/``to``/``against`` objects). Coordinated phrases give one
actor per conjunct ("US and France accused Russia" -> [USA, FRA]), so do
coordinated demonyms ("French and Egyptian warships"). Pronouns and plural
descriptions ("they", "the two leaders") resolve to the nearest fitting
antecedent before them.

Codes come first from the article entity (``Entity.country``, filled by the
entities stage), then from country names, demonyms, metonyms and IGO names
found in the phrase (:mod:`wirewatch.analyse.lexicon`), then from the words
around another mention of the same person ("U.S. President Donald Trump" ...
"Trump").
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from wirewatch.analyse import docext
from wirewatch.analyse import lexicon as lx
from wirewatch.analyse.events import cache
from wirewatch.analyse.events.codes import (
    code_of_tokens,
    lex_code,
    only_as_side,
    residence_code,
    sector_of_tokens,
)

__all__ = ["code_of_tokens", "dateline_word", "phrase_actors", "resolve_group", "resolve_pronoun"]
from wirewatch.record import Actor

_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct",
                      "conj", "cc", "appos", "prep", "dep", "mark"})
_KEEP_PREPS = frozenset({"of", "in", "from"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_HE = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_IT = frozenset({"it", "its", "itself"})
_THEY = frozenset({"they", "them", "their", "themselves", "we", "us", "our"})
_GROUP_NOUNS = frozenset({"leader", "side", "man", "president", "country", "nation", "party",
                          "government", "minister", "counterpart", "official", "woman",
                          "delegation", "state"})
_TITLES = frozenset({"president", "secretary", "minister", "chancellor", "premier", "king",
                     "queen", "prince", "general", "ambassador", "envoy", "spokesman",
                     "spokeswoman", "senator", "governor", "mayor", "leader", "pope",
                     "emir", "sheikh", "prime", "foreign", "defence", "defense", "vice",
                     "deputy", "sen.", "gen.", "pres.", "rep.", "col.", "lt.", "dr."})
_DROP_LEFT = frozenset({"det", "punct", "cc", "predet", "nummod", "quantmod"})
_CHARGING = frozenset({"accuse", "charge", "suspect", "convict", "acquit", "clear", "absolve"})
_NUMBERISH = frozenset({"hundred", "thousand", "million", "dozen", "score", "group",
                        "number", "some", "many", "member", "members", "hundreds",
                        "thousands", "dozens", "millions", "one", "two", "three", "several"})


def _actor_for_text_hook() -> Callable[..., tuple[str | None, str | None]] | None:
    """``wirewatch.analyse.entities.actor_for_text`` once the entities stage provides it."""
    try:
        mod = importlib.import_module("wirewatch.analyse.entities")
    except ImportError:
        return None
    fn = getattr(mod, "actor_for_text", None)
    return fn if callable(fn) else None


@lru_cache(maxsize=1)
def _hook() -> Callable[..., tuple[str | None, str | None]] | None:
    return _actor_for_text_hook()


def _mention_context_code(doc: Doc, ent_id: str) -> str | None:
    """A person's country from the words before any of their mentions ("Russian President X")."""
    for s, _e, eid in docext.mentions(doc):
        if eid != ent_id:
            continue
        span = doc.char_span(s, _e, alignment_mode="expand")
        if span is None:
            continue
        # only the title run glued to the name ("Russian President X"), not a neighbour's name
        titled = _expand_left(doc, span, span.sent.start)
        code = code_of_tokens(titled)
        if code:
            return code
    return None


def _without_clauses(tok: Token) -> list[Token]:
    """``tok``'s subtree minus relative and participle clauses ("Newark, where ...")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("relcl", "advcl") or (c.dep_ == "acl" and (
                c.tag_ in ("VBD", "VBZ", "VBP") or any(g.dep_ == "conj" and g.tag_ == "VBD"
                                                       for g in c.children))):
            continue  # a finite verb hung on the noun is the sentence's own verb, misparsed
        out.extend(_without_clauses(c))
    return out


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without clauses, conjuncts and most prepositions."""
    out = [head]
    for child in head.children:
        if child.dep_ == "appos" and head.pos_ == "NOUN" and child.pos_ == "PROPN" and \
                child.left_edge.i == head.i + 1:
            # "the state broadcaster Radio Nacional": the name that follows is the actor's
            out.extend(t for t in child.subtree if not t.is_punct)
            continue
        if child.dep_ == "appos" and child.i + 1 < len(child.doc) and 0 < child.i and \
                child.doc[child.i - 1].text == "(" and child.doc[child.i + 1].text == ")" and \
                child.pos_ == "PROPN" and child.i == head.i + 2:
            # "the National Liberation Army (ELN)": the short name in brackets
            out.extend(child.doc[child.i - 1: child.i + 2])
            continue
        if child.dep_ in _CLAUSES and not (child.dep_ == "prep" and child.lower_ in _KEEP_PREPS):
            continue
        if child.dep_ == "prep" and child.lower_ == "in" and head.ent_type_ == "PERSON":
            continue  # "Saddam Hussein in Baghdad": where the person is, not who
        if child.dep_ == "prep" and child.lower_ == "of" and (any(
                g.dep_ == "pcomp" or g.tag_ == "VBG" for g in child.children) or (
                head.dep_ == "dobj" and head.head.lemma_ in _CHARGING)):
            continue  # "accused the unions of holding ...": the charge, not the party
        if child.dep_ == "prep":
            out.extend(t for t in _without_clauses(child) if not t.is_punct)
            continue
        if child.dep_ == "amod" and child.pos_ == "ADJ":
            # "militants loyal to Iraq's ...": the adjective's own complement
            out.extend(_without_clauses(child))
            continue
        out.extend(_np_tokens(child))
    return sorted(set(out), key=lambda t: t.i)


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ in _DROP_LEFT or tokens[0].is_punct or tokens[0].lower_ in
                      ("the", "a", "an")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("case", "cc")):
        if tokens[-1].text == ")" and len(tokens) > 2 and tokens[-3].text == "(":
            break  # "National Liberation Army (ELN)": the short name stays
        tokens = tokens[:-1]
    while tokens and tokens[0].text == ")" or (len(tokens) > 1 and tokens[1].text == ")"):
        tokens = tokens[2:] if tokens[0].text != ")" else tokens[1:]
    # an unclosed parenthesis left by the parse: "Union of Teachers (NUT"
    text = "".join(t.text_with_ws for t in tokens)
    if text.count("(") > text.count(")"):
        cut = max(i for i, t in enumerate(tokens) if t.text == "(")
        tokens = tokens[:cut] if cut > 0 else tokens
    return tokens


def _make(doc: Doc, tokens: list[Token], code_hint: str | None = None,
          context: list[Token] | None = None) -> Actor | None:
    tokens = _trim(tokens)
    if not tokens:
        return None
    span = doc[tokens[0].i: tokens[-1].i + 1]
    # the entity of the phrase's own words before any preposition: "EU leaders in Brussels"
    # are the EU's, "the president of Armenia" has none there and is Armenia's
    cut = next((t.i for t in tokens if t.dep_ == "prep" and t.i > tokens[0].i), None)
    ent = cache.entity_at(doc, span.start_char, doc[cut - 1].idx + len(doc[cut - 1].text)) \
        if cut is not None else None
    ent = ent or cache.entity_at(doc, span.start_char, span.end_char)
    if ent is not None and only_as_side(doc, ent.mentions, span):
        ent = None  # "the pro-Iranian Hizbollah group" is not Iran
    code_hint = code_hint or residence_code(doc, list(span))
    code = code_hint or (ent.country if ent is not None else None)
    sector = ent.sector if ent is not None else None
    is_person = (ent is not None and ent.type == "PERSON") or any(
        t.ent_type_ == "PERSON" for t in span)
    hook = _hook()
    if hook is not None and (code is None or sector is None):
        try:
            # told it is a person, the hook reads no surname as a town ("Bush", "Hassan")
            hook_code, hook_sector = hook(span.text, "PERSON") if is_person else hook(span.text)
        except Exception:  # the hook belongs to another stage; a bug there must not stop events
            hook_code, hook_sector = None, None
        if code is None:
            code = hook_code
        sector = sector or hook_sector
    code = code or code_of_tokens(list(span))
    if code is None and context:
        code = code_of_tokens(context)
    if code is None and ent is not None and ent.type == "PERSON":
        code = _mention_context_code(doc, ent.id)
    sector = sector or sector_of_tokens(span)
    return Actor(text=span.text, entity=ent.id if ent else None, code=code, sector=sector,
                 span=(span.start_char, span.end_char))


def _conjuncts(head: Token) -> list[Token]:
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
            out.extend(_conjuncts(child))
    return out


def _ents_in(doc: Doc, tokens: list[Token]) -> list[Span]:
    if not tokens:
        return []
    lo, hi = tokens[0].i, tokens[-1].i
    return [e for e in cache.ents(doc) if e.start >= lo and e.end - 1 <= hi and e.label_ in _ACTOR_ENTS]


def _expand_left(doc: Doc, ent: Span, floor: int) -> list[Token]:
    start = ent.start
    while start - 1 >= floor:
        prev = doc[start - 1]
        if prev.lower_ in ("and", ",", "or") or prev.dep_ == "cc" or prev.is_punct:
            break
        if prev.pos_ in ("PROPN", "ADJ") or prev.lower_.rstrip(".") in _TITLES or prev.tag_ == "POS":
            start -= 1
            continue
        break
    return list(doc[start: ent.end])


def _split_people(doc: Doc, tokens: list[Token]) -> list[list[Token]] | None:
    """Two or more names coordinated inside one parsed phrase (the parser often nests them)."""
    ents = [e for e in _ents_in(doc, tokens) if e.label_ in ("PERSON", "GPE", "ORG")]
    if len(ents) < 2:
        return None
    between = doc[ents[0].end: ents[-1].start]
    if not any(t.lower_ in ("and", "&") for t in between):
        return None
    floor = tokens[0].i
    parts = []
    for e in ents:
        parts.append(_expand_left(doc, e, floor))
        floor = e.end
    return parts


def _demonym_split(head: Token) -> list[tuple[Token, str]]:
    """("French and Egyptian warships") -> [(French, FRA), (Egyptian, EGY)]."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            group = _conjuncts(child)
            if len(group) > 1:
                codes = [(g, lx.country_code(g.text)) for g in group]
                if all(c for _g, c in codes):
                    return [(g, c) for g, c in codes if c]
    return []


def phrase_actors(doc: Doc, head: Token) -> list[Actor]:
    """Actors for the noun phrase headed by ``head`` (pronouns resolved)."""
    out: list[Actor] = []
    for item in _conjuncts(head):
        if (item.pos_ == "PRON" or item.lower_ in _THEY | _HE | _IT) and item.text != "US":
            out.extend(resolve_pronoun(doc, item))
            continue
        tokens = _np_tokens(item)
        if item.ent_type_ in ("DATE", "TIME"):
            continue  # a date the parser took for a conjunct
        if dateline_word(item):
            # "KYIV, March 3 (Reuters) - Ukraine and Poland agreed": the parser hangs the
            # real subject on the dateline as its last apposition
            appos = [c for c in item.children if c.dep_ == "appos"]
            if appos and appos[-1].i > item.i + 2:
                out.extend(phrase_actors(doc, appos[-1]))
            continue
        # "hundreds of students": the actor is what the quantity counts
        if item.lower_ in _NUMBERISH or item.lemma_ in _NUMBERISH:
            pobj = next((g for c in item.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and not _ents_in(doc, tokens):
                tokens = _np_tokens(pobj)
        if _is_group_reference(item):
            out.extend(resolve_group(doc, item))
            continue
        people = _split_people(doc, tokens)
        if people:
            for part in people:
                a = _make(doc, part)
                if a:
                    out.append(a)
            continue
        demonyms = _demonym_split(item)
        if demonyms:
            for g, code in demonyms:
                a = _make(doc, [g, item], code_hint=code)
                if a:
                    a.text = f"{g.text} {item.text}"
                    out.append(a)
            continue
        titled = _title_reference(doc, item, tokens)
        if titled is not None:
            out.append(titled)
            continue
        appos = [t for c in item.children if c.dep_ == "appos" for t in c.subtree]
        a = _make(doc, tokens, context=appos)
        if a:
            out.append(a)
    return _unique(out)


def dateline_word(tok: Token) -> bool:
    """ "KYIV, March 3 (Reuters) -", "ANTWERP, Belgium —": an upper-case place opening a line."""
    doc = tok.doc
    if not (tok.is_upper and len(tok.text) > 2 and tok.i + 1 < len(doc)):
        return False
    if tok.i > 0 and "\n" not in doc[tok.i - 1].text_with_ws and not tok.is_sent_start:
        return False
    window = doc[tok.i + 1: min(tok.i + 8, len(doc))]
    return doc[tok.i + 1].text in (",", "(", "—", "–") and (
        any(t.text in ("—", "–", "-", "(") for t in window) or window[1:2].text == "" or
        any(t.ent_type_ == "DATE" for t in window))


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str | None, str]] = set()
    out = []
    for a in actors:
        key = (a.entity, a.text) if a.entity else (None, a.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


# ---------------------------------------------------------------- reference

def _is_group_reference(tok: Token) -> bool:
    """ "the leaders", "the two leaders", "both sides": plural descriptions of known parties."""
    if tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in _GROUP_NOUNS:
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod")}
    if any(c.dep_ in ("amod", "compound") and lex_code(c.text) for c in tok.children):
        return False
    return bool(dets & {"the", "both", "two", "these", "those"})


def _person_like(doc: Doc, ent: Span) -> bool:
    """NER's PERSON, the entities stage's PERSON, or a name after a title ("Chancellor X")."""
    if ent.label_ == "PERSON":
        return True
    known = cache.entity_at(doc, ent.start_char, ent.end_char)
    if known is not None:
        return known.type == "PERSON"  # the entities stage corrects NER ("in Debrecen")
    return ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in _TITLES and \
        ent.label_ in ("ORG", "GPE", "NORP")


def _previous_persons(doc: Doc, before: int) -> list[Span]:
    return [e for e in cache.ents(doc) if e.end <= before and _person_like(doc, e)]


def _persons_key(doc: Doc, span: Span) -> str:
    ent = cache.entity_at(doc, span.start_char, span.end_char)
    return ent.id if ent else span.text.split()[-1]


def _title_words(tok: Token) -> set[str]:
    """ "the two foreign ministers" -> {"foreign", "minister"}."""
    words = {tok.lemma_.lower()}
    words |= {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")
              and c.lower_ in _TITLES}
    return words


def _titled(doc: Doc, e: Span, words: set[str]) -> bool:
    """Whether a mention of ``e``'s entity carries every title word ("Foreign Minister X")."""
    key = _persons_key(doc, e)
    for other in _previous_persons(doc, len(doc)):
        if _persons_key(doc, other) != key:
            continue
        left = _expand_left(doc, other, max(other.start - 5, 0))[:-len(other)]
        have = {t.lemma_.lower() for t in left} | {t.lower_ for t in left}
        if words <= have:
            return True
    return False


def resolve_group(doc: Doc, tok: Token) -> list[Actor]:
    """The two people (or states) a plural description refers to.

    People named with the description's title when two are ("the two foreign
    ministers"), else the two most mentioned so far, the latest first on a tie.
    """
    states = tok.lemma_.lower() in ("country", "nation", "state")
    pool = [e for e in cache.ents(doc) if e.end <= tok.i and e.label_ == "GPE"] if states else \
        _previous_persons(doc, tok.i)
    words = _title_words(tok)
    need = 2
    if tok.lemma_.lower() in _TITLES - {"leader"}:
        # better one right minister than two wrong ones
        titled = [e for e in pool if _titled(doc, e, words)]
        if titled:
            pool, need = titled, 1
    last: dict[str, Span] = {}
    for e in pool:
        last[_persons_key(doc, e)] = e
    # salience: how often the surname was written so far (NER misses some mentions)
    written = [t.text for t in doc[: tok.i]]
    counts = {k: written.count(e[-1].text) for k, e in last.items()}
    if len(last) < need:
        return []
    ranked = sorted(last, key=lambda k: (counts[k], last[k].start), reverse=True)[:2]
    out = []
    for e in sorted((last[k] for k in ranked), key=lambda s: s.start):
        a = _make(doc, list(e))
        if a:
            out.append(a)
    return out


def resolve_pronoun(doc: Doc, tok: Token) -> list[Actor]:
    """Nearest fitting antecedent before ``tok`` (same sentence first, then earlier text)."""
    word = tok.lower_
    # "Syria says it is willing", "X announced that they would": the reporting subject
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ in ("ccomp", "xcomp", "advcl"):
        outer = next((c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                     None)
        if outer is not None and outer.pos_ != "PRON" and outer.i < tok.i and \
                (word in _THEY) == (outer.tag_ in ("NNS", "NNPS") or
                                    any(c.dep_ == "conj" for c in outer.children)):
            return phrase_actors(doc, outer)
    if word in _HE:
        people = _previous_persons(doc, tok.i)
        if people:
            a = _make(doc, list(people[-1]))
            return [a] if a else []
        return []
    if word in _IT:
        for e in reversed([e for e in cache.ents(doc) if e.end <= tok.i]):
            if e.label_ in ("GPE", "ORG", "NORP"):
                a = _make(doc, list(e))
                return [a] if a else []
        return []
    if word in _THEY:
        return _resolve_plural(doc, tok)
    return []


def _resolve_plural(doc: Doc, tok: Token) -> list[Actor]:
    # A plural subject or a coordination earlier in the same or the previous sentence.
    sent = tok.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in reversed(doc[start: tok.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ == "PRON":
            continue
        conj = [c for c in t.children if c.dep_ == "conj"]
        if conj or t.tag_ in ("NNS", "NNPS") or (
                _split_people(doc, _np_tokens(t)) is not None):
            return phrase_actors(doc, t)
    group = _previous_persons(doc, tok.i)
    if len(group) >= 2:
        return resolve_group(doc, tok)
    for e in reversed([e for e in cache.ents(doc) if e.end <= tok.i]):
        if e.label_ in ("GPE", "ORG", "NORP"):
            a = _make(doc, list(e))
            return [a] if a else []
    return []


def _title_reference(doc: Doc, item: Token, tokens: list[Token]) -> Actor | None:
    """ "the Secretary" -> the person last named with that title ("Secretary Rubio")."""
    if _ents_in(doc, tokens) or item.lower_.rstrip(".") not in _TITLES:
        return None
    det_holder = item.head if item.dep_ == "conj" else item
    if not any(c.lower_ == "the" for c in det_holder.children):
        return None
    title = item.lower_
    for e in reversed(_previous_persons(doc, item.i)):
        left = doc[max(e.start - 3, 0): e.start]
        if any(t.lower_ == title for t in left):
            return _make(doc, _expand_left(doc, e, max(e.start - 3, 0)))
    return None
