"""The ``aggregator`` command line: parses arguments, calls app/pipeline, prints results.

Command names, options and JSON fields are an interface that scripts rely on; keep
them. AggregatorError becomes a click error here and nowhere else: a configuration
problem exits with status 2, a database problem with 1.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

# Only what every command needs is imported here; each command imports what it uses
# (trafilatura, SQLAlchemy, pydantic, the dedup index...), so that `--help` and a
# query start at once (benchmarks/startup.py).
from .errors import AggregatorError, ConfigError
from .logs import configure as configure_logging
from .render import FORMATS
from .types import (
    MARK_END,
    MARK_START,
    ArticleResult,
    Assigned,
    EntryView,
    FeedPart,
    FeedResult,
    FeedSource,
    FeedView,
    PageBacklog,
    SearchHit,
    StoredCounts,
    StoryView,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from sqlalchemy.orm import Session

    from .app import App
    from .config import FetchSettings
    from .deduplicate import Deduplicator
    from .prune import Pruned

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_CONFIG = "feeds.yaml"
LOG_LEVELS = ["debug", "info", "warning", "error"]


class ConfigProblem(click.ClickException):
    """A bad feeds.yaml: exit status 2, like a usage error, but without the usage text."""

    exit_code = 2


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except ConfigError as e:
        raise ConfigProblem(str(e)) from e
    except AggregatorError as e:
        raise click.ClickException(str(e)) from e


# WARNING: keep in sync with the thread_name_prefix of the Poller's and the
# Extractor's pools (pipeline.py, articles.py).
NETWORK_THREAD_PREFIXES = ("poll", "page")
INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def _exit_now_if_stuck(code: int) -> None:
    """Leave at once if poll or page threads still wait on the network after a stop.

    Their requests end by their own timeouts, up to fetch.timeout later; the
    interpreter would wait for them at exit, and a stop is promised within 10 s.
    Everything complete is committed and the leases are released before this.
    """
    if any(
        t.name.startswith(NETWORK_THREAD_PREFIXES) and t.is_alive() for t in threading.enumerate()
    ):
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(code)


class _Commands(click.Group):
    """The top-level group: Ctrl-C in any command, in whatever phase, ends it the
    same way (what is stored stays, exit status 130, no "Aborted!")."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: what was stored so far is kept", err=True)
            ctx.close()  # releases leases and the database before a possible os._exit
            _exit_now_if_stuck(INTERRUPTED)
            raise SystemExit(INTERRUPTED) from None


