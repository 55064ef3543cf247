"""The statements of the flat exports (``api.services.exports`` writes them as CSV or NDJSON).

One select per dataset, one row per entity with joined names, read in chunks by keyset pagination
on ``(created_at, id)``; each applies the visibility rule (``persistence.visibility``): drafts,
what hangs under them and reviews still hidden are left out for viewers who may not see them.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from domain.access import Viewer
from domain.model import OwnerType, ReviewState
from persistence.tables import (
    CheckInRow,
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    OrgUnitRow,
    PersonRow,
    ReviewRow,
)
from persistence.types import ColumnKind, UTCDateTime, kind_of
from persistence.visibility import Visibility

CHUNK = 500
"""Rows per statement of an export."""

AnySelect = Select[*tuple[Any, ...]]
"""A select of any number of columns."""


class ExportDataset(enum.StrEnum):
    """What can be exported."""

    OBJECTIVES = "objectives"
    KEY_RESULTS = "key-results"
    CHECK_INS = "check-ins"
    PEOPLE = "people"
    ORG_UNITS = "org-units"
    REVIEWS = "reviews"


@dataclass(frozen=True, slots=True)
class _Spec:
    base: Any
    build: Callable[[], AnySelect]
    cycle_column: Any | None
    visibility: Callable[[Visibility], ColumnElement[bool] | None] | None
    """The condition that keeps the rows the caller sees (``None``: every row is public)."""


def _owner_joins(stmt: AnySelect) -> tuple[AnySelect, Any]:
    """Join the owner (person or unit) of ``ObjectiveRow``; returns the owner name expression."""
    owner_person = aliased(PersonRow)
    owner_unit = aliased(OrgUnitRow)
    stmt = stmt.outerjoin(
        owner_person,
        and_(
            col(ObjectiveRow.owner_type) == OwnerType.PERSON.value,
            col(owner_person.id) == col(ObjectiveRow.owner_id),
        ),
    ).outerjoin(
        owner_unit,
        and_(
            col(ObjectiveRow.owner_type) == OwnerType.UNIT.value,
            col(owner_unit.id) == col(ObjectiveRow.owner_id),
        ),
    )
    return stmt, func.coalesce(owner_person.name, col(owner_unit.name))


def _objective_columns(owner_name: Any) -> list[Any]:
    return [
        col(ObjectiveRow.cycle_id).label("cycle_id"),
        col(CycleRow.name).label("cycle_name"),
        col(ObjectiveRow.owner_type).label("owner_type"),
        col(ObjectiveRow.owner_id).label("owner_id"),
        owner_name.label("owner_name"),
    ]


def _objectives() -> AnySelect:
    confirmed = aliased(ReviewRow)
    names = (
        select(col(ObjectiveRow.id))
        .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
        .outerjoin(
            confirmed,
            and_(
                col(confirmed.objective_id) == col(ObjectiveRow.id),
                col(confirmed.state) == ReviewState.CONFIRMED.value,
            ),
        )
    )
    stmt, owner_name = _owner_joins(names)
    return stmt.with_only_columns(
        col(ObjectiveRow.id).label("id"),
        col(ObjectiveRow.title).label("title"),
        *_objective_columns(owner_name),
        col(ObjectiveRow.origin).label("origin"),
        col(ObjectiveRow.state).label("state"),
        col(ObjectiveRow.score).label("score"),
        col(ObjectiveRow.grade).label("grade"),
        func.coalesce(col(confirmed.confirmed_score), col(ObjectiveRow.score)).label("final_score"),
        func.coalesce(col(confirmed.confirmed_grade), col(ObjectiveRow.grade)).label("final_grade"),
        col(ObjectiveRow.version).label("version"),
        col(ObjectiveRow.created_at).label("created_at"),
        col(ObjectiveRow.updated_at).label("updated_at"),
        maintain_column_froms=True,
    )


def _key_results() -> AnySelect:
    base = (
        select(col(KeyResultRow.id))
        .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
        .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
    )
    stmt, owner_name = _owner_joins(base)
    return stmt.with_only_columns(
        col(KeyResultRow.id).label("id"),
        col(KeyResultRow.title).label("title"),
        col(KeyResultRow.objective_id).label("objective_id"),
        col(ObjectiveRow.title).label("objective_title"),
        *_objective_columns(owner_name),
        col(KeyResultRow.kind).label("kind"),
        col(KeyResultRow.start_value).label("start_value"),
        col(KeyResultRow.target_value).label("target_value"),
        col(KeyResultRow.current_value).label("current_value"),
        col(KeyResultRow.unit).label("unit"),
        col(KeyResultRow.weight).label("weight"),
        col(KeyResultRow.due_on).label("due_on"),
        col(KeyResultRow.metric_key).label("metric_key"),
        col(KeyResultRow.done).label("done"),
        col(KeyResultRow.score).label("score"),
        col(KeyResultRow.confidence).label("confidence"),
        col(KeyResultRow.last_check_in_at).label("last_check_in_at"),
        col(KeyResultRow.created_at).label("created_at"),
        col(KeyResultRow.updated_at).label("updated_at"),
        maintain_column_froms=True,
    )


def _check_ins() -> AnySelect:
    author = aliased(PersonRow)
    stmt = (
        select(col(CheckInRow.id))
        .join(KeyResultRow, col(KeyResultRow.id) == col(CheckInRow.key_result_id))
        .join(ObjectiveRow, col(ObjectiveRow.id) == col(KeyResultRow.objective_id))
        .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
        .outerjoin(author, col(author.id) == col(CheckInRow.author_id))
    )
    return stmt.with_only_columns(
        col(CheckInRow.id).label("id"),
        col(CheckInRow.key_result_id).label("key_result_id"),
        col(KeyResultRow.title).label("key_result_title"),
        col(KeyResultRow.objective_id).label("objective_id"),
        col(ObjectiveRow.title).label("objective_title"),
        col(ObjectiveRow.cycle_id).label("cycle_id"),
        col(CycleRow.name).label("cycle_name"),
        col(CheckInRow.value).label("value"),
        col(CheckInRow.done).label("done"),
        col(CheckInRow.confidence).label("confidence"),
        col(CheckInRow.note).label("note"),
        col(CheckInRow.observed_at).label("observed_at"),
        col(CheckInRow.received_at).label("received_at"),
        col(CheckInRow.source).label("source"),
        col(CheckInRow.external_id).label("external_id"),
        col(CheckInRow.author_id).label("author_id"),
        col(author.name).label("author_name"),
        col(CheckInRow.voided_at).label("voided_at"),
        col(CheckInRow.voided_by_id).label("voided_by_id"),
        col(CheckInRow.void_reason).label("void_reason"),
        col(CheckInRow.created_at).label("created_at"),
        col(CheckInRow.updated_at).label("updated_at"),
        maintain_column_froms=True,
    )


def _people() -> AnySelect:
    manager = aliased(PersonRow)
    return (
        select(
            col(PersonRow.id).label("id"),
            col(PersonRow.name).label("name"),
            col(PersonRow.email).label("email"),
            col(PersonRow.unit_id).label("unit_id"),
            col(OrgUnitRow.name).label("unit_name"),
            col(PersonRow.manager_id).label("manager_id"),
            col(manager.name).label("manager_name"),
            col(PersonRow.role).label("role"),
            col(PersonRow.external_id).label("external_id"),
            col(PersonRow.active).label("active"),
            col(PersonRow.created_at).label("created_at"),
            col(PersonRow.updated_at).label("updated_at"),
        )
        .outerjoin(OrgUnitRow, col(OrgUnitRow.id) == col(PersonRow.unit_id))
        .outerjoin(manager, col(manager.id) == col(PersonRow.manager_id))
    )


def _org_units() -> AnySelect:
    parent = aliased(OrgUnitRow)
    return (
        select(
            col(OrgUnitRow.id).label("id"),
            col(OrgUnitRow.name).label("name"),
            col(OrgUnitRow.parent_id).label("parent_id"),
            col(parent.name).label("parent_name"),
            col(OrgUnitRow.head_id).label("head_id"),
            col(PersonRow.name).label("head_name"),
            col(OrgUnitRow.external_id).label("external_id"),
            col(OrgUnitRow.created_at).label("created_at"),
            col(OrgUnitRow.updated_at).label("updated_at"),
        )
        .outerjoin(parent, col(parent.id) == col(OrgUnitRow.parent_id))
        .outerjoin(PersonRow, col(PersonRow.id) == col(OrgUnitRow.head_id))
    )


def _reviews() -> AnySelect:
    confirmer = aliased(PersonRow)
    base = (
        select(col(ReviewRow.id))
        .join(ObjectiveRow, col(ObjectiveRow.id) == col(ReviewRow.objective_id))
        .join(CycleRow, col(CycleRow.id) == col(ObjectiveRow.cycle_id))
        .outerjoin(confirmer, col(confirmer.id) == col(ReviewRow.confirmed_by_id))
    )
    stmt, owner_name = _owner_joins(base)
    return stmt.with_only_columns(
        col(ReviewRow.id).label("id"),
        col(ReviewRow.objective_id).label("objective_id"),
        col(ObjectiveRow.title).label("objective_title"),
        *_objective_columns(owner_name),
        col(ReviewRow.state).label("state"),
        col(ReviewRow.achieved).label("achieved"),
        col(ReviewRow.score).label("score"),
        col(ReviewRow.grade).label("grade"),
        col(ReviewRow.flags).label("flags"),
        col(ReviewRow.goal).label("goal"),
        col(ReviewRow.results).label("results"),
        col(ReviewRow.measures).label("measures"),
        col(ReviewRow.problems).label("problems"),
        col(ReviewRow.lessons).label("lessons"),
        col(ReviewRow.submitted_at).label("submitted_at"),
        col(ReviewRow.confirmed_at).label("confirmed_at"),
        col(ReviewRow.confirmed_by_id).label("confirmed_by_id"),
        col(confirmer.name).label("confirmed_by_name"),
        col(ReviewRow.confirmed_score).label("confirmed_score"),
        col(ReviewRow.confirmed_grade).label("confirmed_grade"),
        col(ReviewRow.confirm_note).label("confirm_note"),
        col(ReviewRow.created_at).label("created_at"),
        col(ReviewRow.updated_at).label("updated_at"),
        maintain_column_froms=True,
    )


def _objective(rule: Visibility) -> ColumnElement[bool] | None:
    return rule.objective()


def _review(rule: Visibility) -> ColumnElement[bool] | None:
    return rule.review()


SPECS: dict[ExportDataset, _Spec] = {
    ExportDataset.OBJECTIVES: _Spec(ObjectiveRow, _objectives, ObjectiveRow.cycle_id, _objective),
    ExportDataset.KEY_RESULTS: _Spec(KeyResultRow, _key_results, ObjectiveRow.cycle_id, _objective),
    ExportDataset.CHECK_INS: _Spec(CheckInRow, _check_ins, ObjectiveRow.cycle_id, _objective),
    ExportDataset.PEOPLE: _Spec(PersonRow, _people, None, None),
    ExportDataset.ORG_UNITS: _Spec(OrgUnitRow, _org_units, None, None),
    ExportDataset.REVIEWS: _Spec(ReviewRow, _reviews, ObjectiveRow.cycle_id, _review),
}


def columns(dataset: ExportDataset) -> list[str]:
    """The exported column names of a dataset, in order."""
    return [c.name for c in SPECS[dataset].build().selected_columns]


def column_kinds(dataset: ExportDataset) -> list[tuple[str, ColumnKind]]:
    """The exported columns of a dataset with the kind of value each holds, in order."""
    return [(c.name, kind_of(c.type)) for c in SPECS[dataset].build().selected_columns]


async def export_chunks(
    session: AsyncSession,
    dataset: ExportDataset,
    viewer: Viewer,
    *,
    cycle_id: str | None,
    updated_since: datetime | None,
) -> AsyncIterator[list[Any]]:
    """The rows of a dataset the viewer sees, in chunks of at most ``CHUNK``, in creation order
    (``cycle_id``, ``updated_since``: filters when given)."""
    spec = SPECS[dataset]
    rule = Visibility(viewer)
    created_at, id_ = col(spec.base.created_at), col(spec.base.id)
    stmt = spec.build()
    if spec.visibility is not None and (seen := spec.visibility(rule)) is not None:
        stmt = stmt.where(seen)
    if cycle_id is not None and spec.cycle_column is not None:
        stmt = stmt.where(col(spec.cycle_column) == cycle_id)
    if updated_since is not None:
        stmt = stmt.where(col(spec.base.updated_at) >= updated_since)
    after: tuple[datetime, str] | None = None
    while True:
        page = stmt
        if after is not None:
            # Bound as the column's own type: on SQLite the stored text is naive UTC.
            bound = tuple_(literal(after[0], UTCDateTime()), literal(after[1], String()))
            page = page.where(tuple_(created_at, id_) > bound)
        page = page.order_by(created_at, id_).limit(CHUNK)
        rows = list((await session.execute(page)).all())
        if not rows:
            return
        yield rows
        if len(rows) < CHUNK:
            return
        after = (rows[-1].created_at, rows[-1].id)
