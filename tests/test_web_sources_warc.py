"""WARC archives written with warcio's own writer -> HTML documents; broken archives -> rejections."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.record import Document, Rejected
from wirewatch.sources.web import read_warc, url_id

STORY = ("<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><article><p>ROTTERDAM (Wire) - "
         "The harbour reopened on Friday after a three-day strike, the port authority said.</p></article>"
         "</body></html>")
LATIN = "<html><body><p>Señora Díaz said the vote would go ahead.</p></body></html>"


def write_warc(path: Path, *, gzip: bool) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=http))

        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
        writer.write_record(writer.create_warc_record(
            "https://port.example/2025/10/24/harbour-reopens", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            warc_content_type="application/http; msgtype=request"))
        response("https://port.example/2025/10/24/harbour-reopens", "200 OK", "text/html; charset=utf-8",
                 STORY.encode())
        response("https://port.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        response("https://port.example/missing", "404 Not Found", "text/html", b"<html>not found</html>")
        response("https://port.example/2025/10/24/vote-goes-ahead", "200 OK", "text/html; charset=iso-8859-1",
                 LATIN.encode("latin-1"))
        response("https://port.example/feed.xml", "200 OK", "application/rss+xml", b"<rss version='2.0'/>")


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    docs = list(read_warc(str(path)))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.url for d in docs if isinstance(d, Document)] == [
        "https://port.example/2025/10/24/harbour-reopens", "https://port.example/2025/10/24/vote-goes-ahead"]
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.kind == "html" and first.text == "" and first.html == STORY and first.source == str(path)
    assert first.id == url_id("https://port.example/2025/10/24/harbour-reopens")
    assert second.html is not None and "Señora Díaz" in second.html


def test_too_large_record_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    items = list(read_warc(str(path), max_bytes=len(LATIN) + 10))
    assert [type(i).__name__ for i in items] == ["Rejected", "Document"]
    assert isinstance(items[0], Rejected) and items[0].reason == "too-large"
    assert "harbour-reopens" in items[0].message


def test_broken_warc_is_rejected_naming_the_file(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"this is not a web archive\n" * 20)
    [item] = list(read_warc(str(garbage)))
    assert isinstance(item, Rejected) and item.reason == "bad-warc" and str(garbage) in item.message


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.8, 0.95])
def test_truncated_warc_keeps_what_was_read(tmp_path: Path, gzip: bool, fraction: float) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip=gzip)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * fraction)])
    items = list(read_warc(str(cut)))
    complete = list(read_warc(str(whole)))
    assert all(isinstance(i, Document) for i in items[:-1]) and len(items) - 1 <= len(complete)
    assert isinstance(items[-1], Rejected) and items[-1].reason == "bad-warc" and str(cut) in items[-1].message


def test_trailing_blank_lines_are_not_truncation(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    path.write_bytes(path.read_bytes() + b"\r\n\r\n\n")
    assert all(isinstance(i, Document) for i in read_warc(str(path)))


def test_missing_and_empty_files(tmp_path: Path) -> None:
    [missing] = list(read_warc(str(tmp_path / "nowhere.warc.gz")))
    assert isinstance(missing, Rejected) and missing.reason == "not-found"
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert list(read_warc(str(empty))) == []


@pytest.mark.parametrize("gzip", [True, False])
def test_damaged_bytes_never_raise(tmp_path: Path, gzip: bool) -> None:
    import random

    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=gzip)
    data = path.read_bytes()
    rng = random.Random(7)
    damaged = tmp_path / "damaged.warc"
    for _ in range(150):
        copy = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        damaged.write_bytes(bytes(copy))
        for item in read_warc(str(damaged)):
            assert isinstance(item, (Document, Rejected))
