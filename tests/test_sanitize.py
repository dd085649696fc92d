"""Feed HTML made safe: links resolved, unsafe markup dropped; plain text the same
whichever way it goes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aggregator.sources.sanitize import _through_lxml, sanitize_html

BASE = "https://news.example/world/"


def test_markup_is_cleaned_and_its_links_resolved() -> None:
    html = '<p>Read <a href="/story/1">more</a><script>alert(1)</script> &amp; more</p>'
    cleaned = sanitize_html(html, BASE)
    assert "<script" not in cleaned
    assert "alert" not in cleaned
    assert 'href="https://news.example/story/1"' in cleaned
    assert "&amp; more" in cleaned


@settings(max_examples=500)
@given(st.text())
def test_plain_text_comes_out_as_through_the_html_parser(text: str) -> None:
    # Text without markup skips lxml; it must come out as it would through it
    # (whitespace-only, NUL and entities go the long way).
    assert sanitize_html(text, BASE) == _through_lxml(text, BASE)


def test_plain_text_is_escaped_as_html() -> None:
    assert sanitize_html('Prices rose > 5% "sharply"', BASE) == 'Prices rose &gt; 5% "sharply"'
