"""`feeds add URL` fetches what it adds, as polling would: a feed goes in with its
title, a web page is searched for the feeds it announces, anything else is refused
with the reason; `--no-check` adds without fetching."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.config import load_settings
from aggregator.sources.discover import feed_links

from .conftest import FeedServer, run, write_config
from .test_poll import rss


def _page(*links: str) -> str:
    return f"<!doctype html><html><head><title>Site</title>{''.join(links)}</head><body/></html>"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    # Tests fetch from 127.0.0.1: the address policy must allow it, as in polling.
    return write_config(tmp_path / "feeds.yaml", [])


def _feeds(path: Path) -> list[tuple[str, str | None]]:
    return [(feed.url, feed.title) for feed in load_settings(path, {}).feeds]


def test_a_feed_is_added_with_its_own_title(server: FeedServer, path: Path) -> None:
    url = server.add("/news.xml", rss(("a", "A"), title="Valley News"))
    done = run("feeds", "add", url, "--config", str(path))
    assert done.exit_code == 0, done.output
    assert _feeds(path) == [(url, "Valley News")]
    # A title given wins.
    other = server.add("/other.xml", rss(("b", "B"), title="Other"))
    assert run("feeds", "add", other, "--title", "Mine", "--config", str(path)).exit_code == 0
    assert _feeds(path)[1] == (other, "Mine")


def test_a_page_announcing_one_feed_adds_that_feed(server: FeedServer, path: Path) -> None:
    feed = server.add("/feeds/all.atom", rss(("a", "A"), title="The Site"))
    page = server.add(
        "/",
        _page('<link rel="alternate" type="application/atom+xml" href="/feeds/all.atom">'),
        content_type="text/html; charset=utf-8",
    )
    done = run("feeds", "add", page, "--config", str(path))
    assert done.exit_code == 0, done.output
    assert f"announces the feed {feed}" in done.output
    assert _feeds(path) == [(feed, "The Site")]


def test_a_page_announcing_several_lists_them_and_adds_none(server: FeedServer, path: Path) -> None:
    page = server.add(
        "/home",
        _page(
            '<link rel="alternate" type="application/rss+xml" title="All" href="/all.rss">',
            '<link rel="alternate" type="application/feed+json" title="Sport" '
            'href="https://sport.example/feed.json">',
            '<link rel="stylesheet" href="/style.css">',
        ),
        content_type="text/html",
    )
    done = run("feeds", "add", page, "--config", str(path))
    assert done.exit_code == 1
    assert "announces 2 feeds" in done.output
    assert f"{server.url('/all.rss')}  (All)" in done.output
    assert "https://sport.example/feed.json  (Sport)" in done.output
    assert _feeds(path) == []


@pytest.mark.parametrize(
    ("body", "content_type", "status", "said"),
    [
        (_page(), "text/html", 200, "announces no feed"),
        (b"\x89PNG\r\n\x1a\n....", "image/png", 200, "is not a feed"),
        (b"not here", "text/plain", 404, "HTTP 404"),
    ],
)
def test_anything_else_is_refused_with_the_reason(
    server: FeedServer, path: Path, body: str | bytes, content_type: str, status: int, said: str
) -> None:
    url = server.add("/thing", body, content_type=content_type, status=status)
    done = run("feeds", "add", url, "--config", str(path))
    assert done.exit_code == 1
    assert said in done.output
    assert _feeds(path) == []


def test_the_address_policy_holds_and_no_check_adds_offline(
    server: FeedServer, tmp_path: Path
) -> None:
    url = server.add("/news.xml", rss(("a", "A")))
    strict = tmp_path / "strict.yaml"
    strict.write_text("feeds: []\n", encoding="utf-8")  # private addresses not allowed
    refused = run("feeds", "add", url, "--config", str(strict))
    assert refused.exit_code == 1
    assert "127.0.0.1" in refused.output
    assert _feeds(strict) == []

    offline = run(
        "feeds", "add", "https://nowhere.invalid/rss", "--no-check", "--config", str(strict)
    )
    assert offline.exit_code == 0, offline.output
    assert _feeds(strict) == [("https://nowhere.invalid/rss", None)]


def test_feed_links_reads_what_pages_write() -> None:
    html = b"""<html><head><base href="https://site.example/news/">
    <link rel="Alternate" type="application/RSS+XML" href="feed.xml">
    <link rel="alternate feed" type="application/atom+xml; charset=utf-8" href="/atom"
          title=" Atom ">
    <link rel="alternate" type="application/rss+xml" href="feed.xml">
    <link rel="alternate" type="text/html" href="/fr/">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head></html>"""
    found = feed_links(html, "https://other.example/")
    assert [(f.url, f.title) for f in found] == [
        ("https://site.example/news/feed.xml", None),
        ("https://site.example/atom", "Atom"),
    ]
    assert feed_links(b"", "https://x.example/") == []
