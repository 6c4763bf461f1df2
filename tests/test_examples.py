"""The bundled example corpus: readable, complete, and shaped like the stories it is meant to tell."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wirewatch.examples import corpus_dir, corpus_files, expected_stories

CORPUS = corpus_dir()
SHARED_SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"

STORY_FILES = [
    "hu-ro-summit-announced.txt",
    "hu-ro-summit-postponed.txt",
    "hu-ro-summit-postponed-pannonia.txt",
    "hu-ro-summit-held.txt",
    "hu-ro-summit-held-danube-courier.html",
    "hu-ro-rail-summit-2027.txt",
]
TXT = sorted(p for p in corpus_files() if p.suffix == ".txt")
HTML = sorted(p for p in corpus_files() if p.suffix == ".html")
JSONL = sorted(p for p in corpus_files() if p.suffix == ".jsonl")

_DATE_LINE = re.compile(r"^ date (\d{4}-\d{2}-\d{2})(?: |\n)")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def _jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb)


def _read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _doc_ids() -> set[str]:
    ids = {p.name.split(".")[0] for p in corpus_files() if p.suffix != ".jsonl"}
    for p in JSONL:
        ids |= {json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines()}
    return ids


def test_corpus_has_the_promised_mix() -> None:
    assert 8 <= len(TXT) <= 10
    assert len(HTML) == 2
    assert len(JSONL) == 1
    assert (CORPUS / "README.md").is_file()


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_file_is_clean_utf8(path: Path) -> None:
    data = path.read_bytes()
    text = data.decode("utf-8")  # strict: raises on any invalid byte
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in data
    assert not [c for c in text if ord(c) < 32 and c != "\n"], "no control characters"
    assert text.endswith("\n")


@pytest.mark.parametrize("path", TXT, ids=lambda p: p.name)
def test_text_articles_are_full_pages(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text) > 800
    # A scraped page, not a clean body: caption credit, dateline and page furniture are there to be removed.
    assert re.search(r"\((?:Photo by|Photo:) [^)]+\)", text), "caption with a photo credit"
    assert re.search(r"\b202[67]\b", text), "a dated page"
    assert any(f in text for f in ("Advertisement", "ADVERTISEMENT", "Share", "Sign up", "Subscribe",
                                   "MOST READ", "Follow")), "page furniture"
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 10


@pytest.mark.parametrize("path", TXT, ids=lambda p: p.name)
def test_optional_date_line_is_an_iso_date(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if text.startswith(" date "):
        m = _DATE_LINE.match(text)
        assert m, "' date YYYY-MM-DD' then a space or a newline"
        assert date(2026, 1, 1) <= date.fromisoformat(m.group(1)) <= date(2027, 12, 31)


def test_some_files_carry_a_date_line_and_some_do_not() -> None:
    starts = [p.read_text(encoding="utf-8").startswith(" date ") for p in TXT]
    assert any(starts) and not all(starts)


def test_story_files_are_present() -> None:
    for name in STORY_FILES:
        assert (CORPUS / name).is_file(), name


def test_expected_stories_cover_every_document_once() -> None:
    stories = expected_stories()
    assert set(stories) == _doc_ids()
    assert len({stories[i] for i in ("hu-ro-summit-announced", "hu-ro-summit-postponed",
                                     "hu-ro-summit-held", "brief-hu-ro-new-date",
                                     "hu-ro-summit-held-danube-courier")}) == 1
    # Same two prime ministers, a year later, another subject: a separate story.
    assert stories["hu-ro-rail-summit-2027"] != stories["hu-ro-summit-held"]


def test_summit_story_moves_from_announced_to_postponed_to_held() -> None:
    announced = _read("hu-ro-summit-announced.txt")
    postponed = _read("hu-ro-summit-postponed.txt")
    held = _read("hu-ro-summit-held.txt")
    assert "will hold" in announced and "on April 14" in announced
    assert "has been postponed" in postponed and "called off" in postponed
    assert "agreed on Tuesday" in held and "four-hour meeting" in held
    assert "2027" in _read("hu-ro-rail-summit-2027.txt")


def test_syndicated_copy_is_a_near_duplicate_and_other_reports_are_not() -> None:
    original = _read("hu-ro-summit-postponed.txt")
    copy = _read("hu-ro-summit-postponed-pannonia.txt")
    assert original != copy
    assert _jaccard(original, copy) > 0.6
    # Same story, different wording: related but far from a duplicate.
    assert _jaccard(original, _read("hu-ro-summit-held.txt")) < 0.15
    assert _jaccard(_read("hu-ro-summit-held.txt"), _read("hu-ro-rail-summit-2027.txt")) < 0.15


def test_corpus_exercises_what_wirewatch_analyses() -> None:
    everything = "\n".join(p.read_text(encoding="utf-8") for p in corpus_files())
    for needle in ("“", "”", '"', "last Thursday", "on Tuesday", "next month", "within two weeks",
                   "three-hour meeting", "phone call", "according to", "insisted that",
                   "on condition of anonymity", "he said", "she said", "postponed", "called off",
                   "sanctions", "protest", "demanded", "accused", "attacked", "aid"):
        assert needle in everything, needle


def test_jsonl_parses_with_every_field() -> None:
    (path,) = JSONL
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        rec = json.loads(line)
        assert list(rec) == ["id", "text", "published", "url", "outlet", "title"]
        assert all(isinstance(rec[k], str) and rec[k] for k in rec)
        date.fromisoformat(rec["published"])
        assert rec["url"].startswith("https://") and ".example/" in rec["url"]
        assert len(rec["text"]) > 200


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.tags: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key and a.get("content"):
            self.meta[key] = a["content"] or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@pytest.mark.parametrize("path", HTML, ids=lambda p: p.name)
def test_html_pages_have_realistic_markup(path: Path) -> None:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.title.strip()
    for key in ("og:site_name", "author", "article:published_time"):
        assert parser.meta.get(key), key
    assert parser.meta["article:published_time"].startswith("2026-")
    for tag in ("nav", "footer", "article", "p", "figcaption"):
        assert tag in parser.tags, tag
    assert parser.tags.count("p") >= 8


def test_readme_names_every_file() -> None:
    readme = _read("README.md")
    for p in corpus_files():
        assert p.name in readme, p.name
    assert "invented" in readme


def test_corpus_stays_small() -> None:
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total < 100_000


@pytest.mark.skipif(not SHARED_SEED.is_dir(), reason="shared evaluation data not present")
def test_no_text_is_borrowed_from_the_shared_data() -> None:
    shared: set[tuple[str, ...]] = set()
    for p in SHARED_SEED.glob("*.txt"):
        shared |= _shingles(p.read_text(encoding="utf-8"), 8)
    for p in corpus_files():
        assert not (_shingles(p.read_text(encoding="utf-8"), 8) & shared), p.name
