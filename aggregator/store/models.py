"""The database schema as SQLAlchemy 2 typed models.

The schema is created and changed only by the Alembic scripts in migrations/; a test
checks that autogenerate finds no difference between these models and the scripts.
WARNING: keep this file and migrations/versions/ in sync (write a new revision for
every change here).

Datetimes are stored as naive UTC (SQLite has no time zone type, and a user's
``sqlite3`` session sorts and compares the ISO text directly); ``UTCDateTime`` makes
them aware again on the way out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints let Alembic's batch mode (SQLite) alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _naive_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r} given to a UTC column")
    return (value if value.tzinfo is UTC else value.astimezone(UTC)).replace(tzinfo=None)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, naive UTC in the database, aware UTC out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _naive_utc(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[datetime | None], Any] | None:
        """On SQLite, straight to the text that SQLAlchemy's DATETIME stores there
        (YYYY-MM-DD HH:MM:SS.ffffff, as isoformat writes it): one step a value
        instead of two, which were a quarter of inserting a poll's entries."""
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        def process(value: datetime | None) -> str | None:
            return None if value is None else _naive_utc(value).isoformat(" ", "microseconds")

        return process

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


# Full-text search (migration 0006) is SQL of each backend's own, with no model: an
# FTS5 table and its shadow tables on SQLite, a tsvector table on PostgreSQL. The
# schema comparison leaves them alone. WARNING: a batch migration (SQLite copies the
# table) of `entries` or `articles` drops their search triggers; create them again.
SEARCH_TABLES = ("entries_search", "entry_search")


def compared(name: str | None, type_: str, _parents: Any) -> bool:
    """Alembic's include_name: whether the schema comparison looks at an object."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLES))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Feed(Base):
    """A feed from feeds.yaml, its HTTP caching data and its polling state."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)  # as written in feeds.yaml
    # Where the feed is fetched from: `url` until a 301/308 moves it.
    fetch_url: Mapped[str | None] = mapped_column(Text)
    # Host name of the fetch URL: the unit of politeness (per-host cap, Retry-After).
    host: Mapped[str] = mapped_column(Text, index=True, server_default="")
    user_title: Mapped[str | None] = mapped_column(Text)  # `title:` in feeds.yaml
    title: Mapped[str | None] = mapped_column(Text)  # the feed's own <title>
    site_url: Mapped[str | None] = mapped_column(Text)  # the feed's own <link>
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    interval_seconds: Mapped[int] = mapped_column(Integer)
    # `keep:` in feeds.yaml; kept when the feed is removed, so that its entries go by
    # it still (not by retention.keep).
    keep_seconds: Mapped[int | None] = mapped_column(Integer)
    # False once the feed is removed from feeds.yaml: it is no longer polled, but its
    # entries are kept.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 'ok', 'not_modified', 'recovered' (malformed, entries salvaged) or 'error'
    last_status: Mapped[str | None] = mapped_column(String(20))
    last_http_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    # http, timeout, connect, too-large, redirect, address-policy, parse, store, internal
    last_error_kind: Mapped[str | None] = mapped_column(String(20))
    error_count: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failures
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Why then: interval, adaptive, ttl, syndication, cache-control, expires,
    # min-interval, max-interval, backoff, retry-after (see schedule.py).
    next_poll_reason: Mapped[str | None] = mapped_column(String(20))
    # Set on 410 Gone: the feed is kept, with its entries, but not polled.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    # A poll in progress: which process holds the feed, and until when (a process
    # that dies leaves a lease that simply expires).
    lease_owner: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Publishing rhythm, measured when new entries arrive (schedule.rhythm).
    typical_gap_seconds: Mapped[int | None] = mapped_column(Integer)
    newest_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The feed's own polling hints (<ttl>, sy:update*), kept for the 304s that follow.
    ttl_seconds: Mapped[int | None] = mapped_column(Integer)
    syndication_seconds: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Host(Base):
    """Per-host politeness that outlives a process: a Retry-After applies to every feed
    on the host, across restarts and across daemons."""

    __tablename__ = "hosts"

    host: Mapped[str] = mapped_column(Text, primary_key=True)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)


