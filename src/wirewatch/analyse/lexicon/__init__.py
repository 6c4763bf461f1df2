"""Actor knowledge: country names, demonyms and metonyms to ISO3, IGO codes, role words to sectors.

Country names come from pycountry (the maintained ISO 3166 data); what ISO does
not carry — demonyms, capitals and seats of government used as metonyms, news
spellings, IGOs, role words — is curated here. Every function is pure and
case-insensitive and returns None when it does not know.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# News spellings and short forms that pycountry's official names miss.
_COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "USA", "us": "USA", "u.s.a.": "USA", "america": "USA", "united states": "USA",
    "britain": "GBR", "great britain": "GBR", "uk": "GBR", "u.k.": "GBR", "england": "GBR",
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
    "taiwan": "TWN", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "moldova": "MDA", "czech republic": "CZE", "the netherlands": "NLD",
    "holland": "NLD", "ivory coast": "CIV", "palestine": "PSE", "kosovo": "XKX",
    "the philippines": "PHL", "vatican": "VAT", "burma": "MMR", "congo": "COD",
    "democratic republic of congo": "COD", "turkey": "TUR", "european union": "EU",
}

_DEMONYMS: dict[str, str] = {
    "american": "USA", "russian": "RUS", "ukrainian": "UKR", "chinese": "CHN", "british": "GBR",
    "french": "FRA", "german": "DEU", "italian": "ITA", "spanish": "ESP", "japanese": "JPN",
    "korean": "KOR", "south korean": "KOR", "north korean": "PRK", "indian": "IND",
    "pakistani": "PAK", "afghan": "AFG", "iranian": "IRN", "iraqi": "IRQ", "syrian": "SYR",
    "israeli": "ISR", "palestinian": "PSE", "egyptian": "EGY", "saudi": "SAU", "turkish": "TUR",
    "hungarian": "HUN", "polish": "POL", "canadian": "CAN", "mexican": "MEX", "brazilian": "BRA",
    "argentine": "ARG", "argentinian": "ARG", "australian": "AUS", "lebanese": "LBN",
    "jordanian": "JOR", "libyan": "LBY", "sudanese": "SDN", "nigerian": "NGA", "kenyan": "KEN",
    "ethiopian": "ETH", "somali": "SOM", "yemeni": "YEM", "qatari": "QAT", "emirati": "ARE",
    "belarusian": "BLR", "georgian": "GEO", "armenian": "ARM", "azerbaijani": "AZE",
    "serbian": "SRB", "croatian": "HRV", "bosnian": "BIH", "albanian": "ALB", "greek": "GRC",
    "cypriot": "CYP", "dutch": "NLD", "belgian": "BEL", "swiss": "CHE", "austrian": "AUT",
    "swedish": "SWE", "norwegian": "NOR", "danish": "DNK", "finnish": "FIN", "irish": "IRL",
    "portuguese": "PRT", "romanian": "ROU", "bulgarian": "BGR", "czech": "CZE", "slovak": "SVK",
    "venezuelan": "VEN", "colombian": "COL", "peruvian": "PER", "chilean": "CHL", "cuban": "CUB",
    "vietnamese": "VNM", "thai": "THA", "indonesian": "IDN", "malaysian": "MYS", "filipino": "PHL",
    "burmese": "MMR", "bangladeshi": "BGD", "sri lankan": "LKA", "nepalese": "NPL",
    "taiwanese": "TWN", "mongolian": "MNG", "kazakh": "KAZ", "uzbek": "UZB", "algerian": "DZA",
    "moroccan": "MAR", "tunisian": "TUN", "south african": "ZAF", "zimbabwean": "ZWE",
    "ugandan": "UGA", "rwandan": "RWA", "congolese": "COD", "ghanaian": "GHA", "malian": "MLI",
    "kuwaiti": "KWT", "bahraini": "BHR", "omani": "OMN", "new zealand": "NZL", "haitian": "HTI",
    "nicaraguan": "NIC", "salvadoran": "SLV", "guatemalan": "GTM", "honduran": "HND",
    "panamanian": "PAN", "ecuadorian": "ECU", "bolivian": "BOL", "paraguayan": "PRY",
    "uruguayan": "URY", "estonian": "EST", "latvian": "LVA", "lithuanian": "LTU",
    "slovenian": "SVN", "macedonian": "MKD", "montenegrin": "MNE", "moldovan": "MDA",
    "kosovar": "XKX", "chechen": "RUS", "tajik": "TJK", "kyrgyz": "KGZ",
    "turkmen": "TKM", "cambodian": "KHM", "laotian": "LAO", "singaporean": "SGP",
}

# Seats of government and other places that stand for a state in news copy.
_METONYMS: dict[str, str] = {
    "white house": "USA", "washington": "USA", "pentagon": "USA", "state department": "USA",
    "capitol hill": "USA", "congress": "USA", "kremlin": "RUS", "moscow": "RUS",
    "kyiv": "UKR", "kiev": "UKR", "beijing": "CHN", "downing street": "GBR", "london": "GBR",
    "whitehall": "GBR", "elysee": "FRA", "élysée": "FRA", "paris": "FRA", "berlin": "DEU",
    "tokyo": "JPN", "seoul": "KOR", "pyongyang": "PRK", "tehran": "IRN", "damascus": "SYR",
    "baghdad": "IRQ", "kabul": "AFG", "islamabad": "PAK", "new delhi": "IND", "ankara": "TUR",
    "budapest": "HUN", "warsaw": "POL", "jerusalem": "ISR", "cairo": "EGY", "riyadh": "SAU",
    "ottawa": "CAN", "canberra": "AUS", "brasilia": "BRA", "havana": "CUB", "caracas": "VEN",
    "minsk": "BLR", "tbilisi": "GEO", "taipei": "TWN", "rome": "ITA", "madrid": "ESP",
}

_IGOS: dict[str, str] = {
    "nato": "NATO", "north atlantic treaty organization": "NATO", "un": "UN", "u.n.": "UN",
    "united nations": "UN", "security council": "UN", "eu": "EU", "european union": "EU",
    "european commission": "EU", "imf": "IMF", "international monetary fund": "IMF",
    "world bank": "WB", "who": "WHO", "world health organization": "WHO", "opec": "OPEC",
    "african union": "AU", "arab league": "ARL", "asean": "ASEAN", "osce": "OSCE",
    "wto": "WTO", "world trade organization": "WTO", "iaea": "IAEA", "interpol": "IGO",
    "g7": "IGO", "g20": "IGO", "red cross": "NGO", "amnesty international": "NGO",
    "human rights watch": "NGO",
}

# Role words -> PLOVER sector.
_SECTORS: dict[str, str] = {
    "president": "GOV", "prime minister": "GOV", "minister": "GOV", "secretary": "GOV",
    "chancellor": "GOV", "premier": "GOV", "king": "GOV", "queen": "GOV", "government": "GOV",
    "official": "GOV", "officials": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "spokesperson": "GOV", "ambassador": "GOV", "diplomat": "GOV", "envoy": "GOV",
    "governor": "GOV", "mayor": "GOV", "administration": "GOV", "ministry": "GOV",
    "senator": "LEG", "lawmaker": "LEG", "lawmakers": "LEG", "parliament": "LEG",
    "congressman": "LEG", "congresswoman": "LEG", "legislator": "LEG",
    "army": "MIL", "military": "MIL", "troops": "MIL", "soldiers": "MIL", "general": "MIL",
    "forces": "MIL", "navy": "MIL", "air force": "MIL", "warships": "MIL", "commander": "MIL",
    "police": "COP", "policemen": "COP", "officers": "COP",
    "rebels": "REB", "rebel": "REB", "insurgents": "REB", "militants": "REB", "guerrillas": "REB",
    "opposition": "OPP", "protesters": "CVL", "demonstrators": "CVL", "students": "CVL",
    "workers": "LAB", "union": "LAB", "company": "BUS", "firm": "BUS", "ceo": "BUS",
    "court": "JUD", "judge": "JUD", "prosecutor": "JUD", "prosecutors": "JUD",
    "journalist": "MED", "newspaper": "MED", "reporters": "MED",
}


def _norm(text: str) -> str:
    t = text.strip().casefold().replace("\u2019", "'")
    t = re.sub(r"^(the)\s+", "", t)
    t = re.sub(r"'s$", "", t)
    return re.sub(r"\s+", " ", t)


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO3 for a country name, demonym or metonym ("Russia", "Russian", "the Kremlin")."""
    t = _norm(text)
    if not t:
        return None
    for table in (_COUNTRY_ALIASES, _DEMONYMS, _METONYMS):
        code = table.get(t)
        if code:
            return code if len(code) == 3 else None
    try:
        return str(pycountry.countries.lookup(t).alpha_3)
    except LookupError:
        return None


@lru_cache(maxsize=4096)
def igo_code(text: str) -> str | None:
    """Code of an intergovernmental (or well-known non-governmental) organisation."""
    return _IGOS.get(_norm(text))


def sector(word: str) -> str | None:
    """PLOVER sector of a role word ("president" -> GOV, "rebels" -> REB)."""
    return _SECTORS.get(_norm(word))


def is_metonym(text: str) -> bool:
    """True for places that stand for a government ("the Kremlin", "Washington")."""
    return _norm(text) in _METONYMS
