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
from collections.abc import Iterable, Iterator

from .dedup import MAX_TERM_STORIES

# A posting becomes Wide above this many stories, and a dict again at MAX_TERM_STORIES
# (not at once: a term at the edge would be converted back and forth). So a Wide
# posting is always one the scoring loop skips, which it tells by its type alone
# (asking a Wide its length is a Python call, and the loop asks millions of times).
WIDE = 64


class Wide:
    """A story id -> weight mapping over two arrays sorted by story id, with the
    methods of a dict the index uses. Story ids grow over time, so a new story is
    appended and an old one leaves from the front."""

    __slots__ = ("_ids", "_weights")

    def __init__(self, pairs: Iterable[tuple[int, float]] = ()) -> None:
        ordered = sorted(pairs)
        self._ids = array("q", [key for key, _ in ordered])
        self._weights = array("d", [weight for _, weight in ordered])

    def _find(self, story: int) -> tuple[int, bool]:
        """Where ``story`` is, or would go, and whether it is there."""
        ids = self._ids
        if not ids or story > ids[-1]:
            # A new story: the newest, so after every other, most often.
            return len(ids), False
        at = bisect_left(ids, story)
        return at, ids[at] == story

    def _at(self, story: int) -> int:
        """The position of ``story``, or -1."""
        at, found = self._find(story)
        return at if found else -1

    def _insert(self, at: int, story: int, weight: float) -> None:
        self._ids.insert(at, story)
        self._weights.insert(at, weight)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __contains__(self, story: int) -> bool:
        return self._at(story) >= 0

    def __getitem__(self, story: int) -> float:
        at = self._at(story)
        if at < 0:
            raise KeyError(story)
        return self._weights[at]

    def get(self, story: int, default: float = 0.0) -> float:
        at = self._at(story)
        return self._weights[at] if at >= 0 else default

    def add(self, story: int, weight: float) -> float:
        """Add ``weight`` to the story's (a new story starts at 0); returns the weight
        before. One search, where get and set would make two."""
        ids = self._ids
        if not ids or story > ids[-1]:
            # A new story, after every other (see _find): the common case, as a new
            # entry that starts a story joins the posting of each of its common words.
            ids.append(story)
            self._weights.append(weight)
            return 0.0
        at, found = self._find(story)
        if found:
            before = self._weights[at]
            self._weights[at] = before + weight
            return before
        self._insert(at, story, weight)
        return 0.0

    def __setitem__(self, story: int, weight: float) -> None:
        at, found = self._find(story)
        if found:
            self._weights[at] = weight
        else:
            self._insert(at, story, weight)

    def pop(self, story: int, *default: float) -> float:
        """The story's weight, taken out; ``default`` if it has none, else KeyError."""
        at = self._at(story)
        if at < 0:
            if default:
                return default[0]
            raise KeyError(story)
        weight = self._weights[at]
        del self._ids[at]
        del self._weights[at]
        return weight

    def __delitem__(self, story: int) -> None:
        self.pop(story)

    def items(self) -> Iterator[tuple[int, float]]:
        return zip(self._ids, self._weights, strict=True)


Posting = dict[int, float] | Wide


def fitted(posting: Posting) -> Posting:
    """``posting`` in the form its size calls for: a dict while few stories share the
    term (the scoring loop reads those, and a dict is the fastest to read), Wide once
    many do."""
    if type(posting) is dict:
        return Wide(posting.items()) if len(posting) > WIDE else posting
    if len(posting) <= MAX_TERM_STORIES:
        return dict(posting.items())
    return posting
