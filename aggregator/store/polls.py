"""Recording finished polls on their feeds' rows: what happened (status, caching
data, errors) and what was decided of it (domain/decide.py: next poll, rhythm,
disabling, a new address). Works from the state each feed had when claimed, so
nothing is read back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Boolean, Integer, Table, Text, bindparam, case, func, update
from sqlalchemy.orm import Session

from ..domain.decide import PollIntents
from ..types import DueFeed, FeedResult, ParsedFeed
from .boundary import host_of
from .models import Feed, UTCDateTime


def record_polls(
    session: Session,
    owner: str,
    items: Sequence[tuple[DueFeed, FeedResult, PollIntents]],
    now: datetime,
) -> None:
    """The 304s, most polls of a running daemon, in one statement; the plain
    successes (a feed fetched and parsed, at the address it had) in another; one
    UPDATE for each of the rest (see Store.record_polls)."""
    unchanged: list[dict[str, Any]] = []
    fetched: list[dict[str, Any]] = []
    for due, result, intents in items:
        parsed = result.parsed
        if (
            parsed is not None
            and result.error is None
            and intents.move_to is None
            and intents.disable is None
        ):
            rhythm = intents.rhythm
            fetched.append(
                {
                    "b_id": due.feed_id,
                    "b_owner": owner,
                    "b_now": now,
                    "b_status": result.http_status,
                    "b_next": intents.next_poll.at,
                    "b_reason": intents.next_poll.reason,
                    "b_etag": result.cache.etag,
                    "b_last_modified": result.cache.last_modified,
                    "b_title": parsed.title,
                    "b_site_url": parsed.link,
                    "b_last_status": _status(parsed),
                    "b_warning": parsed.warning,
                    "b_ttl": parsed.ttl_seconds,
                    "b_syndication": parsed.syndication_seconds,
                    "b_rhythm": rhythm is not None,
                    "b_gap": rhythm.typical_gap if rhythm is not None else None,
                    "b_newest": rhythm.newest if rhythm is not None else None,
                }
            )
        elif result.not_modified and intents.move_to is None:
            unchanged.append(
                {
                    "b_id": due.feed_id,
                    "b_owner": owner,
                    "b_now": now,
                    "b_etag": result.cache.etag,
                    "b_last_modified": result.cache.last_modified,
                    "b_next": intents.next_poll.at,
                    "b_reason": intents.next_poll.reason,
                }
            )
        else:
            _record_poll(session, owner, due, result, intents, now)
    if unchanged:
        session.connection().execute(_NOT_MODIFIED, unchanged)
    if fetched:
        session.connection().execute(_FETCHED, fetched)


def _record_poll(
    session: Session,
    owner: str,
    due: DueFeed,
    result: FeedResult,
    intents: PollIntents,
    now: datetime,
) -> None:
    values = _polled(now, result.http_status, intents.next_poll.at, intents.next_poll.reason)
    if intents.move_to is not None:
        values["fetch_url"] = intents.move_to
        values["host"] = host_of(intents.move_to)
    if intents.disable is not None:
        values["disabled_at"] = now
        values["disabled_reason"] = intents.disable
    if intents.rhythm is not None:
        values["typical_gap_seconds"] = intents.rhythm.typical_gap
        values["newest_published_at"] = intents.rhythm.newest
    if result.error is not None:
        values.update(
            last_status="error",
            last_error=str(result.error),
            last_error_kind=result.error.kind,
            error_count=Feed.error_count + 1,
        )
    elif result.parsed is None:
        values.update(_not_modified(now, result.cache.etag, result.cache.last_modified))
    else:
        parsed = result.parsed
        values.update(
            _fetched(
                now,
                result.cache.etag,
                result.cache.last_modified,
                title=parsed.title,
                link=parsed.link,
                status=_status(parsed),
                warning=parsed.warning,
                ttl=parsed.ttl_seconds,
                syndication=parsed.syndication_seconds,
            )
        )
    # Core, not ORM: nothing loaded in this Session needs to follow the change (a
    # claim always reloads the rows it takes), and this is the hot path of a poll.
    session.connection().execute(
        update(_FEEDS)
        .where(_FEEDS.c.id == due.feed_id, _FEEDS.c.lease_owner == owner)
        .values(**values)
    )


def _status(parsed: ParsedFeed) -> str:
    return "recovered" if parsed.warning else "ok"


_FEEDS = cast(Table, Feed.__table__)
# What any successful poll (200 or 304) resets on the feed's row.
_SUCCEEDED: dict[str, Any] = {
    "error_count": 0,
    "last_error": None,
    "last_error_kind": None,
    "disabled_at": None,
    "disabled_reason": None,
}

# The helpers below give a kind of poll's columns from values (one feed's UPDATE) or
# from bind parameters (the statements for many feeds at once), so the two agree.


def _polled(now: Any, http_status: Any, next_at: Any, reason: Any) -> dict[str, Any]:
    """What every poll sets: when, the answer's status, the lease ended, the next poll."""
    return {
        "last_polled_at": now,
        "last_http_status": http_status,
        "lease_owner": None,
        "lease_until": None,
        "next_poll_at": next_at,
        "next_poll_reason": reason,
    }


