"""Which database URLs the store opens, and create_engine with the connection settings
each backend needs.

SQLite: WAL journal (readers, such as a user's ``sqlite3`` session, never block the
writer and vice versa), a busy timeout, foreign keys on every connection. pysqlite's
own transaction handling is switched off so that SQLAlchemy's ``BEGIN`` is real: a
write transaction says ``BEGIN IMMEDIATE`` and takes the write lock up front, so two
writers queue on the busy timeout instead of failing with "database is locked" when a
read lock cannot be upgraded.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

BUSY_TIMEOUT_MS = 30_000
# Where SQLite keeps its temporary storage on every connection (see make_engine), and
# during a schema upgrade (migrate.py).
TEMP_STORE = "MEMORY"
# Execution option that marks a write transaction (see ``writer``).
_IMMEDIATE = "aggregator_sqlite_immediate"


# The drivers aggregator is tested with; another driver would fail at first use with
# an ImportError, far from the line that chose it.
_DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def database_url(url: str, base: Path) -> str:
    """A database URL the store can open: a SQLAlchemy URL with a tested driver; a
    relative SQLite path is taken relative to ``base``.

    Raises:
        ValueError: what is wrong with it, for a message that says where it came from.
    """
    expected = (
        "a SQLAlchemy URL such as sqlite:///aggregator.db or postgresql+psycopg://user@host/dbname"
    )
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise ValueError(f"expected {expected}, got {url!r}") from e
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise ValueError(f"expected {expected}, got {url!r}")
    # Plain postgresql:// would mean psycopg2, which aggregator does not install.
    parsed = parsed.set(drivername=driver)
    if driver == "postgresql+psycopg" and importlib.util.find_spec("psycopg") is None:
        raise ValueError("PostgreSQL needs the psycopg driver: pip install 'aggregator[postgres]'")
    if driver == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError(
                "an in-memory SQLite database would lose every poll; "
                "expected a file such as sqlite:///aggregator.db"
            )
        db_path = Path(parsed.database).expanduser()
        if not db_path.is_absolute():
            db_path = (base / db_path).resolve()
        parsed = parsed.set(database=str(db_path))
    return parsed.render_as_string(hide_password=False)


def unwritable_sqlite(url: str) -> bool:
    """A SQLite file that exists, in a folder (or itself) this process cannot write."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return False
    path = Path(parsed.database)
    if not path.is_file():
        return False
    return not (os.access(path.parent, os.W_OK) and os.access(path, os.W_OK))


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An Engine for ``url`` with the pragmas and transaction behaviour described above.

    ``read_only`` (SQLite): for reading a database in a folder this process cannot
    write. SQLite needs a ``-shm`` file beside a WAL database; where none can be
    created, a database no one is writing (no ``-wal`` file) opens as immutable, and
    one that a writer has open (another user's daemon) read-only through its files.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # pool_pre_ping: a daemon outlives PostgreSQL restarts and idle-connection reaping.
        return create_engine(parsed, pool_pre_ping=True)

    if read_only and parsed.database:
        path = Path(parsed.database).resolve()
        mode = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
        uri = f"file:{quote(str(path))}?{mode}"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )

        engine = create_engine(parsed, creator=connect)
    else:
        read_only = False
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # None = autocommit at the driver level; SQLAlchemy emits BEGIN below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not read_only:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            # NORMAL is durable across application crashes in WAL mode; only a power
            # loss can drop the last transactions, never corrupt the file.
            cursor.execute("PRAGMA synchronous=NORMAL")
            # 8 MiB of page cache per connection (the default is 2): the upper levels
            # of every index stay in memory; the rest is in the OS's file cache a
            # system call away. 32 MiB cost a daemon's peak 26 MB at 10^6 stored and
            # grouping no speed (benchmarks/cluster_scale.py), and each pooled
            # connection fills its own.
            cursor.execute("PRAGMA cache_size=-8192")
            # SQLite's temporary storage (statement journals, the ephemeral tables
            # some statements use) in memory, not in temporary files: there, the
            # 20,000 membership updates of grouping a first poll made 344,677 write
            # system calls (SQLite's own time 0.43 s; 0.18 s in memory). A statement
            # journal holds the old pages one statement changes: ours change few
            # (chunks of ids); schema upgrades, which may rewrite a table, use a file
            # (migrate.py). Sorts still spill to files; retention's ranking of each
            # feed's entries (keep_at_least) buffers one feed's at a time: 10^6
            # entries of a single feed, 69 MB instead of 16 (1,000 feeds of 1,000:
            # 8 MB either way). A daemon's peak RSS at 10^6 stored
            # (benchmarks/cluster_scale.py): 277 MB either way.
            cursor.execute(f"PRAGMA temp_store={TEMP_STORE}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (and pool), with transactions that will write (BEGIN IMMEDIATE)."""
    return engine.execution_options(**{_IMMEDIATE: True})
