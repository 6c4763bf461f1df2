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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

PROJECT = Path(__file__).resolve().parents[3]


def default_shared() -> Path:
    env = os.environ.get("WIREWATCH_SHARED")
    return Path(env) if env else PROJECT.parent / "shared"


@dataclass(frozen=True)
class Kit:
    """One evaluation kit: which wirewatch command runs on which input, and how it is scored.

    Paths are relative to the shared folder.
    """

    name: str
    command: tuple[str, ...]  # wirewatch subcommand and options, e.g. ("analyze", "--keep-text")
    input: str
    scorer: str
    gold: str
    scorings: tuple[tuple[str, tuple[str, ...]], ...]  # (label, extra scorer options)

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.input, self.scorer, self.gold)

    def run_argv(self, shared: Path) -> list[str]:
        return [sys.executable, "-m", "wirewatch", "--no-progress", *self.command, str(shared / self.input)]

    def score_argvs(self, shared: Path, pred: Path) -> list[tuple[str, list[str]]]:
        return [(label, [sys.executable, str(shared / self.scorer), "--gold", str(shared / self.gold),
                         "--pred", str(pred), *extra, "--json"]) for label, extra in self.scorings]


def _kit(name: str, command: tuple[str, ...], input: str, scorer: str, gold: str,
         *extra: tuple[str, tuple[str, ...]], options: tuple[str, ...] = ()) -> Kit:
    return Kit(name, command, input, scorer, gold, ((name, options), *extra))


_KEEP = ("analyze", "--keep-text")
_NO_BOOTSTRAP = ("--bootstrap", "0")

KITS: dict[str, Kit] = {k.name: k for k in (
    _kit("seed", ("analyze",), "seed/000_d9e0cb12508ed7c7.txt", "eval/seed/score_seed.py",
         "seed/000_d9e0cb12508ed7c7.gold.json"),
    _kit("time", _KEEP, "eval/time/dev.input.jsonl", "eval/time/score_time.py", "eval/time/dev.jsonl"),
    _kit("meantime", _KEEP, "eval/time/meantime.input.jsonl", "eval/time/score_time.py",
         "eval/time/meantime.jsonl"),
    _kit("quotes", _KEEP, "eval/quotes/dev.input.jsonl", "eval/quotes/score_quotes.py", "eval/quotes/dev.jsonl",
         ("quotes_direct", ("--direct-only",))),
    _kit("events", _KEEP, "eval/events/gsr.input.jsonl", "eval/events/score_events.py", "eval/events/gsr.jsonl"),
    _kit("stories", ("cluster",), "eval/stories/dev.input.jsonl", "eval/stories/score_stories.py",
         "eval/stories/dev.gold.jsonl"),
    _kit("extract", ("clean",), "eval/extract/html", "eval/extract/score_extract.py", "eval/extract/dev.gold.jsonl",
         options=_NO_BOOTSTRAP),
    _kit("textdump", ("clean",), "eval/extract/textdump/dev.input.jsonl", "eval/extract/score_extract.py",
         "eval/extract/dev.gold.jsonl", options=_NO_BOOTSTRAP),
)}


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
    argv = kit.run_argv(shared)
    with open(pred, "w", encoding="utf-8") as fh:
        proc = subprocess.run(argv, stdout=fh, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    # Exit 1 means some documents could not be analysed: their records still count.
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"kit {kit.name}: {' '.join(argv[2:])} failed with exit {proc.returncode}:\n"
                           f"{proc.stderr[-2000:]}")
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {}
    for label, score_argv in kit.score_argvs(shared, pred):
        proc = subprocess.run(score_argv, capture_output=True, text=True)
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
