"""Headline attributions: "Mayor: No pressure on city budget review".

A short paragraph that opens with a name and a colon reports what that
source said. Labels that are page furniture ("Update:", "Watch:") are not
sources.
"""

from __future__ import annotations

import re

from wirewatch.analyse.quotes.context import Context
from wirewatch.analyse.quotes.speakers import make_speaker
from wirewatch.record import Cue, Quote

_LABEL = re.compile(r"([A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):[ \t]+(?=\S)")
_NOT_SOURCES = frozenset("""
update updated note editor editors photo photos image images video watch read related source
sources correction clarification breaking live exclusive warning transcript q a quiz opinion
analysis editorial review timeline factbox explainer chart map graphic see also
""".split())
_MAX_WORDS = 30


def headline_quotes(ctx: Context, taken: list[tuple[int, int]]) -> list[Quote]:
    out: list[Quote] = []
    text = ctx.text
    for ps, pe in ctx.paragraphs:
        m = _LABEL.match(text, ps, pe)
        if m is None or text[pe - 1] == ":":
            continue
        label = m.group(1)
        words = label.lower().replace("’", "'").split()
        if any(w.strip(".'") in _NOT_SOURCES for w in words) or label.isupper() and len(words) == 1:
            # One all-caps word is a transcript turn or a dateline, handled elsewhere.
            continue
        s, e = m.end(), pe
        if len(text[s:e].split()) > _MAX_WORDS:
            continue
        if any(min(e, b) > max(s, a) for a, b in taken):
            continue
        toks = ctx.tokens_between(m.start(1), m.end(1))
        heads = [t for t in toks if t.head.i < toks.start or t.head.i >= toks.end or t.head.i == t.i]
        if not heads or not any(t.pos_ in ("PROPN", "NOUN") for t in toks):
            continue
        speaker = make_speaker(ctx, heads[-1])
        colon = m.end(1)
        out.append(Quote(span=(s, e), text=text[s:e], kind="indirect", spans=[(s, e)],
                         cue=Cue(text=":", span=(colon, colon + 1)), speaker=speaker))
    return out
