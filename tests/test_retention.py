"""Retention: `aggregator prune` and the daemon's daily prune delete old entries,
leave tombstones that keep them deleted while their feed lists them, shrink or
remove their stories, and a running deduplicator learns of it."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from aggregator.app import make_app
from aggregator.config import load_settings

from .conftest import FeedServer, run, wait_until, write_config
from .synthetic import Article, corpus
from .test_daemon import free_port
from .test_poll import rss as plain_rss
from .test_stories import NO_PAGES, entries_json, poll, rss, serve_feeds, stories_json

KEEP = {"retention": {"keep": "90d"}}


def age(database: str, entry_ids: list[int], days: int) -> None:
    """Make entries look first stored ``days`` ago (as if time had passed)."""
    when = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days)
    engine = create_engine(database)
    with engine.begin() as db:
        for entry_id in entry_ids:
            db.execute(
                text("UPDATE entries SET first_seen = :when WHERE id = :id"),
                {"when": when, "id": entry_id},
            )
    engine.dispose()


def scalar(database: str, sql: str) -> Any:
    engine = create_engine(database)
    with engine.connect() as db:
        value = db.execute(text(sql)).scalar()
    engine.dispose()
    return value


def search_ids(config: Path, title: str) -> list[int]:
    result = run("search", f'"{title}"', "--json", "--config", str(config))
    assert result.exit_code == 0, result.output
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def prune(config: Path, *args: str) -> str:
    result = run("prune", *args, "--config", str(config))
    assert result.exit_code == 0, result.output
    return result.output


def test_prune_deletes_old_entries_and_tombstones_keep_them_out(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    articles = corpus(seed=71, groups=3, feeds=6)
    feeds = serve_feeds(server, articles)
    path = write_config(
        tmp_path / "feeds.yaml", list(feeds.values()), database=database, **KEEP, **NO_PAGES
    )
    poll(path)
    before = {s["title"]: s for s in stories_json(path)}
    assert len(before) == 3
    gone, shrinking, kept = sorted(before.values(), key=lambda s: s["id"])
    assert len(shrinking["entries"]) >= 3
    # All of one story, and the representative of another, are old enough to go.
    old = [e["id"] for e in gone["entries"]] + [shrinking["representative"]]
    age(database, old, days=100)
    age(database, [e["id"] for e in kept["entries"]], days=89)
    assert set(search_ids(path, gone["title"])) & set(old)

    assert f"would delete {len(old)} entries" in prune(path, "--dry-run")
    assert len(entries_json(path)) == len(articles)  # a dry run deletes nothing

    said = prune(path)
    assert f"deleted {len(old)} entries" in said
    assert "1 story went, 1 shrank" in said
    remaining = entries_json(path)
    assert {e["id"] for e in remaining} == {
        e["id"] for s in before.values() for e in s["entries"]
    } - set(old)
    after = {s["id"]: s for s in stories_json(path)}
    assert set(after) == {shrinking["id"], kept["id"]}
    smaller = after[shrinking["id"]]
    assert len(smaller["entries"]) == len(shrinking["entries"]) - 1
    assert smaller["representative"] in {e["id"] for e in smaller["entries"]}
    # Pruning is not news: the story keeps its times.
    assert smaller["updated"] == shrinking["updated"]
    assert smaller["first_seen"] == shrinking["first_seen"]
    assert after[kept["id"]] == kept
    assert scalar(database, "SELECT count(*) FROM tombstones") == len(old)
    assert scalar(database, "SELECT count(*) FROM story_entries") == len(remaining)

    # The feeds still list every article: the pruned ones are not stored again.
    poll(path, "--force")
    assert len(entries_json(path)) == len(remaining)
    assert len(stories_json(path)) == 2
    # And search no longer finds them.
    assert not set(search_ids(path, gone["title"])) & set(old)
    # Nothing more to do: a second prune deletes nothing.
    assert "deleted 0 entries" in prune(path)


def forget_when_listed(database: str) -> None:
    """Make every tombstone look last listed long ago (as if time had passed)."""
    engine = create_engine(database)
    with engine.begin() as db:
        db.execute(text("UPDATE tombstones SET last_listed = '2026-01-01 00:00:00.000000'"))
    engine.dispose()


def test_tombstones_expire_once_the_feed_stops_listing_them(
    server: FeedServer, config: Any, db_url: str
) -> None:
    first = [a for a in corpus(seed=73, groups=2, feeds=5) if a.kind == "original"]
    feed = server.add("/outlet.xml", rss(first), etag='"v1"')
    path = config([feed], **KEEP, **NO_PAGES)
    poll(path)
    ids = [e["id"] for e in entries_json(path)]
    age(db_url, ids, days=100)
    prune(path)
    assert scalar(db_url, "SELECT count(*) FROM tombstones") == len(first)
    # A poll that reads the feed and finds them listed keeps the tombstones fresh:
    # the next prune forgets none.
    server.add("/outlet.xml", rss(first), etag='"v2"')
    forget_when_listed(db_url)
    poll(path, "--force")
    assert scalar(db_url, "SELECT min(last_listed) FROM tombstones") > "2026-11"
    assert "0 tombstones expired" in prune(path)
    # A feed that answers 304 Not Modified may still list them all: kept too.
    forget_when_listed(db_url)
    poll(path, "--force")
    assert scalar(db_url, "SELECT last_status FROM feeds") == "not_modified"
    assert "0 tombstones expired" in prune(path)
    assert scalar(db_url, "SELECT count(*) FROM tombstones") == len(first)
    # The feed drops them; once they have not been listed for keep (90d) and a day,
    # they are forgotten, bar the latest one (the membership sequence continues
    # from it).
    server.add("/outlet.xml", rss([]), etag='"v3"')
    poll(path, "--force")
    forget_when_listed(db_url)
    seq = scalar(db_url, "SELECT max(seq) FROM tombstones")
    assert f"{len(first) - 1} tombstone" in prune(path)
    assert scalar(db_url, "SELECT count(*) FROM tombstones") == 1
    assert scalar(db_url, "SELECT max(seq) FROM tombstones") == seq


def test_each_feed_keeps_its_newest_entries_whatever_their_age(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    # A feed that posts rarely is not emptied: its `keep_at_least` newest stay.
    quiet = server.add("/quiet.xml", plain_rss(("q1", "Q1"), ("q2", "Q2"), ("q3", "Q3")))
    busy = server.add("/busy.xml", plain_rss(*((f"b{i}", f"B{i}") for i in range(5))))
    path = write_config(
        tmp_path / "feeds.yaml",
        [quiet, busy],
        database=database,
        retention={"keep": "90d", "keep_at_least": 2},
        **NO_PAGES,
    )
    poll(path)
    ids = {e["guid"]: e["id"] for e in entries_json(path)}
    for days, guids in ((300, ["q1"]), (200, ["q2", "b0", "b1"]), (100, ["q3", "b2"])):
        age(database, [ids[g] for g in guids], days=days)
    # quiet: q3 and q2 are its newest two; busy: b3 and b4 are young, so every old
    # one goes.
    doomed = {ids[g] for g in ("q1", "b0", "b1", "b2")}
    assert "would delete 4 entries" in prune(path, "--dry-run")
    assert "deleted 4 entries" in prune(path)
    assert {e["id"] for e in entries_json(path)} == set(ids.values()) - doomed
    assert "deleted 0 entries" in prune(path)
    # The command line says otherwise for once.
    assert "would delete 2 entries" in prune(path, "--keep-at-least", "0", "--dry-run")
    assert "deleted 1 entry " in prune(path, "--keep-at-least", "1")
    assert {e["guid"] for e in entries_json(path)} == {"q3", "b3", "b4"}
    bad = run("prune", "--keep-at-least", "-1", "--config", str(path))
    assert bad.exit_code == 2


def test_the_newest_kept_are_the_feed_s_first_listed_when_stored_together(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    # One poll stores a feed's entries with one first_seen: its own order (newest
    # first) decides which are the newest, across batches of any size.
    quiet = server.add("/quiet.xml", plain_rss(*((f"g{i}", f"G{i}") for i in range(7))))
    other = server.add("/other.xml", plain_rss(*((f"o{i}", f"O{i}") for i in range(3))))
    path = write_config(
        tmp_path / "feeds.yaml",
        [quiet, other],
        database=database,
        retention={"keep": "90d", "keep_at_least": 2},
        **NO_PAGES,
    )
    poll(path)
    age(database, [e["id"] for e in entries_json(path)], days=100)
    assert "would delete 6 entries" in prune(path, "--dry-run")
    app = make_app(load_settings(path, os.environ))
    try:
        with app.session(write=True) as session:
            pruner = app.pruner(session)
            assert pruner is not None
            pruner.batch = 2  # the spared ones sit in the first batches
            assert pruner.run().entries == 6
    finally:
        app.close()
    assert {e["guid"] for e in entries_json(path)} == {"g0", "g1", "o0", "o1"}


def test_a_feed_with_its_own_keep_is_pruned_by_it(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    archive = server.add("/archive.xml", plain_rss(("a1", "A1"), ("a2", "A2")))
    daily = server.add("/daily.xml", plain_rss(("d1", "D1"), ("d2", "D2")))
    brief = server.add("/brief.xml", plain_rss(("b1", "B1"), ("b2", "B2")))
    feeds: list[dict[str, Any] | str] = [
        {"url": archive, "keep": "365d"},
        daily,
        {"url": brief, "keep": "7d"},
    ]
    path = write_config(
        tmp_path / "feeds.yaml", feeds, database=database, retention={"keep": "90d"}, **NO_PAGES
    )
    poll(path)
    ids = {e["guid"]: e["id"] for e in entries_json(path)}
    for days, guids in ((400, ["a1"]), (100, ["a2", "d1"]), (10, ["d2", "b1"])):
        age(database, [ids[g] for g in guids], days=days)
    said = prune(path, "--dry-run")
    assert "would delete 3 entries first stored before" in said
    assert "(2 feeds by their own keep)" in said
    assert "deleted 3 entries" in prune(path)
    assert {e["guid"] for e in entries_json(path)} == {"a2", "d2", "b2"}
    # Without retention.keep, only the feeds with their own keep are pruned.
    path = write_config(tmp_path / "feeds.yaml", feeds, database=database, **NO_PAGES)
    age(database, [ids["d2"], ids["b2"]], days=1000)
    said = prune(path)
    assert "deleted 1 entry first stored longer ago than their feed's keep (2 feeds)" in said
    assert {e["guid"] for e in entries_json(path)} == {"a2", "d2"}
    # A feed removed from feeds.yaml keeps its own keep: the archive's a2 (100 days)
    # does not go by retention.keep (90d).
    path = write_config(
        tmp_path / "feeds.yaml",
        feeds[1:],
        database=database,
        retention=KEEP["retention"],
        **NO_PAGES,
    )
    poll(path)
    assert "deleted 1 entry first stored before" in prune(path)  # d2, by retention.keep
    assert {e["guid"] for e in entries_json(path)} == {"a2"}


def test_prune_needs_a_retention_and_takes_keep(config: Any, server: FeedServer) -> None:
    path = config([server.add("/empty.xml", rss([]))])
    result = run("prune", "--config", str(path))
    assert result.exit_code == 2
    assert "no retention is configured" in result.output
    assert "deleted 0 entries" in prune(path, "--keep", "30d")
    short = run("prune", "--keep", "2h", "--config", str(path))
    assert short.exit_code == 2
    assert "at least a day" in short.output


def test_a_running_deduplicator_forgets_pruned_entries(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    """The daemon's in-memory index drops what retention deleted: a later copy of
    a pruned article starts a story of its own instead of joining a deleted one."""
    [original, *copies] = [a for a in corpus(seed=79, groups=1, feeds=5) if a.group == 0]
    feed_a = server.add("/a.xml", rss([original]))
    grouping_off = {"dedup": {"enabled": False}, **KEEP, **NO_PAGES}
    path = write_config(tmp_path / "feeds.yaml", [feed_a], database=db_url, **grouping_off)
    poll(path)  # stored, waiting for grouping
    grouping_on = write_config(tmp_path / "on.yaml", [feed_a], database=db_url, **KEEP, **NO_PAGES)
    app = make_app(load_settings(grouping_on, os.environ))
    try:
        with app.session(write=True) as session:
            dedup = app.deduplicator(session)
            assert dedup is not None
            assert dedup.run().stories == 1  # the index now holds the original
            [entry] = entries_json(path)
            age(db_url, [entry["id"]], days=100)
            pruner = app.pruner(session)
            assert pruner is not None
            assert pruner.run().entries == 1
            # The same article from another outlet arrives.
            feed_b = server.add("/b.xml", rss([copies[0]]))
            both = write_config(
                tmp_path / "feeds.yaml", [feed_a, feed_b], database=db_url, **grouping_off
            )
            poll(both)
            grouped = dedup.run()
        assert grouped.entries == 1
        assert grouped.stories == 1  # a story of its own: its original is gone
    finally:
        app.close()
    [story] = stories_json(path)
    assert [e["relation"] for e in story["entries"]] == ["first"]


def test_the_daemon_prunes_at_start_and_counts_it(
    server: FeedServer, config: Any, db_url: str, start_daemon: Any, tmp_path: Path
) -> None:
    articles: list[Article] = corpus(seed=83, groups=2, feeds=5)
    feeds = serve_feeds(server, articles)
    port = free_port()
    path = config(
        [{"url": url, "interval": "1h"} for url in feeds.values()],
        serve={"host": "127.0.0.1", "port": port},
        output={"directory": "public"},
        **KEEP,
        **NO_PAGES,
    )
    poll(path)
    ids = [e["id"] for e in entries_json(path)]
    age(db_url, ids, days=100)
    daemon = start_daemon(path)
    wait_until(lambda: not entries_json(path), timeout=30)

    def pruned() -> str | None:
        try:
            metrics = httpx.get(f"http://127.0.0.1:{port}/metrics").text
        except httpx.HTTPError:
            return None
        line = f"aggregator_entries_pruned_total {float(len(ids))}"
        return line if line in metrics else None

    wait_until(pruned)
    # The merged feed follows: no story left.
    output = tmp_path / "public" / "feed.json"
    wait_until(lambda: not json.loads(output.read_text("utf-8"))["items"])
    assert daemon.stop() == 0
    assert "retention.pruned" in daemon.log()


def test_ids_are_never_given_twice(server: FeedServer, tmp_path: Path, database: str) -> None:
    """After retention deleted everything, new entries and stories get new ids: a
    merged feed reader must never see a story id twice (SQLite would reuse them
    without AUTOINCREMENT)."""
    articles = corpus(seed=89, groups=2, feeds=5)
    feeds = serve_feeds(server, articles)
    path = write_config(
        tmp_path / "feeds.yaml", list(feeds.values()), database=database, **KEEP, **NO_PAGES
    )
    poll(path)
    old_entries = [e["id"] for e in entries_json(path)]
    old_stories = [s["id"] for s in stories_json(path)]
    age(database, old_entries, days=100)
    assert f"deleted {len(old_entries)} entries" in prune(path)
    assert entries_json(path) == []
    later = [a for a in corpus(seed=91, groups=1, feeds=5) if a.kind == "original"]
    fresh = server.add("/fresh.xml", rss(later))
    path = write_config(tmp_path / "feeds.yaml", [fresh], database=database, **KEEP, **NO_PAGES)
    poll(path)
    assert min(e["id"] for e in entries_json(path)) > max(old_entries)
    assert min(s["id"] for s in stories_json(path)) > max(old_stories)


def test_a_retention_changed_during_a_prune_is_pruned_by_at_once(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    import threading

    from aggregator.config import RetentionSettings
    from aggregator.runtime.jobs import PruneJob

    feed = server.add("/many.xml", plain_rss(*((f"m{i}", f"M{i}") for i in range(6))))
    path = write_config(tmp_path / "feeds.yaml", [feed], database=database, **KEEP, **NO_PAGES)
    poll(path)
    ids = {e["guid"]: e["id"] for e in entries_json(path)}
    age(database, [ids["m0"], ids["m1"], ids["m2"]], days=100)
    age(database, [ids["m3"], ids["m4"], ids["m5"]], days=50)  # old only by 30d
    app = make_app(load_settings(path, os.environ))
    asked_to_run: list[bool] = []

    class DaemonLock:
        """The daemon's lock; a reload of feeds.yaml (keep: 30d) takes it as the
        prune is about to delete its first batch."""

        def __init__(self) -> None:
            self.lock = threading.Lock()
            self.taken = 0

        def __enter__(self) -> None:
            self.lock.acquire()
            self.taken += 1
            if self.taken == 3:  # the job's start, the prune's rules, then this
                shorter = RetentionSettings.model_validate({"keep": "30d"})
                settings = app.settings
                app.use_settings(settings.feeds, output=settings.output, retention=shorter)
                asked_to_run.append(job.retention_changed())

        def __exit__(self, *exc: object) -> None:
            self.lock.release()

    done: list[int] = []
    try:
        with app.session(write=True) as session:
            job = PruneJob(
                app, session, DaemonLock(), threading.Event(), lambda d: done.append(d.entries)
            )
            job()
            assert job.retention_changed()  # not running now: the scheduler must start it
    finally:
        app.close()
    # It was running: no need to ask the scheduler (which would skip it and wait a
    # day). The run by 90d stopped before deleting; the run by 30d deleted all six.
    assert asked_to_run == [False]
    assert done == [0, 6]
    assert entries_json(path) == []
