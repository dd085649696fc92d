"""Retention: entries older than ``retention.keep`` (or their feed's own ``keep``)
go, but for each feed's ``retention.keep_at_least`` newest; their stories shrink or
go, and tombstones keep them from being stored again (README, "Retention").

Runs under the deduplicator's lock, one batch per transaction, so that polling and
grouping wait a moment at most. A running deduplicator (this process's or another's)
learns of the deletions through the tombstones' seq.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..store.boundary import Database
from ..store.retention import Doomed, RetentionStore, Scope
from .deduplicator import Deduplicator
from .logs import event

log = logging.getLogger(__name__)

# Entries deleted per transaction.
BATCH = 2000


@dataclass(frozen=True)
class Rule:
    """Entries of ``scope``'s feeds go ``keep`` after they were first stored."""

    keep: timedelta
    scope: Scope


def rules(keep: timedelta | None, per_feed: Mapping[str, timedelta]) -> list[Rule]:
    """``keep`` for every feed without its own, first; then one rule per other keep
    (feed URL → keep), its feeds together."""
    found = []
    if keep is not None:
        found.append(Rule(keep, Scope(but=frozenset(per_feed))))
    for own in sorted(set(per_feed.values())):
        feeds = frozenset(url for url, value in per_feed.items() if value == own)
        found.append(Rule(own, Scope(only=feeds)))
    return found


@dataclass(frozen=True)
class Batch:
    """Where one batch of a rule looks: entries of ``scope`` stored before
    ``cutoff``, after the last one seen, but for those ``spared``."""

    cutoff: datetime
    scope: Scope
    spared: set[int]
    after: Doomed | None


@dataclass(frozen=True)
class Pruned:
    """What one prune did (or, dry, would do)."""

    cutoff: datetime | None  # retention.keep's: entries stored before this went
    own_keeps: int = 0  # feeds pruned by a keep of their own
    entries: int = 0
    stories_shrunk: int = 0
    stories_removed: int = 0
    tombstones_expired: int = 0


class Pruner:
    def __init__(
        self,
        db: Database,
        retention: RetentionStore,
        dedup: Deduplicator,
        keep: timedelta | None,
        *,
        keep_at_least: int = 0,
        batch: int = BATCH,
    ) -> None:
        """``dedup``: whose representative policy a shrunk story is described by (it
        runs whether or not grouping is enabled: stories may be left from before).
        ``keep``: for the feeds without a keep of their own (those are read from the
        database, removed feeds' too); None: only those are pruned.
        ``keep_at_least``: each feed's newest entries that stay, whatever their age."""
        self.db = db
        self.dedup = dedup
        self.retention = retention
        self.keep = keep
        self.keep_at_least = keep_at_least
        self.batch = batch

    def _rules(self) -> tuple[list[Rule], int]:
        """The rules of this prune, and how many feeds have a keep of their own."""
        with self.db.transaction():
            own = self.retention.own_keeps()
        return rules(self.keep, own), len(own)

    def _cutoff(self, now: datetime) -> datetime | None:
        return None if self.keep is None else now - self.keep

    def count(self) -> Pruned:
        """What a prune would delete now, without deleting it."""
        now = self.dedup.stories.now()
        found, own = self._rules()
        with self.db.transaction():
            entries = sum(
                self.retention.count_older_than(
                    now - rule.keep, spare=self.keep_at_least, scope=rule.scope
                )
                for rule in found
            )
        return Pruned(cutoff=self._cutoff(now), own_keeps=own, entries=entries)

    def run(
        self,
        stop: Callable[[], bool] = lambda: False,
        guard: AbstractContextManager[object] | None = None,
    ) -> Pruned:
        """Delete in batches until nothing is old enough (or ``stop`` says so).

        ``guard``: held around each batch (the daemon's session lock), and let go
        between them so that polling goes on during a long first prune.
        """
        guard = guard or nullcontext()
        now = self.dedup.stories.now()
        with guard:
            found, own = self._rules()
        entries = 0
        shrunk: set[int] = set()
        removed: set[int] = set()
        for rule in found:
            with guard:
                if stop():
                    break
                with self.db.transaction():
                    spared = self.retention.spared(self.keep_at_least, rule.scope)
            after: Doomed | None = None
            while True:
                with guard:
                    # Checked under the guard: a stopping daemon sets `stop` before it
                    # lets go of the guard for the last time and closes the session.
                    if stop():
                        break
                    batch = self._batch(Batch(now - rule.keep, rule.scope, spared, after))
                if batch is None:
                    break
                doomed, touched, gone, after = batch
                entries += len(doomed)
                removed |= gone
                shrunk |= touched - gone
        with guard:
            expired = 0 if stop() or not found else self._expire(found)
        done = Pruned(self._cutoff(now), own, entries, len(shrunk - removed), len(removed), expired)
        if entries or expired:
            event(
                log,
                logging.INFO,
                "retention.pruned",
                entries=entries,
                stories_shrunk=done.stories_shrunk,
                stories_removed=done.stories_removed,
                tombstones_expired=expired,
            )
        return done

    def _batch(self, batch: Batch) -> tuple[list[Doomed], set[int], set[int], Doomed] | None:
        """One transaction: the oldest entries go (those spared stay); returns them,
        the stories touched and removed, and where the next batch starts. None when
        nothing old is left."""
        stories = self.dedup.stories
        with self.db.transaction():
            stories.lock()
            old = self.retention.older_than(
                batch.cutoff, self.batch, scope=batch.scope, after=batch.after
            )
            if not old:
                return None
            doomed = [d for d in old if d.entry_id not in batch.spared]
            touched = {d.story_id for d in doomed if d.story_id is not None}
            emptied: set[int] = set()
            if doomed:
                self.retention.bury(doomed, stories.now(), stories.last_seq() + 1)
                emptied = self.dedup.describe(touched, news=False)
            return doomed, touched, emptied, old[-1]

    def _expire(self, found: Sequence[Rule]) -> int:
        # By the longest keep: a tombstone kept longer than its feed's keep costs a
        # row; one forgotten too early lets its entry back in.
        keep = max(rule.keep for rule in found)
        with self.db.transaction():
            return self.retention.expire(self.dedup.stories.now(), keep)
