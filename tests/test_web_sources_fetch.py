"""Fetching politely, against real HTTP servers on loopback: user agent, limits, redirects, robots.txt.

The server helpers here are shared by the other test_web_sources_* modules.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wirewatch import __version__
from wirewatch.record import Rejected
from wirewatch.sources.web import (
    Fetcher,
    FetchError,
    FetchOptions,
    HostLimiter,
    SourceState,
    fetch_article,
    is_transient,
    poll_feed,
    poll_page,
)


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    delay_s: float = 0.0


Route = Reply | Callable[[dict[str, str]], Reply]


class LoopbackServer:
    """A real HTTP server on 127.0.0.1 with a free port; routes map a path to a reply."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                route = server.routes.get(self.path, Reply(404, {"Content-Type": "text/plain"}, b"no such"))
                reply = route(headers) if callable(route) else route
                try:
                    if reply.delay_s:
                        time.sleep(reply.delay_s)
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if isinstance(reply.body, bytes):
                        self.send_header("Content-Length", str(len(reply.body)))
                        self.end_headers()
                        self.wfile.write(reply.body)
                    else:
                        self.end_headers()  # no length: the body ends when the connection closes
                        for chunk in reply.body:
                            self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class FakeClock:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_fetcher(clock: FakeClock, **options: object) -> Fetcher:
    opts = {"timeout_s": 0.5, "max_bytes": 100_000, "host_delay_s": 0.0, "contact_url": "https://example.org/bot"}
    opts.update(options)
    return Fetcher(FetchOptions(**opts), clock=clock, sleep=clock.sleep)  # type: ignore[arg-type]


HTML = b"<!doctype html><html><head><title>Talks</title></head><body><p>Talks resumed.</p></body></html>"


