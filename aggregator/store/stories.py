"""Stories in the database: which entries wait for the deduplicator, what its index
is rebuilt from, the memberships it decides, and users' merges and splits (what
readers see of stories is in story_views.py).

Assignment is serialised across processes: a batch runs in one transaction that first
takes the dedup lock (PostgreSQL: an advisory lock; SQLite: the write lock every write
transaction takes at BEGIN). So two daemons never decide about the same entry, and
never start two stories for one event at the same moment: the second one sees the
first one's story (``changes``) before it decides.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Table,
    and_,
    case,
    delete,
    distinct,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from ..domain.dedup import Decision, Merge
from ..types import PageStatus, Relation
from .boundary import read, translated
from .bulk import update_many
from .entry_texts import HEADLINE_AND_TEXT, EntryText, entry_query, headline_and_text, texts
from .models import Article, Entry, Feed, Story, StoryEntry, Tombstone
from .retention import buried_since

# Any 64-bit number no other application on the same PostgreSQL uses for its locks.
_ADVISORY_LOCK = 0x61676772_64656475  # "aggr" "dedu"
_CHUNK = 500
# An entry whose own text is this long carries its article (no page needed).
_FULL_TEXT_CHARS = 1000


def _waiting(query: Any, text_ready_before: datetime) -> Any:
    """The entries without a story whose text is final, in the order they are grouped
    (see StoryStore.waiting)."""
    return query.where(
        StoryEntry.story_id.is_(None),
        or_(
            Article.status.is_(None),
            Article.status != PageStatus.PENDING,
            Entry.first_seen < text_ready_before,
        ),
    ).order_by(
        # By content, not by arrival: a poll too large for one batch is cut the same
        # way whatever order its feeds answered in.
        func.coalesce(Entry.published, Entry.first_seen),
        Feed.url,
        Entry.key,
    )


class StoryStore:
    def __init__(self, session: Session, now: Callable[[], datetime]) -> None:
        self.session = session
        self.now = now

    # --- the deduplicator's side ----------------------------------------------------

    @translated
    def lock(self) -> None:
        """Serialise assignment with other processes until the transaction ends."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(func.pg_advisory_xact_lock(_ADVISORY_LOCK)))

    @translated
    def last_seq(self) -> int:
        """The latest change of membership; deletions (tombstones) count as changes."""
        memberships = select(func.max(StoryEntry.seq)).scalar_subquery()
        deletions = select(func.max(Tombstone.seq)).scalar_subquery()
        query = select(func.coalesce(memberships, 0), func.coalesce(deletions, 0))
        return int(max(self.session.execute(query).one()))

    @translated
    def deleted(self, after_seq: int) -> list[tuple[int, int]]:
        """(entry id, seq) of entries retention deleted since ``after_seq``."""
        return buried_since(self.session, after_seq)

    @translated
    def waiting(self, text_ready_before: datetime, limit: int) -> list[int]:
        """The ids of entries without a story whose text is final, in the order they
        are grouped: their page was fetched, failed or is not wanted, or it has been
        pending since before ``text_ready_before`` (the feed's text will do). Ids only:
        a large poll is listed (and sorted) once, then read a batch at a time
        (``still_waiting``)."""
        query = _waiting(entry_query(Entry.id), text_ready_before).limit(limit)
        return list(read(self.session, query).scalars())

    def still_waiting(self, entry_ids: Sequence[int]) -> list[EntryText]:
        """These entries, in this order, those of them still without a story (another
        process may have grouped some since they were listed)."""
        return [entry for entry in self.texts_of(entry_ids) if entry.story_id is None]

    @translated
    def headlines_and_texts(self, entry_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(entry id, title, text) of these entries (the next batch's, read ahead: only
        what its items' views are made of)."""
        query = entry_query(Entry.id, *HEADLINE_AND_TEXT).where(Entry.id.in_(entry_ids))
        return [(row[0], *headline_and_text(row[1:])) for row in read(self.session, query)]

    @translated
    def late_text(self, limit: int) -> list[EntryText]:
        """Entries grouped on their feed's text while their article page was pending,
        whose page is no longer pending: to be decided again on the article's text."""
        query = (
            entry_query()
            .where(StoryEntry.awaits_text.is_(True), Article.status != PageStatus.PENDING)
            .order_by(func.coalesce(Entry.published, Entry.first_seen), Feed.url, Entry.key)
            .limit(limit)
        )
        return texts(read(self.session, query))

    @translated
    def settle(self, entry_ids: Collection[int]) -> None:
        """These entries' text is final as they were grouped (their page failed, or a
        user placed them): they are not decided again."""
        self._update(entry_ids, awaits_text=False)

    @translated
    def reference(self, before: datetime, limit: int) -> list[EntryText]:
        """The ``limit`` latest grouped entries published (else seen) before ``before``:
        what the document frequencies count besides the window."""
        if limit <= 0:
            return []
        when = func.coalesce(Entry.published, Entry.first_seen)
        query = (
            entry_query()
            .where(StoryEntry.story_id.is_not(None), when < before)
            .order_by(when.desc(), Entry.id.desc())
            .limit(limit)
        )
        return texts(read(self.session, query))[::-1]

    @translated
    def window(self, since: datetime) -> list[int]:
        """The entries with a story published (else seen) since ``since``, what the
        in-memory index is rebuilt from at start: their ids, in the order they
        appeared, ties by content, as ``waiting`` reads them. An entry's vector is
        weighted with the document frequencies as of its arrival, so a rebuild adds
        them in that order, the same every time (by id, the order feeds happened to
        answer in, a follow-up failed to join its story one time in two)."""
        query = (
            select(Entry.id)
            .join(Feed, Entry.feed_id == Feed.id)
            .join(StoryEntry, StoryEntry.entry_id == Entry.id)
            .where(*_in_window(since))
            .order_by(func.coalesce(Entry.published, Entry.first_seen), Feed.url, Entry.key)
        )
        return list(read(self.session, query).scalars())

    @translated
    def texts_of(self, entry_ids: Sequence[int]) -> list[EntryText]:
        """These entries, in this order: the window a batch at a time (its texts all
        at once were most of a rebuild's peak memory, and sorting them in SQLite a
        tenth more)."""
        found = {
            entry.entry_id: entry
            for entry in texts(read(self.session, entry_query().where(Entry.id.in_(entry_ids))))
        }
        return [found[entry_id] for entry_id in entry_ids if entry_id in found]

    @translated
    def changes(self, after_seq: int) -> list[EntryText]:
        """Memberships set since ``after_seq`` (by other processes, or by users)."""
        query = entry_query().where(StoryEntry.seq > after_seq).order_by(StoryEntry.seq)
        return texts(read(self.session, query))

    @translated
    def save(
        self,
        decided: Sequence[tuple[Decision, int | None]],
        seq: int,
        awaits_text: Collection[int] = (),
    ) -> None:
        """Record decisions (the caller has created the stories they name);
        ``awaits_text``: the entries decided on their feed's text while their page is
        pending."""
        now = self.now()
        rows = [
            {
                "entry_id": decision.entry_id,
                "story_id": story_id,
                "relation": decision.relation,
                "signal": decision.signal,
                "score": decision.score,
                "matched_entry_id": decision.matched_entry_id,
                "assigned_at": now,
                "seq": seq,
                "awaits_text": decision.entry_id in awaits_text,
            }
            for decision, story_id in decided
        ]
        update_many(self.session, StoryEntry, "entry_id", rows)

    @translated
    def merge(self, merges: Sequence[Merge], seq: int) -> None:
        """Stories found to be one, in the order they were found: each merge's entries
        join its story, with the score of its signal as their evidence (story-merge:
        story to story; story-reform: re-formed with the recent reports, relation
        first for one alone). One statement for them all: an entry moved twice keeps
        the last (a first poll's re-forming makes thousands of moves, and a statement
        each was a third of grouping it)."""
        now = self.now()
        rows = {
            entry_id: {
                "entry_id": entry_id,
                "story_id": merge.into,
                "relation": merge.relation,
                "signal": merge.signal,
                "score": merge.score,
                "matched_entry_id": None,
                "assigned_at": now,
                "seq": seq,
            }
            for merge in merges
            for entry_id in merge.entry_ids
        }
        update_many(self.session, StoryEntry, "entry_id", list(rows.values()))

    def _update(self, entry_ids: Collection[int], **values: Any) -> None:
        """Set ``values`` on these entries' memberships, a chunk of ids at a time."""
        ids = list(entry_ids)
        for start in range(0, len(ids), _CHUNK):
            self.session.execute(
                update(StoryEntry)
                .where(StoryEntry.entry_id.in_(ids[start : start + _CHUNK]))
                .values(**values)
            )

    @translated
    def new_stories(self, count: int) -> list[int]:
        """Create ``count`` empty stories; their ids."""
        if not count:
            return []
        now = self.now()
        table = cast(Table, Story.__table__)
        rows = [{"first_seen": now, "updated": now, "size": 0, "sources": 0}] * count
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [row[0] for row in self.session.execute(statement, rows)]

    @translated
    def facts(
        self, story_ids: Collection[int], priority: Sequence[str], *, news: bool = True
    ) -> list[StoryFacts]:
        """Each of these stories' row as its members make it, worked out by the
        database (a story of a thousand outlets is a thousand rows, read again each
        time it grows); a story with no members left is not among them.

        The representative: the entry from the feed listed first in ``priority``
        (``dedup.source_priority``); then a full article before a teaser; then the
        earliest (the outlet that broke it); then the lowest id, so the choice is
        stable. ``news``: False when entries only left (retention): the story keeps its
        times, so readers of the merged feed are not shown it as updated."""
        now = self.now() if news else None
        when = func.coalesce(Entry.published, Entry.first_seen)
        rank = (
            case({url: n for n, url in enumerate(priority)}, value=Feed.url, else_=len(priority))
            if priority
            else literal(0)
        )
        full = or_(
            Article.status == PageStatus.OK, func.length(Entry.content_text) >= _FULL_TEXT_CHARS
        )
        teaser = case((full, 0), else_=1)
        members = select(StoryEntry.story_id).join(Entry, Entry.id == StoryEntry.entry_id)
        found = []
        ids = list(story_ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            counted = read(
                self.session,
                members.add_columns(
                    func.count(), func.count(distinct(Entry.feed_id)), func.min(when)
                )
                .where(StoryEntry.story_id.in_(chunk))
                .group_by(StoryEntry.story_id),
            )
            counts = {row[0]: row[1:] for row in counted}
            ranked = (
                members.add_columns(
                    Entry.id.label("entry_id"),
                    Entry.title,
                    func.row_number()
                    .over(
                        partition_by=StoryEntry.story_id,
                        order_by=(rank, teaser, when, Entry.id),
                    )
                    .label("place"),
                )
                .join(Feed, Feed.id == Entry.feed_id)
                .outerjoin(Article, Article.entry_id == Entry.id)
                .where(StoryEntry.story_id.in_(chunk))
                .subquery()
            )
            chosen = select(ranked.c.story_id, ranked.c.entry_id, ranked.c.title).where(
                ranked.c.place == 1
            )
            for story_id, entry_id, title in read(self.session, chosen):
                size, sources, first_seen = counts[story_id]
                found.append(
                    StoryFacts(
                        story_id=story_id,
                        representative=entry_id,
                        title=title,
                        first_seen=first_seen if news else None,
                        updated=now,
                        size=size,
                        sources=sources,
                    )
                )
        return found

    @translated
    def describe(self, described: Sequence[StoryFacts]) -> None:
        """Store what ``Deduplicator.describe`` worked out, one statement for all. A
        story that a user's merge titled keeps that title."""
        titled = self._user_titles([facts.story_id for facts in described])
        rows = [
            {
                "id": facts.story_id,
                "representative_id": facts.representative,
                "title": titled.get(facts.story_id, facts.title),
                "size": facts.size,
                "sources": facts.sources,
            }
            # Both or neither (Deduplicator.describe's `news`): one statement for all.
            | ({} if facts.updated is None else {"updated": facts.updated})
            | ({} if facts.first_seen is None else {"first_seen": facts.first_seen})
            for facts in described
        ]
        update_many(self.session, Story, "id", rows)

    def _user_titles(self, story_ids: Sequence[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for start in range(0, len(story_ids), _CHUNK):
            query = select(Story.id, Story.user_title).where(
                Story.id.in_(story_ids[start : start + _CHUNK]), Story.user_title.is_not(None)
            )
            found.update({row[0]: row[1] for row in self.session.execute(query) if row[1]})
        return found

    @translated
    def title(self, story_id: int, title: str | None) -> None:
        """The title a user's merge gives the story, for good (None: the
        representative's again)."""
        self.session.execute(
            update(Story).where(Story.id == story_id).values(user_title=title, title=title)
        )

    @translated
    def current_title(self, story_id: int) -> str | None:
        return self.session.scalar(select(Story.title).where(Story.id == story_id))

    @translated
    def delete(self, story_ids: Collection[int]) -> set[int]:
        """Delete these stories (the caller found them empty); their ids."""
        ids = set(story_ids)
        if ids:
            self.session.execute(delete(Story).where(Story.id.in_(ids)))
        return ids

    # --- users' corrections -----------------------------------------------------------

    @translated
    def story_of(self, entry_id: int) -> int | None:
        return self.session.scalar(
            select(StoryEntry.story_id).where(StoryEntry.entry_id == entry_id)
        )

    @translated
    def exists(self, story_id: int) -> bool:
        return self.session.get(Story, story_id) is not None

    @translated
    def place(self, entry_ids: Collection[int], story_id: int, seq: int) -> None:
        """A user's decision: these entries belong to ``story_id``, for good. What the
        grouping had found is kept beside it (auto_relation, auto_signal, auto_score),
        the first time a user places an entry."""
        placed = StoryEntry.relation == Relation.MANUAL
        self._update(
            entry_ids,
            auto_relation=case((placed, StoryEntry.auto_relation), else_=StoryEntry.relation),
            auto_signal=case((placed, StoryEntry.auto_signal), else_=StoryEntry.signal),
            auto_score=case((placed, StoryEntry.auto_score), else_=StoryEntry.score),
            story_id=story_id,
            relation=Relation.MANUAL,
            signal="user",
            score=None,
            matched_entry_id=None,
            pinned=True,
            awaits_text=False,
            assigned_at=self.now(),
            seq=seq,
        )

    @translated
    def entry_ids(self, story_id: int) -> list[int]:
        return list(
            self.session.scalars(select(StoryEntry.entry_id).where(StoryEntry.story_id == story_id))
        )


@dataclass(frozen=True)
class StoryFacts:
    """A story's row as its members make it."""

    story_id: int
    representative: int
    title: str | None
    first_seen: datetime | None  # None: as it was
    updated: datetime | None  # None: as it was
    size: int
    sources: int


def _in_window(since: datetime) -> tuple[Any, ...]:
    """An entry with a story, published (else seen) since ``since``."""
    return (
        StoryEntry.story_id.is_not(None),
        or_(
            Entry.published >= since,
            and_(Entry.published.is_(None), Entry.first_seen >= since),
        ),
    )
