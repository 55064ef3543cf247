"""``POST /v1/org/sync`` and ``okr org sync``: a full HR snapshot applied atomically as a diff.

The organisation is loaded once (two queries), ``domain.org_sync.plan_sync`` decides the diff
or refuses it naming every problem, and the diff is written in one transaction, in an order the
foreign keys accept: new units parents first (heads later), unit changes, new people (managers
later), people changes, then new people's managers and the units' heads. Every change is an
event of the feed (``org_unit.*``, ``person.*``); deactivating revokes the person's tokens for
good. A dry run plans and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.org import OrgUnitPublic, PersonPublic
from api.services.events import emit
from api.services.tokens import revoke_all_tokens
from domain.identity_rules import email_key
from domain.model import Role
from domain.org_sync import Change, CurrentPerson, CurrentUnit, Plan, Snapshot, plan_sync
from persistence.repositories.org import OrgUnitRepository, PersonRepository
from persistence.tables import OrgUnitRow, PersonRow, new_id

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` as the changes are written."""

_EVENT_WORDS = {
    "create": "created",
    "update": "updated",
    "move": "updated",
    "deactivate": "deactivated",
    "reactivate": "updated",
}


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """The diff (applied, or only planned on a dry run)."""

    dry_run: bool
    plan: Plan


async def sync_org(
    session: AsyncSession,
    snapshot: Snapshot,
    *,
    by_admin: bool,
    dry_run: bool,
    progress: Progress | None = None,
) -> SyncOutcome:
    """Plan the diff of the snapshot and, unless a dry run, write it."""
    unit_repo, person_repo = OrgUnitRepository(session), PersonRepository(session)
    unit_rows = {u.id: u for u in await unit_repo.all()}
    person_rows = {p.id: p for p in await person_repo.all()}
    plan = plan_sync(
        snapshot,
        [
            CurrentUnit(u.id, u.name, u.parent_id, u.head_id, u.external_id)
            for u in unit_rows.values()
        ],
        [
            CurrentPerson(
                p.id,
                p.name,
                p.email,
                p.unit_id,
                p.manager_id,
                p.external_id,
                p.active,
                p.role == Role.ADMIN.value,
            )
            for p in person_rows.values()
        ],
        by_admin=by_admin,
        new_id=new_id,
    )
    if not dry_run:
        await _apply(session, plan, unit_rows, person_rows, progress)
    return SyncOutcome(dry_run=dry_run, plan=plan)


def _depth(unit_id: str, parents: dict[str, str | None]) -> int:
    depth, seen, node = 0, {unit_id}, parents.get(unit_id)
    while node is not None and node not in seen:
        seen.add(node)
        depth += 1
        node = parents.get(node)
    return depth


async def _apply(
    session: AsyncSession,
    plan: Plan,
    unit_rows: dict[str, OrgUnitRow],
    person_rows: dict[str, PersonRow],
    progress: Progress | None,
) -> None:
    unit_repo, person_repo = OrgUnitRepository(session), PersonRepository(session)
    units = [c for c in plan.changes if c.entity == "unit"]
    people = [c for c in plan.changes if c.entity == "person"]
    total, done = len(plan.changes), 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    parents = {uid: row.parent_id for uid, row in unit_rows.items()}
    parents.update({c.id: c.values["parent_id"] for c in units if "parent_id" in c.values})
    new_units = sorted(
        (c for c in units if c.action == "create"), key=lambda c: _depth(c.id, parents)
    )
    created_units = [
        OrgUnitRow(
            id=c.id,
            name=c.values["name"],
            parent_id=c.values["parent_id"],
            external_id=c.values["external_id"],
        )
        for c in new_units
    ]
    await unit_repo.add_all(created_units)
    unit_rows.update({row.id: row for row in created_units})
    await unit_repo.update_all(
        [
            (unit_rows[c.id], {k: v for k, v in c.values.items() if k != "head_id"})
            for c in units
            if c.action != "create"
        ]
    )
    tick(len(units))

    created_people = [
        PersonRow(
            id=c.id,
            name=c.values["name"],
            email=c.values["email"],
            email_key=email_key(c.values["email"]),
            unit_id=c.values["unit_id"],
            external_id=c.values["external_id"],
            active=c.values["active"],
        )
        for c in people
        if c.action == "create"
    ]
    await person_repo.add_all(created_people)
    person_rows.update({row.id: row for row in created_people})
    await person_repo.update_all(
        [(person_rows[c.id], dict(c.values)) for c in people if c.action != "create"]
    )
    await person_repo.update_all(
        [
            (person_rows[c.id], {"manager_id": c.values["manager_id"]})
            for c in people
            if c.action == "create" and c.values["manager_id"] is not None
        ]
    )
    await unit_repo.update_all(
        [
            (unit_rows[c.id], {"head_id": c.values["head_id"]})
            for c in units
            if "head_id" in c.values
        ]
    )
    for change in people:
        if change.action == "deactivate":
            await revoke_all_tokens(session, change.id)
    tick(len(people))

    for change in plan.changes:
        await _event(session, change, unit_rows, person_rows)


async def _event(
    session: AsyncSession,
    change: Change,
    unit_rows: dict[str, OrgUnitRow],
    person_rows: dict[str, PersonRow],
) -> None:
    word = _EVENT_WORDS[change.action]
    public: Any
    if change.entity == "unit":
        public = OrgUnitPublic.model_validate(unit_rows[change.id])
        await emit(session, f"org_unit.{word}", "org_unit", public, entity_id=change.id)
    else:
        public = PersonPublic.model_validate(person_rows[change.id])
        await emit(session, f"person.{word}", "person", public, entity_id=change.id)
