"""Structured logs: one line per event, ``key=value`` pairs (logfmt), the feed URL in
every line that concerns a feed. Contains no business logic."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO


def event(logger: logging.Logger, level: int, name: str, **fields: Any) -> None:
    """Log event ``name`` with ``fields``; None values are left out."""
    if logger.isEnabledFor(level):
        logger.log(
            level, name, extra={"fields": {k: v for k, v in fields.items() if v is not None}}
        )


class LogfmtFormatter(logging.Formatter):
    """``ts=2026-11-23T20:40:01Z level=info event=poll.ok feed=https://… new=3``."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        fields: dict[str, Any] = getattr(record, "fields", None) or {}
        parts = [
            f"ts={when.replace('+00:00', 'Z')}",
            f"level={record.levelname.lower()}",
            f"event={_value(record.getMessage())}",
        ]
        parts += [f"{key}={_value(value)}" for key, value in fields.items()]
        if record.exc_info:
            parts.append(f"exception={_value(self.formatException(record.exc_info))}")
        return " ".join(parts)


def _value(value: Any) -> str:
    text = str(value)
    if text and not any(c in text for c in ' "=\n\t\\'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def configure(level: str, stream: TextIO | None = None) -> None:
    """Send aggregator's logs to ``stream`` (stderr) in logfmt at ``level``."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(LogfmtFormatter())
    root = logging.getLogger("aggregator")
    root.handlers[:] = [h for h in root.handlers if isinstance(h, logging.NullHandler)]
    root.addHandler(handler)
    root.setLevel(level.upper())
    root.propagate = False
    # APScheduler warns about every skipped or late tick, which a long store makes
    # routine; its errors still show.
    scheduler = logging.getLogger("apscheduler")
    scheduler.handlers[:] = [handler]
    scheduler.setLevel(logging.ERROR)
    scheduler.propagate = False
