"""ww_entities on sentences in the style of wire copy."""

from __future__ import annotations

import pytest
from spacy.language import Language

from wirewatch.analyse import docext
from wirewatch.analyse.entities.component import compute
from wirewatch.analyse.pipeline import analyse, load_pipeline
from wirewatch.record import Caption, Entity


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _ents(nlp: Language, text: str, captions: list[Caption] | None = None) -> list[Entity]:
    return analyse(text, published="2026-03-10", captions=captions or [], nlp=nlp).entities


def _by_name(ents: list[Entity], name: str) -> Entity:
    hits = [e for e in ents if e.name == name]
    assert len(hits) == 1, [(e.name, e.type) for e in ents]
    return hits[0]


def _carrying(ents: list[Entity], alias: str) -> list[Entity]:
    return [e for e in ents if alias == e.name or alias in e.aliases]


WIRE = (
    "Hungarian Prime Minister Viktor Orban announced on Monday that Budapest was ready to host "
    "talks between Russian President Vladimir Putin and U.S. President Donald Trump.\n\n"
    "\u201cWe are ready,\u201d Orban told reporters. President Trump said the meeting could "
    "happen soon, while Putin's spokesman declined to comment. Trump later spoke with "
    "Putin by phone.\n\n"
    "Secretary of State Marco Rubio and Foreign Minister Sergei Lavrov are expected to "
    "prepare the meeting, the White House said. Rubio and Lavrov last spoke in March."
)


def test_one_entity_per_person_with_title_country_and_sector(nlp: Language) -> None:
    ents = _ents(nlp, WIRE)
    trump = _by_name(ents, "Donald Trump")
    assert trump.type == "PERSON"
    assert "Trump" in trump.aliases
    assert trump.country == "USA" and trump.role == "President" and trump.sector == "GOV"
    assert len(_carrying(ents, "Trump")) == 1
    putin = _by_name(ents, "Vladimir Putin")
    assert putin.country == "RUS" and "Putin" in putin.aliases
    assert len(putin.mentions) == 3
    orban = _by_name(ents, "Viktor Orban")
    assert orban.country == "HUN" and orban.role == "Prime Minister"
    rubio = _by_name(ents, "Marco Rubio")
    assert rubio.role == "Secretary of State" and "Rubio" in rubio.aliases
    lavrov = _by_name(ents, "Sergei Lavrov")
    assert lavrov.role == "Foreign Minister"


def test_titles_are_not_names(nlp: Language) -> None:
    ents = _ents(nlp, WIRE)
    names = {e.name for e in ents} | {a for e in ents for a in e.aliases}
    assert "State" not in names  # from "Secretary of State"
    assert not any(n.startswith(("President ", "Secretary ")) for n in (e.name for e in ents))


def test_metonyms_and_countries(nlp: Language) -> None:
    ents = _ents(nlp, WIRE)
    wh = _by_name(ents, "White House")
    assert wh.type == "ORG" and wh.country == "USA"
    us = _by_name(ents, "United States")
    assert us.type == "GPE" and us.country == "USA" and "U.S." in us.aliases
    budapest = _by_name(ents, "Budapest")
    assert budapest.type == "GPE" and budapest.country == "HUN"


def test_surname_first_then_full_name_and_caption(nlp: Language) -> None:
    text = ("Zelensky said Kyiv would not cede territory.\n\n"
            "Ukrainian President Volodymyr Zelensky spoke after talks with NATO Secretary "
            "General Mark Rutte in Brussels.")
    ents = _ents(nlp, text, [Caption("Ukraine's President Volodymyr Zelensky arrives in Brussels.")])
    z = _by_name(ents, "Volodymyr Zelensky")
    assert z.country == "UKR"
    assert any(len(m) == 3 and m[2] == "caption:0" for m in z.mentions)
    assert len(_carrying(ents, "Zelensky")) == 1


def test_acronym_expansion_is_one_entity(nlp: Language) -> None:
    ents = _ents(nlp, "The North Atlantic Treaty Organization (NATO) said NATO jets "
                      "intercepted Russian aircraft over the Baltic Sea.")
    nato = [e for e in ents if "NATO" in ([e.name] + e.aliases)]
    assert len(nato) == 1
    assert nato[0].type == "ORG" and nato[0].country == "NATO"
    assert len(nato[0].mentions) == 3


