"""Stories end to end: feeds served on 127.0.0.1, `aggregator poll`, then `stories`,
`entries`, `stories merge` and `stories split`, on SQLite and PostgreSQL."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from .conftest import FeedServer, run, wait_until, write_config
from .synthetic import Article, corpus
from .test_articles import article_page

NO_PAGES = {"extract": {"full_text": "never"}}


def rss(items: list[Article], *, title: str = "Outlet") -> str:
    parts = []
    for item in items:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in item.paragraphs)
        parts.append(
            f"<item><title>{html.escape(item.title)}</title>"
            f"<link>{html.escape(item.link)}</link><guid>{html.escape(item.guid)}</guid>"
            f"<pubDate>{format_datetime(item.published)}</pubDate>"
            f"<description>{html.escape(body)}</description></item>"
        )
    return f"<rss version='2.0'><channel><title>{title}</title>{''.join(parts)}</channel></rss>"


def serve_feeds(server: FeedServer, articles: list[Article]) -> dict[int, str]:
    """One feed per outlet; returns outlet number → feed URL."""
    by_feed: dict[int, list[Article]] = defaultdict(list)
    for article in articles:
        by_feed[article.feed].append(article)
    return {
        feed: server.add(f"/outlet{feed}.xml", rss(items, title=f"Outlet {feed}"))
        for feed, items in by_feed.items()
    }


def stories_json(config: Path, *args: str) -> list[dict[str, Any]]:
    result = run("stories", "--json", "--limit", "0", *args, "--config", str(config))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def entries_json(config: Path) -> list[dict[str, Any]]:
    result = run("entries", "--json", "--limit", "0", "--config", str(config))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def poll(config: Path, *args: str) -> str:
    result = run("poll", *args, "--config", str(config))
    assert result.exit_code == 0, result.output
    return result.output


def check_grouping(articles: list[Article], stories: list[dict[str, Any]]) -> None:
    """Every article's copies in one story, nothing else with them; every entry in
    exactly one story."""
    group_of = {a.link: a.group for a in articles}
    seen: list[str] = []
    for story in stories:
        groups = {group_of[e["url"]] for e in story["entries"]}
        assert len(groups) == 1, story
        seen += [e["url"] for e in story["entries"]]
    assert sorted(seen) == sorted(group_of)
    assert len(stories) == len({a.group for a in articles})


def test_poll_groups_every_copy_into_one_story_with_its_evidence(
    server: FeedServer, config: Any
) -> None:
    articles = corpus(seed=21, groups=12, feeds=6)
    feeds = serve_feeds(server, articles)
    path = config(list(feeds.values()), **NO_PAGES)
    output = poll(path)
    assert "60 grouped: 12 new stories, 48 joined one" in output, output

    stories = stories_json(path)
    check_grouping(articles, stories)
    kind_of = {a.link: a.kind for a in articles}
    for story in stories:
        assert set(story) >= {"id", "title", "first_seen", "updated", "representative"}
        by_kind = {kind_of[e["url"]]: e for e in story["entries"]}
        assert by_kind["original"]["relation"] == "first"
        assert by_kind["tracking"]["signal"] == "canonical-url"
        assert by_kind["retitled"]["signal"] == "shingles"
        assert by_kind["truncated"]["signal"] == "containment"
        for kind in ("tracking", "retitled", "truncated", "trimmed"):
            assert by_kind[kind]["relation"] == "duplicate"
            assert 0 < by_kind[kind]["score"] <= 1
        for entry in story["entries"]:
            assert set(entry) >= {"id", "url", "feed_url", "title", "published", "relation"}
            assert entry["feed_url"] in feeds.values()
        # The representative: the earliest full article (the original is the earliest).
        assert story["representative"] == by_kind["original"]["id"]
        assert story["title"] == by_kind["original"]["title"]

    # entries --json names each entry's story.
    story_of = {e["id"]: s["id"] for s in stories for e in s["entries"]}
    for entry in entries_json(path):
        assert entry["story_id"] == story_of[entry["id"]]

    # Polling again changes nothing.
    before = {s["id"]: s for s in stories}
    output = poll(path, "--force")
    assert "0 new entries, 0 updated" in output, output
    assert "grouped" not in output
    assert {s["id"]: s for s in stories_json(path)} == before


def test_source_priority_picks_the_representative(server: FeedServer, config: Any) -> None:
    articles = corpus(seed=23, groups=3, feeds=6)
    feeds = serve_feeds(server, articles)
    preferred = next(a.feed for a in articles if a.kind == "retitled")
    path = config(list(feeds.values()), dedup={"source_priority": [feeds[preferred]]}, **NO_PAGES)
    poll(path)
    for story in stories_json(path):
        chosen = next(e for e in story["entries"] if e["id"] == story["representative"])
        if any(e["feed_url"] == feeds[preferred] for e in story["entries"]):
            assert chosen["feed_url"] == feeds[preferred]
            assert story["title"] == chosen["title"]


def test_a_later_poll_joins_the_stories_an_earlier_one_started(
    server: FeedServer, config: Any
) -> None:
    """Each poll is a new process: the index is rebuilt from the database."""
    articles = corpus(seed=27, groups=8, feeds=6)
    feeds = serve_feeds(server, articles)
    firsts = sorted({a.feed for a in articles if a.kind == "original"})
    early = [feeds[f] for f in firsts]
    poll(config(early, **NO_PAGES))
    started = {s["id"] for s in stories_json(config(early, **NO_PAGES))}
    path = config(list(feeds.values()), **NO_PAGES)
    poll(path)
    stories = stories_json(path)
    check_grouping(articles, stories)
    # Originals' feeds may carry copies of other stories too, but every story that
    # exists now was started by the first poll.
    assert {s["id"] for s in stories} <= started


def test_stories_filters(server: FeedServer, config: Any) -> None:
    articles = corpus(seed=5, groups=4, feeds=6)
    lonely = [a for a in corpus(seed=6, groups=3, feeds=6) if a.kind == "original"]
    lonely = [
        replace(a, link=a.link + "-x", guid=a.guid + "-x", group=100 + n)
        for n, a in enumerate(lonely)
    ]
    path = config(list(serve_feeds(server, articles + lonely).values()), **NO_PAGES)
    poll(path)
    assert len(stories_json(path)) == 7
    assert len(stories_json(path, "--min-sources", "3")) == 4
    assert len(stories_json(path, "--limit", "2")) == 2
    assert stories_json(path, "--since", "2999-01-01") == []
    text = run("stories", "--min-sources", "5", "--config", str(path)).output
    assert text.count("(5 outlets)") == 4, text


def test_republished_entries_are_updated_not_added(server: FeedServer, config: Any) -> None:
    articles = [a for a in corpus(seed=9, groups=5, feeds=6) if a.kind == "original"]
    feed_url = server.add("/feed.xml", rss(articles))
    path = config([feed_url], **NO_PAGES)
    poll(path)
    before = {e["id"]: e for e in entries_json(path)}
    assert len(before) == 5

    # The feed re-publishes everything: new GUIDs; links with tracking parameters
    # (two of them), on a new address with an edited title (two), or the same item
    # under a new GUID only (one).
    changed = []
    for n, a in enumerate(articles):
        if n < 2:
            link = a.link + "?utm_source=rss&utm_campaign=x"
            changed.append(replace(a, guid=f"urn:new:{n}", link=link))
        elif n < 4:
            link, title = f"{a.link}-moved", a.title + " (updated)"
            changed.append(replace(a, guid=f"urn:new:{n}", link=link, title=title))
        else:
            changed.append(replace(a, guid=f"urn:new:{n}"))
    server.add("/feed.xml", rss(changed))
    output = poll(path, "--force")
    assert "0 new entries, 5 updated" in output, output
    after = {e["id"]: e for e in entries_json(path)}
    assert set(after) == set(before)
    assert {e["guid"] for e in after.values()} == {f"urn:new:{n}" for n in range(5)}
    assert len(stories_json(path)) == 5


def test_merge_and_split_are_kept(server: FeedServer, config: Any) -> None:
    articles = corpus(seed=13, groups=3, feeds=6)
    feeds = serve_feeds(server, articles)
    path = config(list(feeds.values()), **NO_PAGES)
    poll(path)
    stories = stories_json(path)
    a, b, c = sorted(stories, key=lambda s: s["id"])
    kind_of = {x.link: x.kind for x in articles}
    retitled = next(e for e in a["entries"] if kind_of[e["url"]] == "retitled")

    result = run("stories", "split", str(retitled["id"]), "--config", str(path))
    assert result.exit_code == 0, result.output
    result = run("stories", "merge", str(b["id"]), str(c["id"]), "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "moved 5 entries" in result.output

    def grouping() -> dict[int, set[int]]:
        return {s["id"]: {e["id"] for e in s["entries"]} for s in stories_json(path)}

    decided = grouping()
    assert len(decided) == 3
    alone = next(s for s in stories_json(path) if retitled["id"] in {e["id"] for e in s["entries"]})
    assert [e["relation"] for e in alone["entries"]] == ["manual"]
    assert decided[b["id"]] == {e["id"] for e in b["entries"] + c["entries"]}

    # A later poll brings another copy of the split entry's text: it joins a story,
    # and the decisions stay as they were.
    extra = next(x for x in articles if x.link == retitled["url"])
    more = replace(extra, link=extra.link + "-again", guid="again", feed=99)
    late = server.add("/late.xml", rss([more]))
    path = config([*feeds.values(), late], **NO_PAGES)
    poll(path)
    now = grouping()
    for story_id, members in decided.items():
        assert members <= now[story_id]

    # Mistakes get a clear message.
    result = run("stories", "merge", "1", "1", "--config", str(path))
    assert result.exit_code != 0
    assert "two different stories" in result.output
    result = run("stories", "merge", str(b["id"]), "999999", "--config", str(path))
    assert result.exit_code == 1
    assert "no story 999999" in result.output
    result = run("stories", "split", "999999", "--config", str(path))
    assert result.exit_code == 1
    assert "entry 999999" in result.output


def test_a_merge_keeps_the_first_title_and_the_evidence_it_overrode(
    server: FeedServer, config: Any
) -> None:
    articles = corpus(seed=13, groups=3, feeds=6)
    feeds = serve_feeds(server, articles)
    path = config(list(feeds.values()), **NO_PAGES)
    poll(path)
    a, b, c = sorted(stories_json(path), key=lambda s: s["id"])
    # The other story's first entry would stand for the merged story were the
    # representative chosen by feed: its feed comes first in source_priority.
    lead = c["entries"][0]
    path = config(list(feeds.values()), dedup={"source_priority": [lead["feed_url"]]}, **NO_PAGES)

    single = run("stories", "split", str(lead["id"]), "--config", str(path))
    assert single.exit_code == 0, single.output
    alone = next(s for s in stories_json(path) if lead["id"] in {e["id"] for e in s["entries"]})
    result = run("stories", "merge", str(a["id"]), str(alone["id"]), "--config", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"moved 1 entry into story {a['id']}"

    merged = next(s for s in stories_json(path) if s["id"] == a["id"])
    assert merged["title"] == a["title"]
    assert merged["representative"] == lead["id"]  # the policy still picks the lead
    moved = next(e for e in merged["entries"] if e["id"] == lead["id"])
    assert (moved["relation"], moved["signal"], moved["score"]) == ("manual", "user", None)
    # What the grouping had found, before the split and the merge.
    assert moved["auto"] == {
        "relation": lead["relation"],
        "signal": lead["signal"],
        "score": lead["score"],
    }
    shown = run("stories", "show", str(a["id"]), "--config", str(path)).stdout
    assert f"manual by user; the grouping had found: {lead['relation']}" in shown

    retitled = run(
        "stories",
        "merge",
        str(a["id"]),
        str(b["id"]),
        "--title",
        "One story",
        "--config",
        str(path),
    )
    assert retitled.exit_code == 0, retitled.output
    assert retitled.stdout.startswith(f"moved {len(b['entries'])} entries into story")
    assert next(s for s in stories_json(path) if s["id"] == a["id"])["title"] == "One story"
    exported = run("export", "--format", "json", "--config", str(path)).stdout
    assert '"title": "One story"' in exported


def test_pages_that_name_the_same_canonical_are_one_article(
    server: FeedServer, server2: FeedServer, config: Any
) -> None:
    """Two outlets link different addresses (an AMP page, a syndication partner)
    whose pages declare one rel=canonical: a duplicate on the page's evidence."""
    [original] = [a for a in corpus(seed=17, groups=1, feeds=6) if a.kind == "original"]
    canonical = "https://news.example/2026/11/23/the-story"
    words = original.text.split()
    page_a = server.add(
        "/amp/story",
        article_page("The story", [" ".join(words[:60])], canonical=canonical),
        content_type="text/html",
    )
    page_b = server2.add(
        "/partner/story",
        article_page("A story", [" ".join(words[200:260])], canonical=canonical),
        content_type="text/html",
    )
    feed_a = server.add(
        "/a.xml",
        rss(
            [
                Article(
                    **{
                        **original.__dict__,
                        "link": page_a,
                        "guid": page_a,
                        "paragraphs": ("Short.",),
                    }
                )
            ]
        ),
    )
    feed_b = server2.add(
        "/b.xml",
        rss(
            [
                Article(
                    **{
                        **original.__dict__,
                        "link": page_b,
                        "guid": page_b,
                        "title": "Other headline",
                        "paragraphs": ("Brief.",),
                    }
                )
            ]
        ),
    )
    path = config([feed_a, feed_b], extract={"full_text": "always"})
    poll(path)
    [story] = stories_json(path)
    signals = sorted(e["signal"] or "" for e in story["entries"])
    assert signals == ["", "page-canonical"], story


