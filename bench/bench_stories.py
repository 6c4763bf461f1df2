#!/usr/bin/env python3
"""Story assignment cost per article as the store grows, on synthetic records.

    .venv/bin/python bench/bench_stories.py [--sizes 1000,10000,100000] [--window 1000] [--store PATH]

Records are built directly (no analysis): topics with their own vocabulary and people keep
arriving, articles mostly follow recent topics, each with 1-3 events between its people. The
store grows to each size; the time of ``update_stories`` over the last ``--window`` articles
before each size gives articles/second there. The ratio of each rate to the first size's rate
(measured in the same run) is the figure to read: flat cost means a ratio near 1.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from wirewatch.record import Actor, Entity, Event, Record
from wirewatch.store import SQLiteStore
from wirewatch.stories.update import update_stories

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "re", "po", "gu", "zan", "mer", "tol",
             "bri", "ash", "ven"]
CODES = ["USA", "RUS", "CHN", "FRA", "DEU", "HUN", "ROU", "CHL", "ARG", "IDN", "KEN", "BRA", "IND", "JPN", "TUR"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "PROTEST", "AID", "THREATEN", "REQUEST"]
START = date(2024, 1, 1)
PER_DAY = 90


class Corpus:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.general = [self.word(self.rng.randint(2, 3)) for _ in range(3000)]
        self.topics: list[tuple[list[str], list[tuple[str, str]]]] = []

    def word(self, n: int = 3) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n))

    def record(self, i: int) -> Record:
        rng = self.rng
        day = START + timedelta(days=i // PER_DAY)
        if not self.topics or rng.random() < 0.2:
            people = [(f"{self.word(2).title()} {self.word(3).title()}", rng.choice(CODES)) for _ in range(4)]
            self.topics.append(([self.word(3) for _ in range(40)], people))
        vocab, people = rng.choice(self.topics[-200:])
        words = [rng.choice(vocab) if rng.random() < 0.5 else rng.choice(self.general) for _ in range(120)]
        names = rng.sample(people, 3)
        text = " ".join(words[:40]) + ". " + " and ".join(n for n, _ in names) + " met. " + " ".join(words[40:]) + "."
        entities = [Entity(id=f"e{k}", name=n, type="PERSON", mentions=[(text.index(n), text.index(n) + len(n))],
                           country=c) for k, (n, c) in enumerate(names)]
        events = []
        for _ in range(rng.randint(1, 3)):
            a, b = rng.sample(range(3), 2)
            events.append(Event(
                type=rng.choice(TYPES), span=(0, 40),
                modality=rng.choice(["asserted"] * 4 + ["future", "cancelled"]),
                date=(day + timedelta(days=rng.randint(-2, 20))).isoformat(),
                source=[Actor(text=names[a][0], entity=f"e{a}", code=names[a][1]),
                        Actor(text=names[b][0], entity=f"e{b}", code=names[b][1])]))
        return Record(id=f"a{i}", text=text, published=day.isoformat(), entities=entities, events=events)


def run(sizes: list[int], window: int, path: Path) -> dict[int, float]:
    corpus = Corpus()
    rates: dict[int, float] = {}
    spent = 0.0
    with SQLiteStore(path) as store:
        for i in range(max(sizes)):
            record = corpus.record(i)
            store.put(record, content_hash=record.id)
            t0 = time.perf_counter()
            update_stories(store, record)
            if any(size - window <= i < size for size in sizes):
                spent += time.perf_counter() - t0
            n = i + 1
            if n in sizes:
                rates[n] = window / spent
                print(f"store of {n:>7} articles: {rates[n]:.0f} articles/s over the last {window} "
                      f"(ratio to the first size {rates[n] / rates[min(sizes)]:.2f})", flush=True)
                spent = 0.0
    return rates


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="store sizes to measure at (default 1000,10000)")
    ap.add_argument("--window", type=int, default=1000, help="assignments timed before each size")
    ap.add_argument("--store", type=Path, default=None, help="SQLite file to build (default: a temporary one)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    window = min(args.window, sizes[0])
    if args.store:
        rates = run(sizes, window, args.store)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rates = run(sizes, window, Path(tmp) / "bench.db")
    if args.json:
        base = rates[sizes[0]]
        args.json.write_text(json.dumps({str(k): {"articles_per_s": round(v, 1), "ratio": round(v / base, 3)}
                                         for k, v in rates.items()}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
