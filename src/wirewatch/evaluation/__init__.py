"""The evaluation runner: wirewatch's own commands on every kit in ``../shared/eval``, scored there.

Each kit is run the way ``../shared/eval/README.md`` says: the project's
command (``wirewatch analyze``, ``clean`` or ``cluster``) on the kit's input
files, in a subprocess, then the kit's own scorer with ``--json``. Scores are
written to ``eval/scores.json``; floors pinned in ``eval/floors.json`` are
checked, and a figure below its floor fails the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

PROJECT = Path(__file__).resolve().parents[3]


def default_shared() -> Path:
    env = os.environ.get("WIREWATCH_SHARED")
    return Path(env) if env else PROJECT.parent / "shared"


@dataclass(frozen=True)
class Kit:
    name: str
    needs: tuple[str, ...]  # paths under shared/ that must exist
    run: Callable[[Path, Path], list[list[str]]]  # (shared, out) -> wirewatch commands; last one -> out
    score: Callable[[Path, Path], list[tuple[str, list[str]]]]  # (shared, pred) -> (label, scorer argv)


def _ww(*args: str) -> list[str]:
    return [sys.executable, "-m", "wirewatch", "--no-progress", *args]


def _py(*args: str) -> list[str]:
    return [sys.executable, *args]


KITS: dict[str, Kit] = {
    "seed": Kit(
        "seed", ("seed/000_d9e0cb12508ed7c7.txt", "eval/seed/score_seed.py"),
        lambda s, o: [_ww("analyze", str(s / "seed/000_d9e0cb12508ed7c7.txt"))],
        lambda s, p: [("seed", _py(str(s / "eval/seed/score_seed.py"), "--gold",
                                   str(s / "seed/000_d9e0cb12508ed7c7.gold.json"), "--pred", str(p), "--json"))]),
    "time": Kit(
        "time", ("eval/time/dev.input.jsonl",),
        lambda s, o: [_ww("analyze", "--keep-text", str(s / "eval/time/dev.input.jsonl"))],
        lambda s, p: [("time", _py(str(s / "eval/time/score_time.py"), "--gold",
                                   str(s / "eval/time/dev.jsonl"), "--pred", str(p), "--json"))]),
    "meantime": Kit(
        "meantime", ("eval/time/meantime.input.jsonl",),
        lambda s, o: [_ww("analyze", "--keep-text", str(s / "eval/time/meantime.input.jsonl"))],
        lambda s, p: [("meantime", _py(str(s / "eval/time/score_time.py"), "--gold",
                                       str(s / "eval/time/meantime.jsonl"), "--pred", str(p), "--json"))]),
    "quotes": Kit(
        "quotes", ("eval/quotes/dev.input.jsonl",),
        lambda s, o: [_ww("analyze", "--keep-text", str(s / "eval/quotes/dev.input.jsonl"))],
        lambda s, p: [
            ("quotes", _py(str(s / "eval/quotes/score_quotes.py"), "--gold", str(s / "eval/quotes/dev.jsonl"),
                           "--pred", str(p), "--json")),
            ("quotes_direct", _py(str(s / "eval/quotes/score_quotes.py"), "--gold",
                                  str(s / "eval/quotes/dev.jsonl"), "--pred", str(p), "--direct-only",
                                  "--json"))]),
    "events": Kit(
        "events", ("eval/events/gsr.input.jsonl",),
        lambda s, o: [_ww("analyze", "--keep-text", str(s / "eval/events/gsr.input.jsonl"))],
        lambda s, p: [("events", _py(str(s / "eval/events/score_events.py"), "--gold",
                                     str(s / "eval/events/gsr.jsonl"), "--pred", str(p), "--json"))]),
    "stories": Kit(
        "stories", ("eval/stories/dev.input.jsonl",),
        lambda s, o: [_ww("cluster", str(s / "eval/stories/dev.input.jsonl"))],
        lambda s, p: [("stories", _py(str(s / "eval/stories/score_stories.py"), "--gold",
                                      str(s / "eval/stories/dev.gold.jsonl"), "--pred", str(p), "--json"))]),
    "extract": Kit(
        "extract", ("eval/extract/html",),
        lambda s, o: [_ww("clean", str(s / "eval/extract/html"))],
        lambda s, p: [("extract", _py(str(s / "eval/extract/score_extract.py"), "--gold",
                                      str(s / "eval/extract/dev.gold.jsonl"), "--pred", str(p),
                                      "--bootstrap", "0", "--json"))]),
    "textdump": Kit(
        "textdump", ("eval/extract/textdump/dev.input.jsonl",),
        lambda s, o: [_ww("clean", str(s / "eval/extract/textdump/dev.input.jsonl"))],
        lambda s, p: [("textdump", _py(str(s / "eval/extract/score_extract.py"), "--gold",
                                       str(s / "eval/extract/dev.gold.jsonl"), "--pred", str(p),
                                       "--bootstrap", "0", "--json"))]),
}


def _get(d: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def check_floors(scores: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Messages for every figure below its floor (or missing); empty when all hold."""
    problems = []
    for dotted, floor in sorted(floors.items()):
        kit = dotted.split(".", 1)[0]
        if kit not in scores:
            continue  # kit not run this time
        value = _get(scores, dotted)
        if not isinstance(value, (int, float)):
            problems.append(f"{dotted}: no figure (the scorer's output changed?), floor {floor}")
        elif value < floor:
            problems.append(f"{dotted}: {value} is below its floor {floor}")
    return problems


