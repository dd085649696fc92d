"""memberships decided before the article's text arrived

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:00:00.000000

`story_entries.awaits_text`: true when the entry was grouped on its feed's text
because its article page was still pending (`dedup.text_wait` passed). Once the page
is extracted the entry is decided again on the whole article, unless a user placed
it. Indexed: the deduplicator looks for the few true rows on every run. A plain ADD
COLUMN and CREATE INDEX on both databases: no table is rebuilt, so the search
triggers stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "story_entries",
        sa.Column("awaits_text", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_story_entries_awaits_text", "story_entries", ["awaits_text"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_story_entries_awaits_text", table_name="story_entries")
    op.drop_column("story_entries", "awaits_text")
