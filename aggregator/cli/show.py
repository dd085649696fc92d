"""Formatting shared by the commands: times, counts, JSON values, a story as JSON, and
where a document goes (standard output or a file)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..types import (
    StoryView,
)

if TYPE_CHECKING:
    pass


def story_json(story: StoryView) -> str:
    return json.dumps(story_record(story), ensure_ascii=False)


def story_record(story: StoryView) -> dict[str, Any]:
    """A story as `stories --json` prints it, as JSON values."""
    members = [
        {
            "id": m.id,
            "url": m.url,
            "feed_url": m.feed_url,
            "title": m.title,
            "published": m.published,
            "relation": m.relation,
            "signal": m.signal,
            "score": m.score,
            # Placed by a user: what the grouping had found (null otherwise).
            "auto": asdict(m.auto) if m.auto is not None else None,
        }
        for m in story.entries
    ]
    record: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen,
        "updated": story.updated,
        "representative": story.representative,
        "sources": story.sources,
        "entries": members,
    }
    return {key: jsonable(value) for key, value in record.items()}


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def short_time(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def deliver(body: bytes, output: Path | None, what: str) -> None:
    """A document to standard output, or atomically to ``output`` (saying so)."""
    from ..output.publish import write_atomically

    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    write_atomically(output, body)
    click.echo(f"wrote {what} to {output}", err=True)
