"""Web pages: links that look like articles, and the article pages themselves.

A page source is a section front or home page; each poll lists the article
links on it that were not seen before. Article pages come back as HTML
documents for the cleaning stage (trafilatura) to turn into text.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

from wirewatch.record import Document, Rejected
from wirewatch.sources.dates import DateError, normalise_published
from wirewatch.sources.decode import DecodeError, decode_bytes
from wirewatch.sources.web.feeds import FeedItem, PollResult, failure, fetch_conditional, poll_feed
from wirewatch.sources.web.fetch import Fetched, Fetcher, FetchError
from wirewatch.sources.web.state import SourceState
from wirewatch.sources.web.urls import canonical_url, same_site, short_hash, url_id

HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = {"text/html", "application/xhtml+xml"}

# Path segments of pages about many articles or about the site, never one article.
_NOT_ARTICLE = {
    "tag", "tags", "topic", "topics", "author", "authors", "by", "category", "categories", "section",
    "sections", "about", "about-us", "contact", "contact-us", "login", "logout", "signin", "sign-in",
    "signup", "sign-up", "register", "subscribe", "subscription", "subscriptions", "newsletter",
    "newsletters", "search", "privacy", "privacy-policy", "terms", "terms-of-use", "terms-of-service",
    "cookies", "cookie-policy", "help", "faq", "feed", "feeds", "rss", "account", "profile", "user",
    "users", "cart", "shop", "careers", "jobs", "advertise", "page", "archive", "archives", "sitemap",
    "wp-admin", "wp-login.php", "cdn-cgi", "static", "assets", "staff", "team", "corrections",
}
_NOT_HTML = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|pdf|xml|rss|atom|json|css|js|zip|gz|mp[34]|m4a|"
                       r"mov|avi|webm|docx?|xlsx?|pptx?|txt)$", re.I)
_DATE_PATH = re.compile(r"/(19|20)\d\d[/-](0?[1-9]|1[0-2])([/-](0?[1-9]|[12]\d|3[01]))?(/|$)|"
                        r"/(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(/|$|[-_])|"
                        r"/(19|20)\d\d/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/\d\d?(/|$)",
                        re.I)
_LONG_NUMBER = re.compile(r"\d{6,}")
_NAV_TOKENS = {"nav", "navbar", "navigation", "menu", "main-menu", "site-nav", "site-header", "site-footer",
               "footer", "breadcrumb", "breadcrumbs", "sidebar", "pagination", "pager", "skip-link"}
_SKIP_REL = {"tag", "author", "category", "next", "prev", "nofollow"}
# Words that make a slug a page about the site, however many words it has.
_SITE_WORDS = {"subscribe", "subscription", "subscriptions", "unsubscribe", "newsletter", "newsletters", "login",
               "signin", "signup", "paywall"}
# A first path segment naming another language edition (/fr/..., /pt-br/...). Not "uk", "us", "in" or
# "id": those are as often sections (/uk/politics) or ids.
_LANGUAGES = {"ar", "bg", "bn", "ca", "cs", "da", "de", "el", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
              "it", "ja", "ko", "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "sw",
              "th", "tr", "ur", "vi", "zh"}
_EDITION = re.compile(r"^([a-z]{2})([-_][a-z]{2,4})?$")


def discover_links(html: str, base_url: str) -> list[str]:
    """Article-looking links on a page, absolute and canonical, in page order, without repeats."""
    return [url for url, _text in discover_link_texts(html, base_url)]


def discover_link_texts(html: str, base_url: str) -> list[tuple[str, str]]:
    """Like :func:`discover_links`, with each link's anchor text (a fair title when there is no other)."""
    root = _parse_html(html)
    if root is None:
        return []
    base = base_url
    for href in root.xpath("//base/@href")[:1]:
        try:
            base = urljoin(base_url, str(href).strip())
        except ValueError:
            pass  # a broken <base>: links resolve against the page's own URL
    page = _schemeless(canonical_url(base_url))
    found: dict[str, tuple[str, str]] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        if _SKIP_REL & set((a.get("rel") or "").lower().split()) or _in_navigation(a):
            continue
        try:
            canon = canonical_url(urljoin(base, href))
            key = _schemeless(canon)  # http and https copies of one link are one link
            if key == page or key in found:
                continue
            text = " ".join(a.text_content().split())
            if _article_like(canon, base_url, text):
                found[key] = (canon, text)
        except ValueError:
            continue  # a malformed href (an unclosed IPv6 bracket, a bad port) leads nowhere
    return list(found.values())


def _schemeless(url: str) -> str:
    return url.split("://", 1)[-1]


def _parse_html(html: str) -> lxml.html.HtmlElement | None:
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        # ValueError: a str with an XML encoding declaration; the bytes parse fine.
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (lxml.etree.ParserError, ValueError):
            return None


def _in_navigation(a: lxml.html.HtmlElement) -> bool:
    in_article = False
    for el in a.iterancestors():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("article", "main"):
            in_article = True
        if tag in ("nav", "footer", "aside") or (el.get("role") or "").lower() in ("navigation", "banner"):
            return True
        if tag == "header" and not in_article and not any(
                isinstance(x.tag, str) and x.tag in ("article", "main") for x in el.iterancestors()):
            return True
        tokens = set((el.get("class") or "").lower().split()) | {(el.get("id") or "").lower()}
        if tokens & _NAV_TOKENS:
            return True
    return False


