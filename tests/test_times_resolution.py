"""How the tagger resolves what a sentence leaves open: the story's quarter, tense, anchors.

Sentences are written in the style of wire copy; each case is one a news
reader gets right without thinking and a tagger can get wrong.
"""

from __future__ import annotations

from wirewatch.analyse.times import find_times


def values(text: str, published: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, published)]


def test_a_forecast_quarter_does_not_move_the_story_quarter() -> None:
    text = ("Acme Corp. said third-quarter profit rose 8% from a year ago. The company said the storm "
            "will lead to a fourth-quarter charge. Sales in the latest quarter fell, compared with a year ago.")
    got = values(text, "2025-11-04")
    assert got == [("third-quarter", "2025-Q3"), ("a year ago", "2024-Q3"), ("fourth-quarter", "2025-Q4"),
                   ("the latest quarter", "2025-Q3"), ("a year ago", "2024-Q3")]


def test_a_look_back_at_an_earlier_quarter_does_not_move_it_either() -> None:
    text = ("Widget Inc. posted higher third-quarter earnings. After a weak second quarter, the gain came from "
            "exports. Costs in the year-earlier period were higher.")
    got = values(text, "2025-10-30")
    assert got[-1] == ("the year-earlier period", "2024-Q3")


def test_an_old_quarter_named_in_passing_is_not_the_story_quarter() -> None:
    text = ("The utility reported third-quarter net of $68 million. Its last rate increase came in the "
            "third quarter of 2019. Revenue was flat from a year ago.")
    assert values(text, "2025-10-30")[-1] == ("a year ago", "2024-Q3")


def test_a_weekday_deadline_takes_the_tense_of_its_clause() -> None:
    # Thursday 2025-10-23: the offer is over, so the deadline was this week's Tuesday.
    done = "Acme completed its offer for Widget, with holders tendering 95% of the shares by the Tuesday deadline."
    assert values(done, "2025-10-23") == [("Tuesday", "2025-10-21")]
    # Nothing else in the clause says when: a deadline lies ahead.
    assert values("Shareholders face a Tuesday deadline to tender.", "2025-10-23") == [("Tuesday", "2025-10-28")]


def test_a_reporting_verb_after_a_quote_does_not_date_what_is_inside() -> None:
    # Wednesday 2025-10-22: the leaving is still ahead when the words are reported.
    for quoted in ('"The envoy will board a slow train bound for the border city on Thursday," '
                   'the minister said.',
                   "``The envoy will board a slow train bound for the border city on Thursday,'' "
                   "the minister said."):
        assert values(quoted, "2025-10-22") == [("Thursday", "2025-10-23")], quoted
    # Outside a quote the reporting verb still dates the saying.
    assert values("The envoy left at dawn, the minister said Thursday.", "2025-10-22")[-1] == (
        "Thursday", "2025-10-16")


def test_quote_in_the_full_pipeline() -> None:
    from wirewatch.analyse.pipeline import analyse

    a = analyse("``The envoy will leave the capital by road at dawn (6 a.m. EDT Thursday),'' the minister said.",
                published="2025-10-22")
    assert [(t.text, t.value) for t in a.times] == [("6 a.m. EDT Thursday", "2025-10-23T06:00")]


def test_present_perfect_looks_back() -> None:
    from wirewatch.analyse.pipeline import analyse

    a = analyse("Shares of the miner have fluctuated on takeover talk, climbing to $42 in June from $30 in March.",
                published="2025-10-28")
    assert [(t.text, t.value) for t in a.times] == [("June", "2025-06"), ("March", "2025-03")]


def test_the_week_of_a_date_is_that_week() -> None:
    text = "The appeal may be heard in the week of March 9, lawyers for the family said."
    assert values(text, "2026-02-24") == [("the week of March 9", "2026-W11")]
    assert values("The trial opens the week of Jan. 5, 2026.", "2025-10-21") == [
        ("the week of Jan. 5, 2026", "2026-W02")]


def test_a_present_tense_clause_is_not_dated_by_a_past_verb_further_off() -> None:
    from wirewatch.analyse.pipeline import analyse

    a = analyse("The relatives had refused to sign the papers, saying the boy should stay with them when the "
                "case is heard in May.", published="2026-03-25")
    assert [(t.text, t.value) for t in a.times] == [("May", "2026-05")]


