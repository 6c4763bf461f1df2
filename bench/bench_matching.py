#!/usr/bin/env python3
"""Matching cost per article as the number of subscriptions grows (1k, 10k, 100k).

    .venv/bin/python bench/bench_matching.py [--sizes 1000,10000,100000] [--articles 300] [--scan-up-to 10000]

The articles are the bundled example corpus, analysed by the real pipeline and
put through story assignment and expectation tracking once (so entities,
events, stories and changed expectations are real), then repeated to
``--articles``. The subscriptions are a fixed mix of the four kinds (40 %
entity, 25 % pair, 15 % story, 20 % query). A fixed set of 400 of them
follows things the corpus contains (its people, countries, pairs, stories
and words), so the alerts per article stay the same at every size; the rest
follow invented names, codes, stories and words. What grows is only the
number of subscriptions that must *not* be looked at — the cost an index
avoids and a scan pays.

Reported at each size: microseconds per article for ``match`` through the
index (and for the index lookup alone), the index build time, alerts per
article, and the ratio of the per-article time to the first size's, measured
in the same run (sizes take turns over ``--passes`` passes; the best pass of
each counts, so a busy machine slows all sizes alike). A full scan of every subscription (``match_all``) is timed
up to ``--scan-up-to`` subscriptions as the baseline that grows linearly.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from wirewatch.article import analyze_documents
from wirewatch.examples import corpus_files
from wirewatch.follow import SubscriptionIndex, match, match_all
from wirewatch.follow.features import article_facts, tokens
from wirewatch.follow.keys import entity_keys
from wirewatch.record import PLOVER_TYPES, Document, Record
from wirewatch.settings import Settings
from wirewatch.sources.files import read_inputs
from wirewatch.store import MemoryStore
from wirewatch.store.base import content_hash
from wirewatch.store.follow_base import OutboxRow, SubscriptionKind, SubscriptionRow
from wirewatch.stories.update import StoryUpdate, update_stories

NOW = "2026-03-02T09:00:00Z"
MIX: list[tuple[SubscriptionKind, float]] = [("entity", 0.40), ("pair", 0.25), ("story", 0.15), ("query", 0.20)]
MATCHABLE = 400
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "re", "po", "gu", "zan", "mer", "tol", "bri"]


def analysed_corpus() -> list[tuple[Record, StoryUpdate]]:
    """The example corpus through analysis, the store and the stories stage, in corpus order."""
    docs = [d for d in read_inputs([str(p) for p in corpus_files()], max_bytes=20_000_000)
            if isinstance(d, Document)]
    store = MemoryStore()
    out: list[tuple[Record, StoryUpdate]] = []
    for outcome in analyze_documents(docs, settings=Settings(progress=False)):
        record = outcome.record
        if outcome.rejected is not None or record.error:
            continue
        store.put(record, content_hash=content_hash(record.text))
        out.append((record, update_stories(store, record)))
    return out


class Subscriptions:
    def __init__(self, corpus: list[tuple[Record, StoryUpdate]], seed: int = 11) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        names = sorted({e.name for r, _ in corpus for e in r.entities})
        pairs = sorted({"-".join(sorted((a.code, b.code))) for r, _ in corpus for ev in r.events
                        for a in ev.source for b in ev.target if a.code and b.code and a.code != b.code})
        stories = sorted({u.assignment.story_id for _, u in corpus})
        words = sorted({w for r, _ in corpus for w, _, _ in tokens(r.text) if len(w) > 5 and w.isalpha()})
        self.real = {"entity": names, "pair": pairs or ["RUS-USA"], "story": stories, "query": words}
        self.fake_words = sorted({self.word(3) for _ in range(20000)})

    def word(self, n: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n))

    def target(self, kind: SubscriptionKind, real: bool) -> tuple[str, tuple[str, ...]]:
        rng = self.rng
        if kind == "entity":
            return (rng.choice(self.real["entity"]) if real
                    else f"{self.word(2).title()} {self.word(3).title()}"), ()
        if kind == "pair":
            types = tuple(sorted(rng.sample(PLOVER_TYPES, rng.randint(0, 2))))
            if real:
                return rng.choice(self.real["pair"]), types
            a, b = sorted({f"Q{rng.randint(0, 99):02d}", f"Z{rng.randint(0, 99):02d}"})
            return f"{a}-{b}", types
        if kind == "story":
            return (rng.choice(self.real["story"]) if real else f"s{rng.randint(10_000, 10_000_000)}"), ()
        pool = self.real["query"] if real else self.fake_words
        words = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        return (" ".join(words) if rng.random() < 0.7 else f'"{" ".join(words)}"'), ()

    def rows(self, n: int) -> list[SubscriptionRow]:
        """The same MATCHABLE subscriptions at every size, then invented ones up to ``n``; entity
        rows carry the keys ``new_subscription`` keeps in their data, as stored ones do."""
        out = []
        kinds = [k for k, _ in MIX]
        weights = [w for _, w in MIX]
        for i in range(n):
            if i == 0:
                self.rng = random.Random(self.seed)  # the matchable ones: the same at every size
            elif i == MATCHABLE:
                self.rng = random.Random(self.seed + n)
            kind = self.rng.choices(kinds, weights)[0]
            target, types = self.target(kind, real=i < MATCHABLE)
            data = "{}"
            if kind == "entity":
                person, code = entity_keys(target)
                data = json.dumps({"keys": {"name": target, "person": list(person) if person else None,
                                            "code": code}})
            out.append(SubscriptionRow(id=f"s-{i:08x}", channel="email", recipient=f"r{i}@example.org",
                                       kind=kind, target=target, event_types=types,
                                       cadence=self.rng.choice(["immediate", "immediate", "daily"]), data=data))
        random.Random(self.seed).shuffle(out)  # the matchable ones anywhere in the list
        return out


def one_pass(fn: Callable[[Record, StoryUpdate], list[OutboxRow]],
             articles: list[tuple[Record, StoryUpdate]]) -> tuple[float, int]:
    """Microseconds per article and alerts made, over one pass of the articles."""
    t0 = time.perf_counter()
    alerts = sum(len(fn(r, u)) for r, u in articles)
    return (time.perf_counter() - t0) / len(articles) * 1e6, alerts


def _indexed(index: SubscriptionIndex, record: Record, update: StoryUpdate) -> list[OutboxRow]:
    return match(record, update, index, now=NOW)


def _scanned(rows: list[SubscriptionRow], record: Record, update: StoryUpdate) -> list[OutboxRow]:
    return match_all(rows, record, update, now=NOW)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="subscription counts (default 1000,10000,100000)")
    ap.add_argument("--articles", type=int, default=300, help="articles matched at each size (default 300)")
    ap.add_argument("--scan-up-to", type=int, default=10000,
                    help="also time a full scan of every subscription up to this size (default 10000)")
    ap.add_argument("--passes", type=int, default=5, help="timed passes per size, sizes taking turns (default 5)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()

    t0 = time.perf_counter()
    corpus = analysed_corpus()
    print(f"{len(corpus)} example articles analysed and assigned to stories in {time.perf_counter() - t0:.1f} s; "
          f"{sum(len(u.changed) for _, u in corpus)} expectation changes", flush=True)
    articles = [corpus[i % len(corpus)] for i in range(args.articles)]
    subs = Subscriptions(corpus)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    built: dict[int, tuple[list[SubscriptionRow], SubscriptionIndex, float]] = {}
    for size in sizes:
        rows = subs.rows(size)
        t0 = time.perf_counter()
        built[size] = (rows, SubscriptionIndex.from_rows(rows), time.perf_counter() - t0)
    # Sizes take turns, pass after pass, and each keeps its best pass: a machine busy with other
    # work slows every size alike instead of whichever happened to run then.
    best: dict[int, tuple[float, int, float]] = {}
    facts = [article_facts(r, u) for r, u in articles]
    for _ in range(args.passes):
        for size in sizes:
            index = built[size][1]
            per_article, alerts = one_pass(partial(_indexed, index), articles)
            t0 = time.perf_counter()
            for f in facts:
                index.candidates(f)
            lookup = (time.perf_counter() - t0) / len(facts) * 1e6
            old = best.get(size)
            best[size] = (min(per_article, old[0]) if old else per_article, alerts,
                          min(lookup, old[2]) if old else lookup)
    results: dict[int, dict[str, float]] = {}
    base_match, base_lookup = best[sizes[0]][0], best[sizes[0]][2]
    for size in sizes:
        rows, index, build = built[size]
        per_article, alerts, lookup = best[size]
        entry = {"us_per_article": per_article, "ratio": per_article / base_match, "lookup_us": lookup,
                 "lookup_ratio": lookup / base_lookup, "index_build_s": build,
                 "alerts_per_article": alerts / len(articles)}
        line = (f"{size:>7} subscriptions: match {per_article:6.0f} µs/article (ratio to the first size "
                f"{per_article / base_match:.2f}); index lookup {lookup:4.0f} µs (ratio {lookup / base_lookup:.2f}); "
                f"{alerts / len(articles):.1f} alerts/article; index built in {build:.2f} s")
        if size <= args.scan_up_to:
            few = articles[:max(1, min(len(articles), 30))]
            scan = min(one_pass(partial(_scanned, rows), few)[0] for _ in range(2))
            entry["scan_us_per_article"] = scan
            line += f"; full scan {scan:.0f} µs/article ({scan / per_article:.0f}x)"
        results[size] = entry
        print(line, flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
