"""``aggregator run``: the long-running poller.

APScheduler is only the clock: a BlockingScheduler with the in-memory job store and
one ``tick`` job (explicit id, ``max_instances=1``, ``coalesce=True``) that stores
finished polls and dispatches the feeds that are due. Everything about a feed's
schedule lives in the database, so a restart loses nothing and polls nothing early.

SIGTERM/SIGINT: stop taking work, give in-flight polls up to ``grace`` seconds to
finish and be stored, give the leases of the rest back, exit 0.

SQLite allows one daemon per database (a lock file beside it); on PostgreSQL any
number share the feeds through row leases.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import math
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.orm import Session

from .app import App
from .config import Settings, load_settings
from .deduplicate import Deduplicator
from .drive import close, pump
from .errors import AggregatorError, ConfigError, StoreError
from .logs import event
from .metrics import Metrics
from .prune import Pruned
from .publish import rendered, write_files
from .serve import FeedDocuments, StatusServer
from .store import StoryStore
from .types import Assigned, FeedResult, StoredCounts

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0
DEDUP_SECONDS = 5.0
# WARNING: between them, every field of Settings but config_path and feeds (a test
# checks). Sections of feeds.yaml that a running daemon reads at start only...
_RESTART_SECTIONS = ("database_url", "fetch", "schedule", "extract", "dedup", "serve")
# ...and those it takes as they change (besides the feeds).
_LIVE_SECTIONS = ("output", "retention")
PRUNE_SECONDS = 86400.0  # retention runs once a day
GRACE_SECONDS = 8.0  # in-flight polls may finish; the whole stop stays within 10 s


class DaemonLocked(AggregatorError):
    """Another daemon already runs against this SQLite database."""


@contextlib.contextmanager
def single_daemon(app: App) -> Iterator[None]:
    """On SQLite, hold an exclusive lock file beside the database while running."""
    url = app.engine.url
    if app.engine.dialect.name != "sqlite" or not url.database:
        yield
        return
    path = Path(f"{url.database}.daemon.lock")
    try:
        opened = path.open("a+")
    except OSError as e:
        raise StoreError(_why_no_lock(path, e)) from e
    with opened as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise DaemonLocked(
                f"another aggregator daemon ({holder}) is already running on {url.database}; "
                f"SQLite allows one (use PostgreSQL to run several)"
            ) from e
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _why_no_lock(path: Path, error: OSError) -> str:
    folder = path.parent
    if not folder.is_dir():
        return (
            f"cannot start: the database's folder {folder} does not exist; create it or "
            f"change `database:` in feeds.yaml"
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"cannot start: {folder} is read-only (the daemon writes the database and its "
            f"lock file {path.name} there); give write access or move `database:`"
        )
    return f"cannot create the lock file {path}: {error.strerror or error}"


class Trouble:
    """A database error that recurs every tick is logged once, and once more when it
    is gone (a full disk fills the log otherwise)."""

    def __init__(self) -> None:
        self.current: str | None = None

    def report(self, error: str) -> None:
        if error != self.current:
            event(log, logging.WARNING, "store.error", error=error)
        self.current = error

    def problems(self) -> list[str]:
        return [self.current] if self.current is not None else []

    def clear(self) -> None:
        if self.current is not None:
            event(log, logging.INFO, "store.recovered", error=self.current)
        self.current = None


class Reachability:
    """Every feed failing with no success in between (the machine offline, its DNS
    down): one warning, a problem for /healthz, until a feed answers again."""

    def __init__(self, feeds: Callable[[], int]) -> None:
        self._feeds = feeds
        self._failing: dict[str, str] = {}  # feed URL -> its error
        self.warned = False

    def observe(self, result: FeedResult) -> None:
        if result.error is None:
            if self.warned:
                event(log, logging.INFO, "feeds.recovered", feed=result.source.url)
            self._failing.clear()
            self.warned = False
            return
        self._failing[result.source.url] = str(result.error)
        if not self.warned and len(self._failing) >= self._feeds() > 0:
            self.warned = True
            event(log, logging.WARNING, "feeds.all_failed", **self._said())

    def _said(self) -> dict[str, object]:
        url, error = next(iter(self._failing.items()))
        return {"feeds": len(self._failing), "first": url, "error": error}

    def problems(self) -> list[str]:
        if not self.warned:
            return []
        said = self._said()
        return [
            f"every feed failed on its last poll ({said['feeds']}; {said['first']}: "
            f"{said['error']}): is this machine offline?"
        ]


class Grouping:
    """When the daemon runs the deduplicator: soon after new entries, and every
    DEDUP_SECONDS for entries whose text became final meanwhile (pages fetched, or
    waited for long enough). The merged feed follows every change of stories: this
    process's grouping, and what others did (a user's `stories merge`, `prune`,
    another daemon), seen as a new membership ``seq``."""

    def __init__(
        self,
        deduplicator: Deduplicator | None,
        observe: Callable[[Assigned], None],
        version: Callable[[], int],
        changed: Callable[[], None] = lambda: None,
    ) -> None:
        self.deduplicator = deduplicator
        self.observe = observe
        self.version = version  # the latest membership seq
        self.changed = changed  # stories changed: the merged feed files follow
        self._last = -math.inf
        self._seen = version()

    def tick(self, new_entries: bool) -> None:
        if not new_entries and time.monotonic() - self._last < DEDUP_SECONDS:
            return
        self._last = time.monotonic()
        try:
            if self.deduplicator is not None:
                self.observe(self.deduplicator.run())
            seen = self.version()
        except StoreError as e:
            # Nothing is lost: the entries wait, and the next run takes them.
            event(log, logging.WARNING, "dedup.error", error=str(e))
            return
        if seen != self._seen:
            self._seen = seen
            self.changed()


class ConfigWatch:
    """feeds.yaml, read again when it changes (or on SIGHUP).

    Its feeds, output and retention take effect at once; the other sections are read
    at start only (a change there is logged as needing a restart). A file that no
    longer loads is logged and ignored: the daemon goes on with what it had.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.requested = False  # SIGHUP: read it even if it looks unchanged
        self._stamp = self._stat()

    def _stat(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def changed(self) -> Settings | None:
        """The file's settings if it changed since last asked and loads; else None."""
        stamp = self._stat()
        if stamp == self._stamp and not self.requested:
            return None
        self._stamp, self.requested = stamp, False
        try:
            return load_settings(self.path, os.environ)
        except ConfigError as e:
            event(log, logging.WARNING, "config.error", error=str(e))
            return None


class PruneJob:
    """The daemon's prune: at start, daily, and at once when feeds.yaml changes the
    retention. A change while it runs stops it, and it goes again by the new one:
    the scheduler would skip a run asked for meanwhile, and wait a day.

    Its state is read and written under the daemon's lock (``guard``), which the
    reload holds too.
    """

    def __init__(
        self,
        app: App,
        session: Session,
        guard: AbstractContextManager[object],
        stopping: threading.Event,
        pruned: Callable[[Pruned], None] = lambda done: None,
    ) -> None:
        self.app = app
        self.session = session
        self.guard = guard
        self.stopping = stopping
        self.pruned = pruned
        self.running = False
        self.pending = False  # the retention changed since this run began

    def retention_changed(self) -> bool:
        """Under the guard, from a reload: returns whether the scheduler must be asked
        to run the job now (False: it runs, and goes again by itself)."""
        self.pending = True
        return not self.running

    def __call__(self) -> None:
        with self.guard:
            self.running, self.pending = True, False
        try:
            while not self.stopping.is_set() and self._once():
                with self.guard:
                    if not self.pending:
                        return
                    self.pending = False
        finally:
            with self.guard:
                self.running = False

    def _once(self) -> bool:
        """One prune by the retention of the moment; False when there is none, or it
        failed."""
        # Made each time: a reload may have changed retention (or added it).
        goes_by = _retention(self.app.settings)
        pruner = self.app.pruner(self.session)
        if pruner is None:
            return False

        def stop() -> bool:
            return self.stopping.is_set() or _retention(self.app.settings) != goes_by

        try:
            self.pruned(pruner.run(stop=stop, guard=self.guard))
        except StoreError as e:
            # Nothing is lost: what was not deleted is deleted tomorrow.
            event(log, logging.WARNING, "retention.error", error=str(e))
            return False
        return True


def _retention(settings: Settings) -> tuple[object, dict[str, int]]:
    """What a prune goes by: ``retention:``, and the feeds with a keep of their own."""
    own = {s.url: s.keep_seconds for s in settings.feeds if s.keep_seconds is not None}
    return settings.retention, own


def run_daemon(
    app: App, *, tick_seconds: float = TICK_SECONDS, grace: float = GRACE_SECONDS
) -> None:
    """Poll forever, until SIGTERM or SIGINT.

    Args:
        app: built without migrating: the schema is upgraded only once this process
            holds the single-daemon lock (SQLite), so a second daemon of a newer
            version cannot change the schema under a running one.
        tick_seconds: how often the scheduler looks for due feeds.
        grace: how long polls in progress may take to finish at a stop.

    Raises:
        DaemonLocked: another daemon runs against this SQLite database.
        StoreError: the database cannot be opened or migrated.
    """
    with single_daemon(app):
        app.upgrade()
        _run(app, tick_seconds, grace)


def _run(app: App, tick_seconds: float, grace: float) -> None:
    with app.session(write=True) as session:
        store = app.store(session)
        with session.begin():
            store.sync_feeds(app.settings.feeds)
        metrics = Metrics()

        reach = Reachability(lambda: len(app.settings.feeds))

        def on_result(result: FeedResult, counts: StoredCounts) -> None:
            metrics.observe(result, counts)
            reach.observe(result)

        poller, extractor = app.workers(session, on_result, metrics.observe_article)
        serve = app.settings.serve
        feeds = FeedDocuments()
        last_tick: list[float] = []
        trouble = Trouble()
        # Bound first: a port in use stops the start before anything else happens.
        server = None
        if serve is not None:
            server = StatusServer(
                serve.host,
                serve.port,
                metrics,
                lambda: last_tick[0] if last_tick else None,
                feeds=feeds,
                problems=lambda: trouble.problems() + reach.problems(),
            )

        def write_feeds() -> None:
            # Read each time: a reload may have changed output.
            output = app.settings.output
            folder = output.directory
            directory = app.settings.config_path.parent / folder if folder else None
            if directory is None and serve is None:
                return
            try:
                tags = {tag for source in app.settings.feeds for tag in source.tags}
                documents = rendered(session, app.now, output, tags)
                feeds.replace(documents, app.now())
                if directory is not None:
                    write_files(directory, documents)
            except (AggregatorError, OSError) as e:
                event(log, logging.WARNING, "output.error", error=str(e))
                return
            event(log, logging.INFO, "output.rendered", documents=len(documents))

        def version() -> int:
            with session.begin():
                return StoryStore(session, app.now).last_seq()

        grouping = Grouping(
            app.deduplicator(session), metrics.observe_grouped, version, write_feeds
        )
        write_feeds()  # at start: the files reflect the database from the first moment
        lock = threading.Lock()  # the tick and the shutdown never use the session at once
        stopping = threading.Event()

        watch = ConfigWatch(app.settings.config_path)
        prune = PruneJob(
            app, session, lock, stopping, lambda done: metrics.pruned.inc(done.entries)
        )

        def reload(fresh: Settings) -> None:
            before = {source.url for source in app.settings.feeds}
            after = {source.url for source in fresh.feeds}
            with session.begin():
                store.sync_feeds(fresh.feeds)
            differ = {
                name
                for name in (*_RESTART_SECTIONS, *_LIVE_SECTIONS)
                if getattr(fresh, name) != getattr(app.settings, name)
            }
            others = [name for name in _RESTART_SECTIONS if name in differ]
            live = [name for name in _LIVE_SECTIONS if name in differ]
            retention_changed = _retention(fresh) != _retention(app.settings)
            if retention_changed and "retention" not in live:
                live.append("retention")  # a feed's own keep
            app.use_settings(fresh.feeds, output=fresh.output, retention=fresh.retention)
            poller.use_sources(fresh.feeds)
            event(
                log,
                logging.INFO,
                "config.reloaded",
                feeds=len(after),
                added=len(after - before),
                removed=len(before - after),
                applied=",".join(live) or None,
                restart_needed=",".join(others) or None,
            )
            # At once, not in a day (a prune running now goes again by itself).
            if retention_changed and prune.retention_changed():
                scheduler.modify_job("prune", next_run_time=app.now())
            write_feeds()  # the tags, and so the tag feeds, may have changed

        def tick() -> None:
            with lock:
                if stopping.is_set():
                    return
                fresh = watch.changed()
                if fresh is not None:
                    try:
                        reload(fresh)
                    except StoreError as e:
                        event(log, logging.WARNING, "config.error", error=str(e))
                try:
                    with app.guarded():
                        # Most of the tick refilling free places as polls finish; the
                        # rest leaves room for the scheduler's own bookkeeping.
                        stored = pump(
                            poller, extractor, tick_seconds * 0.9, stopping=stopping.is_set
                        )
                        grouping.tick(any(counts.new for _, counts in stored))
                except StoreError as e:
                    # A full disk, a database gone away: nothing of this tick was
                    # stored (its transaction rolled back) and the next one tries
                    # again, so the daemon resumes by itself once the cause is gone.
                    session.rollback()
                    trouble.report(str(e))
                else:
                    if stored:  # a write went through: the cause is gone
                        trouble.clear()
                metrics.in_flight.set(poller.busy + (extractor.busy if extractor else 0))
                now = time.time()
                metrics.last_tick.set(now)
                last_tick[:] = [now]

        if server is not None:
            server.start()
            event(log, logging.INFO, "serve.start", host=server.host, port=server.port)

        scheduler = BlockingScheduler(timezone=UTC)

        def every(seconds: float, job: Callable[[], None], name: str) -> None:
            """Run ``job`` now, then every ``seconds``; never two at once, and runs
            missed while busy make one."""
            scheduler.add_job(
                job,
                "interval",
                seconds=seconds,
                id=name,
                max_instances=1,
                coalesce=True,
                next_run_time=app.now(),
            )

        every(tick_seconds, tick, "tick")

        # At start and then daily: a restart loses at most a day's wait.
        every(PRUNE_SECONDS, prune, "prune")  # the id reload's modify_job names

        def stop(signum: int, _frame: FrameType | None) -> None:
            event(log, logging.INFO, "daemon.stopping", signal=signal.Signals(signum).name)
            stopping.set()
            scheduler.shutdown(wait=False)

        def hangup(_signum: int, _frame: FrameType | None) -> None:
            watch.requested = True  # the next tick reads feeds.yaml again

        previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
        previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, hangup)
        event(
            log,
            logging.INFO,
            "daemon.start",
            owner=app.owner,
            feeds=len(app.settings.feeds),
            database=app.engine.url.render_as_string(hide_password=True),
        )
        try:
            scheduler.start()  # returns after stop()
        finally:
            stopping.set()
            with lock:
                abandoned = close(poller, extractor, grace)
            if server is not None:
                server.stop()
            # Restored last: a second Ctrl-C during the grace period changes nothing.
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            event(log, logging.INFO, "daemon.stopped", abandoned=abandoned)
