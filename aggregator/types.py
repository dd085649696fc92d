"""Plain, frozen values passed between the stages (config → fetch → parse → store).

Contains no business logic. Every datetime here is timezone-aware UTC; stages convert
at their boundary so that nothing downstream has to ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .digests import content_hash
from .urls import canonical_url


@dataclass(frozen=True)
class FeedSource:
    """One feed as configured in feeds.yaml."""

    url: str
    title: str | None = None
    interval_seconds: int = 30 * 60
    min_interval_seconds: int = 5 * 60
    max_interval_seconds: int = 86400
    tags: tuple[str, ...] = ()
    # Whether entries' article pages are fetched: auto (unless the feed carries the
    # full text), always or never.
    full_text: str = "auto"
    keep_seconds: int | None = None  # its own retention.keep, if any


@dataclass(frozen=True)
class CacheInfo:
    """HTTP validators stored from the previous successful response (RFC 9110 §13.1)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchPolicy:
    """How one HTTP fetch behaves (from feeds.yaml ``fetch:``)."""

    timeout: float = 30.0  # seconds for the whole exchange, redirects and body included
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024  # after decompression
    max_redirects: int = 5


@dataclass(frozen=True)
class DueFeed:
    """A feed to poll now, with what the request needs from the database."""

    source: FeedSource
    fetch_url: str  # the configured URL, or where a permanent redirect moved it
    cache: CacheInfo
    # The row as it was when claimed (the lease keeps anyone else from changing it).
    feed_id: int = 0
    host: str = ""
    error_count: int = 0
    typical_gap: int | None = None  # seconds between entries, when known
    newest_published: datetime | None = None
    # The feed's own polling hints from its last full response (a 304 repeats none).
    ttl_seconds: int | None = None
    syndication_seconds: int | None = None


@dataclass(frozen=True)
class HostRoom:
    """The per-host cap as one claim sees it: at most ``limit`` requests in flight
    per host, ``taken`` of them in flight now (by host)."""

    limit: int
    taken: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Fetched:
    """A feed body downloaded with status 200."""

    url: str  # the URL that was asked for
    final_url: str  # after redirects
    content: bytes
    headers: dict[str, str]  # lower-cased names
    cache: CacheInfo
    # Where 301/308 redirects at the start of the chain lead: the feed's new address.
    permanent_url: str | None = None


@dataclass(frozen=True)
class NotModified:
    """The server answered 304: the feed is unchanged since the stored validators."""

    cache: CacheInfo
    headers: dict[str, str] = field(default_factory=dict)
    permanent_url: str | None = None


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
    # The canonical spelling of ``url`` (urls.canonical_url), worked out where the
    # entry is made: in a parser process when parsing runs in them, not in the
    # process that stores (normalising 20,000 addresses costs about a second).
    canonical_url: str | None = field(init=False, default=None, compare=False)
    # What a reader sees of it, hashed (digests.content_hash: an edit changes it), worked
    # out where the entry is made too (a tenth of a second of the storing process's
    # time in a first poll of 20,000 entries).
    content_hash: str = field(init=False, default="", compare=False)

    def __post_init__(self) -> None:
        if self.url:
            object.__setattr__(self, "canonical_url", canonical_url(self.url))
        hashed = content_hash(
            self.guid,
            self.url,
            self.title,
            self.summary,
            self.content,
            self.author,
            self.published,
            self.updated,
        )
        object.__setattr__(self, "content_hash", hashed)


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed document says about itself and its entries."""

    title: str | None
    link: str | None
    entries: tuple[RawEntry, ...]
    # Set when the document was malformed but a lenient parser recovered entries
    # from it: the entries are kept and this message is recorded on the feed.
    warning: str | None = None
    # How often the feed says to poll it: RSS <ttl>, sy:updatePeriod/Frequency (seconds).
    ttl_seconds: int | None = None
    syndication_seconds: int | None = None


@dataclass(frozen=True)
class Failure:
    """Why a feed or a page gave nothing this time: data, never raised. The same for
    both, and what a worker process hands back (exceptions do not cross processes
    well); recorded on the feed's or the page's row."""

    kind: str  # a short, stable category: http, timeout, parse, empty, store, internal...
    message: str
    retry_after: str | None = None  # the Retry-After header of a 429/503
    host: str | None = None  # the host that answered (after redirects), when one did

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FeedResult:
    """The outcome of polling one feed: never raises, the error is data.

    Exactly one of these holds: ``error`` is set (the poll failed), ``parsed`` is set
    (new content), or neither (HTTP 304, nothing changed).
    """

    source: FeedSource
    cache: CacheInfo = field(default_factory=CacheInfo)
    parsed: ParsedFeed | None = None
    error: Failure | None = None
    http_status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    permanent_url: str | None = None
    duration: float = 0.0  # seconds spent fetching and parsing

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.parsed is None


@dataclass(frozen=True)
class PageBacklog:
    """Article pages due now; ``waiting`` of them on ``waiting_hosts`` hosts that asked
    us to wait (Retry-After)."""

    due: int = 0
    waiting: int = 0
    waiting_hosts: int = 0


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
    content_text: str  # the article's extracted text when there is one, else the feed's
    story_id: int | None
    canonical_url: str | None  # the article page's rel=canonical/og:url
    # The article page: pending, ok, failed or skipped (None: stored before full text),
    # and why it failed or was skipped.
    full_text: str | None
    full_text_error: str | None
    language: str | None
    image: str | None


@dataclass(frozen=True)
class SearchHit:
    """One search result: the entry, how well it matched, and where."""

    entry: EntryView
    # Higher is better; comparable within one search only (bm25 on SQLite, ts_rank_cd
    # on PostgreSQL).
    rank: float
    # A passage of the text around the matches; each match is wrapped in MARK_START
    # and MARK_END (private-use characters that text from feeds never needs).
    snippet: str


MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class Assigned:
    """What one run of the deduplicator did."""

    entries: int = 0  # entries given their story
    stories: int = 0  # of which started a new story
    seconds: float = 0.0  # how long it took (wall clock)


class PageStatus(StrEnum):
    """Where an entry's article page stands (``article_pages.status``)."""

    PENDING = "pending"  # not tried yet, or to be tried again
    OK = "ok"  # extracted
    FAILED = "failed"  # the last try failed (retried with back-off, or given up)
    SKIPPED = "skipped"  # not fetched: the feed carries the article, or full text is off


