"""Subscriptions: one person following one thing through one channel.

:func:`new_subscription` reads what a person typed (a recipient and exactly
one target) into a :class:`~wirewatch.store.follow_base.SubscriptionRow`, or
raises :class:`FollowError` naming the input and the fix. It is pure: the
store is only touched by :func:`add_subscription`, which also checks that a
followed story exists.

- recipient -> channel: an email address -> ``email``; an http(s) URL ->
  ``webhook``; a path ending ``.xml`` or ``.atom`` -> ``atom`` (stored
  absolute, so the sender writes the same file from any folder).
- targets: an entity as typed ("Vladimir Putin"); an actor pair
  ("USA-RUS", "USA–RUS CONSULT", ("USA", "RUS")) stored sorted ("RUS-USA"),
  with PLOVER event types; a story id; a full-text query (as
  ``wirewatch search`` reads it).
- ids: ``s-`` and 8 hex digits of a hash of recipient and target, so that
  following the same thing twice gives the same subscription (its cadence
  updated) rather than two that alert twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parseaddr
from pathlib import Path

import httpx

from wirewatch.follow.keys import country_or_igo, entity_keys, is_code, name_words
from wirewatch.record import PLOVER_TYPES
from wirewatch.store.base import Store, parse_query
from wirewatch.store.follow_base import CADENCES, Cadence, SubscriptionKind, SubscriptionRow

CHANNELS: tuple[str, ...] = ("email", "webhook", "atom")
FEED_SUFFIXES: tuple[str, ...] = (".xml", ".atom")
ID_PREFIX = "s-"

# Deliberately strict: a local part and a dotted domain of letters, digits and hyphens.
# (email-validator would check more, but a typo is what this is here to catch.)
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
                    r"[A-Za-z]{2,63}$")
_PAIR_DASH = re.compile(r"\s*[-\u2010-\u2015/]\s*")
_SUBSCRIPTION_ID = re.compile(r"^s-[0-9a-f]{8}$")


class FollowError(ValueError):
    """What a person typed cannot be followed; the message names the input and the fix."""


def new_subscription(recipient: str, *, entity: str | None = None,
                     pair: str | Sequence[str] | None = None, event_types: Sequence[str] = (),
                     story: str | None = None, query: str | None = None, cadence: str = "immediate",
                     channel: str | None = None, secret: str | None = None,
                     now: str | None = None) -> SubscriptionRow:
    """A validated subscription (not stored). Exactly one of entity, pair, story, query.

    ``pair`` may carry its event types after the codes ("USA-RUS CONSULT"); more
    can be given in ``event_types``.
    """
    targets = {k: v for k, v in (("entity", entity), ("pair", pair), ("story", story), ("query", query))
               if v is not None}
    if len(targets) != 1:
        given = ", ".join(targets) or "none"
        raise FollowError(f"a subscription follows exactly one thing, but {given} given: choose one of "
                          "--entity NAME, --pair 'USA-RUS', --story ID or --query WORDS")
    if cadence not in CADENCES:
        raise FollowError(f"cadence {cadence!r} is not one of {', '.join(CADENCES)}: use 'immediate' for "
                          "an alert per fact, or 'hourly'/'daily' for a digest")
    chosen = channel_of(recipient, channel)
    address = check_recipient(recipient, chosen)
    data: dict[str, object] = {}
    if secret is not None:
        if chosen != "webhook":
            raise FollowError(f"--secret signs webhook requests, but {recipient!r} is a {chosen} recipient: "
                              "drop --secret, or give a webhook URL")
        if not secret.strip():
            raise FollowError("the webhook secret is empty: give a long random string (e.g. from "
                              "'python -c \"import secrets; print(secrets.token_hex(32))\"')")
        data["secret"] = secret
    kind: SubscriptionKind
    types: tuple[str, ...] = ()
    if entity is not None:
        kind, target = "entity", entity_target(entity)
        person, code = entity_keys(target)
        data["keys"] = {"name": target, "person": list(person) if person else None, "code": code}
    elif pair is not None:
        kind = "pair"
        target, types = pair_target(pair, event_types)
    elif story is not None:
        kind, target = "story", story.strip()
        if not target:
            raise FollowError("the story id is empty: list stories and their ids with 'wirewatch stories'")
    else:
        assert query is not None
        kind, target = "query", query_target(query)
    if event_types and kind != "pair":
        raise FollowError(f"event types ({', '.join(event_types)}) narrow an actor pair, not a {kind}: "
                          "use them with --pair, e.g. --pair 'USA-RUS' --type CONSULT")
    return SubscriptionRow(
        id=subscription_id(address, kind, target, types), channel=chosen, recipient=address, kind=kind,
        target=target, event_types=types, cadence=_cadence(cadence), created_at=now or _now(),
        data=json.dumps(data, sort_keys=True, separators=(",", ":")))


def add_subscription(store: Store, subscription: SubscriptionRow) -> tuple[SubscriptionRow, bool]:
    """Store a subscription made by :func:`new_subscription`; returns it and whether it is new.

    A followed story must exist (a merged one is followed as the story it was
    merged into). Following the same thing again updates cadence, channel and
    secret and keeps the id and creation time.
    """
    sub = subscription
    if sub.kind == "story":
        sub = replace(sub, target=existing_story(store, sub.target))
        sub = replace(sub, id=subscription_id(sub.recipient, sub.kind, sub.target, sub.event_types))
    salt = 0
    while True:
        old = store.get_subscription(sub.id)
        if old is None:
            store.put_subscription(sub)
            return sub, True
        if (old.recipient, old.kind, old.target, old.event_types) == (
                sub.recipient, sub.kind, sub.target, sub.event_types):
            store.put_subscription(replace(sub, created_at=old.created_at))
            return replace(sub, created_at=old.created_at), False
        salt += 1  # two subscriptions share 32 bits of hash: give the newcomer another id
        sub = replace(sub, id=subscription_id(sub.recipient, sub.kind, sub.target, sub.event_types, salt))


def existing_story(store: Store, story_id: str) -> str:
    """The story's id, or the id of the story it was merged into; FollowError if there is none."""
    seen: set[str] = set()
    current = story_id
    while True:
        row = store.get_story(current)
        if row is None:
            raise FollowError(f"no story {story_id!r} in the store: list stories and their ids with "
                              "'wirewatch stories'")
        if not row.merged_into or row.merged_into in seen:
            return row.id
        seen.add(row.id)
        current = row.merged_into


