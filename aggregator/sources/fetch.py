"""HTTP for feeds: conditional GET, timeouts, a size cap, explicit redirects, and the
address policy (netguard.py) under every connection.

Returns ``Fetched`` (status 200) or ``NotModified`` (304), or raises ``FetchError``;
httpx exceptions are translated here and nowhere else. No parsing, no database.
"""

from __future__ import annotations

import ssl
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError
from ..types import CacheInfo, Fetched, FetchPolicy, NotModified
from .netguard import AddressRefused, GuardedTransport, Network, deadline

# Feeds first; HTML last so that a server with content negotiation prefers the feed.
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/feed+json, application/json;q=0.8, application/xml;q=0.8, "
    "text/xml;q=0.7, */*;q=0.1"
)
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# Only what _Inflater can decode with a bound on its output (no br/zstd).
ACCEPT_ENCODING = "gzip, deflate"
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}


def make_client(
    *,
    user_agent: str,
    concurrency: int,
    allow_private_networks: bool,
    allowed_networks: Sequence[Network] = (),
    ssl_context: ssl.SSLContext | None = None,
) -> httpx.Client:
    """The shared HTTP client: no automatic redirects, no proxies from the environment
    (a proxy would hide the real destination from the address policy).
    ``ssl_context``: shared by the clients of one run (see tls_context)."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    transport = GuardedTransport(
        allowed_networks=allowed_networks,
        limits=limits,
        check=not allow_private_networks,
        ssl_context=ssl_context,
    )
    return httpx.Client(
        transport=transport,
        follow_redirects=False,  # followed by hand below, so each hop is checked
        trust_env=False,
        headers={
            "User-Agent": user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )


def tls_context() -> ssl.SSLContext:
    """The TLS settings httpx would make for each client (certifi's CA bundle, or
    SSL_CERT_FILE / SSL_CERT_DIR), made once: loading the bundle costs tens of
    milliseconds of CPU, per client, and a poll makes a client per worker thread. An
    SSLContext is safe to share between threads."""
    return httpx.create_ssl_context()


def conditional_headers(cache: CacheInfo) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the stored validators (RFC 9110 §13.1)."""
    headers = {}
    if cache.etag:
        headers["If-None-Match"] = cache.etag
    if cache.last_modified:
        headers["If-Modified-Since"] = cache.last_modified
    return headers


def fetch_feed(
    client: httpx.Client,
    url: str,
    cache: CacheInfo,
    policy: FetchPolicy,
    clock: Callable[[], float] = time.monotonic,
    *,
    accept: str = ACCEPT,
) -> Fetched | NotModified:
    """GET a feed (or, with ``accept=ACCEPT_HTML``, an article page), following at
    most ``policy.max_redirects`` redirects.

    ``policy.timeout`` bounds the whole exchange, redirects and body included.

    Raises:
        FetchError: connection failure or refusal, timeout, HTTP status other than
            200/304, a redirect to a non-http(s) URL or too many of them, a body over
            ``policy.max_bytes`` (after decompression).
    """
    at = clock() + policy.timeout
    with deadline(at):  # every socket operation below ends by then (netguard.py)
        return _fetch(client, url, cache, policy, clock, at, accept)


