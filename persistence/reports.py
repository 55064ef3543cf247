"""The reads of the cycle report (``api.services.reports``): one statement each, whatever the size
of the organisation, each keeping only what the viewer may see (``persistence.visibility``)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.access import Viewer
from persistence.tables import (
    AlignmentRow,
    CheckInRow,
    KeyResultRow,
    ObjectiveRow,
    ReviewFollowUpRow,
    ReviewKeyResultScoreRow,
    ReviewRow,
)
from persistence.visibility import Visibility


class CycleReportReads:
    """What the report of one cycle reads, as the viewer may see it."""

    def __init__(self, session: AsyncSession, viewer: Viewer, cycle_id: str) -> None:
        self.session = session
        self.cycle_id = cycle_id
        self.rule = Visibility(viewer)
        in_cycle: ColumnElement[bool] = col(ObjectiveRow.cycle_id) == cycle_id
        if (seen := self.rule.objective()) is not None:
            in_cycle = and_(in_cycle, seen)
        self.in_cycle = in_cycle

    async def objectives(self) -> list[ObjectiveRow]:
        """The cycle's objectives the viewer sees."""
        stmt = select(ObjectiveRow).where(self.in_cycle)
        return list((await self.session.execute(stmt)).scalars())

    async def key_results(self) -> list[KeyResultRow]:
        """The key results of those objectives, by position."""
        stmt = (
            select(KeyResultRow)
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(self.in_cycle)
            .order_by(col(KeyResultRow.position), col(KeyResultRow.id))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def aligned_objective_ids(self) -> set[str]:
        """Those of the objectives aligned upward to a parent the viewer sees."""
        visible_parents = self.rule.objective_ids()
        stmt = (
            select(col(AlignmentRow.child_objective_id))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(AlignmentRow.child_objective_id))
            .where(
                self.in_cycle,
                *(
                    []
                    if visible_parents is None
                    else [col(AlignmentRow.parent_objective_id).in_(visible_parents)]
                ),
            )
        )
        return set((await self.session.execute(stmt)).scalars())

    def _seen_reviews(self) -> list[ColumnElement[bool]]:
        seen_reviews = self.rule.review()
        return [self.in_cycle, *([] if seen_reviews is None else [seen_reviews])]

    async def reviews(self) -> list[ReviewRow]:
        """The reviews of those objectives the viewer sees."""
        stmt = (
            select(ReviewRow)
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(ReviewRow.objective_id))
            .where(*self._seen_reviews())
        )
        return list((await self.session.execute(stmt)).scalars())

    async def review_scores(self) -> list[ReviewKeyResultScoreRow]:
        """The KR scores of those reviews."""
        stmt = (
            select(ReviewKeyResultScoreRow)
            .join(ReviewRow, col(ReviewRow.id) == col(ReviewKeyResultScoreRow.review_id))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(ReviewRow.objective_id))
            .where(*self._seen_reviews())
        )
        return list((await self.session.execute(stmt)).scalars())

    async def confidence_check_ins(self) -> list[CheckInRow]:
        """The check-ins of those objectives' key results that state a confidence."""
        stmt = (
            select(CheckInRow)
            .join(KeyResultRow, col(KeyResultRow.id) == col(CheckInRow.key_result_id))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(self.in_cycle, col(CheckInRow.confidence).is_not(None))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def open_follow_ups(self) -> list[ReviewFollowUpRow]:
        """Follow-up actions of earlier reviews the viewer sees, carried into this cycle and not
        yet carried as initiatives, by due date (those without one last)."""
        seen_reviews = self.rule.review()
        stmt = (
            select(ReviewFollowUpRow)
            .join(ReviewRow, col(ReviewRow.id) == col(ReviewFollowUpRow.review_id))
            .where(
                col(ReviewFollowUpRow.carry_to_cycle_id) == self.cycle_id,
                col(ReviewFollowUpRow.state) == "open",
                *([] if seen_reviews is None else [seen_reviews]),
            )
            .order_by(
                col(ReviewFollowUpRow.due_on).is_(None),
                col(ReviewFollowUpRow.due_on),
                col(ReviewFollowUpRow.created_at),
                col(ReviewFollowUpRow.position),
            )
        )
        return list((await self.session.execute(stmt)).scalars())
