"""Stories as their readers see them: merged feed items (publish.py) and story views
with every member and the evidence that grouped it (the CLI, the API). Read-only."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from ..types import Evidence, FeedItem, SourceView, StoryMemberView, StoryView
from .boundary import translated
from .models import Article, Entry, Feed, Story, StoryEntry
from .search import has_match

_CHUNK = 500
# How much of the representative's text a merged feed item quotes.
SUMMARY_CHARS = 400
# And a story's page: a paragraph or two, enough to know what the story says.
PAGE_SUMMARY_CHARS = 1000


class StoryViews:
    """Reads stories within the caller's Session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @translated
    def feed_items(
        self,
        *,
        since: datetime | None = None,
        min_sources: int = 1,
        tag: str | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[FeedItem]:
        """Stories as merged feed items, most recently changed first. ``tag``: only
        stories that a feed with that tag carried; ``search``: only stories with an
        entry that matches this query (websearch syntax)."""
        query = _listed(since, min_sources).where(Story.representative_id.is_not(None))
        if search is not None:
            query = query.where(has_match(self.session, search, Story.id))
        items: list[FeedItem] = []
        # Tags are JSON lists (no portable SQL test for membership): filtered here,
        # reading stories page by page until there are enough.
        page = limit or 500
        offset = 0
        while True:
            stories = list(self.session.scalars(query.offset(offset).limit(page)))
            reports = self._reports([story.id for story in stories], with_text=True)
            for story in stories:
                mine = reports.get(story.id, [])
                tags = tuple(sorted({t for report in mine for t in report.tags or ()}))
                if tag is not None and tag not in tags:
                    continue
                chosen = next((r for r in mine if r.entry_id == story.representative_id), None)
                if chosen is None:
                    continue
                views = [report.source() for report in mine]
                lead = views[mine.index(chosen)]
                items.append(
                    FeedItem(
                        story_id=story.id,
                        title=story.title or lead.title or "(untitled)",
                        link=lead.url,
                        summary=_summary(chosen.text or ""),
                        published=story.first_seen,
                        updated=story.updated,
                        sources=tuple(views),
                        tags=tags,
                        lead=lead,
                    )
                )
                if limit and len(items) >= limit:
                    return items
            if len(stories) < page:
                return items
            offset += page

    def _reports(
        self, story_ids: list[int], *, with_text: bool = False
    ) -> dict[int, list[_Report]]:
        """Each story's entries, earliest first, with their feeds (and text)."""
        found: dict[int, list[_Report]] = {}
        text = func.coalesce(Article.text, Entry.content_text) if with_text else literal("")
        for start in range(0, len(story_ids), _CHUNK):
            rows = self.session.execute(
                select(
                    StoryEntry.story_id,
                    Entry.id,
                    Entry.url,
                    Feed.url,
                    func.coalesce(Feed.user_title, Feed.title),
                    Feed.tags,
                    Entry.title,
                    func.coalesce(Entry.published, Entry.first_seen),
                    StoryEntry.relation,
                    StoryEntry.signal,
                    StoryEntry.score,
                    text,
                    StoryEntry.auto_relation,
                    StoryEntry.auto_signal,
                    StoryEntry.auto_score,
                )
                .join(Entry, Entry.id == StoryEntry.entry_id)
                .join(Feed, Feed.id == Entry.feed_id)
                .outerjoin(Article, Article.entry_id == Entry.id)
                .where(StoryEntry.story_id.in_(story_ids[start : start + _CHUNK]))
                .order_by(func.coalesce(Entry.published, Entry.first_seen), Entry.id)
            )
            for row in rows:
                found.setdefault(cast(int, row[0]), []).append(
                    _Report(
                        entry_id=row[1],
                        url=row[2],
                        feed_url=row[3],
                        feed_title=row[4],
                        tags=row[5],
                        title=row[6],
                        published=row[7],
                        relation=row[8],
                        signal=row[9],
                        score=row[10],
                        text=row[11],
                        auto=Evidence(row[12], row[13], row[14]) if row[12] else None,
                    )
                )
        return found

    @translated
    def stories(
        self,
        *,
        since: datetime | None = None,
        min_sources: int = 1,
        limit: int | None = None,
        feeds: Collection[str] | None = None,
        ids: Collection[int] | None = None,
        offset: int = 0,
        until: datetime | None = None,
        search: str | None = None,
        summaries: bool = False,
    ) -> list[StoryView]:
        """Stories most recently changed first, each with its entries (earliest first).
        ``since``/``until``: changed at or after / before; ``feeds``: only stories one
        of these feeds (URLs) reported; ``ids``: only these; ``search``: only stories
        with an entry that matches this query (websearch syntax; QueryError when there
        is nothing to search for); ``offset``: skip that many first (a page of a
        listing); ``summaries``: with the representative's text."""
        query = _listed(since, min_sources, until)
        if search is not None:
            # Every story with a match, in the listing's order: no ranking to compute,
            # and the pages of a search go as far back as its matches do.
            query = query.where(has_match(self.session, search, Story.id))
        if feeds is not None:
            carried = (
                select(StoryEntry.story_id)
                .join(Entry, Entry.id == StoryEntry.entry_id)
                .join(Feed, Feed.id == Entry.feed_id)
                .where(Feed.url.in_(list(feeds)))
            )
            query = query.where(Story.id.in_(carried))
        if ids is not None:
            query = query.where(Story.id.in_(list(ids)))
        if offset:
            query = query.offset(offset)
        if limit:
            query = query.limit(limit)
        return self._views(list(self.session.scalars(query)), summaries)

    def _views(self, stories: list[Story], summaries: bool) -> list[StoryView]:
        """The listed stories with their members (and the representative's text)."""
        reports = self._reports([story.id for story in stories], with_text=summaries)
        views = []
        for story in stories:
            told = reports.get(story.id, [])
            summary = None
            if summaries:
                summary = next(
                    (
                        _summary(report.text or "", PAGE_SUMMARY_CHARS)
                        for report in told
                        if report.entry_id == story.representative_id
                    ),
                    None,
                )
            views.append(
                StoryView(
                    id=story.id,
                    title=story.title,
                    first_seen=story.first_seen,
                    updated=story.updated,
                    representative=story.representative_id,
                    sources=story.sources,
                    entries=tuple(report.member() for report in told),
                    summary=summary,
                )
            )
        return views


def _listed(since: datetime | None, min_sources: int, until: datetime | None = None) -> Any:
    """Stories with entries, most recently changed first, as the filters say."""
    query = select(Story).where(Story.size > 0).order_by(Story.updated.desc(), Story.id.desc())
    if since is not None:
        query = query.where(Story.updated >= since)
    if until is not None:
        query = query.where(Story.updated < until)
    if min_sources > 1:
        query = query.where(Story.sources >= min_sources)
    return query


@dataclass(frozen=True)
class _Report:
    """One entry of a story with its feed, as the queries read it."""

    entry_id: int
    url: str | None
    feed_url: str
    feed_title: str | None
    tags: list[str] | None
    title: str | None
    published: datetime  # else first seen
    relation: str | None
    signal: str | None
    score: float | None
    text: str | None
    auto: Evidence | None = None

    def member(self) -> StoryMemberView:
        return StoryMemberView(
            id=self.entry_id,
            url=self.url,
            feed_url=self.feed_url,
            feed_title=self.feed_title,
            title=self.title,
            published=self.published,
            relation=self.relation,
            signal=self.signal,
            score=self.score,
            auto=self.auto,
        )

    def source(self) -> SourceView:
        return SourceView(
            url=self.url,
            feed_url=self.feed_url,
            feed_title=self.feed_title,
            title=self.title,
            published=self.published,
            relation=self.relation,
        )


def _summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The start of a text, cut at a word, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "\u2026"
