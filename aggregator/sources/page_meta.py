"""What an article page declares about itself, beside its text: <link rel=canonical>,
OpenGraph and article:* meta tags, <html lang>, schema.org JSON-LD (its headline,
author, dates and articleBody) and a byline in the markup. Pure: parsed HTML in,
values out."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

# The schema.org types whose JSON-LD describes the article itself.
_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "socialmediaposting",
    "liveblogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "report",
}


@dataclass(frozen=True)
class Meta:
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    body: str | None = None  # JSON-LD articleBody


def page_metadata(tree: lxml.html.HtmlElement, base: str) -> Meta:
    """What the page declares about itself: <link rel=canonical>, OpenGraph, article:*
    meta tags, <html lang> and schema.org JSON-LD."""
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        value = (element.get("content") or "").strip()
        if key and value:
            metas.setdefault(key, value)
    canonical = None
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            canonical = element.get("href")
            break
    ld = list(_ld_articles(tree))
    ld_first = ld[0] if ld else {}
    language = tree.get("lang") or metas.get("og:locale") or metas.get("content-language")
    return Meta(
        title=_text(ld_first.get("headline")) or metas.get("og:title"),
        author=_ld_author(ld_first.get("author")) or metas.get("author") or metas.get("dc.creator"),
        published=as_datetime(metas.get("article:published_time"))
        or as_datetime(_text(ld_first.get("datePublished")))
        or _first_time(tree),
        language=_language(language),
        canonical_url=_absolute(canonical, base) or _absolute(metas.get("og:url"), base),
        image=_absolute(metas.get("og:image"), base),
        body=next((b for a in ld if (b := _paragraphs(a.get("articleBody")))), None),
    )


_BYLINE_CLASS = re.compile(r"author|auteur|autor|byline", re.IGNORECASE)
_BYLINE_PREFIX = re.compile(r"^(by|par|von|por|di|door|av|از)\s+", re.IGNORECASE)


def byline(tree: lxml.html.HtmlElement) -> str | None:
    """A visible byline ("By …", "Par …") in an element marked as one, for pages whose
    metadata names no author."""
    for element in tree.iter(etree.Element):  # elements only, not comments
        marks = " ".join(element.get(name) or "" for name in ("class", "rel", "itemprop"))
        if not _BYLINE_CLASS.search(marks):
            continue
        name = _BYLINE_PREFIX.sub("", " ".join(element.text_content().split()))
        if name and len(name.split()) <= 5 and not any(c.isdigit() for c in name):
            return name
    return None


def _ld_articles(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
            found = list(_ld_walk(data))
        except (ValueError, RecursionError):
            continue  # broken or absurdly nested JSON-LD: it is only evidence
        yield from found


def _ld_walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_walk(item)
    elif isinstance(data, dict):
        kinds = data.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            yield data
        yield from _ld_walk(data.get("@graph"))


def _ld_author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for item in value if (name := _ld_author(item))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _paragraphs(value: Any) -> str | None:
    """Text with its line breaks kept (one paragraph per line) and spaces normalised."""
    if not isinstance(value, str):
        return None
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line) or None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def as_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # no zone given: read as UTC
    return parsed.astimezone(UTC)


def _first_time(tree: lxml.html.HtmlElement) -> datetime | None:
    for element in tree.iter("time"):
        if parsed := as_datetime(element.get("datetime")):
            return parsed
    return None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _absolute(url: str | None, base: str) -> str | None:
    if not url:
        return None
    resolved = urljoin(base, url.strip())
    return resolved if urlsplit(resolved).scheme in ("http", "https") else None