def run_kit(kit: Kit, shared: Path, workdir: Path, out: TextIO) -> dict[str, Any]:
    pred = workdir / f"{kit.name}.jsonl"
    started = time.perf_counter()
    for argv in kit.run(shared, pred):
        with open(pred, "w", encoding="utf-8") as fh:
            proc = subprocess.run(argv, stdout=fh, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
        # Exit 1 means some documents could not be analysed: their records still count.
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"kit {kit.name}: {' '.join(argv[2:])} failed with exit {proc.returncode}:\n"
                               f"{proc.stderr[-2000:]}")
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {}
    for label, argv in kit.score(shared, pred):
        proc = subprocess.run(argv, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"kit {kit.name}: scorer failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        lines = [ln for ln in proc.stdout.splitlines() if ln.strip().startswith("{")]
        result[label] = json.loads(lines[-1])
    out.write(f"{kit.name}: scored in {seconds:.1f} s\n")
    for label, figures in result.items():
        figures["_seconds"] = round(seconds, 1)
        out.write(f"  {label}: {json.dumps(_headline(figures))}\n")
    return result


def _headline(figures: dict[str, Any]) -> dict[str, Any]:
    """The handful of numbers worth printing; the file keeps them all."""
    keep = {}
    for key, value in figures.items():
        if isinstance(value, dict) and "f1" in value:
            keep[key] = value["f1"]
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            keep[key] = value
    return keep


def run_evaluation(*, shared: Path | None = None, kits: list[str] | None = None,
                   scores_path: Path | None = None, floors_path: Path | None = None,
                   out: TextIO = sys.stdout) -> bool:
    """Run the kits, write the scores, check the floors; True when every floor holds."""
    shared = shared or default_shared()
    if not (shared / "eval").is_dir():
        out.write(f"no evaluation kits at {shared / 'eval'}: pass --shared PATH or set WIREWATCH_SHARED\n")
        return False
    names = kits or list(KITS)
    unknown = [n for n in names if n not in KITS]
    if unknown:
        raise ValueError(f"unknown kit(s) {', '.join(unknown)}: choose from {', '.join(KITS)}")
    scores_path = scores_path or PROJECT / "eval" / "scores.json"
    floors_path = floors_path or PROJECT / "eval" / "floors.json"
    previous: dict[str, Any] = {}
    if scores_path.exists():
        previous = json.loads(scores_path.read_text(encoding="utf-8"))
    scores: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="wirewatch-eval-") as tmp:
        for name in names:
            kit = KITS[name]
            missing = [n for n in kit.needs if not (shared / n).exists()]
            if missing:
                out.write(f"{name}: skipped, {', '.join(missing)} not found under {shared}\n")
                continue
            for label, figures in run_kit(kit, shared, Path(tmp), out).items():
                scores[label] = figures
    merged = {**previous, **scores}
    scores_path.parent.mkdir(parents=True, exist_ok=True)
    scores_path.write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    floors: dict[str, float] = {}
    if floors_path.exists():
        floors = json.loads(floors_path.read_text(encoding="utf-8"))
    problems = check_floors(scores, floors)
    for p in problems:
        out.write(f"BELOW FLOOR {p}\n")
    out.write(f"scores written to {scores_path}; {len(problems)} figure(s) below floor\n")
    return not problems
