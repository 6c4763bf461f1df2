"""The pure half of ww_entities: mentions in, canonical entities out (no spaCy)."""

from __future__ import annotations

from wirewatch.analyse.entities.names import (
    initials,
    person_key,
    split_title,
    strip_party_tag,
    strip_possessive,
)
from wirewatch.analyse.entities.resolve import Mention, resolve


def _m(text: str, label: str, start: int, **kw: object) -> Mention:
    return Mention(start=start, end=start + len(text), text=text, label=label, **kw)  # type: ignore[arg-type]


def test_split_title() -> None:
    assert split_title("President Donald Trump").name == "Donald Trump"
    assert split_title("President Donald Trump").title == "President"
    parts = split_title("Secretary of State Marco Rubio")
    assert (parts.name, parts.title, parts.offset) == ("Marco Rubio", "Secretary of State", 19)
    assert split_title("Mr. Zelensky").name == "Zelensky"
    assert split_title("Mr. Zelensky").title is None
    assert split_title("President").name == "President"  # nothing left: not split
    assert split_title("Hillary Clinton").title is None


def test_name_helpers() -> None:
    assert strip_possessive("Russia's") == "Russia"
    assert strip_possessive("Russia\u2019s") == "Russia"
    assert strip_possessive("Jones'") == "Jones"
    assert strip_party_tag("Lindsey Graham (R-S.C.)") == "Lindsey Graham"
    assert strip_party_tag("Donald Trump (R)") == "Donald Trump"
    assert person_key("Vladimir V. Putin") == person_key("Vladimir Putin")
    assert person_key("Martin Luther King Jr.") == ("martin", "king")
    assert initials("North Atlantic Treaty Organization") == "NATO"


def test_surname_links_to_full_name_and_wrong_label_is_repaired() -> None:
    ms = [_m("Donald Trump", "PERSON", 0, title="President", country="USA"),
          _m("Trump", "ORG", 40), _m("Trump", "PERSON", 80), _m("Russia", "GPE", 100)]
    ents, spans = resolve(ms)
    trump = ents[0]
    assert trump.name == "Donald Trump" and trump.type == "PERSON"
    assert trump.mentions == [(0, 12), (40, 45), (80, 85)]
    assert trump.country == "USA" and trump.role == "President" and trump.sector == "GOV"
    assert ents[1].name == "Russia" and ents[1].country == "RUS"
    assert [s[2] for s in spans] == ["e1", "e1", "e1", "e2"]


def test_nearest_earlier_full_name_wins() -> None:
    ms = [_m("Hillary Clinton", "PERSON", 0), _m("Bill Clinton", "PERSON", 100),
          _m("Clinton", "PERSON", 150), _m("Clinton", "PERSON", 20)]
    ents, _ = resolve(ms)
    hillary = next(e for e in ents if e.name == "Hillary Clinton")
    bill = next(e for e in ents if e.name == "Bill Clinton")
    assert (20, 27) in hillary.mentions and (150, 157) in bill.mentions


def test_country_forms_merge_and_get_a_display_name() -> None:
    ms = [_m("U.S.", "GPE", 0), _m("US", "GPE", 10), _m("America", "GPE", 20)]
    ents, _ = resolve(ms)
    assert len(ents) == 1
    assert ents[0].name == "America" and ents[0].country == "USA"
    ents, _ = resolve([_m("U.S.", "GPE", 0)])
    assert ents[0].name == "United States" and ents[0].aliases == ["U.S."]


def test_acronym_merges_with_long_name() -> None:
    ms = [_m("Consumer Financial Protection Bureau", "ORG", 0),
          _m("CFPB", "ORG", 38, expands="Consumer Financial Protection Bureau"),
          _m("CFPB", "ORG", 90)]
    ents, _ = resolve(ms)
    assert len(ents) == 1 and len(ents[0].mentions) == 3


def test_igo_organs_stay_apart() -> None:
    ms = [_m("United Nations", "ORG", 0), _m("U.N.", "ORG", 30), _m("Security Council", "ORG", 60)]
    ents, _ = resolve(ms)
    assert len(ents) == 2
    assert {e.country for e in ents} == {"UN"}


def test_lexicon_fixes_labels() -> None:
    ms = [_m("Kremlin", "PERSON", 0), _m("White House", "FAC", 20), _m("NATO", "GPE", 40),
          _m("Chicago Tribune", "FAC", 60), _m("Patriot Coal", "PERSON", 90)]
    ents, _ = resolve(ms)
    assert [(e.name, e.type) for e in ents] == [
        ("Kremlin", "ORG"), ("White House", "ORG"), ("NATO", "ORG"), ("Chicago Tribune", "ORG"),
        ("Patriot Coal", "ORG")]
    assert ents[3].sector == "MED"


def test_city_takes_country_of_following_state() -> None:
    ents, _ = resolve([_m("Springfield", "GPE", 0, place_in="USA")])
    assert ents[0].country == "USA"


def test_empty_and_degenerate() -> None:
    assert resolve([]) == ([], [])
    ents, spans = resolve([_m("", "PERSON", 5), Mention(start=3, end=3, text="x", label="ORG")])
    assert ents == [] and spans == []


