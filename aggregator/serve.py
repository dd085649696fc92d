"""The daemon's small HTTP endpoint: /healthz and /metrics (the merged feed comes later).

Runs in a thread of its own beside the scheduler; reads only what it is handed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST

from .metrics import Metrics

# The scheduler ticks every second; this much silence means it is stuck.
STALE_AFTER = 60.0


class StatusServer:
    """Serves /healthz (200 while the scheduler ticks, else 503) and /metrics."""

    def __init__(
        self,
        host: str,
        port: int,
        metrics: Metrics,
        last_tick: Callable[[], float | None],
        clock: Callable[[], float] = time.time,
    ) -> None:
        status = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/healthz":
                    code, body = status.health()
                    self._send(code, "application/json", json.dumps(body).encode())
                elif path == "/metrics":
                    self._send(200, CONTENT_TYPE_LATEST, metrics.render())
                else:
                    self._send(404, "text/plain; charset=utf-8", b"not found\n")

            def _send(self, code: int, content_type: str, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # requests are not events worth a log line each

        self._last_tick = last_tick
        self._clock = clock
        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.port: int = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="serve", daemon=True)

    def health(self) -> tuple[int, dict[str, Any]]:
        tick = self._last_tick()
        age = None if tick is None else round(self._clock() - tick, 3)
        healthy = age is not None and age < STALE_AFTER
        return (200 if healthy else 503), {
            "status": "ok" if healthy else "stalled",
            "last_tick_age_seconds": age,
        }

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
