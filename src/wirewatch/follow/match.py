"""Matching: one stored article and its story changes -> alert rows for the outbox.

What makes an alert (one per fact, per subscription):

- **entity** ("Vladimir Putin"): each event of the article one of whose
  actors the name fits — the name's words inside the actor's name or one of
  its aliases (case and accents ignored: "Orban" fits "Viktor Orbán"), the
  same person by (first, last) name ("Bill Clinton" ~ "William J. Clinton"),
  an article that names the person by surname only ("Putin", as a person
  or as a one-word actor the entities stage did not resolve), or, for a
  country or organisation, an actor with its code ("Russia" fits every
  Russian actor, as ``wirewatch timeline Russia`` does). An article that
  names the entity but reports no event of it gives one alert for the
  article, with the first sentence naming it.
- **pair** ("RUS-USA", optionally event types): each event between the two
  (either direction; actors on one side of a "Chile and Argentina will meet"
  event count as a pair) of one of the types (any when none are given).
- **story**: a new article joining the story, or a story it absorbed (a
  merge, known from the store when the index is built or from an article's
  assignment since).
- **query**: an article whose title or text holds the query, read as
  ``wirewatch search`` reads it.
- **expectations**: an expectation whose status the article changed gives
  entity, pair and story followers one alert saying what changed ("the
  RUS–USA meeting expected 2026-04-20: now called off (cancelled) — Baltic
  Wire, 2026-04-02") when its parties, pair or story are theirs, or when the
  event that changed it matches their subscription. That event then gives
  no alert of its own, and a story follower gets no "new article" alert
  either: one alert per fact.

A near-duplicate (``record.duplicate_of`` set) gives no alerts: syndicated
copies repeat what the first copy already said. The idempotency key is
``alert_key(subscription, fact)`` where the fact is built from what was
reported, not from the article that reported it — an event is its type,
modality, sorted actor codes and date; an expectation change is keyed as
the report that makes it would be (a meeting of ARG and CHL expected
2026-03-20, called off), or, lacking codes or a date, by the expectation and
its new status — so two outlets' independent reports of one event, or of one
call-off, give one alert. Article-level alerts (a mention, a story's new
article, a query hit) are keyed by the article.

Immediate subscriptions are due now; digests at the end of the current
hour or UTC day, when the sender bundles what gathered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from wirewatch.alerts.notify import Alert, alert_key, utc_now
from wirewatch.alerts.outbox import outbox_row
from wirewatch.follow.features import (
    ArticleFacts,
    ChangeFacts,
    EventFacts,
    Party,
    article_facts,
    change_facts,
    first_mention,
    sentence_around,
)
from wirewatch.follow.index import SubscriptionIndex
from wirewatch.follow.keys import Followed, absorbed_stories, compile_subscription, with_merges
from wirewatch.follow.subscriptions import describe
from wirewatch.record import Record
from wirewatch.store.base import Phrase
from wirewatch.store.follow_base import OutboxRow, SubscriptionRow
from wirewatch.stories.features import article_day
from wirewatch.stories.model import Expectation
from wirewatch.stories.update import StoryUpdate

NOUNS = {"AGREE": "agreement", "CONSULT": "meeting", "SUPPORT": "support", "CONCEDE": "concession",
         "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "withdrawal", "REQUEST": "request",
         "ACCUSE": "accusation", "REJECT": "rejection", "THREATEN": "threat", "PROTEST": "protest",
         "SANCTION": "sanctions", "MOBILIZE": "mobilisation", "COERCE": "coercion", "ASSAULT": "attack"}
MODALITY_WORDS = {"asserted": "", "future": "planned", "negated": "denied", "cancelled": "called off",
                  "hypothetical": "possible"}
STATUS_WORDS = {"happened": "now reported to have taken place", "cancelled": "now called off",
                "denied": "now called off: a later report says it will not take place",
                "overdue": "overdue, with no report that it took place", "pending": "expected again"}
# A denial of a planned event is, for whoever follows it, the plan called off.
TITLE_WORDS = {"happened": "took place", "cancelled": "called off", "denied": "called off", "overdue": "overdue",
               "pending": "expected again"}
_CLIP = 160
DASH = "\u2013"


def match(record: Record, update: StoryUpdate | None, index: SubscriptionIndex, *,
          now: str | None = None) -> list[OutboxRow]:
    """The outbox rows for one newly stored article: the index's candidates, each checked fully.

    Stories the article's story absorbed (``update.assignment.merged``) are
    remembered by the index, so their followers follow the merged story from
    then on.
    """
    if update is not None:
        index.note_merges(update)
    if record.duplicate_of is not None or not len(index):
        return []
    facts = article_facts(record, update, index.absorbed)
    return _rows(facts, index.candidates(facts), now or utc_now())


def match_changes(changed: Iterable[Expectation], index: SubscriptionIndex,
                  announcement: Callable[[str], Record | None], *, now: str | None = None) -> list[OutboxRow]:
    """The outbox rows for expectation changes that no article caused (a window that passed with
    no report: overdue), quoting the article that announced each (``announcement(article_id)``).

    Only the change itself is matched: the announcing article's events, mentions and words were
    matched when it was stored.
    """
    if not len(index):
        return []
    out: list[OutboxRow] = []
    at = now or utc_now()
    by_article: dict[str, list[Expectation]] = {}
    for exp in changed:
        by_article.setdefault(exp.article_id, []).append(exp)
    for article_id, exps in by_article.items():
        record = announcement(article_id)
        if record is None:
            continue
        # One facts per announcing article, so that two readings of one announced meeting going
        # overdue together are told once.
        facts = ArticleFacts(record, mentioned=[], events=[], changes=[change_facts(record, e) for e in exps],
                             stories=frozenset(), tokens=([], []), positions={}, absorbed=index.absorbed)
        out.extend(_rows(facts, index.candidates(facts), at))
    return out


def match_all(rows: Iterable[SubscriptionRow], record: Record, update: StoryUpdate | None, *,
              now: str | None = None, merged_into: Mapping[str, str] | None = None) -> list[OutboxRow]:
    """The same as :func:`match` by checking every subscription (for tests and the benchmark)."""
    if record.duplicate_of is not None:
        return []
    followed = [f for f in (compile_subscription(r, i) for i, r in enumerate(rows)) if f is not None]
    absorbed = absorbed_stories(merged_into or {})
    if update is not None:
        absorbed = with_merges(absorbed, update.assignment.story_id, update.assignment.merged)
    facts = article_facts(record, update, absorbed)
    return _rows(facts, followed, now or utc_now())


def _rows(facts: ArticleFacts, candidates: Iterable[Followed], now: str) -> list[OutboxRow]:
    out: list[OutboxRow] = []
    for f in candidates:
        seen: set[str] = set()
        for alert in alerts_for(f, facts, now):
            if alert.key in seen:
                continue  # one article reporting the same fact twice
            seen.add(alert.key)
            out.append(outbox_row(alert, f.row.cadence, now=now))
    return out


def alerts_for(f: Followed, facts: ArticleFacts, now: str) -> list[Alert]:
    """Every alert the article gives one subscription (empty when it does not match)."""
    if f.kind == "query":
        if not query_matches(f, facts):
            return []
        hit = _query_sentence(f, facts)
        return [_article_alert(f, facts, "a new article matches your search", hit, now)]
    alerts: list[Alert] = []
    answered: set[int] = set()  # events whose news is told by an expectation change
    told: set[tuple[str, ...]] = set()  # kinds of news already told to this follower by this article
    for ch in facts.changes:
        if change_matches(f, ch, facts):
            answered |= ch.caused
            kind = ("change", ch.expectation.type, ch.expectation.status, *sorted(ch.codes))
            if kind not in told or not ch.codes:
                told.add(kind)
                alerts.append(_change_alert(f, ch, facts, now))
    if f.kind == "story":
        if not alerts and f.stories & facts.stories:
            story = facts.story or f.row.target
            merged = "" if story in f.stories else f" (story {f.row.target} is now part of it)"
            first = _first_sentence(facts)
            alerts.append(_article_alert(f, facts, f"new article in story {story}{merged}: "
                                         f"{_clip(facts.record.title or first)}", first, now))
        return alerts
    # An article tells of one planned summit in several sentences ("will meet on April 14", "agreed
    # to the meeting", "the two leaders will hold a summit"): one alert for each kind of event between
    # the same parties, from its best-dated report.
    for ev in sorted(facts.events, key=lambda e: (e.event.date is None, e.index)):
        if ev.index in answered or not event_matches(f, ev):
            continue
        kind = ("event", ev.event.type, ev.event.modality,
                *sorted("-".join(sorted(p)) for p in ev.pairs if f.kind != "pair" or p == f.pair))
        if kind in told:
            continue
        told.add(kind)
        alerts.append(_event_alert(f, ev, facts, now))
    if f.kind == "entity" and not alerts:
        for entity, party in facts.mentioned:
            if party_matches(f, party):
                first = facts.sentence(("mention", entity.id), partial(first_mention, facts.record, entity))
                alerts.append(_article_alert(f, facts, f"{entity.name} is in the news", first, now))
                break
    return alerts


# --- the checks ---------------------------------------------------------------------------------

def party_matches(f: Followed, party: Party) -> bool:
    """Whether an entity subscription's name fits one party of the article."""
    if f.words in party.ngrams:
        return True
    if f.person is not None and (f.person in party.persons or party.surname == f.person[1]):
        return True
    return f.code is not None and f.code in party.codes


