"""Composition root: builds the engine, HTTP client and Store from Settings; owns close()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .config import Settings
from .errors import StoreError
from .fetch import make_client
from .store import Store
from .store.engine import make_engine, writer
from .store.migrate import current_revision, head_revision, upgrade


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    """Everything one command or daemon run needs, built once and closed once."""

    settings: Settings
    engine: Engine
    now: Callable[[], datetime] = utc_now
    _client: httpx.Client | None = field(default=None, init=False)

    @property
    def client(self) -> httpx.Client:
        # Built on first use: the query commands never make a request.
        if self._client is None:
            self._client = make_client(self.settings.fetch)
        return self._client

    def session(self, *, write: bool = False) -> Session:
        """A new Session; ``write`` takes SQLite's write lock at BEGIN (see engine.py)."""
        return Session(writer(self.engine) if write else self.engine, expire_on_commit=False)

    def store(self, session: Session) -> Store:
        return Store(session, self.now)

    def upgrade(self) -> tuple[str | None, str, str | None]:
        """Migrate the schema to the newest revision.

        Returns:
            (revision before, revision now, path of the SQLite backup copy or None).

        Raises:
            StoreError: the database cannot be opened or migrated.
        """
        try:
            before = current_revision(self.engine)
            backup = upgrade(self.engine)
        except SQLAlchemyError as e:
            raise StoreError(f"cannot open database {_safe(self.engine)}: {_first_line(e)}") from e
        return before, head_revision(), backup

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self.engine.dispose()


def make_app(settings: Settings, *, migrate: bool = True) -> App:
    """Build the App and bring the schema up to date (every command does at start).

    Raises:
        StoreError: the database cannot be opened or migrated.
    """
    app = App(settings=settings, engine=make_engine(settings.database_url))
    if migrate:
        try:
            app.upgrade()
        except StoreError:
            app.close()
            raise
    return app


def _safe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _first_line(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else repr(original)
