"""Page sources: article-looking links, article pages as HTML documents, ids from URLs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_web_sources_fetch import FakeClock, LoopbackServer, Reply, make_fetcher
from wirewatch.record import Document, Rejected
from wirewatch.sources.web import (
    FeedItem,
    SourceState,
    canonical_url,
    discover_links,
    fetch_article,
    fetch_item,
    poll_page,
    poll_source,
    url_id,
)

FRONT = """<!DOCTYPE html>
<html><head><title>The Daily Courier - World</title><base href="https://www.courier.example/world/"></head>
<body>
<header class="site-header"><a href="/">Home</a> <a href="/world/">World</a>
  <a href="/politics/latest-headlines-from-the-capital">Latest headlines from the capital</a></header>
<nav><a href="/business/markets-rally-after-rate-decision">Markets</a></nav>
<main>
  <article><header><h2><a href="/2025/10/21/ministers-agree-on-debt-relief">Ministers agree on debt
    relief</a></h2></header>
    <p>By <a href="/author/jane-doe" rel="author">Jane Doe</a> in <a href="/tag/debt-crisis">debt crisis</a></p>
  </article>
  <article><h2><a href="../europe/rail-strike-ends-after-two-weeks.html?utm_source=front#comments">Rail
    strike ends after two weeks</a></h2></article>
  <article><h2><a href="/news/articles/c4g7x2kq">Flooding closes the northern coastal road for a week</a></h2>
  </article>
  <article><h2><a href="/world/europe-74412093">Talks</a></h2></article>
  <a href="/2025/10/21/ministers-agree-on-debt-relief#top">Ministers agree (again)</a>
  <a href="https://other.example/2025/10/21/someone-elses-story">Elsewhere</a>
  <a href="https://edition.courier.example/2025/10/20/opposition-leader-detained">Edition story</a>
  <a href="/topics/climate-change-and-energy">Climate</a>
  <a href="/world/">World</a> <a href="/video">Video</a> <a href="/page/2">More</a>
  <a href="/photos/summit-delegates-arrive.jpg">Photo</a>
  <a href="mailto:tips@courier.example">Send a tip</a> <a href="javascript:void(0)">Share</a>
  <a href="#main">Skip</a>
  <a href="/fr/2025/10/21/les-ministres-sentendent">En français</a>
  <a href="/pt-br/mundo/ministros-chegam-a-acordo-sobre-divida">Em português</a>
  <a href="/sign-up-for-our-morning-newsletter">Morning briefing</a>
  <a href="/q-and-a/">Q and A</a>
  <a href="http://www.courier.example/2025/10/21/ministers-agree-on-debt-relief">Ministers agree (http)</a>
  <a href="/2025/oct/22/ports">Ports</a>
