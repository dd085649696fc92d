"""Failures of the machine, not of feeds: a full disk, a read-only or missing folder,
a port in use, Ctrl-C. Each gets one line naming the cause and a documented exit
status; nothing stored is lost, and the daemon carries on where it can.

A full disk and a read-only folder are real: a small tmpfs mounted for the test (and
remounted larger, or read-only). That needs root; elsewhere those tests skip."""

from __future__ import annotations

import html
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FeedServer, Route, wait_until, write_config
from .test_daemon import _get, free_port

FEEDS = 3
ITEMS = 300  # per feed; 900 entries need some 6 MB with their search index


class Disk:
    """A tmpfs of its own, resized or made read-only while the test runs."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def remount(self, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(self.path)], check=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    path = tmp_path / "disk"
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield Disk(path)
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _feeds(server: FeedServer) -> list[str]:
    urls = []
    for f in range(FEEDS):
        items = "".join(
            f"<item><title>Report {f}-{i} on subject {i}</title>"
            f"<link>{server.url(f'/p/{f}/{i}.html')}</link>"
            f"<description>{html.escape(f'paragraph{i} ' * 200)}</description></item>"
            for i in range(ITEMS)
        )
        body = f"<rss version='2.0'><channel><title>F{f}</title>{items}</channel></rss>"
        urls.append(server.add(f"/f{f}.xml", body))
    return urls


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aggregator", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _one_line(stderr: str) -> str:
    """The error as a user sees it: one line, no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def _count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(sql).fetchone()[0])


def test_poll_on_a_full_disk_says_so_and_the_next_poll_stores_everything(
    server: FeedServer, tmp_path: Path, disk: Disk
) -> None:
    config = write_config(
        tmp_path / "feeds.yaml",
        _feeds(server),
        database=f"sqlite:///{disk.path / 'a.db'}",
        extract={"full_text": "never"},
    )
    disk.remount("size=1500k")
    full = _cli("poll", "--config", str(config))
    assert full.returncode == 1
    line = _one_line(full.stderr)
    assert "the disk is full" in line
    assert str(disk.path / "a.db") in line

    disk.remount("size=64m")
    again = _cli("poll", "--config", str(config))
    assert again.returncode == 0, again.stderr
    database = disk.path / "a.db"
    assert _count(database, "SELECT count(*) FROM entries") == FEEDS * ITEMS
    assert _count(database, "SELECT count(DISTINCT url) FROM entries") == FEEDS * ITEMS
    assert _count(database, "SELECT count(*) FROM story_entries") == FEEDS * ITEMS


def test_the_daemon_runs_through_a_full_disk_and_stores_everything_once_space_returns(
    server: FeedServer, tmp_path: Path, disk: Disk, start_daemon: Any
) -> None:
    port = free_port()
    config = write_config(
        tmp_path / "feeds.yaml",
        [{"url": url, "interval": "1h"} for url in _feeds(server)],
        database=f"sqlite:///{disk.path / 'a.db'}",
        extract={"full_text": "never"},
        serve={"host": "127.0.0.1", "port": port},
    )
    disk.remount("size=1500k")
    daemon = start_daemon(config)
    wait_until(lambda: "event=store.error" in daemon.log(), timeout=30)
    assert "the disk is full" in daemon.log()
    health = json.loads(_get(f"http://127.0.0.1:{port}/healthz")[1])
    assert health["status"] == "degraded"
    assert "the disk is full" in health["problems"][0]
    time.sleep(2)  # it keeps ticking, and says so once, not every second
    assert daemon.process.poll() is None
    assert daemon.log().count("event=store.error") == 1

    disk.remount("size=64m")
    wait_until(lambda: "event=store.recovered" in daemon.log(), timeout=30)
    database = disk.path / "a.db"
    wait_until(lambda: _count(database, "SELECT count(*) FROM story_entries") == FEEDS * ITEMS)
    assert _count(database, "SELECT count(*) FROM entries") == FEEDS * ITEMS
    assert json.loads(_get(f"http://127.0.0.1:{port}/healthz")[1])["status"] == "ok"
    # The feeds were fetched once: what the full disk refused was kept, not fetched again.
    assert len(server.requests_to("/f0.xml")) == 1
    assert daemon.stop() == 0