def _fetch(
    client: httpx.Client,
    url: str,
    cache: CacheInfo,
    policy: FetchPolicy,
    clock: Callable[[], float],
    deadline: float,
    accept: str,
) -> Fetched | NotModified:
    headers = conditional_headers(cache)
    headers["Accept"] = accept
    current = url
    permanent: str | None = None
    still_permanent = True  # only a leading run of 301/308 moves the feed
    for _hop in range(policy.max_redirects + 1):
        response = _send(client, url, current, headers, policy, deadline, clock)
        try:
            if response.status_code != 200:
                # Read what little there is, so the connection can be kept alive
                # (httpcore closes a connection whose response was not read through).
                _drain(response)
            if response.status_code in _REDIRECTS:
                target = _redirect_target(url, current, response)
                if still_permanent and response.status_code in _PERMANENT:
                    permanent = target
                else:
                    still_permanent = False
                current = target
                continue
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            new_cache = CacheInfo(
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
            if response.status_code == 304:
                return NotModified(new_cache, response_headers, permanent)
            if response.status_code != 200:
                raise FetchError(
                    url,
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                    status=response.status_code,
                    kind="http",
                    retry_after=response.headers.get("retry-after"),
                    host=(urlsplit(current).hostname or "").lower(),
                )
            content = _read_capped(url, response, policy.max_bytes, deadline, clock)
            return Fetched(url, current, content, response_headers, new_cache, permanent)
        finally:
            response.close()
    raise FetchError(url, f"too many redirects (more than {policy.max_redirects})", kind="redirect")


def _send(
    client: httpx.Client,
    url: str,
    current: str,
    headers: dict[str, str],
    policy: FetchPolicy,
    deadline: float,
    clock: Callable[[], float],
) -> httpx.Response:
    host = _host(current)
    remaining = deadline - clock()
    if remaining <= 0:
        raise FetchError(
            url, f"timed out (total {policy.timeout:g} s) before {host}", kind="timeout"
        )
    timeout = httpx.Timeout(
        connect=min(policy.connect_timeout, remaining),
        read=min(policy.read_timeout, remaining),
        write=min(policy.read_timeout, remaining),
        pool=remaining,
    )
    try:
        request = client.build_request("GET", current, headers=headers, timeout=timeout)
        return client.send(request, stream=True)
    except AddressRefused as e:
        raise FetchError(url, str(e), kind="address-policy") from e
    except httpx.ConnectTimeout as e:
        raise FetchError(url, f"timed out connecting to {host}", kind="timeout") from e
    except httpx.TimeoutException as e:
        if clock() >= deadline - 0.05:  # the total limit, not one slow read
            raise FetchError(
                url, f"timed out (total {policy.timeout:g} s) waiting for {host}", kind="timeout"
            ) from e
        raise FetchError(url, f"timed out waiting for {host} to answer", kind="timeout") from e
    except httpx.UnsupportedProtocol as e:
        raise FetchError(url, f"unsupported URL: {current}", kind="redirect") from e
    except httpx.HTTPError as e:
        reason = _reason(e)
        if reason.startswith("cannot resolve"):  # netguard's own words, already complete
            raise FetchError(url, reason, kind="connect") from e
        raise FetchError(url, f"cannot connect to {host}: {reason}", kind="connect") from e


# Bodies of redirects, 304s and errors are read up to this much to keep the connection.
_DRAIN_LIMIT = 64 * 1024


def _drain(response: httpx.Response) -> None:
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > _DRAIN_LIMIT:
        return  # not worth it: the connection is closed instead
    size = 0
    try:
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > _DRAIN_LIMIT:
                return
    except httpx.HTTPError:
        return  # the status is what matters; a broken body is not an error here


def _redirect_target(url: str, current: str, response: httpx.Response) -> str:
    location = response.headers.get("location")
    if not location:
        raise FetchError(
            url,
            f"HTTP {response.status_code} redirect without a Location header",
            status=response.status_code,
            kind="redirect",
        )
    target: str = urljoin(current, str(location))
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(url, f"redirect to a non-HTTP URL refused: {target}", kind="redirect")
    return target


def _read_capped(
    url: str,
    response: httpx.Response,
    max_bytes: int,
    deadline: float,
    clock: Callable[[], float],
) -> bytes:
    declared = response.headers.get("content-length")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if declared and declared.isdigit() and int(declared) > max_bytes and encoding == "identity":
        raise FetchError(
            url, f"response too large: {declared} bytes (limit {max_bytes})", kind="too-large"
        )
    inflater = _Inflater(url, encoding, max_bytes)
    chunks: list[bytes] = []
    try:
        # No deadline check here: every socket read already ends by the request's
        # deadline (netguard.deadline), which raises the timeout handled below.
        for raw in response.iter_raw():
            chunks.extend(inflater.feed(raw))
        chunks.extend(inflater.finish())
    except httpx.TimeoutException as e:
        if clock() >= deadline - 0.05:
            raise FetchError(
                url, "timed out reading the response (total time limit)", kind="timeout"
            ) from e
        raise FetchError(url, "timed out reading the response", kind="timeout") from e
    except httpx.HTTPError as e:
        raise FetchError(
            url, f"connection broken while reading: {_reason(e)}", kind="connect"
        ) from e
    return b"".join(chunks)


class _Inflater:
    """Decompresses gzip/deflate with a hard cap on the output.

    zlib is asked for at most the remaining allowance per call, so a gzip bomb (a few
    kB that inflate to gigabytes) is cut off at the cap instead of being inflated.
    """

    def __init__(self, url: str, encoding: str, max_bytes: int) -> None:
        self.url = url
        self.max_bytes = max_bytes
        self.size = 0
        if encoding in ("identity", ""):
            self.zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.zlib = zlib.decompressobj()  # zlib-wrapped, as RFC 9110 says it is
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}", kind="http")

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.zlib is None:
            yield self._count(data)
            return
        while data:
            try:
                out = self.zlib.decompress(data, self.max_bytes - self.size + 1)
            except zlib.error as e:
                raise FetchError(self.url, f"corrupt compressed body: {e}", kind="http") from e
            yield self._count(out)
            data = self.zlib.unconsumed_tail

    def finish(self) -> Iterator[bytes]:
        if self.zlib is not None:
            yield self._count(self.zlib.flush())

    def _count(self, out: bytes) -> bytes:
        self.size += len(out)
        if self.size > self.max_bytes:
            raise FetchError(
                self.url, f"response too large: over {self.max_bytes} bytes", kind="too-large"
            )
        return out


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text or type(error).__name__
