"""Bytes -> text: byte-order marks, UTF-8, then charset-normalizer's best guess.

Binary data is refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / min(len(text), 20000)


def decode_bytes(data: bytes) -> str:
    """Decode a document's bytes; raise :class:`DecodeError` for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError("encoding", f"starts with a {encoding} byte-order mark but does not "
                                  f"decode as {encoding} ({exc.reason}): re-save it as UTF-8") from None
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise DecodeError("binary", "looks like a binary file (it contains NUL bytes), not text or HTML: "
                          "give wirewatch .txt, .html, .html.gz or .jsonl files")
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("encoding", "is not UTF-8 and its encoding could not be recognised: "
                          "re-save it as UTF-8")
    if _single_byte_latin(best.encoding):
        # Single-byte Latin code pages are hard to tell apart statistically; for English-language
        # news the Western one (Windows-1252, a superset of Latin-1's printable range) is by far
        # the likeliest.
        try:
            return _checked(data.decode("cp1252"))
        except UnicodeDecodeError:
            return _checked(data.decode("latin-1"))
    return _checked(str(best))


def _single_byte_latin(encoding: str) -> bool:
    e = encoding.lower().replace("-", "_")
    return e in {"cp1250", "cp1252", "cp1254", "cp1257", "windows_1250", "windows_1252", "latin_1",
                 "iso8859_1", "iso8859_2", "iso8859_15", "iso8859_9", "mac_roman", "mac_latin2"}


def _checked(text: str) -> str:
    if _control_ratio(text) > 0.05:
        raise DecodeError("binary", "looks like a binary file (many control characters), not text or HTML: "
                          "give wirewatch .txt, .html, .html.gz or .jsonl files")
    return text.replace("\r\n", "\n").replace("\r", "\n")
