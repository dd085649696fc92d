"""An article page's HTML → its main text and metadata. Pure: no network, no database.

trafilatura does the extraction, always on HTML we fetched ourselves (never let it
fetch a URL: its fetcher has no address policy). Around it:

- it is run in its default mode (with its readability/jusText fallbacks) and in
  precision mode, and the page's own evidence picks between the two: a JSON-LD
  ``articleBody``, where the page has one, is the article as its publisher states it;
  otherwise the feed's text (usually the lead) must be covered, and the shorter,
  cleaner precision result wins when it covers as much of it;
- the headline and leftover furniture lines ("Advertisement", "Read more: …") are
  removed;
- a result that is not an article is refused with a reason (``ExtractError``): no
  text, a paywall stub, or less text than the feed already had.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from ..errors import ExtractError
from ..text import without_control
from ..types import Article, Failure, Page, RawEntry

EXTRACTOR = f"trafilatura {trafilatura.__version__}"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Fewer words than this is not an article (a consent wall, an error page, a stub).
MIN_WORDS = 40
# A page under this many words that asks the reader to subscribe or sign in is a
# paywall stub, not the article.
PAYWALL_MAX_WORDS = 250
_PAYWALL = re.compile(
    r"subscribe (now )?to (continue|read)|to continue reading|already a subscriber|"
    r"subscribers only|for subscribers|sign in to (continue|read)|log in to (continue|read)|"
    r"create a free account to|this (article|content) is (for|available to) (premium )?subscribers",
    re.IGNORECASE,
)
# An extraction that agrees less than this (F1 over word 4-grams) with the page's
# JSON-LD articleBody while containing this much of it is bloated: the articleBody is
# the text.
PUBLISHER_AGREEMENT = 0.9
# An articleBody under this fraction of the extraction's length is a teaser.
TEASER = 0.5
# Whole lines that are page furniture, left over inside an article's container.
_FURNITURE_LINE = re.compile(
    r"^(advertisement|advertising|anzeige|publicité|sponsored( content)?|"
    r"(read more|read also|also read|see also|related|more on this( story)?|"
    r"lire aussi|à lire aussi|lesen sie auch|mehr zum thema|leer también|ler também|"
    r"یہ بھی پڑھیں|ये भी पढ़ें)\b.{0,200}|"
    r"share( this( article| story| post)?)?( on \w+)?|leave a (comment|reply)|"
    r"skip (to|advert).*|story continues below.*|continue reading( below)?|"
    r"(sign up|subscribe)( now)?( (for|to) (our|the) \w+ newsletter.*| to continue reading)?|"
    r"already a subscriber\b.*|you('ve| have) read \d+ of your \d+ free articles.*|"
    r"our standards:.*|click here to .*)[.:!]?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-*•]\s+")
_APPEAL = re.compile(
    r"reader-(funded|supported)|(please )?consider (supporting|subscribing|donating)|"
    r"support (our|independent) (journalism|reporting)|make a (monthly )?contribution|"
    r"^(support|donate to|subscribe to) (the|us|our)\b.{0,40}$",
    re.IGNORECASE,
)
_TRUNCATED = re.compile(
    r"(\[?(…|\.\.\.)\]?|continue reading\W*|read more\W*|read the full (story|article)\W*)$",
    re.IGNORECASE,
)
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


def skip_reason(entry: RawEntry, mode: str, min_words: int) -> str | None:
    """Why an entry's page is not fetched, or None when it should be.

    ``auto`` fetches unless the feed's own content (``content:encoded``, Atom
    ``content``) is already an article: at least ``min_words`` words that do not end
    in a "continue reading" cut.
    """
    if mode == "never":
        return "full_text: never"
    if not entry.url or urlsplit(entry.url).scheme not in ("http", "https"):
        return "no http(s) link"
    if mode == "always" or entry.content is None:
        return None
    words = len(entry.content_text.split())
    if words >= min_words and not _TRUNCATED.search(entry.content_text.strip()):
        return f"the feed carries the full text ({words} words)"
    return None


def extract_or_failure(page: Page, feed_text: str = "") -> Article | Failure:
    """``extract_article``, its failure as data: what an extraction process hands
    back."""
    try:
        return extract_article(page, feed_text)
    except ExtractError as e:
        return e.failure()


def extract_article(page: Page, feed_text: str = "") -> Article:
    """Extract the main text and metadata of an article page.

    Args:
        page: the fetched page.
        feed_text: the entry's text in its feed; evidence of where the article
            starts, and the length a useful extraction must beat.

    Raises:
        ExtractError: not HTML, no article text, a paywall stub, or shorter than the
            feed's own text.
    """
    if not is_html(page.content_type, page.content):
        shown = (page.content_type or "unknown").split(";")[0].strip()
        raise ExtractError(f"not an HTML page ({shown})", "not-html")
    tree = _load(page)
    if tree is None:
        raise ExtractError("the page has no HTML content", "empty")
    meta = _page_metadata(tree, page.final_url)
    candidates = [
        _run(tree, page.final_url, favor_precision=False),
        _run(tree, page.final_url, favor_precision=True),
    ]
    found = [c for c in candidates if c is not None]
    if not found:
        raise ExtractError("no article text found on the page", "empty")
    title = found[0].title or meta.title
    texts = [_clean(c.text or "", title) for c in found]
    text = _choose(texts, meta.body, feed_text)
    words = len(text.split())
    # The paywall's own words are furniture that _clean removed: look in the raw text.
    if words < PAYWALL_MAX_WORDS and any(_PAYWALL.search(c.text or "") for c in found):
        raise ExtractError(
            f"paywall: the page shows {words} words and asks to subscribe", "paywall"
        )
    if words < MIN_WORDS:
        raise ExtractError(f"no article text found on the page ({words} words)", "empty")
    feed_words = len(feed_text.split())
    if words < feed_words:
        raise ExtractError(
            f"the page's text ({words} words) is shorter than the feed's ({feed_words})",
            "shorter",
        )
    doc = found[0]
    # Control characters (a NUL in JSON-LD, say) would not store on PostgreSQL.
    return without_control(
        Article(
            text=text,
            title=title,
            author=meta.author or doc.author or _byline(tree),
            published=meta.published or _datetime(doc.date),
            language=meta.language or doc.language,
            canonical_url=meta.canonical_url,
            image=meta.image or doc.image,
            extractor=EXTRACTOR,
        )
    )


def is_html(content_type: str | None, content: bytes) -> bool:
    """HTML by its Content-Type, or by its first bytes when the type is missing or vague."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in HTML_TYPES:
        return True
    if kind not in ("", "application/octet-stream", "text/plain"):
        return False
    head = content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _load(page: Page) -> lxml.html.HtmlElement | None:
    """Parse with the charset of the Content-Type when there is one, else let
    trafilatura detect it (from <meta charset>, then by content)."""
    charset = _charset(page.content_type)
    content: bytes | str = page.content
    if charset:
        # An unknown charset name: detect instead.
        with contextlib.suppress(LookupError):
            content = page.content.decode(charset, errors="replace")
    if isinstance(content, str):
        # lxml refuses str input that declares an encoding itself.
        content = re.sub(r"^\s*<\?xml[^>]*\?>", "", content)
    tree = trafilatura.load_html(content)
    return tree if isinstance(tree, lxml.html.HtmlElement) else None


