"""Actor codes for noun phrases: "a White House official" -> (USA, GOV).

Pure functions over strings, shared by the quotes and events stages. The code
is a country (ISO3) or IGO code found in the phrase — a country name,
demonym, metonym, IGO or named group — and the sector comes from the head
noun's role word ("troops" -> MIL, "spokesman" -> GOV).
"""

from __future__ import annotations

import re
from functools import lru_cache

from wirewatch.analyse import lexicon

_MAX_NGRAM = 6
# Small towns share names with common words ("Mobile", "Reading"); only big cities code an actor.
_CITY_MIN_POPULATION = 100_000
# Without a word saying it is a place, only a capital or a city this big codes an actor.
_MAJOR_CITY_POPULATION = 1_000_000
_PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})
# Words after which a capitalised word is a place ("rebels in Samarra", "the mayor of Mosul").
_PLACE_WORDS = frozenset({"in", "near", "outside", "of", "from", "at", "around", "across"})
_DETERMINERS = frozenset({"a", "an", "the", "some", "several", "many", "two", "three", "four",
                          "its", "their", "his", "her", "our", "these", "those", "this", "that",
                          "other", "another", "senior", "top", "former", "one", "unnamed"})
# Prepositions and clause words end the head noun phrase: "rebels in the Ivory Coast".
_PHRASE_END = frozenset({"in", "of", "from", "to", "near", "at", "against", "with", "on", "for",
                         "by", "who", "which", "that", "and", "or", "fleeing", "living", "based",
                         "said", "says", "told", "ordered", "led", "after", "during"})
# Role words so general that a more specific sector beside them wins ("rebel leader" -> REB).
_GENERIC_ROLES = frozenset({"leader", "leaders", "official", "officials", "spokesman",
                            "spokeswoman", "spokesperson", "chief", "head", "aide", "aides",
                            "adviser", "advisor", "members", "member", "delegation", "people",
                            "population", "authorities", "ministry", "department"})
_TOKEN = re.compile(r"[^\s,;:()\[\]\"\u201c\u201d]+")
_ABBREV = re.compile(r"^(?:[A-Za-z]\.){2,}$")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    raws = _TOKEN.findall(text.replace("\u2019", "'").replace("\u2018", "'"))
    for k, raw in enumerate(raws):
        tok = raw
        if tok.endswith("'s") or tok.endswith("'S"):
            if any(lexicon.is_relation(w) for w in raws[k + 1:k + 3]):
                continue  # "Israel's militia ally", "Russia's closest allies": not its own
            tok = tok[:-2]
        elif tok.endswith("'"):
            tok = tok[:-1]
        if not _ABBREV.match(tok):
            tok = tok.rstrip(".!?'")
        if not tok:
            continue
        low = tok.casefold()
        if low.startswith(("pro-", "anti-", "non-", "ex-")):
            continue  # "pro-Russian separatists" are not Russia's
        if "-" in tok:
            parts = [p for p in re.split(r"-(?=[A-Za-z])", tok) if p]
            # "U.S.-led", "Russian-backed": keep a country part, drop the participle.
            if len(parts) > 1 and any(lexicon.country_code(p) for p in parts):
                out.extend(p for p in parts if lexicon.country_code(p) or p[:1].isupper())
                continue
        out.append(tok)
    return out


def _code_of(phrase: str) -> tuple[str, str | None] | None:
    group = lexicon.group_code(phrase)
    if group:
        return group
    igo = lexicon.igo_code(phrase)
    if igo:
        return igo, None
    code = lexicon.country_code(phrase)
    if code:
        inst = lexicon.institution_sector(phrase)
        if inst:
            return code, inst
        if lexicon.is_metonym(phrase):
            return code, "GOV"  # a capital named as an actor stands for its government
        return code, None
    return None


def _find_code(toks: list[str]) -> tuple[str | None, str | None, int]:
    """Leftmost-longest code in the tokens: (code, implied sector, token index)."""
    for i in range(len(toks)):
        for n in range(min(_MAX_NGRAM, len(toks) - i), 0, -1):
            phrase = " ".join(toks[i:i + n])
            # Lowercase words are never names here ("us", "china" as a plate).
            if not any(ch.isupper() for ch in phrase) and n == 1 and not lexicon.sector(phrase):
                continue
            hit = _code_of(phrase)
            if hit and lexicon.is_metonym(phrase) and i > 0 and (
                    lexicon.is_honorific(toks[i - 1]) or lexicon.is_title(toks[i - 1])):
                continue  # "Mr. Paris", "President Lincoln": a surname, not a capital
            if hit:
                return hit[0], hit[1], i
    return None, None, -1


def _city_code(name: str, placed: bool) -> str | None:
    """Country of the city ``name``: any sizeable city where the words say it is a place
    ("in Samarra", a GPE), else only a capital or a major city ("Cairo's security chief"),
    since the many smaller towns share their names with people ("Bush", "Hassan", "George")."""
    # GeoNames alternate spellings collide with names ("Lester"): only where the words say
    # it is a place do they count ("near the town of Samarra", written "Sāmarrā'" there).
    code = lexicon.city_country(name, min_population=_CITY_MIN_POPULATION, primary_only=not placed)
    if code is None or placed:
        return code
    if lexicon.capital_country(name) == code or \
            lexicon.city_country(name, min_population=_MAJOR_CITY_POPULATION, primary_only=True):
        return code
    return None


