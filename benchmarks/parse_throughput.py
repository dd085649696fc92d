"""Parse throughput: aggregator's parse_feed against bare feedparser, in one run.

Generates RSS 2.0 feeds of 20 entries with HTML descriptions, then times
  baseline  feedparser.parse(bytes, headers) alone (what any feedparser-based reader pays),
  ours      aggregator.parse.parse_feed (feedparser + dates + plain text + checks),
and prints entries per second for each and the ratio ours/baseline (1.0 = no cost
on top of feedparser). Ratios, not seconds, are comparable across these shared,
noisy machines.

Usage: python benchmarks/parse_throughput.py [FEEDS]   (default 200)
"""

from __future__ import annotations

import copy
import io
import statistics
import sys
import time
from collections.abc import Callable

import feedparser
import feedparser.mixin

from aggregator.sources.parse import parse_feed
from aggregator.types import CacheInfo, Fetched

ENTRIES = 20


def make_feed(n: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n}-{i}: talks resume in Geneva</title>"
        f"<link>https://news.example/{n}/{i}</link><guid>https://news.example/{n}/{i}</guid>"
        f"<pubDate>Tue, 27 Aug 2024 09:{i:02d}:00 +0500</pubDate>"
        f"<description>&lt;p&gt;Delegations met in &lt;b&gt;Geneva&lt;/b&gt; on day {i}."
        f"&lt;/p&gt;&lt;p&gt;{'Officials said the talks would continue. ' * 8}&lt;/p&gt;"
        f"</description></item>"
        for i in range(ENTRIES)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {n}</title><link>https://news.example/</link>{items}</channel></rss>"
    ).encode()


def best_of(runs: int, work: Callable[[], None]) -> tuple[float, float]:
    """(best, median) wall time of ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    feeds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    bodies = [make_feed(n) for n in range(feeds)]
    headers = {"content-type": "application/rss+xml; charset=utf-8"}

    # feedparser as it comes: parse_feed's import made it remember its base URIs,
    # copy flat dicts directly and join absolute addresses directly (parse.py).
    remembered = feedparser.mixin.make_safe_absolute_uri
    plain = getattr(remembered, "__wrapped__", remembered)
    copies = feedparser.mixin.copy
    joins = feedparser.mixin._urljoin
    join = getattr(joins, "__wrapped__", joins)

    def baseline() -> None:
        # The same inputs parse_feed gives feedparser (Content-Location makes it
        # resolve relative links, which costs as much as the rest of the parse).
        feedparser.mixin.make_safe_absolute_uri = plain
        feedparser.mixin.copy = copy
        feedparser.mixin._urljoin = join
        try:
            for n, body in enumerate(bodies):
                located = {**headers, "content-location": f"https://news.example/feed{n}"}
                feedparser.parse(io.BytesIO(body), response_headers=located)
        finally:
            feedparser.mixin.make_safe_absolute_uri = remembered
            feedparser.mixin.copy = copies
            feedparser.mixin._urljoin = joins

    def ours() -> None:
        for n, body in enumerate(bodies):
            url = f"https://news.example/feed{n}"
            parse_feed(Fetched(url, url, body, headers, CacheInfo()))

    total = feeds * ENTRIES
    base_best, base_median = best_of(3, baseline)
    ours_best, ours_median = best_of(3, ours)
    print(f"feeds={feeds} entries={total} (best of 3 runs; median in brackets)")
    print(f"baseline feedparser : {total / base_best:8.0f} entries/s [{total / base_median:.0f}]")
    print(f"aggregator parse    : {total / ours_best:8.0f} entries/s [{total / ours_median:.0f}]")
    print(f"ratio ours/baseline time: {ours_best / base_best:.3f}")


if __name__ == "__main__":
    main()
