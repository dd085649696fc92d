"""The network edge under httpx: the address policy, and the total time limit.

Address policy for outgoing connections: no loopback, private, link-local, CGNAT,
multicast, reserved or unspecified addresses (IPv4 and IPv6, IPv4-mapped included).

A feed URL is user input, and a feed can redirect anywhere: without this, a feed
could make the daemon read cloud metadata (169.254.169.254) or a LAN admin page. The
check runs inside the connection itself, on the address actually connected to, for
every hop and every connection; the name is resolved once and the socket connects
to that checked address (no second lookup that DNS rebinding could answer
differently). ``fetch: allow_private_networks: true`` lifts the policy;
``fetch: allowed_networks`` lifts it for listed networks only.

Total time: httpx has connect, read and write timeouts, each per operation, so a
server that sends one header byte every few seconds is never cut off. Every socket
operation here also stops at the deadline of the request in progress, set by
``fetch.py`` with ``deadline()`` (a context variable: each worker thread has its own).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Not covered by `is_global` in every Python version, or worth naming in messages.
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class AddressRefused(Exception):
    """A connection to a forbidden address was refused before it was made."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(
            f"refused to connect to {host} ({address}): {reason} address; set "
            f"'fetch: allow_private_networks: true' (or list the network in "
            f"'fetch: allowed_networks') in feeds.yaml to allow it"
        )
        self.host = host
        self.address = address


def forbidden_reason(address: IPAddress) -> str | None:
    """Why connecting to ``address`` is refused, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None:
            return forbidden_reason(embedded)
    for reason, test in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("carrier-grade NAT", isinstance(address, ipaddress.IPv4Address) and address in _CGNAT),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if test:
            return reason
    if not address.is_global:
        return "non-global"
    return None


_DEADLINE: ContextVar[float | None] = ContextVar("aggregator_deadline", default=None)


@contextlib.contextmanager
def deadline(at: float) -> Iterator[None]:
    """Within this block, network operations stop at ``at`` (time.monotonic())."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    at = _DEADLINE.get()
    if at is None:
        return timeout
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise error("total time limit reached")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation ends by the current deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with the address check between resolving and connecting
    (unless ``check`` is off), and the deadline on every socket operation."""

    def __init__(
        self,
        allowed_networks: Sequence[Network] = (),
        resolve: Callable[[str, int], Iterable[str]] | None = None,
        *,
        check: bool = True,
    ) -> None:
        self._inner = httpcore.SyncBackend()
        self._allowed = tuple(allowed_networks)
        self._resolve = resolve or _resolve
        self._check = check

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = list(dict.fromkeys(self._resolve(host, port)))
        except OSError as e:
            why = e.strerror if isinstance(e, socket.gaierror) and e.strerror else str(e)
            raise httpcore.ConnectError(f"cannot resolve {host}: {why}") from e
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        for text in addresses if self._check else ():
            address = ipaddress.ip_address(text.split("%", 1)[0])
            reason = forbidden_reason(address)
            # Refuse if any address is forbidden: a name that mixes public and private
            # records is a rebinding attempt or a misconfiguration, never a feed host.
            if reason and not any(address in net for net in self._allowed):
                raise AddressRefused(host, text, reason)
        error: Exception | None = None
        for text in addresses:
            try:
                stream = self._inner.connect_tcp(
                    text,
                    port,
                    _bounded(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options=socket_options,
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        assert error is not None
        raise error

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:  # pragma: no cover - never configured
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore retries only
        self._inner.sleep(seconds)


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with a GuardedBackend under its connection pool."""

    def __init__(
        self,
        *,
        allowed_networks: Sequence[Network] = (),
        limits: httpx.Limits,
        check: bool = True,
        resolve: Callable[[str, int], Iterable[str]] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context``: one to share between transports (building one loads the
        CA bundle: tens of milliseconds), else a new one as httpx makes it."""
        super().__init__(verify=ssl_context if ssl_context is not None else True, limits=limits)
        # httpx does not take a network backend; its pool does. Same arguments as
        # HTTPTransport.__init__ builds it with (httpx 0.28).
        ssl_context = self._pool._ssl_context
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(allowed_networks, resolve, check=check),
        )
