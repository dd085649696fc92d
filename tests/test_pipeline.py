"""The Poller's bookkeeping, driven directly against a real SQLite file and server."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from aggregator.app import make_app
from aggregator.config import load_settings
from aggregator.runtime.drive import run_once

from .conftest import FeedServer, write_config
from .test_poll import rss


def make(tmp_path: Path, urls: list[str], **fetch: Any) -> Any:
    path = write_config(
        tmp_path / "feeds.yaml",
        urls,
        database=f"sqlite:///{tmp_path / 'aggregator.db'}",
        fetch=fetch,
    )
    return make_app(load_settings(path, os.environ))


def test_an_idle_poller_always_claims(server: FeedServer, tmp_path: Path) -> None:
    # Regression: after a claim that found less than it had room for, the poller kept
    # quiet for a moment; with nothing in flight that ended a `poll` early, leaving
    # due feeds unpolled.
    urls = [server.add(f"/q{i}.xml", rss((f"q{i}", "Q"))) for i in range(5)]
    app = make(tmp_path, urls, per_host=5)
    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            poller = app.poller(session, lambda result, counts: None)
            poller.pacing._quiet_until = time.monotonic() + 3600  # as after a short claim
            assert poller.dispatch() == 5
            poller.close(grace=10)
    finally:
        app.close()


def test_run_once_polls_every_feed_once(server: FeedServer, tmp_path: Path) -> None:
    urls = [server.add(f"/r{i}.xml", rss((f"r{i}", "R"))) for i in range(30)]
    app = make(tmp_path, urls, per_host=1, concurrency=3)
    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            first = run_once(app.poller(session, lambda result, counts: None))
            again = run_once(app.poller(session, lambda result, counts: None), force=True)
    finally:
        app.close()
    assert len(first.results) == 30
    assert first.new_entries == 30
    assert sorted(r.source.url for r, _ in again.results) == sorted(urls)
    assert all(len(server.requests_to(f"/r{i}.xml")) == 2 for i in range(30))


def test_parser_processes_that_die_are_replaced(server: FeedServer, tmp_path: Path) -> None:
    from aggregator.app import PARALLEL_PARSE_MIN_FEEDS
    from aggregator.types import CacheInfo, Failure, Fetched

    urls = [server.url(f"/p{i}.xml") for i in range(PARALLEL_PARSE_MIN_FEEDS)]
    app = make(tmp_path, urls)
    body = rss(("a", "A")).encode()
    fetched = Fetched(urls[0], urls[0], body, {}, CacheInfo())
    try:
        parse = app.parse()
        assert parse(fetched, urls[0]).entries[0].title == "A"  # in a parser process
        pool = app.processes.pool
        assert pool is not None
        for process in list(pool._processes.values()):  # as the OOM killer would
            process.kill()
            process.join()
        assert parse(fetched, urls[0]).entries[0].title == "A"  # parsed all the same
        assert parse(fetched, urls[0]).entries[0].title == "A"  # by a new pool
        assert app.processes.pool is not None
        assert app.processes.pool is not pool
        # A feed that cannot be parsed comes back from the process as data.
        page = Fetched(urls[0], urls[0], b"<html><body>no feed</body></html>", {}, CacheInfo())
        failed = parse(page, urls[0])
        assert isinstance(failed, Failure)
        assert failed.kind == "parse"
        assert "HTML page" in str(failed)
    finally:
        app.close()


def test_an_extraction_process_that_dies_fails_that_page_only(
    server: FeedServer, tmp_path: Path
) -> None:
    from aggregator.app import PARALLEL_PARSE_MIN_FEEDS
    from aggregator.types import Failure, Page

    urls = [server.url(f"/p{i}.xml") for i in range(PARALLEL_PARSE_MIN_FEEDS)]
    app = make(tmp_path, urls)
    text = "Officials said the talks would resume next week in the capital city. " * 10
    body = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    page = Page("https://e.example/a", "https://e.example/a", body.encode(), "text/html")
    try:
        extract = app.extract()
        assert extract(page, "").text  # in a worker process
        pool = app.processes.pool
        assert pool is not None
        for process in list(pool._processes.values()):  # as if this page had killed it
            process.kill()
            process.join()
        # Not tried again in the daemon's own process: the page may be the killer.
        failed = extract(page, "")
        assert isinstance(failed, Failure)
        assert failed.kind == "internal"
        assert extract(page, "").text  # the next pages go to new processes
        assert app.processes.pool is not pool
    finally:
        app.close()


def test_a_large_batch_is_worked_out_with_the_worker_processes(
    server: FeedServer, tmp_path: Path
) -> None:
    """Grouping's view of a large batch (a first poll, an index rebuilt at start) is
    shared with the worker processes: the same Items as worked out here alone, in the
    same order, also when a worker process dies."""
    from datetime import UTC, datetime

    from aggregator.app import PARALLEL_PARSE_MIN_FEEDS
    from aggregator.runtime.deduplicator import items_of
    from aggregator.runtime.processes import ITEMS_MIN
    from aggregator.store.entry_texts import EntryText

    app = make(tmp_path, [server.url(f"/p{i}.xml") for i in range(PARALLEL_PARSE_MIN_FEEDS)])
    now = datetime(2026, 12, 1, tzinfo=UTC)
    entries = [
        EntryText(
            n, n % 7, f"https://f{n % 7}.example/feed", now, now, None,
            f"https://f{n % 7}.example/{n}", f"https://f{n % 7}.example/{n}",
            f"Storm {n} closes the port of {n % 13}",
            f"Officials said storm number {n} closed the port for {n % 5} days. " * 3,
            None,
        )
        for n in range(ITEMS_MIN + 7)
    ]  # fmt: skip
    try:
        items = app.items()
        assert items(entries) == items_of(entries)
        pool = app.processes.pool
        assert pool is not None  # it went to the processes
        for process in list(pool._processes.values()):
            process.kill()
            process.join()
        assert items(entries) == items_of(entries)  # worked out here instead
        assert items(entries) == items_of(entries)  # by a new pool
        assert app.processes.pool is not pool
    finally:
        app.close()


def test_a_lost_lease_leaves_the_feed_to_its_new_holder(server: FeedServer, tmp_path: Path) -> None:
    url = server.add("/lease.xml", rss(("l", "L")), delay=0.5)
    app = make(tmp_path, [url])
    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            poller = app.poller(session, lambda result, counts: None)
            assert poller.dispatch() == 1
            # Meanwhile the lease ran out and another daemon took the feed.
            with sqlite3.connect(tmp_path / "aggregator.db") as other:
                other.execute("UPDATE feeds SET lease_owner = 'elsewhere:1:x'")
            [(_, counts)] = poller.collect(timeout=10)
            poller.close()
    finally:
        app.close()
    assert counts.new == 1  # stored once, whoever stores it
    with sqlite3.connect(tmp_path / "aggregator.db") as db:
        # Its state is the new holder's to write.
        assert db.execute("SELECT lease_owner, last_status FROM feeds").fetchall() == [
            ("elsewhere:1:x", None)
        ]


def test_a_retry_after_holds_the_host_before_it_is_stored(
    server: FeedServer, tmp_path: Path
) -> None:
    # Regression (a flaky daemon test): `pump` claims before it stores what finished,
    # so between a 429 coming back and its Retry-After reaching the database the host
    # looked free, and the next feed on it was fetched at once.
    limited = server.add("/wait.xml", status=429, headers={"Retry-After": "3600"})
    other = server.add("/other.xml", rss(("o", "O")))
    app = make(tmp_path, [limited, other], per_host=1)
    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            poller = app.poller(session, lambda result, counts: None)
            assert poller.dispatch() == 1  # the cap: one of the two
            [(due, result)] = poller.take_finished(timeout=10)
            assert (due.source.url, result.http_status) == (limited, 429)
            assert poller.dispatch() == 0  # the order `pump` keeps: claim, then store
            poller.store_finished([(due, result)])
            assert poller.dispatch(force=True) == 0  # the database holds it back now
            poller.close()
    finally:
        app.close()
    assert server.requests_to("/other.xml") == []
