"""The story list's request (``/``): the form's filters read from the query string,
turned into a query of the store, and the page rendered, or a 400 with the reason
when a filter cannot be applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from werkzeug.datastructures import MultiDict

from ..durations import parse_moment
from ..websearch import QueryError
from . import pages

if TYPE_CHECKING:
    from ..api import Aggregator
    from ..config import Settings
    from ..types import StoryView


@dataclass(frozen=True)
class _Query:
    """What the store is asked for, once the form's filters are understood."""

    search: str | None
    min_sources: int
    feeds: list[str] | None
    since: datetime | None
    until: datetime | None


class _Refused(ValueError):
    """A filter that cannot be applied; its text is shown above the empty list."""


def filters(args: MultiDict[str, str]) -> pages.Filters:
    """The form's fields as they were sent, trimmed; at least one source."""
    return pages.Filters(
        q=args.get("q", "").strip(),
        tag=args.get("tag", "").strip(),
        saved=args.get("saved", "").strip(),
        min_sources=max(args.get("min_sources", 1, type=int) or 1, 1),
        since=args.get("since", "").strip(),
        until=args.get("until", "").strip(),
    )


def _query(wanted: pages.Filters, settings: Settings, now: datetime) -> _Query:
    """The store's query for ``wanted``; _Refused names a filter that cannot be."""
    feeds = None
    if wanted.tag:
        feeds = [source.url for source in settings.feeds if wanted.tag in source.tags]
    search, min_sources = wanted.q, wanted.min_sources
    if wanted.saved:
        saved = settings.output.searches.get(wanted.saved)
        if saved is None:
            raise _Refused(f"There is no saved search named {wanted.saved!r}.")
        # A saved search narrows further what the form asks, never widens it.
        search = f"{saved.query} {search}".strip()
        min_sources = max(min_sources, saved.min_sources)
    try:
        since = parse_moment(wanted.since, now) if wanted.since else None
        until = parse_moment(wanted.until, now, end_of_day=True) if wanted.until else None
    except ValueError as e:
        raise _Refused(f"Cannot show that time range: {e}.") from e
    return _Query(search or None, min_sources, feeds, since, until)


def story_list(
    args: MultiDict[str, str], reader: Aggregator, served: list[str]
) -> tuple[int, bytes]:
    """/: a page of stories as the form's filters say, with its status code."""
    wanted = filters(args)
    page = max(args.get("page", 1, type=int) or 1, 1)
    settings = reader.settings

    def shown(stories: list[StoryView], more: bool, problem: str | None = None) -> bytes:
        return pages.story_list(
            stories,
            page=page,
            more=more,
            served=served,
            filters=wanted,
            tags=sorted({tag for source in settings.feeds for tag in source.tags}),
            searches=sorted(settings.output.searches),
            problem=problem,
        )

    per = pages.PER_PAGE
    try:
        query = _query(wanted, settings, reader.now())
        # One more than a page: whether there are older ones.
        rows = reader.stories(
            since=query.since,
            until=query.until,
            min_sources=query.min_sources,
            feeds=query.feeds,
            search=query.search,
            limit=per + 1,
            offset=(page - 1) * per,
        )
    except _Refused as e:
        return 400, shown([], False, str(e))
    except QueryError as e:
        return 400, shown([], False, f"Cannot search for that: {e}")
    return 200, shown(rows[:per], len(rows) > per)
