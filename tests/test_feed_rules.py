"""The W3C feed validator's rules (validator.w3.org/feed, the source of
github.com/w3c/feedvalidator), checked one family at a time against our Atom and RSS,
and JSON Feed 1.1 against its spec (jsonfeed.org/version/1.1).

The validator cannot run here, so each test reads the raw document (lxml) for what one
family of its rules looks for, and is named after the message it would print; the
comment above it names the validator's classes. The documents are real: hostile feeds
polled and exported through the command line, and render() given what no test feed
can easily carry (control characters, dates from 1970, javascript: links, IRIs).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree

from aggregator.output.render import MEDIA_TYPES, FeedMeta, render
from aggregator.types import FeedItem, FeedPart, SourceView

from .conftest import FeedServer, run, write_config
from .synthetic import corpus
from .test_stories import NO_PAGES, poll, serve_feeds

ATOM = "http://www.w3.org/2005/Atom"
A = f"{{{ATOM}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

HOSTILE_TITLE = "Breaking <script>alert(1)</script><b>bold</b> Tom &amp; Jerry, AT&T: 2 <3"
HOSTILE_TEXT = (
    '<iframe src="https://evil.example/"></iframe><form action="/x"><input></form>'
    '<a href="javascript:alert(3)" style="color:red" onclick="x()">click</a> '
    '<style>p {}</style><p style="background:url(javascript:x)">styled</p> '
)
OUTLETS = {
    0: "Outlet 0 <i>News</i>",
    1: "Outlet 1 &amp; Sons",
    2: "Outlet 2 \u0085\ufffd",
    3: "Outlet 3 &#x26; Co",
}
# Not in normal form on purpose: the Atom id derives from it (NonCanonicalURI).
BASE_URL = "HTTP://News.Example:80/merged"
HOME = "http://news.example/merged/"


@dataclass(frozen=True)
class Doc:
    name: str
    kind: str  # atom, rss, json
    body: bytes
    location: str  # where it is published: its self link must say so

    def root(self) -> etree._Element:
        return etree.fromstring(self.body)

    def lines(self) -> list[str]:
        return self.body.decode("utf-8").split("\n")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> list[Doc]:
    return _exported(tmp_path_factory.mktemp("rules")) + _rendered()


def _exported(tmp: Path) -> list[Doc]:
    """Hostile feeds polled and exported as a user would (several stories, several
    outlets each): markup in titles, text and outlet names; a non-ASCII link."""
    articles = []
    for article in corpus(seed=41, groups=3, feeds=6):
        if article.group == 0:
            article = replace(
                article,
                title=f"{HOSTILE_TITLE} {article.title}",
                paragraphs=(HOSTILE_TEXT + article.paragraphs[0], *article.paragraphs[1:]),
            )
        elif article.group == 1 and article.kind == "original":
            article = replace(article, link=article.link + "/caf\u00e9 d\u00e9j\u00e0")
        articles.append(article)
    server = FeedServer()
    try:
        feeds = serve_feeds(server, articles)
        path = write_config(
            tmp / "feeds.yaml",
            [
                {"url": url, "title": OUTLETS.get(n, f"Outlet {n}"), "tags": [_tag(n)]}
                for n, url in feeds.items()
            ],
            database=f"sqlite:///{tmp / 'aggregator.db'}",
            output={"base_url": BASE_URL},
            **NO_PAGES,
        )
        poll(path)
    finally:
        server.close()
    found = []
    for tag in (None, "c#"):
        for kind, name in (("atom", "feed.atom"), ("rss", "feed.rss"), ("json", "feed.json")):
            extra = ("--tag", tag) if tag else ()
            result = run("export", "--format", kind, *extra, "--config", str(path))
            assert result.exit_code == 0, result.output
            folder = "" if tag is None else "tags/c%23/"
            found.append(
                Doc(f"export {kind} {tag}", kind, result.stdout_bytes, HOME + folder + name)
            )
    return found


def _tag(n: int) -> str:
    return "world" if n % 2 else "c#"


NOW = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def _source(url: str | None, feed_url: str, title: str | None, name: str | None) -> SourceView:
    return SourceView(url, feed_url, name, title, NOW - timedelta(hours=2), "story")


def _rendered() -> list[Doc]:
    """What a stored story may hold that no test feed carries easily: control
    characters, a date from 1970, javascript: and relative links, IRIs, no summary,
    several stories changed at one instant."""
    lead = _source("javascript:alert(1)", "http://a.example/feed", "Lead", "A \x0bNews\x7f")
    iri = _source(
        "https://fa.example/\u0627\u06cc\u0631\u0627\u0646", "http://a.example/feed", "x", None
    )
    relative = _source("/news/1", "http://b\u00fccher.example/feed", "Rel <i>it</i>", "B\u00fccher")
    day, epoch = NOW - timedelta(days=1), datetime(1970, 1, 1, tzinfo=UTC)
    both = (iri, relative)
    items = [
        FeedItem(1, "Tom &amp; Jerry </b>\x0b\ufffd", lead.url, "", day, NOW, (lead,), (), lead),
        FeedItem(2, "<b></b>", iri.url, "a < b & c\n\nd </p>", epoch, NOW, both, (), iri),
        FeedItem(1_000_003, "Same second", None, "s", NOW, NOW, (relative, lead), ("c#",), None),
    ]
    # An IDN host with "_": no DNS name, so no tag: authority (InvalidTAG).
    base = "HTTPS://B\u00fccher_News.Example:443/x"
    meta = FeedMeta("News <b>&amp;</b> more", base, NOW, FeedPart(tag="caf\u00e9"))
    location = "https://xn--bcher_news-9db.example/x/tags/caf%C3%A9/"
    return [
        Doc(f"render {kind}", kind, render(kind, meta, items), location + name)
        for kind, name in (("atom", "feed.atom"), ("rss", "feed.rss"), ("json", "feed.json"))
    ]


def _of(docs: list[Doc], *kinds: str) -> Iterator[Doc]:
    yield from (doc for doc in docs if doc.kind in kinds)


def _text(element: etree._Element) -> str:
    return element.text or ""


def _plain_texts(doc: Doc) -> Iterator[tuple[etree._Element, str]]:
    """The values the validator checks as plain text (its ``nonhtml`` rule)."""
    root = doc.root()
    if doc.kind == "rss":
        channel = root.find("channel")
        for name in ("title", "description", "generator", "copyright"):
            yield from ((e, _text(e)) for e in channel.findall(name))
        for item in channel.findall("item"):
            for name in ("title", "category", "source"):
                yield from ((e, _text(e)) for e in item.findall(name))
        return
    for element in root.iter(f"{A}title", f"{A}subtitle", f"{A}summary", f"{A}rights"):
        if element.get("type", "text") == "text":
            yield element, _text(element)
    yield from ((e, _text(e)) for e in root.iter(f"{A}name", f"{A}generator"))
    for element in root.iter(f"{A}link"):
        if element.get("title") is not None:
            yield element, element.get("title", "")
    for element in root.iter(f"{A}category"):
        if element.get("label") is not None:
            yield element, element.get("label", "")


def _html_parts(doc: Doc) -> list[str]:
    """The HTML we write: RSS item descriptions, Atom content, JSON content_html."""
    if doc.kind == "json":
        return [item["content_html"] for item in json.loads(doc.body)["items"]]
    root = doc.root()
    if doc.kind == "rss":
        return [_text(e) for e in root.iter("description") if e.getparent().tag == "item"]
    return [_text(e) for e in root.iter(f"{A}content") if e.get("type") == "html"]


def _dates(doc: Doc) -> Iterator[tuple[str, str]]:
    root = doc.root()
    if doc.kind == "rss":
        yield from (("rfc822", _text(e)) for e in root.iter("pubDate", "lastBuildDate"))
    else:
        yield from (("rfc3339", _text(e)) for e in root.iter(f"{A}updated", f"{A}published"))


def _parse_date(kind: str, value: str) -> datetime:
    return parsedate_to_datetime(value) if kind == "rfc822" else datetime.fromisoformat(value)


def _uris(doc: Doc) -> Iterator[tuple[str, str]]:
    """Every URI-valued place, named, with its value."""
    root = doc.root()
    if doc.kind == "rss":
        channel = root.find("channel")
        for name in ("link", "docs"):
            yield from ((f"channel/{name}", _text(e)) for e in channel.findall(name))
        for item in channel.findall("item"):
            yield from (("item/link", _text(e)) for e in item.findall("link"))
            yield from (("source/@url", e.get("url", "")) for e in item.findall("source"))
            yield from (
                ("category/@domain", e.get("domain", ""))
                for e in item.findall("category")
                if e.get("domain") is not None
            )
    yield from (("atom:link/@href", e.get("href", "")) for e in root.iter(f"{A}link"))
    yield from (("generator/@uri", e.get("uri", "")) for e in root.iter(f"{A}generator"))
    yield from (("feed/id", _text(e)) for e in root.findall(f"{A}id"))


# RFC 3986 §2: the characters of a URI; the validator's full-URL rule, less brackets.
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(//)?[A-Za-z0-9;/?:@&=+$.\-_!~*'()%,#]+")
# RFC 4151 §2.1, lower-case as the validator wants: tag:authority,date:specific
TAG_URI = re.compile(
    r"tag:[a-z0-9]([a-z0-9.\-]*[a-z0-9])?,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9;/?:@&=+$.\-_!~*'()%,]*"
)
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)
END_TAG = re.compile(r"</\w+>")


def test_the_documents_cover_the_hostile_cases(docs: list[Doc]) -> None:
    # The rules below are only as good as the documents they read.
    assert {doc.kind for doc in docs} == {"atom", "rss", "json"}
    stories = [json.loads(doc.body)["items"] for doc in _of(docs, "json")]
    assert all(len(items) >= 3 for items in stories)
    [hostile] = [i for i in stories[0] if "Breaking" in i["title"]]
    assert len(hostile["_aggregator"]["sources"]) > 1
    raw = [s["feed_title"] for items in stories for i in items for s in i["_aggregator"]["sources"]]
    assert {*OUTLETS.values()} <= set(raw)


# SAXError, UnicodeError, EncodingMismatch, BadXmlVersion
def test_xml_parsing_error(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom", "rss"):
        assert doc.body.startswith(b"<?xml version='1.0' encoding='utf-8'?>"), doc.name
        doc.body.decode("utf-8")
        etree.fromstring(doc.body, etree.XMLParser(resolve_entities=False, no_network=True))


# UnexpectedContentType: an Atom or RSS document served as another media type.
def test_should_not_be_served_with_the_media_type() -> None:
    assert MEDIA_TYPES["atom"].split(";")[0] == "application/atom+xml"
    assert MEDIA_TYPES["rss"].split(";")[0] == "application/rss+xml"
    assert MEDIA_TYPES["json"].split(";")[0] == "application/feed+json"


# MissingAtomSelfLink (RSS), MissingSelf (Atom), SelfNotAtom, RelativeSelf,
# SelfDoesntMatchLocation
def test_missing_atom_link_with_rel_self(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom", "rss"):
        root = doc.root()
        parent = root.find("channel") if doc.kind == "rss" else root
        links = [e for e in parent.findall(f"{A}link") if e.get("rel") == "self"]
        assert len(links) == 1, doc.name
        [link] = links
        assert link.get("type") == f"application/{doc.kind}+xml", doc.name
        assert urlsplit(link.get("href", "")).netloc, doc.name
        assert _normal(link.get("href", "")) == _normal(doc.location), doc.name


def _normal(uri: str) -> str:
    """Enough of RFC 3986 §6.2.2-6.2.3 for the validator's comparison of a self link
    with the document's location: scheme and host case, default ports."""
    parts = urlsplit(uri)
    netloc = parts.netloc.lower().removesuffix({"http": ":80", "https": ":443"}[parts.scheme])
    return f"{parts.scheme.lower()}://{netloc}{parts.path or '/'}" + (
        f"?{parts.query}" if parts.query else ""
    )


