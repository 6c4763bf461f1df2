"""Quotes and speakers: direct, split, partial, indirect, mixed; sources named, pronouns, anonymous.

Sentences are written here in the style of wire copy; each test names the pattern it pins.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
import spacy
from spacy.language import Language

from wirewatch.analyse import docext
from wirewatch.analyse.pipeline import MODEL, make_doc
from wirewatch.record import Caption, Quote


@lru_cache(maxsize=1)
def _nlp() -> Language:
    # Only the stages quotes read: the model, paragraphs, entities, quotes.
    from wirewatch.analyse import pipeline
    from wirewatch.analyse.entities import component as _entities  # noqa: F401
    from wirewatch.analyse.quotes import component as _quotes  # noqa: F401

    docext.register_extensions()
    nlp = spacy.load(MODEL)
    nlp.add_pipe("ww_paragraphs", before="parser")
    nlp.add_pipe("ww_entities")
    nlp.add_pipe("ww_quotes")
    assert pipeline.PART_SEPARATOR == "\n\n"
    return nlp


def quotes(text: str, captions: list[Caption] | None = None) -> list[Quote]:
    nlp = _nlp()
    doc = make_doc(nlp, text, captions or [], None)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return docext.quotes(doc)


def entity_name(text: str, entity_id: str | None) -> str | None:
    nlp = _nlp()
    doc = make_doc(nlp, text, [], None)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return docext.entity_by_id(doc)[entity_id].name if entity_id else None


def one(found: list[Quote], contains: str) -> Quote:
    hits = [q for q in found if contains in q.text]
    assert hits, f"no quote contains {contains!r}: {[q.text for q in found]}"
    return hits[0]


def piece(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]


def test_curly_direct_quote_with_trailing_attribution() -> None:
    text = "“We will not accept these terms,” Prime Minister Mark Carney said on Monday."
    q = one(quotes(text), "accept these terms")
    assert q.kind == "direct"
    assert piece(text, q.span) == "“We will not accept these terms,”"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and "Carney" in q.speaker.text
    assert q.speaker.entity is not None and not q.speaker.anonymous


def test_split_quote_is_one_quote_with_two_spans() -> None:
    text = ("“The ceasefire is holding,” the general told reporters in Kyiv. "
            "“But nobody should think the war is over.”")
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 1
    q = found[0]
    assert [piece(text, s) for s in q.spans] == [
        "“The ceasefire is holding,”", "“But nobody should think the war is over.”"]
    assert q.span == q.spans[0]
    assert q.speaker is not None and q.speaker.text == "the general"


def test_split_quote_around_said_with_comma_continuation() -> None:
    text = "“Talks will resume,” she said, “as soon as the delegations are ready.”"
    q = one(quotes(text), "Talks will resume")
    assert len(q.spans) == 2
    assert q.speaker is not None and q.speaker.text == "she"


def test_nyt_doubled_apostrophes() -> None:
    text = "''It's a fragile agreement,'' said Anna Berg, a diplomat based in Vienna."
    q = one(quotes(text), "fragile agreement")
    assert q.kind == "direct"
    assert piece(text, q.span) == "''It's a fragile agreement,''"
    assert q.speaker is not None and "Anna Berg" in q.speaker.text


def test_straight_marks_and_colon_introduction() -> None:
    text = 'The minister said: "We have no intention of leaving the alliance."'
    q = one(quotes(text), "no intention")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "The minister"


def test_colon_paragraph_introduces_quote_paragraph() -> None:
    text = ("Senator Lisa Moreno told the hearing:\n\n"
            "\"The agency ignored every warning it was given.\"")
    q = one(quotes(text), "ignored every warning")
    assert q.speaker is not None and "Moreno" in q.speaker.text


def test_dash_attribution_after_quote() -> None:
    text = "“Prices went up again and nobody explained why.” ― Maria Lopez, a teacher in Madrid"
    q = one(quotes(text), "Prices went up")
    assert q.kind == "direct"
    assert q.speaker is not None and "Lopez" in q.speaker.text


def test_quote_running_over_paragraphs() -> None:
    text = ("“We spent three days on the road without water.\n\n"
            "“When we arrived, the camp was already full,” said Omar Haddad, who fled the town.")
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 1
    assert len(found[0].spans) == 2
    assert found[0].speaker is not None and "Haddad" in found[0].speaker.text


def test_transcript_turns_name_their_speaker() -> None:
    text = ('Part of the exchange:\n\n"HOST: Will you run again?\n\n'
            '"GOVERNOR: I have not decided yet."')
    found = [q for q in quotes(text) if q.kind == "direct"]
    speakers = [q.speaker.text if q.speaker else None for q in found]
    assert speakers == ["HOST", "GOVERNOR"]


def test_partial_quote_is_mixed_inside_reported_clause() -> None:
    text = ("Although the president acknowledged that no deal was reached, he noted that both "
            "sides made “substantial progress” toward one.")
    q = one(quotes(text), "substantial progress")
    assert q.kind == "mixed"
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.cue is not None and q.cue.text == "noted"


def test_term_quote_takes_the_speaker_of_termed() -> None:
    text = "Lavrov repeated what he termed the “provocations” of the West."
    q = one(quotes(text), "provocations")
    assert q.speaker is not None
    assert q.speaker.text in ("he", "Lavrov")


def test_scare_quote_without_speaker() -> None:
    text = "During that “historic” two-hour meeting, the leaders discussed grain exports."
    q = one(quotes(text), "historic")
    assert q.kind == "partial"
    assert q.speaker is None


def test_indirect_speech_with_that_clause() -> None:
    text = "Chancellor Olaf Scholz insisted that Germany would keep supplying air defence systems."
    q = one(quotes(text), "Germany would keep supplying")
    assert q.kind == "indirect"
    assert q.cue is not None and q.cue.text == "insisted"
    assert q.speaker is not None and "Scholz" in q.speaker.text


def test_indirect_speech_with_trailing_said() -> None:
    text = "The convoy reached the border crossing before dawn, a United Nations official said."
    q = one(quotes(text), "convoy reached the border")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.anonymous


def test_according_to() -> None:
    text = "The ministry had ordered the evacuation of three villages, according to local media."
    q = one(quotes(text), "ordered the evacuation")
    assert q.cue is not None and q.cue.text == "according to"
    assert q.speaker is not None and q.speaker.text == "local media"


def test_maintained_that() -> None:
    text = "Beijing has maintained that the drills are routine."
    q = one(quotes(text), "drills are routine")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "Beijing"


@pytest.mark.parametrize("source, affiliation", [
    ("a White House official", "White House"),
    ("a Kremlin spokesman", "Kremlin"),
    ("a spokesman for the Pentagon", "Pentagon"),
])
def test_anonymous_sources_and_their_affiliation(source: str, affiliation: str) -> None:
    text = f"“There are no plans for another meeting,” {source} said."
    q = one(quotes(text), "no plans")
    assert q.speaker is not None
    assert q.speaker.anonymous
    assert q.speaker.affiliation is not None and affiliation in q.speaker.affiliation


def test_person_named_spokesman_is_not_anonymous() -> None:
    text = "“The meeting has not been scheduled,” Kremlin spokesman Dmitry Peskov said."
    q = one(quotes(text), "not been scheduled")
    assert q.speaker is not None and not q.speaker.anonymous
    assert q.speaker.entity is not None


def test_officials_familiar_with_the_matter() -> None:
    text = ("The sanctions package will be delayed until March, officials familiar with the "
            "matter said.")
    q = one(quotes(text), "sanctions package")
    assert q.speaker is not None and q.speaker.anonymous
    assert q.speaker.text.startswith("officials")


def test_pronoun_resolves_to_preceding_person() -> None:
    text = ("President Emmanuel Macron arrived in Berlin on Tuesday.\n\n"
            "“Europe must be ready to defend itself,” he said.")
    q = one(quotes(text), "defend itself")
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.speaker.span is not None and piece(text, q.speaker.span) == "he"
    assert entity_name(text, q.speaker.entity) is not None
    assert "Macron" in (entity_name(text, q.speaker.entity) or "")


def test_role_noun_resolves_to_earlier_anonymous_source() -> None:
    text = ("A State Department official said the talks would continue.\n\n"
            "“We are not walking away,” the official said.")
    q = one(quotes(text), "not walking away")
    assert q.speaker is not None and q.speaker.anonymous
    assert q.speaker.affiliation == "State Department"


def test_odd_number_of_marks_does_not_stop_the_article() -> None:
    # textacy refuses any text with an odd number of quotation marks.
    text = ("The mayor called the plan “reckless.\n\n"
            "“We will fight this in court,” said Jane Okafor, a city councillor.")
    q = one(quotes(text), "fight this in court")
    assert q.speaker is not None and "Okafor" in q.speaker.text


def test_unattributed_quote_is_returned_without_speaker() -> None:
    text = "The crowd outside the court was quiet.\n\n“Justice for all.”"
    q = one(quotes(text), "Justice for all")
    assert q.speaker is None


@pytest.mark.parametrize("text", [
    "", "   ", "\n\n\n", "“", "”", '"', "''", "“ ”", "“““", "said", "He said: “",
    "“Nested ‘single’ and “double” marks,” he said.", "«Bonjour», a-t-il dit.",
    "” backwards “ marks ” everywhere “",
])
def test_odd_input_never_crashes(text: str) -> None:
    for q in quotes(text):
        assert 0 <= q.span[0] <= q.span[1] <= len(text)
        for s, e in q.spans:
            assert 0 <= s <= e <= len(text)


def test_quotes_in_captions_get_their_part() -> None:
    from wirewatch.analyse.pipeline import _split_parts

    nlp = _nlp()
    body = "The talks ended without agreement."
    caption = "“We will be back,” the envoy said as he left the building."
    doc = make_doc(nlp, body, [Caption(text=caption)], None)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    found = _split_parts(doc).quotes
    q = one(found, "We will be back")
    assert q.part == "caption:0"
    assert piece(caption, q.span) == "“We will be back,”"


def test_headline_attribution() -> None:
    text = ("Merkel: Europe Cannot Rely on Others Any Longer.\n\n"
            "The chancellor spoke at a rally in Munich on Sunday.")
    q = one(quotes(text), "Europe Cannot Rely")
    assert q.cue is not None and q.cue.text == ":"
    assert q.speaker is not None and q.speaker.text == "Merkel"


def test_furniture_label_is_not_a_source() -> None:
    text = "Update: The vote has been moved to Thursday.\n\nLawmakers left the chamber."
    assert not [q for q in quotes(text) if q.cue is not None and q.cue.text == ":"]


def test_impression_verbs_have_no_source() -> None:
    text = "The negotiators seemed to accept the proposal after a long night."
    q = one(quotes(text), "to accept the proposal")
    assert q.speaker is None


def test_coordinated_reports_are_separate_quotes() -> None:
    text = ("The governor said the bridge would reopen in May and predicted that traffic "
            "would return to normal by summer.")
    found = quotes(text)
    said = one(found, "bridge would reopen")
    predicted = one(found, "traffic would return")
    assert said is not predicted
    assert predicted.speaker is not None and predicted.speaker.text == "The governor"


def test_relative_pronoun_is_the_mention_and_resolves_to_its_antecedent() -> None:
    text = "Maria Santos, who said the strike would go on, left the meeting early."
    q = one(quotes(text), "strike would go on")
    assert q.speaker is not None and q.speaker.text == "who"
    assert "Santos" in (entity_name(text, q.speaker.entity) or "")


def test_anonymous_source_with_country_from_the_actor_coder() -> None:
    text = "“The shipments will resume next week,” a Russian diplomat said."
    q = one(quotes(text), "shipments will resume")
    assert q.speaker is not None and q.speaker.anonymous
    assert q.speaker.affiliation == "RUS"


def test_reporting_noun_with_that_clause() -> None:
    text = "His claim that the vote had been rigged spread quickly online."
    q = one(quotes(text), "the vote had been rigged")
    assert q.cue is not None and q.cue.text == "claim"
    assert q.speaker is not None and q.speaker.text == "His"


def test_list_of_quotes_one_per_line_with_glued_dashes() -> None:
    # Reader-response lists: one quote a line, the name after a dash glued to the mark.
    text = ("“The fares doubled in a year.”― Ana Ruiz\n"
            "“Nobody asked the riders.” \u2015 Tom Becker\n")
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.speaker.text if q.speaker else None for q in found] == ["Ana Ruiz", "Tom Becker"]
    assert all(q.cue is not None and q.cue.text == "\u2015" for q in found)


def test_name_and_colon_without_a_verb() -> None:
    text = "The result did not surprise pollster Maria Chen: “Turnout decided it.”"
    q = one(quotes(text), "Turnout decided")
    assert q.speaker is not None and "Chen" in q.speaker.text


def test_any_verb_right_after_the_quote_with_its_subject() -> None:
    text = "“Go back to your seat,” the chairman barked as the room fell silent."
    q = one(quotes(text), "Go back")
    assert q.speaker is not None and q.speaker.text == "the chairman"


def test_quote_does_not_run_from_body_into_caption() -> None:
    from wirewatch.analyse.pipeline import _split_parts

    nlp = _nlp()
    body = "The senator ended her speech with a warning: “This is not over."
    caption = "“We will be back,” the senator said after the vote."
    doc = make_doc(nlp, body, [Caption(text=caption)], None)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    found = _split_parts(doc).quotes
    assert one(found, "We will be back").part == "caption:0"
    for q in found:
        text = caption if q.part == "caption:0" else body
        for s, e in q.spans:
            assert 0 <= s <= e <= len(text)
        if q.speaker is not None and q.speaker.span is not None:
            assert 0 <= q.speaker.span[0] <= q.speaker.span[1] <= len(text)


def test_split_quote_around_a_long_attribution_sentence() -> None:
    text = ("“Subpoenas are not optional,” the committee chairman said after the witness failed "
            "to appear at a hearing he was called to. “He is a crucial witness.”")
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 1 and len(found[0].spans) == 2


def test_that_before_the_quote_makes_it_mixed() -> None:
    text = "The mayor wrote that, “the city will not pay for a stadium it does not need.”"
    q = one(quotes(text), "will not pay")
    assert q.kind == "mixed"
    assert q.speaker is not None and q.speaker.text == "The mayor"


def test_split_quote_around_a_quoted_show_title() -> None:
    text = ("“The border is secure,” Ana Ruiz, a senior adviser, said Sunday on CBS’s "
            "“Face the Nation.” “We have the numbers to prove it.”")
    q = one(quotes(text), "border is secure")
    assert q.kind == "direct" and len(q.spans) == 2
    assert q.speaker is not None and "Ruiz" in q.speaker.text


def test_role_with_name_in_apposition_is_named() -> None:
    text = "“No meeting is planned,” the Kremlin spokesman, Dmitry Peskov, told reporters."
    q = one(quotes(text), "No meeting is planned")
    assert q.speaker is not None and not q.speaker.anonymous
    assert q.speaker.entity is not None
    assert "Peskov" in (entity_name(text, q.speaker.entity) or "")


def test_pronoun_prefers_a_recent_subject_over_a_nearer_object() -> None:
    text = "Chancellor Olaf Scholz met Emmanuel Macron in Paris on Friday.\n\n“It went well,” he said."
    q = one(quotes(text), "It went well")
    assert "Scholz" in (entity_name(text, q.speaker.entity if q.speaker else None) or "")


def test_asked_has_no_source_unless_by_names_one() -> None:
    text = "Asked whether the ceasefire would hold, 62 percent of respondents said yes."
    asked = [q for q in quotes(text) if q.cue is not None and q.cue.text == "Asked"]
    assert all(q.speaker is None for q in asked)


def test_quoted_words_under_a_verb_of_use_take_its_subject() -> None:
    text = "The senator thanked the volunteers for “keeping the lights on.”"
    q = one(quotes(text), "keeping the lights on")
    assert q.speaker is not None and q.speaker.text == "The senator"


def test_said_in_a_statement_and_told_reporters() -> None:
    text = ("The company said in a statement that it would appeal the ruling. "
            "Its chief executive told reporters that no jobs would be cut.")
    found = quotes(text)
    appeal = one(found, "would appeal the ruling")
    assert appeal.speaker is not None and appeal.speaker.text == "The company"
    jobs = one(found, "no jobs would be cut")
    assert jobs.cue is not None and jobs.cue.text == "told"
    assert "reporters" not in jobs.text


def test_show_title_after_said_on_has_no_speaker() -> None:
    text = "“We are ready for the vote,” the senator said on “Face the Nation.”"
    title = one(quotes(text), "Face the Nation")
    assert title.kind == "partial" and title.speaker is None
