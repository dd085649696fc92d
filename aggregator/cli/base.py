"""What every command shares: the top-level group, --config and --log-level (before or
after the command name), building the App, and turning errors into exit statuses."""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

from ..errors import AggregatorError, ConfigError
from ..runtime.logs import configure as configure_logging

if TYPE_CHECKING:
    pass


F = TypeVar("F", bound=Callable[..., Any])


DEFAULT_CONFIG = "feeds.yaml"


LOG_LEVELS = ["debug", "info", "warning", "error"]


class ConfigProblem(click.ClickException):
    """A bad feeds.yaml: exit status 2, like a usage error, but without the usage text."""

    exit_code = 2


@contextmanager
def translated_errors() -> Iterator[None]:
    try:
        yield
    except ConfigError as e:
        raise ConfigProblem(str(e)) from e
    except AggregatorError as e:
        raise click.ClickException(str(e)) from e


INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def exit_now_if_stuck(code: int) -> None:
    """Leave at once if worker threads still wait on the network after a stop.

    Their requests end by their own timeouts, up to fetch.timeout later; the
    interpreter would wait for them at exit (worker threads are not daemons), and a
    stop is promised within 10 s. Everything complete is committed and the leases are
    released before this, so any thread still alive is one of them, whatever its name.
    """
    main = threading.main_thread()
    if any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate()):
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
            exit_now_if_stuck(INTERRUPTED)
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


def config_option(help_text: str) -> Callable[[F], F]:
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
        @config_option("The feeds.yaml to use (env AGGREGATOR_CONFIG).")
        @_log_level_option(log_default)
        @functools.wraps(command)
        def wrapper(config_path: Path, log_level: str, **kwargs: Any) -> Any:
            from ..api import Aggregator
            from ..config import load_settings

            if click.get_current_context().invoked_subcommand:
                return None  # a group whose own command is not the one asked for
            configure_logging(log_level)
            with translated_errors():
                settings = load_settings(config_path, os.environ)
                app = Aggregator.open(settings, migrate=migrate, reading=reading)
            click.get_current_context().call_on_close(app.close)
            with translated_errors():
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


config_only = config_option("The feeds.yaml to edit (env AGGREGATOR_CONFIG).")
