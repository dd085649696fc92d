"""The shape of feeds.yaml: one pydantic model per section, with the checks and
defaults each key has, and the frozen Settings the rest of the program reads."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AnyUrl,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)

from ..domain.dedup import Thresholds
from ..durations import DURATION_HINT, checked_keep, parse_duration
from ..types import FeedSource, FetchPolicy
from ..websearch import QueryError, to_fts5

DEFAULT_DATABASE = "sqlite:///aggregator.db"
DEFAULT_INTERVAL = "30m"
USER_AGENT = "aggregator/0.1 (news feed aggregator; +https://pypi.org/project/aggregator/)"


def _duration(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, str):
        # A bare number is ambiguous (seconds? minutes?), so it is refused.
        raise ValueError(f"expected {DURATION_HINT} as text, got {value!r}")
    return parse_duration(value)


Duration = Annotated[int, BeforeValidator(_duration)]


def _duration_or_off(value: Any) -> int:
    return 0 if value is False else _duration(value)


# A duration, or false for none at all (0 seconds).
DurationOrOff = Annotated[int, BeforeValidator(_duration_or_off)]


def _seconds(value: Any) -> Any:
    # YAML gives ints and floats; anything else (true, "30") is a mistake, not a number.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number of seconds, got {value!r}")
    return float(value)


Seconds = Annotated[float, BeforeValidator(_seconds)]


def _network(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected a network such as 192.168.1.0/24, got {value!r}")
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError as e:
        raise ValueError(f"expected a network such as 192.168.1.0/24, got {value!r}") from e


IPNetwork = Annotated[ipaddress.IPv4Network | ipaddress.IPv6Network, BeforeValidator(_network)]


def _full_text(value: Any) -> Any:
    # `full_text: true/false` (the older spelling) means always/never.
    if isinstance(value, bool):
        return "always" if value else "never"
    return value


FullTextMode = Annotated[Literal["auto", "always", "never"], BeforeValidator(_full_text)]


class _Section(BaseModel):
    # Unknown keys are refused rather than ignored: a typo such as `intreval` would
    # otherwise silently fall back to the default.
    model_config = ConfigDict(extra="forbid", frozen=True)


class FetchSettings(_Section):
    """HTTP client behaviour (the polling daemon honours every key)."""

    timeout: Seconds = Field(default=30.0, gt=0)  # seconds for a whole request
    connect_timeout: Seconds = Field(default=10.0, gt=0)
    read_timeout: Seconds = Field(default=20.0, gt=0)  # between two chunks of the body
    user_agent: StrictStr = Field(default=USER_AGENT, min_length=1)
    concurrency: StrictInt = Field(default=16, ge=1, le=1000)  # requests in flight overall
    per_host: StrictInt = Field(default=2, ge=1, le=100)  # requests in flight per host
    max_bytes: StrictInt = Field(default=10 * 1024 * 1024, ge=1024)  # after decompression
    max_redirects: StrictInt = Field(default=5, ge=0, le=20)
    allow_private_networks: StrictBool = False
    # Networks allowed despite the address policy, e.g. a LAN feed server.
    allowed_networks: tuple[IPNetwork, ...] = ()

    def policy(self) -> FetchPolicy:
        """The limits of one request, as fetch.fetch_feed takes them."""
        return FetchPolicy(
            timeout=self.timeout,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            max_bytes=self.max_bytes,
            max_redirects=self.max_redirects,
        )


class ScheduleSettings(_Section):
    """Bounds of every feed's polling schedule (a feed may set its own min/max)."""

    min_interval: Duration = Field(default=5 * 60)
    max_interval: Duration = Field(default=86400)
    max_backoff: Duration = Field(default=86400)  # longest wait after repeated errors
    jitter: float = Field(default=0.1, ge=0, le=1)  # up to this fraction later, never earlier


class ExtractSettings(_Section):
    """Full-text extraction of each entry's article page."""

    # The default for feeds that say nothing; `never` (or false) turns page fetching
    # off everywhere, whatever a feed says.
    full_text: FullTextMode = "auto"
    keep_html: StrictBool = False  # keep each fetched page, compressed, for re-extraction
    concurrency: StrictInt = Field(default=8, ge=1, le=1000)  # page fetches in flight
    # `auto` fetches the page unless the feed's own content has at least this many words.
    min_words: StrictInt = Field(default=250, ge=1)


