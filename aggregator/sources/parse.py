"""Feed bytes and headers → ParsedFeed. No network, no database.

RSS 0.9x/1.0 (RDF)/2.0 and Atom go through feedparser, which is given the downloaded
bytes and the response headers (so a charset in Content-Type counts), never a URL.
JSON Feed is recognised by content, not only by Content-Type, and read by jsonfeed.py.
"""

from __future__ import annotations

import calendar
import copy
import dataclasses
import functools
import io
import re
import time
from datetime import UTC, datetime
from typing import Any

import feedparser
import feedparser.mixin

from ..errors import FeedError, ParseError
from ..text import html_to_text, without_control
from ..types import Failure, Fetched, ParsedFeed, RawEntry
from .jsonfeed import looks_like_json, parse_json_feed
from .sanitize import sanitize_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _remember_bases() -> None:
    """feedparser works out its base URI again at every element's start tag, as
    make_safe_absolute_uri(base, the element's xml:base or base), a urljoin, though
    the answer changes only where a document says xml:base: a fifth of parsing a
    feed that has a Content-Location (every feed here: see parse_feed). The function
    is pure (strings in, a string out), so its answers are remembered; feedparser
    gives the same results, sooner (benchmarks/parse_throughput.py). Left alone in a
    feedparser without it."""
    found = getattr(feedparser.mixin, "make_safe_absolute_uri", None)
    if callable(found) and not hasattr(found, "cache_info"):
        feedparser.mixin.make_safe_absolute_uri = functools.lru_cache(maxsize=1024)(found)


_remember_bases()


# An absolute http(s) address with no query, fragment, parameters, white space or
# control characters: what urljoin gives back as it is, whatever the base. Wider than
# urls._PLAIN on purpose: urljoin keeps upper case, ports, empty and dot segments,
# which canonical_url's normalisation changes.
_ABSOLUTE = re.compile(r"https?://[^\x00-\x20/?#;\\]+(?:/[^\x00-\x20?#;\\]*)?")


def _join_absolute_directly() -> None:
    """feedparser resolves every entry's link and permalink GUID against the base URI
    with urllib's urljoin (after a regular expression), though nearly all of them are
    absolute already, which urljoin gives back unchanged: a tenth of parsing a feed.
    Such an address is now told by one regular expression and given back as it is;
    any other goes to feedparser's own join (tested: the same results). Left alone in
    a feedparser without it."""
    joined = getattr(feedparser.mixin, "_urljoin", None)
    if not callable(joined) or getattr(joined, "__wrapped__", None) is not None:
        return

    @functools.wraps(joined)
    def join(base: str, uri: str) -> str:
        if _ABSOLUTE.fullmatch(uri):
            return uri
        return str(joined(base, uri))

    feedparser.mixin._urljoin = join


_join_absolute_directly()


class _FlatCopies:
    """What feedparser.mixin sees as its ``copy`` module. It deep-copies an element's
    content parameters (type, language, base: a flat dict of strings) for every
    title, summary and content it pops, through copy.deepcopy's generic machinery:
    about a tenth of parsing a feed. A copy of a flat dict of immutable values is a deep
    copy, made directly; anything else goes to copy.deepcopy, and every other name
    to the copy module itself."""

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        if type(value) is not feedparser.FeedParserDict:
            return copy.deepcopy(value, memo)
        for item in value.values():
            if type(item) not in _IMMUTABLE:
                return copy.deepcopy(value, memo)
        return feedparser.FeedParserDict(value)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _copy_flat_dicts() -> None:
    """Install _FlatCopies where feedparser.mixin uses the copy module (left alone in
    a feedparser without it, or without FeedParserDict where it is looked for)."""
    if getattr(feedparser.mixin, "copy", None) is copy and hasattr(feedparser, "FeedParserDict"):
        feedparser.mixin.copy = _FlatCopies()


_copy_flat_dicts()


