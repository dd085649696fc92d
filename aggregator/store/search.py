"""Full-text search over entries: SQLite FTS5, or PostgreSQL's own full-text search.

The indexes are kept by triggers (migration 0006); this module only reads them. The
query syntax is websearch.py's on both backends.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    bindparam,
    column,
    exists,
    func,
    select,
    table,
    text,
)
from sqlalchemy.orm import QueryableAttribute, Session

from ..types import MARK_END, MARK_START, SearchHit
from ..websearch import QueryError, to_fts5
from .entries import query_entries
from .models import Entry, StoryEntry, UTCDateTime

# Typed, so that a time compares with the stored (naive UTC) text on SQLite.
_SINCE = bindparam("since", type_=UTCDateTime)

# Title matches weigh ten times body matches (bm25's per-column weights).
_SQLITE = """
SELECT s.rowid AS id, -bm25(entries_search, 10.0, 1.0) AS rank,
       snippet(entries_search, 1, :start, :end, '\u2026', 24) AS snippet
FROM entries_search s
JOIN entries e ON e.id = s.rowid
WHERE entries_search MATCH :match
  AND (:since IS NULL OR coalesce(e.published, e.first_seen) >= :since){feeds}
ORDER BY {order}
LIMIT :limit
"""

# ts_rank_cd rewards matches close together; the title's weight is A (1.0), the
# body's B (0.4). ts_headline reads the text again, so it runs on the hits only (the
# inner query), in the same statement.
_POSTGRESQL = """
SELECT h.id, h.rank,
       ts_headline('english', coalesce(nullif(a.text, ''), e.content_text),
                   websearch_to_tsquery('english', :query), :options) AS snippet
