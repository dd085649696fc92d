"""The index stories are decided against: the entries of the recent window (by
address and shingle in copies.py, by term here), their stories' centroids and
times, and the decision for one entry (dedup.py says what each piece of evidence
means and where it holds).
Pure: no database, no clock.

Cost per entry is bounded by the window, not by what is stored: candidates come from
postings (address, shingle and term → entries or stories), and entries older than
the window leave the index.
"""

from __future__ import annotations

import bisect
import heapq
import math
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ..types import Relation
from .copies import Copies
from .dedup import (
    BURST,
    CONFLICT,
    GROUP,
    LONE_RUNNER_UP,
    MAX_LATE,
    MAX_TERM_STORIES,
    MERGE_RUNNER_UP,
    OLDER_SLACK,
    PSEUDO_DOCUMENTS,
    REFERENCE,
    REFORM_MOST,
    REFORM_SIGNAL,
    REFORM_SLACK,
    REJOIN,
    RUNNER_UP,
    SETTLE,
    SLICE,
    STORY_SIGNAL,
    Decision,
    Indexed,
    Item,
    Merge,
    Thresholds,
    packed,
)
from .postings import WIDE, Posting, fitted
from .reform import Cluster, Limits, Member, Part, pair_link, reformed
from .vocabulary import Vocabulary

K = TypeVar("K")
T = TypeVar("T")
# Times of a story that stand for all of them in the mean time penalty between two
# stories (Index._apart).
APART = 32


def _spread(times: list[T], count: int) -> list[T]:
    """At most ``count`` of ``times`` (sorted), evenly spread over them (the first
    and the last among them)."""
    if len(times) <= count:
        return times
    step = (len(times) - 1) / (count - 1)
    return [times[round(k * step)] for k in range(count)]


def batch_order(items: Iterable[Item]) -> list[Item]:
    """The order a batch is assigned in: by time, then by content."""
    return sorted(items, key=lambda item: (item.when, item.order))


def assign(
    index: Index, items: Iterable[Item], new_story: Callable[[], int]
) -> list[tuple[Decision, int]]:
    """Decide a batch in ``batch_order``, each entry seeing those before it; stories
    that start here get their ids from ``new_story``.

    The whole batch counts in the document frequencies before any of it is decided:
    it is stored already, and in a new database it is all there is. Counted one by
    one, the first entries of a first poll had every word they share with the rest
    at an idf of zero, and two outlets' identical reports stayed apart."""
    ordered = batch_order(items)
    for item in ordered:
        index.count(item.entry_id, item.terms)
    decided = []
    for item in ordered:
        decision = index.decide(item)
        story_id = decision.story_id if decision.story_id is not None else new_story()
        copied = decision.relation == Relation.DUPLICATE
        index.add(item, story_id, original=decision.matched_entry_id if copied else None)
        decided.append((decision, story_id))
    return decided


def group(
    index: Index, items: Iterable[Item], new_story: Callable[[], int]
) -> tuple[list[tuple[Decision, int]], list[Merge]]:
    """Decide a batch as ``assign`` does and regroup what it changed (``regroup``), a
    SLICE of its time at a time: a poll that brings weeks of a feed's archive is
    regrouped as a daemon would have, before its older stories leave the window.
    After each slice is decided, its recent reports are formed into stories again
    (``Index.reform``). The decisions, then the merges in the order they were made (a
    merge may move entries the batch just decided, and name stories it started)."""
    ordered = batch_order(items)
    # The whole batch counts in the document frequencies first (see assign).
    for item in ordered:
        index.count(item.entry_id, item.terms)
    decided: list[tuple[Decision, int]] = []
    merged: list[Merge] = []
    start = 0
    while start < len(ordered):
        end = bisect.bisect_right(
            ordered, ordered[start].when.timestamp() + SLICE, lo=start, key=_stamp
        )
        part = assign(index, ordered[start:end], new_story)
        decided += part
        reformed = index.reform(part, new_story)
        merged += reformed + index.regroup(part, reformed)
        start = end
    return decided, merged


def _stamp(item: Item) -> float:
    return item.when.timestamp()


@dataclass(slots=True)
class _Story:
    members: set[int] = field(default_factory=set)
    # The sum of its members' unit vectors (the centroid) is kept in the term postings
    # (Index._term_stories), which the scoring loop reads; its squared length (its
    # terms are its members', see Index._terms_of):
    norm2: float = 0.0
    times: list[float] = field(default_factory=list)  # sorted
    pinned: int = 0  # members a user placed: the story takes no part in merges
    facts: Counter[str] = field(default_factory=Counter)  # its members' facts (Item.facts)

    # When its latest burst of coverage began (see BURST); kept up to date by
    # `timed`, as the scoring loop reads it for every candidate story.
    time: float = math.inf

    def timed(self) -> None:
        if not self.times:
            self.time = math.inf
            return
        self.time = self.times[bisect.bisect_left(self.times, self.times[-1] - BURST)]


