"""Tuning the story thresholds with cross-validation, and what it says about held-out
events.

tune_fulltext.jsonl is small (301 articles, 85 events): a threshold picked on it scores
it too kindly. So, for each of the FOLDS event folds that cluster_quality.py reports
(the same seeded split), a setting is picked from GRID on everything but that fold
(the other folds of tune_fulltext with their real dates, and the *val* split of
tune_stories as a spread and a dense stream, never its test split), and that setting
is scored on the held-out fold. The held-out figures are the honest estimate of how
the chosen defaults do on events they were not tuned on.

A setting is picked by the mean B-cubed F1 over the three training regimes, among
those that keep the dense stream's precision at 0.90 or more (when any does).

It runs the pure core (story_index.Index on the articles' texts, as the pipeline would have
extracted them), not the whole pipeline, to try many settings in minutes;
cluster_quality.py measures the defaults through the real pipeline.

Usage: python benchmarks/cluster_tune.py [DATA_DIR]   (default ../shared/data)
"""

from __future__ import annotations

import dataclasses
import itertools
import statistics
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from cluster_quality import folds, load, scores, stream

from aggregator.domain.dedup import Item, Thresholds
from aggregator.domain.story_index import Index, group
from aggregator.domain.textsim import facts, sketch, terms

HOUR = 3600.0
GRID = [
    {"story": story, "merge": merge, "late_penalty": penalty, "decay": 12 * HOUR}
    for story in (0.15, 0.17, 0.19)
    for merge in (0.05, 0.06, 0.08)
    for penalty in (0.08, 0.12, 0.16)
]
MIN_DENSE_PRECISION = 0.90


def items(articles: list[dict[str, Any]]) -> list[Item]:
    """Each article as the deduplicator sees it: its outlet a feed, its page its
    canonical address, its text the article's."""
    feeds: dict[str, int] = {}
    found = []
    for n, article in enumerate(articles):
        feed = feeds.setdefault(article["outlet"], len(feeds) + 1)
        text = "\n".join(p for p in article["text"].split("\n") if p.strip())
        address = f"https://{feed}.example/{article['id']}"
        found.append(
            Item(
                entry_id=n + 1,
                feed_id=feed,
                when=article["when"],
                canonical_url=address,
                guid=address,
                sketch=sketch(text),
                terms=terms(article["title"], text),
                facts=facts(article["title"], text),
                order=(article["outlet"], article["id"]),
            )
        )
    return found


