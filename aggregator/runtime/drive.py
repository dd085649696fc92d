"""Drives the Poller and the Extractor together from one thread: the thread that
owns the Session, so every database write happens here (SQLite sees one writer).

Both keep their own workers; this loop refills their free places as work finishes,
stores what finished, and sleeps until the next piece of work from either is done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, wait
from datetime import datetime
from typing import Any

from ..types import DueFeed, FeedResult, StoredCounts
from .deduplicator import Deduplicator
from .extractor import Extractor
from .heap import collection_paused
from .poller import Poller, PollReport

# Once a poll finished, how long a round waits for others to finish with it (while
# fewer than one in GATHER_SHARE of the work in flight has).
GATHER_SECONDS = 0.01
GATHER_SHARE = 4
# A one-off poll's work in stretches of this long, each with the garbage collector
# paused (see pump): its garbage, about 45 objects a feed polled (heap.py), is freed
# at the end of each.
STRETCH_SECONDS = 5.0


def pump(
    poller: Poller,
    extractor: Extractor | None,
    budget: float,
    *,
    force: bool = False,
    polled_before: datetime | None = None,
    stopping: Callable[[], bool] = lambda: False,
) -> list[tuple[FeedResult, StoredCounts]]:
    """For up to ``budget`` seconds: store what finishes, and refill the free places
    (overall and per host) with due feeds and pages as soon as they open.

    Args:
        budget: seconds to spend at most.
        force: poll feeds whether due or not (``aggregator poll --force``).
        polled_before: leave out feeds polled since then (one pass of a poll).
        stopping: when it returns True, take no new work (a daemon shutting down).

    Returns:
        The polls stored, with what each changed. Returns early when nothing is in
        flight and nothing more is due.
    """
    # Fetching and storing keeps most of what it allocates until the poll is stored,
    # and its garbage is freed at the first collection after the pause (heap.py).
    with collection_paused():
        deadline = time.monotonic() + budget
        stored: list[tuple[FeedResult, StoredCounts]] = []
        finished: list[tuple[DueFeed, FeedResult]] = []
        while True:
            # Refill the free places first, so the workers fetch while this thread
            # stores what they finished. Feeds first: they have the first claim on a host.
            # Each side claims only when it may find something, or when all is idle (an
            # empty claim then is what says that all is done).
            pages_busy = extractor.busy if extractor is not None else 0
            started = 0
            if not stopping():
                started = poller.dispatch(
                    force=force, polled_before=polled_before, busy_elsewhere=pages_busy
                )
            # Finished polls are stored before anything else can fail, so none is lost.
            polls = poller.store_finished(finished)
            stored += polls
            woken = False
            if extractor is not None:
                woken, claimed = _pages(extractor, poller, polls, stopping())
                started += claimed
            busy = poller.busy + (extractor.busy if extractor is not None else 0)
            # Done when nothing is in flight and a claim found nothing. With pages in
            # flight the poller may have skipped its claim as quiet (Poller.dispatch), and
            # a host too busy for its last claim to look at may have freed places unseen:
            # if those pages have finished since, claim once more before ending.
            if not busy and not started and not woken and not pages_busy:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            futures: list[Future[Any]] = poller.futures
            if extractor is not None:
                futures += extractor.futures
            _gather(futures, remaining)
            finished = poller.take_finished(timeout=0)
    return stored


def _pages(
    extractor: Extractor,
    poller: Poller,
    polls: list[tuple[FeedResult, StoredCounts]],
    stopping: bool,
) -> tuple[bool, int]:
    """The pages' part of a round: whether new entries woke the extractor, and how
    many pages it took on."""
    woken = False
    if any(counts.new for _, counts in polls):
        # Their pages are due now: claim them before deciding all is done.
        extractor.wake()
        woken = True
    # Pages are stored as they finish (no batch waits on a slow one), before claiming,
    # so that their places are free again.
    extractor.harvest()
    claimed = 0 if stopping else extractor.dispatch(busy_elsewhere=poller.busy)
    return woken, claimed


def _gather(futures: list[Future[Any]], remaining: float) -> None:
    """Wait until some work in flight finishes (at most 0.2 s), then a moment more
    while most of it is still running, so that a round stores and claims several
    polls at once: a round's statements cost the same for one poll or ten."""
    if not futures:
        return
    done, _ = wait(futures, timeout=min(remaining, 0.2), return_when=FIRST_COMPLETED)
    if done and len(done) * GATHER_SHARE < len(futures):
        wait(futures, timeout=min(remaining, GATHER_SECONDS), return_when=ALL_COMPLETED)


def close(poller: Poller, extractor: Extractor | None, grace: float = 0.0) -> int:
    """Stop both within ``grace`` seconds; returns how many feeds and pages were
    abandoned (their leases given back)."""
    deadline = time.monotonic() + grace
    abandoned = poller.close(grace)
    if extractor is not None:
        abandoned += extractor.close(max(deadline - time.monotonic(), 0.0))
    return abandoned


def run_once(
    poller: Poller,
    extractor: Extractor | None = None,
    *,
    force: bool = False,
    deduplicator: Deduplicator | None = None,
) -> PollReport:
    """Poll every due feed once (every feed with ``force``), fetch every due article
    page, including those of the entries just stored, and group every entry whose
    text is final into stories; then return."""
    started = poller.store.now()
    report = PollReport()
    try:
        while True:
            report.results += pump(
                poller, extractor, STRETCH_SECONDS, force=force, polled_before=started
            )
            if not poller.busy and not (extractor is not None and extractor.busy):
                break
        # Once, at the end: the whole poll is one batch, ordered by content, so the
        # stories do not depend on which feed answered first.
        if deduplicator is not None:
            report.grouped = deduplicator.run()
    finally:
        close(poller, extractor)
    return report


def drain(extractor: Extractor) -> None:
    """Fetch every due article page, then return (``aggregator extract``)."""
    try:
        while True:
            extractor.harvest()  # first, so that finished pages free their places
            started = extractor.dispatch()
            if not extractor.busy and not started:
                break
            wait(extractor.futures, timeout=0.2, return_when=FIRST_COMPLETED)
    finally:
        extractor.close()
