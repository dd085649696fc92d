"""Row leases, the same for feeds and article pages: a process takes the rows it is
about to work on (``lease_owner``, ``lease_until``), and gives them back when done,
when it stops, or when it is found dead. A lease that is never given back expires."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import BindParameter, Select, bindparam, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..types import HostRoom
from .models import Article, Feed, Host, UTCDateTime

Leased = type[Feed] | type[Article]
T = TypeVar("T")
R = TypeVar("R")
# A SELECT of any columns: the claim's query keeps its own row type.
Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


# A claim's statement is built once for each of its shapes (see claimable), its
# values bound at each claim (claim_values): a poll claims dozens of times a second,
# and claiming was two fifths of the main process's time in a poll of 304s, most of
# it building the statement again and running it through the ORM.
NOW: BindParameter[datetime] = bindparam("claim_now", type_=UTCDateTime)
_BUSY = "claim_busy_hosts"
_CANDIDATES = "claim_candidates"
# And those of the lease's UPDATE (take).
_IDS = "take_ids"
_OWNER = "take_owner"
_UNTIL: BindParameter[datetime] = bindparam("take_until", type_=UTCDateTime)


def claimable(query: Q, model: Leased, *, busy: bool) -> Q:
    """``query`` (the due rows of ``model``, in the order they are due, as of NOW)
    narrowed to what this process may take: no lease running, the host under no
    Retry-After nor among the busy hosts (``busy``: there are some; so that one
    host with many due rows cannot hide the others), locked for this transaction
    (other processes skip them), and more candidates than the claim's limit, as
    some may be skipped for their host. Its values: claim_values."""
    blocked = select(Host.host).where(Host.blocked_until > NOW)
    query = query.where(
        or_(model.lease_until.is_(None), model.lease_until < NOW),
        model.host.not_in(blocked),
    )
    if busy:
        query = query.where(model.host.not_in(bindparam(_BUSY, expanding=True)))
    return query.limit(bindparam(_CANDIDATES)).with_for_update(skip_locked=True, of=model)


def claim_values(now: datetime, limit: int, busy_hosts: Collection[str]) -> dict[str, Any]:
    """The values of a ``claimable`` statement (``busy``: when ``busy_hosts``)."""
    values: dict[str, Any] = {NOW.key: now, _CANDIDATES: max(limit * 4, 50)}
    if busy_hosts:
        values[_BUSY] = list(busy_hosts)
    return values


def pick(
    rows: Iterable[T],
    limit: int,
    made: Callable[[T], R],
    host_of: Callable[[T], str],
    room: HostRoom | None,
    wanted: Callable[[T], bool] = lambda row: True,
) -> tuple[list[tuple[T, R]], set[str]]:
    """Up to ``limit`` of ``rows``, in order, that are ``wanted`` and have a place
    left on their host (``room``: the per-host cap), each with what ``made`` makes of
    it; and the hosts that had no place left for a row."""
    picked: list[tuple[T, R]] = []
    reserved: dict[str, int] = {}
    held: set[str] = set()
    for row in rows:
        if len(picked) == limit:
            break
        if not wanted(row):
            continue
        if room is not None:
            host = host_of(row)
            if room.taken.get(host, 0) + reserved.get(host, 0) >= room.limit:
                held.add(host)
                continue
            reserved[host] = reserved.get(host, 0) + 1
        picked.append((row, made(row)))
    return picked, held


def take(
    session: Session,
    key: InstrumentedAttribute[int],
    ids: Collection[int],
    owner: str,
    until: datetime,
) -> None:
    """Lease the rows whose ``key`` (Feed.id, Article.entry_id) is in ``ids``."""
    values = {_IDS: list(ids), _OWNER: owner, _UNTIL.key: until}
    # Core, not the ORM: nothing loaded needs to follow (a claim reads plain columns).
    session.connection().execute(_take_statement(key), values)


@functools.cache
def _take_statement(key: InstrumentedAttribute[int]) -> Any:
    """take's statement for one kind of row, built once (it runs with every claim)."""
    return (
        update(key.class_)
        .where(key.in_(bindparam(_IDS, expanding=True)))
        .values(lease_owner=bindparam(_OWNER), lease_until=_UNTIL)
    )


def release(session: Session, model: Leased, owner: str) -> int:
    """Give up every lease ``owner`` holds (a clean shutdown); returns how many."""
    result = session.execute(
        update(model).where(model.lease_owner == owner).values(lease_owner=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def owners(session: Session, model: Leased) -> list[str]:
    """Who holds leases on ``model``'s rows now."""
    query = select(model.lease_owner).where(model.lease_owner.is_not(None)).distinct()
    return [owner for owner in session.scalars(query) if owner]


def expire(session: Session, model: Leased, dead: Collection[str]) -> int:
    """End the leases of owners that no longer run (a killed process's rows would
    otherwise wait until its leases run out)."""
    if not dead:
        return 0
    dead = list(dead)
    result = session.execute(
        update(model).where(model.lease_owner.in_(dead)).values(lease_owner=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)
