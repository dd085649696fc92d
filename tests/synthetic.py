"""Synthetic news for the deduplication tests: distinct articles in made-up words (so
that only real copies share text), and the copies levels 1-3 must recognise."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

_SYLLABLES = [
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "ba", "do", "fe", "gu", "hi",
    "ja", "ko", "la", "me", "no", "pu", "ri", "se", "to", "va", "wi", "xu", "yo", "zi",
]  # fmt: skip
FURNITURE = (
    "Leave a comment below and share this story with your friends. Sign up for our "
    "daily newsletter to get the latest headlines delivered to your inbox every morning."
)
START = datetime(2026, 11, 1, tzinfo=UTC)


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass(frozen=True)
class Article:
    """One feed item: which original it copies (its group), and how."""

    group: int
    kind: str  # original, tracking, retitled, truncated, trimmed
    feed: int
    guid: str
    link: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    return " ".join(chosen).capitalize() + "."


def original(rng: random.Random, words: list[str], group: int, feed: int) -> Article:
    paragraphs = tuple(
        " ".join(_sentence(rng, words) for _ in range(3)) for _ in range(rng.randint(6, 9))
    )
    title = " ".join(rng.choice(words) for _ in range(8)).capitalize()
    return Article(
        group=group,
        kind="original",
        feed=feed,
        guid=f"https://outlet{feed}.example/news/{group}",
        link=f"https://outlet{feed}.example/news/{group}",
        title=title,
        paragraphs=paragraphs,
        published=START + timedelta(minutes=17 * group),
    )


def copies(rng: random.Random, words: list[str], first: Article, feeds: int) -> list[Article]:
    """The copies of ``first`` that other feeds carry, one of each kind."""
    others = [f for f in range(feeds) if f != first.feed]
    rng.shuffle(others)
    later = first.published + timedelta(minutes=rng.randint(5, 600))
    body = first.paragraphs

    def other(kind: str, feed: int, **changes: object) -> Article:
        values: dict[str, object] = {
            "guid": f"urn:outlet{feed}:{first.group}:{kind}",
            "link": f"https://outlet{feed}.example/wire/{first.group}-{kind}",
            "published": later,
            **changes,
        }
        return replace(first, kind=kind, feed=feed, **values)  # type: ignore[arg-type]

    new_title = " ".join(rng.choice(words) for _ in range(7)).capitalize()
    dropped = rng.randrange(1, len(body) - 1)
    return [
        # Level 1: the same link, decorated with tracking parameters, in another feed.
        other(
            "tracking",
            others[0],
            link=f"{first.link}?utm_source=rss&utm_medium=feed&fbclid=IwAR{first.group}",
            guid=f"{first.link}?utm_source=rss&utm_medium=feed&fbclid=IwAR{first.group}",
        ),
        # Level 3: wire copy under its own headline.
        other("retitled", others[1], title=new_title),
        # Level 3: the first paragraphs only (a teaser or a trimmed copy).
        other("truncated", others[2], paragraphs=body[:2]),
        # Level 3: a paragraph dropped, the outlet's furniture added.
        other("trimmed", others[3], paragraphs=(*body[:dropped], *body[dropped + 1 :], FURNITURE)),
    ]


def corpus(seed: int, groups: int, feeds: int = 8) -> list[Article]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    articles = []
    for group in range(groups):
        first = original(rng, words, group, rng.randrange(feeds))
        articles += [first, *copies(rng, words, first, feeds)]
    return articles
