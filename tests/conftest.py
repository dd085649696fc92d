"""Fixtures: a real HTTP server on 127.0.0.1 serving fixture feeds, a real SQLite
file per test, PostgreSQL databases when AGGREGATOR_TEST_PG_URL is set, and helpers
to write feeds.yaml and run the command line."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from aggregator.cli import cli

DATA = Path(__file__).parent / "data"


@dataclass
class Route:
    """What the test server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    gzip: bool = False
    raw_body: bool = False  # send body as is (e.g. already gzip-compressed)
    trickle: float = 0.0  # after the headers, one byte every this many seconds
    header_trickle: float = 0.0  # the status line and headers, one byte every ... seconds


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float = 0.0  # time.monotonic() when it arrived


class FeedServer:
    """A threaded HTTP server with programmable routes, a request log, and a count of
    concurrent requests (the most at once, overall)."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.address = address
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.active = 0
        self.max_active = 0
        self.connections = 0  # TCP connections accepted
        self.generation = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server.connections += 1

            def do_GET(self) -> None:
                with server._lock:
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                    # A request left over from an earlier test (a hung one) must not
                    # count in this test's figures.
                    self._generation = server.generation
                self._counted = True
                try:
                    self._get()
                finally:
                    self._done()

            def _done(self) -> None:
                # Called as the answer starts to go out: a client that has read it may
                # send its next request before this thread gets to run again.
                if self._counted:
                    self._counted = False
                    with server._lock:
                        if self._generation == server.generation:
                            server.active -= 1

            def _get(self) -> None:
                path = self.path
                with server._lock:
                    server.requests.append(
                        Seen(
                            path,
                            {k.lower(): v for k, v in self.headers.items()},
                            time.monotonic(),
                        )
                    )
                    route = server.routes.get(path)
                if route is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if route.delay:
                    time.sleep(route.delay)
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                if route.status == 200 and self._not_modified(route):
                    self._send(304, b"", headers)
                    return
                body = route.body
                if route.gzip:
                    body = body if route.raw_body else gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if route.header_trickle:
                    self._trickle_headers(route.header_trickle)
                    return
                if route.trickle:
                    self._trickle(body, headers, route.trickle)
                    return
                self._send(route.status, body, headers)

            def _trickle_headers(self, pause: float) -> None:
                self._done()
                head = b"HTTP/1.1 200 OK\r\n" + b"".join(
                    f"X-Filler-{i}: {'x' * 40}\r\n".encode() for i in range(100)
                )
                deadline = time.monotonic() + 60  # bounded, whatever the client does
                for byte in head:
                    if time.monotonic() > deadline:
                        break
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(pause)

            def _trickle(self, body: bytes, headers: dict[str, str], pause: float) -> None:
                self.send_response(200)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                deadline = time.monotonic() + 60  # bounded, whatever the client does
                for byte in body:
                    if time.monotonic() > deadline:
                        break
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(pause)

            def _not_modified(self, route: Route) -> bool:
                inm = self.headers.get("If-None-Match")
                if route.etag and inm is not None:
                    return inm == route.etag
                ims = self.headers.get("If-Modified-Since")
                return bool(route.last_modified and ims == route.last_modified)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self._done()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                # A client that hangs up (a killed poll, a size cap) is expected here.
                if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                    super().handle_error(request, client_address)

        self.httpd = Server((address, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.address}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **kwargs: Any) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kwargs)
        return self.url(path)

    def add_file(self, path: str, name: str, **kwargs: Any) -> str:
        return self.add(path, (DATA / name).read_bytes(), **kwargs)

    def requests_to(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def reset(self) -> None:
        with self._lock:
            self.routes.clear()
            self.requests.clear()
            self.max_active = 0
            self.active = 0
            self.connections = 0
            self.generation += 1

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def _server() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


def _fresh(server: FeedServer) -> Iterator[FeedServer]:
    # Session-wide servers, emptied of routes and logs around each test.
    server.reset()
    yield server
    server.reset()


@pytest.fixture
def server(_server: FeedServer) -> Iterator[FeedServer]:
    yield from _fresh(_server)


@pytest.fixture(scope="session")
def _server2() -> Iterator[FeedServer]:
    # A second host: all of 127.0.0.0/8 is loopback on Linux.
    server = FeedServer("127.0.0.2")
    yield server
    server.close()


@pytest.fixture
def server2(_server2: FeedServer) -> Iterator[FeedServer]:
    """Another host than `server`, for per-host behaviour."""
    yield from _fresh(_server2)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'aggregator.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test runs twice: on a SQLite file, and on a fresh PostgreSQL database
    (skipped without AGGREGATOR_TEST_PG_URL)."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_url")
        return url
    return f"sqlite:///{tmp_path / 'aggregator.db'}"


def write_config(
    path: Path, feeds: list[dict[str, Any] | str], database: str | None = None, **sections: Any
) -> Path:
    """Write a feeds.yaml; fetching from 127.0.0.1 is allowed, as tests need it."""
    document: dict[str, Any] = {}
    if database:
        document["database"] = database
    fetch = {"allow_private_networks": True, "timeout": 10, **sections.pop("fetch", {})}
    document["fetch"] = fetch
    document.update(sections)
    document["feeds"] = [{"url": f} if isinstance(f, str) else f for f in feeds]
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Any:
    """config(feeds, **sections) -> path of a feeds.yaml using this test's database."""

    def make(feeds: list[dict[str, Any] | str], **sections: Any) -> Path:
        return write_config(tmp_path / "feeds.yaml", feeds, database=db_url, **sections)

    return make


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the command line in-process, as a user would type it."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    base = os.environ.get("AGGREGATOR_TEST_PG_URL")
    if not base:
        pytest.skip("AGGREGATOR_TEST_PG_URL is not set")
    name = f"aggtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def wait_until(predicate: Any, timeout: float = 15.0, interval: float = 0.05) -> Any:
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


class Daemon:
    """`aggregator run` as a real subprocess, its logs in a file."""

    def __init__(self, config: Path, log: Path, *extra: str) -> None:
        self.log_path = log
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aggregator",
                "run",
                "--config",
                str(config),
                "--log-level",
                "debug",
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )

    def log(self) -> str:
        return self.log_path.read_text()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self._log.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def start_daemon(tmp_path: Path) -> Iterator[Any]:
    """start_daemon(config, *args) -> Daemon; every daemon is killed at teardown."""
    started: list[Daemon] = []

    def start(config: Path, *extra: str) -> Daemon:
        daemon = Daemon(config, tmp_path / f"daemon{len(started)}.log", *extra)
        started.append(daemon)
        return daemon

    yield start
    for daemon in started:
        daemon.kill()


def feeds_json(config: Path) -> dict[str, dict[str, Any]]:
    """`aggregator feeds --json`, by feed URL."""
    result = run("feeds", "--json", "--config", str(config))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return {row["url"]: row for row in rows}
