"""The merged feed as Atom 1.0, RSS 2.0 and JSON Feed 1.1. Pure: items in, bytes out.

One item per story: the representative's title and link, the start of its text, the
time the story first appeared and when it last changed, and every source: in the
content ("Also reported by"), and machine-readably (Atom ``link rel="related"``, RSS
``category`` per outlet, JSON Feed ``_aggregator.sources``). Item ids are tag: URIs
of the story id, so a reader shows a grown story as updated, not as new.

Every text that comes from a feed is escaped here, never passed through as markup:
the output carries no HTML of anyone else's (see sanitize.py for HTML that is kept).

Atom and RSS are written to pass the W3C feed validator (validator.w3.org/feed) with
no errors and no warnings, whatever the feeds held; tests/test_feed_rules.py checks
its rules one by one, under the names of its messages. What that takes here: titles
and names are one line of plain text (``_plain``); links are absolute http(s) URIs in
ASCII (``_link``); dates before 1990 are left out; and ``&`` and ``<`` are written as
hexadecimal character references (``_xml``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml.builder import ElementMaker

from .. import __version__
from ..types import FeedItem, FeedPart, SourceView

FORMATS = {"atom": "feed.atom", "rss": "feed.rss", "json": "feed.json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
# The same, as <link rel="alternate" type=...> announces a feed.
ALTERNATE_TYPES = {kind: media.split(";")[0] for kind, media in MEDIA_TYPES.items()}
GENERATOR = "aggregator"
GENERATOR_URL = "https://pypi.org/project/aggregator/"
ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"

# Characters XML 1.0 forbids (lxml refuses to write them: one in a headline would stop
# the export), C1 controls and U+FFFD (the validator's BadCharacters), surrogates and
# noncharacters (a strict HTML parser rejects them in content: NotHtml).
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffd-\uffff]"
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# What RFC 3986 allows in a URI besides letters and digits, less the brackets of IPv6
# hosts (the validator's full-URL rule has none); "%" stays, so encoded octets do.
_URI_SAFE = "!#$%&'()*+,-./:;=?@_~"
_URI = re.compile(r"[A-Za-z0-9!#$%&'()*+,\-./:;=?@_~]+")
_AUTHORITY_END = re.compile("[/?#]")
# RFC 4151 §2.1: a tag's authority is a DNS name (or an e-mail address, unused here).
_DNS_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
# The validator reports earlier dates as implausible (ImplausibleDate); a feed that
# says 1970 has no date rather than a very old story.
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


def feed_folder(part: FeedPart, segment: Callable[[str], str] = lambda name: name) -> str:
    """Where a merged feed's documents are, below the main feed's (``tags/TAG/``,
    ``searches/NAME/``); ``segment`` makes a name one path segment of a URL (a tag
    is any word: "c#", "café")."""
    if part.tag is not None:
        return f"tags/{segment(part.tag)}/"
    if part.search is not None:
        return f"searches/{segment(part.search)}/"
    return ""


@dataclass(frozen=True)
class FeedMeta:
    """The merged feed itself."""

    title: str
    base_url: str  # where the feed files are published (output.base_url)
    updated: datetime  # the newest change of any story, or now when there is none
    part: FeedPart = field(default_factory=FeedPart)  # all, or a tag's or a search's

    @property
    def home(self) -> str:
        """``base_url`` in normal form (RFC 3986 §6.2.2-6.2.3): the Atom feed id
        derives from it, and the validator warns about an id that is not
        (NonCanonicalURI)."""
        parts = urlsplit(_link(self.base_url) or self.base_url)
        scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
        default = {"http": ":80", "https": ":443"}.get(scheme)
        if default and netloc.endswith(default):
            netloc = netloc.removesuffix(default)
        return urlunsplit((scheme, netloc, parts.path or "/", parts.query, parts.fragment))

    def self_url(self, kind: str) -> str:
        home = self.home
        folder = feed_folder(self.part, lambda name: quote(name, safe=""))
        return urljoin(home if home.endswith("/") else home + "/", folder + FORMATS[kind])

    def item_id(self, story_id: int) -> str:
        # RFC 4151: the publisher's host and a date it held it; stable for a story.
        host = urlsplit(self.base_url).hostname or ""
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = ""
        if not _DNS_NAME.fullmatch(host):
            host = "localhost"  # an IPv6 literal is no DNS name (InvalidTAG)
        return f"tag:{host},2026:story/{story_id}"


def render(kind: str, meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    """The feed in ``kind`` (atom, rss or json)."""
    if kind == "json":
        return _json_feed(meta, items)
    if kind == "rss":
        return _rss(meta, items)
    return _atom(meta, items)


def _title(meta: FeedMeta) -> str:
    name = meta.part.name
    return _plain(meta.title + (f" \u2013 {name}" if name else "")) or GENERATOR


def _description(meta: FeedMeta) -> str:
    return f"Every story once, with every outlet that carried it: {_title(meta)}"


def _atom(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    E = ElementMaker(namespace=ATOM, nsmap={None: ATOM})
    feed = E.feed(
        E.id(meta.self_url("atom")),
        E.title(_title(meta)),
        E.subtitle(_description(meta)),
        E.updated(_rfc3339(meta.updated)),
        E.link(href=meta.self_url("atom"), rel="self", type="application/atom+xml"),
        E.link(href=meta.home, rel="alternate", type="text/html"),
        E.generator(GENERATOR, uri=GENERATOR_URL, version=__version__),
        E.author(E.name(_title(meta))),
    )
    feed.set(f"{{{XML}}}lang", "en")
    for item in items:
        entry = E.entry(E.id(meta.item_id(item.story_id)), E.title(_headline(item)))
        published = _published(item)
        if published is not None:
            entry.append(E.published(_rfc3339(published)))
        entry.append(E.updated(_rfc3339(_updated(item))))
        link = _link(item.link)
        if link:
            entry.append(E.link(href=link, rel="alternate", type="text/html"))
        for url, outlet in _related(item):
            entry.append(E.link(href=url, rel="related", type="text/html", title=outlet))
        for tag in item.tags:
            entry.append(E.category(term=tag))
        entry.append(E.summary(_abstract(item)))
        entry.append(E.content(_content_html(item), type="html"))
        feed.append(entry)
    return _xml(feed)


def _rss(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    E = ElementMaker(nsmap={"atom": ATOM})
    A = ElementMaker(namespace=ATOM)
    channel = E.channel(
        E.title(_title(meta)),
        E.link(meta.home),
        E.description(_description(meta)),
        A.link(href=meta.self_url("rss"), rel="self", type="application/rss+xml"),
        E.language("en"),
        E.lastBuildDate(format_datetime(_utc(meta.updated))),
        E.generator(f"{GENERATOR} {__version__}"),
        E.docs("https://www.rssboard.org/rss-specification"),
    )
    for item in items:
        element = E.item(E.title(_headline(item)))
        link = _link(item.link)
        if link:
            element.append(E.link(link))
        element.append(E.description(_content_html(item)))
        element.append(E.guid(meta.item_id(item.story_id), isPermaLink="false"))
        published = _published(item)
        if published is not None:
            element.append(E.pubDate(format_datetime(published)))
        for tag in item.tags:
            element.append(E.category(tag))
        # Every outlet as a category of its own domain (RSS allows one <source>).
        for url, outlet in _outlets(item):
            element.append(E.category(outlet, domain=url))
        lead = item.lead or (item.sources[0] if item.sources else None)
        if lead is not None:
            element.append(E.source(_outlet(lead), url=_feed_link(lead)))
        channel.append(element)
    return _xml(E.rss(channel, version="2.0"))


def _xml(root: etree._Element) -> bytes:
    body = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    # The RSS Best Practices Profile: "&" and "<" in text as hexadecimal character
    # references. The validator takes them as the mark of plain text meant as such;
    # without, it reads an "&amp;" or a "<b" in a title as HTML (ContainsHTML,
    # CharacterData). lxml writes "&" and "<" only as these two references, so the
    # swap changes no value.
    return bytes(body).replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;")


def _headline(item: FeedItem) -> str:
    return _plain(item.title) or "(untitled)"


def _abstract(item: FeedItem) -> str:
    return _plain(item.summary) or _headline(item)


def _plain(text: str | None) -> str:
    """One line of plain text, for a title, a summary or a name.

    Headlines and outlet names sometimes carry leftover markup ("<b>Live</b>"). The
    validator reads any end tag in them as HTML (ContainsHTML, ContainsUndeclaredHTML),
    as many RSS readers do, so tags go, and so do the characters of ``_UNWANTED``.
    """
    if not text:
        return ""
    return " ".join(_TAG.sub("", _UNWANTED.sub("", text)).split())


def _link(url: str | None) -> str | None:
    """``url`` as an absolute http(s) URI in ASCII; None when it is not one.

    RSS wants full URLs of URI characters only (the validator's InvalidFullLink,
    InvalidUriChar, UriNotIri), and a relative or javascript: link would lead nowhere,
    or somewhere worse. An IRI becomes a URI as RFC 3987 §3.1 says: an IDNA host, the
    rest percent-encoded as UTF-8.
    """
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if _URI.fullmatch(url):
        return url
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    after = url.split("://", 1)[1]
    end = _AUTHORITY_END.search(after)
    rest = after[end.start() :] if end else ""
    return f"{parts.scheme.lower()}://{netloc}{quote(rest, safe=_URI_SAFE)}"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rfc3339(moment: datetime) -> str:
    return _utc(moment).isoformat()


def _published(item: FeedItem) -> datetime | None:
    """When the story first appeared; None for a date before 1990 (``_EARLIEST``)."""
    published = _utc(item.published)
    return published if published >= _EARLIEST else None


def _updated(item: FeedItem) -> datetime:
    """When the story last changed, as written out.

    The stories one poll changed share its timestamp, and the validator warns about
    entries with the same atom:updated (DuplicateUpdated). Each story's own offset of
    under a second (its id's microseconds) keeps them apart; it is the same in every
    rendering, so a reader sees a story as updated only when it changed.
    """
    nudged = _utc(item.updated) - timedelta(microseconds=item.story_id % 1_000_000)
    published = _published(item)
    return nudged if published is None else max(nudged, published)


def _related(item: FeedItem) -> list[tuple[str, str]]:
    """Each other report's address and outlet, once."""
    seen, found = {_link(item.link)}, []
    for source in item.others:
        url = _link(source.url)
        if url and url not in seen:
            seen.add(url)
            found.append((url, _outlet(source)))
    return found


def _outlets(item: FeedItem) -> list[tuple[str, str]]:
    """Each outlet (feed) that carried the story, once: its feed URL and name."""
    seen: dict[str, str] = {}
    for source in item.sources:
        seen.setdefault(_feed_link(source), _outlet(source))
    return list(seen.items())


def _outlet(source: SourceView) -> str:
    return _plain(source.feed_title) or _feed_link(source)


def _feed_link(source: SourceView) -> str:
    # config/ accepts only http(s) feed URLs; _link makes an IRI among them a URI.
    return _link(source.feed_url) or source.feed_url


def _content_html(item: FeedItem) -> str:
    """The summary (else the title), then "Also reported by" with each outlet and its
    headline. Never empty: the validator warns about blank Atom content (NotBlank)."""
    parts = [f"<p>{html.escape(_abstract(item))}</p>"]
    others = item.others
    if others:
        rows = "".join(
            f'<li><a href="{html.escape(_link(s.url) or _feed_link(s), quote=True)}">'
            f"{html.escape(_outlet(s))}</a>: {html.escape(_plain(s.title))}</li>"
            for s in others
        )
        parts.append(f"<p>Also reported by:</p><ul>{rows}</ul>")
    return "".join(parts)


def _json_feed(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _title(meta),
        "home_page_url": meta.home,
        "feed_url": meta.self_url("json"),
        "description": _description(meta),
        "language": "en",
        "items": [_json_item(meta, item) for item in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _json_item(meta: FeedMeta, item: FeedItem) -> dict[str, object]:
    link = _link(item.link)
    published = _published(item)
    return {
        "id": meta.item_id(item.story_id),
        **({"url": link} if link else {}),
        "title": _headline(item),
        "summary": _abstract(item),
        "content_html": _content_html(item),
        **({"date_published": _rfc3339(published)} if published else {}),
        "date_modified": _rfc3339(_updated(item)),
        **({"tags": list(item.tags)} if item.tags else {}),
        # The sources as stored (what `stories --json` prints), not as written above.
        "_aggregator": {
            "about": GENERATOR_URL,
            "sources": [
                {
                    "url": s.url,
                    "feed_url": s.feed_url,
                    "feed_title": s.feed_title,
                    "title": s.title,
                    "published": s.published.isoformat(),
                    "relation": s.relation,
                }
                for s in item.sources
            ],
        },
    }
