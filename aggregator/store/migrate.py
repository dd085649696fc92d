"""Applies the Alembic revisions in the top-level migrations/ folder.

Every command upgrades the schema at start, so a fresh database just works; before
changing an existing SQLite file, a copy is kept beside it (``NAME.bak-REVISION``).
On PostgreSQL several daemons may start at once, so the upgrade holds an advisory lock.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, text

from ..errors import StoreError
from .models import Base, compared

# An arbitrary constant naming aggregator's migration lock among PostgreSQL's
# advisory locks (pg_advisory_lock takes a bigint).
_PG_LOCK_ID = 0x61676772  # "aggr"


def migrations_dir() -> Path:
    """The Alembic script folder: inside an installed wheel, else the source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_migrations", here.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError(f"Alembic scripts not found beside {here}")


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to the newest revision.

    Returns:
        The path of the backup copy made of a SQLite file that had an older schema,
        else None.
    """
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None and not _known(current):
        raise StoreError(
            f"the database schema is at revision {current}, which this version of "
            f"aggregator does not know (newest known: {head}); upgrade aggregator"
        )
    backup = _backup_sqlite(engine, current)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            foreign_keys(connection, on=False)  # checked before the commit instead
        elif connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _PG_LOCK_ID})
            connection.commit()
        try:
            command.upgrade(_config(connection), "head")
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    connection.rollback()
                    raise StoreError(
                        f"the schema upgrade would break {len(broken)} references "
                        f"(first: {tuple(broken[0])}); nothing was changed"
                    )
            connection.commit()
        finally:
            if sqlite:
                foreign_keys(connection, on=True)
            elif connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _PG_LOCK_ID})
                connection.commit()
    return backup


def foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign keys for this connection, outside any transaction.

    A batch migration rebuilds a table (copy, drop, rename); with foreign keys on, the
    drop deletes (cascades) every row that refers to the table. The pragma is a no-op
    inside a transaction, so it goes to the driver's connection, before SQLAlchemy's
    BEGIN.
    """
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False


def _backup_sqlite(engine: Engine, current: str | None) -> str | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or current is None or not database:
        return None
    source = Path(database)
    target = source.with_name(f"{source.name}.bak-{current}")
    with engine.connect() as connection:
        # Fold the WAL into the main file so the copy is complete.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(source, target)
    return str(target)


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "include_name": compared},
        )
        return list(compare_metadata(context, Base.metadata))
