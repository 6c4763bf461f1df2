"""What the lines around an article say about it: captions, bylines, datelines.

Each function looks at one line and either recognises it (returning what it
learned) or returns None, so that the cleaner can drop the line and keep the
metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wirewatch.clean.dates import find_date

# --- dataset prefix -------------------------------------------------------------------------

DATASET_PREFIX = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d\d-\d\d)\b[ \t]*")


def strip_dataset_prefix(text: str) -> tuple[str, str | None, str | None]:
    """Remove a leading ``date YYYY-MM-DD`` that some datasets put before the text.

    Returns (rest, iso date, removed prefix).
    """
    m = DATASET_PREFIX.match(text)
    if not m:
        return text, None, None
    return text[m.end():], m.group("date"), m.group(0).strip()


# --- captions -------------------------------------------------------------------------------

_CREDIT_AT_END: list[re.Pattern[str]] = [
    # (Photo by Jane Doe/Getty Images), (Image: NASA), (Photo courtesy of the city)
    re.compile(r"\s*\((?:file )?(?:photo|image|picture|photograph|video|illustration)s?\s*"
               r"(?:by|:|courtesy(?: of)?|credit:?)\s*(?P<credit>[^()]{2,100})\)\s*$", re.IGNORECASE),
    # (AP Photo/Evan Vucci), (Reuters Photo), (AFP PHOTO / Jane Doe)
    re.compile(r"\s*\((?P<credit>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3}\s(?:file )?(?i:photos?"
               r"|photographs?|images?|pool photo)(?:\s*/\s*[^()]{2,80})?)\)\s*$"),
    # REUTERS/Jane Doe, AFP/Getty Images, EPA-EFE/JANE DOE
    re.compile(r"(?:^|\s)(?P<credit>[A-Z][A-Z-]{1,15}(?:\s(?:PHOTO|POOL))?\s?/\s?[A-Z][\w'-]*(?:\.?\s[A-Z][\w'-]*){0,3}"
               r"(?:/[\w' -]{1,40})?)\s*$"),
    # "Jane Doe/ZDNet" alone on its line
    re.compile(r"^(?P<credit>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}\s?/\s?[A-Z][\w.&'’ -]{1,30})$"),
    # Jane Doe/Getty Images, AFP via Getty Images
    re.compile(r"(?:^|\s)(?P<credit>(?:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}\s?/\s?)?(?:[A-Z]+ via )?"
               r"Getty Images(?: for [\w ]+)?)\s*$"),
    # "...a large rodentCredit: The Siberian Times": a credit glued to the caption by the scraper
    re.compile(r"(?<=[a-z.)])(?:Photo |Image )?(?:Credit|Photo|Image|Picture)s?:\s*(?P<credit>[^:]{2,80}?)\s*$"),
    # "© AFP", "Photo © Jane Doe": a photo credit, not the site's copyright line
    re.compile(r"^(?:(?:photo|image|picture|foto)\s*)?©\s*(?P<credit>[^©\d]{2,60})$", re.IGNORECASE),
    # "Image copyright Jane Doe" on its own line
    re.compile(r"^(?:image|photo|picture) (?:copyright|source)\s*:?\s+(?P<credit>.{2,80}?)\s*$", re.IGNORECASE),
    # Photo: Reuters; Credit: Jane Doe; Image credit: NASA
    re.compile(r"(?:^|\s)(?:photo|image|picture|photograph|illustration)?\s*(?:credits?|photos?|images?"
               r"|pictures?|photographs?)\s*:\s*(?P<credit>[^:]{2,80}?)\s*$", re.IGNORECASE),
    # Photo by Jane Doe (at the end, without brackets)
    re.compile(r"(?:^|\s)(?:photos?|photographs?|images?) by (?P<credit>[A-Z][^.()]{2,60}?)\.?\s*$",
               re.IGNORECASE),
]


# "In this March 5, 2018, file photo, ...": the wire agencies' caption opener.
CAPTION_OPENER = re.compile(r"^(?:in )?this (?:[\w.,' -]{0,40} )?(?:file |handout |undated |aerial )?(?:photo|image"
                            r"|picture|photograph|video (?:still|grab)|frame grab|screenshot|screen grab)\b",
                            re.IGNORECASE)


CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|video) caption\s*:?\s+", re.IGNORECASE)


_CREDIT_SMALL_WORDS = frozenset({"via", "for", "of", "and", "de", "da", "van", "von", "the", "courtesy", "by",
                                 "photo", "file", "pool", "handout", "staff", "la", "le", "del", "al"})


def _credit_like(credit: str) -> bool:
    """Names and agencies, not the rest of a sentence ("photos: they show a crowd")."""
    words = credit.replace("/", " ").split()
    if not words or len(words) > 10:
        return False
    return all(w[:1].isupper() or w[:1] in "@(&" or w.lower() in _CREDIT_SMALL_WORDS or not w[:1].isalpha()
               for w in words)


def split_caption(text: str) -> tuple[str, str | None] | None:
    """(caption text, credit) when the line is a photo caption; caption may be "", credit None."""
    for k, pattern in enumerate(_CREDIT_AT_END):
        m = pattern.search(text)
        if m:
            credit = m.group("credit").strip(" .,;")
            # A bracketed "(Photo ...)" is a credit whatever its words; elsewhere it must look like one.
            if not credit or k >= 2 and not _credit_like(credit):
                continue
            return text[: m.start()].strip(), credit
    m = CAPTION_LABEL.match(text)
    if m:
        return text[m.end():].strip(), None
    if CAPTION_OPENER.match(text):
        return text.strip(), None
    return None


# --- bylines --------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|da|van|von|der|del|la|le|bin|al|el|di|du)(?=\s))"
_NAME = rf"{_NAME_TOKEN}(?:\s{_NAME_TOKEN}){{0,4}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
_ROLE = re.compile(r"\b(?:writer|correspondent|reporter|editor|columnist|contributor|staff|journalist"
                   r"|producer|analyst|bureau|chief)s?\b", re.IGNORECASE)

BY_PREFIX = re.compile(r"^(?:(?:written|posted|words|story|reporting|reported|text|published)\s+)?"
                       r"by\s*[:\-]?\s+(?P<rest>.+)$", re.IGNORECASE)
STAFF = re.compile(rf"^(?P<outlet>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){{0,2}})\s+Staff(?:\s+(?:Writer|Reporter"
                   rf"|Report))?\s*[-–—:|,]?\s*(?P<names>{_NAMES})$")
# "East Africa Monitor — Staff reporter Achieng Otieno"
OUTLET_ROLE_NAMES = re.compile(
    rf"^(?P<outlet>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){{0,4}})\s*[—–|,-]\s*(?:(?i:staff|senior|chief|special)\s+)?"
    rf"(?i:reporter|writer|correspondent|editor|columnist)s?\s*:?\s+(?P<names>{_NAMES})$")
_BYLINE_SPLIT = re.compile(r"\s+(?:on|at|updated|published|posted)\s+|\s*[|•·]\s*|\s+[-–—]\s+")
_OUTLET_WORDS = (r"News|Press|Times|Post|Journal|Herald|Agency|Media|Network|Tribune|Telegraph|Guardian|Daily"
                 r"|Radio|TV|Television|Wire|Gazette|Observer|Magazine|Service|Monitor|Courier|Ledger"
                 r"|Chronicle|Today|Review|Standard|Express|Mail|Star|Sun|Record|Register|Dispatch")
_OUTLET_WORD = re.compile(rf"\b(?:{_OUTLET_WORDS})\b")
# A title-case name ending in an outlet word: "Continental News Service", "Pacific Ledger".
# Words that end a newspaper's or agency's name, rarely a headline.
_OUTLET_END = (r"News|Press|Service|Wire|Agency|Network|Gazette|Herald|Tribune|Telegraph|Journal|Chronicle"
               r"|Ledger|Courier|Monitor|Observer")
_OUTLET_NAME = re.compile(rf"(?:The\s)?(?:[A-Z][\w&'’.-]*\s){{0,3}}(?:{_OUTLET_END})")
OUTLET_THEN_NAMES = re.compile(rf"^(?P<outlet>[A-Z][\w&'’. -]{{1,40}}?)\s*[|•]\s*(?P<names>{_NAMES})$")
NAMES_THEN_OUTLET = re.compile(rf"^(?P<names>{_NAMES})\s*(?:,|\||–|—|-)\s*(?P<tail>[A-Z][\w.&' ]{{1,40}})$")


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None


_NOT_NAMES = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june"
                        r"|july|august|september|october|november|december|today|tomorrow|yesterday|the)$",
                        re.IGNORECASE)


def _split_names(names: str) -> list[str] | None:
    parts = [p.strip(" ,") for p in re.split(r"\s*(?:,|\band\b|&)\s*", names) if p.strip(" ,")]
    out: list[str] = []
    for p in parts:
        if not re.fullmatch(_NAME, p) or len(p.split()) > 5 or any(c.isdigit() for c in p):
            return None
        if _NOT_NAMES.match(p.split()[0]):
            return None
        out.append(p)
    return out or None


# Letters after a name that are not an outlet: "By Jane Doe, MS, RD".
_CREDENTIALS = frozenset({"MD", "MS", "RD", "RN", "PhD", "Ph.D", "MPH", "MBA", "DO", "DDS", "CPA", "JD", "MSc",
                          "BSc", "MA", "BA", "Esq", "Jr", "Sr", "II", "III", "IV", "CFA", "LD", "RDN", "CDE"})
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|news|co\.uk|io|tv|info)", re.IGNORECASE)


def _outlet_from_tail(tail: str) -> str | None:
    """The outlet in a byline tail: "Reuters", "AP", "BBC News"; not a role such as "Staff Writer"."""
    tail = tail.strip(" ,.")
    role = _ROLE.search(tail)
    if role:
        head = tail[: role.start()].split()
        # "AP Auto Writer", "Reuters Staff": the outlet is the leading acronym or wire name.
        if head and (head[0].isupper() and len(head[0]) >= 2 or head[0] in _WIRES):
            return head[0]
        return None
    words = tail.split()
    if not words or len(words) > 4 or ":" in tail or any(w.strip(".,") in _CREDENTIALS for w in words):
        return None
    if _DOMAIN.fullmatch(tail):
        return tail
    if tail in _WIRES or all(w.isupper() and len(w) >= 2 for w in words) or _OUTLET_WORD.search(tail):
        return tail
    return None


def parse_byline(text: str, *, header: bool = False) -> Byline | None:
    """Authors (and outlet, date) from a byline such as "By Jane Doe and John Roe, Reuters".

    ``header`` allows the bare "Jane Doe, Reuters" form, trusted only near the top of the
    article where bylines stand.
    """
    line = text.strip()
    if not line or len(line.split()) > 24:
        return None
    published = None
    found = find_date(line)
    if found:
        published = found[0]
    m = BY_PREFIX.match(line)
    if m:
        rest = m.group("rest")
        # "Jane Doe on March 4, 2026, 7:40 AM EST" / "Jane Doe | Reuters | Oct 21"
        pieces = _BYLINE_SPLIT.split(rest, maxsplit=2)
        rest = pieces[0].strip(" ,.")
        while "," in rest and rest.rsplit(",", 1)[1].strip(" .") in _CREDENTIALS:
            rest = rest.rsplit(",", 1)[0].strip(" ,.")
        outlet = _outlet_from_tail(pieces[1]) if len(pieces) > 1 and not find_date(pieces[1]) else None
        if "," in rest:
            head, tail = rest.rsplit(",", 1)
            tail_outlet = _outlet_from_tail(tail)
            if tail_outlet or _ROLE.search(tail):
                outlet, rest = tail_outlet or outlet, head
        names = _split_names(rest)
        if names is None:
            return None
        return Byline(authors=names, outlet=outlet, published=published)
    m = OUTLET_ROLE_NAMES.match(line)
    if m:
        names = _split_names(m.group("names"))
        if names:
            return Byline(authors=names, outlet=m.group("outlet"), published=published)
    m = STAFF.match(line)
    if m:
        names = _split_names(m.group("names"))
        if names:
            return Byline(authors=names, outlet=m.group("outlet"), published=published)
    if found and found[1][0] > 0:
        # "Chris Davies - Nov 19, 2019, 10:31 pm CST", "Wire Services March 4, 2026, 7:15 AM"
        head, tail = line[: found[1][0]], line[found[1][0]:]
        head = re.sub(r"\s*(?:[-–—|,•·]|\bon\b)?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)?\s*$", "",
                      head, flags=re.IGNORECASE)
        if head and dateline_date(tail):
            outlet = _outlet_from_tail(head)
            if outlet:
                return Byline(outlet=outlet, published=published)
            names = _split_names(head)
            if names and all(2 <= len(n.split()) <= 4 for n in names):
                return Byline(authors=names, published=published)
    if header and not found:
        return _header_byline(line)
    return None


def _header_byline(line: str) -> Byline | None:
    """The bare forms trusted near the article's top: "Jane Doe, Reuters", "Pacific Ledger | Jane Doe",
    or the outlet's name alone ("Continental News Service")."""
    m = NAMES_THEN_OUTLET.match(line)
    if m:
        names = _split_names(m.group("names"))
        outlet = _outlet_from_tail(m.group("tail"))
        if names and all(len(n.split()) >= 2 for n in names) and (outlet or _ROLE.search(m.group("tail"))):
            return Byline(authors=names, outlet=outlet)
    m = OUTLET_THEN_NAMES.match(line)
    if m and _OUTLET_NAME.fullmatch(m.group("outlet")):
        names = _split_names(m.group("names"))
        if names and all(2 <= len(n.split()) <= 4 for n in names):
            return Byline(authors=names, outlet=m.group("outlet"))
    if _OUTLET_NAME.fullmatch(line):
        return Byline(outlet=line)
    return None


