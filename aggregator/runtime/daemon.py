"""``aggregator run``: the long-running poller.

APScheduler is only the clock: a BackgroundScheduler with the in-memory job store and
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
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from ..app import App
from ..config import Settings
from ..errors import AggregatorError, StoreError
from ..output.publish import rendered, write_files
from ..output.serve import FeedDocuments, StatusServer
from ..store.boundary import Database, database
from ..types import FeedResult, StoredCounts
from .drive import close, pump
from .jobs import (
    LIVE_SECTIONS,
    RESTART_SECTIONS,
    ConfigWatch,
    Grouping,
    PruneJob,
    Reachability,
    Trouble,
    retention_of,
)
from .logs import event
from .metrics import Metrics

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0
PRUNE_SECONDS = 86400.0  # retention runs once a day
GRACE_SECONDS = 8.0  # in-flight polls may finish; the whole stop stays within 10 s
SIGNAL_POLL_SECONDS = 0.1  # how often the main thread looks for a stop signal


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
        ServeError: the `serve:` port is taken.
    """
    with single_daemon(app):
        app.upgrade()
        with app.session(write=True) as session:
            Daemon(app, database(session), tick_seconds=tick_seconds, grace=grace).run()


class Daemon:
    """One `aggregator run`: its workers, jobs and endpoint around one database session.

    The scheduler's threads run ``tick`` (and the prune job); the signal handlers
    only record the signal and the main thread, which waits for it, does the stopping;
    ``lock`` keeps the tick, a reload and the shutdown from using the session at once.
    """

    def __init__(
        self,
        app: App,
        db: Database,
        *,
        tick_seconds: float = TICK_SECONDS,
        grace: float = GRACE_SECONDS,
    ) -> None:
        self.app = app
        self.db = db
        self.tick_seconds = tick_seconds
        self.grace = grace
        self.store = app.store(db)
        with db.transaction():
            self.store.sync_feeds(app.settings.feeds)
        self.metrics = Metrics()
        self.reach = Reachability(lambda: len(app.settings.feeds))
        self.trouble = Trouble()
        self.documents = FeedDocuments()
        # Counted from the start: a daemon in its first tick (which may run for most
        # of `tick_seconds`) has not stalled; one whose first tick never comes has.
        self.last_tick: float = time.time()
        # Bound first: a port in use stops the start before anything else happens.
        self.server = self._server()
        self.poller, self.extractor = app.workers(db, self._on_result, self.metrics.observe_article)
        self.grouping = Grouping(
            app.deduplicator(db), self.metrics.observe_grouped, self._version, self.publish
        )
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.watch = ConfigWatch(app.settings.config_path)
        self.prune = PruneJob(
            app, db, self.lock, self.stopping, lambda d: self.metrics.pruned.inc(d.entries)
        )
        # Not a daemon thread: threads inherit that flag, and the workers' pool threads
        # started from a tick must count as alive for exit_now_if_stuck after a stop.
        self.scheduler = BackgroundScheduler(timezone=UTC, daemon=False)
        self.signalled: list[int] = []  # the only thing the SIGTERM/SIGINT handler touches

    def _server(self) -> StatusServer | None:
        serve = self.app.settings.serve
        if serve is None:
            return None
        from ..api import Aggregator  # the pages read as the command line does

        return StatusServer(
            serve.host,
            serve.port,
            self.metrics,
            lambda: self.last_tick,
            feeds=self.documents,
            problems=self.problems,
            reader=Aggregator(self.app),
            allow_edits=serve.allow_edits,
            token=serve.token,
        )

    def problems(self) -> list[str]:
        """What keeps the ticks from doing their work (/healthz: degraded)."""
        return self.trouble.problems() + self.reach.problems()

    def _on_result(self, result: FeedResult, counts: StoredCounts) -> None:
        self.metrics.observe(result, counts)
        self.reach.observe(result)

    def _version(self) -> int:
        with self.db.transaction():
            return self.app.stories(self.db).last_seq()

    # --- jobs -------------------------------------------------------------------------

    def tick(self) -> None:
        """Follow feeds.yaml; store what finished, start what is due; group."""
        with self.lock:
            if self.stopping.is_set():
                return
            fresh = self.watch.changed()
            if fresh is not None:
                try:
                    self.reload(fresh)
                except StoreError as e:
                    event(log, logging.WARNING, "config.error", error=str(e))
            self._work()
            busy = self.poller.busy + (self.extractor.busy if self.extractor else 0)
            self.metrics.in_flight.set(busy)
            now = time.time()
            self.metrics.last_tick.set(now)
            self.last_tick = now

    def _work(self) -> None:
        try:
            with self.app.guarded():
                # Most of the tick refilling free places as polls finish; the rest
                # leaves room for the scheduler's own bookkeeping.
                stored = pump(
                    self.poller,
                    self.extractor,
                    self.tick_seconds * 0.9,
                    stopping=self.stopping.is_set,
                )
                self.grouping.tick(any(counts.new for _, counts in stored))
        except StoreError as e:
            # A full disk, a database gone away: nothing of this tick was stored (its
            # transaction rolled back) and the next one tries again, so the daemon
            # resumes by itself once the cause is gone.
            self.db.rollback()
            self.trouble.report(str(e))
            return
        if stored:  # a write went through: the cause is gone
            self.trouble.clear()

    def reload(self, fresh: Settings) -> None:
        """Take a changed feeds.yaml: its feeds, output and retention at once; the other
        sections are logged as waiting for a restart."""
        app = self.app
        before = {source.url for source in app.settings.feeds}
        after = {source.url for source in fresh.feeds}
        with self.db.transaction():
            self.store.sync_feeds(fresh.feeds)
        differ = {
            name
            for name in (*RESTART_SECTIONS, *LIVE_SECTIONS)
            if getattr(fresh, name) != getattr(app.settings, name)
        }
        others = [name for name in RESTART_SECTIONS if name in differ]
        live = [name for name in LIVE_SECTIONS if name in differ]
        retention_changed = retention_of(fresh) != retention_of(app.settings)
        if retention_changed and "retention" not in live:
            live.append("retention")  # a feed's own keep
        app.use_settings(fresh.feeds, output=fresh.output, retention=fresh.retention)
        self.poller.use_sources(fresh.feeds)
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
        if retention_changed and self.prune.retention_changed():
            self.scheduler.modify_job("prune", next_run_time=app.now())
        self.publish()  # the tags, and so the tag feeds, may have changed

    def publish(self) -> None:
        """Render the merged feeds: served, and written to ``output.directory``."""
        app = self.app
        # Read each time: a reload may have changed output.
        output = app.settings.output
        folder = output.directory
        directory = app.settings.config_path.parent / folder if folder else None
        if directory is None and self.server is None:
            return
        try:
            tags = {tag for source in app.settings.feeds for tag in source.tags}
            documents = rendered(self.db, app.now, output, tags)
            self.documents.replace(documents, app.now())
            if directory is not None:
                write_files(directory, documents)
        except (AggregatorError, OSError) as e:
            event(log, logging.WARNING, "output.error", error=str(e))
            return
        event(log, logging.INFO, "output.rendered", documents=len(documents))

    # --- running ----------------------------------------------------------------------

    def run(self) -> None:
        """Until SIGTERM or SIGINT; then finish or give back what is in flight."""
        self.publish()  # at start: the files reflect the database from the first moment
        if self.server is not None:
            self.server.start()
            event(log, logging.INFO, "serve.start", host=self.server.host, port=self.server.port)
        self._every(self.tick_seconds, self.tick, "tick")
        # At start and then daily: a restart loses at most a day's wait.
        self._every(PRUNE_SECONDS, self.prune, "prune")  # the id reload's modify_job names
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGTERM, signal.SIGINT)}
        previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, self._hangup)
        app = self.app
        event(
            log,
            logging.INFO,
            "daemon.start",
            owner=app.owner,
            feeds=len(app.settings.feeds),
            database=app.engine.url.render_as_string(hide_password=True),
        )
        try:
            self.scheduler.start()
            self._wait_for_signal()
        finally:
            self.stopping.set()
            if self.scheduler.running:
                self.scheduler.shutdown()  # the tick in progress sees `stopping` and returns
            with self.lock:
                abandoned = close(self.poller, self.extractor, self.grace)
            if self.server is not None:
                self.server.stop()
            # Restored last: a second Ctrl-C during the grace period changes nothing.
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            event(log, logging.INFO, "daemon.stopped", abandoned=abandoned)

    def _wait_for_signal(self) -> None:
        # Polled, not woken: a handler runs between two bytecodes of the main thread,
        # which may hold a lock at that moment (the thread pool's, while it submits a
        # job), so doing the stopping inside the handler could wait on it forever.
        while not self.signalled:
            time.sleep(SIGNAL_POLL_SECONDS)
        name = signal.Signals(self.signalled[0]).name
        event(log, logging.INFO, "daemon.stopping", signal=name)

    def _every(self, seconds: float, job: Callable[[], None], name: str) -> None:
        """Run ``job`` now, then every ``seconds``; never two at once, and runs missed
        while busy make one."""
        self.scheduler.add_job(
            job,
            "interval",
            seconds=seconds,
            id=name,
            max_instances=1,
            coalesce=True,
            next_run_time=self.app.now(),
        )

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        self.signalled.append(signum)  # no lock, no logging: see _wait_for_signal

    def _hangup(self, _signum: int, _frame: FrameType | None) -> None:
        self.watch.requested = True  # the next tick reads feeds.yaml again