def test_the_daemon_groups_entries_once_their_pages_are_settled(
    server: FeedServer, config: Any, start_daemon: Any
) -> None:
    """The daemon stores each entry at once and groups it when its article's text is
    final: here the page is slow, and the entry waits for it."""
    [first, retitled] = [
        a for a in corpus(seed=31, groups=1, feeds=6) if a.kind in ("original", "retitled")
    ]
    slow = server.add(
        "/slow.html",
        article_page(retitled.title, list(retitled.paragraphs)),
        content_type="text/html",
        delay=2.0,
    )
    teaser = replace(retitled, link=slow, guid=slow, paragraphs=(retitled.paragraphs[0][:80],))
    feeds = [server.add("/one.xml", rss([first])), server.add("/two.xml", rss([teaser]))]
    path = config([{"url": url, "interval": "1h"} for url in feeds], extract={"full_text": "auto"})
    daemon = start_daemon(path)
    wait_until(lambda: len(entries_json(path)) == 2)
    wait_until(lambda: [len(s["entries"]) for s in stories_json(path)] == [2], timeout=30)
    [story] = stories_json(path)
    joined = next(e for e in story["entries"] if e["url"] == slow)
    # Grouped on the page's full text: the same text as the original.
    assert joined["relation"] == "duplicate"
    assert joined["signal"] == "shingles"
    assert daemon.stop() == 0


