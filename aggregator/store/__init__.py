"""The Store facade: the only database API the rest of aggregator sees.

It takes plain values in and hands plain values back; ORM models stay inside this
package, and SQLAlchemy errors become StoreError here. It receives a Session and
never opens or commits one: the caller decides the transaction
(``with session.begin(): store.save_result(...)``), which is how one feed's new
entries are committed together or not at all.

Claiming: a process that is about to poll a feed takes a lease on its row
(``lease_owner``, ``lease_until``) in a short transaction; on PostgreSQL the rows are
selected ``FOR UPDATE SKIP LOCKED``, so several daemons never take the same feed, and
the lease of a process that died expires by itself. Saving the result clears it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..domain.decide import PollIntents, on_new_interval
from ..domain.identity import EntryPlan, FeedState
from ..domain.schedule import NextPoll
from ..types import (
    CacheInfo,
    DueFeed,
    EntryView,
    FeedResult,
    FeedSource,
    FeedView,
    HostRoom,
    RawEntry,
    SearchHit,
    StoredCounts,
)
from . import leases
from .articles import ArticleStore
from .boundary import host_of, translated
from .entries import RECENT_TIMES, apply_plans, entry_states, query_entries, recent_published
from .feed_views import feed_views
from .models import Feed, Host, UTCDateTime
from .polls import record_polls
from .search import search
from .stories import StoryStore
from .story_views import StoryViews

__all__ = [
    "RECENT_TIMES",
    "ArticleStore",
    "Store",
    "StoryStore",
    "StoryViews",
    "host_of",
]


class Store:
    """Reads and writes feeds, hosts and entries within the caller's Session."""

    def __init__(
        self,
        session: Session,
        now: Callable[[], datetime],
        relink: timedelta | None = None,
    ) -> None:
        """``relink``: with deduplication on, how far back a new GUID or link may turn
        out to be a known entry re-published (see identity.plan)."""
        self.session = session
        self.now = now
        self.relink = relink

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    # --- configuration --------------------------------------------------------------

    @translated
    def sync_feeds(self, sources: Sequence[FeedSource]) -> None:
        """Make the feeds table match feeds.yaml.

        New feeds are due at once; feeds no longer configured stop being polled but
        keep their entries (``active`` false).
        """
        now = self.now()
        new_rows = [
            {
                "url": source.url,
                "host": host_of(source.url),
                "user_title": source.title,
                "tags": list(source.tags),
                "interval_seconds": source.interval_seconds,
                "keep_seconds": source.keep_seconds,
                "active": True,
                "error_count": 0,
                "created_at": now,
            }
            for source in sources
        ]
        if new_rows:
            # ON CONFLICT DO NOTHING: several daemons starting together on PostgreSQL
            # all add the same new feeds; each is added once.
            insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
            self.session.execute(
                insert(cast(Table, Feed.__table__)).on_conflict_do_nothing(index_elements=["url"]),
                new_rows,
            )
        existing = {
            feed.url: feed
            for feed in self.session.scalars(select(Feed).execution_options(populate_existing=True))
        }
        for source in sources:
            feed = existing.pop(source.url)
            if feed.user_title != source.title:
                feed.user_title = source.title
            if feed.tags != list(source.tags):
                feed.tags = list(source.tags)
            if not feed.active:
                feed.active = True
            if feed.keep_seconds != source.keep_seconds:
                feed.keep_seconds = source.keep_seconds
            if feed.interval_seconds != source.interval_seconds:
                feed.interval_seconds = source.interval_seconds
                planned = None
                if feed.next_poll_at is not None and feed.next_poll_reason is not None:
                    planned = NextPoll(feed.next_poll_at, feed.next_poll_reason)
                sooner = on_new_interval(source.interval_seconds, feed.last_polled_at, planned)
                if sooner is not None:
                    feed.next_poll_at = sooner
        for feed in existing.values():
            if feed.active:
                feed.active = False
        self.session.flush()

    # --- claiming and scheduling ------------------------------------------------------

    @translated
    def claim(
        self,
        owner: str,
        sources: dict[str, FeedSource],
        *,
        limit: int,
        lease: timedelta,
        room: HostRoom | None = None,
        busy_hosts: Collection[str] = (),
        force: bool = False,
        polled_before: datetime | None = None,
    ) -> tuple[list[DueFeed], set[str]]:
        """Lease up to ``limit`` due feeds to ``owner``; return them, and the hosts
        whose cap held a due feed back.

        Args:
            sources: the configured feeds by URL (their schedule bounds).
            room: the per-host cap: a feed whose host has no place left stays due.
            busy_hosts: hosts with no place left: left out of the query altogether,
                so that one host with many due feeds cannot hide the others.
            force: due or not (but never a feed another process holds, nor a host
                under Retry-After).
            polled_before: only feeds not polled since then (one pass of `poll`).
        """
        now = self.now()
        query = _claim_query(force, polled_before is not None, bool(busy_hosts))
        values = leases.claim_values(now, limit, busy_hosts)
        if polled_before is not None:
            values[_POLLED_BEFORE.key] = polled_before
        picked, held = leases.pick(
            # Core, not the ORM: plain columns, and the hot path of a poll.
            self.session.connection().execute(query, values),
            limit,
            lambda feed: _due_feed(feed, sources[feed.url]),
            lambda feed: feed.host,
            room,
            # Not another process's feeds.yaml's.
            wanted=lambda feed: feed.url in sources,
        )
        claimed = [due for _, due in picked]
        if claimed:
            ids = [due.feed_id for due in claimed]
            leases.take(self.session, Feed.id, ids, owner, now + lease)
        return claimed, held

    @translated
    def due_count(self, urls: Sequence[str], *, force: bool = False) -> int:
        """How many of these feeds a poll would take now (for a progress bar)."""
        query = (
            select(func.count())
            .select_from(Feed)
            .where(Feed.active.is_(True), Feed.url.in_(list(urls)))
        )
        if not force:
            query = query.where(
                Feed.disabled_at.is_(None),
                or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= self.now()),
            )
        return int(self.session.scalar(query) or 0)

    @translated
    def release(self, owner: str) -> int:
        """Give up every lease ``owner`` holds (a clean shutdown); returns how many."""
        return leases.release(self.session, Feed, owner)

    @translated
    def lease_owners(self) -> list[str]:
        """Who holds feed leases now (for the caller to tell which no longer run)."""
        return leases.owners(self.session, Feed)

    @translated
    def expire_leases(self, dead: Collection[str]) -> int:
        """End the leases of owners that no longer run (``dead``): a killed process's
        lease would otherwise keep its feeds until it runs out."""
        return leases.expire(self.session, Feed, dead)

    @translated
    def block_host(self, host: str, until: datetime, reason: str) -> None:
        """Keep every feed on ``host`` waiting until ``until`` (Retry-After)."""
        row = self.session.get(Host, host, populate_existing=True)
        if row is None:
            self.session.add(Host(host=host, blocked_until=until, reason=reason))
        elif row.blocked_until is None or row.blocked_until < until:
            row.blocked_until = until
            row.reason = reason
        self.session.flush()

    # --- results --------------------------------------------------------------------

    @translated
    def entry_states(
        self, wanted: Mapping[int, dict[str, RawEntry]], now: datetime
    ) -> dict[int, FeedState]:
        """What each feed (by id) has stored of the entries it lists (see
        identity.plan), for a round of polls; ``now`` is the time of the polls."""
        relink = now - self.relink if self.relink is not None else None
        return entry_states(self.session, wanted, now, relink)

    @translated
    def apply_plans(
        self,
        plans: Sequence[tuple[int, dict[str, RawEntry], EntryPlan]],
        now: datetime,
        skips: Mapping[int, Mapping[str, str | None]] | None = None,
    ) -> dict[int, StoredCounts]:
        """Store a round of polls' new and edited entries as planned (feed id, its
        entries by key, its plan); with full text on (``skips``: by feed and key, why
        a new entry's page is not fetched, else None), queue the new ones' pages or
        record why not. What each feed gained, by feed id."""
        return apply_plans(self.session, plans, now, skips)

    @translated
    def recent_published(self, feed_ids: Collection[int]) -> dict[int, list[datetime]]:
        """Publication times of each feed's newest entries (first seen, when
        undated), by feed id."""
        return recent_published(self.session, feed_ids) if feed_ids else {}

    @translated
    def record_polls(
        self, owner: str, items: Sequence[tuple[DueFeed, FeedResult, PollIntents]], now: datetime
    ) -> None:
        """Record polls on their feeds (status, caching data, errors) and apply what
        was decided of them (decide.py): next poll, rhythm, disabling, a new address,
        host holds; end their leases.

        Works from the state each feed had when claimed (``due``; the lease kept it
        unchanged), so nothing is read back: one UPDATE per feed, and the 304s, most
        polls of a running daemon, all in one statement. A feed whose lease ``owner``
        no longer holds (it ran out and another process took the feed) is left as that
        process will leave it (its entries, saved before, are stored all the same).
        """
        for _, _, intents in items:
            if intents.hold is not None:
                self.block_host(intents.hold.host, intents.hold.until, intents.hold.reason)
        record_polls(self.session, owner, items, now)

    # --- queries --------------------------------------------------------------------

    @translated
    def entries(
        self,
        *,
        feeds: Collection[str] | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[EntryView]:
        """Entries newest first; an entry without a date counts as published when seen.
        ``feeds``: only those of these feeds (URLs)."""
        return query_entries(self.session, feeds=feeds, since=since, limit=limit)

    @translated
    def search(
        self,
        query: str,
        *,
        since: datetime | None,
        limit: int,
        newest: bool = False,
        feeds: Collection[str] | None = None,
    ) -> list[SearchHit]:
        """Entries whose title or text match ``query`` (websearch.py syntax), best first
        (``newest``: the latest first); ``feeds``: only the entries of these feed URLs.

        Raises:
            websearch.QueryError: nothing to search for in ``query``.
        """
        return search(self.session, query, since=since, limit=limit, newest=newest, feeds=feeds)

    @translated
    def known_feeds(self, urls: Collection[str]) -> set[str]:
        """Which of these feed URLs the database has (configured now or before)."""
        return set(self.session.scalars(select(Feed.url).where(Feed.url.in_(list(urls)))))

    @translated
    def feeds(self, configured: Sequence[FeedSource] | None = None) -> list[FeedView]:
        """Every feed ever stored, with entry counts and polling state.

        With ``configured`` (feeds.yaml), ``active`` reflects the file, and feeds not
        yet in the database are listed too, never polled. Read-only.
        """
        return feed_views(self.session, configured, self.now())


_POLLED_BEFORE = bindparam("claim_polled_before", type_=UTCDateTime)


@functools.cache
def _claim_query(force: bool, one_pass: bool, busy: bool) -> Any:
    """Store.claim's statement: the feeds a claim may take, earliest due first, as
    plain columns (not ORM objects: this runs for every batch a poll takes). Built
    once for each of its shapes (``one_pass``: only feeds not polled since a time;
    see leases.claimable)."""
    now = leases.NOW
    query = select(
        Feed.id,
        Feed.url,
        Feed.fetch_url,
        Feed.host,
        Feed.etag,
        Feed.last_modified,
        Feed.error_count,
        Feed.typical_gap_seconds,
        Feed.newest_published_at,
        Feed.ttl_seconds,
        Feed.syndication_seconds,
    ).where(Feed.active.is_(True))
    if not force:
        query = query.where(
            Feed.disabled_at.is_(None),
            or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now),
        )
    if one_pass:
        query = query.where(
            or_(Feed.last_polled_at.is_(None), Feed.last_polled_at < _POLLED_BEFORE)
        )
    query = query.order_by(Feed.next_poll_at.is_not(None), Feed.next_poll_at, Feed.id)
    return leases.claimable(query, Feed, busy=busy)


def _due_feed(feed: Any, source: FeedSource) -> DueFeed:
    """A claimed feed's row (Store.claim's columns) as the poller takes it."""
    return DueFeed(
        source=source,
        fetch_url=feed.fetch_url or feed.url,
        cache=CacheInfo(etag=feed.etag, last_modified=feed.last_modified),
        feed_id=feed.id,
        host=feed.host,
        error_count=feed.error_count,
        typical_gap=feed.typical_gap_seconds,
        newest_published=feed.newest_published_at,
        ttl_seconds=feed.ttl_seconds,
        syndication_seconds=feed.syndication_seconds,
    )
