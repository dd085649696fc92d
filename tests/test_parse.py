from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from aggregator.errors import ParseError
from aggregator.sources.parse import parse_feed, parse_or_failure
from aggregator.types import CacheInfo, Failure, Fetched, ParsedFeed

DATA = Path(__file__).parent / "data"

# How each golden file is served: the charset, where there is one, is part of the test.
CONTENT_TYPES = {
    "rss2.xml": "application/rss+xml; charset=utf-8",
    "atom.xml": "application/atom+xml",
    "rdf.xml": "application/rdf+xml",
    "rss091.xml": "text/xml",
    "latin1.xml": "application/xml",
    "cp1251-header.xml": "text/xml; charset=windows-1251",
    "cp1251-undeclared.xml": "application/xml",
    "urdu.xml": "application/rss+xml",
    "urdu-utf16.xml": "application/xml",
    "feed.json": "application/feed+json",
    "feed10.json": "text/plain",  # mislabelled: recognised by content
}


def fetched(name: str, content_type: str, url: str = "https://feeds.example/feed") -> Fetched:
    return Fetched(
        url=url,
        final_url=url,
        content=(DATA / name).read_bytes(),
        headers={"content-type": content_type},
        cache=CacheInfo(),
    )


def as_dict(parsed: ParsedFeed) -> dict[str, Any]:
    return {
        "title": parsed.title,
        "link": parsed.link,
        "entries": [
            {
                "guid": e.guid,
                "url": e.url,
                "title": e.title,
                "author": e.author,
                "published": e.published.isoformat() if e.published else None,
                "updated": e.updated.isoformat() if e.updated else None,
                "content_text": e.content_text,
            }
            for e in parsed.entries
        ],
    }


@pytest.mark.parametrize("name", sorted(CONTENT_TYPES))
def test_golden_feed(name: str) -> None:
    expected = json.loads((DATA / name).with_suffix(".expected.json").read_text("utf-8"))
    parsed = parse_feed(fetched(name, CONTENT_TYPES[name]))
    assert as_dict(parsed) == expected
    assert parsed.warning is None


def test_rss_content_html_is_sanitised() -> None:
    entry = parse_feed(fetched("rss2.xml", CONTENT_TYPES["rss2.xml"])).entries[0]
    assert entry.content is not None
    assert "<script" not in entry.content
    assert "<p>The United States" in entry.content
    assert entry.summary == "The United States has strongly condemned the attacks."


ATOM_HOSTILE = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/world/">
  <title type="html">World &lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;news&lt;/b&gt;</title>
  <entry>
    <id>tag:news.example,2026:1</id>
    <title>One</title>
    <link href="stories/one"/>
    <summary type="html">&lt;img src="x.png" onerror="alert(2)"&gt;
      &lt;a href="javascript:alert(3)"&gt;bad&lt;/a&gt;
      &lt;a href="../about"&gt;about&lt;/a&gt;</summary>
    <content type="xhtml" xml:base="https://cdn.example/img/">
      <div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x()">Body <img src="a.jpg"/></p>
      <script>alert(4)</script><iframe src="https://evil.example/"/></div>
    </content>
  </entry>
  <entry>
    <id>tag:news.example,2026:2</id>
    <title>Two</title>
    <summary type="text">Plain &lt;b&gt; text &amp; more</summary>
  </entry>
