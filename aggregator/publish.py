"""Writes the merged feed files (feeds.yaml ``output:``): every format, for all stories
and for each tag, each file replaced atomically so a web server never serves half a
file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from .config import OutputSettings
from .render import FORMATS, FeedMeta, render
from .store.stories import StoryStore


def write_atomically(path: Path, body: bytes) -> None:
    """Replace ``path`` in one step: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as f:
        f.write(body)
        temporary = Path(f.name)
    try:
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def publish(
    session: Session,
    now: Callable[[], datetime],
    output: OutputSettings,
    directory: Path,
    tags: set[str],
) -> list[Path]:
    """Write ``feed.{atom,rss,json}`` (as ``output.formats`` says) into ``directory``,
    and ``tags/TAG/feed.*`` for each tag; returns the files written."""
    written = []
    for tag in [None, *sorted(tags)]:
        with session.begin():
            items = StoryStore(session, now).feed_items(tag=tag, limit=output.max_items)
        meta = FeedMeta(
            title=output.title,
            base_url=output.base_url,
            updated=max((item.updated for item in items), default=now()),
            tag=tag,
        )
        folder = directory if tag is None else directory / "tags" / tag
        for kind in output.formats:
            path = folder / FORMATS[kind]
            write_atomically(path, render(kind, meta, items))
            written.append(path)
    return written