def test_kremlin_is_an_org_of_russia(nlp: Language) -> None:
    ents = _ents(nlp, "The Kremlin said on Tuesday that talks with Kyiv had stalled. "
                      "Kremlin spokesman Dmitry Peskov did not elaborate.")
    k = _by_name(ents, "Kremlin")
    assert k.type == "ORG" and k.country == "RUS" and k.sector == "GOV"
    peskov = _by_name(ents, "Dmitry Peskov")
    assert peskov.role == "spokesman" and peskov.country == "RUS"


def test_no_times_numbers_or_furniture(nlp: Language) -> None:
    text = ("Photo: Getty Images\n\nAdvertisement\n\nThe two leaders met for three hours "
            "on Friday, Oct. 3, 2025, and agreed a $2 billion aid package, officials said.")
    ents = _ents(nlp, text)
    assert all(e.type not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL",
                              "QUANTITY") for e in ents)
    assert not {"Photo", "Advertisement", "Getty Images"} & {e.name for e in ents}


def test_city_carries_state_country(nlp: Language) -> None:
    ents = _ents(nlp, "The two leaders met in Springfield, Illinois, last year.")
    spring = _by_name(ents, "Springfield")
    assert spring.country == "USA"


def test_mentions_sorted_and_entity_at(nlp: Language) -> None:
    doc = nlp(WIRE)
    ms = docext.mentions(doc)
    assert ms == sorted(ms)
    ids = {e.id for e in docext.entities(doc)}
    assert all(m[2] in ids for m in ms)
    i = WIRE.index("Orban told")
    ent = docext.entity_at(doc, i, i + 5)
    assert ent is not None and ent.name == "Viktor Orban"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u201c", "(NATO", "President", "Mr.",
                                  "the the the", "\u201cUnbalanced quote, said Trump."])
def test_odd_input_never_crashes(nlp: Language, text: str) -> None:
    ents, mentions = compute(nlp(text))
    assert isinstance(ents, list) and isinstance(mentions, list)


def test_ids_follow_first_mention(nlp: Language) -> None:
    ents = _ents(nlp, WIRE)
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    firsts = [min(m[0] for m in e.mentions if len(m) == 2) for e in ents]
    assert firsts == sorted(firsts)


def test_title_alone_is_a_mention_of_its_one_holder(nlp: Language) -> None:
    text = ("Secretary Blake and Foreign Minister Volkov spoke by phone. Talks between "
            "the Secretary and Foreign Minister will go on next week, an official said.")
    ents = _ents(nlp, text)
    blake = _by_name(ents, "Blake")
    volkov = _by_name(ents, "Volkov")
    assert [text[m[0]:m[1]] for m in blake.mentions] == ["Blake", "Secretary"]
    assert [text[m[0]:m[1]] for m in volkov.mentions] == ["Volkov", "Foreign Minister"]


def test_two_presidents_leave_the_president_unresolved(nlp: Language) -> None:
    text = ("President Emmanuel Macron met President Lula da Silva in Paris. "
            "The president said the talks went well.")
    ents = _ents(nlp, text)
    assert all(text[m[0]:m[1]].lower() != "president" for e in ents for m in e.mentions)


def test_site_takes_country_of_place_named_after_it(nlp: Language) -> None:
    ents = _ents(nlp, "The leaders met at Joint Base Lewis-McChord on Friday in Tacoma, "
                      "Washington, for three hours.")
    base = [e for e in ents if e.type == "FAC"]
    assert base and base[0].country == "USA"


def test_appositions_and_of_places_give_role_and_country(nlp: Language) -> None:
    ents = _ents(nlp, "Sergei Lavrov, Russia's foreign minister, met Marco Rubio, the U.S. "
                      "secretary of state, and King Abdullah of Jordan. John Smith, the man "
                      "who said it, left.")
    lavrov = _by_name(ents, "Sergei Lavrov")
    assert (lavrov.country, lavrov.role, lavrov.sector) == ("RUS", "foreign minister", "GOV")
    rubio = _by_name(ents, "Marco Rubio")
    assert (rubio.country, rubio.role) == ("USA", "secretary of state")
    abdullah = [e for e in ents if e.type == "PERSON" and "Abdullah" in e.name]
    assert abdullah and abdullah[0].country == "JOR"
    smith = _by_name(ents, "John Smith")
    assert smith.role is None and smith.country is None


def test_title_with_of_is_not_the_holder(nlp: Language) -> None:
    text = ("President Donald Trump spoke on Monday. The president of the European Commission "
            "replied, and the president later left.")
    trump = _by_name(_ents(nlp, text), "Donald Trump")
    said = [text[m[0]:m[1]] for m in trump.mentions]
    assert said == ["Donald Trump", "president"]
    assert all(m[0] > text.index("replied") for m in trump.mentions[1:])