def parse_or_failure(fetched: Fetched, base_url: str | None = None) -> ParsedFeed | Failure:
    """``parse_feed``, its failure as data: what a parser process hands back."""
    try:
        return parse_feed(fetched, base_url)
    except FeedError as e:
        return e.failure()


def parse_feed(fetched: Fetched, base_url: str | None = None) -> ParsedFeed:
    """Parse a downloaded feed.

    Relative URLs in the feed resolve against ``base_url`` (default: the URL asked
    for), not against where a redirect ended: feedparser resolves permalink GUIDs too,
    and an entry's identity must not change when its feed starts redirecting.

    A document that is malformed but from which feedparser's lenient parser recovers
    entries is accepted: the entries that have a GUID or link are kept, and the
    problem is reported in ``ParsedFeed.warning``.

    Raises:
        ParseError: the body is not a feed (an HTML page, empty, unrecoverable XML,
            JSON that is not a JSON Feed).
    """
    content = fetched.content
    if not content.strip():
        raise ParseError(fetched.url, "empty response body")
    content_type = fetched.headers.get("content-type", "").split(";")[0].strip().lower()
    # The body decides; the Content-Type only breaks a tie (servers mislabel feeds).
    first = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if looks_like_json(content) or (
        first != b"<" and content_type in ("application/feed+json", "application/json")
    ):
        return _scrub(parse_json_feed(fetched.url, content, sanitize_html))
    check_xml_safety(fetched.url, content)

    headers = dict(fetched.headers)
    headers["content-location"] = base_url or fetched.url
    # feedparser's own sanitiser and link resolver walk every fragment with its
    # pure-Python SGML parser: a third of its time (measured: 2,950 -> 4,270 entries
    # a second without them). The fragments get the same treatment from
    # sanitize_html (lxml resolves the links, nh3 keeps only safe markup) in _html.
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )

    problem = _problem(parsed)
    if not parsed.get("version"):
        if content_type in _HTML_TYPES or content.lstrip()[:15].lower().startswith(
            (b"<!doctype html", b"<html")
        ):
            raise ParseError(fetched.url, "not a feed: the server returned an HTML page")
        raise ParseError(fetched.url, f"not a feed: {problem or 'no RSS, Atom or RDF root'}")

    base = base_url or fetched.url
    entries = [_entry(raw, base) for raw in parsed.entries]
    warning = None
    if problem and parsed.get("bozo"):
        # Keep only entries we can identify: an entry cut off mid-document would
        # otherwise be stored under a hash key and stored again once the feed is fixed.
        entries = [e for e in entries if e.guid or e.url]
        if not entries:
            raise ParseError(fetched.url, f"malformed feed: {problem}")
        warning = f"malformed feed, {len(entries)} entries recovered: {problem}"
    feed = parsed.feed
    return _scrub(
        ParsedFeed(
            title=_title(feed),
            link=_clean(feed.get("link")),
            entries=tuple(entries),
            warning=warning,
            ttl_seconds=_minutes(feed.get("ttl")),
            syndication_seconds=_syndication(
                feed.get("sy_updateperiod"), feed.get("sy_updatefrequency")
            ),
        )
    )


# A DOCTYPE may name a DTD (RSS 0.91 does) but must not declare entities: that is how
# "billion laughs" and external-entity (XXE) attacks start, and no real feed needs it.
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def check_xml_safety(url: str, content: bytes) -> None:
    """Refuse XML that declares entities, before any XML parser sees it.

    Raises:
        ParseError: the document has an <!ENTITY declaration.
    """
    head = content[:65536]
    # UTF-16/32 documents: look at the text, not the bytes.
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00<\x00" in head[:8]:
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    if b"<!DOCTYPE" in head.upper() and _ENTITY.search(head):
        raise ParseError(url, "refused: the XML declares entities (<!ENTITY>), a known attack")


# sy:updatePeriod → seconds (RSS 1.0 Syndication module).
_SY_PERIODS = {
    "hourly": 3600,
    "daily": 86400,
    "weekly": 7 * 86400,
    "monthly": 30 * 86400,
    "yearly": 365 * 86400,
}


