"""Line features for telling article prose from page furniture.

A scraped page arrives as one line per block element. Prose lines are long,
full of function words and end like sentences; furniture lines (menus,
teaser headlines, buttons) are short, title-cased and unpunctuated. These
features are what the main-block finder (:mod:`.blocks`) weighs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import justext

# English function words: prose is dense with them, headlines and menus are not.
STOPWORDS: frozenset[str] = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself said says say told according since while though although however
still yet even already where whether who's it's that's there's he's she's they're we're i'm don't
didn't doesn't isn't wasn't aren't weren't won't can't couldn't wouldn't shouldn't
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Scripts written without spaces: a "word" is counted as two characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Kana and the commonest Chinese function characters: what CJK prose is dense with.
_CJK_FUNCTION = re.compile(r"[\u3040-\u309f的了是在和有我这不也就都而及与之其为对从以]")
_URL = re.compile(r"https?://\S+|www\.\S+\.\w+", re.IGNORECASE)
# What ends a sentence, allowing closing quotes and brackets after the stop.
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$")
_INNER_SENTENCE = re.compile(r"[^\W_\"”’)][.!?][\"”’]?\s+[\"“‘(]?[^\W\d_]|[。！？](?=.)")


# "... that I […]": a teaser cut short by a listing page, not a paragraph.
_EXCERPT_END = re.compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|\w(?:…|\.\.\.))\s*$")


_GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]")


@dataclass
class Line:
    """One non-blank line of the input and the features the cleaner uses."""

    index: int  # position among non-blank lines
    text: str  # the line as given, stripped of surrounding whitespace
    words: int
    chars: int
    stop_density: float  # share of words that are function words
    title_ratio: float  # share of words that start with a capital
    ends_sentence: bool
    sentences: int  # rough count of sentence boundaries inside the line + 1
    has_url: bool
    repeats: int  # how many times the same text occurs in the page
    glued: int = 0  # words run together without a space ("CortezSanders"), as link lists scrape

    @property
    def is_prose(self) -> bool:
        """Looks like running text: sentence-shaped and dense with function words."""
        if self.words < 8 or self.has_url and self.words < 25:
            return False
        if self.stop_density < 0.22 or _EXCERPT_END.search(self.text):
            return False
        if self.glued >= 4 and self.glued >= 0.05 * self.words:
            # "...Ocasio-CortezAlexandria Ocasio-CortezSanders doubles down...": link lists run together.
            return False
        return self.ends_sentence or self.words >= 25 or self.sentences > 1


@lru_cache(maxsize=1)
def _stoplists() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Every jusText stoplist by language, and for each word the languages that list it."""
    lists = {name: frozenset(justext.get_stoplist(name)) for name in justext.get_stoplists()}
    lists["English"] = STOPWORDS | lists.get("English", frozenset())
    index: dict[str, list[str]] = {}
    for name, words in lists.items():
        for w in words:
            index.setdefault(w, []).append(name)
    return lists, {w: tuple(names) for w, names in index.items()}


def pick_stopwords(texts: list[str]) -> frozenset[str]:
    """The stoplist of the page's language: the one that covers most words of its longer lines.

    jusText's way of telling prose from furniture works in any language with a stoplist;
    picking the list by coverage avoids a language detector.
    """
    counts: Counter[str] = Counter()
    for t in texts:
        words = _WORD.findall(t)
        if len(words) >= 6:
            counts.update(w.lower() for w in words)
    lists, index = _stoplists()
    hits: Counter[str] = Counter()
    for w, c in counts.items():
        for name in index.get(w, ()):
            hits[name] += c
    if not hits:
        return lists["English"]
    top = max(hits.values())
    return lists["English"] if hits["English"] == top else lists[max(hits, key=lambda k: hits[k])]


def norm_key(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def features(texts: list[str]) -> list[Line]:
    """Features for each line; ``texts`` are the non-blank lines in order."""
    counts = Counter(norm_key(t) for t in texts)
    stopwords = pick_stopwords(texts)
    out: list[Line] = []
    for i, raw in enumerate(texts):
        t = raw.strip()
        words = _WORD.findall(t)
        cjk = len(_CJK.findall(t))
        if cjk > len(t) / 3:
            # Unspaced script: the regex sees a few long "words"; count characters instead.
            n = cjk // 2 + sum(1 for w in words if not _CJK.search(w))
            density = min(1.0, 1.2 * len(_CJK_FUNCTION.findall(t)) / max(cjk, 1))
            caps = 0
        else:
            n = len(words)
            density = sum(1 for w in words if w.lower() in stopwords) / n if n else 0.0
            caps = sum(1 for w in words if w[0].isupper())
        key = norm_key(t)
        out.append(Line(
            index=i,
            text=t,
            words=n,
            chars=len(t),
            stop_density=density,
            title_ratio=caps / n if n else 0.0,
            ends_sentence=bool(_SENTENCE_END.search(t)),
            sentences=1 + len(_INNER_SENTENCE.findall(t)),
            has_url=bool(_URL.search(t)),
            repeats=counts[key] if key else 1,
            glued=len(_GLUED.findall(t)),
        ))
    return out


_WRAPPED_END = re.compile(r"[^\s.!?:;…\"'”’)\]]$")


def unwrap(text: str) -> list[str]:
    """Non-blank lines, with hard-wrapped paragraphs put back together.

    A line that stops mid-sentence and a next line that goes on in lower case
    are one paragraph broken by a fixed line width; joining them keeps a
    paragraph break from cutting a sentence in two.
    """
    out: list[str] = []
    joinable = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and out and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = bool(_WRAPPED_END.search(line))
    return out
