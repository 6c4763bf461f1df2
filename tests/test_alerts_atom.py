"""Atom feed alerts: a real feed file on disk, read back with feedparser."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_alerts_samples import port_strike, summit_off
from wirewatch.alerts import Alert, AtomNotifier, AtomSettings, alert_key
from wirewatch.alerts.atom import entry_id, feed_id

pytest.importorskip("feedgen")


def notifier(tmp_path: Path, **kw: object) -> AtomNotifier:
    return AtomNotifier(AtomSettings(**{"atom_dir": str(tmp_path), **kw}))  # type: ignore[arg-type]


def numbered(n: int) -> Alert:
    return replace(port_strike(recipient="desk.xml"), key=alert_key("sub-usa-rus", f"fact-{n}"),
                   title=f"Update {n} on the port strike", created_at=f"2026-02-{10 + n:02d}T08:00:00Z")


def test_resend_replaces_the_entry_instead_of_adding_one(tmp_path: Path) -> None:
    atom = notifier(tmp_path)
    first, second = port_strike(recipient="desk.xml"), summit_off(recipient="desk.xml")
    assert atom.send(first).status == "sent"
    delivery = atom.send(second)
    assert delivery.status == "sent" and delivery.message_id == entry_id(second.key)
    path = tmp_path / "desk.xml"
    before = path.read_bytes()
    again = atom.send(first)
    assert again.status == "sent" and again.message_id == entry_id(first.key)
    assert path.read_bytes() == before  # the resend changed nothing a reader could see

    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.id == feed_id("sub-usa-rus")
    assert [e.id for e in feed.entries] == [entry_id(second.key), entry_id(first.key)]
    newest = feed.entries[0]
    assert newest.title == "Lisbon summit between the two leaders: now called off"
    assert newest.link == "https://news.example.org/world/summit-off?id=41&src=wire"
    assert newest.summary == "the summit planned for early March in Lisbon: now called off"
    assert newest.author == "Example Wire"
    assert newest.updated.startswith("2026-02-24T10:15:00")
    assert "There are no plans for the leaders to meet" in newest.content[0].value
    assert sorted(p.name for p in tmp_path.iterdir()) == [".desk.xml.lock", "desk.xml"]  # no temporary files left


def test_markup_in_an_alert_stays_text(tmp_path: Path) -> None:
    alert = replace(summit_off(recipient="desk.xml"), title="Talks <b>off</b> \x07again",
                    evidence="<script>alert('x')</script> & the talks are off")
    assert notifier(tmp_path).send(alert).status == "sent"
    feed = feedparser.parse((tmp_path / "desk.xml").read_bytes())
    assert not feed.bozo
    entry = feed.entries[0]
    assert entry.title == "Talks <b>off</b> again"
    assert "&lt;script&gt;" in entry.content[0].value and "<script>" not in entry.content[0].value


def test_feed_keeps_the_newest_n_entries(tmp_path: Path) -> None:
    atom = notifier(tmp_path, atom_max_entries=3)
    for n in range(1, 6):
        assert atom.send(numbered(n)).status == "sent"
    feed = feedparser.parse((tmp_path / "desk.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Update 5 on the port strike", "Update 4 on the port strike",
                                               "Update 3 on the port strike"]


def test_digest_adds_every_alert_in_one_write(tmp_path: Path) -> None:
    atom = notifier(tmp_path)
    delivery = atom.send_digest([numbered(1), numbered(2), numbered(1)])
    assert delivery.status == "sent"
    feed = feedparser.parse((tmp_path / "desk.xml").read_bytes())
    assert [e.id for e in feed.entries] == [entry_id(numbered(2).key), entry_id(numbered(1).key)]


def test_feed_path_defaults_and_limits(tmp_path: Path) -> None:
    atom = notifier(tmp_path / "feeds")
    by_subscription = atom.send(summit_off(recipient="", subscription="sub/usa rus"))
    assert by_subscription.status == "sent"
    assert (tmp_path / "feeds" / "sub_usa_rus.xml").exists()
    nested = atom.send(summit_off(recipient="team/desk.xml"))
    assert nested.status == "sent" and (tmp_path / "feeds" / "team" / "desk.xml").exists()
    absolute = atom.send(summit_off(recipient=str(tmp_path / "elsewhere.xml")))
    assert absolute.status == "sent" and (tmp_path / "elsewhere.xml").exists()
    escape = atom.send(summit_off(recipient="../../outside.xml"))
    assert escape.status == "dead" and "leaves" in escape.detail and "WIREWATCH_ATOM_DIR" in escape.detail
    assert not (tmp_path.parent / "outside.xml").exists()


def test_a_file_that_is_not_a_feed_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "desk.xml"
    path.write_text("<html><body>not a feed</body></html>")
    delivery = notifier(tmp_path).send(summit_off(recipient="desk.xml"))
    assert delivery.status == "dead" and str(path) in delivery.detail and "not an Atom feed" in delivery.detail
    assert delivery.dead_letter is not None and delivery.dead_letter.channel == "atom"
    path.write_text("<feed><entry>")
    broken = notifier(tmp_path).send(summit_off(recipient="desk.xml"))
    assert broken.status == "dead" and "move it aside" in broken.detail
    assert path.read_text() == "<feed><entry>"


def test_unwritable_place_is_dead_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "desk").write_text("a file where the feed folder should be")
    delivery = notifier(tmp_path).send(summit_off(recipient="desk/feed.xml"))
    assert delivery.status == "dead" and "desk/feed.xml" in delivery.detail
    assert "wirewatch may write there" in delivery.detail


def test_existing_file_mode_is_kept(tmp_path: Path) -> None:
    atom = notifier(tmp_path)
    atom.send(numbered(1))
    path = tmp_path / "desk.xml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    atom.send(numbered(2))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_self_link_when_served(tmp_path: Path) -> None:
    notifier(tmp_path, atom_base_url="https://alerts.example.org/feeds/").send(summit_off(recipient="desk.xml"))
    feed = feedparser.parse((tmp_path / "desk.xml").read_bytes())
    assert any(link.rel == "self" and link.href == "https://alerts.example.org/feeds/desk.xml"
               for link in feed.feed.links)


def test_concurrent_senders_lose_no_entry(tmp_path: Path) -> None:
    atom = notifier(tmp_path)
    alerts = [numbered(n) for n in range(1, 9)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        deliveries = list(pool.map(atom.send, alerts))
    assert [d.status for d in deliveries] == ["sent"] * 8
    feed = feedparser.parse((tmp_path / "desk.xml").read_bytes())
    assert sorted(e.id for e in feed.entries) == sorted(entry_id(a.key) for a in alerts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=80), evidence=st.text(max_size=200), outlet=st.text(max_size=30),
       created=st.text(max_size=30))
def test_any_text_gives_a_feed_that_parses(tmp_path: Path, title: str, evidence: str, outlet: str,
                                           created: str) -> None:
    alert = replace(summit_off(recipient="any.xml"), title=title, evidence=evidence, outlet=outlet,
                    created_at=created)
    delivery = notifier(tmp_path).send(alert)
    assert delivery.status == "sent", delivery.detail
    feed = feedparser.parse((tmp_path / "any.xml").read_bytes())
    assert not feed.bozo and any(e.id == entry_id(alert.key) for e in feed.entries)
