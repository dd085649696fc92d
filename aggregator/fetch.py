"""HTTP for feeds: conditional GET, timeouts, a size cap and explicit redirects.

Returns ``Fetched`` (status 200) or ``NotModified`` (304), or raises ``FetchError``;
httpx exceptions are translated here and nowhere else. No parsing, no database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from .config import FetchSettings
from .errors import FetchError
from .types import CacheInfo, Fetched, NotModified

# Feeds first; HTML last so that a server with content negotiation prefers the feed.
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/feed+json, application/json;q=0.8, application/xml;q=0.8, "
    "text/xml;q=0.7, */*;q=0.1"
)
_REDIRECTS = {301, 302, 303, 307, 308}


def make_client(settings: FetchSettings) -> httpx.Client:
    """The shared HTTP client: timeouts on every phase, no automatic redirects."""
    return httpx.Client(
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.timeout,
        ),
        follow_redirects=False,  # followed by hand below, so each hop is checked
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
        limits=httpx.Limits(
            max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
        ),
    )


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
    settings: FetchSettings,
    clock: Callable[[], float] = time.monotonic,
) -> Fetched | NotModified:
    """GET a feed, following at most ``settings.max_redirects`` redirects.

    Raises:
        FetchError: connection failure, timeout, HTTP status other than 200/304, a
            redirect to a non-http(s) URL or too many of them, a body over
            ``settings.max_bytes``.
    """
    deadline = clock() + settings.timeout
    headers = conditional_headers(cache)
    current = url
    for _hop in range(settings.max_redirects + 1):
        try:
            request = client.build_request("GET", current, headers=headers)
            response = client.send(request, stream=True)
        except httpx.TimeoutException as e:
            raise FetchError(url, f"timed out connecting to {_host(current)}") from e
        except httpx.HTTPError as e:
            raise FetchError(url, f"cannot connect to {_host(current)}: {_reason(e)}") from e
        try:
            if response.status_code in _REDIRECTS:
                current = _redirect_target(url, current, response)
                continue
            new_cache = CacheInfo(
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
            if response.status_code == 304:
                return NotModified(cache=new_cache)
            if response.status_code != 200:
                raise FetchError(
                    url,
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                    status=response.status_code,
                )
            content = _read_capped(url, response, settings.max_bytes, deadline, clock)
            return Fetched(
                url=url,
                final_url=current,
                content=content,
                headers={k.lower(): v for k, v in response.headers.items()},
                cache=new_cache,
            )
        finally:
            response.close()
    raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")


def _redirect_target(url: str, current: str, response: httpx.Response) -> str:
    location = response.headers.get("location")
    if not location:
        raise FetchError(
            url,
            f"HTTP {response.status_code} redirect without a Location header",
            status=response.status_code,
        )
    target: str = urljoin(current, str(location))
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(url, f"redirect to a non-HTTP URL refused: {target}")
    return target


def _read_capped(
    url: str,
    response: httpx.Response,
    max_bytes: int,
    deadline: float,
    clock: Callable[[], float],
) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"response too large: {declared} bytes (limit {max_bytes})")
    chunks: list[bytes] = []
    size = 0
    try:
        # iter_bytes decompresses, so the cap applies to what we would keep in memory.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, f"response too large: over {max_bytes} bytes")
            if clock() > deadline:
                raise FetchError(url, "timed out reading the response (total time limit)")
            chunks.append(chunk)
    except httpx.TimeoutException as e:
        raise FetchError(url, "timed out reading the response") from e
    except httpx.HTTPError as e:
        raise FetchError(url, f"connection broken while reading: {_reason(e)}") from e
    return b"".join(chunks)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text or type(error).__name__
