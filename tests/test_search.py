"""`aggregator search`: full-text search over titles and text, kept in step with the
entries (new, edited, extracted later), on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from aggregator.store.engine import make_engine
from aggregator.store.migrate import migrations_dir

from .conftest import FeedServer, run, write_config
from .synthetic import Article
from .test_articles import article_page
from .test_stories import poll, rss

WHEN = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def item(n: int, title: str, text: str, *, day: int = 20) -> Article:
    return Article(
        group=n,
        kind="original",
        feed=1,
        guid=f"https://outlet.example/news/{n}",
        link=f"https://outlet.example/news/{n}",
        title=title,
        paragraphs=(text,),
        published=WHEN.replace(day=day),
    )


NEWS = [
    item(1, "Attacks in Balochistan condemned", "The United States condemned the attack."),
    item(2, "Floods hit Karachi", "Heavy monsoon rains flooded the streets of the city."),
    item(3, "Cricket: Pakistan beat India", "A late wicket settled the match in Lahore."),
    item(4, "Budget passed", "After a long night the assembly passed it; no attacks on it."),
    item(
        5, "Rains return to Lahore", "Rains monsoon, said nobody; the monsoon rains came.", day=22
    ),
]


def search(config: Path, *args: str) -> list[dict[str, Any]]:
    result = run("search", *args, "--json", "--config", str(config))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def titles(config: Path, *args: str) -> list[str]:
    return [hit["title"] for hit in search(config, *args)]


@pytest.fixture
def news(server: FeedServer, tmp_path: Path, database: str) -> Path:
    url = server.add("/news.xml", rss(NEWS, title="Outlet"))
    path = write_config(
        tmp_path / "feeds.yaml",
        [url],
        database=database,
        extract={"full_text": "never"},
    )
    poll(path)
    return path


def test_words_match_their_forms_and_titles_rank_first(news: Path) -> None:
    # "attacks" in one title, "attack" and "attacks" in two texts (porter / english).
    assert titles(news, "attack") == ["Attacks in Balochistan condemned", "Budget passed"]
    assert titles(news, "KARACHI flood") == ["Floods hit Karachi"]
    assert titles(news, "karachi lahore") == []  # every word must appear


def test_phrases_or_and_exclusion(news: Path) -> None:
    assert sorted(titles(news, '"monsoon rains"')) == [
        "Floods hit Karachi",
        "Rains return to Lahore",
    ]
    assert titles(news, '"rains flooded"') == ["Floods hit Karachi"]
    assert titles(news, '"flooded rains"') == []
    assert sorted(titles(news, "karachi or cricket")) == [
        "Cricket: Pakistan beat India",
        "Floods hit Karachi",
    ]
    assert titles(news, "attack -budget") == ["Attacks in Balochistan condemned"]
    assert titles(news, "lahore -rains") == ["Cricket: Pakistan beat India"]
    # An exclusion belongs to its alternative: (karachi AND flood) OR (cricket AND
    # NOT monsoon); the Karachi story mentions the monsoon and is still found.
    assert sorted(titles(news, "karachi flood or cricket -monsoon")) == [
        "Cricket: Pakistan beat India",
        "Floods hit Karachi",
    ]
    assert titles(news, "lahore - rains") == ["Cricket: Pakistan beat India"]


def test_json_fields_snippet_and_since(news: Path) -> None:
    [hit] = search(news, "wicket")
    assert hit["title"] == "Cricket: Pakistan beat India"
    assert hit["url"] == "https://outlet.example/news/3"
    assert hit["feed_url"].endswith("/news.xml")
    assert isinstance(hit["id"], int)
    assert isinstance(hit["story_id"], int)
    assert isinstance(hit["rank"], float)
    assert hit["rank"] > 0
    assert "wicket" in hit["snippet"]
    assert "\ue000" not in hit["snippet"]
    assert titles(news, "lahore", "--since", "2026-11-21") == ["Rains return to Lahore"]
    assert len(search(news, "lahore")) == 2
    # By date instead of relevance: the title match (day 22) and the text match (20).
    assert titles(news, "lahore", "--newest") == [
        "Rains return to Lahore",
        "Cricket: Pakistan beat India",
    ]
    assert titles(news, "attack", "--newest") == [
        "Budget passed",
        "Attacks in Balochistan condemned",
    ]
    assert len(search(news, "lahore", "--limit", "1")) == 1
    # The terminal view: the entry's line, then the passage.
    plain = run("search", "wicket", "--config", str(news))
    assert plain.exit_code == 0
    lines = plain.stdout.splitlines()
    assert "Cricket: Pakistan beat India" in lines[0]
    assert "wicket" in lines[1]


@pytest.mark.parametrize(
    "query",
    [
        "US-Pakistan",
        "AND floods",
        "NEAR(",
        "x*",
        "a:b",
        '"unclosed',
        "title:floods",
        "x'; DROP TABLE entries; --",
    ],
)
def test_any_query_is_safe(news: Path, query: str) -> None:
    """Operators of the backends' own syntax are plain words to a user."""
    result = run("search", query, "--json", "--config", str(news))
    assert result.exit_code == 0, result.output
    assert all(json.loads(line)["id"] for line in result.stdout.splitlines())


@pytest.mark.parametrize("query", ["", "   ", "*", "-budget", '""', "- -", "or"])
def test_a_query_with_nothing_to_find_is_a_usage_error(news: Path, query: str) -> None:
    # "--" ends the options: a query may start with "-".
    result = run("search", "--config", str(news), "--", query)
    assert result.exit_code == 2
    assert "nothing to search for" in result.output


