"""Story pages at scale: how long the daemon's pages take with 10^3 and 10^5 stories
stored, over HTTP, through the real server and the real store (SQLite).

For each size, in a fresh SQLite file: 30 feeds and SIZE stories of one to four
entries each (made-up words), then the best of ROUNDS requests, timed from the
client, of:

  /                 the first page of stories
  /?page=10         a page further down the list
  /?q=WORD          a search for a word of the middle story's title
  /?q=said          a search for a word in half the entries (the worst case: the
                    most common words of real news are in most articles)
  /?min_sources=3   a filter
  /stories/ID       one story
  /feeds            the feeds

The target (issue 15): every page under 100 ms with 10^5 stories; the ratio to the
same page with 10^3 stories, measured in the same run, says whether the cost grows
with what is stored.

Usage: python benchmarks/pages.py [SIZES...]   (default: 1000 100000)
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FEEDS = 30
ROUNDS = 7
PATHS = [
    "/",
    "/?page=10",
    "/?q={word}",
    "/?q=said",
    "/?min_sources=3",
    "/stories/{story}",
    "/feeds",
]
_SYLLABLES = "ka lo mi ne ru sa ti vo ze ba do fe gu".split()  # noqa: SIM905


def build(size: int, folder: Path) -> tuple[Path, str]:
    """A feeds.yaml and its SQLite database with ``size`` stories; a word of the
    middle story's title."""
    from sqlalchemy import insert

    from aggregator.app import make_app
    from aggregator.config import load_settings
    from aggregator.store.models import Entry, Feed, Story, StoryEntry

    rng = random.Random(size)
    words = sorted(
        {"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(3000)}
    )
    config = folder / "feeds.yaml"
    feeds = [f"https://outlet{n}.example/feed.xml" for n in range(FEEDS)]
    config.write_text(
        json.dumps(
            {
                "database": f"sqlite:///{folder / 'a.db'}",
                "feeds": [
                    {"url": u, "tags": ["world"] if n % 2 else []} for n, u in enumerate(feeds)
                ],
            }
        ),
        encoding="utf-8",
    )
    app = make_app(load_settings(config, {}))
    now = datetime.now(UTC).replace(microsecond=0)
    word = ""
    with app.session(write=True) as session, session.begin():
        session.execute(
            insert(Feed),
            [
                {"id": n + 1, "url": url, "interval_seconds": 1800, "created_at": now}
                for n, url in enumerate(feeds)
            ],
        )
        entries: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        stories: list[dict[str, Any]] = []
        n = 0
        for story in range(1, size + 1):
            when = now - timedelta(minutes=size - story)
            title = " ".join(rng.choices(words, k=8))
            if story == size // 2:
                word = title.split()[0]
            count = rng.randint(1, 4)
            for k in range(count):
                url = f"https://outlet{(n + k) % FEEDS}.example/{n}"
                entries.append(
                    {
                        "id": n + 1,
                        "feed_id": (n + k) % FEEDS + 1,
                        "key": url,
                        "guid": url,
                        "url": url,
                        "canonical_url": url,
                        "title": title,
                        "content_text": " ".join(rng.choices(words, k=60))
                        + (" said" if n % 2 else ""),
                        "published": when,
                        "first_seen": when,
                        "last_changed": when,
                        "content_hash": hashlib.sha256(url.encode()).hexdigest(),
                    }
                )
                relation = "first" if k == 0 else "story"
                members.append(
                    {
                        "entry_id": n + 1,
                        "story_id": story,
                        "relation": relation,
                        "signal": None if k == 0 else "story-similarity",
                        "score": None if k == 0 else 0.3,
                        "pinned": False,
                        "seq": 1,
                    }
                )
                n += 1
            stories.append(
                {
                    "id": story,
                    "title": title,
                    "first_seen": when,
                    "updated": when,
                    "size": count,
                    "sources": count,
                    "representative_id": n - count + 1,
                }
            )
            if len(entries) >= 20000 or story == size:
                session.execute(insert(Entry), entries)
                session.execute(insert(Story), stories)
                session.execute(insert(StoryEntry), members)
                entries, members, stories = [], [], []
    app.close()
    return config, word


def measure(config: Path, size: int, word: str) -> dict[str, float]:
    """Best time of each page, in milliseconds, through a real StatusServer."""
    from aggregator.api import Aggregator
    from aggregator.config import load_settings
    from aggregator.output.serve import StatusServer
    from aggregator.runtime.metrics import Metrics

    reader = Aggregator.open(load_settings(config, {}))
    server = StatusServer("127.0.0.1", 0, Metrics(), lambda: time.time(), reader=reader)
    server.start()
    timings: dict[str, float] = {}
    try:
        base = f"http://127.0.0.1:{server.port}"
        for path in PATHS:
            url = base + path.format(story=size // 2, word=word)
            best = float("inf")
            for _ in range(ROUNDS):
                started = time.perf_counter()
                with urllib.request.urlopen(url, timeout=60) as response:
                    body = response.read()
                best = min(best, time.perf_counter() - started)
                if response.status != 200 or b"<html" not in body:
                    raise SystemExit(f"{url}: {response.status}")
            timings[path] = best * 1000
    finally:
        server.stop()
        reader.close()
    return timings


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 100_000]
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="pages-") as tmp:
            started = time.perf_counter()
            config, word = build(size, Path(tmp))
            print(f"{size} stories stored in {time.perf_counter() - started:.1f} s", flush=True)
            results[size] = measure(config, size, word)
    print()
    print(f"{'page':<18}" + "".join(f"{size:>12} st." for size in sizes) + "   ratio  target")
    for path in PATHS:
        row = [results[size][path] for size in sizes]
        ratio = row[-1] / row[0] if row[0] else float("nan")
        verdict = "ok" if row[-1] < 100 else "over"
        print(
            f"{path:<18}"
            + "".join(f"{value:>11.1f}ms" for value in row)
            + f"   {ratio:5.2f}x  100 ms {verdict}"
        )


if __name__ == "__main__":
    main()
