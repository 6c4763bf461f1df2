"""The watcher as a process: kill -9 half-way through a round and restart (every article stored once),
SIGTERM between articles (the article in hand finished, exit 0), SIGTERM while idle.

Real processes (``python -m wirewatch``), a real loopback HTTP server, a real SQLite file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from test_watch import STORIES, article_path, rss_feed, serve_articles
from test_web_sources_fetch import LoopbackServer, Reply
from wirewatch.sources.web import url_id
from wirewatch.store import open_store
from wirewatch.watch import add_source
from wirewatch.watch.registry import load_state

# Enough for the model to load and a few articles to be analysed before the kill.
WAIT_S = 60.0


def env_for(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(WIREWATCH_STORE=str(db), WIREWATCH_PROGRESS="0", WIREWATCH_HOST_DELAY_S="0",
               WIREWATCH_FETCH_TIMEOUT_S="5", WIREWATCH_CONTACT_URL="mailto:newsdesk@example.org")
    return env


def start_watch(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "wirewatch", "watch", *args], env=env_for(db),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"the watcher exited ({proc.returncode}) before {what}: {proc.stderr.read()}"
                                 if proc.stderr else f"the watcher exited before {what}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def article_requests(server: LoopbackServer) -> list[str]:
    return [p for p in server.paths() if p.startswith("/news/")]


def test_kill_9_mid_round_then_restart_stores_every_article_exactly_once(server: LoopbackServer,
                                                                         tmp_path: Path) -> None:
    stories = STORIES[:8]
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
                                        rss_feed(server, stories))
    serve_articles(server, stories, delay_s=0.4)  # slow pages: the kill lands mid-round
    db = tmp_path / "watch.db"
    with open_store(str(db)) as store:
        row = add_source(store, server.url("/world.xml"), kind="feed")

    proc = start_watch(db)
    wait_for(lambda: len(article_requests(server)) >= 4, proc, "four article pages were asked for")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with open_store(str(db)) as store:
        before = set(store.ids())
        saved = load_state(store.get_source(row.id))  # type: ignore[arg-type]
    assert 0 < len(before) < len(stories), "the kill should land after some articles and before the last"
    assert saved.etag is None  # the new validators are saved only with the finished round
    asked_before = len(article_requests(server))

    again = subprocess.run([sys.executable, "-m", "wirewatch", "watch", "--once"], env=env_for(db),
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr

    expected = sorted(url_id(server.url(article_path(slug))) for slug, _, _ in stories)
    with open_store(str(db)) as store:
        assert sorted(store.ids()) == expected
        assert store.rejections() == []
        source = store.get_source(row.id)
        assert source is not None and source.articles == len(stories)
        assert load_state(source).etag == '"v1"' and load_state(source).failures == 0
    # Articles stored and marked seen before the kill are not fetched again: at most the one in hand.
    asked_after = len(article_requests(server)) - asked_before
    assert asked_after <= len(stories) - len(before) + 1
    assert f"new, {len(stories) - len(before)} stored" in again.stderr, again.stderr


def test_sigterm_finishes_the_article_in_hand_and_exits_0(server: LoopbackServer, tmp_path: Path) -> None:
    stories = STORIES[:3]
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, stories))
    serve_articles(server, stories, delay_s=0.5)
    db = tmp_path / "watch.db"
    with open_store(str(db)) as store:
        add_source(store, server.url("/world.xml"), kind="feed")

    proc = start_watch(db)
    wait_for(lambda: len(article_requests(server)) >= 2, proc, "the second article page was asked for")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "SIGTERM: stopping after the article in hand" in err and "stopped (SIGTERM)" in err
    oldest_two = stories[::-1][:2]  # the feed lists the newest first; the watcher reads the oldest first
    assert article_requests(server) == [article_path(slug) for slug, _, _ in oldest_two]
    with open_store(str(db)) as store:
        assert sorted(store.ids()) == sorted(url_id(server.url(article_path(s))) for s, _, _ in oldest_two)


def test_sigterm_while_waiting_for_the_next_round_exits_at_once(server: LoopbackServer, tmp_path: Path) -> None:
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, []))
    db = tmp_path / "watch.db"
    with open_store(str(db)) as store:
        add_source(store, server.url("/world.xml"), kind="feed")
    proc = start_watch(db, "--no-alerts")
    wait_for(lambda: "/world.xml" in server.paths(), proc, "the feed was polled")
    time.sleep(0.5)  # into the sleep between rounds
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 5
    assert "stopped (SIGTERM)" in err
