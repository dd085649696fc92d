"""A JSON Feed 1.0 / 1.1 reader (https://www.jsonfeed.org/version/1.1/).

feedparser has no JSON Feed support, so this follows the spec directly: a top-level
object whose ``version`` is a jsonfeed.org URL, with ``items``. Pure: bytes in,
ParsedFeed out. HTML in items is sanitised by the caller-supplied ``sanitize``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..errors import ParseError
from ..text import html_to_text
from ..types import ParsedFeed, RawEntry

VERSION_PREFIX = "https://jsonfeed.org/version/1"


def looks_like_json(content: bytes) -> bool:
    """Whether the body is JSON by its first character (servers mislabel feeds)."""
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_json_feed(url: str, content: bytes, sanitize: Callable[[str, str], str]) -> ParsedFeed:
    """Parse a JSON Feed document.

    Args:
        url: the feed URL, for error messages.
        content: the body; JSON is UTF-8 (RFC 8259 §8.1), a BOM is tolerated.
        sanitize: (html, base_url) -> safe html.

    Raises:
        ParseError: not JSON, or JSON that is not a JSON Feed.
    """
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise ParseError(url, f"JSON feed is not valid UTF-8 (byte {e.start})") from e
    except json.JSONDecodeError as e:
        raise ParseError(url, f"malformed JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
    except RecursionError as e:
        raise ParseError(url, "malformed JSON: nested too deeply") from e
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        VERSION_PREFIX
    ):
        raise ParseError(
            url, f"JSON document is not a JSON Feed (no 'version': {VERSION_PREFIX}.x)"
        )
    items = document.get("items")
    if not isinstance(items, list):
        raise ParseError(url, "JSON Feed has no 'items' list")

    base = _text(document.get("feed_url")) or url
    feed_authors = _authors(document)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue  # an item that is not an object carries nothing we can store
        entries.append(_entry(item, base, feed_authors, sanitize))
    return ParsedFeed(
        title=_text(document.get("title")),
        link=_text(document.get("home_page_url")),
        entries=tuple(entries),
    )


def _entry(
    item: dict[str, Any],
    base: str,
    feed_authors: str | None,
    sanitize: Callable[[str, str], str],
) -> RawEntry:
    # 1.0 allowed numeric ids; the spec says to treat them as strings.
    raw_id = item.get("id")
    guid = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else None
    url = _text(item.get("url")) or _text(item.get("external_url"))
    content_html = _text(item.get("content_html"))
    content_text = _text(item.get("content_text"))
    summary = _text(item.get("summary"))
    content = sanitize(content_html, base) if content_html else None
    if content is None and content_text:
        # Keep plain text as escaped HTML so `content` is always HTML.
        content = "".join(f"<p>{_escape(p)}</p>" for p in content_text.split("\n\n") if p)
    return RawEntry(
        guid=guid,
        url=url,
        title=_text(item.get("title")),
        summary=_escape(summary) if summary else None,
        content=content,
        content_text=content_text or html_to_text(content) or (summary or ""),
        author=_authors(item) or feed_authors,
        published=_date(item.get("date_published")),
        updated=_date(item.get("date_modified")),
    )


def _authors(obj: dict[str, Any]) -> str | None:
    # 1.1 has `authors` (a list); 1.0 had `author` (an object).
    people = obj.get("authors")
    if not isinstance(people, list):
        people = [obj.get("author")]
    names = [_text(p.get("name")) for p in people if isinstance(p, dict)]
    joined = ", ".join(n for n in names if n)
    return joined or None


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None  # a bad date is not worth losing the entry over
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # RFC 3339 requires an offset; assume UTC
    return moment.astimezone(UTC)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
