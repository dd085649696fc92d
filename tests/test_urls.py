"""Canonical URLs (dedup level 1): the same article address, however it is dressed."""

from __future__ import annotations

import pytest

from aggregator.urls import canonical_url

CANONICAL = "https://www.dawn.com/news/1850000/us-condemns-attacks"


@pytest.mark.parametrize(
    "variant",
    [
        CANONICAL,
        "HTTPS://WWW.DAWN.COM/news/1850000/us-condemns-attacks",
        "https://www.dawn.com:443/news/1850000/us-condemns-attacks",
        "https://www.dawn.com/news/1850000/us-condemns-attacks#comments",
        "https://www.dawn.com/news/1850000/us-condemns-attacks?utm_source=rss&utm_medium=feed",
        "https://www.dawn.com/news/1850000/us-condemns-attacks?fbclid=IwAR0abc",
        "https://www.dawn.com/news/1850000/us-condemns-attacks?gclid=x&mc_cid=1&mc_eid=2",
        "https://www.dawn.com/news/1850000/us-condemns-attacks?_hsenc=p2&_hsmi=9",
        "https://www.dawn.com/news/1850000/us-condemns-attacks?ref=homepage",
        "https://www.dawn.com/news/./1850000/us-condemns-attacks",
        "https://www.dawn.com/news/x/../1850000/us-condemns-attacks",
        "  https://www.dawn.com/news/1850000/us-condemns-attacks?  ",
    ],
)
def test_variants_of_one_address_are_one(variant: str) -> None:
    assert canonical_url(variant) == CANONICAL


def test_what_identifies_an_article_stays() -> None:
    # Query parameters that choose the content, sorted; path case; trailing slash.
    assert canonical_url("http://Example.com:80/Story?id=5&page=2&utm_term=a") == (
        "http://example.com/Story?id=5&page=2"
    )
    assert canonical_url("https://example.com/a?b=2&a=1") == "https://example.com/a?a=1&b=2"
    assert canonical_url("https://example.com/Story/") == "https://example.com/Story/"
    assert canonical_url("https://example.com/a") != canonical_url("https://example.com/b")
    assert canonical_url("https://example.com") == "https://example.com/"


def test_other_text_is_left_alone() -> None:
    for text in ("urn:uuid:1234", "tag:example.com,2026:story-1", "mailto:a@b.c", "story-1"):
        assert canonical_url(text) == text


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dawn.com/news/1850000/us-condemns-attacks",
        "https://www.dawn.com/news/1850000/us-condemns-attacks/",
        "https://example.com",
        "http://example.com/",
        "https://example.com/Path/With_Case~and.dots-and,commas:colons=equals!bang",
        "https://example.com/already%20quoted/%7Euser",
        "https://example.com//double//slashes",
        "https://example.com/a/./b",
        "https://example.com/a/../b",
        "https://example.com/a/..",
        "https://example.com/.well-known/x",
        "https://example.com/../up",
        "https://xn--bcher-kva.example/story",
        "https://example.com:8080/story",
        "https://user@example.com/story",
        "https://Example.com/story",
        "https://example.com/story?id=1",
        "https://example.com/story#part",
        "https://example.com/it's(1)*+;@$&",
        "https://example.com/caf\u00e9",
        "https://example.com/story ",
    ],
)
def test_an_address_canonical_already_is_told_without_normalising(url: str) -> None:
    """canonical_url's shortcut for addresses that are canonical already gives what
    normalising them does (courlan and the rules on top), and only for those."""
    from aggregator.urls import _normalized

    assert canonical_url.__wrapped__(url) == _normalized(url)
