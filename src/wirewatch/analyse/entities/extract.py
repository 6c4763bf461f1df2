"""Mentions from a parsed Doc: NER spans trimmed to the name, plus what the words
around each say (a title before it, an apposition after it, an acronym in
brackets, the state after a city).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from wirewatch.analyse import lexicon
from wirewatch.analyse.entities.actors import actor_for_text
from wirewatch.analyse.entities.names import (
    ACRONYM,
    acronym_letters,
    initials,
    is_junk,
    looks_like_person_name,
    split_title,
    strip_party_tag,
    strip_possessive,
)
from wirewatch.analyse.entities.resolve import Mention

# Times belong to the time stage, numbers to nobody; LANGUAGE adds nothing here.
KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "LAW", "WORK_OF_ART"})
_EDGE_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_EDGE_PUNCT = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "(", ")", "[", "]",
                         ",", ".", ":", ";", "-", "\u2013", "\u2014", "!", "?", "*"})
# Titles that make a name a person even where NER said ORG or GPE ("President Trump").
_PERSONAL_TITLES = frozenset({
    "president", "vice president", "vice-president", "prime minister", "minister", "foreign minister",
    "secretary", "chancellor", "senator", "sen.", "rep.", "gov.", "mr.", "mrs.", "ms.",
    "dr.", "king", "queen", "pope", "premier", "ayatollah", "sheikh", "emir", "prince",
})
_MAX_TITLE_WORDS = 5
_MAX_APPOSITION = 8
# "in Oradea", "near Debrecen": what follows is a place whatever NER said.
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
_STATE_OFFICES = frozenset({"governor", "lieutenant governor", "state senator", "attorney general",
                            "secretary of state", "representative", "senator", "mayor"})
# Words that qualify the title after them rather than being a second title.
_TITLE_PREFIXES = frozenset({"deputy", "vice", "acting", "assistant", "associate", "interim",
                             "senior", "chief", "principal", "special", "former", "first"})
_PLACE_LOOKAHEAD = 10
# NER labels a person's name may wrongly carry ("Oshima" GPE, "Lavrov" ORG).
_MISTAKEN_PERSON_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP"})


_QUOTES = frozenset({'"', "\u201c", "\u201d"})
_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "la", "da", "del", "der", "di", "le",
                        "ibn", "abu", "du", "dos", "das", "ter", "ten", "y"})
_ROMAN = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII", "JR", "SR"})
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "PART"})


def _breaks_line(tok: Token) -> bool:
    return "\n" in tok.text_with_ws[len(tok.text):] or "\n" in tok.text


def _trim(ent: Span) -> Span | None:
    """Drop determiners, possessives, punctuation and anything past a line break."""
    doc = ent.doc
    start, end = ent.start, ent.end
    for i in range(ent.start, ent.end - 1):
        if _breaks_line(doc[i]):
            end = i + 1
            break
    # Leading lowercase words are the tagger's overreach ("major United States"), except
    # name particles ("de Blasio", "al-Assad").
    while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT
                           or doc[start].lower_ in _EDGE_WORDS
                           or (lexicon.is_furniture(doc[start].text) and start < end - 1)
                           or (doc[start].is_lower and start < end - 1
                               and doc[start].text not in _PARTICLES
                               and not doc[start].text.startswith(("al-", "el-")))):
        start += 1
    if ent.label_ == "PERSON":
        # "Injecting Clinton": the parser knows a verb is no first name.
        while start < end - 1 and (doc[start].pos_ in _NOT_NAME_POS or doc[start].tag_ == "VBG"):
            start += 1
    if ent.label_ == "PERSON":
        # "Steven Snyder TWA": an acronym glued to a name by the tagger.
        while end - 1 > start and doc[end - 1].is_upper and len(doc[end - 1].text) > 1 \
                and doc[end - 1].text.strip(".") not in _ROMAN:
            end -= 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT
                           or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].text in ("'s", "\u2019s")):
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


def _title_before(doc: Doc, i: int) -> tuple[str | None, int]:
    """Longest run of titles ending just before token ``i``: ("Foreign Minister", start)."""
    title: str | None = None
    start = i
    j = i
    while j > 0:
        found = False
        for n in range(min(_MAX_TITLE_WORDS, j), 0, -1):
            span = doc[j - n:j]
            if any(_breaks_line(t) for t in span[:-1]) or _breaks_line(span[-1]) \
                    or span[0].lower_ in _EDGE_WORDS:  # "the Rev." is the title "Rev."
                continue
            if lexicon.is_title(span.text) or (n == 1 and lexicon.is_honorific(span.text)):
                if title is None and lexicon.is_title(span.text):
                    title = span.text
                elif title is not None and span.text.casefold() in _TITLE_PREFIXES:
                    title = f"{span.text} {title}"  # "Deputy" + "Attorney General"
                start = j - n
                j -= n
                found = True
                break
        if not found:
            break
    return title, start


def _affiliation_before(doc: Doc, i: int) -> tuple[str | None, int]:
    """Country code of an affiliation before token ``i`` ("Russian", "U.S.", "Russia's", "Kremlin")."""
    j = i
    if j > 0 and (doc[j - 1].tag_ == "POS" or doc[j - 1].text in ("'s", "\u2019s")):
        j -= 1
    if j <= 0 or _breaks_line(doc[j - 1]):
        return None, i
    tok = doc[j - 1]
    if tok.ent_type_ and tok.ent_iob_ != "O":
        k = j - 1
        while k > 0 and doc[k].ent_iob_ == "I":
            k -= 1
        span = doc[k:j]
        code = actor_for_text(span.text, tok.ent_type_)[0]
        return (code, k) if code else (None, i)
    code = lexicon.country_code(tok.text) if tok.text[:1].isupper() else None
    return (code, j - 1) if code else (None, i)


def _apposition_after(doc: Doc, end: int) -> tuple[str | None, str | None]:
    """ "Dmitry Peskov, the Kremlin's spokesman," -> ("spokesman", "RUS")."""
    if end >= len(doc) or doc[end].text != ",":
        return None, None
    words: list[Token] = []
    for tok in doc[end + 1:end + 1 + _MAX_APPOSITION]:
        if tok.is_punct and tok.text not in ("'s", "\u2019s"):
            break
        if tok.is_sent_start:
            break
        words.append(tok)
    while words and words[0].lower_ in _EDGE_WORDS:
        words = words[1:]
    if not words or words[-1].pos_ not in ("NOUN", "PROPN"):
        return None, None
    of = next((k for k, t in enumerate(words) if t.lower_ == "of"), None)
    if of and of + 1 < len(words):
        # "Mark Rutte, the secretary general of NATO," -> ("secretary general", "NATO"); but
        # "secretary of state" is a title as a whole, read below.
        title = " ".join(t.text for t in words[:of])
        if lexicon.is_title(title) and not lexicon.is_title(f"{words[of - 1].text} of {words[of + 1].text}"):
            return title, actor_for_text(" ".join(t.text for t in words[of + 1:]))[0]
    return _title_at_end(words)


def _title_at_end(words: list[Token], *, plain_before: bool = False) -> tuple[str | None, str | None]:
    """(title, code of its affiliation) when the words end with a title and only an affiliation
    stands before it ("a senior U.S." yes, "the man who" no); ``plain_before``: refuse words that
    make the phrase a clause ("In a call with the U.S. president" is about someone else)."""
    for n in range(min(4, len(words)), 0, -1):
        phrase = " ".join(t.text for t in words[-n:])
        if lexicon.is_title(phrase):
            if plain_before and any(t.pos_ in ("ADP", "VERB", "AUX", "PRON", "SCONJ") for t in words[:-n]):
                return None, None
            before = " ".join(t.text for t in words[:-n])
            code = actor_for_text(before)[0] if before else None
            if before and code is None:
                return None, None
            return phrase, code
    return None, None


def _apposition_before(doc: Doc, start: int) -> tuple[str | None, str | None]:
    """ "The Kremlin's spokesman, Dmitry Peskov," -> ("spokesman", "RUS"): a title with its
    affiliation written as an apposition before the name, opening the sentence or a clause."""
    if start < 2 or doc[start - 1].text != ",":
        return None, None
    words: list[Token] = []
    k = start - 2
    while k >= 0 and len(words) <= _MAX_APPOSITION:
        tok = doc[k]
        if (tok.is_punct and tok.text not in ("'s", "\u2019s", ".")) or _breaks_line(tok):
            break
        words.insert(0, tok)
        if tok.is_sent_start:
            break
        k -= 1
    else:
        if k >= 0:
            return None, None  # too long for an apposition
    # The phrase must stand on its own: at the start of the sentence, after a colon or
    # dash, or after a verb that introduces it ("said Russia's foreign minister, X").
    if words and not words[0].is_sent_start and doc[words[0].i - 1].text not in (
            ":", "\u2014", "\u2013", "-", "(") and doc[words[0].i - 1].pos_ not in ("VERB", "AUX"):
        return None, None
    while words and words[0].lower_ in _EDGE_WORDS:
        words = words[1:]
    if not words or words[-1].pos_ not in ("NOUN", "PROPN"):
        return None, None
    return _title_at_end(words, plain_before=True)


def _acronym_after(doc: Doc, span: Span) -> Span | None:
    """The "(NATO)" right after "North Atlantic Treaty Organization", when its letters fit."""
    e = span.end
    if e + 2 >= len(doc) or doc[e].text != "(":
        return None
    close = next((k for k in range(e + 1, min(e + 4, len(doc))) if doc[k].text == ")"), None)
    if close is None:
        return None
    inner = doc[e + 1:close]
    if not ACRONYM.match(inner.text):
        return None
    letters = acronym_letters(inner.text)
    if initials(span.text) != letters and not initials(span.text).startswith(letters[:2]):
        return None
    return inner


def _place_after(doc: Doc, span: Span) -> str | None:
    """ "Anchorage, Alaska": the country of the state or country after a city."""
    e = span.end
    if e + 1 >= len(doc) or doc[e].text != "," or doc[e + 1].ent_type_ not in ("GPE", "LOC"):
        return None
    k = e + 2
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return lexicon.place_country(doc[e + 1:k].text)


def _namesake_country(doc: Doc, span: Span) -> str | None:
    """ "militias in Tripoli as shells hit the north Lebanese port": of the countries with a
    sizeable city of that name, the one the sentence names when it does not name the first."""
    homes = lexicon.city_countries(span.text, 100_000)
    if len(homes) < 2:
        return None
    named = {code for e in span.sent.ents if not (e.start < span.end and span.start < e.end)
             and e.label_ in ("GPE", "NORP", "LOC") and (code := lexicon.country_code(e.text))}
    if homes[0] in named:
        return None
    return next((c for c in homes[1:] if c in named), None)


def _place_near(doc: Doc, span: Span) -> str | None:
    """ "at Naval Station Rota on May 3 near Cadiz": a building or site
    takes the country of the first place named with "in" shortly after it, same sentence."""
    end = min(len(doc), span.end + _PLACE_LOOKAHEAD, span.sent.end)
    for k in range(span.end, end - 1):
        if doc[k].lower_ == "in" and doc[k + 1].ent_type_ == "GPE" and doc[k + 1].ent_iob_ == "B":
            j = k + 2
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            return lexicon.place_country(doc[k + 1:j].text) or _place_after(doc, doc[k + 1:j])
    return None


def _of_place_after(doc: Doc, span: Span) -> str | None:
    """ "King Hassan of Morocco", "Senator Mitch McConnell of Kentucky": the place's country."""
    e = span.end
    if e + 1 >= len(doc) or doc[e].lower_ != "of" or doc[e + 1].ent_type_ != "GPE" \
            or doc[e + 1].ent_iob_ != "B":
        return None
    k = e + 2
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    return lexicon.place_country(doc[e + 1:k].text)


