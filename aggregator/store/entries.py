"""Entries: what a feed has stored of the entries it lists, applying the plan
identity.py makes of them, and the entries query."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.orm import Session

from ..domain.identity import EntryPlan, FeedState, Known, Stored, content_hash
from ..types import EntryView, PageStatus, RawEntry, StoredCounts
from ..urls import canonical_url
from .articles import queue_pages, requeue_pages
from .boundary import insert_into
from .models import Article, Entry, Feed, StoryEntry
from .retention import buried_keys

# Keys per SELECT ... IN (...), far below SQLite's variable limit.
_CHUNK = 500
# How many of a feed's latest entries a re-published entry is compared with.
_RELINK_CANDIDATES = 200


def entry_state(
    session: Session,
    feed_id: int,
    by_key: dict[str, RawEntry],
    now: datetime,
    relink: datetime | None,
) -> FeedState:
    """What the feed has stored of the entries it lists (for identity.plan): those
    stored under their keys, the keys retention buried (marked as still listed), and
    with ``relink`` (deduplication on) the recent entries a new key may re-publish:
    the same canonical URL at any age, else first seen since ``relink``."""
    stored: dict[str, Stored] = {}
    keys = list(by_key)
    for start in range(0, len(keys), _CHUNK):
        rows = session.execute(
            select(Entry.key, Entry.id, Entry.content_hash, Entry.url).where(
                Entry.feed_id == feed_id, Entry.key.in_(keys[start : start + _CHUNK])
            )
        )
        stored.update({key: Stored(entry_id, digest, url) for key, entry_id, digest, url in rows})
    unknown = [key for key in by_key if key not in stored]
    buried = buried_keys(session, feed_id, unknown, now) if unknown else set()
    unknown = [key for key in unknown if key not in buried]
    if relink is None or not unknown:
        return FeedState(stored, buried)
    wanted = {canonical_url(url) for key in unknown if (url := by_key[key].url)}
    recent = session.execute(
        select(
            Entry.id,
            Entry.key,
            Entry.canonical_url,
            Entry.title,
            Entry.content_text,
            Entry.published,
            Entry.content_hash,
            Entry.url,
        )
        .where(
            Entry.feed_id == feed_id,
            or_(Entry.canonical_url.in_(wanted), Entry.first_seen >= relink),
        )
        .order_by(Entry.id.desc())
        .limit(_RELINK_CANDIDATES + len(wanted))
    ).all()
    candidates = [
        Known(
            row.id,
            row.canonical_url,
            row.title or "",
            row.content_text,
            row.published,
            row.key,
            Stored(row.id, row.content_hash, row.url),
        )
        for row in recent
    ]
    return FeedState(stored, buried, candidates)


def apply_entries(
    session: Session,
    feed_id: int,
    by_key: dict[str, RawEntry],
    plan: EntryPlan,
    now: datetime,
    skips: Mapping[str, str | None] | None = None,
) -> StoredCounts:
    """Insert the plan's new entries and update its edited ones; the caller owns the
    transaction. With ``skips`` (full text on: by key, why a new entry's page is not
    fetched, or None), each new entry's article page is queued or recorded as
    skipped; an edited entry whose link changed has its page fetched again."""
    for edit in plan.edits:
        entry = by_key[edit.key]
        values = _row(feed_id, edit.key, entry, now)
        del values["first_seen"]
        session.execute(update(Entry).where(Entry.id == edit.entry_id).values(**values))
    if skips is not None:
        moved = [(edit.entry_id, by_key[edit.key]) for edit in plan.edits if edit.page_moved]
        if moved:
            requeue_pages(session, moved, now)
    new_rows = [_row(feed_id, key, by_key[key], now) for key in plan.new]
    inserted = _insert(session, new_rows, by_key, now, skips) if new_rows else 0
    return StoredCounts(new=inserted, updated=len(plan.edits))


def _insert(
    session: Session,
    new_rows: list[dict[str, Any]],
    by_key: dict[str, RawEntry],
    now: datetime,
    skips: Mapping[str, str | None] | None,
) -> int:
    """Insert new entries, each with a membership waiting for the deduplicator and,
    with full text on, its page queued (or skipped); how many were inserted."""
    # ON CONFLICT DO NOTHING: another process may have stored the same entry since
    # the SELECT above; it is not stored twice. One statement with many parameter
    # sets: SQLAlchemy compiles it once and batches the rows ("insertmanyvalues").
    # Core, not the ORM's bulk path: several times faster.
    table = cast(Table, Entry.__table__)
    statement = (
        insert_into(session, Entry)
        .on_conflict_do_nothing(index_elements=["feed_id", "key"])
        .returning(table.c.id, table.c.key)
    )
    stored = session.execute(statement, new_rows).all()
    if stored:
        session.execute(
            insert_into(session, StoryEntry).on_conflict_do_nothing(),
            [{"entry_id": row.id, "pinned": False} for row in stored],
        )
    if skips is not None and stored:
        new = [(row.id, by_key[row.key]) for row in stored]
        queue_pages(session, new, {row.id: skips.get(row.key) for row in stored}, now)
    return len(stored)


def recent_published(session: Session, feed_id: int, limit: int = 20) -> list[datetime]:
    """Publication times of the feed's newest entries (first seen, when undated)."""
    when = func.coalesce(Entry.published, Entry.first_seen)
    query = select(when).where(Entry.feed_id == feed_id).order_by(when.desc()).limit(limit)
    return list(session.scalars(query))


