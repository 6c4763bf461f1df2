"""Direct and partial quotes: quoted stretches, their cue and their source.

A stretch is *direct* when it stands as speech of its own — it opens a
sentence, follows a colon, or follows an attribution ("he said, “…”") — and
*partial* when it sits inside the writer's own sentence ("made “substantial
progress”"). Direct stretches of one paragraph that share an attribution,
and stretches that carry a quote on into the next paragraph, become one
quote with several spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from wirewatch.analyse.quotes.context import Context
from wirewatch.analyse.quotes.indirect import content_of
from wirewatch.analyse.quotes.marks import Quoted
from wirewatch.analyse.quotes.speakers import make_speaker, source_of
from wirewatch.analyse.quotes.words import (
    CLAUSE_CUES,
    DIRECT_CUES,
    OBJECT_CUES,
    TERM_CUES,
    USE_CUES,
)
from wirewatch.record import Cue, Quote, Speaker

_SENT_END = set(".!?\u2026)]")
_DASHES = set("\u2015\u2014\u2013-")
_NOT_SOURCES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# Verbs under which quoted words are the subject's own ("pledged a “revolution”").
_USES = DIRECT_CUES | CLAUSE_CUES | OBJECT_CUES | TERM_CUES | USE_CUES
# Not speech verbs: "said on “Meet the Press”" names a show, not words used.
_USES_WITH_PREP = (OBJECT_CUES | USE_CUES) - {"say", "tell", "write", "add", "ask", "speak"}
_ARGUMENT_PREPS = frozenset({"for", "on", "of", "as", "about", "to", "with", "against"})
_MIN_UNATTRIBUTED_WORDS = 3
_SOURCE_RANK = {"PERSON": 0, "ORG": 1, "NORP": 1, "GPE": 1}
_INNER_END = set(",.!?\u2026\u2014\u2013-:;")
# "PENCE: Well, ..." opens a speaker's turn in a transcript.
_TURN = re.compile(r"\s*([A-Z][A-Z.'\- ]{1,30}[A-Z.]|[A-Z][a-z]+ ?[A-Z]?[a-z]*):\s")


@dataclass
class Attribution:
    cue: Token | None = None
    source: Token | None = None
    turn: tuple[int, int] | None = None  # a transcript speaker label inside the quote
    cue_span: tuple[int, int] | None = None  # a cue that is no token of its own (a glued dash)


@dataclass
class Group:
    regions: list[int]
    attribution: Attribution | None


def _prev_char(ctx: Context, q: Quoted) -> tuple[str, int]:
    """The last non-space character before the stretch in its paragraph, and its offset."""
    text = ctx.text
    ps = ctx.paragraphs[q.paragraph][0] if q.paragraph < len(ctx.paragraphs) else 0
    i = q.start - 1
    while i >= ps and text[i].isspace():
        if text[i] == "\n":
            # A line break inside a paragraph (lists of quotes) starts afresh.
            return ("", -1)
        i -= 1
    return (text[i], i) if i >= ps else ("", -1)


def _next_char(ctx: Context, q: Quoted) -> str:
    text = ctx.text
    pe = ctx.paragraphs[q.paragraph][1] if q.paragraph < len(ctx.paragraphs) else len(text)
    i = q.end
    while i < pe and text[i].isspace():
        i += 1
    return text[i] if i < pe else ""


def _neighbours(ctx: Context, qi: int) -> tuple[int, int]:
    """Char bounds in which to look for an attribution: previous and next stretch or paragraph."""
    q = ctx.quoted[qi]
    ps, pe = ctx.paragraphs[q.paragraph] if q.paragraph < len(ctx.paragraphs) else (0, len(ctx.text))
    lo, hi = ps, pe
    if qi > 0 and ctx.quoted[qi - 1].paragraph == q.paragraph:
        lo = ctx.quoted[qi - 1].end
    if qi + 1 < len(ctx.quoted) and ctx.quoted[qi + 1].paragraph == q.paragraph:
        hi = ctx.quoted[qi + 1].start
    return lo, hi


def before_gap(ctx: Context, qi: int) -> Span:
    q = ctx.quoted[qi]
    lo, _ = _neighbours(ctx, qi)
    toks = ctx.tokens_between(lo, q.start)
    words = [t for t in toks if not t.is_space]
    if not words:
        return toks
    sent_start = words[-1].sent.start_char
    return ctx.tokens_between(max(lo, sent_start), q.start)


def after_gap(ctx: Context, qi: int) -> Span:
    q = ctx.quoted[qi]
    _, hi = _neighbours(ctx, qi)
    toks = ctx.tokens_between(q.end, hi)
    words = [t for t in toks if not t.is_space]
    if not words:
        return toks
    sent = words[0].sent
    end = sent.end_char
    # The parser sometimes ends a sentence right after “…,” — keep the attribution.
    if end <= words[0].idx + len(words[0].text) and len(words) > 1:
        end = words[1].sent.end_char
    return ctx.tokens_between(q.end, min(hi, end))


def _is_cue(ctx: Context, t: Token) -> bool:
    if ctx.inside_quote(t):
        return False
    if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
        return True
    return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in DIRECT_CUES


def _dash_name(ctx: Context, gap: Span, start: int) -> Attribution | None:
    """“…” ― Jane Doe: a dash and a name after the quote (the dash may be glued to the mark)."""
    text = ctx.text
    i = start
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    if i >= len(text) or text[i] not in _DASHES:
        return None
    dash_end = i + 1
    while dash_end < len(text) and text[dash_end] in _DASHES:
        dash_end += 1
    run: list[Token] = []
    for t in gap:
        if t.idx < dash_end or t.is_space or (t.is_punct and not run):
            continue
        if (t.is_title or t.pos_ == "PROPN" or t.is_upper) and not ctx.inside_quote(t) and len(run) < 5:
            run.append(t)
        else:
            break
    if not run:
        return None
    return Attribution(source=run[-1], cue_span=(i, dash_end))


def _attribution_in(ctx: Context, gap: Span, after: bool,
                    start: int | None = None) -> Attribution | None:
    if after and start is not None:
        dashed = _dash_name(ctx, gap, start)
        if dashed is not None:
            return dashed
    cues = [t for t in gap if _is_cue(ctx, t)]
    words = [t for t in gap if not (t.is_punct or t.is_space)]
    if not cues and after and words:
        # “…,” Trump barked / “…!” beamed a delegate: any verb right after the
        # quote whose subject is right there too.
        first = words[:5]
        cues = [t for t in first if t.pos_ == "VERB" and (src := source_of(t)) is not None
                and src.i in {w.i for w in first}]
    opens_quote = ctx.text[gap.end_char:].lstrip()[:1] in ("\u201c", '"', "'", "\u00ab", "`")
    if not cues and not after and words and opens_quote and gap.text.rstrip().endswith(":"):
        # "Republican pollster Daron Shaw: “…”": the name before the colon.
        return _colon_source(ctx, words)
    if not cues:
        return None
    cue = cues[0] if after else cues[-1]
    src = source_of(cue)
    if src is not None and ctx.inside_quote(src):
        src = None
    if src is None:
        near = [t for t in gap if t.pos_ in ("PROPN", "PRON") and not ctx.inside_quote(t)
                and t.lower_ not in ("it", "this", "that") and t.i != cue.i
                and t.ent_type_ not in _NOT_SOURCES]
        if near:
            # A person or organisation first, then the nearest name to the cue.
            src = min(near, key=lambda t: (_SOURCE_RANK.get(t.ent_type_, 2), abs(t.i - cue.i)))
    return Attribution(cue=cue, source=src)


def _colon_source(ctx: Context, words: list[Token]) -> Attribution | None:
    last = words[-1]
    if last.pos_ == "PROPN" and not ctx.inside_quote(last):
        return Attribution(source=last)
    subj = [t for t in words if t.dep_ in ("nsubj", "nsubjpass") and not ctx.inside_quote(t)
            and t.lower_ not in ("it", "this", "that", "there")]
    if subj:
        return Attribution(source=subj[-1])
    names = [t for t in words if t.pos_ == "PROPN" and not ctx.inside_quote(t)]
    if names:
        return Attribution(source=names[-1])
    return None


def is_direct(ctx: Context, qi: int) -> bool:
    q = ctx.quoted[qi]
    text = ctx.text
    inner = text[q.inner[0]:q.inner[1]].strip()
    if not inner:
        return False
    prev, at = _prev_char(ctx, q)
    opening_ok = False
    if prev == "" or prev in _SENT_END or prev == ":" or prev in "\"\u201d\u201c'":
        opening_ok = True
    elif prev == "," or prev in _DASHES:
        opening_ok = _attribution_in(ctx, before_gap(ctx, qi), after=False) is not None
        before = ctx.token_at(at - 1) if at > 0 else None
        if before is not None and before.lower_ == "that" and before.idx + 4 <= at:
            # "tweeted that, “…”": the writer's that-clause, so a mixed quote.
            opening_ok = False
        if opening_ok and inner[:1].islower():
            # ', he said, “the rest ...”' continues a split quote; otherwise a
            # lower-case start carries on the writer's sentence.
            p = ctx.quoted[qi - 1] if qi > 0 else None
            opening_ok = (p is not None and p.paragraph == q.paragraph
                          and ctx.text[p.inner[0]:p.inner[1]].rstrip()[-1:] in (",", "\u2014", "-"))
    elif prev.isalnum():
        tok = ctx.token_at(at)
        if tok is not None and inner[:1].isupper():
            if tok.lemma_.lower() in DIRECT_CUES and tok.pos_ in ("VERB", "AUX"):
                opening_ok = True
            elif tok.head.lemma_.lower() in DIRECT_CUES and tok.dep_ in ("dobj", "dative", "pobj",
                                                                          "npadvmod"):
                opening_ok = True
    if not opening_ok:
        return False
    nxt = _next_char(ctx, q)
    if q.closed and nxt and nxt.isalnum() and inner[-1:] not in _INNER_END:
        # “Deplorables” is a word ... : the stretch is part of the writer's
        # sentence, unless what follows at once is "he said".
        att = _attribution_in(ctx, after_gap(ctx, qi), after=True, start=q.end)
        words = [t for t in after_gap(ctx, qi) if not (t.is_space or t.is_punct)]
        if (att is None or att.source is None or not words or len(inner.split()) <= 3
                or words[0].i not in (att.source.left_edge.i, att.source.i,
                                      att.cue.i if att.cue is not None else -1)):
            return False
    return True


def _turn_label(ctx: Context, q: Quoted) -> tuple[int, int] | None:
    m = _TURN.match(ctx.text, q.inner[0], q.inner[1])
    if m is None:
        return None
    return (m.start(1), m.end(1))


def _attribution(ctx: Context, qi: int) -> Attribution | None:
    q = ctx.quoted[qi]
    inner = ctx.text[q.inner[0]:q.inner[1]].rstrip()
    turn = _turn_label(ctx, q)
    if turn is not None:
        return Attribution(turn=turn)
    if not q.closed or inner[-1:] != ".":
        att = _attribution_in(ctx, after_gap(ctx, qi), after=True, start=q.end)
        if att is not None:
            return att
    else:
        # After “... .” a following sentence only attributes the quote when it
        # is short and reports nothing of its own ("“We won.” Trump said.").
        gap = after_gap(ctx, qi)
        words = [t for t in gap if not (t.is_punct or t.is_space)]
        if 0 < len(words) <= 8:
            att = _attribution_in(ctx, gap, after=True, start=q.end)
            if att is not None and (att.cue is None or not any(
                    c.dep_ in ("ccomp", "dobj") for c in att.cue.children)):
                return att
    return _attribution_in(ctx, before_gap(ctx, qi), after=False)


def _previous_paragraph_intro(ctx: Context, q: Quoted) -> Attribution | None:
    """``He said:`` closing the paragraph before a quote paragraph."""
    if q.paragraph == 0:
        return None
    ps, pe = ctx.paragraphs[q.paragraph - 1]
    if ctx.text[pe - 1:pe] != ":" or not ctx.same_part(ps, q.start):
        return None
    toks = ctx.tokens_between(ps, pe)
    words = [t for t in toks if not t.is_space]
    if not words:
        return None
    sent = words[-1].sent
    gap = ctx.tokens_between(max(ps, sent.start_char), pe)
    att = _attribution_in(ctx, gap, after=False)
    if att is not None:
        return att
    subj = [t for t in gap if t.dep_ in ("nsubj", "ROOT") and t.pos_ in ("PROPN", "PRON", "NOUN")]
    return Attribution(source=subj[0]) if subj else None


def direct_groups(ctx: Context) -> tuple[list[Group], list[int]]:
    """Direct quotes as groups of stretches; and the stretches left as partial."""
    groups: list[Group] = []
    group_of: dict[int, int] = {}
    partial: list[int] = []
    for qi, q in enumerate(ctx.quoted):
        if (q.continues is not None and q.continues in group_of and _turn_label(ctx, q) is None
                and ctx.same_part(ctx.quoted[q.continues].start, q.start)):
            gi = group_of[q.continues]
            groups[gi].regions.append(qi)
            group_of[qi] = gi
            if groups[gi].attribution is None:
                # The attribution may come only in the quote's last paragraph.
                groups[gi].attribution = _attribution(ctx, qi)
            continue
        if not is_direct(ctx, qi):
            partial.append(qi)
            continue
        att = _attribution(ctx, qi)
        # The last direct stretch of this paragraph (a partial one may sit between).
        prev_qi = next((j for j in range(qi - 1, -1, -1) if j in group_of
                        or ctx.quoted[j].paragraph != q.paragraph), None)
        prev_gi = (group_of.get(prev_qi) if prev_qi is not None
                   and ctx.quoted[prev_qi].paragraph == q.paragraph else None)
        if prev_gi is not None:
            prev = groups[prev_gi].attribution
            same_cue = (att is not None and prev is not None and att.cue is not None
                        and prev.cue is not None and att.cue.i == prev.cue.i)
            if not same_cue and prev is not None and prev.cue is not None:
                # “A,” she said after the vote, which was called early. “B.” — the
                # sentence between the pieces is the first piece's attribution.
                gap = before_gap(ctx, qi)
                same_cue = gap.start <= prev.cue.i < gap.end and prev.cue.i > ctx.token_index(
                    ctx.quoted[prev_qi].end if prev_qi is not None else 0)
            if (att is None and prev is not None) or same_cue:
                groups[prev_gi].regions.append(qi)
                group_of[qi] = prev_gi
                continue
        if att is None and q.start == ctx.paragraphs[q.paragraph][0]:
            att = _previous_paragraph_intro(ctx, q)
        if att is None and q.start == ctx.paragraphs[q.paragraph][0] and groups:
            # A quote paragraph with no attribution of its own, right after an
            # attributed quote: the same speaker goes on.
            last = groups[-1]
            lq = ctx.quoted[last.regions[-1]]
            if (last.attribution is not None and last.attribution.source is not None
                    and lq.paragraph == q.paragraph - 1 and ctx.same_part(lq.start, q.start)):
                att = Attribution(source=last.attribution.source)
        group_of[qi] = len(groups)
        groups.append(Group(regions=[qi], attribution=att))
    return groups, partial


def _trimmed(ctx: Context, q: Quoted) -> tuple[int, int]:
    text = ctx.text
    s, e = q.start, q.end
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _cue(ctx: Context, att: Attribution | None) -> Cue | None:
    if att is not None and att.cue_span is not None:
        s, e = att.cue_span
        return Cue(text=ctx.text[s:e], span=(s, e))
    if att is None or att.cue is None:
        return None
    c = att.cue
    if c.lower_ == "according" and c.i + 1 < len(c.doc):
        nxt = c.doc[c.i + 1]
        return Cue(text=c.doc[c.i:c.i + 2].text, span=(c.idx, nxt.idx + len(nxt.text)))
    return Cue(text=c.text, span=(c.idx, c.idx + len(c.text)))


def group_quote(ctx: Context, g: Group) -> Quote:
    text = ctx.text
    spans = [_trimmed(ctx, ctx.quoted[i]) for i in g.regions]
    inner = " ".join(text[ctx.quoted[i].inner[0]:ctx.quoted[i].inner[1]].strip() for i in g.regions)
    att = g.attribution
    speaker = None
    cue = _cue(ctx, att)
    if att is not None and att.turn is not None:
        s, e = att.turn
        ent = ctx.entity_for(s, e)
        speaker = Speaker(text=text[s:e], span=(s, e), entity=ent.id if ent else None)
        cue = Cue(text=":", span=(e, e + 1))
    elif att is not None and att.source is not None:
        speaker = make_speaker(ctx, att.source)
    return Quote(span=spans[0], text=inner, kind="direct", spans=spans, cue=cue, speaker=speaker)


def partial_quote(ctx: Context, qi: int) -> Quote:
    """A quoted term inside the writer's sentence; its user where a verb says so."""
    q = ctx.quoted[qi]
    text = ctx.text
    span = _trimmed(ctx, q)
    toks = ctx.tokens_between(q.inner[0], q.inner[1])
    speaker = None
    cue = None
    heads = [t for t in toks if t.head.i < toks.start or t.head.i >= toks.end or t.head.i == t.i]
    tok: Token | None = heads[0] if heads else None
    for _ in range(4):
        if tok is None or tok.head.i == tok.i:
            break
        if tok.dep_ == "prep" and not (tok.lower_ in _ARGUMENT_PREPS and tok.head.pos_ == "VERB"
                                       and tok.head.lemma_.lower() in _USES_WITH_PREP):
            # A term inside an adjunct ("during that “productive” meeting")
            # is not what the clause's verb reports; "thanked him for “…”" is.
            break
        tok = tok.head
        if ctx.inside_quote(tok):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in _USES:
            src = source_of(tok)
            if src is not None and not ctx.inside_quote(src):
                speaker = make_speaker(ctx, src)
                cue = Cue(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)))
            if lemma not in TERM_CUES:
                # "said the plan was “dead on arrival”": the report around the
                # quoted words, so a mixed quote.
                ids = content_of(tok)
                if ids and ids[0] <= toks.start and toks.end <= ids[-1] + 1:
                    first, last = ctx.doc[ids[0]], ctx.doc[ids[-1]]
                    s, e = first.idx, max(last.idx + len(last.text), span[1])
                    return Quote(span=(s, e), text=text[s:e], kind="mixed", spans=[(s, e)],
                                 cue=cue, speaker=speaker)
            break
    return Quote(span=span, text=text[q.inner[0]:q.inner[1]].strip(), kind="partial", spans=[span],
                 cue=cue, speaker=speaker)


def direct_quotes(ctx: Context) -> tuple[list[Quote], list[int], set[int]]:
    """Direct quotes, the stretches left as partial, and the cue tokens used."""
    groups, partial = direct_groups(ctx)
    kept: list[Group] = []
    for g in groups:
        words = sum(len(ctx.text[ctx.quoted[i].inner[0]:ctx.quoted[i].inner[1]].split()) for i in g.regions)
        if g.attribution is None and words <= _MIN_UNATTRIBUTED_WORDS:
            # “Billions” or "Related:" standing alone is a title or a label, not speech.
            partial.extend(g.regions)
        else:
            kept.append(g)
    partial.sort()
    groups = kept
    used: set[int] = set()
    for g in groups:
        if g.attribution is not None and g.attribution.cue is not None:
            used.add(g.attribution.cue.i)
    return [group_quote(ctx, g) for g in groups], partial, used
