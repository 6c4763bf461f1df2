"""Quotation-mark pairing, without the parser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wirewatch.analyse.quotes.marks import find_quoted, paragraphs


def inners(text: str) -> list[str]:
    return [text[q.inner[0]:q.inner[1]] for q in find_quoted(text)]


def test_curly_pairs() -> None:
    assert inners("“One,” he said. “Two.”") == ["One,", "Two."]


def test_straight_pairs_by_context() -> None:
    assert inners('She called it "a mistake" and "a disgrace."') == ["a mistake", "a disgrace."]


def test_doubled_apostrophes_are_one_mark() -> None:
    assert inners("''We're ready,'' he said.") == ["We're ready,"]


def test_guillemets() -> None:
    assert inners("«Nous sommes prêts», a-t-il dit.") == ["Nous sommes prêts"]


def test_misdirected_curly_mark_is_read_from_context() -> None:
    # Scraped copy often has “ where ” belongs.
    assert inners("“We will win,“ she said.") == ["We will win,"]


def test_unclosed_quote_runs_to_paragraph_end_and_continues() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” he said."
    found = find_quoted(text)
    assert [q.closed for q in found] == [False, True]
    assert found[1].continues == 0
    assert text[found[0].start:found[0].end] == "“First paragraph of the quote."


def test_quote_never_crosses_a_paragraph() -> None:
    text = "He called it “reckless.\n\nThe vote is on “Friday” next week."
    found = find_quoted(text)
    assert all(q.paragraph == text.count("\n\n", 0, q.start) for q in found)
    assert "Friday" in inners(text)


def test_paragraphs() -> None:
    assert paragraphs("a\n\n b \n \nc") == [(0, 1), (4, 5), (9, 10)]


@given(st.text(alphabet="ab .,\n\"“”'«»", max_size=80))
def test_any_text_gives_ordered_in_bounds_stretches(text: str) -> None:
    found = find_quoted(text)
    last = -1
    for q in found:
        assert 0 <= q.start < q.inner[0] <= q.inner[1] <= q.end <= len(text)
        assert q.start >= last
        last = q.end
