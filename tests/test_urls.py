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