def _not_modified(now: Any, etag: Any, last_modified: Any) -> dict[str, Any]:
    """A 304's columns. A 304 may carry fresh validators; the old ones stay where it
    does not."""
    return {
        **_SUCCEEDED,
        "last_success_at": now,
        "last_status": "not_modified",
        "etag": func.coalesce(etag, _FEEDS.c.etag),
        "last_modified": func.coalesce(last_modified, _FEEDS.c.last_modified),
    }


def _fetched(
    now: Any,
    etag: Any,
    last_modified: Any,
    *,
    title: Any,
    link: Any,
    status: Any,
    warning: Any,
    ttl: Any,
    syndication: Any,
) -> dict[str, Any]:
    """A feed fetched and parsed: its columns. A 200 replaces the validators: one it
    did not send must not be sent again."""
    return {
        **_SUCCEEDED,
        "last_success_at": now,
        "etag": etag,
        "last_modified": last_modified,
        "title": func.coalesce(title, _FEEDS.c.title),
        "site_url": func.coalesce(link, _FEEDS.c.site_url),
        "last_status": status,
        "last_error": warning,
        "ttl_seconds": ttl,
        "syndication_seconds": syndication,
    }


# A 304 of a feed that did not move, as one statement for many feeds (executemany).
_NOT_MODIFIED = (
    update(_FEEDS)
    .where(_FEEDS.c.id == bindparam("b_id"), _FEEDS.c.lease_owner == bindparam("b_owner"))
    .values(
        {
            **_polled(bindparam("b_now"), 304, bindparam("b_next"), bindparam("b_reason")),
            **_not_modified(bindparam("b_now"), bindparam("b_etag"), bindparam("b_last_modified")),
        }
    )
)

# A feed fetched and parsed at the address it had, as one statement for many feeds
# (executemany); its rhythm changes only where it was measured again.
_RHYTHM = bindparam("b_rhythm", type_=Boolean)
_FETCHED = (
    update(_FEEDS)
    .where(_FEEDS.c.id == bindparam("b_id"), _FEEDS.c.lease_owner == bindparam("b_owner"))
    .values(
        {
            **_polled(
                bindparam("b_now"),
                bindparam("b_status"),
                bindparam("b_next"),
                bindparam("b_reason"),
            ),
            **_fetched(
                bindparam("b_now"),
                bindparam("b_etag"),
                bindparam("b_last_modified"),
                title=bindparam("b_title", type_=Text),
                link=bindparam("b_site_url", type_=Text),
                status=bindparam("b_last_status"),
                warning=bindparam("b_warning"),
                ttl=bindparam("b_ttl"),
                syndication=bindparam("b_syndication"),
            ),
            "typical_gap_seconds": case(
                (_RHYTHM, bindparam("b_gap", type_=Integer)), else_=_FEEDS.c.typical_gap_seconds
            ),
            "newest_published_at": case(
                (_RHYTHM, bindparam("b_newest", type_=UTCDateTime)),
                else_=_FEEDS.c.newest_published_at,
            ),
        }
    )
)
