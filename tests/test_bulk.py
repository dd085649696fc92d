"""store/bulk.py writes rows exactly as SQLAlchemy's own statements would, on SQLite and
PostgreSQL; and UTCDateTime's SQLite text is SQLAlchemy's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert, select, text, update

from aggregator.app import make_app
from aggregator.config import load_settings
from aggregator.domain.dedup import Merge
from aggregator.store.boundary import insert_into
from aggregator.store.bulk import insert_many, update_many
from aggregator.store.models import Entry, Feed, Story, StoryEntry, UTCDateTime
from aggregator.store.stories import StoryStore

from .conftest import write_config

# Whole seconds (the driver's own datetime text would drop ".000000"), microseconds,
# another offset, a year before 1000.
TIMES = [
    datetime(2026, 12, 4, 8, 0, 0, tzinfo=UTC),
    datetime(2026, 12, 4, 8, 0, 3, 120, tzinfo=UTC),
    datetime(2026, 12, 4, 13, 30, 0, 999999, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),
]
COLUMNS = (
    "key, guid, url, canonical_url, title, summary, content, content_text, author, "
    "published, updated, first_seen, last_changed, content_hash"
)


def _rows(feed_id: int) -> list[dict[str, Any]]:
    return [
        {
            "feed_id": feed_id,
            "key": f"k{n}",
            "guid": None if n % 2 else f"g{n}",
            "url": f"https://x.example/{n}",
            "canonical_url": f"https://x.example/{n}",
            "title": f"Title {n} — ünïcode",
            "summary": None,
            "content": "<p>Body</p>",
            "content_text": "Body",
            "author": None,
            "published": when,
            "updated": None if n % 2 else when,
            "first_seen": TIMES[0],
            "last_changed": when,
            "content_hash": f"h{n}",
        }
        for n, when in enumerate(TIMES)
    ]


def test_rows_written_in_bulk_are_those_sqlalchemy_writes(tmp_path: Path, database: str) -> None:
    config = write_config(
        tmp_path / "feeds.yaml",
        ["https://a.example/feed.xml", "https://b.example/feed.xml"],
        database=database,
    )
    app = make_app(load_settings(config, {}))
    try:
        with app.session(write=True) as session, session.begin():
            app.store(session).sync_feeds(app.settings.feeds)
            ours, theirs = sorted(session.scalars(select(Feed.id)))
            returned = insert_many(
                session, Entry, _rows(ours), unique=["feed_id", "key"], returning=["id", "key"]
            )
            session.execute(insert_into(session, Entry), _rows(theirs))
            stored = {
                feed_id: [
                    tuple(row)
                    for row in session.execute(
                        text(f"SELECT {COLUMNS} FROM entries WHERE feed_id = :f ORDER BY key"),
                        {"f": feed_id},
                    )
                ]
                for feed_id in (ours, theirs)
            }
            assert len(stored[ours]) == len(TIMES)
            assert stored[ours] == stored[theirs]  # the driver's values, as stored
            query = select(Entry.key, Entry.id).where(Entry.feed_id == ours)
            ids = {row[0]: row[1] for row in session.execute(query)}
            assert sorted((key, id_) for id_, key in returned) == sorted(ids.items())

            # A row already there is left out, and not returned.
            again = [_rows(ours)[0], {**_rows(ours)[0], "key": "new"}]
            returned = insert_many(
                session, Entry, again, unique=["feed_id", "key"], returning=["key"]
            )
            assert returned == [("new",)]
            count = session.scalar(
                text("SELECT count(*) FROM entries WHERE feed_id = :f"), {"f": ours}
            )
            assert count == len(TIMES) + 1

            # update_many: stories' times as SQLAlchemy's UPDATE writes them.
            made = [
                session.scalar(
                    insert(Story)
                    .values(first_seen=TIMES[1], updated=TIMES[1], size=0, sources=0)
                    .returning(Story.id)
                )
                for _ in TIMES
            ]
            half = len(TIMES) // 2
            update_many(
                session,
                Story,
                "id",
                [
                    {"id": i, "updated": t, "size": 3}
                    for i, t in zip(made[:half], TIMES, strict=False)
                ],
            )
            for story_id, when in zip(made[half:], TIMES, strict=False):
                session.execute(
                    update(Story).where(Story.id == story_id).values(updated=when, size=3)
                )
            raw = [
                tuple(row)
                for row in session.execute(text("SELECT updated, size FROM stories ORDER BY id"))
            ]
            assert raw[:half] == raw[half : 2 * half]
    finally:
        app.close()


def test_utc_datetimes_are_stored_on_sqlite_as_sqlalchemy_stores_them() -> None:
    from sqlalchemy import DateTime
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    ours = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    theirs = DateTime().dialect_impl(dialect).bind_processor(dialect)
    assert ours is not None
    assert theirs is not None
    for when in TIMES:
        assert ours(when) == theirs(when.astimezone(UTC).replace(tzinfo=None))
    assert ours(None) is None
    with pytest.raises(ValueError, match="naive"):
        ours(datetime(2026, 12, 4))


def test_rows_beyond_one_statement_are_inserted_in_several(tmp_path: Path, database: str) -> None:
    """insert_many keeps each statement within the backend's limit on parameters
    (SQLite before 3.32 allows 999): here 8, so two stories a statement."""
    config = write_config(tmp_path / "feeds.yaml", [], database=database)
    app = make_app(load_settings(config, {}))
    try:
        with app.session(write=True) as session, session.begin():
            connection = session.connection()
            dialect = connection.dialect
            limit = dialect.insertmanyvalues_max_parameters
            dialect.insertmanyvalues_max_parameters = 8
            statements: list[str] = []

            def seen(*args: Any) -> None:
                statements.append(args[2])

            event.listen(connection, "before_cursor_execute", seen)
            try:
                rows = [
                    {"first_seen": TIMES[0], "updated": TIMES[1], "size": n, "sources": 1}
                    for n in range(11)
                ]
                returned = insert_many(session, Story, rows, returning=["id", "size"])
            finally:
                event.remove(connection, "before_cursor_execute", seen)
                dialect.insertmanyvalues_max_parameters = limit
            assert len([s for s in statements if s.startswith("INSERT INTO")]) == 6
            assert sorted(size for _, size in returned) == list(range(11))
            assert len({story_id for story_id, _ in returned}) == 11
            assert session.scalar(text("SELECT count(*) FROM stories")) == 11
    finally:
        app.close()


def test_a_batchs_merges_are_written_in_one_statement_the_last_move_kept(
    tmp_path: Path, database: str
) -> None:
    """StoryStore.merge: each merge's entries take its story, relation, signal and
    score, in the order the merges were made (an entry moved twice keeps the last),
    with one UPDATE for them all."""
    config = write_config(
        tmp_path / "feeds.yaml", ["https://a.example/feed.xml"], database=database
    )
    app = make_app(load_settings(config, {}))
    try:
        with app.session(write=True) as session, session.begin():
            app.store(session).sync_feeds(app.settings.feeds)
            feed = session.scalar(select(Feed.id))
            entries = [
                row[0] for row in insert_many(session, Entry, _rows(feed or 0), returning=["id"])
            ]
            stories = StoryStore(session, lambda: TIMES[0])
            a, b, c = stories.new_stories(3)
            session.execute(
                insert(StoryEntry),
                [
                    {"entry_id": e, "story_id": a, "relation": "first", "pinned": False, "seq": 1}
                    for e in entries
                ],
            )
            statements: list[str] = []
            connection = session.connection()

            def seen(*args: Any) -> None:
                statements.append(args[2])

            event.listen(connection, "before_cursor_execute", seen)
            try:
                stories.merge(
                    [
                        Merge(a, b, 0.2, (entries[0], entries[1]), "story-merge"),
                        Merge(b, c, None, (entries[1],), "story-reform", "first"),
                    ],
                    seq=7,
                )
            finally:
                event.remove(connection, "before_cursor_execute", seen)
            assert len([s for s in statements if s.startswith("UPDATE")]) == 1
            columns = (StoryEntry.story_id, StoryEntry.relation, StoryEntry.signal)
            query = select(StoryEntry.entry_id, *columns, StoryEntry.score, StoryEntry.seq)
            rows = {row[0]: tuple(row[1:]) for row in session.execute(query)}
            assert rows[entries[0]] == (b, "story", "story-merge", 0.2, 7)
            assert rows[entries[1]] == (c, "first", "story-reform", None, 7)
            assert rows[entries[2]] == (a, "first", None, None, 1)
    finally:
        app.close()
