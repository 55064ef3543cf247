"""Leases on running work, counted per caller in the database (shared by every process).

A caller may hold at most ``limit`` leases of a bucket at once (e.g. running exports). Each lease
is one row of ``rate_counters``::

    bucket         the kind of work, e.g. ``expensive-reads``
    principal      the caller
    window_start   the instant the lease lapses: a lease whose holder crashed stops counting
                   then; a running holder renews it
    count          1

Taking a lease commits its row first and counts the caller's live rows afterwards, in a second
statement: whichever of several simultaneous takers commits last sees all the others, so more
than ``limit`` leases can never run at once (under a tie, both takers may be refused and retry).
Each step runs in its own short transaction on the engine given (the rate counters' pool), never
in a request's unit of work, and holds no lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from persistence.tables import RateCounterRow
from persistence.types import utcnow

_TICK = timedelta(microseconds=1)
_TRIES = 20
"""Leases of one caller expiring in the same microsecond are told apart by a tick each."""

_ROWS = RateCounterRow.__table__  # type: ignore[attr-defined]

_FORGET_LAPSED = delete(RateCounterRow).where(
    col(RateCounterRow.bucket) == bindparam("bucket"),
    col(RateCounterRow.principal) == bindparam("principal"),
    col(RateCounterRow.window_start) <= bindparam("now"),
)
_LIVE = select(func.count()).where(
    col(RateCounterRow.bucket) == bindparam("bucket"),
    col(RateCounterRow.principal) == bindparam("principal"),
    col(RateCounterRow.window_start) > bindparam("now"),
)
_RELEASE = delete(RateCounterRow).where(col(RateCounterRow.id) == bindparam("lease_id"))
_RENEW = (
    update(RateCounterRow)
    .where(col(RateCounterRow.id) == bindparam("lease_id"))
    .values(window_start=bindparam("expires"))
)


def _insert(insert: Any) -> Any:
    """A lease row, unless the caller already has one lapsing at that very instant."""
    return (
        insert(RateCounterRow)
        .values(
            bucket=bindparam("bucket"),
            principal=bindparam("principal"),
            window_start=bindparam("expires"),
            count=1,
        )
        .on_conflict_do_nothing(index_elements=["bucket", "principal", "window_start"])
        .returning(_ROWS.c.id)
    )


_INSERTS = {"postgresql": _insert(pg_insert), "sqlite": _insert(sqlite_insert)}


@dataclass(slots=True)
class Lease:
    """One taken lease; ``release`` it when the work ends (or let it lapse)."""

    engine: AsyncEngine
    id: int
    ttl: timedelta
    expires: datetime
    released: bool = field(default=False)

    async def renew(self, now: datetime | None = None) -> None:
        """Push the lapse instant to ``now + ttl`` (kept as it was if another lease of the
        caller lapses at that very instant: the next renewal moves it)."""
        expires = (now or utcnow()) + self.ttl
        try:
            async with self.engine.begin() as conn:
                await conn.execute(_RENEW, {"lease_id": self.id, "expires": expires})
        except IntegrityError:
            return
        self.expires = expires

    async def release(self) -> None:
        """Give the lease back (once; later calls do nothing)."""
        if self.released:
            return
        self.released = True
        async with self.engine.begin() as conn:
            await conn.execute(_RELEASE, {"lease_id": self.id})


async def acquire(
    engine: AsyncEngine,
    *,
    bucket: str,
    principal: str,
    limit: int,
    ttl: timedelta,
    now: datetime | None = None,
) -> Lease | None:
    """Take a lease when the caller holds fewer than ``limit`` live ones; None otherwise."""
    now = now or utcnow()
    values = {"bucket": bucket, "principal": principal, "now": now}
    expires = now + ttl
    lease_id: int | None = None
    async with engine.begin() as conn:
        await conn.execute(_FORGET_LAPSED, values)
        insert = _INSERTS[conn.dialect.name]
        for _ in range(_TRIES):
            lease_id = (await conn.execute(insert, {**values, "expires": expires})).scalar()
            if lease_id is not None:
                break
            expires += _TICK
    if lease_id is None:
        return None
    lease = Lease(engine, int(lease_id), ttl, expires)
    async with engine.connect() as conn:
        live = int((await conn.execute(_LIVE, values)).scalar_one())
    if live > limit:
        await lease.release()
        return None
    return lease
