"""`aggregator run` as a real subprocess against the local test servers."""

from __future__ import annotations

import itertools
import json
import re
import signal
import socket
import sqlite3
import time
import urllib.request
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from .conftest import FeedServer, feeds_json, run, wait_until, write_config
from .test_poll import rss

FAST = {"min_interval": "1s", "jitter": 0}


def daemon_config(tmp_path: Path, db_url: str, feeds: list[Any], **sections: Any) -> Path:
    sections.setdefault("schedule", FAST)
    return write_config(tmp_path / "feeds.yaml", feeds, database=db_url, **sections)


def fast(url: str, interval: str = "1s") -> dict[str, str]:
    return {"url": url, "interval": interval}


def db(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    try:
        with sqlite3.connect(tmp_path / "aggregator.db") as connection:
            return connection.execute(sql).fetchall()
    except sqlite3.OperationalError as e:
        if "no such table" not in str(e):
            raise
        return []  # the daemon has not created the schema yet


def when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_polls_conditionally_logs_and_stops_on_sigterm(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    url = server.add("/a.xml", rss(("a", "A"), ("b", "B")), etag='"v1"')
    config = daemon_config(tmp_path, db_url, [fast(url)])
    daemon = start_daemon(config)
    wait_until(lambda: len(server.requests_to("/a.xml")) >= 3)
    requests = server.requests_to("/a.xml")
    assert "if-none-match" not in requests[0].headers
    assert all(r.headers["if-none-match"] == '"v1"' for r in requests[1:])
    assert daemon.stop() == 0
    assert db(tmp_path, "SELECT count(*) FROM entries") == [(2,)]
    log = daemon.log()
    assert "event=daemon.start" in log
    assert f"event=poll.ok feed={url} new=2 updated=0" in log
    assert f"event=poll.not_modified feed={url}" in log
    assert "event=daemon.stopped abandoned=0" in log
    assert "Traceback" not in log


def test_retry_after_slows_the_host_and_survives_a_restart(
    server: FeedServer, server2: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    limited = server.add("/limited.xml", status=429, headers={"Retry-After": "3600"})
    same_host = server.add("/other.xml", rss(("o", "O")))
    other_host = server2.add("/b.xml", rss(("b", "B")))
    config = daemon_config(
        tmp_path, db_url, [fast(limited), fast(same_host, "2s"), fast(other_host)]
    )
    daemon = start_daemon(config)
    wait_until(lambda: feeds_json(config)[limited]["last_status"] == "error")
    before = len(server.requests_to("/other.xml"))
    wait_until(lambda: len(server2.requests_to("/b.xml")) >= 4)  # the other host goes on
    assert len(server.requests_to("/other.xml")) == before  # this host waits
    assert daemon.stop() == 0

    rows = feeds_json(config)
    assert rows[limited]["next_poll_reason"] == "retry-after"
    delay = when(rows[limited]["next_poll_at"]) - when(rows[limited]["last_polled_at"])
    assert timedelta(minutes=59) < delay <= timedelta(minutes=60, seconds=1)
    assert rows[same_host]["host_blocked_until"] is not None
    text = run("feeds", "--config", str(config)).output
    assert "the server's Retry-After" in text
    assert "host asked us to wait until" in text

    restarted = start_daemon(config)
    seen = len(server2.requests_to("/b.xml"))
    wait_until(lambda: len(server2.requests_to("/b.xml")) >= seen + 3)
    assert len(server.requests_to("/limited.xml")) == 1
    assert len(server.requests_to("/other.xml")) == before
    assert restarted.stop() == 0


def test_errors_back_off_and_the_back_off_survives_a_restart(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    broken = server.add("/broken.xml", status=500)
    fine = server.add("/fine.xml", rss(("f", "F")))
    config = daemon_config(tmp_path, db_url, [fast(broken), fast(fine)])
    daemon = start_daemon(config)
    wait_until(lambda: len(server.requests_to("/fine.xml")) >= 4)
    assert daemon.stop() == 0
    row = feeds_json(config)[broken]
    assert (row["last_status"], row["error_count"], row["next_poll_reason"]) == (
        "error",
        1,
        "backoff",
    )
    assert row["last_error"] == "HTTP 500 Internal Server Error"
    delay = when(row["next_poll_at"]) - when(row["last_polled_at"])
    assert timedelta(seconds=59) < delay < timedelta(seconds=61)  # at least a minute
    assert "(back-off after 1 error in a row)" in run("feeds", "--config", str(config)).output

    restarted = start_daemon(config)
    seen = len(server.requests_to("/fine.xml"))
    wait_until(lambda: len(server.requests_to("/fine.xml")) >= seen + 3)
    assert len(server.requests_to("/broken.xml")) == 1
    assert restarted.stop() == 0


def test_permanent_redirect_moves_the_feed_and_410_disables_it(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    new = server.add("/new.xml", rss(("n", "N")), etag='"n"')
    old = server.add("/old.xml", status=301, headers={"Location": "/new.xml"})
    temporary = server.add("/temp.xml", status=302, headers={"Location": "/new.xml"})
    gone = server.add("/gone.xml", status=410)
    config = daemon_config(tmp_path, db_url, [fast(old), fast(temporary), fast(gone)])
    daemon = start_daemon(config)
    wait_until(lambda: len(server.requests_to("/temp.xml")) >= 4)
    assert daemon.stop() == 0
    assert len(server.requests_to("/old.xml")) == 1  # after the 301, only /new.xml
    assert len(server.requests_to("/gone.xml")) == 1  # disabled after the 410
    rows = feeds_json(config)
    assert rows[old]["fetch_url"] == new
    assert rows[temporary]["fetch_url"] == temporary  # a 302 does not move the feed
    assert rows[old]["entries"] == 1
    assert rows[gone]["disabled_reason"].startswith("410 Gone")
    text = run("feeds", "--config", str(config)).output
    assert f"moved permanently to {new}" in text
    assert "disabled: 410 Gone" in text


def test_per_host_cap(
    server: FeedServer, server2: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    feeds = [server.add(f"/s{i}.xml", rss((f"s{i}", "S")), delay=0.4) for i in range(8)]
    feeds += [server2.add(f"/t{i}.xml", rss((f"t{i}", "T")), delay=0.4) for i in range(4)]
    config = daemon_config(
        tmp_path, db_url, [fast(f, "1h") for f in feeds], fetch={"per_host": 2, "concurrency": 16}
    )
    daemon = start_daemon(config)
    wait_until(lambda: db(tmp_path, "SELECT count(*) FROM entries") == [(12,)], timeout=30)
    assert daemon.stop() == 0
    assert server.max_active == 2
    assert server2.max_active == 2
    # The second host was polled while the first still had feeds waiting, not after.
    first_host_last = max(r.at for r in server.requests)
    assert min(r.at for r in server2.requests) < first_host_last - 0.5


@pytest.mark.parametrize(
    ("feed", "reason"),
    [
        ("redirect-to-metadata", "169.254.169.254): link-local address"),
        ("other-loopback-host", "127.0.0.2): loopback address"),
        ("ipv6-loopback", "(::1): loopback address"),
        ("ipv4-mapped-ipv6", "(::ffff:127.0.0.1): loopback address"),
        ("unspecified", "(0.0.0.0): unspecified address"),
        ("private", "(10.1.2.3): private address"),
        ("cgnat", "(100.64.0.1): carrier-grade NAT address"),
    ],
)
def test_address_policy(
    feed: str, reason: str, server: FeedServer, server2: FeedServer, tmp_path: Path, db_url: str
) -> None:
    port = server.port
    urls = {
        "redirect-to-metadata": server.add(
            "/meta.xml", status=302, headers={"Location": "http://169.254.169.254/latest/"}
        ),
        "other-loopback-host": server2.add("/x.xml", rss(("x", "X"))),
        "ipv6-loopback": f"http://[::1]:{port}/x.xml",
        "ipv4-mapped-ipv6": f"http://[::ffff:127.0.0.1]:{port}/x.xml",
        "unspecified": f"http://0.0.0.0:{port}/x.xml",
        "private": "http://10.1.2.3/feed.xml",
        "cgnat": "http://100.64.0.1/feed.xml",
    }
    allowed = server.add("/ok.xml", rss(("k", "K")))
    # The policy is on; only the test server's own address is let through.
    config = write_config(
        tmp_path / "feeds.yaml",
        [urls[feed], allowed],
        database=db_url,
        fetch={"allow_private_networks": False, "allowed_networks": ["127.0.0.1/32"]},
    )
    result = run("poll", "--config", str(config))
    assert "1 ok (0 not modified), 1 failed; 1 new entries" in result.output, result.output
    row = feeds_json(config)[urls[feed]]
    assert reason in row["last_error"]
    assert "allow_private_networks: true" in row["last_error"]
    # Refused before connecting: neither test host saw any request but the allowed
    # one (and, for the redirect case, the first hop).
    seen = [r.path for r in server.requests + server2.requests]
    assert set(seen) <= {"/ok.xml", "/meta.xml"}


def test_address_policy_is_on_by_default(server: FeedServer, tmp_path: Path, db_url: str) -> None:
    url = server.add("/x.xml", rss(("x", "X")))
    config = write_config(
        tmp_path / "feeds.yaml", [url], database=db_url, fetch={"allow_private_networks": False}
    )
    run("poll", "--config", str(config))
    assert "127.0.0.1): loopback address" in feeds_json(config)[url]["last_error"]
    assert server.requests_to("/x.xml") == []


def gzip_bomb(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


def peak_memory_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_hostile_feeds_are_contained(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    bomb = gzip_bomb(400)  # 400 MB of zeros in about 400 kB
    hostile = {
        "bomb": server.add("/bomb.xml", bomb, gzip=True, raw_body=True),
        "big": server.add("/big.xml", b"<rss>" + b" " * 3_000_000),
        "laughs": server.add_file("/laughs.xml", "billion-laughs.xml"),
        "xxe": server.add_file("/xxe.xml", "external-entity.xml"),
        "trickle": server.add("/trickle.xml", rss(("t", "T")), trickle=0.3),
        "html": server.add_file("/page.html", "page.html", content_type="text/html"),
        "utf8": server.add(
            "/bad-utf8.json",
            b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "\xff\xfe"}]}',
            content_type="application/json",
        ),
    }
    good = server.add("/good.xml", rss(("g", "G")))
    config = daemon_config(
        tmp_path,
        db_url,
        [fast(u, "1h") for u in [*hostile.values(), good]],
        fetch={"max_bytes": 1_000_000, "timeout": 2, "read_timeout": 1},
    )
    daemon = start_daemon(config)
    started = time.monotonic()
    wait_until(lambda: all(r["last_status"] for r in feeds_json(config).values()), timeout=30)
    elapsed = time.monotonic() - started
    peak = peak_memory_kb(daemon.process.pid)
    assert daemon.stop() == 0
    rows = feeds_json(config)
    errors = {name: rows[url]["last_error"] for name, url in hostile.items()}
    assert errors["bomb"] == "response too large: over 1000000 bytes"
    assert errors["big"].startswith("response too large: 3000005 bytes")
    assert errors["laughs"] == "refused: the XML declares entities (<!ENTITY>), a known attack"
    assert errors["xxe"] == errors["laughs"]
    assert errors["trickle"] == "timed out reading the response (total time limit)"
    assert errors["html"] == "not a feed: the server returned an HTML page"
    assert errors["utf8"].startswith("JSON feed is not valid UTF-8")
    assert rows[good]["entries"] == 1
    assert elapsed < 25
    assert peak < 250_000, f"peak memory {peak} kB: the bomb was inflated"


def test_sigterm_abandons_a_hung_poll_within_ten_seconds(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    hung = server.add("/hung.xml", rss(("h", "H")), delay=40)
    config = daemon_config(
        tmp_path, db_url, [fast(hung)], fetch={"timeout": 60, "read_timeout": 50}
    )
    daemon = start_daemon(config)
    wait_until(lambda: server.requests_to("/hung.xml"))
    time.sleep(0.3)
    started = time.monotonic()
    assert daemon.stop(signal.SIGTERM) == 0
    assert time.monotonic() - started < 10
    assert "event=daemon.stopped abandoned=1" in daemon.log()
    # Its lease was given back: the feed is due again for the next daemon.
    assert db(tmp_path, "SELECT lease_owner, last_status FROM feeds") == [(None, None)]


def test_sigint_stops_cleanly(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    url = server.add("/a.xml", rss(("a", "A")))
    daemon = start_daemon(daemon_config(tmp_path, db_url, [fast(url)]))
    wait_until(lambda: server.requests_to("/a.xml"))
    assert daemon.stop(signal.SIGINT) == 0
    assert "signal=SIGINT" in daemon.log()


def test_sigterm_the_moment_it_starts_stops_it(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    """A signal that lands while the scheduler submits its first jobs: the handler
    once stopped the scheduler from inside that submit and waited on its lock for ever."""
    url = server.add("/a.xml", rss(("a", "A")))
    config = daemon_config(tmp_path, db_url, [fast(url)])
    for _ in range(5):
        daemon = start_daemon(config)
        wait_until(lambda d=daemon: "event=daemon.start" in d.log(), interval=0.001)
        assert daemon.stop(signal.SIGTERM, timeout=10) == 0, daemon.log()
        assert "event=daemon.stopped" in daemon.log()


def test_second_daemon_on_sqlite_refuses(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    url = server.add("/a.xml", rss(("a", "A")))
    config = daemon_config(tmp_path, db_url, [fast(url)])
    first = start_daemon(config)
    wait_until(lambda: "event=daemon.start" in first.log())
    second = start_daemon(config)
    assert second.process.wait(timeout=20) == 1
    assert "another aggregator daemon (pid " in second.log()
    assert "SQLite allows one (use PostgreSQL to run several)" in second.log()
    assert first.process.poll() is None
    assert first.stop() == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_healthz_and_metrics(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    ok = server.add("/a.xml", rss(("a", "A"), ("b", "B")))
    broken = server.add("/b.xml", status=404)
    port = free_port()
    config = daemon_config(
        tmp_path,
        db_url,
        [fast(ok, "1h"), fast(broken, "1h")],
        serve={"host": "127.0.0.1", "port": port},
    )
    daemon = start_daemon(config)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: _get(f"{base}/healthz")[0] == 200)
    health = json.loads(_get(f"{base}/healthz")[1])
    assert health["status"] == "ok"
    assert 0 <= health["last_tick_age_seconds"] < 5
    # Both polls stored (they may finish in either order, in different ticks).
    wait_until(lambda: b'aggregator_polls_total{result="error"} 1.0' in _get(f"{base}/metrics")[1])
    wait_until(lambda: b'aggregator_polls_total{result="ok"} 1.0' in _get(f"{base}/metrics")[1])
    metrics = _get(f"{base}/metrics")[1].decode()
    assert 'aggregator_poll_errors_total{kind="http"} 1.0' in metrics
    assert "aggregator_entries_stored_total 2.0" in metrics
    assert "aggregator_poll_duration_seconds_count 2.0" in metrics
    # Both entries' pages were tried (their links, on .example, lead nowhere).
    wait_until(
        lambda: b"aggregator_article_duration_seconds_count 2.0" in _get(f"{base}/metrics")[1]
    )
    assert "aggregator_article_pages_total{result=" in _get(f"{base}/metrics")[1].decode()
    # Once their pages are settled, both entries are grouped (two stories).
    wait_until(
        lambda: b'aggregator_entries_grouped_total{result="new"} 2.0' in _get(f"{base}/metrics")[1]
    )
    # Each run that grouped any is timed: one or two runs, as the pages settled.
    grouping = re.search(
        r"^aggregator_grouping_duration_seconds_count (\S+)$",
        _get(f"{base}/metrics")[1].decode(),
        re.MULTILINE,
    )
    assert grouping is not None
    assert float(grouping.group(1)) in (1.0, 2.0)
    assert _get(f"{base}/nothing")[0] == 404
    assert daemon.stop() == 0


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return (0, b"")


@pytest.mark.postgres
def test_three_daemons_share_100_feeds_on_postgres(
    server: FeedServer, server2: FeedServer, tmp_path: Path, pg_url: str, start_daemon: Any
) -> None:
    interval = 3.0
    paths = [(server if i % 2 else server2, f"/p{i}.xml") for i in range(100)]
    urls = [s.add(path, rss((path, "P")), etag='"p"') for s, path in paths]
    config = write_config(
        tmp_path / "feeds.yaml",
        [fast(u, "3s") for u in urls],
        database=pg_url,
        schedule=FAST,
    )
    # Started together on an empty database: the migration and the feed list race.
    daemons = [start_daemon(config) for _ in range(3)]
    # Three polls of every feed: waited for, not slept for (a loaded machine starts
    # three daemons and migrates an empty database more slowly).
    wait_until(
        lambda: all(len(s.requests_to(path)) >= 3 for s, path in paths), timeout=60, interval=0.5
    )
    for daemon in daemons:
        assert daemon.stop() == 0, daemon.log()[-3000:]
    owners = set()
    for daemon in daemons:
        owners |= {
            line.split("owner=")[1].split()[0]
            for line in daemon.log().splitlines()
            if "event=daemon.start" in line
        }
    assert len(owners) == 3
    for s, path in paths:
        times = [r.at for r in s.requests_to(path)]
        assert len(times) >= 3, path  # every feed kept being polled
        gaps = [b - a for a, b in itertools.pairwise(times)]
        # Never twice in one due period; never far behind its schedule.
        assert min(gaps) > interval - 0.2, (path, gaps)
        assert max(gaps) < interval + 4, (path, gaps)
    polled_by = [sum("event=poll." in line for line in d.log().splitlines()) for d in daemons]
    assert all(count > 0 for count in polled_by), polled_by  # all three took part


def test_sigterm_lets_a_poll_in_progress_finish_and_stores_it(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    slow = server.add("/slow.xml", rss(("s", "S")), delay=2)
    daemon = start_daemon(daemon_config(tmp_path, db_url, [fast(slow)]))
    wait_until(lambda: server.requests_to("/slow.xml"))
    started = time.monotonic()
    assert daemon.stop(signal.SIGTERM) == 0, daemon.log()[-3000:]
    assert time.monotonic() - started < 10
    assert "event=daemon.stopped abandoned=0" in daemon.log()
    assert db(tmp_path, "SELECT count(*) FROM entries") == [(1,)]
    assert db(tmp_path, "SELECT last_status, lease_owner FROM feeds") == [("ok", None)]


def test_address_policy_in_the_daemon(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    metadata = server.add(
        "/meta.xml", status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    ipv6 = f"http://[::1]:{server.port}/x.xml"
    allowed = server.add("/ok.xml", rss(("k", "K")))
    config = daemon_config(
        tmp_path,
        db_url,
        [fast(u, "1h") for u in (metadata, ipv6, allowed)],
        fetch={"allow_private_networks": False, "allowed_networks": ["127.0.0.1/32"]},
    )
    daemon = start_daemon(config)
    wait_until(lambda: all(r["last_status"] for r in feeds_json(config).values()))
    assert daemon.stop() == 0, daemon.log()[-3000:]
    rows = feeds_json(config)
    assert "(169.254.169.254): link-local address" in rows[metadata]["last_error"]
    assert rows[metadata]["fetch_url"] == metadata  # a refused move is not followed
    assert "(::1): loopback address" in rows[ipv6]["last_error"]
    assert rows[allowed]["entries"] == 1
    assert "kind=address-policy" in daemon.log()


def test_every_section_is_taken_live_or_needs_a_restart() -> None:
    from aggregator.config import Settings
    from aggregator.runtime.jobs import LIVE_SECTIONS, RESTART_SECTIONS

    live, restart = set(LIVE_SECTIONS), set(RESTART_SECTIONS)
    assert not live & restart
    assert live | restart | {"config_path", "feeds"} == set(Settings.model_fields)


def test_a_feed_s_own_keep_counts_as_a_change_of_retention(tmp_path: Path) -> None:
    from aggregator.config import load_settings
    from aggregator.runtime.jobs import retention_of

    def settings(**feed: str) -> Any:
        path = write_config(tmp_path / "feeds.yaml", [{"url": "https://a.example/rss", **feed}])
        return load_settings(path, {})

    assert retention_of(settings()) == retention_of(settings())
    assert retention_of(settings(keep="30d")) != retention_of(settings())
    assert retention_of(settings(keep="30d")) != retention_of(settings(keep="31d"))
    assert retention_of(settings(title="Renamed")) == retention_of(settings())