def test_a_read_only_folder_refuses_writing_commands_in_one_line_and_serves_reading_ones(
    server: FeedServer, tmp_path: Path, disk: Disk
) -> None:
    config = write_config(
        tmp_path / "feeds.yaml",
        _feeds(server)[:1],
        database=f"sqlite:///{disk.path / 'a.db'}",
        extract={"full_text": "never"},
    )
    assert _cli("poll", "--config", str(config)).returncode == 0
    disk.remount("ro")

    for command in (["poll"], ["run"], ["prune"]):
        refused = _cli(*command, "--config", str(config), timeout=30)
        assert refused.returncode == 1, (command, refused.stderr)
        assert "read-only" in _one_line(refused.stderr), command

    entries = _cli("entries", "--limit", "0", "--config", str(config))
    assert entries.returncode == 0, entries.stderr
    assert len(entries.stdout.splitlines()) == ITEMS
    for command in (
        ["stories", "--json", "--limit", "3"],
        ["search", "subject"],
        ["export", "--format", "json"],
        ["feeds"],
    ):
        answered = _cli(*command, "--config", str(config))
        assert answered.returncode == 0, (command, answered.stderr)
        assert answered.stdout.strip(), command


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "feeds.yaml",
        ["https://example.org/feed.xml"],
        database=f"sqlite:///{tmp_path / 'nowhere' / 'a.db'}",
    )
    for command in ("poll", "run", "entries"):
        refused = _cli(command, "--config", str(config), timeout=30)
        assert refused.returncode == 1, refused.stderr
        line = _one_line(refused.stderr)
        assert f"{tmp_path / 'nowhere'} does not exist" in line, line


def test_run_when_the_port_is_taken_says_so(tmp_path: Path, db_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = write_config(
            tmp_path / "feeds.yaml",
            ["https://example.org/feed.xml"],
            database=db_url,
            serve={"host": "127.0.0.1", "port": port},
        )
        refused = _cli("run", "--config", str(config), timeout=30)
    assert refused.returncode == 1
    line = _one_line(refused.stderr)
    assert f"127.0.0.1:{port}" in line
    assert "in use" in line


@pytest.mark.parametrize("phase", ["feeds", "pages"])
def test_ctrl_c_during_poll_exits_130_and_keeps_what_was_stored(
    server: FeedServer, tmp_path: Path, db_url: str, phase: str
) -> None:
    slow = server.url("/slow.xml")
    fast = server.add(
        "/fast.xml",
        "<rss version='2.0'><channel><title>Fast</title>"
        + "".join(
            f"<item><title>Item {i}</title><link>{server.url(f'/page{i}.html')}</link></item>"
            for i in range(3)
        )
        + "</channel></rss>",
    )
    page = "<html><body><article><p>" + "words " * 300 + "</p></article></body></html>"
    for i in range(3):
        server.routes[f"/page{i}.html"] = Route(
            page.encode(), content_type="text/html", delay=30 if phase == "pages" else 0
        )
    server.routes["/slow.xml"] = Route(b"<rss/>", delay=30 if phase == "feeds" else 0)
    config = write_config(tmp_path / "feeds.yaml", [fast, slow], database=db_url)
    poll = subprocess.Popen(
        [sys.executable, "-m", "aggregator", "poll", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    database = Path(db_url.removeprefix("sqlite:///"))
    wait_until(lambda: database.exists() and _entries(database) == 3, timeout=30)
    if phase == "pages":
        wait_until(lambda: len(server.requests_to("/page0.html")) == 1, timeout=30)
    poll.send_signal(signal.SIGINT)
    _, err = poll.communicate(timeout=20)
    assert poll.returncode == 130, err
    assert "interrupted" in err
    assert "Aborted" not in err
    assert "Traceback" not in err
    assert _entries(database) == 3


def _entries(database: Path) -> int:
    try:
        return _count(database, "SELECT count(*) FROM entries")
    except sqlite3.OperationalError:
        return 0  # no schema yet