</main>
<footer><a href="/about-us/our-editorial-standards-and-policies">Standards</a></footer>
</body></html>"""


def test_discover_links_finds_articles_only() -> None:
    # Not: the site header, nav and footer, author and tag pages, other sites, other language editions,
    # newsletter sign-up, short hub pages, images, mailto/javascript, the page itself, an http copy.
    links = discover_links(FRONT, "https://www.courier.example/world/")
    assert links == [
        "https://www.courier.example/2025/10/21/ministers-agree-on-debt-relief",
        "https://www.courier.example/europe/rail-strike-ends-after-two-weeks.html",
        "https://www.courier.example/news/articles/c4g7x2kq",
        "https://www.courier.example/world/europe-74412093",
        "https://edition.courier.example/2025/10/20/opposition-leader-detained",
        "https://www.courier.example/2025/oct/22/ports",
    ]


@pytest.mark.parametrize("html", ["", "   ", "plain words, no markup", "<a href=", "<html><body></body></html>",
                                  "\x00\x01\x02", '<?xml version="1.0" encoding="utf-8"?><html><body>'
                                  '<a href="/2025/01/02/x">x</a></body></html>',
                                  '<base href="http://[::1"><a href="http://[::1/2025/10/21/a-b-c">x</a>'
                                  '<a href="https://courier.example:99999/2025/10/21/a-b-c">y</a>'])
def test_discover_links_survives_odd_input(html: str) -> None:
    assert isinstance(discover_links(html, "https://courier.example/"), list)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=4))
def test_discover_links_never_raises(html: str, hrefs: list[str]) -> None:
    discover_links(html, "https://courier.example/world/")
    links = "".join(f'<a href="{h}">{h}</a><a href="https://courier.example/{h}/a-b-c">x</a>' for h in hrefs)
    for url in discover_links(f"<html><base href='{html[:20]}'><body>{links}</body></html>",
                              "https://courier.example/world/"):
        assert url.startswith(("http://", "https://"))


def test_canonical_url_and_stable_ids() -> None:
    a = "HTTPS://WWW.Courier.example:443/2025/10/21/story?utm_source=rss&id=7&fbclid=x#comments"
    assert canonical_url(a) == "https://www.courier.example/2025/10/21/story?id=7"
    assert url_id(a) == url_id("https://www.courier.example/2025/10/21/story?id=7")
    assert url_id(a) != url_id("https://www.courier.example/2025/10/21/story?id=8")
    assert len(url_id(a)) == 16 and int(url_id(a), 16) >= 0


ARTICLE = ("<!DOCTYPE html><html><head><meta charset='iso-8859-1'><title>Caf\xe9 owners protest</title></head>"
           "<body><article><h1>Caf\xe9 owners protest new tax</h1><p>PARIS (Wire) - Caf\xe9 owners marched on "
           "Monday against a tax on terraces, organisers said.</p></article></body></html>")


def test_fetch_article_gives_an_html_document(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/2025/10/20/cafe-owners-protest"] = Reply(
        200, {"Content-Type": "text/html"}, ARTICLE.encode("iso-8859-1"))
    server.routes["/r/abc"] = Reply(302, {"Location": "/2025/10/20/cafe-owners-protest"})
    with make_fetcher(clock) as fetcher:
        doc = fetch_article(fetcher, server.url("/r/abc"))
    assert isinstance(doc, Document)
    final = server.url("/2025/10/20/cafe-owners-protest")
    assert doc.kind == "html" and doc.text == "" and doc.url == final and doc.source == server.url("/r/abc")
    assert doc.id == url_id(final)
    assert doc.html is not None and "Café owners marched" in doc.html  # meta charset honoured


def test_fetch_article_header_charset_wins(server: LoopbackServer, clock: FakeClock) -> None:
    page = "<html><body><p>Zürich talks</p></body></html>"
    server.routes["/a"] = Reply(200, {"Content-Type": "text/html; charset=windows-1252"}, page.encode("cp1252"))
    with make_fetcher(clock) as fetcher:
        doc = fetch_article(fetcher, server.url("/a"))
    assert isinstance(doc, Document) and doc.html is not None and "Zürich" in doc.html


@pytest.mark.parametrize("reply, reason", [
    (Reply(404, {"Content-Type": "text/html"}, b"<html>missing</html>"), "http-404"),
    (Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 ..."), "not-html"),
    (Reply(200, {"Content-Type": "text/html"}, b"   \n"), "empty"),
    (Reply(200, {"Content-Type": "text/html"}, b"\x00\x01\x02\x03" * 100), "binary"),
])
def test_fetch_article_rejections(server: LoopbackServer, clock: FakeClock, reply: Reply, reason: str) -> None:
    server.routes["/story"] = reply
    with make_fetcher(clock) as fetcher:
        doc = fetch_article(fetcher, server.url("/story"))
    assert isinstance(doc, Rejected) and doc.reason == reason, doc
    assert server.url("/story") in doc.message


def front(*slugs: str) -> bytes:
    links = "".join(f'<li><a href="/2025/10/21/{s}">{s.replace("-", " ")}</a></li>' for s in slugs)
    return f"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><ul>{links}</ul></body></html>".encode()


def test_poll_page_lists_new_links_each_time(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/world"] = Reply(200, {"Content-Type": "text/html"}, front("summit-called-off", "talks-resume"))
    state = SourceState(url=server.url("/world"), kind="page")
    with make_fetcher(clock) as fetcher:
        first = poll_page(fetcher, state, now=1000.0)
        server.routes["/world"] = Reply(200, {"Content-Type": "text/html"},
                                        front("port-strike-spreads", "summit-called-off", "talks-resume"))
        second = poll_page(fetcher, first.state, now=2000.0)
    assert first.ok and [it.title for it in first.items] == ["summit called off", "talks resume"]
    assert second.ok and [it.link for it in second.items] == [server.url("/2025/10/21/port-strike-spreads")]
    assert second.state.next_check == 2000.0 + state.interval_s


def test_poll_page_respects_robots(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/robots.txt"] = Reply(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /world\n")
    server.routes["/world"] = Reply(200, {"Content-Type": "text/html"}, front("summit-called-off"))
    with make_fetcher(clock) as fetcher:
        result = poll_page(fetcher, SourceState(url=server.url("/world"), kind="page"), now=1000.0)
    assert not result.ok and result.reason == "robots" and "robots.txt disallows" in (result.error or "")
    assert server.paths() == ["/robots.txt"]
    assert result.state.failures == 1


def test_poll_page_that_is_a_feed(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/rss"] = Reply(200, {"Content-Type": "application/rss+xml"}, b"<rss version='2.0'/>")
    with make_fetcher(clock) as fetcher:
        result = poll_page(fetcher, SourceState(url=server.url("/rss"), kind="page"), now=1000.0)
    assert result.reason == "not-html" and "register it as a feed source" in (result.error or "")


def test_fetch_item_fills_title_and_date_from_the_feed(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/2025/10/21/summit-called-off"] = Reply(200, {"Content-Type": "text/html"}, b"<html><body>"
                                                         b"<p>The summit was called off.</p></body></html>")
    item = FeedItem(id="wire-1", link=server.url("/2025/10/21/summit-called-off"), title="Summit called off",
                    published="2025-10-21T12:02:00Z")
    with make_fetcher(clock) as fetcher:
        doc = fetch_item(fetcher, item)
        bare = fetch_item(fetcher, FeedItem(id="wire-2", title="No link here"))
    assert isinstance(doc, Document) and doc.title == "Summit called off"
    assert doc.published == "2025-10-21T12:02:00Z"
    assert isinstance(bare, Rejected) and bare.reason == "no-link" and "wire-2" in bare.message


def test_unsee_lets_a_failed_item_come_back(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/world"] = Reply(200, {"Content-Type": "text/html"}, front("summit-called-off"))
    with make_fetcher(clock) as fetcher:
        first = poll_page(fetcher, SourceState(url=server.url("/world"), kind="page"), now=1.0)
        [item] = first.items
        again = poll_page(fetcher, first.state.without_seen([item.id]), now=2.0)
    assert [it.id for it in again.items] == [item.id]


def test_poll_source_dispatches_on_kind(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/world"] = Reply(200, {"Content-Type": "text/html"}, front("summit-called-off"))
    with make_fetcher(clock) as fetcher:
        page = poll_source(fetcher, SourceState(url=server.url("/world"), kind="page"), now=1.0)
        warc = poll_source(fetcher, SourceState(url="/data/crawl.warc.gz", kind="warc"), now=1.0)
    assert page.ok and len(page.items) == 1
    assert warc.reason == "wrong-kind" and warc.state.failures == 0
