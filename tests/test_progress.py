"""`poll` on a terminal shows its progress through both phases: feeds, then article
pages (with the pages that wait for hosts that asked us to); off a terminal, only the
summary line."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from .conftest import FeedServer, Route, write_config

ARTICLE = "<html><body><article>" + "<p>" + "Words of the article. " * 60 + "</p>" * 3
ARTICLE += "</article></body></html>"


def _rss(links: list[str]) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid></item>"
        for n, link in enumerate(links)
    )
    return f"<rss version='2.0'><channel><title>Feed</title>{items}</channel></rss>"


def _in_a_terminal(*args: str, timeout: float = 60) -> tuple[int, str]:
    """Run the command line with a pseudo-terminal as its stdout and stderr."""
    main, other = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "160", "LINES": "40"}
    env.pop("CI", None)  # rich would not draw on a CI "terminal"
    process = subprocess.Popen(
        [sys.executable, "-m", "aggregator", *args], stdout=other, stderr=other, env=env
    )
    os.close(other)
    output = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(main)
    return process.wait(timeout=10), re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output.decode())


def test_poll_shows_the_pages_phase_on_a_terminal(
    server: FeedServer, server2: FeedServer, tmp_path: Path, db_url: str
) -> None:
    slow = [server.url(f"/slow{i}.html") for i in range(4)]
    for link in slow:
        server.routes[link.removeprefix(server.url(""))] = Route(
            ARTICLE.encode(), content_type="text/html", delay=0.6
        )
    busy = [server2.url(f"/busy{i}.html") for i in range(3)]
    for link in busy:
        server2.routes[link.removeprefix(server2.url(""))] = Route(
            b"busy", status=429, content_type="text/html", headers={"Retry-After": "600"}
        )
    feed = server.add("/feed.xml", _rss(slow + busy))
    config = write_config(tmp_path / "feeds.yaml", [feed], database=db_url, fetch={"per_host": 1})
    status, shown = _in_a_terminal("poll", "--config", str(config))
    assert status == 0, shown
    assert "feeds" in shown
    assert re.search(r"pages\s.*\b[1-4]/[4-7]\b", shown), shown
    assert re.search(r"2 wait for 1 host \(Retry-After\)", shown), shown
    assert "polled 1 feed" in shown


def test_poll_off_a_terminal_prints_the_summary_only(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    link = server.url("/page.html")
    server.routes["/page.html"] = Route(ARTICLE.encode(), content_type="text/html")
    feed = server.add("/feed.xml", _rss([link]))
    config = write_config(tmp_path / "feeds.yaml", [feed], database=db_url)
    done = subprocess.run(
        [sys.executable, "-m", "aggregator", "poll", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("polled 1 feed: 1 ok")
    assert "1 article page: 1 extracted" in done.stdout
