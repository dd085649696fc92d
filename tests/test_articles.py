"""Full text end to end: feeds and article pages from the local server, the CLI, a real
SQLite file (and PostgreSQL where configured)."""

from __future__ import annotations

import html
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest

from aggregator.config import load_settings

from .conftest import FeedServer, feeds_json, run, wait_until, write_config

PARAGRAPHS = [
    "Officials in Quetta said on Tuesday that the provincial government had opened an "
    "inquiry into the attacks on the highway, and that families of the victims would "
    "receive compensation within a month.",
    "The spokesperson added that security forces had been sent to the districts where "
    "the attacks took place, and that the roads to the coast would reopen once they had "
    "been cleared and checked.",
    "Traders in the city closed their shops for a day in mourning. Several of them told "
    "reporters that business had already suffered from months of disruption on the "
    "routes that connect the province with the rest of the country.",
    "The United States embassy issued a statement condemning the violence and offering "
    "its condolences to the families, while calling on all sides to protect civilians "
    "and to bring those responsible to justice.",
]
# Furniture that must not survive extraction.
FURNITURE = [
    "Leave a Comment",
    "Floods displace thousands in Sindh",
    "Cricket board names new captain",
    "Share on WhatsApp",
    "Subscribe to our newsletter",
    "All rights reserved",
    "Home",
]


