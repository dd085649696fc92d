"""The exceptions aggregator raises; one root, one subclass per stage.

    AggregatorError
    ├── ConfigError      feeds.yaml or the environment is unusable (exit status 2)
    ├── FetchError       one feed's HTTP request failed (recorded on that feed)
    ├── ParseError       one feed's body is not a feed we can read (recorded on that feed)
    ├── ExtractError     an article page gave no article (recorded on that page)
    ├── StoreError       the database cannot be opened, migrated or written
    │   └── StoreUnavailable  it takes no writes now (disk full, locked, gone): retry
    └── ServeError       the daemon cannot listen where `serve:` says

Third-party exceptions are translated into these in exactly one place per boundary
(fetch.py for httpx, parse.py for feedparser/json, store/ for SQLAlchemy), always
with ``raise ... from``.
"""

from __future__ import annotations

from .types import Failure


class AggregatorError(Exception):
    """Root of every error aggregator raises on purpose."""


class ConfigError(AggregatorError):
    """The configuration is invalid; the message names file, line, key and expectation."""


class FeedError(AggregatorError):
    """Something went wrong with one feed; the other feeds are unaffected.

    Attributes:
        url: the feed's configured URL.
        kind: a short, stable category for logs, metrics and the ``feeds`` listing.
    """

    kind = "error"

    def __init__(self, url: str, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.message = message
        if kind is not None:
            self.kind = kind

    def __str__(self) -> str:
        return self.message

    def failure(self) -> Failure:
        """The error as data, for the feed's result."""
        return Failure(self.kind, self.message)


class FetchError(FeedError):
    """The HTTP exchange failed: connection, timeout, status, size cap, redirects."""

    kind = "fetch"

    def __init__(
        self,
        url: str,
        message: str,
        *,
        status: int | None = None,
        kind: str = "fetch",
        retry_after: str | None = None,
        host: str | None = None,
    ) -> None:
        # http, timeout, connect, too-large, redirect, address-policy
        super().__init__(url, message, kind=kind)
        self.status = status
        self.retry_after = retry_after  # the Retry-After header of a 429/503
        self.host = host  # the host that answered (after redirects), when one did

    def failure(self) -> Failure:
        return Failure(self.kind, self.message, self.retry_after, self.host)


class ParseError(FeedError):
    """The body was fetched but is not a readable RSS, Atom, RDF or JSON feed."""

    kind = "parse"


class ExtractError(AggregatorError):
    """An article page gave no usable article; the entry keeps its feed's text.

    ``kind``: not-html, empty, paywall, shorter, timeout, internal.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    def failure(self) -> Failure:
        """The error as data, for the page's result."""
        return Failure(self.kind, str(self))


class StoreError(AggregatorError):
    """The database is unreachable, has an unknown schema, or refused a write."""


class StoreUnavailable(StoreError):
    """The database takes no writes at the moment (a full disk, a read-only file, a
    lock held too long, a lost connection), whatever is written: what was to be
    stored is kept and stored later, not recorded as a failure of its own."""


class ServeError(AggregatorError):
    """The daemon cannot listen on the `serve:` host and port (in use, no such address)."""
