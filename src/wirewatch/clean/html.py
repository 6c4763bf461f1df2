"""clean_html: an HTML page -> the article body and metadata, through trafilatura.

trafilatura sees the markup, so it finds the article far better than any
line heuristic on the page's text (F1 0.965 against 0.92 on the ScrapingHub
dev pages); this module only maps its result onto :class:`Cleaned`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from wirewatch.clean.dates import to_iso
from wirewatch.clean.furniture import furniture_reason, strip_trailing
from wirewatch.clean.lines import features, norm_key, unwrap
from wirewatch.clean.meta import split_caption
from wirewatch.record import Caption, Cleaned, Removed

log = logging.getLogger(__name__)

# What trafilatura may leave in; its own judgement on menus and short lines is better than ours.
_DROPPED = frozenset({"cookies", "newsletter", "share", "advertisement", "legal", "copyright", "comments"})
_AUTHOR_SEP = re.compile(r"\s*;\s*")


def _paragraphs(text: str, title: str | None) -> tuple[list[str], bool, list[Removed]]:
    """trafilatura's lines -> paragraphs, whether any is prose, and what was dropped.

    Lines wrapped inside one HTML paragraph are joined back; banners trafilatura keeps
    (a cookie notice, a newsletter box) are dropped like in clean_text.
    """
    removed: list[Removed] = []
    out: list[str] = []
    prose = False
    paras = unwrap(text)
    if title and paras and norm_key(paras[0]) == norm_key(title):
        # The headline is metadata, not body text.
        removed.append(Removed(paras.pop(0), "title"))
    for para, line in zip(paras, features(paras), strict=True):
        reason = furniture_reason(line)
        if reason in _DROPPED:
            removed.append(Removed(para, reason))
            continue
        para, trailing = strip_trailing(para)
        if trailing:
            removed.append(Removed(trailing, "advertisement"))
        if para:
            out.append(para)
            prose = prose or line.is_prose
    return out, prose, removed


def _figure_captions(html: str) -> list[Caption]:
    """Captions of the article's figures: <figcaption> inside <article> (or <main>), with credits split off."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    scope = tree.xpath("//article") or tree.xpath("//main")
    out: list[Caption] = []
    seen: set[str] = set()
    for root in scope[:1]:
        for fig in root.iter("figcaption"):
            text = " ".join(fig.text_content().split())
            if not text or text in seen:
                continue
            seen.add(text)
            split = split_caption(text)
            out.append(Caption(text=split[0], credit=split[1]) if split and split[0]
                       else Caption(text=text))
    return out


def _extract(html: str, url: str | None) -> dict[str, Any] | None:
    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    except Exception as exc:  # noqa: BLE001 - a broken page is a document without article, not a crash
        log.debug("trafilatura failed on %s: %s", url or "<html>", exc)
        return None
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    """The article in an HTML page, with title, date, authors and site name where the page gives them.

    A page without an article gives ``Cleaned(text="")``: the caller rejects it with a reason.
    """
    if not html or not html.strip():
        return Cleaned(text="", url=url)
    meta = _extract(html, url)
    if meta is None:
        return Cleaned(text="", url=url)
    title = meta.get("title") or None
    paragraphs, prose, removed = _paragraphs(str(meta.get("text") or ""), title)
    text = "\n\n".join(paragraphs)
    if text and not prose:
        # trafilatura falls back to any text it finds; a page of menus is not an article.
        removed.append(Removed(text, "no-article"))
        text = ""
    author = meta.get("author")
    authors = [a for a in _AUTHOR_SEP.split(str(author)) if a] if author else []
    return Cleaned(
        text=text,
        published=to_iso(meta.get("date")),
        title=title,
        outlet=meta.get("sitename") or None,
        authors=authors,
        captions=_figure_captions(html) if text else [],
        removed=removed,
        url=url or meta.get("url") or None,
    )
