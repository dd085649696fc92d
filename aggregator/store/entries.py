"""Entries: what a feed has stored of the entries it lists, applying the plan
identity.py makes of them, and the entries query."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from ..domain.identity import EntryPlan, FeedState, Known, Stored
from ..types import EntryView, PageStatus, RawEntry, StoredCounts
from .articles import queue_pages, requeue_pages
from .boundary import listed_rows
from .bulk import insert_many
from .models import Article, Entry, Feed, StoryEntry
from .retention import buried_keys

# How many of a feed's latest publication times its rhythm is measured on.
RECENT_TIMES = 20
# How many of a feed's latest entries a re-published entry is compared with.
_RELINK_CANDIDATES = 200


def entry_states(
    session: Session,
    wanted: Mapping[int, dict[str, RawEntry]],
    now: datetime,
    relink: datetime | None,
) -> dict[int, FeedState]:
    """What each feed has stored of the entries it lists (for identity.plan), for a
    round of finished polls at once: those stored under their keys, the keys
    retention buried (marked as still listed), and with ``relink`` (deduplication
    on) the recent entries a new key may re-publish: the same canonical URL at any
    age, else first seen since ``relink``; and whether the feed has nothing stored
    yet (``first``).

    A few statements for the whole round rather than a few per feed: each statement
    lets the fetching threads take the GIL, and waiting to get it back cost more
    than the queries themselves (1,000 feeds of 20 entries: 5.5 s storing -> 2.7 s).
    """
    stored = _stored(session, wanted)
    unknown = {
        feed_id: [key for key in by_key if key not in stored[feed_id]]
        for feed_id, by_key in wanted.items()
    }
    buried = buried_keys(session, {f: keys for f, keys in unknown.items() if keys}, now)
    # A feed with nothing stored yet (its first poll) has nothing to re-publish, and
    # its first entries are all it has (FeedState.first; not looked up with
    # deduplication off, where it would be a statement more in every round).
    looking = {f for f, keys in unknown.items() if relink is not None and keys}
    having = _with_entries(session, list(looking)) if looking else set()
    states: dict[int, FeedState] = {}
    for feed_id, by_key in wanted.items():
        hidden = buried.get(feed_id, set())
        fresh = [key for key in unknown[feed_id] if key not in hidden]
        candidates: list[Known] | None = None
        if relink is not None and fresh:
            candidates = []
            if feed_id in having:
                candidates = _relink_candidates(session, feed_id, by_key, fresh, relink)
        first = feed_id in looking and feed_id not in having
        states[feed_id] = FeedState(stored[feed_id], hidden, candidates, first)
    return states


def _stored(
    session: Session, wanted: Mapping[int, dict[str, RawEntry]]
) -> dict[int, dict[str, Stored]]:
    found: dict[int, dict[str, Stored]] = {feed_id: {} for feed_id in wanted}
    query = select(Entry.feed_id, Entry.key, Entry.id, Entry.content_hash, Entry.url)
    for feed_id, key, entry_id, digest, url in listed_rows(
        session, query, Entry.feed_id, Entry.key, wanted
    ):
        found[feed_id][key] = Stored(entry_id, digest, url)
    return found


def _with_entries(session: Session, feed_ids: list[int]) -> set[int]:
    """Those of the feeds that have any entry stored."""
    has = select(Entry.id).where(Entry.feed_id == Feed.id).exists()
    return set(session.scalars(select(Feed.id).where(Feed.id.in_(feed_ids), has)))


def _relink_candidates(
    session: Session,
    feed_id: int,
    by_key: dict[str, RawEntry],
    unknown: list[str],
    relink: datetime,
) -> list[Known]:
    wanted = {url for key in unknown if (url := by_key[key].canonical_url)}
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
    return [
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


def apply_plans(
    session: Session,
    plans: Sequence[tuple[int, dict[str, RawEntry], EntryPlan]],
    now: datetime,
    skips: Mapping[int, Mapping[str, str | None]] | None = None,
) -> dict[int, StoredCounts]:
    """Insert the plans' new entries and update their edited ones, for a round of
    polls (feed id, its entries by key, its plan); the caller owns the transaction.
    With ``skips`` (full text on: by feed, then by key, why a new entry's page is
    not fetched, or None), each new entry's article page is queued or recorded as
    skipped; an edited entry whose link changed has its page fetched again."""
    moved: list[tuple[int, RawEntry]] = []
    new_rows: list[dict[str, Any]] = []
    for feed_id, by_key, plan in plans:
        for edit in plan.edits:
            entry = by_key[edit.key]
            values = _row(feed_id, edit.key, entry, now)
            del values["first_seen"]
            session.execute(update(Entry).where(Entry.id == edit.entry_id).values(**values))
            if edit.page_moved:
                moved.append((edit.entry_id, entry))
        new_rows += [_row(feed_id, key, by_key[key], now) for key in plan.new]
    if skips is not None and moved:
        requeue_pages(session, moved, now)
    by_feed = {feed_id: by_key for feed_id, by_key, _ in plans}
    inserted = _insert(session, new_rows, by_feed, now, skips) if new_rows else {}
    return {
        feed_id: StoredCounts(new=inserted.get(feed_id, 0), updated=len(plan.edits))
        for feed_id, _, plan in plans
    }


class _Inserted(NamedTuple):
    id: int
    feed_id: int
    key: str


def _insert(
    session: Session,
    new_rows: list[dict[str, Any]],
    by_feed: Mapping[int, dict[str, RawEntry]],
    now: datetime,
    skips: Mapping[int, Mapping[str, str | None]] | None,
) -> dict[int, int]:
    """Insert new entries, each with a membership waiting for the deduplicator and,
    with full text on, its page queued (or skipped); how many were inserted, by feed."""
    # ON CONFLICT DO NOTHING: another process may have stored the same entry since
    # the SELECT above; it is not stored twice. Multi-row statements made here, not
    # SQLAlchemy's per-row parameter handling: see bulk.py.
    stored = [
        _Inserted(*row)
        for row in insert_many(
            session, Entry, new_rows, unique=["feed_id", "key"], returning=["id", "feed_id", "key"]
        )
    ]
    insert_many(
        session, StoryEntry, [{"entry_id": row.id, "pinned": False} for row in stored], unique=[]
    )
    if skips is not None and stored:
        new = [(row.id, by_feed[row.feed_id][row.key]) for row in stored]
        reasons = {row.id: skips.get(row.feed_id, {}).get(row.key) for row in stored}
        queue_pages(session, new, reasons, now)
    counts: dict[int, int] = {}
    for row in stored:
        counts[row.feed_id] = counts.get(row.feed_id, 0) + 1
    return counts


def recent_published(
    session: Session, feed_ids: Collection[int], limit: int = RECENT_TIMES
) -> dict[int, list[datetime]]:
    """Publication times of each feed's newest entries (first seen, when undated),
    newest first; one statement for them all."""
    when = func.coalesce(Entry.published, Entry.first_seen)
    ranked = (
        select(
            Entry.feed_id,
            when.label("at"),
            func.row_number()
            .over(partition_by=Entry.feed_id, order_by=(when.desc(), Entry.id.desc()))
            .label("n"),
        )
        .where(Entry.feed_id.in_(list(feed_ids)))
        .subquery()
    )
    found: dict[int, list[datetime]] = {feed_id: [] for feed_id in feed_ids}
    rows = session.execute(
        select(ranked.c.feed_id, ranked.c.at)
        .where(ranked.c.n <= limit)
        .order_by(ranked.c.feed_id, ranked.c.n)
    )
    for feed_id, at in rows:
        found[feed_id].append(at)
    return found


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
        "canonical_url": entry.canonical_url,
        "title": entry.title,
        "summary": entry.summary,
        "content": entry.content,
        "content_text": entry.content_text,
        "author": entry.author,
        "published": entry.published,
        "updated": entry.updated,
        "first_seen": now,
        "last_changed": now,
        "content_hash": entry.content_hash,
    }
