"""The daemon's small HTTP endpoint: the merged feed (/feed.atom, /feed.rss, /feed.json,
/tags/TAG/feed.*, /searches/NAME/feed.*) with ETag and Last-Modified, /healthz and
/metrics, and at / an index of them; HEAD on every path.

Runs in a thread of its own beside the scheduler; reads only what it is handed.
"""

from __future__ import annotations

import dataclasses
import errno
import html
import json
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote

from prometheus_client import CONTENT_TYPE_LATEST

from ..errors import ServeError
from ..runtime.metrics import Metrics
from .publish import Document

# The scheduler ticks every second; this much silence means it is stuck.
STALE_AFTER = 60.0


class FeedDocuments:
    """The latest merged feed documents, swapped whole (the daemon renders, the server
    reads, from another thread)."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        self._lock = threading.Lock()

    def replace(self, documents: dict[str, Document], now: datetime) -> None:
        """Serve these from now on. Last-Modified never goes back: a document that
        changed without a newer story (a story merged away or pruned, a saved search
        edited) is stamped ``now``, and so is each first one of this process (what
        changed while it was stopped is not known), or If-Modified-Since would
        answer 304 to a changed document."""
        with self._lock:
            fresh = {}
            for path, document in documents.items():
                before = self._documents.get(path)
                if before is None:
                    stamp = max(now, document.updated)
                elif before.etag == document.etag:
                    stamp = before.updated  # unchanged: so is its stamp
                elif document.updated.replace(microsecond=0) <= before.updated.replace(
                    microsecond=0
                ):
                    stamp = max(now, before.updated + timedelta(seconds=1))
                else:
                    stamp = document.updated
                fresh[path] = dataclasses.replace(document, updated=stamp)
            self._documents = fresh

    def get(self, path: str) -> Document | None:
        with self._lock:
            return self._documents.get(path)

    def paths(self) -> list[str]:
        with self._lock:
            return sorted(self._documents)


def index_page(paths: list[str]) -> bytes:
    """``/``: what is served here, with the merged feeds announced for discovery."""
    feeds = [path for path in paths if "/" not in path] or paths[:3]
    alternates = "".join(
        f'<link rel="alternate" type="{_FEED_TYPES.get(path.rsplit(".", 1)[-1], "")}" '
        f'href="/{html.escape(quote(path))}">'
        for path in feeds
    )
    items = "".join(
        f'<li><a href="/{html.escape(quote(path))}">{html.escape(path)}</a></li>'
        for path in (*paths, "healthz", "metrics")
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>aggregator</title>{alternates}</head><body><h1>aggregator</h1>"
        f"<p>Served here:</p><ul>{items}</ul></body></html>"
    ).encode()


_FEED_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


def not_modified(document: Document, match: str | None, since: str | None) -> bool:
    """RFC 9110 13.1: If-None-Match wins; else If-Modified-Since, to the second."""
    if match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in match.split(",")]
        return "*" in tags or document.etag in tags
    if since is None:
        return False
    try:
        moment = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if moment.tzinfo is None:
        return False
    return document.updated.replace(microsecond=0) <= moment


def _why_not_served(host: str, port: int, error: OSError) -> str:
    where = f"{host}:{port}"
    if error.errno == errno.EADDRINUSE:
        return (
            f"cannot serve on {where}: the port is in use (another aggregator daemon, or "
            f"another program); stop it or choose another `serve: port:` in feeds.yaml"
        )
    if error.errno == errno.EACCES:
        return (
            f"cannot serve on {where}: ports below 1024 need privileges; choose a "
            f"`serve: port:` of 1024 or more"
        )
    if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
        return (
            f"cannot serve on {where}: this machine has no such address; check "
            f"`serve: host:` in feeds.yaml"
        )
    return f"cannot serve on {where}: {error.strerror or error}"


class _Handler(BaseHTTPRequestHandler):
    """One request to a StatusServer (``status``: set on the class made per server)."""

    status: StatusServer

    def do_HEAD(self) -> None:
        # The same answer without its body (uptime checkers, curl -I).
        self.do_GET()

    def do_GET(self) -> None:
        # Decoded: a tag such as "café" is requested as /tags/caf%C3%A9/...
        path = unquote(self.path.split("?", 1)[0])
        if path == "/":
            index = index_page(self.status.documents.paths())
            self._send(200, "text/html; charset=utf-8", index)
        elif path == "/healthz":
            code, body = self.status.health()
            self._send(code, "application/json", json.dumps(body).encode())
        elif path == "/metrics":
            self._send(200, CONTENT_TYPE_LATEST, self.status.metrics.render())
        elif (document := self.status.documents.get(path.lstrip("/"))) is not None:
            self._feed(document)
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _feed(self, document: Document) -> None:
        unchanged = not_modified(
            document,
            self.headers.get("If-None-Match"),
            self.headers.get("If-Modified-Since"),
        )
        self.send_response(304 if unchanged else 200)
        self.send_header("ETag", document.etag)
        self.send_header("Last-Modified", format_datetime(document.updated, usegmt=True))
        self.send_header("Cache-Control", "no-cache")
        if unchanged:
            self.end_headers()
            return
        self.send_header("Content-Type", document.media_type)
        self.send_header("Content-Length", str(len(document.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(document.body)

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are not events worth a log line each


class StatusServer:
    """Serves the merged feed, /healthz (200 while the scheduler ticks, else 503) and
    /metrics."""

    def __init__(
        self,
        host: str,
        port: int,
        metrics: Metrics,
        last_tick: Callable[[], float | None],
        clock: Callable[[], float] = time.time,
        feeds: FeedDocuments | None = None,
        problems: Callable[[], list[str]] = list,
    ) -> None:
        self.metrics = metrics
        self.documents = feeds or FeedDocuments()
        self._last_tick = last_tick
        self._clock = clock
        self._problems = problems
        try:
            # The handler class is made per server: it answers for this one.
            handler = type("Handler", (_Handler,), {"status": self})
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as e:
            raise ServeError(_why_not_served(host, port, e)) from e
        self.httpd.daemon_threads = True
        self.host = host
        self.port: int = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="serve", daemon=True)

    def health(self) -> tuple[int, dict[str, Any]]:
        """503 when the scheduler has stopped ticking (restart the daemon); 200 while
        it ticks, ``degraded`` with the problems listed when it ticks in vain (the
        database takes no writes, every feed fails): waiting fixes those, a restart
        does not."""
        tick = self._last_tick()
        age = None if tick is None else round(self._clock() - tick, 3)
        ticking = age is not None and age < STALE_AFTER
        problems = self._problems()
        status = "stalled" if not ticking else "degraded" if problems else "ok"
        return (200 if ticking else 503), {
            "status": status,
            "last_tick_age_seconds": age,
            "problems": problems,
        }

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
