"""Reads of the OKR calendar and meetings (deadlines, inboxes, weekly digests) and the deadline
notices: the statements behind ``api.services.deadlines``, ``inbox`` and ``digests``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from persistence.repositories.base import is_postgres
from persistence.tables import (
    ChangeRequestRow,
    CheckInRow,
    CycleRow,
    DeadlineNoticeRow,
    InitiativeRow,
    KeyResultRow,
    ObjectiveRow,
    ReviewRow,
)

_NOTICES = DeadlineNoticeRow.__table__  # type: ignore[attr-defined]
_OPEN = ("planning", "active", "review")


class CalendarRepository:
    """The calendar's statements, in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_cycles(self) -> list[CycleRow]:
        """Cycles that are not closed, in id order."""
        stmt = select(CycleRow).where(col(CycleRow.state).in_(_OPEN)).order_by(col(CycleRow.id))
        return list((await self.session.execute(stmt)).scalars())

    async def objectives_with_reviews(
        self, cycle_ids: Collection[str], visible: ColumnElement[bool] | None
    ) -> list[tuple[ObjectiveRow, ReviewRow | None]]:
        """The objectives of the cycles (those ``visible`` keeps), each with its review."""
        if not cycle_ids:
            return []
        stmt = (
            select(ObjectiveRow, ReviewRow)
            .outerjoin(ReviewRow, col(ReviewRow.objective_id) == col(ObjectiveRow.id))
            .where(col(ObjectiveRow.cycle_id).in_(list(cycle_ids)))
            .order_by(col(ObjectiveRow.created_at), col(ObjectiveRow.id))
        )
        if visible is not None:
            stmt = stmt.where(visible)
        return [(o, r) for o, r in (await self.session.execute(stmt)).all()]

    async def add_notices(self, rows: Sequence[dict[str, Any]]) -> list[str]:
        """Insert the notices that do not exist yet, in the order given (callers sort them, so
        that concurrent producers take the rows' locks in one order); the ids inserted. A notice
        another transaction inserted first is skipped (the unique constraint decides, after that
        transaction ends)."""
        if not rows:
            return []
        dialect_insert = pg_insert if is_postgres(self.session) else sqlite_insert
        stmt = (
            dialect_insert(_NOTICES)
            .values(list(rows))
            .on_conflict_do_nothing(index_elements=["cycle_id", "deadline", "person_id", "kind"])
            .returning(_NOTICES.c.id)
        )
        return [row[0] for row in (await self.session.execute(stmt)).all()]

    async def notices_of(self, cycle_id: str) -> list[DeadlineNoticeRow]:
        """The notices sent about a cycle's deadlines."""
        stmt = select(DeadlineNoticeRow).where(col(DeadlineNoticeRow.cycle_id) == cycle_id)
        return list((await self.session.execute(stmt)).scalars())

    # -- the inbox ----------------------------------------------------------------------------

    async def open_objectives(
        self,
        *,
        owner_person_id: str,
        headed_unit_ids: Collection[str],
        states: Collection[str],
    ) -> list[tuple[ObjectiveRow, CycleRow, ReviewRow | None]]:
        """Objectives in open cycles owned by the person (or a unit they head) in ``states``,
        with cycle and review; or, when ``owner_person_id`` is empty, every such objective."""
        owner: ColumnElement[bool] = and_(
            col(ObjectiveRow.owner_type) == "person", col(ObjectiveRow.owner_id) == owner_person_id
        )
        if headed_unit_ids:
            owner = or_(
                owner,
                and_(
                    col(ObjectiveRow.owner_type) == "unit",
                    col(ObjectiveRow.owner_id).in_(list(headed_unit_ids)),
                ),
            )
        stmt = (
            select(ObjectiveRow, CycleRow, ReviewRow)
            .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
            .outerjoin(ReviewRow, col(ReviewRow.objective_id) == col(ObjectiveRow.id))
            .where(col(CycleRow.state).in_(_OPEN), col(ObjectiveRow.state).in_(list(states)))
            .order_by(col(ObjectiveRow.created_at), col(ObjectiveRow.id))
        )
        if owner_person_id:
            stmt = stmt.where(owner)
        return [(o, c, r) for o, c, r in (await self.session.execute(stmt)).all()]

    async def pending_change_requests(self) -> list[tuple[ChangeRequestRow, ObjectiveRow]]:
        """Pending change requests of objectives in open cycles, with their objective."""
        stmt = (
            select(ChangeRequestRow, ObjectiveRow)
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(ChangeRequestRow.objective_id))
            .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
            .where(col(ChangeRequestRow.state) == "pending", col(CycleRow.state).in_(_OPEN))
            .order_by(col(ChangeRequestRow.created_at), col(ChangeRequestRow.id))
        )
        return [(c, o) for c, o in (await self.session.execute(stmt)).all()]

    async def key_results_of(self, objective_ids: Collection[str]) -> list[KeyResultRow]:
        """The KRs of the objectives, in objective and position order."""
        if not objective_ids:
            return []
        stmt = (
            select(KeyResultRow)
            .where(col(KeyResultRow.objective_id).in_(list(objective_ids)))
            .order_by(col(KeyResultRow.objective_id), col(KeyResultRow.position))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def open_initiatives(self, assignee_id: str) -> list[tuple[InitiativeRow, KeyResultRow]]:
        """The person's initiatives not done, on KRs of objectives in open cycles."""
        stmt = (
            select(InitiativeRow, KeyResultRow)
            .join(KeyResultRow, col(KeyResultRow.id) == col(InitiativeRow.key_result_id))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
            .where(
                col(InitiativeRow.assignee_id) == assignee_id,
                col(InitiativeRow.state) != "done",
                col(CycleRow.state).in_(_OPEN),
            )
            .order_by(col(InitiativeRow.due_on), col(InitiativeRow.id))
        )
        return [(i, k) for i, k in (await self.session.execute(stmt)).all()]

    # -- the weekly digest ----------------------------------------------------------------------

    async def agreed_objectives_of(
        self,
        *,
        person_ids: Collection[str],
        unit_ids: Collection[str],
        during: tuple[Any, Any],
        visible: ColumnElement[bool] | None,
    ) -> list[tuple[ObjectiveRow, CycleRow]]:
        """Agreed objectives of these people and units in cycles overlapping ``during``
        (first and last day)."""
        first, last = during
        owners: list[ColumnElement[bool]] = []
        if person_ids:
            owners.append(
                and_(
                    col(ObjectiveRow.owner_type) == "person",
                    col(ObjectiveRow.owner_id).in_(list(person_ids)),
                )
            )
        if unit_ids:
            owners.append(
                and_(
                    col(ObjectiveRow.owner_type) == "unit",
                    col(ObjectiveRow.owner_id).in_(list(unit_ids)),
                )
            )
        if not owners:
            return []
        stmt = (
            select(ObjectiveRow, CycleRow)
            .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
            .where(
                or_(*owners),
                col(ObjectiveRow.state) == "agreed",
                col(CycleRow.starts_on) <= last,
                col(CycleRow.ends_on) >= first,
            )
            .order_by(col(ObjectiveRow.created_at), col(ObjectiveRow.id))
        )
        if visible is not None:
            stmt = stmt.where(visible)
        return [(o, c) for o, c in (await self.session.execute(stmt)).all()]

    async def check_ins_until(
        self, key_result_ids: Collection[str], until: datetime
    ) -> list[CheckInRow]:
        """The KRs' check-ins observed before ``until``, oldest first (ties: received first)."""
        if not key_result_ids:
            return []
        stmt = (
            select(CheckInRow)
            .where(
                col(CheckInRow.key_result_id).in_(list(key_result_ids)),
                col(CheckInRow.observed_at) < until,
            )
            .order_by(
                col(CheckInRow.key_result_id),
                col(CheckInRow.observed_at),
                col(CheckInRow.received_at),
                col(CheckInRow.id),
            )
        )
        return list((await self.session.execute(stmt)).scalars())

    async def initiatives_of(self, key_result_ids: Collection[str]) -> list[InitiativeRow]:
        """The initiatives of the KRs, by due date."""
        if not key_result_ids:
            return []
        stmt = (
            select(InitiativeRow)
            .where(col(InitiativeRow.key_result_id).in_(list(key_result_ids)))
            .order_by(col(InitiativeRow.due_on), col(InitiativeRow.id))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def objectives_by_id(self, ids: Collection[str]) -> dict[str, ObjectiveRow]:
        """The objectives with these ids."""
        if not ids:
            return {}
        stmt = select(ObjectiveRow).where(col(ObjectiveRow.id).in_(list(ids)))
        return {row.id: row for row in (await self.session.execute(stmt)).scalars()}