def test_stories_on_postgresql_with_two_pollers_at_once(
    server: FeedServer, tmp_path: Path, pg_url: str
) -> None:
    """Two processes poll and group at the same moment: each entry is assigned once,
    and every event is still one story."""
    articles = corpus(seed=29, groups=20, feeds=8)
    feeds = serve_feeds(server, articles)
    path = write_config(tmp_path / "feeds.yaml", list(feeds.values()), database=pg_url, **NO_PAGES)
    command = [sys.executable, "-m", "aggregator", "poll", "--config", str(path)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    outputs = [p.communicate(timeout=120)[0].decode() for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    check_grouping(articles, stories_json(path))


def test_the_readme_stories_query(server: FeedServer, config: Any, tmp_path: Path) -> None:
    articles = corpus(seed=37, groups=4, feeds=6)
    path = config(list(serve_feeds(server, articles).values()), **NO_PAGES)
    poll(path)
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    [query] = [
        q
        for q in re.findall(r'sqlite3 aggregator\.db "(.*?)"', readme, re.DOTALL)
        if "stories" in q
    ]
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        rows = connection.execute(" ".join(query.split())).fetchall()
    titles = {a.title for a in articles if a.kind == "original"}
    assert sorted(rows) == sorted((5, title) for title in titles)


def test_the_representative_is_a_preferred_source_then_the_earliest_full_article(
    server: FeedServer, tmp_path: Path, database: str
) -> None:
    """The representative policy, as the database works it out (SQLite and
    PostgreSQL): a feed listed in dedup.source_priority first, then a full article
    before a teaser, then the earliest; and the story's counts and first time."""
    [original] = [a for a in corpus(seed=5, groups=1, feeds=6) if a.kind == "original"]
    teaser = original.paragraphs[:2]  # 685 characters: not a full article

    def copy(feed: int, minutes: int, paragraphs: tuple[str, ...]) -> Article:
        return replace(
            original,
            feed=feed,
            guid=f"outlet{feed}-1",
            link=f"https://outlet{feed}.example/story",
            title=f"Outlet {feed} on the story",
            published=original.published + timedelta(minutes=minutes),
            paragraphs=paragraphs,
        )

    whole = original.paragraphs
    feeds = serve_feeds(
        server, [copy(0, 120, whole), copy(1, 0, teaser), copy(2, 120, whole), copy(3, 1, whole)]
    )

    def story(priority: list[str]) -> dict[str, Any]:
        path = write_config(
            tmp_path / "feeds.yaml",
            list(feeds.values()),
            database=database,
            dedup={"source_priority": priority},
            **NO_PAGES,
        )
        poll(path)
        [found] = stories_json(path)
        return found

    first = story([])
    # The earliest full article (outlet 1's teaser came a minute before it).
    assert first["title"] == "Outlet 3 on the story"
    assert (len(first["entries"]), first["sources"]) == (4, 4)
    assert first["first_seen"].startswith(original.published.strftime("%Y-%m-%dT%H:%M"))
    # A fifth outlet's teaser joins; the story is described again, outlet 2 preferred.
    feeds[4] = server.add("/outlet4.xml", rss([copy(4, 180, teaser)], title="Outlet 4"))
    second = story([feeds[2]])
    assert second["id"] == first["id"]
    assert second["title"] == "Outlet 2 on the story"
    assert (len(second["entries"]), second["sources"]) == (5, 5)
    assert second["first_seen"] == first["first_seen"]
