"""OPML subscription lists in and out: bytes to feeds and feeds to bytes. Pure: no files.

Reading accepts OPML 1.0 and 2.0 as feed readers really export it (Feedly, Inoreader,
Miniflux, FreshRSS, NetNewsWire):

* A feed is any ``<outline>`` with an ``xmlUrl`` attribute; attribute names are matched
  case-insensitively because some exporters write ``xmlurl``.
* Its title is ``title``, else ``text``. A ``text`` equal to the URL is no title: that is
  what ``write_opml`` writes for a feed without one (OPML 2.0 requires ``text``).
* Its tags are the titles of the folders around it (outlines without ``xmlUrl``), outer
  first, then the parts of its ``category`` attribute. OPML 2.0 defines ``category`` as
  comma-separated, slash-delimited paths (``/Harvard/Berkman,/Politics``); every part of
  a path becomes a tag, so ``category="/world/asia"`` and folders World > Asia give the
  same tags. Tags are what a user would type (see ``tag_of``): ``Tech & Science`` →
  ``tech-science``, ``Новости мира`` → ``новости-мира``.
* Outlines whose ``xmlUrl`` is not an absolute http(s) URL, ``type="rss"`` outlines
  without one, and repeats of a URL already seen (compared with ``url_key``) are skipped
  and reported in ``OpmlDocument.skipped``; the first occurrence wins.

Hostile input: the parser never resolves entities or touches the network, and a file
that declares entities is refused outright, since no exporter writes one (billion
laughs, external entities; see the CommaFeed advisory GHSA-83jp-rww3-57rr).

Writing produces OPML 2.0 (http://opml.org/spec2.opml) as one flat list whose
``category`` attributes carry the tags, so write → read gives back the same URL, title
and tags, for tags already in that form and titles without surrounding whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from ..errors import ConfigError

SPEC = "http://opml.org/spec2.opml"

# Characters XML 1.0 cannot carry at all (§2.2 Char); lxml refuses them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class OpmlError(ConfigError):
    """The input is not an OPML document we can read (or is a hostile one)."""


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None
    tags: tuple[str, ...]
    html_url: str | None = None


@dataclass(frozen=True)
class SkippedOutline:
    """An outline that looked like a feed but was not imported."""

    where: str  # "FILE:LINE", the line where its start tag ends (libxml2 counts so)
    text: str | None
    url: str | None  # its xmlUrl, as written
    reason: str


@dataclass(frozen=True)
class OpmlDocument:
    feeds: tuple[OpmlFeed, ...]
    skipped: tuple[SkippedOutline, ...]


def url_key(url: str) -> str:
    """The spelling under which two feed URLs count as the same subscription.

    Deliberately conservative: only differences that RFC 3986 §6.2.2-6.2.3 calls
    equivalent are removed (scheme and host case, a default port, an empty path) plus
    the fragment, which never reaches the server. Trailing slashes, ``www.``, http vs
    https and the query all stay, because servers may answer them differently.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname  # lower-cased by urlsplit
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def parse_opml(data: bytes, where: str) -> OpmlDocument:
    """The feeds of an OPML file and the outlines skipped; see the module docstring.

    Raises:
        OpmlError: the input is not XML, not OPML, or declares entities.
    """
    body = _body(data, where)
    feeds: list[OpmlFeed] = []
    skipped: list[SkippedOutline] = []
    first_line: dict[str, int] = {}
    for outline, attrs, folders in _outlines(body):
        at = f"{where}:{outline.sourceline}"
        text = _title(attrs)
        raw_url = attrs.get("xmlurl")
        if raw_url is None:
            # A folder, or an empty one; only an outline that says it is a feed is news.
            if not _children(outline) and attrs.get("type", "").lower() in ("rss", "atom"):
                skipped.append(SkippedOutline(at, text, None, "no xmlUrl"))
            continue
        url = raw_url.strip()
        if not _is_http(url):
            skipped.append(SkippedOutline(at, text, raw_url, "not an absolute http(s) URL"))
            continue
        key = url_key(url)
        if key in first_line:
            reason = f"duplicate of the feed on line {first_line[key]}"
            skipped.append(SkippedOutline(at, text, raw_url, reason))
            continue
        first_line[key] = outline.sourceline or 0
        title = None if text is None or text == url else text
        tags = [*folders, *_category_tags(attrs.get("category", ""))]
        html_url = (attrs.get("htmlurl") or "").strip() or None
        feeds.append(OpmlFeed(url, title, _unique(tags), html_url))
    return OpmlDocument(tuple(feeds), tuple(skipped))


