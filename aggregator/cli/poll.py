"""`poll`, `extract` and `run`: fetching feeds and pages, once or as a daemon."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

import click

from ..types import (
    ArticleResult,
    Assigned,
    FeedResult,
    FeedSource,
    FeedView,
    PageBacklog,
    StoredCounts,
)
from .base import ConfigProblem, cli, exit_now_if_stuck, with_app
from .show import counted, short_time

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from ..api import Aggregator


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
def poll(app: Aggregator, force: bool, feed_urls: tuple[str, ...]) -> None:
    """Poll the feeds that are due and store their new entries.

    Every feed is due on a new database. Exits 0 when the poll ran, even if some
    feeds failed (each failure is printed on one line); non-zero only when it could
    not run at all.

    \b
    Example:
        aggregator poll --config feeds.yaml
    """
    from rich.console import Console

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    app.sync_feeds()  # before counting what is due
    sources = app.settings.feeds
    if feed_urls:
        sources = _named_sources(app, feed_urls)
        force = True  # a feed named is polled now
    due = app.due_count(sources, force=force)
    pages = _PageCount()
    with _PollProgress(err, due, app.page_backlog if app.full_text else None) as progress:

        def report(result: FeedResult, counts: StoredCounts) -> None:
            progress.feed_done()
            if result.error is not None:
                err.print(f"failed: {result.source.url}: {result.error}", markup=False)

        def page_done(result: ArticleResult) -> None:
            pages(result)
            progress.page_done()

        polled = app.poll_once(sources, force=force, on_feed=report, on_page=page_done, sync=False)
    summary, waiting = polled.report, polled.waiting
    total = len(summary.results)
    failed = len(summary.failed)
    if total == 0 and not force:
        err.print(_idle(app.feeds()), markup=False)
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


def _named_sources(app: Aggregator, feed_urls: Iterable[str]) -> tuple[FeedSource, ...]:
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
        f"{len(times)} {why} (the first at {short_time(min(times))})"
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
def extract(app: Aggregator, retry_failed: bool, everything: bool) -> None:
    """Fetch and extract the article pages that are due, then return.

    Pages are fetched as entries arrive (poll, run); this catches up, retries
    failures (--retry-failed) or redoes everything (--all).

    \b
    Example:
        aggregator extract --retry-failed
    """
    if not app.full_text:
        raise ConfigProblem(
            f"{app.settings.config_path}: full text is off (extract: full_text: never)"
        )
    pages = _PageCount()
    app.extract_due(retry_failed=retry_failed, everything=everything, on_page=pages)
    click.echo(str(pages) if pages.total else "no article pages due")


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
            f"{backlog.waiting} wait for {counted(backlog.waiting_hosts, 'host', 'hosts')} "
            f"(Retry-After)"
            if backlog.waiting
            else ""
        )
        self._progress.update(self._pages, total=self._pages_done + backlog.due, note=note)


@cli.command()
@with_app(migrate=False, log_default="info")  # run_daemon migrates once it holds its lock
def run(app: Aggregator) -> None:
    """Run the polling daemon: poll each feed when it is due, until stopped.

    Stop it with SIGTERM or Ctrl-C: polls in progress get a few seconds to finish
    and be stored, then it exits 0. A change of feeds.yaml's feeds takes effect as
    it happens (SIGHUP: at once). Logs one logfmt line per event to stderr. With a
    `serve:` section it serves the merged feed, /healthz and /metrics.

    \b
    Example:
        aggregator run --config feeds.yaml --log-level info
    """
    app.run()
    exit_now_if_stuck(0)
