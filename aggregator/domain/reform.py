"""The recent reports formed into stories again, closest pair first. Pure.

Entry by entry, a report joins the story closest to it as it arrives, and later
reports cannot undo that: on a dense stream (hundreds of unrelated stories a day, the
same topic's next event a day on) the first reports of two events of one topic end up
in one story, or one event's in two. Agglomerative clustering of the very same vectors,
which sees the reports together and joins the closest pair first, does better on both
counts (README, "How stories are formed"). So after each batch the recent reports
near it are clustered again (story_index.Index.reform says which), each story's older
part kept whole: two clusters of recent reports are one when their weakest pair's link
reaches ``Limits.link`` (complete linkage: a chain of near reports does not make one
story of two events), and recent reports join an older part when their mean link to
it reaches ``Limits.older`` (a follow-up days later shares less with every report of
the first day than with their mean). Two older parts are never joined here: that is
what story merges are for.

A pair's link is what merges use (cosine less the time penalty between the two), less
CONFLICT when both state facts and none in common.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .dedup import CONFLICT, MAX_TERM_STORIES, MIN_SHARED


@dataclass(frozen=True, slots=True)
class Member:
    """A recent report formed again."""

    entry_id: int
    stamp: float
    facts: frozenset[str]
    vector: dict[str, float]  # unit length


@dataclass(frozen=True, slots=True)
class Part:
    """The older part of a story, kept whole: its members (or a sample of them,
    evenly spread over its times) as far as a mean link needs them."""

    story_id: int
    stamps: tuple[float, ...]
    facts: tuple[frozenset[str], ...]
    vector: dict[str, float]  # the sum of those members' unit vectors


@dataclass(frozen=True)
class Limits:
    link: float  # the weakest pair between two clusters of recent reports
    older: float  # the mean link of recent reports to an older part
    late: Callable[[float], float]  # the time penalty for a gap in seconds


@dataclass(frozen=True)
class Cluster:
    """Recent reports that are one story, with the older part they joined (if any)."""

    members: tuple[int, ...]  # entry ids, in the order they were given
    story_id: int | None  # the story whose older part it holds
    score: float | None  # the weakest link that made it (None: one report alone)


def pair_link(
    cosine: float,
    gap: float,
    facts: frozenset[str],
    others: frozenset[str],
    late: Callable[[float], float],
) -> float:
    """The link of two reports: their cosine less the time penalty for the ``gap``
    between them, less CONFLICT when both state facts and none in common."""
    link = cosine - late(gap)
    if facts and others and facts.isdisjoint(others):
        link -= CONFLICT
    return link


def _postings(vectors: Sequence[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for n, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((n, weight))
    return postings


def cosines(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    """(i, j) -> the dot product of vectors i < j, for those that share MIN_SHARED
    terms few enough of them carry (MAX_TERM_STORIES, as the index reads its postings:
    a word in every report of a busy day tells none of them apart, and its pairs would
    cost the square of the day); any other pair counts as sharing nothing."""
    # A pair as one int while summing (i * size + j), in plain dicts read with get: a
    # tuple made and hashed twice for every shared term was most of the time here, and
    # as most pairs share a single term, a defaultdict or a Counter made each pair's
    # first addition a call of its factory.
    size = len(vectors)
    dots: dict[int, float] = {}
    shared: dict[int, int] = {}
    dot, count = dots.get, shared.get
    for posting in _postings(vectors).values():
        if 1 < len(posting) <= MAX_TERM_STORIES:
            for (i, weight), (j, other) in itertools.combinations(posting, 2):
                pair = i * size + j
                dots[pair] = dot(pair, 0.0) + weight * other
                shared[pair] = count(pair, 0) + 1
    return {divmod(pair, size): dot for pair, dot in dots.items() if shared[pair] >= MIN_SHARED}


def crossed(
    vectors: Sequence[dict[str, float]], others: Sequence[dict[str, float]]
) -> dict[tuple[int, int], float]:
    """(i, j) -> the dot product of vectors[i] and others[j], through the terms few
    enough of ``others`` carry (MIN_SHARED of them at least, as in ``cosines``)."""
    dots: dict[tuple[int, int], float] = {}
    shared: dict[tuple[int, int], int] = {}
    dot, count = dots.get, shared.get  # (see cosines)
    postings = _postings(others)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            posting = postings.get(term)
            if posting is not None and len(posting) <= MAX_TERM_STORIES:
                for j, other in posting:
                    pair = (i, j)
                    dots[pair] = dot(pair, 0.0) + weight * other
                    shared[pair] = count(pair, 0) + 1
    return {pair: dot for pair, dot in dots.items() if shared[pair] >= MIN_SHARED}


def reformed(members: Sequence[Member], parts: Sequence[Part], limits: Limits) -> list[Cluster]:
    """The recent ``members`` clustered again, with the older ``parts`` of their
    stories: each starts alone, and the two clusters whose link clears its threshold
    by the most are joined, until none clears it. The clusters that hold a recent
    report, each once.

    Kept as clusters join (Lance-Williams): the sum of cosines between two clusters
    that share a term (additive), and the weakest link between two clusters of recent
    reports where it clears ``limits.link`` (it only falls as they grow). A mean link
    is at most its mean cosine (the penalties are never negative): only where that
    clears ``limits.older`` are the pairs' time penalties worked out."""
    first = len(members)
    late = limits.late
    held: dict[int, list[int]] = {n: [n] for n in range(first)}
    part: dict[int, int] = dict.fromkeys(range(first), -1)
    for k in range(len(parts)):
        held[first + k], part[first + k] = [], k
    near: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> cosines
    strong: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> link
    for (i, j), dot in cosines([m.vector for m in members]).items():
        near[i][j] = near[j][i] = dot
        one, two = members[i], members[j]
        link = pair_link(dot, abs(one.stamp - two.stamp), one.facts, two.facts, late)
        if link >= limits.link:
            strong[i][j] = strong[j][i] = link
    for (i, k), dot in crossed([m.vector for m in members], [p.vector for p in parts]).items():
        near[i][first + k] = near[first + k][i] = dot
    penalties: dict[tuple[int, int], float] = {}

    def to_part(member: int, k: int) -> float:
        """The penalties of a recent report's links to an older part's members."""
        known = penalties.get((member, k))
        if known is None:
            m, p = members[member], parts[k]
            known = -sum(
                pair_link(0.0, abs(m.stamp - stamp), m.facts, facts, late)
                for stamp, facts in zip(p.stamps, p.facts, strict=True)
            )
            penalties[member, k] = known
        return known

    size = dict.fromkeys(range(first), 1)
    for k, p in enumerate(parts):
        size[first + k] = len(p.stamps)

    def mean(anchored: int, other: int) -> float | None:
        """The mean link of a cluster with an older part and one without, when its
        mean cosine clears ``limits.older``."""
        pairs = size[anchored] * size[other]
        cosine = near[anchored].get(other, 0.0) / pairs
        if cosine < limits.older:
            return None
        k = part[anchored]
        penalty = sum(to_part(j, k) for j in held[other])
        for i in held[anchored]:
            one = members[i]
            for j in held[other]:
                two = members[j]
                penalty -= pair_link(0.0, abs(one.stamp - two.stamp), one.facts, two.facts, late)
        return cosine - penalty / pairs

    # (-how far the link clears its threshold, the two clusters, the link)
    heap: list[tuple[float, int, int, float]] = []

    def push(a: int, b: int, link: float | None, threshold: float) -> None:
        if link is not None and link >= threshold:
            heapq.heappush(heap, (threshold - link, min(a, b), max(a, b), link))

    def linked(a: int, b: int) -> None:
        """Weigh the link of a cluster with an older part and one without."""
        anchored, other = (a, b) if part[a] >= 0 else (b, a)
        push(a, b, mean(anchored, other), limits.older)

    for i in range(first):
        for j, link in strong[i].items():
            if i < j:
                push(i, j, link, limits.link)
        for j in near[i]:
            if j >= first:
                linked(i, j)
    made: dict[int, float] = {}
    fresh = itertools.count(first + len(parts))
    while heap:
        _, a, b, link = heapq.heappop(heap)
        if a not in held or b not in held:
            continue  # one of them was joined since
        joined = next(fresh)
        held[joined] = held.pop(a) + held.pop(b)
        part[joined] = max(part.pop(a), part.pop(b))
        size[joined] = size.pop(a) + size.pop(b)
        made[joined] = min(made.pop(a, math.inf), made.pop(b, math.inf), link)
        cosines_to = near.pop(a)
        cosines_to.pop(b, None)
        for other, dot in near.pop(b).items():
            if other != a:
                cosines_to[other] = cosines_to.get(other, 0.0) + dot
        for other, dot in cosines_to.items():
            theirs = near[other]
            theirs.pop(a, None)
            theirs.pop(b, None)
            theirs[joined] = dot
        near[joined] = cosines_to
        links_a, links_b = strong.pop(a, {}), strong.pop(b, {})
        for other in links_a:
            strong[other].pop(a, None)
        for other in links_b:
            strong[other].pop(b, None)
        if part[joined] < 0:
            for other in sorted(links_a.keys() & links_b.keys()):
                weakest = min(links_a[other], links_b[other])
                strong[joined][other] = strong[other][joined] = weakest
                push(joined, other, weakest, limits.link)
        anchored = part[joined] >= 0
        least = limits.older * size[joined]
        for other in sorted(cosines_to):
            # (The mean cosine first: most pairs are far below it.)
            if (part[other] >= 0) != anchored and cosines_to[other] >= least * size[other]:
                linked(joined, other)
    return [
        Cluster(
            tuple(members[n].entry_id for n in sorted(held[c])),
            parts[part[c]].story_id if part[c] >= 0 else None,
            made.get(c),
        )
        for c in sorted(held)
        if held[c]
    ]
