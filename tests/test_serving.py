"""The daemon's HTTP endpoint as uptime checkers and browsers use it: HEAD on every
path, an index at /, and self links that follow `serve:`."""

from __future__ import annotations

import http.client
import re
from pathlib import Path
from typing import Any

import pytest

from aggregator.errors import ServeError
from aggregator.output.serve import StatusServer
from aggregator.runtime.metrics import Metrics

from .conftest import FeedServer, wait_until, write_config
from .test_daemon import _get, free_port
from .test_poll import rss


def _head(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("HEAD", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_head_index_and_self_links_follow_serve_port(
    server: FeedServer, tmp_path: Path, db_url: str, start_daemon: Any
) -> None:
    feed = server.add("/a.xml", rss(("a", "A <b>story</b>"), ("b", "Another")))
    port = free_port()
    # No output.base_url: the self links must name the port served on.
    config = write_config(
        tmp_path / "feeds.yaml",
        [{"url": feed, "interval": "1h"}],
        database=db_url,
        serve={"host": "127.0.0.1", "port": port},
    )
    start_daemon(config)
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: b"<entry>" in _get(f"{base}/feed.atom")[1])

    atom = _get(f"{base}/feed.atom")[1].decode()
    self_link = re.search(r'<link[^>]*rel="self"[^>]*>', atom)
    assert self_link is not None
    assert f'href="{base}/feed.atom"' in self_link.group(0)

    for path in ("/", "/feed.atom", "/feed.json", "/healthz", "/metrics"):
        status, headers, body = _head(port, path)
        assert status == 200, path
        assert body == b"", path
        assert int(headers["Content-Length"]) > 0, path
    for path in ("/", "/feed.atom", "/feed.json"):  # the others change between requests
        assert int(_head(port, path)[1]["Content-Length"]) == len(_get(f"{base}{path}")[1])
    assert _head(port, "/nothing-here")[0] == 404

    status, index = _get(f"{base}/")
    assert status == 200
    page = index.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/feed.atom">' in page
    assert '<a href="/feed.rss">feed.rss</a>' in page
    assert '<a href="/healthz">healthz</a>' in page


def test_the_endpoint_refuses_what_it_does_not_serve_and_names_bad_addresses() -> None:
    status = StatusServer("127.0.0.1", 0, Metrics(), lambda: 0.0, clock=lambda: 1.0)
    status.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", status.port, timeout=5)
        connection.request("POST", "/healthz", body=b"x")
        assert connection.getresponse().status == 405
        connection.close()
        assert _head(status.port, "/healthz")[0] == 200
        assert _head(status.port, "/no/such/feed.atom")[0] == 404
        # Taken already: one clear error, the process goes on.
        with pytest.raises(ServeError, match="in use"):
            StatusServer("127.0.0.1", status.port, Metrics(), lambda: 0.0)
    finally:
        status.stop()
    with pytest.raises(ServeError, match="no such address"):
        StatusServer("192.0.2.1", 0, Metrics(), lambda: 0.0)  # TEST-NET-1: never local