</feed>"""


def test_atom_html_is_sanitised_with_links_resolved_against_its_base() -> None:
    parsed = parse_feed(
        Fetched(
            "https://news.example/feed",
            "https://news.example/feed",
            ATOM_HOSTILE,
            {"content-type": "application/atom+xml"},
            CacheInfo(),
        )
    )
    assert parsed.title == "World news"
    one, two = parsed.entries
    assert one.url == "https://news.example/world/stories/one"
    assert one.summary is not None
    assert "onerror" not in one.summary
    assert "javascript:" not in one.summary
    assert 'src="https://news.example/world/x.png"' in one.summary
    assert 'href="https://news.example/about"' in one.summary
    assert one.content is not None
    for hostile in ("onclick", "<script", "alert(4)", "<iframe"):
        assert hostile not in one.content
    assert 'src="https://cdn.example/img/a.jpg"' in one.content
    assert one.content_text == "Body"
    # Plain text stays text: not taken for markup.
    assert two.summary == "Plain <b> text & more"


def test_json_feed_html_is_sanitised_and_links_absolute() -> None:
    entry = parse_feed(fetched("feed.json", "application/feed+json")).entries[0]
    assert entry.content is not None
    assert "onerror" not in entry.content
    assert 'href="https://json.example.com/tags/us"' in entry.content


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(ParseError, match="HTML page"):
        parse_feed(fetched("page.html", "text/html; charset=utf-8"))


def test_a_failure_comes_back_as_data_that_crosses_processes() -> None:
    failure = parse_or_failure(fetched("malformed.xml", "application/rss+xml"))
    assert isinstance(failure, Failure)
    assert failure.kind == "parse"
    assert "malformed feed" in str(failure)
    # What a parser process hands back pickles as it is: no reconstruction needed.
    assert pickle.loads(pickle.dumps(failure)) == failure
    assert isinstance(parse_or_failure(fetched("page.html", "text/html")), Failure)


def test_unrecoverable_xml_is_an_error() -> None:
    with pytest.raises(ParseError, match="malformed feed") as caught:
        parse_feed(fetched("malformed.xml", "application/rss+xml"))
    assert caught.value.url == "https://feeds.example/feed"


def test_recoverable_xml_keeps_identified_entries_with_a_warning() -> None:
    parsed = parse_feed(fetched("recoverable.xml", "application/rss+xml"))
    assert [e.guid for e in parsed.entries] == ["s1", "s2"]
    assert parsed.warning is not None
    assert "not well-formed" in parsed.warning
    assert "line 3" in parsed.warning


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty response body"),
        (b"   \n", "empty response body"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed JSON at line 1"),
        (b'{"hello": "world"}', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "no 'items' list"),
        (b"just some text", "not a feed"),
    ],
    ids=["empty", "blank", "truncated-json", "other-json", "items-not-list", "text"],
)
def test_not_a_feed(body: bytes, message: str) -> None:
    broken = Fetched(
        url="https://feeds.example/x",
        final_url="https://feeds.example/x",
        content=body,
        headers={"content-type": "application/octet-stream"},
        cache=CacheInfo(),
    )
    with pytest.raises(ParseError, match=message):
        parse_feed(broken)


def test_identity_does_not_change_when_the_feed_redirects() -> None:
    # feedparser resolves permalink GUIDs like links; the base is the feed's own URL,
    # so a feed that starts redirecting keeps its entries' keys.
    body = (
        b'<rss version="2.0"><channel><title>R</title>'
        b"<item><title>a</title><link>/news/a</link><guid>1001</guid></item></channel></rss>"
    )

    def parse(final_url: str, base: str | None = None) -> tuple[str | None, str | None]:
        entry = parse_feed(
            Fetched(
                url="https://old.example/feed",
                final_url=final_url,
                content=body,
                headers={"content-type": "application/rss+xml"},
                cache=CacheInfo(),
            ),
            base_url=base,
        ).entries[0]
        return entry.guid, entry.url

    direct = parse("https://old.example/feed")
    assert direct == ("https://old.example/1001", "https://old.example/news/a")
    assert parse("https://cdn.example/v2/feed") == direct
    assert parse("https://cdn.example/v2/feed", base="https://old.example/feed") == direct


_DETAILED = (
    b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type="html">'
    b"A &amp;lt;b&amp;gt;feed&amp;lt;/b&amp;gt;</title>"
    b'<entry xml:base="https://cdn.example/x/" xml:lang="fr"><id>a</id>'
    b'<title type="text">Un</title><summary type="html">&lt;p&gt;R&#233;sum&#233;&lt;/p&gt;'
    b'</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
    b'<p>Texte <a href="rel">lien</a></p></div></content><link href="a"/></entry>'
    b'<entry><id>b</id><title>Two</title><content type="text">Plain &amp; simple</content>'
    b'<content type="html">&lt;i&gt;Second&lt;/i&gt;</content></entry></feed>'
)


def test_feedparser_copies_content_parameters_as_it_would_itself() -> None:
    """parse.py gives feedparser.mixin a cheaper deepcopy for flat dicts: every feed
    here parses to the same result as with copy.deepcopy, and each copy is its own."""
    import copy

    import feedparser.mixin
    from feedparser.util import FeedParserDict

    shim = feedparser.mixin.copy
    assert shim is not copy  # installed by parse.py
    flat = FeedParserDict({"type": "text/html", "language": "en", "base": "", "base64": 0})
    copied = shim.deepcopy(flat)
    assert type(copied) is FeedParserDict
    assert copied == flat
    assert copied is not flat
    copied["type"] = "text/plain"
    assert flat["type"] == "text/html"
    nested = FeedParserDict({"links": [FeedParserDict({"href": "a"})]})
    deep = shim.deepcopy(nested)
    deep["links"][0]["href"] = "b"
    assert nested["links"][0]["href"] == "a"  # not flat: a real deep copy

    feeds = [fetched(name, kind) for name, kind in CONTENT_TYPES.items()]
    feeds.append(Fetched("https://f.example/a", "https://f.example/a", _DETAILED, {}, CacheInfo()))
    with_shim = [parse_feed(feed) for feed in feeds]
    feedparser.mixin.copy = copy
    try:
        without = [parse_feed(feed) for feed in feeds]
    finally:
        feedparser.mixin.copy = shim
    assert with_shim == without
    assert any(e.content for parsed in with_shim for e in parsed.entries)


@pytest.mark.parametrize("base", ["", "https://site.example/feed", "http://site.example/a/b"])
@pytest.mark.parametrize(
    "uri",
    [
        "https://news.example/2026/12/story",
        "http://news.example",
        "https://news.example:8443/a/../b//c",
        "https://user@news.example/caf\u00e9",
        "https://news.example/story?id=1",
        "https://news.example/story#top",
        "https://news.example/story;v=2",
        "https://news.example/a b",
        "https:///news.example/triple",
        "HTTPS://News.example/Upper",
        "//news.example/scheme-relative",
        "/rooted",
        "relative/path",
        "1001",
        "",
        " https://news.example/padded",
        "https://news.example/tab\there",
        "https://news.example\\back",
        "mailto:someone@news.example",
    ],
)
def test_feedparser_joins_addresses_as_it_would_itself(base: str, uri: str) -> None:
    """parse.py's shortcut for absolute addresses in feedparser's URI join gives what
    feedparser's own join gives."""
    import feedparser.mixin
    import feedparser.urls

    shortcut = feedparser.mixin._urljoin
    assert shortcut is not feedparser.urls._urljoin  # installed by parse.py
    assert shortcut(base, uri) == feedparser.urls._urljoin(base, uri)


