"""Durations as people write them in feeds.yaml and on the command line (``15m``,
``2h``, ``1d``, ``1h30m``). Pure, and light: the command line reads them before it
loads anything else."""

from __future__ import annotations

import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"(\d+)\s*([smhdw])")
DURATION_HINT = "a duration such as 15m, 2h or 1d (units s, m, h, d, w; e.g. 1h30m)"
# The shortest retention: a shorter time would delete what the feed still lists today.
MIN_KEEP = 86400


def parse_duration(text: str) -> int:
    """Parse ``15m``, ``2h``, ``1d`` or compounds such as ``1h30m`` into seconds.

    Raises:
        ValueError: the text is not such a duration, or is zero.
    """
    compact = text.strip().lower()
    pos, total = 0, 0
    for match in _DURATION.finditer(compact):
        if match.start() != pos:
            break
        total += int(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if not compact or pos != len(compact):
        raise ValueError(f"expected {DURATION_HINT}, got {text!r}")
    if total <= 0:
        raise ValueError(f"expected a duration longer than zero, got {text!r}")
    return total


def checked_keep(seconds: int, written: object) -> int:
    """A retention's keep, at least a day (feeds.yaml and `prune --keep`).

    Raises:
        ValueError: a shorter one, named as ``written`` ("at least 86400" would not
            say what 2h is short of).
    """
    if seconds < MIN_KEEP:
        raise ValueError(f"expected at least a day (1d), got {written!r}")
    return seconds
