"""The Store facade: the only database API the rest of aggregator sees.

It takes plain values in and hands plain values back; ORM models stay inside this
package. It receives a Session and never opens or commits one: the caller decides the
transaction (``with session.begin(): store.save_result(...)``), which is how one
feed's new entries are committed together or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..types import (
    CacheInfo,
    EntryView,
    FeedResult,
    FeedSource,
    FeedView,
    RawEntry,
    StoredCounts,
)
from .models import Entry, Feed

# Longer keys (some feeds put whole URLs with long query strings in their GUIDs) are
# stored as a hash so that the unique index stays within PostgreSQL's btree limit.
MAX_KEY_LENGTH = 1000
# Rows per multi-row INSERT; 15 columns x 200 stays far below SQLite's variable limit.
_CHUNK = 200


@dataclass(frozen=True)
class DueFeed:
    """A feed to poll now, with what the request needs from the database."""

    source: FeedSource
    cache: CacheInfo


def entry_key(entry: RawEntry) -> str:
    """The identity of an entry within its feed: its GUID, else its link, else its text.

    The last resort (no GUID, no link) hashes title and text, so an edit to such an
    entry reads as a new entry; nothing better identifies it.
    """
    key = entry.guid or entry.url
    if not key:
        key = "sha256:" + _digest(entry.title, entry.content_text)
    elif len(key) > MAX_KEY_LENGTH:
        key = "sha256:" + _digest(key)
    return key


def _digest(*parts: str | None) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update((part or "").encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def _content_hash(entry: RawEntry) -> str:
    return _digest(
        entry.guid,
        entry.url,
        entry.title,
        entry.summary,
        entry.content,
        entry.author,
        entry.published.isoformat() if entry.published else None,
        entry.updated.isoformat() if entry.updated else None,
    )


class Store:
    """Reads and writes feeds and entries within the caller's Session."""

    def __init__(self, session: Session, now: Callable[[], datetime]) -> None:
        self.session = session
        self.now = now

    # --- feeds ------------------------------------------------------------------

    def sync_feeds(self, sources: Sequence[FeedSource]) -> None:
        """Make the feeds table match feeds.yaml.

        New feeds are due at once; feeds no longer configured stop being polled but
        keep their entries (``active`` false).
        """
        existing = {feed.url: feed for feed in self.session.scalars(select(Feed))}
        now = self.now()
        for source in sources:
            feed = existing.pop(source.url, None)
            if feed is None:
                self.session.add(
                    Feed(
                        url=source.url,
                        user_title=source.title,
                        tags=list(source.tags),
                        interval_seconds=source.interval_seconds,
                        active=True,
                        error_count=0,
                        created_at=now,
                    )
                )
                continue
            feed.user_title = source.title
            if feed.tags != list(source.tags):
                feed.tags = list(source.tags)
            feed.active = True
            if feed.interval_seconds != source.interval_seconds:
                feed.interval_seconds = source.interval_seconds
                if feed.last_polled_at is not None:
                    # A shorter interval takes effect now, not after the old one ends.
                    feed.next_poll_at = _earliest(
                        feed.next_poll_at, _after(feed.last_polled_at, source.interval_seconds)
                    )
        for feed in existing.values():
            feed.active = False
        self.session.flush()

    def due_feeds(self, *, force: bool = False) -> list[DueFeed]:
        """Active feeds whose next poll time has come (all active feeds with ``force``)."""
        query = select(Feed).where(Feed.active.is_(True)).order_by(Feed.id)
        if not force:
            query = query.where((Feed.next_poll_at.is_(None)) | (Feed.next_poll_at <= self.now()))
        return [
            DueFeed(
                source=_source(feed),
                cache=CacheInfo(etag=feed.etag, last_modified=feed.last_modified),
            )
            for feed in self.session.scalars(query)
        ]

    def save_result(self, result: FeedResult) -> StoredCounts:
        """Record one feed's poll: its entries, caching data, status and next poll."""
        feed = self.session.scalars(select(Feed).where(Feed.url == result.source.url)).one()
        now = self.now()
        feed.last_polled_at = now
        feed.last_http_status = result.http_status
        # Issue 3 replaces this with the adaptive, back-off-aware schedule.
        feed.next_poll_at = _after(now, feed.interval_seconds)

        if result.error is not None:
            feed.last_status = "error"
            feed.last_error = str(result.error)
            feed.error_count += 1
            return StoredCounts()

        feed.last_success_at = now
        feed.error_count = 0
        feed.last_error = None
        # A 304 may carry fresh validators; keep the old ones where it does not.
        feed.etag = result.cache.etag or feed.etag
        feed.last_modified = result.cache.last_modified or feed.last_modified
        if result.parsed is None:
            feed.last_status = "not_modified"
            return StoredCounts()

        parsed = result.parsed
        feed.title = parsed.title or feed.title
        feed.site_url = parsed.link or feed.site_url
        feed.last_status = "recovered" if parsed.warning else "ok"
        feed.last_error = parsed.warning
        return self._save_entries(feed.id, parsed.entries, now)

    def _save_entries(
        self, feed_id: int, entries: Iterable[RawEntry], now: datetime
    ) -> StoredCounts:
        by_key: dict[str, RawEntry] = {}
        for entry in entries:
            # A feed that lists the same entry twice: the first (usually newest) wins.
            by_key.setdefault(entry_key(entry), entry)
        if not by_key:
            return StoredCounts()

        known: dict[str, tuple[int, str]] = {}
        keys = list(by_key)
        for start in range(0, len(keys), _CHUNK):
            rows = self.session.execute(
                select(Entry.key, Entry.id, Entry.content_hash).where(
                    Entry.feed_id == feed_id, Entry.key.in_(keys[start : start + _CHUNK])
                )
            )
            known.update({key: (entry_id, digest) for key, entry_id, digest in rows})

        new_rows = []
        updated = 0
        for key, entry in by_key.items():
            digest = _content_hash(entry)
            if key not in known:
                new_rows.append(_row(feed_id, key, entry, digest, now))
            elif known[key][1] != digest:
                values = _row(feed_id, key, entry, digest, now)
                del values["first_seen"]
                self.session.execute(
                    update(Entry).where(Entry.id == known[key][0]).values(**values)
                )
                updated += 1

        inserted = 0
        for start in range(0, len(new_rows), _CHUNK):
            # ON CONFLICT DO NOTHING: another daemon (PostgreSQL scale-out) may have
            # stored the same entry since the SELECT above; it is not stored twice.
            statement = (
                self._insert()
                .values(new_rows[start : start + _CHUNK])
                .on_conflict_do_nothing(index_elements=["feed_id", "key"])
                .returning(Entry.id)
            )
            inserted += len(self.session.execute(statement).all())
        return StoredCounts(new=inserted, updated=updated)

    def _insert(self) -> sqlite.Insert | postgresql.Insert:
        if self.session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(Entry)
        return sqlite.insert(Entry)

    # --- queries ----------------------------------------------------------------

    def entries(
        self,
        *,
        feed_url: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[EntryView]:
        """Entries newest first; an entry without a date counts as published when seen."""
        when = func.coalesce(Entry.published, Entry.first_seen)
        query = (
            select(Entry, Feed.url, Feed.user_title, Feed.title)
            .join(Feed, Entry.feed_id == Feed.id)
            .order_by(when.desc(), Entry.id.desc())
        )
        if feed_url is not None:
            query = query.where(Feed.url == feed_url)
        if since is not None:
            query = query.where(when >= since)
        if limit:
            query = query.limit(limit)
        return [
            EntryView(
                id=entry.id,
                feed_url=url,
                feed_title=user_title or title,
                guid=entry.guid,
                url=entry.url,
                title=entry.title,
                author=entry.author,
                published=entry.published,
                updated=entry.updated,
                first_seen=entry.first_seen,
                summary=entry.summary,
                content_text=entry.content_text,
                story_id=None,  # stories arrive with the deduplication issue
            )
            for entry, url, user_title, title in self.session.execute(query)
        ]

    def feeds(self) -> list[FeedView]:
        """Every feed ever configured, with its entry count and polling state."""
        counts = select(Entry.feed_id, func.count().label("n")).group_by(Entry.feed_id).subquery()
        query = (
            select(Feed, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.feed_id == Feed.id)
            .order_by(Feed.active.desc(), Feed.id)
        )
        return [
            FeedView(
                id=feed.id,
                url=feed.url,
                title=feed.user_title or feed.title,
                site_url=feed.site_url,
                tags=tuple(feed.tags or ()),
                active=feed.active,
                interval_seconds=feed.interval_seconds,
                entries=count,
                last_polled_at=feed.last_polled_at,
                last_success_at=feed.last_success_at,
                last_status=feed.last_status,
                last_http_status=feed.last_http_status,
                last_error=feed.last_error,
                error_count=feed.error_count,
                next_poll_at=feed.next_poll_at,
            )
            for feed, count in self.session.execute(query)
        ]


def _row(feed_id: int, key: str, entry: RawEntry, digest: str, now: datetime) -> dict[str, object]:
    return {
        "feed_id": feed_id,
        "key": key,
        "guid": entry.guid,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "content": entry.content,
        "content_text": entry.content_text,
        "author": entry.author,
        "published": entry.published,
        "updated": entry.updated,
        "first_seen": now,
        "last_changed": now,
        "content_hash": digest,
    }


def _source(feed: Feed) -> FeedSource:
    return FeedSource(
        url=feed.url,
        title=feed.user_title,
        interval_seconds=feed.interval_seconds,
        tags=tuple(feed.tags or ()),
    )


def _after(moment: datetime, seconds: int) -> datetime:
    return moment + timedelta(seconds=seconds)


def _earliest(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b < a else a