def _from_before(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option given before the command name (``aggregator --config x.yaml poll``,
    the habit of git and docker users) counts unless the command is given it too."""
    assert param.name is not None
    if ctx.get_parameter_source(param.name) is ParameterSource.COMMANDLINE:
        return value
    outer = ctx.parent
    while outer is not None:
        if outer.get_parameter_source(param.name) is ParameterSource.COMMANDLINE:
            return outer.params[param.name]
        outer = outer.parent
    return value


def _config_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_CONFIG,
        envvar="AGGREGATOR_CONFIG",
        show_default=True,
        callback=_from_before,
        help=help_text,
    )


def _log_level_option(default: str) -> Callable[[F], F]:
    return click.option(
        "--log-level",
        type=click.Choice(LOG_LEVELS),
        default=default,
        show_default=True,
        callback=_from_before,
        help="Log events (one logfmt line each) at this level and above to stderr.",
    )


def with_app(
    *, migrate: bool = True, log_default: str = "error", reading: bool = False
) -> Callable[[F], F]:
    """Add --config and --log-level, build the App, and close it when the command ends.

    ``reading``: the command only reads, so it works on a database it cannot write.
    """

    def decorator(command: F) -> F:
        @_config_option("The feeds.yaml to use (env AGGREGATOR_CONFIG).")
        @_log_level_option(log_default)
        @functools.wraps(command)
        def wrapper(config_path: Path, log_level: str, **kwargs: Any) -> Any:
            from .app import make_app
            from .config import load_settings

            if click.get_current_context().invoked_subcommand:
                return None  # a group whose own command is not the one asked for
            configure_logging(log_level)
            with _errors():
                settings = load_settings(config_path, os.environ)
                app = make_app(settings, migrate=migrate, reading=reading)
            click.get_current_context().call_on_close(app.close)
            with _errors(), app.guarded():
                return command(app, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aggregator")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The feeds.yaml every command uses (also accepted after the command name).",
)
@click.option(
    "--log-level",
    type=click.Choice(LOG_LEVELS),
    help="The log level of every command (also accepted after the command name).",
)
def cli(config_path: Path | None, log_level: str | None) -> None:
    """Collect news feeds, group the same story across outlets, query the result.

    \b
    Example:
        aggregator poll && aggregator entries --limit 20
        aggregator --config ~/news.yaml stories --limit 10
    """


@cli.command()
@_config_option("Where to write the new feeds.yaml (env AGGREGATOR_CONFIG).")
def init(config_path: Path) -> None:
    """Write a first feeds.yaml: the database, two example feeds, and every setting
    at its default (commented out), to edit from there. An existing file is never
    overwritten.

    \b
    Example:
        aggregator init --config ~/news/feeds.yaml
    """
    from .starter import EXAMPLE_FEEDS, starter, write_starter

    try:
        write_starter(config_path, starter())
    except FileExistsError as e:
        raise click.ClickException(
            f"{config_path} exists already; edit it, or give another path with --config"
        ) from e
    except OSError as e:
        raise click.FileError(str(config_path), hint=e.strerror) from e
    click.echo(f"wrote {config_path}: {len(EXAMPLE_FEEDS)} example feeds; next: aggregator poll")


@cli.command()
@click.option("--force", is_flag=True, help="Poll every feed now, not only those due.")
@click.option(
    "--feed",
    "feed_urls",
    metavar="URL",
    multiple=True,
    help="Poll only this feed of feeds.yaml, now, due or not (repeatable).",
)
@with_app()
def poll(app: App, force: bool, feed_urls: tuple[str, ...]) -> None:
    """Poll the feeds that are due and store their new entries.

    Every feed is due on a new database. Exits 0 when the poll ran, even if some
    feeds failed (each failure is printed on one line); non-zero only when it could
    not run at all.

    \b
    Example:
        aggregator poll --config feeds.yaml
    """
    from rich.console import Console

    from .drive import run_once

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    with app.session(write=True) as session:
        store = app.store(session)
        with session.begin():
            store.sync_feeds(app.settings.feeds)
        sources = app.settings.feeds
        if feed_urls:
            sources = _named_sources(app, feed_urls)
            force = True  # a feed named is polled now
        with session.begin():
            due = store.due_count([f.url for f in sources], force=force)
        pages = _PageCount()
        backlog = functools.partial(_backlog, app) if app.full_text else None
        with _PollProgress(err, due, backlog) as progress:

            def report(result: FeedResult, counts: StoredCounts) -> None:
                progress.feed_done()
                if result.error is not None:
                    err.print(f"failed: {result.source.url}: {result.error}", markup=False)

            def page_done(result: ArticleResult) -> None:
                pages(result)
                progress.page_done()

            poller, extractor = app.workers(session, report, page_done)
            poller.use_sources(sources)
            summary = run_once(
                poller, extractor, force=force, deduplicator=app.deduplicator(session)
            )
        waiting = 0
        if extractor is not None:
            with session.begin():
                # Due, yet not taken: their hosts asked us to wait (Retry-After).
                waiting = app.articles(session).due_count()
        total = len(summary.results)
        failed = len(summary.failed)
        if total == 0 and not force:
            with session.begin():
                err.print(_idle(store.feeds(app.settings.feeds)), markup=False)
        elif failed == total > 1:
            first = summary.failed[0]
            err.print(
                f"every feed failed (the first: {first.source.url}: {first.error}); is this "
                f"machine offline? They are polled again, with back-off",
                markup=False,
            )
    click.echo(
        f"polled {total} feed{'s' if total != 1 else ''}: {total - failed} ok "
        f"({summary.not_modified} not modified), {failed} failed; "
        f"{summary.new_entries} new entries, {summary.updated_entries} updated"
        + (f"; {pages}" if pages.total else "")
        + (f"; {waiting} more wait for their hosts (Retry-After)" if waiting else "")
        + (_grouped(summary.grouped) if summary.grouped and summary.grouped.entries else "")
    )


def _named_sources(app: App, feed_urls: Iterable[str]) -> tuple[FeedSource, ...]:
    """The feeds of feeds.yaml that --feed names; one it does not list is refused."""
    by_url = {source.url: source for source in app.settings.feeds}
    asked = [url.strip() for url in feed_urls]
    unknown = [url for url in asked if url not in by_url]
    if unknown:
        raise click.BadParameter(
            f"no feed {', '.join(unknown)} in {app.settings.config_path} (see `feeds`)",
            param_hint="--feed",
        )
    return tuple(by_url[url] for url in dict.fromkeys(asked))


def _idle(feeds: list[FeedView]) -> str:
    """Why a poll found no feed due: how many wait for what, the first until when."""
    waits: dict[str, list[datetime]] = {}
    disabled = 0
    for feed in feeds:
        if not feed.active:
            continue
        if feed.disabled_reason:
            disabled += 1
        elif feed.next_poll_at is not None:
            if feed.next_poll_reason in ("backoff", "retry-after"):
                why = "back off after errors"
            else:
                why = "wait for their next poll"
            waits.setdefault(why, []).append(feed.next_poll_at)
    if not waits and not disabled:
        return "no feeds in feeds.yaml: add some (aggregator feeds add URL)"
    parts = [
        f"{len(times)} {why} (the first at {_short(min(times))})"
        for why, times in sorted(waits.items())
    ]
    if disabled:
        parts.append(f"{disabled} disabled (see `aggregator feeds`)")
    hint = "; `aggregator poll --force` polls them now" if waits else ""
    return f"no feed was due: {', '.join(parts)}{hint}"


def _grouped(grouped: Assigned) -> str:
    joined = grouped.entries - grouped.stories
    return (
        f"; {grouped.entries} grouped: {grouped.stories} new "
        f"stor{'ies' if grouped.stories != 1 else 'y'}, {joined} joined one"
    )


class _PageCount:
    """Counts article pages as they are stored (the summary line of poll/extract)."""

    def __init__(self) -> None:
        self.ok = 0
        self.failed = 0

    def __call__(self, result: ArticleResult) -> None:
        if result.article is not None:
            self.ok += 1
        else:
            self.failed += 1

    @property
    def total(self) -> int:
        return self.ok + self.failed

    def __str__(self) -> str:
        plural = "s" if self.total != 1 else ""
        return f"{self.total} article page{plural}: {self.ok} extracted, {self.failed} failed"


@cli.command()
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Retry every page that failed now, including those given up on.",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Extract every page again (e.g. after an upgrade): kept pages without a "
    "request, the others fetched again; also the pages of entries stored before "
    "full text existed.",
)
@with_app()
def extract(app: App, retry_failed: bool, everything: bool) -> None:
    """Fetch and extract the article pages that are due, then return.

    Pages are fetched as entries arrive (poll, run); this catches up, retries
    failures (--retry-failed) or redoes everything (--all).

    \b
    Example:
        aggregator extract --retry-failed
    """
    from .drive import drain

    if not app.full_text:
        raise ConfigProblem(
            f"{app.settings.config_path}: full text is off (extract: full_text: never)"
        )
    pages = _PageCount()
    with app.session(write=True) as session:
        articles = app.articles(session)
        with session.begin():
            if everything:
                articles.requeue_all(app.plan_stored_page)
            elif retry_failed:
                articles.retry_failed()
        extractor = app.extractor(session, on_result=pages)
        if extractor is None:  # checked above; for the type checker
            raise ConfigProblem("full text is off")
        drain(extractor)
    click.echo(str(pages) if pages.total else "no article pages due")


def _backlog(app: App) -> PageBacklog:
    # A session of its own: the poll's session is between transactions when asked.
    with app.session() as session, session.begin():
        return app.articles(session).backlog()


class _PollProgress:
    """A poll on a terminal: feeds done of those due, then article pages done of those
    due, and how many wait for hosts that asked us to (Retry-After). Off a terminal,
    nothing: the summary line says it all."""

    REFRESH = 0.5  # seconds between two counts of the pages due

    def __init__(
        self, console: Console, feeds_due: int, backlog: Callable[[], PageBacklog] | None
    ) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._backlog = backlog if console.is_terminal else None
        self._progress: Progress | None = (
            Progress(
                TextColumn("{task.description:<7}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[note]}"),
                console=console,
                transient=True,
            )
            if console.is_terminal
            else None
        )
        self._feeds_due = feeds_due
        self._counted = 0.0
        self._pages_done = 0

    def __enter__(self) -> _PollProgress:
        if self._progress is not None:
            self._progress.start()
            self._feeds = self._progress.add_task("feeds", total=self._feeds_due, note="")
            if self._backlog is not None:
                self._pages = self._progress.add_task("pages", total=None, note="")
                self._count_pages()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def feed_done(self) -> None:
        if self._progress is None:
            return
        self._progress.advance(self._feeds)
        task = self._progress.tasks[self._feeds]
        # A feed's new entries add pages; count once more when the last feed is in.
        self._count_pages(now=task.completed >= (task.total or 0))

    def page_done(self) -> None:
        if self._progress is None or self._backlog is None:
            return
        self._pages_done += 1
        self._progress.advance(self._pages)
        self._count_pages()

    def _count_pages(self, *, now: bool = True) -> None:
        if self._progress is None or self._backlog is None:
            return
        if not now and time.monotonic() - self._counted < self.REFRESH:
            return
        self._counted = time.monotonic()
        backlog = self._backlog()
        note = (
            f"{backlog.waiting} wait for {_plural(backlog.waiting_hosts, 'host', 'hosts')} "
            f"(Retry-After)"
            if backlog.waiting
            else ""
        )
        self._progress.update(self._pages, total=self._pages_done + backlog.due, note=note)


@cli.command()
@with_app(migrate=False, log_default="info")  # run_daemon migrates once it holds its lock
def run(app: App) -> None:
    """Run the polling daemon: poll each feed when it is due, until stopped.

    Stop it with SIGTERM or Ctrl-C: polls in progress get a few seconds to finish
    and be stored, then it exits 0. A change of feeds.yaml's feeds takes effect as
    it happens (SIGHUP: at once). Logs one logfmt line per event to stderr. With a
    `serve:` section it serves the merged feed, /healthz and /metrics.

    \b
    Example:
        aggregator run --config feeds.yaml --log-level info
    """
    from .daemon import run_daemon

    run_daemon(app)
    _exit_now_if_stuck(0)


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    from .durations import parse_duration

    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    try:
        ago = parse_duration(value)  # "1d", "12h": that long before now
    except ValueError as e:
        raise click.BadParameter(
            f"expected a duration such as 12h or 1d, or an ISO 8601 date or time such as "
            f"2026-11-20 or 2026-11-20T08:00Z, got {value!r}"
        ) from e
    return datetime.now(UTC) - timedelta(seconds=ago)


_min_sources = click.option(
    "--min-sources",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only stories reported by at least this many feeds.",
)


def _limit(what: str) -> Callable[[F], F]:
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        help=f"At most this many {what} (0: no limit).",
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per entry.")
@click.option(
    "--feed",
    "feed_urls",
    metavar="URL",
    multiple=True,
    help="Only entries of this feed (repeatable).",
)
@click.option("--tag", help="Only entries of the feeds with this tag in feeds.yaml.")
@click.option(
    "--since",
    callback=_since,
    metavar="WHEN",
    help="Only entries published at or after this (2026-11-20, 2026-11-20T08:00Z, or 12h, 1d ago).",
)
@_limit("entries, newest first")
@with_app(reading=True)
def entries(
    app: App,
    as_json: bool,
    feed_urls: tuple[str, ...],
    tag: str | None,
    since: datetime | None,
    limit: int,
) -> None:
    """List stored entries, newest first.

    \b
    Example:
        aggregator entries --json --since 2026-11-20 --limit 50
    """
    with app.session() as session, session.begin():
        feeds = _feeds_asked(app, session, feed_urls, tag)
        rows = app.store(session).entries(feeds=feeds, since=since, limit=limit or None)
    for row in rows:
        click.echo(_entry_json(row) if as_json else _entry_line(row))
    if not rows:
        _nothing("entries")


def _feeds_asked(
    app: App, session: Session, feed_urls: Iterable[str], tag: str | None
) -> set[str] | None:
    """The feeds that --feed and --tag select (both: those that both do); None: all."""
    asked = {url.strip() for url in feed_urls}
    if asked:
        _known_feeds(app, session, asked)
    if tag is None:
        return asked or None
    tagged = _tagged(app, tag)
    return tagged & asked if asked else tagged


def _known_feeds(app: App, session: Session, urls: Iterable[str]) -> None:
    """A --feed that names no stored feed is a mistake (a URL written another way,
    with a trailing slash say), not an empty answer: exit status 2."""
    asked = {url.strip() for url in urls}
    unknown = sorted(asked - app.store(session).known_feeds(asked))
    if unknown:
        message = f"no feed {', '.join(unknown)} in the database (see `feeds`)"
        raise click.BadParameter(message, param_hint="--feed")


def _tagged(app: App, tag: str) -> set[str]:
    """The feeds with ``tag``; a tag no feed has is a mistake: exit status 2."""
    tagged = {source.url for source in app.settings.feeds if tag in source.tags}
    if not tagged:
        tags = sorted({t for source in app.settings.feeds for t in source.tags})
        raise click.BadParameter(
            f"no feed in feeds.yaml has the tag {tag!r} (tags: {', '.join(tags) or 'none'})",
            param_hint="--tag",
        )
    return tagged


def _nothing(what: str, otherwise: str = "stored yet") -> None:
    """An empty answer, said on stderr (stdout stays empty for scripts), with the
    filters that were given: exit status 0, nothing is wrong."""
    ctx = click.get_current_context()

    def shown(value: Any) -> str:
        return value.isoformat(timespec="minutes") if isinstance(value, datetime) else str(value)

    given = [
        f"{param.opts[0]} {shown(ctx.params[param.name])}"
        if not getattr(param, "is_flag", False)
        else param.opts[0]
        for param in ctx.command.params
        if param.name
        and isinstance(param, click.Option)
        and ctx.get_parameter_source(param.name) is ParameterSource.COMMANDLINE
        and param.name not in ("config_path", "log_level", "as_json", "limit", "output")
    ]
    query = ctx.params.get("query")
    if query:
        given.insert(0, repr(query))
    click.echo(f"no {what} {' '.join(given) if given else otherwise}", err=True)


def _entry_json(entry: EntryView) -> str:
    return json.dumps(_jsonable(asdict(entry)), ensure_ascii=False)


def _entry_line(entry: EntryView) -> str:
    when = _short(entry.published or entry.first_seen)
    return "\t".join([when, entry.feed_title or entry.feed_url, entry.title or "", entry.url or ""])


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per entry.")
@click.option(
    "--since",
    callback=_since,
    metavar="WHEN",
    help="Only entries published at or after this (2026-11-20, 2026-11-20T08:00Z, or 12h, 1d ago).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many."
)
@click.option("--newest", is_flag=True, help="The latest entries first, not the best matches.")
@click.option(
    "--feed",
    "feed_urls",
    metavar="URL",
    multiple=True,
    help="Only entries of this feed (repeatable).",
)
@click.option("--tag", help="Only entries of the feeds with this tag in feeds.yaml.")
@click.option(
    "--stories",
    "by_story",
    is_flag=True,
    help="One line per story (its best match), not one per outlet's copy.",
)
@with_app(reading=True)
def search(
    app: App,
    query: str,
    as_json: bool,
    since: datetime | None,
    limit: int,
    newest: bool,
    feed_urls: tuple[str, ...],
    tag: str | None,
    by_story: bool,
) -> None:
    """Search the titles and text of stored entries, best match first.

    All words must appear; "a phrase" as written; `or` between two terms accepts
    either; -word excludes (PostgreSQL's websearch syntax, on both databases).
    English words match their other forms: "attacks" finds "attack".

    \b
    Example:
        aggregator search 'balochistan attack -cricket'
        aggregator search '"state of emergency" or curfew' --json | jq .url
        aggregator search flood --tag south-asia --newest
    """
    from .store import StoryStore
    from .websearch import QueryError

    with app.session() as session, session.begin():
        feeds = _feeds_asked(app, session, feed_urls, tag)
        # By story: enough copies that `limit` stories are found (each copy of a
        # story matches alike, and the best one stands for it).
        wanted = limit * SEARCH_COPIES if by_story else limit
        try:
            hits = app.store(session).search(
                query, since=since, limit=wanted, newest=newest, feeds=feeds
            )
        except QueryError as e:
            raise click.UsageError(str(e)) from e
        if by_story:
            best = _best_per_story(hits)[:limit]
            ids = [hit.entry.story_id for hit in best if hit.entry.story_id is not None]
            found = StoryStore(session, app.now).stories(ids=ids, limit=None)
            by_id = {story.id: story for story in found}
    if by_story:
        for hit in best:
            story = by_id.get(hit.entry.story_id or -1)
            click.echo(_story_hit_json(story, hit) if as_json else _story_hit_line(story, hit))
    else:
        for hit in hits:
            click.echo(_hit_json(hit) if as_json else _hit_block(hit))
    if not hits:
        _nothing("entries match" if not by_story else "stories match")


# `search --stories` reads this many copies per story asked for.
SEARCH_COPIES = 5


def _best_per_story(hits: list[SearchHit]) -> list[SearchHit]:
    """The first hit of each story, in the hits' order (an entry not grouped yet
    stands alone)."""
    seen: set[int] = set()
    best = []
    for hit in hits:
        story = hit.entry.story_id
        if story is None or story not in seen:
            best.append(hit)
            if story is not None:
                seen.add(story)
    return best


def _story_hit_line(story: StoryView | None, hit: SearchHit) -> str:
    snippet = " ".join(hit.snippet.replace(MARK_START, "").replace(MARK_END, "").split())
    if story is None:  # not grouped yet
        return f"[-] {hit.entry.title or ''}  (1 outlet, not grouped yet)\n    {snippet}"
    outlets = _plural(story.sources, "outlet", "outlets")
    return f"[{story.id}] {story.title or '(untitled)'}  ({outlets})\n    {snippet}"


def _story_hit_json(story: StoryView | None, hit: SearchHit) -> str:
    record: dict[str, Any] = json.loads(_story_json(story)) if story is not None else {"id": None}
    record["rank"] = round(hit.rank, 6)
    record["entry_id"] = hit.entry.id
    record["snippet"] = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    return json.dumps(record, ensure_ascii=False)


def _hit_json(hit: SearchHit) -> str:
    record = _jsonable(asdict(hit.entry))
    record["rank"] = round(hit.rank, 6)
    record["snippet"] = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    return json.dumps(record, ensure_ascii=False)


def _hit_block(hit: SearchHit) -> str:
    # Matches in bold; click drops the styling when the output is not a terminal.
    snippet = " ".join(hit.snippet.split())
    for part in (MARK_START, MARK_END):
        snippet = snippet.replace(part, "\x00")
    pieces = snippet.split("\x00")
    shown = "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(pieces))
    return f"{_entry_line(hit.entry)}\n    {shown}"


_stories_since = click.option(
    "--since",
    callback=_since,
    metavar="WHEN",
    help="Only stories changed at or after this (a date or time, or 12h, 1d ago).",
)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per story.")
@_stories_since
@_min_sources
@click.option("--tag", help="Only stories a feed with this tag in feeds.yaml reported.")
@_limit("stories, most recently changed first")
@with_app(reading=True)
def stories(
    app: App,
    as_json: bool,
    since: datetime | None,
    min_sources: int,
    tag: str | None,
    limit: int,
) -> None:
    """List stories: the same event from every feed that reported it.

    Entries are grouped as their text becomes final (after their article page is
    fetched); each lists how it joined the story and on what evidence.

    \b
    Example:
        aggregator stories --min-sources 3
        aggregator stories --json --since 2026-11-20 | jq .title
    """
    from .store import StoryStore

    feeds = _tagged(app, tag) if tag is not None else None
    with app.session() as session, session.begin():
        rows = StoryStore(session, app.now).stories(
            since=since, min_sources=min_sources, limit=limit or None, feeds=feeds
        )
    for row in rows:
        click.echo(_story_json(row) if as_json else _story_block(row))
    if not rows:
        _nothing("stories")


def _story_json(story: StoryView) -> str:
    members = [
        {
            "id": m.id,
            "url": m.url,
            "feed_url": m.feed_url,
            "title": m.title,
            "published": m.published,
            "relation": m.relation,
            "signal": m.signal,
            "score": m.score,
            # Placed by a user: what the grouping had found (null otherwise).
            "auto": asdict(m.auto) if m.auto is not None else None,
        }
        for m in story.entries
    ]
    record = {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen,
        "updated": story.updated,
        "representative": story.representative,
        "sources": story.sources,
        "entries": members,
    }
    return json.dumps(_jsonable(record), ensure_ascii=False)


def _story_block(story: StoryView) -> str:
    outlets = "outlet" if story.sources == 1 else "outlets"
    lines = [f"[{story.id}] {story.title or '(untitled)'}  ({story.sources} {outlets})"]
    for m in story.entries:
        mark = "*" if m.id == story.representative else " "
        evidence = f"{m.relation}" + (f" {m.signal} {m.score:.2f}" if m.score is not None else "")
        lines.append(
            f"  {mark} {m.id}\t{_short(m.published)}\t{m.feed_title or m.feed_url}\t"
            f"{m.title or ''}\t{evidence}"
        )
    return "\n".join(lines)


@stories.command("show")
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object, as `stories --json`.")
@with_app(reading=True)
def stories_show(app: App, story_id: int, as_json: bool) -> None:
    """One story with every source: outlet, time, headline, link, and the evidence
    that grouped it (relation, signal, score).

    \b
    Example:
        aggregator stories show 12
    """
    from .store import StoryStore

    with app.session() as session, session.begin():
        found = StoryStore(session, app.now).stories(ids=[story_id], limit=None)
    if not found:
        raise click.ClickException(f"no story {story_id} (see `aggregator stories`)")
    [story] = found
    if as_json:
        click.echo(_story_json(story))
        return
    click.echo(_story_page(story))


def _story_page(story: StoryView) -> str:
    """A story at length: a header, then a block per source, earliest first."""
    lines = [
        f"[{story.id}] {story.title or '(untitled)'}",
        f"  {_plural(story.sources, 'outlet', 'outlets')}, "
        f"{_plural(len(story.entries), 'report', 'reports')}; first seen "
        f"{_short(story.first_seen)}, updated {_short(story.updated)}",
    ]
    for m in story.entries:
        mark = "*" if m.id == story.representative else " "
        evidence = m.relation or "?"
        if m.signal:
            evidence += f" by {m.signal}"
        if m.score is not None:
            evidence += f" (score {m.score:.2f})"
        if m.auto is not None:
            found = m.auto.relation or "?"
            if m.auto.signal:
                found += f" by {m.auto.signal}"
            if m.auto.score is not None:
                found += f" (score {m.auto.score:.2f})"
            evidence += f"; the grouping had found: {found}"
        lines += [
            "",
            f"{mark} {m.feed_title or m.feed_url}  {_short(m.published)}  (entry {m.id})",
            f"    {m.title or '(untitled)'}",
            f"    {m.url or '(no link)'}",
            f"    {evidence}",
        ]
    return "\n".join(lines)


@stories.command("merge")
@click.argument("story_ids", nargs=-1, type=int, required=True)
@click.option("--title", help="The merged story's title [default: the first story's].")
@with_app()
def stories_merge(app: App, story_ids: tuple[int, ...], title: str | None) -> None:
    """Merge stories into the first one named; the decision is kept for good, as is
    the first story's title (or --title), and each moved entry keeps the evidence the
    grouping had found beside the manual decision.

    \b
    Example:
        aggregator stories merge 12 15
    """
    if len(set(story_ids)) < 2:
        raise click.UsageError("name at least two different stories")
    with app.session(write=True) as session:
        try:
            moved = _dedup(app, session).merge(story_ids, title=title)
        except LookupError as e:
            raise click.ClickException(str(e.args[0])) from e
    click.echo(f"moved {_plural(moved, 'entry', 'entries')} into story {story_ids[0]}")


@stories.command("split")
@click.argument("entry_id", type=int)
@with_app()
def stories_split(app: App, entry_id: int) -> None:
    """Take an entry out of its story into one of its own; the decision is kept.

    \b
    Example:
        aggregator stories split 4711
    """
    with app.session(write=True) as session:
        try:
            story = _dedup(app, session).split(entry_id)
        except LookupError as e:
            raise click.ClickException(str(e.args[0])) from e
    click.echo(f"entry {entry_id} is now in story {story}")


def _dedup(app: App, session: Session) -> Deduplicator:

    found = app.deduplicator(session)
    if found is None:
        raise click.ClickException("deduplication is off (dedup: enabled: false)")
    return found


@cli.command()
@click.option(
    "--format",
    "kind",
    type=click.Choice(sorted(FORMATS)),
    default="atom",
    show_default=True,
    help="Atom 1.0, RSS 2.0 or JSON Feed 1.1.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@_stories_since
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="At most this many stories, most recently changed first [default: output.max_items].",
)
@click.option("--tag", help="Only stories carried by a feed with this tag.")
@click.option(
    "--search",
    "search",
    metavar="NAME",
    help="Only the stories of this saved search (output.searches in feeds.yaml).",
)
@_min_sources
@with_app(reading=True)
def export(
    app: App,
    kind: str,
    output: Path | None,
    since: datetime | None,
    limit: int | None,
    tag: str | None,
    search: str | None,
    min_sources: int,
) -> None:
    """Write the merged feed: one item per story, with every outlet that carried it.

    \b
    Example:
        aggregator export --format rss --output public/feed.rss
        aggregator export --format json --tag world --min-sources 2
        aggregator export --search balochistan
    """
    from .publish import document, items_of

    saved = app.settings.output.searches
    if tag is not None and search is not None:
        raise click.UsageError("give --tag or --search, not both")
    if search is not None and search not in saved:
        known = ", ".join(sorted(saved)) or "none"
        raise click.BadParameter(
            f"no saved search {search!r} in output.searches (there: {known})",
            param_hint="--search",
        )
    if tag is not None:
        _tagged(app, tag)
    part = FeedPart(tag=tag, search=search)
    with app.session() as session, session.begin():
        items = items_of(
            session,
            app.now,
            app.settings.output,
            part,
            since=since,
            min_sources=min_sources,
            limit=limit,
        )
    body = document(kind, app.settings.output, items, part, app.now).body
    _deliver(body, output, _plural(len(items), "story", "stories"))
    if not items:
        _nothing("stories in the feed", "yet")


def _deliver(body: bytes, output: Path | None, what: str) -> None:
    """A document to standard output, or atomically to ``output`` (saying so)."""
    from .publish import write_atomically

    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    write_atomically(output, body)
    click.echo(f"wrote {what} to {output}", err=True)


def _duration(_ctx: click.Context, _param: click.Parameter, value: str | None) -> timedelta | None:
    from .durations import checked_keep, parse_duration

    if value is None:
        return None
    try:
        return timedelta(seconds=checked_keep(parse_duration(value), value))
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


@cli.command()
@click.option(
    "--keep",
    callback=_duration,
    metavar="DURATION",
    help="Keep entries this long after they were first stored (e.g. 30d) "
    "[default: retention.keep].",
)
@click.option(
    "--keep-at-least",
    type=click.IntRange(min=0),
    metavar="N",
    help="Whatever their age, keep each feed's N newest entries "
    "[default: retention.keep_at_least].",
)
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@with_app()
def prune(app: App, keep: timedelta | None, keep_at_least: int | None, dry_run: bool) -> None:
    """Delete old entries (retention), and what only they needed.

    Entries first stored longer ago than `retention.keep` (or their feed's own
    `keep`) go, with their pages and search rows, except each feed's
    `retention.keep_at_least` newest; their stories shrink, or go with their last
    entry. Each leaves a tombstone, so a feed that still lists it does not bring it
    back. The daemon does the same once a day.

    \b
    Example:
        aggregator prune --dry-run
        aggregator prune --keep 30d --keep-at-least 10
    """
    with app.session(write=True) as session:
        pruner = app.pruner(session, keep, keep_at_least)
        if pruner is None:
            raise click.UsageError(
                "no retention is configured: set `retention: keep:` in feeds.yaml "
                "(e.g. 90d) or pass --keep"
            )
        if dry_run:
            counted = pruner.count()
            click.echo(
                f"would delete {_plural(counted.entries, 'entry', 'entries')} "
                f"{_stored_before(counted)}"
            )
            return
        done = pruner.run()
    click.echo(
        f"deleted {_plural(done.entries, 'entry', 'entries')} "
        f"{_stored_before(done)}: "
        f"{_plural(done.stories_removed, 'story', 'stories')} went, "
        f"{done.stories_shrunk} shrank; "
        f"{_plural(done.tombstones_expired, 'tombstone', 'tombstones')} expired"
    )


def _stored_before(done: Pruned) -> str:
    feeds = _plural(done.own_keeps, "feed", "feeds")
    if done.cutoff is None:  # no retention.keep: only feeds with their own
        return f"first stored longer ago than their feed's keep ({feeds})"
    said = f"first stored before {_short(done.cutoff)}"
    return f"{said} ({feeds} by their own keep)" if done.own_keeps else said


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per feed.")
@with_app(reading=True)
def feeds(app: App, as_json: bool) -> None:
    """List the feeds with their entry counts and polling state; add, remove,
    import and export them.

    \b
    Example:
        aggregator feeds --json
        aggregator feeds import subscriptions.opml
    """
    with app.session() as session, session.begin():
        rows = app.store(session).feeds(app.settings.feeds)
    if as_json:
        for row in rows:
            click.echo(json.dumps(_jsonable(asdict(row)), ensure_ascii=False))
        return
    for row in rows:
        click.echo(_feed_block(row))


_config_only = _config_option("The feeds.yaml to edit (env AGGREGATOR_CONFIG).")


def _created_if_missing(config_path: Path) -> None:
    """A first feeds.yaml for ``feeds add`` and ``feeds import`` (saying so)."""
    from .starter import empty_starter, write_starter

    if config_path.exists():
        return
    try:
        write_starter(config_path, empty_starter())
    except FileExistsError:
        return  # another command made it meanwhile
    except OSError as e:
        raise click.FileError(str(config_path), hint=e.strerror) from e
    click.echo(f"created {config_path} (every setting at its default: see its comments)", err=True)


_RESTART = "a running daemon follows within seconds"


@feeds.command("add")
@click.argument("url")
@click.option("--title", help="The feed's name in listings and the merged feed.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--no-check", is_flag=True, help="Add without fetching it first (editing offline).")
@_config_only
def feeds_add(
    url: str, title: str | None, tags: tuple[str, ...], no_check: bool, config_path: Path
) -> None:
    """Add a feed to feeds.yaml, keeping the file's comments and layout.

    The URL is fetched first, as polling would (same address policy and limits): a
    feed is added with its own title; a web page that announces one feed (feed
    autodiscovery) adds that feed, one that announces several lists them; anything
    else is refused, saying why.

    \b
    Example:
        aggregator feeds add https://www.dawn.com/feeds/home --tag pakistan
        aggregator feeds add https://www.dawn.com/   # finds the feed the page announces
    """
    from .config import FetchSettings, load_settings
    from .feedsfile import add_feeds, problem_of
    from .opml import OpmlFeed

    url = url.strip()
    refused = problem_of(OpmlFeed(url, title, tags))
    if refused:
        raise click.BadParameter(refused)
    if not no_check:
        with _errors():
            fetch = load_settings(config_path, os.environ).fetch if config_path.exists() else None
            url, found_title = _checked_feed(url, fetch or FetchSettings())
        title = title or found_title
    with _errors():
        _created_if_missing(config_path)
        done = add_feeds(config_path, [OpmlFeed(url, title, tags)])
    if done.invalid:
        raise click.BadParameter(done.invalid[0][1])
    if done.skipped:
        click.echo(f"{url} is already in {config_path}")
        return
    named = f" ({title})" if title else ""
    click.echo(f"added {url}{named} to {config_path}; {_RESTART}")


def _checked_feed(url: str, fetch: FetchSettings) -> tuple[str, str | None]:
    """The feed to add for ``url`` and its title: ``url`` itself when it is a feed,
    the one feed a page announces; a page announcing several is listed (exit 1)."""
    from . import discover

    checked = discover.check(url, fetch)
    if checked.feed is not None:
        return checked.feed.url, checked.feed.title
    if len(checked.announced) > 1:
        listed = "\n".join(
            f"  {found.url}" + (f"  ({found.title})" if found.title else "")
            for found in checked.announced
        )
        raise click.ClickException(
            f"{url} is a web page that announces {len(checked.announced)} feeds; add the "
            f"one you want with `aggregator feeds add URL`:\n{listed}"
        )
    announced = checked.announced[0]
    # The announced feed must be a feed itself (pages do announce dead links).
    feed = discover.check(announced.url, fetch).feed
    if feed is None:
        raise click.ClickException(
            f"{url} announces {announced.url}, which is not a feed but another page"
        )
    click.echo(f"{url} is a web page; it announces the feed {feed.url}", err=True)
    return feed.url, feed.title or announced.title


@feeds.command("remove")
@click.argument("url")
@_config_only
def feeds_remove(url: str, config_path: Path) -> None:
    """Remove a feed from feeds.yaml. Its stored entries stay (listed as removed)
    until retention deletes them.

    \b
    Example:
        aggregator feeds remove https://www.dawn.com/feeds/home
    """
    from .feedsfile import remove_feed

    with _errors():
        removed = remove_feed(config_path, url)
    if not removed:
        raise click.ClickException(f"no feed {url} in {config_path}")
    click.echo(f"removed {url} from {config_path}; {_RESTART}")


@feeds.command("import")
@click.argument("opml", type=click.Path(dir_okay=False, path_type=Path))
@_config_only
def feeds_import(opml: Path, config_path: Path) -> None:
    """Add the feeds of an OPML file (from another reader) to feeds.yaml.

    Folders and categories become tags; feeds already in feeds.yaml are left as
    they are. The file's comments and layout are kept.

    \b
    Example:
        aggregator feeds import ~/Downloads/feedly.opml
    """
    from .feedsfile import add_feeds
    from .opml import parse_opml

    with _errors():
        try:
            data = opml.read_bytes()
        except OSError as e:
            raise click.FileError(str(opml), hint=e.strerror) from e
        document = parse_opml(data, str(opml))
        _created_if_missing(config_path)
        done = add_feeds(config_path, document.feeds)
    for skipped in document.skipped:
        click.echo(
            f"{skipped.where}: skipped {skipped.url or skipped.text}: {skipped.reason}", err=True
        )
    for feed, reason in done.invalid:
        click.echo(f"{opml}: skipped {feed.url}: {reason}", err=True)
    click.echo(
        f"added {_plural(len(done.added), 'feed', 'feeds')} to {config_path} "
        f"({len(done.skipped)} already there, "
        f"{len(document.skipped) + len(done.invalid)} skipped)"
        + (f"; {_RESTART}" if done.added else "")
    )


@feeds.command("export")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@with_app(reading=True)
def feeds_export(app: App, output: Path | None) -> None:
    """Write the feeds of feeds.yaml as OPML 2.0, for another reader; tags become
    categories.

    \b
    Example:
        aggregator feeds export --output subscriptions.opml
    """
    from .opml import OpmlFeed, write_opml

    with app.session() as session, session.begin():
        known = {row.url: row for row in app.store(session).feeds(app.settings.feeds)}
    listed = [
        OpmlFeed(
            url=source.url,
            title=source.title or (known[source.url].title if source.url in known else None),
            tags=source.tags,
            html_url=known[source.url].site_url if source.url in known else None,
        )
        for source in app.settings.feeds
    ]
    body = write_opml(listed, f"{app.settings.output.title}: feeds", app.now())
    _deliver(body, output, _plural(len(listed), "feed", "feeds"))


def _feed_block(feed: FeedView) -> str:
    status = feed.last_status or "never polled"
    if feed.last_http_status and feed.last_status != "not_modified":
        status += f" (HTTP {feed.last_http_status})"
    parts = [f"{feed.entries} entries", status]
    if feed.last_polled_at:
        parts.append(f"polled {_short(feed.last_polled_at)}")
    if not feed.active:
        parts.append("removed from feeds.yaml, not polled")
    elif feed.disabled_reason:
        parts.append(f"disabled: {feed.disabled_reason}")
    elif feed.next_poll_at:
        parts.append(f"next {_short(feed.next_poll_at)} ({_why(feed)})")
    else:
        parts.append("next: now")
    lines = [f"{feed.title}  {feed.url}" if feed.title else feed.url, "  " + " · ".join(parts)]
    if feed.fetch_url != feed.url:
        lines.append(f"  moved permanently to {feed.fetch_url}")
    if feed.host_blocked_until:
        lines.append(f"  host asked us to wait until {_short(feed.host_blocked_until)}")
    if feed.full_text:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(feed.full_text.items()))
        lines.append(f"  article pages: {counts}")
    if feed.last_error:
        label = "error" if feed.last_status == "error" else "warning"
        lines.append(f"  {label}: {feed.last_error}")
    return "\n".join(lines)


_WHY = {
    "interval": "its interval",
    "adaptive": "adapted to how often it publishes",
    "ttl": "the feed's <ttl>",
    "syndication": "the feed's sy:updatePeriod",
    "cache-control": "Cache-Control max-age",
    "expires": "the Expires header",
    "min-interval": "its min_interval",
    "max-interval": "its max_interval",
    "backoff": "back-off after errors",
    "retry-after": "the server's Retry-After",
}


def _why(feed: FeedView) -> str:
    reason = feed.next_poll_reason or "interval"
    text = _WHY.get(reason, reason)
    if reason == "backoff":
        errors = "error" if feed.error_count == 1 else "errors"
        text = f"back-off after {feed.error_count} {errors} in a row"
    return text


@cli.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@with_app(migrate=False)
def db_upgrade(app: App) -> None:
    """Apply the schema migrations (every command also does this at start).

    A SQLite file with an older schema is copied to NAME.bak-REVISION first.

    \b
    Example:
        aggregator db upgrade --config feeds.yaml
    """
    before, head, backup = app.upgrade()
    if before == head:
        click.echo(f"database is up to date (revision {head})")
    else:
        click.echo(f"database upgraded from {before or 'empty'} to {head}")
    if backup:
        click.echo(f"backup of the previous file: {backup}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _short(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="aggregator")
