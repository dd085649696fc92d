"""Row leases, the same for feeds and article pages: a process takes the rows it is
about to work on (``lease_owner``, ``lease_until``), and gives them back when done,
when it stops, or when it is found dead. A lease that is never given back expires."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from .models import Article, Feed, Host

Leased = type[Feed] | type[Article]
T = TypeVar("T")
R = TypeVar("R")
# A SELECT of any columns: the claim's query keeps its own row type.
Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


def claimable(
    query: Q, model: Leased, now: datetime, *, limit: int, busy_hosts: Collection[str]
) -> Q:
    """``query`` (the due rows of ``model``, in the order they are due) narrowed to
    what this process may take: no lease running, the host under no Retry-After nor
    among ``busy_hosts`` (so that one host with many due rows cannot hide the
    others), locked for this transaction (other processes skip them), and more
    candidates than ``limit``, as some may be skipped for their host."""
    blocked = select(Host.host).where(Host.blocked_until > now)
    query = query.where(
        or_(model.lease_until.is_(None), model.lease_until < now),
        model.host.not_in(blocked),
    )
    if busy_hosts:
        query = query.where(model.host.not_in(list(busy_hosts)))
    return query.limit(max(limit * 4, 50)).with_for_update(skip_locked=True, of=model)


def pick(
    rows: Iterable[T],
    limit: int,
    wanted: Callable[[T], bool],
    made: Callable[[T], R],
) -> list[tuple[T, R]]:
    """Up to ``limit`` of ``rows``, in order, that ``wanted`` takes (it reserves the
    row's place on its host: the per-host cap), each with what ``made`` makes of it."""
    picked: list[tuple[T, R]] = []
    for row in rows:
        if len(picked) == limit:
            break
        if wanted(row):
            picked.append((row, made(row)))
    return picked


def take(
    session: Session,
    key: InstrumentedAttribute[int],
    ids: Collection[int],
    owner: str,
    until: datetime,
) -> None:
    """Lease the rows whose ``key`` (Feed.id, Article.entry_id) is in ``ids``."""
    session.execute(
        update(key.class_).where(key.in_(list(ids))).values(lease_owner=owner, lease_until=until),
        execution_options={"synchronize_session": False},
    )


def release(session: Session, model: Leased, owner: str) -> int:
    """Give up every lease ``owner`` holds (a clean shutdown); returns how many."""
    result = session.execute(
        update(model).where(model.lease_owner == owner).values(lease_owner=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def expire(session: Session, model: Leased, is_dead: Callable[[str], bool]) -> int:
    """End the leases of owners that ``is_dead`` says no longer run (a killed process's
    rows would otherwise wait until its leases run out)."""
    query = select(model.lease_owner).where(model.lease_owner.is_not(None)).distinct()
    owners = session.scalars(query).all()
    dead = [owner for owner in owners if owner and is_dead(owner)]
    if not dead:
        return 0
    result = session.execute(
        update(model).where(model.lease_owner.in_(dead)).values(lease_owner=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)
