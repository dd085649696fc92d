"""Which story a new entry belongs to: the evidence, its thresholds and the values a
decision is made of. Pure. The index the decisions are made against, and ``assign``
that decides a batch, are in story_index.py.

Evidence is tried from the strongest to the weakest, and the first that holds decides:

1. the same address in another feed (canonical URL, the page's rel=canonical, a
   URL-like GUID): relation ``duplicate``;
2. the same text (sketch Jaccard, or containment for a trimmed or extended copy):
   relation ``duplicate``;
3. the same event in other words (TF-IDF cosine of the whole article to the story's
   centroid, less a penalty that grows with the time since the story's latest burst
   of coverage began, less a penalty when their facts disagree: numbers, days): relation
   ``story``;
4. otherwise the entry starts a story of its own: relation ``first``.

After a batch, an entry that is still a story of its own, near a story that grew, is
decided again (``REJOIN``); and a story that settled (``SETTLE``) is compared with the
other stories of the window by average link: two that turn out to tell one event (an
early wire item, then the coverage), or a group of up to ``GROUP`` fragments each about
as close to the others, are merged, unless a user placed entries in any of them.

Document frequencies come from the most recent ``REFERENCE`` entries, not only from the
window: with few entries in a week (a new database, a quiet set of feeds) the words an
event's articles share would otherwise count for nothing.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .identity import MIN_SHINGLES

# A shingle (or term) shared by more entries than this within the window is page
# furniture or a stock phrase ("Leave a comment", "Sign up for our newsletter"), not
# evidence: it is not looked up.
MAX_POSTING = 64
# Entries of one feed that share a shingle before it counts as that feed's furniture.
FEED_FURNITURE = 2
# A term that more stories than this share within the window tells none of them apart.
MAX_TERM_STORIES = 50
# How much of the runner-up's score the best story must beat by `story`: an entry that
# fits two stories equally well is not clearly part of either.
RUNNER_UP = 0.5
# A story's time is when its latest burst of coverage began: its earliest member within
# BURST seconds of its latest one. It follows the coverage as it goes on (a follow-up
# days later starts the next burst), yet a day's coverage is judged from its start,
# so a story does not drift into the next day's story on the same topic.
BURST = 86400.0
# Entries whose terms make the document frequencies (window or not).
REFERENCE = 10000
# Inverse document frequency with a prior for few entries: ln((N + 1) / (df + 1)), plus
# ln(1 + PSEUDO_DOCUMENTS / (N + 1)) scaled by the share of entries *without* the word.
# With a few dozen entries (a new database), plain idf all but zeroes the words an
# event's reports share, the very evidence; the prior lifts them, fades as N grows,
# and leaves a word every entry carries (a feed's stock footer) at zero. Whole-article
# events, each fifth alone: B-cubed F1 0.974 without it, 0.981 with it, the other
# regimes within 0.002 (a plain pseudo-count weighted stock footers).
PSEUDO_DOCUMENTS = 100
# What an entry that started a story of its own must clear more than joining takes,
# when it is decided again (story_index.Index.rejoins): it is there because it fit no
# story when it arrived, and of such entries those that only just fit a story that
# grew since are more often the same topic on another day than the same event. Whole
# batches of the labelled stories (tune_stories val, spread/dense B-cubed F1): 0.896/
# 0.854 without deciding again, 0.905/0.861 with 0.0 more, 0.904/0.861 with 0.02; in
# hourly batches, as a daemon polls, 0.897/0.855, 0.904/0.854 (dense precision 0.918
# down to 0.896) and 0.902/0.859 (precision 0.910).
REJOIN = 0.02
# How much of each side's next best link a merge's link must beat by `merge`: two
# stories that are each other's clear best are one, two of a topic covered every day
# are not (story_index.Index.merges). Whole batches and 2-hourly polls of the labelled
# stories' val split (spread F1, dense F1 with its precision; measured before
# LONE_RUNNER_UP below), `same_story` 0.16: 0.5
# gave 0.948/0.872 (0.87) and as a daemon 0.952/0.846 (0.83); 0.7 0.937/0.879 (0.93),
# 0.945/0.871 (0.90); 0.85 0.930/0.875 (0.94), 0.927/0.869 (0.92). With 0.17: 0.8
# gave 0.930/0.878 (0.94), 0.933/0.870 (0.925): the defaults, the best mean F1 of
# the settings tried that keep the daemon's dense precision at 0.92 or more (a margin
# over the 0.90 floor, as the test split's precision came out lower than val's).
MERGE_RUNNER_UP = 0.8
# The runner-up a story is judged against when it has none as close: the median next
# best link of the stories merged in the spread stream (tune_stories val). Without it,
# in a database of a handful of entries two reports that share one word (0.095) were
# each other's clear best. Val spread/dense F1 0.930/0.878 without, 0.925/0.878 with.
LONE_RUNNER_UP = 0.05
# The most stories merged at once (story_index.Index._clear_link): an event told in
# three or four fragments whose links are about equal. Judged in pairs, each was the
# others' runner-up and none was merged; judged as a group (its weakest link against
# the best link out of it, once all of it settled), they are one. Spread/dense F1,
# whole batches and as a daemon (benchmarks/cluster_core.py): tune_stories val
# 0.925/0.878 and 0.929/0.870 in pairs only, 0.928/0.878 and 0.932/0.871 in groups;
# the train split in seven val-sized parts (mean) 0.944/0.900 and 0.944/0.895, then
# 0.948/0.902 and 0.948/0.897 (before a lead's days were facts); whole articles the
# same (folds 0.987). Groups of 3 and of 6 at most gave the figures 4 did (with the
# days, too); merged before all of a group settled, the daemon's dense precision was
# lower (test split 0.889 against 0.895).
GROUP = 4
# Seconds after its latest entry before a story is looked at for merges: by then the
# stories it may be confused with (the same topic's other event that day) are there
# to be its runner-up; merged at once, a young story took the first that fit. Same
# sets, as a daemon: 6 h 0.933/0.862 (0.90), 12 h 0.933/0.870 (0.925), 24 h
# 0.930/0.866 (0.94); merged at once (`same_story` 0.18, 0.7 above), the dense
# stream's precision fell to 0.84.
SETTLE = 12 * 3600.0
# Seconds of a batch's time decided and regrouped at a time (story_index.group).
SLICE = 12 * 3600.0
# The time penalty stops growing here (after about 3.75 days with the
# defaults): an entry days after its story that matches it strongly (a whole article
# on the same event, cosine 0.42 or more) still joins it; the window bounds how late.
# Whole articles (tune_fulltext; one poll, each fifth alone, as a daemon): 0.978/0.974/
# 0.973 with no cap, 0.984/0.987/0.978 at 0.25, 0.984/0.984/0.978 at 0.3; at 0.2 the
# spread stream's precision fell (val 0.988 -> 0.981). The val lead streams, whose
# stories last a day or two, are the same at 0.25 (benchmarks/cluster_core.py).
MAX_LATE = 0.25
# The signal of a membership decided on the story score (the relation is ``story``).
STORY_SIGNAL = "story-similarity"
# Taken off the score when the entry states facts (Item.facts: its headline's numbers,
# the days of the week its lead names) and the story's entries state others, none in
# common ("128,000 jobs in October" is not "3.9% in April"; "a quake on Tuesday" is
# not Wednesday's).
CONFLICT = 0.05
# Re-forming the last day's reports (story_index.Index.reform; Thresholds.reform is
# how far back). Two clusters of recent reports are one when their weakest pair's link
# (cosine less the time penalty, less CONFLICT) reaches ``story`` less REFORM_SLACK;
# recent reports join the older part of a story when their mean link to it reaches
# ``story`` less OLDER_SLACK. Offsets, so that a stricter ``story`` makes these
# stricter too. Pure core (benchmarks/cluster_core.py), F1 with 0.07/0.08/0.09/0.10/
# 0.12 as the recent link (0.08 below 0.17: the best of them on val and the train
# parts, spread and dense); the older link 0.11-0.15 tried: lower than 0.13 lost
# dense precision, higher lost the whole-article folds (0.984/0.980).
REFORM_SLACK = 0.08
# Reports (or a report and an older part) that share fewer terms than this share
# nothing, when formed again: in a new database a word two reports share may weigh
# enough on its own ("attacks" in a headline and in a budget story's last line).
MIN_SHARED = 2
OLDER_SLACK = 0.04
# The most recent reports formed again at once: the closure of a busy topic's
# reports is cut here (a daemon's batch is decided a slice at a time).
REFORM_MOST = 400
# The signal of a membership a re-forming decided.
REFORM_SIGNAL = "story-reform"


@dataclass(frozen=True)
class Thresholds:
    """Where evidence becomes a decision (feeds.yaml ``dedup:``; README documents them)."""

    jaccard: float = 0.5  # sketch Jaccard for the same text
    containment: float = 0.8  # share of the shorter text found in the longer one
    min_shingles: int = MIN_SHINGLES  # sampled shingles in the shorter text
    # The same event: the best story's score (cosine less the time penalty), less
    # RUNNER_UP times the second best's, must reach this. A cosine of unit vectors:
    # its meaning does not depend on how long the texts are. Tuned on the labelled
    # sets (README, benchmarks/cluster_quality.py).
    story: float = 0.17
    # seconds: how far an entry may be from a story's recent members (and how long an
    # entry stays in the index, counted back from the newest).
    window: float = 14 * 86400.0
    # Once an entry is more than `decay_after` seconds from the story's time (when its
    # latest burst of coverage began), its score loses `late_penalty` times
    # ln(1 + late/decay):
    # a strong match (a whole article on the same event) survives days, a weak one
    # (a lead on the same topic) does not.
    decay_after: float = 6 * 3600.0
    decay: float = 12 * 3600.0
    late_penalty: float = 0.12
    # Two stories whose average link (the mean over every pair of entries, one of
    # each, of their cosine less the time penalty between the two), less
    # MERGE_RUNNER_UP times the next best link of either, reaches this are one story.
    merge: float = 0.06
    # seconds: the reports this recent (counted back from the newest) are formed into
    # stories again after each batch, closest first (0: never; see REFORM_SLACK).
    reform: float = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class Item:
    """What deduplication needs of one entry."""

    entry_id: int
    feed_id: int
    when: datetime  # published (never later than first seen), else first seen
    canonical_url: str | None = None
    page_url: str | None = None  # the page's own rel=canonical/og:url
    guid: str | None = None
    sketch: frozenset[int] = frozenset()
    terms: dict[str, float] = field(default_factory=dict)
    # The numbers of its headline and the days of the week its headline and lead
    # name (textsim.facts).
    facts: frozenset[str] = frozenset()
    # Ties in time are broken by content, never by arrival: entries of one poll are
    # grouped the same whatever order they came in.
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    entry_id: int
    story_id: int | None  # None: a new story
    relation: str  # first, duplicate, story
    signal: str | None = None
    score: float | None = None
    matched_entry_id: int | None = None


def guid_is_address(guid: str | None) -> bool:
    """Only a GUID that is a URL or a long unique token identifies an article across
    feeds; '12345' or 'post-7' may mean another article in another feed."""
    if not guid:
        return False
    return guid.startswith(("http://", "https://", "urn:", "tag:")) or (
        len(guid) >= 24 and not guid.isdigit()
    )


@dataclass(slots=True)
class Indexed:
    """One entry of the window as the index holds it. Compact, as the window holds
    tens of thousands: only what deciding and leaving need, its vector and sketch in
    one buffer (the entry's Item, a dict of float objects and a frozenset of int
    objects, took several times the memory; benchmarks/cluster_scale.py)."""

    entry_id: int
    feed_id: int
    story_id: int
    stamp: float  # when, as a POSIX timestamp
    # Where Copies files it: its canonical URL, page URL and GUID, each once.
    addresses: tuple[str, ...]
    # Item.facts, as a tuple: a small frozenset costs 216 bytes (a daemon with 10^6
    # stored and 1,000 feeds: 284 -> 274 MB, benchmarks/daemon_memory.py), and an
    # entry's facts are read as a set only when it is decided again or its reports
    # are formed again.
    facts: tuple[str, ...]
    # Its unit TF-IDF vector as of its arrival, then its sketch, 4 bytes a value: the
    # ids of the vector's terms (vocabulary.py), their weights, the sketch's hashes.
    # One bytes object, where a tuple of terms and two arrays cost 300 bytes more an
    # entry (a daemon with 10^6 stored and 1,000 feeds holds 62,000: 309 -> 284 MB,
    # benchmarks/daemon_memory.py). Weights in single precision: a unit vector's need
    # no more than its 7 digits.
    packed: bytes
    size: int  # terms in its vector
    pinned: bool = False
    # A copy (relation duplicate): the entry it copies, whose story it follows when
    # reports are formed again; 0 for any other entry.
    original: int = 0

    @property
    def term_ids(self) -> memoryview[int]:
        return memoryview(self.packed)[: 4 * self.size].cast("I")

    @property
    def weights(self) -> memoryview[float]:
        return memoryview(self.packed)[4 * self.size : 8 * self.size].cast("f")

    @property
    def shingles(self) -> memoryview[int]:
        """Its sketch (unsigned 32-bit hashes)."""
        return memoryview(self.packed)[8 * self.size :].cast("I")


def packed(term_ids: array[int], weights: Iterable[float], sketch: Iterable[int]) -> bytes:
    """What Indexed.packed holds for this vector and sketch."""
    return term_ids.tobytes() + array("f", weights).tobytes() + array("I", sketch).tobytes()


@dataclass(frozen=True)
class Merge:
    """Two stories found to be one: ``absorbed``'s entries go to ``into``."""

    absorbed: int
    into: int
    score: float | None  # None: a report re-formed into a story of its own
    entry_ids: tuple[int, ...]
    # story-merge: story to story (average link); story-similarity: an entry of its own decided
    # again (its score to the story it joins); story-reform: reports formed again
    # (the weakest link that made their cluster).
    signal: str = "story-merge"
    # The entries' relation from now on: story, or first (a report re-formed alone).
    relation: str = "story"
