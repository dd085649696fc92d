"""Reads feeds.yaml and the AGGREGATOR_* environment once into a frozen Settings.

Validation only: nothing here touches the network or the database. A bad file is
refused with one ConfigError whose message names the file, the line, the key and what
was expected, e.g.::

    feeds.yaml:14: feeds[3].interval: expected a duration such as 15m, 2h or 1d, got '5 minutes'

Precedence is flag > environment > feeds.yaml > default; the CLI passes flags in as
the ``environ``/``path`` arguments, and no other module reads ``os.environ``.
"""

from ..durations import parse_duration
from .load import load_settings
from .schema import (
    DEFAULT_DATABASE,
    DEFAULT_INTERVAL,
    USER_AGENT,
    DedupSettings,
    ExtractSettings,
    FeedConfig,
    FetchSettings,
    FileConfig,
    OutputSettings,
    RetentionSettings,
    SavedSearch,
    ScheduleSettings,
    ServeSettings,
    Settings,
)

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_INTERVAL",
    "USER_AGENT",
    "DedupSettings",
    "ExtractSettings",
    "FeedConfig",
    "FetchSettings",
    "FileConfig",
    "OutputSettings",
    "RetentionSettings",
    "SavedSearch",
    "ScheduleSettings",
    "ServeSettings",
    "Settings",
    "load_settings",
    "parse_duration",
]
