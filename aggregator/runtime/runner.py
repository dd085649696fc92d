"""The machine both kinds of work run on: feeds (poller.Poller) and article pages
(extractor.Extractor). Work is claimed from the store under a lease, runs in a pool of
threads within per-host slots (each request on its host's HTTP client, so that an
outlet's keep-alive connections serve its next requests), and comes back to be stored in
the driving thread, the database's single writer. What the database would not take
(a full disk) is kept and stored next time; on shutdown what has not finished is
abandoned and its leases given back.

What differs between the two (what to claim, how to run one item, how to store
results) is the caller's; this holds the rest once.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Generic, TypeVar

import httpx

from ..errors import StoreUnavailable
from ..store.boundary import Database
from .workers import ClaimPacing, HostClients, HostSlots, Stored, store_all

D = TypeVar("D")  # an item due (claimed, leased)
R = TypeVar("R")  # its result
S = TypeVar("S")  # what storing a result returns


class Runner(Generic[D, R]):
    """Leased work in flight: started from claims, taken back when finished."""

    def __init__(
        self,
        *,
        db: Database,
        name: str,
        concurrency: int,
        slots: HostSlots,
        new_client: Callable[[], httpx.Client],
        run: Callable[[httpx.Client, D], R],
        host_of: Callable[[D], str],
    ) -> None:
        """``run``: one item, in a worker thread, with that thread's own client; it
        never raises for the item's own failure (the failure is its result)."""
        self.db = db
        self.concurrency = concurrency
        self.slots = slots
        self.pacing = ClaimPacing()
        self._clients = HostClients(new_client)
        self._run = run
        self._host_of = host_of
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix=name)
        self._in_flight: dict[Future[R], D] = {}
        # Finished work the database would not take (a full disk): stored next time.
        self._unstored: list[tuple[D, R]] = []

    @property
    def busy(self) -> int:
        return len(self._in_flight)

    @property
    def idle(self) -> bool:
        """Nothing in flight and nothing waiting to be stored: any lease its owner
        still holds is stale (see stale_owners)."""
        return not self._in_flight and not self._unstored

    @property
    def room(self) -> int:
        return self.concurrency - len(self._in_flight)

    @property
    def futures(self) -> list[Future[R]]:
        return list(self._in_flight)

    def start(self, claimed: list[D]) -> None:
        """Run what was just claimed, each item in a slot of its host."""
        for due in claimed:
            host = self._host_of(due)
            self.slots.take(host)
            client = self._clients.take(host)
            self._in_flight[self._pool.submit(self._run, client, due)] = due

    def finished(self, timeout: float = 0.0) -> list[tuple[D, R]]:
        """The items that have finished (waiting up to ``timeout`` for one), their
        slots given back."""
        if not self._in_flight:
            return []
        done, _ = wait(list(self._in_flight), timeout=timeout, return_when=FIRST_COMPLETED)
        results = []
        for future in done:
            due = self._in_flight.pop(future)
            host = self._host_of(due)
            self.slots.give(host)
            self._clients.give(host)
            results.append((due, future.result()))
        return results

    def store(
        self,
        results: list[tuple[D, R]],
        save: Callable[[list[tuple[D, R]]], list[S]],
        save_alone: Callable[[tuple[D, R]], S],
    ) -> Stored[tuple[D, R], S]:
        """Store ``results`` with those an earlier call could not store, in one
        transaction (see workers.store_all); what the database takes no writes for
        now is kept for the next call (``unavailable`` says why)."""
        pending, self._unstored = self._unstored + results, []
        stored = store_all(self.db, pending, save, save_alone)
        self._unstored = stored.left
        return stored

    def close(
        self,
        grace: float,
        collect: Callable[[float], object],
        release: Callable[[], int],
        report: Callable[[StoreUnavailable, int], None],
    ) -> int:
        """Stop: ``collect`` (store what finishes, waiting up to the time given) until
        nothing is in flight or ``grace`` seconds pass; abandon the rest and give
        every lease back (``release``), so that the work is due again at once, here
        after a restart or for another process. Returns how many were abandoned.

        Should the database take no writes (``report`` is told, with how many results
        are lost), the leases expire instead: the work is done again, nothing stored
        is lost.
        """
        deadline = time.monotonic() + grace
        try:
            collect(0.0)  # what has finished already is kept, whatever the grace
            while self._in_flight and time.monotonic() < deadline:
                collect(max(deadline - time.monotonic(), 0.0))
        except StoreUnavailable as e:
            report(e, len(self._unstored))
        in_use = bool(self._in_flight)  # an abandoned run may still use its client
        abandoned = len(self._in_flight) + len(self._unstored)
        self._pool.shutdown(wait=False, cancel_futures=True)
        for due in self._in_flight.values():
            self.slots.give(self._host_of(due))
        self._in_flight.clear()
        self._unstored.clear()
        self._clients.close(after=self._pool.shutdown if in_use else None)
        with contextlib.suppress(StoreUnavailable), self.db.transaction():
            release()
        return abandoned


def stale_owners(
    owners: Iterable[str], is_dead: Callable[[str], bool], own: str, idle: bool
) -> list[str]:
    """Lease holders whose leases end now: killed processes on this machine, and this
    process itself while its runner is idle (an earlier run could not give its leases
    back: the database took no writes when it stopped, and a poll run again at once
    would otherwise wait for them to run out)."""
    return [o for o in owners if is_dead(o) or (o == own and idle)]
