"""The daemon's peak memory with 10^6 entries stored and 1,000 feeds, as a user runs it.

cluster_scale.py measures a process that rebuilds the index from 10^6 stored entries
and groups 1,000 more; poll_throughput.py polls a farm of 1,000 feeds into a new
database. Here both at once, through the real daemon:

* a fresh SQLite file holds SIZE entries (cluster_scale.build: 3,000 a day in stories,
  so the 14-day window holds 42,000 of them) from the FEEDS feeds of a local farm
  (poll_throughput.serve: 20 entries a feed, published today, over 100 loopback
  addresses);
* `python -m aggregator run` starts on it, as a service would: it rebuilds its index,
  polls every feed (FEEDS x 20 new entries) and groups them against what is stored;
* once every entry is grouped, the peak resident memory (VmHWM) of the daemon's main
  process and of each of its worker processes is read from /proc, and it is stopped
  with SIGTERM (it must exit 0).

Prints the stored and polled counts, how long the daemon took to get there, and the
peaks (the target: the daemon under 300 MB).

Usage: python benchmarks/daemon_memory.py [SIZE] [FEEDS]   (default 1000000 1000)
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cluster_scale import build
from peak import peak_rss_mb
from poll_throughput import ENTRIES, serve, urls

SETTINGS = {"fetch": {"allow_private_networks": True}, "extract": {"full_text": False}}
PATIENCE = 1800.0  # seconds the daemon gets to poll and group everything


def children(pid: int) -> list[int]:
    """The process's children (its worker processes), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text(encoding="ascii").split()]
    return found


def counts(database: Path) -> tuple[int, int]:
    """(entries stored, entries not yet in a story), read as a user would."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
        stored = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        waiting = db.execute(
            "SELECT count(*) FROM entries LEFT JOIN story_entries"
            " ON story_entries.entry_id = entries.id WHERE story_entries.story_id IS NULL"
        )
        return int(stored), int(waiting.fetchone()[0])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        # In a process of its own, as cluster_scale builds: its memory is not measured.
        size, folder, feeds = int(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
        print(json.dumps(build(size, folder, feeds, SETTINGS, new=0)))
        return
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    port_queue: Any = multiprocessing.Queue()
    stop = multiprocessing.Event()
    today = datetime.now(UTC).strftime("%a, %d %b %Y")
    farm = multiprocessing.Process(target=serve, args=(feeds, port_queue, stop, today), daemon=True)
    farm.start()
    port = port_queue.get(timeout=30)
    try:
        with tempfile.TemporaryDirectory(prefix="daemon-memory-") as tmp:
            folder = Path(tmp)
            addresses = json.dumps(urls(feeds, port))
            built = subprocess.run(
                [sys.executable, __file__, "--build", str(size), tmp, addresses],
                check=True,
                capture_output=True,
                text=True,
            )
            print(built.stdout.strip().splitlines()[-1], flush=True)
            expected = size + feeds * ENTRIES
            started = time.perf_counter()
            log = folder / "daemon.log"  # a file: a pipe nobody reads would stall it
            with log.open("w", encoding="utf-8") as errors:
                daemon = subprocess.Popen(
                    [sys.executable, "-m", "aggregator", "run", "--config", "feeds.yaml"],
                    cwd=folder,
                    env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
                    stderr=errors,
                )
            try:
                while True:
                    if daemon.poll() is not None:
                        raise SystemExit(f"the daemon exited {daemon.returncode}")
                    if time.perf_counter() - started > PATIENCE:
                        raise SystemExit(f"not done in {PATIENCE:.0f} s")
                    stored, waiting = counts(folder / "a.db")
                    if stored >= expected and not waiting:
                        break
                    time.sleep(1.0)
                took = time.perf_counter() - started
                workers = {pid: peak_rss_mb(pid) for pid in children(daemon.pid)}
                main_peak = peak_rss_mb(daemon.pid)
            finally:
                daemon.send_signal(signal.SIGTERM)
                daemon.wait(timeout=60)
            if daemon.returncode != 0:
                tail = log.read_text(encoding="utf-8")[-2000:]
                raise SystemExit(f"the daemon exited {daemon.returncode}: {tail}")
    finally:
        stop.set()
        farm.join(5)
    print(
        f"stored {size} entries from {feeds} feeds; the daemon polled {feeds * ENTRIES} "
        f"more and grouped them: done {took:.1f} s after it started"
    )
    print(f"daemon peak RSS: {main_peak:.0f} MB (target: under 300 MB)")
    print(
        "its worker processes' peaks: "
        + (", ".join(f"{mb:.0f} MB" for mb in sorted(workers.values())) or "none running")
    )


if __name__ == "__main__":
    main()
