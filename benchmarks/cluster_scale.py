"""Deduplication at scale: the cost of grouping 1,000 new entries with 10^4, 10^5 and
10^6 entries already stored.

For each size, in a fresh process and a fresh SQLite file: store N synthetic entries
(made-up words drawn by a Zipf law, as words are in text, so only real copies share
much text; 3,000 a day from 200 feeds, in
stories of one to four entries, as the deduplicator would have left them), then 1,000
new ones published in the last hours, a quarter of them copies of recent stories.
Measures, with the real Deduplicator:

* rebuild: building the in-memory index from the database (a daemon's start);
* assign: grouping the 1,000 new entries (entries per second), the index warm;
  each is the best of ROUNDS (the grouping undone between rounds);
* peak memory: the process's peak RSS, and the growth while rebuilding and assigning;
  and the peak RSS of a daemon starting on that database (a fresh process that
  rebuilds the index and groups the new entries once: this one made the data too).

The figure that matters is the ratio of the assign cost at 10^6 to that at 10^4,
measured in the same run (the target: at most 1.5x, and at least 1,000 entries/s).

Usage: python benchmarks/cluster_scale.py [SIZES...]   (default: 10000 100000 1000000)
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from peak import peak_rss_mb

PER_DAY = 3000
FEEDS = 200
NEW = 1000
ROUNDS = 3  # the best of three counts: these machines are shared and noisy
_SYLLABLES = "ka lo mi ne ru sa ti vo ze ba do fe gu hi ja ko la me no pu ri se to va wi".split()  # noqa: SIM905


def _words(rng: random.Random, size: int = 20000) -> list[str]:
    found: set[str] = set()
    while len(found) < size:
        found.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(found)


def _zipf(words: list[str]) -> list[float]:
    """Cumulative weights of a Zipf law: word frequencies in text fall with rank."""
    total, weights = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        weights.append(total)
    return weights


def _text(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choices(words, cum_weights=_ZIPF[len(words)], k=count))


_ZIPF: dict[int, list[float]] = {}


def measure(size: int) -> dict[str, Any]:
    """In this process: build a database of ``size`` entries, then time the
    deduplicator on 1,000 new ones."""
    from sqlalchemy import delete, insert, update

    from aggregator.app import make_app
    from aggregator.config import load_settings
    from aggregator.store.models import Entry, Feed, Story, StoryEntry

    rng = random.Random(size)
    words = _words(rng)
    _ZIPF[len(words)] = _zipf(words)
    folder = Path(tempfile.mkdtemp(prefix="cluster-scale-"))
    config = folder / "feeds.yaml"
    feeds = [f"https://outlet{n}.example/feed.xml" for n in range(FEEDS)]
    config.write_text(
        json.dumps(
            {"database": f"sqlite:///{folder / 'a.db'}", "feeds": [{"url": u} for u in feeds]}
        ),
        encoding="utf-8",
    )
    app = make_app(load_settings(config, {}))
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=size / PER_DAY)

    def entry(n: int, when: datetime, title: str, text: str) -> dict[str, Any]:
        url = f"https://outlet{n % FEEDS}.example/{n}"
        return {
            "id": n + 1,
            "feed_id": n % FEEDS + 1,
            "key": url,
            "guid": url,
            "url": url,
            "canonical_url": url,
            "title": title,
            "content_text": text,
            "published": when,
            "first_seen": when,
            "last_changed": when,
            "content_hash": hashlib.sha256(url.encode()).hexdigest(),
        }

    started = time.perf_counter()
    with app.session(write=True) as session, session.begin():
        session.execute(
            insert(Feed),
            [
                {"id": n + 1, "url": url, "interval_seconds": 1800, "created_at": now}
                for n, url in enumerate(feeds)
            ],
        )
        n = 0
        story = 0
        entries: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        stories: list[dict[str, Any]] = []
        while n < size:
            story += 1
            when = start + timedelta(seconds=(n / PER_DAY) * 86400)
            title, text = _text(rng, words, 9), _text(rng, words, 60)
            count = min(rng.randint(1, 4), size - n)
            for _ in range(count):
                entries.append(entry(n, when, title, text))
                members.append(
                    {
                        "entry_id": n + 1,
                        "story_id": story,
                        "relation": "duplicate",
                        "pinned": False,
                        "seq": 1,
                    }
                )
                n += 1
            stories.append(
                {"id": story, "first_seen": when, "updated": when, "size": count, "sources": count}
            )
            if len(entries) >= 20000 or n >= size:
                session.execute(insert(Entry), entries)
                session.execute(insert(Story), stories)
                session.execute(insert(StoryEntry), members)
                entries, members, stories = [], [], []
        # The new entries: the last hours; one in four re-tells a recent story.
        recent = session.execute(
            Entry.__table__.select().where(Entry.id > max(size - 3000, 0))  # type: ignore[attr-defined]
        ).all()
        new = []
        for k in range(NEW):
            when = now - timedelta(seconds=rng.uniform(0, 6 * 3600))
            if k % 4 == 0 and recent:
                model = rng.choice(recent)
                title, text = model.title, model.content_text
            else:
                title, text = _text(rng, words, 9), _text(rng, words, 60)
            new.append(entry(size + k, when, title, text))
        session.execute(insert(Entry), new)
        session.execute(insert(StoryEntry), [{"entry_id": e["id"], "pinned": False} for e in new])
    stored_seconds = time.perf_counter() - started

    rss_before = peak_rss_mb()
    rebuilds, assigns = [], []
    for _ in range(ROUNDS):
        with app.session(write=True) as session:
            dedup = app.deduplicator(session)
            assert dedup is not None
            started = time.perf_counter()
            with session.begin():
                dedup._synced(now - timedelta(hours=6))  # the daemon's start
            rebuilds.append(time.perf_counter() - started)
            indexed = len(dedup._index or ())
            started = time.perf_counter()
            assigned = dedup.run()
            assigns.append(time.perf_counter() - started)
            assert assigned.entries == NEW, assigned
            with session.begin():
                # Undo, for the next round: the new entries wait again.
                session.execute(
                    update(StoryEntry)
                    .where(StoryEntry.entry_id > size)
                    .values(story_id=None, relation=None, signal=None, score=None, seq=None)
                )
                session.execute(delete(Story).where(Story.id > story))
    rss_after = peak_rss_mb()
    app.close()
    # This process also made the data (its peak counts that); a daemon starting on
    # the same database: a fresh process that rebuilds the index and groups the new
    # entries once.
    started = subprocess.run(
        [sys.executable, __file__, "--start", str(config), now.isoformat()],
        check=True,
        capture_output=True,
        text=True,
    )
    daemon = json.loads(started.stdout.strip().splitlines()[-1])
    shutil.rmtree(folder)  # a million entries take a gigabyte
    rebuild, assign = min(rebuilds), min(assigns)
    return {
        "size": size,
        "stored_seconds": round(stored_seconds, 1),
        "indexed": indexed,
        "rebuild_seconds": round(rebuild, 3),
        "assign_seconds": round(assign, 3),
        "entries_per_second": round(NEW / assign),
        "joined": assigned.entries - assigned.stories,
        "peak_rss_mb": round(rss_after),
        "rss_growth_mb": round(rss_after - rss_before),
        "daemon_peak_rss_mb": daemon["peak_rss_mb"],
    }


def start(config: Path, now: datetime) -> dict[str, Any]:
    """In this (fresh) process: what a daemon starting on the database does, the index
    rebuilt and the waiting entries grouped, and its peak RSS."""
    from aggregator.app import make_app
    from aggregator.config import load_settings

    app = make_app(load_settings(config, {}))
    with app.session(write=True) as session:
        dedup = app.deduplicator(session)
        assert dedup is not None
        with session.begin():
            dedup._synced(now - timedelta(hours=6))
        assert dedup.run().entries == NEW
    app.close()
    # This process's own peak (peak.py), not that of the one that made the data.
    return {"peak_rss_mb": round(peak_rss_mb())}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    if len(sys.argv) > 3 and sys.argv[1] == "--start":
        print(json.dumps(start(Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    results = []
    for size in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    print()
    print(
        f"{'stored':>9} {'indexed':>8} {'rebuild s':>10} {'assign s':>9} "
        f"{'entries/s':>10} {'peak RSS MB':>12} {'growth MB':>10} {'daemon MB':>10}"
    )
    for r in results:
        print(
            f"{r['size']:>9} {r['indexed']:>8} {r['rebuild_seconds']:>10} "
            f"{r['assign_seconds']:>9} {r['entries_per_second']:>10} "
            f"{r['peak_rss_mb']:>12} {r['rss_growth_mb']:>10} {r['daemon_peak_rss_mb']:>10}"
        )
    print(
        "peak RSS: this process, which also made the data; daemon: a fresh process "
        "that rebuilds the index and groups the new entries (target: under 300 MB at 10^6)"
    )
    base = results[0]
    for r in results[1:]:
        ratio = r["assign_seconds"] / base["assign_seconds"]
        print(f"assign cost at {r['size']} / at {base['size']}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
