"""The one-shot poll end to end: real HTTP server, real SQLite file, the CLI."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from aggregator.errors import FetchError
from aggregator.sources.fetch import fetch_feed
from aggregator.sources.netguard import GuardedTransport
from aggregator.types import CacheInfo, FetchPolicy

from .conftest import DATA, FeedServer, run

RSS = (DATA / "rss2.xml").read_text("utf-8")


def rss(*items: tuple[str, str], title: str = "Feed") -> str:
    body = "".join(
        f"<item><title>{t}</title><link>https://site.example/{g}</link>"
        f'<guid isPermaLink="false">{g}</guid><description>About {t}.</description></item>'
        for g, t in items
    )
    return f'<rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'


def db_rows(tmp_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    # Read the file the way a user's sqlite3 session would.
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        return connection.execute(sql, args).fetchall()


def entries_json(config: Path, *args: str) -> list[dict[str, Any]]:
    result = run("entries", "--json", "--limit", "0", "--config", str(config), *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def five_feeds(server: FeedServer, config: Any) -> Path:
    urls = [
        server.add_file("/rss2.xml", "rss2.xml", etag='"v1"'),
        server.add_file(
            "/atom.xml",
            "atom.xml",
            content_type="application/atom+xml",
            last_modified="Tue, 27 Aug 2024 10:00:00 GMT",
        ),
        server.add_file("/rdf.xml", "rdf.xml", content_type="application/rdf+xml", etag='"r"'),
        server.add_file(
            "/feed.json", "feed.json", content_type="application/feed+json", etag='"j"'
        ),
        server.add_file(
            "/cp1251.xml",
            "cp1251-header.xml",
            content_type="text/xml; charset=windows-1251",
            etag='"c"',
        ),
    ]
    return config(urls)  # type: ignore[no-any-return]


def test_first_poll_stores_every_entry_once(five_feeds: Path, tmp_path: Path) -> None:
    result = run("poll", "--config", str(five_feeds))
    assert result.exit_code == 0, result.output
    assert "polled 5 feeds: 5 ok (0 not modified), 0 failed; 11 new entries" in result.output
    per_feed = dict(
        db_rows(
            tmp_path,
            "SELECT feeds.url, count(*) FROM entries JOIN feeds ON feeds.id = entries.feed_id "
            "GROUP BY feeds.url",
        )
    )
    assert sorted(per_feed.values()) == [2, 2, 2, 2, 3]
    assert db_rows(tmp_path, "SELECT count(*), count(DISTINCT feed_id || key) FROM entries") == [
        (11, 11)
    ]
    titles = {e["title"] for e in entries_json(five_feeds)}
    assert "Переговоры в Женеве возобновились" in titles
    assert "Attacks in Balochistan condemned" in titles


def test_second_poll_is_conditional_and_stores_nothing(
    five_feeds: Path, server: FeedServer, tmp_path: Path
) -> None:
    run("poll", "--config", str(five_feeds))
    before = db_rows(tmp_path, "SELECT id, content_hash FROM entries ORDER BY id")
    result = run("poll", "--force", "--config", str(five_feeds))
    assert result.exit_code == 0, result.output
    assert "5 ok (5 not modified), 0 failed; 0 new entries, 0 updated" in result.output
    assert server.requests_to("/rss2.xml")[-1].headers["if-none-match"] == '"v1"'
    assert (
        server.requests_to("/atom.xml")[-1].headers["if-modified-since"]
        == "Tue, 27 Aug 2024 10:00:00 GMT"
    )
    assert db_rows(tmp_path, "SELECT id, content_hash FROM entries ORDER BY id") == before
    statuses = {s for (s,) in db_rows(tmp_path, "SELECT last_status FROM feeds")}
    assert statuses == {"not_modified"}


def test_feed_without_validators_stores_nothing_twice(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    path = config([server.add("/plain.xml", rss(("a", "A"), ("b", "B")))])
    run("poll", "--config", str(path))
    result = run("poll", "--force", "--config", str(path))
    assert "1 ok (0 not modified), 0 failed; 0 new entries, 0 updated" in result.output
    assert db_rows(tmp_path, "SELECT count(*) FROM entries") == [(2,)]
    assert "if-none-match" not in server.requests_to("/plain.xml")[-1].headers


def test_changed_feed_adds_only_new_entries(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    path = config([server.add("/f.xml", rss(("a", "A"), ("b", "B")), etag='"1"')])
    run("poll", "--config", str(path))
    first_ids = db_rows(tmp_path, "SELECT key, id FROM entries ORDER BY key")
    server.add("/f.xml", rss(("c", "C"), ("a", "A"), ("b", "B")), etag='"2"')
    result = run("poll", "--force", "--config", str(path))
    assert "1 new entries, 0 updated" in result.output
    rows = db_rows(tmp_path, "SELECT key, id FROM entries ORDER BY key")
    assert [k for k, _ in rows] == ["a", "b", "c"]
    assert rows[:2] == first_ids  # the old rows were left alone


def test_edited_entry_is_updated_not_added(server: FeedServer, config: Any, tmp_path: Path) -> None:
    path = config([server.add("/f.xml", rss(("a", "Draft headline")), etag='"1"')])
    run("poll", "--config", str(path))
    server.add("/f.xml", rss(("a", "Final headline")), etag='"2"')
    result = run("poll", "--force", "--config", str(path))
    assert "0 new entries, 1 updated" in result.output
    assert db_rows(tmp_path, "SELECT key, title FROM entries") == [("a", "Final headline")]


def test_only_due_feeds_are_polled(server: FeedServer, config: Any) -> None:
    path = config([server.add("/f.xml", rss(("a", "A")))])
    run("poll", "--config", str(path))
    result = run("poll", "--config", str(path))
    assert "polled 0 feeds" in result.output
    assert len(server.requests_to("/f.xml")) == 1
    run("poll", "--force", "--config", str(path))
    assert len(server.requests_to("/f.xml")) == 2


def test_failing_feeds_are_recorded_and_the_rest_go_on(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    good = server.add("/good.xml", rss(("a", "A")))
    missing = server.url("/missing.xml")
    html = server.add_file("/page.html", "page.html", content_type="text/html")
    broken = server.add_file("/broken.xml", "malformed.xml")
    json_bad = server.add(
        "/bad.json",
        '{"version": "https://jsonfeed.org/version/1.1", "items": [',
        content_type="application/feed+json",
    )
    dead = "http://127.0.0.1:9/feed.xml"  # the discard port: nothing listens
    path = config([good, missing, html, broken, json_bad, dead])
    result = run("poll", "--config", str(path))
    assert result.exit_code == 0
    assert "polled 6 feeds: 1 ok (0 not modified), 5 failed; 1 new entries" in result.output
    errors = dict(db_rows(tmp_path, "SELECT url, last_error FROM feeds WHERE last_status='error'"))
    assert errors[missing] == "HTTP 404 Not Found"
    assert errors[html] == "not a feed: the server returned an HTML page"
    assert errors[broken].startswith("malformed feed: ")
    assert errors[json_bad].startswith("malformed JSON at line 1")
    assert errors[dead].startswith("cannot connect to 127.0.0.1:9")
    for url in (missing, html, broken, json_bad, dead):
        assert f"failed: {url}: {errors[url]}" in result.output


def test_recovered_feed_keeps_entries_and_reports(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    path = config([server.add_file("/sloppy.xml", "recoverable.xml")])
    result = run("poll", "--config", str(path))
    assert "2 new entries" in result.output
    [(status, error)] = db_rows(tmp_path, "SELECT last_status, last_error FROM feeds")
    assert status == "recovered"
    assert "not well-formed" in error


def test_redirects_are_followed_up_to_the_limit(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    server.add("/final.xml", rss(("a", "A")))
    server.add("/hop1", status=302, headers={"Location": "/final.xml"})
    loop = server.add("/loop", status=301, headers={"Location": "/loop"})
    path = config([server.url("/hop1"), loop], fetch={"max_redirects": 3})
    result = run("poll", "--config", str(path))
    assert "1 ok (0 not modified), 1 failed; 1 new entries" in result.output
    errors = dict(db_rows(tmp_path, "SELECT url, last_error FROM feeds"))
    assert errors[loop] == "too many redirects (more than 3)"
    assert len(server.requests_to("/loop")) == 4


def test_an_outlets_feeds_share_its_keep_alive_connections(
    server: FeedServer, server2: FeedServer, config: Any
) -> None:
    """Two outlets of eight feeds each: each outlet's requests go over no more
    connections than the per-host cap has requests in flight at once (2), however many
    worker threads carry them."""
    urls = [
        host.add(f"/{n}.xml", rss((f"{name}{n}", f"Story {n}")), etag=f'"{n}"')
        for name, host in (("a", server), ("b", server2))
        for n in range(8)
    ]
    path = config(urls)
    for _ in range(2):
        result = run("poll", "--force", "--config", str(path))
        assert "16 ok" in result.output, result.output
    assert len(server.requests) == len(server2.requests) == 16
    assert server.max_active <= 2
    assert server2.max_active <= 2
    # At most a connection per request in flight at once, in each of the two runs.
    assert server.connections <= 4
    assert server2.connections <= 4


def test_size_cap(server: FeedServer, config: Any, tmp_path: Path) -> None:
    big = rss(*[(f"id{i}", "x" * 500) for i in range(100)])  # about 60 kB
    declared = server.add("/big.xml", big)
    gzipped = server.add("/big-gz.xml", big, gzip=True)  # small on the wire
    path = config([declared, gzipped], fetch={"max_bytes": 20000})
    run("poll", "--config", str(path))
    errors = [e for (e,) in db_rows(tmp_path, "SELECT last_error FROM feeds ORDER BY id")]
    assert errors[0].startswith("response too large")
    assert errors[1] == "response too large: over 20000 bytes"
    assert db_rows(tmp_path, "SELECT count(*) FROM entries") == [(0,)]


def test_gzip_feed_is_decoded(server: FeedServer, config: Any, tmp_path: Path) -> None:
    path = config([server.add("/g.xml", rss(("a", "A")), gzip=True)])
    run("poll", "--config", str(path))
    assert db_rows(tmp_path, "SELECT title FROM entries") == [("A",)]
    assert "gzip" in server.requests_to("/g.xml")[0].headers["accept-encoding"]


def test_removed_feed_keeps_entries_and_is_not_polled(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    one = server.add("/one.xml", rss(("a", "A")))
    two = server.add("/two.xml", rss(("b", "B")))
    run("poll", "--config", str(config([one, two])))
    path = config([one])
    run("poll", "--force", "--config", str(path))
    assert len(server.requests_to("/two.xml")) == 1
    assert db_rows(tmp_path, "SELECT count(*) FROM entries") == [(2,)]
    feeds = [
        json.loads(line)
        for line in run("feeds", "--json", "--config", str(path)).stdout.splitlines()
    ]
    assert {f["url"]: f["active"] for f in feeds} == {one: True, two: False}


def test_entries_command(five_feeds: Path) -> None:
    run("poll", "--config", str(five_feeds))
    everything = entries_json(five_feeds)
    assert len(everything) == 11
    entry = next(
        e for e in everything if e["title"] == "US condemns terrorist attacks in Balochistan"
    )
    assert set(entry) >= {
        "id",
        "feed_url",
        "url",
        "title",
        "published",
        "summary",
        "content_text",
        "story_id",
    }
    assert entry["published"] == "2024-08-27T04:30:00+00:00"
    assert isinstance(entry["story_id"], int)
    assert entry["content_text"].startswith("The United States has strongly condemned")
    assert entry["url"] == "https://www.dawn.example/news/1001/us-condemns-attacks"
    # newest first; undated entries count from when they were first seen (now)
    dated = [e["published"] for e in everything if e["published"]]
    assert dated[-1] == min(dated)

    only = entries_json(five_feeds, "--feed", entry["feed_url"])
    assert {e["feed_url"] for e in only} == {entry["feed_url"]}
    assert len(only) == 3
    assert len(entries_json(five_feeds, "--limit", "4")) == 4
    since = entries_json(five_feeds, "--since", "2024-08-27T05:00:00+00:00")
    assert all((e["published"] or e["first_seen"]) >= "2024-08-27T05:00:00" for e in since)
    assert {e["title"] for e in since} >= {"Attacks in Balochistan condemned"}
    assert "US condemns terrorist attacks in Balochistan" not in {e["title"] for e in since}

    plain = run("entries", "--limit", "2", "--config", str(five_feeds))
    assert len(plain.stdout.splitlines()) == 2
    bad = run("entries", "--since", "yesterday", "--config", str(five_feeds))
    assert bad.exit_code == 2
    assert "or an ISO 8601 date" in bad.output


def test_feeds_command(five_feeds: Path, server: FeedServer) -> None:
    before = run("feeds", "--json", "--config", str(five_feeds))
    assert [json.loads(line)["last_status"] for line in before.stdout.splitlines()] == [None] * 5
    run("poll", "--config", str(five_feeds))
    rows = [
        json.loads(line)
        for line in run("feeds", "--json", "--config", str(five_feeds)).stdout.splitlines()
    ]
    by_url = {r["url"]: r for r in rows}
    rss_feed = by_url[server.url("/rss2.xml")]
    assert rss_feed["entries"] == 3
    assert rss_feed["title"] == "Dawn - Home"
    assert rss_feed["last_status"] == "ok"
    assert rss_feed["last_http_status"] == 200
    assert rss_feed["next_poll_at"] > rss_feed["last_polled_at"]
    text = run("feeds", "--config", str(five_feeds)).output
    assert "Dawn - Home  " + server.url("/rss2.xml") in text
    assert "3 entries · ok" in text


def test_database_unreachable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("database: postgresql+psycopg://nobody@127.0.0.1:9/none\nfeeds: []\n")
    result = run("poll", "--config", str(path))
    assert result.exit_code == 1
    assert "cannot open database postgresql+psycopg://nobody@127.0.0.1:9/none" in result.output
    assert "Traceback" not in result.output

    path.write_text(f"database: sqlite:///{tmp_path}/no/such/dir/x.db\nfeeds: []\n")
    result = run("entries", "--config", str(path))
    assert result.exit_code == 1
    assert "cannot open database" in result.output


def test_timeouts(server: FeedServer, config: Any, tmp_path: Path) -> None:
    slow_answer = server.add("/slow.xml", rss(("a", "A")), delay=3)
    fine = server.add("/fine.xml", rss(("b", "B")))
    path = config([slow_answer, fine], fetch={"timeout": 10, "read_timeout": 1})
    result = run("poll", "--config", str(path))
    assert "1 ok (0 not modified), 1 failed; 1 new entries" in result.output
    errors = dict(db_rows(tmp_path, "SELECT url, last_error FROM feeds"))
    assert errors[slow_answer] == f"timed out waiting for 127.0.0.1:{server.port} to answer"


def test_total_time_limit_covers_slow_headers(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    # Each header byte comes within the read timeout; only the total limit stops it.
    slow = server.add("/slow-headers.xml", header_trickle=0.2)
    path = config([slow], fetch={"timeout": 2, "read_timeout": 1})
    started = time.monotonic()
    run("poll", "--config", str(path))
    assert time.monotonic() - started < 6
    [(error,)] = db_rows(tmp_path, "SELECT last_error FROM feeds")
    assert error == f"timed out (total 2 s) waiting for 127.0.0.1:{server.port}"


def test_a_200_without_validators_clears_the_stored_ones(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    path = config([server.add("/f.xml", rss(("a", "A")), etag='"e1"')])
    run("poll", "--config", str(path))
    server.add("/f.xml", rss(("a", "A"), ("b", "B")))  # the server stopped sending ETags
    run("poll", "--force", "--config", str(path))
    run("poll", "--force", "--config", str(path))
    assert "if-none-match" not in server.requests_to("/f.xml")[-1].headers
    assert db_rows(tmp_path, "SELECT etag FROM feeds") == [(None,)]


def test_entries_are_newest_first(server: FeedServer, config: Any) -> None:
    items = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{t}</guid>{d}</item>"
        for t, d in [
            ("old", "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"),
            ("undated", ""),
            ("new", "<pubDate>Mon, 01 Jan 2025 00:00:00 GMT</pubDate>"),
            ("middle", "<pubDate>Mon, 01 Jul 2024 00:00:00 GMT</pubDate>"),
        ]
    )
    path = config(
        [
            server.add(
                "/f.xml", f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
            )
        ]
    )
    run("poll", "--config", str(path))
    # An undated entry counts from when it was first seen: now, the newest.
    assert [e["title"] for e in entries_json(path)] == ["undated", "new", "middle", "old"]


def test_readme_example_queries_run(five_feeds: Path, tmp_path: Path) -> None:
    run("poll", "--config", str(five_feeds))
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    queries = re.findall(r'sqlite3 aggregator\.db "(.*?)"', readme, re.DOTALL)
    assert len(queries) == 7
    results = [db_rows(tmp_path, " ".join(q.split())) for q in queries]
    assert len(results[0]) == 11
    assert sum(n for _, n in results[1]) == 11
    assert results[2] == []
    # Stories of three outlets or more: these five feeds share none.
    assert all(sources >= 3 for sources, _ in results[3])
    assert results[4] == []
    # The FTS5 search finds what a plain scan finds.
    scan = db_rows(
        tmp_path,
        "SELECT title, url FROM entries WHERE lower(title) LIKE '%balochistan%' "
        "OR lower(content_text) LIKE '%balochistan%'",
    )
    assert scan
    assert sorted(results[5]) == sorted(scan)[:10]
    # Every entry with a link has its page's row (these links lead nowhere: failed).
    assert sum(n for _, _, n in results[6]) == 11
    assert {status for _, status, _ in results[6]} <= {"failed", "skipped"}


def test_query_commands_do_not_wait_for_a_writer(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    path = config([server.add("/f.xml", rss(("a", "A")))])
    run("poll", "--config", str(path))
    writer = sqlite3.connect(tmp_path / "aggregator.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # e.g. a user's sqlite3 session in a transaction
    try:
        started = time.monotonic()
        assert run("feeds", "--json", "--config", str(path)).exit_code == 0
        assert run("entries", "--json", "--config", str(path)).exit_code == 0
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_schedule_honours_the_feed_and_explains_itself(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    ttl = server.add(
        "/ttl.xml",
        '<rss version="2.0"><channel><title>T</title><ttl>120</ttl></channel></rss>',
        etag='"t"',
    )
    cached = server.add("/cached.xml", rss(("a", "A")), headers={"Cache-Control": "max-age=5400"})
    weeks_ago = [datetime.now(UTC) - timedelta(days=7 * k) for k in range(1, 5)]
    weekly_items = "".join(
        f"<item><guid isPermaLink='false'>{day:%F}</guid><title>{day:%F}</title>"
        f"<pubDate>{day:%a, %d %b %Y %H:%M:%S GMT}</pubDate></item>"
        for day in weeks_ago
    )
    weekly = server.add(
        "/weekly.xml", f'<rss version="2.0"><channel><title>W</title>{weekly_items}</channel></rss>'
    )
    path = config([ttl, cached, weekly], schedule={"jitter": 0})
    run("poll", "--config", str(path))
    run("poll", "--force", "--config", str(path))  # the <ttl> feed now answers 304
    assert server.requests_to("/ttl.xml")[-1].headers["if-none-match"] == '"t"'
    rows = {
        url: (reason, (datetime.fromisoformat(at) - datetime.fromisoformat(polled)).total_seconds())
        for url, reason, at, polled in [
            (r["url"], r["next_poll_reason"], r["next_poll_at"], r["last_polled_at"])
            for r in (
                json.loads(line)
                for line in run("feeds", "--json", "--config", str(path)).stdout.splitlines()
            )
        ]
    }
    assert rows[ttl] == ("ttl", 7200)
    assert rows[cached] == ("cache-control", 5400)
    assert rows[weekly] == ("max-interval", 86400)  # posts weekly: polled daily, not every 30 min
    text = run("feeds", "--config", str(path)).output
    assert "(the feed's <ttl>)" in text
    assert "(Cache-Control max-age)" in text
    assert "(its max_interval)" in text


def test_one_poll_takes_every_due_feed_whatever_the_caps(
    server: FeedServer, server2: FeedServer, config: Any, tmp_path: Path
) -> None:
    urls = [
        (server if i % 3 else server2).add(f"/m{i}.xml", rss((f"m{i}", "M")), delay=0.01)
        for i in range(60)
    ]
    path = config(urls, fetch={"per_host": 1, "concurrency": 4})
    result = run("poll", "--config", str(path))
    assert "polled 60 feeds: 60 ok" in result.output
    forced = run("poll", "--force", "--config", str(path))
    assert "polled 60 feeds: 60 ok (60 not modified)" not in forced.output  # no validators
    assert "polled 60 feeds: 60 ok" in forced.output
    assert db_rows(tmp_path, "SELECT count(*) FROM entries") == [(60,)]


def test_an_unresolvable_host_is_one_clear_error() -> None:
    def no_such_name(host: str, port: int) -> list[str]:
        # What getaddrinfo raises for a name that does not exist (no DNS query here).
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    limits = httpx.Limits(max_connections=1)
    transport = GuardedTransport(limits=limits, resolve=no_such_name)
    with httpx.Client(transport=transport) as client, pytest.raises(FetchError) as caught:
        fetch_feed(client, "http://no-such-host.example/feed.xml", CacheInfo(), FetchPolicy())
    assert str(caught.value) == "cannot resolve no-such-host.example: Name or service not known"
    assert caught.value.kind == "connect"


def test_retry_after_blocks_the_host_that_said_it(
    server: FeedServer, server2: FeedServer, config: Any, tmp_path: Path
) -> None:
    server2.add("/busy.xml", status=503, headers={"Retry-After": "120"})
    moved = server.add("/moved.xml", status=302, headers={"Location": server2.url("/busy.xml")})
    path = config([moved])
    run("poll", "--config", str(path))
    [(host, reason)] = db_rows(tmp_path, "SELECT host, reason FROM hosts")
    assert (host, reason) == ("127.0.0.2", "HTTP 503 Retry-After")
