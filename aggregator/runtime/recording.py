"""A round of finished polls stored at once: the entries first (what the store has
of them, identity.py's plan of each feed's), then what decide.py makes of each poll,
then the feeds' rows. A few statements a round, not a few per feed; the caller owns
the transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from ..domain import decide, identity, schedule
from ..domain.decide import ScheduleBounds
from ..store import RECENT_TIMES, Store
from ..types import DueFeed, FeedResult, FeedSource, RawEntry, StoredCounts

# Why a new entry's page is not fetched (extract.skip_reason as its feed says), or None.
PagePlan = Callable[[FeedSource, RawEntry], str | None]


def record(
    store: Store,
    owner: str,
    finished: Sequence[tuple[DueFeed, FeedResult]],
    bounds: ScheduleBounds,
    rng: Callable[[], float],
    plan_page: PagePlan | None = None,
) -> list[tuple[StoredCounts, schedule.NextPoll]]:
    """Store finished polls and schedule each feed's next poll (the caller owns the
    transaction): the entries first (what the store has of them, identity.py's plan
    of each feed's: new, edited, re-published under a new key), then what decide.py
    makes of each poll (with the feed's rhythm measured again where new entries
    came), then the feeds' rows. The whole round at once: a few statements, not a
    few per feed. ``plan_page``: with full text on, why a new entry's page is not
    fetched (else None)."""
    now = store.now()
    listed = {
        due.feed_id: by_key
        for due, result in finished
        if result.parsed is not None
        and result.error is None
        and (by_key := identity.listed(result.parsed.entries))
    }
    states = store.entry_states(listed, now) if listed else {}
    plans = [
        (feed_id, by_key, identity.plan(by_key, states[feed_id]))
        for feed_id, by_key in listed.items()
    ]
    skips = None
    if plan_page is not None:
        sources = {due.feed_id: due.source for due, _ in finished}
        skips = {
            feed_id: {key: plan_page(sources[feed_id], by_key[key]) for key in plan.new}
            for feed_id, by_key, plan in plans
        }
    gained = store.apply_plans(plans, now, skips) if plans else {}
    counts = [gained.get(due.feed_id, StoredCounts()) for due, _ in finished]
    recent = _recent_times(store, plans, states, gained, now)
    intents = [
        decide.after_poll(due, result, now, bounds, rng, recent.get(due.feed_id) if c.new else None)
        for (due, result), c in zip(finished, counts, strict=True)
    ]
    store.record_polls(
        owner, [(due, result, i) for (due, result), i in zip(finished, intents, strict=True)], now
    )
    return [(c, i.next_poll) for c, i in zip(counts, intents, strict=True)]


def _recent_times(
    store: Store,
    plans: Sequence[tuple[int, dict[str, RawEntry], identity.EntryPlan]],
    states: Mapping[int, identity.FeedState],
    gained: Mapping[int, StoredCounts],
    now: datetime,
) -> dict[int, list[datetime]]:
    """The newest publication times (first seen, when undated) of each feed that
    gained entries, newest first. A feed's first entries are all it has: their
    times are known here, not read back (unless another process stored some of
    them first)."""
    known = {
        feed_id: newest([by_key[key].published or now for key in plan.new])
        for feed_id, by_key, plan in plans
        if states[feed_id].first and 0 < gained[feed_id].new == len(plan.new)
    }
    rest = [feed_id for feed_id, _, _ in plans if gained[feed_id].new and feed_id not in known]
    return known | store.recent_published(rest)


def newest(times: list[datetime]) -> list[datetime]:
    """The latest RECENT_TIMES of ``times``, newest first (as Store.recent_published
    reads a feed's)."""
    return sorted(times, reverse=True)[:RECENT_TIMES]
