"""The public Python API: one ``Aggregator`` per feeds.yaml and database.

Every method opens its own session and transaction, and raises only AggregatorError
subclasses: a database error, also one raised at COMMIT, leaves as a StoreError that
says what to do (store.boundary.explain). The command line is a thin layer over it;
nothing above this module sees SQLAlchemy.

    with Aggregator.open(load_settings(Path("feeds.yaml"), os.environ)) as news:
        news.poll_once()
        for story in news.stories(min_sources=3, limit=10):
            print(story.title, story.sources)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .app import App, make_app
from .config import Settings
from .errors import AggregatorError
from .store import StoryViews
from .types import (
    ArticleResult,
    EntryView,
    FeedPart,
    FeedResult,
    FeedSource,
    FeedView,
    PageBacklog,
    SearchHit,
    StoredCounts,
    StoryView,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .runtime.deduplicator import Deduplicator
    from .runtime.poller import PollReport
    from .runtime.pruner import Pruned


class GroupingOff(AggregatorError):
    """A story correction asked for while grouping is off (``dedup: enabled: false``)."""


@dataclass(frozen=True)
class Polled:
    """What one ``poll_once`` did: its report, and the article pages still due whose
    hosts asked us to wait (Retry-After)."""

    report: PollReport
    waiting: int


class Aggregator:
    """The application, as a program uses it (see the module docstring)."""

    def __init__(self, app: App) -> None:
        self.app = app

    @classmethod
    def open(cls, settings: Settings, *, migrate: bool = True, reading: bool = False) -> Aggregator:
        """Open the database (upgrading its schema unless ``migrate`` is False;
        ``reading``: a command that only reads, which opens a database it cannot
        write read-only, see app.make_app).

        Raises:
            StoreError: the database cannot be opened or upgraded.
        """
        return cls(make_app(settings, migrate=migrate, reading=reading))

    def __enter__(self) -> Aggregator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.app.close()

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def full_text(self) -> bool:
        return self.app.full_text

    def now(self) -> datetime:
        return self.app.now()

    # --- sessions ---------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session in one transaction; errors translated, also at COMMIT."""
        with self.app.guarded(), self.app.session() as session, session.begin():
            yield session

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A writing session whose callers open transactions as they go (the workers
        commit batch by batch); errors translated."""
        with self.app.guarded(), self.app.session(write=True) as session:
            yield session

    # --- reading ----------------------------------------------------------------------

    def feeds(self) -> list[FeedView]:
        """Every feed of feeds.yaml and of the database, with its state."""
        with self._reading() as session:
            return self.app.store(session).feeds(self.settings.feeds)

    def known_feeds(self, urls: Collection[str]) -> set[str]:
        """Those of ``urls`` that name a stored feed."""
        with self._reading() as session:
            return self.app.store(session).known_feeds(urls)

    def entries(
        self,
        *,
        feeds: Collection[str] | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[EntryView]:
        with self._reading() as session:
            return self.app.store(session).entries(feeds=feeds, since=since, limit=limit)

    def search(
        self,
        query: str,
        *,
        since: datetime | None = None,
        limit: int = 20,
        newest: bool = False,
        feeds: Collection[str] | None = None,
    ) -> list[SearchHit]:
        """Raises QueryError for a query that cannot be searched."""
        with self._reading() as session:
            return self.app.store(session).search(
                query, since=since, limit=limit, newest=newest, feeds=feeds
            )

    def stories(
        self,
        *,
        since: datetime | None = None,
        min_sources: int = 1,
        limit: int | None = None,
        feeds: Collection[str] | None = None,
        ids: Collection[int] | None = None,
        offset: int = 0,
        until: datetime | None = None,
        search: str | None = None,
        summaries: bool = False,
    ) -> list[StoryView]:
        """Stories most recently changed first (see StoryViews.stories). Raises
        QueryError for a ``search`` that cannot be searched."""
        with self._reading() as session:
            return StoryViews(session).stories(
                since=since,
                min_sources=min_sources,
                limit=limit,
                feeds=feeds,
                ids=ids,
                offset=offset,
                until=until,
                search=search,
                summaries=summaries,
            )

    def export(
        self,
        kind: str,
        part: FeedPart,
        *,
        since: datetime | None = None,
        min_sources: int = 1,
        limit: int | None = None,
    ) -> tuple[bytes, int]:
        """The merged feed document (Atom, RSS or JSON Feed) and how many stories it
        lists."""
        from .output.publish import document, items_of
        from .store.boundary import database

        output = self.settings.output
        with self._reading() as session:
            items = items_of(
                database(session),
                output,
                part,
                since=since,
                min_sources=min_sources,
                limit=limit,
            )
        return document(kind, output, items, part, self.app.now).body, len(items)

    def page_backlog(self) -> PageBacklog:
        with self._reading() as session:
            return self.app.articles(session).backlog()

    # --- polling ----------------------------------------------------------------------

    def sync_feeds(self) -> None:
        """Make the database's feed list match feeds.yaml."""
        with self._writing() as session, session.begin():
            self.app.store(session).sync_feeds(self.settings.feeds)

    def due_count(self, sources: Collection[FeedSource], *, force: bool = False) -> int:
        with self._reading() as session:
            return self.app.store(session).due_count([s.url for s in sources], force=force)

    def poll_once(
        self,
        sources: tuple[FeedSource, ...] | None = None,
        *,
        force: bool = False,
        on_feed: Callable[[FeedResult, StoredCounts], None] = lambda result, counts: None,
        on_page: Callable[[ArticleResult], None] = lambda result: None,
        sync: bool = True,
    ) -> Polled:
        """Poll the feeds that are due (of ``sources``, default all; every one with
        ``force``), fetch the article pages due, group what is final; then return.
        The database's feed list is made to match feeds.yaml first (``sync``; a caller
        that just did, to count what is due, says False)."""
        from .runtime.drive import run_once

        if sync:
            self.sync_feeds()
        with self._writing() as session:
            poller, extractor = self.app.workers(session, on_feed, on_page)
            if sources is not None:
                poller.use_sources(sources)
            report = run_once(
                poller, extractor, force=force, deduplicator=self.app.deduplicator(session)
            )
            waiting = 0
            if extractor is not None:
                with session.begin():
                    # Due, yet not taken: their hosts asked us to wait (Retry-After).
                    waiting = self.app.articles(session).due_count()
        return Polled(report, waiting)

    def extract_due(
        self,
        *,
        retry_failed: bool = False,
        everything: bool = False,
        on_page: Callable[[ArticleResult], None] = lambda result: None,
    ) -> None:
        """Fetch and extract the article pages that are due (``retry_failed``: also
        every failed one; ``everything``: every page again), then return. Does nothing
        with full text off."""
        from .runtime.drive import drain

        with self._writing() as session:
            articles = self.app.articles(session)
            with session.begin():
                if everything:
                    articles.requeue_all()
                    # Entries stored before full text existed: as their feed says.
                    for feed_url, new in articles.unqueued().items():
                        plan = self.app.plan_stored_page
                        articles.queue(new, {id_: plan(feed_url, raw) for id_, raw in new})
                elif retry_failed:
                    articles.retry_failed()
            extractor = self.app.extractor(session, on_result=on_page)
            if extractor is not None:
                drain(extractor)

    def run(self) -> None:
        """The daemon, until SIGTERM or SIGINT (see daemon.run_daemon)."""
        from .runtime.daemon import run_daemon

        run_daemon(self.app)

    # --- corrections and upkeep -------------------------------------------------------

    def merge(self, story_ids: list[int], *, title: str | None = None) -> int:
        """Move every entry of the other stories into the first one, for good; how
        many moved. Raises LookupError for a story that does not exist."""
        with self._writing() as session:
            return self._deduplicator(session).merge(story_ids, title=title)

    def split(self, entry_id: int) -> int:
        """Take one entry out of its story, for good; the story it is in now. Raises
        LookupError for an entry that has no story."""
        with self._writing() as session:
            return self._deduplicator(session).split(entry_id)

    def _deduplicator(self, session: Session) -> Deduplicator:
        found = self.app.deduplicator(session)
        if found is None:
            raise GroupingOff("deduplication is off (dedup: enabled: false)")
        return found

    def prune(
        self,
        *,
        keep: timedelta | None = None,
        keep_at_least: int | None = None,
        dry_run: bool = False,
    ) -> Pruned | None:
        """Delete old entries (retention), or count them (``dry_run``); None when no
        retention is configured or given."""
        with self._writing() as session:
            pruner = self.app.pruner(session, keep, keep_at_least)
            if pruner is None:
                return None
            return pruner.count() if dry_run else pruner.run()

    def upgrade(self) -> tuple[str | None, str, str | None]:
        """(revision before, revision now, path of the SQLite backup copy or None)."""
        return self.app.upgrade()
