"""Article extraction on its own (no network): the corpus in tests/data/articles, whose
pages were written for this with heavy furniture, and the ways a page is refused."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from aggregator.errors import ExtractError
from aggregator.sources.extract import extract_article, extract_or_failure, is_html, skip_reason
from aggregator.types import Failure, Page, RawEntry

from .conftest import DATA

CORPUS = DATA / "articles"
TRUTH: dict[str, dict[str, Any]] = json.loads((CORPUS / "ground_truth.json").read_text("utf-8"))


def corpus_page(name: str) -> bytes:
    path = CORPUS / f"{name}.html"
    return path.read_bytes() if path.exists() else gzip.decompress(Path(f"{path}.gz").read_bytes())


def shingles(text: str) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))


def page(body: bytes | str, content_type: str | None = "text/html") -> Page:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Page("https://news.example/a", "https://news.example/a", data, content_type)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_corpus_page_text_and_metadata(name: str) -> None:
    truth = TRUTH[name]
    article = extract_article(page(corpus_page(name)))
    want, got = shingles(truth["articleBody"]), shingles(article.text)
    matched = sum((want & got).values())
    precision, recall = matched / sum(got.values()), matched / sum(want.values())
    # Every paragraph kept, nearly nothing else (no menus, related stories, comment
    # forms, share bars, newsletter or paywall boxes, footers).
    assert recall >= 0.99, (name, recall)
    assert precision >= 0.95, (name, precision, article.text)
    # The paragraphs stay paragraphs, in their order.
    lines = article.text.split("\n")
    expected = [line for line in truth["articleBody"].split("\n") if line in lines]
    assert len(expected) >= 0.9 * len(truth["articleBody"].split("\n")), name
    assert expected == [line for line in lines if line in expected]
    assert article.title == truth["title"]
    assert article.author == truth["author"]
    assert article.canonical_url == truth["canonical"]
    assert article.language == truth["language"]
    published = article.published.date().isoformat() if article.published else None
    assert published == truth["date"]
    assert article.extractor.startswith("trafilatura ")


def test_the_publishers_article_body_wins_over_a_misread_layout() -> None:
    # A table layout: trafilatura keeps the whole table (menus, poll, related news);
    # the page's JSON-LD articleBody holds the article and nothing else.
    article = extract_article(page(corpus_page("jsonld_table_layout")))
    assert article.text == TRUTH["jsonld_table_layout"]["articleBody"]
    assert "Should school summer holidays start earlier" not in article.text


BOILERPLATE_ONLY = """<html><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<footer>Copyright 2026. All rights reserved.</footer></body></html>"""

PAYWALL = """<html><head><title>Budget talks | Paper</title></head><body><article>
<h1>Budget talks</h1><p>The finance minister met the lenders on Monday in Islamabad to
discuss the budget for next year and the targets agreed last spring.</p>
<div class="wall"><p>Subscribe to continue reading. Already a subscriber? Log in.</p></div>
</article></body></html>"""


def article_html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"


LONG = [
    f"Paragraph {n} of the report describes what the commission found in the district, "
    f"which roads were closed, who was interviewed and what the officials promised to do."
    for n in range(6)
]


@pytest.mark.parametrize(
    ("body", "content_type", "feed_text", "kind"),
    [
        (BOILERPLATE_ONLY, "text/html", "", "empty"),
        (PAYWALL, "text/html", "", "paywall"),
        (b"%PDF-1.7 binary", "application/pdf", "", "not-html"),
        (b'{"a": 1}', "application/json", "", "not-html"),
        (article_html(LONG), "text/html", " ".join(LONG * 3), "shorter"),
    ],
)
def test_refused_pages(body: Any, content_type: str, feed_text: str, kind: str) -> None:
    with pytest.raises(ExtractError) as caught:
        extract_article(page(body, content_type), feed_text)
    assert caught.value.kind == kind
    assert str(caught.value)
    # As data, what an extraction process hands back:
    failure = extract_or_failure(page(body, content_type), feed_text)
    assert failure == Failure(kind, str(caught.value))


def test_charset_from_the_content_type_header() -> None:
    paragraphs = [
        f"Правительство объявило {n}-й пакет мер поддержки фермеров в засушливых районах, "
        f"сообщили в министерстве сельского хозяйства во вторник."
        for n in range(1, 7)
    ]
    html = article_html(paragraphs)
    article = extract_article(page(html.encode("cp1251"), "text/html; charset=windows-1251"))
    assert article.text == "\n".join(paragraphs)


def test_html_is_sniffed_when_the_type_is_missing_or_vague() -> None:
    assert is_html(None, b"<!DOCTYPE html><html><body></body></html>")
    assert is_html("application/octet-stream", b"  <html lang='en'>")
    assert is_html("text/html; charset=utf-8", b"")
    assert not is_html("image/png", b"<html>")
    assert not is_html(None, b"%PDF-1.7")


def entry(content: str | None, url: str | None = "https://news.example/a") -> RawEntry:
    return RawEntry(
        guid=url,
        url=url,
        title="T",
        summary="S",
        content=content,
        content_text=content or "S",
        author=None,
        published=None,
        updated=None,
    )


def test_which_pages_are_fetched() -> None:
    full = " ".join(["word"] * 300)
    assert skip_reason(entry(None), "auto", 250) is None  # a summary only
    assert skip_reason(entry("<p>short</p>"), "auto", 250) is None
    assert "full text (300 words)" in (skip_reason(entry(full), "auto", 250) or "")
    assert skip_reason(entry(full + " Continue reading…"), "auto", 250) is None
    assert skip_reason(entry(full + " […]"), "auto", 250) is None
    assert skip_reason(entry(full), "always", 250) is None
    assert skip_reason(entry(None), "never", 250) == "full_text: never"
    assert skip_reason(entry(None, url=None), "always", 250) == "no http(s) link"
    assert skip_reason(entry(None, url="mailto:a@b.c"), "always", 250) == "no http(s) link"


def test_a_teaser_article_body_does_not_replace_the_article() -> None:
    # Some publishers put only the first paragraphs in JSON-LD articleBody.
    teaser = " ".join(LONG[:2])
    ld = json.dumps({"@type": "NewsArticle", "headline": "T", "articleBody": teaser})
    html = article_html(LONG).replace(
        "</head>", f'<script type="application/ld+json">{ld}</script></head>'
    )
    article = extract_article(page(html))
    assert article.text == "\n".join(LONG)


def test_control_characters_and_absurd_json_ld_are_harmless() -> None:
    # A NUL would not store on PostgreSQL; JSON nested beyond Python's recursion
    # limit must not fail the page (JSON-LD is only evidence).
    ld = json.dumps({"@type": "NewsArticle", "headline": "Head\u0000line", "author": "A\u0001B"})
    deep = "[" * 100_000 + "]" * 100_000
    html = article_html(LONG).replace(
        "</head>",
        f'<script type="application/ld+json">{ld}</script>'
        f'<script type="application/ld+json">{deep}</script></head>',
    )
    article = extract_article(page(html))
    assert article.text == "\n".join(LONG)
    assert article.author == "AB"
    for value in (article.text, article.title, article.author):
        assert value is None or not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", value)
