"""Near-duplicates: syndicated copies are found and linked on ingest, other articles are not."""

from __future__ import annotations

from pathlib import Path

from wirewatch.ingest import ingest
from wirewatch.record import Document
from wirewatch.store import MemoryStore, open_store
from wirewatch.stories.duplicates import NearDuplicates, from_bytes, shingles, signature, to_bytes

ORIGINAL = (
    "OSLO (Wire) - Norway and Sweden agreed on Tuesday to open talks on a joint fisheries authority for "
    "the Skagerrak, ending a two-year dispute over quotas for cod and shrimp, the two governments said. "
    "The agreement, reached after a three-hour meeting of fisheries ministers in Oslo, sets up a working "
    "group that will report by the end of the year. \u201cThis is a good day for fishermen on both sides "
    "of the border,\u201d Norway's fisheries minister Kari Lunde told reporters. Sweden's minister, Anders "
    "Holm, said the deal would be put to parliament in the spring. Fishing organisations in both countries "
    "welcomed the move but warned that the quotas themselves had not yet been settled."
)
SYNDICATED = (
    "Norway, Sweden to open talks on joint fisheries body\n\n"
    + ORIGINAL.replace("OSLO (Wire) - ", "OSLO - ").replace(" the two governments said.", " officials said.")
    + "\n\nReporting by the Nordic Desk; editing by the Wire staff."
)
OTHER = (
    "STOCKHOLM (Wire) - Sweden's fisheries minister Anders Holm on Friday rejected calls from coastal "
    "municipalities to close the Skagerrak shrimp fishery for the summer, saying stocks had recovered. "
    "Environmental groups accused the government of ignoring scientific advice and said they would take "
    "the case to court. The minister said a review would be published in the autumn."
)


def test_signature_survives_bytes() -> None:
    sig = signature(ORIGINAL)
    again = from_bytes(to_bytes(sig))
    assert sig.jaccard(again) == 1.0


def test_short_texts_still_get_shingles() -> None:
    assert shingles("Two words") == {b"two words"}
    assert shingles("") == set()


def test_syndicated_copy_is_found_but_a_follow_up_is_not() -> None:
    index = NearDuplicates()
    index.add("orig", signature(ORIGINAL))
    match = index.find(signature(SYNDICATED))
    assert match is not None and match[0] == "orig" and match[1] >= 0.7
    assert index.find(signature(OTHER)) is None
    assert index.find(signature(ORIGINAL), exclude="orig") is None


def docs(*pairs: tuple[str, str]) -> list[Document]:
    return [Document(id=i, text=t, published="2026-05-05", source=i) for i, t in pairs]


def test_ingest_links_the_copy_to_the_first_one_across_runs(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with open_store(db) as store:
        first = ingest(docs(("wire-1", ORIGINAL), ("other", OTHER)), store)
        assert (first.added, first.near_duplicates) == (2, 0)
    with open_store(db) as store:  # a later run: signatures come back from the file
        second = ingest(docs(("paper-7", SYNDICATED)), store)
        assert (second.added, second.near_duplicates) == (1, 1)
        copy = store.get("paper-7")
        assert copy is not None and copy.duplicate_of == "wire-1"
        original = store.get("wire-1")
        assert original is not None and original.duplicate_of is None
        assert [i for i, _ in store.signatures()] == ["wire-1", "other", "paper-7"]
        since = store.signatures_since(0)
        assert [i for _, i, _ in since] == ["wire-1", "other", "paper-7"]
        assert [i for _, i, _ in store.signatures_since(since[1][0])] == ["paper-7"]


def test_an_index_kept_across_ingest_calls_finds_a_copy_stored_by_another_writer(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    copies = NearDuplicates()
    with open_store(db) as watcher, open_store(db) as other:
        ingest(docs(("other", OTHER)), watcher, copies=copies)
        ingest(docs(("wire-1", ORIGINAL)), other)  # another process; the watcher's index has not seen it
        report = ingest(docs(("paper-7", SYNDICATED)), watcher, copies=copies)
        assert report.near_duplicates == 1
        copy = watcher.get("paper-7")
        assert copy is not None and copy.duplicate_of == "wire-1"


def test_a_copy_of_a_copy_links_to_the_first() -> None:
    store = MemoryStore()
    third = SYNDICATED.replace("Fishing organisations", "Fishers' groups")
    report = ingest(docs(("a", ORIGINAL), ("b", SYNDICATED), ("c", third)), store)
    assert report.near_duplicates == 2
    assert [store.get(x).duplicate_of for x in "bc"] == ["a", "a"]  # type: ignore[union-attr]
