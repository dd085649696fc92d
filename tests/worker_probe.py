"""Run in a worker process by tests: imports nothing of its own."""

from __future__ import annotations

import sys


def loaded(module: str) -> bool:
    """Whether this process has imported ``module``."""
    return module in sys.modules
