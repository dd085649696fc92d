"""The merged feed documents: rendered from the database (every format, for all
stories and for each tag), written to files (feeds.yaml ``output:``), each replaced
atomically so a web server never serves half a file, and served by the daemon."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import OutputSettings
from ..store.boundary import Database
from ..store.story_views import StoryViews
from ..types import FeedItem, FeedPart
from .render import FORMATS, MEDIA_TYPES, FeedMeta, feed_folder, render


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


@dataclass(frozen=True)
class Document:
    """One rendered feed file."""

    body: bytes
    media_type: str
    updated: datetime  # the newest change of its stories
    etag: str


def items_of(
    db: Database,
    output: OutputSettings,
    part: FeedPart,
    *,
    since: datetime | None = None,
    min_sources: int = 1,
    limit: int | None = None,
) -> list[FeedItem]:
    """The stories of one merged feed, most recently changed first."""
    query = None
    if part.search is not None:
        saved = output.searches[part.search]
        query, min_sources = saved.query, max(min_sources, saved.min_sources)
    return StoryViews(db.session).feed_items(
        since=since,
        min_sources=min_sources,
        tag=part.tag,
        search=query,
        limit=limit or output.max_items,
    )


def rendered(
    db: Database, now: Callable[[], datetime], output: OutputSettings, tags: set[str]
) -> dict[str, Document]:
    """Every merged feed document by its path (``feed.atom``, ``tags/TAG/feed.json``,
    ``searches/NAME/feed.rss``...): each of ``output.formats``, for all stories, each
    tag and each saved search."""
    parts = [
        FeedPart(),
        *(FeedPart(tag=tag) for tag in sorted(tags)),
        *(FeedPart(search=name) for name in sorted(output.searches)),
    ]
    documents = {}
    for part in parts:
        with db.transaction():
            items = items_of(db, output, part)
        for kind in output.formats:
            documents[feed_folder(part) + FORMATS[kind]] = document(kind, output, items, part, now)
    return documents


def document(
    kind: str,
    output: OutputSettings,
    items: Sequence[FeedItem],
    part: FeedPart,
    now: Callable[[], datetime],
) -> Document:
    """One merged feed document of ``items``."""
    meta = FeedMeta(
        title=output.title,
        base_url=output.base_url,
        updated=max((item.updated for item in items), default=now()),
        part=part,
    )
    body = render(kind, meta, items)
    return Document(
        body=body,
        media_type=MEDIA_TYPES[kind],
        updated=meta.updated,
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
    )


# In the output directory: the files the last write_files wrote, one per line, so
# that only those are ever removed (the directory may hold a user's own files).
MANIFEST = ".aggregator-files"


def write_files(directory: Path, documents: dict[str, Document]) -> None:
    """Write each document under ``directory``, atomically, and remove the files an
    earlier call wrote that are no longer among them (a tag, saved search or format
    gone from feeds.yaml): a web server must not serve them frozen."""
    try:
        before = set((directory / MANIFEST).read_text("utf-8").splitlines())
    except FileNotFoundError:
        before = set()
    for relative, document in documents.items():
        write_atomically(directory / relative, document.body)
    write_atomically(directory / MANIFEST, "".join(f"{r}\n" for r in sorted(documents)).encode())
    for relative in sorted(before - set(documents)):
        path = directory / relative
        if not path.resolve().is_relative_to(directory.resolve()):
            continue  # a manifest edited by hand must not reach outside
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == directory or not folder.is_relative_to(directory):
                break
            with contextlib.suppress(OSError):  # not empty: someone else's files
                folder.rmdir()
