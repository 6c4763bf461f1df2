"""ww_times: the TIMEX3 tagger as a spaCy component.

Compute (:func:`wirewatch.analyse.times.engine.find_times`, a pure function
of the text, the publication date and a tense oracle), then annotate
(``doc._.ww_times``). It needs only the tokenizer: with a tagger the verbs'
tags give the tense around each expression, without one word cues do; with a
parser or sentence boundaries the sentences come from the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyse import docext
from wirewatch.analyse.times.engine import TenseFn, find_times, sentence_bounds
from wirewatch.analyse.times.tense import nearest_tense
from wirewatch.record import Timex


def _sentence_starts(doc: Doc) -> list[int]:
    if doc.has_annotation("SENT_START"):
        return [sent.start_char for sent in doc.sents]
    return sentence_bounds(doc.text)


def _tagged_tense(doc: Doc, starts: list[int]) -> TenseFn:
    """Tense from the tagger's verb tags, within the sentence of the expression."""
    import bisect

    words = [(t.idx, t.text, t.tag_ or None) for t in doc if not t.is_space]
    offsets = [w[0] for w in words]

    def tense(start: int, end: int) -> str | None:
        i = bisect.bisect_right(starts, start) - 1
        s = starts[max(i, 0)]
        e = starts[i + 1] if i + 1 < len(starts) else len(doc.text)
        lo, hi = bisect.bisect_left(offsets, s), bisect.bisect_left(offsets, e)
        return nearest_tense(words, start, end, offsets, lo, hi)

    return tense


def compute(doc: Doc) -> list[Timex]:
    starts = _sentence_starts(doc)
    tense = _tagged_tense(doc, starts) if doc.has_annotation("TAG") else None
    return find_times(doc.text, doc._.ww_published, tense_at=tense, sentence_starts=starts)


@Language.component("ww_times", assigns=["doc._.ww_times"])
def ww_times(doc: Doc) -> Doc:
    docext.register_extensions()
    doc._.ww_times = compute(doc)
    return doc
