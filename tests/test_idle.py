"""Saying why nothing happened: a poll that found nothing due, every feed failing,
empty answers and filters that name nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from .conftest import FeedServer, wait_until, write_config
from .test_daemon import _get, free_port
from .test_poll import rss


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aggregator", *args], capture_output=True, text=True, timeout=120
    )


def test_a_poll_with_nothing_due_says_what_the_feeds_wait_for(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    ok = server.add("/ok.xml", rss(("a", "A")))
    broken = server.add("/broken.xml", status=500)
    config = write_config(tmp_path / "feeds.yaml", [ok, broken], database=db_url)
    first = _cli("poll", "--config", str(config))
    assert first.returncode == 0, first.stderr
    assert "every feed failed" not in first.stderr  # one of two did not

    again = _cli("poll", "--config", str(config))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("polled 0 feeds")
    assert "no feed was due: 1 back off after errors (the first at " in again.stderr
    assert "1 wait for their next poll (the first at " in again.stderr
    assert "`aggregator poll --force` polls them now" in again.stderr


def test_a_poll_where_every_feed_failed_says_so(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    feeds = [server.add(f"/down{n}.xml", status=503) for n in range(3)]
    config = write_config(tmp_path / "feeds.yaml", feeds, database=db_url)
    polled = _cli("poll", "--config", str(config))
    assert polled.returncode == 0, polled.stderr
    assert "every feed failed (the first: " in polled.stderr
    assert "is this machine offline?" in polled.stderr


def test_the_daemon_says_once_that_every_feed_fails_and_when_one_answers_again(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    down = [server.add(f"/down{n}.xml", status=500) for n in range(2)]
    port = free_port()
    config = write_config(
        tmp_path / "feeds.yaml",
        [{"url": url, "interval": "1s"} for url in down],
        database=db_url,
        schedule={"min_interval": "1s", "jitter": 0, "max_backoff": "2s"},
        serve={"host": "127.0.0.1", "port": port},
    )
    daemon = start_daemon(config)
    wait_until(lambda: "event=feeds.all_failed" in daemon.log(), timeout=30)
    health = json.loads(_get(f"http://127.0.0.1:{port}/healthz")[1])
    assert health["status"] == "degraded"
    assert "every feed failed" in health["problems"][0]
    # Failing on, they are not said again.
    wait_until(lambda: daemon.log().count("event=poll.error") >= 6, timeout=30)
    assert daemon.log().count("event=feeds.all_failed") == 1

    server.add("/down0.xml", rss(("a", "A")))
    wait_until(lambda: "event=feeds.recovered" in daemon.log(), timeout=30)
    assert json.loads(_get(f"http://127.0.0.1:{port}/healthz")[1])["status"] == "ok"
    assert daemon.stop() == 0


def test_empty_answers_say_so_and_filters_that_name_nothing_are_refused(
    server: FeedServer, tmp_path: Path, db_url: str
) -> None:
    feed = server.add("/a.xml", rss(("a", "Flood in the valley")))
    config = write_config(
        tmp_path / "feeds.yaml", [{"url": feed, "tags": ["world"]}], database=db_url
    )
    fresh = _cli("entries", "--config", str(config))
    assert fresh.returncode == 0
    assert fresh.stdout == ""
    assert fresh.stderr.strip() == "no entries stored yet"
    assert _cli("poll", "--config", str(config)).returncode == 0

    for command, said in [
        (["entries", "--since", "2999-01-01"], "no entries --since 2999-01-01T00:00+00:00"),
        (["stories", "--min-sources", "5", "--json"], "no stories --min-sources 5"),
        (["search", "earthquake"], "no entries match 'earthquake'"),
        (["export", "--min-sources", "5"], "no stories in the feed --min-sources 5"),
    ]:
        answered = _cli(*command, "--config", str(config))
        assert answered.returncode == 0, (command, answered.stderr)
        assert said in answered.stderr, (command, answered.stderr)
        if command[0] != "export":
            assert answered.stdout == "", command

    for command, option in [
        (["entries", "--feed", feed + "/"], "--feed"),
        (["search", "flood", "--feed", "https://example.org/x.xml"], "--feed"),
        (["search", "flood", "--tag", "sport"], "--tag"),
        (["export", "--tag", "sport"], "--tag"),
    ]:
        refused = _cli(*command, "--config", str(config))
        assert refused.returncode == 2, (command, refused.stderr)
        assert f"Invalid value for {option}" in refused.stderr, command
    assert "(tags: world)" in _cli("export", "--tag", "sport", "--config", str(config)).stderr
