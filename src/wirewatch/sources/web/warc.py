"""WARC archives -> HTML documents, one per archived HTML response."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from wirewatch.record import Document, Rejected
from wirewatch.sources.decode import DecodeError
from wirewatch.sources.web.pages import HTML_TYPES, decode_html
from wirewatch.sources.web.urls import short_hash, url_id

DEFAULT_MAX_BYTES = 20_000_000


def read_warc(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Rejected]:
    """HTML responses (status 2xx) in a WARC file as documents; other records are skipped.

    A file that is missing or breaks part-way gives a :class:`Rejected` naming it, after the
    documents read before the break.
    """
    file_id = short_hash(path)
    count = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}: record for {uri or 'an unnamed URI'}"
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    content_type = record.http_headers.get_header("Content-Type") or ""
                    if not status.startswith("2"):
                        continue
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                mime = content_type.split(";", 1)[0].strip().lower()
                if mime not in HTML_TYPES:
                    continue
                body = record.content_stream().read(max_bytes + 1)
                doc_id = url_id(uri) if uri else f"{file_id}-{count}"
                count += 1
                if len(body) > max_bytes:
                    yield Rejected(id=doc_id, source=where, reason="too-large",
                                   message=f"{where}: larger than {max_bytes:,} bytes: not a normal article")
                    continue
                try:
                    html = decode_html(body, _charset(content_type))
                except DecodeError as exc:
                    yield Rejected(id=doc_id, source=where, reason=exc.reason, message=f"{where}: {exc}")
                    continue
                if not html.strip():
                    continue
                yield Document(id=doc_id, text="", html=html, kind="html", url=uri or None, source=path)
    except FileNotFoundError:
        yield Rejected(id=file_id, source=path, reason="not-found",
                       message=f"{path}: no such file: check the path of the WARC archive")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Rejected(id=file_id, source=path, reason="bad-warc",
                       message=f"{path}: not a readable WARC file after {count} document(s) "
                               f"({type(exc).__name__}: {exc}): check that it is a complete .warc or "
                               ".warc.gz archive")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"\'')
    return None