# Wire services commonly named after a byline comma; anything else needs to be all capitals.
_WIRES = frozenset({"Reuters", "Bloomberg", "AP", "AFP", "UPI", "Xinhua", "Interfax", "TASS", "Yonhap",
                    "Kyodo", "Anadolu", "CNN", "BBC", "NPR", "EFE", "ANSA", "dpa", "DPA", "PA", "IANS",
                    "PTI", "Bernama", "Agencies"})

# --- datelines ------------------------------------------------------------------------------

_DATELINE_WORDS = re.compile(
    r"(?:\b(?:\d{1,2}:\d\d(?::\d\d)?(?:[ap]m)?|updated|published|posted|last|modified|created|first|on|at|et|est|edt|cst|cdt|pst|pdt|gmt|utc"
    r"|bst|cet|cest|ist|aest|am|pm|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|today|yesterday|ago|hours?|minutes?|mins?|read|time"
    r"|date|\d+)\b|[,|–—\-:.•·/()])",
    re.IGNORECASE)


def dateline_date(text: str) -> str | None:
    """The ISO date of a timestamp line ("9:45 PM – Monday, March 2, 2026"), else None.

    The line must hold a date and little else: times, weekdays, "Updated", "Published".
    """
    line = text.strip()
    if len(line.split()) > 16:
        return None
    found = find_date(line)
    if not found:
        return None
    start, end = found[1]
    rest = line[:start] + " " + line[end:]
    rest = _MERIDIEM.sub(" ", rest)
    rest = _TIMEZONE.sub(" ", rest)
    rest = _DATELINE_WORDS.sub(" ", rest)
    return found[0] if not rest.strip() else None