def _read_title(doc: Doc, span: Span, m: Mention) -> None:
    """Role and country from the words before the name, or from an apposition after it."""
    titled_start = span.start_char
    tstart = span.start
    if m.title is None:
        before, tstart = _title_before(doc, span.start)
        # Before an ORG or a place, only a personal title counts ("President Trump" tagged
        # ORG); "the major United States automakers" has none.
        if before and m.label != "PERSON" and before.casefold() not in _PERSONAL_TITLES:
            before, tstart = None, span.start
        if before:
            m.title = lexicon.role_form(before)
            titled_start = doc[tstart].idx
            m.strong_person = before.casefold() in _PERSONAL_TITLES or m.label == "PERSON"
    if m.title:
        code, astart = _affiliation_before(doc, tstart)
        # "Georgia Gov. Brian Kemp": before a state office the place is the U.S. state.
        if code and m.title.casefold() in _STATE_OFFICES and lexicon.is_us_state(doc[astart:tstart].text):
            code = "USA"
            m.us_state_at = doc[astart].idx
        if code:
            m.country = code
            titled_start = doc[astart].idx
        m.titled_text = " ".join(doc.text[titled_start:m.end].split())
    elif m.label == "PERSON":
        role, m.country = _apposition_after(doc, span.end)
        if role is None:
            role, m.country = _apposition_before(doc, span.start)
        m.title = lexicon.role_form(role) if role else None
        if m.country is None and span.start > 1 and doc[span.start - 1].tag_ == "POS":
            m.country = _affiliation_before(doc, span.start)[0]  # "Hungary's Viktor Orban"
    elif m.label in _MISTAKEN_PERSON_LABELS and looks_like_person_name(m.text) \
            and len(m.text.split()) <= 3:
        # "Hana Shimoda, the U.N. aid coordinator," with the surname tagged GPE (it is also a
        # town): a name described by a title is a person whatever NER said.
        role, code = _apposition_after(doc, span.end)
        if role and (code or role.casefold() in _PERSONAL_TITLES):
            m.label, m.title, m.country, m.strong_person = "PERSON", lexicon.role_form(role), code, True
            prev = doc[span.start - 1] if span.start > 0 else None
            if prev is not None and prev.pos_ == "PROPN" and prev.is_title and prev.is_alpha \
                    and not prev.ent_type_ and not lexicon.is_title(prev.text) \
                    and not lexicon.is_honorific(prev.text) and not lexicon.country_code(prev.text):
                m.start, m.text = prev.idx, doc.text[prev.idx:m.end]  # the given name NER left out
    if m.label == "PERSON" and m.country is None:
        m.country = _of_place_after(doc, span)


