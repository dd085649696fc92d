"""`aggregator export`: the merged feed in Atom, RSS and JSON Feed, read back by an
independent parser (feedparser) and checked for the spec's required elements."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import feedparser
import httpx
import lxml.html
import pytest

from .conftest import FeedServer, run, wait_until, write_config
from .synthetic import corpus
from .test_daemon import free_port
from .test_stories import NO_PAGES, entries_json, poll, rss, serve_feeds, stories_json


def title_word(title: str) -> str:
    return next(w for w in title.lower().split() if w.isalpha() and len(w) >= 5)


def export(config: Path, *args: str) -> bytes:
    result = run("export", *args, "--config", str(config))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture
def grouped(server: FeedServer, config: Any) -> tuple[Path, dict[int, str], list[Any]]:
    articles = corpus(seed=41, groups=3, feeds=6)
    feeds = serve_feeds(server, articles)
    tagged = [
        {"url": url, "title": f"Outlet {n}", "tags": ["world"] if n % 2 else ["local"]}
        for n, url in feeds.items()
    ]
    path = config(tagged, **NO_PAGES)
    poll(path)
    return path, feeds, articles


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_atom_and_rss_read_back_cleanly(grouped: Any, kind: str) -> None:
    path, feeds, _ = grouped
    stories = {s["id"]: s for s in stories_json(path)}
    parsed = feedparser.parse(export(path, "--format", kind))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if kind == "atom" else "rss20")
    feed = parsed.feed
    assert feed.title == "Aggregated news"
    assert any(link.rel == "self" for link in feed.links)
    assert feed.get("updated") or feed.get("lastbuilddate") or feed.get("updated_parsed")
    assert "aggregator" in (feed.get("generator") or "")
    assert len(parsed.entries) == len(stories)
    for entry in parsed.entries:
        story = stories[int(entry.id.rsplit("/", 1)[1])]
        assert entry.id.startswith("tag:127.0.0.1,2026:story/")
        assert entry.title == story["title"]
        representative = next(e for e in story["entries"] if e["id"] == story["representative"])
        assert entry.link == representative["url"]
        others = [e for e in story["entries"] if e["id"] != story["representative"]]
        assert "Also reported by" in entry.description or "Also reported by" in (
            entry.get("content", [{}])[0].get("value", "")
        )
        if kind == "atom":
            related = [link for link in entry.links if link.rel == "related"]
            assert {link.href for link in related} == {e["url"] for e in others}
            assert all(link.title.startswith("Outlet ") for link in related)
            assert entry.published_parsed
            assert entry.updated_parsed
        else:
            outlets = {t.term for t in entry.tags if (t.get("scheme") or "").endswith(".xml")}
            assert outlets == {
                f"Outlet {n}"
                for n, url in feeds.items()
                if url in {e["feed_url"] for e in story["entries"]}
            }
            assert entry.source.href in feeds.values()
            assert entry.guidislink is False


def test_json_feed_follows_the_spec(grouped: Any) -> None:
    path, feeds, _ = grouped
    document = json.loads(export(path, "--format", "json"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"]
    assert document["feed_url"].endswith("/feed.json")
    stories = {s["id"]: s for s in stories_json(path)}
    assert len(document["items"]) == len(stories)
    for item in document["items"]:
        story = stories[int(item["id"].rsplit("/", 1)[1])]
        # Required: id; and content_html or content_text.
        assert isinstance(item["id"], str)
        assert item["content_html"]
        assert item["date_published"]
        assert item["date_modified"]
        sources = item["_aggregator"]["sources"]
        assert [s["url"] for s in sources] == [e["url"] for e in story["entries"]]
        for source in sources:
            assert set(source) == {
                "url",
                "feed_url",
                "feed_title",
                "title",
                "published",
                "relation",
            }
            assert source["feed_url"] in feeds.values()
        assert set(item["tags"]) <= {"world", "local"}


def test_filters_and_file_output(grouped: Any, tmp_path: Path) -> None:
    path, _, _ = grouped
    assert len(json.loads(export(path, "--format", "json", "--limit", "2"))["items"]) == 2
    assert json.loads(export(path, "--format", "json", "--min-sources", "9"))["items"] == []
    assert json.loads(export(path, "--format", "json", "--since", "2999-01-01"))["items"] == []
    world = json.loads(export(path, "--format", "json", "--tag", "world"))
    assert world["feed_url"].endswith("/tags/world/feed.json")
    assert all("world" in item["tags"] for item in world["items"])
    target = tmp_path / "public" / "feed.atom"
    result = run("export", "--output", str(target), "--config", str(path))
    assert result.exit_code == 0, result.output
    assert not feedparser.parse(target.read_bytes()).bozo
    assert [p.name for p in target.parent.iterdir()] == ["feed.atom"]  # no temporary left


def test_a_story_that_grows_keeps_its_id(server: FeedServer, config: Any) -> None:
    articles = [a for a in corpus(seed=43, groups=2, feeds=6) if a.kind in ("original",)]
    feed_url = server.add("/one.xml", rss(articles))
    path = config([feed_url], **NO_PAGES)
    poll(path)
    before = {i["id"]: i for i in json.loads(export(path, "--format", "json"))["items"]}
    copy = replace(articles[0], link=articles[0].link + "-copy", guid="copy", feed=9)
    late = server.add("/two.xml", rss([copy]))
    poll(config([feed_url, late], **NO_PAGES))
    after = {i["id"]: i for i in json.loads(export(path, "--format", "json"))["items"]}
    assert set(after) == set(before)
    grown = [i for i in after if len(after[i]["_aggregator"]["sources"]) == 2]
    assert len(grown) == 1
    assert after[grown[0]]["date_modified"] > before[grown[0]]["date_modified"]


def test_hostile_markup_in_feeds_stays_text(server: FeedServer, config: Any) -> None:
    [original] = [a for a in corpus(seed=47, groups=1, feeds=6) if a.kind == "original"]
    hostile = replace(
        original,
        title='Breaking <script>alert(1)</script><img src=x onerror="alert(2)">',
        paragraphs=(
            '<iframe src="https://evil.example/"></iframe><form action="/x"><input></form>'
            '<a href="javascript:alert(3)" style="color:red" onclick="x()">click</a> '
            + original.paragraphs[0],
        ),
    )
    path = config([server.add("/h.xml", rss([hostile]))], **NO_PAGES)
    poll(path)
    for kind in ("atom", "rss", "json"):
        body = export(path, "--format", kind)
        if kind == "json":
            html_parts = [i["content_html"] for i in json.loads(body)["items"]]
        else:
            parsed = feedparser.parse(body)
            assert not parsed.bozo
            # Our own markup, as the raw document carries it (feedparser would
            # sanitise it again, which would hide a mistake).
            html_parts = _raw_html(body, kind)
        for part in html_parts:
            tree = lxml.html.fragment_fromstring(part, create_parent="div")
            tags = {element.tag for element in tree.iter()}
            assert not tags & {"script", "iframe", "form", "input", "style", "img"}, tags
            for element in tree.iter():
                assert not [a for a in element.attrib if a.startswith("on") or a == "style"]
                assert not element.get("href", "").startswith("javascript:")


def _raw_html(body: bytes, kind: str) -> list[str]:
    from lxml import etree

    root = etree.fromstring(body)
    if kind == "atom":
        return [e.text for e in root.iter("{http://www.w3.org/2005/Atom}content")]
    return [e.text for e in root.iter("description") if e.getparent().tag == "item"]


def test_the_daemon_keeps_the_output_files(
    server: FeedServer, config: Any, tmp_path: Path, start_daemon: Any
) -> None:
    articles = corpus(seed=53, groups=2, feeds=6)
    feeds = serve_feeds(server, articles)
    tagged = [
        {"url": url, "interval": "1h", "tags": ["world"] if n % 2 else ["local"]}
        for n, url in feeds.items()
    ]
    output = {"directory": "public", "searches": {"picked": title_word(articles[0].title)}}
    path = config(tagged, output=output, **NO_PAGES)
    daemon = start_daemon(path)
    atom = tmp_path / "public" / "feed.atom"

    def stories_written() -> int:
        return len(feedparser.parse(atom.read_bytes()).entries) if atom.exists() else 0

    wait_until(lambda: stories_written() == 2, timeout=30)
    parsed = feedparser.parse(atom.read_bytes())
    assert not parsed.bozo
    assert {e.title for e in parsed.entries} == {a.title for a in articles if a.kind == "original"}
    # A user's merge, in another process: the files follow without new entries.
    first, second = (story["id"] for story in stories_json(path))
    assert run("stories", "merge", str(first), str(second), "--config", str(path)).exit_code == 0
    wait_until(lambda: stories_written() == 1, timeout=30)
    assert daemon.stop() == 0
    for name in ("feed.rss", "feed.json", "tags/world/feed.atom", "tags/local/feed.json"):
        assert (tmp_path / "public" / name).exists(), name
    picked = json.loads((tmp_path / "public" / "searches" / "picked" / "feed.json").read_bytes())
    assert len(picked["items"]) == 1  # the merged story holds the word
    world = json.loads((tmp_path / "public" / "tags" / "world" / "feed.json").read_bytes())
    assert all("world" in item["tags"] for item in world["items"])
    # No temporary files left behind (only the list of the files written).
    assert [p.name for p in (tmp_path / "public").rglob(".*")] == [".aggregator-files"]


def test_the_daemon_serves_the_merged_feed_with_etag_and_304(
    server: FeedServer, config: Any, start_daemon: Any
) -> None:
    articles = corpus(seed=59, groups=2, feeds=6)
    feeds = serve_feeds(server, articles)
    port = free_port()
    path = config(
        [{"url": url, "interval": "1h", "tags": ["world", "café"]} for url in feeds.values()],
        serve={"host": "127.0.0.1", "port": port},
        output={"searches": {"picked": title_word(articles[0].title)}},
        **NO_PAGES,
    )
    daemon = start_daemon(path)
    base = f"http://127.0.0.1:{port}"

    def served() -> int:
        try:
            with httpx.Client() as client:
                response = client.get(f"{base}/feed.json")
        except httpx.HTTPError:
            return -1
        return len(response.json()["items"]) if response.status_code == 200 else -1

    wait_until(lambda: served() == 2, timeout=30)
    with httpx.Client() as client:
        for name in (
            "feed.atom",
            "feed.rss",
            "feed.json",
            "tags/world/feed.atom",
            "searches/picked/feed.atom",
        ):
            response = client.get(f"{base}/{name}")
            assert response.status_code == 200, name
            etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
            if name != "feed.json":
                assert not feedparser.parse(response.content).bozo
            again = client.get(f"{base}/{name}", headers={"If-None-Match": etag})
            assert again.status_code == 304
            assert again.content == b""
            since = client.get(f"{base}/{name}", headers={"If-Modified-Since": modified})
            assert since.status_code == 304
            other = client.get(f"{base}/{name}", headers={"If-None-Match": '"other"'})
            assert other.status_code == 200
        assert client.get(f"{base}/tags/none/feed.atom").status_code == 404
        # A tag outside ASCII: served where its own self link says.
        response = client.get(f"{base}/tags/caf%C3%A9/feed.json")
        assert response.status_code == 200
        assert response.json()["feed_url"].endswith("/tags/caf%C3%A9/feed.json")
    assert daemon.stop() == 0


def only_in(story: dict[str, Any], others: list[dict[str, Any]], entries: list[Any]) -> str:
    """A word of ``story``'s title found in no entry of the other stories (nor any
    word sharing its first five letters, which stemming might take for it)."""
    text = {e["id"]: f"{e['title']} {e['content_text']}".lower() for e in entries}
    elsewhere = " ".join(text[e["id"]] for other in others for e in other["entries"])
    for word in story["title"].lower().split():
        if word.isalpha() and len(word) >= 5 and word[:5] not in elsewhere:
            return word
    raise AssertionError(f"no word of {story['title']!r} is its own")


def test_a_saved_search_is_a_merged_feed_of_its_stories(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    articles = corpus(seed=61, groups=3, feeds=6)
    feeds = serve_feeds(server, articles)
    path = write_config(tmp_path / "feeds.yaml", list(feeds.values()), database, **NO_PAGES)
    poll(path)
    stories = sorted(stories_json(path), key=lambda s: s["id"])
    entries = entries_json(path)
    first, second, third = stories
    one = only_in(first, [second, third], entries)
    two = only_in(second, [first, third], entries)
    path = write_config(
        tmp_path / "feeds.yaml",
        list(feeds.values()),
        database,
        output={
            "searches": {
                "first": one,
                "either": f"{one} or {two}",
                "widely": {"query": f"{one} or {two}", "min_sources": len(feeds) + 1},
                "none": f"{one} -{one}",
            }
        },
        **NO_PAGES,
    )
    found = json.loads(export(path, "--format", "json", "--search", "first"))
    assert [item["id"].rsplit("/", 1)[1] for item in found["items"]] == [str(first["id"])]
    assert found["feed_url"].endswith("/searches/first/feed.json")
    assert found["title"] == "Aggregated news \u2013 first"
    # Every source of the story is listed, not only the entries that match.
    assert len(found["items"][0]["_aggregator"]["sources"]) == len(first["entries"])
    either = json.loads(export(path, "--format", "json", "--search", "either"))
    assert {int(item["id"].rsplit("/", 1)[1]) for item in either["items"]} == {
        first["id"],
        second["id"],
    }
    # min_sources: the saved search's, or the command line's if higher.
    assert json.loads(export(path, "--format", "json", "--search", "widely"))["items"] == []
    stricter = ["--search", "either", "--min-sources", str(len(feeds) + 1)]
    assert json.loads(export(path, "--format", "json", *stricter))["items"] == []
    assert json.loads(export(path, "--format", "json", "--search", "none"))["items"] == []
    parsed = feedparser.parse(export(path, "--format", "atom", "--search", "first"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    [self_link] = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_link.endswith("/searches/first/feed.atom")
    unknown = run("export", "--search", "nope", "--config", str(path))
    assert unknown.exit_code == 2
    assert "no saved search 'nope'" in unknown.output
    assert "either, first, none, widely" in unknown.output
    both = run("export", "--search", "first", "--tag", "world", "--config", str(path))
    assert both.exit_code == 2


def test_a_running_daemon_takes_new_output_and_retention(
    server: FeedServer, config: Any, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    from .test_retention import age

    articles = corpus(seed=67, groups=2, feeds=5)
    feeds = serve_feeds(server, articles)
    listed = [{"url": url, "interval": "1h"} for url in feeds.values()]
    path = config(listed, output={"directory": "public"}, **NO_PAGES)
    daemon = start_daemon(path)
    public = tmp_path / "public"

    def items(name: str) -> list[Any]:
        try:
            return list(json.loads((public / name).read_bytes())["items"])
        except (OSError, ValueError):
            return []

    wait_until(lambda: len(items("feed.json")) == 2, timeout=30)
    stories = stories_json(path)
    [kept] = [s for s in stories if articles[0].link in {e["url"] for e in s["entries"]}]
    [old] = [s for s in stories if s is not kept]
    age(db_url, [e["id"] for e in old["entries"]], days=100)
    # Both sections change in the running daemon's feeds.yaml: a saved search and
    # a retention that the aged story is past.
    output = {"directory": "public", "searches": {"picked": title_word(articles[0].title)}}
    config(listed, output=output, retention={"keep": "30d"}, **NO_PAGES)
    wait_until(lambda: [i["id"] for i in items("searches/picked/feed.json")] != [], timeout=30)
    wait_until(lambda: len(items("feed.json")) == 1, timeout=30)  # pruned now, not in a day
    assert items("feed.json")[0]["id"].endswith(f":story/{kept['id']}")
    assert items("searches/picked/feed.json")[0]["id"].endswith(f":story/{kept['id']}")
    assert daemon.stop() == 0
    log = daemon.log()
    assert "event=config.reloaded" in log
    assert "applied=output,retention" in log
    assert "restart_needed" not in log.split("event=config.reloaded", 1)[1].split("\n", 1)[0]
    assert "event=retention.pruned" in log


def test_files_of_feeds_gone_from_the_config_are_removed(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from aggregator.output.publish import Document, write_files

    def doc(body: bytes) -> Document:
        return Document(body, "application/atom+xml", datetime(2026, 11, 24, tzinfo=UTC), '"e"')

    public = tmp_path / "public"
    first = ["feed.atom", "feed.json", "tags/x/feed.atom", "searches/old/feed.atom"]
    write_files(public, {name: doc(b"1") for name in first})
    (public / "tags" / "x" / "notes.txt").write_text("the user's", "utf-8")
    (public / "index.html").write_text("the user's", "utf-8")
    (public / "searches" / "mine").mkdir()
    (public / "searches" / "mine" / "feed.json").write_text("the user's own feed", "utf-8")
    write_files(public, {name: doc(b"2") for name in ["feed.atom", "searches/new/feed.atom"]})
    left = sorted(p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file())
    assert left == [
        ".aggregator-files",
        "feed.atom",
        "index.html",
        "searches/mine/feed.json",
        "searches/new/feed.atom",
        "tags/x/notes.txt",
    ]
    assert not (public / "searches" / "old").exists()  # its folder went with it
    assert (public / "feed.atom").read_bytes() == b"2"


def test_a_document_that_changes_without_a_newer_story_gets_a_later_last_modified() -> None:
    from datetime import UTC, datetime, timedelta

    from aggregator.output.publish import Document
    from aggregator.output.serve import FeedDocuments, not_modified

    story_time = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    started = story_time + timedelta(hours=3)
    served = FeedDocuments()
    # The first document of a process: stamped when it started (what changed while
    # it was stopped is not known).
    served.replace({"feed.atom": Document(b"a", "t", story_time, '"a"')}, started)
    first = served.get("feed.atom")
    assert first is not None
    assert first.updated == started
    since = "Tue, 24 Nov 2026 11:00:00 GMT"  # what a reader got as Last-Modified
    assert not_modified(first, None, since)
    # A story was merged away a second later: changed, with no newer story.
    later = started + timedelta(seconds=1)
    served.replace({"feed.atom": Document(b"b", "t", story_time, '"b"')}, later)
    second = served.get("feed.atom")
    assert second is not None
    assert second.updated == later
    assert not not_modified(second, None, since)
    # Rendered again unchanged: the stamp stays.
    served.replace({"feed.atom": Document(b"b", "t", story_time, '"b"')}, later + timedelta(1))
    assert served.get("feed.atom") == second
    # A newer story: its time.
    newer = later + timedelta(hours=1)
    served.replace({"feed.atom": Document(b"c", "t", newer, '"c"')}, newer + timedelta(1))
    third = served.get("feed.atom")
    assert third is not None
    assert third.updated == newer
