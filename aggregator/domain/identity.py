"""Which of a feed's listed entries are new, which are edits of stored ones, and
which re-publish a stored entry under a new GUID or link. Pure: the feed's entries
and what the store holds of them in, a plan out; the store reads the state
(store/entries.entry_states) and applies the plans (store/entries.apply_plans).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..digests import digest
from ..types import RawEntry
from ..urls import canonical_url, names_an_article
from .textsim import normalize, sketch

# Longer keys (some feeds put whole URLs with long query strings in their GUIDs) are
# stored as a hash so that the unique index stays within PostgreSQL's btree limit.
MAX_KEY_LENGTH = 1000
# Same text within one feed: a re-post differs by an edit or two, not a rewrite.
REPOST_JACCARD = 0.7
# Sampled shingles a text needs (about 20 words) before its sketch proves anything.
MIN_SHINGLES = 4


def entry_key(entry: RawEntry) -> str:
    """The identity of an entry within its feed: its GUID, else its link, else its text.

    The last resort (no GUID, no link) hashes title and text, so an edit to such an
    entry reads as a new entry; nothing better identifies it.
    """
    key = entry.guid or entry.url
    if not key:
        key = "sha256:" + digest(entry.title, entry.content_text)
    elif len(key) > MAX_KEY_LENGTH:
        key = "sha256:" + digest(key)
    return key


def listed(entries: Iterable[RawEntry]) -> dict[str, RawEntry]:
    """A feed's entries by key; of an entry listed twice, the first (usually newest)."""
    by_key: dict[str, RawEntry] = {}
    for entry in entries:
        by_key.setdefault(entry_key(entry), entry)
    return by_key


@dataclass(frozen=True)
class Stored:
    """One of the feed's stored entries, as far as telling an edit goes."""

    entry_id: int
    content_hash: str
    url: str | None


@dataclass(frozen=True)
class Known:
    """One of the same feed's recent entries that a new key may re-publish."""

    entry_id: int
    canonical_url: str | None
    title: str
    text: str
    published: datetime | None
    key: str = ""
    stored: Stored | None = None

    @functools.cached_property
    def sketch(self) -> frozenset[int]:
        # Computed only when text must be compared: most new entries are told apart
        # by their address already, and a feed has a couple of hundred recent entries.
        return sketch(self.text)


@dataclass(frozen=True)
class Incoming:
    """A feed's entry under a key its feed has not used before."""

    canonical_url: str | None
    title: str
    sketch: frozenset[int]
    published: datetime | None


@dataclass(frozen=True)
class FeedState:
    """What the store holds of a feed's listed entries."""

    stored: dict[str, Stored]  # by key
    buried: set[str] = field(default_factory=set)  # keys whose entries retention deleted
    # Recent entries no longer listed under their own key (None: re-publishing is not
    # looked for, deduplication being off).
    candidates: Sequence[Known] | None = None
    # Nothing of the feed is stored yet: what it lists now are its first entries
    # (False when not looked up, deduplication being off).
    first: bool = False


@dataclass(frozen=True)
class Edit:
    """A stored entry the feed changed; ``key`` is new when it was re-published."""

    entry_id: int
    key: str
    page_moved: bool  # its link changed: its article page is fetched again


@dataclass(frozen=True)
class EntryPlan:
    new: list[str]  # keys to insert
    edits: list[Edit]


def plan(by_key: dict[str, RawEntry], state: FeedState) -> EntryPlan:
    """New entries, edits, and entries re-published under a new key (an edit that
    takes the new key, rather than a second entry; see ``same_entry``). Keys of
    buried entries are neither: they stay deleted while the feed lists them."""
    stored = dict(state.stored)
    unknown = [k for k in by_key if k not in stored and k not in state.buried]
    if state.candidates is not None and unknown:
        stored.update(_republished(by_key, unknown, state.candidates))
    new: list[str] = []
    edits: list[Edit] = []
    for key, entry in by_key.items():
        if key in state.buried and key not in stored:
            continue
        known = stored.get(key)
        if known is None:
            new.append(key)
        elif known.content_hash != entry.content_hash:
            edits.append(Edit(known.entry_id, key, entry.url != known.url))
    return EntryPlan(new, edits)


def _republished(
    by_key: dict[str, RawEntry], unknown: list[str], candidates: Sequence[Known]
) -> dict[str, Stored]:
    # Two items the feed lists side by side are two entries, however alike.
    free = [k for k in candidates if k.key not in by_key]
    if not free:
        return {}  # a feed's first poll: nothing to compare with
    found: dict[str, Stored] = {}
    taken: set[int] = set()
    for key in unknown:
        entry = by_key[key]
        incoming = Incoming(
            canonical_url(entry.url) if entry.url else None,
            entry.title or "",
            sketch(entry.content_text),
            entry.published,
        )
        match = same_entry(incoming, [k for k in free if k.entry_id not in taken])
        if match is not None:
            known = next(k for k in free if k.entry_id == match)
            assert known.stored is not None
            found[key] = known.stored
            taken.add(match)
    return found


def same_entry(new: Incoming, known: Sequence[Known]) -> int | None:
    """The known entry that ``new`` re-publishes under a new GUID or link, if any.

    Evidence, strongest first: the same canonical URL (unless it is the site's front
    page, where some feeds point every item); the same text (title edits allowed);
    for entries without text, the same title and publication time. A match must be
    unique: text or address that several entries share (a stock summary) proves
    nothing.
    """
    if new.canonical_url and names_an_article(new.canonical_url):
        hits = [k for k in known if k.canonical_url == new.canonical_url]
        if hits:
            # A page some feeds link every update to ("/live") is not one entry: the
            # same address must come with the same title or text.
            if len(hits) == 1 and _alike(new, hits[0]):
                return hits[0].entry_id
            return None
    if len(new.sketch) >= MIN_SHINGLES:
        hits = [k for k in known if _jaccard(new.sketch, k.sketch) >= REPOST_JACCARD]
        if hits:
            return hits[0].entry_id if len(hits) == 1 else None
        return None
    title = normalize(new.title).strip()
    if new.published is None or not title:
        return None
    hits = [
        k
        for k in known
        if k.published == new.published
        and len(k.sketch) < MIN_SHINGLES
        and normalize(k.title).strip() == title
    ]
    return hits[0].entry_id if len(hits) == 1 else None


def _alike(new: Incoming, old: Known) -> bool:
    if normalize(new.title).strip() == normalize(old.title).strip():
        return True
    return _jaccard(new.sketch, old.sketch) >= REPOST_JACCARD


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if shared else 0.0