def event_matches(f: Followed, ev: EventFacts) -> bool:
    if f.kind == "entity":
        return any(party_matches(f, p) for p in ev.parties)
    if f.kind == "pair":
        return f.pair in ev.pairs and (not f.types or ev.event.type in f.types)
    return False


def change_matches(f: Followed, ch: ChangeFacts, facts: ArticleFacts) -> bool:
    exp = ch.expectation
    if f.kind == "story":
        return bool(f.stories & facts.story_ids(exp.story_id))
    if f.kind == "entity":
        if party_matches(f, ch.party):
            return True
    elif f.kind == "pair":
        if f.types and exp.type not in f.types:
            return False
        if f.pair <= ch.codes:
            return True
    else:
        return False
    return any(event_matches(f, ev) for ev in facts.events if ev.index in ch.caused)


def query_matches(f: Followed, facts: ArticleFacts) -> bool:
    return any(all(_phrase_at(p, facts) is not None for p in group) for group in f.groups)


def _phrase_at(phrase: Phrase, facts: ArticleFacts) -> tuple[int, int] | None:
    """(part, token index) where the phrase first occurs (text before title), or None."""
    words, n = phrase.words, len(phrase.words)
    if n == 1 and phrase.prefix:
        for part in (1, 0):
            for i, (word, _, _) in enumerate(facts.tokens[part]):
                if word.startswith(words[0]):
                    return part, i
        return None
    anchor = words[0]
    for part, i in sorted(facts.positions.get(anchor, ()), key=lambda pi: (-pi[0], pi[1])):
        toks = facts.tokens[part]
        if i + n > len(toks):
            continue
        if all(toks[i + k][0] == words[k] for k in range(1, n - 1)) and (
                n == 1 or toks[i + n - 1][0] == words[-1]
                or (phrase.prefix and toks[i + n - 1][0].startswith(words[-1]))):
            return part, i
    return None


