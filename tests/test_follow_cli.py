"""``wirewatch follow / follows / unfollow`` on a real SQLite file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from wirewatch.alerts import Alert, alert_key
from wirewatch.cli import main
from wirewatch.store import SQLiteStore
from wirewatch.store.base import StoryRow
from wirewatch.store.follow_base import OutboxRow

T0 = "2026-03-02T09:00:00Z"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", str(db), "--no-progress", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_follow_list_and_unfollow(tmp_path: Path) -> None:
    db = tmp_path / "wire.db"
    code, out, _ = run(db, "follow", "ana@example.org", "--entity", "Gabriel Boric")
    assert code == 0
    entity_id = out.strip()
    assert entity_id.startswith("s-") and len(entity_id) == 10
    code, out, _ = run(db, "follow", "https://hooks.example.org/desk", "--pair", "CHL-ARG", "--type", "consult",
                       "--digest", "daily", "--secret", "k3y")
    pair_id = out.strip()
    code, out, _ = run(db, "follow", str(tmp_path / "feeds" / "water.xml"), "--query", '"rail tunnel" OR drought')
    assert code == 0
    query_id = out.strip()

    # Following the same thing again keeps the id and changes the delivery.
    code, out, err = run(db, "follow", "ana@example.org", "--entity", "Gabriel Boric", "--digest", "hourly")
    assert (code, out.strip()) == (0, entity_id) and "already following" in err

    with SQLiteStore(db) as store:
        alert = Alert(key=alert_key(entity_id, "article\x1fa1"), subscription_id=entity_id,
                      recipient="ana@example.org", title="Port opens", change="Gabriel Boric is in the news")
        store.add_alerts([OutboxRow(key=alert.key, subscription_id=entity_id, article_id="a1",
                                    alert=alert.to_json(), due_at=T0, created_at=T0)])
        second = alert_key(entity_id, "article\x1fa2")
        store.add_alerts([OutboxRow(key=second, subscription_id=entity_id, article_id="a2",
                                    alert=replace(alert, key=second).to_json(), due_at=T0, created_at=T0)])
        [first] = [r for r in store.alerts() if r.article_id == "a1"]
        store.update_alert(replace(first, status="sent", sent_at=T0, attempts=1))

    code, out, _ = run(db, "follows")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0].startswith(f"{entity_id}  email   ana@example.org  entity: Gabriel Boric  [hourly]")
    assert lines[0].endswith("sent 1, pending 1")
    assert f"{pair_id}  webhook https://hooks.example.org/desk  pair: ARG-CHL CONSULT  [daily]" in lines[1]
    assert f"{query_id}  atom    {tmp_path / 'feeds' / 'water.xml'}" in lines[2]

    code, out, _ = run(db, "follows", "--json")
    listed = [json.loads(line) for line in out.splitlines()]
    assert [s["id"] for s in listed] == [entity_id, pair_id, query_id]
    assert listed[0]["alerts"] == {"sent": 1, "pending": 1, "dead": 0, "cancelled": 0}
    assert listed[1]["event_types"] == ["CONSULT"] and "secret" not in json.dumps(listed[1])

    code, out, _ = run(db, "unfollow", entity_id)
    assert code == 0 and out.strip() == f"unfollowed {entity_id}: ana@example.org no longer follows Gabriel Boric"
    with SQLiteStore(db) as store:
        assert sorted(r.status for r in store.alerts(subscription_id=entity_id)) == ["cancelled", "sent"]
        assert [s.id for s in store.subscriptions()] == [pair_id, query_id]
    code, _, err = run(db, "unfollow", entity_id)
    assert code == 1 and f"no subscription '{entity_id}': list them with 'wirewatch follows'" in err


def test_follow_a_story_by_id(tmp_path: Path) -> None:
    db = tmp_path / "wire.db"
    code, _, err = run(db, "follow", "ana@example.org", "--story", "s4")
    assert code == 1 and "no story 's4' in the store" in err and "wirewatch stories" in err
    with SQLiteStore(db) as store:
        for sid, merged in (("s1", None), ("s4", "s1")):
            store.put_story(StoryRow(id=sid, title="Mendoza water talks", created_at=T0, updated_at=T0,
                                     first_date="2026-03-02", last_date="2026-03-02", size=2, merged_into=merged))
    code, out, err = run(db, "follow", "ana@example.org", "--story", "s4")
    assert code == 0 and "story s4 was merged into s1: following s1" in err
    with SQLiteStore(db) as store:
        [sub] = store.subscriptions()
    assert (sub.id, sub.kind, sub.target) == (out.strip(), "story", "s1")


def test_bad_input_is_a_usage_error_naming_the_fix(tmp_path: Path) -> None:
    db = tmp_path / "wire.db"
    cases = [
        (["follow", "ana@example.org"], "exactly one thing, but none given"),
        (["follow", "ana@example.org", "--entity", "Boric", "--query", "water"], "choose one of --entity"),
        (["follow", "ana@", "--entity", "Boric"], "'ana@' is not an email address"),
        (["follow", "ana@example.org", "--pair", "CHL-XYZ"], "'XYZ' is not a country or organisation code"),
        (["follow", "ana@example.org", "--pair", "CHL-ARG", "--type", "MEET"], "choose from AGREE, CONSULT"),
        (["follow", "ana@example.org", "--entity", "Boric", "--secret", "k"], "signs webhook requests"),
        (["unfollow", "boric"], "not a subscription id"),
    ]
    for args, words in cases:
        code, out, err = run(db, *args)
        assert code == 2, args
        assert words in err and "Traceback" not in err, (args, err)
        assert out == ""
    code, out, _ = run(db, "follows")
    assert code == 0 and out.startswith("nobody follows anything yet")


def test_help_has_examples() -> None:
    for command in ("follow", "follows", "unfollow"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
