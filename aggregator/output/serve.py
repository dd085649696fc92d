"""The daemon's HTTP endpoint: the merged feed (/feed.atom, /feed.rss, /feed.json,
/tags/TAG/feed.*, /searches/NAME/feed.*) with ETag and Last-Modified, /healthz and
/metrics, and at / an index of them; HEAD on every path.

Runs in a thread of its own beside the scheduler; reads only what it is handed.
"""

from __future__ import annotations

import dataclasses
import errno
import hmac
import html
import json
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeTimedSerializer
from prometheus_client import CONTENT_TYPE_LATEST
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.serving import WSGIRequestHandler, make_server, select_address_family
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from ..errors import ServeError, StoreError
from ..runtime.metrics import Metrics
from .publish import Document
from .render import ALTERNATE_TYPES

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from ..api import Aggregator

# How long a story page's edit form stays good (seconds).
FORM_AGE = 86400
# What the story pages answer (the rest is feeds, /healthz and /metrics).
_PAGES = ("index", "story", "feeds", "style", "merge", "split")
_TEXT = "text/plain; charset=utf-8"

# The scheduler ticks every second; this much silence means it is stuck.
STALE_AFTER = 60.0


class FeedDocuments:
    """The latest merged feed documents, swapped whole (the daemon renders, the server
    reads, from another thread)."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        self._lock = threading.Lock()

    def replace(self, documents: dict[str, Document], now: datetime) -> None:
        """Serve these from now on. Last-Modified never goes back: a document that
        changed without a newer story (a story merged away or pruned, a saved search
        edited) is stamped ``now``, and so is each first one of this process (what
        changed while it was stopped is not known), or If-Modified-Since would
        answer 304 to a changed document."""
        with self._lock:
            fresh = {}
            for path, document in documents.items():
                before = self._documents.get(path)
                if before is None:
                    stamp = max(now, document.updated)
                elif before.etag == document.etag:
                    stamp = before.updated  # unchanged: so is its stamp
                elif document.updated.replace(microsecond=0) <= before.updated.replace(
                    microsecond=0
                ):
                    stamp = max(now, before.updated + timedelta(seconds=1))
                else:
                    stamp = document.updated
                fresh[path] = dataclasses.replace(document, updated=stamp)
            self._documents = fresh

    def get(self, path: str) -> Document | None:
        with self._lock:
            return self._documents.get(path)

    def paths(self) -> list[str]:
        with self._lock:
            return sorted(self._documents)


def index_page(paths: list[str]) -> bytes:
    """``/``: what is served here, with the merged feeds announced for discovery."""
    feeds = [path for path in paths if "/" not in path] or paths[:3]
    alternates = "".join(
        f'<link rel="alternate" type="{ALTERNATE_TYPES.get(path.rsplit(".", 1)[-1], "")}" '
        f'href="/{html.escape(quote(path))}">'
        for path in feeds
    )
    items = "".join(
        f'<li><a href="/{html.escape(quote(path))}">{html.escape(path)}</a></li>'
        for path in (*paths, "healthz", "metrics")
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>aggregator</title>{alternates}</head><body><h1>aggregator</h1>"
        f"<p>Served here:</p><ul>{items}</ul></body></html>"
    ).encode()


def not_modified(document: Document, match: str | None, since: str | None) -> bool:
    """RFC 9110 13.1: If-None-Match wins; else If-Modified-Since, to the second."""
    if match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in match.split(",")]
        return "*" in tags or document.etag in tags
    if since is None:
        return False
    try:
        moment = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if moment.tzinfo is None:
        return False
    return document.updated.replace(microsecond=0) <= moment


def _why_not_served(host: str, port: int, error: OSError) -> str:
    where = f"{host}:{port}"
    if error.errno == errno.EADDRINUSE:
        return (
            f"cannot serve on {where}: the port is in use (another aggregator daemon, or "
            f"another program); stop it or choose another `serve: port:` in feeds.yaml"
        )
    if error.errno == errno.EACCES:
        return (
            f"cannot serve on {where}: ports below 1024 need privileges; choose a "
            f"`serve: port:` of 1024 or more"
        )
    if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
        return (
            f"cannot serve on {where}: this machine has no such address; check "
            f"`serve: host:` in feeds.yaml"
        )
    return f"cannot serve on {where}: {error.strerror or error}"


class _Quiet(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # requests are not events worth a log line each


class StatusServer:
    """Serves the merged feed, /healthz (200 while the scheduler ticks, else 503) and
    /metrics: a WSGI application (Werkzeug's routing, requests and responses) on
    Werkzeug's threaded server."""

    def __init__(
        self,
        host: str,
        port: int,
        metrics: Metrics,
        last_tick: Callable[[], float | None],
        clock: Callable[[], float] = time.time,
        feeds: FeedDocuments | None = None,
        problems: Callable[[], list[str]] = list,
        reader: Aggregator | None = None,
        allow_edits: bool = False,
        token: str | None = None,
    ) -> None:
        """``reader``: what the story pages read, through the same API as the command
        line; None: no pages, / is an index of what is served. ``allow_edits``: the
        pages may merge stories and split entries out (POST forms with a CSRF token;
        and ``token``, when set, must be given with each)."""
        self.metrics = metrics
        self._reader = reader
        self._allow_edits = allow_edits
        self._token = token
        # Signs the forms' CSRF tokens; a restart makes older forms stale.
        self._forms = URLSafeTimedSerializer(secrets.token_bytes(32), salt="edit-form")
        self.documents = feeds or FeedDocuments()
        self._last_tick = last_tick
        self._clock = clock
        self._problems = problems
        self._routes = Map(
            [
                Rule("/", endpoint="index", methods=["GET"]),
                Rule("/healthz", endpoint="health", methods=["GET"]),
                Rule("/metrics", endpoint="metrics", methods=["GET"]),
                Rule("/stories/<int:story_id>", endpoint="story", methods=["GET"]),
                Rule("/stories/<int:story_id>/merge", endpoint="merge", methods=["POST"]),
                Rule("/stories/<int:story_id>/split", endpoint="split", methods=["POST"]),
                Rule("/feeds", endpoint="feeds", methods=["GET"]),
                Rule("/static/style.css", endpoint="style", methods=["GET"]),
                Rule("/<path:name>", endpoint="document", methods=["GET"]),
            ],
            strict_slashes=False,
        )
        # Bound here, not by Werkzeug, which ends the process when it cannot bind.
        listener = _listen(host, port)
        self.httpd = make_server(
            host, port, self, threaded=True, request_handler=_Quiet, fd=listener.fileno()
        )
        listener.close()  # the server holds its own duplicate of the socket
        self.host = host
        self.port: int = self.httpd.socket.getsockname()[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="serve", daemon=True)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        try:
            endpoint, values = self._routes.bind_to_environ(environ).match()
        except NotFound:
            endpoint, values = "missing", {}
        except HTTPException as error:  # 405 for a POST; HEAD goes with GET
            return error(environ, start_response)
        response = self._answer(request, endpoint, values)
        return response(environ, start_response)

    def _answer(self, request: Request, endpoint: str, values: Mapping[str, Any]) -> Response:
        if endpoint == "index" and self._reader is None:
            return _plain(200, "text/html; charset=utf-8", index_page(self.documents.paths()))
        if endpoint == "health":
            code, body = self.health()
            return _plain(code, "application/json", json.dumps(body).encode())
        if endpoint == "metrics":
            return _plain(200, CONTENT_TYPE_LATEST, self.metrics.render())
        if endpoint == "document" and (document := self.documents.get(values["name"])):
            return _feed(request, document)
        if self._reader is not None and endpoint in _PAGES:
            answer = self._edit if endpoint in ("merge", "split") else self._page
            try:
                return answer(request, endpoint, values, self._reader)
            except StoreError as e:  # a full disk, a lock held too long: try again
                return _plain(503, _TEXT, f"{e}\n".encode())
        return _plain(404, _TEXT, b"not found\n")

    def _page(
        self, request: Request, endpoint: str, values: Mapping[str, Any], reader: Aggregator
    ) -> Response:
        from . import listing, pages  # Jinja2 is loaded when a page is first asked for

        served = self.documents.paths()
        code = 200
        if endpoint == "style":
            response = Response(pages.stylesheet(), content_type="text/css; charset=utf-8")
            response.headers["Cache-Control"] = "max-age=3600"
            return response
        if endpoint == "feeds":
            body = pages.feeds_page(reader.feeds(), served=served)
        elif endpoint == "story":
            found = reader.stories(ids=[values["story_id"]], summaries=True)
            if not found:
                return _plain(404, _TEXT, b"no such story\n")
            form = None
            if self._allow_edits:
                form = (self._forms.dumps("edit"), self._token is not None)
            body = pages.story_page(found[0], served=served, form=form)
        else:
            code, body = listing.story_list(request.args, reader, served)
        response = Response(body, status=code, content_type="text/html; charset=utf-8")
        response.headers.update(pages.PAGE_HEADERS)
        # Kept, but asked about each time: a reader's copy is current while its ETag
        # (the page's own hash) still matches, and the answer is then a 304.
        response.headers["Cache-Control"] = "no-cache"
        if code == 200:
            response.add_etag()
            response.make_conditional(request)
        return response

    def _edit(
        self, request: Request, endpoint: str, values: Mapping[str, Any], reader: Aggregator
    ) -> Response:
        """A merge or a split from a story page's form: refused unless edits are on,
        the form came from our page (its CSRF token) and, when one is set, the token
        is given."""
        from ..api import GroupingOff

        if not self._allow_edits:
            return _plain(403, _TEXT, b"edits are off (serve.allow_edits: false)\n")
        form = request.form
        try:
            self._forms.loads(form.get("csrf", ""), max_age=FORM_AGE)
        except BadSignature:
            return _plain(403, _TEXT, b"this form is stale or not from this site: reload it\n")
        if self._token is not None and not hmac.compare_digest(
            form.get("token", "").encode(), self._token.encode()
        ):
            return _plain(403, _TEXT, b"wrong or missing token (serve.token)\n")
        story_id = values["story_id"]
        try:
            if endpoint == "merge":
                other = form.get("other", type=int)
                if other is None or other == story_id:
                    return _plain(400, _TEXT, b"give the number of another story\n")
                reader.merge([story_id, other])
                where = story_id
            else:
                entry = form.get("entry", type=int)
                if entry is None:
                    return _plain(400, _TEXT, b"give the entry to split out\n")
                if entry not in {e.id for s in reader.stories(ids=[story_id]) for e in s.entries}:
                    return _plain(404, _TEXT, b"no such entry in this story\n")
                where = reader.split(entry)
        except LookupError as e:
            return _plain(404, _TEXT, f"{e}\n".encode())
        except GroupingOff as e:
            return _plain(409, _TEXT, f"{e}\n".encode())
        return redirect(f"/stories/{where}", code=303)

    def health(self) -> tuple[int, dict[str, Any]]:
        """503 when the scheduler has stopped ticking (restart the daemon); 200 while
        it ticks, ``degraded`` with the problems listed when it ticks in vain (the
        database takes no writes, every feed fails): waiting fixes those, a restart
        does not."""
        tick = self._last_tick()
        age = None if tick is None else round(self._clock() - tick, 3)
        ticking = age is not None and age < STALE_AFTER
        problems = self._problems()
        status = "stalled" if not ticking else "degraded" if problems else "ok"
        return (200 if ticking else 503), {
            "status": status,
            "last_tick_age_seconds": age,
            "problems": problems,
        }

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _plain(code: int, content_type: str, body: bytes) -> Response:
    response = Response(body, status=code, content_type=content_type)
    response.headers["Cache-Control"] = "no-store"
    return response


def _feed(request: Request, document: Document) -> Response:
    """A merged feed document, or 304 when the client's copy is current."""
    unchanged = not_modified(
        document, request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
    )
    if unchanged:
        response = Response(status=304)
    else:
        response = Response(document.body, content_type=document.media_type)
    response.headers["ETag"] = document.etag
    response.headers["Last-Modified"] = format_datetime(document.updated, usegmt=True)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or ServeError saying why not."""
    # The family Werkzeug will take the socket to be.
    listener = socket.socket(select_address_family(host, port), socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError as e:
        listener.close()
        raise ServeError(_why_not_served(host, port, e)) from e
    return listener
