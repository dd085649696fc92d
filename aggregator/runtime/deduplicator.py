"""The deduplication stage: stored entries in, story memberships out.

It keeps story_index.Index (the recent window, in memory) in step with the database:
rebuilt from it on first use, then brought up to date with what other processes and
users changed (``StoryEntry.seq``) at the start of every batch, under the dedup lock.

An entry grouped on its feed's text because its page was slow is decided again once
the page's text arrives (a user's placement stays); a batch's stories that turn out
to be one with another story are merged (story_index.Index.merges).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from ..domain.dedup import REFERENCE, REFORM_SIGNAL, STORY_SIGNAL, Item, Thresholds
from ..domain.story_index import Index, group
from ..domain.textsim import View, terms, view_of
from ..store.boundary import Database
from ..store.entry_texts import EntryText
from ..store.stories import StoryStore
from ..types import Assigned, PageStatus
from ..urls import canonical_url
from .heap import collection_paused, freeze_survivors
from .logs import event
from .processes import ITEMS_MIN

log = logging.getLogger(__name__)
# The log event of a merge, by its signal (any other: dedup.merged).
_EVENTS = {STORY_SIGNAL: "dedup.rejoined", REFORM_SIGNAL: "dedup.reformed"}

# Entries decided per transaction: large enough that one poll is usually one batch
# (the order within a batch is by content, not arrival) and that a large first poll
# describes each story it grows a few times, not a dozen (each batch reads every
# member of the stories it touched: 20,000 entries of 1,000 outlets grouped in 4.5 s
# with 2,000 a batch, 3.7 s with 5,000); small enough to keep the write lock for
# about a second at most.
BATCH = 5000
# Batches' worth of waiting entries listed at once (see Deduplicator.run).
LISTED = 20
# Entries read and made Items at a time when the index is rebuilt. Their texts and
# terms are dropped once they are in the index, but what a chunk allocated is
# interleaved with what the index keeps: a daemon with 10^6 stored and 1,000 feeds
# (benchmarks/daemon_memory.py) peaked at 353 MB reading 5,000 at a time, 331 MB with
# 1,000, 328 MB with 500. Not fewer than ITEMS_MIN, though: a smaller chunk is worked
# out in this process alone, and the worker processes then start at the first large
# batch, in the middle of grouping it (cluster_scale.py at 10^4, 500 at a time: 0.6 ->
# 1.05 s).
REBUILT = ITEMS_MIN


def when_of(entry: EntryText) -> datetime:
    """When an entry appeared: published, never later than first seen. Pure."""
    if entry.published is not None and entry.published < entry.first_seen:
        return entry.published  # a date in the future is a feed's mistake
    return entry.first_seen


def item_of(entry: EntryText, view: View | None = None) -> Item:
    """The deduplicator's view of a stored entry (``view``: its headline and text's,
    worked out already). Pure."""
    when = when_of(entry)
    page = canonical_url(entry.page_canonical) if entry.page_canonical else None
    sketched, weighted, facts = view or view_of(entry.title, entry.text)
    return Item(
        entry_id=entry.entry_id,
        feed_id=entry.feed_id,
        when=when,
        canonical_url=entry.canonical_url,
        page_url=page if page != entry.canonical_url else None,
        guid=entry.guid,
        sketch=sketched,
        terms=weighted,
        facts=facts,
        order=(entry.feed_url, entry.canonical_url or "", entry.title, entry.guid or ""),
    )


# Grouping's view of many entries: items_of, or the same shared with worker processes
# (runtime/processes.py).
Items = Callable[[Sequence[EntryText]], list[Item]]
# views_of, started in worker processes now and collected later (the thunk).
LaterViews = Callable[[Sequence[tuple[str, str]]], Callable[[], list[View]]]


def items_of(entries: Sequence[EntryText]) -> list[Item]:
    """item_of, for each of ``entries``. Pure."""
    return [item_of(entry) for entry in entries]


class _Reserved:
    """New stories' ids, their rows created ``make(count)`` at a time (more each time,
    up to CHUNK): those handed out (``given``) of those created (``reserved``)."""

    CHUNK = 256

    def __init__(self, make: Callable[[int], list[int]]) -> None:
        self._make = make
        self._free: deque[int] = deque()
        self.given: set[int] = set()
        self.reserved: set[int] = set()

    def next(self) -> int:
        if not self._free:
            made = self._make(min(max(len(self.reserved), 4), self.CHUNK))
            self._free.extend(made)
            self.reserved.update(made)
        story_id = self._free.popleft()
        self.given.add(story_id)
        return story_id

    def __contains__(self, story_id: int) -> bool:
        return story_id in self.given


class Deduplicator:
    """Assigns every stored entry to a story, once its text is final."""

    def __init__(
        self,
        db: Database,
        stories: StoryStore,
        thresholds: Thresholds,
        *,
        priority: Sequence[str] = (),
        text_wait: timedelta = timedelta(minutes=10),
        batch: int = BATCH,
        items: Items = items_of,
        later: LaterViews | None = None,
    ) -> None:
        """``items``: how a batch's entries become Items (in worker processes or not);
        ``later``: their views in worker processes, started while the batch before is
        decided (None: no worker processes)."""
        self.db = db
        self.stories = stories
        self.thresholds = thresholds
        self.priority = tuple(priority)
        self.text_wait = text_wait
        self.batch = batch
        self._items = items
        self._later = later
        # The next batch's headlines and texts as read ahead (by entry), and their
        # views being worked out.
        self._ahead: tuple[dict[int, tuple[str, str]], Callable[[], list[View]]] | None = None
        self._index: Index | None = None
        self._seq = 0
        self._frozen = 0  # the index's size when it was last frozen (see _freeze)

    def run(self) -> Assigned:
        """Assign every entry that is ready; returns how many, and new stories."""
        # Grouping keeps almost all it allocates (the index) and makes next to no
        # cyclic garbage: collections meanwhile would only walk the index (heap.py).
        with collection_paused():
            return self._run()

    def _run(self) -> Assigned:
        # What the last run added to the index, out of the collector's sight now
        # rather than at the end of that run: a process that polls once and exits
        # never pays for it (a full collection: 0.2 s after a first poll of 20,000).
        if self._index is not None and len(self._index) > self._frozen * 1.1 + 1000:
            self._freeze()
        total = Assigned()
        started = time.perf_counter()
        # The waiting entries' ids in order, listed once for up to LISTED batches
        # (sorting them all again for every batch was a tenth of grouping a first poll).
        listed: deque[int] = deque()
        more = True  # the last listing may have left some out
        while True:
            try:
                with self.db.transaction():
                    self.stories.lock()
                    now = self.stories.now()
                    ready = now - self.text_wait
                    if not listed and more:
                        found = self.stories.waiting(ready, LISTED * self.batch)
                        listed.extend(found)
                        more = len(found) == LISTED * self.batch
                    batch = [listed.popleft() for _ in range(min(self.batch, len(listed)))]
                    if self._ahead is None:
                        # The first batch of a large poll: its views are worked out
                        # while its entries are read and the index brought up to date.
                        self._read_ahead(batch)
                    waiting = self.stories.still_waiting(batch)
                    late = self.stories.late_text(self.batch)
                    if not batch and not late:
                        break
                    index = self._synced(min(now, *map(when_of, [*waiting[:1], *late])))
                    again = self._again(index, late)
                    items = self._items_of(waiting + again)
                    # The next batch's views, on the other cores, while this one is
                    # decided (on one).
                    self._read_ahead(list(itertools.islice(listed, self.batch)))
                    done = self._assign(index, waiting, again, items)
            except BaseException:
                # The index may hold decisions the database rolled back: rebuild it.
                self._index = None
                self._ahead = None
                raise
            total = Assigned(total.entries + done.entries, total.stories + done.stories)
            if not listed and not more and len(late) < self.batch:
                break
        total = dataclasses.replace(total, seconds=time.perf_counter() - started)
        if total.entries:
            event(
                log,
                logging.INFO,
                "dedup.assigned",
                entries=total.entries,
                new=total.stories,
                seconds=round(total.seconds, 3),
            )
        return total

    def _synced(self, oldest: datetime) -> Index:
        """The index, with every change since it was last used; built on first use
        from the entries a window before ``oldest`` (the batch's earliest entry: a
        first poll may bring a feed's archive)."""
        if self._index is None:
            self._index = Index(self.thresholds)
            self._seq = self.stories.last_seq()
            since = oldest - timedelta(seconds=self.thresholds.window)
            window = self.stories.window(since)
            # Document frequencies count the latest REFERENCE entries, window or not.
            reference = self.stories.reference(since, REFERENCE - len(window))
            for entry in reference:
                self._index.count(entry.entry_id, terms(entry.title, entry.text))
            # REBUILT at a time: an Item's terms (most of its memory) are dropped once
            # it is in the index, so only those few are ever held.
            for start in range(0, len(window), REBUILT):
                part = self.stories.texts_of(window[start : start + REBUILT])
                for entry, item in zip(part, self._items(part), strict=True):
                    assert entry.story_id is not None
                    self._index.add(
                        item, entry.story_id, pinned=entry.pinned, original=entry.original
                    )
            # Stories settled by now were looked at for merges when they settled.
            self._index.caught_up()
            if window or reference:
                # (Nothing read, as in a new database: no full collection for nothing.)
                self._freeze()
            return self._index
        # Deletions (retention's tombstones) among the rest, in seq order: the replay
        # is the history as it happened, whatever becomes of ids.
        changes: list[tuple[int, int, EntryText | None]] = [
            (changed.seq or 0, changed.entry_id, changed)
            for changed in self.stories.changes(self._seq)
        ]
        changes += [(seq, entry_id, None) for entry_id, seq in self.stories.deleted(self._seq)]
        for seq, entry_id, row in sorted(changes, key=lambda change: change[0]):
            if row is None or row.story_id is None:
                self._index.remove(entry_id)
            elif entry_id in self._index:
                self._index.move(entry_id, row.story_id, pinned=row.pinned)
            else:
                self._index.add(
                    item_of(row), row.story_id, pinned=row.pinned, original=row.original
                )
            self._seq = max(self._seq, seq)
        return self._index

    def _freeze(self) -> None:
        """Move what is alive now out of the cyclic garbage collector's sight.

        The index is long-lived and large (a dict or two per entry): collections that
        walk it whenever grouping allocates were a third of the cost of a new entry
        (benchmarks/cluster_scale.py). Garbage is collected first, so nothing is
        frozen that could have been freed; the index holds no reference cycles, so
        its entries are still freed (by reference counting) when they leave it.
        Done again whenever the index has grown by a tenth (at the start of a run).
        """
        freeze_survivors()
        self._frozen = len(self._index or ())

    def _read_ahead(self, entry_ids: list[int]) -> None:
        """Start working out the views of these entries in the worker processes, when
        they are a large poll's batch (half a batch or more: fewer are worked out
        here, at once, for less than sending them costs)."""
        if self._later is None or len(entry_ids) < self.batch // 2:
            return
        ahead = self.stories.headlines_and_texts(entry_ids)
        texts = {entry_id: (title, text) for entry_id, title, text in ahead}
        if texts:
            self._ahead = (texts, self._later(list(texts.values())))

    def _again(self, index: Index, late: list[EntryText]) -> list[EntryText]:
        """Of the entries grouped before their page's text arrived, those to decide
        again (the text arrived and no user placed them), taken out of the index; the
        others keep their story as it is."""
        again = [e for e in late if e.article_status == PageStatus.OK and not e.pinned]
        self.stories.settle([e.entry_id for e in late if e not in again])
        for entry in again:
            index.remove(entry.entry_id)
        return again

    def _items_of(self, entries: list[EntryText]) -> list[Item]:
        """The entries' items: with the views worked out ahead where the entry's
        headline and text are still those read ahead; the others worked out now."""
        ahead, self._ahead = self._ahead, None
        if ahead is None:
            return self._items(entries)
        read, later = ahead
        views = dict(zip(read.items(), later(), strict=True))
        found = [views.get((e.entry_id, (e.title, e.text))) for e in entries]
        rest = iter(self._items([e for e, view in zip(entries, found, strict=True) if not view]))
        return [
            item_of(e, view) if view else next(rest) for e, view in zip(entries, found, strict=True)
        ]

    def _assign(
        self,
        index: Index,
        waiting: list[EntryText],
        again: list[EntryText],
        items: list[Item],
    ) -> Assigned:
        seq = self.stories.last_seq() + 1
        entries = waiting + again
        before = {e.entry_id: e.story_id for e in again}
        # New stories get their real ids as the batch is decided, their rows reserved
        # a few at a time (ids given later, as stand-ins, made the index move every
        # term of every new story to its real id: a tenth of grouping new stories).
        ids = _Reserved(self.stories.new_stories)
        decided, merges = group(index, items, ids.next)
        # An entry decided again that is still a story of its own keeps its story.
        kept: dict[int, int] = {}
        for decision, story in decided:
            old = before.get(decision.entry_id)
            if story in ids and story not in kept and old is not None and not index.members(old):
                kept[story] = old
        for new_id, old in kept.items():
            index.renumber(new_id, old)
        decided = [(decision, kept.get(story, story)) for decision, story in decided]
        merges = [
            dataclasses.replace(
                m, absorbed=kept.get(m.absorbed, m.absorbed), into=kept.get(m.into, m.into)
            )
            for m in merges
        ]
        started = ids.given - kept.keys()
        pending = {e.entry_id for e in entries if e.article_status == PageStatus.PENDING}
        self.stories.save(decided, seq, awaits_text=pending)
        # Rows reserved and not given, and those given back, are deleted as empty.
        touched = {story_id for _, story_id in decided} | {s for s in before.values() if s}
        touched |= ids.reserved - started
        self.stories.merge(merges, seq)
        for merge in merges:
            touched |= {merge.into, merge.absorbed}
            event(
                log,
                logging.INFO,
                _EVENTS.get(merge.signal, "dedup.merged"),
                story=merge.absorbed,
                into=merge.into,
                score=merge.score,
                entries=len(merge.entry_ids),
            )
        self.describe(touched)
        self._seq = seq
        return Assigned(len(waiting), len(started))

    # --- users' corrections -----------------------------------------------------------

    def merge(self, story_ids: Sequence[int], *, title: str | None = None) -> int:
        """Move every entry of the other stories into the first one, for good; it
        keeps its title (or takes ``title``) whatever entry represents it later.

        Raises:
            LookupError: one of the stories does not exist.
        """
        target, *others = story_ids
        with self.db.transaction():
            self.stories.lock()
            for story_id in story_ids:
                if not self.stories.exists(story_id):
                    raise LookupError(f"no story {story_id}")
            moved = [
                e for other in others if other != target for e in self.stories.entry_ids(other)
            ]
            seq = self.stories.last_seq() + 1
            # The target's own entries are pinned too: the decision covers them all.
            self.stories.place(self.stories.entry_ids(target) + moved, target, seq)
            self.stories.title(target, title or self.stories.current_title(target))
            self.describe({target, *others})
        return len(moved)

    def split(self, entry_id: int) -> int:
        """Take one entry out of its story into a story of its own, for good; returns
        the new story's id.

        Raises:
            LookupError: no such entry, or it has no story yet.
        """
        with self.db.transaction():
            self.stories.lock()
            old = self.stories.story_of(entry_id)
            if old is None:
                raise LookupError(f"entry {entry_id} has no story (yet)")
            alone = self.stories.entry_ids(old) == [entry_id]
            # Alone already: the entry stays where it is, now for good.
            [new] = [old] if alone else self.stories.new_stories(1)
            self.stories.place([entry_id], new, self.stories.last_seq() + 1)
            self.describe({old, new})
        return new

    def describe(self, story_ids: set[int], *, news: bool = True) -> set[int]:
        """Representative, title, counts and times of stories whose entries changed;
        those left with no entries are deleted (their ids returned).

        ``news``: False when entries only left (retention): the story keeps its
        times, so readers of the merged feed are not shown it as updated.
        """
        ids = {story_id for story_id in story_ids if story_id}
        facts = self.stories.facts(ids, self.priority, news=news)
        self.stories.describe(facts)
        return self.stories.delete(ids - {f.story_id for f in facts})
