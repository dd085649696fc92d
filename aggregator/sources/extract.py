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
import re
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

import lxml.html

from ..errors import ExtractError
from ..text import without_control
from ..types import Article, Failure, Page, RawEntry
from .page_meta import as_datetime, byline, page_metadata

# trafilatura itself is imported where a page is extracted, not here: a daemon's main
# process extracts in worker processes (or not at all), and importing it (with jusText,
# htmldate, courlan and their tables) took 7 MB of that process's memory.
EXTRACTOR = f"trafilatura {version('trafilatura')}"
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
    meta = page_metadata(tree, page.final_url)
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
            author=meta.author or doc.author or byline(tree),
            published=meta.published or as_datetime(doc.date),
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
    import trafilatura  # (see EXTRACTOR)

    tree = trafilatura.load_html(content)
    return tree if isinstance(tree, lxml.html.HtmlElement) else None


def _charset(content_type: str | None) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def _run(tree: lxml.html.HtmlElement, url: str, *, favor_precision: bool) -> Any:
    import trafilatura  # (see EXTRACTOR)

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
