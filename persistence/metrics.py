"""The reads behind the gauges of ``/metrics``: the change feed's head and the key results a
staleness check looks at (two queries, whatever the size of the organisation)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from persistence.events import STRIDE
from persistence.tables import CheckInRow, CycleRow, EventRow, KeyResultRow, ObjectiveRow


async def feed_head(session: AsyncSession) -> int:
    """The highest position handed out in the change feed (0 when it is empty)."""
    events = (await session.execute(select(func.max(col(EventRow.id))))).scalar()
    positions = (await session.execute(select(func.max(col(CheckInRow.feed_position))))).scalar()
    return max(int(events or 0) * STRIDE, int(positions or 0))


async def key_results_of_active_cycles(
    session: AsyncSession,
) -> list[tuple[KeyResultRow, str, date]]:
    """Every key result of an agreed objective in an active cycle, with the cycle's id and
    first day."""
    stmt = (
        select(KeyResultRow, col(CycleRow.id), col(CycleRow.starts_on))
        .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
        .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
        .where(col(CycleRow.state) == "active", col(ObjectiveRow.state) == "agreed")
    )
    return [(kr, cycle_id, starts_on) for kr, cycle_id, starts_on in await session.execute(stmt)]
