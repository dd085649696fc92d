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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .app import App, make_app
from .config import DEFAULT_CONFIG, load_settings
from .errors import AggregatorError, ConfigError
from .pipeline import poll as run_poll
from .types import EntryView, FeedResult, FeedView, StoredCounts

F = TypeVar("F", bound=Callable[..., Any])
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


def with_app(*, migrate: bool = True) -> Callable[[F], F]:
    """Add --config and --log-level, build the App, and close it when the command ends."""

    def decorator(command: F) -> F:
        @click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=DEFAULT_CONFIG,
            envvar="AGGREGATOR_CONFIG",
            show_default=True,
            help="The feeds.yaml to use (env AGGREGATOR_CONFIG).",
        )
        @click.option(
            "--log-level",
            type=click.Choice(LOG_LEVELS),
            default="error",
            show_default=True,
            help="Log events at this level and above to stderr.",
        )
        @functools.wraps(command)
        def wrapper(config_path: Path, log_level: str, **kwargs: Any) -> Any:
            logging.basicConfig(
                level=log_level.upper(),
                format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                stream=sys.stderr,
            )
            with _errors():
                settings = load_settings(config_path, os.environ)
                app = make_app(settings, migrate=migrate)
            click.get_current_context().call_on_close(app.close)
            with _errors():
                return command(app, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aggregator")
def cli() -> None:
    """Collect news feeds, group the same story across outlets, query the result.

    \b
    Example:
        aggregator poll && aggregator entries --limit 20
    """


@cli.command()
@click.option("--force", is_flag=True, help="Poll every feed now, not only those due.")
@with_app()
def poll(app: App, force: bool) -> None:
    """Poll the feeds that are due and store their new entries.

    Every feed is due on a new database. Exits 0 when the poll ran, even if some
    feeds failed (each failure is printed on one line); non-zero only when it could
    not run at all.

    \b
    Example:
        aggregator poll --config feeds.yaml
    """
    with app.session(write=True) as session:
        store = app.store(session)
        with session.begin():
            store.sync_feeds(app.settings.feeds)
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        with _progress(err) as (on_start, on_result):

            def report(result: FeedResult, counts: StoredCounts) -> None:
                on_result(result, counts)
                if result.error is not None:
                    err.print(f"failed: {result.source.url}: {result.error}", markup=False)

            summary = run_poll(
                session,
                store,
                app.client,
                app.settings.fetch,
                force=force,
                on_start=on_start,
                on_result=report,
            )
    total = len(summary.results)
    failed = len(summary.failed)
    click.echo(
        f"polled {total} feed{'s' if total != 1 else ''}: {total - failed} ok "
        f"({summary.not_modified} not modified), {failed} failed; "
        f"{summary.new_entries} new entries, {summary.updated_entries} updated"
    )


@contextmanager
def _progress(
    console: Console,
) -> Iterator[tuple[Callable[[int], None], Callable[[FeedResult, StoredCounts], None]]]:
    """A progress bar on a terminal; silent callbacks otherwise."""
    if not console.is_terminal:
        yield (lambda total: None), (lambda result, counts: None)
        return
    with Progress(
        TextColumn("polling"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("poll", total=None)
        yield (
            lambda total: progress.update(task, total=total),
            lambda result, counts: progress.advance(task),
        )


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(
            f"expected an ISO 8601 date or time such as 2026-11-20 or 2026-11-20T08:00Z, "
            f"got {value!r}"
        ) from e
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per entry.")
@click.option("--feed", "feed_url", metavar="URL", help="Only entries of this feed.")
@click.option(
    "--since", callback=_since, metavar="ISO", help="Only entries published at or after this."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="At most this many entries, newest first (0: no limit).",
)
@with_app()
def entries(
    app: App, as_json: bool, feed_url: str | None, since: datetime | None, limit: int
) -> None:
    """List stored entries, newest first.

    \b
    Example:
        aggregator entries --json --since 2026-11-20 --limit 50
    """
    with app.session() as session, session.begin():
        rows = app.store(session).entries(feed_url=feed_url, since=since, limit=limit or None)
    for row in rows:
        click.echo(_entry_json(row) if as_json else _entry_line(row))


def _entry_json(entry: EntryView) -> str:
    return json.dumps(_jsonable(asdict(entry)), ensure_ascii=False)


def _entry_line(entry: EntryView) -> str:
    when = _short(entry.published or entry.first_seen)
    return "\t".join([when, entry.feed_title or entry.feed_url, entry.title or "", entry.url or ""])


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per feed.")
@with_app()
def feeds(app: App, as_json: bool) -> None:
    """List the feeds with their entry counts and polling state.

    \b
    Example:
        aggregator feeds --json
    """
    with app.session(write=True) as session:
        store = app.store(session)
        with session.begin():
            store.sync_feeds(app.settings.feeds)
        with session.begin():
            rows = store.feeds()
    if as_json:
        for row in rows:
            click.echo(json.dumps(_jsonable(asdict(row)), ensure_ascii=False))
        return
    for row in rows:
        click.echo(_feed_block(row))


def _feed_block(feed: FeedView) -> str:
    status = feed.last_status or "never polled"
    if not feed.active:
        status = "removed from feeds.yaml, not polled"
    parts = [f"{feed.entries} entries", status]
    if feed.last_polled_at:
        parts.append(f"polled {_short(feed.last_polled_at)}")
    if feed.active and feed.next_poll_at:
        parts.append(f"next {_short(feed.next_poll_at)}")
    lines = [f"{feed.title}  {feed.url}" if feed.title else feed.url, "  " + " · ".join(parts)]
    if feed.last_error:
        lines.append(f"  error: {feed.last_error}")
    return "\n".join(lines)


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
