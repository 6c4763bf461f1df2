"""Polling RSS and Atom feeds on a loopback server: new items, conditional requests, every bad source."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from test_web_sources_fetch import FakeClock, LoopbackServer, Reply, make_fetcher
from wirewatch.sources.web import PollResult, SourceState, poll_feed
from wirewatch.sources.web.state import MAX_BACKOFF_S, MAX_SEEN

NOW = 1_790_000_000.0  # a wall-clock time for scheduling; the fetcher's clock is separate


def rss(*items: tuple[str, str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://wire.example/{slug}</link>"
        f"<guid isPermaLink=\"false\">wire-{slug}</guid><pubDate>{date}</pubDate>"
        f"<description>{title}, officials said.</description></item>"
        for slug, title, date in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire: World</title>'
            f"<link>https://wire.example/</link><description>World news</description>{entries}"
            "</channel></rss>").encode()


TALKS = ("2025/10/20/talks-resume", "Border talks resume in Geneva", "Mon, 20 Oct 2025 08:15:00 GMT")
SUMMIT = ("2025/10/21/summit-off", "Summit called off, officials say", "Tue, 21 Oct 2025 14:02:00 +0200")
STRIKE = ("2025/10/22/port-strike", "Dock workers strike at three ports", "Wed, 22 Oct 2025 06:00:00 GMT")

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Capital Bureau</title><id>urn:uuid:7d1c3c2e-feed</id><updated>2025-10-21T12:00:00Z</updated>
  <link href="https://bureau.example/"/>
  <entry>
    <title>Finance ministers agree on debt relief plan</title>
    <id>urn:uuid:entry-0001</id>
    <link rel="alternate" href="/economy/finance-ministers-agree-debt-relief"/>
    <published>2025-10-21T09:30:00+01:00</published><updated>2025-10-21T10:00:00Z</updated>
    <summary>Ministers agreed on Tuesday to extend repayment terms.</summary>
  </entry>
  <entry>
    <title>Opposition leader detained after rally</title>
    <id>urn:uuid:entry-0002</id>
    <link rel="alternate" href="https://bureau.example/politics/opposition-leader-detained"/>
    <updated>2025-10-20T18:45:00Z</updated>
  </entry>
</feed>"""


def poll(server: LoopbackServer, clock: FakeClock, state: SourceState, now: float = NOW) -> PollResult:
    with make_fetcher(clock) as fetcher:
        return poll_feed(fetcher, state, now=now)


def test_rss_first_poll_gives_every_item(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml; charset=utf-8"},
                                        rss(SUMMIT, TALKS))
    result = poll(server, clock, SourceState(url=server.url("/world.xml")))
    assert result.ok and not result.not_modified
    assert [it.id for it in result.items] == ["wire-2025/10/21/summit-off", "wire-2025/10/20/talks-resume"]
    first = result.items[0]
    assert first.link == "https://wire.example/2025/10/21/summit-off"
    assert first.title == "Summit called off, officials say"
    assert first.published == "2025-10-21T14:02:00+02:00"  # the publisher's offset kept
    assert result.items[1].published == "2025-10-20T08:15:00Z"
    assert first.summary == "Summit called off, officials say, officials said."
    state = result.state
    assert state.failures == 0 and state.last_error is None
    assert state.last_checked == NOW and state.next_check == NOW + state.interval_s
    assert state.has_seen("wire-2025/10/20/talks-resume") and state.has_seen(first.link)