class Relation(StrEnum):
    """How an entry joined its story (``story_entries.relation``)."""

    FIRST = "first"  # it started the story
    DUPLICATE = "duplicate"  # the same text or address as another entry
    STORY = "story"  # the same event in other words
    MANUAL = "manual"  # a user put it there


@dataclass(frozen=True)
class Evidence:
    """What put an entry in its story: relation, signal and score (see StoryMemberView)."""

    relation: str | None
    signal: str | None
    score: float | None


@dataclass(frozen=True)
class StoryMemberView:
    """One entry of a story as ``stories --json`` prints it."""

    id: int
    url: str | None
    feed_url: str
    feed_title: str | None
    title: str | None
    published: datetime  # when the entry says it was published, else when first seen
    relation: str | None  # first, duplicate, story, manual
    signal: str | None  # the evidence: canonical-url, shingles, story-similarity, ...
    score: float | None
    # Placed by a user (relation manual): what the grouping had found before.
    auto: Evidence | None = None


@dataclass(frozen=True)
class StoryView:
    """A story as ``stories`` prints it."""

    id: int
    title: str | None
    first_seen: datetime
    updated: datetime
    representative: int | None  # an entry id
    sources: int  # distinct feeds
    entries: tuple[StoryMemberView, ...]
    # The start of the representative's text (its article, else its feed content);
    # read only when asked for (a story's page), None otherwise.
    summary: str | None = None


@dataclass(frozen=True)
class SourceView:
    """One outlet's report of a story, as the merged feed lists it."""

    url: str | None
    feed_url: str
    feed_title: str | None
    title: str | None
    published: datetime
    relation: str | None


@dataclass(frozen=True)
class FeedPart:
    """Which stories a merged feed holds: all, one tag's, or one saved search's."""

    tag: str | None = None
    search: str | None = None  # the saved search's name (output.searches)

    def __post_init__(self) -> None:
        if self.tag is not None and self.search is not None:
            raise ValueError("a merged feed is of a tag or of a saved search, not both")

    @property
    def name(self) -> str | None:
        return self.tag if self.tag is not None else self.search


@dataclass(frozen=True)
class FeedItem:
    """One story as an item of the merged feed."""

    story_id: int
    title: str
    link: str | None  # the representative's
    summary: str  # plain text: the start of the representative's text
    published: datetime  # when the story first appeared
    updated: datetime  # when an entry last joined or left it
    sources: tuple[SourceView, ...]  # earliest first; the representative's among them
    tags: tuple[str, ...]  # of the feeds that carried it
    lead: SourceView | None = None  # the representative's own report

    @property
    def others(self) -> tuple[SourceView, ...]:
        """The reports besides the representative's ("also reported by")."""
        return tuple(source for source in self.sources if source is not self.lead)


@dataclass(frozen=True)
class FeedView:
    """A feed's state as ``aggregator feeds`` prints it."""

    id: int | None  # None: configured but not yet in the database
    url: str
    fetch_url: str
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
    next_poll_reason: str | None
    disabled_reason: str | None
    host_blocked_until: datetime | None
    # Its entries' article pages by status (pending, ok, failed, skipped).
    full_text: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """An article page as fetched."""

    url: str  # the entry's link
    final_url: str  # after redirects
    content: bytes
    content_type: str | None  # the Content-Type header


@dataclass(frozen=True)
class Article:
    """What an article page says its article is."""

    text: str  # paragraphs separated by a newline
    title: str | None
    author: str | None
    published: datetime | None
    language: str | None  # ISO 639 code, e.g. en, ur
    canonical_url: str | None  # <link rel=canonical>, else og:url
    image: str | None
    extractor: str  # name and version


@dataclass(frozen=True)
class DueArticle:
    """An entry's article page to fetch now, with what extraction needs."""

    entry_id: int
    url: str  # the entry's link
    host: str
    attempts: int  # failed attempts so far
    feed_text: str  # the entry's text in its feed: evidence, and the length to beat
    page_url: str | None = None  # where the link led when last fetched
    # The page as kept from an earlier fetch (zlib), extracted again without a request.
    html: bytes | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class ArticleResult:
    """The outcome of fetching and extracting one page: never raises, errors are data.

    Exactly one of ``article`` and ``error`` is set.
    """

    due: DueArticle
    article: Article | None = None
    error: Failure | None = None
    http_status: int | None = None
    page_url: str | None = None  # after redirects
    html: bytes | None = None  # zlib-compressed page, when kept (extract: keep_html)
    content_type: str | None = None
    duration: float = 0.0
