from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from aggregator.config import load_settings, parse_duration
from aggregator.durations import parse_moment
from aggregator.errors import ConfigError

from .conftest import run

ROOT = Path(__file__).parent.parent

# (feeds.yaml text, line, key, what the message must say)
BAD = {
    "unknown-key": (
        "feeds:\n  - url: https://a.example/rss\n    intreval: 1h\n",
        3,
        "feeds[0].intreval",
        "unknown key (expected one of: url, title, interval, min_interval, max_interval, tags, "
        "full_text, keep)",
    ),
    "unknown-section": ("feeds: []\nfetcher: {}\n", 2, "fetcher", "unknown key"),
    "wrong-type": (
        "fetch:\n  per_host: two\nfeeds: []\n",
        2,
        "fetch.per_host",
        "expected an integer, got 'two'",
    ),
    "wrong-type-bool": (
        "extract:\n  keep_html: 'yes'\nfeeds: []\n",
        2,
        "extract.keep_html",
        "expected true or false, got 'yes'",
    ),
    "full-text-mode": (
        "feeds:\n  - url: https://ok.example/rss\n    full_text: sometimes\n",
        3,
        "feeds[0].full_text",
        "expected one of 'auto', 'always' or 'never', got 'sometimes'",
    ),
    "not-http": (
        "feeds:\n  - url: https://ok.example/rss\n  - url: ftp://files.example/feed.xml\n",
        3,
        "feeds[1].url",
        "expected an http(s) URL, got 'ftp://files.example/feed.xml'",
    ),
    "not-a-url": ("feeds:\n  - url: news\n", 2, "feeds[0].url", "expected an http(s) URL"),
    "bad-interval": (
        "feeds:\n  - url: https://a.example/rss\n    interval: 5 minutes\n",
        3,
        "feeds[0].interval",
        "expected a duration such as 15m, 2h or 1d",
    ),
    "bare-number-interval": (
        "feeds:\n  - url: https://a.example/rss\n    interval: 15\n",
        3,
        "feeds[0].interval",
        "as text, got 15",
    ),
    "zero-interval": (
        "feeds:\n  - url: https://a.example/rss\n    interval: 0m\n",
        3,
        "feeds[0].interval",
        "longer than zero",
    ),
    "missing-url": (
        "feeds:\n  - url: https://a.example/rss\n  - title: No URL\n",
        3,
        "feeds[1].url",
        "required key is missing",
    ),
    "duplicate-url": (
        "feeds:\n  - url: https://a.example/rss\n  - url: https://b.example/rss\n"
        "  - url: https://a.example/rss\n",
        4,
        "feeds[2].url",
        "listed twice (first at feeds[0])",
    ),
    "tags-not-words": (
        "feeds:\n  - url: https://a.example/rss\n    tags: [south asia]\n",
        3,
        "feeds[0].tags",
        "expected single words as tags, got 'south asia'",
    ),
    "tag-leaving-its-folder": (
        "feeds:\n  - url: https://a.example/rss\n    tags: [world, ..]\n",
        3,
        "feeds[0].tags",
        "expected a tag without '/' and not '.' or '..', got '..'",
    ),
    "yaml-syntax": (
        "feeds:\n  - url: https://a.example/rss\n   title: [oops\n",
        3,
        None,
        "invalid YAML",
    ),
    "duplicate-key": (
        "database: sqlite:///a.db\nfeeds: []\ndatabase: sqlite:///b.db\n",
        3,
        "database",
        "key appears twice",
    ),
    "bool-as-seconds": (
        "fetch:\n  timeout: true\nfeeds: []\n",
        2,
        "fetch.timeout",
        "expected a number of seconds, got True",
    ),
    "in-memory-database": ("database: 'sqlite://'\nfeeds: []\n", 1, "database", "in-memory"),
    "unsupported-driver": (
        "database: postgresql+asyncpg://u@h/db\nfeeds: []\n",
        1,
        "database",
        "expected a SQLAlchemy URL such as",
    ),
    "bad-allowed-network": (
        "fetch:\n  allowed_networks: [lan]\nfeeds: []\n",
        2,
        "fetch.allowed_networks[0]",
        "expected a network such as 192.168.1.0/24, got 'lan'",
    ),
    "not-a-mapping": ("- just\n- a list\n", 1, None, "expected a mapping"),
    "dedup-threshold-out-of-range": (
        "feeds: []\ndedup:\n  same_story: 1.5\n",
        3,
        "dedup.same_story",
        "less than or equal to 1",
    ),
    "retention-too-short": (
        "feeds: []\nretention:\n  keep: 2h\n",
        3,
        "retention.keep",
        "expected at least a day (1d), got '2h'",
    ),
    "feed-keep-too-short": (
        "feeds:\n  - url: https://a.example/rss\n    keep: 12h\n",
        3,
        "feeds[0].keep",
        "expected at least a day (1d), got '12h'",
    ),
    "retention-negative-minimum": (
        "feeds: []\nretention:\n  keep: 30d\n  keep_at_least: -3\n",
        4,
        "retention.keep_at_least",
        "greater than or equal to 0",
    ),
    "search-name-not-a-word": (
        "feeds: []\noutput:\n  searches:\n    south asia: pakistan\n",
        4,
        "output.searches.south asia.[key]",
        "expected a name of letters, digits, '-' and '_', got 'south asia'",
    ),
    "search-without-query": (
        "feeds: []\noutput:\n  searches:\n    y2k: '2000'\n    empty:\n",
        5,
        "output.searches.empty.query",
        "required key is missing",
    ),
    "search-read-as-a-number": (
        "feeds: []\noutput:\n  searches:\n    version: 1.10\n",
        3,
        "output.searches",
        "version: expected a query, got 1.1: put it in quotes if it is one (YAML read it as a "
        "float)",
    ),
    "search-of-exclusions-only": (
        "feeds: []\noutput:\n  searches:\n    quiet:\n      query: -sport\n",
        5,
        "output.searches.quiet.query",
        "nothing to search for in '-sport'",
    ),
    "bad-database": (
        "database: mysql://localhost/x\nfeeds: []\n",
        1,
        "database",
        "expected a SQLAlchemy URL such as sqlite:///aggregator.db",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_config_message(tmp_path: Path, case: str) -> None:
    text, line, key, expected = BAD[case]
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    if key:
        assert f": {key}: " in message
    assert expected in message


@pytest.mark.parametrize("case", ["unknown-key", "bad-interval", "yaml-syntax", "not-http"])
@pytest.mark.parametrize("command", [["poll"], ["entries"], ["feeds"], ["db", "upgrade"]])
def test_bad_config_exits_2_without_traceback(
    tmp_path: Path, case: str, command: list[str]
) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(BAD[case][0], encoding="utf-8")
    result = run(*command, "--config", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{path}:{BAD[case][1]}:" in result.output
    assert not (tmp_path / "aggregator.db").exists()  # refused before touching anything


def test_all_errors_are_listed_in_line_order(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "fetch:\n  bogus: 1\nfeeds:\n  - url: ftp://x.example/\n    interval: soon\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, {})
    lines = [re.match(r".*?:(\d+):", line) for line in str(caught.value).splitlines()]
    assert [int(m.group(1)) for m in lines if m] == [2, 4, 5]


def test_missing_config_file(tmp_path: Path) -> None:
    result = run("poll", "--config", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "configuration file not found" in result.output


def test_config_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.yaml"
    path.write_text("feeds: []\n", encoding="utf-8")
    result = run("feeds", env={"AGGREGATOR_CONFIG": str(path)})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "aggregator.db").exists()


def test_defaults_and_relative_database(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "feeds.yaml"
    path.parent.mkdir()
    path.write_text(
        "database: sqlite:///data/news.db\nfeeds:\n  - url: https://a.example/rss\n"
        "    title: A\n    interval: 1h30m\n    tags: [world, asia]\n",
        encoding="utf-8",
    )
    settings = load_settings(path, {})
    assert settings.database_url == f"sqlite:///{tmp_path / 'conf' / 'data' / 'news.db'}"
    feed = settings.feeds[0]
    assert (feed.url, feed.title, feed.interval_seconds, feed.tags) == (
        "https://a.example/rss",
        "A",
        5400,
        ("world", "asia"),
    )
    assert settings.fetch.per_host == 2
    assert settings.fetch.allow_private_networks is False
    assert settings.extract.full_text == "auto"
    assert feed.full_text == "auto"
    assert settings.serve is None


def test_default_database_is_beside_the_config(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds: []\n", encoding="utf-8")
    assert load_settings(path, {}).database_url == f"sqlite:///{tmp_path / 'aggregator.db'}"


def test_bad_database_in_environment_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds: []\n", encoding="utf-8")
    result = run("feeds", "--config", str(path), env={"AGGREGATOR_DATABASE": "mysql://x/y"})
    assert result.exit_code == 2
    assert result.output.startswith("Error: AGGREGATOR_DATABASE: expected a SQLAlchemy URL")


def test_plain_postgresql_url_uses_psycopg(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("database: postgresql://u@h/db\nfeeds: []\n", encoding="utf-8")
    assert load_settings(path, {}).database_url == "postgresql+psycopg://u@h/db"


def test_environment_overrides_database(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("database: sqlite:///file.db\nfeeds: []\n", encoding="utf-8")
    settings = load_settings(path, {"AGGREGATOR_DATABASE": "postgresql+psycopg://u@h/db"})
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_every_section_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "fetch: {timeout: 20, connect_timeout: 5, read_timeout: 10, user_agent: x,"
        " concurrency: 8, per_host: 1, max_bytes: 2000000, max_redirects: 3,"
        " allow_private_networks: true}\n"
        "extract: {full_text: false}\n"
        "dedup: {enabled: true, window: 2d, source_priority: [https://a.example/rss],"
        " text_wait: 5m, same_text: 0.6, contained: 0.9, same_story: 0.4,"
        " decay_after: 6h, decay: 12h, late_penalty: 0.1, merge_stories: 0.6}\n"
        "serve: {host: 0.0.0.0, port: 8081}\n"
        "output: {directory: out, formats: [atom, json], title: My news, max_items: 50}\n"
        "feeds: []\n",
        encoding="utf-8",
    )
    settings = load_settings(path, {})
    assert settings.fetch.timeout == 20.0
    assert settings.dedup.window == 2 * 86400
    thresholds = settings.dedup.thresholds()
    assert (thresholds.jaccard, thresholds.containment, thresholds.story) == (0.6, 0.9, 0.4)
    assert (thresholds.window, thresholds.decay_after, thresholds.decay) == (
        2 * 86400,
        6 * 3600,
        12 * 3600,
    )
    assert (thresholds.late_penalty, thresholds.merge) == (0.1, 0.6)
    assert settings.dedup.text_wait == 300
    assert settings.serve is not None
    assert settings.serve.port == 8081
    assert settings.output.formats == ("atom", "json")


def test_shipped_feeds_yaml_is_valid() -> None:
    settings = load_settings(ROOT / "feeds.yaml", {})
    assert len(settings.feeds) >= 18
    assert all(feed.url.startswith("https://") for feed in settings.feeds)
    assert any("south-asia" in feed.tags for feed in settings.feeds)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("1w", 604800), ("45s", 45)],
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15", "15 minutes", "1h 30x", "-5m"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_duration(text)


def test_parse_moment_takes_durations_ago_and_dates() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert parse_moment("1d", now) == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert parse_moment(" 2026-11-20 ", now) == datetime(2026, 11, 20, tzinfo=UTC)
    # "until 2026-11-20" takes in the whole of that day; a time is taken as given.
    assert parse_moment("2026-11-20", now, end_of_day=True) == datetime(2026, 11, 21, tzinfo=UTC)
    assert parse_moment("2026-11-20T08:00", now, end_of_day=True) == datetime(
        2026, 11, 20, 8, tzinfo=UTC
    )
    assert parse_moment("2026-11-20T08:00+02:00", now) == datetime(2026, 11, 20, 6, tzinfo=UTC)
    with pytest.raises(ValueError, match="expected a duration such as 12h or 1d, or an ISO"):
        parse_moment("soon", now)


@pytest.mark.parametrize(
    ("serve", "output", "expected"),
    [
        (None, None, "http://127.0.0.1:8080/"),
        ("{port: 8081}", None, "http://127.0.0.1:8081/"),
        ("{host: 0.0.0.0, port: 9000}", None, "http://127.0.0.1:9000/"),
        ("{host: '::1', port: 9000}", None, "http://[::1]:9000/"),
        ("{port: 8081}", "{base_url: 'https://news.example/'}", "https://news.example/"),
    ],
)
def test_base_url_follows_serve_unless_given(
    tmp_path: Path, serve: str | None, output: str | None, expected: str
) -> None:
    path = tmp_path / "feeds.yaml"
    text = "feeds: []\n"
    if serve:
        text += f"serve: {serve}\n"
    if output:
        text += f"output: {output}\n"
    path.write_text(text, encoding="utf-8")
    assert load_settings(path, {}).output.base_url == expected


def test_edits_from_the_pages_beyond_this_machine_need_a_token(tmp_path: Path) -> None:
    def load(serve: dict[str, object]) -> object:
        path = tmp_path / "feeds.yaml"
        path.write_text(yaml.safe_dump({"serve": serve, "feeds": []}), encoding="utf-8")
        return load_settings(path, {}).serve

    assert load({"allow_edits": True}) is not None  # 127.0.0.1: this machine only
    assert load({"host": "::1", "allow_edits": True}) is not None
    with pytest.raises(ConfigError, match=r"needs a serve\.token"):
        load({"host": "0.0.0.0", "allow_edits": True})
    with pytest.raises(ConfigError, match="at least 16 characters"):
        load({"host": "0.0.0.0", "allow_edits": True, "token": "short"})
    assert load({"host": "0.0.0.0", "allow_edits": True, "token": "x" * 16}) is not None