def test_a_participle_right_before_dates_a_done_deed() -> None:
    from wirewatch.analyse.pipeline import analyse

    def got(text: str) -> list[tuple[str, str]]:
        return [(t.text, t.value) for t in analyse(text, published="2026-08-19").times]

    assert got("The cuts come on top of restructuring plans announced in January, under which 30,000 jobs "
               "should go by 2028.") == [("January", "2026-01"), ("2028", "2028")]
    assert got("Holders of the bonds sold July 1 will be paid 18 euros each under the plan.") \
        == [("July 1", "2026-07-01")]
    # ... but not after an auxiliary, nor a participle that looks ahead
    assert got("The talks will be held on Monday in Geneva.") == [("Monday", "2026-08-24")]
    assert got("A vote expected in November will decide the matter.") == [("November", "2026-11")]


def test_the_news_present_right_before_a_weekday_is_a_schedule() -> None:
    from wirewatch.analyse.pipeline import analyse

    a = analyse("The two leaders meet separately Monday with the envoy, officials said.", published="2025-10-24")
    assert [(t.text, t.value) for t in a.times] == [("Monday", "2025-10-27")]


def test_a_holiday_week_under_way_is_this_one() -> None:
    # Wednesday 2026-04-01: Easter is on April 5, and its week began on Monday.
    assert values("Pilgrims gathered in the old city as Easter week began.", "2026-04-01") == [
        ("Easter week", "2026-W14")]
    # The day itself is still ahead, so the last one is a year back.
    assert values("Pilgrims gathered in the old city last Easter.", "2026-04-01") == [("last Easter", "2025-04-20")]


def test_was_about_to_is_seen_from_the_past() -> None:
    text = "Police said they arrested the suspect at the airport Thursday as he was about to board a flight."
    assert values(text, "2025-10-24") == [("Thursday", "2025-10-23")]


def test_the_day_before_a_weekday_is_one_expression() -> None:
    # Thursday 2026-02-26: last Tuesday is the 24th.
    text = "The day before last Tuesday's hearing, his uncle went to the house."
    assert values(text, "2026-02-26") == [("The day before last Tuesday", "2026-02-23")]


def test_a_part_of_the_day_with_its_position() -> None:
    assert values("In London at mid-afternoon yesterday, the shares were up 2 pence.", "2025-10-21") == [
        ("mid-afternoon yesterday", "2025-10-20TAF")]
    assert values("The talks began on Monday. By mid afternoon, officials said they had failed.", "2025-10-21") == [
        ("Monday", "2025-10-20"), ("mid afternoon", "2025-10-20TAF")]


def test_two_quarters_of_a_year_are_a_half() -> None:
    text = "Economists see the downturn dragging on into the first two quarters of 2026."
    assert values(text, "2025-10-21") == [("the first two quarters of 2026", "2026-H1")]
    # without a year they are a stretch of time, and other counts of quarters stay durations
    assert values("Sales fell in the first two quarters.", "2025-10-21") == [("the first two quarters", "P6M")]
    assert values("Profit rose for three quarters in 2024.", "2025-10-21") == [("three quarters", "P9M"),
                                                                             ("2024", "2024")]


def test_the_entire_year_is_the_year_the_sentence_named() -> None:
    text = "The airline lost $310 million in the third quarter of 2025 and $1.2 billion for the entire year."
    assert values(text, "2026-01-27")[-1] == ("the entire year", "2025")
    # named in another sentence, a year is no anchor: the full year is the current one
    text = "It aims for a 50% share by 2028. The chairman forecast higher earnings for the full year."
    assert values(text, "2025-10-30")[-1] == ("the full year", "2025")


def test_overnight_is_the_night_before() -> None:
    text = "Frankfurt stocks ended weaker on Friday, dragged down by overnight falls on Wall Street."
    assert values(text, "2025-10-27") == [("Friday", "2025-10-24"), ("overnight", "2025-10-23TNI")]


def test_no_sentence_ends_inside_a_clock_time() -> None:
    from wirewatch.analyse.times.engine import sentence_bounds

    text = "He will leave at 6 a.m. Thursday, aides said. The talks ended at 5 p.m. Officials left."
    assert [text[i:i + 5] for i in sentence_bounds(text)] == ["He wi", "The t", "Offic"]
    # the whole sentence now reaches the weekday, and the quote still keeps "said" from dating it
    quoted = '"The envoy will board a slow train bound for the border city at 6 a.m. Thursday," the minister said.'
    assert values(quoted, "2025-10-22") == [("6 a.m. Thursday", "2025-10-23T06:00")]


def test_one_day_after_a_modal_is_some_day() -> None:
    assert values("Analysts say the port will one day rival Rotterdam.", "2025-10-21") == [("one day", "FUTURE_REF")]
    assert values("He had been in the job one day when the scandal broke.", "2025-10-21") == [("one day", "P1D")]
