"""Story clustering quality: the real pipeline on labelled articles, every regime in
one run.

Reads the labelled sets in DATA_DIR (default ../shared/data): tune_fulltext.jsonl
(whole articles with their real outlets and publication dates) and the test split of
tune_stories.jsonl (headline and lead, no outlet or date). The regimes:

* ``fulltext``: tune_fulltext as it was published, every article at its own date in
  its own outlet, the feed carrying the first paragraph and the page the whole
  article; also each of FOLDS folds of its events alone (split by event, seeded), the
  folds a tuning run holds out (benchmarks/cluster_tune.py);
* ``spread`` and ``dense``: tune_stories' test split, given outlets and times:

* ``spread``: a story starts every 3 hours (stories spread over weeks); each of its
  articles appears within a day of the start, in one of 30 outlets at random.
* ``dense`` (the realistic one): 150 stories start per day, and stories about the
  same topic land on consecutive days (stories ordered by a greedy nearest-neighbour
  chain over their TF-IDF centroids; chain position k goes to day k mod D).

Serves each outlet as an RSS feed (title, lead as description, date) and each article
as a page (the text in a page with menus, related links and a comment form) on a
local HTTP server, runs ``aggregator poll`` with the default ``dedup:`` settings on a
fresh SQLite database (fetch, extract, deduplicate), reads ``aggregator stories
--json`` and prints B-cubed precision/recall/F1 and pairwise F1, and entries per
second.

The same three streams are also met as a daemon meets them (``fulltext-daemon``,
``spread-daemon``, ``dense-daemon``): the feeds list only what was published up to a
moving time, and ``aggregator poll --force`` runs at each step (at the end of every day
something was published; every 12 hours; every 2 hours): grouping then decides each
poll's entries against the stories before them, as it does in a running daemon,
rather than the whole stream in one batch.

In the same run, on the same stream, a single-pass TF-IDF clusterer (the data's
reference baseline: raw term counts of title and whole text without stop words, idf
from what it has seen, cosine to cluster centroids, no time window) is scored too, at
the threshold that suits it best on that very stream (an oracle: generous to it).

Usage: python benchmarks/cluster_quality.py [DATA_DIR] [REGIME...]
       REGIME: fulltext, folds, spread, dense (default: all of them)
"""

from __future__ import annotations

import html
import json
import math
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from aggregator.domain.textsim import STOP_WORDS

OUTLETS = 30
HOUR = 3600.0
DAY = 86400.0
START = datetime(2026, 9, 1, tzinfo=UTC)
BASELINE_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
FOLDS = 5
REGIMES = (
    "fulltext",
    "folds",
    "spread",
    "dense",
    "fulltext-daemon",
    "spread-daemon",
    "dense-daemon",
)
# The daemon regimes' steps: hours between polls (0: one at the end of every day
# something was published).
STEPS = {"fulltext": 0.0, "spread": 12.0, "dense": 2.0}


def load(path: Path, split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r.get("split", split) == split]


def folds(rows: list[dict[str, Any]], count: int = FOLDS) -> list[list[dict[str, Any]]]:
    """The rows in ``count`` folds by event (a seeded shuffle of the events): the
    split a tuning run holds out (benchmarks/cluster_tune.py uses the same)."""
    events = sorted({row["cluster"] for row in rows})
    random.Random(0).shuffle(events)
    fold_of = {event: k % count for k, event in enumerate(events)}
    return [[row for row in rows if fold_of[row["cluster"]] == k] for k in range(count)]


