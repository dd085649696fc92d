"""What every store module shares at its edge: SQLAlchemy errors become StoreError,
the host name that politeness counts by, and the INSERT that knows ON CONFLICT."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast
from urllib.parse import urlsplit

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session

from ..errors import StoreError

P = ParamSpec("P")
R = TypeVar("R")


def translated(method: Callable[P, R]) -> Callable[P, R]:
    """SQLAlchemy errors leave the store as StoreError (one boundary, one place)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except SQLAlchemyError as e:
            original = getattr(e, "orig", None) or e
            text = str(original).strip().splitlines()
            raise StoreError(f"database error: {text[0] if text else type(e).__name__}") from e

    return wrapper


def host_of(url: str) -> str:
    """The politeness unit of a URL: its lower-cased host name, port excluded."""
    return (urlsplit(url).hostname or "").lower()


def insert_into(session: Session, model: type[DeclarativeBase]) -> Any:
    """INSERT for the session's backend: both have ON CONFLICT, each its own class."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(cast(Table, model.__table__))
