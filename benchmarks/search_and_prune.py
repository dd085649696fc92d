"""Search and retention at scale, each against a baseline measured in the same run.

For each size, a fresh SQLite file with N synthetic entries (cluster_scale.py's Zipf
words: a 9-word title and 80 words of text; stories of one to four entries):

* store: inserting the entries with the search triggers (the FTS5 index kept in
  step) against the same inserts into a database without them: the cost of search
  on every poll;
* search: 30 two-word queries through `Store.search` (FTS5, bm25, snippets) against
  the same queries as a LIKE scan (what one would do without an index); the median;
* prune: `Pruner.run` deleting the older half (tombstones, stories shrunk or
  removed, the search rows) against a bare `DELETE FROM entries WHERE first_seen <
  cutoff` on a copy of the same database;
* keep_at_least: the same prune keeping each feed's 20 newest (ranked once per
  prune by a window over every entry; all the entries are in one feed) against the
  prune above.

Usage: python benchmarks/search_and_prune.py [SIZES...]   (default: 10000 100000)
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cluster_scale import _ZIPF, _text, _words, _zipf

QUERIES = 30
PER_DAY = 3000


def build(folder: Path, size: int, triggers: bool) -> tuple[Any, float, datetime]:
    """A database of ``size`` entries; returns the app, the insert time, and now."""
    from sqlalchemy import insert, text

    from aggregator.app import make_app
    from aggregator.config import load_settings
    from aggregator.store.models import Entry, Feed, Story, StoryEntry

    config = folder / "feeds.yaml"
    config.write_text(
        json.dumps(
            {
                "database": f"sqlite:///{folder / 'a.db'}",
                "feeds": [{"url": "https://outlet.example/feed.xml"}],
                "retention": {"keep": "30d"},
            }
        ),
        encoding="utf-8",
    )
    app = make_app(load_settings(config, {}))
    if not triggers:
        with app.engine.begin() as db:
            for name in ("entries_search_insert", "entries_search_update", "entries_search_delete"):
                db.execute(text(f"DROP TRIGGER {name}"))
    rng = random.Random(size)
    words = _words(rng)
    _ZIPF[len(words)] = _zipf(words)
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=size / PER_DAY)
    rows, stories, members = [], [], []
    n = story = 0
    while n < size:
        story += 1
        when = start + timedelta(seconds=n / PER_DAY * 86400)
        title, body = _text(rng, words, 9), _text(rng, words, 80)
        count = min(rng.randint(1, 4), size - n)
        for _ in range(count):
            url = f"https://outlet.example/{n}"
            rows.append(
                {
                    "id": n + 1,
                    "feed_id": 1,
                    "key": url,
                    "url": url,
                    "title": title,
                    "content_text": body,
                    "published": when,
                    "first_seen": when,
                    "last_changed": when,
                    "content_hash": str(n),
                }
            )
            members.append({"entry_id": n + 1, "story_id": story, "pinned": False, "seq": 1})
            n += 1
        stories.append({"id": story, "first_seen": when, "updated": when, "size": count})
    with app.session(write=True) as session, session.begin():
        session.execute(
            insert(Feed),
            [
                {
                    "id": 1,
                    "url": "https://outlet.example/feed.xml",
                    "interval_seconds": 1800,
                    "created_at": now,
                }
            ],
        )
        session.execute(insert(Story), [{**s, "sources": 1} for s in stories])
    started = time.perf_counter()
    with app.session(write=True) as session, session.begin():
        for chunk in range(0, len(rows), 20000):
            session.execute(insert(Entry), rows[chunk : chunk + 20000])
    stored = time.perf_counter() - started
    with app.session(write=True) as session, session.begin():
        session.execute(insert(StoryEntry), members)
    return app, stored, now


def measure(size: int) -> dict[str, Any]:
    from sqlalchemy import text

    rng = random.Random(size + 1)
    folder = Path(tempfile.mkdtemp(prefix="search-prune-"))
    plain_folder = Path(tempfile.mkdtemp(prefix="search-prune-plain-"))
    spare_folder = Path(tempfile.mkdtemp(prefix="search-prune-spare-"))
    try:
        app, stored, now = build(folder, size, triggers=True)
        plain, stored_plain, _ = build(plain_folder, size, triggers=False)
        words = _words(random.Random(size))
        # Words that occur, but not everywhere: ranks 200 to 2,000 of the Zipf law.
        queries = [" ".join(rng.sample(words[200:2000], 2)) for _ in range(QUERIES)]
        with app.session() as session, session.begin():
            store = app.store(session)
            indexed, hits = [], 0
            for query in queries:
                started = time.perf_counter()
                hits += len(store.search(query, since=None, limit=20))
                indexed.append(time.perf_counter() - started)
        scans = []
        with plain.engine.connect() as db:
            for query in queries:
                first, second = query.split()
                started = time.perf_counter()
                db.execute(
                    text(
                        "SELECT id FROM entries WHERE (title || ' ' || content_text) LIKE :a "
                        "AND (title || ' ' || content_text) LIKE :b LIMIT 20"
                    ),
                    {"a": f"%{first}%", "b": f"%{second}%"},
                ).all()
                scans.append(time.perf_counter() - started)
        plain.close()

        # Prune the older half: the real thing, and a bare DELETE on a copy.
        shutil.rmtree(plain_folder)
        plain_folder.mkdir()
        shutil.copy(folder / "a.db", plain_folder / "a.db")
        shutil.copy(folder / "a.db", spare_folder / "a.db")
        shutil.copy(folder / "feeds.yaml", spare_folder / "feeds.yaml")
        half = timedelta(days=size / PER_DAY / 2)
        keep = now - (now - timedelta(days=size / PER_DAY) + half)
        with app.session(write=True) as session:
            pruner = app.pruner(session, keep)
            assert pruner is not None
            started = time.perf_counter()
            pruned = pruner.run()
            prune_seconds = time.perf_counter() - started
        app.close()
        from aggregator.app import make_app
        from aggregator.config import load_settings

        spare_config = spare_folder / "feeds.yaml"
        spare_config.write_text(
            spare_config.read_text().replace(str(folder / "a.db"), str(spare_folder / "a.db"))
        )
        spare_app = make_app(load_settings(spare_config, {}))
        with spare_app.session(write=True) as session:
            spare_pruner = spare_app.pruner(session, keep, keep_at_least=20)
            assert spare_pruner is not None
            started = time.perf_counter()
            spared = spare_pruner.run()
            spare_seconds = time.perf_counter() - started
        spare_app.close()
        from aggregator.store.engine import make_engine

        bare = make_engine(f"sqlite:///{plain_folder / 'a.db'}")
        cutoff = (now - keep).replace(tzinfo=None)
        started = time.perf_counter()
        with bare.begin() as db:
            deleted = db.execute(
                text("DELETE FROM entries WHERE first_seen < :cutoff"), {"cutoff": cutoff}
            ).rowcount
        bare_seconds = time.perf_counter() - started
        bare.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(plain_folder, ignore_errors=True)
        shutil.rmtree(spare_folder, ignore_errors=True)
    return {
        "size": size,
        "store_s": round(stored, 2),
        "store_without_search_s": round(stored_plain, 2),
        "store_ratio": round(stored / stored_plain, 2),
        "search_median_ms": round(statistics.median(indexed) * 1000, 2),
        "like_scan_median_ms": round(statistics.median(scans) * 1000, 2),
        "search_speedup": round(statistics.median(scans) / statistics.median(indexed), 1),
        "hits": hits,
        "pruned": pruned.entries,
        "stories_removed": pruned.stories_removed,
        "stories_shrunk": pruned.stories_shrunk,
        "prune_s": round(prune_seconds, 2),
        "prune_per_s": round(pruned.entries / prune_seconds),
        "bare_delete_s": round(bare_seconds, 2),
        "bare_deleted": deleted,
        "prune_ratio": round(prune_seconds / bare_seconds, 2),
        "keep_at_least_pruned": spared.entries,
        "keep_at_least_s": round(spare_seconds, 2),
        "keep_at_least_ratio": round(spare_seconds / prune_seconds, 2),
    }


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [10000, 100000]
    for size in sizes:
        print(json.dumps(measure(size)), flush=True)


if __name__ == "__main__":
    main()
