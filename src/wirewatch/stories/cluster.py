"""Story assignment: each article joins the most similar story so far, or starts a new one.

A single pass in arrival order (the streaming setting of news), then a
couple of refinement passes that move each text to its closest final story,
since the batch is at hand here (the store's incremental assignment is
``assign.py``). Similarity is the cosine between the
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
    refine: int = 2  # passes that move each text to its closest final story (0: single pass only)


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
    vecs = [_tfidf(c, df, len(counts)) for c in counts]
    for vec in vecs:
        story, sim = stories.best(vec)
        out.append(stories.add(vec, story if sim >= options.threshold else None))
    for _ in range(options.refine):
        moved = _refine(vecs, out, options.threshold)
        if not moved:
            break
    return _renumber(out)


def _refine(vecs: list[dict[str, float]], labels: list[int], threshold: float) -> int:
    """Move every text to the story whose centroid (without the text itself) is closest.

    A single pass depends on arrival order: an early text may start a story
    that the texts after it make redundant. One or two k-means-style passes over
    the final centroids undo most of that (ECB+ dev B-cubed F1 0.893 -> 0.914;
    over shuffled orders about +0.025). Changes ``labels`` in place; returns
    how many texts moved.
    """
    sums: dict[int, dict[str, float]] = defaultdict(dict)
    index: dict[str, set[int]] = defaultdict(set)
    for vec, label in zip(vecs, labels, strict=True):
        total = sums[label]
        for w, x in vec.items():
            total[w] = total.get(w, 0.0) + x
            index[w].add(label)
    sq = {label: sum(x * x for x in total.values()) for label, total in sums.items()}
    moved = 0
    new = list(labels)
    for i, (vec, label) in enumerate(zip(vecs, labels, strict=True)):
        dots: dict[int, float] = defaultdict(float)
        for w, x in vec.items():
            for c in index.get(w, ()):
                dots[c] += x * sums[c].get(w, 0.0)
        best, best_sim = label, -1.0
        for c, dot in dots.items():
            if c == label:
                # Leave the text out of its own story: |S - v|^2 = |S|^2 - 2 S.v + |v|^2 (|v| = 1).
                rest = sq[c] - 2.0 * dot + 1.0
                sim = (dot - 1.0) / math.sqrt(rest) if rest > 1e-9 else 0.0
            else:
                sim = dot / (math.sqrt(sq[c]) or 1.0)
            if sim > best_sim or (sim == best_sim and c == label):
                best, best_sim = c, sim
        if best != label and best_sim >= threshold:
            new[i] = best
            moved += 1
    labels[:] = new
    return moved


def _renumber(labels: list[int]) -> list[int]:
    """Story numbers 0, 1, 2, ... in order of first appearance."""
    seen: dict[int, int] = {}
    return [seen.setdefault(label, len(seen)) for label in labels]


def story_labels(ids: Iterable[str], texts: Sequence[str], options: ClusterOptions | None = None,
                 ) -> list[tuple[str, str]]:
    """``(id, story label)`` pairs; labels are ``s1``, ``s2``, ... in order of first appearance."""
    return [(doc_id, f"s{n + 1}") for doc_id, n in zip(ids, cluster_texts(texts, options), strict=True)]
