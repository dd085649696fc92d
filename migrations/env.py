"""Alembic environment: runs the revisions against the connection aggregator hands in.

aggregator.store.migrate passes an open Connection in ``config.attributes``; the
Alembic command line (developers only) gets an Engine from ``sqlalchemy.url``.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from aggregator.store.engine import make_engine
from aggregator.store.migrate import foreign_keys
from aggregator.store.models import Base, UTCDateTime, compared

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, item: Any, autogen: AutogenContext) -> str | bool:
    # Revisions stand alone: our column types are written as the plain types they
    # store, so that a later change to models.py cannot alter an old revision.
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime()"
    return False


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_name=compared,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit("offline (--sql) migrations are not supported")
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            foreign_keys(connection, on=False)  # see foreign_keys: table rebuilds
        try:
            run(connection)
        finally:
            if sqlite:
                foreign_keys(connection, on=True)
    engine.dispose()


main()