def test_state_offices_read_the_place_as_a_us_state(nlp: Language) -> None:
    ents = _ents(nlp, "Georgia Gov. Brian Kemp met Georgian President Mikheil Kavelashvili "
                      "and Texas Sen. Ted Cruz on Friday.")
    kemp = _by_name(ents, "Brian Kemp")
    assert (kemp.country, kemp.role) == ("USA", "Governor")
    georgia = _by_name(ents, "Georgia")
    assert georgia.country == "USA"
    cruz = _by_name(ents, "Ted Cruz")
    assert (cruz.country, cruz.role, cruz.sector) == ("USA", "Senator", "LEG")
    assert [e.country for e in ents if e.name.startswith("Mikheil")] == ["GEO"]


def test_owned_bodies_and_title_of_org(nlp: Language) -> None:
    text = ("Sergei Shoigu, the head of Russia's Security Council, spoke on Monday. The U.N. "
            "Security Council met later. Ukraine's Defense Ministry responded, and the Defense "
            "Ministry said more was coming. Mark Rutte, the secretary general of NATO, agreed.")
    ents = _ents(nlp, text)
    councils = sorted((e.name, e.country) for e in ents if e.name.endswith("Security Council"))
    assert councils == [("Security Council", "RUS"), ("U.N. Security Council", "UN")]
    ministry = _by_name(ents, "Defense Ministry")
    assert ministry.country == "UKR" and len(ministry.mentions) == 2
    rutte = _by_name(ents, "Mark Rutte")
    assert (rutte.role, rutte.country) == ("secretary general", "NATO")


def test_country_from_an_apposition_before_the_name(nlp: Language) -> None:
    ents = _ents(nlp, "The Kremlin's spokesman, Dmitry Peskov, said on Monday that talks had "
                      "stalled. Peskov blamed Kyiv for the delay.")
    peskov = _by_name(ents, "Dmitry Peskov")
    assert peskov.country == "RUS" and peskov.role == "spokesman"


def test_country_from_an_apposition_with_a_role_word(nlp: Language) -> None:
    ents = _ents(nlp, "Sergei Lavrov, Russia's top diplomat, met his Turkish counterpart in "
                      "Ankara on Monday. Lavrov later accused NATO of provocations.")
    assert _by_name(ents, "Sergei Lavrov").country == "RUS"


def test_a_name_described_by_a_title_is_a_person_whatever_ner_said(nlp: Language) -> None:
    # spaCy tags "Kenji Salem" (Salem is also a town) as a GPE here.
    ents = _ents(nlp, "Kenji Salem, the UN humanitarian aid coordinator, urged "
                      "the warring parties to let aid convoys through.")
    salem = [e for e in ents if "Salem" in e.name]
    assert len(salem) == 1 and salem[0].type == "PERSON" and salem[0].country != "USA"


def test_a_surname_is_never_coded_as_a_town(nlp: Language) -> None:
    ents = _ents(nlp, "President Bush accused Iran of lying on Monday. Bush spoke in Texas.")
    bush = [e for e in ents if e.name == "Bush"]
    assert len(bush) == 1 and bush[0].country is None


def test_a_city_shared_by_two_countries_takes_the_one_the_sentence_names(nlp: Language) -> None:
    ents = _ents(nlp, "Gunmen clashed in Tripoli on Monday as shells hit the northern Lebanese "
                      "port city, police said.")
    assert _by_name(ents, "Tripoli").country == "LBN"
    ents = _ents(nlp, "Gunmen clashed in Tripoli on Monday, police said.")
    assert _by_name(ents, "Tripoli").country == "LBY"


def test_a_title_in_an_opening_phrase_is_not_the_next_name(nlp: Language) -> None:
    ents = _ents(nlp, "In a call with the U.S. president, Xi Jinping said trade talks would "
                      "resume next month.")
    xi = _by_name(ents, "Xi Jinping")
    assert xi.country != "USA" and xi.role is None


def test_nationality_from_a_possessive_country_and_untagged_surnames(nlp: Language) -> None:
    text = ("Hungary's Viktor Orban met EU leaders in Brussels on Monday. Orban later accused "
            "Kyiv of blackmail.")
    ents = _ents(nlp, text)
    orban = _by_name(ents, "Viktor Orban")
    assert orban.country == "HUN"
    later = text.index("Orban later")
    assert (later, later + len("Orban")) in orban.mentions
