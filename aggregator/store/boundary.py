"""What every store module shares at its edge: SQLAlchemy errors become StoreError
(with the cause a user can act on), the host name that politeness counts by, the
INSERT that knows ON CONFLICT, and the lookup of many feeds' keys at once."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, TypeVarTuple, cast
from urllib.parse import urlsplit

from sqlalchemy import URL, Result, Row, Select, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session

from ..errors import StoreError, StoreUnavailable

P = ParamSpec("P")
R = TypeVar("R")
Ts = TypeVarTuple("Ts")


def translated(method: Callable[P, R]) -> Callable[P, R]:
    """SQLAlchemy errors leave the store as StoreError (one boundary, one place)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except SQLAlchemyError as e:
            raise _store_error(e) from e

    return wrapper


@contextlib.contextmanager
def transaction(session: Session) -> Iterator[None]:
    """``session.begin()``, with its errors translated like the store's, also those
    raised at COMMIT (a full disk shows there)."""
    try:
        with session.begin():
            yield
    except SQLAlchemyError as e:
        raise _store_error(e) from e


class Database:
    """A Session as the code outside store/ holds it: transactions whose errors are
    translated like the store's (also those raised at COMMIT), and a rollback after a
    failed one. The workers, jobs and the daemon hold one of these and the stores app.py
    builds on it, so that none of them imports SQLAlchemy."""

    def __init__(self, session: Session) -> None:
        self.session = session  # for app.py and store/, which build the stores on it

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return transaction(self.session)

    def rollback(self) -> None:
        """Forget a transaction that failed (a full disk): the next one starts clean."""
        self.session.rollback()


def database(handle: Session | Database) -> Database:
    """A Database for a Session (tests and scripts hold Sessions), else itself."""
    return handle if isinstance(handle, Database) else Database(handle)


def _store_error(error: SQLAlchemyError) -> StoreError:
    # OperationalError: the database as a whole (disk, locks, connection), not the
    # values written; the same write succeeds later.
    kind = StoreUnavailable if isinstance(error, OperationalError) else StoreError
    return kind(f"database error: {first_line(error)}")


@contextlib.contextmanager
def explained(url: URL, doing: str = "database error") -> Iterator[None]:
    """SQLAlchemy errors raised inside, also at COMMIT, become one StoreError that says
    what to do (``explain``), else ``doing`` and the driver's message."""
    try:
        yield
    except SQLAlchemyError as e:
        raise type(_store_error(e))(explain(e, url) or f"{doing}: {first_line(e)}") from e
    except StoreError as e:
        # Translated by a store method, which does not know where the database is.
        cause = e.__cause__
        if isinstance(cause, SQLAlchemyError) and (why := explain(cause, url)):
            raise type(e)(why) from cause
        raise


def explain(error: Exception, url: URL) -> str | None:
    """One line for a database error whose cause is one of the usual ones a user can
    act on (a missing or read-only folder, a full disk); None for any other."""
    text = first_line(error)
    database = url.database if url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        return None
    path = Path(database)
    folder = path.parent
    if "disk is full" in text or "disk I/O error" in text:
        return (
            f"cannot write {path}: the disk is full ({text}); what was stored before "
            f"is kept, the rest is stored on the next run once space is freed"
        )
    if not folder.is_dir():
        return (
            f"cannot open database {path}: the folder {folder} does not exist; create it "
            f"or change `database:` in feeds.yaml"
        )
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        unwritable = folder if not os.access(folder, os.W_OK) else path
        if not os.access(unwritable, os.W_OK):
            return (
                f"cannot write database {path}: {unwritable} is read-only; this command "
                f"writes to the database (give write access, or move `database:`)"
            )
    return None


def first_line(error: Exception) -> str:
    """The driver's message, first line only (SQLAlchemy adds SQL and a link)."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def host_of(url: str) -> str:
    """The politeness unit of a URL: its lower-cased host name, port excluded."""
    return (urlsplit(url).hostname or "").lower()


def insert_into(session: Session, model: type[DeclarativeBase]) -> Any:
    """INSERT for the session's backend: both have ON CONFLICT, each its own class."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(cast(Table, model.__table__))


def read(session: Session, query: Select[*Ts]) -> Result[*Ts]:
    """The rows of a SELECT of columns, through the session's connection (Core): the
    ORM's handling of a statement, which such a query does not need, was a third of
    reading a grouping batch's entries (20,000 rows: 0.27 -> 0.19 CPU-s). Pending ORM
    changes are flushed first, as the session's own execute would."""
    session.flush()
    return session.connection().execute(query)


# Keys per SELECT ... IN (...), far below SQLite's variable limit.
KEYS_PER_LOOKUP = 500


def listed_rows(
    session: Session,
    query: Select[int, str, *Ts],
    feed_id: Any,
    key: Any,
    wanted: Mapping[int, Collection[str]],
) -> Iterator[Row[int, str, *Ts]]:
    """The rows of ``query`` whose feed id and key (its first two columns, the
    columns ``feed_id`` and ``key``) are among ``wanted`` (keys by feed): every feed
    at once, in a few statements, rather than a few statements per feed."""
    keys = sorted({k for listed in wanted.values() for k in listed})
    feed_ids = list(wanted)
    for start in range(0, len(keys), KEYS_PER_LOOKUP):
        chunk = keys[start : start + KEYS_PER_LOOKUP]
        for row in read(session, query.where(feed_id.in_(feed_ids), key.in_(chunk))):
            if row[1] in wanted[row[0]]:  # not another feed's key of this chunk
                yield row