def article_page(title: str, paragraphs: list[str], *, canonical: str | None = None) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>{link}
<meta name="author" content="Sana Baloch">
<meta property="article:published_time" content="2026-11-20T08:30:00+05:00">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on WhatsApp</a></div>
<main><article><h1>{title}</h1><p class="byline">By Sana Baloch</p>{body}</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/floods">Floods displace thousands in Sindh as rivers rise again</a></li>
<li><a href="/cricket">Cricket board names new captain ahead of the tour</a></li>
<li><a href="/budget">Finance minister defends budget before parliament</a></li></ul></aside>
<section id="comments"><h3>Leave a Comment</h3><form><label>Name</label><input name="n">
<label>Comment</label><textarea></textarea><button>Post Comment</button></form></section>
</main>
<div class="newsletter">Subscribe to our newsletter for the day's top stories.</div>
<footer><p>&copy; 2026 The Daily Example. All rights reserved.</p>
<a href="/about">About us</a> <a href="/contact">Contact</a></footer></body></html>"""


def feed(items: list[dict[str, str]]) -> str:
    parts = []
    for item in items:
        content = item.get("content")
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        parts.append(
            f"<item><title>{item['title']}</title><link>{item['link']}</link>"
            f"<guid>{item['link']}</guid>"
            f"<description>{html.escape(item.get('summary', 'A short summary.'))}</description>"
            f"{encoded}</item>"
        )
    return (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Example</title>{''.join(parts)}</channel></rss>"
    )


def entries_json(config: Path) -> dict[str, dict[str, Any]]:
    result = run("entries", "--json", "--limit", "0", "--config", str(config))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return {row["url"]: row for row in rows}


def article_rows(tmp_path: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(
            "SELECT e.url, a.* FROM articles a JOIN entries e ON e.id = a.entry_id"
        ).fetchall()
    return {row["url"]: dict(row) for row in rows}


def in_order(text: str, paragraphs: list[str]) -> bool:
    lines = text.split("\n")
    positions = [lines.index(p) if p in lines else -1 for p in paragraphs]
    return -1 not in positions and positions == sorted(positions)


def test_poll_stores_each_entrys_article_without_the_furniture(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    a = server.add(
        "/news/a.html",
        article_page("Inquiry opened", PARAGRAPHS, canonical="/news/a-canonical"),
        content_type="text/html; charset=utf-8",
    )
    b = server.add(
        "/news/b.html",
        article_page("Shops close", PARAGRAPHS[1:]),
        content_type="text/html; charset=utf-8",
    )
    summary = "Officials in Quetta said on Tuesday that the provincial government had opened"
    feed_url = server.add(
        "/feed.xml",
        feed(
            [
                {"title": "Inquiry opened", "link": a, "summary": summary},
                {"title": "Shops close", "link": b},
            ]
        ),
    )
    path = config([feed_url])
    result = run("poll", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "2 article pages: 2 extracted, 0 failed" in result.output

    rows = entries_json(path)
    first = rows[a]
    assert first["full_text"] == "ok"
    assert in_order(first["content_text"], PARAGRAPHS), first["content_text"]
    for furniture in [*FURNITURE, "Inquiry opened", "By Sana Baloch"]:
        assert furniture not in first["content_text"]
    assert first["canonical_url"] == server.url("/news/a-canonical")
    assert first["language"] == "en"
    assert in_order(rows[b]["content_text"], PARAGRAPHS[1:])
    assert rows[b]["canonical_url"] is None  # the page declares none

    stored = article_rows(tmp_path)[a]
    assert (stored["status"], stored["attempts"], stored["next_attempt_at"]) == ("ok", 0, None)
    assert stored["author"] == "Sana Baloch"
    assert stored["published"].startswith("2026-11-20 03:30:00")  # stored as UTC
    assert stored["html"] is None  # keep_html is off
    # Pages are asked for as HTML, with the same client identity as feeds.
    [request] = server.requests_to("/news/a.html")
    assert request.headers["accept"].startswith("text/html")
    assert request.headers["user-agent"].startswith("aggregator/")

    # A second poll fetches nothing again: the feed's entries are not new.
    run("poll", "--force", "--config", str(path))
    assert len(server.requests_to("/news/a.html")) == 1


def test_feed_with_the_full_text_needs_no_page(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    long_text = " ".join(PARAGRAPHS * 3)  # well over min_words
    full, short, cut, forced = (
        server.add(f"/{name}.html", article_page(name, PARAGRAPHS), content_type="text/html")
        for name in ("full", "short", "cut", "forced")
    )
    feed_url = server.add(
        "/feed.xml",
        feed(
            [
                {"title": "Full", "link": full, "content": f"<p>{long_text}</p>"},
                {"title": "Short", "link": short, "content": "<p>Only a line.</p>"},
                {"title": "Cut", "link": cut, "content": f"<p>{long_text} Continue reading…</p>"},
            ]
        ),
    )
    always_url = server.add(
        "/always.xml", feed([{"title": "Forced", "link": forced, "content": long_text}])
    )
    path = config([feed_url, {"url": always_url, "full_text": "always"}])
    assert run("poll", "--config", str(path)).exit_code == 0

    assert server.requests_to("/full.html") == []  # no page request at all
    rows = entries_json(path)
    assert rows[full]["full_text"] == "skipped"
    assert "feed carries the full text" in rows[full]["full_text_error"]
    assert rows[full]["content_text"] == long_text
    assert len(server.requests_to("/short.html")) == 1
    assert rows[short]["full_text"] == "ok"
    assert len(server.requests_to("/cut.html")) == 1  # "Continue reading": truncated
    assert len(server.requests_to("/forced.html")) == 1  # full_text: always


def test_failures_keep_the_feeds_text_and_are_retried(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    pages = {
        "missing": server.add("/missing.html", "gone", status=404, content_type="text/html"),
        "pdf": server.add("/doc.pdf", b"%PDF-1.7 " + b"x" * 2000, content_type="application/pdf"),
        "metadata": server.add(
            "/moved.html", status=302, headers={"Location": "http://169.254.169.254/latest/"}
        ),
        "huge": server.add(
            "/huge.html", article_page("Huge", PARAGRAPHS * 400), content_type="text/html"
        ),
        "paywall": server.add(
            "/paywall.html",
            article_page(
                "Locked",
                [
                    "Officials in Quetta said on Tuesday that an inquiry had been opened.",
                    "Subscribe to continue reading. Already a subscriber? Sign in.",
                ],
            ),
            content_type="text/html",
        ),
        "empty": server.add(
            "/empty.html", "<html><body><nav>Home</nav></body></html>", content_type="text/html"
        ),
    }
    items = [
        {"title": name, "link": url, "summary": f"Feed text of {name}."}
        for name, url in pages.items()
    ]
    feed_url = server.add("/feed.xml", feed(items))
    path = write_config(
        tmp_path / "feeds.yaml",
        [feed_url],
        database=db_url,
        # The address policy is on; only the test server's own address is let through.
        fetch={
            "allow_private_networks": False,
            "allowed_networks": ["127.0.0.1/32"],
            "max_bytes": 200_000,
        },
    )
    result = run("poll", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "6 article pages: 0 extracted, 6 failed" in result.output

    rows = entries_json(path)
    expected = {
        "missing": "HTTP 404",
        "pdf": "not an HTML page (application/pdf)",
        "metadata": "169.254.169.254): link-local address",
        "huge": "response too large",
        "paywall": "paywall",
        "empty": "no article text",
    }
    stored = article_rows(tmp_path)
    for name, url in pages.items():
        row = rows[url]
        assert row["full_text"] == "failed", name
        assert expected[name] in row["full_text_error"], (name, row["full_text_error"])
        assert row["content_text"] == f"Feed text of {name}.", name  # the feed's text stays
        assert stored[url]["attempts"] == 1
        assert stored[url]["next_attempt_at"] is not None, name  # retried later
    assert feeds_json(path)[feed_url]["full_text"] == {"failed": 6}
    listing = run("feeds", "--config", str(path)).output
    assert "article pages: 6 failed" in listing
    assert stored[pages["missing"]]["http_status"] == 404
    assert stored[pages["pdf"]]["error_kind"] == "not-html"

    # Not due yet: a plain `extract` leaves them alone.
    before = len(server.requests)
    result = run("extract", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "no article pages due" in result.output
    assert len(server.requests) == before

    # The page is there now: --retry-failed fetches it at once.
    server.add("/missing.html", article_page("Back", PARAGRAPHS), content_type="text/html")
    result = run("extract", "--retry-failed", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "6 article pages: 1 extracted, 5 failed" in result.output
    assert in_order(entries_json(path)[pages["missing"]]["content_text"], PARAGRAPHS)
    assert feeds_json(path)[feed_url]["full_text"] == {"failed": 5, "ok": 1}
    stored = article_rows(tmp_path)
    # A failure that another try will not change is given up after its second try.
    assert stored[pages["pdf"]]["next_attempt_at"] is None
    assert stored[pages["pdf"]]["attempts"] == 2
    assert stored[pages["paywall"]]["next_attempt_at"] is not None


def test_extract_all_reuses_kept_pages(server: FeedServer, config: Any, tmp_path: Path) -> None:
    server.add(
        "/news/a.html",
        article_page("Kept", PARAGRAPHS, canonical="a-canonical"),
        content_type="text/html",
    )
    # The entry's link redirects (a tracker, say): the page's relative links resolve
    # against where it was, also when it is extracted again from the kept copy.
    page = server.add("/go/a", status=302, headers={"Location": "/news/a.html"})
    feed_url = server.add("/feed.xml", feed([{"title": "Kept", "link": page}]))
    path = config([feed_url], extract={"keep_html": True})
    assert run("poll", "--config", str(path)).exit_code == 0
    kept = article_rows(tmp_path)[page]["html"]
    expected = article_page("Kept", PARAGRAPHS, canonical="a-canonical")
    assert zlib.decompress(kept).decode("utf-8") == expected
    canonical = server.url("/news/a-canonical")
    assert entries_json(path)[page]["canonical_url"] == canonical

    # Re-extraction needs no network: the page is gone from the server.
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        connection.execute("UPDATE articles SET text = 'old', extractor = 'old 0.1'")
    server.routes.pop("/news/a.html")
    result = run("extract", "--all", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "1 article page: 1 extracted, 0 failed" in result.output
    assert len(server.requests_to("/news/a.html")) == 1  # the first poll's only
    assert entries_json(path)[page]["canonical_url"] == canonical
    row = article_rows(tmp_path)[page]
    assert row["extractor"].startswith("trafilatura ")
    assert in_order(row["text"], PARAGRAPHS)


def test_extract_all_queues_entries_stored_before_full_text(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    long_text = " ".join(PARAGRAPHS * 3)
    page, never, full = (
        server.add(f"/{name}.html", article_page(name, PARAGRAPHS), content_type="text/html")
        for name in ("old", "never", "full")
    )
    feed_url = server.add(
        "/feed.xml",
        feed(
            [
                {"title": "Old", "link": page},
                {"title": "Full", "link": full, "content": f"<p>{long_text}</p>"},
            ]
        ),
    )
    never_url = server.add("/never.xml", feed([{"title": "Never", "link": never}]))
    path = config([feed_url, {"url": never_url, "full_text": "never"}])
    assert run("poll", "--config", str(path)).exit_code == 0
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        connection.execute("DELETE FROM articles")  # as after upgrading from revision 0002
    server.requests.clear()
    assert entries_json(path)[page]["full_text"] is None
    result = run("extract", "--all", "--config", str(path))
    assert "1 article page: 1 extracted" in result.output, result.output
    rows = entries_json(path)
    assert rows[page]["full_text"] == "ok"
    # Each feed's own setting holds for old entries too.
    assert rows[never]["full_text"] == "skipped"
    assert rows[never]["full_text_error"] == "full_text: never"
    assert rows[full]["full_text"] == "skipped"
    assert [r.path for r in server.requests] == ["/old.html"]


def test_full_text_off_everywhere(server: FeedServer, config: Any, tmp_path: Path) -> None:
    page = server.add("/a.html", article_page("Off", PARAGRAPHS), content_type="text/html")
    feed_url = server.add("/feed.xml", feed([{"title": "Off", "link": page}]))
    # The global switch wins over a feed's own `always`.
    path = config([{"url": feed_url, "full_text": "always"}], extract={"full_text": False})
    result = run("poll", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "article page" not in result.output
    assert server.requests_to("/a.html") == []
    assert article_rows(tmp_path) == {}
    assert entries_json(path)[page]["full_text"] is None
    result = run("extract", "--config", str(path))
    assert result.exit_code == 2
    assert "full text is off" in result.output


def test_pages_share_the_per_host_cap_with_feeds(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    links = [
        server.add(
            f"/p{i}.html", article_page(f"P{i}", PARAGRAPHS), content_type="text/html", delay=0.3
        )
        for i in range(6)
    ]
    feed_url = server.add(
        "/feed.xml", feed([{"title": f"P{i}", "link": link} for i, link in enumerate(links)])
    )
    path = config([feed_url], fetch={"allow_private_networks": True, "per_host": 2})
    result = run("poll", "--config", str(path))
    assert "6 article pages: 6 extracted" in result.output, result.output
    # Pages leave one of the host's two places to feeds: one page at a time.
    assert server.max_active == 1


def test_daemon_stores_entries_at_once_and_their_text_when_extracted(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    page = server.add(
        "/slow.html", article_page("Slow", PARAGRAPHS), content_type="text/html", delay=3.0
    )
    feed_url = server.add("/feed.xml", feed([{"title": "Slow", "link": page, "summary": "Lead."}]))
    path = write_config(tmp_path / "feeds.yaml", [feed_url], database=db_url)
    daemon = start_daemon(path)
    # The entry is stored with the feed's text while its page is still being fetched.
    row = wait_until(lambda: entries_json(path).get(page), timeout=20)
    assert row["content_text"] == "Lead."
    assert row["full_text"] == "pending"
    wait_until(lambda: entries_json(path)[page]["full_text"] == "ok", timeout=20)
    assert in_order(entries_json(path)[page]["content_text"], PARAGRAPHS)
    assert daemon.stop() == 0
    assert "article.ok" in daemon.log()


def test_articles_on_postgresql(server: FeedServer, tmp_path: Path, pg_url: str) -> None:
    page = server.add("/a.html", article_page("PG", PARAGRAPHS), content_type="text/html")
    missing = server.add("/m.html", "no", status=404)
    feed_url = server.add(
        "/feed.xml", feed([{"title": "PG", "link": page}, {"title": "M", "link": missing}])
    )
    path = write_config(tmp_path / "feeds.yaml", [feed_url], database=pg_url)
    result = run("poll", "--config", str(path))
    assert "2 article pages: 1 extracted, 1 failed" in result.output, result.output
    rows = entries_json(path)
    assert in_order(rows[page]["content_text"], PARAGRAPHS)
    assert rows[missing]["full_text"] == "failed"
    result = run("extract", "--retry-failed", "--config", str(path))
    assert "1 article page: 0 extracted, 1 failed" in result.output, result.output


@pytest.mark.parametrize(
    ("own", "default", "expected"),
    [
        (None, None, "auto"),
        ("always", None, "always"),
        (True, None, "always"),
        (False, None, "never"),
        (None, "always", "always"),
        ("never", "auto", "never"),
        ("always", False, "never"),  # off everywhere wins
        ("always", "never", "never"),
    ],
)
def test_full_text_modes(own: Any, default: Any, expected: str, tmp_path: Path) -> None:
    feed_config: dict[str, Any] = {"url": "https://news.example/rss"}
    if own is not None:
        feed_config["full_text"] = own
    sections = {} if default is None else {"extract": {"full_text": default}}
    path = write_config(tmp_path / "feeds.yaml", [feed_config], **sections)
    [source] = load_settings(path, {}).feeds
    assert source.full_text == expected


def test_an_entry_whose_link_changes_gets_the_new_page(
    server: FeedServer, config: Any, tmp_path: Path
) -> None:
    first = server.add("/a.html", article_page("A", PARAGRAPHS[:3]), content_type="text/html")
    second = server.add("/b.html", article_page("B", PARAGRAPHS[1:]), content_type="text/html")

    def listing(link: str) -> str:
        item = f"<item><title>T</title><link>{link}</link><guid>story-1</guid></item>"
        return f'<rss version="2.0"><channel><title>F</title>{item}</channel></rss>'

    feed_url = server.add("/feed.xml", listing(first))
    path = config([feed_url])
    assert run("poll", "--config", str(path)).exit_code == 0
    [row] = entries_json(path).values()
    assert in_order(row["content_text"], PARAGRAPHS[:3])
    server.add("/feed.xml", listing(second))  # the feed corrects the entry's link
    result = run("poll", "--force", "--config", str(path))
    assert "1 article page: 1 extracted" in result.output, result.output
    [row] = entries_json(path).values()
    assert row["url"] == second
    assert in_order(row["content_text"], PARAGRAPHS[1:])
    assert len(server.requests_to("/b.html")) == 1


def test_a_retry_after_on_a_page_slows_its_host(
    server: FeedServer, server2: FeedServer, config: Any, tmp_path: Path
) -> None:
    busy = server2.add("/busy.html", "slow down", status=429, headers={"Retry-After": "3600"})
    later = server2.add("/later.html", article_page("Later", PARAGRAPHS), content_type="text/html")
    feed_url = server.add(
        "/feed.xml", feed([{"title": "Busy", "link": busy}, {"title": "Later", "link": later}])
    )
    path = config([feed_url])
    result = run("poll", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "1 article page: 0 extracted, 1 failed" in result.output
    assert "1 more wait for their hosts (Retry-After)" in result.output
    assert server2.requests_to("/later.html") == []  # the host asked for an hour
    rows = entries_json(path)
    assert rows[busy]["full_text"] == "failed"
    assert "HTTP 429" in rows[busy]["full_text_error"]
    assert rows[later]["full_text"] == "pending"
    with sqlite3.connect(tmp_path / "aggregator.db") as connection:
        [(until,)] = connection.execute(
            "SELECT blocked_until FROM hosts WHERE host = '127.0.0.2'"
        ).fetchall()
    assert until is not None