class DedupSettings(_Section):
    """Grouping entries into stories across outlets (README, "Stories")."""

    enabled: StrictBool = True
    # How far an entry may be from a story's recent members (README, "Stories").
    window: Duration = Field(default=int(Thresholds.window), ge=86400)
    # Whose entry stands for a story: feed URLs, most preferred first.
    source_priority: tuple[StrictStr, ...] = ()
    # How long an entry waits for its article's text before it is grouped by its
    # feed's text.
    text_wait: Duration = Field(default=10 * 60)
    # The same text: sketch Jaccard, or the share of the shorter text in the longer.
    same_text: float = Field(default=Thresholds.jaccard, gt=0, le=1)
    contained: float = Field(default=Thresholds.containment, gt=0, le=1)
    # The same event in other words: TF-IDF cosine with the story less the time
    # penalty, less half the runner-up's.
    same_story: float = Field(default=Thresholds.story, gt=0, le=1)
    # Once an entry is `decay_after` from the story's time (when its latest burst of
    # coverage began), the score loses `late_penalty` times ln(1 + late / decay).
    decay_after: Duration = Field(default=int(Thresholds.decay_after))
    decay: Duration = Field(default=int(Thresholds.decay), ge=1)
    late_penalty: float = Field(default=Thresholds.late_penalty, ge=0, le=1)
    # Two stories whose average link clears this are one story (merged): see dedup.py.
    merge_stories: float = Field(default=Thresholds.merge, gt=0, le=1)
    # The reports this recent are formed into stories again after each batch, closest
    # first (false: never): see dedup.py.
    reform: DurationOrOff = Field(default=int(Thresholds.reform), ge=0)

    def thresholds(self) -> Thresholds:
        return Thresholds(
            jaccard=self.same_text,
            containment=self.contained,
            story=self.same_story,
            window=float(self.window),
            decay_after=float(self.decay_after),
            decay=float(self.decay),
            late_penalty=self.late_penalty,
            merge=self.merge_stories,
            reform=float(self.reform),
        )


class ServeSettings(_Section):
    """The daemon's HTTP endpoint (story pages, merged feed, /healthz, /metrics)."""

    host: StrictStr = "127.0.0.1"
    port: StrictInt = Field(default=8080, ge=0, le=65535)
    # Merging stories and splitting entries out from the story pages.
    allow_edits: StrictBool = False
    # Asked for by every edit; required when edits are on and the pages are served
    # beyond this machine.
    token: StrictStr | None = None

    @model_validator(mode="after")
    def _edits_need_a_token_off_this_machine(self) -> ServeSettings:
        if self.allow_edits and not self.token and not _loopback(self.host):
            raise ValueError(
                f"serve.allow_edits with serve.host {self.host!r} (not this machine "
                "only) needs a serve.token that every edit must give"
            )
        if self.token is not None and len(self.token) < 16:
            raise ValueError("serve.token: expected at least 16 characters")
        return self


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SavedSearch(_Section):
    """A merged feed of the stories that match a search (``output.searches``)."""

    query: StrictStr
    min_sources: StrictInt = Field(default=1, ge=1)

    @field_validator("query")
    @classmethod
    def _searchable(cls, value: str) -> str:
        try:
            to_fts5(value)
        except QueryError as e:
            raise ValueError(str(e)) from e
        return value


# A saved search's name is a path segment of its feed (searches/NAME/feed.atom).
_SEARCH_NAME = re.compile(r"[\w-]+")


def _search_name(value: str) -> str:
    if not _SEARCH_NAME.fullmatch(value):
        raise ValueError(f"expected a name of letters, digits, '-' and '_', got {value!r}")
    return value


SearchName = Annotated[StrictStr, AfterValidator(_search_name)]


def _saved_searches(value: Any) -> Any:
    """``name: query`` is short for ``name: {query: query}``."""
    if not isinstance(value, dict):
        return value
    return {name: _saved_search(name, query) for name, query in value.items()}


def _saved_search(name: object, value: Any) -> Any:
    if isinstance(value, str):
        return {"query": value}
    if value is None:
        return {}  # `name:` alone: "query: required key is missing"
    if not isinstance(value, dict):
        # `y2k: 2000`, `x: yes`, `d: 2026-11-24`: YAML read them as something else,
        # and its text is lost (1.10 is 1.1): the writer must say what they meant.
        raise ValueError(
            f"{name}: expected a query, got {value!r}: put it in quotes if it is one "
            f"(YAML read it as a {type(value).__name__})"
        )
    return value


