from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aggregator.domain.schedule import (
    Hints,
    Policy,
    Rhythm,
    adaptive_delay,
    after_error,
    after_success,
    feed_hints,
    retry_after,
    rhythm,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
POLICY = Policy(interval=1800, min_interval=300, max_interval=86400, max_backoff=86400, jitter=0)


def seconds(moment: datetime) -> float:
    return (moment - NOW).total_seconds()


def no_jitter() -> float:
    return 0.0


def test_interval_by_default() -> None:
    nxt = after_success(NOW, POLICY, Hints(), None, no_jitter)
    assert (seconds(nxt.at), nxt.reason) == (1800, "interval")


@pytest.mark.parametrize(
    ("hints", "delay", "reason"),
    [
        (Hints(ttl=3600), 3600, "ttl"),
        (Hints(syndication=43200), 43200, "syndication"),
        (Hints(max_age=7200), 7200, "cache-control"),
        (Hints(expires=5400), 5400, "expires"),
        (Hints(ttl=60), 1800, "interval"),  # a hint never makes us poll more often
        (Hints(ttl=7 * 86400), 86400, "max-interval"),
    ],
)
def test_feed_requests_are_floors_within_bounds(hints: Hints, delay: int, reason: str) -> None:
    nxt = after_success(NOW, POLICY, hints, None, no_jitter)
    assert (seconds(nxt.at), nxt.reason) == (delay, reason)


def test_min_interval_is_a_floor() -> None:
    policy = Policy(interval=60, min_interval=300, max_interval=86400, jitter=0)
    nxt = after_success(NOW, policy, Hints(), None, no_jitter)
    assert (seconds(nxt.at), nxt.reason) == (300, "min-interval")


def test_weekly_feed_is_polled_less() -> None:
    weekly = [NOW - timedelta(days=7 * k) for k in range(1, 6)]
    nxt = after_success(NOW, POLICY, Hints(), rhythm(weekly, NOW), no_jitter)
    assert (seconds(nxt.at), nxt.reason) == (86400, "max-interval")
    every_3h = [NOW - timedelta(hours=3 * k) for k in range(1, 8)]
    nxt = after_success(NOW, POLICY, Hints(), rhythm(every_3h, NOW), no_jitter)
    assert (seconds(nxt.at), nxt.reason) == (3 * 3600 / 2, "adaptive")


def test_busy_feed_keeps_its_interval() -> None:
    every_5m = [NOW - timedelta(minutes=5 * k) for k in range(10)]
    nxt = after_success(NOW, POLICY, Hints(), rhythm(every_5m, NOW), no_jitter)
    assert nxt.reason == "interval"


def test_adaptive_needs_three_dates_and_counts_silence() -> None:
    assert rhythm([NOW - timedelta(hours=1), NOW - timedelta(hours=2)], NOW) is None
    quiet = [NOW - timedelta(days=10, hours=k) for k in range(3)]
    assert rhythm(quiet, NOW) == Rhythm(typical_gap=3600, newest=NOW - timedelta(days=10))
    assert adaptive_delay(NOW, rhythm(quiet, NOW)) == 5 * 86400  # half of ten quiet days
    assert adaptive_delay(NOW, None) is None
    future = [NOW + timedelta(days=k) for k in range(1, 5)]  # misdated entries are ignored
    assert rhythm(future, NOW) is None


def test_jitter_only_delays() -> None:
    earliest = after_success(NOW, Policy(1800, 300, 86400, jitter=0.1), Hints(), None, lambda: 0.0)
    latest = after_success(NOW, Policy(1800, 300, 86400, jitter=0.1), Hints(), None, lambda: 0.999)
    assert seconds(earliest.at) == 1800
    assert 1800 < seconds(latest.at) < 1980


def test_backoff_doubles_and_is_capped() -> None:
    delays = [seconds(after_error(NOW, POLICY, n, None, no_jitter).at) for n in range(1, 9)]
    assert delays == [1800, 3600, 7200, 14400, 28800, 57600, 86400, 86400]
    assert after_error(NOW, POLICY, 3, None, no_jitter).reason == "backoff"


def test_retry_after_wins_when_later() -> None:
    later = NOW + timedelta(hours=5)
    nxt = after_error(NOW, POLICY, 1, later, no_jitter)
    assert (nxt.at, nxt.reason) == (later, "retry-after")
    sooner = NOW + timedelta(seconds=10)
    assert after_error(NOW, POLICY, 1, sooner, no_jitter).reason == "backoff"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", NOW + timedelta(seconds=120)),
        ("Mon, 23 Nov 2026 13:00:00 GMT", NOW + timedelta(hours=1)),
        ("Mon, 23 Nov 2026 11:00:00 GMT", None),  # in the past
        ("999999999999999", NOW + timedelta(days=1)),  # capped, not an overflow
        ("Fri, 01 Jan 9999 00:00:00 GMT", NOW + timedelta(days=1)),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_header(value: str | None, expected: datetime | None) -> None:
    assert retry_after(value, NOW, longest=86400) == expected


def test_feed_hints_from_feed_and_headers() -> None:
    hints = feed_hints(
        3600,
        21600,
        {"cache-control": "public, max-age=900", "expires": "Mon, 23 Nov 2026 14:00:00 GMT"},
        NOW,
    )
    # max-age overrides Expires (RFC 9111 §5.3)
    assert hints == Hints(ttl=3600, syndication=21600, max_age=900, expires=None)
    only_expires = feed_hints(None, None, {"expires": "Mon, 23 Nov 2026 14:00:00 GMT"}, NOW)
    assert only_expires.expires == 7200
    assert feed_hints(None, None, {"cache-control": "no-cache"}, NOW) == Hints()
