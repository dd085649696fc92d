"""The options that narrow what a query answers (--since, --limit, --min-sources,
--feed, --tag), and what an empty answer says."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from .base import F

if TYPE_CHECKING:
    from ..api import Aggregator


def parse_since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    from ..durations import parse_moment

    if value is None:
        return None
    try:
        return parse_moment(value, datetime.now(UTC))
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


min_sources_option = click.option(
    "--min-sources",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only stories reported by at least this many feeds.",
)


def limit_option(what: str) -> Callable[[F], F]:
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=100,
        show_default=True,
        help=f"At most this many {what} (0: no limit).",
    )


stories_since_option = click.option(
    "--since",
    callback=parse_since,
    metavar="WHEN",
    help="Only stories changed at or after this (a date or time, or 12h, 1d ago).",
)


def feed_options(command: F) -> F:
    """--feed URL (repeatable) and --tag TAG, which ``feeds_asked`` reads."""
    command = click.option("--tag", help="Only entries of the feeds with this tag in feeds.yaml.")(
        command
    )
    return click.option(
        "--feed",
        "feed_urls",
        metavar="URL",
        multiple=True,
        help="Only entries of this feed (repeatable).",
    )(command)


def feeds_asked(app: Aggregator, feed_urls: Iterable[str], tag: str | None) -> set[str] | None:
    """The feeds that --feed and --tag select (both: those that both do); None: all."""
    asked = {url.strip() for url in feed_urls}
    if asked:
        known_feeds(app, asked)
    if tag is None:
        return asked or None
    tagged = feeds_tagged(app, tag)
    return tagged & asked if asked else tagged


def known_feeds(app: Aggregator, urls: Iterable[str]) -> None:
    """A --feed that names no stored feed is a mistake (a URL written another way,
    with a trailing slash say), not an empty answer: exit status 2."""
    asked = {url.strip() for url in urls}
    unknown = sorted(asked - app.known_feeds(asked))
    if unknown:
        message = f"no feed {', '.join(unknown)} in the database (see `feeds`)"
        raise click.BadParameter(message, param_hint="--feed")


def feeds_tagged(app: Aggregator, tag: str) -> set[str]:
    """The feeds with ``tag``; a tag no feed has is a mistake: exit status 2."""
    tagged = {source.url for source in app.settings.feeds if tag in source.tags}
    if not tagged:
        tags = sorted({t for source in app.settings.feeds for t in source.tags})
        raise click.BadParameter(
            f"no feed in feeds.yaml has the tag {tag!r} (tags: {', '.join(tags) or 'none'})",
            param_hint="--tag",
        )
    return tagged


def say_nothing(what: str, otherwise: str = "stored yet") -> None:
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


def parse_keep(_ctx: click.Context, _param: click.Parameter, value: str | None) -> timedelta | None:
    from ..durations import checked_keep, parse_duration

    if value is None:
        return None
    try:
        return timedelta(seconds=checked_keep(parse_duration(value), value))
    except ValueError as e:
        raise click.BadParameter(str(e)) from e
