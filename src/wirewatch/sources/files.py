"""Files, folders, standard input and JSON Lines -> documents.

A source never raises for one bad document: it yields a :class:`Rejected`
that names the input, the problem and the fix, and goes on with the rest.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from wirewatch.record import Document, Rejected
from wirewatch.sources.dates import DateError, normalise_published
from wirewatch.sources.decode import DecodeError, decode_bytes

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text"}
KNOWN_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES | {".gz", ".json"}
STDIN = "-"

Item = Document | Rejected


def document_id(path: str) -> str:
    """The file name without folder and extensions: ``a/b/a1b2.html.gz`` -> ``a1b2``."""
    if path == STDIN:
        return "stdin"
    name = Path(path).name
    stem = name.lstrip(".").split(".", 1)[0]
    return stem or name


def _suffixes(path: str) -> list[str]:
    return [s.lower() for s in Path(path).suffixes]


def is_jsonl(path: str) -> bool:
    s = _suffixes(path)
    return bool(s) and (s[-1] in JSONL_SUFFIXES or (s[-1] == ".gz" and len(s) > 1 and s[-2] in JSONL_SUFFIXES))


def is_html_name(path: str) -> bool:
    return any(s in HTML_SUFFIXES for s in _suffixes(path))


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; folders walked (sorted) for files with a known suffix."""
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and \
                        any(s in KNOWN_SUFFIXES - {".gz", ".json"} for s in _suffixes(str(child))):
                    yield str(child)
        else:
            yield p


def _read_bytes(path: str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes (so that too-large is detectable without reading it all)."""
    if path == STDIN:
        return sys.stdin.buffer.read(limit + 1)
    if _suffixes(path)[-1:] == [".gz"]:
        with gzip.open(path, "rb") as gz:
            return gz.read(limit + 1)
    with open(path, "rb") as fh:
        return fh.read(limit + 1)


def _rejected(doc_id: str, source: str, reason: str, message: str, text: str = "") -> Rejected:
    return Rejected(id=doc_id, source=source, reason=reason, message=message, text=text)


def read_path(path: str, *, max_bytes: int) -> Iterator[Item]:
    """Every document in one path (a JSON Lines file gives several)."""
    doc_id = document_id(path)
    try:
        data = _read_bytes(path, max_bytes)
    except FileNotFoundError:
        yield _rejected(doc_id, path, "not-found",
                        f"{path}: no such file: check the path (folders are read recursively)")
        return
    except IsADirectoryError:
        yield _rejected(doc_id, path, "unreadable", f"{path}: is a directory")
        return
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _rejected(doc_id, path, "unreadable",
                        f"{path}: cannot be read ({exc}): check that it is a readable file"
                        + (" and a valid gzip archive" if path.endswith(".gz") else ""))
        return
    if len(data) > max_bytes:
        yield _rejected(doc_id, path, "too-large",
                        f"{path}: larger than {max_bytes:,} bytes: split it, or raise the limit with "
                        f"WIREWATCH_MAX_DOCUMENT_BYTES")
        return
    if is_jsonl(path):
        yield from read_jsonl(data, path, max_bytes=max_bytes)
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield _rejected(doc_id, path, exc.reason, f"{path}: {exc}")
        return
    if not text.strip():
        yield _rejected(doc_id, path, "empty", f"{path}: the file is empty: nothing to analyse")
        return
    if is_html_name(path) or _looks_like_html(text):
        yield Document(id=doc_id, text="", html=text, kind="html", source=path)
    else:
        yield Document(id=doc_id, text=text, kind="text", source=path)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or \
        ("<head" in head and "<body" in text[:20000].lower())


def read_jsonl(data: bytes, path: str, *, max_bytes: int) -> Iterator[Item]:
    """One document per line: ``{"id", "text" | "html", "published"?, "url"?, "outlet"?, "title"?}``."""
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield _rejected(document_id(path), path, exc.reason, f"{path}: {exc}")
        return
    stem = document_id(path)
    for lineno, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _rejected(f"{stem}:{lineno}", where, "bad-json",
                            f"{where}: not valid JSON ({exc.msg} at column {exc.colno}): "
                            "each line must be one JSON object")
            continue
        if not isinstance(obj, dict):
            yield _rejected(f"{stem}:{lineno}", where, "bad-json",
                            f"{where}: a JSON {type(obj).__name__}, not an object: "
                            'each line must look like {"id": ..., "text": ...}')
            continue
        doc_id = str(obj.get("id") or f"{stem}:{lineno}")
        body = obj.get("text")
        html = obj.get("html")
        if not isinstance(body, str) and not isinstance(html, str):
            yield _rejected(doc_id, where, "no-text",
                            f'{where}: no "text" (or "html") string field: add the article text as "text"')
            continue
        try:
            published = normalise_published(obj.get("published"))
        except DateError as exc:
            yield _rejected(doc_id, where, "bad-date", f"{where}: {exc}",
                            text=body if isinstance(body, str) else "")
            continue
        authors = obj.get("authors") or []
        yield Document(
            id=doc_id, text=body if isinstance(body, str) else "",
            html=html if isinstance(html, str) and not isinstance(body, str) else None,
            kind="html" if isinstance(html, str) and not isinstance(body, str) else "text",
            published=published, url=_str_or_none(obj.get("url")),
            outlet=_str_or_none(obj.get("outlet")), title=_str_or_none(obj.get("title")),
            authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
            source=where)


def _str_or_none(v: object) -> str | None:
    return str(v) if v not in (None, "") else None


def read_inputs(paths: Iterable[str], *, max_bytes: int) -> Iterator[Item]:
    """Documents (or rejections) from every path, in order."""
    for path in expand(paths):
        yield from read_path(path, max_bytes=max_bytes)
