"""Entries as the deduplicator reads them: the entry, its feed, the article's text
when it was extracted, and its membership."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..types import Relation
from .models import Article, Entry, Feed, StoryEntry


@dataclass(frozen=True)
class EntryText:
    """An entry as the deduplicator reads it."""

    entry_id: int
    feed_id: int
    feed_url: str
    published: datetime | None
    first_seen: datetime
    guid: str | None
    url: str | None
    canonical_url: str | None
    title: str
    text: str  # the article's text when extracted, else the feed's
    page_canonical: str | None
    story_id: int | None = None
    seq: int | None = None
    pinned: bool = False
    # The article page: None (no page wanted, or stored before full text), pending,
    # ok, failed, skipped.
    article_status: str | None = None
    # A copy (relation duplicate): the entry it copies (dedup.Indexed.original).
    original: int | None = None


def _entry_columns() -> tuple[Any, ...]:
    return (
        Entry.id,
        Entry.feed_id,
        Feed.url,
        Entry.published,
        Entry.first_seen,
        Entry.guid,
        Entry.url,
        Entry.canonical_url,
        Entry.title,
        Entry.content_text,
        Article.text,
        Article.canonical_url,
        StoryEntry.story_id,
        StoryEntry.seq,
        StoryEntry.pinned,
        Article.status,
        StoryEntry.relation,
        StoryEntry.matched_entry_id,
    )


def entry_query(*columns: Any) -> Any:
    """Entries with their feed, membership and page (the caller adds the WHERE);
    ``columns``: these only, not all that EntryText is made of."""
    return (
        select(*(columns or _entry_columns()))
        .join(Feed, Entry.feed_id == Feed.id)
        .join(StoryEntry, StoryEntry.entry_id == Entry.id)
        .outerjoin(Article, Article.entry_id == Entry.id)
    )


# The columns of an entry's headline and text, as ``headline_and_text`` reads them.
HEADLINE_AND_TEXT = (Entry.title, Entry.content_text, Article.text)


def headline_and_text(row: Any) -> tuple[str, str]:
    """What grouping reads of an entry, from HEADLINE_AND_TEXT: its headline, and the
    article's text when extracted, else the feed's."""
    title, feed_text, article_text = row
    return title or "", article_text or feed_text or ""


def texts(rows: Iterable[Any]) -> list[EntryText]:
    """Rows of ``entry_query`` as EntryText."""
    found = []
    for row in rows:
        title, text = headline_and_text((row[8], row[9], row[10]))
        found.append(
            EntryText(
                entry_id=row[0],
                feed_id=row[1],
                feed_url=row[2],
                published=row[3],
                first_seen=row[4],
                guid=row[5],
                url=row[6],
                canonical_url=row[7],
                title=title,
                text=text,
                page_canonical=row[11],
                story_id=row[12],
                seq=row[13],
                pinned=bool(row[14]),
                article_status=row[15],
                original=row[17] if row[16] == Relation.DUPLICATE else None,
            )
        )
    return found
