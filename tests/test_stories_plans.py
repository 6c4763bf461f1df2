"""Which future events become expectations: plans, not the analysis's noise (stories.plans).

Each sentence is written in wire style; the events are what an imperfect
analysis might read in it (the misreadings seen in the bundled examples).
"""

from __future__ import annotations

import pytest

from test_stories_scenario import article, ingest
from wirewatch.record import Cue, Quote, Record
from wirewatch.store import MemoryStore
from wirewatch.stories.expectations import list_expectations, new_expectations
from wirewatch.stories.plans import plan_window, why_not_a_plan


def one(text: str, trigger: str, date: str | None, *, published: str = "2026-03-02",
        actors: tuple[str, ...] = ("Ferrer", "Aguirre"), quotes: list[Quote] | None = None) -> Record:
    record = article("p", published, text, [("CONSULT", "future", date, list(actors), text.split()[0])])
    start = text.index(trigger)
    record.events[0].span = (0, len(text))
    record.events[0].trigger = Cue(text=trigger, span=(start, start + len(trigger)))
    if quotes is not None:
        record.quotes = quotes
    return record


@pytest.mark.parametrize(("text", "trigger", "date", "reason"), [
    ("Ferrer and Aguirre will meet in Mendoza on March 20, the two governments said.", "meet", "2026-03-20", None),
    ("Ferrer said she would meet Aguirre next month.", "meet", "2026-04", None),
    ("Ferrer and Aguirre will meet in Mendoza on March 20 if the water data arrive in time.", "meet",
     "2026-03-20", None),
    ("\"If they want our water, they will have to negotiate with Ferrer first,\" a farmer said.", "negotiate",
     None, "conditional"),
    ("Unless Santiago publishes the readings, Aguirre will not meet Ferrer.", "meet", None, "conditional"),
    ("\u201cWe were promised a meeting with Aguirre within two weeks,\u201d the Chilean farmers said.", "meeting",
     "P2W", "quoted without a date"),
    ("\u201cFerrer will meet Aguirre in Mendoza on March 20,\u201d her spokesman said.", "meet", "2026-03-20", None),
    ("Ferrer and Aguirre had been due to meet on February 24.", "meet", "2026-02-24", "dated before its report"),
])
def test_what_is_a_plan(text: str, trigger: str, date: str | None, reason: str | None) -> None:
    record = one(text, trigger, date)
    assert why_not_a_plan(record, record.events[0]) == reason
    assert len(new_expectations(record, None)) == (1 if reason is None else 0)


def test_a_direct_quote_found_by_the_analysis_counts_without_quotation_marks() -> None:
    text = "Farmers will block the highway to Mendoza again, Aguirre warned."
    quote = Quote(span=(0, 47), text=text[:47], kind="direct")
    record = one(text, "block", None, quotes=[quote])
    assert why_not_a_plan(record, record.events[0]) == "quoted without a date"
    record.quotes = [Quote(span=(0, 47), text=text[:47], kind="indirect")]
    assert why_not_a_plan(record, record.events[0]) is None


def test_the_day_of_the_report_is_not_the_day_of_the_plan() -> None:
    text = "The Andean Development Bank said on Monday it would fund a water monitoring station in Mendoza."
    record = one(text, "fund", "2026-03-02", actors=())
    window = plan_window(record.events[0], record.published)
    assert window is not None and window[0].isoformat() == "2026-03-02" and (window[1] - window[0]).days == 180
    dated = one("Ferrer and Aguirre will meet in Mendoza on March 20.", "meet", "2026-03-20")
    exp = new_expectations(dated, None)[0]
    assert (exp.window_start, exp.window_end) == ("2026-03-20", "2026-03-20")


def test_an_article_that_reports_a_plan_and_its_end_denies_it_at_once() -> None:
    text = ("Ferrer and Aguirre had agreed last week to meet within two weeks. On Monday a spokesman said "
            "Ferrer and Aguirre had no plans to meet in the near future. Farmers in Mendoza protested.")
    record = article("both", "2026-03-02", text, [
        ("CONSULT", "future", "P2W", ["Ferrer", "Aguirre"], "Ferrer and Aguirre had agreed"),
        ("CONSULT", "negated", None, ["Ferrer", "Aguirre"], "On Monday a spokesman"),
        ("PROTEST", "asserted", None, [], "Farmers in Mendoza")])
    store = MemoryStore()
    ingest(store, [record])
    [exp] = list_expectations(store)
    assert exp.status == "denied" and [h.status for h in exp.history] == ["pending", "denied"]
    assert exp.history[-1].article_id == "both"
    # One party's denial in the same article is not enough ("Ferrer has no plans to travel").
    partial = article("partial", "2026-03-02", text, [
        ("CONSULT", "future", "P2W", ["Ferrer", "Aguirre"], "Ferrer and Aguirre had agreed"),
        ("CONSULT", "negated", None, ["Ferrer"], "On Monday a spokesman")])
    other = MemoryStore()
    ingest(other, [partial])
    assert [e.status for e in list_expectations(other)] == ["pending"]
