"""One feed's way through the stages, and a poll of many feeds.

fetch → parse happens in worker threads (network-bound); every database write
happens in the calling thread, one transaction per feed, so that a feed's new entries
are committed together or not at all and SQLite sees a single writer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

import httpx
from sqlalchemy.orm import Session

from .config import FetchSettings
from .errors import FeedError
from .fetch import fetch_feed
from .parse import parse_feed
from .store import DueFeed, Store
from .types import FeedResult, NotModified, StoredCounts

log = logging.getLogger(__name__)


def poll_feed(client: httpx.Client, due: DueFeed, settings: FetchSettings) -> FeedResult:
    """Fetch and parse one feed. Never raises for a feed's own failure: it is data."""
    url = due.source.url
    try:
        fetched = fetch_feed(client, url, due.cache, settings)
        if isinstance(fetched, NotModified):
            return FeedResult(source=due.source, cache=fetched.cache, http_status=304)
        parsed = parse_feed(fetched)
    except FeedError as e:
        status = getattr(e, "status", None)
        return FeedResult(source=due.source, error=e, http_status=status)
    return FeedResult(source=due.source, cache=fetched.cache, parsed=parsed, http_status=200)


@dataclass
class PollReport:
    """What a poll did, feed by feed."""

    results: list[tuple[FeedResult, StoredCounts]] = field(default_factory=list)

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


def poll(
    session: Session,
    store: Store,
    client: httpx.Client,
    settings: FetchSettings,
    *,
    force: bool = False,
    on_start: Callable[[int], None] = lambda total: None,
    on_result: Callable[[FeedResult, StoredCounts], None] = lambda result, counts: None,
) -> PollReport:
    """Poll every due feed (every active feed with ``force``) and store the results."""
    with session.begin():
        due: Sequence[DueFeed] = store.due_feeds(force=force)
    on_start(len(due))
    report = PollReport()
    if not due:
        return report
    with ThreadPoolExecutor(
        max_workers=min(settings.concurrency, len(due)), thread_name_prefix="poll"
    ) as pool:
        futures = [pool.submit(poll_feed, client, item, settings) for item in due]
        for future in as_completed(futures):
            result = future.result()
            with session.begin():
                counts = store.save_result(result)
            _log(result, counts)
            report.results.append((result, counts))
            on_result(result, counts)
    return report


def _log(result: FeedResult, counts: StoredCounts) -> None:
    url = result.source.url
    if result.error is not None:
        log.warning("poll failed feed=%s kind=%s error=%s", url, result.error.kind, result.error)
    elif result.not_modified:
        log.info("not modified feed=%s", url)
    else:
        if result.parsed is not None and result.parsed.warning:
            log.warning("poll recovered feed=%s warning=%s", url, result.parsed.warning)
        log.info("polled feed=%s new=%d updated=%d", url, counts.new, counts.updated)
