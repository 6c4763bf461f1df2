"""``wirewatch sources add|list|remove`` and ``wirewatch watch --once`` as a user types them; the watch
settings (WIREWATCH_*), the honest user agent, durations and the one-watcher lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_watch import STORIES, article_path, rss_feed, serve_articles
from test_web_sources_fetch import LoopbackServer, Reply
from wirewatch import __version__
from wirewatch.cli import main
from wirewatch.sources.web import url_id
from wirewatch.store import open_store
from wirewatch.watch import WatchSettings, describe_settings, format_duration, parse_duration
from wirewatch.watch.lock import WatcherRunning, watcher_lock


def run(db: Path, *args: str, contact: str = "mailto:newsdesk@example.org") -> tuple[int, str, str]:
    env = {"WIREWATCH_STORE": str(db), "WIREWATCH_PROGRESS": "0", "WIREWATCH_HOST_DELAY_S": "0",
           "WIREWATCH_CONTACT_URL": contact}
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_sources_add_list_remove(server: LoopbackServer, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:1]))
    code, out, _ = run(db, "sources", "add", server.url("/world.xml"), "--every", "10m")
    assert code == 0 and out.startswith("added src-") and f"(feed) {server.url('/world.xml')}, checked every 10m" in out
    feed_id = out.split()[1]

    code, _, err = run(db, "sources", "add", server.url("/world.xml"))
    assert code == 0 and f"already watched as {feed_id} (feed)" in err

    code, _, err = run(db, "sources", "add", str(tmp_path / "nowhere"))
    assert code == 1 and "nowhere: no such file or folder: check the path" in err and "Traceback" not in err
    code, _, err = run(db, "sources", "add", str(tmp_path), "--every", "soon")
    assert code == 2 and "'soon' is not a duration: write a positive number with a unit" in err

    folder = tmp_path / "incoming"
    folder.mkdir()
    code, out, _ = run(db, "sources", "add", str(folder))
    assert code == 0 and "(folder)" in out and "checked every 15m" in out

    code, out, _ = run(db, "sources", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith(f"{feed_id}  feed   every 10m ") and "checked never, next now  0 articles" in lines[0]
    code, out, _ = run(db, "sources", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["kind"], r["interval_s"]) for r in rows] == [(feed_id, "feed", 600.0),
                                                                     (rows[1]["id"], "folder", 900.0)]

    code, out, _ = run(db, "sources", "remove", feed_id)
    assert code == 0 and out.startswith(f"removed {feed_id} (feed)")
    code, _, err = run(db, "sources", "remove", feed_id)
    assert code == 1 and f"no source '{feed_id}'" in err
    code, out, _ = run(db, "sources", "remove", str(folder))
    assert code == 0
    code, out, _ = run(db, "sources", "list")
    assert out.strip() == "no sources: add one with 'wirewatch sources add URL|PATH'"


def test_watch_once_stores_and_lists_a_failing_source(server: LoopbackServer, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    code, _, err = run(db, "watch", "--once")
    assert code == 1 and "no sources to watch: add one first" in err

    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:1]))
    serve_articles(server, STORIES[:1])
    assert run(db, "sources", "add", server.url("/world.xml"))[0] == 0
    assert run(db, "sources", "add", server.url("/down.xml"), "--kind", "feed")[0] == 0
    code, _, err = run(db, "watch", "--once", "--no-alerts")
    assert code == 0, err
    assert f"feed {server.url('/world.xml')}: 1 new, 1 stored" in err
    assert f"feed {server.url('/down.xml')}: failed: {server.url('/down.xml')}: HTTP 404 not found" in err
    assert "2 source(s) checked, 1 article(s) stored, 1 failing" in err
    assert "WIREWATCH_CONTACT_URL is not set" not in err
    with open_store(str(db)) as store:
        assert store.ids() == [url_id(server.url(article_path(STORIES[0][0])))]

    code, out, _ = run(db, "sources", "list")
    down = [line for line in out.splitlines() if "down.xml" in line]
    assert "failing x1" in down[0] and "next in 30m" in down[0]
    assert out.splitlines()[-1] == f"    last error: {server.url('/down.xml')}: HTTP 404 not found: check the URL, " \
                                   "or remove the source if it has moved away"

    # Nothing due any more: the run says when the next check is.
    code, _, err = run(db, "watch", "--once", "--no-alerts", contact="")
    assert code == 0 and "no source due yet; the next is due at " in err
    assert "WIREWATCH_CONTACT_URL is not set: the User-Agent names wirewatch only" in err


def test_one_watcher_per_store(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    assert run(db, "sources", "add", str(tmp_path), "--kind", "folder")[0] == 0
    with watcher_lock(str(db)):
        with pytest.raises(WatcherRunning, match="already watching"):
            with watcher_lock(str(db)):
                pass
        code, _, err = run(db, "watch")
        assert code == 1 and "another 'wirewatch watch' (pid " in err and "is already watching" in err
        code, _, err = run(db, "watch", "--once")
        assert code == 0 and "this round is skipped" in err
    with watcher_lock(str(db)):  # released when the holder is done
        pass


def test_watch_settings_from_env_and_the_user_agent() -> None:
    settings = WatchSettings.from_env({"WIREWATCH_HOST_DELAY_S": "2.5", "WIREWATCH_FETCH_MAX_BYTES": "1_000_000",
                                       "WIREWATCH_WATCH_INTERVAL_S": "600"})
    options = settings.fetch_options()
    assert (options.host_delay_s, options.max_bytes, settings.watch_interval_s) == (2.5, 1_000_000, 600.0)
    # No made-up contact page: until the user says where to reach them, the agent names wirewatch only.
    assert options.user_agent == f"wirewatch/{__version__}"
    contact = WatchSettings.from_env({"WIREWATCH_CONTACT_URL": "https://desk.example/bot"}).fetch_options()
    assert contact.user_agent == f"wirewatch/{__version__} (+https://desk.example/bot)"
    with pytest.raises(ValueError, match="WIREWATCH_FETCH_TIMEOUT_S='soon' is not a number"):
        WatchSettings.from_env({"WIREWATCH_FETCH_TIMEOUT_S": "soon"})
    names = [name for name, _, help_text in describe_settings() if help_text]
    assert names == ["WIREWATCH_CONTACT_URL", "WIREWATCH_FETCH_TIMEOUT_S", "WIREWATCH_FETCH_MAX_BYTES",
                     "WIREWATCH_HOST_DELAY_S", "WIREWATCH_MAX_CRAWL_DELAY_S", "WIREWATCH_MAX_REDIRECTS",
                     "WIREWATCH_WATCH_INTERVAL_S", "WIREWATCH_WATCH_MAX_ITEMS"]


@pytest.mark.parametrize(("text", "seconds"), [("90", 90.0), ("90s", 90.0), ("15m", 900.0), ("2h", 7200.0),
                                               ("1d", 86400.0), ("1.5h", 5400.0), (" 10 min ", 600.0)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "15x", "m", "soon"])
def test_bad_durations_say_how(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration: write a positive number with a unit"):
        parse_duration(text)


def test_format_duration_is_the_shortest_exact_form() -> None:
    assert [format_duration(s) for s in (900, 3600, 5400, 86400, 45, 90)] == ["15m", "1h", "90m", "1d", "45s", "90s"]