def _article_like(url: str, base_url: str, text: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not same_site(url, base_url):
        return False
    segments = [unquote(s).lower() for s in parts.path.split("/") if s]
    if not segments or _NOT_HTML.search(parts.path):
        return False
    if any(s in _NOT_ARTICLE for s in segments) or _other_edition(segments, base_url):
        return False
    if _DATE_PATH.search(parts.path):
        return True
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1])
    words = [w for w in re.split(r"[-_+]+", last) if re.search(r"[a-z]", w)]
    if _SITE_WORDS & set(words):
        return False
    if sum(1 for w in words if len(w) > 1) >= 3:
        return True
    if len(segments) >= 2 and any(_LONG_NUMBER.search(s) for s in segments[-2:]):
        return True
    # Opaque ids (/news/articles/c4g7x2k): deep enough, and linked with a headline-length text.
    return len(segments) >= 2 and len(text.split()) >= 5


def _other_edition(segments: list[str], base_url: str) -> bool:
    m = _EDITION.match(segments[0])
    if m is None or m.group(1) not in _LANGUAGES:
        return False
    base = [s.lower() for s in urlsplit(base_url).path.split("/") if s]
    return not base or base[0] != segments[0]


def decode_html(body: bytes, charset: str | None) -> str:
    """HTML bytes -> text: the declared charset (header, then <meta>), else wirewatch's detection."""
    for name in (charset, _meta_charset(body)):
        if name:
            try:
                return body.decode(name).replace("\r\n", "\n").replace("\r", "\n")
            except (LookupError, UnicodeDecodeError):
                continue
    return decode_bytes(body)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def _meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii") if m else None


def is_html(fetched: Fetched) -> bool:
    if fetched.content_type in HTML_TYPES:
        return True
    head = fetched.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (not fetched.content_type or fetched.content_type in ("text/plain", "application/octet-stream")) \
        and head.startswith((b"<!doctype html", b"<html"))


def fetch_article(fetcher: Fetcher, url: str, *, obey_robots: bool = True) -> Document | Rejected:
    """The article page at ``url`` as an HTML :class:`Document` (id from its final URL), or why not."""
    try:
        fetched = fetcher.get(url, accept=HTML_ACCEPT, obey_robots=obey_robots)
    except FetchError as exc:
        return Rejected(id=url_id(url), source=url, reason=exc.reason, message=exc.message)
    except Exception as exc:  # one broken page must never stop the loop
        return Rejected(id=url_id(url), source=url, reason="internal",
                        message=f"{url}: unexpected {type(exc).__name__} while fetching ({exc}): "
                                "please report it")
    return _document(fetched, url)


def fetch_item(fetcher: Fetcher, item: FeedItem) -> Document | Rejected:
    """The article a feed or page item links to, with the item's title and date as fallbacks."""
    if not item.link:
        return Rejected(id=short_hash(item.id), source=item.id, reason="no-link",
                        message=f"feed item {item.id!r} ({item.title or 'untitled'}) has no link to an "
                                "article: nothing to fetch; only its summary is known")
    doc = fetch_article(fetcher, item.link)
    if isinstance(doc, Rejected):
        return doc
    try:
        published = normalise_published(item.published)
    except DateError:
        published = None
    return replace(doc, title=doc.title or item.title, published=doc.published or published)


def _document(fetched: Fetched, url: str) -> Document | Rejected:
    doc_id = url_id(fetched.url)
    if not is_html(fetched):
        return Rejected(id=doc_id, source=url, reason="not-html",
                        message=f"{url}: is {fetched.content_type or 'of no stated type'}, not an HTML "
                                "page: wirewatch reads articles from web pages (give the page's URL)")
    try:
        html = decode_html(fetched.body, fetched.charset)
    except DecodeError as exc:
        return Rejected(id=doc_id, source=url, reason=exc.reason, message=f"{url}: {exc}")
    if not html.strip():
        return Rejected(id=doc_id, source=url, reason="empty",
                        message=f"{url}: the page is empty: nothing to analyse")
    return Document(id=doc_id, text="", html=html, kind="html", url=fetched.url, source=url)


def poll_page(fetcher: Fetcher, state: SourceState, *, now: float | None = None) -> PollResult:
    """Fetch a page source (robots.txt permitting) and return the article links not seen before."""
    now = time.time() if now is None else now
    fetched = fetch_conditional(fetcher, state, now, accept=HTML_ACCEPT, obey_robots=True)
    if isinstance(fetched, PollResult):
        return fetched
    if not is_html(fetched):
        return failure(state, now, "not-html",
                       f"{state.url}: returned {fetched.content_type or 'no stated type'}, not an HTML "
                       "page: if it is a feed, register it as a feed source instead")
    try:
        links = discover_link_texts(decode_html(fetched.body, fetched.charset), fetched.url)
    except DecodeError as exc:
        return failure(state, now, exc.reason, f"{state.url}: {exc}")
    items = [FeedItem(id=url, link=url, title=text or None) for url, text in links
             if not state.has_seen(url)]
    updated = replace(state.with_seen(url for url, _ in links), etag=fetched.etag,
                      last_modified=fetched.last_modified)
    return PollResult(state=updated.succeeded(now), items=items, moved_to=fetched.moved_to)


def poll_source(fetcher: Fetcher, state: SourceState, *, now: float | None = None) -> PollResult:
    """Poll a feed or page source by its kind. Folders and WARC files are read, not polled over HTTP."""
    if state.kind == "feed":
        return poll_feed(fetcher, state, now=now)
    if state.kind == "page":
        return poll_page(fetcher, state, now=now)
    return PollResult(state=state, error=f"{state.url}: a {state.kind} source is read from disk "
                      "(read_inputs / read_warc), not polled over HTTP", reason="wrong-kind")
