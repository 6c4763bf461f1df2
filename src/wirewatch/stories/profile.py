"""What story assignment compares: an article's features and a story's profile.

Pure data and vector arithmetic, no store: the profile is kept as JSON in
``StoryRow.profile``; sparse vectors are dicts from a term (or ``NAME_PREFIX``
plus a normalised name) to a weight.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from wirewatch.stories.features import norm

NAME_PREFIX = "@"  # name features share the document-frequency table with words


@dataclass
class Features:
    """What assignment compares, for one article."""

    words: dict[str, float]  # unit TF-IDF vector (top terms)
    names: dict[str, float]  # unit vector over NAME_PREFIX + normalised name
    display: dict[str, str]  # NAME_PREFIX + name -> the name as written
    pairs: set[str]
    types: Counter[str]
    day: date | None
    raw_terms: list[str]  # every term and name, for document frequencies


@dataclass
class Profile:
    """A story's summary: what assignment needs, kept as JSON in ``StoryRow.profile``."""

    words: dict[str, float] = field(default_factory=dict)  # sum of member vectors (capped)
    names: dict[str, float] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"w": self.words, "n": self.names, "d": self.display, "p": self.pairs,
                           "y": self.types}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Profile:
        try:
            d: dict[str, Any] = json.loads(text or "{}")
        except ValueError:
            d = {}
        return cls(words=dict(d.get("w") or {}), names=dict(d.get("n") or {}),
                   display=dict(d.get("d") or {}), pairs=dict(d.get("p") or {}), types=dict(d.get("y") or {}))


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm_ = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    return {k: x / norm_ for k, x in vec.items() if x > 0}


def _cosine(unit: dict[str, float], total: dict[str, float], total_norm: float) -> float:
    if not unit or not total:
        return 0.0
    # Shared keys only, in the unit vector's order: the same sum as over every key (the others
    # add 0.0), without a lookup call per key; this runs for every candidate of every article.
    return sum([x * total[k] for k, x in unit.items() if k in total]) / (total_norm or 1.0)


def _norm2(vec: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in vec.values())) or 1.0


def _top(vec: dict[str, float], n: int) -> dict[str, float]:
    if len(vec) <= n:
        return vec
    # reverse=True keeps equal weights in their order, as sorting by the negated weight did;
    # itemgetter spares a Python call per item (this runs several times per article).
    return dict(sorted(vec.items(), key=itemgetter(1), reverse=True)[:n])


def story_title(profile: Profile, *, names: int = 3, words: int = 3) -> str:
    """A readable label: the story's most weighty names, then its most distinctive other words."""
    people = [profile.display.get(k, k[1:]) for k, _ in sorted(profile.names.items(), key=lambda kv: -kv[1])]
    shown = people[:names]
    taken = {w for n in shown for w in norm(n).split()}
    rest = [w for w, _ in sorted(profile.words.items(), key=lambda kv: -kv[1])
            if w not in taken and not w.isdigit()][:words]
    head = ", ".join(shown)
    tail = ", ".join(rest)
    return f"{head} — {tail}" if head and tail else head or tail or "(untitled story)"


def add_features(profile: Profile, feats: Features, *, story_terms: int) -> None:
    """Add an article to a story's profile (sums of member vectors, the weightiest kept)."""
    for k, x in feats.words.items():
        profile.words[k] = profile.words.get(k, 0.0) + x
    profile.words = _top(profile.words, story_terms)
    for k, x in feats.names.items():
        profile.names[k] = profile.names.get(k, 0.0) + x
    profile.names = _top(profile.names, story_terms // 3)
    for k, v in feats.display.items():
        profile.display.setdefault(k, v)
    profile.display = {k: v for k, v in profile.display.items() if k in profile.names}
    for p in feats.pairs:
        profile.pairs[p] = profile.pairs.get(p, 0) + 1
    profile.pairs = {k: int(v) for k, v in _top({k: float(v) for k, v in profile.pairs.items()}, 100).items()}
    for t, n in feats.types.items():
        profile.types[t] = profile.types.get(t, 0) + n


def remove_features(profile: Profile, feats: Features) -> None:
    """Take an article out of a story's profile, as far as the capped sums allow (what was
    cut from the profile when the article joined is not there to take out)."""
    for vec, mine in ((profile.words, feats.words), (profile.names, feats.names)):
        for k, x in mine.items():
            if k in vec:
                vec[k] -= x
                if vec[k] <= 1e-9:
                    del vec[k]
    profile.display = {k: v for k, v in profile.display.items() if k in profile.names}
    for p in feats.pairs:
        if profile.pairs.get(p, 0) > 1:
            profile.pairs[p] -= 1
        else:
            profile.pairs.pop(p, None)
    for t, n in feats.types.items():
        left = profile.types.get(t, 0) - n
        if left > 0:
            profile.types[t] = left
        else:
            profile.types.pop(t, None)