def _minutes(value: Any) -> int | None:
    """RSS <ttl>: minutes to cache the feed."""
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if 0 < minutes < 10**7 else None


def _syndication(period: Any, frequency: Any) -> int | None:
    """sy:updatePeriod / sy:updateFrequency: how often the feed says it changes."""
    seconds = _SY_PERIODS.get(str(period).strip().lower()) if period else None
    if seconds is None:
        return None
    try:
        times = int(str(frequency).strip()) if frequency else 1
    except ValueError:
        times = 1
    return seconds // max(times, 1)


def _scrub(parsed: ParsedFeed) -> ParsedFeed:
    """Drop control characters (NUL above all): PostgreSQL refuses them in text."""
    entries = tuple(without_control(entry) for entry in parsed.entries)
    return dataclasses.replace(without_control(parsed), entries=entries)


def _problem(parsed: Any) -> str | None:
    """What feedparser's bozo flag is about, or None for harmless encoding notes."""
    if not parsed.get("bozo"):
        return None
    error = parsed.get("bozo_exception")
    # The declared encoding was wrong or missing but the document decoded fine with
    # another one: that is feedparser doing its job, not a broken feed.
    if isinstance(
        error,
        (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType),
    ):
        return None
    message = getattr(error, "getMessage", lambda: str(error))()
    line = getattr(error, "getLineNumber", lambda: None)()
    return f"{message} (line {line})" if line else str(message)


# Entries (and their details) read as plain dicts, under the names feedparser stores
# them by: FeedParserDict's own lookup (aliases such as `guid` -> `id`, and `updated*`
# falling back to `published*`, which `updated_parsed` must not) was a sixth of the
# time of reading an entry (28.7 -> 23.6 us an entry of the poll benchmark's feeds).
_get = dict.get


def _entry(raw: Any, base: str) -> RawEntry:
    content = _best_content(_get(raw, "content") or [], base)
    summary = _html(_get(raw, "summary"), _get(raw, "summary_detail"), base)
    if summary is not None and summary == content:
        summary = None  # feedparser copies content into summary when there is none
    return RawEntry(
        guid=_clean(_get(raw, "id")),
        url=_clean(_get(raw, "link")),
        title=_title(raw),
        summary=summary,
        content=content,
        content_text=html_to_text(content or summary),
        author=_clean(_get(raw, "author")),
        # An entry with only an update date (Atom <updated>, RDF dc:date) counts as
        # published then. (FeedParserDict.get would answer `updated` with the
        # published date.)
        published=_utc(_get(raw, "published_parsed") or _get(raw, "updated_parsed")),
        updated=_utc(_get(raw, "updated_parsed")),
    )


def _title(raw: Any) -> str | None:
    # Titles are stored as plain text; Atom allows type="html" titles.
    title = _clean(_get(raw, "title"))
    detail = _get(raw, "title_detail") or {}
    if title and _get(detail, "type") in ("text/html", "application/xhtml+xml"):
        return html_to_text(title) or None
    return title


def _best_content(contents: list[Any], base: str) -> str | None:
    # Atom and content:encoded may carry several versions; prefer HTML, then the longest.
    candidates = [
        (_get(c, "type", "") in _HTML_TYPES, len(_get(c, "value", "")), c)
        for c in contents
        if _get(c, "value")
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda t: (t[0], t[1]))[2]
    return _html(_get(best, "value"), best, base)


def _html(value: Any, detail: Any, base: str) -> str | None:
    """A fragment as stored: HTML (by its declared type) made safe, its links
    resolved against its xml:base, else the feed's address; other text as it is."""
    text = _clean(value)
    detail = detail or {}
    if text is None or _get(detail, "type") not in _HTML_TYPES:
        return text
    where: str = _get(detail, "base") or base
    return _clean(sanitize_html(text, where))


def _utc(parsed: time.struct_time | None) -> datetime | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _clean(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
