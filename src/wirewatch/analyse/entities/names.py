"""Name handling for entity mentions: pure functions over strings.

What news copy wraps around a name — titles, courtesy titles, determiners,
possessives, party tags, photo-credit slashes — is not part of the name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from wirewatch.analyse import lexicon

_POSSESSIVE = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
_PARTY_TAG = re.compile(r"\s*\((?:[RDI]|[RDI]-[A-Z][\w. ]*)\)\s*$|,\s*[RDI]-[A-Z][\w.]*,?\s*$")
_JUNK = re.compile(r"https?://|www\.|@|/|\||\d{3,}|[<>{}=_#*]")
_PERCENT = re.compile(r"\d\s*(?:%|percent\b)")
_HEADLINE_WORDS = frozenset({"A", "An", "The", "On", "In", "At", "For", "To", "Is", "Are", "With",
                             "By", "From", "As", "Into", "Over", "Will", "Be", "Has", "Have",
                             "Was", "Were", "Says", "Said", "After", "Before", "About"})
_STOP_INITIALS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "in", "on", "&"})
ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){2,8}$|^[A-Z]{2,}\d*$")


# Short forms of given names that copy uses for the same person ("Chuck" Grassley).
NICKNAMES: dict[str, str] = {
    "chuck": "charles", "charlie": "charles", "bill": "william", "billy": "william",
    "will": "william", "bob": "robert", "bobby": "robert", "rob": "robert", "mike": "michael",
    "jim": "james", "jimmy": "james", "joe": "joseph", "tom": "thomas", "tommy": "thomas",
    "dick": "richard", "rick": "richard", "rich": "richard", "dan": "daniel", "danny": "daniel",
    "dave": "david", "steve": "steven", "stephen": "steven", "nick": "nicholas",
    "tony": "anthony", "andy": "andrew", "ben": "benjamin", "bibi": "benjamin", "sam": "samuel",
    "pat": "patrick", "ed": "edward", "ted": "edward", "larry": "lawrence", "jerry": "gerald",
    "chris": "christopher", "matt": "matthew", "alex": "alexander", "sergey": "sergei",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "cathy": "catherine",
    "jon": "jonathan", "fred": "frederick", "greg": "gregory", "ron": "ronald", "don": "donald",
    "hank": "henry", "jack": "john", "johnny": "john", "vlad": "vladimir",
}


@dataclass(frozen=True)
class NameParts:
    """A mention's text split into what precedes the name and the name itself."""

    name: str
    offset: int  # where ``name`` starts in the given text
    title: str | None  # "President", "Foreign Minister" (a role), or None


def strip_possessive(text: str) -> str:
    """ "Russia's" -> "Russia"; "Jones'" -> "Jones"."""
    t = text.rstrip()
    m = _POSSESSIVE.search(t)
    if m and len(t) > m.end() - m.start() + 1:
        return t[:m.start()].rstrip()
    return t


def strip_party_tag(text: str) -> str:
    """ "Lindsey Graham (R-S.C.)" -> "Lindsey Graham"."""
    return _PARTY_TAG.sub("", text).rstrip()


def is_junk(text: str) -> bool:
    """Credits, links, markup and headlines that NER sometimes tags as names."""
    return bool(_JUNK.search(text)) or lexicon.is_furniture(text) or is_headline(text) \
        or bool(_PERCENT.search(text))


def is_headline(text: str) -> bool:
    """A related-story headline in title case ("Senator Scores Direct Hit On Rival"): names
    write their inner function words in lowercase ("Council on Foreign Relations")."""
    words = text.split()
    return len(words) >= 4 and any(w in _HEADLINE_WORDS for w in words[1:])


def split_title(text: str) -> NameParts:
    """Split a leading title or honorific off a name: "President Donald Trump" -> "Donald Trump".

    Longest title first, repeatedly, so "U.S. Secretary of State Marco Rubio"
    keeps only the name; the title kept is the last role seen before the name.
    """
    words = list(re.finditer(r"\S+", text))
    i = 0
    title: str | None = None
    while i < len(words):
        for n in range(min(5, len(words) - i), 0, -1):
            phrase = " ".join(w.group() for w in words[i:i + n])
            if lexicon.is_title(phrase):
                # A capitalised role word alone as the whole name ("Chief") stays a name.
                if i + n < len(words):
                    title = phrase
                    i += n
                    break
            if n == 1 and lexicon.is_honorific(phrase) and i + 1 < len(words):
                i += 1
                break
        else:
            break
    if i == 0:
        return NameParts(text, 0, None)
    start = words[i].start() if i < len(words) else len(text)
    return NameParts(text[start:], start, title)


def person_key(name: str) -> tuple[str, str]:
    """(first, last) casefolded, skipping middle names and initials: "Vladimir V. Putin" ~ "Vladimir Putin"."""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    parts = [p for p in parts if not lexicon.is_honorific(p)]
    if not parts:
        return ("", "")
    # Generational suffixes are not the surname: "Martin Luther King Jr."
    while len(parts) > 1 and parts[-1].rstrip(".,").casefold() in {"jr", "sr", "ii", "iii", "iv"}:
        parts = parts[:-1]
    first = fold(parts[0])
    return (NICKNAMES.get(first, first), fold(parts[-1]))


def fold(word: str) -> str:
    """Casefolded without accents: "François" ~ "Francois"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def initials(name: str) -> str:
    """ "North Atlantic Treaty Organization" -> "NATO"."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _STOP_INITIALS]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def acronym_letters(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def looks_like_person_name(name: str) -> bool:
    """Capitalised words, no digits, not too long: what a personal name looks like in copy."""
    words = name.split()
    if not words or len(words) > 6:
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return all(w[:1].isupper() or w.casefold() in {"de", "van", "von", "bin", "al", "la", "da",
                                                     "del", "der", "di", "le", "ibn", "abu"}
               or w[:2].casefold() in {"al", "el"} for w in words)