@dataclass(frozen=True)
class _Without:
    """Stories of one entry each, judged as if they were not in the index: their
    ids, and how many of them carry each term (a term's posting counts for scoring
    when few enough stories share it once these are left out)."""

    stories: set[int]
    shares: Counter[str]


class Index:
    """Entries of the recent window, by address, shingle and term; their stories."""

    def __init__(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self._entries: dict[int, Indexed] = {}
        self._stories: dict[int, _Story] = defaultdict(_Story)
        self._copies = Copies(thresholds, self._entries)
        # term -> story -> the term's weight in the story's centroid (unnormalised)
        self._term_stories: dict[str, Posting] = defaultdict(dict)
        # The terms of the entries and of the document frequencies' reference, as ids.
        self._vocabulary = Vocabulary()
        self._df: dict[str, int] = {}
        # The entries whose terms are counted in _df, oldest first (see REFERENCE).
        self._reference: deque[tuple[int, array[int]]] = deque()
        self._counted: set[int] = set()
        # term -> its idf, as the counts are now (``_vector``): a batch is counted
        # before any of it is decided, so its entries share one set of idfs.
        self._idf: dict[str, float] = {}
        self._by_time: list[tuple[float, int]] = []
        self._newest = -math.inf
        # Stories whose latest entry is this old or older were looked at for merges.
        self._settled = -math.inf
        # Keyed by the item itself: an entry decided again comes with new text.
        self._last_vector: tuple[Item | None, dict[str, float]] = (None, {})

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry_id: int) -> bool:
        return entry_id in self._entries

    def members(self, story_id: int) -> set[int]:
        story = self._stories.get(story_id)
        return set(story.members) if story is not None else set()

    def story_of(self, entry_id: int) -> int | None:
        known = self._entries.get(entry_id)
        return known.story_id if known is not None else None

    # --- deciding -------------------------------------------------------------------

    def decide(self, item: Item) -> Decision:
        """The story ``item`` belongs to, and why (it is not added: see ``add``)."""
        return (
            self._copies.same_address(item)
            or self._copies.same_text(item)
            or self._same_event(item)
            or Decision(item.entry_id, None, Relation.FIRST)
        )

    def _same_event(self, item: Item) -> Decision | None:
        """Cosine with each story's centroid (the sum of its members' unit vectors),
        through postings, less the time penalty; the best must beat the runner-up
        clearly."""
        query = self._vector(item)
        found = self._best_story(query.items(), item.when.timestamp(), item.facts)
        if found is None:
            return None
        score, story_id = found
        return Decision(item.entry_id, story_id, Relation.STORY, STORY_SIGNAL, score, None)

    def _best_story(
        self,
        query: Iterable[tuple[str, float]],
        stamp: float,
        facts: frozenset[str],
        more: float = 0.0,
        without: _Without | None = None,
    ) -> tuple[float, int] | None:
        """The story a unit vector at ``stamp`` (its ``facts``, see Item) belongs
        to in other words, and its score; None when no story is clearly it (``more``:
        added to the threshold; ``without``: stories judged as if they were not in the
        index)."""
        dots = self._dots(query) if without is None else self._dots(query, without.shares)
        # Stories left out are skipped as the dots are read (going through every one
        # left out for each entry decided again was the square of their number: half a
        # million lookups for 700 new stories).
        out = without.stories if without is not None else ()
        threshold = self.thresholds.story + more
        # A score is at most its dot product (a centroid is at least unit length and the
        # penalty is never negative). So only a story whose dot reaches the threshold
        # can be the best: those few are sorted (highest dot first; of two equal, the
        # lower story), the others only as far as the runner-up needs them.
        above = [
            (dot, -story_id)
            for story_id, dot in dots.items()
            if dot >= threshold and story_id not in out
        ]
        if not above:
            return None  # no story can reach the threshold: the common case, a new story
        best: tuple[float, int] | None = None
        second = (0.0, 0)
        stories, window, late = self._stories, self.thresholds.window, self.late

        def more_needed(dot: float, key: int) -> bool:
            """Take the story (``key``: its id negated) into the best two; False once
            it and the stories after it (lower dots) cannot change the decision: not
            the best two, nor the best's lead."""
            nonlocal best, second
            if dot <= second[0]:
                return False
            if best is not None:
                settled = dot <= best[0] and best[0] - RUNNER_UP * dot >= threshold
                if settled or (dot < threshold and best[0] < threshold):
                    return False
            story = stories[-key]
            gap = abs(stamp - story.time)
            if gap > window:
                return True
            score = dot / math.sqrt(story.norm2) - late(gap)
            if facts and story.facts and facts.isdisjoint(story.facts):
                score -= CONFLICT
            candidate = (score, key)
            if best is None or candidate > best:
                best, second = candidate, best or second
            elif candidate > second:
                second = candidate
            return True

        for dot, key in sorted(above, reverse=True):
            if not more_needed(dot, key):
                break
        else:
            # Below the threshold, only a story whose dot would take the best's lead
            # under the threshold can matter (more_needed tests that exactly; this
            # floor only keeps the others from being sorted).
            if best is not None and best[0] < threshold:
                return None
            floor = second[0]
            if best is not None:
                floor = max(floor, (best[0] - threshold) / RUNNER_UP - 1e-9)
            below = [
                (dot, -story_id)
                for story_id, dot in dots.items()
                if floor < dot < threshold and story_id not in out
            ]
            for dot, key in sorted(below, reverse=True):
                if not more_needed(dot, key):
                    break
        if best is None or best[0] - RUNNER_UP * max(second[0], 0.0) < threshold:
            return None
        return round(best[0], 4), -best[1]

    def _dots(
        self, query: Iterable[tuple[str, float]], shares: Counter[str] | None = None
    ) -> dict[int, float]:
        """The dot product of a vector with each story's centroid (the sum of its
        members' unit vectors) that shares one of its terms few enough stories share
        (``shares``: how many of a term's stories are to be left out, see _Without)."""
        # A plain dict and its get, not a defaultdict: most stories share one term
        # with the entry, so most additions are a story's first, which a defaultdict
        # makes a call of its factory (this loop, grouping's largest single cost, was
        # a third slower so).
        dots: dict[int, float] = {}
        get = dots.get
        postings = self._term_stories
        for term, weight in query:
            stories = postings.get(term)
            if shares is None:
                # A Wide posting always has more (see postings.WIDE).
                if type(stories) is not dict or len(stories) > MAX_TERM_STORIES:
                    continue
            elif stories is None or len(stories) - shares[term] > MAX_TERM_STORIES:
                continue
            for story_id, total in stories.items():
                dots[story_id] = get(story_id, 0.0) + weight * total
        return dots

    def late(self, gap: float) -> float:
        """The time penalty for ``gap`` seconds between an entry and a story (or two
        entries), MAX_LATE at most."""
        limits = self.thresholds
        late = gap - limits.decay_after
        if late <= 0:
            return 0.0
        return min(limits.late_penalty * math.log1p(late / limits.decay), MAX_LATE)

    def grown(self, decided: Iterable[tuple[Decision, int]]) -> set[int]:
        """The stories of a decided batch that a merge may concern: those an entry
        joined in other words (relation story). A story an entry started is left out
        while a merge needs more than joining does: that entry was just found to fit
        none of the others (even with the runner-up's share taken off, a score at
        ``merge`` would have joined)."""
        limits = self.thresholds
        singles = limits.merge < limits.story / (1.0 - RUNNER_UP)
        # A copy (relation duplicate) leaves its story's centroid pointing where it did.
        return {
            story
            for decision, story in decided
            if decision.relation == Relation.STORY
            or (singles and decision.relation == Relation.FIRST)
        }

    def merges(self, story_ids: Iterable[int]) -> list[Merge]:
        """Stories among ``story_ids`` (those that settled, see ``regroup``) that are
        one with another story of the window. Two stories' link is the mean over every pair
        of members, one of each, of the pair's cosine less the time penalty between
        the two (average linkage); a pair is merged when its link, less MERGE_RUNNER_UP
        times each side's next best link, reaches ``merge``; a group of up to GROUP
        stories each about as close to the others is merged as one (``_clear_link``).
        The closest go first (as agglomerative clustering does), then the story they
        made is linked again. The smaller stories (else the newer) go into the
        largest; a story a user placed entries in takes no part."""
        found: list[Merge] = []
        # (-link, the stories, their sizes when linked): popped best first; stories
        # that changed since are linked again.
        heap: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
        # Each story's best links, until a merge changes stories: a story is asked for
        # them as each of its neighbours' groups is grown, not once (the most of the
        # merges' time in a stream of leads).
        known: dict[int, list[tuple[float, int]]] = {}

        def links(story_id: int) -> list[tuple[float, int]]:
            best = known.get(story_id)
            if best is None:
                best = known[story_id] = self._links(story_id, GROUP)
            return best

        def push(story_id: int) -> None:
            best = self._clear_link(story_id, links)
            if best is not None:
                link, others = best
                ids = tuple(sorted((story_id, *others)))
                sizes = tuple(len(self._stories[i].members) for i in ids)
                heapq.heappush(heap, (-link, ids, sizes))

        for story_id in sorted(set(story_ids)):
            push(story_id)
        while heap:
            link, ids, sizes = heapq.heappop(heap)
            stories = [self._stories.get(i) for i in ids]
            if any(story is None for story in stories):
                continue
            now = tuple(len(story.members) for story in stories if story is not None)
            if now != sizes:
                for story_id, size, before in zip(ids, now, sizes, strict=True):
                    if size != before:
                        push(story_id)  # it changed: again
                continue
            # The largest story stays; of two the same size, the earlier one.
            into = max(
                ids, key=lambda i: (len(self._stories[i].members), -self._stories[i].times[0], -i)
            )
            for absorbed in ids:
                if absorbed == into:
                    continue
                # In a group, each story's evidence is its link to those merged so far.
                score = -link if len(ids) == 2 else self._link(absorbed, into)
                members = tuple(sorted(self._stories[absorbed].members))
                found.append(Merge(absorbed, into, round(score, 4), members))
                for entry_id in members:
                    self.move(entry_id, into)
            known.clear()
            push(into)
        return found

    def _clear_link(
        self, story_id: int, links_of: Callable[[int], list[tuple[float, int]]]
    ) -> tuple[float, tuple[int, ...]] | None:
        """The stories ``story_id`` is clearly one with, and the link that says so
        (None when there are none): the group it makes with its closest, grown one
        story at a time (the next is the one whose weakest link to those in it is
        strongest, as complete linkage grows a cluster) up to GROUP stories, whose
        weakest link within, less MERGE_RUNNER_UP times the best link any of it has
        outside (LONE_RUNNER_UP at least), reaches ``merge``; the smallest such group,
        once all of it settled. Of two stories: the link against each side's next
        best. Three fragments of one event told in other words are each as close to
        the other two: judged in pairs, none was clearly one with either. ``links_of``:
        a story's best GROUP links (``_links``)."""
        merge = self.thresholds.merge
        group = [story_id]
        links = {story_id: links_of(story_id)}
        # Each candidate's weakest link to the group so far.
        weakest = {other: link for link, other in links[story_id] if link >= merge}
        floor = math.inf
        while weakest and len(group) < GROUP:
            other_id = max(weakest, key=lambda s: (weakest[s], -s))
            floor = min(floor, weakest.pop(other_id))
            group.append(other_id)
            links[other_id] = links_of(other_id)
            outside = max(
                [link for m in group for link, other in links[m] if other not in group]
                + [LONE_RUNNER_UP]
            )
            if floor - MERGE_RUNNER_UP * outside >= merge:
                # A group waits until each of its stories settled (see SETTLE): the
                # one that did not may yet draw the coverage that tells them apart.
                horizon = self._newest - SETTLE
                if len(group) > 2 and any(self._stories[s].times[-1] > horizon for s in group):
                    return None
                return floor, tuple(group[1:])
            for candidate in list(weakest):
                link = min(weakest[candidate], self._link(candidate, other_id))
                if link < merge:
                    del weakest[candidate]
                else:
                    weakest[candidate] = link
        return None

    def _links(self, story_id: int, count: int) -> list[tuple[float, int]]:
        """The best ``count`` links of a story a merge may concern, best first: (link,
        other story) with the stories a user placed entries in left out (empty for
        such a story itself)."""
        story = self._stories.get(story_id)
        if story is None or story.pinned or not story.members:
            return []
        # The sum of cosines over every pair is the dot product of the two sums of
        # unit vectors (its unit centroid's dot times its length).
        scale = math.sqrt(story.norm2) / len(story.members)
        stories = self._stories
        # (-mean cosine, -story): popped highest first (of two equal, the later
        # story), as far as they are asked for; most never are.
        heap = [
            (-dot * scale / len(stories[other_id].members), -other_id)
            for other_id, dot in self._near(story_id, story).items()
            if not stories[other_id].pinned
        ]
        heapq.heapify(heap)
        # A link is at most its mean cosine (the penalty is never negative): in that
        # order, stop once the rest cannot be among the best.
        best: list[tuple[float, int]] = []
        times = story.times
        while heap:
            cosine, other_id = heapq.heappop(heap)
            cosine, other_id = -cosine, -other_id
            full = len(best) == count
            if full and cosine <= best[-1][0]:
                break
            other = stories[other_id].times
            # Every pair of times is at least as far apart as the two spans: that
            # penalty is the least the mean can be, and costs no pairs to work out.
            if (
                full
                and cosine - self.late(max(other[0] - times[-1], times[0] - other[-1]))
                < best[-1][0]
            ):
                continue
            best.append((cosine - self._apart(times, other), other_id))
            best = sorted(best, reverse=True)[:count]
        return best

    def _link(self, story_id: int, other_id: int) -> float:
        """The link of two given stories (see ``merges``), from the terms ``_near``
        reads."""
        story, other = self._stories[story_id], self._stories[other_id]
        total = 0.0
        for stories in self._shared(story):
            total += stories[story_id] * stories.get(other_id, 0.0)
        mean = total / (len(story.members) * len(other.members))
        return mean - self._apart(story.times, other.times)

    def _apart(self, times: list[float], others: list[float]) -> float:
        """The mean time penalty over every pair of times, one of each list (sorted);
        of a long list, APART times spread evenly over it stand for the rest, so that
        two stories of hundreds of entries cost no more than two of a few dozen."""
        times, others = _spread(times, APART), _spread(others, APART)
        late = self.late
        total = 0.0
        for stamp in times:
            for other in others:
                total += late(abs(stamp - other))
        return total / (len(times) * len(others))

    def regroup(
        self, decided: Iterable[tuple[Decision, int]], reformed: Iterable[Merge] = ()
    ) -> list[Merge]:
        """What follows a decided batch (and its reports ``reformed``): the entries
        still a story of their own decided again next to the stories as they now are
        (``rejoins``), then the stories that settled (see SETTLE) merged with those
        they turn out to be one with (``merges``)."""
        decided = list(decided)
        started = {story for decision, story in decided if decision.relation == Relation.FIRST}
        joined = {
            story
            for decision, _ in decided
            if decision.relation == Relation.STORY
            and (story := self.story_of(decision.entry_id)) is not None
        }
        rejoined = self.rejoins(started, joined)
        horizon = self._newest - SETTLE
        grown = self.grown(decided) | {m.into for m in (*reformed, *rejoined)}
        due = {s for s in grown if s in self._stories and self._stories[s].times[-1] <= horizon}
        if horizon > self._settled:
            # Those that settled since the last batch: no entry of theirs is newer.
            due.update(
                story_id
                for story_id, story in self._stories.items()
                if self._settled < story.times[-1] <= horizon
            )
            self._settled = horizon
        return rejoined + self.merges(due)

    # --- forming the recent reports again ------------------------------------------

    def reform(
        self, decided: Iterable[tuple[Decision, int]], new_story: Callable[[], int]
    ) -> list[Merge]:
        """The recent reports (``Thresholds.reform``) of the stories a decided batch
        touched, and of the stories linked to them, formed into stories again
        (reform.reformed): the moves, as merges of signal REFORM_SIGNAL (a report
        re-formed alone starts a story, from ``new_story``, as relation first).

        The reports taken are the closure of the batch's own: every recent report
        whose link to one taken reaches the recent link, with the whole of its story
        (its older part kept whole, as a unit that recent reports may join). Formed
        again next to only the batch's direct neighbours, a busy topic's reports were
        mixed (the dense stream as a daemon meets it: 0.818 against 0.885). A story a
        user placed entries in takes no part; a copy (Indexed.original) follows its
        original."""
        span = self.thresholds.reform
        if span <= 0:
            return []
        horizon = self._newest - span
        seeds = {
            known.story_id
            for decision, _ in decided
            if (known := self._entries.get(decision.entry_id)) is not None
            and known.stamp >= horizon
            and not known.original
        }
        taken = self._closure(seeds, horizon)
        if not taken:
            return []
        parts: list[Part] = []
        for story_id in sorted(taken):
            members = self._stories[story_id].members
            older = [k for e in members if (k := self._entries[e]).stamp < horizon]
            if older:
                parts.append(self._part(story_id, older))
        recent = sorted(
            (known for reports in taken.values() for known in reports),
            key=lambda known: (known.stamp, known.entry_id),
        )
        clusters = reformed(
            [
                Member(k.entry_id, k.stamp, frozenset(k.facts), dict(self._vector_of(k)))
                for k in recent
            ],
            parts,
            self._limits(),
        )
        return self._reformed(clusters, {part.story_id for part in parts}, set(taken), new_story)

    def _limits(self) -> Limits:
        """Where re-forming joins clusters: offsets from the user's ``story``."""
        story = self.thresholds.story
        return Limits(story - REFORM_SLACK, story - OLDER_SLACK, self.late)

    def _follows(self, known: Indexed) -> bool:
        """A copy whose original is in the index: it goes where its original goes."""
        return bool(known.original) and known.original in self._entries

    def _closure(self, seeds: set[int], horizon: float) -> dict[int, list[Indexed]]:
        """The stories to form again, each with its recent reports (``_recent``):
        ``seeds``, and every story one of whose recent reports links to a recent
        report of one taken (``story`` less REFORM_SLACK), or whose older part a
        recent report taken may join (mean cosine ``story`` less OLDER_SLACK, the time
        penalty to the story's time off); up to REFORM_MOST recent reports, the seeds'
        included. None a user placed entries in."""
        link = self._limits().link
        taken: dict[int, list[Indexed]] = {}
        queue: deque[int] = deque()
        count = 0

        def take(story_id: int) -> None:
            nonlocal count
            taken[story_id] = self._recent(story_id, horizon)
            queue.append(story_id)
            count += len(taken[story_id])

        for story_id in sorted(seeds):
            # A batch of more (a first poll of a thousand feeds) is formed again in
            # part: all of it at once costs the square of it.
            if count >= REFORM_MOST:
                break
            if story_id in self._stories and not self._stories[story_id].pinned:
                take(story_id)
        while queue and count < REFORM_MOST:
            for known in taken[queue.popleft()]:
                vector = dict(self._vector_of(known))
                for other_id, dot in sorted(self._dots(vector.items()).items()):
                    if other_id in taken or dot < link or count >= REFORM_MOST:
                        continue
                    if self._stories[other_id].pinned:
                        continue
                    if self._reaches(known, vector, other_id, dot, horizon):
                        take(other_id)
        return taken

    def _reaches(
        self, known: Indexed, vector: dict[str, float], other_id: int, dot: float, horizon: float
    ) -> bool:
        """Whether a recent report (its ``vector``; ``dot``: with the story's centroid)
        may be clustered with ``other``: it links to one of its recent reports (see
        _closure), or may join its older part."""
        limits = self._limits()
        other = self._stories[other_id]
        facts = frozenset(known.facts)
        if len(other.members) == 1:
            # Its centroid is its one report: the dot is their cosine.
            alone = self._entries[next(iter(other.members))]
            least = limits.older if alone.stamp < horizon else limits.link
            gap = abs(known.stamp - alone.stamp)
            return pair_link(dot, gap, facts, frozenset(alone.facts), self.late) >= least
        late = self.late(abs(known.stamp - other.time))
        if other.times[0] < horizon and dot / len(other.members) - late >= limits.older:
            return True
        return any(
            pair_link(
                sum(vector.get(t, 0.0) * w for t, w in self._vector_of(near)),
                abs(known.stamp - near.stamp),
                facts,
                frozenset(near.facts),
                self.late,
            )
            >= limits.link
            for near in self._recent(other_id, horizon)
        )

    def _recent(self, story_id: int, horizon: float) -> list[Indexed]:
        """A story's reports from ``horizon`` on that are formed again (not copies
        that follow their original)."""
        story = self._stories[story_id]
        if story.times[-1] < horizon:
            return []
        entries = self._entries
        return [
            known
            for entry_id in story.members
            if (known := entries[entry_id]).stamp >= horizon and not self._follows(known)
        ]

    def _part(self, story_id: int, older: list[Indexed]) -> Part:
        """The older part of a story as reform.reformed weighs it: up to APART of its
        members, evenly spread over their times."""
        older.sort(key=lambda known: (known.stamp, known.entry_id))
        sample = _spread(older, APART)
        vector: dict[str, float] = defaultdict(float)
        for known in sample:
            for term, weight in self._vector_of(known):
                vector[term] += weight
        return Part(
            story_id,
            tuple(known.stamp for known in sample),
            tuple(frozenset(known.facts) for known in sample),
            vector,
        )

    def _reformed(
        self,
        clusters: list[Cluster],
        parts: set[int],
        taken: set[int],
        new_story: Callable[[], int],
    ) -> list[Merge]:
        """Move the reports into the stories ``clusters`` make: a cluster that holds
        an older part into that story; a report alone in a story with an older part
        nowhere (it stays); any other into the story most of its reports are in (of
        those no older part or other cluster keeps), else a new one. Copies that
        follow an original move with it."""
        used = set(parts)
        target: dict[int, tuple[int, Cluster]] = {}
        for cluster in sorted(clusters, key=lambda c: (c.story_id is None, -len(c.members))):
            story_id = cluster.story_id
            if (
                story_id is None
                and len(cluster.members) == 1
                and self._entries[cluster.members[0]].story_id in parts
            ):
                # A report that clusters with none of the others stays in the story
                # it joined on arrival when that story goes back further: it joined
                # on its score to the story's latest burst, which a mean over all the
                # older part does not weigh (whole articles' follow-ups days apart,
                # each fifth alone: 0.984 moved off, 0.989 staying).
                continue
            if story_id is None:
                free = Counter(
                    s for m in cluster.members if (s := self._entries[m].story_id) not in used
                )
                story_id = free.most_common(1)[0][0] if free else new_story()
                used.add(story_id)
            for entry_id in cluster.members:
                target[entry_id] = (story_id, cluster)
        # Copies follow their original (a copy of a copy, that one's original).
        copies = [
            known
            for story_id in taken
            for entry_id in self._stories[story_id].members
            if self._follows(known := self._entries[entry_id])
        ]
        for known in sorted(copies, key=lambda k: (k.stamp, k.entry_id)):
            original = known.original
            for _ in range(len(copies)):
                if original in target or not self._follows(self._entries[original]):
                    break
                original = self._entries[original].original
            if original in target:
                target[known.entry_id] = target[original]
        moves: dict[tuple[int, int], list[int]] = defaultdict(list)
        found: dict[tuple[int, int], Cluster] = {}
        for entry_id, (story_id, cluster) in target.items():
            old = self._entries[entry_id].story_id
            if old != story_id:
                moves[old, story_id].append(entry_id)
                found[old, story_id] = cluster
        merges = []
        for (old, story_id), entry_ids in sorted(moves.items()):
            cluster = found[old, story_id]
            alone = cluster.story_id is None and len(cluster.members) == 1
            merges.append(
                Merge(
                    old,
                    story_id,
                    None if cluster.score is None else round(cluster.score, 4),
                    tuple(sorted(entry_ids)),
                    REFORM_SIGNAL,
                    Relation.FIRST if alone else Relation.STORY,
                )
            )
        for merge in merges:
            for entry_id in merge.entry_ids:
                self.move(entry_id, merge.into)
        return merges

    def caught_up(self) -> None:
        """The stories settled by now were looked at for merges when they settled
        (by the daemon that decided them): an index built from the database looks at
        those that settle from here on, not again at the whole window."""
        self._settled = max(self._settled, self._newest - SETTLE)

    def rejoins(self, started: Iterable[int], grown: Iterable[int]) -> list[Merge]:
        """Entries that are a story of their own, decided again now that the stories
        around them grew: those that ``started`` a story in the batch just decided,
        and those near (centroid cosine at least ``story``) a story that ``grown``.
        Each is decided as a new entry would be now, with REJOIN more to clear, and
        joins the story it fits (a merge of its story into that one, with the
        entry's own score as evidence); a story a user placed entries in takes no
        part.

        A single pass decides an event's first report against none of the reports
        that follow it: the story they start next to it never looks back. Those
        decided again are all taken out first and decided against the rest, so the
        outcome does not depend on the order they are looked at in."""
        threshold = self.thresholds.story
        alone = {story for story in started if self._alone(story)}
        for story_id in set(grown):
            story = self._stories.get(story_id)
            if story is None or len(story.members) < 2:
                continue
            near = self._near(story_id, story).items()
            alone.update(other for other, dot in near if dot >= threshold and self._alone(other))
        again = [self._entries[next(iter(self._stories[s].members))] for s in alone]
        # Decided as if all of them were out of the index (each story is its entry's
        # alone), then only those that join a story are moved: taking each out and
        # putting it back was a third of grouping entries that start stories.
        out = _Without(alone, Counter(term for known in again for term in self._terms(known)))
        decided = [
            (
                known,
                self._best_story(
                    self._vector_of(known), known.stamp, frozenset(known.facts), REJOIN, out
                ),
            )
            for known in again
        ]
        found: list[Merge] = []
        for known, best in decided:
            if best is not None:
                found.append(
                    Merge(known.story_id, best[1], best[0], (known.entry_id,), STORY_SIGNAL)
                )
                self.move(known.entry_id, best[1])
        return found

    def _near(self, story_id: int, story: _Story) -> dict[int, float]:
        """The other stories that share terms with ``story``: the dot product of its
        unit centroid with each one's centroid (for a story of one entry, that
        entry's cosine to it)."""
        dots: dict[int, float] = {}
        get = dots.get  # (see _dots)
        norm = math.sqrt(story.norm2)
        for others in self._shared(story):
            weight = others[story_id] / norm
            for other_id, total in others.items():
                if other_id != story_id:
                    dots[other_id] = get(other_id, 0.0) + weight * total
        return dots

    def _shared(self, story: _Story) -> Iterator[dict[int, float]]:
        """The postings of a story's terms that count in a link: those few enough
        stories share (see MAX_TERM_STORIES; a Wide posting always has more)."""
        for term in self._terms_of(story):
            others = self._term_stories[term]
            if type(others) is dict and len(others) <= MAX_TERM_STORIES:
                yield others

    def _alone(self, story_id: int) -> bool:
        """A story of one entry, which no user placed."""
        story = self._stories.get(story_id)
        return story is not None and len(story.members) == 1 and not story.pinned

    def _vector(self, item: Item) -> dict[str, float]:
        """TF-IDF (document frequencies of the reference set, the item counted in),
        unit length; computed once per item."""
        if self._last_vector[0] is item:
            return self._last_vector[1]
        known = item.entry_id in self._counted
        total = len(self._reference) + (0 if known else 1)
        df = self._df
        prior = math.log(1 + PSEUDO_DOCUMENTS / (total + 1))
        # A counted entry's idfs are the same as every other's until the counts change.
        idfs = self._idf if known else {}
        vector = {}
        for term, weight in item.terms.items():
            idf = idfs.get(term)
            if idf is None:
                count = df.get(term, 0) + (0 if known else 1)
                idf = math.log((total + 1) / (count + 1)) + prior * (1 - count / total)
                idfs[term] = idf
            vector[term] = weight * idf
        norm = math.sqrt(sum(v * v for v in vector.values()))
        if not norm:
            # Every term is in every entry counted: the first entry of a new database,
            # counted alone. Its terms weigh as often as they occur, rather than not at
            # all: its vector is kept as it is now, and an empty one never joins a story.
            vector = dict(item.terms)
            norm = math.sqrt(sum(v * v for v in vector.values()))
        unit = {t: v / norm for t, v in vector.items() if v > 0} if norm else {}
        self._last_vector = (item, unit)
        return unit

    # --- changing -------------------------------------------------------------------

    def count(self, entry_id: int, terms: Iterable[str]) -> None:
        """Count an entry's terms in the document frequencies (also for an entry older
        than the window, read at start so that the frequencies do not depend on
        restarts)."""
        if entry_id in self._counted:
            return
        self._idf.clear()
        self._counted.add(entry_id)
        kept = self._vocabulary.hold(terms)
        self._reference.append((entry_id, kept))
        df = self._df
        get = df.get  # (a plain dict: see _dots)
        words = self._vocabulary.words
        for term in map(words.__getitem__, kept):
            df[term] = get(term, 0) + 1
        while len(self._reference) > REFERENCE:
            entry_id, held = self._reference.popleft()
            self._counted.discard(entry_id)
            for term in map(words.__getitem__, held):
                left = df[term] - 1
                if left:
                    df[term] = left
                else:
                    del df[term]
            self._vocabulary.release(held)

    def _terms(self, known: Indexed) -> Iterator[str]:
        """The terms of an entry's vector."""
        return map(self._vocabulary.words.__getitem__, known.term_ids)

    def _vector_of(self, known: Indexed) -> Iterator[tuple[str, float]]:
        """An entry's vector: its terms and weights, in the order they were computed."""
        return zip(self._terms(known), known.weights, strict=True)

    def add(
        self, item: Item, story_id: int, *, pinned: bool = False, original: int | None = None
    ) -> None:
        """Put ``item`` in the index as a member of ``story_id`` (``original``: the
        entry it is a copy of, see Indexed); older entries than the window (counted
        back from the newest seen) leave it."""
        if item.entry_id in self._entries:
            self.move(item.entry_id, story_id, pinned=pinned)
            return
        stamp = item.when.timestamp()
        vector = self._vector(item)
        known = Indexed(
            item.entry_id,
            item.feed_id,
            story_id,
            stamp,
            tuple(dict.fromkeys(a for a in (item.canonical_url, item.page_url, item.guid) if a)),
            tuple(item.facts),
            packed(self._vocabulary.hold(vector), vector.values(), item.sketch),
            len(vector),
            pinned,
            original or 0,
        )
        self._entries[item.entry_id] = known
        self._copies.add(known)
        self.count(item.entry_id, item.terms)
        self._join(known, story_id)
        heapq.heappush(self._by_time, (stamp, item.entry_id))
        if stamp > self._newest:
            self._newest = stamp
            self._evict(stamp - self.thresholds.window)

    def move(self, entry_id: int, story_id: int, *, pinned: bool | None = None) -> None:
        """A user (or another daemon, or a merge) put the entry in another story."""
        known = self._entries.get(entry_id)
        if known is None:
            return
        if known.story_id == story_id and (pinned is None or pinned == known.pinned):
            return
        self._leave(known)
        known.story_id = story_id
        if pinned is not None:
            known.pinned = pinned
        self._join(known, story_id)

    def renumber(self, old: int, new: int) -> None:
        """The story known as ``old`` is ``new`` from now on."""
        story = self._stories.pop(old, None)
        if story is None:
            return
        self._stories[new] = story
        for term in self._terms_of(story):
            postings = self._term_stories[term]
            postings[new] = postings.pop(old)
        for entry_id in story.members:
            self._entries[entry_id].story_id = new

    def _terms_of(self, story: _Story) -> set[str]:
        """The terms of a story's centroid: its members'. Worked out when a merge or a
        renumbering needs them, not kept: a set per story was a tenth of the index's
        memory."""
        entries = self._entries
        return {term for member in story.members for term in self._terms(entries[member])}

    def _join(self, known: Indexed, story_id: int) -> None:
        story = self._stories[story_id]
        story.members.add(known.entry_id)
        bisect.insort(story.times, known.stamp)
        story.timed()
        story.pinned += known.pinned
        story.facts.update(known.facts)
        postings = self._term_stories
        # |T + v|^2 = |T|^2 + 2 T.v + 1 for a unit vector v (T.v = 0 for a new story),
        # T.v summed from the weights before, as they are updated.
        dot = 0.0
        for term, weight in self._vector_of(known):
            totals = postings[term]
            if isinstance(totals, dict):
                before = totals.get(story_id, 0.0)
                totals[story_id] = before + weight
                if len(totals) > WIDE:
                    postings[term] = fitted(totals)
            else:
                before = totals.add(story_id, weight)
            dot += weight * before
        story.norm2 += 1.0 + 2.0 * dot

    def _leave(self, known: Indexed) -> None:
        story = self._stories[known.story_id]
        story.members.discard(known.entry_id)
        del story.times[bisect.bisect_left(story.times, known.stamp)]
        story.timed()
        story.pinned -= known.pinned
        for fact in known.facts:
            story.facts[fact] -= 1
            if not story.facts[fact]:
                del story.facts[fact]  # no member gives it any more
        postings = self._term_stories
        story_id = known.story_id
        # |T - v|^2 = |T|^2 - 2 T.v + 1, T.v summed from the weights before (T still
        # holding v), as they are updated.
        dot = 0.0
        for term, weight in self._vector_of(known):
            totals = postings[term]
            before = totals.get(story_id, 0.0)
            dot += weight * before
            left = before - weight
            if story.members and left > 1e-9:
                totals[story_id] = left
                continue
            totals.pop(story_id, 0.0)
            if not totals:
                del postings[term]
            elif type(totals) is not dict and len(totals) <= MAX_TERM_STORIES:
                postings[term] = fitted(totals)
        story.norm2 -= 2.0 * dot - 1.0
        if not story.members:
            del self._stories[known.story_id]

    def _evict(self, horizon: float) -> None:
        while self._by_time and self._by_time[0][0] < horizon:
            _, entry_id = heapq.heappop(self._by_time)
            self.remove(entry_id)

    def remove(self, entry_id: int) -> None:
        known = self._entries.pop(entry_id, None)
        if known is None:
            return
        self._leave(known)
        self._copies.remove(known)
        self._vocabulary.release(known.term_ids)
        # Its terms stay counted in the document frequencies until REFERENCE newer
        # entries push them out.