def _in_name_run(toks: list[str], i: int) -> bool:
    """Whether token ``i`` continues a run of capitalised words: a surname after a given name
    or a title ("George Bush", "President Bush", "Mr. Paris"), not a place on its own."""
    if i == 0:
        return False
    prev = toks[i - 1]
    return prev[:1].isupper() or lexicon.is_title(prev) or lexicon.is_honorific(prev)


def _role_at(toks: list[str], i: int) -> bool:
    """Whether a title or role word starts at token ``i``."""
    return any(lexicon.is_title(" ".join(toks[i:i + n])) for n in (1, 2, 3) if i + n <= len(toks)) \
        or (i < len(toks) and lexicon.sector(toks[i]) is not None)


def _find_city(toks: list[str], first_only: bool = False, kind: str | None = None) -> str | None:
    """Country of a sizeable city named in the tokens ("militias in Tripoli")."""
    for i in range(1 if first_only else len(toks)):
        placed = kind in _PLACE_KINDS or (i > 0 and toks[i - 1].casefold() in _PLACE_WORDS)
        if not placed and _in_name_run(toks, i):
            continue
        for n in range(min(3, len(toks) - i), 0, -1):
            words = toks[i:i + n]
            # In a person's name a town only counts as an affiliation before a role
            # ("Kentucky Gov. Andy Beshear"): "Bush" alone is never the Egyptian town.
            if kind == "PERSON" and not placed and not _role_at(toks, i + n):
                continue
            # Acronyms ("OAN") collide with GeoNames alternate spellings; titles are not places.
            if not all(w[:1].isupper() and not w.isupper() for w in words) \
                    or lexicon.is_title(" ".join(words)):
                continue
            code = _city_code(" ".join(words), placed) \
                or lexicon.place_country(" ".join(words), cities=False)  # "Kentucky Gov. X"
            if code:
                return code
    return None


def _head(toks: list[str]) -> list[str]:
    for i, t in enumerate(toks):
        if i > 0 and t.casefold() in _PHRASE_END:
            return toks[:i]
    return toks


def _role_sectors(toks: list[str]) -> list[tuple[int, str, str]]:
    """(end index, role phrase, sector) for every role phrase, longest match at each end."""
    found: list[tuple[int, str, str]] = []
    i = len(toks)
    while i > 0:
        for n in range(min(3, i), 0, -1):
            phrase = " ".join(toks[i - n:i]).casefold()
            # Plurals of role words: "foreign ministers", "ambassadors".
            sec = lexicon.sector(phrase) or (lexicon.sector(phrase[:-1]) if phrase.endswith("s") else None)
            if sec:
                found.append((i, phrase, sec))
                i -= n
                break
        else:
            i -= 1
    return found  # rightmost first


def _sector_of(head: list[str], implied: str | None) -> str | None:
    roles = _role_sectors(head)
    if not roles:
        return implied
    _, phrase, sec = roles[0]
    if phrase in _GENERIC_ROLES:
        for _, _p, other in roles[1:]:
            if other != sec:
                return other
        if implied and implied != sec and implied not in ("GOV",):
            return implied
    return sec


@lru_cache(maxsize=8192)
def actor_for_text(text: str, kind: str | None = None) -> tuple[str | None, str | None]:
    """(code, sector) for a noun phrase naming an actor.

    ``kind`` is the NER label of the phrase when known: a PERSON is never coded by a
    town or province that shares its name, a GPE or LOC is a place whatever its size.

    >>> actor_for_text("a White House official")
    ('USA', 'GOV')
    >>> actor_for_text("Russian troops")
    ('RUS', 'MIL')
    >>> actor_for_text("NATO")
    ('NATO', None)
    """
    toks = _tokens(text or "")
    while toks and toks[0].casefold() in _DETERMINERS:
        toks = toks[1:]
    if not toks:
        return None, None
    # A phrase that is a name as a whole ("Democratic People's Republic of Korea") has no role words.
    named = _code_of(text.strip())
    if named:
        return named
    phrase = " ".join(toks)
    if all(t[:1].isupper() for t in toks) and not lexicon.is_title(phrase) and kind != "PERSON" \
            and not (len(toks) > 1 and _in_name_run(toks, len(toks) - 1) and kind not in _PLACE_KINDS):
        state = lexicon.place_country(phrase, cities=False)  # "Texas", "Bavaria"
        if state:
            return state, None
    head = _head(toks)
    code, implied, _ = _find_code(head)
    if code is None:
        code, implied, _ = _find_code(toks)
    if code is None:
        code = _find_city(toks, kind=kind)
    return code, _sector_of(head, implied)


def code_in_name(text: str) -> str | None:
    """Country or IGO code inside an organisation or building name: a country, demonym,
    metonym or IGO anywhere ("Russian Defense Ministry"), a city only as its first word
    ("Chicago Police Department", not "Grand Hotel du Cap")."""
    toks = _tokens(text or "")
    while toks and toks[0].casefold() in _DETERMINERS:
        toks = toks[1:]
    if not toks:
        return None
    named = _code_of(text.strip())
    if named:
        return named[0]
    code = _find_code(toks)[0]
    return code or (_find_city(toks, first_only=True) if len(toks) > 1 else None)


def role_sector(text: str) -> str | None:
    """Sector from a role word that ends the name ("Interior Department" -> GOV, "United
    States Air Force" -> MIL); a role word elsewhere says nothing ("General Motors")."""
    toks = _tokens(text or "")
    roles = _role_sectors(toks)
    return roles[0][2] if roles and roles[0][0] == len(toks) else None