class Entry(Base):
    """One entry of one feed, stored once per feed under its key."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("feed_id", "key"),
        Index("ix_entries_feed_id_published", "feed_id", "published"),
        Index("ix_entries_feed_id_canonical_url", "feed_id", "canonical_url"),
        # SQLite would otherwise give a deleted entry's id (retention) to a new one.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    # The GUID, else the link, else a hash of the entry's text (see identity.entry_key).
    key: Mapped[str] = mapped_column(Text)
    guid: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    # The link without tracking parameters, fragment, default port... (urls.py): the
    # same article under a decorated link is the same entry.
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)  # sanitised HTML
    content: Mapped[str | None] = mapped_column(Text)  # sanitised HTML
    content_text: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    updated: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_changed: Mapped[datetime] = mapped_column(UTCDateTime)
    # sha256 of what the feed says about the entry; a change means an edited entry.
    content_hash: Mapped[str] = mapped_column(String(64))


class Article(Base):
    """The article page behind an entry: whether and when it is fetched, and what
    extraction found there. One row per entry that has a link."""

    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_status_next_attempt_at", "status", "next_attempt_at"),)

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    # pending (not tried yet), ok, failed (see next_attempt_at), skipped (see reason)
    status: Mapped[str] = mapped_column(String(10))
    # Why it failed or was skipped, in words.
    reason: Mapped[str | None] = mapped_column(Text)
    # http, timeout, connect, too-large, redirect, address-policy, not-html, empty,
    # paywall, shorter, internal
    error_kind: Mapped[str | None] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When it is (re)tried; NULL when it is not (done, skipped, or given up).
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Host name of the entry's link: the unit of politeness, shared with feeds.
    host: Mapped[str] = mapped_column(Text, server_default="")
    lease_owner: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    http_status: Mapped[int | None] = mapped_column(Integer)
    page_url: Mapped[str | None] = mapped_column(Text)  # where the link led, after redirects
    # The page's <link rel=canonical> or og:url.
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(12))
    image: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)  # paragraphs separated by newlines
    # The fetched page, zlib-compressed (extract: keep_html), for re-extraction, and
    # its Content-Type (the charset may be there).
    html: Mapped[bytes | None] = mapped_column(LargeBinary)
    content_type: Mapped[str | None] = mapped_column(Text)
    extractor: Mapped[str | None] = mapped_column(String(40))  # name and version
    extracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Story(Base):
    """One event as reported by one or more entries, from one or more feeds."""

    __tablename__ = "stories"
    # A story's id is its merged feed item's id: never given twice, even on SQLite
    # after retention deleted the newest stories.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)  # user_title, else the representative's
    # The title a user's merge gave the story (the first story's, or --title).
    user_title: Mapped[str | None] = mapped_column(Text)
    # Chosen by dedup.representative (README, "Stories"); NULL only while empty.
    # Indexed: deleting an entry (retention) looks up the story it represents.
    representative_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # When an entry last joined or left the story.
    updated: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)  # entries
    sources: Mapped[int] = mapped_column(Integer, default=0)  # distinct feeds


class StoryEntry(Base):
    """An entry's membership of its story, with the evidence that put it there.

    Every entry has a row from the moment it is stored; ``story_id`` stays NULL until
    the deduplicator has read it (it waits for the article's text, see dedup.wait).
    """

    __tablename__ = "story_entries"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    # first (it started the story), duplicate (same text or address as
    # `matched_entry_id`), story (same event, other words), manual (a user's decision)
    relation: Mapped[str | None] = mapped_column(String(10))
    # canonical-url, page-canonical, guid, shingles, containment, story-similarity,
    # story-merge (its story was found to be one with another), user
    signal: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float | None] = mapped_column(Float)
    # Indexed: deleting an entry (retention) looks up who matched it.
    matched_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )
    # True once a user placed the entry (stories merge/split): never moved automatically.
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the grouping had found before a user placed the entry (relation, signal and
    # score as above); NULL for an entry no user placed.
    auto_relation: Mapped[str | None] = mapped_column(String(10))
    auto_signal: Mapped[str | None] = mapped_column(String(20))
    auto_score: Mapped[float | None] = mapped_column(Float)
    # True while the membership was decided on the feed's text because the article page
    # was still pending: once the page is extracted, the entry is decided again.
    awaits_text: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), index=True
    )
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Increases with every change of membership, across processes: how a daemon's
    # in-memory index learns what other daemons (and users) did since it last looked.
    seq: Mapped[int | None] = mapped_column(Integer, index=True)


class Tombstone(Base):
    """What is left of an entry that retention deleted: enough that the entry is not
    stored again while its feed still lists it.

    It lasts while the feed lists the entry, and ``retention.keep`` after that.
    """

    __tablename__ = "tombstones"

    feed_id: Mapped[int] = mapped_column(
        ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(Text, primary_key=True)  # the entry's key, as it was
    entry_id: Mapped[int] = mapped_column(Integer)  # the id it had (no longer exists)
    pruned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When a poll last found the feed listing it (refreshed at most daily).
    last_listed: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Taken from StoryEntry.seq's sequence: a running deduplicator learns of the
    # deletion as of any other membership change (runtime/deduplicator.Deduplicator._synced).
    seq: Mapped[int] = mapped_column(Integer, index=True)
