"""Story assignment: each article joins the most similar story so far, or starts a new one.

Single pass, in arrival order, never re-clustering what is already assigned
(the streaming setting of news). Similarity is the cosine between the
article's TF-IDF vector and the story's centroid; capitalised words (names,
places, organisations) weigh more, because two stories of the same kind — two
earthquakes, two summits — share their vocabulary but not their names. An
inverted index from terms to stories keeps each assignment proportional to
the article's terms, not to the number of stories.

This is the first version of the stories stage (issue "Stories, timelines and
expectations"); near-duplicates, merges and timelines build on it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d{4}")
_SENTENCE_END = re.compile(r"[.!?]['\"\u201d\u2019)]*\s+$")


@dataclass(frozen=True)
class ClusterOptions:
    threshold: float = 0.2  # tuned on ECB+ dev (B-cubed F1); lower joins more
    proper_weight: float = 2.0  # weight of a capitalised word inside a sentence


def terms(text: str, proper_weight: float = 2.0) -> dict[str, float]:
    """Content words of a text with their (weighted) counts."""
    out: dict[str, float] = defaultdict(float)
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if len(low) < 3 or low in STOP_WORDS:
            continue
        sentence_start = m.start() == 0 or bool(_SENTENCE_END.search(text[max(0, m.start() - 4):m.start()]))
        proper = word[0].isupper() and not sentence_start
        out[low] += proper_weight if proper else 1.0
    return dict(out)


def _tfidf(counts: dict[str, float], df: Counter[str], n_docs: int) -> dict[str, float]:
    vec = {w: (1.0 + math.log(c)) * math.log((n_docs + 1) / (df[w] + 1)) for w, c in counts.items() if c > 0}
    norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    return {w: x / norm for w, x in vec.items() if x > 0}


@dataclass
class _Stories:
    sums: list[dict[str, float]] = field(default_factory=list)
    norms: list[float] = field(default_factory=list)
    index: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def best(self, vec: dict[str, float]) -> tuple[int | None, float]:
        dots: dict[int, float] = defaultdict(float)
        for w, x in vec.items():
            for s in self.index.get(w, ()):
                dots[s] += x * self.sums[s].get(w, 0.0)
        if not dots:
            return None, 0.0
        story, dot = max(dots.items(), key=lambda kv: kv[1] / self.norms[kv[0]])
        return story, dot / self.norms[story]

    def add(self, vec: dict[str, float], story: int | None) -> int:
        if story is None:
            self.sums.append({})
            self.norms.append(1.0)
            story = len(self.sums) - 1
        total = self.sums[story]
        for w, x in vec.items():
            total[w] = total.get(w, 0.0) + x
            self.index[w].add(story)
        self.norms[story] = math.sqrt(sum(x * x for x in total.values())) or 1.0
        return story


def cluster_texts(texts: Sequence[str], options: ClusterOptions | None = None) -> list[int]:
    """A story number for every text, in order (document frequencies from the whole batch)."""
    options = options or ClusterOptions()
    counts = [terms(t, options.proper_weight) for t in texts]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    stories = _Stories()
    out = []
    for c in counts:
        vec = _tfidf(c, df, len(counts))
        story, sim = stories.best(vec)
        out.append(stories.add(vec, story if sim >= options.threshold else None))
    return out


def story_labels(ids: Iterable[str], texts: Sequence[str], options: ClusterOptions | None = None,
                 ) -> list[tuple[str, str]]:
    """``(id, story label)`` pairs; labels are ``s1``, ``s2``, ... in order of first appearance."""
    return [(doc_id, f"s{n + 1}") for doc_id, n in zip(ids, cluster_texts(texts, options), strict=True)]
