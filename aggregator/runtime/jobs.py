"""What a running daemon does besides polling, each part on its own and testable
alone: grouping new entries (Grouping), following feeds.yaml (ConfigWatch), pruning
(PruneJob), and the two problems /healthz reports while the daemon still ticks
(Trouble: the database takes no writes; Reachability: every feed fails).

The daemon (daemon.py) owns the session, the lock and the scheduler, and calls these.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings, load_settings
from ..errors import ConfigError, StoreError
from ..types import Assigned, FeedResult
from .logs import event

if TYPE_CHECKING:
    from ..app import App
    from ..store.boundary import Database
    from .deduplicator import Deduplicator
    from .pruner import Pruned

log = logging.getLogger(__name__)

DEDUP_SECONDS = 5.0
# WARNING: between them, every field of Settings but config_path and feeds (a test
# checks). Sections of feeds.yaml that a running daemon reads at start only...
RESTART_SECTIONS = ("database_url", "fetch", "schedule", "extract", "dedup", "serve")
# ...and those it takes as they change (besides the feeds).
LIVE_SECTIONS = ("output", "retention")


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
        db: Database,
        guard: AbstractContextManager[object],
        stopping: threading.Event,
        pruned: Callable[[Pruned], None] = lambda done: None,
    ) -> None:
        self.app = app
        self.db = db
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
        goes_by = retention_of(self.app.settings)
        pruner = self.app.pruner(self.db)
        if pruner is None:
            return False

        def stop() -> bool:
            return self.stopping.is_set() or retention_of(self.app.settings) != goes_by

        try:
            self.pruned(pruner.run(stop=stop, guard=self.guard))
        except StoreError as e:
            # Nothing is lost: what was not deleted is deleted tomorrow.
            event(log, logging.WARNING, "retention.error", error=str(e))
            return False
        return True


def retention_of(settings: Settings) -> tuple[object, dict[str, int]]:
    """What a prune goes by: ``retention:``, and the feeds with a keep of their own."""
    own = {s.url: s.keep_seconds for s in settings.feeds if s.keep_seconds is not None}
    return settings.retention, own
