"""Alert latency: from an item appearing in a feed to the email arriving.

A real watcher process (``python -m wirewatch watch``) polls 10 feeds served by
an HTTP server on loopback, with 1,000 subscriptions in its SQLite store; an
SMTP server on loopback (aiosmtpd) records when each alert email arrives.
Articles (written here, in the style of wire copy) are published one at a
time into a random feed at a known moment; the latency of each is the arrival
of its email minus that moment. Reported as median and 95th percentile, and as
ratios against two baselines measured in the same run: the polling interval
(the wait the design allows) and the time the analysis alone takes for one
article in a warm process.

    .venv/bin/python bench/bench_alerts.py                  # 30 articles, 1,000 subscriptions, 10 feeds
    .venv/bin/python bench/bench_alerts.py --articles 60 --every 2 --json bench/last-alerts.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from wirewatch.follow import add_subscription, new_subscription
from wirewatch.store import SQLiteStore
from wirewatch.watch import add_source

PLACES = ["Lisbon", "Nairobi", "Manila", "Quito", "Tbilisi", "Hanoi", "Accra", "Oslo", "Lima", "Dhaka"]
SUBJECTS = [("farmers", "blocked roads into the capital"), ("dock workers", "extended a strike at the port"),
            ("teachers", "marched on the education ministry"), ("nurses", "walked out of public hospitals"),
            ("taxi drivers", "protested against a new fuel tax"), ("miners", "occupied a copper mine")]
COUNTRIES = ["FRA", "DEU", "ITA", "ESP", "POL", "GBR", "JPN", "CHN", "IND", "BRA", "ZAF", "EGY", "TUR", "MEX"]
WORDS = ["harvest", "tariff", "pipeline", "monsoon", "vaccine", "election", "drought", "bridge", "lithium",
         "subsidy", "refinery", "ferry", "glacier", "stadium", "census", "locust", "turbine", "copper"]


def article(n: int) -> tuple[str, str]:
    """Headline and body of the n-th benchmark article (every one quotes a union leader who "said")."""
    rng = random.Random(n)
    place = PLACES[n % len(PLACES)]
    who, did = SUBJECTS[n % len(SUBJECTS)]
    headline = f"{who.capitalize()} in {place} {did.split()[0]} again ({n})"
    body = (f"{place.upper()} (Wireline) - Thousands of {who} {did} in {place} on Monday, "
            f"the {rng.randint(2, 9)}th day of protests over pay, police said.\n\n"
            f"\u201cWe will not go back until the government listens,\u201d union leader Maria "
            f"Santos-{n} said, adding that talks with the labour minister had failed.\n\n"
            f"The government said it would meet union representatives on Thursday.")
    return headline, body


class Feeds:
    """10 RSS feeds and their article pages, served on loopback; items are added while it runs."""

    def __init__(self, count: int) -> None:
        self.items: list[list[tuple[str, str]]] = [[] for _ in range(count)]  # (path, headline) per feed
        self.pages: dict[str, bytes] = {}
        self.lock = threading.Lock()
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                body, kind = feeds.reply(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def reply(self, path: str) -> tuple[bytes | None, str]:
        with self.lock:
            m = re.fullmatch(r"/feed(\d+)\.xml", path)
            if m and int(m.group(1)) < len(self.items):
                entries = "".join(f"<item><title>{h}</title><link>{self.url(p)}</link><guid>{p}</guid></item>"
                                  for p, h in reversed(self.items[int(m.group(1))]))
                return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wireline {m.group(1)}'
                        f"</title><link>{self.url('/')}</link><description>news</description>{entries}"
                        "</channel></rss>").encode(), "application/rss+xml"
            return self.pages.get(path), "text/html; charset=utf-8"

    def publish(self, feed: int, n: int) -> str:
        headline, body = article(n)
        path = f"/news/{n}"
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        page = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{headline}</title>"
                f"<meta property=\"article:published_time\" content=\"2026-03-02T08:00:00Z\"></head><body>"
                f"<article><h1>{headline}</h1>{paragraphs}</article></body></html>").encode()
        with self.lock:
            self.pages[path] = page
            self.items[feed].append((path, headline))
        return self.url(path)

    def close(self) -> None:
        self.server.shutdown()


class Inbox:
    """aiosmtpd handler: the arrival time of every message."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[float, Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.arrivals.append((time.time(), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


