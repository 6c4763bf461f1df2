#!/usr/bin/env python3
"""Story assignment cost per article as the store grows, on synthetic records.

    .venv/bin/python bench/bench_stories.py [--sizes 1000,10000,100000] [--window 1000] [--store PATH]
    .venv/bin/python bench/bench_stories.py --sizes "" --ecb      # quality of the same options on ECB+ dev
    .venv/bin/python bench/bench_stories.py --sizes 10000 --two-writers   # two writers taking turns

Records are built directly (no analysis): topics with their own vocabulary and people keep
arriving, articles mostly follow recent topics, each with 1-3 events between its people. The
store grows to each size; the time of ``update_stories`` over the last ``--window`` articles
before each size gives articles/second there. The ratio of each rate to the first size's rate
(measured in the same run) is the figure to read: flat cost means a ratio near 1. Each article is
stored and assigned in one ``store.atomic()`` transaction, as ingest does; only ``update_stories``
is timed, in CPU seconds of this process (``time.process_time``: other work on a shared machine
barely moves it, where wall time swings with the load). At each size it also times building the
story index as a new process does.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from wirewatch.record import Actor, Entity, Event, Modality, Record
from wirewatch.store import MemoryStore, SQLiteStore
from wirewatch.stories.assign import AssignOptions, StoryIndex, index_for
from wirewatch.stories.update import update_stories

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "re", "po", "gu", "zan", "mer", "tol",
             "bri", "ash", "ven"]
CODES = ["USA", "RUS", "CHN", "FRA", "DEU", "HUN", "ROU", "CHL", "ARG", "IDN", "KEN", "BRA", "IND", "JPN", "TUR"]
MODALITIES: list[Modality] = ["asserted", "asserted", "asserted", "asserted", "future", "cancelled"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "PROTEST", "AID", "THREATEN", "REQUEST"]
START = date(2024, 1, 1)
PER_DAY = 90


class Corpus:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.general = [self.word(self.rng.randint(2, 3)) for _ in range(3000)]
        self.topics: list[tuple[list[str], list[tuple[str, str]]]] = []
        self.truth: dict[str, int] = {}  # article id -> the topic it was written from

    def word(self, n: int = 3) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n))

    def record(self, i: int) -> Record:
        rng = self.rng
        day = START + timedelta(days=i // PER_DAY)
        if not self.topics or rng.random() < 0.2:
            people = [(f"{self.word(2).title()} {self.word(3).title()}", rng.choice(CODES)) for _ in range(4)]
            self.topics.append(([self.word(3) for _ in range(40)], people))
        topic = rng.randrange(max(0, len(self.topics) - 200), len(self.topics))
        vocab, people = self.topics[topic]
        self.truth[f"a{i}"] = topic
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
                modality=rng.choice(MODALITIES),
                date=(day + timedelta(days=rng.randint(-2, 20))).isoformat(),
                source=[Actor(text=names[a][0], entity=f"e{a}", code=names[a][1]),
                        Actor(text=names[b][0], entity=f"e{b}", code=names[b][1])]))
        return Record(id=f"a{i}", text=text, published=day.isoformat(), entities=entities, events=events)


def bcubed_f1(pred: dict[str, str], gold: dict[str, int]) -> float:
    """B-cubed F1 of a grouping against the true one (the ECB+ kit's definition)."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[int, set[str]] = {}
    for doc, label in pred.items():
        by_pred.setdefault(label, set()).add(doc)
        by_gold.setdefault(gold[doc], set()).add(doc)
    p = r = 0.0
    for doc in pred:
        shared = len(by_pred[pred[doc]] & by_gold[gold[doc]])
        p += shared / len(by_pred[pred[doc]])
        r += shared / len(by_gold[gold[doc]])
    p, r = p / len(pred), r / len(pred)
    return 2 * p * r / (p + r) if p + r else 0.0


def run(sizes: list[int], window: int, path: Path, options: AssignOptions | None,
        two_writers: bool = False) -> dict[int, dict[str, float]]:
    """Articles/s of update_stories over the last ``window`` articles before each size, and the
    seconds a new process takes to build the story index of a store of that size. With
    ``two_writers``, then ``window`` more articles written in turn by two store objects (two
    processes' worth of connections and indexes), each bringing its index up to date with the
    other's writes at every article."""
    corpus = Corpus()
    out: dict[int, dict[str, float]] = {}
    spent = 0.0
    with SQLiteStore(path) as store:
        for i in range(max(sizes)):
            record = corpus.record(i)
            with store.atomic():  # as ingest does: one transaction per article
                store.put(record, content_hash=record.id)
                t0 = time.process_time()
                update_stories(store, record, options)
                t1 = time.process_time()
            if any(size - window <= i < size for size in sizes):
                spent += t1 - t0
            n = i + 1
            if n in sizes:
                t0 = time.process_time()
                index = StoryIndex(store, options)  # what a new process builds before its first article
                load = time.process_time() - t0
                rate = window / spent
                base = out[min(sizes)]["articles_per_s"] if out else rate
                # Quality of the last window's articles against the topics they were written from.
                last = {f"a{k}": store.story_of(f"a{k}") or "" for k in range(n - window, n)}
                quality = bcubed_f1(last, corpus.truth)
                out[n] = {"articles_per_s": rate, "ratio": rate / base, "index_build_s": load,
                          "stories": len(index.rows) + len(index.dormant), "bcubed_f1_last_window": quality}
                print(f"store of {n:>7} articles ({out[n]['stories']:.0f} stories): {rate:.0f} articles/s over "
                      f"the last {window} (ratio to the first size {rate / base:.2f}); index build in a new "
                      f"process {load:.2f} s; B-cubed F1 of the last {window} against their topics "
                      f"{quality:.3f}", flush=True)
                spent = 0.0
    if two_writers:
        n = max(sizes)
        with SQLiteStore(path) as a, SQLiteStore(path) as b:
            for writer in (a, b):
                index_for(writer, options)  # built before timing, as in two running processes
            spent = 0.0
            for k in range(window):
                record = corpus.record(n + k)
                writer = (a, b)[k % 2]
                with writer.atomic():
                    writer.put(record, content_hash=record.id)
                    t0 = time.process_time()
                    update_stories(writer, record, options)
                    spent += time.process_time() - t0
        rate = window / spent
        single = out[n]["articles_per_s"]
        out[n]["two_writers_articles_per_s"] = rate
        print(f"two writers taking turns at {n} articles: {rate:.0f} articles/s (ratio to one writer at that "
              f"size {rate / single:.2f})", flush=True)
    return out


def ecb_check(path: Path, options: AssignOptions | None) -> dict[str, float]:
    """Incremental assignment (not the batch ``wirewatch cluster``) on the ECB+ dev texts, one
    at a time into an empty store, scored with the kit's own scorer: what the speed options cost
    in quality. The texts carry no names or dates, so only the words count here."""
    gold = path.parent / "dev.gold.jsonl"
    scorer = path.parent / "score_stories.py"
    store = MemoryStore()
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        record = Record(id=doc["id"], text=doc["text"])
        store.put(record, content_hash=doc["id"])
        lines.append(json.dumps({"id": doc["id"], "story": update_stories(store, record, options)
                                 .assignment.story_id}))
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
        done = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"],
                              capture_output=True, text=True, check=True)
    scores: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return scores


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="store sizes to measure at (default 1000,10000)")
    ap.add_argument("--window", type=int, default=1000, help="assignments timed before each size")
    ap.add_argument("--store", type=Path, default=None, help="SQLite file to build (default: a temporary one)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--ecb", type=Path, nargs="?", const=Path("../shared/eval/stories/dev.input.jsonl"),
                    default=None, help="also score incremental assignment on the ECB+ dev input "
                    "(default path ../shared/eval/stories/dev.input.jsonl)")
    ap.add_argument("--two-writers", action="store_true",
                    help="then time two store objects writing in turn at the largest size")
    ap.add_argument("--set", action="append", default=[], metavar="OPTION=VALUE",
                    help="an AssignOptions field to change, e.g. --set posting_limit=50")
    args = ap.parse_args()
    options = AssignOptions(**{k: type(getattr(AssignOptions(), k))(v)
                               for k, v in (item.split("=", 1) for item in args.set)}) if args.set else None
    results: dict[str, object] = {}
    if args.ecb:
        scores = ecb_check(args.ecb, options)
        print("ECB+ dev, incremental assignment: " + ", ".join(f"{k} {v}" for k, v in scores.items()), flush=True)
        results["ecb"] = scores
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    if sizes:
        window = min(args.window, sizes[0])
        if args.store:
            results["sizes"] = run(sizes, window, args.store, options, args.two_writers)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                results["sizes"] = run(sizes, window, Path(tmp) / "bench.db", options, args.two_writers)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
