"""story_sources view

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 01:40:00

A view for people who query the database directly: one row per story and source.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain SQL that SQLite and PostgreSQL both read.
STORY_SOURCES = """
CREATE VIEW story_sources AS
SELECT s.id AS story_id,
       s.title AS story_title,
       s.sources AS story_sources,
       s.updated AS story_updated,
       e.id AS entry_id,
       (e.id = s.representative_id) AS representative,
       f.url AS feed_url,
       coalesce(f.user_title, f.title) AS feed_title,
       e.title AS title,
       e.url AS url,
       coalesce(e.published, e.first_seen) AS published,
       se.relation AS relation,
       se.signal AS signal,
       se.score AS score
FROM stories s
JOIN story_entries se ON se.story_id = s.id
JOIN entries e ON e.id = se.entry_id
JOIN feeds f ON f.id = e.feed_id
"""


def upgrade() -> None:
    op.execute(STORY_SOURCES)


def downgrade() -> None:
    op.execute("DROP VIEW story_sources")
