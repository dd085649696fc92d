"""Composition root: builds the engine, HTTP client, Store and Poller from Settings;
owns close()."""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import ssl
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .config import OutputSettings, RetentionSettings, Settings
from .errors import StoreError
from .runtime.processes import PARSE_TIMEOUT, WorkerProcesses
from .store import ArticleStore, Store, StoryStore
from .store.boundary import Database, database, explained
from .store.engine import make_engine, unwritable_sqlite, writer
from .store.migrate import current_revision, head_revision, upgrade
from .types import FeedSource, FetchPolicy, RawEntry

# The fetching, parsing, extracting and grouping stages are imported by the methods
# that build them: a query command needs none of them (trafilatura alone takes a
# tenth of a second to import), and starts at once.
if TYPE_CHECKING:
    import httpx

    from .runtime.deduplicator import Deduplicator, Items
    from .runtime.extractor import Extract, Extractor, OnArticle
    from .runtime.poller import OnResult, Parse, Poller
    from .runtime.pruner import Pruner
    from .runtime.workers import HostSlots

# Below this many feeds, starting parser processes costs more than it saves.
PARALLEL_PARSE_MIN_FEEDS = 50


def utc_now() -> datetime:
    return datetime.now(UTC)


def process_id() -> str:
    """A name for this process's leases: host, pid and a random part (pids recycle)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def is_dead_local_process(owner: str) -> bool:
    """Whether a lease owner is a process on this machine that no longer exists.

    Owners on other machines are never judged dead here: their leases expire.
    """
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # exists, owned by someone else
    return False


@dataclass
class App:
    """Everything one command or daemon run needs, built once and closed once."""

    settings: Settings
    engine: Engine
    now: Callable[[], datetime] = utc_now
    owner: str = field(default_factory=process_id)
    processes: WorkerProcesses = field(
        default_factory=lambda: WorkerProcesses(os.cpu_count() or 1), init=False
    )
    _tls: ssl.SSLContext | None = field(default=None, init=False)
    _tls_lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def new_client(self) -> httpx.Client:
        """An HTTP client with the configured identity and address policy."""
        from .sources.fetch import make_client, tls_context

        with self._tls_lock:  # worker threads make their clients on first use
            if self._tls is None:
                self._tls = tls_context()
        fetch = self.settings.fetch
        return make_client(
            ssl_context=self._tls,
            user_agent=fetch.user_agent,
            # Per host (runtime/workers.HostClients), at most per_host requests at once:
            # a handful of keep-alive connections is plenty.
            concurrency=min(fetch.concurrency, fetch.per_host * 4),
            allow_private_networks=fetch.allow_private_networks,
            allowed_networks=fetch.allowed_networks,
        )

    @property
    def fetch_policy(self) -> FetchPolicy:
        return self.settings.fetch.policy()

    def session(self, *, write: bool = False) -> Session:
        """A new Session; ``write`` takes SQLite's write lock at BEGIN (see engine.py)."""
        return Session(writer(self.engine) if write else self.engine, expire_on_commit=False)

    @property
    def full_text(self) -> bool:
        """Whether article pages are fetched at all (``extract: full_text: never``)."""
        return self.settings.extract.full_text != "never"

    def store(self, handle: Session | Database) -> Store:
        dedup = self.settings.dedup
        return Store(
            database(handle).session,
            self.now,
            timedelta(seconds=dedup.window) if dedup.enabled else None,
        )

    def stories(self, handle: Session | Database) -> StoryStore:
        return StoryStore(database(handle).session, self.now)

    def deduplicator(self, handle: Session | Database) -> Deduplicator | None:
        """The story grouping stage, or None with ``dedup: enabled: false``."""
        return self._deduplicator(handle) if self.settings.dedup.enabled else None

    def _deduplicator(self, handle: Session | Database) -> Deduplicator:
        from .runtime.deduplicator import Deduplicator

        dedup = self.settings.dedup
        return Deduplicator(
            database(handle),
            self.stories(handle),
            dedup.thresholds(),
            priority=dedup.source_priority,
            text_wait=timedelta(seconds=dedup.text_wait),
            items=self.items(),
            later=self.processes.later() if self._parallel() else None,
        )

    def pruner(
        self,
        handle: Session | Database,
        keep: timedelta | None = None,
        keep_at_least: int | None = None,
    ) -> Pruner | None:
        """Retention, keeping entries ``keep`` and each feed's ``keep_at_least``
        newest (else as ``retention:`` says), and the entries of feeds with a ``keep``
        of their own that long; None when nothing says how long."""
        from .runtime.pruner import Pruner

        retention = self.settings.retention
        if keep is None and retention.keep is not None:
            keep = timedelta(seconds=retention.keep)
        if keep is None and not any(s.keep_seconds for s in self.settings.feeds):
            return None
        if keep_at_least is None:
            keep_at_least = retention.keep_at_least
        # Grouping off or on, stories left by earlier runs shrink with their entries.
        from .store.retention import RetentionStore

        db = database(handle)
        dedup = self._deduplicator(db)
        return Pruner(db, RetentionStore(db.session), dedup, keep, keep_at_least=keep_at_least)

    def _plan_page(self, source: FeedSource, entry: RawEntry) -> str | None:
        """Why a new entry's page is not fetched, or None (see extract.skip_reason)."""
        from .sources.extract import skip_reason

        return skip_reason(entry, source.full_text, self.settings.extract.min_words)

    def plan_stored_page(self, feed_url: str, entry: RawEntry) -> str | None:
        """The same for an entry already stored; a feed no longer in feeds.yaml gets
        the global ``extract.full_text``."""
        source = self._sources.get(feed_url) or FeedSource(
            url=feed_url, full_text=self.settings.extract.full_text
        )
        return self._plan_page(source, entry)

    def use_settings(
        self, feeds: tuple[FeedSource, ...], *, output: OutputSettings, retention: RetentionSettings
    ) -> None:
        """Take new feeds, output and retention (a running daemon re-read feeds.yaml);
        the rest of the settings stay as they were at start."""
        update = {"feeds": feeds, "output": output, "retention": retention}
        self.settings = self.settings.model_copy(update=update)
        self.__dict__.pop("_sources", None)  # the cached_property below, built again

    @functools.cached_property
    def _sources(self) -> dict[str, FeedSource]:
        return {source.url: source for source in self.settings.feeds}

    def articles(self, handle: Session | Database) -> ArticleStore:
        return ArticleStore(database(handle).session, self.now)

    def parse(self) -> Parse:
        """Parsing, in worker processes when there are enough feeds to keep more than
        one core busy (feedparser is most of a poll's CPU time, and threads share one
        core)."""
        from .sources.parse import parse_or_failure

        return self.processes.parse() if self._parallel() else parse_or_failure

    def extract(self) -> Extract:
        """Extraction, in the same worker processes as parsing when there are."""
        from .sources.extract import extract_or_failure

        return self.processes.extract() if self._parallel() else extract_or_failure

    def items(self) -> Items:
        """Grouping's view of entries, shared with the worker processes when there
        are."""
        from .runtime.deduplicator import items_of

        return self.processes.items() if self._parallel() else items_of

    def _parallel(self) -> bool:
        return (os.cpu_count() or 1) >= 2 and len(self.settings.feeds) >= PARALLEL_PARSE_MIN_FEEDS

    def poller(
        self, handle: Session | Database, on_result: OnResult, slots: HostSlots | None = None
    ) -> Poller:
        from .domain.decide import ScheduleBounds
        from .runtime.poller import Poller

        fetch = self.settings.fetch
        return Poller(
            db=database(handle),
            store=self.store(handle),
            new_client=self.new_client,
            sources=self.settings.feeds,
            fetch_policy=self.fetch_policy,
            bounds=ScheduleBounds(
                max_backoff=self.settings.schedule.max_backoff,
                jitter=self.settings.schedule.jitter,
            ),
            owner=self.owner,
            concurrency=fetch.concurrency,
            per_host=fetch.per_host,
            # Long enough for the slowest possible poll; a dead process's feeds are
            # taken over by others when it runs out.
            lease=timedelta(seconds=fetch.timeout * (fetch.max_redirects + 2) + 60),
            on_result=on_result,
            is_dead=is_dead_local_process,
            parse=self.parse(),
            slots=slots,
            plan_page=self._plan_page if self.full_text else None,
        )

    def extractor(
        self,
        handle: Session | Database,
        slots: HostSlots | None = None,
        on_result: OnArticle = lambda result: None,
    ) -> Extractor | None:
        """The article page fetcher, or None with full text off everywhere. ``slots``:
        the per-host cap shared with a Poller (see workers())."""
        from .runtime.extractor import Extractor
        from .runtime.workers import HostSlots

        if not self.full_text:
            return None
        slots = slots or HostSlots(self.settings.fetch.per_host)
        fetch, extract = self.settings.fetch, self.settings.extract
        return Extractor(
            db=database(handle),
            articles=self.articles(handle),
            store=self.store(handle),
            new_client=self.new_client,
            slots=slots,
            fetch_policy=self.fetch_policy,
            extract=self.extract(),
            keep_html=extract.keep_html,
            owner=self.owner,
            concurrency=extract.concurrency,
            lease=timedelta(seconds=fetch.timeout * (fetch.max_redirects + 2) + PARSE_TIMEOUT),
            max_backoff=self.settings.schedule.max_backoff,
            on_result=on_result,
            is_dead=is_dead_local_process,
        )

    def workers(
        self,
        handle: Session | Database,
        on_result: OnResult = lambda result, counts: None,
        on_article: OnArticle = lambda result: None,
    ) -> tuple[Poller, Extractor | None]:
        """The Poller and the Extractor, sharing one per-host cap (see drive.py)."""
        from .runtime.workers import HostSlots

        slots = HostSlots(self.settings.fetch.per_host)
        return self.poller(handle, on_result, slots), self.extractor(handle, slots, on_article)

    def upgrade(self) -> tuple[str | None, str, str | None]:
        """Migrate the schema to the newest revision.

        Returns:
            (revision before, revision now, path of the SQLite backup copy or None).

        Raises:
            StoreError: the database cannot be opened or migrated.
        """
        with explained(self.engine.url, f"cannot open database {_safe(self.engine)}"):
            before = current_revision(self.engine)
            backup = upgrade(self.engine)
        return before, head_revision(), backup

    def check_current(self) -> None:
        """For a database opened read-only: its schema must be the newest already.

        Raises:
            StoreError: it cannot be read, or it needs an upgrade it cannot get here.
        """
        with explained(self.engine.url, f"cannot read database {_safe(self.engine)}"):
            current = current_revision(self.engine)
        if current != head_revision():
            raise StoreError(
                f"database {self.engine.url.database} is read-only here and its schema "
                f"({current or 'empty'}) needs an upgrade to {head_revision()}: run "
                f"`aggregator db upgrade` where it can be written"
            )

    def guarded(self) -> contextlib.AbstractContextManager[None]:
        """Database errors raised inside, also at a COMMIT outside the store's methods,
        become one StoreError that says what to do."""
        return explained(self.engine.url)

    def close(self) -> None:
        self.processes.close()
        self.engine.dispose()


def make_app(settings: Settings, *, migrate: bool = True, reading: bool = False) -> App:
    """Build the App and bring the schema up to date (every command does at start).

    ``reading``: the command only reads. A SQLite database in a folder this process
    cannot write is then opened read-only, provided its schema is already current.

    Raises:
        StoreError: the database cannot be opened or migrated.
    """
    read_only = reading and unwritable_sqlite(settings.database_url)
    app = App(settings=settings, engine=make_engine(settings.database_url, read_only=read_only))
    try:
        if read_only:
            app.check_current()
        elif migrate:
            app.upgrade()
    except StoreError:
        app.close()
        raise
    return app


def _safe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
