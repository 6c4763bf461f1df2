"""The TIMEX3 tagger and normaliser on sentences written in the style of wire copy."""

from __future__ import annotations

import pytest

from wirewatch.analyse.times import find_times, normalise
from wirewatch.record import Timex

# A Tuesday: the publication date of most tests.
TUE = "2025-10-21"


def tagged(text: str, published: str | None = TUE) -> list[tuple[str, str, str, str | None]]:
    return [(t.text, t.type, t.value, t.mod) for t in find_times(text, published)]


def one(text: str, published: str | None = TUE) -> Timex:
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The minister resigned last Thursday after weeks of pressure.", "last Thursday", "2025-10-16"),
    ("The two leaders spoke by phone on Tuesday, the Kremlin said.", "Tuesday", "2025-10-21"),
    ("Rebels seized the airport on Sunday, witnesses said.", "Sunday", "2025-10-19"),
    ("The summit will open on Friday in Geneva.", "Friday", "2025-10-24"),
    ("The central bank is scheduled to announce its decision Thursday.", "Thursday", "2025-10-23"),
    ("Talks are expected to resume next Monday.", "next Monday", "2025-10-27"),
    # "States" in "United States" is no reporting verb: the nearer "would" decides
    ("Officials said the envoy would be flying to the United States Thursday.", "Thursday", "2025-10-23"),
    # a weekday's ruling or vote has already happened, whatever the tense around it
    ("Lawyers said they would appeal against Wednesday's ruling.", "Wednesday", "2025-10-15"),
    # a deadline in the past perfect has passed
    ("Only nine members had filed their reports by Monday, the committee said.", "Monday", "2025-10-20"),
    # "since" points back, even to a month-day later in the year than publication
    ("Police have been searching for him since shortly after the Jan. 29 attack.", "Jan. 29", "2025-01-29"),
    ("The offer had been due to expire Friday before it was extended.", "Friday", "2025-10-17"),
    ("Until Monday, investigators had not spoken to the driver.", "Monday", "2025-10-20"),
    ("The envoy could arrive in Kyiv as early as Thursday, officials said.", "Thursday", "2025-10-23"),
    ("The two presidents last met in person in August.", "August", "2025-08"),
    ("Elections are due in March.", "March", "2026-03"),
    ("The ceasefire was signed on Aug. 15, 2025 in Anchorage.", "Aug. 15, 2025", "2025-08-15"),
    ("The dividend is payable Dec. 7 to holders of record.", "Dec. 7", "2025-12-07"),
    ("The embassy reopened on 3 September after repairs.", "3 September", "2025-09-03"),
    ("Prices rose sharply last year, the agency said.", "last year", "2024"),
    ("The company expects a recovery next year.", "next year", "2026"),
    ("Exports fell last month, customs data showed.", "last month", "2025-09"),
    ("Parliament will debate the bill this week.", "this week", "2025-W43"),
    ("Inflation eased yesterday, the statistics office said.", "yesterday", "2025-10-20"),
    ("The verdict is expected tomorrow.", "tomorrow", "2025-10-22"),
    ("The border was closed two weeks ago.", "two weeks ago", "2025-W41"),
    ("The treaty was ratified in 1994 by both chambers.", "1994", "1994"),
    ("The policy dates back to the 1990s.", "the 1990s", "199"),
    ("Profit rose 12% in the third quarter.", "the third quarter", "2025-Q3"),
    ("The reactor was shut down in the spring of 2011.", "the spring of 2011", "2011-SP"),
])
def test_dates(sentence: str, text: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.type, t.value) == (text, "DATE", value)
    assert sentence[t.span[0]:t.span[1]] == t.text


@pytest.mark.parametrize(("sentence", "text", "value", "mod"), [
    ("The leaders agreed to meet within two weeks or so.", "two weeks or so", "P2W", "APPROX"),
    ("The meeting followed a three-hour session of talks.", "three-hour", "PT3H", None),
    ("Output has fallen over the past three years.", "the past three years", "P3Y", None),
    ("The siege lasted more than four months.", "more than four months", "P4M", "MORE_THAN"),
    ("He spent 2 1/2 years in detention.", "2 1/2 years", "P2Y6M", None),
    ("The talks dragged on for a year and a half.", "a year and a half", "P1Y6M", None),
    ("The strike lasted a few days.", "a few days", "PXD", None),
    ("Results for the first nine months were flat.", "the first nine months", "P9M", None),
])
def test_durations(sentence: str, text: str, value: str, mod: str | None) -> None:
    t = one(sentence)
    assert (t.text, t.type, t.value, t.mod) == (text, "DURATION", value, mod)


@pytest.mark.parametrize(("sentence", "value"), [
    ("There are no plans to meet in the immediate future.", "FUTURE_REF"),
    ("A summit had been expected in the coming weeks.", "FUTURE_REF"),
    ("The army now controls the town.", "PRESENT_REF"),
    ("The mine is currently closed.", "PRESENT_REF"),
    ("The rebels recently took the town.", "PAST_REF"),
    ("Such attacks were rare in the past.", "PAST_REF"),
])
def test_vague_references(sentence: str, value: str) -> None:
    t = one(sentence)
    assert (t.type, t.value) == ("DATE", value)


