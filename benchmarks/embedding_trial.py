"""Would a dense sentence signal help grouping? A trial, not a part of the project.

Issue 12 asks to measure the `wordllama` package (static 256-dimension word embeddings,
offline) before adopting it. This adds its cosine between an entry and a story's
embedding centroid (the sum of its members' unit embeddings) to the story score,
``score = cosine - time penalty + weight * (embedding cosine - base)``, and scores
every regime of cluster_quality.py on the pure core (story_index.Index, as
cluster_tune.py does; its figures with weight 0 are the pipeline's within 0.002).
Candidate stories still come from the TF-IDF postings; all of them are scored (the
index's early stop assumes a score below its dot product).

Measured on 2026-12-03 (tune_stories val picks, test reports; lead60 = the title and
the first 60 words embedded):

    setting                    fulltext folds  spread (P/R/F1)      dense (P/R/F1)
    without (weight 0)         0.985    0.981  0.977/0.886/0.929    0.918/0.822/0.868
    w 0.2, base 0.5, story .12 0.969    0.989  0.957/0.913/0.935    0.864/0.867/0.865
    w 0.3, base 0.5, story .12 0.967    0.989  0.957/0.911/0.933    0.842/0.872/0.857
    w 0.1, base 0.7, story .14 0.980    0.973  0.972/0.883/0.925    0.916/0.822/0.867
      (lead30)

On val, over weights 0.1-0.5, bases 0.5-0.8, thresholds 0.12-0.20 and the title, the
lead (30, 60, 120 words) or the whole text embedded: spread rises by up to 0.025, the
dense stream never by more than 0.005, and only with its precision below 0.90, and
the whole-article set falls. The embeddings find the same *topic* (two earthquakes),
the very confusion the dense stream is made of. Not adopted.

Usage: pip install wordllama; python benchmarks/embedding_trial.py [val|test] [MODE]
MODE: title, full, or leadN (the title and the first N words; default lead60).
Weights, bases and thresholds: the environment's WEIGHTS, BASES, STORIES (comma lists).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from cluster_quality import folds, load, scores, stream
from cluster_tune import items

from aggregator.domain.dedup import CONFLICT, RUNNER_UP, Decision, Indexed, Item, Thresholds
from aggregator.domain.postings import Posting
from aggregator.domain.story_index import MAX_TERM_STORIES, Index, assign

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


class Blended(Index):
    """The story index with the embedding cosine added to each candidate's score."""

    def __init__(
        self, thresholds: Thresholds, embedded: np.ndarray[Any, Any], weight: float, base: float
    ) -> None:
        super().__init__(thresholds)
        self.embedded, self.weight, self.base = embedded, weight, base
        width = embedded.shape[1]
        self.sums: defaultdict[int, np.ndarray[Any, Any]] = defaultdict(lambda: np.zeros(width))

    def _join(self, known: Indexed, story_id: int) -> None:
        super()._join(known, story_id)
        self.sums[story_id] += self.embedded[known.entry_id]

    def _leave(self, known: Indexed) -> None:
        self.sums[known.story_id] -= self.embedded[known.entry_id]
        super()._leave(known)

    def renumber(self, old: int, new: int) -> None:
        if old in self.sums:
            self.sums[new] = self.sums.pop(old)
        super().renumber(old, new)

    def _same_event(self, item: Item) -> Decision | None:
        if not self.weight:
            return super()._same_event(item)
        query = self._vector(item)
        dots: dict[int, float] = defaultdict(float)
        for term, weight in query.items():
            stories: Posting | None = self._term_stories.get(term)
            if type(stories) is dict and len(stories) <= MAX_TERM_STORIES:
                for story_id, total in stories.items():
                    dots[story_id] += weight * total
        stamp = item.when.timestamp()
        mine = self.embedded[item.entry_id]
        best: tuple[float, int] | None = None
        second = (0.0, 0)
        for story_id, dot in dots.items():
            story = self._stories[story_id]
            gap = abs(stamp - story.time)
            if gap > self.thresholds.window:
                continue
            total = self.sums[story_id]
            length = float(np.linalg.norm(total))
            near = float(mine @ total) / length if length else 0.0
            score = dot / math.sqrt(story.norm2) + self.weight * (near - self.base) - self.late(gap)
            if item.facts and story.facts and item.facts.isdisjoint(story.facts):
                score -= CONFLICT
            candidate = (score, -story_id)
            if best is None or candidate > best:
                best, second = candidate, best or second
            elif candidate > second:
                second = candidate
        threshold = self.thresholds.story
        if best is None or best[0] - RUNNER_UP * max(second[0], 0.0) < threshold:
            return None
        return Decision(item.entry_id, -best[1], "story", "story-similarity", round(best[0], 4))


