"""Worker processes for the CPU-bound stages: parsing feeds, extracting articles and
working out grouping's view of entries (their terms and shingle sketch). Threads
share one core; these use the others.

The processes are started on first use (spawned, not forked: the process that starts
them has threads) and stopped by close(); they exit by themselves if the process
that started them dies. A process that dies (killed, out of memory) is replaced for
the next job; a failure comes back as data, as it does when the work runs in the
calling process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from ..types import Article, Failure, Fetched, Page, ParsedFeed

if TYPE_CHECKING:
    from ..domain.dedup import Item
    from ..domain.textsim import View
    from ..store.entry_texts import EntryText
    from .deduplicator import Items, LaterViews
    from .extractor import Extract
    from .poller import Parse

PARSE_TIMEOUT = 120  # seconds for one feed or page; feedparser on 10 MB takes a few
# Fewer entries than this are worked out here: sending them costs more than it saves.
ITEMS_MIN = 1000
P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
A = TypeVar("A")


class WorkerProcesses:
    """A pool of ``cores`` processes, shared by parsing, extraction and grouping."""

    def __init__(self, cores: int) -> None:
        self.cores = cores
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def pool(self) -> ProcessPoolExecutor | None:
        """The pool now, if one is running."""
        return self._pool

    def parse(self) -> Parse:
        """parse_or_failure, in a worker process."""
        from ..sources.parse import parse_or_failure

        def in_process(fetched: Fetched, base: str) -> ParsedFeed | Failure:
            try:
                return self._offload(parse_or_failure, fetched, base)
            except BrokenProcessPool:
                # Most likely killed from outside: parse this one here (feedparser
                # is bounded by the size cap).
                return parse_or_failure(fetched, base)
            except FuturesTimeout:
                return Failure("parse", f"parsing took longer than {PARSE_TIMEOUT} s")

        return in_process

    def extract(self) -> Extract:
        """extract_or_failure, in a worker process."""
        from ..sources.extract import extract_or_failure

        def in_process(page: Page, feed_text: str) -> Article | Failure:
            try:
                return self._offload(extract_or_failure, page, feed_text)
            except BrokenProcessPool:
                # Not retried in this process: the page itself may be what killed it.
                return Failure("internal", "the extraction process died on this page")
            except FuturesTimeout:
                return Failure("timeout", f"extraction took longer than {PARSE_TIMEOUT} s")

        return in_process

    def items(self) -> Items:
        """deduplicator.items_of, shared between the calling process and the workers
        for a large batch (a first poll's, an index rebuilt at start): the caller
        waits for them anyway, and each entry's terms and sketch are its own."""
        from .deduplicator import items_of

        def shared(entries: Sequence[EntryText]) -> list[Item]:
            if len(entries) < ITEMS_MIN:
                return items_of(entries)
            # A share for this process too: it waits for the others anyway.
            mine, *parts = _parts(entries, self.cores + 1)
            futures = self._submit(items_of, parts)
            if futures is None:
                return items_of(entries)
            found = items_of(mine)  # while the workers work out theirs
            done = self._results(futures, parts, items_of)
            return found + [item for part in done for item in part]

        return shared

    def later(self) -> LaterViews:
        """textsim.views_of in the workers alone, started now and collected by
        the thunk returned (the caller decides a batch meanwhile: see
        Deduplicator.run)."""
        from ..domain.textsim import views_of

        def started(texts: Sequence[tuple[str, str]]) -> Callable[[], list[View]]:
            parts = _parts(texts, self.cores)
            futures = self._submit(views_of, parts)
            if futures is None:
                return lambda: views_of(texts)
            return lambda: [
                view for part in self._results(futures, parts, views_of) for view in part
            ]

        return started

    def _submit(
        self, work: Callable[[Sequence[A]], list[T]], parts: list[Sequence[A]]
    ) -> list[Future[list[T]]] | None:
        """``work`` on each part in the workers; None when the pool just broke (the
        caller works them out itself)."""
        pool = self._running()
        try:
            return [pool.submit(work, part) for part in parts]
        except BrokenProcessPool:
            self._broken(pool)
            return None

    def _results(
        self,
        futures: list[Future[list[T]]],
        parts: list[Sequence[A]],
        work: Callable[[Sequence[A]], list[T]],
    ) -> list[list[T]]:
        """What the workers worked out; a part whose process died or stalled is worked
        out here instead (``work`` is pure: the same result either way)."""
        results = []
        for future, part in zip(futures, parts, strict=True):
            try:
                results.append(future.result(PARSE_TIMEOUT))
            except (BrokenProcessPool, FuturesTimeout):
                future.cancel()
                results.append(work(part))
        return results

    def _offload(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run in a worker process.

        Raises:
            FuturesTimeout: after PARSE_TIMEOUT.
            BrokenProcessPool: a worker process died (killed, out of memory); new
                ones are started for the next jobs.
        """
        pool = self._running()
        future = None
        try:
            # submit raises too, when the pool broke since the last job.
            future = pool.submit(function, *args, **kwargs)
            return future.result(PARSE_TIMEOUT)
        except FuturesTimeout:
            if future is not None:
                future.cancel()  # if it has not started yet
            raise
        except BrokenProcessPool:
            self._broken(pool)
            raise

    def _running(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, not fork: this process has threads (HTTP pools, poll workers).
                self._pool = ProcessPoolExecutor(
                    max_workers=self.cores,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_exit_with_parent,
                )
            return self._pool

    def _broken(self, pool: ProcessPoolExecutor) -> None:
        """Forget a pool whose process died: the next job starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _exit_with_parent() -> None:
    """In a worker process: exit as soon as the process that started it dies. Killed
    (SIGKILL, the out-of-memory killer), that process cannot stop its workers, which
    would wait for work for ever, holding their memory (tens of MB each)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel  # ready once the parent's end of the pipe is closed

    def watch() -> None:
        wait([sentinel])
        os._exit(1)  # from a thread, sys.exit would end only the thread

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _parts(items: Sequence[A], count: int) -> list[Sequence[A]]:
    """``items`` in ``count`` consecutive parts as even as can be (fewer when there
    are fewer items; at least one)."""
    share = max(-(-len(items) // count), 1)
    return [items[at : at + share] for at in range(0, len(items), share)] or [items]
