"""WARC archives -> HTML documents, one per archived HTML response."""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from wirewatch.record import Document, Rejected
from wirewatch.sources.decode import DecodeError
from wirewatch.sources.web.pages import HTML_TYPES, decode_html
from wirewatch.sources.web.urls import short_hash, url_id

DEFAULT_MAX_BYTES = 20_000_000


def read_warc(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Rejected]:
    """HTML responses (status 2xx) in a WARC file as documents; other records are skipped.

    A file that is missing, is not a WARC, or breaks part-way gives a :class:`Rejected` naming
    it, after the documents read before the break.
    """
    file_id = short_hash(path)
    count = 0
    try:
        with open(path, "rb") as raw:
            stream: _StrictGzip | io.BufferedReader = _StrictGzip(raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
            head = stream.peek(16)[:16]
            if not head:
                return
            if not head.startswith((b"WARC/", b"filedesc://")):
                yield _broken(path, file_id, 0, "it does not start with a WARC/1.x header")
                return
            records = ArchiveIterator(stream)
            for record in records:
                item = _document(record, path, file_id, count, max_bytes)
                if item is not None:
                    count += 1
                    yield item
            # warcio ends quietly at a record cut off in its headers; in a plain file the
            # next record would then start before the end of the file.
            if isinstance(stream, io.BufferedReader) and _rest_is_data(raw, records.offset):
                yield _broken(path, file_id, count, f"the data ends in the middle of a record at byte "
                                                    f"{records.offset:,}")
    except FileNotFoundError:
        yield Rejected(id=file_id, source=path, reason="not-found",
                       message=f"{path}: no such file: check the path of the WARC archive")
    except _Truncated:
        yield _broken(path, file_id, count, "the compressed data ends in the middle of a record")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield _broken(path, file_id, count, f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        # warcio trips over some corrupt headers with errors of its own (AttributeError on a
        # record without a URI); a damaged file is still just a damaged file.
        yield _broken(path, file_id, count, f"{type(exc).__name__}: {exc}")


def _rest_is_data(raw: io.BufferedReader, offset: int) -> bool:
    if offset >= os.fstat(raw.fileno()).st_size:
        return False
    raw.seek(offset)
    return bool(raw.read(4096).strip())


class _Truncated(Exception):
    pass


class _StrictGzip(io.RawIOBase):
    """A gzip file's bytes, where a cut-off member raises instead of reading as the end.

    warcio takes EOFError for the end of the archive, and the gzip module raises exactly that
    for a truncated file; without this, a cut-off archive would look complete, only shorter.
    """

    def __init__(self, raw: io.BufferedReader):
        super().__init__()
        self._gz = gzip.GzipFile(fileobj=raw)

    def readable(self) -> bool:
        return True

    def peek(self, size: int) -> bytes:
        try:
            return self._gz.peek(size)
        except EOFError:
            raise _Truncated() from None

    def read(self, size: int = -1) -> bytes:
        try:
            return self._gz.read1(size if size > 0 else 1 << 16)
        except EOFError:
            raise _Truncated() from None

    def tell(self) -> int:
        return self._gz.tell()

    def close(self) -> None:
        self._gz.close()
        super().close()


def _broken(path: str, file_id: str, count: int, why: str) -> Rejected:
    return Rejected(id=file_id, source=path, reason="bad-warc",
                    message=f"{path}: not a readable WARC file after {count} document(s) ({why}): check "
                            "that it is a complete .warc or .warc.gz archive")


def _document(record: ArcWarcRecord, path: str, file_id: str, count: int,
              max_bytes: int) -> Document | Rejected | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path}: record for {uri or 'an unnamed URI'}"
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";", 1)[0].strip().lower() not in HTML_TYPES:
        return None
    doc_id = url_id(uri) if uri else f"{file_id}-{count}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejected(id=doc_id, source=where, reason="too-large",
                        message=f"{where}: larger than {max_bytes:,} bytes: not a normal article")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Rejected(id=doc_id, source=where, reason="bad-warc",
                        message=f"{where}: the record is cut short (the archive is truncated): check that "
                                "the .warc file was copied completely")
    try:
        html = decode_html(body, _charset(content_type))
    except DecodeError as exc:
        return Rejected(id=doc_id, source=where, reason=exc.reason, message=f"{where}: {exc}")
    if not html.strip():
        return None
    return Document(id=doc_id, text="", html=html, kind="html", url=uri or None, source=path)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"\'')
    return None