@pytest.mark.parametrize(("sentence", "value"), [
    ("The ferry sails daily between the islands.", "P1D"),
    ("Inspectors visit the plant every two weeks.", "P2W"),
    ("The council meets on Mondays.", "XXXX-WXX-1"),
    ("Prices rose 3 percent a year.", "P1Y"),
])
def test_sets(sentence: str, value: str) -> None:
    t = one(sentence)
    assert (t.type, t.value) == ("SET", value)


def test_clock_time_with_its_day() -> None:
    t = one("The polls close at 8 p.m. Wednesday.")
    assert (t.text, t.type, t.value) == ("8 p.m. Wednesday", "TIME", "2025-10-15T20:00")


def test_weekday_and_date_are_tagged_apart_with_one_value() -> None:
    found = tagged("The accord was signed on Monday, Oct. 13, in Cairo.")
    assert found == [("Monday", "DATE", "2025-10-13", None), ("Oct. 13", "DATE", "2025-10-13", None)]


def test_anchoring_follows_the_text() -> None:
    found = tagged("The talks began on March 3, 2024. The next day the delegates left.")
    assert found[1][:3] == ("The next day", "DATE", "2024-03-04")


def test_that_year_counts_from_the_year_the_text_gave() -> None:
    found = tagged("He fled in June 1998 and returned later that year.")
    assert found[1][:3] == ("later that year", "DATE", "1998")


def test_no_publication_date_never_reads_the_clock() -> None:
    assert tagged("The talks collapsed in August.", None) == [("August", "DATE", "XXXX-08", None)]
    assert tagged("The minister resigned last Thursday.", None)[0][2] == "XXXX-WXX-4"
    assert tagged("Exports fell last month.", None)[0][2] == "XXXX-XX"


def test_results_story_a_year_ago_is_a_quarter() -> None:
    found = tagged("Net income rose in the third quarter from $5 million a year ago.", "2025-10-28")
    assert [f[2] for f in found] == ["2025-Q3", "2024-Q3"]


@pytest.mark.parametrize("sentence", [
    "The company employs 1,500 people.",
    "Shares rose to 1995 pence.",
    "Protesters may march on the capital.",
    "He is 52 years old.",
    "Egypt buys about three-quarters of its wheat abroad.",
    "Police said a second group was arrested.",
])
def test_not_times(sentence: str) -> None:
    assert tagged(sentence) == []


def test_extent_leaves_out_prepositions_and_articles_of_adjectives() -> None:
    assert [f[0] for f in tagged("The force left within a week after a 10-year mission.")] == [
        "a week", "10-year"]


@pytest.mark.parametrize("odd", ["", "   ", "\n\n", "“unbalanced", "’s", "May", "1/1/1", "99:99 p.m.",
                                 "Feb. 30, 2025", "the 99th century", "x" * 5000])
def test_odd_input_never_fails(odd: str) -> None:
    for t in find_times(odd, TUE):
        assert odd[t.span[0]:t.span[1]] == t.text


def test_normalise_one_expression() -> None:
    n = normalise("last Thursday", TUE)
    assert n is not None and (n.type, n.value) == ("DATE", "2025-10-16")
    n = normalise("on Tuesday", TUE, tense="past")
    assert n is not None and n.value == "2025-10-21"
    n = normalise("in August", TUE, tense="past")
    assert n is not None and n.value == "2025-08"
    n = normalise("the next day", TUE, ref="2025-08-15")
    assert n is not None and n.value == "2025-08-16"
    assert normalise("the ministry", TUE) is None


def test_long_run_on_text_stays_fast() -> None:
    import time

    text = "Officials said on Monday that talks will resume in May, " * 2000
    t0 = time.perf_counter()
    found = find_times(text, TUE)
    assert len(found) == 4000
    assert time.perf_counter() - t0 < 10


def test_every_vague_phrase_is_found_in_a_sentence() -> None:
    # The tagger tries rules only near their key words (times/keys.py): each phrase needs one.
    from wirewatch.analyse.times.rules_span import _VAGUE, _VAGUE_OFF

    for phrase in sorted(set(_VAGUE) - _VAGUE_OFF):
        sentence = f"The official said that {phrase} the plan stands."
        assert [t.text for t in find_times(sentence, TUE)] == [phrase], phrase


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Revenue rose in Q3 2025 and fell in H1 2024.", [("Q3 2025", "2025-Q3"), ("H1 2024", "2024-H1")]),
    ("The budget for FY2026 was cut.", [("FY2026", "2026")]),
    ("The blast happened shortly after 3am local time on Monday.", [("3am local time on Monday", "2025-10-20T03:00")]),
    ("Markets closed at 16:30 GMT.", [("16:30 GMT", "2025-10-21T16:30Z")]),
    ("Sales fell 35% in January compared with the same month a year ago.",
     [("January", "2025-01"), ("the same month a year ago", "2024-01")]),
    ("Officials held a day-long meeting.", [("day-long", "P1D")]),
    ("He was found on Thanksgiving Day.", [("Thanksgiving Day", "2024-11-28")]),
])
def test_more_news_expressions(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in find_times(sentence, TUE)] == expected


@pytest.mark.parametrize("sentence", [
    "Thousands joined the annual March for Life in the capital.",
    "She walked at the head of the March of the Mothers.",
])
def test_a_march_is_not_the_month(sentence: str) -> None:
    assert tagged(sentence) == []


def test_the_month_before_of_is_still_a_month() -> None:
    assert tagged("The plant closed in March of last year.")[0][:3] == ("March of last year", "DATE", "2024-03")
