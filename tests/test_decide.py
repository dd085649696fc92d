"""The pure decider: a finished poll's result and the feed's state in, intents out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aggregator.domain.decide import ScheduleBounds, after_poll, on_new_interval, page_hold
from aggregator.domain.schedule import NextPoll
from aggregator.types import CacheInfo, DueFeed, Failure, FeedResult, FeedSource, ParsedFeed

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SOURCE = FeedSource("https://news.example/feed.xml", interval_seconds=1800)
DUE = DueFeed(SOURCE, SOURCE.url, CacheInfo(), feed_id=7, host="news.example", error_count=2)
BOUNDS = ScheduleBounds(max_backoff=86400, jitter=0.0)


def no_jitter() -> float:
    return 0.0


def failed(status: int, retry_after: str | None = None, host: str | None = None) -> FeedResult:
    error = Failure("http", f"HTTP {status}", retry_after=retry_after, host=host)
    return FeedResult(SOURCE, error=error, http_status=status)


def ok(parsed: ParsedFeed | None = None, permanent_url: str | None = None) -> FeedResult:
    status = 200 if parsed else 304
    return FeedResult(SOURCE, parsed=parsed, http_status=status, permanent_url=permanent_url)


def test_an_error_backs_off_from_the_feeds_error_count() -> None:
    intents = after_poll(DUE, failed(500), NOW, BOUNDS, no_jitter)
    # The third error in a row: twice the interval, twice more.
    assert intents.next_poll.at == NOW + timedelta(seconds=1800 * 4)
    assert intents.next_poll.reason == "backoff"
    assert (intents.disable, intents.hold, intents.move_to, intents.rhythm) == (None,) * 4


def test_410_disables_the_feed() -> None:
    intents = after_poll(DUE, failed(410), NOW, BOUNDS, no_jitter)
    assert intents.disable is not None
    assert "410" in intents.disable


def test_retry_after_holds_the_host_that_said_it() -> None:
    intents = after_poll(DUE, failed(429, "120", host="cdn.example"), NOW, BOUNDS, no_jitter)
    assert intents.hold is not None
    assert (intents.hold.host, intents.hold.until) == ("cdn.example", NOW + timedelta(seconds=120))
    assert "429" in intents.hold.reason
    # Without a redirect, the feed's own host.
    intents = after_poll(DUE, failed(503, "60"), NOW, BOUNDS, no_jitter)
    assert intents.hold is not None
    assert intents.hold.host == "news.example"


def test_no_hold_without_retry_after_or_for_other_statuses() -> None:
    assert after_poll(DUE, failed(503), NOW, BOUNDS, no_jitter).hold is None
    assert after_poll(DUE, failed(500, "60"), NOW, BOUNDS, no_jitter).hold is None


def test_a_permanent_redirect_moves_the_feed_whatever_the_outcome() -> None:
    moved = "https://news.example/rss"
    assert after_poll(DUE, ok(permanent_url=moved), NOW, BOUNDS, no_jitter).move_to == moved
    assert after_poll(DUE, ok(permanent_url=SOURCE.url), NOW, BOUNDS, no_jitter).move_to is None


def test_a_304_keeps_the_hints_of_the_last_full_copy() -> None:
    due = DueFeed(SOURCE, SOURCE.url, CacheInfo(), feed_id=7, ttl_seconds=7200)
    intents = after_poll(due, ok(), NOW, BOUNDS, no_jitter)
    assert (intents.next_poll.at, intents.next_poll.reason) == (NOW + timedelta(hours=2), "ttl")


def test_new_entries_measure_the_rhythm_again_and_keep_it() -> None:
    daily = [NOW - timedelta(days=n) for n in range(5)]
    parsed = ParsedFeed("News", None, ())
    intents = after_poll(DUE, ok(parsed), NOW, BOUNDS, no_jitter, published=daily)
    assert intents.rhythm is not None
    assert (intents.rhythm.typical_gap, intents.rhythm.newest) == (86400, NOW)
    assert intents.next_poll.reason == "adaptive"
    # No new entries: nothing to write back, the stored rhythm still counts.
    due = DueFeed(SOURCE, SOURCE.url, CacheInfo(), typical_gap=86400, newest_published=NOW)
    intents = after_poll(due, ok(parsed), NOW, BOUNDS, no_jitter)
    assert intents.rhythm is None
    assert intents.next_poll.reason == "adaptive"


def test_page_hold() -> None:
    hold = page_hold("a.example", 429, "30", NOW, 86400)
    assert hold is not None
    assert hold.until == NOW + timedelta(seconds=30)
    assert "article page" in hold.reason
    assert page_hold("a.example", 429, None, NOW, 86400) is None
    assert page_hold("a.example", 404, "30", NOW, 86400) is None


def test_a_shorter_interval_takes_effect_at_once() -> None:
    polled = NOW - timedelta(minutes=20)
    planned = NextPoll(polled + timedelta(hours=1), "interval")
    assert on_new_interval(900, polled, planned) == polled + timedelta(minutes=15)
    # A longer one waits for the poll already planned; so does a back-off or a ttl.
    assert on_new_interval(7200, polled, planned) is None
    assert on_new_interval(900, polled, NextPoll(planned.at, "backoff")) is None
    assert on_new_interval(900, None, None) is None
