"""Matching on records made by the real pipeline: analysis, near-duplicates, stories, expectations.

A Chile–Argentina meeting is announced by two outlets, copied by a third,
and called off; a port opening names the Chilean president without any
event; Milei accuses Chile in an article that names him by surname only.
Every text was written for this test. The articles go through
``wirewatch.ingest.ingest`` into a real SQLite file once per module; the
matcher hook records each stored record with its story update, and the
tests match those against subscriptions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wirewatch.follow import SubscriptionIndex, match, match_all, new_subscription
from wirewatch.ingest import ingest
from wirewatch.record import Document, Record
from wirewatch.settings import Settings
from wirewatch.store import SQLiteStore
from wirewatch.store.follow_base import OutboxRow, SubscriptionRow
from wirewatch.stories.update import StoryUpdate

NOW = "2026-03-16T09:20:00Z"

ANNOUNCED = (
    "SANTIAGO, March 2 (Andes Wire) - Chilean President Gabriel Boric will meet Argentine President "
    "Javier Milei in Mendoza on March 20, the Chilean foreign ministry said on Monday.\n\n"
    "Boric told reporters the talks would focus on water from the Aconcagua basin. Farmers on both sides "
    "of the border say upstream dams have cut the flow of irrigation water during a long drought.\n")
# The same announcement, reported independently by another outlet.
ANNOUNCED_ELSEWHERE = (
    "BUENOS AIRES, March 2 (Pampas Daily) - Argentine President Javier Milei will meet Chilean President "
    "Gabriel Boric in Mendoza on March 20, a spokesman in Buenos Aires said on Monday.\n\n"
    "The two leaders are expected to discuss irrigation water and a planned rail tunnel under the Andes.\n")
# A syndicated copy of the first report under another outlet's dateline.
COPY = ANNOUNCED.replace("(Andes Wire)", "(Coast Herald)")
PORT = (
    "VALPARAISO, Chile, March 10 (Andes Wire) - A new port terminal opened in Valparaiso on Tuesday with "
    "room for four container ships, port officials said.\n\n"
    "A portrait of Gabriel Boric hangs in the terminal's entrance hall. Dock workers said the terminal "
    "would bring some 2,000 jobs to the city.\n")
ACCUSED = (
    "BUENOS AIRES, March 12 (Pampas Daily) - Milei accused Chile on Thursday of ignoring a 1991 "
    "water-sharing protocol, his office said.\n\n"
    "\"We will not let our vineyards die of thirst,\" Milei said at a rally in San Juan.\n")
CALLED_OFF = (
    "SANTIAGO, March 16 (Andes Wire) - The planned meeting between Chilean President Gabriel Boric and "
    "Argentine President Javier Milei in Mendoza on March 20 has been called off, the Chilean foreign "
    "ministry said on Monday.\n\n"
    "The ministry gave no reason. Farmers in the Aconcagua valley said they were disappointed.\n")
# Another outlet's own report of the call-off, once the expectation is already cancelled.
CALLED_OFF_ELSEWHERE = (
    "BUENOS AIRES, March 16 (Pampas Daily) - A summit of Argentine President Javier Milei and Chilean "
    "President Gabriel Boric set for March 20 in Mendoza has been cancelled, a spokesman in Buenos Aires said "
    "on Monday.\n\n"
    "No new date was given. Wine growers near Mendoza had hoped the two leaders would agree on shared use of "
    "the river.\n")

ARTICLES = [("announced", "2026-03-02", ANNOUNCED), ("elsewhere", "2026-03-02", ANNOUNCED_ELSEWHERE),
            ("copy", "2026-03-02", COPY), ("port", "2026-03-10", PORT), ("accused", "2026-03-12", ACCUSED),
            ("called-off", "2026-03-16", CALLED_OFF), ("off-elsewhere", "2026-03-16", CALLED_OFF_ELSEWHERE)]


@dataclass
class Stored:
    record: Record
    update: StoryUpdate


@pytest.fixture(scope="module")
def wire_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(tmp_path_factory.mktemp("follow")) / "wire.db"


@pytest.fixture(scope="module")
def stored(wire_db: Path) -> Iterator[dict[str, Stored]]:
    out: dict[str, Stored] = {}

    def capture(record: Record, update: StoryUpdate) -> list[OutboxRow]:
        out[record.id] = Stored(record, update)
        return []

    path = wire_db
    docs = [Document(id=i, text=t, published=p, url=f"https://news.example.org/{i}") for i, p, t in ARTICLES]
    with SQLiteStore(path) as store:
        ingest(docs, store, settings=Settings(progress=False), matcher=capture)
    assert set(out) == {i for i, _, _ in ARTICLES}
    yield out


def sub(**kw: Any) -> SubscriptionRow:
    return new_subscription(kw.pop("recipient", "ana@example.org"), now=NOW, **kw)


def alerts(stored: dict[str, Stored], subs: list[SubscriptionRow], article: str) -> list[dict[str, Any]]:
    s = stored[article]
    rows = match(s.record, s.update, SubscriptionIndex.from_rows(subs), now=NOW)
    assert rows == match_all(subs, s.record, s.update, now=NOW)  # the index found every match
    return [{"key": r.key, "due_at": r.due_at, **json.loads(r.alert)} for r in rows]


def test_the_pipeline_saw_what_the_tests_rely_on(stored: dict[str, Stored]) -> None:
    assert stored["copy"].record.duplicate_of == "announced"
    assert [(e.type, e.modality) for e in stored["announced"].record.events] == [("CONSULT", "future")]
    assert [(e.id, e.status) for e in stored["called-off"].update.changed] == [("announced#0", "cancelled")]
    story = stored["announced"].update.assignment.story_id
    assert stored["elsewhere"].update.assignment.story_id == story
    assert stored["called-off"].update.assignment.story_id == story


def test_pair_follower_hears_of_the_plan_once_and_then_that_it_is_off(stored: dict[str, Stored]) -> None:
    follower = [sub(pair="ARG–CHL CONSULT")]
    announced = alerts(stored, follower, "announced")
    assert len(announced) == 1
    assert announced[0]["reason"] == "you follow ARG-CHL CONSULT"
    assert "planned" in announced[0]["change"] and "2026-03-20" in announced[0]["change"]
    assert announced[0]["evidence"].startswith("Chilean President Gabriel Boric will meet")
    assert announced[0]["outlet"] == "Andes Wire"
    assert announced[0]["source_url"] == "https://news.example.org/announced"
    # Another outlet's own report of the same plan is the same fact: the same key, so one alert.
    elsewhere = alerts(stored, follower, "elsewhere")
    assert [a["key"] for a in elsewhere] == [announced[0]["key"]]
    assert alerts(stored, follower, "copy") == []
    assert alerts(stored, follower, "port") == [] and alerts(stored, follower, "accused") == []
    off = alerts(stored, follower, "called-off")
    assert len(off) == 1  # the change, not also the "called off" event behind it
    assert off[0]["change"].startswith("the ARG\u2013CHL meeting expected 2026-03-20: now called off (cancelled)")
    assert off[0]["change"].endswith("Andes Wire, 2026-03-16")
    assert "has been called off" in off[0]["evidence"]
    # The second outlet's report of the call-off changes nothing any more, and is the same fact.
    assert stored["off-elsewhere"].update.changed == []
    assert [a["key"] for a in alerts(stored, follower, "off-elsewhere")] == [off[0]["key"]]


def test_pair_types_narrow_and_order_does_not_matter(stored: dict[str, Stored]) -> None:
    assert alerts(stored, [sub(pair=("CHL", "ARG"), event_types=["ACCUSE"])], "announced") == []
    assert len(alerts(stored, [sub(pair="CHL ARG")], "announced")) == 1


def test_entity_follower_gets_events_changes_and_plain_mentions(stored: dict[str, Stored]) -> None:
    follower = [sub(entity="gabriel boric")]  # case does not matter
    assert [a["title"] for a in alerts(stored, follower, "announced")] == [
        "Meeting planned: Gabriel Boric and Javier Milei"]
    mention = alerts(stored, follower, "port")
    assert len(mention) == 1
    assert mention[0]["evidence"] == "A portrait of Gabriel Boric hangs in the terminal's entrance hall."
    assert mention[0]["change"].startswith("Gabriel Boric is in the news")
    off = alerts(stored, follower, "called-off")
    assert len(off) == 1 and "now called off (cancelled)" in off[0]["change"]
    assert off[0]["change"].startswith("the meeting of Gabriel Boric and Javier Milei expected 2026-03-20")


def test_surname_only_article_reaches_the_follower_of_the_full_name(stored: dict[str, Stored]) -> None:
    found = alerts(stored, [sub(entity="Javier Milei")], "accused")
    assert len(found) == 1
    assert "accusation" in found[0]["change"] and "Milei accused Chile" in found[0]["evidence"]
    assert alerts(stored, [sub(entity="Javier Mendez")], "accused") == []


def test_country_follower_gets_events_of_its_actors(stored: dict[str, Stored]) -> None:
    follower = [sub(entity="Chile")]
    assert len(alerts(stored, follower, "accused")) == 1  # Chile is the target
    assert len(alerts(stored, follower, "announced")) == 1  # Boric acts for Chile
    assert alerts(stored, [sub(entity="Peru")], "announced") == []


def test_story_follower_hears_of_new_articles_and_changes(stored: dict[str, Stored]) -> None:
    story = stored["announced"].update.assignment.story_id
    follower = [sub(story=story)]
    joined = alerts(stored, follower, "elsewhere")
    assert len(joined) == 1 and joined[0]["change"].startswith(f"new article in story {story}")
    assert joined[0]["reason"] == f"you follow story {story}"
    off = alerts(stored, follower, "called-off")
    assert len(off) == 1 and "now called off (cancelled)" in off[0]["change"]
    assert alerts(stored, follower, "copy") == []
    assert alerts(stored, [sub(story="s-unrelated")], "elsewhere") == []


def test_query_follower(stored: dict[str, Stored]) -> None:
    follower = [sub(query='"rail tunnel"')]
    hits = [name for name, _, _ in ARTICLES if alerts(stored, follower, name)]
    assert hits == ["elsewhere"]
    found = alerts(stored, follower, "elsewhere")[0]
    assert found["evidence"].startswith("The two leaders are expected to discuss")
    assert found["reason"] == "you follow the search '\"rail tunnel\"'"
    either = [sub(query="vineyards OR portrait")]
    assert [name for name, _, _ in ARTICLES if alerts(stored, either, name)] == ["port", "accused"]
    prefix = [sub(query="aconcag*")]
    assert [name for name, _, _ in ARTICLES if alerts(stored, prefix, name)] == ["announced", "called-off"]


@pytest.mark.parametrize("query", ['"rail tunnel"', "vineyards OR portrait", "aconcag*", "Boric Milei",
                                   "irrigation water", '"called off"', "thirst* OR drought", "Mendoza -"])
def test_a_query_finds_what_wirewatch_search_finds(stored: dict[str, Stored], wire_db: Path, query: str) -> None:
    follower = [sub(query=query)]
    alerted = {name for name, _, _ in ARTICLES if alerts(stored, follower, name)}
    with SQLiteStore(wire_db) as store:
        found = {hit.id for hit in store.search(query, limit=100)}
    assert alerted == found - {"copy"}  # the copy is found, but gives no alert
    assert alerted


def test_digests_are_due_at_the_end_of_the_period(stored: dict[str, Stored]) -> None:
    subs = [sub(entity="Boric", cadence="hourly"), sub(entity="Milei", cadence="daily"), sub(pair="ARG-CHL")]
    due = {a["subscription_id"]: a["due_at"] for a in alerts(stored, subs, "announced")}
    assert due == {subs[0].id: "2026-03-16T10:00:00Z", subs[1].id: "2026-03-17T00:00:00Z", subs[2].id: NOW}


def test_a_copy_gives_nobody_anything(stored: dict[str, Stored]) -> None:
    everyone = [sub(entity="Gabriel Boric"), sub(pair="ARG-CHL"), sub(query="Mendoza"),
                sub(story=stored["copy"].update.assignment.story_id)]
    assert alerts(stored, everyone, "copy") == []
    assert len(alerts(stored, everyone, "announced")) == 4


def test_one_key_per_subscription_and_fact(stored: dict[str, Stored]) -> None:
    a, b = sub(pair="ARG-CHL"), sub(pair="ARG-CHL", recipient="bob@example.org")
    keys = [x["key"] for x in alerts(stored, [a, b], "announced")]
    assert len(set(keys)) == 2  # two people, one fact: each hears once
    again = [x["key"] for x in alerts(stored, [a, b], "announced")]
    assert keys == again  # matching the same article again makes the same keys (the outbox keeps one)


def test_evidence_sentence_keeps_initials_and_titles_together() -> None:
    from wirewatch.follow.features import sentence_around

    text = ("MENDOZA - Talks ended early. U.S. envoy Mr. Reyes met Gov. Alfredo Cornejo at 9 a.m. on Friday. "
            "\"It went well.\" Reyes left.\nA second line")
    at = text.index("Cornejo")
    assert sentence_around(text, at, at + 7) == ("U.S. envoy Mr. Reyes met Gov. Alfredo Cornejo at 9 a.m. on "
                                                 "Friday.")
    at = text.index("left")
    assert sentence_around(text, at, at + 4) == "Reyes left."
    at = text.index("second")
    assert sentence_around(text, at, at + 6) == "A second line"


def test_one_planned_summit_told_in_several_sentences_is_one_alert(tmp_path: Path) -> None:
    from wirewatch.examples import corpus_files
    from wirewatch.follow import add_subscription
    from wirewatch.sources import read_inputs

    [announced] = [p for p in corpus_files() if p.name == "hu-ro-summit-announced.txt"]
    with SQLiteStore(tmp_path / "summit.db") as store:
        sub, _ = add_subscription(store, new_subscription("desk@example.org", pair="HUN-ROU", event_types=["CONSULT"]))
        ingest(read_inputs([str(announced)], max_bytes=10**7), store, settings=Settings(progress=False))
        record = store.get("hu-ro-summit-announced")
        assert record is not None
        planned = [e for e in record.events if e.type == "CONSULT" and e.modality == "future"]
        assert len(planned) >= 2  # the article tells of the summit more than once
        rows = [r for r in store.alerts() if r.subscription_id == sub.id]
    assert len(rows) == 1
    assert "2026-04-14" in json.loads(rows[0].alert)["change"]  # the best-dated report