def test_atom_feed_with_relative_links(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/atom"] = Reply(200, {"Content-Type": "application/atom+xml"}, ATOM)
    result = poll(server, clock, SourceState(url=server.url("/atom")))
    assert result.ok
    by_id = {it.id: it for it in result.items}
    one = by_id["urn:uuid:entry-0001"]
    assert one.link is not None and one.link.endswith("/economy/finance-ministers-agree-debt-relief")
    assert one.published == "2025-10-21T09:30:00+01:00"
    assert by_id["urn:uuid:entry-0002"].published == "2025-10-20T18:45:00Z"  # updated stands in


def test_conditional_request_304_gives_nothing_new(server: LoopbackServer, clock: FakeClock) -> None:
    def feed(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'})
        return Reply(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"',
                           "Last-Modified": "Tue, 21 Oct 2025 12:00:00 GMT"}, rss(TALKS))

    server.routes["/world.xml"] = feed
    first = poll(server, clock, SourceState(url=server.url("/world.xml")))
    assert first.state.etag == '"v1"' and first.state.last_modified == "Tue, 21 Oct 2025 12:00:00 GMT"
    second = poll(server, clock, first.state, now=NOW + 1000)
    sent = server.requests[-1][1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Tue, 21 Oct 2025 12:00:00 GMT"
    assert second.ok and second.not_modified and second.items == []
    assert second.state.etag == '"v1"' and second.state.next_check == NOW + 1000 + second.state.interval_s


def test_last_modified_alone_is_sent_back(server: LoopbackServer, clock: FakeClock) -> None:
    stamp = "Wed, 22 Oct 2025 07:00:00 GMT"

    def feed(headers: dict[str, str]) -> Reply:
        if headers.get("if-modified-since") == stamp:
            return Reply(304)
        return Reply(200, {"Content-Type": "application/rss+xml", "Last-Modified": stamp}, rss(TALKS))

    server.routes["/f"] = feed
    first = poll(server, clock, SourceState(url=server.url("/f")))
    assert first.state.etag is None
    second = poll(server, clock, first.state)
    assert "if-none-match" not in server.requests[-1][1]
    assert second.not_modified


def test_new_items_appear_on_the_second_poll(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(SUMMIT, TALKS))
    first = poll(server, clock, SourceState(url=server.url("/world.xml")))
    assert len(first.items) == 2
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(STRIKE, SUMMIT, TALKS))
    second = poll(server, clock, first.state, now=NOW + 900)
    assert [it.title for it in second.items] == ["Dock workers strike at three ports"]
    third = poll(server, clock, second.state, now=NOW + 1800)
    assert third.ok and third.items == []


def test_state_round_trips_through_json(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/world.xml"] = Reply(200, {"Content-Type": "application/rss+xml", "ETag": 'W/"42"'},
                                        rss(SUMMIT, TALKS))
    state = poll(server, clock, SourceState(url=server.url("/world.xml"))).state
    data = json.loads(json.dumps(state.to_dict()))
    assert data["next_check"].endswith("Z") and data["etag"] == 'W/"42"'
    assert SourceState.from_dict(data) == state
    with pytest.raises(ValueError, match="kind"):
        SourceState.from_dict({"url": "https://wire.example/", "kind": "podcast"})


def test_seen_set_is_bounded_and_keeps_what_is_still_listed() -> None:
    state = SourceState(url="https://wire.example/rss").with_seen(["pinned-story"])
    for start in range(0, MAX_SEEN + 50, 50):
        # Each poll: 50 new items and the pinned one the feed keeps listing.
        state = state.with_seen([*(f"id-{i}" for i in range(start, start + 50)), "pinned-story"])
    assert len(state.seen) == MAX_SEEN
    assert not state.has_seen("id-0") and state.has_seen(f"id-{MAX_SEEN + 49}") and state.has_seen("pinned-story")
    assert state.with_seen(["id-5040", "pinned-story"]) is not state
    assert state.with_seen([f"id-{MAX_SEEN + 49}", "pinned-story"]) is state


def test_feed_mislabelled_as_html_is_still_read(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/rss"] = Reply(200, {"Content-Type": "text/html; charset=utf-8"}, rss(TALKS))
    result = poll(server, clock, SourceState(url=server.url("/rss")))
    assert result.ok and len(result.items) == 1


PAGE = b"<!DOCTYPE html><html><head><title>World</title></head><body><a href='/a'>A</a></body></html>"


def bad_routes(server: LoopbackServer) -> dict[str, tuple[str, str]]:
    """Path -> (reason, words the message must contain); installs the routes."""
    chunk = b"<item>" + b"x" * 8000 + b"</item>"
    server.routes.update({
        "/slow.xml": Reply(200, {"Content-Type": "application/rss+xml"}, rss(TALKS), delay_s=1.5),
        "/gone.xml": Reply(404, {"Content-Type": "text/plain"}, b"not here"),
        "/broken-server.xml": Reply(500, {"Content-Type": "text/plain"}, b"oops"),
        "/invalid.xml": Reply(200, {"Content-Type": "application/rss+xml"}, b"<rss version='2.0'><channel<title"),
        "/page.xml": Reply(200, {"Content-Type": "text/html"}, PAGE),
        "/sneaky.xml": Reply(200, {"Content-Type": "application/xml"}, PAGE),
        "/loop.xml": Reply(301, {"Location": "/loop2.xml"}),
        "/loop2.xml": Reply(301, {"Location": "/loop.xml"}),
        "/huge.xml": lambda _h: Reply(200, {"Content-Type": "application/rss+xml"}, (chunk for _ in range(1000))),
        "/empty.xml": Reply(200, {"Content-Type": "application/rss+xml"}, b""),
        "/json.xml": Reply(200, {"Content-Type": "application/json"}, b'{"items": []}'),
    })
    return {
        "/slow.xml": ("timeout", "no answer within"),
        "/gone.xml": ("http-404", "404 not found"),
        "/broken-server.xml": ("http-500", "500 server error"),
        "/invalid.xml": ("invalid-xml", "invalid XML"),
        "/page.xml": ("not-a-feed", "feed URL returned HTML, not RSS/Atom: register it as a page source instead"),
        "/sneaky.xml": ("not-a-feed", "returned HTML, not RSS/Atom"),
        "/loop.xml": ("redirect-loop", "redirect loop"),
        "/huge.xml": ("too-large", "enormous body"),
        "/empty.xml": ("empty", "empty"),
        "/json.xml": ("not-a-feed", "is not RSS or Atom"),
    }


def test_bad_sources_fail_clearly_back_off_and_do_not_affect_others(
        server: LoopbackServer, clock: FakeClock) -> None:
    expected = bad_routes(server)
    server.routes["/good.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(SUMMIT, TALKS))
    paths = ["/good.xml", *expected, "/good2.xml"]
    server.routes["/good2.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(STRIKE))
    states = {p: SourceState(url=server.url(p), interval_s=600) for p in paths}
    waits: dict[str, list[float]] = {p: [] for p in paths}
    now = NOW
    with make_fetcher(clock, timeout_s=0.3, max_bytes=200_000) as fetcher:
        for _round in range(3):
            for p in paths:
                result = poll_feed(fetcher, states[p], now=now)
                states[p] = result.state
                assert result.state.next_check is not None
                waits[p].append(result.state.next_check - now)
                if p in expected:
                    reason, words = expected[p]
                    assert not result.ok and result.reason == reason, (p, result.error)
                    assert result.error is not None and words in result.error and server.url(p) in result.error
                    assert result.state.last_error == result.error and result.items == []
                else:
                    assert result.ok, result.error
            now += 3600
    for p in expected:
        assert states[p].failures == 3
        assert waits[p][0] < waits[p][1] < waits[p][2], p  # backoff grows
    assert states["/good.xml"].failures == 0 and waits["/good.xml"] == [600.0, 600.0, 600.0]
    assert states["/good2.xml"].failures == 0


def test_backoff_is_capped_and_recovery_resets(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/f.xml"] = Reply(503, {"Content-Type": "text/plain"}, b"busy")
    state = SourceState(url=server.url("/f.xml"), interval_s=900, failures=20)
    result = poll(server, clock, state)
    assert result.state.failures == 21 and result.state.next_check == NOW + MAX_BACKOFF_S
    server.routes["/f.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(TALKS))
    recovered = poll(server, clock, result.state)
    assert recovered.ok and recovered.state.failures == 0 and recovered.state.last_error is None
    assert recovered.state.next_check == NOW + 900


def test_retry_after_is_honoured(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/f.xml"] = Reply(429, {"Retry-After": "7200"}, b"slow down")
    result = poll(server, clock, SourceState(url=server.url("/f.xml"), interval_s=60))
    assert result.reason == "http-429" and result.state.next_check == NOW + 7200


def test_rss_ttl_stretches_the_interval(server: LoopbackServer, clock: FakeClock) -> None:
    body = rss(TALKS).replace(b"<description>World news</description>", b"<ttl>60</ttl>")
    server.routes["/f.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, body)
    result = poll(server, clock, SourceState(url=server.url("/f.xml"), interval_s=300))
    assert result.ok and result.state.next_check == NOW + 3600


def test_entries_without_ids_or_links(server: LoopbackServer, clock: FakeClock) -> None:
    body = (b"<rss version='2.0'><channel><title>Bare</title><item><title>Rail strike ends</title></item>"
            b"<item><description>Flooding closes the northern road.</description></item></channel></rss>")
    server.routes["/bare.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, body)
    first = poll(server, clock, SourceState(url=server.url("/bare.xml")))
    assert first.ok and len({it.id for it in first.items}) == 2
    assert poll(server, clock, first.state).items == []


def test_dates_keep_the_publishers_day(server: LoopbackServer, clock: FakeClock) -> None:
    late = ("2025/10/22/curfew-lifted", "Curfew lifted after midnight talks", "Wed, 22 Oct 2025 00:30:00 +0200")
    odd = ("2025/10/22/odd-date", "A date only feedparser reads", "2025-10-22")
    server.routes["/f.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(late, odd))
    items = poll(server, clock, SourceState(url=server.url("/f.xml"))).items
    assert items[0].published == "2025-10-22T00:30:00+02:00"  # in UTC it would be the 21st
    assert items[1].published == "2025-10-22"


def test_html_instead_of_feed_points_to_the_announced_feed(server: LoopbackServer, clock: FakeClock) -> None:
    page = (b"<!DOCTYPE html><html><head><title>World</title>"
            b"<link rel='alternate' type='application/rss+xml' title='World' href='/world/rss.xml'></head>"
            b"<body><p>Latest</p></body></html>")
    server.routes["/world"] = Reply(200, {"Content-Type": "text/html; charset=utf-8"}, page)
    result = poll(server, clock, SourceState(url=server.url("/world")))
    assert result.reason == "not-a-feed"
    assert result.error == (f"{server.url('/world')}: feed URL returned HTML, not RSS/Atom: register it as a page "
                            f"source instead, or register the feed the page announces: {server.url('/world/rss.xml')}")


def test_permanent_redirect_is_reported(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/old.xml"] = Reply(301, {"Location": "/new.xml"})
    server.routes["/tmp.xml"] = Reply(302, {"Location": "/new.xml"})
    server.routes["/new.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, rss(TALKS))
    moved = poll(server, clock, SourceState(url=server.url("/old.xml")))
    assert moved.ok and moved.moved_to == server.url("/new.xml") and moved.state.url == server.url("/old.xml")
    assert poll(server, clock, SourceState(url=server.url("/tmp.xml"))).moved_to is None
    assert poll(server, clock, SourceState(url=server.url("/new.xml"))).moved_to is None


@given(st.builds(
    SourceState,
    url=st.text(min_size=1, max_size=40),
    kind=st.sampled_from(["feed", "page", "folder", "warc"]),
    etag=st.none() | st.text(max_size=20),
    last_modified=st.none() | st.text(max_size=30),
    last_checked=st.none() | st.integers(0, 4_000_000_000).map(float),
    next_check=st.none() | st.integers(0, 4_000_000_000).map(float),
    interval_s=st.integers(1, 86_400).map(float),
    failures=st.integers(0, 50),
    last_error=st.none() | st.text(max_size=60),
    seen=st.lists(st.text(max_size=16), max_size=5).map(tuple),
))
def test_any_state_round_trips_through_json(state: SourceState) -> None:
    assert SourceState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