def write_opml(feeds: Sequence[OpmlFeed], title: str, now: datetime) -> bytes:
    """An OPML 2.0 document listing ``feeds`` flat, their tags in ``category``.

    Characters XML cannot carry (control characters) are dropped from the text.

    Args:
        feeds: the feeds, in the order to list them.
        title: the document's ``<head><title>``.
        now: when the document is created; must be timezone-aware.

    Raises:
        ValueError: ``now`` is naive.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("write_opml needs a timezone-aware datetime")
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml(title)
    # OPML 2.0 §head: dateCreated is an RFC 822 date-time.
    etree.SubElement(head, "dateCreated").text = format_datetime(now)
    etree.SubElement(head, "docs").text = SPEC
    body = etree.SubElement(root, "body")
    for feed in feeds:
        outline = etree.SubElement(body, "outline", type="rss")
        # `text` is required; a feed without a title shows its URL (read back as None).
        outline.set("text", _xml(feed.title or feed.url))
        if feed.title:
            outline.set("title", _xml(feed.title))
        outline.set("xmlUrl", _xml(feed.url))
        if feed.html_url:
            outline.set("htmlUrl", _xml(feed.html_url))
        if feed.tags:
            outline.set("category", _xml(",".join(feed.tags)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading ------------------------------------------------------------------------


def _body(data: bytes, where: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        # libxml2 also stops entity amplification here ("billion laughs").
        raise OpmlError(f"{where}: not an OPML file: invalid XML: {e}") from e
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise OpmlError(f"{where}: refused: the file declares XML entities, which OPML never needs")
    if _local(root) != "opml":
        raise OpmlError(f"{where}: not an OPML file: the root element is <{_local(root)}>")
    for child in root:
        if _local(child) == "body":
            return child
    raise OpmlError(f"{where}: not an OPML file: <opml> has no <body>")


def _outlines(
    body: etree._Element,
) -> Iterator[tuple[etree._Element, dict[str, str], list[str]]]:
    """Every outline in document order, with its attributes and its folders' tags."""
    stack = [(child, list[str]()) for child in reversed(_children(body))]
    while stack:
        element, folders = stack.pop()
        attrs = _attributes(element)
        yield element, attrs, folders
        name = _title(attrs)
        inner = [*folders, tag_of(name)] if "xmlurl" not in attrs and name else folders
        stack.extend((child, inner) for child in reversed(_children(element)))


def _children(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if _local(child) == "outline"]


def _attributes(element: etree._Element) -> dict[str, str]:
    # Lower-cased names: exporters disagree on xmlUrl/xmlurl, htmlUrl/htmlurl.
    out: dict[str, str] = {}
    for name, value in element.attrib.items():
        key = str(name)
        if not key.startswith("{"):  # namespaced attributes are someone else's
            out.setdefault(key.lower(), str(value))
    return out


def _title(attrs: dict[str, str]) -> str | None:
    for name in ("title", "text"):
        value = attrs.get(name, "").strip()
        if value:
            return value
    return None


def _category_tags(category: str) -> list[str]:
    return [
        tag_of(part) for path in category.split(",") for part in path.split("/") if part.strip()
    ]


def tag_of(name: str) -> str:
    """A folder or category name as a tag users would type: lower case, its words
    joined by ``-`` (``Tech & Science`` → ``tech-science``), letters, marks and digits
    of any script kept as they are (``Новости мира`` → ``новости-мира``), everything
    else a separator; "" when nothing is left."""
    # feeds.yaml tags are single words, each a folder of the merged feed (no "/", not
    # "." or ".."), and a comma would split one again on export: all separators here.
    text = unicodedata.normalize("NFKC", name).lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return "-".join(kept.split())


def _unique(tags: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _is_http(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)
    except ValueError:  # e.g. a malformed IPv6 literal
        return False


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return etree.QName(tag).localname.lower()


# --- writing ------------------------------------------------------------------------


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
