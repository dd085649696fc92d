"""The pure grouping core on cluster_quality.py's streams, in seconds rather than minutes.

Each article becomes the Item the deduplicator would make of it (cluster_tune.items: its
text as given, not extracted from a page), and the streams go through story_index.group
as the deduplicator calls it (cluster_tune.grouped): in one batch, or in a batch per
daemon step (the ``-daemon`` regimes, the steps of cluster_quality.py). Beside
cluster_quality.py's regimes it has the val split of tune_stories as spread and dense
streams, which is what settings should be tuned on (never the test split). Here its
figures came within about 0.005 of the real pipeline's; cluster_quality.py stays the
measure that is reported. The train split, in parts the size of the val split each
streamed alone (``train-spread``, ``train-dense``: the mean over the parts), is seven
times as much to tune on: a change of 0.005 on val alone is within its noise. The
whole train split as one dense stream (``train-long``: 2,131 stories over 15 days, 150
a day) is what a daemon meets after weeks: the window full of stories on the same
topics, each topic's next event a day on.

Usage: python benchmarks/cluster_core.py [DATA_DIR] [REGIME ...] [FIELD=VALUE ...]
  e.g. python benchmarks/cluster_core.py val-spread val-dense-daemon story=0.16
  (FIELD: a dedup.Thresholds field; default regimes: all of them)
"""

from __future__ import annotations

import dataclasses
import random
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from cluster_quality import STEPS, cutoffs, folds, load, scores, stream
from cluster_tune import grouped, items

from aggregator.domain.dedup import Thresholds

STREAMS = (
    "fulltext",
    "spread",
    "dense",
    "val-spread",
    "val-dense",
    "train-spread",
    "train-dense",
    "train-long",
)
REGIMES = ("folds", *STREAMS, *(f"{name}-daemon" for name in STREAMS))


def stories(
    articles: list[dict[str, Any]], steps: list[datetime] | None, setting: dict[str, float]
) -> dict[str, int]:
    """Article id -> story (cluster_tune.grouped on the articles as the deduplicator
    sees them)."""
    story = grouped(items(articles), setting, steps)
    return {article["id"]: story[n + 1] for n, article in enumerate(articles)}


def parts(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """``rows`` in parts of ``size`` stories each (the stories dealt out at random,
    seeded; the few left over go to the parts in turn)."""
    names = sorted({row["cluster"] for row in rows})
    random.Random(7).shuffle(names)
    count = max(1, len(names) // size)
    part = {name: n % count for n, name in enumerate(names)}
    dealt: list[list[dict[str, Any]]] = [[] for _ in range(count)]
    for row in rows:
        dealt[part[row["cluster"]]].append(row)
    return dealt


def mean(held: list[dict[str, float]]) -> dict[str, float]:
    return {key: sum(h[key] for h in held) / len(held) for key in held[0]}


# A stream as scored: the labelled rows of each part (each streamed alone, the figures
# the mean over the parts), how ``stream`` times them, and the hours between a daemon's
# polls of it (cluster_quality.STEPS).
Stream = tuple[list[list[dict[str, Any]]], str, float]


def streams(folder: Path) -> dict[str, Stream]:
    """Each of STREAMS, from the labelled sets in ``folder``."""
    whole = load(folder / "tune_fulltext.jsonl", "")
    test, val, train = (
        load(folder / "tune_stories.jsonl", split) for split in ("test", "val", "train")
    )
    parted = parts(train, len({row["cluster"] for row in val}))
    return {
        "fulltext": ([whole], "real", STEPS["fulltext"]),
        "spread": ([test], "spread", STEPS["spread"]),
        "dense": ([test], "dense", STEPS["dense"]),
        "val-spread": ([val], "spread", STEPS["spread"]),
        "val-dense": ([val], "dense", STEPS["dense"]),
        "train-spread": (parted, "spread", STEPS["spread"]),
        "train-dense": (parted, "dense", STEPS["dense"]),
        "train-long": ([train], "dense", STEPS["dense"]),
    }


def main() -> None:
    args = sys.argv[1:]
    folder = Path("../shared/data")
    if args and "=" not in args[0] and args[0] not in REGIMES:
        folder = Path(args.pop(0))
    settings = dict(arg.split("=", 1) for arg in args if "=" in arg)
    regimes = [arg for arg in args if "=" not in arg] or list(REGIMES)
    unknown = set(regimes) - set(REGIMES)
    if unknown:
        sys.exit(f"unknown regime {sorted(unknown)}; expected some of {', '.join(REGIMES)}")
    setting = {key: float(value) for key, value in settings.items()}
    thresholds = dataclasses.replace(Thresholds(), **setting)
    table = streams(folder)
    started = time.perf_counter()
    print(f"{'regime':<20} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}   ({thresholds})")
    for regime in regimes:
        if regime == "folds":
            held = [
                scores({a["id"]: a["cluster"] for a in part}, stories(part, None, setting))
                for part in (stream(fold, "real") for fold in folds(table["fulltext"][0][0]))
            ]
            s = mean(held)
        else:
            name = regime.removesuffix("-daemon")
            sets, how, hours = table[name]
            held = []
            for part in sets:
                articles = stream(part, how)
                steps = None
                if regime.endswith("-daemon"):
                    steps = cutoffs(articles, hours)
                gold = {a["id"]: a["cluster"] for a in articles}
                held.append(scores(gold, stories(articles, steps, setting)))
            s = mean(held)
        print(f"{regime:<20} {s['b3_precision']:6.3f} {s['b3_recall']:6.3f} {s['b3_f1']:6.3f}")
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
