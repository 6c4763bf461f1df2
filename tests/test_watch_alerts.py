"""Crash and restart with followers: kill -9 mid-round, then kill -9 while alerts are being sent, then
restart — every article stored once, every alert delivered, any repeat carrying the same Message-ID.

A real watcher process, a real loopback HTTP server for the feed and pages, a real SMTP server
(aiosmtpd) on loopback, a real SQLite file.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from test_alerts_email import Inbox, smtp_server
from test_watch import STORIES, article_path, rss_feed, serve_articles
from test_watch_crash import article_requests, env_for, wait_for
from test_web_sources_fetch import LoopbackServer, Reply
from wirewatch.sources.web import url_id
from wirewatch.store import open_store
from wirewatch.watch import add_source

follow = pytest.importorskip("wirewatch.follow")


class SlowInbox(Inbox):
    """An SMTP server that takes its time over each message, so that a kill can land mid-drain."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(0.3)
        return await super().handle_DATA(server, session, envelope)


def test_kill_9_mid_round_and_mid_send_every_alert_delivered_repeats_share_message_id(
        server: LoopbackServer, tmp_path: Path) -> None:
    stories = STORIES[:6]
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, stories))
    serve_articles(server, stories, delay_s=0.4)
    db = tmp_path / "watch.db"
    with open_store(str(db)) as store:
        add_source(store, server.url("/world.xml"), kind="feed")
        # Every one of these stories quotes someone who "said": one alert per article.
        follow.add_subscription(store, follow.new_subscription("desk@example.org", query="said"))
    inbox = SlowInbox()
    with smtp_server(inbox) as port:
        env = env_for(db)
        env.update(WIREWATCH_SMTP_HOST="127.0.0.1", WIREWATCH_SMTP_PORT=str(port), WIREWATCH_SMTP_TIMEOUT="5",
                   WIREWATCH_SMTP_FROM="alerts@wirewatch.example")

        # 1. Killed while articles are being fetched and stored.
        first = subprocess.Popen([sys.executable, "-m", "wirewatch", "watch"], env=env, text=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for(lambda: len(article_requests(server)) >= 3, first, "three article pages were asked for")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

        # 2. Killed while the alerts of the finished round are being sent.
        second = subprocess.Popen([sys.executable, "-m", "wirewatch", "watch"], env=env, text=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for(lambda: len(inbox.received) >= 2, second, "two alerts arrived")
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=10)
        assert len(inbox.received) < len(stories), "the kill should land before the last alert"

        # 3. One more round: nothing new to fetch, the rest of the alerts go out.
        third = subprocess.run([sys.executable, "-m", "wirewatch", "watch", "--once"], env=env,
                               capture_output=True, text=True, timeout=120)
        assert third.returncode == 0, third.stderr

    with open_store(str(db)) as store:
        assert sorted(store.ids()) == sorted(url_id(server.url(article_path(s))) for s, _, _ in stories)
        rows = list(store.alerts())
        assert len(rows) == len(stories) and {r.status for r in rows} == {"sent"}
        sent_ids = {r.message_id for r in rows}
    received = [str(msg["Message-ID"]) for _, msg in inbox.received]
    assert set(received) == sent_ids  # every alert arrived
    keys = {str(msg["Message-ID"]): msg.get("X-Wirewatch-Idempotency-Key") for _, msg in inbox.received}
    for message_id, copies in Counter(received).items():
        # A repeat (sent, then killed before it was marked) is the same message: same Message-ID.
        assert copies <= 2, (message_id, copies)
    assert len(set(keys.values())) == len(sent_ids)