def subscription_id(recipient: str, kind: str, target: str, event_types: Sequence[str] = (),
                    salt: int = 0) -> str:
    """``s-`` + 8 hex digits: short enough to type, the same for the same follow."""
    raw = "\x1f".join([recipient, kind, target, ",".join(event_types)] + ([str(salt)] if salt else []))
    return ID_PREFIX + hashlib.sha256(raw.encode()).hexdigest()[:8]


def check_subscription_id(text: str) -> str:
    """The id as typed, trimmed; FollowError when it cannot be an id at all."""
    value = text.strip()
    if not _SUBSCRIPTION_ID.match(value):
        raise FollowError(f"{text!r} is not a subscription id (they look like s-1a2b3c4d): list yours with "
                          "'wirewatch follows'")
    return value


# --- recipients ---------------------------------------------------------------------------------

def channel_of(recipient: str, channel: str | None = None) -> str:
    """The channel named, or the one the recipient implies."""
    if channel is not None:
        if channel not in CHANNELS:
            raise FollowError(f"unknown channel {channel!r}: choose one of {', '.join(CHANNELS)} "
                              "(or leave it out: the recipient implies it)")
        return channel
    text = recipient.strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
        return "webhook"
    if text.lower().endswith(FEED_SUFFIXES):
        return "atom"
    if "@" in text:
        return "email"
    raise FollowError(f"cannot tell how to reach {recipient!r}: give an email address "
                      "(ana@example.org), a webhook URL (https://hooks.example.org/wirewatch) or an "
                      "Atom feed file ending .xml or .atom (feeds/putin.xml)")


def check_recipient(recipient: str, channel: str) -> str:
    """The recipient in its stored form (an address, a URL, an absolute feed path)."""
    text = recipient.strip()
    if channel == "email":
        return check_email(text)
    if channel == "webhook":
        return check_url(text)
    return check_feed_path(text)


def check_email(text: str) -> str:
    address = text[len("mailto:"):] if text.lower().startswith("mailto:") else text
    name, parsed = parseaddr(address)
    if name or parsed != address or not _EMAIL.match(address) or ".." in address:
        raise FollowError(f"{text!r} is not an email address: give one like ana@example.org "
                          "(no display name, no spaces)")
    return address


def check_url(text: str) -> str:
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FollowError(f"{text!r} is not a URL ({exc}): give a webhook URL like "
                          "https://hooks.example.org/wirewatch") from exc
    if url.scheme not in ("http", "https"):
        raise FollowError(f"webhook {text!r} uses {url.scheme!r}: webhooks are http:// or https:// URLs")
    if not url.host:
        raise FollowError(f"webhook {text!r} has no host: give a full URL like https://hooks.example.org/x")
    return str(url)