def _mention(doc: Doc, ent: Span) -> Mention | None:
    span = _trim(ent)
    if span is None:
        return None
    text = strip_party_tag(strip_possessive(span.text))
    quote = next((i for i, ch in enumerate(text) if ch in _QUOTES and i > 0), None)
    if quote is not None:
        text = strip_possessive(text[:quote].rstrip())  # 'Harvest Hope Forum" in Denver'
    if text.count("(") != text.count(")"):
        text = strip_possessive(text[:text.rfind("(")].rstrip(" -,"))  # "Umma (Nation"
    # Lowercase words and transcript labels ("WALLACE: Let's start") are not names.
    if not text or is_junk(text) or not any(ch.isupper() for ch in text) or ": " in text:
        return None
    start = span.start_char
    label = ent.label_
    title: str | None = None
    strong = False
    parts = split_title(text)
    if parts.offset and (label == "PERSON" or (parts.title or "").casefold() in _PERSONAL_TITLES):
        text, start = parts.name, start + parts.offset
        title = lexicon.role_form(parts.title) if parts.title else None
        strong = (parts.title or "").casefold() in _PERSONAL_TITLES or label == "PERSON"
    if not text or lexicon.is_title(text) or lexicon.is_furniture(text):
        return None
    if label == "PERSON" and not looks_like_person_name(text):
        return None
    m = Mention(start=start, end=start + len(text), text=text, label=label, title=title,
                strong_person=strong and bool(title))
    if label in ("PERSON", "ORG", "GPE", "NORP") and ACRONYM.match(text) is None:
        _read_title(doc, span, m)
    prev = doc[span.start - 1] if span.start > 0 else None
    m.after_place_word = prev is not None and prev.lower_ in _PLACE_PREPOSITIONS
    if label in ("ORG", "FAC") and prev is not None and (prev.tag_ == "POS" or prev.text in ("'s", "\u2019s")):
        # "Russia's Security Council" belongs to Russia, not to the U.N.
        m.owner_country, _ = _affiliation_before(doc, span.start)
    if label in ("GPE", "LOC"):
        m.place_in = _place_after(doc, span) or _namesake_country(doc, span)
    elif label == "FAC":
        m.place_in = _place_near(doc, span)
    return m


