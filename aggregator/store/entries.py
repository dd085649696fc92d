"""Entries: identity within a feed, insert-or-update, and the entries query."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.orm import Session

from ..dedup import Incoming, Known, same_entry
from ..textsim import sketch
from ..types import EntryView, PageStatus, RawEntry, StoredCounts
from ..urls import canonical_url
from .articles import queue_pages, requeue_pages
from .boundary import insert_into
from .models import Article, Entry, Feed, StoryEntry
from .retention import buried_keys

# Longer keys (some feeds put whole URLs with long query strings in their GUIDs) are
# stored as a hash so that the unique index stays within PostgreSQL's btree limit.
MAX_KEY_LENGTH = 1000
# Keys per SELECT ... IN (...), far below SQLite's variable limit.
_CHUNK = 500


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


def save_entries(
    session: Session,
    feed_id: int,
    entries: Iterable[RawEntry],
    now: datetime,
    skip_page: Callable[[RawEntry], str | None] | None = None,
    relink: datetime | None = None,
) -> StoredCounts:
    """Insert new entries and update edited ones; the caller owns the transaction.

    With ``skip_page`` (full text on), each new entry's article page is queued, or
    recorded as skipped with the reason it gives. With ``relink``, an entry under a
    new GUID or link that re-publishes a known entry of the feed (the same canonical
    URL with the same title or text, at any age; the same text since ``relink``; see
    dedup.same_entry) updates that entry and takes the new key, rather than becoming
    a second one.
    """
    by_key: dict[str, RawEntry] = {}
    for entry in entries:
        # A feed that lists the same entry twice: the first (usually newest) wins.
        by_key.setdefault(entry_key(entry), entry)
    if not by_key:
        return StoredCounts()
    known = _known(session, feed_id, by_key, now, relink)
    new_rows = []
    moved_pages: list[tuple[int, RawEntry]] = []  # edited entries whose link changed
    updated = 0
    for key, entry in by_key.items():
        digest = _content_hash(entry)
        if key not in known:
            new_rows.append(_row(feed_id, key, entry, digest, now))
        elif known[key][1] != digest:
            values = _row(feed_id, key, entry, digest, now)
            del values["first_seen"]
            session.execute(update(Entry).where(Entry.id == known[key][0]).values(**values))
            updated += 1
            if skip_page is not None and entry.url != known[key][2]:
                moved_pages.append((known[key][0], entry))
    if moved_pages and skip_page is not None:
        requeue_pages(session, moved_pages, now)
    inserted = _insert(session, new_rows, by_key, now, skip_page) if new_rows else 0
    return StoredCounts(new=inserted, updated=updated)


def _known(
    session: Session,
    feed_id: int,
    by_key: dict[str, RawEntry],
    now: datetime,
    relink: datetime | None,
) -> dict[str, tuple[int, str, str | None]]:
    """The entries of ``by_key`` the feed has stored already: key -> (id, content
    hash, link). Keys retention buried are taken out of ``by_key`` (they stay
    deleted while the feed lists them)."""
    known: dict[str, tuple[int, str, str | None]] = {}
    keys = list(by_key)
    for start in range(0, len(keys), _CHUNK):
        rows = session.execute(
            select(Entry.key, Entry.id, Entry.content_hash, Entry.url).where(
                Entry.feed_id == feed_id, Entry.key.in_(keys[start : start + _CHUNK])
            )
        )
        known.update({key: (entry_id, digest, url) for key, entry_id, digest, url in rows})
    unknown_keys = [key for key in by_key if key not in known]
    if unknown_keys:
        for key in buried_keys(session, feed_id, unknown_keys, now):
            del by_key[key]
    if relink is not None:
        # Level 2 of deduplication: a new key may be a known entry under a new name.
        unknown = {key: entry for key, entry in by_key.items() if key not in known}
        if unknown:
            known.update(_republished(session, feed_id, unknown, set(by_key), relink))
    return known


def _insert(
    session: Session,
    new_rows: list[dict[str, Any]],
    by_key: dict[str, RawEntry],
    now: datetime,
    skip_page: Callable[[RawEntry], str | None] | None,
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
    if skip_page is not None and stored:
        new = [(row.id, by_key[row.key]) for row in stored]
        reasons = {entry_id: skip_page(entry) for entry_id, entry in new}
        queue_pages(session, new, reasons, now)
    return len(stored)


# How many of a feed's latest entries a re-published entry is compared with.
_RELINK_CANDIDATES = 200


def _republished(
    session: Session,
    feed_id: int,
    unknown: dict[str, RawEntry],
    listed: set[str],
    since: datetime,
) -> dict[str, tuple[int, str, str | None]]:
    """Known entries of the feed that new keys re-publish: new key → (id, hash, url).

    Only entries the feed no longer lists under their own key are candidates: two
    items the feed lists side by side are two entries, however alike.
    """
    wanted = {canonical_url(e.url) for e in unknown.values() if e.url}
    rows = session.execute(
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
            or_(Entry.canonical_url.in_(wanted), Entry.first_seen >= since),
        )
        .order_by(Entry.id.desc())
        .limit(_RELINK_CANDIDATES + len(wanted))
    ).all()
    candidates = [row for row in rows if row.key not in listed]
    found: dict[str, tuple[int, str, str | None]] = {}
    taken: set[int] = set()
    known = [
        Known(row.id, row.canonical_url, row.title or "", row.content_text, row.published)
        for row in candidates
    ]
    for key, entry in unknown.items():
        incoming = Incoming(
            canonical_url(entry.url) if entry.url else None,
            entry.title or "",
            sketch(entry.content_text),
            entry.published,
        )
        match = same_entry(incoming, [k for k in known if k.entry_id not in taken])
        if match is not None:
            row = next(r for r in candidates if r.id == match)
            found[key] = (row.id, row.content_hash, row.url)
            taken.add(row.id)
    return found


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
            # An earlier extraction's text outlives a later failure (store/articles.py).
            content_text=text or entry.content_text,
            story_id=story_id,
            canonical_url=canonical,
            full_text=status,
            full_text_error=reason if status in (PageStatus.FAILED, PageStatus.SKIPPED) else None,
            language=language,
            image=image,
        )
        for (
            entry,
            url,
            user_title,
            title,
            status,
            reason,
            text,
            canonical,
            language,
            image,
            story_id,
        ) in session.execute(query)
    ]


def _row(feed_id: int, key: str, entry: RawEntry, digest: str, now: datetime) -> dict[str, object]:
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
        "content_hash": digest,
    }
