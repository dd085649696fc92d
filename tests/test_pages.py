"""The story pages: what a reader sees in a browser, and that nothing a feed says can
run on them."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from aggregator.output.pages import evidence, story_list, story_page, timeline, web_link
from aggregator.types import StoryMemberView, StoryView

from .conftest import FeedServer, wait_until, write_config
from .test_daemon import _get, free_port
from .test_stories import NO_PAGES

WHEN = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
HOSTILE = "<script>alert(1)</script> Budget & <b>tax</b>"


def member(entry_id: int, url: str | None, title: str, relation: str = "first") -> StoryMemberView:
    return StoryMemberView(
        id=entry_id,
        url=url,
        feed_url=f"https://outlet{entry_id}.example/feed",
        feed_title=f"Outlet {entry_id} <i>",
        title=title,
        published=WHEN,
        relation=relation,
        signal="story-similarity" if relation == "story" else None,
        score=0.42 if relation == "story" else None,
    )


def story(*members: StoryMemberView, summary: str | None = None) -> StoryView:
    return StoryView(
        id=7,
        title=HOSTILE,
        first_seen=WHEN,
        updated=WHEN,
        representative=members[0].id,
        sources=len(members),
        entries=members,
        summary=summary,
    )


def test_pages_escape_what_feeds_say_and_link_only_to_the_web() -> None:
    shown = story(
        member(1, "https://outlet1.example/a", HOSTILE),
        member(2, "javascript:alert(2)", "Other <img src=x onerror=alert(3)>", "story"),
        summary="It began <script>alert(4)</script> & <img src=x onerror=alert(5)> ended",
    )
    for page in (
        story_page(shown, served=["feed.atom"]).decode(),
        story_list([shown], page=1, more=False, served=["feed.atom"]).decode(),
    ):
        assert "<script>" not in page
        assert "<img" not in page
        assert "<b>tax</b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Budget &amp; &lt;b&gt;tax&lt;/b&gt;" in page
        assert "javascript:" not in page
        assert '<link rel="alternate" type="application/atom+xml"' in page
    detail = story_page(shown, served=[]).decode()
    # The representative's summary, as text, and whose it is.
    assert "It began &lt;script&gt;alert(4)&lt;/script&gt; &amp; &lt;img src=x" in detail
    assert "As Outlet 1 &lt;i&gt; tells it" in detail
    assert '<a href="https://outlet1.example/a" rel="noopener noreferrer">' in detail
    assert "same story 0.42" in detail
    assert "Outlet 1 &lt;i&gt;" in detail
    assert web_link("https://x.example/")
    assert web_link("http://x.example/")
    for refused in ("javascript:alert(1)", None, "data:text/html,x", "file:///etc/passwd"):
        assert not web_link(refused)
    assert evidence(member(3, None, "t")) == "first report"


def test_the_daemon_serves_stories_with_every_source(
    server: FeedServer, tmp_path: Path, database: str, start_daemon: Any
) -> None:
    db_url = database  # SQLite, then PostgreSQL
    # Two outlets link the same article: one story with both.
    same = (
        "<item><title>{t}</title><link>https://wire.example/budget</link>"
        "<description>The budget passed &lt;b&gt;at last&lt;/b&gt; after a long night in "
        "{g} &amp;lt;script&amp;gt;</description>"
        '<guid isPermaLink="false">{g}</guid></item>'
    )
    feeds = [
        server.add(
            f"/{name}.xml",
            f'<rss version="2.0"><channel><title>{name}</title>'
            + same.format(t=title, g=name)
            + "</channel></rss>",
        )
        for name, title in (("one", "Budget &lt;b&gt;passes&lt;/b&gt;"), ("two", "Budget passes"))
    ]
    port = free_port()
    config = write_config(
        tmp_path / "feeds.yaml",
        [{"url": url, "interval": "1h", "tags": ["world"]} for url in feeds],
        database=db_url,
        serve={"host": "127.0.0.1", "port": port},
        **NO_PAGES,
    )
    start_daemon(config)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: b"2 outlets" in _get(f"{base}/")[1], timeout=30)

    status, body = _get(f"{base}/")
    assert status == 200
    listing = body.decode()
    assert "Budget &lt;b&gt;passes&lt;/b&gt;" in listing or "Budget passes" in listing
    assert "<b>passes</b>" not in listing
    found = re.search(r'href="/stories/(\d+)"', listing)
    assert found is not None

    status, body = _get(f"{base}/stories/{found.group(1)}")
    assert status == 200
    page = body.decode()
    # Each source's link, and the summary's to the representative's whole report.
    assert page.count('href="https://wire.example/budget"') == 3
    assert "first report" in page
    assert "same address" in page
    # The representative's summary, its markup gone and what it quotes escaped.
    summary = re.search(r'<blockquote class="summary">\s*<p>([^<]*)</p>', page)
    assert summary is not None, page
    assert re.fullmatch(
        r"The budget passed at last after a long night in (one|two) &lt;script&gt;",
        summary.group(1),
    )
    assert _get(f"{base}/stories/999999")[0] == 404
    assert _get(f"{base}/?page=2")[0] == 200
    # Filters: a search, a tag, a number of outlets, a time range; bad ones say why.
    assert b"2 outlets" in _get(f"{base}/?q=budget")[1]
    assert b"No stories match" in _get(f"{base}/?q=weather")[1]
    assert b"No stories match" in _get(f"{base}/?min_sources=3")[1]
    assert b"2 outlets" in _get(f"{base}/?since=7d&min_sources=2")[1]
    assert b"2 outlets" in _get(f"{base}/?tag=world")[1]
    status, body = _get(f"{base}/?since=soon")
    assert status == 400
    assert b"Cannot show that time range: expected a duration" in body
    # Both ends of the range, as durations ago or dates (a date "until" is that whole day).
    today = datetime.now(UTC).date().isoformat()
    assert b"2 outlets" in _get(f"{base}/?since=2000-01-01&until={today}")[1]
    assert b"No stories match" in _get(f"{base}/?until=2000-01-01")[1]
    assert b"No stories match" in _get(f"{base}/?since=1h&until=1h")[1]
    assert b'value="2000-01-01"' in _get(f"{base}/?until=2000-01-01")[1]
    status, body = _get(f"{base}/?q=%22")
    assert status in (200, 400)
    status, body = _get(f"{base}/feeds")
    assert status == 200
    assert body.decode().count("<tr") == 3  # a header and two feeds

    with urllib.request.urlopen(f"{base}/stories/{found.group(1)}", timeout=5) as response:
        headers = response.headers
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    # ETag and 304, as the feeds have: a reader's copy that is current is not sent again.
    for path in ("/", f"/stories/{found.group(1)}", "/?q=budget", "/feeds"):
        etag = _etag(base + path)
        again = urllib.request.Request(base + path, headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(again, timeout=5)
        assert answer.value.code == 304, path
        assert answer.value.read() == b""
        stale = urllib.request.Request(base + path, headers={"If-None-Match": '"other"'})
        with urllib.request.urlopen(stale, timeout=5) as response:
            assert response.status == 200
    status, css = _get(f"{base}/static/style.css")
    assert status == 200
    assert b"font" in css


def _etag(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.headers["Cache-Control"] == "no-cache"
        etag = response.headers["ETag"]
    assert etag
    return str(etag)


def test_the_timeline_draws_every_report_and_escapes_names() -> None:
    later = member(2, "https://outlet2.example/b", "Later", "story")
    later = StoryMemberView(
        **{**later.__dict__, "published": datetime(2026, 11, 24, 9, 30, tzinfo=UTC)}
    )
    svg = str(timeline(story(member(1, "https://outlet1.example/a", "First"), later)))
    assert svg.startswith("<svg")
    assert svg.count("<circle") == 2
    assert "Outlet 1 &lt;i&gt;" in svg
    assert "<i>" not in svg
    assert "2026-11-23 12:00 UTC" in svg
    assert "2026-11-24 09:30 UTC" in svg
    # The earlier report is left of the later one.
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert xs[0] < xs[1]
    # Reports seconds apart: the ends of the axis say so.
    soon = StoryMemberView(**{**later.__dict__, "published": WHEN.replace(second=40)})
    close = str(timeline(story(member(1, None, "First"), soon)))
    assert "2026-11-23 12:00:00 UTC" in close
    assert "2026-11-23 12:00:40 UTC" in close
    # On the page, inside a figure, with the table that says the same in words.
    page = story_page(story(member(1, None, "Only")), served=[]).decode()
    assert '<figure class="timeline">' in page
    assert "<svg" in page


def _post(url: str, fields: dict[str, str]) -> tuple[int, bytes]:
    data = urllib.parse.urlencode(fields).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _two_stories(server: FeedServer, tmp_path: Path, db_url: str, **serve: Any) -> tuple[Path, str]:
    feeds = [
        server.add(
            f"/{name}.xml",
            f'<rss version="2.0"><channel><title>{name}</title><item><title>{title}</title>'
            f"<link>https://{name}.example/a</link><guid>{name}-1</guid></item></channel></rss>",
        )
        for name, title in (("one", "Harbour bridge reopens"), ("two", "Orchestra tours Japan"))
    ]
    port = free_port()
    config = write_config(
        tmp_path / "feeds.yaml",
        [{"url": url, "interval": "1h"} for url in feeds],
        database=db_url,
        serve={"host": "127.0.0.1", "port": port, **serve},
        **NO_PAGES,
    )
    return config, f"http://127.0.0.1:{port}"


def _story_ids(base: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/stories/(\d+)"', _get(f"{base}/")[1].decode())]


def test_edits_are_off_by_default(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    config, base = _two_stories(server, tmp_path, db_url)
    start_daemon(config)
    wait_until(lambda: len(_story_ids(base)) == 2, timeout=30)
    first, second = _story_ids(base)
    page = _get(f"{base}/stories/{first}")[1].decode()
    assert "<form" not in page
    assert 'action="/stories/' not in page
    status, body = _post(f"{base}/stories/{first}/merge", {"other": str(second)})
    assert status == 403
    assert b"serve.allow_edits" in body
    assert len(_story_ids(base)) == 2


def test_merge_and_split_from_the_page_with_csrf_and_the_token(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    token = "a-long-enough-secret-token"
    config, base = _two_stories(server, tmp_path, db_url, allow_edits=True, token=token)
    start_daemon(config)
    wait_until(lambda: len(_story_ids(base)) == 2, timeout=30)
    first, second = _story_ids(base)
    page = _get(f"{base}/stories/{first}")[1].decode()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    csrf = found.group(1)
    assert 'name="token"' in page
    # Not from our page, or without the token: refused, nothing changes.
    assert _post(f"{base}/stories/{first}/merge", {"other": str(second), "token": token})[0] == 403
    assert _post(f"{base}/stories/{first}/merge", {"other": str(second), "csrf": "x"})[0] == 403
    assert _post(f"{base}/stories/{first}/merge", {"other": str(second), "csrf": csrf})[0] == 403
    assert len(_story_ids(base)) == 2
    # From the page, with the token: one story with both outlets.
    status, merged = _post(
        f"{base}/stories/{first}/merge", {"other": str(second), "csrf": csrf, "token": token}
    )
    assert status == 200  # after the 303 to the story
    assert b"2 outlets" in merged
    assert b"placed by a user" in merged
    assert len(_story_ids(base)) == 1
    entries = re.findall(r'name="entry" value="(\d+)"', merged.decode())
    assert len(entries) == 2
    status, split = _post(
        f"{base}/stories/{first}/split", {"entry": entries[1], "csrf": csrf, "token": token}
    )
    assert status == 200
    assert b"1 outlet" in split
    assert len(_story_ids(base)) == 2
    assert (
        _post(f"{base}/stories/{first}/split", {"entry": "999", "csrf": csrf, "token": token})[0]
        == 404
    )
