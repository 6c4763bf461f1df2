"""Property tests of the TIMEX3 normaliser and tagger (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.analyse.times import find_times, is_valid_value, normalise

anchors = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
tenses = st.sampled_from([None, "past", "future", "present"])

WORDS = ["last", "next", "this", "the", "past", "coming", "early", "late", "mid-", "Tuesday", "Friday", "August",
         "May", "Dec.", "7", "15,", "2025", "1990s", "year", "years", "week", "weeks", "two", "three-hour", "a",
         "ago", "earlier", "later", "day", "quarter", "third", "fiscal", "now", "recently", "future", "immediate",
         "within", "or", "so", "every", "daily", "p.m.", "5", "noon", "spring", "of", "century", "20th", "that",
         "following", "yesterday", "tonight", "morning", "more", "than", "nearly", "Thanksgiving", "'80s", "half"]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(expr=st.one_of(phrases, st.text(max_size=40)), anchor=anchors, tense=tenses)
def test_normalise_never_raises_and_values_are_valid(expr: str, anchor: date | None, tense: str | None) -> None:
    n = normalise(expr, anchor, tense)
    if n is not None:
        assert n.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_valid_value(n.value), (expr, n)


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)), anchor=anchors, tense=tenses)
def test_normalise_is_idempotent_on_normalised_dates(d: date, anchor: date | None, tense: str | None) -> None:
    for value in (d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]):
        n = normalise(value, anchor, tense)
        assert n is not None and n.value == value, (value, n)
        again = normalise(n.value, anchor, tense)
        assert again == n


@settings(max_examples=200, deadline=None)
@given(anchor=st.dates(min_value=date(1900, 1, 8), max_value=date(2099, 12, 24)),
       wd=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_weekdays_resolve_near_the_anchor(anchor: date, wd: str) -> None:
    past = normalise(wd, anchor, "past")
    future = normalise(wd, anchor, "future")
    last = normalise(f"last {wd}", anchor)
    assert past is not None and future is not None and last is not None
    p, f, lt = (date.fromisoformat(x.value) for x in (past, future, last))
    assert anchor - timedelta(days=6) <= p <= anchor <= f <= anchor + timedelta(days=6)
    assert anchor - timedelta(days=7) <= lt < anchor
    assert p.strftime("%A") == f.strftime("%A") == lt.strftime("%A") == wd


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), anchor=anchors)
def test_tagger_spans_point_into_the_text(text: str, anchor: date | None) -> None:
    for t in find_times(text, anchor):
        assert text[t.span[0]:t.span[1]] == t.text
        assert is_valid_value(t.value)


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(phrases, min_size=1, max_size=8), anchor=anchors)
def test_tagger_on_time_words_in_sentences(parts: list[str], anchor: date | None) -> None:
    text = " The officials said ".join(parts) + "."
    found = find_times(text, anchor)
    for a, b in zip(found, found[1:], strict=False):
        assert a.span[1] <= b.span[0]
    for t in found:
        assert is_valid_value(t.value)
