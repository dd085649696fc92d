"""Many rows in one go, where a poll or a grouping batch writes thousands: the SQL is
made once, each value converted by its column's type here, and the rows go to the
driver as they are.

SQLAlchemy's own executemany works every row's parameters out again through the
compiled statement (its construct_params): for an UPDATE of 20,000 memberships that
was as long as the database's own work, and it was a fifth of inserting a first poll's
entries (converting their datetimes, a quarter more: see UTCDateTime). Values are
converted exactly as SQLAlchemy converts them for the backend (the column type's
processor for that dialect), so the rows stored are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Session


def insert_many(
    session: Session,
    model: type[DeclarativeBase],
    rows: Sequence[dict[str, Any]],
    *,
    unique: Sequence[str] | None = None,
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """INSERT the rows (each with the columns of the first), as multi-row VALUES;
    ``unique``: ON CONFLICT (those columns; empty: any) DO NOTHING, a row that is
    there already is left out; ``returning``: these columns of the rows inserted
    (in no particular order)."""
    if not rows:
        return []
    table = cast(Table, model.__table__)
    connection = session.connection()
    quote = connection.dialect.identifier_preparer.quote
    columns = list(rows[0])
    # Positional parameters: sqlite3's qmark, psycopg's format.
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    one = "(" + ", ".join([mark] * len(columns)) + ")"
    head = f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, columns))}) VALUES "
    tail = ""
    if unique is not None:
        target = f" ({', '.join(map(quote, unique))})" if unique else ""
        tail += f" ON CONFLICT{target} DO NOTHING"
    if returning:
        tail += " RETURNING " + ", ".join(map(quote, returning))
    values = _converted(connection, table, columns, rows)
    found: list[tuple[Any, ...]] = []
    # Rows per statement within the backend's limit on parameters, as SQLAlchemy's
    # own multi-row inserts (999 on a SQLite before 3.32, else 32,700).
    per = max(connection.dialect.insertmanyvalues_max_parameters // len(columns), 1)
    for start in range(0, len(values), per):
        chunk = values[start : start + per]
        statement = head + ", ".join([one] * len(chunk)) + tail
        result = connection.exec_driver_sql(statement, tuple(v for row in chunk for v in row))
        if returning:
            found += [tuple(row) for row in result]
    return found


def update_many(
    session: Session, model: type[DeclarativeBase], key: str, rows: Sequence[dict[str, Any]]
) -> None:
    """One UPDATE ... WHERE key = ? for many rows (executemany), each row's columns
    by name (those of the first row)."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    # Parameter names must differ from column names in an UPDATE's SET clause.
    statement = (
        update(table)
        .where(table.c[key] == bindparam(f"p_{key}"))
        .values({column: bindparam(f"p_{column}") for column in rows[0] if column != key})
    )
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    columns = list(rows[0])
    values = _converted(connection, table, columns, rows)
    if compiled.positional:
        at = {f"p_{column}": n for n, column in enumerate(columns)}
        order = [at[name] for name in compiled.positiontup or ()]
        connection.exec_driver_sql(
            compiled.string, [tuple(row[n] for n in order) for row in values]
        )
    else:
        names = [f"p_{column}" for column in columns]
        connection.exec_driver_sql(
            compiled.string, [dict(zip(names, row, strict=True)) for row in values]
        )


def _converted(
    connection: Connection, table: Table, columns: list[str], rows: Sequence[dict[str, Any]]
) -> list[list[Any]]:
    """Each row's values in the order of ``columns``, as the driver takes them: through
    the processor of each column's type for this backend (its dialect's implementation:
    on SQLite a datetime becomes the text SQLAlchemy stores, not the driver's own)."""
    dialect = connection.dialect
    pairs: list[tuple[str, Callable[[Any], Any] | None]] = []
    for column in columns:
        process = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        pairs.append((column, _remembering(process) if process else None))
    return [
        [row[column] if process is None else process(row[column]) for column, process in pairs]
        for row in rows
    ]


_NOTHING = object()


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process``, converting a value again only when it is not the one before: rows
    written together share values (a poll's time is each entry's first_seen and
    last_changed; a batch's seq and time are every membership's): converting 20,000
    entries' rows took 113 ms, now 53; 20,000 memberships' 49, now 14. By identity:
    the same object converts the same, nothing changing it while one call's rows are
    converted."""
    last: Any = _NOTHING
    converted: Any = None

    def remembered(value: Any) -> Any:
        nonlocal last, converted
        if value is not last:
            last, converted = value, process(value)
        return converted

    return remembered
