"""The reads of the cycle report (``api.services.reports``): aggregates computed by the database.

Each statement reads each of its tables once, returns what the answer needs (counts, sums and the
listed ids, never every objective, KR or check-in) and keeps only what the viewer may see
(``persistence.visibility``, unchanged), as if the rest did not exist. The rules stay in
``domain``: the thresholds and cutoffs come in as parameters, the grouped counts go back to the
pure functions of ``domain.reports`` (``FactTally``), and
``tests/integration/test_report_sql.py`` checks that both ways give the same report.

- ``owner_counts``: live and agreed objectives per owner (loads, owners without agreed OKRs).
- ``tallies``: the objectives grouped by state, origin, effective score (a confirmed review's
  score replaces the computed one), company or not, aligned upward or not and review state, with
  the ids of the unaligned ones (alignment coverage, scores and grades, bottom-up share, review
  completion).
- ``stale_key_results``: agreed KRs last checked in before the domain's cutoff day.
- ``confidence_weeks``: per week, how many agreed KRs stated a confidence and the sum of each one's
  latest that week.
- ``forecast_key_results``: the agreed KRs a forecast needs, streamed in objective order.
- ``open_follow_ups``: follow-ups of earlier reviews carried into the cycle.

Scores are kept exact on both databases: grouped by their stored value and read back with the
column's own type, so SQLite's stored floats come back as the same ``Decimal`` an ORM read gives.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    and_,
    case,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import col

from domain.access import Viewer
from domain.model import KeyResultKind, ObjectiveState, OwnerType, ReviewState
from domain.reports import LIVE_STATES
from persistence.tables import (
    AlignmentRow,
    CheckInRow,
    KeyResultRow,
    ObjectiveRow,
    PersonRow,
    ReviewFollowUpRow,
    ReviewKeyResultScoreRow,
    ReviewRow,
)
from persistence.types import OBJECTIVE_SCORE
from persistence.visibility import Visibility

_AGREED = ObjectiveState.AGREED.value
_LIVE = sorted(s.value for s in LIVE_STATES)


class week_start(FunctionElement[date]):  # noqa: N801 (an SQL function's name)
    """The Monday (UTC) of the ISO week of a UTC timestamp column (``domain.reports.week_of``)."""

    type = Date()
    inherit_cache = True


@compiles(week_start, "postgresql")
def _week_start_pg(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return f"CAST(date_trunc('week', timezone('UTC', {compiler.process(column, **kw)})) AS DATE)"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    return f"date({compiler.process(column, **kw)}, 'weekday 0', '-6 days')"


class CycleRowReads:
    """The rows of one cycle as the viewer may see them (the review digest reads them; the
    reference the aggregates are tested against)."""

    def __init__(self, session: AsyncSession, viewer: Viewer, cycle_id: str) -> None:
        self.session = session
        self.cycle_id = cycle_id
        self.rule = Visibility(viewer)
        in_cycle: ColumnElement[bool] = col(ObjectiveRow.cycle_id) == cycle_id
        if (seen := self.rule.objective()) is not None:
            in_cycle = and_(in_cycle, seen)
        self.in_cycle = in_cycle

    async def objectives(self) -> list[ObjectiveRow]:
        """The cycle's objectives the viewer sees, in creation order."""
        stmt = (
            select(ObjectiveRow)
            .where(self.in_cycle)
            .order_by(col(ObjectiveRow.created_at), col(ObjectiveRow.id))
        )
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


