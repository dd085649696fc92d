"""SHA-256 digests of entries: their content hash (an edit changes it) and the keys of
entries with no usable GUID or link (domain/identity.py). Pure."""

from __future__ import annotations

import hashlib
from datetime import datetime


def digest(*parts: str | None) -> str:
    """The hex SHA-256 of the parts, each ended by a NUL (None counts as empty)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update((part or "").encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def content_hash(
    guid: str | None,
    url: str | None,
    title: str | None,
    summary: str | None,
    content: str | None,
    author: str | None,
    published: datetime | None,
    updated: datetime | None,
) -> str:
    """Changes when anything a reader sees of an entry does: an edit."""
    return digest(
        guid,
        url,
        title,
        summary,
        content,
        author,
        published.isoformat() if published else None,
        updated.isoformat() if updated else None,
    )