def test_the_index_follows_edits_and_article_text(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    """An edited title replaces the old one in the index; text extracted from the
    article page later is searchable; none of it needs a rebuild."""
    words = "The envoy said the ceasefire would hold through the winter talks. " * 30
    page = server.add(
        "/news/1",
        article_page("Envoy speaks", [words, "Quetta shura met."]),
        content_type="text/html",
    )
    first = item(1, "Envoy arrives", "Short.")
    feed = server.add("/news.xml", rss([Article(**{**first.__dict__, "link": page})]))
    path = write_config(
        tmp_path / "feeds.yaml", [feed], database=database, extract={"full_text": "always"}
    )
    poll(path)
    assert titles(path, "shura") == ["Envoy arrives"]  # only on the page
    server.add(
        "/news.xml",
        rss([Article(**{**first.__dict__, "link": page, "title": "Envoy leaves"})]),
    )
    poll(path, "--force")
    assert titles(path, "arrives") == []
    assert titles(path, "leaves") == ["Envoy leaves"]
    assert titles(path, "shura") == ["Envoy leaves"]  # the page's text is still the body


def downgrade(url: str, revision: str) -> None:
    """Take the schema back to ``revision`` with the migrations' own downgrades."""
    engine = make_engine(url)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_the_index_is_built_for_entries_stored_before_search(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    """Entries stored before the search index existed are found after the upgrade."""
    path = write_config(
        tmp_path / "feeds.yaml",
        [server.add("/news.xml", rss(NEWS))],
        database=database,
        extract={"full_text": "never"},
    )
    poll(path)
    downgrade(database, "0005")
    engine = make_engine(database)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert not tables & {"entries_search", "entry_search", "tombstones"}
    assert titles(path, "wicket") == ["Cricket: Pakistan beat India"]  # upgraded first
    assert len(titles(path, "lahore")) == 2


def test_feed_and_tag_narrow_the_search(server: FeedServer, tmp_path: Path, database: str) -> None:
    south = server.add("/south.xml", rss(NEWS[:3], title="South"))
    world = server.add("/world.xml", rss(NEWS[3:], title="World"))
    path = write_config(
        tmp_path / "feeds.yaml",
        [{"url": south, "tags": ["south-asia"]}, {"url": world, "tags": ["world"]}],
        database=database,
        extract={"full_text": "never"},
    )
    poll(path)
    both = {"Floods hit Karachi", "Rains return to Lahore"}
    assert set(titles(path, "rains")) == both
    assert titles(path, "rains", "--feed", south) == ["Floods hit Karachi"]
    assert set(titles(path, "rains", "--feed", south, "--feed", world)) == both
    assert titles(path, "rains", "--tag", "world") == ["Rains return to Lahore"]
    assert titles(path, "rains", "--tag", "world", "--feed", south) == []  # both must hold
    assert titles(path, "rains", "--feed", f" {south} ") == ["Floods hit Karachi"]
    other = run("search", "rains", "--feed", south + "/", "--config", str(path))
    assert other.exit_code == 2
    assert f"no feed {south}/ in the database" in other.output
    unknown = run("search", "rains", "--tag", "sport", "--config", str(path))
    assert unknown.exit_code == 2
    assert "no feed in feeds.yaml has the tag 'sport'" in unknown.output


def test_common_words_alone_are_refused_on_postgresql(news: Path, database: str) -> None:
    # PostgreSQL's english configuration drops "the" and "and"; SQLite's FTS5 keeps
    # them. Either way the user is told something true.
    result = run("search", "the", "--json", "--config", str(news))
    if database.startswith("postgresql"):
        assert result.exit_code == 2
        assert "ignores words as common as these" in result.output
    else:
        assert result.exit_code == 0, result.output
        assert result.output.strip()


@pytest.mark.parametrize("dense", [False, True])
def test_a_listing_of_stories_finds_the_same_ones_either_way(
    news: Path, dense: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stories with a match (the pages' search box, saved searches): on SQLite a
    common query walks the stories and looks their entries up, a rare one collects
    the matches first. Both give the same stories in the same order."""
    from aggregator.api import Aggregator
    from aggregator.config import load_settings

    searching = importlib.import_module("aggregator.store.search")  # not store.search()

    # DENSE 0 makes every query common (the walk); the default makes these five
    # entries' queries all rare (the collection).
    monkeypatch.setattr(searching, "DENSE", 0 if dense else searching.DENSE)
    reader = Aggregator.open(load_settings(news, {}))
    try:
        every = [story.title for story in reader.stories()]
        for query, expected in [
            ("rains", {"Floods hit Karachi", "Rains return to Lahore"}),
            ("attacks", {"Attacks in Balochistan condemned", "Budget passed"}),
            (
                "monsoon or cricket",
                {"Floods hit Karachi", "Rains return to Lahore", "Cricket: Pakistan beat India"},
            ),
            ("rains -karachi", {"Rains return to Lahore"}),
            ("weather", set()),
        ]:
            found = [story.title for story in reader.stories(search=query)]
            assert set(found) == expected, query
            assert found == [title for title in every if title in expected], query
        assert [s.title for s in reader.stories(search="rains", limit=1)] == [
            title for title in every if title in {"Floods hit Karachi", "Rains return to Lahore"}
        ][:1]
    finally:
        reader.close()
