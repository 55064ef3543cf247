"""Initiatives: tasks under a key result, managed by the KR's owner side, managers and admins.

The assignee may move an initiative's ``state`` (todo, doing, done) and nothing else. Reads follow
the visibility of the KR's objective (a hidden draft's initiatives are 404). A closed cycle is
read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.initiatives import InitiativeCreate, InitiativePublic
from api.services.events import emit
from api.services.okr_visibility import can_see, is_draft_reader
from api.services.org import load_org_chart
from domain.errors import NotFound, PermissionDenied, RuleViolation
from domain.lifecycle import check_cycle_writable
from domain.model import InitiativeState
from domain.org import OrgChart
from persistence.mappers import cycle_to_domain
from persistence.repositories.base import Keyset
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.objectives import KeyResultRepository, ObjectiveRepository
from persistence.repositories.org import PersonRepository
from persistence.repositories.reviews import InitiativeRepository
from persistence.tables import InitiativeRow, KeyResultRow, ObjectiveRow


async def _key_result(
    session: AsyncSession, kr_id: str, principal: Principal, org: OrgChart
) -> tuple[KeyResultRow, ObjectiveRow]:
    """The KR and its objective when the caller may see them (404 otherwise)."""
    kr = await KeyResultRepository(session).get(kr_id)
    objective = await ObjectiveRepository(session).get(kr.objective_id)
    if not await can_see(session, objective, principal, org):
        raise NotFound(f"key result {kr_id} does not exist", code="key_result.not_found")
    return kr, objective


def _may_manage(objective: ObjectiveRow, principal: Principal, org: OrgChart) -> bool:
    return is_draft_reader(objective, principal, org)


def _check_may_manage(objective: ObjectiveRow, principal: Principal, org: OrgChart) -> None:
    if not _may_manage(objective, principal, org):
        raise PermissionDenied(
            "initiatives are managed by the key result's owner, their managers and admins",
            code="initiative.not_allowed",
            field="key_result_id",
        )


async def _check_writable(session: AsyncSession, objective: ObjectiveRow) -> None:
    cycle = await CycleRepository(session).get(objective.cycle_id)
    check_cycle_writable(cycle_to_domain(cycle))


async def _check_assignee(session: AsyncSession, assignee_id: str | None) -> None:
    if assignee_id is None:
        return
    person = await PersonRepository(session).get(assignee_id, field="assignee_id")
    if not person.active:
        raise RuleViolation(
            f"person {assignee_id} is deactivated and cannot be assigned",
            code="initiative.assignee_inactive",
            field="assignee_id",
        )


async def create_initiative(
    session: AsyncSession, principal: Principal, kr_id: str, body: InitiativeCreate
) -> InitiativePublic:
    """A new initiative under a key result."""
    org = await load_org_chart(session)
    kr, objective = await _key_result(session, kr_id, principal, org)
    _check_may_manage(objective, principal, org)
    await _check_writable(session, objective)
    await _check_assignee(session, body.assignee_id)
    row = await InitiativeRepository(session).add(
        InitiativeRow(key_result_id=kr.id, **body.model_dump(mode="python"))
    )
    public = InitiativePublic.model_validate(row)
    await emit(
        session,
        "initiative.created",
        "initiative",
        public,
        entity_id=row.id,
        objective_id=objective.id,
    )
    return public


async def list_initiatives(
    session: AsyncSession,
    principal: Principal,
    kr_id: str,
    *,
    state: InitiativeState | None,
    assignee_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[InitiativePublic], Keyset | None]:
    """The initiatives of a key result in creation order, and the keyset after the last."""
    org = await load_org_chart(session)
    await _key_result(session, kr_id, principal, org)
    rows, next_keyset = await InitiativeRepository(session).list_of(
        kr_id,
        state=state.value if state else None,
        assignee_id=assignee_id,
        limit=limit,
        after=after,
    )
    return [InitiativePublic.model_validate(r) for r in rows], next_keyset


async def _initiative(
    session: AsyncSession, initiative_id: str, principal: Principal, org: OrgChart
) -> tuple[InitiativeRow, ObjectiveRow]:
    row = await InitiativeRepository(session).get(initiative_id)
    kr = await KeyResultRepository(session).get(row.key_result_id)
    objective = await ObjectiveRepository(session).get(kr.objective_id)
    if not await can_see(session, objective, principal, org):
        raise NotFound(f"initiative {initiative_id} does not exist", code="initiative.not_found")
    return row, objective


async def get_initiative(
    session: AsyncSession, principal: Principal, initiative_id: str
) -> InitiativePublic:
    """One initiative."""
    org = await load_org_chart(session)
    row, _ = await _initiative(session, initiative_id, principal, org)
    return InitiativePublic.model_validate(row)


async def update_initiative(
    session: AsyncSession, principal: Principal, initiative_id: str, changes: Mapping[str, Any]
) -> InitiativePublic:
    """Change an initiative (the assignee: its ``state`` only)."""
    org = await load_org_chart(session)
    row, objective = await _initiative(session, initiative_id, principal, org)
    if not _may_manage(objective, principal, org):
        if row.assignee_id != principal.person_id:
            _check_may_manage(objective, principal, org)
        elif set(changes) - {"state"}:
            raise PermissionDenied(
                "the assignee may change the state of an initiative, nothing else",
                code="initiative.assignee_state_only",
                field=sorted(set(changes) - {"state"})[0],
            )
    await _check_writable(session, objective)
    if "assignee_id" in changes:
        await _check_assignee(session, changes["assignee_id"])
    values = {k: (v.value if isinstance(v, InitiativeState) else v) for k, v in changes.items()}
    await InitiativeRepository(session).update(row, values)
    public = InitiativePublic.model_validate(row)
    await emit(
        session,
        "initiative.updated",
        "initiative",
        public,
        entity_id=row.id,
        objective_id=objective.id,
    )
    return public


async def delete_initiative(
    session: AsyncSession, principal: Principal, initiative_id: str
) -> None:
    """Delete an initiative (owner side, managers, admins)."""
    org = await load_org_chart(session)
    row, objective = await _initiative(session, initiative_id, principal, org)
    _check_may_manage(objective, principal, org)
    await _check_writable(session, objective)
    public = InitiativePublic.model_validate(row)
    await InitiativeRepository(session).delete(row)
    await emit(
        session,
        "initiative.deleted",
        "initiative",
        public,
        entity_id=initiative_id,
        objective_id=objective.id,
    )
