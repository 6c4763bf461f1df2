"""The ww_times component: in a tokenizer-only pipeline, in the full pipeline, and times_in."""

from __future__ import annotations

import spacy

from wirewatch.analyse import docext
from wirewatch.analyse.times import component as _component  # noqa: F401  (registers ww_times)
from wirewatch.analyse.times import times_in

TEXT = ("Ministers met in Vienna on Tuesday for three hours of talks.\n\n"
        "They will meet again next month, a spokesman said, after failing to agree last Thursday.")


def _blank_doc(text: str, published: str | None) -> spacy.tokens.Doc:
    docext.register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("ww_times")
    doc = nlp.make_doc(text)
    doc._.ww_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_tokenizer_only_pipeline() -> None:
    doc = _blank_doc(TEXT, "2025-10-21")
    got = [(t.text, t.type, t.value) for t in doc._.ww_times]
    assert got == [("Tuesday", "DATE", "2025-10-21"), ("three hours", "DURATION", "PT3H"),
                   ("next month", "DATE", "2025-11"), ("last Thursday", "DATE", "2025-10-16")]
    for t in doc._.ww_times:
        assert doc.text[t.span[0]:t.span[1]] == t.text


def test_times_in_a_range() -> None:
    doc = _blank_doc(TEXT, "2025-10-21")
    second = TEXT.index("They")
    assert [t.text for t in times_in(doc, second, len(TEXT))] == ["next month", "last Thursday"]
    assert [t.text for t in times_in(doc, 0, second)] == ["Tuesday", "three hours"]
    assert times_in(doc, 5, 8) == []


def test_empty_and_odd_documents() -> None:
    for text in ("", "\n\n", "“", "Tuesday"):
        doc = _blank_doc(text, None)
        assert isinstance(doc._.ww_times, list)


def test_full_pipeline_body_and_caption_parts() -> None:
    from wirewatch.analyse.pipeline import analyse
    from wirewatch.record import Caption

    a = analyse("The two leaders spoke by phone last Thursday, the Kremlin said.", published="2025-10-21",
                captions=[Caption(text="The leaders met in Anchorage on August 15, 2025.")])
    got = [(t.text, t.value, t.part) for t in a.times]
    assert got == [("last Thursday", "2025-10-16", None), ("August 15, 2025", "2025-08-15", "caption:0")]


def test_date_in_picks_the_nearest_calendar_date() -> None:
    from wirewatch.analyse.times import date_in

    text = "Officials said on Monday that the two sides met last Thursday for three hours, and talks recently stalled."
    doc = _blank_doc(text, "2025-10-21")
    assert date_in(doc, 0, len(text)) == "2025-10-20"
    assert date_in(doc, 0, len(text), near=text.index("met")) == "2025-10-16"
    assert date_in(doc, text.index("talks"), len(text)) is None
