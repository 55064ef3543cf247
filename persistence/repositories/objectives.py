"""Repositories of objectives, key results and change requests."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import col

from persistence.repositories.base import Repository
from persistence.tables import (
    ChangeRequestRow,
    KeyResultRow,
    ObjectiveRow,
)


class ObjectiveRepository(Repository[ObjectiveRow]):
    """Objectives."""

    model = ObjectiveRow
    entity = "objective"

    async def count_for_owner(
        self, cycle_id: str, owner_type: str, owner_id: str, *, states: Sequence[str]
    ) -> int:
        """How many of an owner's objectives in a cycle are in one of ``states``."""
        stmt = select(func.count()).where(
            col(ObjectiveRow.cycle_id) == cycle_id,
            col(ObjectiveRow.owner_type) == owner_type,
            col(ObjectiveRow.owner_id) == owner_id,
            col(ObjectiveRow.state).in_(list(states)),
        )
        return int((await self.session.execute(stmt)).scalar_one())


class KeyResultRepository(Repository[KeyResultRow]):
    """Key results."""

    model = KeyResultRow
    entity = "key_result"

    async def for_objectives(self, objective_ids: Sequence[str]) -> dict[str, list[KeyResultRow]]:
        """The key results of several objectives in one query, in position order."""
        out: dict[str, list[KeyResultRow]] = {oid: [] for oid in objective_ids}
        if not objective_ids:
            return out
        stmt = (
            select(KeyResultRow)
            .where(col(KeyResultRow.objective_id).in_(list(objective_ids)))
            .order_by(
                col(KeyResultRow.objective_id),
                col(KeyResultRow.position),
                col(KeyResultRow.created_at),
                col(KeyResultRow.id),
            )
        )
        for row in (await self.session.execute(stmt)).scalars():
            out[row.objective_id].append(row)
        return out

    async def for_objective(self, objective_id: str) -> list[KeyResultRow]:
        """The key results of one objective, in position order."""
        return (await self.for_objectives([objective_id]))[objective_id]

    async def find_by_metric_key(self, metric_key: str) -> KeyResultRow | None:
        """The key result an external system pushes values to under ``metric_key``, if any."""
        stmt = select(KeyResultRow).where(col(KeyResultRow.metric_key) == metric_key)
        return (await self.session.execute(stmt)).scalar_one_or_none()


class ChangeRequestRepository(Repository[ChangeRequestRow]):
    """Change requests of agreed annual key results."""

    model = ChangeRequestRow
    entity = "change_request"


SUBMIT_LOCK_BASE = 7_340_216 << 32
"""Submissions of one owner take ``SUBMIT_LOCK_BASE + crc32(owner)``: their count is serialised."""
"""The advisory lock that serialises alignment edge writes on PostgreSQL (loop checks)."""
