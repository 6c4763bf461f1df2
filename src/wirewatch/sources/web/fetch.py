"""Polite HTTP fetching: who we are, how fast, how much, and what the server said.

One :class:`Fetcher` serves every source of a watch loop, so that its per-host
rate limit and robots.txt cache are shared. Failures raise :class:`FetchError`
with a short ``reason`` code and a message that names the URL, the problem and
the fix; the poll functions turn them into source state, never into a crash.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from wirewatch import __version__
from wirewatch.sources.web.robots import RobotsCache

Clock = Callable[[], float]
Sleep = Callable[[float], None]

# No made-up project page: a site operator who follows a contact URL must find whoever runs this
# watcher. Until the user sets one (WIREWATCH_CONTACT_URL), the agent names wirewatch only.
DEFAULT_CONTACT = ""


@dataclass(frozen=True)
class FetchOptions:
    """How the fetcher behaves; one frozen object so that settings map onto it one to one."""

    contact_url: str = field(default=DEFAULT_CONTACT, metadata={
        "help": "Where site operators can reach whoever runs this watcher (a web page or mailto:); sent in "
                "the User-Agent. Empty: the User-Agent names wirewatch and its version only."})
    timeout_s: float = field(default=20.0, metadata={
        "help": "Seconds to wait for a connection or for the next bytes, and for a whole response x3."})
    max_bytes: int = field(default=10_000_000, metadata={
        "help": "Largest response body read, in bytes; reading stops beyond it (enormous body)."})
    max_redirects: int = field(default=5, metadata={"help": "Redirects followed for one request."})
    host_delay_s: float = field(default=1.0, metadata={
        "help": "Least time between two requests to the same host, in seconds (robots.txt may ask more)."})
    max_crawl_delay_s: float = field(default=60.0, metadata={
        "help": "Ceiling on a robots.txt Crawl-delay, so that one site cannot stall the loop."})

    @property
    def user_agent(self) -> str:
        contact = self.contact_url.strip()
        return f"wirewatch/{__version__} (+{contact})" if contact else f"wirewatch/{__version__}"


# Failures worth retrying soon: the same request may well succeed next time.
TRANSIENT_REASONS = frozenset({"timeout", "unreachable", "bad-response", "http-429", "http-500", "http-502",
                               "http-503", "http-504", "robots-unreachable"})


def is_transient(reason: str) -> bool:
    """Whether a failure with this reason code may go away by itself (retry) or not (give up)."""
    return reason in TRANSIENT_REASONS or (reason.startswith("http-5") and reason[5:].isdigit())


class FetchError(Exception):
    """A request that gave nothing usable. ``reason`` is a short code; the message says what to do."""

    def __init__(self, url: str, reason: str, message: str, *, retry_after_s: float | None = None):
        super().__init__(message)
        self.url = url
        self.reason = reason
        self.message = message
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Fetched:
    """A response that was read: 2xx with its body, or 304 (``not_modified``, empty body)."""

    url: str  # the final URL, after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes = b""
    # Set when every redirect on the way was permanent (301/308): the source should move there.
    moved_to: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"\'')
        return None

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class HostLimiter:
    """At least ``delay`` seconds between two requests to one host; clock and sleep are injectable."""

    def __init__(self, delay_s: float, *, clock: Clock = time.monotonic, sleep: Sleep = time.sleep):
        self.delay_s = delay_s
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        self._delays[host] = max(self.delay_s, delay_s)

    def wait(self, host: str) -> float:
        """Sleep until ``host`` may be asked again; return how long that was."""
        waited = 0.0
        last = self._last.get(host)
        if last is not None:
            waited = last + self._delays.get(host, self.delay_s) - self._clock()
            if waited > 0:
                self._sleep(waited)
            else:
                waited = 0.0
        self._last[host] = self._clock()
        return waited


class Fetcher:
    """An ``httpx.Client`` with wirewatch's manners. Use as a context manager or call :meth:`close`."""

    def __init__(self, options: FetchOptions | None = None, *, clock: Clock = time.monotonic,
                 sleep: Sleep = time.sleep, transport: httpx.BaseTransport | None = None):
        self.options = options or FetchOptions()
        self.limiter = HostLimiter(self.options.host_delay_s, clock=clock, sleep=sleep)
        self.robots = RobotsCache(self, clock=clock)
        timeout = httpx.Timeout(self.options.timeout_s)
        self._client = httpx.Client(headers={"User-Agent": self.options.user_agent}, timeout=timeout,
                                    follow_redirects=False, transport=transport)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @property
    def user_agent(self) -> str:
        return self.options.user_agent

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None, obey_robots: bool = False) -> Fetched:
        """GET ``url``, following redirects; raise :class:`FetchError` for anything but 2xx/304.

        ``etag``/``last_modified`` make the request conditional. ``obey_robots`` (for page
        crawling) checks robots.txt for the URL and every redirect target first.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        visited = [url]
        current = url
        permanent = True
        while True:
            _check_scheme(url, current)
            if obey_robots:
                self.robots.check(current)
            status, response_headers, body, location = self._request(url, current, headers)
            if location is None:
                moved_to = current if len(visited) > 1 and permanent else None
                return _finish(url, current, status, response_headers, body, moved_to)
            permanent = permanent and status in (301, 308)
            target = urljoin(current, location)
            if target in visited:
                raise FetchError(url, "redirect-loop",
                                 f"{url}: redirect loop ({' -> '.join(visited + [target])}): the site "
                                 "is misconfigured; check the URL in a browser, or remove the source")
            if len(visited) > self.options.max_redirects:
                raise FetchError(url, "too-many-redirects",
                                 f"{url}: more than {self.options.max_redirects} redirects (last to "
                                 f"{target}): register the final URL instead")
            visited.append(target)
            current = target

    def _request(self, origin: str, url: str,
                 headers: dict[str, str]) -> tuple[int, dict[str, str], bytes, str | None]:
        host = urlsplit(url).netloc.lower()
        where = _where(origin, url)
        self.limiter.wait(host)
        limit = self.options.max_bytes
        deadline = time.monotonic() + 3 * self.options.timeout_s
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                location = response_headers.get("location") if response.is_redirect else None
                if location is not None or response.status_code == 304 or response.status_code >= 400:
                    return response.status_code, response_headers, b"", location
                declared = _int(response_headers.get("content-length"))
                if declared is not None and declared > limit:
                    raise _enormous(origin, where, limit, f"it declares {declared:,} bytes")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _enormous(origin, where, limit, "reading stopped there")
                    if time.monotonic() > deadline:
                        raise FetchError(origin, "timeout",
                                         f"{where}: the body took longer than {3 * self.options.timeout_s:g}s "
                                         "to arrive: the server is too slow; wirewatch will retry later")
                    chunks.append(chunk)
                return response.status_code, response_headers, b"".join(chunks), None
        except httpx.TimeoutException:
            raise FetchError(origin, "timeout",
                             f"{where}: no answer within {self.options.timeout_s:g}s: the server is slow or "
                             "down; wirewatch will retry later (raise the fetch timeout if it is always slow)"
                             ) from None
        except httpx.TooManyRedirects:  # not raised with follow_redirects=False; kept for transports
            raise FetchError(origin, "too-many-redirects", f"{where}: too many redirects") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(origin, "bad-url",
                             f"{where}: not an http(s) URL: give a URL starting with https://") from None
        except httpx.InvalidURL as exc:
            raise FetchError(origin, "bad-url", f"{where}: not a valid URL ({exc}): check it") from None
        except (httpx.DecodingError, httpx.RemoteProtocolError, httpx.LocalProtocolError) as exc:
            raise FetchError(origin, "bad-response",
                             f"{where}: the server sent a broken HTTP response ({exc}): wirewatch will "
                             "retry later; if it persists the site is broken") from None
        except httpx.HTTPError as exc:
            raise FetchError(origin, "unreachable",
                             f"{where}: cannot be reached ({type(exc).__name__}: {exc or 'no detail'}): "
                             "check the address and the network; wirewatch will retry later") from None


def _where(origin: str, url: str) -> str:
    """The URL as the user gave it, and where a redirect took it if elsewhere."""
    return url if url == origin else f"{origin} (redirected to {url})"


def _finish(origin: str, url: str, status: int, headers: dict[str, str], body: bytes,
            moved_to: str | None) -> Fetched:
    if status == 304 or 200 <= status < 300:
        return Fetched(url=url, status=status, headers=headers, body=body, moved_to=moved_to)
    raise FetchError(origin, f"http-{status}", _status_message(_where(origin, url), status),
                     retry_after_s=_retry_after(headers.get("retry-after")))


def _status_message(url: str, status: int) -> str:
    if status == 404:
        return f"{url}: HTTP 404 not found: check the URL, or remove the source if it has moved away"
    if status == 410:
        return f"{url}: HTTP 410 gone: the site removed it for good; remove the source"
    if status in (401, 403):
        return (f"{url}: HTTP {status} {'unauthorised' if status == 401 else 'forbidden'}: the site refuses "
                "wirewatch; check that the page is public, or ask the site to allow the crawler")
    if status == 429:
        return f"{url}: HTTP 429 too many requests: the site asks wirewatch to slow down; backing off"
    if status >= 500:
        return (f"{url}: HTTP {status} server error: the site is failing; wirewatch retries later "
                "with backoff")
    return f"{url}: HTTP {status}: not a successful response; check the URL in a browser"


def _check_scheme(origin: str, url: str) -> None:
    where = _where(origin, url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FetchError(origin, "bad-url", f"{where}: not a valid URL ({exc}): check it") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(origin, "bad-url",
                         f"{where or '(an empty URL)'}: not an http(s) URL: give a URL starting with https:// "
                         "(files and folders are separate source kinds)")
    if not host:
        raise FetchError(origin, "bad-url", f"{where}: no host name in the URL: give a full URL such as "
                         "https://news.example/world/rss.xml")


def _enormous(origin: str, where: str, limit: int, detail: str) -> FetchError:
    return FetchError(origin, "too-large",
                      f"{where}: enormous body, more than {limit:,} bytes ({detail}): this is not a normal "
                      "feed or article; check the URL, or raise the fetcher's max_bytes if it is")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
