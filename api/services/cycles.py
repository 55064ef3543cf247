"""Cycles: periods nested year > quarter > month, and their lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.cycles import CycleCreate, CyclePublic
from api.services.events import emit
from api.services.rules import refuse_all
from domain.errors import Violation, check_if_match
from domain.lifecycle import check_cycle_writable, transition_cycle
from domain.model import Cycle, CycleKind, CycleState
from persistence.mappers import cycle_to_domain
from persistence.repositories.cycles import CycleRepository
from persistence.tables import CycleRow

#: The kind a cycle's parent must have: a quarter sits in a year, a month in a quarter.
PARENT_KIND = {CycleKind.QUARTERLY: CycleKind.ANNUAL, CycleKind.MONTHLY: CycleKind.QUARTERLY}

#: Action path segment -> domain action and event type.
ACTIONS = {
    "activate": ("activate", "cycle.activated"),
    "start-review": ("start_review", "cycle.review_started"),
    "close": ("close", "cycle.closed"),
}


def definition_violations(
    cycle: Cycle, *, parent: Cycle | None, children: list[Cycle]
) -> list[Violation]:
    """Every problem with a cycle's period, deadlines and nesting."""
    found: list[Violation] = []
    if cycle.ends_on <= cycle.starts_on:
        found.append(
            Violation("cycle.ends_before_start", "ends_on must be after starts_on", "ends_on")
        )
    for name in ("planning_deadline", "review_deadline"):
        day = getattr(cycle, name)
        if day is not None and not cycle.covers(day):
            found.append(
                Violation("cycle.deadline_outside", f"{name} must lie inside the cycle", name)
            )
    if parent is not None:
        expected = PARENT_KIND.get(cycle.kind)
        if parent.id == cycle.id:
            found.append(
                Violation("cycle.parent_is_self", "a cycle cannot contain itself", "parent_id")
            )
        elif expected is None or parent.kind is not expected:
            wanted = f"an {expected.value}" if expected else "no"
            found.append(
                Violation(
                    "cycle.parent_kind",
                    f"a {cycle.kind.value} cycle needs {wanted} parent, not {parent.kind.value}",
                    "parent_id",
                )
            )
        if parent.id != cycle.id and not parent.contains(cycle):
            found.append(
                Violation(
                    "cycle.outside_parent",
                    f"the period must lie inside parent cycle {parent.id}",
                    "parent_id",
                )
            )
    for child in children:
        if not cycle.contains(child):
            found.append(
                Violation(
                    "cycle.child_outside", f"child cycle {child.id} would lie outside", child.id
                )
            )
    return found


def _check(cycle: Cycle, *, parent: Cycle | None, children: list[Cycle]) -> None:
    refuse_all(definition_violations(cycle, parent=parent, children=children), code="cycle.invalid")


async def create_cycle(session: AsyncSession, body: CycleCreate) -> CyclePublic:
    """A new cycle in planning."""
    repo = CycleRepository(session)
    parent = await repo.get(body.parent_id, field="parent_id") if body.parent_id else None
    row = CycleRow(**body.model_dump())
    _check(
        cycle_to_domain(row),
        parent=cycle_to_domain(parent) if parent else None,
        children=[],
    )
    await repo.add(row)
    public = CyclePublic.model_validate(row)
    await emit(session, "cycle.created", "cycle", public, entity_id=row.id)
    return public


async def get_cycle(session: AsyncSession, cycle_id: str) -> CyclePublic:
    """One cycle."""
    return CyclePublic.model_validate(await CycleRepository(session).get(cycle_id))


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
    problems: list[Violation] = []
    if row.state != CycleState.PLANNING.value:
        problems.append(
            Violation("cycle.not_planning", "only a planning cycle can be deleted", "state")
        )
    if await repo.children(cycle_id):
        problems.append(
            Violation("cycle.has_children", "the cycle contains other cycles", cycle_id)
        )
    if await repo.objective_count(cycle_id):
        problems.append(Violation("cycle.has_objectives", "the cycle has objectives", cycle_id))
    refuse_all(problems, code="cycle.in_use")
    public = CyclePublic.model_validate(row)
    await repo.delete(row)
    await emit(session, "cycle.deleted", "cycle", public, entity_id=cycle_id)
