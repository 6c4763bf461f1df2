"""clean_html: an HTML page -> the article body and metadata, through trafilatura."""

from __future__ import annotations

from wirewatch.record import Cleaned


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    raise NotImplementedError
