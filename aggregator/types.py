"""Plain, frozen values passed between the stages (config → fetch → parse → store).

Contains no business logic. Every datetime here is timezone-aware UTC; stages convert
at their boundary so that nothing downstream has to ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .errors import FeedError


@dataclass(frozen=True)
class FeedSource:
    """One feed as configured in feeds.yaml."""

    url: str
    title: str | None = None
    interval_seconds: int = 30 * 60
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class CacheInfo:
    """HTTP validators stored from the previous successful response (RFC 9110 §13.1)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """A feed body downloaded with status 200."""

    url: str  # the URL that was asked for
    final_url: str  # after redirects; relative links in the feed resolve against it
    content: bytes
    headers: dict[str, str]  # lower-cased names
    cache: CacheInfo


@dataclass(frozen=True)
class NotModified:
    """The server answered 304: the feed is unchanged since the stored validators."""

    cache: CacheInfo


@dataclass(frozen=True)
class RawEntry:
    """One entry as the feed publishes it, before any deduplication."""

    guid: str | None
    url: str | None
    title: str | None
    summary: str | None  # HTML (sanitised by the parser)
    content: str | None  # HTML (sanitised by the parser)
    content_text: str  # plain text of content, else summary
    author: str | None
    published: datetime | None
    updated: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed document says about itself and its entries."""

    title: str | None
    link: str | None
    entries: tuple[RawEntry, ...]
    # Set when the document was malformed but a lenient parser recovered entries
    # from it: the entries are kept and this message is recorded on the feed.
    warning: str | None = None


@dataclass(frozen=True)
class FeedResult:
    """The outcome of polling one feed: never raises, the error is data.

    Exactly one of these holds: ``error`` is set (the poll failed), ``parsed`` is set
    (new content), or neither (HTTP 304, nothing changed).
    """

    source: FeedSource
    cache: CacheInfo = field(default_factory=CacheInfo)
    parsed: ParsedFeed | None = None
    error: FeedError | None = None
    http_status: int | None = None

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.parsed is None


@dataclass(frozen=True)
class StoredCounts:
    """How one feed's result changed the database."""

    new: int = 0
    updated: int = 0


@dataclass(frozen=True)
class EntryView:
    """An entry as the query commands print it (the ``entries --json`` fields)."""

    id: int
    feed_url: str
    feed_title: str | None
    guid: str | None
    url: str | None
    title: str | None
    author: str | None
    published: datetime | None
    updated: datetime | None
    first_seen: datetime
    summary: str | None
    content_text: str
    story_id: int | None


@dataclass(frozen=True)
class FeedView:
    """A feed's state as ``aggregator feeds`` prints it."""

    id: int
    url: str
    title: str | None
    site_url: str | None
    tags: tuple[str, ...]
    active: bool
    interval_seconds: int
    entries: int
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_status: str | None
    last_http_status: int | None
    last_error: str | None
    error_count: int
    next_poll_at: datetime | None
