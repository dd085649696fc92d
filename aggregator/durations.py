"""Durations as people write them in feeds.yaml and on the command line (``15m``,
``2h``, ``1d``, ``1h30m``). Pure, and light: the command line reads them before it
loads anything else."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

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


MOMENT_HINT = (
    "a duration such as 12h or 1d, or an ISO 8601 date or time such as 2026-11-20 or "
    "2026-11-20T08:00Z"
)


def parse_moment(text: str, now: datetime, *, end_of_day: bool = False) -> datetime:
    """A point in time as people give one: ``1d`` (that long before ``now``) or an
    ISO 8601 date or time (UTC unless it says otherwise). ``end_of_day``: a bare
    date means the end of that day, as "until 2026-11-20" is read.

    Raises:
        ValueError: neither.
    """
    written = text.strip()
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        pass
    else:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        if end_of_day and len(written) == len("2026-11-20"):
            moment += timedelta(days=1)
        return moment
    try:
        return now - timedelta(seconds=parse_duration(written))
    except ValueError:
        raise ValueError(f"expected {MOMENT_HINT}, got {text!r}") from None
