"""`stories`, `stories show`, `stories merge` and `stories split`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from ..types import (
    StoryView,
)
from .base import cli, with_app
from .filters import (
    feeds_tagged,
    limit_option,
    min_sources_option,
    say_nothing,
    stories_since_option,
)
from .show import counted, short_time, story_json

if TYPE_CHECKING:
    from ..api import Aggregator


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per story.")
@stories_since_option
@min_sources_option
@click.option("--tag", help="Only stories a feed with this tag in feeds.yaml reported.")
@limit_option("stories, most recently changed first")
@with_app(reading=True)
def stories(
    app: Aggregator,
    as_json: bool,
    since: datetime | None,
    min_sources: int,
    tag: str | None,
    limit: int,
) -> None:
    """List stories: the same event from every feed that reported it.

    Entries are grouped as their text becomes final (after their article page is
    fetched); each lists how it joined the story and on what evidence.

    \b
    Example:
        aggregator stories --min-sources 3
        aggregator stories --json --since 2026-11-20 | jq .title
    """
    feeds = feeds_tagged(app, tag) if tag is not None else None
    rows = app.stories(since=since, min_sources=min_sources, limit=limit or None, feeds=feeds)
    for row in rows:
        click.echo(story_json(row) if as_json else _story_block(row))
    if not rows:
        say_nothing("stories")


def _story_block(story: StoryView) -> str:
    outlets = "outlet" if story.sources == 1 else "outlets"
    lines = [f"[{story.id}] {story.title or '(untitled)'}  ({story.sources} {outlets})"]
    for m in story.entries:
        mark = "*" if m.id == story.representative else " "
        evidence = f"{m.relation}" + (f" {m.signal} {m.score:.2f}" if m.score is not None else "")
        lines.append(
            f"  {mark} {m.id}\t{short_time(m.published)}\t{m.feed_title or m.feed_url}\t"
            f"{m.title or ''}\t{evidence}"
        )
    return "\n".join(lines)


@stories.command("show")
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object, as `stories --json`.")
@with_app(reading=True)
def stories_show(app: Aggregator, story_id: int, as_json: bool) -> None:
    """One story with every source: outlet, time, headline, link, and the evidence
    that grouped it (relation, signal, score).

    \b
    Example:
        aggregator stories show 12
    """
    found = app.stories(ids=[story_id])
    if not found:
        raise click.ClickException(f"no story {story_id} (see `aggregator stories`)")
    [story] = found
    if as_json:
        click.echo(story_json(story))
        return
    click.echo(_story_page(story))


def _story_page(story: StoryView) -> str:
    """A story at length: a header, then a block per source, earliest first."""
    lines = [
        f"[{story.id}] {story.title or '(untitled)'}",
        f"  {counted(story.sources, 'outlet', 'outlets')}, "
        f"{counted(len(story.entries), 'report', 'reports')}; first seen "
        f"{short_time(story.first_seen)}, updated {short_time(story.updated)}",
    ]
    for m in story.entries:
        mark = "*" if m.id == story.representative else " "
        evidence = m.relation or "?"
        if m.signal:
            evidence += f" by {m.signal}"
        if m.score is not None:
            evidence += f" (score {m.score:.2f})"
        if m.auto is not None:
            found = m.auto.relation or "?"
            if m.auto.signal:
                found += f" by {m.auto.signal}"
            if m.auto.score is not None:
                found += f" (score {m.auto.score:.2f})"
            evidence += f"; the grouping had found: {found}"
        lines += [
            "",
            f"{mark} {m.feed_title or m.feed_url}  {short_time(m.published)}  (entry {m.id})",
            f"    {m.title or '(untitled)'}",
            f"    {m.url or '(no link)'}",
            f"    {evidence}",
        ]
    return "\n".join(lines)


@stories.command("merge")
@click.argument("story_ids", nargs=-1, type=int, required=True)
@click.option("--title", help="The merged story's title [default: the first story's].")
@with_app()
def stories_merge(app: Aggregator, story_ids: tuple[int, ...], title: str | None) -> None:
    """Merge stories into the first one named; the decision is kept for good, as is
    the first story's title (or --title), and each moved entry keeps the evidence the
    grouping had found beside the manual decision.

    \b
    Example:
        aggregator stories merge 12 15
    """
    if len(set(story_ids)) < 2:
        raise click.UsageError("name at least two different stories")
    try:
        moved = app.merge(list(story_ids), title=title)
    except LookupError as e:
        raise click.ClickException(str(e.args[0])) from e
    click.echo(f"moved {counted(moved, 'entry', 'entries')} into story {story_ids[0]}")


@stories.command("split")
@click.argument("entry_id", type=int)
@with_app()
def stories_split(app: Aggregator, entry_id: int) -> None:
    """Take an entry out of its story into one of its own; the decision is kept.

    \b
    Example:
        aggregator stories split 4711
    """
    try:
        story = app.split(entry_id)
    except LookupError as e:
        raise click.ClickException(str(e.args[0])) from e
    click.echo(f"entry {entry_id} is now in story {story}")
