"""a feed's own retention

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 05:00:00.000000

`feeds.keep_seconds`: the `keep:` of a feed in feeds.yaml, stored so that a feed
removed from feeds.yaml is still pruned by its own keep. A plain ADD COLUMN on both
databases: no table is rebuilt, so the search triggers stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("feeds", sa.Column("keep_seconds", sa.Integer(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (no rebuild, the triggers stay).
    op.drop_column("feeds", "keep_seconds")
