"""Cycles: periods nested year > quarter > month, and their lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.cycles import CycleCreate, CyclePublic
from api.services.events import emit
from api.services.rules import refuse_all
from domain.cycle_rules import current_cycle, definition_violations, deletion_violations
from domain.deadlines import template_deadlines
from domain.errors import NotFound, check_if_match
from domain.lifecycle import check_cycle_writable, transition_cycle
from domain.model import Cycle, CycleKind, CycleState
from persistence.mappers import cycle_to_domain
from persistence.repositories.base import Keyset
from persistence.repositories.cycles import CycleRepository
from persistence.tables import CycleRow
from persistence.types import utcnow

#: Action path segment -> domain action and event type.
ACTIONS = {
    "activate": ("activate", "cycle.activated"),
    "start-review": ("start_review", "cycle.review_started"),
    "close": ("close", "cycle.closed"),
}


def _check(cycle: Cycle, *, parent: Cycle | None, children: list[Cycle]) -> None:
    refuse_all(definition_violations(cycle, parent=parent, children=children), code="cycle.invalid")


async def create_cycle(session: AsyncSession, body: CycleCreate) -> CyclePublic:
    """A new cycle in planning."""
    repo = CycleRepository(session)
    parent = await repo.get(body.parent_id, field="parent_id") if body.parent_id else None
    fields = body.model_dump(exclude={"deadlines_from_template"})
    if body.deadlines_from_template:
        template = template_deadlines(body.kind, body.starts_on, body.ends_on)
        for name, day in template.items():
            if fields.get(name) is None:
                fields[name] = day
    row = CycleRow(**fields)
    _check(
        cycle_to_domain(row),
        parent=cycle_to_domain(parent) if parent else None,
        children=[],
    )
    await repo.add(row)
    public = CyclePublic.model_validate(row)
    await emit(session, "cycle.created", "cycle", public, entity_id=row.id)
    return public


async def list_cycles(
    session: AsyncSession,
    *,
    kind: CycleKind | None,
    state: CycleState | None,
    parent_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[CyclePublic], Keyset | None]:
    """Cycles in creation order, filtered by kind, state or parent."""
    rows, next_keyset = await CycleRepository(session).list_filtered(
        kind=kind.value if kind else None,
        state=state.value if state else None,
        parent_id=parent_id,
        limit=limit,
        after=after,
    )
    return [CyclePublic.model_validate(r) for r in rows], next_keyset


async def get_cycle(session: AsyncSession, cycle_id: str) -> CyclePublic:
    """One cycle."""
    return CyclePublic.model_validate(await CycleRepository(session).get(cycle_id))


async def current_cycle_id(session: AsyncSession) -> str:
    """The id of the cycle ``current`` names (``domain.cycle_rules.current_cycle``); 404 without."""
    rows = await CycleRepository(session).in_state(CycleState.ACTIVE.value)
    found = current_cycle([cycle_to_domain(r) for r in rows], utcnow().date())
    if found is None:
        raise NotFound("no cycle is active", code="cycle.not_found")
    return found.id


async def get_current_cycle(session: AsyncSession) -> CyclePublic:
    """The current cycle."""
    return await get_cycle(session, await current_cycle_id(session))


async def update_cycle(
    session: AsyncSession, cycle_id: str, changes: Mapping[str, Any], *, if_match: str | None
) -> CyclePublic:
    """Change a cycle that is not closed; its children must stay inside it."""
    repo = CycleRepository(session)
    row = await repo.get(cycle_id)
    check_if_match(if_match, row.version)
    current = cycle_to_domain(row)
    check_cycle_writable(current)
    candidate = replace(current, **{k: v for k, v in changes.items() if k != "name"})
    parent_row = (
        await repo.get(candidate.parent_id, field="parent_id") if candidate.parent_id else None
    )
    children = [cycle_to_domain(c) for c in await repo.children(cycle_id)]
    _check(
        candidate,
        parent=cycle_to_domain(parent_row) if parent_row else None,
        children=children,
    )
    await repo.update_versioned(row, changes)
    public = CyclePublic.model_validate(row)
    await emit(session, "cycle.updated", "cycle", public, entity_id=row.id)
    return public


async def change_state(
    session: AsyncSession, cycle_id: str, action: str, *, if_match: str | None
) -> CyclePublic:
    """Move a cycle along planning -> active -> review -> closed."""
    domain_action, event_type = ACTIONS[action]
    repo = CycleRepository(session)
    row = await repo.get(cycle_id)
    check_if_match(if_match, row.version)
    state: CycleState = transition_cycle(CycleState(row.state), domain_action)
    await repo.update_versioned(row, {"state": state.value})
    public = CyclePublic.model_validate(row)
    await emit(session, event_type, "cycle", public, entity_id=row.id)
    return public


async def delete_cycle(session: AsyncSession, cycle_id: str, *, if_match: str | None) -> None:
    """Delete a cycle in planning that holds no objectives and no child cycles."""
    repo = CycleRepository(session)
    row = await repo.get(cycle_id)
    check_if_match(if_match, row.version)
    problems = deletion_violations(
        cycle_to_domain(row),
        has_children=bool(await repo.children(cycle_id)),
        has_objectives=bool(await repo.objective_count(cycle_id)),
    )
    refuse_all(problems, code="cycle.in_use")
    public = CyclePublic.model_validate(row)
    await repo.delete(row)
    await emit(session, "cycle.deleted", "cycle", public, entity_id=cycle_id)
