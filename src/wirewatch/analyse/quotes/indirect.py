"""Indirect and mixed quotes: a reporting verb and the content it governs.

The content is read off the dependency parse: the clausal complement of
"said"/"argued"/"insisted" ("said [that the talks failed]"), the infinitive
of "vowed"/"refused" ("vowed [to fight on]"), the object of
"criticized"/"urged", the main clause around "according to X", and the
clause before a trailing "he said" ("[The talks failed], he said."). A quoted
stretch inside that content makes the quote *mixed*.
"""

from __future__ import annotations

from spacy.tokens import Token

from wirewatch.analyse.quotes.context import Context
from wirewatch.analyse.quotes.speakers import make_speaker, source_of
from wirewatch.analyse.quotes.words import CLAUSE_CUES, OBJECT_CUES, REPORT_NOUNS
from wirewatch.record import Cue, Quote

_TRIM = set(" \t\r\n\u00a0.,;:\u2014\u2013-")
# Clause verbs whose bare object is rarely what was said ("said it", "knew him").
_NO_OBJECT = frozenset("say think know feel believe hope ask tell answer reply respond "
                       "expect fear worry doubt guess wonder".split())
_OBJECT_PREPS = frozenset({"of", "for", "as", "to"})
_IMPRESSIONS = frozenset({"seem", "appear"})
_NAMING = frozenset({"call", "name", "title", "dub", "label", "term", "describe"})
# Reports that, coordinated with another ("said X and predicted Y"), are their own quote.
_SPEECH = frozenset("say add predict warn note argue insist claim tell declare announce explain "
                    "suggest vow promise acknowledge admit deny confirm complain stress emphasize "
                    "reiterate contend assert maintain".split())


