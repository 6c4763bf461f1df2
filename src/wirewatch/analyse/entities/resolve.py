"""Canonical entities from mentions: the pure half of ``ww_entities``.

Input is a list of :class:`Mention` (what NER found, already trimmed of
titles, determiners and possessives, with what the words around it said);
output is one :class:`~wirewatch.record.Entity` per real-world entity in the
article. No spaCy here, so it is tested on plain data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from wirewatch.analyse import lexicon
from wirewatch.analyse.entities.actors import actor_for_text, code_in_name, role_sector
from wirewatch.analyse.entities.names import (
    ACRONYM,
    NICKNAMES,
    acronym_letters,
    fold,
    initials,
    looks_like_person_name,
    person_key,
)
from wirewatch.record import Entity

PERSON = "PERSON"
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# A city found by GeoNames alone must be big before it outvotes the NER's PERSON tag.
_CITY_RELABEL_POPULATION = 500_000
_ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess", "crown prince", "emir",
                           "sultan", "sheikh", "pope"})
# A full name this close before a shared surname is what the surname refers to.
_RECENT_CHARS = 200
# Given names that are also English words: never taken for a glued-on word.
_GIVEN_NAME_WORDS = frozenset({
    "mark", "rose", "grant", "hope", "faith", "joy", "will", "bill", "rich", "frank", "dean",
    "drew", "chase", "hunter", "pierce", "wade", "art", "miles", "rob", "pat", "sue", "ruth",
    "ray", "earl", "guy", "jack", "rod", "gene", "bud", "grace", "dawn", "april", "may", "june",
    "amber", "ivy", "lily", "holly", "iris", "pearl", "ruby", "crystal", "summer", "penny",
    "victor", "forest", "glen", "dale", "clay", "cliff", "lane", "brook", "reed", "rusty",
    "sandy", "sterling", "king", "prince", "bishop", "hunt", "nancy", "kim", "sean", "hillary",
    "carter", "taylor", "cooper", "parker", "mason", "spencer", "tucker", "wolf", "stone",
})
# Short names too generic to stand for one longer name ("House" is not "White House").
_GENERIC_ORG_WORDS = frozenset({
    "house", "senate", "congress", "court", "party", "office", "union", "department", "ministry",
    "army", "government", "police", "post", "times", "news", "council", "committee", "bank",
    "group", "association", "company", "center", "centre", "service", "agency", "board",
    "university", "college", "school", "church", "club", "league", "assembly", "parliament",
    "cabinet", "administration", "authority", "forces", "navy", "guard", "fund", "foundation",
    "institute", "network", "press", "journal", "daily", "state",
})
_NOT_PLACE_LABELS = frozenset({PERSON, "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "FAC"})
_ORG_WORD_LABELS = frozenset({PERSON, "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"})


@dataclass
class Mention:
    """One name in the text, with what its context says about it."""

    start: int
    end: int
    text: str  # the name only: no title, determiner or possessive
    label: str
    title: str | None = None  # role from a title before or an apposition after
    country: str | None = None  # from an affiliation word ("Russian", "U.S.", "Kremlin")
    titled_text: str | None = None  # "Russian President Vladimir Putin", as written
    expands: str | None = None  # for "(NATO)" after a long name: that long name
    place_in: str | None = None  # ISO3 of the place after it ("Anchorage, Alaska")
    strong_person: bool = False  # a personal title stood before it
    us_state_at: int | None = None  # where "Georgia" of "Georgia Gov. Brian Kemp" starts
    us_state: bool = False  # this place is a U.S. state, whatever country shares its name
    after_place_word: bool = False  # "in" or "near" stands before it
    owner_country: str | None = None  # "Russia's" before "Security Council"


@dataclass
class _Cluster:
    key: tuple[str, str]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _fixed_label(m: Mention) -> str | None:
    """The label the lexicon insists on, whatever NER said ("Kremlin" is an ORG)."""
    if lexicon.institution_sector(m.text):
        return "ORG"
    if lexicon.igo_code(m.text) or lexicon.group_code(m.text):
        return "ORG"
    if lexicon.country_of_name(m.text):
        return "GPE"
    if " " in m.text and lexicon.is_media_name(m.text) and m.label not in ("ORG", PERSON):
        return "ORG"  # "Chicago Tribune" tagged FAC, "Dallas Morning News" tagged EVENT
    if lexicon.is_outlet(m.text) and not m.strong_person:
        return "ORG"  # "Reuters" and "Xinhua" tagged PERSON or GPE
    if m.label in _ORG_WORD_LABELS and not m.strong_person and lexicon.is_org_name(m.text):
        return "ORG"  # "Patriot Coal" tagged PERSON, "Marfin Bank" tagged GPE
    if m.label == "NORP" and ACRONYM.match(m.text) and not lexicon.demonym_code(m.text):
        return "ORG"  # "NYPD", "UPI" tagged NORP
    if m.label == PERSON and not m.strong_person and m.text.isupper() and ACRONYM.match(m.text) \
            and "." not in m.text:
        return "ORG"  # "XFL", "TBT": an acronym is no person
    if m.label != PERSON or not m.strong_person:
        if lexicon.is_metonym(m.text):
            return "GPE"
        if lexicon.demonym_code(m.text) and m.label in ("NORP", "GPE", "ORG", PERSON, "LOC"):
            return "NORP"
        words = m.text.split()
        if len(words) > 1 and all(lexicon.demonym_code(w) for w in words):
            return "NORP"  # "Bosnian Serbs"
    if m.label == "NORP" and not lexicon.demonym_code(m.text) \
            and lexicon.city_country(m.text, 100_000):
        return "GPE"  # a city tagged NORP
    return None


def _relabel(mentions: list[Mention]) -> None:
    """Repair NER labels: lexicon first, then what the article says elsewhere."""
    named = {person_key(m.text)[1] for m in mentions
             if m.label == PERSON and " " in m.text and not _fixed_label(m)}
    for m in mentions:
        fixed = _fixed_label(m)
        if fixed and fold(_norm(m.text)) in named and (m.label == PERSON or lexicon.is_outlet(m.text)):
            # "Bloomberg" after "Michael Bloomberg" is the man, not the agency; "Jordan" tagged
            # PERSON after "Michael Jordan" is not the country.
            fixed = PERSON
        if fixed:
            m.label = fixed
        elif m.strong_person:
            m.label = PERSON
    full_names = {person_key(m.text) for m in mentions if m.label == PERSON and " " in m.text}
    surnames = {k[1] for k in full_names}
    # "Trump" tagged ORG in one sentence is the PERSON named Trump elsewhere.
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(_norm(m.text), Counter())[m.label] += 1
    for m in mentions:
        if m.label == PERSON or _fixed_label(m):
            continue
        key = _norm(m.text)
        if (" " not in key and fold(key) in surnames) or person_key(m.text) in full_names:
            m.label = PERSON
        elif votes[key][PERSON] > sum(v for k, v in votes[key].items() if k != PERSON):
            m.label = PERSON
    # "Mo Cheeks" tagged FAC where "Cheeks" alone is a PERSON with no full name given.
    lone = {_norm(m.text) for m in mentions if m.label == PERSON and " " not in m.text} - surnames
    for m in mentions:
        words = m.text.split()
        if m.label != PERSON and len(words) in (2, 3) and _norm(words[-1]) in lone \
                and looks_like_person_name(m.text) and not _fixed_label(m):
            m.label = PERSON
    places = {_norm(m.text) for m in mentions if m.label in _PLACE_LABELS}
    places |= {_norm(m.text) for m in mentions if m.after_place_word and m.label in _NOT_PLACE_LABELS
               and not _fixed_label(m) and lexicon.place_country(m.text)}
    for m in mentions:
        if m.label not in _NOT_PLACE_LABELS or m.strong_person or _fixed_label(m):
            continue
        key = _norm(m.text)
        if m.label == PERSON and (" " in m.text or fold(key) in surnames):
            continue
        # "in Oradea" tagged ORG, "Debrecen" tagged PERSON where it is a GPE elsewhere, or a
        # big city tagged PERSON ("Budapest said ...").
        if key in places or (m.label == PERSON and lexicon.place_country(m.text) and (
                lexicon.city_country(m.text, _CITY_RELABEL_POPULATION) or lexicon.country_code(m.text))):
            m.label = "GPE"


def _is_word(token: str, words: frozenset[str]) -> bool:
    w = fold(token)
    if w in _GIVEN_NAME_WORDS or w in NICKNAMES or w in NICKNAMES.values():
        return False
    stems = {w, w[:-1] if w.endswith("d") else w, w[:-2] if w.endswith("ed") else w,
             w[:-3] if w.endswith("ing") else w, w[:-3] + "e" if w.endswith("ing") else w}
    return any(s in words for s in stems)


def _unglue(mentions: list[Mention], words: frozenset[str]) -> None:
    """ "Painting Trump", "Endorsed Trump": an English word the tagger glued to the surname
    of a person named in full elsewhere is no given name; the mention is the surname."""
    if not words:
        return
    people = [m for m in mentions if m.label == PERSON and " " in m.text]
    keys = Counter(person_key(m.text) for m in people)
    firsts: dict[str, set[str]] = {}
    for k in keys:
        firsts.setdefault(k[1], set()).add(k[0])
    for m in people:
        parts = m.text.split()
        key = person_key(m.text)
        if len(parts) == 2 and keys[key] == 1 and len(firsts[key[1]]) > 1 \
                and _is_word(parts[0], words):
            offset = m.text.index(parts[1], len(parts[0]))
            m.start += offset
            m.text = parts[1]


def _person_clusters(mentions: list[Mention]) -> list[_Cluster]:
    clusters: dict[tuple[str, str], _Cluster] = {}
    singles: list[Mention] = []
    for m in mentions:
        if " " in m.text.strip():
            key = person_key(m.text)
            clusters.setdefault(key, _Cluster(key)).mentions.append(m)
        else:
            singles.append(m)
    # "Crooked Hillary Clinton" is "Hillary Clinton" with an epithet.
    for key in sorted(clusters, key=lambda k: -len(clusters[k].mentions[0].text.split())):
        c = clusters[key]
        words = c.mentions[0].text.split()
        if len(words) >= 3:
            short = person_key(" ".join(words[-2:]))
            if short in clusters and short != key:
                clusters[short].mentions.extend(clusters.pop(key).mentions)
    full = list(clusters.values())
    for m in singles:
        tok = fold(_norm(m.text))
        by_last = [c for c in full if c.key[1] == tok]
        by_first = [c for c in full if c.key[0] == NICKNAMES.get(tok, tok)]
        candidates = by_last or (by_first if len(by_first) == 1 else [])
        if m.title and m.title.casefold() in _ROYAL_TITLES:
            # "King Hussein" is a given name with a crown, not Saddam Hussein's surname.
            candidates = [c for c in candidates
                          if any((x.title or "").casefold() in _ROYAL_TITLES for x in c.mentions)]
        if m.title:
            # "President Obama" is not "first lady Michelle Obama".
            candidates = [c for c in candidates if _titles_agree(m.title, c)]
        if candidates:
            _pick(candidates, m).mentions.append(m)
            continue
        key = ("", tok)
        clusters.setdefault(key, _Cluster(key)).mentions.append(m)
    return list(clusters.values())


def _titles_agree(title: str, c: _Cluster) -> bool:
    """A title fits a person with no title yet, or with one sharing a word with it
    ("Secretary" and "Secretary of State", "Sen." and "Senator" once written out)."""
    words = set(title.casefold().split()) - {"of", "the", "for"}
    held = [set(x.title.casefold().split()) for x in c.mentions if x.title]
    return not held or any(words & h for h in held)


def _pick(candidates: list[_Cluster], m: Mention) -> _Cluster:
    """Which of several people sharing a surname a surname mention means.

    A title settles it ("Senator Cruz" is the senator). Otherwise copy calls
    the article's main person by surname and the others by first name, so the
    first-introduced person wins unless another was named just before.
    """
    if m.title:
        same = [c for c in candidates if any((x.title or "").casefold() == m.title.casefold()
                                             for x in c.mentions)]
        if len(same) == 1:
            return same[0]
    before = [c for c in candidates if c.first <= m.start]
    if not before:
        return min(candidates, key=lambda c: c.first)
    latest = {id(c): max(x.start for x in c.mentions if x.start <= m.start and " " in x.text)
              if any(x.start <= m.start and " " in x.text for x in c.mentions) else c.first
              for c in before}
    recent = [c for c in before if m.start - latest[id(c)] <= _RECENT_CHARS]
    if len(recent) == 1:
        return recent[0]
    if recent:
        return max(recent, key=lambda c: latest[id(c)])
    return min(before, key=lambda c: c.first)


def _other_key(m: Mention) -> tuple[str, str]:
    if m.owner_country:
        # "Russia's Security Council" and "Ukraine's Security Council" are two bodies.
        return ("owned", f"{m.owner_country} {_norm(m.text)}")
    code = lexicon.country_of_name(m.text)
    if code and m.label in _PLACE_LABELS and not m.us_state:
        return ("country", code)
    igo = lexicon.igo_self(m.text)
    if igo:
        return ("igo", igo)
    return ("name", _norm(m.text))


def _other_clusters(mentions: list[Mention]) -> list[_Cluster]:
    clusters: dict[tuple[str, str], _Cluster] = {}
    for m in mentions:
        key = _other_key(m)
        clusters.setdefault(key, _Cluster(key)).mentions.append(m)
    # "North Atlantic Treaty Organization (NATO)": the acronym joins the long name.
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for c in list(clusters.values()):
        long_key: tuple[str, str] | None = None
        for m in c.mentions:
            if m.expands:
                long_key = ("name", _norm(m.expands))
                for other in clusters.values():
                    if any(_norm(x.text) == _norm(m.expands) for x in other.mentions):
                        long_key = other.key
        if long_key is None and c.key[0] == "name" and all(ACRONYM.match(m.text) for m in c.mentions):
            letters = acronym_letters(c.mentions[0].text)
            hits = [o for o in clusters.values() if o is not c and o.key[0] == "name"
                    and len(letters) >= 2 and initials(o.mentions[0].text) == letters
                    and " " in o.mentions[0].text]
            if len(hits) == 1:
                long_key = hits[0].key
        if long_key and long_key in clusters and long_key != c.key:
            merged[c.key] = long_key
    for short, long in merged.items():
        target = long
        seen = {short}
        while target in merged and target not in seen:
            seen.add(target)
            target = merged[target]
        if short in clusters and target in clusters and target != short:
            clusters[target].mentions.extend(clusters.pop(short).mentions)
    _merge_short_forms(clusters)
    return list(clusters.values())


def _merge_short_forms(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """ "the Commission" after "the European Commission": an ORG named by the last words of
    exactly one longer ORG in the article is that ORG."""
    orgs = {k: c for k, c in clusters.items()
            if k[0] in ("name", "igo", "owned") and all(m.label == "ORG" for m in c.mentions)}
    for key, c in list(orgs.items()):
        if key[0] != "name":
            continue
        short = key[1]
        # "the Defense Ministry" after "Ukraine's Defense Ministry" is Ukraine's.
        owned = [o for k, o in orgs.items() if k[0] == "owned" and k in clusters
                 and any(_norm(m.text) == short for m in o.mentions)]
        if len(owned) == 1:
            owned[0].mentions.extend(clusters.pop(key).mentions)
            continue
        if len(short.split()) > 2 or short in _GENERIC_ORG_WORDS or ACRONYM.match(c.mentions[0].text):
            continue
        longer = [o for k, o in orgs.items() if k != key and k in clusters
                  and any(_norm(m.text).endswith(" " + short) for m in o.mentions)]
        if len(longer) == 1:
            longer[0].mentions.extend(clusters.pop(key).mentions)


def _most_common_text(mentions: list[Mention]) -> str:
    """The form written most often; a tie goes to the one not in capitals (datelines write
    "WASHINGTON"), then the longer, then the earlier."""
    counts = Counter(m.text for m in mentions)
    order = {m.text: i for i, m in reversed(list(enumerate(sorted(mentions, key=lambda x: x.start))))}
    return max(counts, key=lambda t: (counts[t], not (t.isupper() and len(t) > 4), len(t), -order[t]))


def _label_of(c: _Cluster) -> str:
    counts = Counter(m.label for m in c.mentions)
    fixed = [lab for m in c.mentions if (lab := _fixed_label(m))]
    if fixed and c.key[0] != "person":
        return Counter(fixed).most_common(1)[0][0]
    first = min(c.mentions, key=lambda m: m.start).label
    return max(counts, key=lambda lab: (counts[lab], lab == first))


def _person_entity(c: _Cluster) -> Entity:
    full = sorted((m for m in c.mentions if " " in m.text), key=lambda m: m.start)
    if full:
        # Wire copy introduces a person by full name: the first full form breaks count ties.
        counts = Counter(m.text for m in full)
        counts[full[0].text] += 1
        name = max(counts, key=lambda t: (counts[t], len(t)))
    else:
        name = _most_common_text(c.mentions)
    roles = [m for m in sorted(c.mentions, key=lambda m: m.start) if m.title]
    # The title that came with a country says the most: "Russian President".
    best = next((m for m in roles if m.country), roles[0] if roles else None)
    role = best.title if best else None
    country = next((m.country for m in sorted(c.mentions, key=lambda m: m.start) if m.country), None)
    sector = (lexicon.sector(role) or actor_for_text(role)[1]) if role else None
    return Entity(id="", name=name, type=PERSON, role=role, country=country, sector=sector)


def _other_entity(c: _Cluster, label: str) -> Entity:
    texts = [m.text for m in c.mentions]
    name = _most_common_text(c.mentions)
    country: str | None = None
    sector: str | None = None
    if c.key[0] == "country":
        country = c.key[1]
        if all(ACRONYM.match(t) or "." in t for t in texts):
            name = lexicon.country_name(country) or name
    elif c.key[0] == "igo":
        country = c.key[1]
    elif any(m.owner_country for m in c.mentions):
        country = next(m.owner_country for m in c.mentions if m.owner_country)
        sector = lexicon.institution_sector(name) or role_sector(name)
    elif lexicon.igo_code(name):
        country = lexicon.igo_code(name)  # an organ of an IGO codes as the IGO
    else:
        group = lexicon.group_code(name)
        if group:
            country, sector = group
        elif label in _PLACE_LABELS or label == "FAC":
            country = next((m.place_in for m in c.mentions if m.place_in), None)
            if country is None and label == "GPE":
                country = next((code for t in texts if (code := lexicon.place_country(t))), None)
            elif country is None:
                # Rivers, seas and buildings are no cities: "Valley" is not The Valley, Anguilla.
                country = next((code for t in texts
                                if (code := lexicon.place_country(t, cities=False))), None)
            if country is None and label == "FAC":
                country = code_in_name(name)
        elif label == "NORP":
            country = lexicon.demonym_code(name) or lexicon.country_code(name) \
                or lexicon.demonym_code(name.split()[0])
        else:
            country = code_in_name(name)
            if lexicon.institution_sector(name):
                sector = lexicon.institution_sector(name)
            elif label == "ORG" and lexicon.is_media_name(name):
                sector = "MED"
            elif label == "ORG":
                sector = role_sector(name)
    return Entity(id="", name=name, type=label, country=country, sector=sector)


def _aliases(name: str, mentions: list[Mention]) -> list[str]:
    seen = {_norm(name)}
    out: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start):
        for alias in (m.text, m.titled_text):
            if alias and _norm(alias) not in seen:
                seen.add(_norm(alias))
                out.append(alias)
    return out


def resolve(mentions: list[Mention], words: frozenset[str] = frozenset(),
            ) -> tuple[list[Entity], list[tuple[int, int, str]]]:
    """Group mentions into entities; returns the entities (ids e1.. in order of first
    mention) and every mention as ``(start, end, entity id)``, sorted. ``words`` is an
    English word list used to tell a word glued to a surname from a given name."""
    mentions = [m for m in mentions if m.text.strip() and m.end > m.start]
    _relabel(mentions)
    _unglue(mentions, words)
    people = _person_clusters([m for m in mentions if m.label == PERSON])
    for c in people:
        c.key = ("person", c.key[0] + " " + c.key[1])
    others = _other_clusters([m for m in mentions if m.label != PERSON])
    built: list[tuple[int, Entity, list[Mention]]] = []
    for c in people:
        built.append((c.first, _person_entity(c), c.mentions))
    for c in others:
        built.append((c.first, _other_entity(c, _label_of(c)), c.mentions))
    built.sort(key=lambda b: b[0])
    spans: list[tuple[int, int, str]] = []
    for i, (_, ent, ms) in enumerate(built, start=1):
        ent.id = f"e{i}"
        ent.aliases = _aliases(ent.name, ms)
        uniq = sorted({(m.start, m.end) for m in ms})
        ent.mentions = list(uniq)
        spans.extend((s, e, ent.id) for s, e in uniq)
    return [b[1] for b in built], sorted(spans)