def embed(articles: list[dict[str, Any]], mode: str) -> np.ndarray[Any, Any]:
    """Row n + 1: the unit embedding of article n (entry ids start at 1)."""
    import wordllama

    # The wheel ships its tokenizer under tokenizers/, where load() does not look
    # unless told the package's own folder.
    model = wordllama.WordLlama.load(
        cache_dir=os.path.dirname(wordllama.__file__), disable_download=True
    )
    if mode == "title":
        texts = [a["title"] for a in articles]
    elif mode == "full":
        texts = [f"{a['title']}. {a['text']}" for a in articles]
    else:
        words = int(mode.removeprefix("lead"))
        texts = [f"{a['title']}. {' '.join(a['text'].split()[:words])}" for a in articles]
    found = model.embed(texts, norm=True)
    rows = np.zeros((len(articles) + 1, found.shape[1]))
    rows[1:] = found
    return rows


def run(
    articles: list[dict[str, Any]],
    prepared: list[Item],
    embedded: np.ndarray[Any, Any],
    weight: float,
    base: float,
    story: float,
) -> dict[str, float]:
    index = Blended(dataclasses.replace(Thresholds(), story=story), embedded, weight, base)
    counter = itertools.count(1)
    decided = assign(index, prepared, lambda: next(counter))
    index.merges(index.grown(decided))
    found = {d.entry_id: index.story_of(d.entry_id) or s for d, s in decided}
    gold = {a["id"]: a["cluster"] for a in articles}
    return scores(gold, {a["id"]: found[n + 1] for n, a in enumerate(articles)})


def grid(name: str, default: str) -> list[float]:
    return [float(x) for x in os.environ.get(name, default).split(",")]


def main() -> None:
    split = sys.argv[1] if len(sys.argv) > 1 else "val"
    mode = sys.argv[2] if len(sys.argv) > 2 else "lead60"
    whole = load(DATA / "tune_fulltext.jsonl", "")
    labelled = load(DATA / "tune_stories.jsonl", split)
    sets = {"fulltext": stream(whole, "real")}
    sets |= {f"fold{k}": stream(part, "real") for k, part in enumerate(folds(whole))}
    sets |= {m: stream(labelled, m) for m in ("spread", "dense")}
    prepared = {name: (rows, items(rows), embed(rows, mode)) for name, rows in sets.items()}
    default = Thresholds().story
    tried = itertools.product(
        grid("WEIGHTS", "0.1,0.2,0.3"), grid("BASES", "0.5,0.6,0.7"), grid("STORIES", "0.14")
    )
    settings = [(0.0, 0.0, default), *tried]
    print(f"tune_stories {split}, embedded: {mode}")
    print(f"{'weight base story':<18} fulltext  folds  {'spread P/R/F1':<18} dense P/R/F1")
    for weight, base, story in settings:
        found = {name: run(*prepared[name], weight, base, story) for name in sets}
        held = sum(found[f"fold{k}"]["b3_f1"] for k in range(5)) / 5
        whole_f1 = found["fulltext"]["b3_f1"]
        line = f"{weight:<6g} {base:<4g} {story:<6g} {whole_f1:>8.3f} {held:>6.3f}"
        for regime in ("spread", "dense"):
            s = found[regime]
            line += f"  {s['b3_precision']:.3f}/{s['b3_recall']:.3f}/{s['b3_f1']:.3f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
