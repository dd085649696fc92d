"""Feeds as ``aggregator feeds`` shows them: polling state, entry counts, article
pages by status, a host held back. Read-only."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..types import FeedSource, FeedView
from .models import Article, Entry, Feed, Host


def feed_views(
    session: Session, configured: Sequence[FeedSource] | None, now: datetime
) -> list[FeedView]:
    """Every feed ever stored (see Store.feeds)."""
    counts = select(Entry.feed_id, func.count().label("n")).group_by(Entry.feed_id).subquery()
    query = (
        select(Feed, func.coalesce(counts.c.n, 0), Host.blocked_until)
        .outerjoin(counts, counts.c.feed_id == Feed.id)
        .outerjoin(Host, Host.host == Feed.host)
        .order_by(Feed.id)
    )
    pages: dict[int, dict[str, int]] = {}
    by_status = (
        select(Entry.feed_id, Article.status, func.count())
        .join(Article, Article.entry_id == Entry.id)
        .group_by(Entry.feed_id, Article.status)
    )
    for feed_id, status, n in session.execute(by_status):
        pages.setdefault(feed_id, {})[status] = n
    in_config = {source.url for source in configured} if configured is not None else None
    views = []
    for feed, count, blocked_until in session.execute(query):
        view = _view(feed, count, blocked_until, now, in_config)
        views.append(dataclasses.replace(view, full_text=pages.get(feed.id, {})))
    stored = {view.url for view in views}
    for source in configured or ():
        if source.url not in stored:
            views.append(_unstored_view(source))
    return sorted(views, key=lambda v: (not v.active, v.id is None, v.id or 0))


def _view(
    feed: Feed, count: int, blocked_until: datetime | None, now: datetime, in_config: Any
) -> FeedView:
    return FeedView(
        id=feed.id,
        url=feed.url,
        fetch_url=feed.fetch_url or feed.url,
        title=feed.user_title or feed.title,
        site_url=feed.site_url,
        tags=tuple(feed.tags or ()),
        active=feed.active if in_config is None else feed.url in in_config,
        interval_seconds=feed.interval_seconds,
        entries=count,
        last_polled_at=feed.last_polled_at,
        last_success_at=feed.last_success_at,
        last_status=feed.last_status,
        last_http_status=feed.last_http_status,
        last_error=feed.last_error,
        error_count=feed.error_count,
        next_poll_at=feed.next_poll_at,
        next_poll_reason=feed.next_poll_reason,
        disabled_reason=feed.disabled_reason,
        host_blocked_until=blocked_until if blocked_until and blocked_until > now else None,
    )


def _unstored_view(source: FeedSource) -> FeedView:
    return FeedView(
        id=None,
        url=source.url,
        fetch_url=source.url,
        title=source.title,
        site_url=None,
        tags=source.tags,
        active=True,
        interval_seconds=source.interval_seconds,
        entries=0,
        last_polled_at=None,
        last_success_at=None,
        last_status=None,
        last_http_status=None,
        last_error=None,
        error_count=0,
        next_poll_at=None,
        next_poll_reason=None,
        disabled_reason=None,
        host_blocked_until=None,
    )
