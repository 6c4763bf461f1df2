"""The tense around a time expression: "past", "future", "present", "reported" or None.

"present" (a verb in the present tense, tagged pipelines only) says neither
past nor future, but it keeps a farther past or future verb from deciding:
"had refused ... when the case is heard in May" is the coming May.

"reported" is a reporting verb in the past ("said Friday"): it dates the
saying, so a bare weekday next to it is in the past, but it says nothing of
when a month or date the sentence names falls ("said it will close in January").

What a bare "Tuesday" or "in August" means depends on it. With a tagger the
verbs' tags decide; without one (the tokenizer-only pipeline) word cues do.
The nearest cue to the expression wins, because a sentence often holds both
("said on Friday it will ...").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

FUTURE_WORDS = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "upcoming", "tomorrow", "plans",
                          "plan", "planned", "scheduled", "slated", "expected", "expects", "intends", "due",
                          "aims", "hopes", "until", "by",
                          "payable", "effective", "expire", "expires", "deadline", "starting", "beginning"})
# Words that make the event ahead whatever the tags say ("payable Dec. 7", "scheduled for Monday").
STRONG_FUTURE = frozenset({"will", "'ll", "’ll", "shall", "wo", "upcoming", "scheduled", "slated", "payable",
                           "effective", "expire", "expires", "deadline", "tomorrow", "planned", "planning",
                           "soon"})
# Right before the expression, these mark a deadline: "by May", "until Tuesday".
_DEADLINE = frozenset({"by", "until", "till", "before", "starting", "beginning"})
# Cues that say "future" only when a verb follows ("plans to meet"); "by" and "until" mark deadlines.
_WEAK_FUTURE = frozenset({"plans", "plan", "planned", "expected", "expects", "intends", "due", "aims", "hopes",
                          "until", "by", "scheduled", "slated"})
PAST_WORDS = frozenset({"was", "were", "had", "did", "ago", "last", "yesterday", "went", "came",
                        "met", "made", "took", "gave", "began", "left", "won", "lost", "fell", "rose", "saw",
                        "held", "spoke", "wrote", "sent", "got", "found", "became", "brought", "thought",
                        "knew", "sold", "bought", "paid", "kept", "ran", "set", "put", "hit", "cut", "struck",
                        "earlier", "former", "been"})
_NOT_PAST_ED = frozenset({"need", "needed", "speed", "indeed", "united", "proceed", "succeed", "exceed",
                          "feed", "bed", "red", "seed", "hundred", "based", "embed", "shed", "breed", "weed",
                          "creed", "greed", "bleed", "deed", "heed", "reed", "weekend", "expected", "planned",
                          "scheduled", "proposed", "unprecedented", "limited", "interested", "concerned",
                          "armed", "advanced", "detailed", "supposed", "med", "ted", "ned", "fed"})
# Reporting verbs say when something was said, not when it happens: "said it will meet in January".
REPORTING = frozenset({"said", "says", "say", "told", "tells", "announced", "announces", "reported", "reports",
                       "added", "adds", "stated", "states", "noted", "notes", "explained", "declared", "insisted",
                       "according", "confirmed", "claimed", "wrote", "quoted", "asked", "replied", "warned"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "'s", "’s"})
_AHEAD = frozenset({"planning", "going", "expected", "scheduled", "due", "set", "slated", "about", "poised", "to",
                    "likely", "preparing"})
WINDOW = 30
# A lone "'" is more often a plural possessive ("the ministers' meeting") than a quote.
_CLOSE_QUOTES = frozenset({"''", "\"", "”", "’’"})
_WORD = re.compile(r"[A-Za-z’']+|[\"”]")  # closing quotes too: they end what a reporting verb dates


def _cue(word: str, tag: str | None, next_word: str) -> str | None:
    w = word.lower()
    if w in REPORTING and not word[:1].isupper():  # "United States", "Reports" as a title are no verbs
        return "reported"
    if w in STRONG_FUTURE or (w == "set" and next_word in ("for", "to")):
        return "future"
    if w in ("was", "were") and next_word == "about":
        return "past"  # "as he was about to be deported": the brink of something, seen from the past
    if w in _BE and next_word in _AHEAD:
        return "future"  # "were planning to", "is due to", "was expected to"
    if tag:
        if tag == "MD" and w in ("will", "'ll", "’ll", "shall", "wo", "would"):
            return "future"
        if w == "going" and next_word == "to":
            return "future"
        if w in _WEAK_FUTURE and next_word == "to":
            return "future"
        if tag == "VBD":
            return "past"
        if tag in ("VBP", "VBZ") and w not in ("has", "have", "'ve", "’ve"):
            return "present"
        return None
    if w in FUTURE_WORDS and w not in _WEAK_FUTURE:
        return "future"
    if w in _WEAK_FUTURE and next_word == "to":
        return "future"
    if w == "going" and next_word == "to":
        return "future"
    if w in PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED):
        return "past"
    return None


def nearest_tense(words: Sequence[tuple[int, str, str | None]], start: int, end: int,
                  offsets: Sequence[int] | None = None, lo: int = 0, hi: int | None = None) -> str | None:
    """The tense of the cue nearest ``[start, end)`` (in words) among ``(offset, word, tag)`` of its sentence.

    Only cues within ``WINDOW`` words count: farther ones belong to another clause (and a
    run-on "sentence" of thousands of words must not cost quadratic time).
    """
    hi = len(words) if hi is None else hi
    first = bisect.bisect_left(offsets if offsets is not None else [w[0] for w in words], start, lo, hi)
    last = first
    while last < hi and words[last][0] < end:
        last += 1
    possessive = (last > first and words[last - 1][1].lower().endswith(("'s", "’s"))) or \
        (last < hi and words[last][1].lower() in ("'s", "’s") and words[last][0] <= end + 1)
    if possessive and not (first > lo and words[first - 1][1].lower() in ("next", "this", "coming")):
        return "past"  # "Friday's ruling", "Wednesday's vote": news names what already happened
    before = [w[1].lower() for w in words[max(lo, first - 3):first]]
    if "since" in [w[1].lower() for w in words[max(lo, first - 5):first]]:
        return "past"  # "searching since shortly after the May 2 flood": since points back
    near_before = [w[1].lower() for w in words[max(lo, first - 8):first]]
    if any(a == "had" and b == "been" for a, b in zip(near_before, near_before[1:], strict=False)):
        return "past"  # past perfect: "had been due to expire Friday" is seen from after Friday
    if before and before[-1] in _DEADLINE or before in (["as", "soon", "as"], ["as", "early", "as"]):
        # ... unless the clause is in the past perfect: "had filed their reports by Wednesday",
        # "Until Thursday, the two sides had not met".
        clause = [w[1].lower() for w in words[max(lo, first - 10):min(hi, last + 4)]]
        if "had" not in clause:
            return "future"
        return "past"
    if _done_before(words, first, lo):
        return "past"
    best: tuple[int, int, str] | None = None
    # "the Tuesday deadline" names when the deadline falls, not whether it has passed:
    # the clause's verb says that ("shares tendered by the Tuesday deadline").
    deadline = last < hi and words[last][1].lower() == "deadline"
    quoted = False  # a quotation closed between the expression and the word
    for i in range(max(lo, first - WINDOW), min(hi, last + WINDOW)):
        _, w, tag = words[i]
        if i >= last and w in _CLOSE_QUOTES:
            quoted = True
        if first <= i < last or (deadline and i == last):
            continue
        nxt = words[i + 1][1].lower() if i + 1 < hi else ""
        cue = _cue(w, tag, nxt)
        if cue is None and tag and w.lower() in ("has", "have", "'ve", "’ve") and any(
                words[k][2] == "VBN" for k in range(i + 1, min(hi, i + 3))):
            cue = "past"  # present perfect: "has risen since", "have traded ... in March"
        if cue == "present" and i < first and first - i <= 2 and w.lower() not in _BE:
            cue = "future"  # the news present of a schedule: "the two leaders meet Monday"
        if cue is None or (cue == "reported" and quoted):
            # '"He will leave at 4 a.m. Thursday," Castro said': the saying dates nothing inside the quote.
            continue
        dist = first - i if i < first else i - last + 1
        # Ties go to the verb before the expression, its usual head ("closed ... on Monday, ... will").
        rank = (dist, 0 if i < first else 1)
        if best is None or rank < (best[0], best[1]):
            best = (rank[0], rank[1], cue)
    if best is None:
        return "future" if deadline else None
    return best[2]


# Participles that look ahead even in a reduced clause ("a vote expected in May").
_AHEAD_PARTICIPLES = frozenset({"expected", "scheduled", "planned", "slated", "due", "set", "proposed", "postponed",
                                "delayed", "deferred", "moved", "pushed", "rescheduled", "timed", "targeted",
                                "projected", "forecast", "predicted", "anticipated", "estimated", "penciled",
                                "pencilled", "booked", "earmarked", "tipped", "called", "promised", "pledged"})


_CLAUSE_OF_TIME = frozenset({"soon", "once", "until", "till", "before", "when", "whenever"})


def _done_before(words: Sequence[tuple[int, str, str | None]], first: int, lo: int) -> bool:
    """A participle right before the expression dates a done deed: "bonds sold March 3", "plans announced in May".

    Not after an auxiliary ("will be held on Monday") and not a participle that looks ahead.
    """
    k = first - 1
    if k >= lo and words[k][1].lower() in ("in", "on", "at"):
        k -= 1
    if k < lo or words[k][2] != "VBN" or words[k][1].lower() in _AHEAD_PARTICIPLES:
        return False
    if k > lo and words[k - 1][1].lower() in _BE | {"being", "been", "get", "got", "gets"}:
        return False
    # "once markets opened Tuesday", "until talks resumed": a clause of time takes the tense of its head.
    return not any(w[1].lower() in _CLAUSE_OF_TIME for w in words[max(lo, k - 4):k])


def text_words(text: str, offset: int = 0) -> list[tuple[int, str, str | None]]:
    """Words of a sentence without tags, for pipelines that have no tagger."""
    return [(offset + m.start(), m.group(0), None) for m in _WORD.finditer(text)]
