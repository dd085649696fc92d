"""One feed's way through the stages, and the Poller that runs many of them.

fetch → parse runs in worker threads (network-bound; parsing may go on to worker
processes, see app.py). Every database write happens in the thread that drives the
Poller, so SQLite sees a single writer; finished polls are stored a batch per
transaction, and a feed's new entries are committed together or not at all.
The same Poller serves ``aggregator poll`` (until nothing is due) and the daemon
(one dispatch and collect per scheduler tick).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from ..domain import schedule
from ..domain.decide import RETRY_AFTER_STATUSES, ScheduleBounds
from ..errors import FetchError, StoreError, StoreUnavailable
from ..sources.fetch import fetch_feed
from ..sources.parse import parse_or_failure
from ..store import Store
from ..store.boundary import Database
from ..types import (
    Assigned,
    DueFeed,
    Failure,
    FeedResult,
    FeedSource,
    Fetched,
    FetchPolicy,
    NotModified,
    ParsedFeed,
    StoredCounts,
)
from .logs import event
from .recording import PagePlan, record
from .runner import Runner, stale_owners
from .workers import ClaimPacing, HostSlots

log = logging.getLogger(__name__)

OnResult = Callable[[FeedResult, StoredCounts], None]


# parse_or_failure, or the same in a worker process (see app.py).
Parse = Callable[[Fetched, str], ParsedFeed | Failure]


def poll_feed(
    client: httpx.Client, due: DueFeed, policy: FetchPolicy, parse: Parse = parse_or_failure
) -> FeedResult:
    """Fetch and parse one feed. Never raises for a feed's own failure: it is data."""
    started = time.monotonic()
    source = due.source
    try:
        fetched = fetch_feed(client, due.fetch_url, due.cache, policy)
        if isinstance(fetched, NotModified):
            return FeedResult(
                source=source,
                cache=fetched.cache,
                http_status=304,
                headers=fetched.headers,
                permanent_url=fetched.permanent_url,
                duration=time.monotonic() - started,
            )
        # Relative links and GUIDs resolve against the configured URL: an entry's
        # identity must not change when the feed moves (see parse_feed).
        parsed = parse(fetched, source.url)
    except FetchError as e:
        return FeedResult(
            source=source,
            error=e.failure(),
            http_status=e.status,
            duration=time.monotonic() - started,
        )
    except Exception as e:
        log.exception("unexpected error polling %s", source.url)
        error = Failure("internal", f"internal error: {type(e).__name__}: {e}")
        return FeedResult(source=source, error=error, duration=time.monotonic() - started)
    if isinstance(parsed, Failure):
        return FeedResult(source=source, error=parsed, duration=time.monotonic() - started)
    return FeedResult(
        source=source,
        cache=fetched.cache,
        parsed=parsed,
        http_status=200,
        headers=fetched.headers,
        permanent_url=fetched.permanent_url,
        duration=time.monotonic() - started,
    )


@dataclass
class PollReport:
    """What a poll did, feed by feed."""

    results: list[tuple[FeedResult, StoredCounts]] = field(default_factory=list)
    grouped: Assigned | None = None  # what deduplication did at the end

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r, _ in self.results if r.error is not None]

    @property
    def not_modified(self) -> int:
        return sum(1 for r, _ in self.results if r.not_modified)

    @property
    def new_entries(self) -> int:
        return sum(c.new for _, c in self.results)

    @property
    def updated_entries(self) -> int:
        return sum(c.updated for _, c in self.results)


