"""Prometheus metrics of the polling daemon, in a registry of its own (no globals)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from ..types import ArticleResult, Assigned, FeedResult, StoredCounts


class Metrics:
    """Counters the daemon updates after every poll; rendered at /metrics."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.polls = Counter(
            "aggregator_polls",
            "Feed polls by result (ok, not_modified, error).",
            ["result"],
            registry=self.registry,
        )
        self.errors = Counter(
            "aggregator_poll_errors",
            "Failed feed polls by kind of error.",
            ["kind"],
            registry=self.registry,
        )
        self.entries = Counter(
            "aggregator_entries_stored", "New entries stored.", registry=self.registry
        )
        self.updated = Counter(
            "aggregator_entries_updated",
            "Stored entries updated because the feed edited them.",
            registry=self.registry,
        )
        self.duration = Histogram(
            "aggregator_poll_duration_seconds",
            "Time to fetch and parse one feed.",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "aggregator_polls_in_flight",
            "Feed polls and article page fetches in progress.",
            registry=self.registry,
        )
        self.articles = Counter(
            "aggregator_article_pages",
            "Article pages fetched and extracted, by result (ok, or the kind of failure).",
            ["result"],
            registry=self.registry,
        )
        self.article_duration = Histogram(
            "aggregator_article_duration_seconds",
            "Time to fetch and extract one article page.",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=self.registry,
        )
        self.grouped = Counter(
            "aggregator_entries_grouped",
            "Entries given their story, by whether they started it (new) or joined one.",
            ["result"],
            registry=self.registry,
        )
        self.grouping_duration = Histogram(
            "aggregator_grouping_duration_seconds",
            "Time to group the entries that were ready, per run that grouped any.",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=self.registry,
        )
        self.pruned = Counter(
            "aggregator_entries_pruned",
            "Entries deleted by retention (retention.keep).",
            registry=self.registry,
        )
        self.last_tick = Gauge(
            "aggregator_last_tick_timestamp_seconds",
            "When the scheduler last asked for due feeds (Unix time).",
            registry=self.registry,
        )

    def observe(self, result: FeedResult, counts: StoredCounts) -> None:
        if result.error is not None:
            self.polls.labels("error").inc()
            self.errors.labels(result.error.kind).inc()
        elif result.not_modified:
            self.polls.labels("not_modified").inc()
        else:
            self.polls.labels("ok").inc()
        self.entries.inc(counts.new)
        self.updated.inc(counts.updated)
        self.duration.observe(result.duration)

    def observe_article(self, result: ArticleResult) -> None:
        kind = result.error.kind if result.error is not None else "error"
        self.articles.labels("ok" if result.article else kind).inc()
        self.article_duration.observe(result.duration)

    def observe_grouped(self, grouped: Assigned) -> None:
        self.grouped.labels("new").inc(grouped.stories)
        self.grouped.labels("joined").inc(grouped.entries - grouped.stories)
        if grouped.entries:
            self.grouping_duration.observe(grouped.seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
