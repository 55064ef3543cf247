"""Glue between the services and the access rules: apply ``domain.access`` to loaded rows.

No rule lives here: who sees and who works on an objective is decided by ``domain.access`` (one
row at a time, with the org chart) and mirrored in SQL by ``persistence.visibility`` (lists). A
thing the caller may not see is reported exactly as an unknown one (``not_found``).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.services.org import load_org_chart
from api.services.policy import current_policy
from domain import access
from domain.errors import NotFound
from domain.model import Objective, ObjectiveState, OwnerType, PublishOn
from domain.org import OrgChart
from persistence.repositories.objectives import ObjectiveRepository
from persistence.tables import ObjectiveRow
from persistence.visibility import Visibility


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


def visibility(principal: Principal) -> Visibility:
    """The caller's visibility rule as SQL conditions."""
    return Visibility(principal.viewer)


async def publish_on_for(session: AsyncSession, state: ObjectiveState) -> PublishOn:
    """The policy's ``publish_on`` as deciding ``state`` needs it: read only for a state whose
    publication depends on it (any value decides the others alike)."""
    if not access.publication_depends_on_policy(state):
        return PublishOn.AGREED
    policy, _version = await current_policy(session)
    return policy.publish_on


async def can_see(
    session: AsyncSession, row: ObjectiveRow, principal: Principal, org: OrgChart
) -> bool:
    """Whether the caller sees the objective (``domain.access.may_see_objective``); the policy
    is read only when a reader who is not a draft reader asks about a state it decides."""
    state = ObjectiveState(row.state)
    if is_draft_reader(row, principal, org):
        return True
    return access.may_see_objective(
        org,
        principal.viewer,
        owner_type=OwnerType(row.owner_type),
        owner_id=row.owner_id,
        state=state,
        publish_on=await publish_on_for(session, state),
    )


def is_draft_reader(row: ObjectiveRow | Objective, principal: Principal, org: OrgChart) -> bool:
    """Owner side, their manager chain or an admin: who sees the drafts of the objective's owner
    and works on its objectives."""
    return access.is_draft_reader(org, principal.viewer, OwnerType(row.owner_type), row.owner_id)


def objective_not_found(objective_id: str, field: str | None = None) -> NotFound:
    """The 404 of an unknown objective, and of one the caller may not see."""
    return NotFound(
        f"objective {objective_id} does not exist", code="objective.not_found", field=field
    )


async def check_visible(
    session: AsyncSession,
    row: ObjectiveRow,
    principal: Principal,
    org: OrgChart | None = None,
    *,
    error: NotFound,
) -> OrgChart | None:
    """Raise ``error`` unless the caller sees the objective; the org chart is loaded only when
    the rule needs it (returned, or the one given)."""
    state = ObjectiveState(row.state)
    if not any(access.needs_org_chart(principal.viewer, state, p) for p in PublishOn):
        return org
    if org is None:
        org = await load_org_chart(session)
    if not await can_see(session, row, principal, org):
        raise error
    return org


async def visible_objective(
    session: AsyncSession,
    objective_id: str,
    principal: Principal,
    org: OrgChart | None = None,
    *,
    field: str | None = None,
) -> ObjectiveRow:
    """The objective if the caller may see it; unknown or hidden: ``objective.not_found``."""
    error = objective_not_found(objective_id, field)
    row = await ObjectiveRepository(session).find(objective_id)
    if row is None:
        raise error
    await check_visible(session, row, principal, org, error=error)
    return row
