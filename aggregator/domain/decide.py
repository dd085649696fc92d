"""What a finished poll means for its feed. Pure: the feed's state as claimed and the
poll's result in, intents out (when to poll next and why, the rhythm to keep, whether
to disable the feed, hold its host back, or follow it to a new address). The store
applies intents (store.Store.record_polls) and decides nothing; nothing here reads or
writes the database.

The timing rules themselves are in schedule.py; this module says which of them a
poll's outcome calls for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..types import DueFeed, FeedResult, FeedSource
from . import schedule

# The statuses whose Retry-After holds back every feed (and page) on the host.
RETRY_AFTER_STATUSES = (429, 503)
GONE = 410


@dataclass(frozen=True)
class ScheduleBounds:
    """The global half of each feed's schedule policy (feeds.yaml ``schedule:``)."""

    max_backoff: int = 86400
    jitter: float = 0.1


@dataclass(frozen=True)
class HostHold:
    """Keep every request to ``host`` waiting until ``until`` (a Retry-After)."""

    host: str
    until: datetime
    reason: str


@dataclass(frozen=True)
class PollIntents:
    """What to change on a feed's row after a poll, beside recording what happened."""

    next_poll: schedule.NextPoll
    rhythm: schedule.Rhythm | None = None  # measured again from new entries: keep it
    disable: str | None = None  # why the feed is polled no more
    hold: HostHold | None = None
    move_to: str | None = None  # a permanent redirect: poll this address from now on


def policy(source: FeedSource, bounds: ScheduleBounds) -> schedule.Policy:
    return schedule.Policy(
        interval=source.interval_seconds,
        min_interval=source.min_interval_seconds,
        max_interval=source.max_interval_seconds,
        max_backoff=bounds.max_backoff,
        jitter=bounds.jitter,
    )


def moved(due: DueFeed, result: FeedResult) -> bool:
    """Whether the poll found the feed at a new address for good (301/308)."""
    return bool(result.permanent_url) and result.permanent_url != due.fetch_url


def after_poll(
    due: DueFeed,
    result: FeedResult,
    now: datetime,
    bounds: ScheduleBounds,
    rng: schedule.Random,
    published: Sequence[datetime] | None = None,
) -> PollIntents:
    """The intents of one finished poll. ``published``: the publication times of the
    feed's newest entries, when this poll stored new ones (the rhythm is measured
    again); None otherwise."""
    rules = policy(result.source, bounds)
    move_to = result.permanent_url if moved(due, result) else None
    error = result.error
    if error is not None:
        until = None
        if result.http_status in RETRY_AFTER_STATUSES:
            until = schedule.retry_after(error.retry_after, now, rules.max_backoff)
        hold = None
        if until is not None:
            # Retry-After slows every feed on the host that said it (after any
            # redirects), not only this one.
            host = error.host or due.host
            hold = HostHold(host, until, f"HTTP {result.http_status} Retry-After")
        disable = None
        if result.http_status == GONE:
            disable = "410 Gone: the feed was removed by its publisher"
        return PollIntents(
            next_poll=schedule.after_error(now, rules, due.error_count + 1, until, rng),
            disable=disable,
            hold=hold,
            move_to=move_to,
        )
    rhythm = None
    if due.typical_gap is not None and due.newest_published is not None:
        rhythm = schedule.Rhythm(due.typical_gap, due.newest_published)
    measured = schedule.rhythm(published, now) if published is not None else None
    rhythm = measured or rhythm
    parsed = result.parsed
    hints = schedule.feed_hints(
        # A 304 carries no feed: the hints of its last full copy still hold.
        parsed.ttl_seconds if parsed is not None else due.ttl_seconds,
        parsed.syndication_seconds if parsed is not None else due.syndication_seconds,
        result.headers,
        now,
    )
    return PollIntents(
        next_poll=schedule.after_success(now, rules, hints, rhythm, rng),
        # Written back whenever new entries were looked at (the stored one again
        # when they give too few times to measure).
        rhythm=rhythm if published is not None else None,
        move_to=move_to,
    )


def on_new_interval(
    interval: int, last_polled_at: datetime | None, next_poll: schedule.NextPoll | None
) -> datetime | None:
    """When a feed whose interval feeds.yaml just changed is due now, if sooner than
    planned: a shorter interval takes effect at once, not after the old one ends.
    Only a poll planned by the interval moves (not a back-off, nor a feed's own ttl)."""
    if last_polled_at is None or next_poll is None or next_poll.reason != "interval":
        return None
    sooner = last_polled_at + timedelta(seconds=interval)
    return sooner if sooner < next_poll.at else None


def page_hold(
    host: str, status: int | None, retry_after: str | None, now: datetime, max_backoff: int
) -> HostHold | None:
    """The hold an article page's answer puts on its host (429/503 with Retry-After)."""
    if status not in RETRY_AFTER_STATUSES or not retry_after:
        return None
    until = schedule.retry_after(retry_after, now, max_backoff)
    if until is None:
        return None
    return HostHold(host, until, f"HTTP {status} Retry-After (article page)")
