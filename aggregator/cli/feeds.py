"""`feeds` and its subcommands: listing feeds, editing feeds.yaml (add, remove), and
OPML in and out."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..types import (
    FeedView,
)
from .base import cli, config_only, translated_errors, with_app
from .show import counted, deliver, jsonable, short_time

if TYPE_CHECKING:
    from ..api import Aggregator
    from ..config import FetchSettings


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per feed.")
@with_app(reading=True)
def feeds(app: Aggregator, as_json: bool) -> None:
    """List the feeds with their entry counts and polling state; add, remove,
    import and export them.

    \b
    Example:
        aggregator feeds --json
        aggregator feeds import subscriptions.opml
    """
    rows = app.feeds()
    if as_json:
        for row in rows:
            click.echo(json.dumps(jsonable(asdict(row)), ensure_ascii=False))
        return
    for row in rows:
        click.echo(_feed_block(row))


def _created_if_missing(config_path: Path) -> None:
    """A first feeds.yaml for ``feeds add`` and ``feeds import`` (saying so)."""
    from ..config.starter import empty_starter, write_starter

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
@config_only
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
    from ..config import FetchSettings, load_settings
    from ..config.feedsfile import add_feeds, problem_of
    from ..config.opml import OpmlFeed

    url = url.strip()
    refused = problem_of(OpmlFeed(url, title, tags))
    if refused:
        raise click.BadParameter(refused)
    if not no_check:
        with translated_errors():
            fetch = load_settings(config_path, os.environ).fetch if config_path.exists() else None
            url, found_title = _checked_feed(url, fetch or FetchSettings())
        title = title or found_title
    with translated_errors():
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
    from ..sources import discover

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
@config_only
def feeds_remove(url: str, config_path: Path) -> None:
    """Remove a feed from feeds.yaml. Its stored entries stay (listed as removed)
    until retention deletes them.

    \b
    Example:
        aggregator feeds remove https://www.dawn.com/feeds/home
    """
    from ..config.feedsfile import remove_feed

    with translated_errors():
        removed = remove_feed(config_path, url)
    if not removed:
        raise click.ClickException(f"no feed {url} in {config_path}")
    click.echo(f"removed {url} from {config_path}; {_RESTART}")


@feeds.command("import")
@click.argument("opml", type=click.Path(dir_okay=False, path_type=Path))
@config_only
def feeds_import(opml: Path, config_path: Path) -> None:
    """Add the feeds of an OPML file (from another reader) to feeds.yaml.

    Folders and categories become tags; feeds already in feeds.yaml are left as
    they are. The file's comments and layout are kept.

    \b
    Example:
        aggregator feeds import ~/Downloads/feedly.opml
    """
    from ..config.feedsfile import add_feeds
    from ..config.opml import parse_opml

    with translated_errors():
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
        f"added {counted(len(done.added), 'feed', 'feeds')} to {config_path} "
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
def feeds_export(app: Aggregator, output: Path | None) -> None:
    """Write the feeds of feeds.yaml as OPML 2.0, for another reader; tags become
    categories.

    \b
    Example:
        aggregator feeds export --output subscriptions.opml
    """
    from ..config.opml import OpmlFeed, write_opml

    known = {row.url: row for row in app.feeds()}
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
    deliver(body, output, counted(len(listed), "feed", "feeds"))


def _feed_block(feed: FeedView) -> str:
    status = feed.last_status or "never polled"
    if feed.last_http_status and feed.last_status != "not_modified":
        status += f" (HTTP {feed.last_http_status})"
    parts = [f"{feed.entries} entries", status]
    if feed.last_polled_at:
        parts.append(f"polled {short_time(feed.last_polled_at)}")
    if not feed.active:
        parts.append("removed from feeds.yaml, not polled")
    elif feed.disabled_reason:
        parts.append(f"disabled: {feed.disabled_reason}")
    elif feed.next_poll_at:
        parts.append(f"next {short_time(feed.next_poll_at)} ({_why(feed)})")
    else:
        parts.append("next: now")
    lines = [f"{feed.title}  {feed.url}" if feed.title else feed.url, "  " + " · ".join(parts)]
    if feed.fetch_url != feed.url:
        lines.append(f"  moved permanently to {feed.fetch_url}")
    if feed.host_blocked_until:
        lines.append(f"  host asked us to wait until {short_time(feed.host_blocked_until)}")
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