# MissingTitle, MissingLink, MissingDescription, MissingElement (channel), NotBlank,
# MissingDCLanguage, InvalidLanguage
def test_missing_channel_element(docs: list[Doc]) -> None:
    for doc in _of(docs, "rss"):
        root = doc.root()
        assert root.tag == "rss", doc.name
        assert root.get("version") == "2.0", doc.name
        [channel] = root.findall("channel")
        for name in ("title", "link", "description"):
            assert _text(channel.find(name)).strip(), (doc.name, name)
        assert re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", channel.findtext("language"))


# MissingElement (feed: title, id, updated; entry: title, id, updated, author at the
# entry or the feed), MissingTextualContent, MissingContentOrAlternate, NotBlank
def test_missing_feed_or_entry_element(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom"):
        feed = doc.root()
        assert feed.tag == f"{A}feed", doc.name
        assert feed.get(XML_LANG) == "en", doc.name
        for name in ("title", "id", "updated"):
            assert _text(feed.find(f"{A}{name}")).strip(), (doc.name, name)
        feed_author = feed.find(f"{A}author/{A}name")
        entries = feed.findall(f"{A}entry")
        assert entries, doc.name
        for entry in entries:
            for name in ("title", "id", "updated", "summary", "content"):
                element = entry.find(f"{A}{name}")
                assert element is not None, (doc.name, name)
                assert _text(element).strip(), (doc.name, name)
            author = entry.find(f"{A}author/{A}name")
            assert _text(author if author is not None else feed_author).strip(), doc.name


# MisplacedMetadata (Atom: metadata after an entry), MisplacedItem (RSS 2.0 Profile)
def test_must_appear_before_all_entries(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom", "rss"):
        root = doc.root()
        parent, entry = (root.find("channel"), "item") if doc.kind == "rss" else (root, f"{A}entry")
        tags = [child.tag for child in parent]
        first = tags.index(entry)
        assert set(tags[first:]) == {entry}, doc.name


# DuplicateElement: elements that may appear once per channel, item, feed or entry
def test_contains_more_than_one(docs: list[Doc]) -> None:
    once = {
        "channel": {"title", "link", "description", "language", "lastBuildDate", "docs",
                    "generator", "ttl", "pubDate", "copyright", "image"},
        "item": {"title", "link", "description", "guid", "pubDate", "source", "author",
                 "comments", "enclosure"},
        f"{A}feed": {f"{A}{n}" for n in ("id", "title", "subtitle", "updated", "generator",
                                         "icon", "logo", "rights")},
        f"{A}entry": {f"{A}{n}" for n in ("id", "title", "updated", "published", "summary",
                                          "content", "rights", "source")},
    }  # fmt: skip
    for doc in _of(docs, "atom", "rss"):
        for parent in doc.root().iter(*once):
            counts = Counter(child.tag for child in parent)
            assert not [t for t in once[parent.tag] if counts[t] > 1], (doc.name, counts)


# MissingGuid, InvalidHttpGUID, InvalidPermalink, NotSufficientlyUnique, DuplicateValue
def test_item_should_contain_a_guid_element(docs: list[Doc]) -> None:
    for doc in _of(docs, "rss"):
        guids = []
        for item in doc.root().iter("item"):
            [guid] = item.findall("guid")
            value = _text(guid)
            if not value.startswith(("http://", "https://")):
                assert guid.get("isPermaLink") == "false", doc.name  # a tag: is no permalink
            assert TAG_URI.fullmatch(value), value
            assert not (len(value) < 9 and value.isdigit())
            guids.append(value)
        assert len(guids) == len(set(guids)), doc.name


# ItemMustContainTitleOrDescription; NotBlank (item title)
def test_item_must_contain_either_title_or_description(docs: list[Doc]) -> None:
    for doc in _of(docs, "rss"):
        for item in doc.root().iter("item"):
            assert _text(item.find("title")).strip(), doc.name
            assert _text(item.find("description")).strip(), doc.name


# InvalidTAG, NonCanonicalURI, UnexpectedWhitespace (atom:id)
def test_is_not_a_valid_tag(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom"):
        feed = doc.root()
        feed_id = _text(feed.find(f"{A}id"))
        parts = urlsplit(feed_id)
        # Normal form (RFC 3986 §6.2.2-6.2.3): lower-case scheme and host, no default port.
        assert parts.scheme == parts.scheme.lower(), feed_id
        assert parts.netloc == parts.netloc.lower(), feed_id
        assert not parts.netloc.endswith((":80", ":443")), feed_id
        assert parts.path.startswith("/"), feed_id
        for entry in feed.iter(f"{A}entry"):
            value = _text(entry.find(f"{A}id"))
            assert TAG_URI.fullmatch(value), value


# DuplicateEntries ("Two entries with the same id"), DuplicateIds
def test_two_entries_with_the_same_id(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom"):
        ids = [_text(e) for e in doc.root().iter(f"{A}id") if e.getparent().tag == f"{A}entry"]
        assert len(ids) == len(set(ids)), doc.name


# DuplicateUpdated: the stories one poll changed share its time; the entries must not.
def test_two_entries_with_the_same_value_for_atom_updated(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom"):
        entries = doc.root().findall(f"{A}entry")
        assert len(entries) >= 3, doc.name
        updated = [_text(e.find(f"{A}updated")) for e in entries]
        assert len(updated) == len(set(updated)), (doc.name, updated)


# InvalidRFC3339Date (Atom), InvalidRFC2822Date, IncorrectDOW, ProblematicalRFC822Date
# (RSS); JSON Feed dates are RFC 3339 too.
def test_must_be_an_rfc_date_time(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom", "rss"):
        for kind, value in _dates(doc):
            pattern = RFC822 if kind == "rfc822" else RFC3339
            assert pattern.fullmatch(value), (doc.name, value)
            moment = _parse_date(kind, value)
            assert moment.tzinfo is not None
            if kind == "rfc822":
                assert value[:3] == moment.strftime("%a"), value
    for doc in _of(docs, "json"):
        for item in json.loads(doc.body)["items"]:
            for key in ("date_published", "date_modified"):
                if key in item:
                    assert RFC3339.fullmatch(item[key]), item[key]


# ImplausibleDate: before 1990, or more than ten minutes ahead of the validator's clock
def test_implausible_date(docs: list[Doc]) -> None:
    earliest, latest = datetime(1990, 1, 1, tzinfo=UTC), datetime.now(UTC) + timedelta(minutes=10)
    for doc in _of(docs, "atom", "rss"):
        for kind, value in _dates(doc):
            assert earliest <= _parse_date(kind, value) <= latest, (doc.name, value)
    for doc in _of(docs, "json"):
        for item in json.loads(doc.body)["items"]:
            for key in ("date_published", "date_modified"):
                if key in item:
                    assert earliest <= datetime.fromisoformat(item[key]) <= latest


# ContainsHTML, ContainsUndeclaredHTML, CharacterData (RSS 2.0 Profile), InvalidTextType:
# a plain-text value with an HTML end tag warns however it is written; one with "&"
# or "<" warns unless its line carries a hexadecimal character reference.
def test_should_not_contain_html(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom", "rss"):
        lines = doc.lines()
        checked = 0
        for element, value in _plain_texts(doc):
            checked += 1
            assert not END_TAG.search(value), (doc.name, value)
            if re.search(r"&|<[/A-Za-z]", value):
                assert "&#x" in lines[element.sourceline - 1], (doc.name, value)
        assert checked, doc.name
        for element in doc.root().iter(f"{A}title", f"{A}subtitle", f"{A}summary", f"{A}content"):
            assert element.get("type", "text") in ("text", "html", "xhtml"), doc.name


class _Html(HTMLParser):
    """Tags, attributes and nesting of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.open: list[str] = []
        self.unbalanced = False
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.unbalanced = True


# SecurityRisk, SecurityRiskAttr, DangerousStyleAttr (script, iframe, style, on*, ...)
# in RSS description, Atom content and JSON content_html: only our own markup.
def test_should_not_contain_tag(docs: list[Doc]) -> None:
    for doc in docs:
        parts = _html_parts(doc)
        assert parts, doc.name
        for part in parts:
            html = _Html(part)
            assert set(html.tags) <= {"p", "ul", "li", "a"}, (doc.name, html.tags)
            assert {name for name, _ in html.attributes} <= {"href"}, doc.name
            for _, href in html.attributes:
                assert (href or "").startswith(("http://", "https://")), (doc.name, href)


# NotHtml ("Invalid HTML"): the validator parses content strictly (html5lib).
def test_invalid_html(docs: list[Doc]) -> None:
    for doc in docs:
        for part in _html_parts(doc):
            html = _Html(part)
            assert not html.unbalanced, (doc.name, part)
            assert not html.open, (doc.name, part)
            assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]", part)


# ContainsRelRef: every <a href> in content is absolute.
def test_should_not_contain_relative_url_references(docs: list[Doc]) -> None:
    for doc in docs:
        for part in _html_parts(doc):
            for _, href in _Html(part).attributes:
                assert urlsplit(href or "").scheme, href
                assert urlsplit(href or "").netloc, href


# InvalidFullLink, InvalidUriChar, UriNotIri, InvalidIRI, InvalidURIAttribute,
# SchemeNotIANARegistered: links are full URLs in URI characters (no IRIs).
def test_must_be_a_full_and_valid_url(docs: list[Doc]) -> None:
    for doc in _of(docs, "atom", "rss"):
        for place, value in _uris(doc):
            assert value.isascii(), (doc.name, place, value)
            assert URI.fullmatch(value), (doc.name, place, value)
            assert urlsplit(value).scheme in ("http", "https"), (doc.name, place, value)
            assert urlsplit(value).netloc, (doc.name, place, value)


# DuplicateAtomLink, UnregisteredAtomLinkRel, MissingHref, AtomLinkNotEmpty,
# AttrNotBlank, InvalidMIMEType (atom:link)
def test_duplicate_alternate_links_with_the_same_type_and_hreflang(docs: list[Doc]) -> None:
    registered = {"alternate", "related", "self", "enclosure", "via"}
    for doc in _of(docs, "atom", "rss"):
        parents = [e for e in doc.root().iter() if e.find(f"{A}link") is not None]
        assert parents, doc.name
        for parent in parents:
            links = parent.findall(f"{A}link")
            for link in links:
                assert link.get("href"), doc.name
                assert link.get("rel", "alternate") in registered, doc.name
                assert not _text(link).strip(), doc.name
                assert len(link) == 0, doc.name
                assert re.fullmatch(r"[\w.+-]+/[\w.+-]+", link.get("type", "x/y")), doc.name
                if link.get("title") is not None:
                    assert link.get("title", "").strip(), doc.name
            alternates = [
                (link.get("type"), link.get("hreflang"))
                for link in links
                if link.get("rel", "alternate") == "alternate"
            ]
            assert len(alternates) == len(set(alternates)), doc.name


# BadCharacters (C1 controls, U+FFFD), and characters XML forbids.
def test_contains_bad_characters(docs: list[Doc]) -> None:
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
    for doc in docs:
        if doc.kind == "json":
            values = [
                v for i in json.loads(doc.body)["items"] for k, v in i.items() if k != "_aggregator"
            ]
            assert not [v for v in values if isinstance(v, str) and bad.search(v)], doc.name
            continue
        for element in doc.root().iter():
            for value in (element.text or "", *element.attrib.values()):
                assert not bad.search(value), (doc.name, element.tag, value)


# UndefinedElement, UnexpectedAttribute, MissingNamespace, UseOfExtensionAttr,
# NonstdPrefix, ReservedPrefix, AvoidNamespacePrefix
def test_undefined_element_or_unexpected_attribute(docs: list[Doc]) -> None:
    rss_elements = {
        "rss": {"version"}, "channel": set(), "title": set(), "link": set(),
        "description": set(), "language": set(), "lastBuildDate": set(), "generator": set(),
        "docs": set(), "item": set(), "guid": {"isPermaLink"}, "pubDate": set(),
        "category": {"domain"}, "source": {"url"}, f"{A}link": {"href", "rel", "type"},
    }  # fmt: skip
    atom_elements = {
        "feed": {XML_LANG}, "id": set(), "title": {"type"}, "subtitle": {"type"},
        "updated": set(), "published": set(), "link": {"href", "rel", "type", "title", "hreflang"},
        "generator": {"uri", "version"}, "author": set(), "name": set(), "entry": set(),
        "rights": {"type"},
        "category": {"term", "scheme", "label"}, "summary": {"type"}, "content": {"type"},
    }  # fmt: skip
    for doc in _of(docs, "atom", "rss"):
        root = doc.root()
        if doc.kind == "rss":
            assert root.nsmap == {"atom": ATOM}, doc.name
            for element in root.iter():
                assert element.tag in rss_elements, (doc.name, element.tag)
                assert set(element.attrib) <= rss_elements[element.tag], (doc.name, element.tag)
        else:
            assert root.nsmap == {None: ATOM}, doc.name  # no prefix for Atom in Atom
            for element in root.iter():
                namespace, name = element.tag[1:].split("}")
                assert namespace == ATOM, (doc.name, element.tag)
                assert name in atom_elements, (doc.name, element.tag)
                assert set(element.attrib) <= atom_elements[name], (doc.name, element.tag)


# JSON Feed 1.1: version, title and items required; each item an id (a string) and
# content_html or content_text; URLs absolute; extensions are objects under "_" keys.
def test_json_feed_follows_its_spec(docs: list[Doc]) -> None:
    top = {
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "user_comment",
        "next_url",
        "icon",
        "favicon",
        "authors",
        "language",
        "expired",
        "hubs",
        "items",
    }
    members = {"id", "url", "external_url", "title", "content_html", "content_text",
               "summary", "image", "banner_image", "date_published", "date_modified",
               "authors", "tags", "language", "attachments"}  # fmt: skip
    for doc in _of(docs, "json"):
        feed: dict[str, Any] = json.loads(doc.body)
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(feed["title"], str)
        assert feed["title"].strip()
        assert feed["feed_url"] == doc.location
        assert isinstance(feed["items"], list)
        assert feed["items"]
        assert set(feed) <= top
        ids = [item["id"] for item in feed["items"]]
        assert len(ids) == len(set(ids))
        for item in feed["items"]:
            assert isinstance(item["id"], str)
            assert item["id"]
            assert item.get("content_html") or item.get("content_text")
            for key, value in item.items():
                if key.startswith("_"):
                    assert isinstance(value, dict), key
                    assert "about" in value, key
                else:
                    assert key in members, key
            for key in ("url", "external_url", "image", "banner_image"):
                if key in item:
                    assert item[key].isascii(), item[key]
                    assert URI.fullmatch(item[key]), item[key]
                    assert urlsplit(item[key]).scheme in ("http", "https"), item[key]
            tags = item.get("tags", [])
            assert all(isinstance(t, str) for t in tags)
            assert len(tags) == len(set(tags))
        for key in ("home_page_url", "feed_url"):
            assert feed[key].isascii(), feed[key]
            assert URI.fullmatch(feed[key]), feed[key]
