"""A term's stories and the term's weight in each story's centroid, held compactly
once many stories share the term. Pure.

Most of the index's (term, story) pairs belong to common words: a few thousand terms
each carried by hundreds or thousands of stories of the window (three pairs in four at
10^5 stored, benchmarks/cluster_scale.py). The scoring loop never reads those postings
(a term more than MAX_TERM_STORIES stories share tells none apart), yet a story's
centroid length needs each weight when a member joins or leaves. As a dict, a pair
costs a float object and a slot, about 70 bytes; in two sorted arrays, 16.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, MutableMapping

# A posting becomes Wide above this many stories, and a dict again below half of it
# (not at once: a term at the edge would be converted back and forth).
WIDE = 64


class Wide(MutableMapping[int, float]):
    """A story id -> weight mapping over two arrays sorted by story id. Story ids grow
    over time, so a new story is appended and an old one leaves from the front."""

    __slots__ = ("_ids", "_weights")

    def __init__(self, pairs: Iterable[tuple[int, float]] = ()) -> None:
        ordered = sorted(pairs)
        self._ids = array("q", [story for story, _ in ordered])
        self._weights = array("d", [weight for _, weight in ordered])

    def _at(self, story: int) -> int:
        """The position of ``story``, or -1."""
        ids = self._ids
        at = bisect_left(ids, story)
        return at if at < len(ids) and ids[at] == story else -1

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __contains__(self, story: object) -> bool:
        return isinstance(story, int) and self._at(story) >= 0

    def __getitem__(self, story: int) -> float:
        at = self._at(story)
        if at < 0:
            raise KeyError(story)
        return self._weights[at]

    def get(self, story: int, default: float | None = None) -> float | None:  # type: ignore[override]
        # The mixin's get goes through __getitem__ and an exception: this is the hot path.
        at = self._at(story)
        return self._weights[at] if at >= 0 else default

    def __setitem__(self, story: int, weight: float) -> None:
        ids = self._ids
        at = bisect_left(ids, story)
        if at < len(ids) and ids[at] == story:
            self._weights[at] = weight
        else:
            ids.insert(at, story)
            self._weights.insert(at, weight)

    def __delitem__(self, story: int) -> None:
        at = self._at(story)
        if at < 0:
            raise KeyError(story)
        del self._ids[at]
        del self._weights[at]

    def items(self) -> Iterator[tuple[int, float]]:  # type: ignore[override]
        return zip(self._ids, self._weights, strict=True)


Posting = MutableMapping[int, float]


def fitted(posting: Posting) -> Posting:
    """``posting`` in the form its size calls for: a dict while few stories share the
    term (the scoring loop reads those, and a dict is the fastest to read), Wide once
    many do."""
    if type(posting) is dict:
        return Wide(posting.items()) if len(posting) > WIDE else posting
    if len(posting) < WIDE // 2:
        return dict(posting.items())
    return posting