def _charset(content_type: str | None) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def _run(tree: lxml.html.HtmlElement, url: str, *, favor_precision: bool) -> Any:
    # trafilatura prunes the tree it is given: every run gets its own copy.
    return trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=url,
        # Metadata once (it is a tenth of the time), from the default run.
        with_metadata=not favor_precision,
        include_comments=False,
        include_tables=True,
        favor_precision=favor_precision,
    )


def _clean(text: str, title: str | None) -> str:
    """Paragraphs one per line, with the headline and furniture lines removed."""
    # One paragraph per line; list items lose the bullet trafilatura gives them.
    lines = [_BULLET.sub("", " ".join(line.split())) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # The headline, with anything above it (a section label, a kicker), when it comes
    # first or nearly: it is the entry's title, not its text.
    for index, line in enumerate(lines[:3]):
        if title and _same_words(line, title):
            lines = lines[index + 1 :]
            break
    lines = [line for line in lines if not _FURNITURE_LINE.match(line)]
    # An appeal for money or subscribers at the end is the site's, not the article's.
    while lines and len(lines[-1].split()) <= 80 and _APPEAL.search(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def _same_words(a: str, b: str) -> bool:
    return _words(a) == _words(b)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _choose(texts: list[str], publisher_body: str | None, feed_text: str) -> str:
    """Pick the extraction the page's evidence supports best (see the module doc)."""
    longest = max(len(text.split()) for text in texts)
    if publisher_body and len(publisher_body.split()) >= max(MIN_WORDS, TEASER * longest):
        body = _shingles(publisher_body)
        best = max(texts, key=lambda text: _f1(_shingles(text), body))
        found = _shingles(best)
        if _f1(found, body) < PUBLISHER_AGREEMENT and _covered(body, best) >= PUBLISHER_AGREEMENT:
            # The extraction holds the publisher's article and much else besides (a
            # layout trafilatura misreads, e.g. tables): the article is what the
            # publisher says it is.
            return publisher_body
        return best
    # A much shorter articleBody is a teaser (some publishers put only the first
    # paragraphs there): no evidence either way.
    if len(texts) == 1 or texts[0] == texts[1]:
        return texts[0]
    default, precise = texts
    lead = _shingles(feed_text)
    if lead and _covered(lead, precise) < _covered(lead, default):
        return default  # precision mode lost part of the article
    if len(precise.split()) < 0.5 * len(default.split()):
        return default  # too much lost to be furniture alone
    return precise


def _shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))}


def _covered(part: set[tuple[str, ...]], text: str) -> float:
    return len(part & _shingles(text)) / len(part)


def _f1(found: set[tuple[str, ...]], truth: set[tuple[str, ...]]) -> float:
    common = len(found & truth)
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(truth)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class _Meta:
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    body: str | None = None  # JSON-LD articleBody


def _page_metadata(tree: lxml.html.HtmlElement, base: str) -> _Meta:
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
    return _Meta(
        title=_text(ld_first.get("headline")) or metas.get("og:title"),
        author=_ld_author(ld_first.get("author")) or metas.get("author") or metas.get("dc.creator"),
        published=_datetime(metas.get("article:published_time"))
        or _datetime(_text(ld_first.get("datePublished")))
        or _first_time(tree),
        language=_language(language),
        canonical_url=_absolute(canonical, base) or _absolute(metas.get("og:url"), base),
        image=_absolute(metas.get("og:image"), base),
        body=next((b for a in ld if (b := _paragraphs(a.get("articleBody")))), None),
    )


_BYLINE_CLASS = re.compile(r"author|auteur|autor|byline", re.IGNORECASE)
_BYLINE_PREFIX = re.compile(r"^(by|par|von|por|di|door|av|از)\s+", re.IGNORECASE)


def _byline(tree: lxml.html.HtmlElement) -> str | None:
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


def _datetime(value: str | None) -> datetime | None:
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
        if parsed := _datetime(element.get("datetime")):
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