def subscriptions(count: int) -> list[dict[str, Any]]:
    """``count`` subscriptions of every kind; exactly one (a query for "union leader") matches the articles."""
    rng = random.Random(7)
    out: list[dict[str, Any]] = [{"query": '"union leader"'}]
    while len(out) < count:
        kind = len(out) % 3
        if kind == 0:
            out.append({"entity": f"{rng.choice(['Anna', 'Pedro', 'Kofi', 'Mei'])} "
                                  f"{rng.choice(['Okafor', 'Lindqvist', 'Tanaka', 'Moreau'])}{len(out)}"})
        elif kind == 1:
            a, b = rng.sample(COUNTRIES, 2)
            out.append({"pair": f"{a}-{b}"})
        else:
            out.append({"query": f"{rng.choice(WORDS)} {rng.choice(WORDS)}"})
    return out


def analysis_baseline(repeats: int = 5) -> float:
    """Seconds the analysis alone takes for one benchmark article in a warm process (median)."""
    from wirewatch.analyse.pipeline import analyse, load_pipeline

    nlp = load_pipeline()
    analyse(article(0)[1], published="2026-03-02", nlp=nlp)
    times = []
    for n in range(1, repeats + 1):
        t = time.perf_counter()
        analyse(article(n)[1], published="2026-03-02", nlp=nlp)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(articles: int, subs: int, feeds_n: int, every: float, gap: float) -> dict[str, Any]:
    feeds = Feeds(feeds_n)
    inbox = Inbox()
    smtp_port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    work = Path(tempfile.mkdtemp(prefix="wirewatch-bench-alerts-"))
    db = work / "bench.db"
    with SQLiteStore(db) as store:
        for i in range(feeds_n):
            add_source(store, feeds.url(f"/feed{i}.xml"), kind="feed", interval_s=every)
        for spec in subscriptions(subs):
            add_subscription(store, new_subscription("desk@example.org", **spec))
    env = {**os.environ, "WIREWATCH_STORE": str(db), "WIREWATCH_SMTP_HOST": "127.0.0.1",
           "WIREWATCH_SMTP_PORT": str(smtp_port), "WIREWATCH_SMTP_FROM": "alerts@wirewatch.example",
           "WIREWATCH_HOST_DELAY_S": "0", "WIREWATCH_CONTACT_URL": "mailto:bench@example.org"}
    watcher = subprocess.Popen([sys.executable, "-m", "wirewatch", "watch", "--every", f"{every:g}s"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    published: dict[str, float] = {}
    err: str | None = None
    try:
        time.sleep(max(every, 1.0) + 4.0)  # the watcher loads its model and does a first, empty round
        rng = random.Random(1)
        for n in range(articles):
            url = feeds.publish(rng.randrange(feeds_n), n + 1)
            published[url] = time.time()
            time.sleep(gap * rng.uniform(0.5, 1.5))
        deadline = time.time() + 60 + 5 * every
        while len(inbox.arrivals) < articles and time.time() < deadline and watcher.poll() is None:
            time.sleep(0.2)
    finally:
        watcher.terminate()
        try:
            _, err = watcher.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            watcher.kill()
            _, err = watcher.communicate()
        smtp.stop()
        feeds.close()
    latencies = []
    for arrived, msg in inbox.arrivals:
        plain = msg.get_body(preferencelist=("plain",)) if isinstance(msg, EmailMessage) else None
        text = plain.get_content() if plain is not None else msg.as_string()
        found = next((u for u in published if u in text), None)
        if found is not None:
            latencies.append(arrived - published.pop(found))
    if not latencies:
        raise SystemExit(f"no alert arrived; the watcher said:\n{(err or '')[-3000:]}")
    baseline = analysis_baseline()
    median, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    return {"articles": articles, "subscriptions": subs, "sources": feeds_n, "poll_interval_s": every,
            "alerts_received": len(latencies), "missing": len(published),
            "latency_median_s": round(median, 3), "latency_p95_s": round(p95, 3),
            "latency_max_s": round(max(latencies), 3),
            "analysis_one_article_s": round(baseline, 3),
            "median_over_interval": round(median / every, 2), "p95_over_interval": round(p95 / every, 2),
            "median_over_analysis": round(median / baseline, 1), "p95_over_analysis": round(p95 / baseline, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=30, help="articles published, one at a time")
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--every", type=float, default=2.0, help="the watcher's polling interval, seconds")
    parser.add_argument("--gap", type=float, default=1.5, help="mean seconds between two publications")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = run(args.articles, args.subscriptions, args.sources, args.every, args.gap)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
