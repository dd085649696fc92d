"""Poll throughput: aggregator against the peer library `reader`, in one run.

Serves FEEDS generated feeds x 20 entries from a local HTTP server running in its own
process (so that it does not share a GIL with the client being measured), spread
over eight loopback addresses (127.0.0.1-8, so aggregator's default per-host cap of 2
applies as it would in real life), with ETag / 304 support and Nagle's algorithm off.
Full text is off. Times, for each tool, on a fresh SQLite database:

  first poll   every feed new (fetch, parse, store 20 entries each)
  second poll  every feed again, all answered 304 Not Modified

and prints seconds, feeds per second and the ratio reader/aggregator (above 1:
aggregator is faster). reader is timed with workers=1 (its default) and with
workers=16 (aggregator's default concurrency); the ratio uses reader's faster run.

Each tool runs ROUNDS times on a fresh database and the best time of each poll counts
(these machines are shared and noisy; the best run is the least disturbed one).

Usage: python benchmarks/poll_throughput.py [FEEDS] [ROUNDS]   (default 1000 3)
Needs: pip install reader sgmllib3k
The parse-only companion is benchmarks/parse_throughput.py.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ENTRIES = 20
FETCH_EXTRA: dict[str, Any] = {}
HOSTS = [f"127.0.0.{i}" for i in range(1, 9)]


def feed_body(n: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n}-{i}: talks resume in Geneva</title>"
        f"<link>https://news{n}.example/{i}</link>"
        f"<guid>https://news{n}.example/{i}</guid>"
        f"<pubDate>Tue, 27 Aug 2024 09:{i:02d}:00 +0500</pubDate>"
        f"<description>Delegations met in Geneva on day {i}. "
        f"{'Officials said the talks would continue. ' * 6}</description></item>"
        for i in range(ENTRIES)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {n}</title><link>https://news{n}.example/</link>{items}"
        f"</channel></rss>"
    ).encode()


def serve(feeds: int, port: Any, stop: Any) -> None:
    bodies = [feed_body(n) for n in range(feeds)]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # TCP_NODELAY: no 40 ms stalls on small writes

        def do_GET(self) -> None:
            n = int(self.path.rsplit("/", 1)[1].split(".")[0])
            etag = f'"v1-{n}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = bodies[n]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

    servers = [Server((HOSTS[0], 0), Handler)]  # a free port, then the same on the rest
    chosen = servers[0].server_address[1]
    servers += [Server((host, chosen), Handler) for host in HOSTS[1:]]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    port.put(chosen)
    stop.wait()
    for server in servers:
        server.shutdown()


def urls(feeds: int, port: int) -> list[str]:
    return [f"http://{HOSTS[n % len(HOSTS)]}:{port}/feed/{n}.xml" for n in range(feeds)]


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def bench_aggregator(feeds: int, port: int, workdir: Path) -> tuple[float, float, int]:
    import yaml

    from aggregator.app import make_app
    from aggregator.config import load_settings
    from aggregator.runtime.drive import run_once

    config = workdir / "feeds.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database": "sqlite:///aggregator.db",
                "fetch": {"allow_private_networks": True, **FETCH_EXTRA},
                "extract": {"full_text": False},
                "feeds": [{"url": u} for u in urls(feeds, port)],
            }
        )
    )
    app = make_app(load_settings(config, {}))
    try:
        with app.session(write=True) as session:
            store = app.store(session)
            with session.begin():
                store.sync_feeds(app.settings.feeds)

            def poll(force: bool) -> Any:
                return run_once(app.poller(session, lambda r, c: None), force=force)

            reports: list[Any] = []
            first = timed(lambda: reports.append(poll(False)))
            second = timed(lambda: reports.append(poll(True)))
        stored = reports[0].new_entries
        if reports[0].failed or reports[1].failed:
            raise SystemExit(f"polls failed: {reports[0].failed + reports[1].failed}")
        if reports[1].not_modified != feeds:
            raise SystemExit(
                f"the second poll was not all 304: {reports[1].not_modified} of {feeds}, "
                f"first poll: {len(reports[0].results)} feeds"
            )
    finally:
        app.close()
    return first, second, stored


def bench_reader(feeds: int, port: int, workdir: Path, workers: int) -> tuple[float, float, int]:
    from reader import make_reader

    reader = make_reader(str(workdir / f"reader-{workers}.sqlite"))
    try:
        for url in urls(feeds, port):
            reader.add_feed(url)
        # scheduled=False: every feed, due or not (a forced poll, as aggregator's).
        first = timed(lambda: reader.update_feeds(scheduled=False, workers=workers))
        second = timed(lambda: reader.update_feeds(scheduled=False, workers=workers))
        stored = reader.get_entry_counts().total
    finally:
        reader.close()
    return first, second, stored


def main() -> None:
    feeds = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    port_queue: Any = multiprocessing.Queue()
    stop = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(feeds, port_queue, stop), daemon=True)
    server.start()
    port = port_queue.get(timeout=30)
    runs: dict[str, list[tuple[float, float, int]]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for round_ in range(rounds):
                for name, work in (
                    ("aggregator", lambda d: bench_aggregator(feeds, port, d)),
                    ("reader workers=1", lambda d: bench_reader(feeds, port, d, 1)),
                    ("reader workers=16", lambda d: bench_reader(feeds, port, d, 16)),
                ):
                    slug = name.replace(" ", "_").replace("=", "")
                    workdir = Path(tmp) / f"{slug}-{round_}"
                    workdir.mkdir()
                    cwd = os.getcwd()
                    os.chdir(workdir)
                    try:
                        runs.setdefault(name, []).append(work(workdir))
                    finally:
                        os.chdir(cwd)
    finally:
        stop.set()
        server.join(5)
    results = {
        name: (min(r[0] for r in got), min(r[1] for r in got), got[0][2])
        for name, got in runs.items()
    }

    print(f"feeds={feeds} entries/feed={ENTRIES} cores={os.cpu_count()} best of {rounds} rounds")
    print(f"{'':20} {'first poll':>18} {'second poll (304)':>22} {'entries':>8}")
    for name, (first, second, stored) in results.items():
        print(
            f"{name:20} {first:7.2f} s {feeds / first:6.0f}/s "
            f"{second:10.2f} s {feeds / second:6.0f}/s {stored:8d}"
        )
    ours = results["aggregator"]
    best_first = min(r[0] for n, r in results.items() if n.startswith("reader"))
    best_second = min(r[1] for n, r in results.items() if n.startswith("reader"))
    print(
        f"speed-up over reader's best: first poll {best_first / ours[0]:.2f}x, "
        f"second poll {best_second / ours[1]:.2f}x"
    )


if __name__ == "__main__":
    main()
