"""The stories commands over a store filled with the synthetic summit scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_stories_scenario import IN_ORDER, ingest
from wirewatch.cli import main
from wirewatch.follow import add_subscription, new_subscription
from wirewatch.store import SQLiteStore


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "ww.db"
    with SQLiteStore(path) as store:
        ingest(store, IN_ORDER)
    return str(path)


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", db, "--no-progress", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stories_lists_each_story_with_a_title(db: str) -> None:
    out = run(db, "stories")
    assert len(out.splitlines()) == 3
    rows = [json.loads(line) for line in run(db, "stories", "--json").splitlines()]
    summit = next(r for r in rows if "announced" in r["members"])
    assert summit["size"] == 6 and summit["title"]


def test_story_shows_articles_timeline_and_expectations(db: str) -> None:
    rows = [json.loads(line) for line in run(db, "stories", "--json").splitlines()]
    summit = next(r for r in rows if "announced" in r["members"])["id"]
    out = run(db, "story", summit)
    assert "Timeline:" in out and "Expectations:" in out
    assert "cancelled" in out and "happened" in out and "copy of announced" in out
    data = json.loads(run(db, "story", summit, "--json"))
    assert {e["status"] for e in data["expectations"]} == {"cancelled", "happened"}


def test_timeline_of_an_actor_pair(db: str) -> None:
    out = run(db, "timeline", "Ferrer", "Aguirre")
    assert "2026-05-12" in out and "2027-05-19" in out
    entries = [json.loads(line) for line in run(db, "timeline", "Ferrer", "Aguirre", "--json").splitlines()]
    assert [e["sort_date"] for e in entries] == sorted(e["sort_date"] for e in entries)


def test_expectations_by_status_and_overdue_relative_to_now(db: str) -> None:
    assert "announced#0" in run(db, "expectations", "--status", "cancelled", "--now", "never")
    assert "no expectations" in run(db, "expectations", "--status", "overdue", "--now", "never")
    items = [json.loads(line) for line in run(db, "expectations", "--json", "--now", "2030-01-01").splitlines()]
    assert {i["status"] for i in items} == {"cancelled", "happened"}  # nothing left pending to go overdue


def test_helpful_errors(db: str) -> None:
    result = CliRunner().invoke(main, ["--store", db, "story", "s999"])
    assert result.exit_code != 0 and "wirewatch stories" in result.output
    result = CliRunner().invoke(main, ["--store", db, "timeline", "a", "b", "c"])
    assert result.exit_code != 0 and "one name" in result.output
    result = CliRunner().invoke(main, ["--store", db, "expectations", "--now", "soon"])
    assert result.exit_code != 0 and "ISO date" in result.output


def test_empty_store(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    assert "no stories yet" in run(db, "stories")
    assert "no events found" in run(db, "timeline", "Putin")


def test_reading_expectations_never_writes_and_refresh_does(tmp_path: Path) -> None:
    from test_stories_scenario import ANNOUNCED, QUAKE

    path = tmp_path / "plans.db"
    with SQLiteStore(path) as store:
        ingest(store, [ANNOUNCED, QUAKE])
    db = str(path)
    shown = [json.loads(line) for line in run(db, "expectations", "--json", "--now", "2026-04-30").splitlines()]
    assert [(e["id"], e["status"]) for e in shown] == [("announced#0", "overdue")]
    assert "no report by 2026-04-30" in shown[0]["history"][-1]["note"]
    assert "announced#0" in run(db, "expectations", "--status", "overdue", "--now", "2026-04-30")
    assert "no expectations" in run(db, "expectations", "--status", "pending", "--now", "2026-04-30")
    assert "announced#0" in run(db, "expectations", "--status", "pending", "--now", "never")
    with SQLiteStore(path) as store:  # nothing was written by reading
        assert [r.status for r in store.expectations()] == ["pending"]
        assert [c.status for c in store.status_changes("announced#0")] == ["pending"]
    with SQLiteStore(path) as store:
        story = store.story_of("announced")
        assert story is not None
        add_subscription(store, new_subscription("desk@example.org", story=story))
    run(db, "expectations", "--refresh", "--now", "2026-04-10")
    with SQLiteStore(path) as store:
        assert [r.status for r in store.expectations()] == ["overdue"]
        assert [c.status for c in store.status_changes("announced#0")] == ["pending", "overdue"]
        # The story's follower is told, as a watch round would tell them.
        [alert] = list(store.alerts())
        assert "overdue" in alert.alert and alert.status == "pending"
    result = CliRunner().invoke(main, ["--store", db, "expectations", "--refresh", "--now", "never"])
    assert result.exit_code != 0 and "--refresh" in result.output


def test_a_plan_long_overdue_is_marked_but_old_news_to_followers(tmp_path: Path) -> None:
    from test_stories_scenario import ANNOUNCED

    path = tmp_path / "archive.db"
    with SQLiteStore(path) as store:
        ingest(store, [ANNOUNCED])
        story = store.story_of("announced")
        assert story is not None
        add_subscription(store, new_subscription("desk@example.org", story=story))
    # A watcher started months after the summit was due (loading an archive, say).
    run(str(path), "expectations", "--refresh", "--now", "2026-09-01")
    with SQLiteStore(path) as store:
        assert [r.status for r in store.expectations()] == ["overdue"]
        assert list(store.alerts()) == []
