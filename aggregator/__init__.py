"""aggregator: a news feed aggregator that groups the same story across outlets.

The public API is ``api.Aggregator`` (and the command line, ``cli/``, built on it).
The database is the hub: entries are stored as soon as a feed is parsed, and three
workers take their work from it, each on its own schedule. The packages follow the
flow::

    config/   feeds.yaml: schema, load, feedsfile, opml, starter
        │
        ▼                     ┌──────────── the database (store/) ─────────────┐
    domain/schedule: when     │ feeds, entries, article pages, stories, leases │
    each feed is due          └───▲───────────────▲──────────────────▲─────────┘
        │                         │ entries       │ pages            │ stories
        ▼                         │               │                  │
    runtime/poller ─ sources/: fetch, netguard, parse, jsonfeed, sanitize;
                     domain/decide (what a finished poll means), domain/identity
                     (which entries are new, edited, re-published);
                     runtime/recording stores a round of finished polls
                     runtime/extractor ─ sources/fetch, sources/extract,
                                         sources/page_meta
                                        runtime/deduplicator ─ domain/dedup,
                                        domain/story_index, domain/copies,
                                        domain/textsim
        runtime/drive: one thread runs the poller and the extractor together,
        each on a runtime/runner (leased work in a thread pool; runtime/workers:
        per-host slots, HTTP clients, storing finished work)
                                                                     │
    output/ ◀── publish, render (merged feeds) ◀─────────────────────┘
                serve (HTTP: feeds, /healthz, /metrics; the story pages:
                listing reads the list's form, pages renders)

    once:      api.Aggregator.poll_once ─ runtime/drive.run_once
    as daemon: runtime/daemon.Daemon ─ APScheduler ticks; runtime/jobs: grouping,
               feeds.yaml, prune, health; runtime/pruner (retention)

``domain/`` is pure (no database, network or clock); ``store/`` is the only package
that speaks SQL, and the workers hold a ``store.Database``, never a Session.
"""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aggregator")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

# A library never configures logging for its host; the CLI does.
logging.getLogger("aggregator").addHandler(logging.NullHandler())
