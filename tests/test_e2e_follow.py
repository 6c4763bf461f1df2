"""End to end: a feed announces a meeting, then reports it called off; a follower of the actor pair
hears about it exactly twice, the second time that it is called off.

Everything is real: a loopback HTTP server serves the feed and the article pages, the watcher
fetches, analyses and stores them in a SQLite file with the full pipeline, matching queues alerts
in the outbox in the article's transaction, and the sender delivers them to an SMTP server
(aiosmtpd) on loopback, from which the test reads the messages.
"""

from __future__ import annotations

import calendar
import email.utils
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from test_alerts_email import Inbox, smtp_server
from test_watch import watch_settings
from test_web_sources_fetch import LoopbackServer, Reply
from wirewatch.alerts import EmailNotifier, EmailSettings
from wirewatch.alerts.sender import Sender
from wirewatch.follow import add_subscription, new_subscription
from wirewatch.settings import Settings
from wirewatch.sources.web import Fetcher
from wirewatch.store import SQLiteStore
from wirewatch.watch import add_source
from wirewatch.watch.loop import watch_round

ANNOUNCED = ("presidents-to-meet-vienna", "Putin and Harper to meet in Vienna, Kremlin says", "2026-02-17", [
    "MOSCOW, Feb 17 (Wireline) - Russian President Vladimir Putin will meet U.S. President Daniel Harper "
    "in Vienna on March 12 to discuss a ceasefire in the Black Sea, the Kremlin said on Tuesday.",
    "\u201cThe presidents agreed by telephone to meet in person,\u201d Kremlin spokesman Dmitry Peskov "
    "told reporters in Moscow. \u201cPreparations have begun.\u201d",
    "Harper took office in January after a close election.",
])
CALLED_OFF = ("no-plans-for-vienna-meeting", "White House: no plans for Harper-Putin meeting", "2026-02-20", [
    "WASHINGTON, Feb 20 (Wireline) - The White House said on Friday that U.S. President Daniel Harper "
    "will not meet Russian President Vladimir Putin in Vienna, calling off the March 12 summit "
    "announced by the Kremlin.",
    "\u201cThere are no plans for the president to meet President Putin in the immediate future,\u201d "
    "a White House official told reporters.",
    "The Kremlin said on Friday it regretted the decision.",
])
UNRELATED = ("quake-shakes-southern-peru", "Strong earthquake shakes southern Peru", "2026-02-20", [
    "LIMA, Feb 20 (Wireline) - A magnitude 6.4 earthquake shook southern Peru on Friday, damaging "
    "houses in the Arequipa region, the country's geophysics institute said.",
    "There were no immediate reports of deaths, civil defence officials said.",
])

Story = tuple[str, str, str, list[str]]


def page(story: Story) -> bytes:
    slug, headline, day, paragraphs = story
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{headline}</title>"
            f"<meta property=\"article:published_time\" content=\"{day}T09:00:00Z\"></head>"
            f"<body><nav><a href=\"/\">Home</a></nav><article><h1>{headline}</h1>{body}</article>"
            f"<footer>Wireline</footer></body></html>").encode()


def path(story: Story) -> str:
    return f"/world/{story[2].replace('-', '/')}/{story[0]}"


def feed(server: LoopbackServer, stories: list[Story]) -> bytes:
    items = "".join(
        f"<item><title>{headline}</title><link>{server.url(path((slug, headline, day, p)))}</link>"
        f"<guid isPermaLink=\"false\">wireline-{slug}</guid>"
        f"<pubDate>{email.utils.formatdate(calendar.timegm(time.strptime(day, '%Y-%m-%d')), usegmt=True)}"
        f"</pubDate></item>"
        for slug, headline, day, p in stories)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wireline: World</title>'
            f"<link>{server.url('/')}</link><description>World news</description>{items}</channel></rss>").encode()


def publish(server: LoopbackServer, stories: list[Story]) -> None:
    """The feed lists ``stories``, newest first, and their pages are up."""
    for story in stories:
        server.routes[path(story)] = Reply(200, {"Content-Type": "text/html; charset=utf-8"}, page(story))
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"},
                                        feed(server, list(reversed(stories))))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "wirewatch.db") as s:
        yield s


def email_sender(store: SQLiteStore, port: int) -> Sender:
    """The outbox sender, mailing through the loopback SMTP server."""
    notifier = EmailNotifier(EmailSettings(smtp_host="127.0.0.1", smtp_port=port, smtp_from="alerts@wirewatch.example"))
    return Sender(store, {"email": notifier})


