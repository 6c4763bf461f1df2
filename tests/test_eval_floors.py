"""The evaluation gate: every kit in ../shared/eval, run through wirewatch's own commands and scored by
the kit's scorer, must stay at or above the floors pinned in eval/floors.json."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from wirewatch.evaluation import KITS, PROJECT, check_floors, default_shared, run_evaluation

FLOORS = PROJECT / "eval" / "floors.json"


def test_floor_check_reports_drops_and_missing_figures() -> None:
    scores = {"time": {"value_f1": 80.0, "strict_f1": 90.0}, "seed": {"required_passed": 50}}
    floors = {"time.value_f1": 82.0, "time.strict_f1": 85.0, "seed.required_passed": 50,
              "seed.gone": 1.0, "events.type.f1": 0.5}
    problems = check_floors(scores, floors)
    assert problems == ["seed.gone: no figure (the scorer's output changed?), floor 1.0",
                        "time.value_f1: 80.0 is below its floor 82.0"]


def test_every_floor_names_a_known_kit() -> None:
    labels = set(KITS) | {"quotes_direct"}
    for dotted in json.loads(FLOORS.read_text(encoding="utf-8")):
        assert dotted.split(".", 1)[0] in labels, dotted


@pytest.mark.skipif(not (default_shared() / "eval").is_dir(), reason="../shared/eval is not beside the project")
def test_scores_stay_above_their_floors(tmp_path: Path) -> None:
    out = io.StringIO()
    ok = run_evaluation(scores_path=tmp_path / "scores.json", out=out)
    report = out.getvalue()
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert {"seed", "time", "meantime", "quotes", "quotes_direct", "events", "stories", "extract",
            "textdump"} <= set(scores), report
    assert ok, report
