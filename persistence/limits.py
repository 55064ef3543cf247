"""Rate counters: one row per (bucket, caller, window), counted by an atomic upsert.

Each count runs in its own short transaction on the engine it is given (the counters' pool), so
refused or failed requests count too and no row lock is held while a request works.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from persistence.tables import RateCounterRow


def _upsert(insert: Any) -> Any:
    """Count one hit in a window: insert its row with 1, or add 1 to it; answers the count."""
    counts = RateCounterRow.__table__.c.count  # type: ignore[attr-defined]
    return (
        insert(RateCounterRow)
        .values(
            bucket=bindparam("bucket"),
            principal=bindparam("principal"),
            window_start=bindparam("window_start"),
            count=1,
        )
        .on_conflict_do_update(
            index_elements=["bucket", "principal", "window_start"],
            set_={"count": counts + 1},
        )
        .returning(counts)
    )


_UPSERTS = {"postgresql": _upsert(pg_insert), "sqlite": _upsert(sqlite_insert)}
"""Built once per dialect: every check-in request runs one."""

_FORGET_OLD_WINDOWS = delete(RateCounterRow).where(
    col(RateCounterRow.bucket) == bindparam("bucket"),
    col(RateCounterRow.principal) == bindparam("principal"),
    col(RateCounterRow.window_start) < bindparam("window_start"),
)


async def count_hit(
    engine: AsyncEngine, *, bucket: str, principal: str, window_start: datetime
) -> int:
    """Count one hit of the caller in the window starting at ``window_start``; returns the count
    so far. The caller's older windows are dropped when a new one begins."""
    values: dict[str, Any] = {
        "bucket": bucket,
        "principal": principal,
        "window_start": window_start,
    }
    async with engine.begin() as conn:
        count = int((await conn.execute(_UPSERTS[conn.dialect.name], values)).scalar_one())
        if count == 1:
            await conn.execute(_FORGET_OLD_WINDOWS, values)
    return count
