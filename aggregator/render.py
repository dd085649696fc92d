"""The merged feed as Atom 1.0, RSS 2.0 and JSON Feed 1.1. Pure: items in, bytes out.

One item per story: the representative's title and link, the start of its text, the
time the story first appeared and when it last changed, and every source: in the
content ("Also reported by"), and machine-readably (Atom ``link rel="related"``, RSS
``category`` per outlet, JSON Feed ``_aggregator.sources``). Item ids are tag: URIs
of the story id, so a reader shows a grown story as updated, not as new.

Every text that comes from a feed is escaped here, never passed through as markup:
the output carries no HTML of anyone else's (see sanitize.py for HTML that is kept).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.builder import ElementMaker

from . import __version__
from .types import FeedItem, SourceView

FORMATS = {"atom": "feed.atom", "rss": "feed.rss", "json": "feed.json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
GENERATOR = "aggregator"
GENERATOR_URL = "https://pypi.org/project/aggregator/"
ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class FeedMeta:
    """The merged feed itself."""

    title: str
    base_url: str  # where the feed files are published (output.base_url)
    updated: datetime  # the newest change of any story, or now when there is none
    tag: str | None = None  # a feed of one tag's stories

    def self_url(self, kind: str) -> str:
        path = FORMATS[kind] if self.tag is None else f"tags/{self.tag}/{FORMATS[kind]}"
        return urljoin(self.base_url if self.base_url.endswith("/") else self.base_url + "/", path)

    def item_id(self, story_id: int) -> str:
        # RFC 4151: the publisher's host and a date it held it; stable for a story.
        host = urlsplit(self.base_url).hostname or "localhost"
        return f"tag:{host},2026:story/{story_id}"


def render(kind: str, meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    """The feed in ``kind`` (atom, rss or json)."""
    if kind == "json":
        return _json_feed(meta, items)
    if kind == "rss":
        return _rss(meta, items)
    return _atom(meta, items)


def _title(meta: FeedMeta) -> str:
    return meta.title + (f" \u2013 {meta.tag}" if meta.tag else "")


def _description(meta: FeedMeta) -> str:
    return f"Every story once, with every outlet that carried it: {_title(meta)}"


def _atom(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    E = ElementMaker(namespace=ATOM, nsmap={None: ATOM})
    feed = E.feed(
        E.id(meta.self_url("atom")),
        E.title(_title(meta)),
        E.subtitle(_description(meta)),
        E.updated(meta.updated.isoformat()),
        E.link(href=meta.self_url("atom"), rel="self", type="application/atom+xml"),
        E.link(href=meta.base_url, rel="alternate", type="text/html"),
        E.generator(GENERATOR, uri=GENERATOR_URL, version=__version__),
        E.author(E.name(meta.title)),
    )
    feed.set(f"{{{XML}}}lang", "en")
    for item in items:
        entry = E.entry(
            E.id(meta.item_id(item.story_id)),
            E.title(item.title),
            E.published(item.published.isoformat()),
            E.updated(item.updated.isoformat()),
        )
        if item.link:
            entry.append(E.link(href=item.link, rel="alternate", type="text/html"))
        for url, outlet in _related(item):
            entry.append(E.link(href=url, rel="related", type="text/html", title=outlet))
        for tag in item.tags:
            entry.append(E.category(term=tag))
        entry.append(E.summary(item.summary or item.title))
        entry.append(E.content(_content_html(item), type="html"))
        feed.append(entry)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _rss(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    E = ElementMaker(nsmap={"atom": ATOM})
    A = ElementMaker(namespace=ATOM)
    channel = E.channel(
        E.title(_title(meta)),
        E.link(meta.base_url),
        E.description(_description(meta)),
        A.link(href=meta.self_url("rss"), rel="self", type="application/rss+xml"),
        E.language("en"),
        E.lastBuildDate(format_datetime(meta.updated)),
        E.generator(f"{GENERATOR} {__version__}"),
        E.docs("https://www.rssboard.org/rss-specification"),
    )
    for item in items:
        element = E.item(E.title(item.title))
        if item.link:
            element.append(E.link(item.link))
        element.append(E.description(_content_html(item)))
        element.append(E.guid(meta.item_id(item.story_id), isPermaLink="false"))
        element.append(E.pubDate(format_datetime(item.published)))
        for tag in item.tags:
            element.append(E.category(tag))
        # Every outlet as a category of its own domain (RSS allows one <source>).
        for url, outlet in _outlets(item):
            element.append(E.category(outlet, domain=url))
        lead = item.lead or (item.sources[0] if item.sources else None)
        if lead is not None:
            element.append(E.source(_outlet(lead), url=lead.feed_url))
        channel.append(element)
    rss = E.rss(channel, version="2.0")
    return bytes(etree.tostring(rss, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _related(item: FeedItem) -> list[tuple[str, str]]:
    """Each other report's address and outlet, once."""
    seen, found = {item.link}, []
    for source in item.others:
        if source.url and source.url not in seen:
            seen.add(source.url)
            found.append((source.url, _outlet(source)))
    return found


def _outlets(item: FeedItem) -> list[tuple[str, str]]:
    """Each outlet (feed) that carried the story, once: its feed URL and name."""
    seen: dict[str, str] = {}
    for source in item.sources:
        seen.setdefault(source.feed_url, _outlet(source))
    return list(seen.items())


def _outlet(source: SourceView) -> str:
    return source.feed_title or source.feed_url


def _content_html(item: FeedItem) -> str:
    """The summary, then "Also reported by" with each outlet and its headline."""
    parts = [f"<p>{html.escape(item.summary)}</p>"] if item.summary else []
    others = item.others
    if others:
        rows = "".join(
            f'<li><a href="{html.escape(s.url or s.feed_url, quote=True)}">'
            f"{html.escape(_outlet(s))}</a>: {html.escape(s.title or '')}</li>"
            for s in others
        )
        parts.append(f"<p>Also reported by:</p><ul>{rows}</ul>")
    return "".join(parts)


def _json_feed(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _title(meta),
        "home_page_url": meta.base_url,
        "feed_url": meta.self_url("json"),
        "description": _description(meta),
        "language": "en",
        "items": [
            {
                "id": meta.item_id(item.story_id),
                **({"url": item.link} if item.link else {}),
                "title": item.title,
                "summary": item.summary or item.title,
                "content_html": _content_html(item),
                "date_published": item.published.isoformat(),
                "date_modified": item.updated.isoformat(),
                **({"tags": list(item.tags)} if item.tags else {}),
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
            for item in items
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
