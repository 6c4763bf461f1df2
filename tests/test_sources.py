"""Reading inputs: files, folders, JSON Lines, encodings and every kind of bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch.record import Document, Rejected
from wirewatch.sources import document_id, read_inputs
from wirewatch.sources.dates import DateError, normalise_published
from wirewatch.sources.decode import DecodeError, decode_bytes

ARTICLE = ("VIENNA (Wire) - Negotiators from Austria and Slovenia met on Monday for a second round "
           "of talks on the disputed rail corridor, officials said.\n\n"
           "“We made progress,” the Austrian delegate told reporters after the three-hour session.\n")
LIMIT = 1_000_000


def read(*paths: Path | str, limit: int = LIMIT) -> list[Document | Rejected]:
    return list(read_inputs([str(p) for p in paths], max_bytes=limit))


@pytest.mark.parametrize("path, expected", [
    ("a1b2.html.gz", "a1b2"), ("dir/sub/000_abc.txt", "000_abc"), ("story.jsonl.gz", "story"),
    ("-", "stdin"), ("report.v2.txt", "report"), ("binary.bin", "binary"), ("noext", "noext"),
])
def test_document_id_drops_folder_and_extensions(path: str, expected: str) -> None:
    assert document_id(path) == expected


def test_plain_text_file(tmp_path: Path) -> None:
    p = tmp_path / "wire1.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert (doc.id, doc.kind, doc.text, doc.source) == ("wire1", "text", ARTICLE, str(p))


def test_gzipped_html_is_read_as_html(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    html = f"<html><head><title>T</title></head><body><p>{ARTICLE}</p></body></html>"
    p.write_bytes(gzip.compress(html.encode("utf-8")))
    [doc] = read(p)
    assert isinstance(doc, Document)
    assert doc.kind == "html" and doc.html == html and doc.id == "page"


def test_html_recognised_by_content(tmp_path: Path) -> None:
    p = tmp_path / "saved"
    p.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>", encoding="utf-8")
    [doc] = read(p)
    assert isinstance(doc, Document) and doc.kind == "html"


def test_folder_is_walked_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    ids = [d.id for d in read(tmp_path)]
    assert ids == ["two", "one"] or ids == ["one", "two"]
    assert sorted(ids) == ["one", "two"]


def test_jsonl_one_bad_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a", "text": ARTICLE, "published": "2026-03-02"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d", "text": ARTICLE, "published": "sometime last spring"}),
        json.dumps({"id": "e", "text": ARTICLE, "published": "March 3, 2026", "outlet": "Wire"}),
    ]) + "\n", encoding="utf-8")
    items = read(p)
    assert [i.id for i in items] == ["a", "batch:2", "c", "batch:4", "d", "e"]
    kinds = [i.reason if isinstance(i, Rejected) else "ok" for i in items]
    assert kinds == ["ok", "bad-json", "no-text", "bad-json", "bad-date", "ok"]
    bad = items[1]
    assert isinstance(bad, Rejected) and f"{p}:2" in bad.message and "JSON" in bad.message
    date = items[4]
    assert isinstance(date, Rejected) and "YYYY-MM-DD" in date.message and date.text == ARTICLE
    last = items[5]
    assert isinstance(last, Document) and last.published == "2026-03-03" and last.outlet == "Wire"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n\t  \n", "empty"),
    (bytes(range(256)) * 40, "binary"),
])
def test_bad_files_are_rejected_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    [item] = read(p)
    assert isinstance(item, Rejected)
    assert item.reason == reason
    assert str(p) in item.message


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    [item] = read(tmp_path / "nope.txt")
    assert isinstance(item, Rejected) and item.reason == "not-found" and "nope.txt" in item.message


def test_too_large_file_is_rejected_without_reading_it_all(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    [item] = read(p, limit=20_000_000)
    assert isinstance(item, Rejected) and item.reason == "too-large"
    assert "WIREWATCH_MAX_DOCUMENT_BYTES" in item.message


def test_latin1_and_utf16_are_decoded(tmp_path: Path) -> None:
    text = "Der Außenminister traf sich in Zürich mit dem Präsidenten; café, naïve, façade.\n" * 3
    (tmp_path / "l1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))  # with BOM
    docs = read(tmp_path / "l1.txt", tmp_path / "u16.txt")
    assert [d.text for d in docs if isinstance(d, Document)] == [text, text]


def test_bad_gzip_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(b"this is not gzip")
    [item] = read(p)
    assert isinstance(item, Rejected) and item.reason == "unreadable" and "gzip" in item.message


@given(st.binary(max_size=2000))
def test_decode_never_crashes(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        assert exc.reason in {"binary", "encoding"}
    else:
        assert "\r" not in text


@given(st.dates())
def test_iso_dates_are_kept(d: object) -> None:
    iso = d.isoformat()  # type: ignore[attr-defined]
    assert normalise_published(iso) == iso
    assert normalise_published(normalise_published(iso)) == iso


@pytest.mark.parametrize("value", ["sometime last spring", "March 2026", "2026-02-30", "yesterday"])
def test_unreadable_dates_raise_a_clear_error(value: str) -> None:
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        normalise_published(value)
