"""The command line: the output contract of analyze, and ingest / show / search / export / reanalyze
against a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wirewatch.cli import main
from wirewatch.examples import corpus_dir
from wirewatch.record import ANALYSIS_VERSION, Record
from wirewatch.store import open_store

BAD = Path(__file__).parent / "fixtures" / "bad"
ARTICLE = (
    "ZAGREB (Wire) - Croatian Prime Minister Ivo Marković said on Monday that he would meet "
    "Slovenian officials next week to settle a dispute over fishing rights.\n\n"
    "\u201cWe are ready to talk,\u201d Marković told reporters in Zagreb. \u201cBut we will not be rushed.\u201d\n\n"
    "Slovenia's foreign ministry accused Croatia of stalling the talks.\n"
)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--no-progress", *args], input=input, catch_exceptions=False)


def lines(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "zagreb-talks.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_analyze_keep_text_prints_one_compact_record_with_every_section(article: Path) -> None:
    result = run("analyze", "--keep-text", "--published", "2026-03-02", str(article))
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    [rec] = lines(result)
    assert rec["id"] == "zagreb-talks" and rec["text"] == ARTICLE and rec["published"] == "2026-03-02"
    for key in ("entities", "quotes", "times", "events", "captions", "removed", "authors"):
        assert isinstance(rec[key], list), key
    names = {e["name"] for e in rec["entities"]}  # type: ignore[union-attr, index]
    assert any("Marković" in n for n in names)
    for section in ("entities", "quotes", "times", "events"):
        for item in rec[section]:  # type: ignore[union-attr]
            spans = item.get("mentions") or [item["span"]]
            for s in spans:
                assert 0 <= s[0] < s[1] <= len(ARTICLE)
    # stdout holds records only: nothing else was printed there
    assert all(line.startswith("{") for line in result.stdout.splitlines())


def test_analyze_many_inputs_keeps_order_and_reports_failures(article: Path) -> None:
    result = run("analyze", "--keep-text", str(BAD / "empty.txt"), str(article), str(BAD / "binary.bin"),
                 str(BAD / "one_bad_line.jsonl"))
    assert result.exit_code == 1
    recs = lines(result)
    assert recs[0]["id"] == "empty" and "empty" in str(recs[0]["error"])
    assert recs[1]["id"] == "zagreb-talks" and "error" not in recs[1]
    assert recs[2]["id"] == "binary" and "binary" in str(recs[2]["error"])
    jsonl = [r for r in recs[3:]]
    assert len(jsonl) == 5  # every line of the batch file gets a record, broken ones included
    assert sum("error" in r for r in jsonl) == 2
    assert "one_bad_line.jsonl" in result.stderr


def test_analyze_reads_standard_input() -> None:
    result = run("analyze", "--keep-text", "-", input=ARTICLE)
    [rec] = lines(result)
    assert rec["id"] == "stdin" and rec["text"] == ARTICLE


def test_keep_text_is_refused_for_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>", encoding="utf-8")
    result = run("analyze", "--keep-text", str(page))
    assert result.exit_code == 1
    [rec] = lines(result)
    assert "--keep-text cannot be used with HTML" in str(rec["error"])


def test_articles_not_in_english_are_skipped_with_the_reason() -> None:
    result = run("analyze", str(BAD / "french.txt"), str(BAD / "german.txt"))
    recs = lines(result)
    assert [r["language"] for r in recs] == ["fr", "de"]
    assert all("not one wirewatch analyses" in str(r["error"]) for r in recs)


def test_the_record_language_is_the_identified_one(monkeypatch: pytest.MonkeyPatch, article: Path) -> None:
    # With two languages allowed, each record says which one it is in, not the configured list.
    monkeypatch.setenv("WIREWATCH_LANGUAGES", "en,de")
    result = run("analyze", str(article), str(BAD / "german.txt"))
    assert [r["language"] for r in lines(result)] == ["en", "de"]
    short = run("analyze", "--published", "2026-03-02", "-", input="Talks resume on Monday.\n")
    assert [r["language"] for r in lines(short)] == [None]  # too short to tell, two languages possible


def test_ingest_queues_followers_alerts_unless_told_not_to(tmp_path: Path, article: Path) -> None:
    from wirewatch.follow import add_subscription, new_subscription
    from wirewatch.store import SQLiteStore

    db = tmp_path / "news.db"
    with SQLiteStore(db) as store:
        add_subscription(store, new_subscription("desk@example.org", query="fishing rights"))
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "older-talks.txt").write_text(
        "LJUBLJANA (Wire) - Slovenia said on Thursday it had asked the European Commission to rule on "
        "fishing rights in the Bay of Piran after two rounds of talks with Croatia ended without a deal.\n\n"
        "\u201cThe court's award is binding,\u201d the foreign minister told parliament.\n", encoding="utf-8")
    quiet = run("--store", str(db), "ingest", "--no-alerts", str(archive))
    assert json.loads(quiet.stdout)["alerts"] == 0
    loud = run("--store", str(db), "ingest", str(article))
    assert json.loads(loud.stdout)["alerts"] == 1
    with SQLiteStore(db) as store:
        assert [r.article_id for r in store.alerts()] == ["zagreb-talks"]


def test_bad_published_option_is_a_usage_error(article: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", "--published", "last spring", str(article)])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_ingest_show_search_export_and_reingest(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "news.db"
    result = run("--store", str(db), "ingest", str(article), str(BAD))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.splitlines()[-1])
    # the article, and the fixtures that are odd but readable (Latin-1, UTF-16, good JSONL lines, ...)
    assert summary["added"] == 8
    assert summary["rejected"] == 8  # every bad fixture is rejected, none stops the batch
    assert "rejected" in result.stderr

    shown = run("--store", str(db), "show", "zagreb-talks")
    assert json.loads(shown.stdout)["text"].startswith("ZAGREB") or "Marković" in shown.stdout

    found = run("--store", str(db), "search", "fishing", "--json")
    assert [json.loads(x)["id"] for x in found.stdout.splitlines()] == ["zagreb-talks"]

    exported = run("--store", str(db), "export")
    assert "zagreb-talks" in [json.loads(x)["id"] for x in exported.stdout.splitlines()]
    table = run("--store", str(db), "export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(table.stdout)))
    assert rows and rows[0]  # a header at least

    rejected = run("--store", str(db), "rejected")
    reasons = {line.split("\t")[0] for line in rejected.stdout.splitlines()}
    assert {"empty", "not-english", "bad-json", "no-text", "bad-date"} <= reasons

    before = sqlite3.connect(db).execute("select count(*) from articles").fetchone()
    again = run("--store", str(db), "ingest", str(article))
    assert json.loads(again.stdout.splitlines()[-1])["unchanged"] == 1
    after = sqlite3.connect(db).execute("select count(*) from articles").fetchone()
    assert before == after


def test_show_unknown_id_names_the_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "x.db"), "show", "nope"])
    assert result.exit_code == 1 and "wirewatch search" in result.output


def test_copy_under_another_name_is_a_duplicate(tmp_path: Path, article: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(article.read_bytes())
    db = tmp_path / "news.db"
    result = run("--store", str(db), "ingest", str(article), str(copy))
    summary = json.loads(result.stdout.splitlines()[-1])
    assert (summary["added"], summary["duplicates"]) == (1, 1)


def test_reanalyze_updates_only_stale_records(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "news.db"
    run("--store", str(db), "ingest", str(article))
    with open_store(str(db)) as store:
        rec = store.get("zagreb-talks")
        assert isinstance(rec, Record)
        meta = store.meta("zagreb-talks")
        assert meta is not None
        rec.analysis_version = "0.0.0-old"
        rec.events = []
        assert store.put(rec, content_hash=meta.content_hash) == "updated"
    result = run("--store", str(db), "reanalyze")
    assert "1 updated" in result.stderr
    with open_store(str(db)) as store:
        fresh = store.get("zagreb-talks")
        assert fresh is not None and fresh.analysis_version == ANALYSIS_VERSION
    again = run("--store", str(db), "reanalyze")
    assert "0 documents" in again.stderr


def test_settings_tables_in_readme_are_current() -> None:
    from wirewatch.cli import setting_groups

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for _, rows in setting_groups():
        for env, default, help_text in rows:
            assert f"| `{env}` | `{default}` | {help_text} |" in readme, env


def test_settings_command_lists_every_group() -> None:
    result = run("settings")
    assert result.exit_code == 0
    for env in ("WIREWATCH_STORE", "WIREWATCH_CONTACT_URL", "WIREWATCH_SMTP_HOST", "WIREWATCH_ALERT_ATTEMPTS"):
        assert env in result.stdout
    assert "(secret)" in result.stdout  # the SMTP password's value is never shown


def test_example_corpus_is_where_demo_looks() -> None:
    assert any(corpus_dir().glob("*.txt"))


def test_demo_shows_a_near_duplicate_once(tmp_path: Path) -> None:
    import io

    from wirewatch.demo import run_demo
    from wirewatch.settings import Settings

    out = io.StringIO()
    run_demo(str(tmp_path / "demo.db"), settings=Settings(progress=False), out=out)
    text = out.getvalue()
    assert "(copy of " in text
    quotes = text.split("Who said what")[1].split("\n\n")[0].splitlines()[1:]
    # Compared without quotation marks: a copy may use straight ones where the original has curly.
    plain = {" ".join(q.translate({ord(c): None for c in '"\u201c\u201d'}).split()) for q in quotes}
    assert quotes and len(quotes) == len(plain)
