"""Repositories of initiatives and reviews, and the reads of objectives and KRs they need."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import col

from persistence.repositories.base import Keyset, Repository, equals
from persistence.tables import (
    InitiativeRow,
    ReviewFollowUpRow,
    ReviewKeyResultScoreRow,
    ReviewRow,
)


class InitiativeRepository(Repository[InitiativeRow]):
    """Initiatives (tasks derived from a key result)."""

    model = InitiativeRow
    entity = "initiative"

    async def list_of(
        self,
        key_result_id: str,
        *,
        state: str | None,
        assignee_id: str | None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[InitiativeRow], Keyset | None]:
        """One page of a KR's initiatives in creation order (``state``, ``assignee_id``: filters
        when given)."""
        filters = equals(
            InitiativeRow, key_result_id=key_result_id, state=state, assignee_id=assignee_id
        )
        return await self.list(filters=filters, limit=limit, after=after)


class ReviewRepository(Repository[ReviewRow]):
    """End-of-cycle reviews, one per objective."""

    model = ReviewRow
    entity = "review"

    async def for_objective(
        self, objective_id: str, *, for_update: bool = False
    ) -> ReviewRow | None:
        """The review of an objective, if one was written."""
        stmt = select(ReviewRow).where(col(ReviewRow.objective_id) == objective_id)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def scores(self, review_id: str) -> list[ReviewKeyResultScoreRow]:
        """The final KR scores stored with a review."""
        stmt = select(ReviewKeyResultScoreRow).where(
            col(ReviewKeyResultScoreRow.review_id) == review_id
        )
        return list((await self.session.execute(stmt)).scalars())

    async def replace_scores(self, review_id: str, rows: Sequence[ReviewKeyResultScoreRow]) -> None:
        """Replace the stored KR scores of a review by ``rows`` (flushed)."""
        for old in await self.scores(review_id):
            await self.session.delete(old)
        await self.session.flush()
        self.session.add_all(rows)
        await self.session.flush()

    async def follow_ups(self, review_id: str) -> list[ReviewFollowUpRow]:
        """The follow-up actions of a review, in order."""
        stmt = (
            select(ReviewFollowUpRow)
            .where(col(ReviewFollowUpRow.review_id) == review_id)
            .order_by(col(ReviewFollowUpRow.position))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def replace_follow_ups(self, review_id: str, rows: Sequence[ReviewFollowUpRow]) -> None:
        """Replace the follow-up actions of a review by ``rows`` (flushed)."""
        for old in await self.follow_ups(review_id):
            await self.session.delete(old)
        await self.session.flush()
        self.session.add_all(rows)
        await self.session.flush()


class ReviewFollowUpRepository(Repository[ReviewFollowUpRow]):
    """Follow-up actions of reviews."""

    model = ReviewFollowUpRow
    entity = "review_follow_up"