def at(moment: str) -> float:
    """Unix seconds of a UTC moment: the rounds run on the articles' days."""
    return calendar.timegm(time.strptime(moment, "%Y-%m-%dT%H:%M:%S"))


def bodies(inbox: Inbox) -> list[tuple[str, str]]:
    out = []
    for _, msg in inbox.received:
        assert isinstance(msg, EmailMessage)
        plain = msg.get_body(preferencelist=("plain",))
        out.append((str(msg["Subject"]), plain.get_content() if plain is not None else ""))
    return out


def test_a_pair_follower_hears_of_the_planned_meeting_then_that_it_is_called_off(
        server: LoopbackServer, store: SQLiteStore) -> None:
    add_source(store, server.url("/world.xml"), kind="feed")
    sub, _ = add_subscription(store, new_subscription("desk@example.org", pair="USA-RUS", event_types=("CONSULT",)))
    # A second follower, of something the feed never mentions, hears nothing.
    add_subscription(store, new_subscription("other@example.org", pair="CHN-IND"))
    inbox = Inbox()
    settings = Settings(progress=False)
    with smtp_server(inbox) as port, Fetcher(watch_settings().fetch_options()) as fetcher:
        sender = email_sender(store, port)

        publish(server, [ANNOUNCED])
        first = watch_round(store, fetcher, now=at("2026-02-17T10:00:00"), settings=settings, sender=sender)
        assert [r.error for r in first.sources] == [None]
        assert len(inbox.received) == 1
        subject, text = bodies(inbox)[0]
        assert "Vienna" in text or "Vienna" in subject
        assert "called off" not in text

        # The next round finds the follow-up (and an unrelated story) in the feed.
        publish(server, [ANNOUNCED, CALLED_OFF, UNRELATED])
        watch_round(store, fetcher, now=at("2026-02-20T10:00:00"), settings=settings, sender=sender)
        # Later rounds with nothing new send nothing more: the meeting is called off, so it is never
        # overdue, even well after its date.
        watch_round(store, fetcher, now=at("2026-02-20T11:00:00"), settings=settings, sender=sender)
        watch_round(store, fetcher, now=at("2026-04-01T09:00:00"), settings=settings, sender=sender)

    assert len(store.ids()) == 3
    assert len(inbox.received) == 2, bodies(inbox)
    subject, text = bodies(inbox)[1]
    assert "called off" in (subject + text).lower()
    assert "White House official" in text or "will not meet" in text  # the evidence sentence
    assert path(CALLED_OFF) in text  # and the link to the article
    rows = list(store.alerts())
    assert {r.subscription_id for r in rows} == {sub.id}
    assert {r.status for r in rows} == {"sent"}
    # Each message carries its alert's idempotency key as its Message-ID.
    assert sorted(str(m["Message-ID"]) for _, m in inbox.received) == sorted(str(r.message_id) for r in rows)


def test_a_meeting_with_no_report_after_its_date_is_overdue_and_its_follower_hears_so(
        server: LoopbackServer, store: SQLiteStore) -> None:
    add_source(store, server.url("/world.xml"), kind="feed")
    add_subscription(store, new_subscription("desk@example.org", pair="RUS-USA"))
    inbox = Inbox()
    settings = Settings(progress=False)
    with smtp_server(inbox) as port, Fetcher(watch_settings().fetch_options()) as fetcher:
        sender = email_sender(store, port)
        publish(server, [ANNOUNCED])
        watch_round(store, fetcher, now=at("2026-02-17T10:00:00"), settings=settings, sender=sender)
        assert len(inbox.received) == 1
        # The day after the meeting was due, nothing is overdue yet (a few days' grace) ...
        report = watch_round(store, fetcher, now=at("2026-03-13T10:00:00"), settings=settings, sender=sender)
        assert report.overdue == 0 and len(inbox.received) == 1
        # ... weeks later, with no report that it took place, it is; and it is said once.
        report = watch_round(store, fetcher, now=at("2026-04-10T10:00:00"), settings=settings, sender=sender)
        assert report.overdue >= 1
        watch_round(store, fetcher, now=at("2026-04-11T10:00:00"), settings=settings, sender=sender)
    overdue = [(subject, text) for subject, text in bodies(inbox) if "overdue" in (subject + text).lower()]
    assert len(overdue) == 1, bodies(inbox)
    assert "2026-03-12" in overdue[0][1]
    assert len(inbox.received) == 2
