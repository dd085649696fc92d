"""Extraction quality: aggregator's full-text pipeline against trafilatura alone.

Serves the pages of FOLDER (``NAME.html`` or ``NAME.html.gz``) from a local HTTP
server, with a feed listing one entry per page (its summary: the page's own meta
description, as feeds usually carry), runs the real pipeline on a fresh SQLite
database (``aggregator poll``: fetch the feed, fetch each page, extract), and reads
each entry's ``content_text``. In the same run, trafilatura alone (default settings,
and ``favor_precision``) extracts the same pages.

Scores against GROUND_TRUTH.json (``{NAME: {"articleBody": "..."}}``) over 4-gram
word shingles: per page, matched, extra and missing shingles; precision and recall
per page, averaged over pages; F1 of those averages. Also pages per second.

Usage: python benchmarks/extract_quality.py FOLDER GROUND_TRUTH.json [REPEAT]
REPEAT (default 1) serves every page under that many URLs, for a steady-state speed
(a dozen pages mostly measure start-up).
Example: python benchmarks/extract_quality.py tests/data/articles \
             tests/data/articles/ground_truth.json
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
import yaml


def load_pages(folder: Path) -> dict[str, bytes]:
    pages = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages[path.name[: -len(".html.gz")]] = gzip.decompress(path.read_bytes())
        elif path.name.endswith(".html"):
            pages[path.name[: -len(".html")]] = path.read_bytes()
    return pages


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 0)))


def score(found: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and the F1 of the two averages.

    A page with nothing extracted counts as precision 0 and recall 0.
    """
    precisions, recalls = [], []
    for name, expected in truth.items():
        want, got = shingles(expected), shingles(found.get(name, ""))
        matched = sum((want & got).values())
        extra = sum(got.values()) - matched
        missing = sum(want.values()) - matched
        precisions.append(matched / (matched + extra) if matched + extra else 0.0)
        recalls.append(matched / (matched + missing) if matched + missing else 0.0)
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def description(page: bytes) -> str:
    """The page's own summary (meta description / og:description), as a feed has it."""
    tree = lxml.html.fromstring(page)
    for key in ("description", "og:description"):
        for meta in tree.iter("meta"):
            if key in (meta.get("name"), meta.get("property")) and meta.get("content"):
                return str(meta.get("content"))
    return ""


HOSTS = [f"127.0.0.{i}" for i in range(1, 9)]


def serve(pages: dict[str, bytes]) -> tuple[list[ThreadingHTTPServer], str]:
    """Pages spread over eight loopback hosts (127.0.0.1-8), as real pages come from
    many sites: the per-host cap then applies as it would in real life."""
    routes: dict[str, tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            body, kind = routes.get(self.path, (b"not found", "text/plain"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    servers = [ThreadingHTTPServer((HOSTS[0], 0), Handler)]
    port = servers[0].server_address[1]
    servers += [ThreadingHTTPServer((host, port), Handler) for host in HOSTS[1:]]
    base = f"http://127.0.0.1:{port}"
    items = []
    for n, (name, body) in enumerate(pages.items()):
        routes[f"/{name}.html"] = (body, "text/html")
        link = f"http://{HOSTS[n % len(HOSTS)]}:{port}/{name}.html"
        items.append(
            f"<item><title>{html.escape(name)}</title><link>{link}</link><guid>{link}</guid>"
            f"<description>{html.escape(description(body))}</description></item>"
        )
    feed = f'<rss version="2.0"><channel><title>Corpus</title>{"".join(items)}</channel></rss>'
    routes["/feed.xml"] = (feed.encode(), "application/rss+xml")
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers, base


def pipeline(pages: dict[str, bytes]) -> tuple[dict[str, str], float]:
    from aggregator.app import make_app
    from aggregator.config import load_settings
    from aggregator.runtime.drive import run_once

    servers, base = serve(pages)
    try:
        with tempfile.TemporaryDirectory() as workdir:
            config = Path(workdir) / "feeds.yaml"
            config.write_text(
                yaml.safe_dump(
                    {
                        "database": "sqlite:///aggregator.db",
                        "fetch": {"allow_private_networks": True},
                        "extract": {"full_text": "always"},
                        "feeds": [{"url": f"{base}/feed.xml"}],
                    }
                )
            )
            app = make_app(load_settings(config, {}))
            try:
                with app.session(write=True) as session:
                    with session.begin():
                        app.store(session).sync_feeds(app.settings.feeds)
                    started = time.perf_counter()
                    run_once(*app.workers(session))
                    elapsed = time.perf_counter() - started
                    with session.begin():
                        entries = app.store(session).entries()
            finally:
                app.close()
    finally:
        for server in servers:
            server.shutdown()
    found = {entry.title or "": entry.content_text for entry in entries}
    return found, elapsed


def extractor(pages: dict[str, bytes]) -> tuple[dict[str, str], float]:
    """aggregator's extraction step alone: no network, no database."""
    from aggregator.sources.extract import extract_article
    from aggregator.types import Page

    started = time.perf_counter()
    found = {}
    for name, body in pages.items():
        url = f"https://example.com/{name}"
        found[name] = extract_article(Page(url, url, body, "text/html"), description(body)).text
    return found, time.perf_counter() - started


def alone(pages: dict[str, bytes], **options: Any) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    found = {
        name: trafilatura.extract(body, include_comments=False, **options) or ""
        for name, body in pages.items()
    }
    return found, time.perf_counter() - started


def main() -> None:
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    repeat = int(sys.argv[3]) if len(sys.argv) == 4 else 1
    pages = load_pages(Path(sys.argv[1]))
    truth = {
        name: value["articleBody"]
        for name, value in json.loads(Path(sys.argv[2]).read_text("utf-8")).items()
        if name in pages
    }
    pages = {name: body for name, body in pages.items() if name in truth}
    if not pages:
        raise SystemExit("no pages with ground truth found")
    if repeat > 1:
        pages = {f"{name}-{k}": body for k in range(repeat) for name, body in pages.items()}
        truth = {f"{name}-{k}": text for k in range(repeat) for name, text in truth.items()}
    runs: list[tuple[str, Callable[[], tuple[dict[str, str], float]]]] = [
        ("aggregator (poll: fetch, extract, store)", lambda: pipeline(pages)),
        ("aggregator extraction alone (no I/O)", lambda: extractor(pages)),
        ("trafilatura alone, default", lambda: alone(pages)),
        ("trafilatura alone, favor_precision", lambda: alone(pages, favor_precision=True)),
        ("trafilatura alone, favor_recall", lambda: alone(pages, favor_recall=True)),
    ]
    print(f"{len(pages)} pages, trafilatura {trafilatura.__version__}")
    ours: dict[str, str] = {}
    print(f"{'':44} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8}")
    for label, run in runs:
        found, elapsed = run()
        precision, recall, f1 = score(found, truth)
        print(f"{label:44} {precision:9.3f} {recall:7.3f} {f1:7.3f} {len(pages) / elapsed:8.1f}")
        if label.startswith("aggregator"):
            ours = found
    print("\nper page, aggregator (F1):")
    for name in sorted(truth)[: len(truth) // repeat]:
        print(f"  {name:36} {score({name: ours.get(name, '')}, {name: truth[name]})[2]:.3f}")


if __name__ == "__main__":
    main()