def within(
    gold: dict[str, str], found: dict[str, int], subset: set[str]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the articles of ``subset`` only, their
    predicted stories counted whole (a held-out article wrongly grouped with another
    fold's article loses precision)."""
    members: dict[int, list[str]] = {}
    for article, story in found.items():
        members.setdefault(story, []).append(article)
    size = {event: sum(1 for g in gold.values() if g == event) for event in set(gold.values())}
    precision = recall = 0.0
    for article in subset:
        mine = members[found[article]]
        right = sum(1 for other in mine if gold[other] == gold[article])
        precision += right / len(mine)
        recall += right / size[gold[article]]
    p, r = precision / len(subset), recall / len(subset)
    return p, r, 2 * p * r / (p + r)


def grouped(
    prepared: list[Item], setting: dict[str, float], steps: list[datetime] | None = None
) -> dict[int, int]:
    """Entry id -> story of one setting on one stream, as one batch, or (``steps``) a
    batch of what was published by each step, as a daemon's polls."""
    index = Index(dataclasses.replace(Thresholds(), **setting))
    counter = itertools.count(1)
    story: dict[int, int] = {}
    for cutoff in steps or [max(item.when for item in prepared)]:
        batch = [item for item in prepared if item.when <= cutoff and item.entry_id not in story]
        decided, merges = group(index, batch, lambda: next(counter))  # as the Deduplicator
        story.update((decision.entry_id, story_id) for decision, story_id in decided)
        # Merges move entries, in the order they were made (some have left the window).
        for merge in merges:
            story.update(dict.fromkeys(merge.entry_ids, merge.into))
    return story


def score(
    articles: list[dict[str, Any]], prepared: list[Item], setting: dict[str, float]
) -> dict[str, float]:
    """B-cubed (and pairwise) scores of one setting on one stream, as one batch."""
    story = grouped(prepared, setting)
    gold = {a["id"]: a["cluster"] for a in articles}
    return scores(gold, {a["id"]: story[n + 1] for n, a in enumerate(articles)})


def pick(results: Iterable[tuple[int, dict[str, dict[str, float]]]]) -> int:
    """The setting with the best mean F1 over the regimes, among those that keep the
    dense stream's precision (when any does)."""
    results = list(results)
    keep = [r for r in results if r[1]["dense"]["b3_precision"] >= MIN_DENSE_PRECISION]
    return max(keep or results, key=lambda r: statistics.mean(s["b3_f1"] for s in r[1].values()))[0]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data")
    fulltext, labelled = folder / "tune_fulltext.jsonl", folder / "tune_stories.jsonl"
    for path in (fulltext, labelled):
        if not path.exists():
            sys.exit(f"{path}: not found (the labelled sets live in ../shared/data/)")
    parts = folds(load(fulltext, ""))
    val = load(labelled, "val")
    fixed = {mode: stream(val, mode) for mode in ("spread", "dense")}
    prepared = {mode: items(articles) for mode, articles in fixed.items()}
    on_val = {
        n: {mode: score(fixed[mode], prepared[mode], setting) for mode in fixed}
        for n, setting in enumerate(GRID)
    }
    print(f"{len(GRID)} settings; tune_stories val: {len(val)} articles")
    whole = stream(load(fulltext, ""), "real")
    whole_items = items(whole)
    gold = {a["id"]: a["cluster"] for a in whole}
    print(
        f"{'fold':<5} {'picked on the other folds + val':<44} "
        f"{'held out: alone':>17} {'in the whole stream':>20}"
    )
    held = []
    inside = []
    for k, part in enumerate(parts):
        rest = stream([row for j, other in enumerate(parts) if j != k for row in other], "real")
        rest_items = items(rest)
        results = [
            (n, {"fulltext": score(rest, rest_items, setting), **on_val[n]})
            for n, setting in enumerate(GRID)
        ]
        chosen = GRID[pick(results)]
        out = stream(part, "real")
        s = score(out, items(out), chosen)
        held.append(s)
        story = grouped(whole_items, chosen)
        found = {a["id"]: story[n + 1] for n, a in enumerate(whole)}
        there = within(gold, found, {row["id"] for row in part})
        inside.append(there)
        setting = ", ".join(f"{key} {value:g}" for key, value in chosen.items())
        print(
            f"{k:<5} {setting:<44} {s['b3_precision']:.3f}/{s['b3_recall']:.3f}/{s['b3_f1']:.3f}"
            f"   {there[0]:.3f}/{there[1]:.3f}/{there[2]:.3f}",
            flush=True,
        )
    mean = {key: statistics.mean(s[key] for s in held) for key in held[0]}
    there = tuple(statistics.mean(t[i] for t in inside) for i in range(3))
    print(
        f"{'mean':<5} {'':<44} "
        f"{mean['b3_precision']:.3f}/{mean['b3_recall']:.3f}/{mean['b3_f1']:.3f}"
        f"   {there[0]:.3f}/{there[1]:.3f}/{there[2]:.3f}"
    )
    results = [
        (n, {"fulltext": score(whole, whole_items, setting), **on_val[n]})
        for n, setting in enumerate(GRID)
    ]
    best = pick(results)
    defaults = Thresholds()
    print(
        "picked on all folds + val: "
        + ", ".join(f"{key} {value:g}" for key, value in GRID[best].items())
        + "; the defaults: "
        + ", ".join(f"{key} {getattr(defaults, key):g}" for key in GRID[best])
        # It sees one batch per stream; the defaults also answer for a daemon's polls
        # (cluster_quality.py), where dense precision is the harder to keep.
    )
    for regime, s in results[best][1].items():
        print(f"  {regime:<9} {s['b3_precision']:.3f}/{s['b3_recall']:.3f}/{s['b3_f1']:.3f}")


if __name__ == "__main__":
    main()