def test_title_settles_a_shared_surname() -> None:
    ms = [_m("Ted Cruz", "PERSON", 0, title="Senator"), _m("Heidi Cruz", "PERSON", 300),
          _m("Cruz", "PERSON", 320, title="Senator"), _m("Cruz", "PERSON", 900)]
    ents, _ = resolve(ms)
    ted = next(e for e in ents if e.name == "Ted Cruz")
    # The titled mention is the senator; a bare surname long after both is the main person.
    assert (320, 324) in ted.mentions and (900, 904) in ted.mentions


def test_junk_names() -> None:
    from wirewatch.analyse.entities.names import is_junk

    assert is_junk("Andrew Harnik/Getty Images")
    assert is_junk("Photo")
    assert is_junk("https://example.com/alerts")
    assert is_junk("Senator Scores Direct Hit On Rival")  # a related-story headline
    assert is_junk("Smith 46 to 40 percent")
    assert not is_junk("Council on Foreign Relations")
    assert not is_junk("Bosnia and Herzegovina")
    assert not is_junk("Joint Base Elmendorf-Richardson")


def test_outlets_are_organisations_unless_a_person_bears_the_name() -> None:
    ents, _ = resolve([_m("Reuters", "PERSON", 0), _m("Xinhua", "GPE", 20)])
    assert [(e.name, e.type, e.sector) for e in ents] == [("Reuters", "ORG", "MED"),
                                                          ("Xinhua", "ORG", "MED")]
    ents, _ = resolve([_m("Michael Bloomberg", "PERSON", 0), _m("Bloomberg", "PERSON", 40)])
    assert len(ents) == 1 and ents[0].type == "PERSON" and len(ents[0].mentions) == 2


def test_accents_and_nicknames_name_one_person() -> None:
    ents, _ = resolve([_m("François Hollande", "PERSON", 0), _m("Francois Hollande", "PERSON", 50),
                       _m("Chuck Grassley", "PERSON", 100), _m("Charles Grassley", "PERSON", 150)])
    assert len(ents) == 2


def test_word_glued_to_a_surname_is_dropped() -> None:
    words = frozenset({"paint", "painting", "endorse"})
    ms = [_m("Donald Trump", "PERSON", 0), _m("Painting Trump", "PERSON", 300),
          _m("Ivana Trump", "PERSON", 600), _m("Endorsed Trump", "PERSON", 1000)]
    ents, _ = resolve(ms, words)
    assert [e.name for e in ents] == ["Donald Trump", "Ivana Trump"]
    donald = ents[0]
    assert donald.mentions == [(0, 12), (309, 314), (1009, 1014)]
    # Without a word list nothing is guessed.
    ents, _ = resolve([_m("Donald Trump", "PERSON", 0), _m("Painting Trump", "PERSON", 80),
                       _m("Ivana Trump", "PERSON", 40)])
    assert len(ents) == 3


def test_short_form_of_one_longer_org_is_that_org() -> None:
    ms = [_m("European Commission", "ORG", 0), _m("European Council", "ORG", 30),
          _m("Commission", "ORG", 60), _m("House", "ORG", 90), _m("White House", "ORG", 120)]
    ents, _ = resolve(ms)
    assert [(e.name, len(e.mentions)) for e in ents] == [
        ("European Commission", 2), ("European Council", 1), ("House", 1), ("White House", 1)]


def test_place_words_and_votes_make_places() -> None:
    # Bihor is a Romanian county (ISO 3166-2), so no city data is needed here.
    ms = [_m("Bihor", "ORG", 0, after_place_word=True), _m("Bihor", "ORG", 50),
          _m("Debrecen", "GPE", 100), _m("Debrecen", "PERSON", 150)]
    ents, _ = resolve(ms)
    assert [(e.name, e.type, e.country, len(e.mentions)) for e in ents][0] == ("Bihor", "GPE", "ROU", 2)
    assert [(e.name, e.type, len(e.mentions)) for e in ents][1] == ("Debrecen", "GPE", 2)


def test_royal_given_name_is_not_a_surname() -> None:
    ents, _ = resolve([_m("Saddam Hussein", "PERSON", 0), _m("Hussein", "PERSON", 30, title="King"),
                       _m("Hussein", "PERSON", 60)])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Saddam Hussein", 2), ("Hussein", 1)]
    assert ents[1].role == "King"


def test_a_title_that_clashes_does_not_link() -> None:
    ms = [_m("Michelle Obama", "PERSON", 0, title="first lady"),
          _m("Obama", "PERSON", 40, title="President"), _m("Hillary Clinton", "PERSON", 80,
                                                           title="Secretary of State"),
          _m("Clinton", "PERSON", 120, title="Secretary")]
    ents, _ = resolve(ms)
    assert [(e.name, len(e.mentions), e.role) for e in ents] == [
        ("Michelle Obama", 1, "first lady"), ("Obama", 1, "President"),
        ("Hillary Clinton", 2, "Secretary of State")]


def test_surname_that_is_a_country_stays_a_person() -> None:
    ms = [_m("Michael Jordan", "PERSON", 0), _m("Jordan", "PERSON", 40), _m("Jordan", "GPE", 90)]
    ents, _ = resolve(ms)
    assert [(e.name, e.type, len(e.mentions)) for e in ents] == [("Michael Jordan", "PERSON", 2),
                                                                 ("Jordan", "GPE", 1)]
