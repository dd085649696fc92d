"""Entries' article pages: fetch one (fetch_article), and the Extractor that runs many.

The Extractor runs on the same machine as the Poller (runner.py): pages are claimed
from the database with leases, fetched in worker threads with the same fetcher (politeness, address
policy, size cap, timeouts), extracted (extract.py, possibly in worker processes, see
app.py), and stored from the thread that drives both (drive.py). Its workers are its
own, so a slow page never holds up a feed; the per-host cap is shared.
"""

from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timedelta

import httpx

from ..domain import schedule
from ..domain.decide import page_hold
from ..errors import ExtractError, FetchError, StoreError, StoreUnavailable
from ..sources.extract import extract_or_failure, is_html
from ..sources.fetch import ACCEPT_HTML, fetch_feed
from ..store import ArticleStore, Store
from ..store.boundary import Database
from ..types import (
    Article,
    ArticleResult,
    CacheInfo,
    DueArticle,
    Failure,
    FetchPolicy,
    NotModified,
    Page,
)
from .logs import event
from .runner import Runner, stale_owners
from .workers import ClaimPacing, HostSlots

log = logging.getLogger(__name__)

# extract_or_failure, or the same in a worker process (see app.py).
Extract = Callable[[Page, str], Article | Failure]
OnArticle = Callable[[ArticleResult], None]


def fetch_article(
    client: httpx.Client,
    due: DueArticle,
    policy: FetchPolicy,
    extract: Extract = extract_or_failure,
    *,
    keep_html: bool = False,
) -> ArticleResult:
    """Fetch one entry's page (or take the kept copy) and extract its article.

    Never raises for the page's own failure: it is data.
    """
    started = time.monotonic()
    page: Page | None = None
    article: Article | Failure
    try:
        page = _page(client, due, policy)
        if not is_html(page.content_type, page.content):
            # Refused here, before a PDF or a video goes to a parser process.
            shown = (page.content_type or "unknown").split(";")[0].strip()
            raise ExtractError(f"not an HTML page ({shown})", "not-html")
        article = extract(page, due.feed_text)
    except FetchError as e:
        return ArticleResult(
            due, error=e.failure(), http_status=e.status, duration=time.monotonic() - started
        )
    except ExtractError as e:
        article = e.failure()
    except Exception as e:
        log.exception("unexpected error extracting %s", due.url)
        error = Failure("internal", f"internal error: {type(e).__name__}: {e}")
        return ArticleResult(due, error=error, duration=time.monotonic() - started)
    if isinstance(article, Failure):
        return ArticleResult(
            due,
            error=article,
            http_status=200,
            page_url=page.final_url if page else None,
            duration=time.monotonic() - started,
        )
    assert page is not None  # an article came from it
    html = due.html
    if html is None and keep_html:
        html = zlib.compress(page.content, 6)
    return ArticleResult(
        due,
        article=article,
        http_status=200,
        page_url=page.final_url,
        html=html,
        content_type=page.content_type,
        duration=time.monotonic() - started,
    )


def _page(client: httpx.Client, due: DueArticle, policy: FetchPolicy) -> Page:
    """The entry's page: the kept copy where there is one, else fetched now."""
    if due.html is not None:
        # Relative links on the page resolve against where it was fetched from.
        where = due.page_url or due.url
        return Page(due.url, where, zlib.decompress(due.html), due.content_type)
    fetched = fetch_feed(client, due.url, CacheInfo(), policy, accept=ACCEPT_HTML)
    if isinstance(fetched, NotModified):  # no validators were sent: a broken server
        raise FetchError(due.url, "HTTP 304 to an unconditional request", kind="http")
    return Page(due.url, fetched.final_url, fetched.content, fetched.headers.get("content-type"))