class OutputSettings(_Section):
    """The merged output feed written to files."""

    # Where the daemon keeps the merged feed files (relative to feeds.yaml); none
    # written without it.
    directory: StrictStr | None = None
    formats: tuple[Literal["atom", "rss", "json"], ...] = ("atom", "rss", "json")
    title: StrictStr = "Aggregated news"
    max_items: StrictInt = Field(default=100, ge=1)
    # Where the merged feed is published: its self links and item ids derive from it.
    base_url: StrictStr = "http://127.0.0.1:8080/"
    # More merged feeds, each of the stories matching a search (README, "Merged feed").
    searches: Annotated[dict[SearchName, SavedSearch], BeforeValidator(_saved_searches)] = {}


def _a_day_at_least(value: Any, parse: ValidatorFunctionWrapHandler) -> int | None:
    seconds: int | None = parse(value)
    return None if seconds is None else checked_keep(seconds, value)


# How long entries are kept: a duration of a day or more.
Keep = Annotated[Duration | None, WrapValidator(_a_day_at_least)]


class RetentionSettings(_Section):
    """How long entries are kept (README, "Retention")."""

    # Entries are deleted this long after they were first stored; none: kept for ever.
    keep: Keep = None
    # Whatever their age, each feed's newest entries stay: a feed that posts once a
    # month is not emptied (FreshRSS's "minimum per feed").
    keep_at_least: StrictInt = Field(default=0, ge=0)


class FeedConfig(_Section):
    url: StrictStr
    title: StrictStr | None = None
    interval: Duration = Field(default=parse_duration(DEFAULT_INTERVAL))
    min_interval: Duration | None = None
    max_interval: Duration | None = None
    tags: tuple[StrictStr, ...] = ()
    full_text: FullTextMode | None = None  # None: `extract: full_text`
    keep: Keep = None  # None: `retention: keep`

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        try:
            parsed = AnyUrl(value)
        except ValidationError as e:
            raise ValueError(f"expected an http(s) URL, got {value!r}") from e
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise ValueError(f"expected an http(s) URL, got {value!r}")
        return value

    @field_validator("tags")
    @classmethod
    def _words(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for tag in value:
            if not tag.strip() or any(c.isspace() for c in tag.strip()):
                raise ValueError(f"expected single words as tags, got {tag!r}")
            if "/" in tag or "\\" in tag or tag.strip() in (".", ".."):
                # A tag names a folder of the merged feed (output/tags/TAG/).
                raise ValueError(f"expected a tag without '/' and not '.' or '..', got {tag!r}")
        return tuple(tag.strip() for tag in value)


class FileConfig(_Section):
    """The whole of feeds.yaml."""

    database: StrictStr | None = None
    feeds: tuple[FeedConfig, ...] = ()
    fetch: FetchSettings = FetchSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    extract: ExtractSettings = ExtractSettings()
    dedup: DedupSettings = DedupSettings()
    serve: ServeSettings | None = None
    output: OutputSettings = OutputSettings()
    retention: RetentionSettings = RetentionSettings()

    @model_validator(mode="after")
    def _served_base_url(self) -> FileConfig:
        # The merged feed's self links point where the daemon serves it, unless
        # output.base_url says otherwise (behind a proxy, a public name).
        if self.serve is None or "base_url" in self.output.model_fields_set:
            return self
        host = self.serve.host
        if host in ("0.0.0.0", "::", ""):  # every address: this machine's loopback works
            host = "127.0.0.1"
        elif ":" in host:
            host = f"[{host}]"  # an IPv6 address in a URL
        output = self.output.model_copy(update={"base_url": f"http://{host}:{self.serve.port}/"})
        return self.model_copy(update={"output": output})

    @model_validator(mode="after")
    def _unique_urls(self) -> FileConfig:
        seen: dict[str, int] = {}
        for index, feed in enumerate(self.feeds):
            if feed.url in seen:
                raise _DuplicateFeed(index, seen[feed.url], feed.url)
            seen[feed.url] = index
        return self


class _DuplicateFeed(ValueError):
    def __init__(self, index: int, first: int, url: str) -> None:
        super().__init__(f"feed URL {url!r} is listed twice (first at feeds[{first}])")
        self.index = index


class Settings(BaseModel):
    """Everything the application needs, validated and resolved; immutable."""

    model_config = ConfigDict(frozen=True)

    config_path: Path
    database_url: str
    feeds: tuple[FeedSource, ...]
    fetch: FetchSettings
    schedule: ScheduleSettings
    extract: ExtractSettings
    dedup: DedupSettings
    serve: ServeSettings | None
    output: OutputSettings
    retention: RetentionSettings
