"""Cleaning: what a source gives -> the article body plus what the page says about it.

    clean_text(text, published=...)  plain text scraped from a page (furniture, captions, bylines)
    clean_html(html, url=...)        an HTML page, through trafilatura

Both return a :class:`~wirewatch.record.Cleaned`; every dropped line is kept in
``removed`` with its reason, so that nothing disappears silently.
"""

from __future__ import annotations

from wirewatch.clean.html import clean_html
from wirewatch.clean.text import clean_text

__all__ = ["clean_html", "clean_text"]
