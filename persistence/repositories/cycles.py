"""Cycles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import col

from persistence.repositories.base import Keyset, Repository, equals
from persistence.tables import (
    CycleRow,
    ObjectiveRow,
)


class CycleRepository(Repository[CycleRow]):
    """Cycles."""

    model = CycleRow
    entity = "cycle"

    async def list_filtered(
        self,
        *,
        kind: str | None = None,
        state: str | None = None,
        parent_id: str | None = None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[CycleRow], Keyset | None]:
        """A page of cycles in creation order with these values (None: any)."""
        return await self.list(
            filters=equals(CycleRow, kind=kind, state=state, parent_id=parent_id),
            limit=limit,
            after=after,
        )

    async def in_state(self, state: str) -> list[CycleRow]:
        """Every cycle in this state."""
        stmt = select(CycleRow).where(col(CycleRow.state) == state)
        return list((await self.session.execute(stmt)).scalars())

    async def children(self, cycle_id: str) -> list[CycleRow]:
        """The cycles directly inside this one."""
        stmt = select(CycleRow).where(col(CycleRow.parent_id) == cycle_id)
        return list((await self.session.execute(stmt)).scalars())

    async def objective_count(self, cycle_id: str) -> int:
        """How many objectives belong to the cycle."""
        stmt = select(func.count()).where(col(ObjectiveRow.cycle_id) == cycle_id)
        return int((await self.session.execute(stmt)).scalar_one())
