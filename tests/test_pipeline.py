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
from .test_poll import db_rows, rss


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


def test_a_poll_with_pages_in_flight_still_polls_every_feed(
    server: FeedServer, server2: FeedServer, tmp_path: Path, monkeypatch: Any
) -> None:
    """Regression: after a claim that found less than it had room for, the poller
    keeps quiet while work is in flight, until a host whose cap held a feed back
    frees a place. A host too busy to be looked at by that claim was not among them:
    its polls finished, the claim stayed skipped while article pages were in flight,
    and when the last page finished `poll` ended with that host's third feed unpolled.
    (CI saw it once as 14 of 16 feeds polled.)"""
    from aggregator.runtime import workers

    # Quiet for the whole poll, as a claim of this poll makes it for 0.5 s at a time:
    # the order of events below then no longer depends on when each round falls.
    monkeypatch.setattr(workers, "QUIET_SECONDS", 3600.0)
    pages = FeedServer("127.0.0.3")
    try:
        # Host A: three slow feeds with nothing new (so no pages). Host C: three fast
        # feeds, each an entry whose page (host P) is slower still.
        slow = [server.add(f"/a{n}.xml", rss(), delay=0.4) for n in range(3)]
        fast = []
        for n in range(3):
            page = pages.add(
                f"/p{n}.html",
                f"<html><body><p>Page {n}</p></body></html>",
                content_type="text/html",
                delay=1.0,
            )
            item = f"<item><title>Story c{n}</title><link>{page}</link><guid>c{n}</guid></item>"
            fast.append(
                server2.add(f"/c{n}.xml", f'<rss version="2.0"><channel>{item}</channel></rss>')
            )
        path = write_config(
            tmp_path / "feeds.yaml",
            slow + fast,
            database=f"sqlite:///{tmp_path / 'aggregator.db'}",
            fetch={"per_host": 2, "allow_private_networks": True},
            extract={"full_text": True},
        )
        app = make_app(load_settings(path, os.environ))
        try:
            with app.session(write=True) as session:
                with session.begin():
                    app.store(session).sync_feeds(app.settings.feeds)
                poller, extractor = app.workers(session)
                report = run_once(poller, extractor)
        finally:
            app.close()
        assert sorted(r.source.url for r, _ in report.results) == sorted(slow + fast)
        assert len(pages.requests) == 3
    finally:
        pages.close()


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


def test_a_worker_works_out_views_without_the_database_layer() -> None:
    """The views of a large poll's entries are worked out in the worker processes with
    the text module alone: importing the database layer there cost each worker a
    quarter of a second before its first view."""
    from aggregator.domain.textsim import views_of
    from aggregator.runtime.processes import WorkerProcesses

    from .worker_probe import loaded

    texts = [
        (f"Storm {n} closes the port", f"Officials said storm {n} closed it.") for n in range(50)
    ]
    workers = WorkerProcesses(cores=1)
    try:
        assert workers.later()(texts)() == views_of(texts)
        pool = workers.pool
        assert pool is not None  # they were worked out there
        assert not pool.submit(loaded, "sqlalchemy").result(60)
        assert pool.submit(loaded, "aggregator.domain.textsim").result(60)
    finally:
        workers.close()


def test_the_next_batch_is_worked_out_while_one_is_decided(
    server: FeedServer, tmp_path: Path
) -> None:
    """A poll larger than a grouping batch: the workers work out the next batch's
    views while one is decided. An entry whose text changed after it was read ahead is
    grouped on its new text, and the stories are those of grouping without reading
    ahead (the same text changed before it started)."""
    from sqlalchemy import select, update

    from aggregator.app import PARALLEL_PARSE_MIN_FEEDS
    from aggregator.runtime.deduplicator import Deduplicator
    from aggregator.store.boundary import database
    from aggregator.store.models import Entry

    topics = ["Storm closes the port", "Election count delayed", "Bridge reopens after repairs"]
    urls = [
        server.add(
            f"/b{i}.xml",
            rss(*[(f"b{i}-{j}", f"{t} in {i % 4}, says outlet{i}") for j, t in enumerate(topics)]),
        )
        for i in range(PARALLEL_PARSE_MIN_FEEDS)
    ]
    changed: list[str] = []  # the headline of the entry whose text changes
    volcano = "A volcano erupted near the airport."

    def grouped(folder: Path, ahead: bool) -> set[frozenset[str]]:
        folder.mkdir()
        database_url = f"sqlite:///{folder / 'aggregator.db'}"
        path = write_config(
            folder / "feeds.yaml", urls, database=database_url, extract={"full_text": False}
        )
        app = make_app(load_settings(path, os.environ))
        try:
            with app.session(write=True) as session:
                with session.begin():
                    app.store(session).sync_feeds(app.settings.feeds)
                run_once(app.poller(session, lambda result, counts: None))
                later = app.processes.later()

                def change(title: str) -> None:
                    where = Entry.title == title
                    session.execute(update(Entry).where(where).values(content_text=volcano))

                def started(texts: list[tuple[str, str]]) -> Any:
                    if not changed:  # the first batch read ahead: one of it changes
                        changed.append(texts[0][0])
                        change(changed[0])
                    return later(texts)

                if not ahead:
                    with session.begin():
                        change(changed[0])

                dedup = Deduplicator(
                    database(session),
                    app.stories(session),
                    app.settings.dedup.thresholds(),
                    items=app.items(),
                    later=started if ahead else None,
                    batch=40,
                )
                assert dedup.run().entries == len(urls) * len(topics)
                (entry_id,) = session.execute(select(Entry.id).where(Entry.title == changed[0]))
                assert dedup._index is not None
                terms = set(dedup._index._terms(dedup._index._entries[entry_id[0]]))
                assert "volcano" in terms  # from the new text (the headline is the same)
        finally:
            app.close()
        rows = db_rows(
            folder,
            "SELECT e.guid, s.story_id FROM entries e JOIN story_entries s ON s.entry_id = e.id",
        )
        stories: dict[int, set[str]] = {}
        for guid, story_id in rows:
            stories.setdefault(story_id, set()).add(guid)
        return {frozenset(guids) for guids in stories.values()}

    ahead = grouped(tmp_path / "ahead", ahead=True)
    alone = grouped(tmp_path / "alone", ahead=False)
    assert len(alone) > 1
    assert ahead == alone


