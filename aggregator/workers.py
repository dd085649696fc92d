"""What the feed poller and the article extractor share: the per-host cap on requests
in flight, and an HTTP client per worker thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx


class HostSlots:
    """Requests in flight per host, feeds and article pages together.

    Used from the one thread that dispatches work (the drive loop), so it needs no
    lock. Pages leave one place per host free for feeds (when the cap allows more
    than one), so fetching articles never holds a feed poll back.
    """

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._taken: dict[str, int] = {}

    def taken(self, host: str) -> int:
        return self._taken.get(host, 0)

    def limit(self, *, page: bool) -> int:
        return self.per_host - 1 if page and self.per_host > 1 else self.per_host

    def full(self, host: str, *, page: bool = False) -> bool:
        return self.taken(host) >= self.limit(page=page)

    def busy_hosts(self, *, page: bool = False) -> list[str]:
        limit = self.limit(page=page)
        return [host for host, n in self._taken.items() if n >= limit]

    def take(self, host: str) -> None:
        self._taken[host] = self._taken.get(host, 0) + 1

    def give(self, host: str) -> None:
        self._taken[host] -= 1
        if not self._taken[host]:
            del self._taken[host]


class ThreadClients:
    """One HTTP client per worker thread: a shared connection pool serialises the
    workers on its lock (measured: 2.4x slower polls of 1,000 feeds answering 304)."""

    def __init__(self, new_client: Callable[[], httpx.Client]) -> None:
        self._new_client = new_client
        self._clients: list[httpx.Client] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    def get(self) -> httpx.Client:
        """This thread's client, made on first use."""
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = self._new_client()
            with self._lock:
                self._clients.append(client)
        return client

    def close(self, *, in_use: bool) -> None:
        """Forget every client; close them unless work abandoned may still use them."""
        with self._lock:
            if not in_use:
                for client in self._clients:
                    client.close()
            self._clients.clear()
