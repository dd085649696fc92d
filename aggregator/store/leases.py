"""Row leases, the same for feeds and article pages: a process takes the rows it is
about to work on (``lease_owner``, ``lease_until``), and gives them back when done,
when it stops, or when it is found dead. A lease that is never given back expires."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from .models import Article, Feed

Leased = type[Feed] | type[Article]


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
