"""A poll killed with SIGKILL at any moment loses nothing committed and, re-run,
stores nothing twice: each feed's entries are one transaction. A daemon killed so
leaves no worker process behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from .conftest import FeedServer, write_config
from .test_poll import rss

FEEDS = 40
PER_FEED = 5


def counter(url: str) -> Callable[[], tuple[int, int]]:
    """A function returning (entries stored, distinct (feed, key) pairs)."""
    engine = create_engine(url)

    def count() -> tuple[int, int]:
        try:
            with engine.connect() as connection:
                row = connection.execute(
                    text("SELECT count(*), count(DISTINCT feed_id || '/' || key) FROM entries")
                ).one()
        except (OperationalError, ProgrammingError):  # the schema is not there yet
            return (0, 0)
        finally:
            engine.dispose()
        return (row[0], row[1])

    return count


def poll(config: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AGGREGATOR_CONFIG": str(config)}
    return subprocess.Popen(
        [sys.executable, "-m", "aggregator", "poll", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_sigkill_mid_poll_then_rerun(
    backend: str, server: FeedServer, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        request.getfixturevalue("pg_url")
        if backend == "postgres"
        else f"sqlite:///{tmp_path / 'aggregator.db'}"
    )
    urls = [
        server.add(
            f"/f{i}.xml",
            rss(*[(f"f{i}-e{j}", f"Feed {i} entry {j}") for j in range(PER_FEED)]),
            delay=0.1,
        )
        for i in range(FEEDS)
    ]
    path = write_config(tmp_path / "feeds.yaml", urls, database=url, fetch={"concurrency": 2})
    count = counter(url)
    rng = random.Random(7)
    kills = 0
    for _ in range(3):
        before = count()[0]
        process = poll(path)
        # Wait until this run has committed something, then kill it at a random moment.
        deadline = time.monotonic() + 30
        while count()[0] == before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate(timeout=10)  # reaps it and closes its pipes
        stored, distinct = count()
        assert stored == distinct
        assert stored % PER_FEED == 0  # a feed is all in or all out
    assert kills >= 2, "the poll finished before it could be killed; slow the server"
    assert count()[0] < FEEDS * PER_FEED

    finish = poll(path)
    out, err = finish.communicate(timeout=60)
    assert finish.returncode == 0, err.decode()
    assert count() == (FEEDS * PER_FEED, FEEDS * PER_FEED)

    again = poll(path, "--force")
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err.decode()
    assert b"0 new entries, 0 updated" in out
    assert count() == (FEEDS * PER_FEED, FEEDS * PER_FEED)


def children(pid: int) -> set[int]:
    """The process's children, from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text(encoding="ascii").split()}
    return found


def alive(pid: int) -> bool:
    """Running (neither gone nor a zombie nobody reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="on one core the daemon starts no worker process"
)
def test_a_daemon_killed_with_sigkill_leaves_no_worker_process(
    server: FeedServer, tmp_path: Path
) -> None:
    """Its worker processes (parsing, grouping) exit with it: killed, it cannot stop
    them, and they would wait for work for ever, tens of MB each."""
    from aggregator.app import PARALLEL_PARSE_MIN_FEEDS

    urls = [
        server.add(f"/w{i}.xml", rss(*[(f"w{i}-e{j}", f"Feed {i} entry {j}") for j in range(5)]))
        for i in range(PARALLEL_PARSE_MIN_FEEDS)
    ]
    path = write_config(tmp_path / "feeds.yaml", urls, database=f"sqlite:///{tmp_path / 'a.db'}")
    daemon = subprocess.Popen(
        [sys.executable, "-m", "aggregator", "run", "--config", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        spawned: set[int] = set()
        while not spawned and time.monotonic() < deadline and daemon.poll() is None:
            time.sleep(0.1)
            spawned = {
                pid
                for pid in children(daemon.pid)
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
            }
        assert spawned, "the daemon started no worker process"
        time.sleep(1.0)  # the pool's other processes
        workers = children(daemon.pid)
    finally:
        daemon.send_signal(signal.SIGKILL)
        daemon.wait(timeout=10)
    deadline = time.monotonic() + 20
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # not to leave them to the next tests
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} of {len(workers)} worker processes outlived the daemon"