class Extractor:
    """Claims due article pages, fetches and extracts them in a thread pool, stores
    the results. At most ``concurrency`` pages in flight, and per host what
    HostSlots leaves to pages."""

    def __init__(
        self,
        *,
        db: Database,
        articles: ArticleStore,
        store: Store,
        new_client: Callable[[], httpx.Client],
        slots: HostSlots,
        fetch_policy: FetchPolicy,
        extract: Extract,
        keep_html: bool,
        owner: str,
        concurrency: int,
        lease: timedelta,
        max_backoff: int,
        on_result: OnArticle = lambda result: None,
        is_dead: Callable[[str], bool] = lambda owner: False,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.db = db
        self.articles = articles
        self.store = store
        self.fetch_policy = fetch_policy
        self._extract = extract
        self.keep_html = keep_html
        self.owner = owner
        self.lease = lease
        self.max_backoff = max_backoff
        self.on_result = on_result
        self._is_dead = is_dead
        self.rng = rng
        self.runner: Runner[DueArticle, ArticleResult] = Runner(
            db=db,
            name="page",
            concurrency=concurrency,
            slots=slots,
            new_client=new_client,
            run=self._fetch,
            host_of=lambda due: due.host,
        )

    @property
    def busy(self) -> int:
        return self.runner.busy

    @property
    def futures(self) -> list[Future[ArticleResult]]:
        return self.runner.futures

    @property
    def pacing(self) -> ClaimPacing:
        return self.runner.pacing

    def wake(self) -> None:
        """New entries were stored: their pages may be due."""
        self.pacing.wake()

    def dispatch(self, *, busy_elsewhere: int = 0) -> int:
        """Claim as many due pages as there is room for and start fetching them
        (``busy_elsewhere`` as in Poller.dispatch)."""
        room = self.runner.room
        if room <= 0:
            return 0
        # As in the Poller: no claim (a write transaction) while it cannot find
        # anything, until new entries may have queued pages (wake) or time passes.
        if (self.runner.busy or busy_elsewhere) and self.pacing.quiet():
            return 0
        slots = self.runner.slots
        places = slots.room(page=True)
        with self.db.transaction():
            if self.pacing.lease_check_due():
                owners = self.articles.lease_owners()
                idle = self.runner.idle
                self.articles.expire_leases(stale_owners(owners, self._is_dead, self.owner, idle))
            claimed = self.articles.claim(
                self.owner,
                limit=room,
                lease=self.lease,
                room=places,
                busy_hosts=slots.busy_hosts(page=True),
            )
        self.pacing.claimed(len(claimed), room)
        self.runner.start(claimed)
        for due in claimed:
            event(log, logging.DEBUG, "article.start", url=due.url)
        return len(claimed)

    def _fetch(self, client: httpx.Client, due: DueArticle) -> ArticleResult:
        """In a worker thread."""
        return fetch_article(
            client, due, self.fetch_policy, self._extract, keep_html=self.keep_html
        )

    def harvest(self, timeout: float = 0.0) -> list[ArticleResult]:
        """Store the pages that have finished (waiting up to ``timeout`` for one),
        with those an earlier call could not store (see workers.store_all).

        Raises:
            StoreUnavailable: the database takes no writes now; the pages not stored
                are kept, and the next call stores them.
        """
        saved = self.runner.store(self.runner.finished(timeout), self._save, self._save_alone)
        stored = []
        for (_, result), (kept, retry) in saved.done:
            if not kept:
                # Our lease ran out and another process has the page now: its
                # result counts, not this one.
                event(log, logging.WARNING, "article.lease_lost", url=result.due.url)
                continue
            _log_result(result, retry)
            self.on_result(result)
            stored.append(result)
        if saved.unavailable is not None:
            raise saved.unavailable
        return stored

    def _save(
        self, finished: list[tuple[DueArticle, ArticleResult]]
    ) -> list[tuple[bool, datetime | None]]:
        now = self.articles.now()
        results = [result for _, result in finished]
        retries = [None if r.article is not None else self._retry_at(r, now) for r in results]
        saved = self.articles.save(self.owner, list(zip(results, retries, strict=True)), now)
        for result in results:
            self._block_host(result, now)
        return saved

    def _save_alone(
        self, finished: tuple[DueArticle, ArticleResult]
    ) -> tuple[bool, datetime | None]:
        due = finished[0]
        try:
            with self.db.transaction():
                [saved] = self._save([finished])
        except StoreUnavailable:
            raise
        except StoreError as e:
            # Recorded as the page's failure instead, so that it is counted and
            # retried with back-off rather than taken again and again.
            failed = ArticleResult(due, error=Failure("store", f"could not store: {e}"))
            with self.db.transaction():
                [saved] = self._save([(due, failed)])
        return saved

    def _retry_at(self, result: ArticleResult, now: datetime) -> datetime | None:
        kind = result.error.kind if result.error is not None else None
        return schedule.next_page_attempt(
            now, result.due.attempts + 1, kind, result.http_status, self.rng
        )

    def _block_host(self, result: ArticleResult, now: datetime) -> None:
        due = result.due
        asked = result.error.retry_after if result.error is not None else None
        hold = page_hold(due.host, result.http_status, asked, now, self.max_backoff)
        if hold is not None:
            self.store.block_host(hold.host, hold.until, hold.reason)

    def close(self, grace: float = 0.0) -> int:
        """Stop: store what finishes within ``grace`` seconds, abandon the rest (their
        leases are given back). Returns how many were abandoned."""

        def report(error: StoreUnavailable, unstored: int) -> None:
            event(log, logging.WARNING, "article.unstored", pages=unstored, error=str(error))

        return self.runner.close(
            grace, self.harvest, lambda: self.articles.release(self.owner), report
        )


def _log_result(result: ArticleResult, retry: datetime | None) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    ms = int(result.duration * 1000)
    if result.article is not None:
        words = len(result.article.text.split())
        event(log, logging.INFO, "article.ok", url=result.due.url, words=words, ms=ms)
    else:
        retry_text = retry.isoformat(timespec="seconds") if retry is not None else "never"
        event(
            log,
            logging.INFO,
            "article.failed",
            url=result.due.url,
            kind=result.error.kind if result.error is not None else None,
            status=result.http_status,
            error=str(result.error),
            retry=retry_text,
            ms=ms,
        )
