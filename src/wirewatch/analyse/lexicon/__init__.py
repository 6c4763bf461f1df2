"""Actor knowledge: country names, demonyms and metonyms to ISO3, IGO codes, role words to sectors.

Country names come from pycountry (the maintained ISO 3166 data, also used for
states and provinces); what ISO does not carry — demonyms, capitals and seats
of government used as metonyms, news spellings, IGOs, armed groups, role words
and titles — is curated in :mod:`.tables`. Every function is pure and
case-insensitive (except abbreviations that are also English words: "US" is a
country, "us" is not) and returns None when it does not know.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from wirewatch.analyse.lexicon.places import capital_country, city_countries, city_country
from wirewatch.analyse.lexicon.tables import (
    CASED_ABBREVIATIONS,
    CASED_IGOS,
    COUNTRY_ALIASES,
    DEMONYMS,
    FURNITURE,
    GROUPS,
    HONORIFICS,
    IGOS,
    INSTITUTION_METONYMS,
    MEDIA_WORDS,
    METONYMS,
    ORG_WORDS,
    OUTLETS,
    REGIONS,
    RELATIONS,
    ROLE_FORMS,
    SECTORS,
    TITLES,
    US_STATE_ABBREVIATIONS,
)

__all__ = [
    "country_code", "igo_code", "sector", "is_metonym", "group_code", "institution_sector",
    "is_title", "is_honorific", "is_furniture", "country_name", "place_country", "demonym_code",
    "city_country", "city_countries", "capital_country", "country_of_name", "role_form", "is_media_name",
    "is_org_name", "igo_self",
    "is_outlet", "is_us_state", "is_relation",
]

# Short names for display where ISO's official name is not what news copy says.
_DISPLAY_NAMES: dict[str, str] = {
    "USA": "United States", "GBR": "Britain", "RUS": "Russia", "IRN": "Iran", "SYR": "Syria",
    "KOR": "South Korea", "PRK": "North Korea", "TWN": "Taiwan", "VNM": "Vietnam",
    "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "MDA": "Moldova",
    "CZE": "Czech Republic", "NLD": "Netherlands", "CIV": "Ivory Coast", "PSE": "Palestine",
    "XKX": "Kosovo", "VAT": "Vatican", "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo", "TUR": "Turkey", "ARE": "United Arab Emirates",
    "MKD": "North Macedonia", "BIH": "Bosnia", "FSM": "Micronesia", "BRN": "Brunei",
}


# The nations of the United Kingdom: places in GBR, but not GBR itself.
_NATIONS: dict[str, str] = {"england": "GBR", "scotland": "GBR", "wales": "GBR",
                            "northern ireland": "GBR"}


_PLACE_TAILS = frozenset({"province", "region", "state", "district", "county", "city",
                          "republic", "territory", "governorate", "oblast", "municipality"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                         "western", "central", "northeast", "northwest", "southeast",
                         "southwest", "northeastern", "northwestern", "southeastern",
                         "southwestern", "upper", "lower", "greater"})


def _norm(text: str) -> str:
    t = text.strip().casefold().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"^(the)\s+", "", t)
    t = re.sub(r"'s?$", "", t)
    return re.sub(r"\s+", " ", t).strip()


def _bare(text: str) -> str:
    """The text without a leading "the" or trailing possessive, case kept."""
    t = text.strip().replace("\u2019", "'")
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    return re.sub(r"'s?$", "", t).strip()


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                names[v.casefold()] = str(c.alpha_3)
    return names


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    """Names of states and provinces -> ISO3 of their country (countries win ties)."""
    out: dict[str, str] = {}
    for s in pycountry.subdivisions:
        # Only the first-level units: lower levels repeat common words and town names.
        if getattr(s, "parent_code", None):
            continue
        name = s.name.casefold()
        country = pycountry.countries.get(alpha_2=s.country_code)
        if country is None or name in out:
            continue
        out[name] = str(country.alpha_3)
    return out


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    return frozenset(s.name.casefold() for s in pycountry.subdivisions.get(country_code="US") or [])


def is_us_state(text: str) -> bool:
    """True for the name of a U.S. state or territory ("Georgia" is one, as well as a country)."""
    return _norm(text) in _us_states()


def demonym_code(text: str) -> str | None:
    """ISO3 for a demonym, singular or plural ("Russian", "Palestinians", "Serbs")."""
    t = _norm(text)
    code = DEMONYMS.get(t)
    if code is None and t.endswith("s"):
        code = DEMONYMS.get(t[:-1])
    return code


@lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """ISO3 for a country name, demonym or metonym ("Russia", "Russian", "the Kremlin")."""
    bare = _bare(text)
    if bare in CASED_ABBREVIATIONS:
        return CASED_ABBREVIATIONS[bare]
    t = _norm(text)
    if not t or not any(ch.isalpha() for ch in t):
        return None
    for table in (COUNTRY_ALIASES, METONYMS):
        code = table.get(t)
        if code:
            return code
    code = demonym_code(t)
    if code:
        return code
    # Multi-letter codes like "IN" or "TO" are English words: match ISO names only.
    return _iso_names().get(t)


@lru_cache(maxsize=8192)
def country_of_name(text: str) -> str | None:
    """ISO3 when the text names a country itself ("Russia", "U.S."), not a demonym or capital."""
    bare = _bare(text)
    if bare in CASED_ABBREVIATIONS:
        return CASED_ABBREVIATIONS[bare]
    t = _norm(text)
    return COUNTRY_ALIASES.get(t) or _iso_names().get(t)


def igo_self(text: str) -> str | None:
    """The IGO code when the text names the organisation itself ("U.N.", "United Nations"),
    not one of its organs or agencies ("Security Council", "UNHCR")."""
    code = igo_code(text)
    if code is None or code in ("IGO", "NGO"):
        return None
    letters = re.sub(r"[^A-Za-z0-9]", "", _bare(text)).upper()
    words = [w for w in re.split(r"[\s-]+", _norm(text)) if w and w not in ("of", "the", "and", "for")]
    inits = "".join(w[0] for w in words).upper()
    return code if code in (letters, inits) or code == "NATO" and "atlantic" in _norm(text) else None


@lru_cache(maxsize=4096)
def igo_code(text: str) -> str | None:
    """Code of an intergovernmental (or well-known non-governmental) organisation."""
    bare = _bare(text)
    if bare in CASED_IGOS:
        return CASED_IGOS[bare]
    t = _norm(text)
    if t in {"who", "au", "un"}:  # English words unless written as acronyms
        return None
    return IGOS.get(t)


def group_code(text: str) -> tuple[str, str] | None:
    """(country, sector) of a named armed or political group or agency ("Hamas", "the CIA")."""
    return GROUPS.get(_norm(text))


def sector(word: str) -> str | None:
    """PLOVER sector of a role word ("president" -> GOV, "rebels" -> REB)."""
    return SECTORS.get(_norm(word))


def is_metonym(text: str) -> bool:
    """True for places that stand for a government ("the Kremlin", "Washington")."""
    return _norm(text) in METONYMS


def institution_sector(text: str) -> str | None:
    """Sector of a seat of government named as an institution ("the Kremlin" -> GOV)."""
    return INSTITUTION_METONYMS.get(_norm(text))


def is_title(text: str) -> bool:
    """True for a title that can stand before a name ("Foreign Minister", "Sen.")."""
    return _norm(text) in TITLES


def is_relation(word: str) -> bool:
    """True for nouns that relate an actor to another ("ally", "rivals", "counterpart")."""
    return _norm(word) in RELATIONS


def is_honorific(text: str) -> bool:
    return _norm(text) in HONORIFICS


def is_furniture(text: str) -> bool:
    """True for page-furniture words that NER tags as names ("Photo", "Advertisement")."""
    return _norm(text) in FURNITURE


def country_name(code: str) -> str | None:
    """Short display name of a country code ("USA" -> "United States")."""
    if code in _DISPLAY_NAMES:
        return _DISPLAY_NAMES[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return None
    return str(getattr(c, "common_name", None) or c.name)


@lru_cache(maxsize=8192)
def place_country(text: str, cities: bool = True) -> str | None:
    """ISO3 of the country a place is in: countries, capitals, states and provinces, and
    (with ``cities``) GeoNames cities."""
    code = country_code(text)
    if code:
        return code
    t = _norm(text)
    if t in US_STATE_ABBREVIATIONS:
        return "USA"
    if t in REGIONS:
        return None
    if t in _NATIONS:
        return _NATIONS[t]
    # "Montenegro province", "southern Lebanon": a country with a generic word around it.
    words = t.split()
    if len(words) > 1 and words[-1] in _PLACE_TAILS:
        inner = country_of_name(" ".join(words[:-1]))
        if inner:
            return inner
    if len(words) > 1 and words[0] in _DIRECTIONS:
        inner = country_of_name(" ".join(words[1:]))
        if inner:
            return inner
    # A big city beats a small province of the same name (Toledo, Ohio, not Toledo, Belize).
    if not cities:
        return _subdivisions().get(t)
    return city_country(t, 100_000) or _subdivisions().get(t) or city_country(t)


def role_form(title: str) -> str:
    """A title as a role: whitespace tidied, abbreviations written out ("Sen." -> "Senator")."""
    t = " ".join(title.split())
    return ROLE_FORMS.get(t.casefold(), t)


def is_org_name(name: str) -> bool:
    """True for names whose last word marks an organisation ("Patriot Coal", "Acme Corp.")."""
    words = _norm(name).split()
    return len(words) > 1 and words[-1] in ORG_WORDS


def is_outlet(name: str) -> bool:
    """True for news organisations known by one name ("Reuters", "Xinhua", "AP")."""
    return _norm(name) in OUTLETS


def is_media_name(name: str) -> bool:
    """True for names of news outlets ("The Washington Post", "Associated Press")."""
    t = _norm(name)
    words = t.split()
    return t in OUTLETS or t in MEDIA_WORDS or (len(words) > 1 and (words[-1] in MEDIA_WORDS
                                                    or " ".join(words[-2:]) in MEDIA_WORDS))
