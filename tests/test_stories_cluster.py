"""Story assignment: same-kind events with different names are different stories; follow-ups join."""

from __future__ import annotations

import json

from click.testing import CliRunner

from wirewatch.cli import main
from wirewatch.stories.cluster import ClusterOptions, cluster_texts, terms

QUAKE_A1 = ("A magnitude 6.8 earthquake struck the Arequipa region of southern Peru on Tuesday, "
            "collapsing adobe homes in Chivay and killing at least 14 people, Peruvian officials said.")
QUAKE_A2 = ("Rescuers in Chivay pulled two survivors from the rubble on Wednesday as the death toll from "
            "the Arequipa earthquake rose to 21, Peru's civil defence institute said.")
QUAKE_B1 = ("A strong earthquake shook the Greek island of Kefalonia on Sunday, damaging the port of "
            "Argostoli; Greece's civil protection agency reported no deaths.")
QUAKE_B2 = ("Engineers inspected cracked quays in Argostoli on Monday after the Kefalonia earthquake, "
            "and Greek ferries were diverted to the island's smaller harbours.")
STRIKE = ("Dock workers in Antwerp walked out on Thursday over pay, halting container traffic at "
          "Belgium's largest port, the ABVV union said.")


def test_two_earthquakes_are_two_stories_and_follow_ups_join() -> None:
    # one-sentence texts share fewer words than full articles: a lower threshold than the default
    got = cluster_texts([QUAKE_A1, QUAKE_B1, STRIKE, QUAKE_A2, QUAKE_B2], ClusterOptions(threshold=0.1))
    assert got[0] == got[3]
    assert got[1] == got[4]
    assert len({got[0], got[1], got[2]}) == 3


def test_threshold_controls_joining() -> None:
    assert len(set(cluster_texts([QUAKE_A1, QUAKE_A2], ClusterOptions(threshold=0.99)))) == 2


def test_capitalised_words_inside_sentences_weigh_more() -> None:
    t = terms("Rescuers reached Chivay. Rescuers left.", proper_weight=2.0)
    assert t["chivay"] == 2.0 and t["rescuers"] == 2.0  # twice at sentence starts: plain weight each


def test_empty_texts_get_stories_of_their_own() -> None:
    assert cluster_texts(["", "", QUAKE_A1]) == [0, 1, 2]


def test_cluster_command_gives_every_id_a_story(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "in.jsonl"
    rows = [{"id": f"d{i}", "text": t} for i, t in enumerate([QUAKE_A1, QUAKE_B1, QUAKE_A2])]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["cluster", "--threshold", "0.1", str(p)])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["d0", "d1", "d2", "in:4"]
    assert out[0]["story"] == out[2]["story"] != out[1]["story"]