FROM (
    SELECT s.entry_id AS id, ts_rank_cd(s.document, q) AS rank,
           row_number() OVER (ORDER BY {order}) AS n
    FROM entry_search s
    JOIN entries e ON e.id = s.entry_id,
         websearch_to_tsquery('english', :query) q
    WHERE s.document @@ q
      AND (CAST(:since AS timestamp) IS NULL
           OR coalesce(e.published, e.first_seen) >= :since){feeds}
    ORDER BY {order}
    LIMIT :limit
) h
JOIN entries e ON e.id = h.id
LEFT JOIN articles a ON a.entry_id = e.id
ORDER BY h.n
"""

_NEWEST = "coalesce(e.published, e.first_seen) DESC, e.id DESC"
_FEEDS = "\n  AND e.feed_id IN (SELECT id FROM feeds WHERE url IN :feeds)"
_BEST = {
    "sqlite": "bm25(entries_search, 10.0, 1.0), e.id DESC",
    "postgresql": "ts_rank_cd(s.document, q) DESC, e.id DESC",
}
_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" \u2026 "'
)


def search(
    session: Session,
    query: str,
    *,
    since: datetime | None,
    limit: int,
    newest: bool = False,
    feeds: Collection[str] | None = None,
) -> list[SearchHit]:
    """Entries matching ``query``, best first (``newest``: the latest first);
    ``feeds``: only the entries of these feed URLs.

    Raises:
        websearch.QueryError: nothing to search for in ``query``.
    """
    match = to_fts5(query)  # also rejects an empty query on PostgreSQL
    dialect = session.get_bind().dialect.name
    # Fixed SQL either way (nothing of the user's goes into the statement's text).
    order = _NEWEST if newest else _BEST[dialect]
    fixed = {"order": order, "feeds": "" if feeds is None else _FEEDS}
    if dialect == "postgresql":
        statement = text(_POSTGRESQL.format(**fixed)).bindparams(_SINCE)
        params: dict[str, Any] = {
            "query": query,
            "since": since,
            "limit": limit,
            "options": _HEADLINE_OPTIONS,
        }
    else:
        statement = text(_SQLITE.format(**fixed)).bindparams(_SINCE)
        params = {
            "match": match,
            "since": since,
            "limit": limit,
            "start": MARK_START,
            "end": MARK_END,
        }
    if feeds is not None:
        # Typed: an empty list becomes an empty subquery of that type, and text must
        # compare with text on PostgreSQL.
        statement = statement.bindparams(bindparam("feeds", expanding=True, type_=Text))
        params["feeds"] = list(feeds)
    found = [(row.id, float(row.rank), row.snippet) for row in session.execute(statement, params)]
    if not found and dialect == "postgresql" and _only_stop_words(session, query):
        # Said, not an empty answer: SQLite's FTS5 has no stop words and finds them.
        raise QueryError(
            f"nothing to search for in {query!r}: PostgreSQL's english search ignores "
            "words as common as these"
        )
    entries = {e.id: e for e in query_entries(session, ids=[entry_id for entry_id, _, _ in found])}
    hits = []
    for entry_id, rank, snippet in found:
        entry = entries.get(entry_id)
        if entry is None:
            continue  # pruned between the two queries (another process's prune)
        hits.append(SearchHit(entry=entry, rank=rank, snippet=snippet or ""))
    return hits


def matching(session: Session, query: str) -> Select[tuple[int]]:
    """The ids of the entries matching ``query``, as a subquery (saved searches: the
    stories that have one).

    Raises:
        websearch.QueryError: nothing to search for in ``query``.
    """
    match = to_fts5(query)
    if session.get_bind().dialect.name == "postgresql":
        found = text(
            "SELECT entry_id AS id FROM entry_search "
            "WHERE document @@ websearch_to_tsquery('english', :query)"
        ).bindparams(query=query)
    else:
        found = text(
            "SELECT rowid AS id FROM entries_search WHERE entries_search MATCH :match"
        ).bindparams(match=match)
    ids = found.columns(column("id", Integer)).subquery("matching")
    return select(ids.c.id)


# How a listing finds the stories with a match (SQLite). Collecting every match first
# costs about 0.7 us per match; walking the stories in order and looking each one's
# entries up in the index costs about 130 us per lookup, and a page of 50 stories
# needs about 50 / d lookups when a share d of the N entries match. The walk is
# cheaper when d * d * N > 130 / 0.7 * 50, i.e. matches ** 2 > 10^4 * N: a word
# such as "said" (10^5 stories, d = 0.5: 10 ms against 130 ms); rarer ones the other
# way (d = 0.05: 20 ms against 200 ms).
DENSE = 10_000
_FTS = table("entries_search", column("rowid", Integer))


def has_match(
    session: Session, query: str, story_id: QueryableAttribute[int]
) -> ColumnElement[bool]:
    """A condition on a listing of stories: the story ``story_id`` has an entry that
    matches ``query`` (saved searches, the story pages' search box).

    Raises:
        websearch.QueryError: nothing to search for in ``query``.
    """
    if session.get_bind().dialect.name == "sqlite":
        match = to_fts5(query)
        found = session.scalar(
            text("SELECT count(*) FROM entries_search WHERE entries_search MATCH :match"),
            {"match": match},
        )
        stored = session.scalar(select(func.max(Entry.id)))
        if found and stored and found * found > DENSE * stored:
            return exists(
                select(1)
                .select_from(StoryEntry)
                .join(_FTS, _FTS.c.rowid == StoryEntry.entry_id)
                .where(
                    StoryEntry.story_id == story_id,
                    text("entries_search MATCH :dense_match").bindparams(dense_match=match),
                )
            )
    matched = select(StoryEntry.story_id).where(StoryEntry.entry_id.in_(matching(session, query)))
    return story_id.in_(matched)


def _only_stop_words(session: Session, query: str) -> bool:
    """Whether PostgreSQL's english configuration leaves nothing of ``query``."""
    nodes = session.scalar(
        text("SELECT numnode(websearch_to_tsquery('english', :query))"), {"query": query}
    )
    return not nodes
