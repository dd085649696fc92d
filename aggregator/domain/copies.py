"""Is this entry a copy of one the window holds? The same article under another
address in another feed (canonical URL, the page's rel=canonical, a URL-like GUID),
or the same text (wire copy, a re-post, a trimmed or extended copy). Pure. Held by
story_index.Index, which owns the window's entries; dedup.py says what the evidence
means and where it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from ..types import Relation
from ..urls import names_an_article
from .dedup import (
    FEED_FURNITURE,
    MAX_POSTING,
    Decision,
    Indexed,
    Item,
    Thresholds,
    guid_is_address,
)
from .identity import REPOST_JACCARD

K = TypeVar("K")
# Entries a posting holds as a tuple; from this many on, as a set.
SMALL = 8
# The entries of an address or a shingle. Most are one entry's, or a few copies':
# such a posting is that entry's id, or a tuple of a few, not a set (a set costs 216
# bytes, a tuple of two 56, and the window holds hundreds of thousands); a set from
# SMALL on.
Ids = int | tuple[int, ...] | set[int]


class Copies:
    """The window's entries by address and by sampled shingle."""

    def __init__(self, thresholds: Thresholds, entries: Mapping[int, Indexed]) -> None:
        self.thresholds = thresholds
        self._entries = entries
        self._addresses: dict[str, Ids] = {}
        self._shingles: dict[int, Ids] = {}

    def same_address(self, item: Item) -> Decision | None:
        for signal, address in (
            ("canonical-url", item.canonical_url),
            ("page-canonical", item.page_url),
            ("guid", item.guid if guid_is_address(item.guid) else None),
        ):
            if not address:
                continue
            # The address's entries first: most addresses are new, and telling
            # whether one names an article parses it (half a second of grouping a
            # first poll's 20,000 entries when it came first).
            known_ids = self._addresses.get(address)
            if known_ids is None or not names_an_article(address):
                continue
            for other in sorted(_ids(known_ids)):
                known = self._entries[other]
                # Within a feed one GUID is one entry already; the same address under
                # two GUIDs (the feed lists both) is the same article, though.
                if signal == "guid" and known.feed_id == item.feed_id:
                    continue
                if self._near(item, known):
                    return Decision(
                        item.entry_id, known.story_id, Relation.DUPLICATE, signal, 1.0, other
                    )
        return None

    def same_text(self, item: Item) -> Decision | None:
        limits = self.thresholds
        if len(item.sketch) < limits.min_shingles:
            return None
        shared: dict[int, int] = {}
        tally = shared.get  # (a plain dict: see story_index.Index._dots)
        for value in item.sketch:
            posting = _ids(self._shingles.get(value))
            if not posting or len(posting) > MAX_POSTING:
                continue
            # A shingle that other entries of the same feed carry too is the feed's
            # furniture (a footer, "The post ... appeared first on ..."), not its text.
            own = sum(1 for other in posting if self._entries[other].feed_id == item.feed_id)
            if own >= FEED_FURNITURE:
                continue
            for other in posting:
                shared[other] = tally(other, 0) + 1
        best: tuple[bool, float, int] | None = None
        for other, count in shared.items():
            known = self._entries[other]
            theirs = len(known.shingles)  # (a view made on each read: once)
            smaller = min(len(item.sketch), theirs)
            jaccard = count / (len(item.sketch) + theirs - count)
            containment = count / smaller
            if known.feed_id == item.feed_id:
                # Within a feed only a re-post is a copy (a feed's teasers all look alike).
                whole, containment = jaccard >= REPOST_JACCARD, 0.0
            else:
                whole = jaccard >= limits.jaccard
            if not whole and (smaller < limits.min_shingles or containment < limits.containment):
                continue
            if not self._near(item, known):
                continue
            # The same whole text beats a copy inside a longer one.
            candidate = (whole, jaccard if whole else containment, -other)
            if best is None or candidate > best:
                best = candidate
        if best is None:
            return None
        whole, score, other = best[0], best[1], -best[2]
        return Decision(
            item.entry_id,
            self._entries[other].story_id,
            Relation.DUPLICATE,
            "shingles" if whole else "containment",
            round(score, 4),
            other,
        )

    def _near(self, item: Item, known: Indexed) -> bool:
        return abs(item.when.timestamp() - known.stamp) <= self.thresholds.window

    def add(self, known: Indexed) -> None:
        for address in known.addresses:
            _put(self._addresses, address, known.entry_id)
        for value in known.shingles:
            _put(self._shingles, value, known.entry_id)

    def remove(self, known: Indexed) -> None:
        for address in known.addresses:
            _drop(self._addresses, address, known.entry_id)
        for value in known.shingles:
            _drop(self._shingles, value, known.entry_id)


def _ids(found: Ids | None) -> tuple[int, ...] | set[int]:
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


def _put(index: dict[K, Ids], key: K, entry_id: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = entry_id
    elif isinstance(found, int):
        if found != entry_id:
            index[key] = (found, entry_id)
    elif isinstance(found, tuple):
        if entry_id not in found:
            grown = (*found, entry_id)
            index[key] = set(grown) if len(grown) >= SMALL else grown
    else:
        found.add(entry_id)


def _drop(index: dict[K, Ids], key: K, entry_id: int) -> None:
    found = index.get(key)
    if found is None or isinstance(found, int):
        if found == entry_id:
            del index[key]
    elif isinstance(found, set) and len(found) > SMALL:
        found.discard(entry_id)
    elif entry_id in found:
        # A tuple, or a set about to fall below SMALL: two or more left.
        left = tuple(other for other in found if other != entry_id)
        index[key] = left[0] if len(left) == 1 else left
