"""`entries`, `search` and `export`: reading what is stored."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..output.render import FORMATS
from ..types import (
    MARK_END,
    MARK_START,
    EntryView,
    FeedPart,
    SearchHit,
    StoryView,
)
from .base import cli, with_app
from .filters import (
    feed_options,
    feeds_asked,
    feeds_tagged,
    limit_option,
    min_sources_option,
    parse_since,
    say_nothing,
    stories_since_option,
)
from .show import counted, deliver, jsonable, short_time, story_record

if TYPE_CHECKING:
    from ..api import Aggregator


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per entry.")
@feed_options
@click.option(
    "--since",
    callback=parse_since,
    metavar="WHEN",
    help="Only entries published at or after this (2026-11-20, 2026-11-20T08:00Z, or 12h, 1d ago).",
)
@limit_option("entries, newest first")
@with_app(reading=True)
def entries(
    app: Aggregator,
    as_json: bool,
    feed_urls: tuple[str, ...],
    tag: str | None,
    since: datetime | None,
    limit: int,
) -> None:
    """List stored entries, newest first.

    \b
    Example:
        aggregator entries --json --since 2026-11-20 --limit 50
    """
    feeds = feeds_asked(app, feed_urls, tag)
    rows = app.entries(feeds=feeds, since=since, limit=limit or None)
    for row in rows:
        click.echo(_entry_json(row) if as_json else _entry_line(row))
    if not rows:
        say_nothing("entries")


def _entry_json(entry: EntryView) -> str:
    return json.dumps(jsonable(asdict(entry)), ensure_ascii=False)


def _entry_line(entry: EntryView) -> str:
    when = short_time(entry.published or entry.first_seen)
    return "\t".join([when, entry.feed_title or entry.feed_url, entry.title or "", entry.url or ""])


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per entry.")
@click.option(
    "--since",
    callback=parse_since,
    metavar="WHEN",
    help="Only entries published at or after this (2026-11-20, 2026-11-20T08:00Z, or 12h, 1d ago).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many."
)
@click.option("--newest", is_flag=True, help="The latest entries first, not the best matches.")
@feed_options
@click.option(
    "--stories",
    "by_story",
    is_flag=True,
    help="One line per story (its best match), not one per outlet's copy.",
)
@with_app(reading=True)
def search(
    app: Aggregator,
    query: str,
    as_json: bool,
    since: datetime | None,
    limit: int,
    newest: bool,
    feed_urls: tuple[str, ...],
    tag: str | None,
    by_story: bool,
) -> None:
    """Search the titles and text of stored entries, best match first.

    All words must appear; "a phrase" as written; `or` between two terms accepts
    either; -word excludes (PostgreSQL's websearch syntax, on both databases).
    English words match their other forms: "attacks" finds "attack".

    \b
    Example:
        aggregator search 'balochistan attack -cricket'
        aggregator search '"state of emergency" or curfew' --json | jq .url
        aggregator search flood --tag south-asia --newest
    """
    from ..websearch import QueryError

    feeds = feeds_asked(app, feed_urls, tag)
    # By story: enough copies that `limit` stories are found (each copy of a story
    # matches alike, and the best one stands for it).
    wanted = limit * SEARCH_COPIES if by_story else limit
    try:
        hits = app.search(query, since=since, limit=wanted, newest=newest, feeds=feeds)
    except QueryError as e:
        raise click.UsageError(str(e)) from e
    if by_story:
        best = _best_per_story(hits)[:limit]
        ids = [hit.entry.story_id for hit in best if hit.entry.story_id is not None]
        by_id = {story.id: story for story in app.stories(ids=ids)}
    if by_story:
        for hit in best:
            story = by_id.get(hit.entry.story_id or -1)
            click.echo(_story_hit_json(story, hit) if as_json else _story_hit_line(story, hit))
    else:
        for hit in hits:
            click.echo(_hit_json(hit) if as_json else _hit_block(hit))
    if not hits:
        say_nothing("entries match" if not by_story else "stories match")


# `search --stories` reads this many copies per story asked for.
SEARCH_COPIES = 5


def _best_per_story(hits: list[SearchHit]) -> list[SearchHit]:
    """The first hit of each story, in the hits' order (an entry not grouped yet
    stands alone)."""
    seen: set[int] = set()
    best = []
    for hit in hits:
        story = hit.entry.story_id
        if story is None or story not in seen:
            best.append(hit)
            if story is not None:
                seen.add(story)
    return best


def _story_hit_line(story: StoryView | None, hit: SearchHit) -> str:
    snippet = " ".join(hit.snippet.replace(MARK_START, "").replace(MARK_END, "").split())
    if story is None:  # not grouped yet
        return f"[-] {hit.entry.title or ''}  (1 outlet, not grouped yet)\n    {snippet}"
    outlets = counted(story.sources, "outlet", "outlets")
    return f"[{story.id}] {story.title or '(untitled)'}  ({outlets})\n    {snippet}"


def _story_hit_json(story: StoryView | None, hit: SearchHit) -> str:
    record: dict[str, Any] = story_record(story) if story is not None else {"id": None}
    record["rank"] = round(hit.rank, 6)
    record["entry_id"] = hit.entry.id
    record["snippet"] = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    return json.dumps(record, ensure_ascii=False)


def _hit_json(hit: SearchHit) -> str:
    record = jsonable(asdict(hit.entry))
    record["rank"] = round(hit.rank, 6)
    record["snippet"] = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    return json.dumps(record, ensure_ascii=False)


def _hit_block(hit: SearchHit) -> str:
    # Matches in bold; click drops the styling when the output is not a terminal.
    snippet = " ".join(hit.snippet.split())
    for part in (MARK_START, MARK_END):
        snippet = snippet.replace(part, "\x00")
    pieces = snippet.split("\x00")
    shown = "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(pieces))
    return f"{_entry_line(hit.entry)}\n    {shown}"


@cli.command()
@click.option(
    "--format",
    "kind",
    type=click.Choice(sorted(FORMATS)),
    default="atom",
    show_default=True,
    help="Atom 1.0, RSS 2.0 or JSON Feed 1.1.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@stories_since_option
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="At most this many stories, most recently changed first [default: output.max_items].",
)
@click.option("--tag", help="Only stories carried by a feed with this tag.")
@click.option(
    "--search",
    "search",
    metavar="NAME",
    help="Only the stories of this saved search (output.searches in feeds.yaml).",
)
@min_sources_option
@with_app(reading=True)
def export(
    app: Aggregator,
    kind: str,
    output: Path | None,
    since: datetime | None,
    limit: int | None,
    tag: str | None,
    search: str | None,
    min_sources: int,
) -> None:
    """Write the merged feed: one item per story, with every outlet that carried it.

    \b
    Example:
        aggregator export --format rss --output public/feed.rss
        aggregator export --format json --tag world --min-sources 2
        aggregator export --search balochistan
    """

    saved = app.settings.output.searches
    if tag is not None and search is not None:
        raise click.UsageError("give --tag or --search, not both")
    if search is not None and search not in saved:
        known = ", ".join(sorted(saved)) or "none"
        raise click.BadParameter(
            f"no saved search {search!r} in output.searches (there: {known})",
            param_hint="--search",
        )
    if tag is not None:
        feeds_tagged(app, tag)
    part = FeedPart(tag=tag, search=search)
    body, listed = app.export(kind, part, since=since, min_sources=min_sources, limit=limit)
    deliver(body, output, counted(listed, "story", "stories"))
    if not listed:
        say_nothing("stories in the feed", "yet")
