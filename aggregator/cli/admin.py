"""`init`, `prune` and `db upgrade`: starting, keeping and upgrading a database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import cli, config_option, with_app
from .filters import parse_keep
from .show import counted, short_time

if TYPE_CHECKING:
    from ..api import Aggregator
    from ..runtime.pruner import Pruned


@cli.command()
@config_option("Where to write the new feeds.yaml (env AGGREGATOR_CONFIG).")
def init(config_path: Path) -> None:
    """Write a first feeds.yaml: the database, two example feeds, and every setting
    at its default (commented out), to edit from there. An existing file is never
    overwritten.

    \b
    Example:
        aggregator init --config ~/news/feeds.yaml
    """
    from ..config.starter import EXAMPLE_FEEDS, starter, write_starter

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
@click.option(
    "--keep",
    callback=parse_keep,
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
def prune(
    app: Aggregator, keep: timedelta | None, keep_at_least: int | None, dry_run: bool
) -> None:
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
    done = app.prune(keep=keep, keep_at_least=keep_at_least, dry_run=dry_run)
    if done is None:
        raise click.UsageError(
            "no retention is configured: set `retention: keep:` in feeds.yaml "
            "(e.g. 90d) or pass --keep"
        )
    if dry_run:
        click.echo(
            f"would delete {counted(done.entries, 'entry', 'entries')} {_stored_before(done)}"
        )
        return
    click.echo(
        f"deleted {counted(done.entries, 'entry', 'entries')} "
        f"{_stored_before(done)}: "
        f"{counted(done.stories_removed, 'story', 'stories')} went, "
        f"{done.stories_shrunk} shrank; "
        f"{counted(done.tombstones_expired, 'tombstone', 'tombstones')} expired"
    )


def _stored_before(done: Pruned) -> str:
    feeds = counted(done.own_keeps, "feed", "feeds")
    if done.cutoff is None:  # no retention.keep: only feeds with their own
        return f"first stored longer ago than their feed's keep ({feeds})"
    said = f"first stored before {short_time(done.cutoff)}"
    return f"{said} ({feeds} by their own keep)" if done.own_keeps else said


@cli.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@with_app(migrate=False)
def db_upgrade(app: Aggregator) -> None:
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