def check_feed_path(text: str) -> str:
    if not text.lower().endswith(FEED_SUFFIXES):
        raise FollowError(f"Atom feed {text!r} should be a file ending .xml or .atom: e.g. feeds/putin.xml")
    path = Path(text).expanduser().absolute()
    if path.is_dir():
        raise FollowError(f"Atom feed {text!r} is a folder: give a file inside it, e.g. {text}/alerts.xml")
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise FollowError(f"cannot create the Atom feed {text!r}: {folder} is not a folder wirewatch may "
                          "write to; choose a path in a folder you own")
    return str(path)


# --- targets ------------------------------------------------------------------------------------

def entity_target(text: str) -> str:
    name = " ".join(text.split())
    if not name_words(name):
        raise FollowError(f"entity {text!r} has no letters or digits: give a name as articles write it, "
                          "e.g. --entity 'Vladimir Putin' or --entity Russia")
    return name


def pair_target(pair: str | Sequence[str], event_types: Sequence[str] = ()) -> tuple[str, tuple[str, ...]]:
    """("RUS-USA", ("CONSULT",)) from "USA–RUS CONSULT", "USA RUS", "United States-Russia", ("USA", "RUS")."""
    types = list(event_types)
    if isinstance(pair, str):
        words = [w for w in re.split(r"[\s,]+", pair.strip()) if w]
        while words and words[-1].upper() in PLOVER_TYPES:  # event types follow the actors
            types.insert(0, words.pop())
        actors = " ".join(words)
        if _PAIR_DASH.search(actors):
            parts = [p.strip() for p in _PAIR_DASH.split(actors) if p.strip()]
            last = parts[-1].split() if parts else []
            if len(last) > 1 and _code(parts[-1]) is None and _code(last[0]) is not None:
                parts[-1] = last[0]  # "USA-RUS MEET": what follows the second code is meant as types
                types = last[1:] + types
        else:
            parts = words
    else:
        parts = [str(p).strip() for p in pair if str(p).strip()]
    if len(parts) != 2:
        raise FollowError(f"pair {_show(pair)} needs two actors: give two country or organisation codes, "
                          "e.g. --pair 'USA-RUS' (names with spaces need the dash: 'United States-Russia'; "
                          "event types may follow: 'USA-RUS CONSULT')")
    codes = [actor_code(p, pair) for p in parts]
    if codes[0] == codes[1]:
        raise FollowError(f"pair {_show(pair)} names {codes[0]} twice: give two different actors, "
                          "e.g. --pair 'USA-RUS'")
    return "-".join(sorted(codes)), check_event_types(types)


def _code(part: str) -> str | None:
    if part.isalpha() and is_code(part.upper()):
        return part.upper()
    return country_or_igo(part)


def actor_code(part: str, pair: object = None) -> str:
    """A country or organisation code from a code or a name ("RUS", "rus", "Russia")."""
    code = _code(part)
    if code is None:
        raise FollowError(f"pair {_show(pair if pair is not None else part)}: {part!r} is not a country or "
                          "organisation code: use ISO 3166 alpha-3 codes (USA, RUS, CHN, UKR) or codes "
                          "like EU, NATO, UN")
    return code


def check_event_types(types: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for t in types:
        for name in (x for x in re.split(r"[\s,]+", t) if x):
            wanted = name.upper()
            if wanted not in PLOVER_TYPES:
                raise FollowError(f"event type {name!r} is not a PLOVER type: choose from "
                                  f"{', '.join(PLOVER_TYPES)}")
            if wanted not in out:
                out.append(wanted)
    return tuple(sorted(out))


def query_target(text: str) -> str:
    query = " ".join(text.split())
    if not parse_query(query):
        raise FollowError(f"query {text!r} has no words: type words as for 'wirewatch search', e.g. "
                          "--query 'rail summit' or --query '\"no plans to meet\"'")
    return query


def describe(sub: SubscriptionRow) -> str:
    """What the subscription follows, as its alerts' reason says it: "RUS-USA CONSULT"."""
    if sub.kind == "pair":
        return " ".join([sub.target, *sub.event_types])
    if sub.kind == "story":
        return f"story {sub.target}"
    if sub.kind == "query":
        return f"the search '{sub.target}'" if '"' in sub.target else f'the search "{sub.target}"'
    return sub.target


def webhook_secret(sub: SubscriptionRow) -> str | None:
    """The subscription's own webhook signing secret, if it was given one."""
    try:
        data = json.loads(sub.data or "{}")
    except json.JSONDecodeError:
        return None
    secret = data.get("secret") if isinstance(data, dict) else None
    return secret if isinstance(secret, str) and secret else None


def _cadence(value: str) -> Cadence:
    for c in CADENCES:
        if c == value:
            return c
    raise FollowError(f"cadence {value!r} is not one of {', '.join(CADENCES)}")


def _show(value: object) -> str:
    return repr(value if isinstance(value, str) else " ".join(str(v) for v in value)
                if isinstance(value, (list, tuple)) else value)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