def test_entries_grouped_since_they_were_listed_are_read_once(
    server: FeedServer, tmp_path: Path
) -> None:
    """The deduplicator lists the waiting entries once and reads them a batch at a
    time: an entry another process grouped in between is left out, and the rest keep
    the listed order."""
    from datetime import timedelta

    from sqlalchemy import update

    from aggregator.store.models import StoryEntry

    feed = server.add("/f.xml", rss(*[(f"g{n}", f"Title {n}") for n in range(6)]))
    app = make(tmp_path, [feed])
    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            run_once(app.poller(session, lambda result, counts: None))
            stories = app.stories(session)
            with session.begin():
                listed = stories.waiting(stories.now() + timedelta(days=1), 100)
                assert len(listed) == 6
                assert [e.entry_id for e in stories.still_waiting(listed)] == listed
                [story] = stories.new_stories(1)
                session.execute(
                    update(StoryEntry)
                    .where(StoryEntry.entry_id == listed[2])
                    .values(story_id=story)
                )
                rest = [e.entry_id for e in stories.still_waiting(listed[::-1])]
                assert rest == [i for i in listed[::-1] if i != listed[2]]
                ahead = stories.headlines_and_texts(listed[:2])
                assert {entry_id for entry_id, _, _ in ahead} == set(listed[:2])
                assert all(text == f"About {title}." for _, title, text in ahead)
    finally:
        app.close()


def test_leases_an_earlier_poll_of_this_process_could_not_give_back_end(
    server: FeedServer, tmp_path: Path
) -> None:
    # Regression (a full disk at commit): a poll that stops while the database takes
    # no writes leaves its leases; polling again in the same process, once the disk
    # has room, must not wait for them to run out. Another live process's lease stays.
    mine = server.add("/mine.xml", rss(("m", "M")))
    theirs = server.add("/theirs.xml", rss(("t", "T")))
    app = make(tmp_path, [mine, theirs])
    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            with sqlite3.connect(tmp_path / "aggregator.db") as other:
                until = "2999-01-01 00:00:00.000000"
                other.execute(
                    "UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE url = ?",
                    (app.owner, until, mine),
                )
                other.execute(
                    "UPDATE feeds SET lease_owner = 'elsewhere:1:x', lease_until = ? WHERE url = ?",
                    (until, theirs),
                )
            report = run_once(app.poller(session, lambda result, counts: None), force=True)
    finally:
        app.close()
    assert [result.source.url for result, _ in report.results] == [mine]


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


def test_the_collector_is_paused_while_a_poll_is_fetched_stored_and_grouped(
    server: FeedServer, tmp_path: Path
) -> None:
    """Fetching, storing and grouping run with the cyclic garbage collector paused
    (runtime/heap.py): the collections that do run while it is on are the one after
    each paused stretch, not one every few hundred allocations; and it is on again
    afterwards."""
    import gc

    topics = ["Storm closes the port", "Election count delayed", "Bridge reopens"]
    urls = [
        server.add(
            f"/g{i}.xml", rss(*[(f"g{i}-{j}", f"{t}, outlet {i}") for j, t in enumerate(topics)])
        )
        for i in range(40)
    ]
    path = write_config(
        tmp_path / "feeds.yaml",
        urls,
        database=f"sqlite:///{tmp_path / 'aggregator.db'}",
        extract={"full_text": False},
    )
    app = make_app(load_settings(path, os.environ))
    automatic: list[int] = []  # the generations collected while the collector was on

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and gc.isenabled():
            automatic.append(info["generation"])

    try:
        with app.session(write=True) as session:
            with session.begin():
                app.store(session).sync_feeds(app.settings.feeds)
            poller = app.poller(session, lambda result, counts: None)
            deduplicator = app.deduplicator(session)
            gc.callbacks.append(seen)
            try:
                report = run_once(poller, deduplicator=deduplicator)
            finally:
                gc.callbacks.remove(seen)
    finally:
        app.close()
    assert report.new_entries == 120
    assert report.grouped is not None
    assert report.grouped.entries == 120
    # One after the polls' stretch (maybe the next allocation's, maybe in grouping's
    # own start), none within; hundreds with the collector left on.
    assert len(automatic) <= 2, automatic
    assert gc.isenabled()


def test_a_paused_collector_is_restored_as_it_was() -> None:
    import gc

    from aggregator.runtime.heap import collection_paused

    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with collection_paused():
            raise KeyError("fails inside")
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()  # the caller's own choice stays
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