# --- the alerts ---------------------------------------------------------------------------------

def _reason(f: Followed) -> str:
    return f"you follow {describe(f.row)}"


def _source(facts: ArticleFacts) -> str:
    r = facts.record
    return ", ".join(x for x in (r.outlet, article_day(r) or r.published) if x) or r.id


def _alert(f: Followed, facts: ArticleFacts, fact: str, title: str, change: str, evidence: str,
           now: str) -> Alert:
    r = facts.record
    return Alert(key=alert_key(f.id, fact), subscription_id=f.id, recipient=f.row.recipient,
                 title=_clip(title), change=change, reason=_reason(f), evidence=evidence,
                 source_url=r.url or "", outlet=r.outlet or "", published=r.published,
                 article_id=r.id, created_at=now)


def _event_alert(f: Followed, ev: EventFacts, facts: ArticleFacts, now: str) -> Alert:
    event = ev.event
    noun = NOUNS.get(event.type, event.type.lower())
    how = MODALITY_WORDS.get(event.modality, event.modality)
    when = f" for {event.date}" if event.date and event.modality == "future" else (
        f" on {event.date}" if event.date else "")
    who = _and(ev.actors[:3])
    what = " ".join(x for x in (noun, how) if x)
    title = f"{what[:1].upper()}{what[1:]}: {who}" if who else what.capitalize()
    change = f"{who + ': ' if who else ''}{what} ({event.type}){when} — {_source(facts)}"
    return _alert(f, facts, ev.fact, title, change, ev.sentence, now)


def _change_alert(f: Followed, ch: ChangeFacts, facts: ArticleFacts, now: str) -> Alert:
    exp = ch.expectation
    noun = NOUNS.get(exp.type, exp.type.lower())
    if f.kind == "pair":
        thing = f"the {DASH.join(sorted(f.pair))} {noun}"
    else:
        thing = f"the {noun}" + (f" of {_and(exp.actors)}" if exp.actors else "")
    expected = exp.expected or (exp.window_start if exp.window_start == exp.window_end else None)
    status = f"{STATUS_WORDS.get(exp.status, exp.status)} ({exp.status})"
    change = f"{thing}{' expected ' + expected if expected else ''}: {status} — {_source(facts)}"
    title = f"{noun.capitalize()} {TITLE_WORDS.get(exp.status, exp.status)}"
    title += f": {_and(exp.actors)}" if exp.actors else ""
    return _alert(f, facts, ch.fact, title, change, ch.sentence, now)


def _article_alert(f: Followed, facts: ArticleFacts, change: str, evidence: str, now: str) -> Alert:
    r = facts.record
    title = r.title or _first_sentence(facts) or r.id
    return _alert(f, facts, f"article\x1f{r.id}", title, f"{change} — {_source(facts)}", evidence, now)


def _query_sentence(f: Followed, facts: ArticleFacts) -> str:
    """The sentence where the alternative that matched first occurs (text before title)."""
    for group in f.groups:
        places = [_phrase_at(p, facts) for p in group]
        if all(place is not None for place in places):
            part, i = min((p for p in places if p is not None), key=lambda pi: (-pi[0], pi[1]))
            _, start, end = facts.tokens[part][i]
            text = facts.record.text if part == 1 else (facts.record.title or "")
            return facts.sentence(("at", part, i), partial(sentence_around, text, start, end))
    return _first_sentence(facts)


def _first_sentence(facts: ArticleFacts) -> str:
    text = facts.record.text
    lead = len(text) - len(text.lstrip())
    return facts.sentence("first", lambda: sentence_around(text, lead, lead) if text.strip() else "")


def _and(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _clip(text: str, width: int = _CLIP) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"
