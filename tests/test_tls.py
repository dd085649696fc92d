"""Feeds over HTTPS, from a real TLS server on 127.0.0.1 with a certificate from a
test CA (trustme): certificates are verified by every worker's client of a poll (they
share one TLS context, made once per run), against SSL_CERT_FILE when it is set."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from .conftest import run

FEEDS = 24  # more than fetch.concurrency's 16 worker threads: each makes its client


def _rss(n: int) -> bytes:
    return (
        f'<rss version="2.0"><channel><title>Feed {n}</title>'
        f"<item><title>Story {n}</title><link>https://site.example/{n}</link>"
        f"<guid>https://site.example/{n}</guid><description>About {n}.</description></item>"
        "</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        etag = f'"{self.path}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = _rss(int(self.path.strip("/").removesuffix(".xml")))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https_feeds(ca: trustme.CA) -> Iterator[list[str]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    yield [f"https://127.0.0.1:{port}/{n}.xml" for n in range(FEEDS)]
    httpd.shutdown()
    httpd.server_close()


def test_https_feeds_poll_with_the_trusted_ca(
    https_feeds: list[str], ca: trustme.CA, config: Any, tmp_path: Path
) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    path = config(https_feeds)
    env = {"SSL_CERT_FILE": str(bundle)}
    first = run("poll", "--config", str(path), env=env)
    assert f"polled {FEEDS} feeds: {FEEDS} ok (0 not modified), 0 failed" in first.output
    assert f"{FEEDS} new entries" in first.output
    # The validators go over TLS too, on every worker's connection.
    second = run("poll", "--force", "--config", str(path), env=env)
    assert f"{FEEDS} ok ({FEEDS} not modified), 0 failed; 0 new entries" in second.output


def test_an_untrusted_certificate_is_refused(
    https_feeds: list[str], config: Any, tmp_path: Path
) -> None:
    # Without SSL_CERT_FILE the test CA is not trusted (certifi's bundle is used).
    path = config(https_feeds[:3])
    result = run("poll", "--config", str(path), env={"SSL_CERT_FILE": ""})
    assert "polled 3 feeds: 0 ok (0 not modified), 3 failed; 0 new entries" in result.output
    for url in https_feeds[:3]:
        assert f"failed: {url}: cannot connect to 127.0.0.1" in result.output
    assert "certificate verify failed" in result.output
