"""aggregator: a news feed aggregator that groups the same story across outlets.

The public API is ``api.Aggregator`` (and the command line, ``cli/``, built on it).
The database is the hub: entries are stored as soon as a feed is parsed, and three
workers take their work from it, each on its own schedule::

    feeds.yaml ─ config, feedsfile, opml
        │
        ▼                    ┌──────────── the database (store/) ─────────────┐
    schedule ─ when each     │ feeds, entries, article pages, stories, leases │
    feed is due              └───▲───────────────▲──────────────────▲─────────┘
        │                        │ entries       │ pages            │ stories
        ▼                        │               │                  │
    Poller (pipeline) ─ fetch, netguard, parse, sanitize, urls; decide: what a
                        finished poll means (next poll, holds, moves); identity:
                        which entries are new, edited, re-published (both pure)
                                 Extractor (articles) ─ fetch, extract
                                                 Deduplicator (deduplicate) ─ dedup,
                                                 story_index, textsim: the pure
                                                 grouping core
        drive: one thread runs the Poller and the Extractor together, each on a
        runner (leased work in a thread pool; workers: per-host slots, HTTP
        clients, storing finished work)
                                                                    │
    output ◀── publish, render, jsonfeed (merged feeds) ◀───────────┘
               serve (HTTP), websearch (search), prune (retention)

    once:      api.Aggregator.poll_once ─ drive.run_once
    as daemon: daemon.Daemon ─ APScheduler ticks; jobs: grouping, feeds.yaml,
               prune, health
"""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aggregator")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

# A library never configures logging for its host; the CLI does.
logging.getLogger("aggregator").addHandler(logging.NullHandler())
