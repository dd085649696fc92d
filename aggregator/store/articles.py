"""Article pages: the queue of pages to fetch, their leases, and what extraction found.

A row is created with its entry (``queue_pages``, in the same transaction): pending
when the page is to be fetched, skipped (with the reason) when not. Claiming works as
for feeds (store/__init__.py): a lease per row, ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so several daemons never fetch the same page.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..types import ArticleResult, DueArticle, HostRoom, PageBacklog, PageStatus, RawEntry
from . import leases
from .boundary import host_of, translated
from .models import Article, Entry, Feed, Host

# Why a new entry's page is not fetched, or None when it is (extract.skip_reason).
_RETRYABLE = (PageStatus.PENDING, PageStatus.FAILED)


def queue_pages(
    session: Session,
    new: Sequence[tuple[int, RawEntry]],
    skip: Mapping[int, str | None],
    now: datetime,
) -> None:
    """Create the article rows of newly stored entries (the caller's transaction):
    pending, or skipped for the reason ``skip`` gives by entry id."""
    rows = []
    for entry_id, entry in new:
        reason = skip[entry_id]
        rows.append(
            {
                "entry_id": entry_id,
                "status": PageStatus.SKIPPED if reason else PageStatus.PENDING,
                "reason": reason,
                "attempts": 0,
                "next_attempt_at": None if reason else now,
                "host": host_of(entry.url or ""),
                "created_at": now,
            }
        )
    if rows:
        session.execute(_insert(session).on_conflict_do_nothing(), rows)


def requeue_pages(session: Session, moved: Sequence[tuple[int, RawEntry]], now: datetime) -> None:
    """Entries whose link the feed changed: their pages are fetched again, from the
    new link (the text extracted so far stays until then). Skipped pages stay so."""
    for entry_id, entry in moved:
        session.execute(
            update(Article)
            .where(Article.entry_id == entry_id, Article.status != PageStatus.SKIPPED)
            .values(
                status=PageStatus.PENDING,
                next_attempt_at=now,
                attempts=0,
                host=host_of(entry.url or ""),
            )
        )


def _insert(session: Session) -> Any:
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    return insert(cast(Table, Article.__table__))


class ArticleStore:
    """Claims article pages and records what fetching and extraction gave."""

    def __init__(self, session: Session, now: Callable[[], datetime]) -> None:
        self.session = session
        self.now = now

    @translated
    def claim(
        self,
        owner: str,
        *,
        limit: int,
        lease: timedelta,
        room: HostRoom | None = None,
        busy_hosts: Collection[str] = (),
    ) -> list[DueArticle]:
        """Lease up to ``limit`` pages that are due to ``owner``, oldest due first.

        ``room`` and ``busy_hosts`` work as in Store.claim: the per-host cap, shared
        with feeds. Hosts under a Retry-After are left out.
        """
        now = self.now()
        picked, _ = leases.pick(
            # Core, not the ORM: plain columns, and the hot path of extraction.
            self.session.connection().execute(
                _claim_query(bool(busy_hosts)), leases.claim_values(now, limit, busy_hosts)
            ),
            limit,
            _due_article,
            lambda row: row.host,
            room,
        )
        claimed = [due for _, due in picked]
        kept = [row.entry_id for row, _ in picked if row.kept]
        if not claimed:
            return claimed
        ids = [due.entry_id for due in claimed]
        leases.take(self.session, Article.entry_id, ids, owner, now + lease)
        if kept:
            # Kept pages are read for the rows taken only (they may be large).
            pages = dict(
                self.session.execute(
                    select(Article.entry_id, Article.html).where(Article.entry_id.in_(kept))
                ).all()
            )
            claimed = [dataclasses.replace(due, html=pages.get(due.entry_id)) for due in claimed]
        return claimed

    @translated
    def save(
        self,
        owner: str,
        results: Sequence[tuple[ArticleResult, datetime | None]],
        now: datetime,
    ) -> list[tuple[bool, datetime | None]]:
        """Record fetches and extractions, each with when a failed page is tried again
        (None: given up, or it succeeded); end their leases.

        Returns:
            Per result: whether it was stored (False: ``owner`` no longer holds the
            lease, another process has the page now), and when it is tried again.

        A failure keeps the text of an earlier success (a page that has since gone
        loses nothing already extracted).
        """
        articles = cast(Table, Article.__table__)
        saved: list[tuple[bool, datetime | None]] = []
        for result, retry in results:
            done = self.session.connection().execute(
                update(articles)
                .where(
                    articles.c.entry_id == result.due.entry_id,
                    articles.c.lease_owner == owner,
                )
                .values(**_page_values(result, retry, now))
            )
            saved.append((bool(done.rowcount), retry))
        return saved

    @translated
    def release(self, owner: str) -> int:
        """Give up every page lease ``owner`` holds (a clean shutdown)."""
        return leases.release(self.session, Article, owner)

    @translated
    def lease_owners(self) -> list[str]:
        """Who holds page leases now."""
        return leases.owners(self.session, Article)

    @translated
    def expire_leases(self, dead: Collection[str]) -> int:
        """End the page leases of owners that no longer run (see Store.expire_leases)."""
        return leases.expire(self.session, Article, dead)

    @translated
    def retry_failed(self) -> int:
        """Make every failed page due now, given up or not (``extract --retry-failed``).

        The try counts like any other: a page given up on that fails again stays given
        up, one that fails for a passing reason keeps its back-off.
        """
        result = self.session.execute(
            update(Article)
            .where(Article.status == PageStatus.FAILED)
            .values(next_attempt_at=self.now())
        )
        return int(getattr(result, "rowcount", 0) or 0)

    @translated
    def requeue_all(self) -> int:
        """Make every page due again (``extract --all``); how many. Skipped pages stay
        skipped; kept pages (``extract: keep_html``) are extracted again without a
        request."""
        changed = self.session.execute(
            update(Article)
            .where(Article.status.in_((PageStatus.OK, PageStatus.FAILED, PageStatus.PENDING)))
            .values(status=PageStatus.PENDING, next_attempt_at=self.now(), attempts=0)
        )
        return int(getattr(changed, "rowcount", 0) or 0)

    @translated
    def unqueued(self) -> dict[str, list[tuple[int, RawEntry]]]:
        """Entries stored before full text existed (no page row), by feed URL."""
        orphans = self.session.execute(
            select(Feed.url, Entry)
            .join(Feed, Feed.id == Entry.feed_id)
            .outerjoin(Article, Article.entry_id == Entry.id)
            .where(Article.entry_id.is_(None))
        ).all()
        by_feed: dict[str, list[tuple[int, RawEntry]]] = {}
        for feed_url, entry in orphans:
            raw = RawEntry(
                guid=entry.guid,
                url=entry.url,
                title=entry.title,
                summary=entry.summary,
                content=entry.content,
                content_text=entry.content_text,
                author=entry.author,
                published=entry.published,
                updated=entry.updated,
            )
            by_feed.setdefault(feed_url, []).append((entry.id, raw))
        return by_feed

    @translated
    def queue(self, new: Sequence[tuple[int, RawEntry]], skip: Mapping[int, str | None]) -> int:
        """Queue the pages of stored entries, or record them as skipped with the reason
        ``skip`` gives (by entry id); how many were queued."""
        queue_pages(self.session, new, skip, self.now())
        return sum(1 for entry_id, _ in new if skip.get(entry_id) is None)

    @translated
    def backlog(self) -> PageBacklog:
        """The pages due now (leased ones included: they are being fetched), and of
        those, the ones whose host asked us to wait (Retry-After), with their hosts."""
        now = self.now()
        blocked = select(Host.host).where(Host.blocked_until > now)
        due = Article.status.in_(_RETRYABLE) & (Article.next_attempt_at <= now)
        waiting = Article.host.in_(blocked)
        row = self.session.execute(
            select(
                func.count(),
                func.count().filter(waiting),
                func.count(func.distinct(Article.host)).filter(waiting),
            ).where(due)
        ).one()
        return PageBacklog(due=int(row[0]), waiting=int(row[1]), waiting_hosts=int(row[2]))

    @translated
    def due_count(self) -> int:
        """How many pages are due now."""
        query = (
            select(func.count())
            .select_from(Article)
            .where(Article.status.in_(_RETRYABLE), Article.next_attempt_at <= self.now())
        )
        return int(self.session.scalar(query) or 0)


@functools.cache
def _claim_query(busy: bool) -> Any:
    """ArticleStore.claim's statement: the pages due, oldest due first, with what
    fetching one needs. Built once for each of its shapes (see leases.claimable)."""
    query = (
        select(
            Article.entry_id,
            Article.host,
            Article.attempts,
            Article.page_url,
            Article.content_type,
            Article.html.is_not(None).label("kept"),
            Entry.url,
            Entry.content_text,
        )
        .join(Entry, Entry.id == Article.entry_id)
        .where(
            Article.status.in_(_RETRYABLE),
            Article.next_attempt_at <= leases.NOW,
            Entry.url.is_not(None),
        )
        .order_by(Article.next_attempt_at, Article.entry_id)
    )
    return leases.claimable(query, Article, busy=busy)


def _due_article(row: Any) -> DueArticle:
    """A claimed page's row (ArticleStore.claim's columns) as the extractor takes it."""
    return DueArticle(
        entry_id=row.entry_id,
        url=row.url,
        host=row.host,
        attempts=row.attempts,
        feed_text=row.content_text,
        page_url=row.page_url,
        content_type=row.content_type,
    )


def _page_values(result: ArticleResult, retry: datetime | None, now: datetime) -> dict[str, Any]:
    """An article row's columns after a fetch: the article, else the failure (which
    leaves the columns of an earlier success as they are)."""
    values: dict[str, Any] = {
        "lease_owner": None,
        "lease_until": None,
        "http_status": result.http_status,
    }
    if result.page_url is not None and result.due.html is None:
        values["page_url"] = result.page_url  # a kept page keeps where it came from
    article = result.article
    if article is not None:
        values.update(
            status=PageStatus.OK,
            reason=None,
            error_kind=None,
            attempts=0,
            next_attempt_at=None,
            canonical_url=article.canonical_url,
            title=article.title,
            author=article.author,
            published=article.published,
            language=article.language,
            image=article.image,
            text=article.text,
            html=result.html,
            content_type=result.content_type if result.html else None,
            extractor=article.extractor,
            extracted_at=now,
        )
    else:
        values.update(
            status=PageStatus.FAILED,
            reason=result.error.message if result.error is not None else None,
            error_kind=result.error.kind if result.error is not None else None,
            attempts=result.due.attempts + 1,
            next_attempt_at=retry,
        )
    return values