def _unit(
    weights: dict[str, float], df: Counter[str], n: int, *, sublinear: bool = True
) -> dict[str, float]:
    vector = {
        t: (1 + math.log(c) if sublinear else c) * math.log((n + 1) / (df[t] + 1))
        for t, c in weights.items()
        if c
    }
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def stream(rows: list[dict[str, Any]], mode: str, seed: int = 0) -> list[dict[str, Any]]:
    """Each article with ``outlet`` and ``when`` (its own, when the data has them)."""
    rng = random.Random(seed)
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        stories[row["cluster"]].append(row)
    names = sorted(stories)
    start: dict[str, float] = {}
    if mode == "spread":
        order = names[:]
        rng.shuffle(order)
        start = {name: k * 3 * HOUR for k, name in enumerate(order)}
    elif mode == "dense":
        centroids = {}
        df: Counter[str] = Counter()
        for name in names:
            weights: Counter[str] = Counter()
            for row in stories[name]:
                weights.update(counts(row))
            centroids[name] = dict(weights)
            df.update(weights.keys())
        vectors = {name: _unit(c, df, len(names)) for name, c in centroids.items()}
        postings: dict[str, set[str]] = defaultdict(set)
        for name, vector in vectors.items():
            for term in vector:
                postings[term].add(name)
        current = rng.choice(names)
        chain, left = [current], set(names) - {current}
        while left:
            near = {n for t in vectors[current] for n in postings[t] if n in left}
            current = max(near or left, key=lambda n: (_dot(vectors[current], vectors[n]), n))
            chain.append(current)
            left.discard(current)
        days = math.ceil(len(names) / 150)
        start = {name: (k % days) * DAY + rng.uniform(0, DAY) for k, name in enumerate(chain)}
    out = []
    for name in names:
        for row in stories[name]:
            when = row.get("published")
            out.append(
                {
                    **row,
                    "outlet": row.get("source") or f"outlet{rng.randrange(OUTLETS):02d}",
                    "when": datetime.fromisoformat(when)
                    if when
                    else START + timedelta(seconds=start[name] + rng.uniform(0, DAY)),
                }
            )
    out.sort(key=lambda a: (a["when"], a["id"]))
    return out


def counts(article: dict[str, Any]) -> dict[str, int]:
    """Raw counts of the words of title and whole text, stop words left out: the
    baseline's evidence, and what orders the dense stream (not the project's own
    terms, so that the stream stays the same when the code under test changes)."""
    words = re.findall(r"\w+", f"{article['title']} {article['text']}".lower())
    return dict(Counter(w for w in words if w not in STOP_WORDS))


def baseline(articles: list[dict[str, Any]], threshold: float) -> dict[str, int]:
    """Single-pass TF-IDF: each article joins the most similar cluster centroid (idf
    from everything seen so far), or starts a cluster; no time window."""
    df: Counter[str] = Counter()
    clusters: list[Counter[str]] = []  # raw counts; weighted by the current idf
    postings: dict[str, set[int]] = defaultdict(set)
    found = {}
    for n, article in enumerate(articles):
        weights = counts(article)
        df.update(weights.keys())
        query = _unit(weights, df, n + 1, sublinear=False)
        candidates = {c for t in query for c in postings[t]}
        best, best_score = None, threshold
        for c in sorted(candidates):
            score = _dot(query, _unit(clusters[c], df, n + 1, sublinear=False))
            if score >= best_score:
                best, best_score = c, score
        if best is None:
            best = len(clusters)
            clusters.append(Counter())
        clusters[best].update(weights)
        for t in weights:
            postings[t].add(best)
        found[article["id"]] = best
    return found