def query_entries(
    session: Session,
    *,
    feeds: Collection[str] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    ids: Collection[int] | None = None,
) -> list[EntryView]:
    """Entries newest first; an entry without a date counts as published when seen.
    ``feeds``: only the entries of these feeds (URLs); ``ids``: only these entries."""
    when = func.coalesce(Entry.published, Entry.first_seen)
    query = (
        select(
            Entry,
            Feed.url,
            Feed.user_title,
            Feed.title,
            Article.status,
            Article.reason,
            Article.text,
            Article.canonical_url,
            Article.language,
            Article.image,
            StoryEntry.story_id,
        )
        .join(Feed, Entry.feed_id == Feed.id)
        .outerjoin(Article, Article.entry_id == Entry.id)
        .outerjoin(StoryEntry, StoryEntry.entry_id == Entry.id)
        .order_by(when.desc(), Entry.id.desc())
    )
    if feeds is not None:
        query = query.where(Feed.url.in_(list(feeds)))
    if since is not None:
        query = query.where(when >= since)
    if ids is not None:
        query = query.where(Entry.id.in_(list(ids)))
    if limit:
        query = query.limit(limit)
    return [_entry_view(*row) for row in session.execute(query)]


def _entry_view(
    entry: Entry,
    url: str,
    user_title: str | None,
    title: str | None,
    status: str | None,
    reason: str | None,
    text: str | None,
    canonical: str | None,
    language: str | None,
    image: str | None,
    story_id: int | None,
) -> EntryView:
    """One row of query_entries as the entries listing shows it."""
    return EntryView(
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
        # An earlier extraction's text outlives a later failure (store/articles.py).
        content_text=text or entry.content_text,
        story_id=story_id,
        canonical_url=canonical,
        full_text=status,
        full_text_error=reason if status in (PageStatus.FAILED, PageStatus.SKIPPED) else None,
        language=language,
        image=image,
    )


def _row(feed_id: int, key: str, entry: RawEntry, now: datetime) -> dict[str, object]:
    return {
        "feed_id": feed_id,
        "key": key,
        "guid": entry.guid,
        "url": entry.url,
        "canonical_url": canonical_url(entry.url) if entry.url else None,
        "title": entry.title,
        "summary": entry.summary,
        "content": entry.content,
        "content_text": entry.content_text,
        "author": entry.author,
        "published": entry.published,
        "updated": entry.updated,
        "first_seen": now,
        "last_changed": now,
        "content_hash": content_hash(entry),
    }
