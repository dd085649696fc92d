"""Queries people expect: --since as a duration, --tag on entries and stories,
poll --feed, stories show, search --stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from .conftest import FeedServer, run, write_config


def _rss(title: str, items: list[tuple[str, str, str, datetime]]) -> str:
    parts = "".join(
        f"<item><title>{escape(headline)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for headline, link, text, when in items
    )
    return f"<rss version='2.0'><channel><title>{title}</title>{parts}</channel></rss>"


FLOOD = (
    "Flood waters rose across the Swat valley on Tuesday, forcing thousands of families "
    "from their homes as the river broke its banks near Mingora and officials opened "
    "relief camps in schools."
)


def _setup(server: FeedServer, tmp_path: Path, db_url: str) -> tuple[Path, list[str]]:
    now = datetime.now(UTC).replace(microsecond=0)
    old = now - timedelta(days=3)
    dawn = server.add(
        "/dawn.xml",
        _rss(
            "Dawn",
            [
                ("Floods force thousands from homes in Swat", "https://dawn.example/1", FLOOD, now),
                ("Cricket board names new captain", "https://dawn.example/2", "Cricket.", old),
            ],
        ),
    )
    geo = server.add(
        "/geo.xml",
        _rss(
            "Geo",
            [("Swat floods: thousands leave their homes", "https://geo.example/1", FLOOD, now)],
        ),
    )
    bbc = server.add(
        "/bbc.xml",
        _rss("BBC", [("Markets rally in Europe", "https://bbc.example/1", "Stocks rose.", old)]),
    )
    config = write_config(
        tmp_path / "feeds.yaml",
        [
            {"url": dawn, "tags": ["pakistan"]},
            {"url": geo, "tags": ["pakistan"]},
            {"url": bbc, "tags": ["world"]},
        ],
        database=db_url,
        extract={"full_text": "never"},
    )
    return config, [dawn, geo, bbc]


def _lines(*args: str) -> list[dict[str, object]]:
    done = run(*args)
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_since_a_duration_and_tags_on_entries_and_stories(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    config, _ = _setup(server, tmp_path, db_url)
    assert run("poll", "--config", str(config)).exit_code == 0
    c = ("--config", str(config))

    recent = _lines("entries", "--json", "--since", "1d", *c)
    assert {e["url"] for e in recent} == {"https://dawn.example/1", "https://geo.example/1"}
    assert len(_lines("entries", "--json", "--since", "4d", *c)) == 4
    assert len(_lines("entries", "--json", "--since", "1d12h", *c)) == 2

    tagged = _lines("entries", "--json", "--tag", "world", *c)
    assert [e["url"] for e in tagged] == ["https://bbc.example/1"]
    stories = _lines("stories", "--json", "--tag", "pakistan", *c)
    assert {s["title"] for s in stories} >= {"Cricket board names new captain"}
    assert all(s["title"] != "Markets rally in Europe" for s in stories)
    # --since on stories is when they changed: all of them, just now.
    assert len(_lines("stories", "--json", "--tag", "pakistan", "--since", "1h", *c)) == 2

    bad = run("entries", "--since", "yesterday", *c)
    assert bad.exit_code == 2
    assert "12h or 1d" in bad.output


def test_stories_show_and_search_by_story(server: FeedServer, tmp_path: Path, db_url: str) -> None:
    config, _ = _setup(server, tmp_path, db_url)
    assert run("poll", "--config", str(config)).exit_code == 0
    c = ("--config", str(config))
    [flood] = [s for s in _lines("stories", "--json", *c) if s["sources"] == 2]

    shown = run("stories", "show", str(flood["id"]), *c)
    assert shown.exit_code == 0, shown.output
    assert f"[{flood['id']}] " in shown.stdout
    assert "2 outlets, 2 reports" in shown.stdout
    assert "https://dawn.example/1" in shown.stdout
    assert "https://geo.example/1" in shown.stdout
    assert "Dawn" in shown.stdout
    assert "Geo" in shown.stdout
    assert "first" in shown.stdout  # the evidence: how each joined
    as_json = _lines("stories", "show", str(flood["id"]), "--json", *c)
    assert as_json == [flood]
    missing = run("stories", "show", "99999", *c)
    assert missing.exit_code == 1
    assert "no story 99999" in missing.output

    copies = run("search", "swat", *c)
    assert copies.stdout.count("swat") + copies.stdout.count("Swat") >= 2
    per_story = run("search", "swat", "--stories", *c)
    assert per_story.exit_code == 0, per_story.output
    assert per_story.stdout.count(f"[{flood['id']}]") == 1
    assert "(2 outlets)" in per_story.stdout
    [hit] = _lines("search", "swat", "--stories", "--json", *c)
    assert hit["id"] == flood["id"]
    assert hit["sources"] == 2
    assert "snippet" in hit


def test_poll_feed_polls_only_the_feeds_named(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    config, (_, geo, bbc) = _setup(server, tmp_path, db_url)
    done = run("poll", "--feed", geo, "--feed", bbc, "--config", str(config))
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("polled 2 feeds")
    assert server.requests_to("/dawn.xml") == []
    assert len(server.requests_to("/geo.xml")) == 1
    # Named again: polled now, due or not.
    assert run("poll", "--feed", geo, "--config", str(config)).stdout.startswith("polled 1 feed")
    assert len(server.requests_to("/geo.xml")) == 2
    unknown = run("poll", "--feed", "https://nowhere.example/rss", "--config", str(config))
    assert unknown.exit_code == 2
    assert "no feed https://nowhere.example/rss" in unknown.output
