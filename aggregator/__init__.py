"""aggregator: a news feed aggregator that groups the same story across outlets.

The public API is the command line (``aggregator --help``); the package layout
follows the data: config → fetch → parse → store → extract → dedup → render.
"""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("aggregator")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

# A library never configures logging for its host; the CLI does.
logging.getLogger("aggregator").addHandler(logging.NullHandler())