class CycleReportReads:
    """What the report of one cycle reads, as the viewer may see it.

    ``units``, when given, restricts every read to objectives owned by those units or by people in
    them (and follow-ups owned by those people); ``company_units`` are the ids of the root units.
    """

    def __init__(
        self,
        session: AsyncSession,
        viewer: Viewer,
        cycle_id: str,
        *,
        units: Collection[str] | None = None,
        company_units: Collection[str] = (),
    ) -> None:
        self.session = session
        self.cycle_id = cycle_id
        self.rule = Visibility(viewer)
        self.company_units = sorted(company_units)
        self.people_in_scope = (
            None
            if units is None
            else select(col(PersonRow.id)).where(col(PersonRow.unit_id).in_(sorted(units)))
        )
        conditions: list[ColumnElement[bool]] = [col(ObjectiveRow.cycle_id) == cycle_id]
        if (seen := self.rule.objective()) is not None:
            conditions.append(seen)
        if units is not None:
            assert self.people_in_scope is not None
            conditions.append(
                or_(
                    and_(
                        col(ObjectiveRow.owner_type) == OwnerType.UNIT.value,
                        col(ObjectiveRow.owner_id).in_(sorted(units)),
                    ),
                    and_(
                        col(ObjectiveRow.owner_type) == OwnerType.PERSON.value,
                        col(ObjectiveRow.owner_id).in_(self.people_in_scope),
                    ),
                )
            )
        self.in_cycle = and_(*conditions)
        """The cycle's objectives the viewer sees, in the scope."""

    async def owner_counts(self) -> Sequence[Any]:
        """``(owner_type, owner_id, live, agreed)`` per owner of a live objective."""
        live = col(ObjectiveRow.state).in_(_LIVE)
        stmt = (
            select(
                col(ObjectiveRow.owner_type),
                col(ObjectiveRow.owner_id),
                func.count().filter(live).label("live"),
                func.count().filter(col(ObjectiveRow.state) == _AGREED).label("agreed"),
            )
            .where(self.in_cycle, live)
            .group_by(col(ObjectiveRow.owner_type), col(ObjectiveRow.owner_id))
        )
        return (await self.session.execute(stmt)).all()

    async def tallies(self) -> Sequence[Any]:
        """How many ``objectives`` share ``(state, origin, score, is_company, aligned,
        review_state)``, with ``unaligned_id`` set (one row each, in creation order) for those that
        count as unaligned (``domain.reports.needs_alignment``)."""
        review = ReviewRow.__table__  # type: ignore[attr-defined]
        on_review = col(ReviewRow.objective_id) == col(ObjectiveRow.id)
        if (seen_review := self.rule.review()) is not None:
            on_review = and_(on_review, seen_review)
        parents = self.rule.objective_ids()
        aligned_ids = (
            select(col(AlignmentRow.child_objective_id).label("id"))
            .where(
                *([] if parents is None else [col(AlignmentRow.parent_objective_id).in_(parents)])
            )
            .distinct()
            .subquery("aligned")
        )
        aligned = aligned_ids.c.id.is_not(None)
        company = (
            and_(
                col(ObjectiveRow.owner_type) == OwnerType.UNIT.value,
                col(ObjectiveRow.owner_id).in_(self.company_units),
            )
            if self.company_units
            else false()
        )
        confirmed = and_(
            col(ReviewRow.state) == ReviewState.CONFIRMED.value,
            col(ReviewRow.confirmed_score).is_not(None),
        )
        live = col(ObjectiveRow.state).in_(_LIVE)
        facts = (
            select(
                col(ObjectiveRow.state).label("state"),
                col(ObjectiveRow.origin).label("origin"),
                type_coerce(
                    case(
                        (confirmed, col(ReviewRow.confirmed_score)), else_=col(ObjectiveRow.score)
                    ),
                    OBJECTIVE_SCORE,
                ).label("score"),
                case((company, True), else_=False).label("is_company"),
                case((aligned, True), else_=False).label("aligned"),
                col(ReviewRow.state).label("review_state"),
                case((and_(live, ~company, ~aligned), col(ObjectiveRow.id)), else_=None).label(
                    "unaligned_id"
                ),
                col(ObjectiveRow.created_at).label("created_at"),
            )
            .select_from(ObjectiveRow)
            .outerjoin(review, on_review)
            .outerjoin(aligned_ids, aligned_ids.c.id == col(ObjectiveRow.id))
            .where(self.in_cycle)
            .subquery("facts")
        )
        keys = [
            facts.c.state,
            facts.c.origin,
            facts.c.score,
            type_coerce(facts.c.is_company, Boolean()).label("is_company"),
            type_coerce(facts.c.aligned, Boolean()).label("aligned"),
            facts.c.review_state,
            facts.c.unaligned_id,
        ]
        groups = [
            facts.c.state,
            facts.c.origin,
            facts.c.score,
            facts.c.is_company,
            facts.c.aligned,
            facts.c.review_state,
            facts.c.unaligned_id,
        ]
        stmt = (
            select(*keys, func.count().label("objectives"))
            .group_by(*groups)
            .order_by(func.min(facts.c.created_at), facts.c.unaligned_id)
        )
        return (await self.session.execute(stmt)).all()

    async def stale_key_results(self, *, cutoff: date, never_checked_stale: bool) -> Sequence[Any]:
        """``(id, objective_id, title, last_check_in_at)`` of the agreed objectives' KRs that may
        go stale (``domain.checkins.may_go_stale``) and were last checked in before ``cutoff``
        (UTC), or never when ``never_checked_stale``; by position."""
        last = col(KeyResultRow.last_check_in_at)
        before = datetime.combine(cutoff, time(), tzinfo=UTC)
        stmt = (
            select(
                col(KeyResultRow.id),
                col(KeyResultRow.objective_id),
                col(KeyResultRow.title),
                last,
            )
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(
                self.in_cycle,
                col(ObjectiveRow.state) == _AGREED,
                col(KeyResultRow.kind) != KeyResultKind.DERIVED.value,
                ~and_(
                    col(KeyResultRow.kind) == KeyResultKind.MILESTONE.value,
                    col(KeyResultRow.done),
                ),
                or_(last < before, last.is_(None)) if never_checked_stale else last < before,
            )
            .order_by(col(KeyResultRow.position), col(KeyResultRow.id))
        )
        return (await self.session.execute(stmt)).all()

    async def confidence_weeks(self) -> Sequence[Any]:
        """``(week, key_results, total)`` per week: of the agreed objectives' KRs with a check-in
        stating a confidence that week, how many, and the sum of each one's latest (by observed,
        received, id) that week; by week."""
        week = week_start(col(CheckInRow.observed_at)).label("week")
        ranked = (
            select(
                week,
                col(CheckInRow.confidence).label("confidence"),
                func.row_number()
                .over(
                    partition_by=(col(CheckInRow.key_result_id), week.element),
                    order_by=(
                        col(CheckInRow.observed_at).desc(),
                        col(CheckInRow.received_at).desc(),
                        col(CheckInRow.id).desc(),
                    ),
                )
                .label("latest"),
            )
            .join(KeyResultRow, col(KeyResultRow.id) == col(CheckInRow.key_result_id))
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(
                self.in_cycle,
                col(ObjectiveRow.state) == _AGREED,
                col(CheckInRow.confidence).is_not(None),
            )
            .subquery("ranked")
        )
        stmt = (
            select(
                ranked.c.week,
                func.count().label("key_results"),
                func.sum(ranked.c.confidence).label("total"),
            )
            .where(ranked.c.latest == 1)
            .group_by(ranked.c.week)
            .order_by(ranked.c.week)
        )
        return (await self.session.execute(stmt)).all()

    async def forecast_key_results(self) -> AsyncIterator[Any]:
        """The agreed objectives' KRs as a forecast reads them (``id``, ``kind``,
        ``start_value``, ``target_value``, ``weight``, ``objective_id``, ``cycle_id``), by
        objective and position, streamed."""
        stmt = (
            select(
                col(KeyResultRow.id),
                col(KeyResultRow.kind),
                col(KeyResultRow.start_value),
                col(KeyResultRow.target_value),
                col(KeyResultRow.weight),
                col(KeyResultRow.objective_id),
                col(ObjectiveRow.cycle_id),
            )
            .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
            .where(self.in_cycle, col(ObjectiveRow.state) == _AGREED)
            .order_by(
                col(KeyResultRow.objective_id), col(KeyResultRow.position), col(KeyResultRow.id)
            )
            .execution_options(yield_per=2000)
        )
        result = await self.session.stream(stmt)
        async for row in result:
            yield row

    async def open_follow_ups(self) -> list[ReviewFollowUpRow]:
        """Follow-up actions of earlier reviews the viewer sees, carried into this cycle and not
        yet carried as initiatives, owned by someone in the scope, by due date (those without one
        last)."""
        seen_reviews = self.rule.review()
        stmt = (
            select(ReviewFollowUpRow)
            .join(ReviewRow, col(ReviewRow.id) == col(ReviewFollowUpRow.review_id))
            .where(
                col(ReviewFollowUpRow.carry_to_cycle_id) == self.cycle_id,
                col(ReviewFollowUpRow.state) == "open",
                *([] if seen_reviews is None else [seen_reviews]),
                *(
                    []
                    if self.people_in_scope is None
                    else [col(ReviewFollowUpRow.owner_id).in_(self.people_in_scope)]
                ),
            )
            .order_by(
                col(ReviewFollowUpRow.due_on).is_(None),
                col(ReviewFollowUpRow.due_on),
                col(ReviewFollowUpRow.created_at),
                col(ReviewFollowUpRow.position),
            )
        )
        return list((await self.session.execute(stmt)).scalars())
