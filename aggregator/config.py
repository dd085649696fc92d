"""Reads feeds.yaml and the AGGREGATOR_* environment once into a frozen Settings.

Validation only: nothing here touches the network or the database. A bad file is
refused with one ConfigError whose message names the file, the line, the key and what
was expected, e.g.::

    feeds.yaml:14: feeds[3].interval: expected a duration such as 15m, 2h or 1d, got '5 minutes'

Precedence is flag > environment > feeds.yaml > default; the CLI passes flags in as
the ``environ``/``path`` arguments, and no other module reads ``os.environ``.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
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
from pydantic_core import ErrorDetails
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from .dedup import Thresholds
from .durations import DURATION_HINT, checked_keep, parse_duration
from .errors import ConfigError
from .types import FeedSource, FetchPolicy
from .websearch import QueryError, to_fts5

DEFAULT_DATABASE = "sqlite:///aggregator.db"
DEFAULT_INTERVAL = "30m"
USER_AGENT = "aggregator/0.1 (news feed aggregator; +https://pypi.org/project/aggregator/)"


def _duration(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, str):
        # A bare number is ambiguous (seconds? minutes?), so it is refused.
        raise ValueError(f"expected {DURATION_HINT} as text, got {value!r}")
    return parse_duration(value)


Duration = Annotated[int, BeforeValidator(_duration)]


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
    # Two stories whose centroids score this much are one story (merged).
    merge_stories: float = Field(default=Thresholds.merge, gt=0, le=1)

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
        )


class ServeSettings(_Section):
    """The daemon's HTTP endpoint (merged feed, /healthz, /metrics)."""

    host: StrictStr = "127.0.0.1"
    port: StrictInt = Field(default=8080, ge=0, le=65535)


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