# "EAT", "AEST", "CET": whatever zone a page prints after the time.
_TIMEZONE = re.compile(r"\b[A-Z]{2,5}\b")
_MERIDIEM = re.compile(r"\b[ap]\.m\.?", re.IGNORECASE)
IS_TIMESTAMP_WORDS = re.compile(r"^(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on|:)?"
                                r"(?:\s+[\w.,:;]+){0,6}$", re.IGNORECASE)


def is_timestamp(text: str) -> bool:
    """ "Updated", "Posted Nov 18, 8:19 PM": a timestamp without a full date."""
    m = IS_TIMESTAMP_WORDS.match(text.strip())
    return bool(m) and (len(text.split()) == 1 or any(c.isdigit() for c in text))

# --- wire datelines at the start of the first paragraph -----------------------------------------

WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z0-9][\w.'’-]*(?:\s[A-Z0-9][\w.'’-]*){0,2}){0,2})"
    r"\s*(?:\((?P<outlet>[A-Za-z][\w .&/-]{0,30})\))?\s*(?:--|[-—–])\s+(?=\S)"
)


def strip_wire_dateline(text: str) -> tuple[str, str | None, str | None]:
    """"WASHINGTON (Reuters) - The ..." -> ("The ...", "Reuters", "WASHINGTON (Reuters) -")."""
    m = WIRE_DATELINE.match(text)
    if not m:
        return text, None, None
    place = m.group("place")
    outlet = m.group("outlet")
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    if len(letters) < (2 if outlet else 3):
        return text, None, None
    return text[m.end():], (outlet.strip() if outlet else None), m.group(0).strip()
