"""Who sees and who works on an objective: draft visibility (okr-domain §4) and the owner side."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.model import Objective, ObjectiveState, OwnerType
from domain.org import OrgChart
from persistence.repositories_reviews import ObjectiveReads
from persistence.tables import ObjectiveRow


def objective_shell(row: ObjectiveRow) -> Objective:
    """The domain view of an objective row without its key results (enough for org checks)."""
    return Objective(
        id=row.id,
        cycle_id=row.cycle_id,
        owner_type=OwnerType(row.owner_type),
        owner_id=row.owner_id,
        title=row.title,
        state=ObjectiveState(row.state),
        score=row.score,
    )


def can_see(row: ObjectiveRow, viewer_id: str, org: OrgChart) -> bool:
    """Drafts only for the owner side, their manager chain and admins; the rest is public."""
    if row.state != ObjectiveState.DRAFT.value:
        return True
    return org.can_view_draft(objective_shell(row), viewer_id)


def is_owner_side(row: ObjectiveRow, person_id: str, org: OrgChart) -> bool:
    """The owning person, or the head of the owning unit."""
    return person_id in org.owner_person_ids(OwnerType(row.owner_type), row.owner_id)


def is_above_owner(row: ObjectiveRow, person_id: str, org: OrgChart) -> bool:
    """The owner's manager chain (for a unit: the heads of the units above)."""
    if row.owner_type == OwnerType.PERSON.value:
        return person_id in org.manager_chain(row.owner_id)
    return person_id in org.heads_above(row.owner_id)


async def visible_objective(
    session: AsyncSession,
    objective_id: str,
    viewer_id: str,
    org: OrgChart,
    *,
    field: str | None = None,
) -> ObjectiveRow:
    """The objective if the viewer may see it; a hidden draft is ``objective.not_found`` (404)."""
    row = await ObjectiveReads(session).get(objective_id, field=field)
    if not can_see(row, viewer_id, org):
        raise NotFound(
            f"objective {objective_id} does not exist", code="objective.not_found", field=field
        )
    return row
