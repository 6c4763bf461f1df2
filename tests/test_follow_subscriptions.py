"""Subscriptions from what a person types: channels, targets, ids, and errors that say the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.follow import FollowError, add_subscription, new_subscription, webhook_secret
from wirewatch.follow.subscriptions import check_subscription_id, pair_target
from wirewatch.store import SQLiteStore
from wirewatch.store.base import StoryRow

NOW = "2026-03-02T09:00:00Z"


@pytest.mark.parametrize("recipient, channel", [
    ("ana@example.org", "email"),
    ("mailto:ana.lopez+wire@news.example.co.uk", "email"),
    ("https://hooks.example.org/wirewatch?team=desk", "webhook"),
    ("http://127.0.0.1:8080/hook", "webhook"),
])
def test_channel_is_inferred_from_the_recipient(recipient: str, channel: str) -> None:
    row = new_subscription(recipient, entity="Vladimir Putin", now=NOW)
    assert row.channel == channel
    assert row.kind == "entity" and row.target == "Vladimir Putin" and row.cadence == "immediate"
    assert row.created_at == NOW
    assert "mailto:" not in row.recipient


def test_atom_feed_path_is_stored_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    row = new_subscription("feeds/desk/putin.xml", entity="Putin", now=NOW)  # folders created later
    assert row.channel == "atom"
    assert row.recipient == str(tmp_path / "feeds" / "desk" / "putin.xml")
    assert new_subscription("alerts.atom", entity="Putin", now=NOW).channel == "atom"


@pytest.mark.parametrize("recipient, words", [
    ("ana@", "not an email address"),
    ("Ana <ana@example.org>", "not an email address"),
    ("ana@example", "not an email address"),
    ("ana@@example.org", "not an email address"),
    ("ftp://files.example.org/x", "http:// or https://"),
    ("https://", "no host"),
    ("bob", "cannot tell how to reach 'bob'"),
])
def test_bad_recipients_are_named_with_the_fix(recipient: str, words: str) -> None:
    with pytest.raises(FollowError, match="give|webhooks are|ending") as exc:
        new_subscription(recipient, entity="Putin")
    assert words in str(exc.value)
    assert repr(recipient) in str(exc.value)


def test_feed_path_that_cannot_be_a_file(tmp_path: Path) -> None:
    (tmp_path / "dir.xml").mkdir()
    with pytest.raises(FollowError, match="is a folder: give a file inside it"):
        new_subscription(str(tmp_path / "dir.xml"), entity="Putin")
    (tmp_path / "notes.txt").write_text("not a folder\n")
    with pytest.raises(FollowError, match="is not a folder wirewatch may write to"):
        new_subscription(str(tmp_path / "notes.txt" / "feeds" / "putin.xml"), entity="Putin")
    with pytest.raises(FollowError, match="should be a file ending .xml or .atom"):
        new_subscription(str(tmp_path / "putin.txt"), entity="Putin", channel="atom")


@pytest.mark.parametrize("typed", ["USA-RUS CONSULT", "USA\u2013RUS consult", "RUS USA CONSULT",
                                   "Russia-USA CONSULT", "usa / rus, CONSULT",
                                   "United States - Russian Federation CONSULT"])
def test_pair_spellings_give_one_canonical_target(typed: str) -> None:
    row = new_subscription("ana@example.org", pair=typed, now=NOW)
    assert (row.kind, row.target, row.event_types) == ("pair", "RUS-USA", ("CONSULT",))


def test_pair_from_a_tuple_and_separate_types() -> None:
    assert pair_target(("USA", "RUS"), ["accuse", "CONSULT", "ACCUSE"]) == ("RUS-USA", ("ACCUSE", "CONSULT"))
    assert pair_target("EU-NATO") == ("EU-NATO", ())


@pytest.mark.parametrize("typed, words", [
    ("USA", "needs two actors"),
    ("USA-USA", "names USA twice"),
    ("USA-XYZ", "'XYZ' is not a country or organisation code"),
    ("USA-RUS MEET", "'MEET' is not a PLOVER type: choose from AGREE, CONSULT"),
])
def test_bad_pairs(typed: str, words: str) -> None:
    with pytest.raises(FollowError) as exc:
        new_subscription("ana@example.org", pair=typed)
    assert words in str(exc.value)


def test_exactly_one_target_and_known_options() -> None:
    with pytest.raises(FollowError, match="exactly one thing, but entity, query given"):
        new_subscription("ana@example.org", entity="Putin", query="summit")
    with pytest.raises(FollowError, match="exactly one thing, but none given"):
        new_subscription("ana@example.org")
    with pytest.raises(FollowError, match="narrow an actor pair, not a entity"):
        new_subscription("ana@example.org", entity="Putin", event_types=["CONSULT"])
    with pytest.raises(FollowError, match="cadence 'weekly'"):
        new_subscription("ana@example.org", entity="Putin", cadence="weekly")
    with pytest.raises(FollowError, match="unknown channel 'sms'"):
        new_subscription("ana@example.org", entity="Putin", channel="sms")
    with pytest.raises(FollowError, match="has no words"):
        new_subscription("ana@example.org", query='"" *')
    with pytest.raises(FollowError, match="has no letters"):
        new_subscription("ana@example.org", entity=" -- ")


def test_webhook_secret_only_for_webhooks() -> None:
    row = new_subscription("https://hooks.example.org/x", query="rail summit", secret="k3y", now=NOW)
    assert webhook_secret(row) == "k3y" and json.loads(row.data) == {"secret": "k3y"}
    assert webhook_secret(new_subscription("https://hooks.example.org/x", query="rail")) is None
    with pytest.raises(FollowError, match="signs webhook requests"):
        new_subscription("ana@example.org", query="rail", secret="k3y")


def test_ids_are_short_stable_and_depend_on_what_is_followed() -> None:
    a = new_subscription("ana@example.org", pair="USA-RUS CONSULT", now=NOW)
    b = new_subscription("ana@example.org", pair="Russia USA", event_types=["consult"], cadence="daily")
    c = new_subscription("ana@example.org", pair="USA-RUS")
    assert a.id == b.id != c.id
    assert check_subscription_id(a.id) == a.id and len(a.id) == 10
    with pytest.raises(FollowError, match="not a subscription id"):
        check_subscription_id("42")


def test_story_must_exist_and_a_merged_one_is_followed_as_its_successor(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "w.db") as store:
        with pytest.raises(FollowError, match="no story 's7' in the store: list stories .*wirewatch stories"):
            add_subscription(store, new_subscription("ana@example.org", story="s7"))
        for sid, merged in (("s1", None), ("s2", "s1")):
            store.put_story(StoryRow(id=sid, title="Mendoza water talks", size=1, first_date="2026-03-02",
                                     last_date="2026-03-02", created_at=NOW, updated_at=NOW, merged_into=merged))
        row, created = add_subscription(store, new_subscription("ana@example.org", story="s2", now=NOW))
        assert created and row.target == "s1"
        again, created = add_subscription(store, new_subscription("ana@example.org", story="s1", cadence="daily"))
        assert not created and again.id == row.id and again.cadence == "daily" and again.created_at == NOW
        assert [(s.id, s.cadence) for s in store.subscriptions()] == [(row.id, "daily")]
