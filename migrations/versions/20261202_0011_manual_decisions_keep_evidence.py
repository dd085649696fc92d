"""a user's merge keeps the evidence it overrode, and the story's title

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 08:00:00.000000

`story_entries.auto_relation`, `auto_signal`, `auto_score`: what the grouping had
found for an entry (relation, signal, score) before a user placed it (`stories merge`
or `split`), kept beside the manual decision; NULL for an entry no user placed.
`stories.user_title`: the title a merged story keeps (the first story's, or
`stories merge --title`), whatever entry represents it later. Plain ADD COLUMNs on
both databases: no table is rebuilt, so the search triggers stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("story_entries", sa.Column("auto_relation", sa.String(length=10)))
    op.add_column("story_entries", sa.Column("auto_signal", sa.String(length=20)))
    op.add_column("story_entries", sa.Column("auto_score", sa.Float()))
    op.add_column("stories", sa.Column("user_title", sa.Text()))


def downgrade() -> None:
    op.drop_column("stories", "user_title")
    op.drop_column("story_entries", "auto_score")
    op.drop_column("story_entries", "auto_signal")
    op.drop_column("story_entries", "auto_relation")