def _reports(tok: Token) -> bool:
    """A clause headed by a report of its own ("the campaign says") is not content."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in CLAUSE_CUES | _SPEECH


def _subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def content_of(cue: Token) -> list[int]:
    """Token indices of what ``cue`` reports, or [] when the parse names nothing."""
    ids = _content_of(cue)
    if not ids:
        return ids
    keep = set(ids)
    for i in ids:
        t = cue.doc[i]
        if (t.i != cue.i and t.dep_ in ("conj", "advcl") and t.pos_ == "VERB"
                and t.lemma_.lower() in _SPEECH
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)):
            # "said X and predicted Y", "said X, adding Y": a second report of its own.
            keep -= _subtree_ids(t)
            keep -= {c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i}
    return sorted(keep)


def _content_of(cue: Token) -> list[int]:
    lemma = cue.lemma_.lower()
    if cue.lower_ == "according":
        head = cue.head
        while head.dep_ in ("prep", "pobj", "conj") and head.head.i != head.i:
            head = head.head
        return sorted(_subtree_ids(head) - _subtree_ids(cue))
    kids = list(cue.children)
    ids: set[int] = set()
    clause = [c for c in kids if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i]
    if clause and lemma in CLAUSE_CUES | OBJECT_CUES:
        for c in clause:
            ids |= _subtree_ids(c)
        # "urged Congress to act" keeps its object; "told reporters that ..." does not.
        if any(c.dep_ == "xcomp" for c in clause) and (
                lemma in OBJECT_CUES or lemma in ("tell", "urge", "ask", "warn", "remind", "assure")):
            for c in kids:
                if c.dep_ in ("dobj", "dative") and c.i > cue.i:
                    ids |= _subtree_ids(c)
        return sorted(ids)
    if lemma in OBJECT_CUES or (lemma in CLAUSE_CUES and lemma not in _NO_OBJECT):
        for c in kids:
            if c.i < cue.i:
                continue
            if c.dep_ in ("dobj", "oprd", "attr", "ccomp", "xcomp"):
                ids |= _subtree_ids(c)
            elif c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS and lemma in OBJECT_CUES:
                ids |= _subtree_ids(c)
        if len(ids) >= 2:
            return sorted(ids)
        ids = set()
    if lemma in CLAUSE_CUES:
        # "said during a conference that ...": the parser hung the clause on a noun.
        for t in cue.subtree:
            if t.i > cue.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX"):
                return sorted({x.i for x in t.head.subtree if x.i >= t.i})
    if (lemma in CLAUSE_CUES and cue.dep_ in ("parataxis", "ccomp", "ROOT", "advcl") and cue.head.i < cue.i
            and not _reports(cue.head)):
        # "The talks failed, he said": the reported clause is the cue's head.
        ids = {t.i for t in cue.head.subtree if t.i < cue.i} - _subtree_ids(cue)
        return sorted(ids)
    if lemma in CLAUSE_CUES and cue.dep_ == "parataxis" and not _reports(cue.head):
        # "In recent months, he said, sales have slowed": the clause around the cue.
        return sorted(_subtree_ids(cue.head) - _subtree_ids(cue))
    if lemma in CLAUSE_CUES and cue.dep_ == "ROOT":
        before = [c for c in kids if c.dep_ in ("ccomp", "parataxis") and c.i < cue.i]
        if before and not _reports(before[-1]):
            return sorted(_subtree_ids(before[-1]))
    return []


def noun_content(noun: Token) -> list[int]:
    """"his claim that ...", "her promise to ...": the clause the noun governs."""
    for c in noun.children:
        if c.i < noun.i or c.dep_ not in ("acl", "ccomp", "appos", "relcl"):
            continue
        marks = [g for g in c.children if g.dep_ in ("mark", "aux") and g.i < c.i]
        if any(g.lower_ == "that" and g.dep_ == "mark" for g in marks) or (
                c.dep_ == "acl" and any(g.lower_ == "to" for g in marks)):
            return sorted(_subtree_ids(c))
    return []


def _char_span(ctx: Context, ids: list[int]) -> tuple[int, int] | None:
    if not ids:
        return None
    doc = ctx.doc
    s = doc[ids[0]].idx
    last = doc[ids[-1]]
    e = last.idx + len(last.text)
    text = ctx.text
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e) if e > s else None


def is_indirect_cue(ctx: Context, t: Token) -> bool:
    if ctx.inside_quote(t):
        return False
    if t.lower_ == "according":
        return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
    if t.pos_ == "NOUN":
        return t.lemma_.lower() in REPORT_NOUNS
    if t.tag_ == "VBN" and t.dep_ in ("acl", "amod") and t.lemma_.lower() in _NAMING:
        # "a charity called Safe Streets Now", "so-called": a name, not a report.
        return False
    return t.pos_ == "VERB" and t.lemma_.lower() in CLAUSE_CUES | OBJECT_CUES


def indirect_quotes(ctx: Context, used_cues: set[int], taken: list[tuple[int, int]],
                    partial: list[int]) -> tuple[list[Quote], set[int]]:
    """Indirect and mixed quotes, and the partial stretches they absorbed."""
    out: list[Quote] = []
    absorbed: set[int] = set()
    spans_taken = list(taken)
    doc = ctx.doc
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in CLAUSE_CUES | OBJECT_CUES | REPORT_NOUNS} | {strings.add("accord")}
    # Filter on the lemma array first: building a Token per word costs more
    # than everything else this stage does.
    lemmas: list[int] = doc.to_array("LEMMA").tolist() if len(doc) else []
    for i, lemma in enumerate(lemmas):
        if int(lemma) not in wanted or i in used_cues:
            continue
        t = doc[i]
        if not is_indirect_cue(ctx, t):
            continue
        ids = noun_content(t) if t.pos_ == "NOUN" else content_of(t)
        if not ids:
            continue
        span = _char_span(ctx, ids)
        if span is None:
            continue
        s, e = span
        if any(min(e, b) > max(s, a) for a, b in spans_taken):
            continue
        inner = [qi for qi in partial if s <= ctx.quoted[qi].start < e]
        if inner:
            # The closing mark (and the stop inside it) belongs to the quoted stretch.
            e = max(e, max(ctx.quoted[qi].end for qi in inner))
            span = (s, e)
        # "X seems to ...": the writer's impression; its subject is not a source.
        if t.pos_ == "NOUN":
            poss = [c for c in t.children if c.dep_ == "poss"]
            src = poss[0] if poss else None
            if src is None and t.dep_ == "dobj" and t.head.pos_ == "VERB":
                # "She made a promise that ...": whoever made it.
                src = source_of(t.head)
        else:
            src = None if t.lemma_.lower() in _IMPRESSIONS else source_of(t)
        speaker = make_speaker(ctx, src) if src is not None and not ctx.inside_quote(src) else None
        if t.lower_ == "according":
            nxt = ctx.doc[t.i + 1]
            cue = Cue(text=ctx.doc[t.i:t.i + 2].text, span=(t.idx, nxt.idx + len(nxt.text)))
        else:
            cue = Cue(text=t.text, span=(t.idx, t.idx + len(t.text)))
        out.append(Quote(span=span, text=ctx.text[s:e], kind="mixed" if inner else "indirect",
                         spans=[span], cue=cue, speaker=speaker))
        absorbed.update(inner)
        spans_taken.append(span)
    return out, absorbed
