"""Applies the Alembic revisions in the top-level migrations/ folder.

Every command upgrades the schema at start, so a fresh database just works; before
changing an existing SQLite file, a copy is kept beside it (``NAME.bak-REVISION``).
Commands started together on a new database upgrade one at a time (see ``upgrade``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from ..errors import StoreError
from .engine import BUSY_TIMEOUT_MS, TEMP_STORE, writer
from .models import Base, compared

# Alembic is loaded only to change the schema (and to check HEAD, in the tests):
# every command compares the database's revision with HEAD first, and a command
# whose database is current starts without it.
if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions (tests/test_store.py checks it against
# Alembic's own view of the scripts).
HEAD = "0011"

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD


def scripts_head() -> str | None:
    """The head revision as Alembic reads it from the scripts (HEAD must be it)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, None for a database without one."""
    with engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to the newest revision, in one transaction.

    Every command upgrades at start, so several may try at once (a daemon and a
    reading command started together on a new database). One upgrades while the
    others wait, then finds nothing left to do: on SQLite the upgrade holds the write
    lock from BEGIN IMMEDIATE to COMMIT; on PostgreSQL, an advisory lock.

    Returns:
        The path of the backup copy made of a SQLite file that had an older schema,
        else None.
    """
    head = head_revision()
    if current_revision(engine) == head:
        return None  # no lock taken: a read-only database at head opens for reading
    from alembic import command

    with writer(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        postgresql = connection.dialect.name == "postgresql"
        if sqlite:
            foreign_keys(connection, on=False)  # checked before the commit instead
            # Statement journals in a file while revisions run: one that rewrites a
            # table in place keeps the table's old pages there (in memory, a table of
            # 130 MB took 143 MB more; in a file, 8).
            pragma(connection, "temp_store", "FILE")
        elif postgresql:
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _PG_LOCK_ID})
            connection.commit()
        try:
            # Begun here, the transaction is Alembic's "external" one: it runs every
            # revision inside it and leaves the commit to us (SQLite would otherwise
            # commit revision by revision, and release the lock in between).
            connection.begin()
            current = _revision(connection)
            if current == head:
                connection.rollback()  # another process upgraded while we waited
                return None
            if current is not None and not _known(current):
                raise StoreError(
                    f"the database schema is at revision {current}, which this version of "
                    f"aggregator does not know (newest known: {head}); upgrade aggregator"
                )
            backup = _backup_sqlite(connection, current)
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
            if connection.in_transaction():
                connection.rollback()
            if sqlite:
                foreign_keys(connection, on=True)
                pragma(connection, "temp_store", TEMP_STORE)
            elif postgresql:
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
    pragma(connection, "foreign_keys", "ON" if on else "OFF")


def pragma(connection: Connection, name: str, value: str) -> None:
    """Set a SQLite pragma on the driver's connection, before SQLAlchemy's BEGIN
    (foreign_keys and temp_store are no-ops, or not yet in force, inside a
    transaction)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA {name}={value}")


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False


def _backup_sqlite(connection: Connection, current: str | None) -> str | None:
    """A copy of a SQLite file that has a schema, made before it is changed.

    ``connection`` holds the write lock and has written nothing yet; SQLite's backup
    API, through a second connection (a writing connection cannot be the source),
    copies the last committed state, the WAL's pages included.
    """
    database = connection.engine.url.database
    if connection.dialect.name != "sqlite" or current is None or not database:
        return None
    source = Path(database)
    target = source.with_name(f"{source.name}.bak-{current}")
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    copy = sqlite3.connect(target)
    try:
        reader.backup(copy)
    finally:
        copy.close()
        reader.close()
    return str(target)


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "include_name": compared},
        )
        return list(compare_metadata(context, Base.metadata))
