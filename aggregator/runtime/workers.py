"""What the feed poller and the article extractor share: the per-host cap on requests
in flight, an HTTP client per host, and how finished work is stored."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import httpx

from ..errors import StoreError, StoreUnavailable
from ..store.boundary import Database
from ..types import HostRoom

T = TypeVar("T")
S = TypeVar("S")


class HostSlots:
    """Requests in flight per host, feeds and article pages together.

    Used from the one thread that dispatches work (the drive loop), so it needs no
    lock. Pages leave one place per host free for feeds (when the cap allows more
    than one), so fetching articles never holds a feed poll back.
    """

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._taken: dict[str, int] = {}

    def limit(self, *, page: bool) -> int:
        return self.per_host - 1 if page and self.per_host > 1 else self.per_host

    def busy_hosts(self, *, page: bool = False) -> list[str]:
        limit = self.limit(page=page)
        return [host for host, n in self._taken.items() if n >= limit]

    def room(self, *, page: bool) -> HostRoom:
        """The cap as a claim applies it: the limit, and what is in flight now."""
        return HostRoom(self.limit(page=page), dict(self._taken))

    def take(self, host: str) -> None:
        self._taken[host] = self._taken.get(host, 0) + 1

    def give(self, host: str) -> None:
        self._taken[host] -= 1
        if not self._taken[host]:
            del self._taken[host]


# A claim that found less than it had room for is not repeated for this long (a claim
# costs a write transaction), unless something may have become due meanwhile.
QUIET_SECONDS = 0.5
# How often the leases of dead processes on this machine are looked for.
LEASE_CHECK_SECONDS = 30.0


class ClaimPacing:
    """When a claim is worth making, and when to look for dead processes' leases."""

    def __init__(self) -> None:
        self._quiet_until = 0.0
        self._next_lease_check = 0.0

    def quiet(self) -> bool:
        """A recent claim found everything that was due."""
        return time.monotonic() < self._quiet_until

    def wake(self) -> None:
        """Something may be due now (new entries, a freed host)."""
        self._quiet_until = 0.0

    def claimed(self, found: int, room: int) -> None:
        if found < room:
            self._quiet_until = time.monotonic() + QUIET_SECONDS

    def lease_check_due(self) -> bool:
        """True once every LEASE_CHECK_SECONDS (and the first time)."""
        now = time.monotonic()
        if now < self._next_lease_check:
            return False
        self._next_lease_check = now + LEASE_CHECK_SECONDS
        return True


# Hosts whose clients (and keep-alive connections) are kept while idle: at most this
# many, each for at most this long (httpx's own keep-alive expiry).
IDLE_HOSTS = 128
IDLE_SECONDS = 5.0


class HostClients:
    """An HTTP client per host with work in flight or done lately. An outlet's feeds
    (and pages) then reuse the keep-alive connections of its host's client instead of
    each opening its own: measured on 1,000 conditional GETs over 100 hosts, 0.38 ms
    of CPU a request against 0.64 ms with a client per worker thread, and a third
    of the time. Only as many threads as the per-host cap use one client at once, so
    its connection pool's lock is not a bottleneck (a single client shared by all
    the workers was: 2.4x slower).

    Used from the one thread that dispatches work (``take`` as work starts, ``give``
    as it finishes); a worker thread uses the client it is handed. Clients idle for
    IDLE_SECONDS, or beyond the IDLE_HOSTS most recently used, are closed, so that
    the sockets kept open stay few whatever the number of hosts.
    """

    def __init__(
        self, new_client: Callable[[], httpx.Client], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._new_client = new_client
        self._clock = clock
        self._clients: dict[str, httpx.Client] = {}
        self._users: dict[str, int] = {}
        # Idle hosts, least recently given back first, with when.
        self._idle: OrderedDict[str, float] = OrderedDict()

    def take(self, host: str) -> httpx.Client:
        """The client for work on ``host`` about to start."""
        client = self._clients.get(host)
        if client is None:
            client = self._clients[host] = self._new_client()
        self._users[host] = self._users.get(host, 0) + 1
        self._idle.pop(host, None)
        return client

    def give(self, host: str) -> None:
        """Work on ``host`` has finished with its client."""
        self._users[host] -= 1
        if not self._users[host]:
            del self._users[host]
            self._idle[host] = self._clock()
        self._sweep()

    def open_hosts(self) -> int:
        return len(self._clients)

    def _sweep(self) -> None:
        now = self._clock()
        while self._idle:
            host, since = next(iter(self._idle.items()))
            if len(self._idle) <= IDLE_HOSTS and now - since < IDLE_SECONDS:
                break
            del self._idle[host]
            self._clients.pop(host).close()

    def close(self, *, after: Callable[[], None] | None = None) -> None:
        """Forget every client and close them: at once, or, when work abandoned may
        still use them, once ``after`` returns (it waits for that work, which ends by
        its own timeouts), in a thread of its own."""
        clients = list(self._clients.values())
        self._clients.clear()
        self._users.clear()
        self._idle.clear()

        def close_all() -> None:
            if after is not None:
                after()
            for client in clients:
                client.close()

        if after is None:
            close_all()
        else:
            threading.Thread(target=close_all, name="close-clients", daemon=True).start()


@dataclass
class Stored(Generic[T, S]):
    """What ``store_all`` stored (each item with what saving it returned) and what it
    could not store because the database took no writes (``unavailable``)."""

    done: list[tuple[T, S]] = field(default_factory=list)
    left: list[T] = field(default_factory=list)
    unavailable: StoreUnavailable | None = None


def store_all(
    db: Database,
    items: list[T],
    save: Callable[[list[T]], list[S]],
    save_alone: Callable[[T], S],
) -> Stored[T, S]:
    """Store finished work in one transaction (one commit for many); should the
    database refuse one of them (a value it will not take), each in a transaction of
    its own, so that only that one fails (``save_alone`` records it as failed).

    Should the database take no writes at all (a full disk), nothing is lost: what
    was not committed comes back in ``left``, for the caller to store again later.
    """
    if not items:
        return Stored()
    try:
        with db.transaction():
            saved = save(items)
        return Stored(list(zip(items, saved, strict=True)))
    except StoreUnavailable as e:
        return Stored(left=list(items), unavailable=e)
    except StoreError:
        pass
    stored: Stored[T, S] = Stored()
    for n, item in enumerate(items):
        try:
            stored.done.append((item, save_alone(item)))
        except StoreUnavailable as e:
            stored.left, stored.unavailable = items[n:], e
            break
    return stored
