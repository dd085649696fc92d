"""When to poll a feed next, and why. Pure: no clock, no randomness of its own, no I/O.

The rules, in order (each step can only push the next poll later, except the last):

1. Start from the feed's ``interval`` (feeds.yaml, default 30 min): reason ``interval``.
2. Adaptive rate: a feed that publishes rarely is polled less. With at least three
   recent publication times, half the median gap between them (or half the time since
   the newest, if that is longer: a feed that went quiet) replaces the interval when it
   is longer: reason ``adaptive``. The rhythm is measured when new entries arrive and
   kept on the feed's row. Half, so that a new entry waits on average a quarter
   of the feed's own rhythm.
3. The feed's own requests are floors: RSS ``<ttl>``, ``sy:updatePeriod`` /
   ``sy:updateFrequency``, ``Cache-Control: max-age`` and ``Expires``: reasons ``ttl``,
   ``syndication``, ``cache-control``, ``expires``.
4. Everything is clamped to the feed's ``[min_interval, max_interval]``: reasons
   ``min-interval`` / ``max-interval`` when the clamp decides.
5. Jitter: up to ``jitter`` (10 %) more, never less, so feeds added together drift
   apart and we still never poll earlier than asked.

After a failure: exponential back-off from the interval, doubling per consecutive
error, capped at ``max_backoff`` (24 h), with the same jitter: reason ``backoff``. A
``Retry-After`` (429/503) is a floor on top of that, itself capped at ``max_backoff``:
reason ``retry-after``.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class Policy:
    """A feed's polling bounds, from feeds.yaml."""

    interval: int  # seconds
    min_interval: int
    max_interval: int
    max_backoff: int = 86400
    jitter: float = 0.1


@dataclass(frozen=True)
class Hints:
    """What the feed and the HTTP response say about polling them (seconds)."""

    ttl: int | None = None  # RSS <ttl>
    syndication: int | None = None  # sy:updatePeriod / sy:updateFrequency
    max_age: int | None = None  # Cache-Control: max-age
    expires: int | None = None  # Expires, as seconds from now


@dataclass(frozen=True)
class Rhythm:
    """How often a feed publishes, from its recent entries."""

    typical_gap: int  # seconds: median gap between recent publication times
    newest: datetime  # the newest publication time


@dataclass(frozen=True)
class NextPoll:
    at: datetime
    reason: str


Random = Callable[[], float]  # uniform in [0, 1)


def after_success(
    now: datetime,
    policy: Policy,
    hints: Hints,
    rhythm: Rhythm | None,
    random: Random,
) -> NextPoll:
    """The next poll after a successful one (200 or 304)."""
    delay, reason = policy.interval, "interval"
    adaptive = adaptive_delay(now, rhythm)
    if adaptive is not None and adaptive > delay:
        delay, reason = adaptive, "adaptive"
    for name, floor in (
        ("ttl", hints.ttl),
        ("syndication", hints.syndication),
        ("cache-control", hints.max_age),
        ("expires", hints.expires),
    ):
        if floor is not None and floor > delay:
            delay, reason = floor, name
    if delay > policy.max_interval:
        delay, reason = policy.max_interval, "max-interval"
    if delay < policy.min_interval:
        delay, reason = policy.min_interval, "min-interval"
    return NextPoll(now + timedelta(seconds=_jittered(delay, policy.jitter, random)), reason)


def after_error(
    now: datetime,
    policy: Policy,
    consecutive_errors: int,
    retry_after: datetime | None,
    random: Random,
) -> NextPoll:
    """The next poll after a failure (``consecutive_errors`` counts this one)."""
    exponent = max(consecutive_errors - 1, 0)
    delay = min(max(policy.interval, 60) * 2 ** min(exponent, 30), policy.max_backoff)
    at = now + timedelta(seconds=_jittered(delay, policy.jitter, random))
    if retry_after is not None and retry_after > at:
        return NextPoll(retry_after, "retry-after")
    return NextPoll(at, "backoff")


# An article page that failed is tried again after 30 min, 2 h, 8 h, then given up
# (``aggregator extract --retry-failed`` tries again). A failure that another try
# will not change (not HTML, shorter than the feed, refused address, over the size
# cap, a redirect loop, 404/410) gets
# one more try only: pages are sometimes published a moment after their feed entry.
PAGE_RETRY_FIRST = 30 * 60
PAGE_RETRY_FACTOR = 4
PAGE_ATTEMPTS = 4
PAGE_ATTEMPTS_LASTING = 2
_LASTING_KINDS = frozenset({"not-html", "shorter", "address-policy", "too-large", "redirect"})


def next_page_attempt(
    now: datetime, attempts: int, kind: str | None, status: int | None, random: Random
) -> datetime | None:
    """When an article page that failed ``attempts`` times is tried again (None: never)."""
    lasting = kind in _LASTING_KINDS or status in (404, 410)
    if attempts >= (PAGE_ATTEMPTS_LASTING if lasting else PAGE_ATTEMPTS):
        return None
    delay = PAGE_RETRY_FIRST * PAGE_RETRY_FACTOR ** max(attempts - 1, 0)
    return now + timedelta(seconds=_jittered(delay, 0.1, random))


def rhythm(published: Sequence[datetime], now: datetime) -> Rhythm | None:
    """The publishing rhythm of recent publication times (at least three of them)."""
    times = sorted(t for t in published if t <= now)
    if len(times) < 3:
        return None
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    return Rhythm(typical_gap=int(statistics.median(gaps)), newest=times[-1])


def adaptive_delay(now: datetime, rhythm: Rhythm | None) -> int | None:
    """Half the feed's typical gap between entries, or half its silence if longer."""
    if rhythm is None:
        return None
    quiet = (now - rhythm.newest).total_seconds()
    return int(max(rhythm.typical_gap, quiet) / 2)


def feed_hints(
    ttl: int | None, syndication: int | None, headers: Mapping[str, str], now: datetime
) -> Hints:
    """Hints from the feed's own (parsed) requests and the lower-cased response headers."""
    return Hints(
        ttl=ttl,
        syndication=syndication,
        max_age=_max_age(headers.get("cache-control")),
        expires=_expires(headers, now),
    )


def retry_after(value: str | None, now: datetime, longest: int) -> datetime | None:
    """A Retry-After header (delay-seconds or HTTP-date, RFC 9110 §10.2.3) as a time,
    at most ``longest`` seconds ahead (a server may ask for years; we wait a day)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return now + timedelta(seconds=min(int(value), longest))
    moment = _http_date(value)
    if moment is None or moment <= now:
        return None
    return min(moment, now + timedelta(seconds=longest))


def _jittered(delay: int, jitter: float, random: Random) -> float:
    return delay * (1 + jitter * random())


def _max_age(cache_control: str | None) -> int | None:
    if not cache_control:
        return None
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() in ("max-age", "s-maxage") and value.strip('"').isdigit():
            return int(value.strip('"')) or None
    return None


def _expires(headers: Mapping[str, str], now: datetime) -> int | None:
    if "cache-control" in headers and _max_age(headers["cache-control"]) is not None:
        return None  # max-age overrides Expires (RFC 9111 §5.3)
    moment = _http_date(headers.get("expires", ""))
    if moment is None:
        return None
    seconds = int((moment - now).total_seconds())
    return seconds if seconds > 0 else None


def _http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