def test_fixture_feeds_parse_the_same_without_the_join_shortcut() -> None:
    import feedparser.mixin
    import feedparser.urls

    feeds = [fetched(name, kind) for name, kind in CONTENT_TYPES.items()]
    feeds.append(Fetched("https://f.example/a", "https://f.example/a", _DETAILED, {}, CacheInfo()))
    with_shortcut = [parse_feed(feed) for feed in feeds]
    shortcut, feedparser.mixin._urljoin = feedparser.mixin._urljoin, feedparser.urls._urljoin
    try:
        without = [parse_feed(feed) for feed in feeds]
    finally:
        feedparser.mixin._urljoin = shortcut
    assert with_shortcut == without
    assert sum(1 for parsed in without for e in parsed.entries if e.url) > 10


def test_each_entry_resolves_against_its_own_xml_base_feed_after_feed() -> None:
    # feedparser's base URIs are remembered between elements and feeds (parse.py):
    # an entry's xml:base still counts for it alone, and each feed has its own.
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title>'
        b'<entry xml:base="https://cdn.example/one/"><id>a1</id><title>a</title>'
        b'<link href="a"/></entry>'
        b'<entry xml:base="/two/"><id>b1</id><title>b</title><link href="b"/></entry>'
        b'<entry><id>c1</id><title>c</title><link href="c"/></entry></feed>'
    )

    def links(url: str) -> list[tuple[str | None, str | None]]:
        parsed = parse_feed(
            Fetched(url, url, body, {"content-type": "application/atom+xml"}, CacheInfo())
        )
        return [(entry.guid, entry.url) for entry in parsed.entries]

    for _ in range(2):  # the second time from what was remembered
        assert links("https://one.example/feeds/x.xml") == [
            ("https://cdn.example/one/a1", "https://cdn.example/one/a"),
            ("https://one.example/two/b1", "https://one.example/two/b"),
            ("https://one.example/feeds/c1", "https://one.example/feeds/c"),
        ]
        assert links("https://other.example/y/") == [
            ("https://cdn.example/one/a1", "https://cdn.example/one/a"),
            ("https://other.example/two/b1", "https://other.example/two/b"),
            ("https://other.example/y/c1", "https://other.example/y/c"),
        ]


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title>'
        b"</channel></rss>",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&xxe;</title></channel></rss>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!entity x "y">]><rss/>'.encode(
            "utf-16"
        ),
    ],
    ids=["billion-laughs", "external-entity", "utf-16"],
)
def test_entity_declarations_are_refused(body: bytes) -> None:
    with pytest.raises(ParseError, match="declares entities"):
        parse_feed(Fetched("https://x.example/f", "https://x.example/f", body, {}, CacheInfo()))


def test_control_characters_are_dropped() -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "T\\u0000",'
        b' "items": [{"id": "a\\u0000b", "title": "x\\u0001y", "content_text": "ok"}]}'
    )
    parsed = parse_feed(
        Fetched("https://x.example/f", "https://x.example/f", body, {}, CacheInfo())
    )
    assert parsed.title == "T"
    assert (parsed.entries[0].guid, parsed.entries[0].title) == ("ab", "xy")


def test_deeply_nested_json_is_a_parse_error() -> None:
    body = b"[" * 200_000
    with pytest.raises(ParseError, match="nested too deeply"):
        parse_feed(Fetched("https://x.example/f", "https://x.example/f", body, {}, CacheInfo()))


def test_xml_mislabelled_as_json_is_read_as_xml() -> None:
    body = (DATA / "rss2.xml").read_bytes()
    parsed = parse_feed(
        Fetched(
            "https://x.example/f",
            "https://x.example/f",
            body,
            {"content-type": "application/json"},
            CacheInfo(),
        )
    )
    assert len(parsed.entries) == 3


def test_feed_polling_hints() -> None:
    body = (
        b'<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
        b"<channel><title>x</title><ttl>60</ttl><sy:updatePeriod>daily</sy:updatePeriod>"
        b"<sy:updateFrequency>2</sy:updateFrequency></channel></rss>"
    )
    parsed = parse_feed(
        Fetched("https://x.example/f", "https://x.example/f", body, {}, CacheInfo())
    )
    assert (parsed.ttl_seconds, parsed.syndication_seconds) == (3600, 43200)
