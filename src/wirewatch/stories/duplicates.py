"""Near-duplicates: syndicated and lightly edited copies of one article (MinHash LSH, datasketch).

Wire copy is republished by many outlets with a new headline, a trimmed
paragraph or a local dateline. Each article's MinHash signature over word
5-shingles of its body is kept in the store; an LSH index over those
signatures finds, for a new article, a stored one whose estimated Jaccard
similarity is at least the threshold. The copy is then linked to the first
one (``Record.duplicate_of``) so that later stages count its facts once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2.x default; stored signatures must be read back with it
SHINGLE = 5
THRESHOLD = 0.7  # estimated Jaccard of 5-shingle sets; lightly edited copies score 0.75-0.95

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word k-shingles of the lower-cased text (all words if fewer than k)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> LeanMinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch(shingles(text))
    return LeanMinHash(mh)


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(data, dtype="<u8").astype(np.uint64), scheme=SCHEME)


class SignatureSource(Protocol):
    def signatures_since(self, seq: int) -> list[tuple[int, str, bytes]]: ...


class NearDuplicates:
    """An in-memory LSH index of signatures; ``find`` returns the earliest close match.

    ``refresh(store)`` adds what the store gained since the last refresh (by this
    process or another), so a long-running watcher loads the store's signatures once.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        # Banding for a lower threshold than the one verified keeps LSH's false negatives rare;
        # candidates are then checked against the real threshold.
        self._lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=NUM_PERM)
        self._sigs: dict[str, LeanMinHash] = {}
        self._order: dict[str, int] = {}
        self.seq = 0  # the store's ingest position read up to

    def refresh(self, store: SignatureSource) -> int:
        """Add the signatures stored after the last refresh; returns how many were new."""
        before = len(self._sigs)
        for seq, key, data in store.signatures_since(self.seq):
            self.add(key, from_bytes(data))
            self.seq = max(self.seq, seq)
        return len(self._sigs) - before

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: str, sig: LeanMinHash) -> None:
        if key in self._sigs:
            return
        self._lsh.insert(key, sig)
        self._sigs[key] = sig
        self._order[key] = len(self._order)

    def add_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        for key, data in items:
            self.add(key, from_bytes(data))

    def find(self, sig: LeanMinHash, *, exclude: str | None = None) -> tuple[str, float] | None:
        """The first-added stored key whose estimated Jaccard with ``sig`` reaches the threshold."""
        best: tuple[int, str, float] | None = None
        for key in self._lsh.query(sig):
            if key == exclude:
                continue
            sim = float(sig.jaccard(self._sigs[key]))
            if sim >= self.threshold and (best is None or self._order[key] < best[0]):
                best = (self._order[key], key, sim)
        return (best[1], best[2]) if best else None
