"""A first feeds.yaml (``aggregator init``; ``feeds add`` and ``feeds import`` when
there is none): the database, two example feeds, and every section with each key at
its default, commented out, so that the file documents itself.

The defaults are written here by hand, as comments can hold them; a test uncomments
every key and checks that the settings equal the models' defaults, so the two cannot
drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import USER_AGENT

# The feeds: two real outlets that report the same world events.
EXAMPLE_FEEDS = (
    ("https://feeds.bbci.co.uk/news/world/rss.xml", "BBC News - World", "world"),
    ("https://www.aljazeera.com/xml/rss/all.xml", "Al Jazeera", "world"),
)

_HEAD = """\
# aggregator configuration (README.md, "Configuration"). Unknown keys are refused.
# Every key below the feeds is shown with its default, commented out: uncomment
# the ones to change.

# Where entries are stored; a relative SQLite path is relative to this file.
# PostgreSQL: postgresql+psycopg://user@host/dbname. Env: AGGREGATOR_DATABASE.
database: sqlite:///aggregator.db

# The feeds to follow. Per feed: title, tags, interval, min_interval, max_interval,
# full_text (auto, always, never), keep. Add more with `aggregator feeds add URL`.
feeds:
"""

_SECTIONS = """\

# How feeds and pages are fetched.
# fetch:
#   timeout: 30                  # seconds for a whole request
#   connect_timeout: 10
#   read_timeout: 20             # seconds between two chunks of the body
#   concurrency: 16              # requests in flight overall
#   per_host: 2                  # requests in flight per host
#   max_bytes: 10485760          # 10 MB, after decompression
#   max_redirects: 5
#   user_agent: "USER_AGENT"
#   allow_private_networks: false  # true: feeds on this machine or the LAN
#   allowed_networks: []         # or just these, e.g. [192.168.1.0/24]

# Bounds of every feed's polling schedule.
# schedule:
#   min_interval: 5m             # never poll a feed more often
#   max_interval: 1d             # never wait longer between polls of a working feed
#   max_backoff: 1d              # longest wait after repeated errors
#   jitter: 0.1                  # up to this fraction later, never earlier

# The whole article of each entry, from its page.
# extract:
#   full_text: auto              # auto: unless the feed carries it; always; never
#   keep_html: false             # true: keep pages so `extract --all` needs no network
#   concurrency: 8               # page fetches in flight
#   min_words: 250               # auto: a feed text this long is the article

# Grouping the same story across outlets (README, "Stories").
# dedup:
#   enabled: true
#   window: 14d                  # how far an entry may be from a story's coverage
#   text_wait: 10m               # how long an entry waits for its article's text
#   source_priority: []          # feed URLs whose entry represents a story, best first
#   same_text: 0.5
#   contained: 0.8
#   same_story: 0.17
#   decay_after: 6h
#   decay: 12h
#   late_penalty: 0.12
#   merge_stories: 0.06
#   reform: 24h                  # the reports this recent are formed again (false: never)

# The merged feed: one item per story, with every outlet that carried it.
# output:
#   directory: null              # e.g. output: the daemon keeps feed.atom, feed.rss... there
#   formats: [atom, rss, json]
#   title: Aggregated news
#   max_items: 100
#   base_url: http://127.0.0.1:8080/   # default: where `serve:` listens
#   searches: {}                 # NAME: QUERY, a merged feed of the stories matching it

# How long entries are kept.
# retention:
#   keep: null                   # e.g. 90d; none: for ever
#   keep_at_least: 0             # each feed's newest this many stay, however old

# The daemon's web endpoint: story pages, merged feeds, /healthz, /metrics.
# serve:
#   host: 127.0.0.1
#   port: 8080
#   allow_edits: false           # merge stories and split entries from the pages
#   token: null                  # asked for by every edit; needed off 127.0.0.1
"""


def starter(feeds: tuple[tuple[str, str, str], ...] = EXAMPLE_FEEDS) -> str:
    """The text of a first feeds.yaml with ``feeds`` (URL, title, tag)."""
    listed = "".join(
        f"  - url: {url}\n    title: {title}\n    tags: [{tag}]\n" for url, title, tag in feeds
    )
    return _HEAD + listed + _sections()


def empty_starter() -> str:
    """A first feeds.yaml without feeds (``feeds add`` and ``import`` fill it in)."""
    return _HEAD.replace("feeds:\n", "feeds: []\n") + _sections()


def _sections() -> str:
    return _SECTIONS.replace('"USER_AGENT"', json.dumps(USER_AGENT))


def write_starter(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist yet (never overwritten).

    Raises:
        FileExistsError: there is a file there already.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
