"""Retention: deleting old entries, and the tombstones that keep them deleted."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select, true, update
from sqlalchemy.orm import Session

from .boundary import insert_into, listed_rows, translated
from .models import Entry, Feed, StoryEntry, Tombstone

# Keys per SELECT ... IN (...), far below SQLite's variable limit.
_CHUNK = 500
# A tombstone's last_listed is refreshed at most this often: a poll that lists pruned
# entries does not write on every poll.
_REFRESH = timedelta(days=1)


@dataclass(frozen=True)
class Scope:
    """The feeds a retention rule covers, by URL: these (``only``), or every feed but
    these (``but``: those with a rule of their own)."""

    only: frozenset[str] | None = None
    but: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Doomed:
    """An entry old enough to go, and the story it leaves."""

    entry_id: int
    feed_id: int
    key: str
    story_id: int | None
    first_seen: datetime  # with entry_id, where the next batch starts


# A feed's newest entries first: by when they were stored, then (one poll stores
# many at once) by publication, then in the feed's order (it lists the newest
# first, and they were stored in that order).
_NEWEST_FIRST = (
    Entry.first_seen.desc(),
    func.coalesce(Entry.published, Entry.first_seen).desc(),
    Entry.id.asc(),
)


class RetentionStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    @translated
    def older_than(
        self,
        cutoff: datetime,
        limit: int,
        *,
        scope: Scope = Scope(),
        after: Doomed | None = None,
    ) -> list[Doomed]:
        """The entries of ``scope``'s feeds first stored before ``cutoff``, oldest
        first, starting after ``after`` (the last of the previous batch).

        Args:
            cutoff: entries first stored before this.
            limit: at most this many.
            scope: of these feeds.
            after: where the previous batch ended; its spared entries stay behind.
        """
        query = (
            select(Entry.id, Entry.feed_id, Entry.key, StoryEntry.story_id, Entry.first_seen)
            .outerjoin(StoryEntry, StoryEntry.entry_id == Entry.id)
            .where(Entry.first_seen < cutoff, _in_scope(scope))
            .order_by(Entry.first_seen, Entry.id)
            .limit(limit)
        )
        if after is not None:
            query = query.where(
                or_(
                    Entry.first_seen > after.first_seen,
                    and_(Entry.first_seen == after.first_seen, Entry.id > after.entry_id),
                )
            )
        return [Doomed(*row) for row in self.session.execute(query)]

    @translated
    def own_keeps(self) -> dict[str, timedelta]:
        """The feeds with a keep of their own (URL → keep), removed ones too."""
        query = select(Feed.url, Feed.keep_seconds).where(Feed.keep_seconds.is_not(None))
        rows = self.session.execute(query)
        return {url: timedelta(seconds=seconds) for url, seconds in rows if seconds is not None}

    @translated
    def spared(self, spare: int, scope: Scope = Scope()) -> set[int]:
        """The ids of each of ``scope``'s feeds' ``spare`` newest entries: ranked once
        per prune, not per batch (the window reads every entry of those feeds)."""
        if not spare:
            return set()
        return set(self.session.scalars(_newest(spare, scope)))

    @translated
    def count_older_than(self, cutoff: datetime, *, spare: int = 0, scope: Scope = Scope()) -> int:
        """How many entries a prune by ``cutoff`` would delete (``spare``: each feed's
        newest that stay)."""
        old = and_(Entry.first_seen < cutoff, _in_scope(scope))
        if spare:
            old = and_(old, Entry.id.not_in(_newest(spare, scope)))
        query = select(func.count()).select_from(Entry).where(old)
        return int(self.session.scalar(query) or 0)

    @translated
    def bury(self, doomed: Sequence[Doomed], now: datetime, seq: int) -> None:
        """Delete the entries (their pages, memberships and search rows go with them)
        and leave a tombstone for each."""
        if not doomed:
            return
        rows = [
            {
                "feed_id": d.feed_id,
                "key": d.key,
                "entry_id": d.entry_id,
                "pruned_at": now,
                "last_listed": now,
                "seq": seq,
            }
            for d in doomed
        ]
        self.session.execute(insert_into(self.session, Tombstone).on_conflict_do_nothing(), rows)
        ids = [d.entry_id for d in doomed]
        for start in range(0, len(ids), _CHUNK):
            self.session.execute(delete(Entry).where(Entry.id.in_(ids[start : start + _CHUNK])))

    @translated
    def expire(self, now: datetime, keep: timedelta) -> int:
        """Forget tombstones whose feed has not listed them for ``keep``.

        Only a poll that reads the feed (a 200) says what it lists. A feed whose last
        poll was a 304 or an error may still list every entry it did: its tombstones
        count as listed now, and last until it is read again. A tombstone is also
        given one refresh period more than ``keep`` (a poll at most daily refreshes
        it). One tombstone of the highest seq stays: StoryEntry.seq's sequence
        continues from it (StoryStore.last_seq), and must never go back.
        """
        unread = select(Feed.id).where(
            Feed.active.is_(True),
            or_(Feed.last_status.in_(("not_modified", "error")), Feed.disabled_at.is_not(None)),
        )
        self.session.execute(
            update(Tombstone)
            .where(Tombstone.feed_id.in_(unread), Tombstone.last_listed < now - _REFRESH)
            .values(last_listed=now)
        )
        cutoff = now - keep - _REFRESH
        top = select(func.max(Tombstone.seq)).scalar_subquery()
        latest = self.session.execute(
            select(Tombstone.feed_id, Tombstone.key)
            .where(Tombstone.seq == top)
            .order_by(Tombstone.feed_id, Tombstone.key)
            .limit(1)
        ).first()
        if latest is None:
            return 0
        result = self.session.execute(
            delete(Tombstone).where(
                Tombstone.last_listed < cutoff,
                ~and_(Tombstone.feed_id == latest.feed_id, Tombstone.key == latest.key),
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _in_scope(scope: Scope) -> ColumnElement[bool]:
    """Entries of the scope's feeds."""
    found: ColumnElement[bool] = true()
    if scope.only is not None:
        found = and_(found, Entry.feed_id.in_(select(Feed.id).where(Feed.url.in_(scope.only))))
    if scope.but:
        found = and_(found, Entry.feed_id.not_in(select(Feed.id).where(Feed.url.in_(scope.but))))
    return found


