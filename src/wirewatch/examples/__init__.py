"""The bundled example corpus that ``wirewatch demo`` ingests.

All text under ``corpus/`` was written by the wirewatch authors; see
``corpus/README.md`` for what each file is.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_SUFFIXES = (".txt", ".html", ".jsonl")


def corpus_dir() -> Path:
    """The folder holding the example articles (installed as package data)."""
    return Path(__file__).resolve().parent / "corpus"


def corpus_files() -> list[Path]:
    """Every example input file, sorted by name; the README is not an input."""
    return sorted(p for p in corpus_dir().iterdir() if p.is_file() and p.suffix in CORPUS_SUFFIXES)


def expected_stories() -> dict[str, str]:
    """Document id -> story label, as the authors of the corpus intend them grouped."""
    data = json.loads((corpus_dir().parent / "stories.json").read_text(encoding="utf-8"))
    return {doc_id: story for story, ids in data["stories"].items() for doc_id in ids}
