"""The ``aggregator`` command line: parses arguments, calls the application, prints
results. One module per family of commands; ``base`` holds what they share.

Command names, options and JSON fields are an interface that scripts rely on; keep
them. AggregatorError becomes a click error here and nowhere else: a configuration
problem exits with status 2, a database problem with 1.

Only what every command needs is imported at start; each command imports what it uses
(trafilatura, SQLAlchemy, pydantic, the dedup index...), so that `--help` and a query
start at once (benchmarks/startup.py).
"""

from __future__ import annotations

from . import admin, feeds, poll, query, stories
from .base import cli

__all__ = ["admin", "cli", "feeds", "main", "poll", "query", "stories"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="aggregator")