class Poller:
    """Claims due feeds, polls them in a thread pool, stores what comes back.

    Politeness: at most ``per_host`` requests in flight per host (a feed whose host
    is busy stays due and is taken at a later dispatch), at most ``concurrency``
    overall.
    """

    def __init__(
        self,
        *,
        db: Database,
        store: Store,
        new_client: Callable[[], httpx.Client],
        sources: tuple[FeedSource, ...],
        fetch_policy: FetchPolicy,
        bounds: ScheduleBounds,
        owner: str,
        concurrency: int,
        per_host: int,
        lease: timedelta,
        on_result: OnResult = lambda result, counts: None,
        rng: Callable[[], float] = random.random,
        is_dead: Callable[[str], bool] = lambda owner: False,
        parse: Parse = parse_or_failure,
        slots: HostSlots | None = None,
        plan_page: PagePlan | None = None,
    ) -> None:
        self.db = db
        self.store = store
        self.sources = {source.url: source for source in sources}
        self.fetch_policy = fetch_policy
        self.bounds = bounds
        self.owner = owner
        self.lease = lease
        self.on_result = on_result
        self.rng = rng
        self._parse = parse
        self._is_dead = is_dead
        self._plan_page = plan_page
        # Slots shared with the Extractor, so that pages and feeds count against one cap.
        self.runner: Runner[DueFeed, FeedResult] = Runner(
            db=db,
            name="poll",
            concurrency=concurrency,
            slots=slots or HostSlots(per_host),
            new_client=new_client,
            run=self._poll,
            host_of=lambda due: due.host,
        )
        # Claiming costs a write transaction; skip it while it cannot find anything:
        # until QUIET_SECONDS pass (new feeds fall due) or a place frees up on a host
        # whose cap held feeds back.
        self._held_hosts: set[str] = set()
        self._host_freed = False
        # Hosts that answered 429/503 in a poll not stored yet: their Retry-After
        # reaches the database only when it is, and `pump` claims before it stores.
        self._asked_to_wait: set[str] = set()

    @property
    def busy(self) -> int:
        return self.runner.busy

    @property
    def futures(self) -> list[Future[FeedResult]]:
        return self.runner.futures

    @property
    def slots(self) -> HostSlots:
        return self.runner.slots

    @property
    def pacing(self) -> ClaimPacing:
        return self.runner.pacing

    def dispatch(
        self,
        *,
        force: bool = False,
        polled_before: datetime | None = None,
        busy_elsewhere: int = 0,
    ) -> int:
        """Claim as many due feeds as there is room for and start polling them.

        ``busy_elsewhere``: work in flight beside this (article pages); while there is
        any, an idle Poller need not claim to find out that nothing is due.
        """
        room = self.runner.room
        if room <= 0 or not self.sources:
            return 0
        waiting = self.runner.busy or busy_elsewhere
        if waiting and not self._host_freed and self.pacing.quiet():
            # Nothing new can be due yet. With nothing in flight this never skips: an
            # empty claim is what tells `pump` that a poll is complete.
            return 0
        places = self.slots.room(page=False)
        with self.db.transaction():
            if self.pacing.lease_check_due():
                # Feeds a killed process on this machine held are due again now.
                owners = self.store.lease_owners()
                idle = self.runner.idle
                self.store.expire_leases(stale_owners(owners, self._is_dead, self.owner, idle))
            claimed, held = self.store.claim(
                self.owner,
                self.sources,
                limit=room,
                lease=self.lease,
                room=places,
                busy_hosts=[*self.slots.busy_hosts(), *self._asked_to_wait],
                force=force,
                polled_before=polled_before,
            )
        self._held_hosts, self._host_freed = held, False
        self.pacing.claimed(len(claimed), room)
        self.runner.start(claimed)
        for due in claimed:
            event(log, logging.DEBUG, "poll.start", feed=due.source.url)
        return len(claimed)

    def use_sources(self, sources: tuple[FeedSource, ...]) -> None:
        """Poll these feeds from now on (feeds.yaml changed); a feed just added is due
        at once, so the next claim is not skipped as quiet."""
        self.sources = {source.url: source for source in sources}
        self.pacing.wake()

    def _poll(self, client: httpx.Client, due: DueFeed) -> FeedResult:
        """In a worker thread: poll one feed."""
        return poll_feed(client, due, self.fetch_policy, self._parse)

    def collect(self, timeout: float = 0.0) -> list[tuple[FeedResult, StoredCounts]]:
        """Store every finished poll, waiting up to ``timeout`` for the first one."""
        return self.store_finished(self.take_finished(timeout))

    def take_finished(self, timeout: float) -> list[tuple[DueFeed, FeedResult]]:
        """Take the polls that have finished (waiting up to ``timeout`` for one)."""
        results = self.runner.finished(timeout)
        for due, result in results:
            if due.host in self._held_hosts:
                self._host_freed = True
            if result.http_status in RETRY_AFTER_STATUSES:
                redirected = result.error.host if result.error is not None else None
                self._asked_to_wait.update(h for h in (due.host, redirected) if h)
        return results

    def store_finished(
        self, results: list[tuple[DueFeed, FeedResult]]
    ) -> list[tuple[FeedResult, StoredCounts]]:
        """Store finished polls, with those an earlier call could not store, in one
        transaction (see workers.store_all). Either way a feed is all in or all out.

        Raises:
            StoreUnavailable: the database takes no writes now; the polls not stored
                are kept, and the next call stores them.
        """
        try:
            stored = self.runner.store(results, self._record, self._record_alone)
        finally:
            # Stored (or failed for good): the database holds the hosts back now.
            self._asked_to_wait.clear()
        done = []
        for _, (counts, next_poll, kept) in stored.done:
            _log_result(kept, counts, next_poll)
            self.on_result(kept, counts)
            done.append((kept, counts))
        if stored.unavailable is not None:
            raise stored.unavailable
        return done

    def _record(
        self, results: list[tuple[DueFeed, FeedResult]]
    ) -> list[tuple[StoredCounts, schedule.NextPoll, FeedResult]]:
        recorded = record(self.store, self.owner, results, self.bounds, self.rng, self._plan_page)
        return [
            (counts, next_poll, result)
            for (_, result), (counts, next_poll) in zip(results, recorded, strict=True)
        ]

    def _record_alone(
        self, finished: tuple[DueFeed, FeedResult]
    ) -> tuple[StoredCounts, schedule.NextPoll, FeedResult]:
        due, result = finished
        try:
            with self.db.transaction():
                [recorded] = self._record([finished])
        except StoreUnavailable:
            raise
        except StoreError as e:
            # The result could not be stored (e.g. a value the database refuses):
            # record that as the feed's error instead.
            failed = FeedResult(
                source=result.source,
                error=Failure("store", f"could not store: {e}"),
                duration=result.duration,
            )
            with self.db.transaction():
                [recorded] = self._record([(due, failed)])
        return recorded

    def close(self, grace: float = 0.0) -> int:
        """Stop: store what finishes within ``grace`` seconds, abandon the rest.

        Abandoned feeds give their leases back so they are due again at once (for
        this process after a restart, or for another daemon). Returns how many were
        abandoned.
        """

        def report(error: StoreUnavailable, unstored: int) -> None:
            event(log, logging.WARNING, "poll.unstored", polls=unstored, error=str(error))

        return self.runner.close(
            grace, self.collect, lambda: self.store.release(self.owner), report
        )


def _log_result(result: FeedResult, counts: StoredCounts, next_poll: schedule.NextPoll) -> None:
    if not log.isEnabledFor(logging.INFO if result.error is None else logging.WARNING):
        return  # the common case of `poll`: build no log line nobody will see
    url = result.source.url
    common = {
        "next": next_poll.at.isoformat(timespec="seconds"),
        "why": next_poll.reason,
        "ms": int(result.duration * 1000),
    }
    if result.error is not None:
        event(
            log,
            logging.WARNING,
            "poll.error",
            feed=url,
            kind=result.error.kind,
            status=result.http_status,
            error=str(result.error),
            **common,
        )
    elif result.not_modified:
        event(log, logging.INFO, "poll.not_modified", feed=url, **common)
    else:
        warning = result.parsed.warning if result.parsed is not None else None
        if warning:
            event(log, logging.WARNING, "poll.recovered", feed=url, warning=warning)
        event(
            log, logging.INFO, "poll.ok", feed=url, new=counts.new, updated=counts.updated, **common
        )
