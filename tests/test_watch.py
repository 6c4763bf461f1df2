"""Watching sources: registering them (kind detection, refusals), and watch rounds over real loopback
servers and real SQLite files — feeds, pages, folders and WARC files stored once, conditional requests,
bad sources backed off while good ones are read, article links that fail for a while or for good.

The article helpers here are shared by test_watch_crash.py.
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from test_web_sources_fetch import LoopbackServer, Reply
from wirewatch.ingest import ingest
from wirewatch.record import Document
from wirewatch.settings import Settings
from wirewatch.sources.web import FeedItem, Fetcher, url_id
from wirewatch.store import Store, StoreError, open_store
from wirewatch.store.follow_base import SourceRow
from wirewatch.store.sqlite import SQLiteStore
from wirewatch.watch import (
    SourceError,
    SourceExists,
    Stop,
    WatchSettings,
    add_source,
    list_sources,
    loop,
    remove_source,
    source_id,
    watch,
    watch_round,
)
from wirewatch.watch.kept import Kept
from wirewatch.watch.kinds import oldest_first
from wirewatch.watch.registry import load_state

NOW = 1_790_000_000.0
INTERVAL = 900.0

# Short wire stories written for these tests: (slug, headline, body paragraphs).
STORIES: list[tuple[str, str, list[str]]] = [
    ("port-strike-spreads", "Dock workers extend strike to three more ports", [
        "ROTTERDAM, Oct 21 (Wire) - Dock workers extended their strike to three more Dutch ports on Tuesday, "
        "halting container traffic along much of the North Sea coast, union leaders said.",
        "The FNV union said talks with employers had broken down over pay and night shifts, and that "
        "members would stay out until at least Friday.",
        "Port authorities said more than forty ships were waiting at anchor.",
    ]),
    ("finance-ministers-debt-relief", "Finance ministers agree debt relief plan for Zambia", [
        "LUSAKA, Oct 21 (Wire) - Finance ministers from twelve creditor countries agreed on Tuesday to extend "
        "repayment terms on Zambian debt by ten years, the Zambian finance ministry said in a statement.",
        "The agreement ends two years of negotiations and clears the way for new lending by the "
        "International Monetary Fund, officials said.",
        "Zambia's finance minister called the deal a turning point for the economy.",
    ]),
    ("opposition-leader-detained", "Opposition leader detained after rally in Tbilisi", [
        "TBILISI, Oct 20 (Wire) - Police in Georgia detained the leader of the main opposition party late on "
        "Monday after a rally outside parliament, his spokeswoman said.",
        "The interior ministry said he was held for organising an unauthorised gathering and would appear "
        "in court on Wednesday.",
        "Several thousand people had marched through the centre of the capital.",
    ]),
    ("floods-northern-italy", "Floods force thousands from homes in northern Italy", [
        "MILAN, Oct 22 (Wire) - Heavy rain flooded towns across northern Italy on Wednesday, forcing more than "
        "three thousand people from their homes, the civil protection agency said.",
        "Rescuers used boats to reach villages cut off near the river Po, and schools were closed in "
        "two provinces.",
        "The government said it would declare a state of emergency on Thursday.",
    ]),
    ("chile-copper-mine-talks", "Chile copper miners reach wage deal, ending walkout", [
        "SANTIAGO, Oct 22 (Wire) - Workers at one of Chile's largest copper mines reached a wage agreement with "
        "the company on Wednesday, ending a nine-day walkout, the union said.",
        "The deal raises basic pay by six percent and includes a one-time bonus, union president "
        "Carlos Rojas told reporters.",
        "Copper prices fell slightly after the announcement.",
    ]),
    ("kenya-election-commission", "Kenya names new election commission chair", [
        "NAIROBI, Oct 23 (Wire) - Kenya's president appointed a new chair of the election commission on "
        "Thursday, filling a post that had been vacant for more than a year, his office said.",
        "Opposition parties said they would challenge the appointment in court, arguing that the "
        "selection panel had not consulted them.",
        "The commission will oversee the general election due in 2027.",
    ]),
    ("baltic-cable-damage", "Finland investigates damage to Baltic undersea cable", [
        "HELSINKI, Oct 23 (Wire) - Finnish police opened an investigation on Thursday into damage to an "
        "undersea data cable linking Finland and Estonia, the coast guard said.",
        "A ship that passed over the cable overnight was being questioned in Finnish waters, officials "
        "said, adding that it was too early to speak of sabotage.",
        "Data traffic was rerouted through other links.",
    ]),
    ("peru-minister-resigns", "Peru's interior minister resigns amid protests", [
        "LIMA, Oct 24 (Wire) - Peru's interior minister resigned on Friday after a week of protests over "
        "rising crime in the capital, the presidential office said.",
        "Transport workers had blocked main roads into Lima for three days, demanding more police "
        "on the streets.",
        "The president thanked the minister and said a successor would be named within days.",
    ]),
]


def article_html(slug: str, headline: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{headline}</title></head>"
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav>"
            f"<article><h1>{headline}</h1>{body}</article>"
            f"<footer>Copyright Wire Services</footer></body></html>").encode()


def article_path(slug: str) -> str:
    return f"/news/2025/10/21/{slug}"


def rss_feed(server: LoopbackServer, stories: list[tuple[str, str, list[str]]]) -> bytes:
    items = "".join(
        f"<item><title>{headline}</title><link>{server.url(article_path(slug))}</link>"
        f"<guid isPermaLink=\"false\">wire-{slug}</guid><pubDate>Tue, 21 Oct 2025 08:00:00 GMT</pubDate></item>"
        for slug, headline, _ in stories)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire: World</title>'
            f"<link>{server.url('/')}</link><description>World news</description>{items}</channel></rss>").encode()


def conditional(body: bytes, content_type: str, etag: str) -> Callable[[dict[str, str]], Reply]:
    """A route that answers 304 to a request carrying its ETag, like a well-behaved server."""
    def route(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == etag:
            return Reply(304, {"ETag": etag})
        return Reply(200, {"Content-Type": content_type, "ETag": etag}, body)
    return route


def serve_articles(server: LoopbackServer, stories: list[tuple[str, str, list[str]]], *,
                   delay_s: float = 0.0) -> None:
    for slug, headline, paragraphs in stories:
        server.routes[article_path(slug)] = Reply(200, {"Content-Type": "text/html; charset=utf-8"},
                                                  article_html(slug, headline, paragraphs), delay_s=delay_s)


def watch_settings(**overrides: object) -> WatchSettings:
    values: dict[str, object] = {"host_delay_s": 0.0, "fetch_timeout_s": 2.0,
                                 "contact_url": "mailto:newsdesk@example.org"}
    values.update(overrides)
    return WatchSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "watch.db")) as s:
        yield s


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(watch_settings().fetch_options()) as f:
        yield f


SETTINGS = Settings(progress=False)


def article_ids(store: Store) -> list[str]:
    return sorted(store.ids())


def write_warc(path: Path, server_url: str, story: tuple[str, str, list[str]]) -> str:
    """A one-response WARC file (what a crawler would archive); returns the archived URL."""
    slug, headline, paragraphs = story
    uri = server_url + article_path(slug)
    body = article_html(slug, headline, paragraphs)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return uri


# --- registering sources ---------------------------------------------------------------------------


def test_add_detects_each_kind_and_refuses_a_second_copy(server: LoopbackServer, store: Store,
                                                         fetcher: Fetcher, tmp_path: Path) -> None:
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"},
                                        rss_feed(server, STORIES[:1]))
    # Served as text/xml with no feed type at all: the content decides, not the header.
    server.routes["/atom"] = Reply(200, {"Content-Type": "text/xml"},
                                   b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk'
                                   b"</title><id>urn:desk</id></feed>")
    server.routes["/world/"] = Reply(200, {"Content-Type": "text/html"},
                                     b"<!doctype html><html><body><a href='/news/2025/10/21/a-b-c'>A story</a>"
                                     b"</body></html>")
    folder = tmp_path / "incoming"
    folder.mkdir()
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, server.url(""), STORIES[0])

    feed = add_source(store, server.url("/world.xml"), fetcher=fetcher)
    atom = add_source(store, server.url("/atom"), fetcher=fetcher)
    page = add_source(store, server.url("/world/"), fetcher=fetcher, interval_s=1800)
    watched = add_source(store, str(folder))
    archive = add_source(store, str(warc))
    assert [(r.kind, r.url) for r in (feed, atom, page, watched, archive)] == [
        ("feed", server.url("/world.xml")), ("feed", server.url("/atom")), ("page", server.url("/world/")),
        ("folder", str(folder)), ("warc", str(warc))]
    assert feed.id == source_id(server.url("/world.xml")) and feed.id.startswith("src-")
    assert load_state(page).interval_s == 1800 and load_state(feed).interval_s == WatchSettings().watch_interval_s

    # The same source spelled differently (a tracking parameter, a fragment, ./ in a path) is the same.
    with pytest.raises(SourceExists, match="already watched as " + feed.id):
        add_source(store, server.url("/world.xml?utm_source=newsletter#top"), fetcher=fetcher)
    with pytest.raises(SourceExists, match="already watched as " + watched.id):
        add_source(store, str(folder / "." / ""))
    assert [i.row.id for i in list_sources(store)] == [feed.id, atom.id, page.id, watched.id, archive.id]

    # Moved for good (http -> https, an old path): the new address is watched, and known if already there.
    server.routes["/old.xml"] = Reply(301, {"Location": "/world.xml"})
    with pytest.raises(SourceExists, match="already watched as " + feed.id):
        add_source(store, server.url("/old.xml"), fetcher=fetcher)
    server.routes["/rss"] = Reply(308, {"Location": "/rss/latest.xml"})
    server.routes["/rss/latest.xml"] = server.routes["/world.xml"]
    assert add_source(store, server.url("/rss"), fetcher=fetcher).url == server.url("/rss/latest.xml")
    server.routes["/today.xml"] = Reply(302, {"Location": "/rss/latest.xml"})  # for now only: keep the address
    assert add_source(store, server.url("/today.xml"), fetcher=fetcher).url == server.url("/today.xml")


def test_add_refuses_what_cannot_be_a_source(server: LoopbackServer, store: Store, fetcher: Fetcher,
                                             tmp_path: Path) -> None:
    server.routes["/data.json"] = Reply(200, {"Content-Type": "application/json"}, b'{"items": []}')
    server.routes["/broken.xml"] = Reply(200, {"Content-Type": "application/rss+xml"},
                                         b"<rss version='2.0'><channel<title")
    note = tmp_path / "note.txt"
    note.write_text("Talks resumed in Geneva on Monday, officials said.")
    fake = tmp_path / "crawl.warc"
    fake.write_text("not an archive")
    local_feed = tmp_path / "feed.xml"
    local_feed.write_bytes(rss_feed(server, STORIES[:1]))

    cases = [
        (str(tmp_path / "missing"), "missing: no such file or folder: check the path"),
        (str(note), "neither a folder nor a WARC archive .* use 'wirewatch ingest PATH'"),
        (str(fake), "named like a WARC archive but does not start with a WARC/1.x record"),
        (str(local_feed), "RSS/Atom file on disk; feeds are watched over http.s.: add the feed's URL"),
        (server.url("/data.json"), "is application/json, neither an RSS/Atom feed nor an HTML page"),
        (server.url("/broken.xml"), "not a readable RSS/Atom feed .invalid XML"),
        (server.url("/gone.xml"), "HTTP 404 not found.*to register it anyway, without checking, give --kind"),
    ]
    for location, message in cases:
        with pytest.raises(SourceError, match=message):
            add_source(store, location, fetcher=fetcher)
    with pytest.raises(SourceError, match="note.txt: is a file, not a folder: add the folder it is in"):
        add_source(store, str(note), kind="folder")
    with pytest.raises(SourceError, match="is a folder: add it without --kind"):
        add_source(store, str(tmp_path), kind="warc")
    assert store.sources() == []

    # Unreachable now, but the user knows what it is: registered without fetching.
    requests = len(server.requests)
    row = add_source(store, server.url("/gone.xml"), kind="feed", fetcher=fetcher)
    assert row.kind == "feed" and len(server.requests) == requests


def test_remove_by_id_or_url_keeps_the_articles(server: LoopbackServer, store: Store, fetcher: Fetcher) -> None:
    row = add_source(store, server.url("/world.xml"), kind="feed")
    other = add_source(store, server.url("/asia.xml"), kind="feed")
    assert remove_source(store, row.id).id == row.id
    assert remove_source(store, server.url("/asia.xml")).id == other.id
    with pytest.raises(SourceError, match="no source 'src-nothing': list the watched sources"):
        remove_source(store, "src-nothing")
    assert store.sources() == []


# --- watch rounds --------------------------------------------------------------------------------


def test_round_stores_feed_page_folder_and_warc_articles_once(server: LoopbackServer, store: Store,
                                                              fetcher: Fetcher, tmp_path: Path) -> None:
    feed_stories, page_stories = STORIES[0:2], STORIES[2:3]
    server.routes["/world.xml"] = conditional(rss_feed(server, feed_stories), "application/rss+xml", '"f1"')
    links = "".join(f"<li><a href='{article_path(s)}'>{h}</a></li>" for s, h, _ in page_stories)
    server.routes["/world/"] = conditional(
        f"<!doctype html><html><body><nav><a href='/about'>About</a></nav><ul>{links}</ul></body></html>".encode(),
        "text/html", '"p1"')
    serve_articles(server, feed_stories + page_stories)
    folder = tmp_path / "incoming"
    folder.mkdir()
    slug, headline, paragraphs = STORIES[3]
    (folder / f"{slug}.txt").write_text(f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n")
    warc = tmp_path / "crawl.warc.gz"
    warc_uri = write_warc(warc, "https://archive.example", STORIES[4])

    rows = [add_source(store, server.url("/world.xml"), kind="feed"),
            add_source(store, server.url("/world/"), kind="page"),
            add_source(store, str(folder)), add_source(store, str(warc))]
    report = watch_round(store, fetcher, now=NOW, settings=SETTINGS)

    assert [s.id for s in report.sources] == [r.id for r in rows]
    # Oldest first: the feed lists the newest first (same dates here), so its items are read in reverse.
    assert [p for p in server.paths() if p.startswith("/news/")] == [
        article_path(STORIES[1][0]), article_path(STORIES[0][0]), article_path(STORIES[2][0])]
    assert [(s.kind, s.offered, s.added, s.error) for s in report.sources] == [
        ("feed", 2, 2, None), ("page", 1, 1, None), ("folder", 1, 1, None), ("warc", 1, 1, None)]
    expected = sorted([url_id(server.url(article_path(s))) for s, _, _ in feed_stories + page_stories]
                      + [slug, url_id(warc_uri)])
    assert article_ids(store) == expected
    assert [r.articles for r in store.sources()] == [2, 1, 1, 1]
    record = store.get(url_id(server.url(article_path(STORIES[0][0]))))
    assert record is not None and "Dock workers extended their strike" in record.text
    assert record.published is not None and record.published.startswith("2025-10-21")  # from the feed item
    assert all(load_state(r).next_check == NOW + INTERVAL for r in store.sources())

    # A second round, due again, with nothing new: 304s, no article fetched, nothing stored.
    server.requests.clear()
    again = watch_round(store, fetcher, now=NOW + INTERVAL, settings=SETTINGS)
    assert [(s.offered, s.added) for s in again.sources] == [(0, 0)] * 4
    assert sorted(server.paths()) == ["/world.xml", "/world/"]
    assert {h.get("if-none-match") for _, h in server.requests} == {'"f1"', '"p1"'}
    assert article_ids(store) == expected

    # Not due yet: not even polled.
    server.requests.clear()
    assert watch_round(store, fetcher, now=NOW + INTERVAL + 60, settings=SETTINGS).sources == []
    assert server.requests == []

    # A new file in the folder, and an edited one, are read; the others are not.
    slug5, headline5, paragraphs5 = STORIES[5]
    (folder / f"{slug5}.txt").write_text(f"{headline5}\n\n" + "\n\n".join(paragraphs5) + "\n")
    later = watch_round(store, fetcher, now=NOW + 3 * INTERVAL, settings=SETTINGS)
    assert [(s.kind, s.offered, s.added) for s in later.sources] == [
        ("feed", 0, 0), ("page", 0, 0), ("folder", 1, 1), ("warc", 0, 0)]
    assert len(article_ids(store)) == len(expected) + 1


def test_bad_sources_are_backed_off_and_listed_while_a_good_one_is_read(server: LoopbackServer, store: Store,
                                                                        tmp_path: Path) -> None:
    server.routes["/good.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:1]))
    serve_articles(server, STORIES[:1])
    server.routes["/error.xml"] = Reply(500, {"Content-Type": "text/plain"}, b"oops")
    server.routes["/invalid.xml"] = Reply(200, {"Content-Type": "application/rss+xml"},
                                          b"<rss version='2.0'><channel<title")
    server.routes["/front.xml"] = Reply(200, {"Content-Type": "text/html"},
                                        b"<!doctype html><html><body><p>Front page</p></body></html>")
    server.routes["/slow.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, b"<rss/>", delay_s=1.5)
    server.routes["/loop.xml"] = Reply(302, {"Location": "/loop-2.xml"})
    server.routes["/loop-2.xml"] = Reply(301, {"Location": "/loop.xml"})
    server.routes["/huge.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, b"<rss>" + b" " * 300_000)
    bad = {"/missing.xml": "HTTP 404 not found", "/error.xml": "HTTP 500 server error",
           "/invalid.xml": "invalid XML", "/front.xml": "feed URL returned HTML, not RSS/Atom",
           "/slow.xml": "no answer within 0.5s", "/loop.xml": "redirect loop",
           "/huge.xml": "enormous body, more than 200,000 bytes"}
    for path in ["/missing.xml", "/error.xml", "/invalid.xml", "/good.xml", "/front.xml", "/slow.xml", "/loop.xml",
                 "/huge.xml"]:
        add_source(store, server.url(path), kind="feed")
    gone = tmp_path / "gone"
    gone.mkdir()
    add_source(store, str(gone))
    gone.rmdir()

    with Fetcher(watch_settings(fetch_timeout_s=0.5, fetch_max_bytes=200_000).fetch_options()) as fetcher:
        report = watch_round(store, fetcher, now=NOW, settings=SETTINGS)

    assert report.added == 1 and len(report.failed) == 8
    assert article_ids(store) == [url_id(server.url(article_path(STORIES[0][0])))]
    by_url = {i.row.url: i for i in list_sources(store)}
    for path, message in bad.items():
        info = by_url[server.url(path)]
        assert info.state.failures == 1 and message in (info.state.last_error or ""), (path, info.state)
        assert info.state.next_check == NOW + 2 * INTERVAL  # backed off: twice the interval
        assert info.to_dict()["last_error"] == info.state.last_error
    assert "the folder no longer exists" in (by_url[str(gone)].state.last_error or "")
    good = by_url[server.url("/good.xml")]
    assert good.state.failures == 0 and good.state.last_error is None and good.row.articles == 1


def test_article_link_failures_passing_ones_retried_lasting_ones_recorded(server: LoopbackServer, store: Store,
                                                                         fetcher: Fetcher) -> None:
    flaky, gone = STORIES[0], STORIES[1]
    server.routes["/world.xml"] = conditional(rss_feed(server, [flaky, gone]), "application/rss+xml", '"v1"')
    server.routes[article_path(flaky[0])] = Reply(503, {"Retry-After": "120"}, b"busy")
    server.routes[article_path(gone[0])] = Reply(404, {}, b"no such article")
    row = add_source(store, server.url("/world.xml"), kind="feed")

    first = watch_round(store, fetcher, now=NOW, settings=SETTINGS)
    assert [(s.offered, s.added, s.rejected, s.retry) for s in first.sources] == [(2, 0, 1, 1)]
    assert [(r.reason, r.source) for r in store.rejections()] == [("http-404", server.url(article_path(gone[0])))]
    state = load_state(store.get_source(row.id))  # type: ignore[arg-type]
    assert state.failures == 0 and "1 article(s) failed for a passing reason" in (state.last_error or "")
    assert state.etag is None  # so that the next poll gets the whole feed, not a 304 hiding the item

    serve_articles(server, [flaky])
    server.requests.clear()
    second = watch_round(store, fetcher, now=NOW + INTERVAL, settings=SETTINGS)
    assert [(s.offered, s.added, s.rejected, s.retry) for s in second.sources] == [(1, 1, 0, 0)]
    assert server.paths() == ["/world.xml", article_path(flaky[0])]  # the 404 is not asked for again
    assert "if-none-match" not in server.requests[0][1]
    assert article_ids(store) == [url_id(server.url(article_path(flaky[0])))]
    assert load_state(store.get_source(row.id)).etag == '"v1"'  # type: ignore[arg-type]


def test_stop_between_articles_saves_progress_and_the_next_round_finishes(server: LoopbackServer, store: Store,
                                                                          fetcher: Fetcher) -> None:
    stories = STORIES[:4]
    server.routes["/world.xml"] = conditional(rss_feed(server, stories), "application/rss+xml", '"v1"')
    serve_articles(server, stories)
    stop = Stop()
    second_page = article_path(stories[2][0])  # read oldest first: the feed's newest is read last
    page = server.routes[second_page]
    assert isinstance(page, Reply)

    def stop_when_served(_headers: dict[str, str]) -> Reply:
        stop.set("SIGTERM")  # as if the signal arrived while this article was being fetched
        return page
    server.routes[second_page] = stop_when_served
    row = add_source(store, server.url("/world.xml"), kind="feed")

    report = watch_round(store, fetcher, now=NOW, settings=SETTINGS, stop=stop)
    assert report.stopped and [(s.added, s.stopped) for s in report.sources] == [(2, True)]
    assert len(article_ids(store)) == 2  # the article in hand was finished
    saved = load_state(store.get_source(row.id))  # type: ignore[arg-type]
    assert saved.is_due(NOW) and saved.etag is None

    rest = watch_round(store, fetcher, now=NOW + 1, settings=SETTINGS)
    assert [(s.offered, s.added) for s in rest.sources] == [(2, 2)]
    assert article_ids(store) == sorted(url_id(server.url(article_path(s))) for s, _, _ in stories)
    assert store.get_source(row.id).articles == 4  # type: ignore[union-attr]


def test_a_source_removed_during_a_round_is_not_brought_back(server: LoopbackServer, store: Store,
                                                             fetcher: Fetcher) -> None:
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:1]))
    row = add_source(store, server.url("/world.xml"), kind="feed")
    page = article_html(*STORIES[0])

    def remove_while_fetching(_headers: dict[str, str]) -> Reply:
        with open_store(store_path(store)) as other:  # another process: 'wirewatch sources remove'
            remove_source(other, row.id)
        return Reply(200, {"Content-Type": "text/html"}, page)
    server.routes[article_path(STORIES[0][0])] = remove_while_fetching
    watch_round(store, fetcher, now=NOW, settings=SETTINGS)
    assert store.sources() == [] and len(article_ids(store)) == 1


def store_path(store: Store) -> str:
    path = getattr(store, "path", None)
    assert isinstance(path, str | os.PathLike), "SQLiteStore keeps its path"
    return str(path)


def test_list_json_is_what_sources_list_prints(store: Store) -> None:
    row = add_source(store, "https://wire.example/world.xml", kind="feed", interval_s=600)
    info = list_sources(store)[0]
    assert json.loads(json.dumps(info.to_dict())) == {
        "id": row.id, "url": "https://wire.example/world.xml", "kind": "feed", "added_at": row.added_at,
        "interval_s": 600.0, "last_checked": None, "next_check": None, "failures": 0, "last_error": None,
        "articles": 0}


class CountingStore(SQLiteStore):
    """A real SQLite store that counts reads of the near-duplicate signatures, and how many it read."""

    full_reads = 0
    rows_read = 0

    def signatures_since(self, seq: int) -> list[tuple[int, str, bytes]]:
        rows = super().signatures_since(seq)
        self.full_reads += seq == 0
        self.rows_read += len(rows)
        return rows


def test_one_round_loads_the_near_duplicate_index_once_for_all_sources(server: LoopbackServer, tmp_path: Path,
                                                                       fetcher: Fetcher) -> None:
    for name, story in (("/a.xml", STORIES[0]), ("/b.xml", STORIES[1])):
        server.routes[name] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, [story]))
    serve_articles(server, STORIES[:2])
    with CountingStore(tmp_path / "watch.db") as counting:
        add_source(counting, server.url("/a.xml"), kind="feed")
        add_source(counting, server.url("/b.xml"), kind="feed")
        report = watch_round(counting, fetcher, now=NOW, settings=SETTINGS)
        assert [s.added for s in report.sources] == [1, 1]
        # Loading it costs about 2 s per 10,000 stored articles: once per round, not once per source.
        assert counting.full_reads == 1


def test_later_rounds_read_only_the_signatures_stored_since(server: LoopbackServer, tmp_path: Path,
                                                            fetcher: Fetcher) -> None:
    server.routes["/a.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:1]))
    serve_articles(server, STORIES[:2])
    kept = Kept()
    with CountingStore(tmp_path / "watch.db") as counting:
        # An archive stored before the watcher starts.
        ingest([Document(id=f"archive-{i}", text=" ".join(STORIES[i][2]), published="2025-10-20")
                for i in (3, 4)], counting, settings=SETTINGS)
        add_source(counting, server.url("/a.xml"), kind="feed")
        counting.full_reads = counting.rows_read = 0
        watch_round(counting, fetcher, now=NOW, settings=SETTINGS, kept=kept)
        assert (counting.full_reads, counting.rows_read) == (1, 2)  # the archive, once
        # Another process stores an article meanwhile: the next round's index must know it.
        ingest([Document(id="elsewhere", text=" ".join(STORIES[2][2]), published="2025-10-21")], counting,
               settings=SETTINGS)
        server.routes["/a.xml"] = Reply(200, {"Content-Type": "application/rss+xml"},
                                        rss_feed(server, STORIES[:2]))
        counting.full_reads = counting.rows_read = 0
        report = watch_round(counting, fetcher, now=NOW + 10_000, settings=SETTINGS, kept=kept)
        assert [s.added for s in report.sources] == [1]
        # Only what was stored since: the watcher's own article of round one and the other one.
        assert (counting.full_reads, counting.rows_read) == (0, 2)
        assert len(kept.copies) == 5


def test_the_subscription_index_is_kept_until_the_subscriptions_change(server: LoopbackServer, store: Store,
                                                                        fetcher: Fetcher) -> None:
    from wirewatch.follow import add_subscription, new_subscription

    server.routes["/a.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:1]))
    serve_articles(server, STORIES[:3])
    add_source(store, server.url("/a.xml"), kind="feed")
    add_subscription(store, new_subscription("desk@example.org", query="strike"))
    kept = Kept()
    watch_round(store, fetcher, now=NOW, settings=SETTINGS, kept=kept)
    assert kept.builds == 1 and len(list(store.alerts())) == 1
    server.routes["/a.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:2]))
    watch_round(store, fetcher, now=NOW + 10_000, settings=SETTINGS, kept=kept)
    assert kept.builds == 1  # nothing changed: not built again
    add_subscription(store, new_subscription("desk@example.org", query="debt relief"))
    server.routes["/a.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss_feed(server, STORIES[:3]))
    watch_round(store, fetcher, now=NOW + 20_000, settings=SETTINGS, kept=kept)
    assert kept.builds == 2  # a new follower is matched from the next round on


def test_items_are_read_oldest_first() -> None:
    def item(name: str, published: str | None) -> FeedItem:
        return FeedItem(id=name, link=f"https://wire.example/{name}", published=published)

    # By date, across UTC offsets and date-only stamps, whatever the listing order.
    dated = [item("noon-paris", "2025-10-21T12:00:00+02:00"), item("day-before", "2025-10-20"),
             item("ten-utc", "2025-10-21T10:30:00Z"), item("nine-utc", "2025-10-21T09:00:00Z")]
    assert [i.id for i in oldest_first(dated)] == ["day-before", "nine-utc", "noon-paris", "ten-utc"]
    # One undated item: the listing (newest first, by convention) is reversed.
    undated = [item("c", "2025-10-22T08:00:00Z"), item("b", None), item("a", "2025-10-20T08:00:00Z")]
    assert [i.id for i in oldest_first(undated)] == ["a", "b", "c"]


def test_a_stop_cuts_a_long_polite_wait_short_without_sending_the_request(server: LoopbackServer,
                                                                          store: Store) -> None:
    slug, headline, paragraphs = STORIES[0]
    link = server.url(article_path(slug), host="localhost")  # another host than the feed's
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>{headline}</title>'
        f"<link>{link}</link><guid>wire-{slug}</guid></item></channel></rss>").encode())
    serve_articles(server, [STORIES[0]])
    row = add_source(store, server.url("/world.xml"), kind="feed")
    stop = Stop()
    # robots.txt, then the article on the same host: 30 s apart (a site's Crawl-delay, say).
    with Fetcher(watch_settings(host_delay_s=30.0).fetch_options(), sleep=stop.polite_sleep) as fetcher:
        timer = threading.Timer(0.5, stop.set, args=("SIGTERM",))
        timer.start()
        started = time.monotonic()
        report = watch_round(store, fetcher, now=NOW, settings=SETTINGS, stop=stop)
        timer.join()
    assert time.monotonic() - started < 5
    assert report.stopped and server.paths() == ["/world.xml", "/robots.txt"]
    state = load_state(store.get_source(row.id))  # type: ignore[arg-type]
    assert state.is_due(NOW) and not state.has_seen(f"wire-{slug}")


def test_watch_every_schedules_the_next_check_but_keeps_the_sources_own_interval(tmp_path: Path, store: Store,
                                                                                fetcher: Fetcher) -> None:
    row = add_source(store, str(tmp_path), interval_s=3600)
    watch_round(store, fetcher, now=NOW, settings=SETTINGS, interval_s=60)
    state = load_state(store.get_source(row.id))  # type: ignore[arg-type]
    assert (state.next_check, state.interval_s) == (NOW + 60, 3600)
    # A plain watcher afterwards checks it when that run scheduled it, then every hour again.
    assert len(watch_round(store, fetcher, now=NOW + 61, settings=SETTINGS).sources) == 1
    assert load_state(store.get_source(row.id)).next_check == NOW + 61 + 3600  # type: ignore[arg-type]


def test_one_big_source_is_read_a_slice_per_round(server: LoopbackServer, store: Store, fetcher: Fetcher) -> None:
    stories = STORIES[:3]
    server.routes["/world.xml"] = conditional(rss_feed(server, stories), "application/rss+xml", '"v1"')
    serve_articles(server, stories)
    row = add_source(store, server.url("/world.xml"), kind="feed")

    first = watch_round(store, fetcher, now=NOW, settings=SETTINGS, max_items=2)
    assert [(s.offered, s.added, s.capped, s.stopped) for s in first.sources] == [(2, 2, True, False)]
    assert "(more next round)" in first.sources[0].line()
    state = load_state(store.get_source(row.id))  # type: ignore[arg-type]
    assert state.is_due(NOW) and state.etag is None and first.next_due == NOW

    second = watch_round(store, fetcher, now=NOW + 1, settings=SETTINGS, max_items=2)
    assert [(s.offered, s.added, s.capped) for s in second.sources] == [(1, 1, False)]
    assert len(article_ids(store)) == 3
    assert load_state(store.get_source(row.id)).etag == '"v1"'  # type: ignore[arg-type]


class FlakyStore(SQLiteStore):
    """A real SQLite store whose first listing of sources fails, as a locked database would."""

    failures = 1

    def sources(self) -> list[SourceRow]:
        if self.failures:
            self.failures -= 1
            raise StoreError("watch.db: database is locked (another program holds it)")
        return super().sources()


def test_a_failed_round_is_logged_and_the_watcher_carries_on(tmp_path: Path, fetcher: Fetcher,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop, "RETRY_S", 0.05)
    lines: list[str] = []
    stop = Stop()
    with FlakyStore(tmp_path / "watch.db") as flaky:
        add_source(flaky, str(tmp_path))
        flaky.failures = 1
        last = watch(flaky, fetcher, settings=SETTINGS, stop=stop, log=lines.append,
                     sender=lambda _now: stop.set("test"))  # the first round that runs ends the watch
    assert lines[0] == ("the round failed (StoreError: watch.db: database is locked (another program holds it)); "
                        "trying again in 0.05s")
    assert [s.kind for s in last.sources] == ["folder"] and lines[-1] == "stopped (test); sources' state saved"
    with FlakyStore(tmp_path / "watch.db") as flaky, pytest.raises(StoreError, match="database is locked"):
        watch(flaky, fetcher, settings=SETTINGS, once=True)  # one round for cron: the error is the caller's
