"""The pure plan of a feed's entries: new, edited, re-published under a new key."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from aggregator.domain.identity import (
    Edit,
    FeedState,
    Known,
    Stored,
    entry_key,
    listed,
    plan,
)
from aggregator.types import RawEntry
from aggregator.urls import canonical_url

WHEN = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
TEXT = (
    "The city council approved the new budget on Tuesday after a long debate about "
    "transport, schools and the cost of housing in the northern districts of the city."
)


def entry(guid: str, title: str = "Budget passes", url: str | None = None) -> RawEntry:
    return RawEntry(
        guid=guid,
        url=url or f"https://city.example/news/{guid}",
        title=title,
        summary=TEXT,
        content=None,
        content_text=TEXT,
        author=None,
        published=WHEN,
        updated=None,
    )


def stored(e: RawEntry, entry_id: int) -> Stored:
    return Stored(entry_id, e.content_hash, e.url)


def known(e: RawEntry, entry_id: int) -> Known:
    url = canonical_url(e.url) if e.url else None
    return Known(
        entry_id, url, e.title or "", e.content_text, e.published, entry_key(e), stored(e, entry_id)
    )


def test_new_unchanged_and_edited_entries() -> None:
    same, edited, moved, fresh = entry("a"), entry("b"), entry("c"), entry("d")
    by_key = listed(
        [
            same,
            entry("b", title="Budget passes, at last"),
            entry("c", url="https://city.example/x"),
            fresh,
        ]
    )
    state = FeedState({"a": stored(same, 1), "b": stored(edited, 2), "c": stored(moved, 3)})
    result = plan(by_key, state)
    assert result.new == ["d"]
    assert result.edits == [Edit(2, "b", page_moved=False), Edit(3, "c", page_moved=True)]


def test_an_entry_listed_twice_counts_once_the_first_wins() -> None:
    by_key = listed([entry("a", title="Newest"), entry("a", title="Older")])
    assert list(by_key) == ["a"]
    assert by_key["a"].title == "Newest"


def test_buried_keys_stay_deleted() -> None:
    by_key = listed([entry("a"), entry("b")])
    assert plan(by_key, FeedState({}, buried={"a"})).new == ["b"]


def test_a_re_published_entry_takes_its_new_key() -> None:
    old = entry("old-guid", url="https://city.example/news/budget")
    again = entry("new-guid", title="Budget passes, at last", url=old.url)
    state = FeedState({}, candidates=[known(old, 9)])
    assert plan(listed([again]), state).edits == [Edit(9, "new-guid", page_moved=False)]
    # Without deduplication nobody looks: a second entry.
    assert plan(listed([again]), FeedState({})).new == ["new-guid"]


def test_an_entry_the_feed_still_lists_is_not_re_published() -> None:
    old = entry("old-guid", url="https://city.example/news/budget")
    twin = entry("new-guid", url=old.url)
    state = FeedState({"old-guid": stored(old, 9)}, candidates=[known(old, 9)])
    assert plan(listed([old, twin]), state).new == ["new-guid"]


def test_one_known_entry_is_taken_once() -> None:
    old = entry("old", url="https://city.example/news/budget")
    first = entry("n1", url="https://city.example/news/budget?utm_source=a")
    second = entry("n2", url="https://city.example/news/budget?utm_source=b")
    result = plan(listed([first, second]), FeedState({}, candidates=[known(old, 9)]))
    # n1 takes the stored entry (its content changed: the link did); n2 is new.
    assert result.edits == [Edit(9, "n1", page_moved=True)]
    assert result.new == ["n2"]


def test_content_hashes_and_text_keys_stay_those_already_stored() -> None:
    # The values stored databases hold (as versions before this one worked them out):
    # a different digest would read every stored entry as edited at the next poll.
    dated = RawEntry(
        "urn:1",
        "https://city.example/a",
        "Bridge reopens",
        "<p>It reopened.</p>",
        None,
        "It reopened.",
        "Ana",
        datetime(2024, 8, 27, 9, 0, tzinfo=UTC),
        datetime(2024, 8, 27, 10, 30, 5, 120000, tzinfo=UTC),
    )
    bare = RawEntry(None, None, "Só título", None, None, "", None, None, None)
    assert dated.content_hash == "bfe5ed66638df6dfdefe1ca31897610bb2638463d8462694b786ff89db4e20ea"
    assert bare.content_hash == "2244f15317c6d8912de2ec5cc3e344b55bcb1fc90f7ed16229f7ee5f787be412"
    assert entry_key(bare) == (
        "sha256:84473bb13f9904be64af364f5562d9916021e0c84097bb1cd737724398be5066"
    )
    # Anything a reader sees changes it.
    assert dataclasses.replace(dated, author="Bo").content_hash != dated.content_hash
    assert dataclasses.replace(dated, updated=None).content_hash != dated.content_hash