def load_settings(path: Path, environ: Mapping[str, str]) -> Settings:
    """Read and validate the configuration file plus AGGREGATOR_* overrides.

    Args:
        path: the feeds.yaml to read.
        environ: the environment (only AGGREGATOR_DATABASE is read here).

    Raises:
        ConfigError: with one message naming the file, line, key and expectation.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ConfigError(
            f"{path}: configuration file not found (use --config PATH or AGGREGATOR_CONFIG)"
        ) from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read configuration file: {e}") from e

    data, lines = _load_yaml(path, text)
    try:
        parsed = FileConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError(_describe(path, e, lines)) from e

    env_database = environ.get("AGGREGATOR_DATABASE")
    if env_database:
        database = _resolve_database(env_database, Path.cwd(), "AGGREGATOR_DATABASE")
    else:
        line = lines.get(("database",), 1)
        database = _resolve_database(
            parsed.database or DEFAULT_DATABASE, path.parent, f"{path}:{line}: database"
        )

    return Settings(
        config_path=path,
        database_url=database,
        feeds=tuple(
            FeedSource(
                url=f.url,
                title=f.title,
                interval_seconds=f.interval,
                min_interval_seconds=min(
                    f.min_interval or parsed.schedule.min_interval, f.interval
                ),
                max_interval_seconds=max(
                    f.max_interval or parsed.schedule.max_interval, f.interval
                ),
                tags=f.tags,
                full_text=_feed_full_text(parsed.extract.full_text, f.full_text),
                keep_seconds=f.keep,
            )
            for f in parsed.feeds
        ),
        fetch=parsed.fetch,
        schedule=parsed.schedule,
        extract=parsed.extract,
        dedup=parsed.dedup,
        serve=parsed.serve,
        output=parsed.output,
        retention=parsed.retention,
    )


def _feed_full_text(default: str, own: str | None) -> str:
    if default == "never":
        return "never"  # the global switch wins: no page fetching anywhere
    return own or default


# The drivers aggregator is tested with; another driver would fail at first use with
# an ImportError, far from the line that chose it.
_DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def _resolve_database(url: str, base: Path, where: str) -> str:
    """Validate a SQLAlchemy URL; a relative SQLite path is taken relative to ``base``."""
    expected = (
        "a SQLAlchemy URL such as sqlite:///aggregator.db or postgresql+psycopg://user@host/dbname"
    )
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise ConfigError(f"{where}: expected {expected}, got {url!r}") from e
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise ConfigError(f"{where}: expected {expected}, got {url!r}")
    # Plain postgresql:// would mean psycopg2, which aggregator does not install.
    parsed = parsed.set(drivername=driver)
    if driver == "postgresql+psycopg" and importlib.util.find_spec("psycopg") is None:
        raise ConfigError(
            f"{where}: PostgreSQL needs the psycopg driver: pip install 'aggregator[postgres]'"
        )
    if driver == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ConfigError(
                f"{where}: an in-memory SQLite database would lose every poll; "
                f"expected a file such as sqlite:///aggregator.db"
            )
        db_path = Path(parsed.database).expanduser()
        if not db_path.is_absolute():
            db_path = (base / db_path).resolve()
        parsed = parsed.set(database=str(db_path))
    return parsed.render_as_string(hide_password=False)


# --- YAML with line numbers -------------------------------------------------------


Path_ = tuple[str | int, ...]


def _load_yaml(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML, returning the data and the 1-based line of every key and item."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = e.problem or str(e)
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: invalid YAML: {e}") from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}:1: expected a mapping with keys such as 'database' and 'feeds', "
            f"got {type(data).__name__}"
        )
    lines: dict[Path_, int] = {}
    if node is not None:
        _index_lines(path, node, (), lines)
    return data, lines


def _index_lines(path: Path, node: yaml.Node, at: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                # PyYAML keeps the last value silently; a repeated key is a mistake.
                dotted = _dotted((*at, key))
                raise ConfigError(
                    f"{path}:{key_node.start_mark.line + 1}: {dotted}: key appears twice"
                )
            seen.add(key)
            lines[(*at, key)] = key_node.start_mark.line + 1
            _index_lines(path, value_node, (*at, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(path, item, (*at, i), lines)


def _dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


_EXPECTED = {
    "string_type": "a string",
    "bool_type": "true or false",
    "int_type": "an integer",
    "float_type": "a number",
    "tuple_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "literal_error": "one of the listed values",
}


def _describe(path: Path, error: ValidationError, lines: dict[Path_, int]) -> str:
    """All validation errors, one ``file:line: key: expectation`` line each, by line."""
    found = sorted({_describe_one(path, e, lines) for e in error.errors(include_url=False)})
    return "\n".join(text for _, text in found)


def _describe_one(path: Path, first: ErrorDetails, lines: dict[Path_, int]) -> tuple[int, str]:
    loc: Path_ = tuple(first["loc"])
    kind = first["type"]
    ctx = first.get("ctx") or {}
    if kind == "value_error" and isinstance(ctx.get("error"), _DuplicateFeed):
        loc = ("feeds", ctx["error"].index, "url")
    line = _line_for(loc, lines)
    where = f"{path}:{line}: {_dotted(loc)}"

    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        return line, f"{where}: unknown key{hint}"
    if kind == "missing":
        return line, f"{where}: required key is missing"
    if kind == "value_error":
        return line, f"{where}: {ctx.get('error', first['msg'])}"
    got = first.get("input")
    expected = _EXPECTED.get(kind)
    if kind == "literal_error":
        expected = f"one of {ctx.get('expected')}"
    if expected:
        return line, f"{where}: expected {expected}, got {got!r}"
    return line, f"{where}: {first['msg'].lower()}, got {got!r}"


def _line_for(loc: Path_, lines: dict[Path_, int]) -> int:
    # The innermost location that the file has; a missing key points at its parent.
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _allowed_keys(loc: Path_) -> list[str]:
    model: type[BaseModel] = FileConfig
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _model_of(field.annotation) if field else None
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
