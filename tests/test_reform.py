"""Forming the recent reports again (reform.reformed) on hand-made vectors: complete
link between recent reports, mean link to a story's older part, older parts never
joined to each other, and the order the reports come in does not matter. Pure."""

from __future__ import annotations

import itertools
import math

from aggregator.domain.dedup import CONFLICT
from aggregator.domain.reform import Cluster, Limits, Member, Part, pair_link, reformed

HOUR = 3600.0
LIMITS = Limits(link=0.09, older=0.13, late=lambda gap: 0.0)


def unit(**weights: float) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / norm for term, w in weights.items()}


def member(
    entry_id: int, hours: float = 0.0, facts: frozenset[str] = frozenset(), **w: float
) -> Member:
    return Member(entry_id, hours * HOUR, facts, unit(**w))


def groups(clusters: list[Cluster]) -> set[frozenset[int]]:
    return {frozenset(cluster.members) for cluster in clusters}


def test_two_events_a_chain_of_reports_links_stay_apart() -> None:
    """A and C share nothing; B shares with both. Single link would make one story of
    the three; complete link joins B to its closer side and leaves the other."""
    a = member(1, quake=1.0, city=1.0)
    b = member(2, quake=1.0, city=0.8, flood=0.6)
    c = member(3, flood=1.0, river=1.0)
    found = reformed([a, b, c], [], LIMITS)
    assert groups(found) == {frozenset({1, 2}), frozenset({3})}
    [pair] = [cluster for cluster in found if len(cluster.members) == 2]
    # Its score: the link that made it (their cosine, no time between them).
    cosine = sum(a.vector.get(t, 0.0) * w for t, w in b.vector.items())
    assert pair.score == cosine
    [alone] = [cluster for cluster in found if cluster.members == (3,)]
    assert alone.score is None
    assert alone.story_id is None


def test_a_cluster_is_joined_by_its_weakest_pair() -> None:
    """Three reports, each pair above the link but one: the third joins neither."""
    a = member(1, x=1.0, y=0.1)
    b = member(2, x=1.0, y=0.2)
    c = member(3, y=1.0, x=0.12)  # near b (0.2 + ...) but far from a
    cosine_ac = sum(a.vector.get(t, 0.0) * w for t, w in c.vector.items())
    cosine_bc = sum(b.vector.get(t, 0.0) * w for t, w in c.vector.items())
    limits = Limits(link=(cosine_ac + cosine_bc) / 2, older=1.0, late=lambda gap: 0.0)
    assert cosine_ac < limits.link < cosine_bc
    assert groups(reformed([a, b, c], [], limits)) == {frozenset({1, 2}), frozenset({3})}


def test_recent_reports_join_an_older_part_by_their_mean_link() -> None:
    """A follow-up shares a word with each of the first day's reports, a different one
    each time: its mean link to the older part clears the limit though no single
    pair would have had to."""
    older = Part(
        story_id=7,
        stamps=(0.0, HOUR),
        facts=(frozenset(), frozenset()),
        vector={
            t: a + b for t, (a, b) in _pairs(unit(dam=1.0, burst=1.0), unit(dam=1.0, town=1.0))
        },
    )
    follow_up = member(9, hours=48, dam=1.0, burst=0.5, town=0.5)
    unrelated = member(10, hours=48, election=1.0)
    found = reformed([follow_up, unrelated], [older], LIMITS)
    assert {(c.members, c.story_id) for c in found} == {((9,), 7), ((10,), None)}
    # With the limit above its mean link, it stays a story of its own.
    strict = Limits(link=0.09, older=0.99, late=lambda gap: 0.0)
    assert {c.story_id for c in reformed([follow_up], [older], strict)} == {None}


def test_two_older_parts_are_never_joined_here() -> None:
    """A report close to two stories' older parts joins one of them; the two stay
    apart (merging stories is merges' job, with their own evidence)."""
    one = Part(1, (0.0,), (frozenset(),), unit(dam=1.0, burst=1.0))
    two = Part(2, (0.0,), (frozenset(),), unit(dam=1.0, burst=0.9, town=0.1))
    report = member(5, hours=30, dam=1.0, burst=1.0)
    [cluster] = reformed([report], [one, two], LIMITS)
    assert cluster.story_id == 1
    assert cluster.members == (5,)


def test_the_order_reports_come_in_does_not_matter() -> None:
    reports = [
        member(1, quake=1.0, city=1.0),
        member(2, quake=1.0, city=0.8, flood=0.6),
        member(3, flood=1.0, river=1.0),
        member(4, flood=1.0, river=0.7, dam=0.3),
        member(5, election=1.0),
    ]
    expected = groups(reformed(reports, [], LIMITS))
    assert len(expected) == 3
    for order in itertools.permutations(reports):
        assert groups(reformed(list(order), [], LIMITS)) == expected


def test_a_pairs_link_takes_off_the_time_penalty_and_a_conflict_of_facts() -> None:
    def late(gap: float) -> float:
        return 0.1 if gap > HOUR else 0.0

    assert pair_link(0.5, 0.0, frozenset(), frozenset(), late) == 0.5
    assert pair_link(0.5, 2 * HOUR, frozenset(), frozenset(), late) == 0.4
    # Facts on one side only, or some in common: no conflict.
    assert pair_link(0.5, 0.0, frozenset({"7"}), frozenset(), late) == 0.5
    assert pair_link(0.5, 0.0, frozenset({"7", "8"}), frozenset({"8"}), late) == 0.5
    assert pair_link(0.5, 0.0, frozenset({"7"}), frozenset({"9"}), late) == 0.5 - CONFLICT
    # Two reports of one topic a day apart that name other numbers stay apart.
    a = member(1, facts=frozenset({"128,000"}), jobs=1.0, report=1.0)
    b = member(2, hours=24, facts=frozenset({"3.9%"}), jobs=1.0, report=0.6)
    limits = Limits(link=0.95, older=1.0, late=lambda gap: 0.0)  # their cosine: 0.97
    assert len(reformed([a, b], [], limits)) == 2
    same = Member(2, b.stamp, frozenset({"128,000"}), b.vector)
    assert len(reformed([a, same], [], limits)) == 1


def _pairs(a: dict[str, float], b: dict[str, float]) -> list[tuple[str, tuple[float, float]]]:
    return [(t, (a.get(t, 0.0), b.get(t, 0.0))) for t in sorted(a.keys() | b.keys())]
