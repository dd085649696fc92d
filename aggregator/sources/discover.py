"""What a URL given to ``feeds add`` is: a feed (with its title), a web page that
announces feeds (``<link rel="alternate" type="application/rss+xml" ...>``, feed
autodiscovery as Miniflux and FreshRSS do it), or neither (refused, with the reason).

The fetch is the poller's own (fetch.py), with the same address policy, size cap,
timeouts and redirect limit: adding a feed is not a way around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml.etree import ParserError

from ..config import FetchSettings
from ..errors import AggregatorError, ParseError
from ..types import CacheInfo, Fetched
from .extract import is_html
from .fetch import ACCEPT, fetch_feed, make_client
from .parse import parse_feed

# The media types a page announces its feeds with.
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)


class NotAFeed(AggregatorError):
    """The URL answered, but with neither a feed nor a page that announces one."""


@dataclass(frozen=True)
class Found:
    """A feed: its URL and title (from the feed, or from the page's link)."""

    url: str
    title: str | None = None


@dataclass(frozen=True)
class Checked:
    """A URL that is a feed (``feed``), or a page announcing ``announced`` feeds."""

    feed: Found | None = None
    announced: tuple[Found, ...] = ()


def check(url: str, settings: FetchSettings) -> Checked:
    """Fetch ``url`` and say what it is.

    Raises:
        FetchError: it could not be fetched (unreachable, refused by the address
            policy, an HTTP error, too large).
        NotAFeed: it is neither a feed nor a page that announces one.
    """
    policy = settings.policy()
    with make_client(
        user_agent=settings.user_agent,
        concurrency=1,
        allow_private_networks=settings.allow_private_networks,
        allowed_networks=settings.allowed_networks,
    ) as client:
        fetched = fetch_feed(client, url, CacheInfo(), policy, accept=ACCEPT)
    assert isinstance(fetched, Fetched)  # no validators were sent: no 304
    return what_is(fetched)


def what_is(fetched: Fetched) -> Checked:
    """A fetched document as a feed, or as a page announcing feeds.

    Raises:
        NotAFeed: it is neither.
    """
    try:
        parsed = parse_feed(fetched)
    except ParseError as e:
        content_type = fetched.headers.get("content-type")
        if not is_html(content_type, fetched.content):
            raise NotAFeed(f"{fetched.url} is not a feed: {e}") from e
        announced = feed_links(fetched.content, fetched.final_url)
        if not announced:
            raise NotAFeed(
                f"{fetched.url} is a web page that announces no feed (no <link "
                f'rel="alternate"> to RSS, Atom or JSON Feed); find its feed\'s address '
                f"on the site"
            ) from e
        return Checked(announced=tuple(announced))
    return Checked(feed=Found(fetched.url, parsed.title))


def feed_links(html: bytes, base: str) -> list[Found]:
    """The feeds a page announces, in its order, each once, as absolute http(s) URLs."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    declared = tree.xpath("//base/@href")
    base = urljoin(base, str(declared[0]).strip()) if declared else base
    found: dict[str, Found] = {}
    for link in tree.xpath("//link[@href]"):
        rel = {token.lower() for token in (link.get("rel") or "").split()}
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = urljoin(base, (link.get("href") or "").strip())
        if url.startswith(("http://", "https://")) and url not in found:
            found[url] = Found(url, (link.get("title") or "").strip() or None)
    return list(found.values())
