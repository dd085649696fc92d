"""Schema and storage on both backends: migrations agree with the models, SQLite
settings, and a full poll on PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command as alembic_command
from sqlalchemy import event, inspect, select, text

from aggregator.store.engine import make_engine
from aggregator.store.migrate import (
    current_revision,
    head_revision,
    schema_differences,
    scripts_head,
    upgrade,
)

from .conftest import FeedServer, run, write_config
from .synthetic import corpus
from .test_poll import db_rows, rss
from .test_stories import NO_PAGES, serve_feeds


def test_sqlite_migrations_agree_with_models(db_url: str) -> None:
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert schema_differences(engine) == []
    assert upgrade(engine) is None  # a second upgrade is a no-op
    engine.dispose()


def test_postgres_migrations_agree_with_models(pg_url: str) -> None:
    engine = make_engine(pg_url)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert schema_differences(engine) == []
    assert set(inspect(engine).get_table_names()) >= {"feeds", "entries", "alembic_version"}
    engine.dispose()


def test_sqlite_connection_settings(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY
    engine.dispose()
    # WAL is a property of the file: a plain sqlite3 session sees it too.
    with sqlite3.connect(tmp_path / "aggregator.db") as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_schema_upgrade_keeps_statement_journals_in_a_file(db_url: str) -> None:
    # A revision that rewrites a table in place would hold its old pages in memory
    # (engine.py keeps temporary storage there): upgrades run with it in a file, and
    # the connection goes back to the pool as engine.py made it.
    engine = make_engine(db_url)
    seen: list[int] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _look(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("CREATE TABLE"):
            driver = conn.connection.driver_connection
            seen.append(driver.execute("PRAGMA temp_store").fetchone()[0])

    upgrade(engine)
    assert seen
    assert set(seen) == {1}  # FILE, for every table the revisions made
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY
    engine.dispose()


def test_reader_is_not_blocked_by_an_open_write(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    path = config([server.add("/f.xml", rss(("a", "A")))])
    run("poll", "--config", str(path))
    writer = sqlite3.connect(tmp_path / "aggregator.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE entries SET title = 'uncommitted'")
    try:
        result = run("entries", "--json", "--config", str(path))
        assert result.exit_code == 0
        assert json.loads(result.stdout)["title"] == "A"
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_poll_on_postgres(server: FeedServer, tmp_path: Path, pg_url: str) -> None:
    one = server.add("/one.xml", rss(("a", "A"), ("b", "B")), etag='"1"')
    two = server.add_file("/urdu.xml", "urdu.xml", etag='"u"')
    path = write_config(tmp_path / "feeds.yaml", [one, two], database=pg_url)
    first = run("poll", "--config", str(path))
    assert "2 ok (0 not modified), 0 failed; 4 new entries" in first.output, first.output
    second = run("poll", "--force", "--config", str(path))
    assert "2 ok (2 not modified), 0 failed; 0 new entries" in second.output
    server.add("/one.xml", rss(("c", "C"), ("a", "A edited"), ("b", "B")), etag='"2"')
    third = run("poll", "--force", "--config", str(path))
    assert "1 new entries, 1 updated" in third.output

    entries = [
        json.loads(line)
        for line in run("entries", "--json", "--config", str(path)).stdout.splitlines()
    ]
    assert len(entries) == 5
    assert len({(e["feed_url"], e["guid"]) for e in entries}) == 5
    assert "بلوچستان میں حملوں کی امریکہ کی جانب سے مذمت" in {e["title"] for e in entries}
    assert {e["title"] for e in entries if e["feed_url"] == one} == {"A edited", "B", "C"}
    feeds = [
        json.loads(line)
        for line in run("feeds", "--json", "--config", str(path)).stdout.splitlines()
    ]
    assert {f["url"]: f["entries"] for f in feeds} == {one: 3, two: 2}


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_db_upgrade_command(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = (
        request.getfixturevalue("pg_url")
        if backend == "postgres"
        else f"sqlite:///{tmp_path / 'aggregator.db'}"
    )
    path = write_config(tmp_path / "feeds.yaml", [], database=url)
    first = run("db", "upgrade", "--config", str(path))
    assert first.output.strip() == f"database upgraded from empty to {head_revision()}"
    again = run("db", "upgrade", "--config", str(path))
    assert again.output.strip() == f"database is up to date (revision {head_revision()})"


def test_upgrade_from_an_older_schema_keeps_a_backup(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    engine = make_engine(db_url)
    alembic_command.upgrade(_alembic_config(engine), "0001")  # as the first release left it
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO feeds (url, tags, interval_seconds, active, error_count, created_at)"
                " VALUES ('https://Old.Example/rss', '[]', 1800, 1, 0, '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()
    path = write_config(tmp_path / "feeds.yaml", [], database=db_url)
    result = run("db", "upgrade", "--config", str(path))
    assert f"database upgraded from 0001 to {head_revision()}" in result.output
    backup = tmp_path / "aggregator.db.bak-0001"
    assert f"backup of the previous file: {backup}" in result.output
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    with sqlite3.connect(tmp_path / "aggregator.db") as new:
        # The data migration filled in the host of the existing feed.
        assert new.execute("SELECT host FROM feeds").fetchall() == [("old.example",)]


def _alembic_config(engine: Any) -> Any:
    from alembic.config import Config

    from aggregator.store.migrate import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def test_a_newer_schema_is_refused(tmp_path: Path, db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    path = write_config(tmp_path / "feeds.yaml", [], database=db_url)
    result = run("entries", "--config", str(path))
    assert result.exit_code == 1
    assert "schema is at revision 9999, which this version of aggregator does not know" in (
        result.output
    )
    assert not list(tmp_path.glob("*.bak-*"))


def test_json_feed_with_nul_characters_on_postgres(
    server: FeedServer, tmp_path: Path, pg_url: str
) -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "N\\u0000UL",'
        b' "items": [{"id": "1", "title": "a\\u0000b", "content_text": "x\\u0000y"}]}'
    )
    url = server.add("/nul.json", body, content_type="application/feed+json")
    path = write_config(tmp_path / "feeds.yaml", [url], database=pg_url)
    result = run("poll", "--config", str(path))
    assert "1 new entries" in result.output, result.output
    entry = json.loads(run("entries", "--json", "--config", str(path)).stdout)
    assert (entry["title"], entry["content_text"]) == ("ab", "xy")


def test_entries_stored_before_stories_are_grouped_after_the_upgrade(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    """Revision 0004 gives old entries their canonical URL and a place in the queue;
    the next run groups them, the same entry in two feeds as one story."""
    engine = make_engine(db_url)
    alembic_command.upgrade(_alembic_config(engine), "0003")
    with engine.begin() as connection:
        for feed_id in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO feeds (id, url, tags, interval_seconds, active, error_count,"
                    " created_at, host) VALUES (:id, :url, '[]', 1800, 1, 0,"
                    " '2026-11-01 00:00:00', 'old.example')"
                ),
                {"id": feed_id, "url": f"https://old.example/{feed_id}.xml"},
            )
            connection.execute(
                text(
                    "INSERT INTO entries (feed_id, key, url, title, content_text, first_seen,"
                    " last_changed, content_hash) VALUES (:feed, :key, :url, 'Old news', '',"
                    " '2026-11-01 00:00:00', '2026-11-01 00:00:00', 'x')"
                ),
                {
                    "feed": feed_id,
                    "key": f"k{feed_id}",
                    "url": f"https://Old.Example/story?utm_source=feed{feed_id}#top",
                },
            )
    engine.dispose()
    path = write_config(
        tmp_path / "feeds.yaml", [], database=db_url, extract={"full_text": "never"}
    )
    result = run("poll", "--config", str(path))
    assert "2 grouped: 1 new story, 1 joined one" in result.output, result.output
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        assert connection.execute("SELECT DISTINCT canonical_url FROM entries").fetchall() == [
            ("https://old.example/story",)
        ]
        rows = connection.execute(
            "SELECT relation, signal FROM story_entries ORDER BY entry_id"
        ).fetchall()
    assert rows == [("first", None), ("duplicate", "canonical-url")]


def test_the_rebuild_for_ids_never_reused_keeps_every_row(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    """Revision 0008 rebuilds entries and stories on SQLite (AUTOINCREMENT): every row
    that refers to them stays, and so do the search index and the view."""
    articles = corpus(seed=97, groups=3, feeds=5)
    feeds = serve_feeds(server, articles)
    path = write_config(tmp_path / "feeds.yaml", list(feeds.values()), database=db_url, **NO_PAGES)
    assert run("poll", "--config", str(path)).exit_code == 0
    counts = (
        "SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM stories),"
        " (SELECT count(*) FROM story_entries WHERE story_id IS NOT NULL),"
        " (SELECT count(*) FROM entries_search), (SELECT count(*) FROM story_sources)"
    )
    database = tmp_path / "aggregator.db"
    with sqlite3.connect(database) as db:
        before = db.execute(counts).fetchone()
    assert before[0] == len(articles)
    engine = make_engine(db_url)
    alembic_command.downgrade(_alembic_config(engine), "0007")
    engine.dispose()
    with sqlite3.connect(database) as db:
        assert (
            "AUTOINCREMENT"
            not in db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
        )
        assert db.execute(counts).fetchone() == before

    result = run("db", "upgrade", "--config", str(path))
    assert "database upgraded from 0007" in result.output
    with sqlite3.connect(database) as db:
        assert db.execute(counts).fetchone() == before
        for table in ("entries", "stories"):
            sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            assert "AUTOINCREMENT" in sql[0]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    # The search triggers came back: a new entry is found.
    new = server.add("/late.xml", rss(("late", "Zanzibar ferry resumes")))
    path = write_config(
        tmp_path / "feeds.yaml", [*feeds.values(), new], database=db_url, **NO_PAGES
    )
    assert run("poll", "--config", str(path)).exit_code == 0
    found = run("search", "zanzibar", "--json", "--config", str(path))
    assert [json.loads(line)["title"] for line in found.stdout.splitlines()] == [
        "Zanzibar ferry resumes"
    ]


def test_head_is_the_newest_migration() -> None:
    # Commands compare the database with HEAD without loading Alembic.
    assert head_revision() == scripts_head()


def test_a_round_of_polls_is_looked_up_and_stored_feed_by_feed(
    tmp_path: Path, database: str
) -> None:
    """entry_states / apply_plans take a round of feeds at once: each feed sees only
    its own stored entries, even under keys another feed of the round also lists."""
    from datetime import UTC, datetime

    from aggregator.app import make_app
    from aggregator.config import load_settings
    from aggregator.domain import identity
    from aggregator.store.models import Feed
    from aggregator.types import RawEntry

    def entry(key: str, text: str = "Text") -> RawEntry:
        return RawEntry(key, f"https://x.example/{key}", key, text, None, text, None, None, None)

    config = write_config(
        tmp_path / "feeds.yaml",
        ["https://a.example/feed.xml", "https://b.example/feed.xml"],
        database=database,
    )
    app = make_app(load_settings(config, {}))
    now = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    try:
        with app.session(write=True) as session, session.begin():
            store = app.store(session)
            store.sync_feeds(app.settings.feeds)
            a, b = sorted(session.scalars(select(Feed.id)))
            first = {a: {"k1": entry("k1"), "k2": entry("k2")}, b: {"k3": entry("k3")}}
            states = store.entry_states(first, now)
            plans = [(f, by_key, identity.plan(by_key, states[f])) for f, by_key in first.items()]
            gained = store.apply_plans(plans, now)
            assert {f: c.new for f, c in gained.items()} == {a: 2, b: 1}
            # Now B lists k1 too (A's key) and A has edited k2: B's k1 is new to B.
            second = {a: {"k1": entry("k1"), "k2": entry("k2", "Edited")}, b: {"k1": entry("k1")}}
            states = store.entry_states(second, now)
            assert set(states[a].stored) == {"k1", "k2"}
            assert set(states[b].stored) == set()
            plans = [(f, by_key, identity.plan(by_key, states[f])) for f, by_key in second.items()]
            gained = store.apply_plans(plans, now)
            assert {f: (c.new, c.updated) for f, c in gained.items()} == {a: (0, 1), b: (1, 0)}
            recent = store.recent_published([a, b])
            assert (len(recent[a]), len(recent[b])) == (2, 2)
    finally:
        app.close()


def _rhythm_rss(hours: list[int], undated: int) -> str:
    """Items published ``hours`` before 2026-11-20 08:00 UTC, then ``undated`` more."""
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    noon = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    dated = [
        f"<item><title>Dated {n}</title><link>https://site.example/d{n}</link>"
        f"<pubDate>{format_datetime(noon - timedelta(hours=h))}</pubDate></item>"
        for n, h in enumerate(hours)
    ]
    bare = [
        f"<item><title>Undated {n}</title><link>https://site.example/u{n}</link></item>"
        for n in range(undated)
    ]
    return f'<rss version="2.0"><channel><title>F</title>{"".join(dated + bare)}</channel></rss>'


@pytest.mark.parametrize("dedup", [True, False])
def test_a_feeds_rhythm_is_measured_on_its_newest_stored_entries(
    server: FeedServer, config: Any, tmp_path: Path, dedup: bool
) -> None:
    """The rhythm (median gap of the newest RECENT_TIMES publication times, an undated
    entry at the time it was first seen) is the same whether a first poll takes the
    times from the entries it lists or a later poll reads them back."""
    from datetime import UTC, datetime

    from aggregator.domain.schedule import rhythm
    from aggregator.store import RECENT_TIMES

    # Gaps that grow: the median of the newest 20 is not that of all 26.
    hours = [h * h for h in range(1, 25)]
    url = server.add("/f.xml", _rhythm_rss(hours, undated=2), etag='"1"')
    path = config([url], dedup={"enabled": dedup})

    def stored_rhythm(limit: int = RECENT_TIMES) -> tuple[Any, ...]:
        rows = db_rows(
            tmp_path,
            "SELECT coalesce(published, first_seen), first_seen FROM entries "
            "ORDER BY 1 DESC LIMIT ?",
            limit,
        )
        times = [datetime.fromisoformat(at).replace(tzinfo=UTC) for at, _ in rows]
        now = max(datetime.fromisoformat(seen).replace(tzinfo=UTC) for _, seen in rows)
        found = rhythm(times, now)
        assert found is not None
        [(gap, newest)] = db_rows(
            tmp_path, "SELECT typical_gap_seconds, newest_published_at FROM feeds"
        )
        return (gap, datetime.fromisoformat(newest).replace(tzinfo=UTC)), (
            found.typical_gap,
            found.newest,
        )

    assert run("poll", "--config", str(path)).exit_code == 0
    assert len(db_rows(tmp_path, "SELECT id FROM entries")) == 26
    measured, expected = stored_rhythm()
    assert measured == expected
    # Measured on all 26 times, the rhythm would be another.
    assert measured != stored_rhythm(limit=26)[1]

    # Now the feed has entries: a later poll reads its times back.
    server.add("/f.xml", _rhythm_rss([0, *hours], undated=2), etag='"2"')
    assert run("poll", "--force", "--config", str(path)).exit_code == 0
    later, expected = stored_rhythm()
    assert later == expected
    assert later != measured