def _newest(spare: int, scope: Scope) -> Select[tuple[int]]:
    """The ids of each of the scope's feeds' ``spare`` newest entries."""
    place = func.row_number().over(partition_by=Entry.feed_id, order_by=_NEWEST_FIRST)
    ranked = select(Entry.id, place.label("place")).where(_in_scope(scope)).subquery()
    return select(ranked.c.id).where(ranked.c.place <= spare)


def buried_keys(
    session: Session, wanted: Mapping[int, Collection[str]], now: datetime
) -> dict[int, set[str]]:
    """Which of each feed's keys belong to entries retention deleted (by feed id);
    they are marked as still listed by the feed. One lookup for every feed."""
    found: dict[int, set[str]] = {}
    stale: dict[int, list[str]] = {}  # by feed: keys last marked over a day ago
    if not wanted:
        return found
    # The feeds with any first: most have none (all of them, on a first poll), and
    # looking up every key a round of polls lists costs a statement of hundreds of
    # parameters.
    buried = select(Tombstone.feed_id).where(Tombstone.feed_id.in_(list(wanted))).distinct()
    having = set(session.scalars(buried))
    wanted = {feed_id: keys for feed_id, keys in wanted.items() if feed_id in having}
    query = select(Tombstone.feed_id, Tombstone.key, Tombstone.last_listed)
    for feed_id, key, last_listed in listed_rows(
        session, query, Tombstone.feed_id, Tombstone.key, wanted
    ):
        found.setdefault(feed_id, set()).add(key)
        if last_listed < now - _REFRESH:
            stale.setdefault(feed_id, []).append(key)
    for feed_id, old in stale.items():  # at most daily per key
        for start in range(0, len(old), _CHUNK):
            session.execute(
                update(Tombstone)
                .where(Tombstone.feed_id == feed_id, Tombstone.key.in_(old[start : start + _CHUNK]))
                .values(last_listed=now)
            )
    return found


def buried_since(session: Session, after_seq: int) -> list[tuple[int, int]]:
    """(entry id, seq) of entries deleted since ``after_seq``, for the deduplicator."""
    query = (
        select(Tombstone.entry_id, Tombstone.seq)
        .where(Tombstone.seq > after_seq)
        .order_by(Tombstone.seq)
    )
    return [(entry_id, seq) for entry_id, seq in session.execute(query)]