def test_user_agent_names_wirewatch_version_and_contact(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/a"] = Reply(200, {"Content-Type": "text/html"}, HTML)
    with make_fetcher(clock) as fetcher:
        fetched = fetcher.get(server.url("/a"))
    assert fetched.body == HTML and fetched.status == 200
    agent = server.requests[0][1]["user-agent"]
    assert agent == f"wirewatch/{__version__} (+https://example.org/bot)"


def test_per_host_rate_limit_with_injected_clock(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/a"] = Reply(200, {"Content-Type": "text/plain"}, b"ok")
    with make_fetcher(clock, host_delay_s=2.5) as fetcher:
        fetcher.get(server.url("/a"))
        fetcher.get(server.url("/a"))
        fetcher.get(server.url("/a"))
        # Another host name (same server) is not held back by the first host's limit.
        fetcher.get(server.url("/a", host="localhost"))
    assert clock.sleeps == [pytest.approx(2.5), pytest.approx(2.5)]
    assert len(server.requests) == 4


def test_host_limiter_only_waits_for_what_is_left() -> None:
    clock = FakeClock()
    limiter = HostLimiter(10.0, clock=clock, sleep=clock.sleep)
    assert limiter.wait("news.example") == 0.0
    clock.now += 4.0  # time passes doing other work
    assert limiter.wait("news.example") == pytest.approx(6.0)
    clock.now += 11.0
    assert limiter.wait("news.example") == 0.0
    assert clock.sleeps == [pytest.approx(6.0)]


def test_redirect_followed_to_final_url(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/old"] = Reply(301, {"Location": "/new"})
    server.routes["/new"] = Reply(200, {"Content-Type": "text/html"}, HTML)
    with make_fetcher(clock) as fetcher:
        fetched = fetcher.get(server.url("/old"))
    assert fetched.url == server.url("/new") and fetched.body == HTML


def test_redirect_loop_is_a_clear_error(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/a"] = Reply(302, {"Location": "/b"})
    server.routes["/b"] = Reply(302, {"Location": server.url("/a")})
    with make_fetcher(clock) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/a"))
    assert info.value.reason == "redirect-loop"
    assert "redirect loop" in info.value.message and server.url("/a") in info.value.message
    assert server.paths() == ["/a", "/b"]


def test_too_many_redirects(server: LoopbackServer, clock: FakeClock) -> None:
    for i in range(10):
        server.routes[f"/hop{i}"] = Reply(302, {"Location": f"/hop{i + 1}"})
    with make_fetcher(clock, max_redirects=3) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/hop0"))
    assert info.value.reason == "too-many-redirects"
    assert len(server.requests) == 4


@pytest.mark.parametrize("declared", [True, False])
def test_enormous_body_stops_reading(server: LoopbackServer, clock: FakeClock, declared: bool) -> None:
    chunk = b"<p>" + b"x" * 8189 + b"</p>"
    sent = []

    def endless() -> Iterator[bytes]:
        for _ in range(2000):  # 16 MB if anyone read it all
            sent.append(1)
            yield chunk

    body: bytes | Iterable[bytes] = chunk * 40 if declared else endless()
    server.routes["/big"] = Reply(200, {"Content-Type": "text/html"}, body)
    with make_fetcher(clock, max_bytes=50_000) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/big"))
    assert info.value.reason == "too-large"
    assert "enormous body" in info.value.message and "50,000" in info.value.message


def test_timeout_is_a_clear_error(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/slow"] = Reply(200, {"Content-Type": "text/html"}, HTML, delay_s=2.0)
    started = time.monotonic()
    with make_fetcher(clock, timeout_s=0.3) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/slow"))
    assert time.monotonic() - started < 1.5
    assert info.value.reason == "timeout" and "no answer within 0.3s" in info.value.message


def test_unreachable_host_and_bad_scheme(clock: FakeClock) -> None:
    with make_fetcher(clock) as fetcher:
        with pytest.raises(FetchError) as info:
            fetcher.get("http://127.0.0.1:9/feed.xml")  # discard port: nothing listens
        assert info.value.reason in {"unreachable", "timeout"}
        with pytest.raises(FetchError) as info:
            fetcher.get("ftp://news.example/feed.xml")
        assert info.value.reason == "bad-url" and "https://" in info.value.message


ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: wirewatch\nDisallow: /no-bots/\nCrawl-delay: 7\n"


def test_robots_disallowed_page_is_skipped_with_reason(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/robots.txt"] = Reply(200, {"Content-Type": "text/plain"}, ROBOTS)
    server.routes["/no-bots/story"] = Reply(200, {"Content-Type": "text/html"}, HTML)
    server.routes["/news/story"] = Reply(200, {"Content-Type": "text/html"}, HTML)
    with make_fetcher(clock) as fetcher:
        skipped = fetch_article(fetcher, server.url("/no-bots/story"))
        fetched = fetch_article(fetcher, server.url("/news/story"))
        again = fetch_article(fetcher, server.url("/news/story"))
    assert skipped.__class__.__name__ == "Rejected"
    assert skipped.reason == "robots" and "robots.txt disallows" in skipped.message  # type: ignore[union-attr]
    assert fetched.__class__.__name__ == "Document" and again.__class__.__name__ == "Document"
    # robots.txt is read once and cached; the disallowed page is never requested.
    assert server.paths() == ["/robots.txt", "/news/story", "/news/story"]
    # The group for wirewatch (not the * group) applies, with its Crawl-delay.
    assert clock.sleeps == [pytest.approx(7.0), pytest.approx(7.0)]


def test_robots_missing_allows_unreadable_disallows(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/news/story"] = Reply(200, {"Content-Type": "text/html"}, HTML)
    with make_fetcher(clock) as fetcher:  # no /robots.txt route: 404
        assert fetcher.robots.allowed(server.url("/news/story"))[0]
    server.routes["/robots.txt"] = Reply(503, {"Content-Type": "text/plain"}, b"down")
    with make_fetcher(clock) as fetcher:
        ok, why = fetcher.robots.allowed(server.url("/news/story"))
    assert not ok and "could not be read" in why


def test_robots_not_consulted_for_plain_get(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/robots.txt"] = Reply(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /\n")
    server.routes["/feed.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, b"<rss/>")
    with make_fetcher(clock) as fetcher:
        fetcher.get(server.url("/feed.xml"))
    assert server.paths() == ["/feed.xml"]


def test_robots_txt_redirect_is_followed(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/robots.txt"] = Reply(301, {"Location": "/static/robots.txt"})
    server.routes["/static/robots.txt"] = Reply(200, {"Content-Type": "text/plain"},
                                                b"User-agent: *\nDisallow: /drafts/\n")
    with make_fetcher(clock) as fetcher:
        assert not fetcher.robots.allowed(server.url("/drafts/story"))[0]
        assert fetcher.robots.allowed(server.url("/2025/10/21/story"))[0]


def test_robots_unreadable_is_a_passing_failure(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/robots.txt"] = Reply(503, {"Content-Type": "text/plain"}, b"down")
    with make_fetcher(clock) as fetcher:
        doc = fetch_article(fetcher, server.url("/2025/10/21/story"))
    assert doc.reason == "robots-unreachable" and is_transient(doc.reason)  # type: ignore[union-attr]
    assert "/2025/10/21/story" not in server.paths()


@pytest.mark.parametrize("reason, transient", [
    ("timeout", True), ("unreachable", True), ("http-503", True), ("http-599", True), ("http-429", True),
    ("http-404", False), ("robots", False), ("too-large", False), ("redirect-loop", False), ("not-html", False),
])
def test_transient_reasons(reason: str, transient: bool) -> None:
    assert is_transient(reason) is transient


@pytest.mark.parametrize("url", ["", "not a url", "http://", "http://[::1", "https://\x00/", "ftp://x.example/",
                                 "//news.example/rss", "http://127.0.0.1:0/feed"])
def test_odd_urls_never_raise(clock: FakeClock, url: str) -> None:
    with make_fetcher(clock) as fetcher:
        feed = poll_feed(fetcher, SourceState(url=url), now=0.0)
        page = poll_page(fetcher, SourceState(url=url, kind="page"), now=0.0)
        doc = fetch_article(fetcher, url)
    assert not feed.ok and not page.ok and isinstance(doc, Rejected)
    assert feed.reason in {"bad-url", "unreachable"} and feed.state.failures == 1
    assert feed.error is not None and not feed.error.startswith(":")


def test_errors_after_a_redirect_name_both_urls(server: LoopbackServer, clock: FakeClock) -> None:
    server.routes["/feed"] = Reply(301, {"Location": "/moved/feed.xml"})
    with make_fetcher(clock) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/feed"))
    assert info.value.message.startswith(f"{server.url('/feed')} (redirected to {server.url('/moved/feed.xml')}): "
                                         "HTTP 404")


def test_compressed_bomb_is_stopped_at_the_limit(server: LoopbackServer, clock: FakeClock) -> None:
    import gzip

    bomb = gzip.compress(b"<rss>" + b" " * 20_000_000)  # ~20 KB on the wire, 20 MB unpacked
    assert len(bomb) < 100_000
    server.routes["/feed.xml"] = Reply(200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}, bomb)
    with make_fetcher(clock, max_bytes=1_000_000) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/feed.xml"))
    assert info.value.reason == "too-large"


def test_gzip_body_is_decoded(server: LoopbackServer, clock: FakeClock) -> None:
    import gzip

    server.routes["/a"] = Reply(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(HTML))
    with make_fetcher(clock) as fetcher:
        assert fetcher.get(server.url("/a")).body == HTML


def test_slow_drip_body_times_out(server: LoopbackServer, clock: FakeClock) -> None:
    def drip() -> Iterator[bytes]:
        for _ in range(40):
            time.sleep(0.05)  # each piece well within the read timeout, the whole far beyond it
            yield b"<p>drip</p>"

    server.routes["/drip"] = lambda _h: Reply(200, {"Content-Type": "text/html"}, drip())
    started = time.monotonic()
    with make_fetcher(clock, timeout_s=0.2) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(server.url("/drip"))
    assert info.value.reason == "timeout" and "took longer than" in info.value.message
    assert time.monotonic() - started < 1.5