def extract(doc: Doc) -> list[Mention]:
    """Every entity mention in the Doc, trimmed to its name, with its context."""
    out: list[Mention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS:
            continue
        m = _mention(doc, ent)
        if m is None:
            continue
        out.append(m)
        covered.add(m.start)
        acr = _acronym_after(doc, ent)
        if acr is not None and acr.start_char not in covered:
            out.append(Mention(start=acr.start_char, end=acr.end_char, text=acr.text,
                               label=ent.label_, expands=m.text))
            covered.add(acr.start_char)
    _drop_title_words(doc, out)
    states = {m.us_state_at for m in out if m.us_state_at is not None}
    for m in out:
        if m.start in states and m.label in ("GPE", "LOC"):
            m.place_in, m.us_state = "USA", True
    return _dedupe(out)


def _drop_title_words(doc: Doc, mentions: list[Mention]) -> None:
    """Drop mentions that are part of another's title ("State" in "Secretary of State Marco
    Rubio") or a bare demonym used as an adjective there ("Russian" in "Russian President")."""
    titled_spans = []
    for m in mentions:
        if m.titled_text:
            titled_spans.append((m.end - len(m.titled_text), m.start))
    keep: list[Mention] = []
    for m in mentions:
        inside = any(s <= m.start and m.end <= e for s, e in titled_spans)
        if inside and (m.label == "NORP" or lexicon.is_title(m.text) or m.label == "ORG"
                       and not (actor_for_text(m.text)[0] or lexicon.institution_sector(m.text))):
            continue
        keep.append(m)
    mentions[:] = keep


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        seen.setdefault((m.start, m.end), m)
    return sorted(seen.values(), key=lambda m: m.start)