def scores(gold: dict[str, str], found: dict[str, Any]) -> dict[str, float]:
    gold_size = Counter(gold.values())
    found_size = Counter(found[a] for a in gold)
    both = Counter((gold[a], found[a]) for a in gold)
    n = len(gold)
    precision = sum(both[(gold[a], found[a])] / found_size[found[a]] for a in gold) / n
    recall = sum(both[(gold[a], found[a])] / gold_size[gold[a]] for a in gold) / n

    def pairs(k: int) -> float:
        return k * (k - 1) / 2

    true = sum(pairs(v) for v in both.values())
    p = true / (sum(pairs(v) for v in found_size.values()) or 1)
    r = true / (sum(pairs(v) for v in gold_size.values()) or 1)
    return {
        "b3_precision": precision,
        "b3_recall": recall,
        "b3_f1": 2 * precision * recall / (precision + recall),
        "pairwise_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


FURNITURE = """<header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/politics">Politics</a> <a href="/business">Business</a></nav></header>"""
AFTER = """<aside><h2>Related stories</h2><ul><li><a href="/r1">Markets rally as inflation
cools for a third month</a></li><li><a href="/r2">Storm leaves thousands without power
on the coast</a></li></ul></aside><section><h3>Leave a Comment</h3><form><textarea>
</textarea><button>Post Comment</button></form></section><footer>All rights reserved.
</footer>"""


def page(article: dict[str, Any]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n") if p)
    title = html.escape(article["title"])
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body>{FURNITURE}<main><article><h1>{title}</h1>{body}</article>{AFTER}"
        f"</main></body></html>"
    ).encode()


def slug(outlet: str) -> str:
    """An outlet's name as one path segment ("The New York Times": the-new-york-times)."""
    return re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "outlet"


def feed(outlet: str, articles: list[dict[str, Any]], base: str) -> bytes:
    place = f"{base}/{slug(outlet)}"
    items = "".join(
        f"<item><title>{html.escape(a['title'])}</title>"
        f"<link>{place}/{a['id']}.html</link><guid>{place}/{a['id']}.html</guid>"
        f"<pubDate>{format_datetime(a['when'])}</pubDate>"
        f"<description>{html.escape(_description(a))}</description></item>"
        for a in articles
    )
    return f"<rss version='2.0'><channel><title>{outlet}</title>{items}</channel></rss>".encode()


def _description(article: dict[str, Any]) -> str:
    """A feed carries a whole article's first paragraph (as news feeds do), and a
    lead as it is."""
    if not article.get("published"):
        return str(article["text"])
    return next((p for p in article["text"].split("\n") if p.strip()), "")


def serve(routes: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = routes.get(self.path)
            self.send_response(200 if body is not None else 404)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def cutoffs(articles: list[dict[str, Any]], hours: float) -> list[datetime]:
    """When a daemon's polls happen, as a stream's times go: every ``hours``, or at
    the end of every day something was published (``hours`` 0)."""
    times = sorted(article["when"] for article in articles)
    if not hours:
        ends = {datetime.combine(t.date(), datetime.max.time(), t.tzinfo) for t in times}
        return sorted(ends)
    steps = math.ceil((times[-1] - times[0]) / timedelta(hours=hours))
    return [times[0] + timedelta(hours=hours * k) for k in range(1, steps + 1)] or [times[-1]]


def pipeline(
    articles: list[dict[str, Any]], folder: Path, steps: list[datetime] | None = None
) -> tuple[dict[str, int], float, int]:
    """Run ``aggregator poll`` on the stream, once, or at each of ``steps`` with the
    feeds listing what was published by then; article id → story id, seconds, polls."""
    routes: dict[str, bytes] = {}
    server = serve(routes)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        by_outlet[article["outlet"]].append(article)
        routes[f"/{slug(article['outlet'])}/{article['id']}.html"] = page(article)
    config = folder / "feeds.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database": f"sqlite:///{folder / 'aggregator.db'}",
                "fetch": {"allow_private_networks": True, "per_host": 8, "concurrency": 16},
                "extract": {"concurrency": 8},
                "feeds": [{"url": f"{base}/{slug(outlet)}.xml"} for outlet in sorted(by_outlet)],
            }
        ),
        encoding="utf-8",
    )
    aggregator = [sys.executable, "-m", "aggregator"]
    started = time.perf_counter()
    polls = 0
    for cutoff in steps or [max(article["when"] for article in articles)]:
        for outlet, items in by_outlet.items():
            listed = [item for item in items if item["when"] <= cutoff]
            routes[f"/{slug(outlet)}.xml"] = feed(outlet, listed, base)
        # --force: every feed now, as if its interval had passed.
        poll = [*aggregator, "poll", "--force", "--config", str(config)]
        subprocess.run(poll, check=True, capture_output=steps is not None)
        polls += 1
    seconds = time.perf_counter() - started
    listing = subprocess.run(
        [*aggregator, "stories", "--json", "--limit", "0", "--config", str(config)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    server.shutdown()
    found = {}
    for line in listing.splitlines():
        story = json.loads(line)
        for entry in story["entries"]:
            found[entry["url"].rsplit("/", 1)[1].removesuffix(".html")] = story["id"]
    return found, seconds, polls


def measure(
    name: str, articles: list[dict[str, Any]], steps: list[datetime] | None = None
) -> list[tuple[str, dict[str, float]]]:
    """The pipeline and the single-pass baseline (its best threshold) on one stream."""
    gold = {a["id"]: a["cluster"] for a in articles}
    with tempfile.TemporaryDirectory() as folder:
        found, seconds, polls = pipeline(articles, Path(folder), steps)
    missing = set(gold) - set(found)
    if missing:
        print(f"{name}: {len(missing)} articles missing from stories --json", file=sys.stderr)
    print(
        f"{name}: {len(articles)} articles, {len(set(gold.values()))} stories; pipeline "
        f"({polls} poll{'s' if polls > 1 else ''}: fetch, extract, group) {seconds:.1f} s, "
        f"{len(articles) / seconds:.0f} entries/s",
        flush=True,
    )
    label = "aggregator (daemon)" if steps else "aggregator (poll)"
    runs = [(label, scores(gold, {a: found.get(a, f"-{a}") for a in gold}))]
    peers = [(t, scores(gold, baseline(articles, t))) for t in BASELINE_THRESHOLDS]
    best_threshold, best = max(peers, key=lambda peer: peer[1]["b3_f1"])
    runs.append((f"single-pass TF-IDF {best_threshold}", best))
    return runs


def main() -> None:
    args = sys.argv[1:]
    folder = Path(args.pop(0)) if args and args[0] not in REGIMES else Path("../shared/data")
    regimes = args or list(REGIMES)
    unknown = set(regimes) - set(REGIMES)
    if unknown:
        sys.exit(f"unknown regime {sorted(unknown)}; expected some of {', '.join(REGIMES)}")
    fulltext, stories = folder / "tune_fulltext.jsonl", folder / "tune_stories.jsonl"
    for path in (fulltext, stories):
        if not path.exists():
            sys.exit(f"{path}: not found (the labelled sets live in ../shared/data/)")
    streams: list[tuple[str, list[dict[str, Any]], list[datetime] | None]] = []
    whole = load(fulltext, "")
    if "folds" in regimes:
        for k, rows in enumerate(folds(whole)):
            streams.append((f"fold{k}", stream(rows, "real"), None))
    test = load(stories, "test")
    # Each stream made once: a regime and its daemon variant meet the same one.
    made = {
        mode: stream(rows, how)
        for mode, rows, how in (
            ("fulltext", whole, "real"),
            ("spread", test, "spread"),
            ("dense", test, "dense"),
        )
        if mode in regimes or f"{mode}-daemon" in regimes
    }
    if "fulltext" in regimes:
        streams.insert(0, ("fulltext", made["fulltext"], None))
    for mode in ("spread", "dense"):
        if mode in regimes:
            streams.append((mode, made[mode], None))
    for mode, articles in made.items():
        if f"{mode}-daemon" in regimes:
            streams.append((f"{mode}-d", articles, cutoffs(articles, STEPS[mode])))
    header = f"{'stream':<11} {'clusterer':<26} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pair F1':>8}"
    lines = [header]
    held: list[dict[str, float]] = []
    for name, articles, steps in streams:
        for clusterer, s in measure(name, articles, steps):
            if name.startswith("fold") and clusterer.startswith("aggregator"):
                held.append(s)
            lines.append(
                f"{name:<11} {clusterer:<26} {s['b3_precision']:6.3f} {s['b3_recall']:6.3f} "
                f"{s['b3_f1']:6.3f} {s['pairwise_f1']:8.3f}"
            )
    if held:
        mean = {key: sum(s[key] for s in held) / len(held) for key in held[0]}
        lines.append(
            f"{'folds':<11} {'aggregator, mean':<26} {mean['b3_precision']:6.3f} "
            f"{mean['b3_recall']:6.3f} {mean['b3_f1']:6.3f} {mean['pairwise_f1']:8.3f}"
        )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
