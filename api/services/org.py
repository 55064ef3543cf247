"""Org units and people: the tree and the manager chains stay loop-free; people are deactivated.

People writes keep the identity rules (``domain.identity_rules``): only an admin grants or
removes the admin role or changes an admin's e-mail, external id or active flag; e-mail
addresses are unique whatever their case (also against a concurrent write: a unique index); the
organisation keeps an active admin (also against concurrent writes: ``PersonRepository.
lock_admins``); deactivating a person revokes their tokens for good."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.org import OrgUnitCreate, OrgUnitPublic, PersonCreate, PersonPublic
from api.services.events import emit
from api.services.rules import refuse_all
from api.services.tokens import revoke_all_tokens
from domain.errors import Conflict, PermissionDenied, RuleViolation, Violation
from domain.identity_rules import ADMIN_REQUIRED, PersonIdentity, admin_only_changes
from domain.model import Role
from domain.org import OrgChart
from persistence.mappers import org_unit_to_domain, person_to_domain
from persistence.repositories.base import Keyset
from persistence.repositories.org import OrgUnitRepository, PersonRepository
from persistence.tables import OrgUnitRow, PersonRow


async def load_org_chart(session: AsyncSession) -> OrgChart:
    """The whole org chart (two queries: units and people)."""
    units = await OrgUnitRepository(session).all()
    people = await PersonRepository(session).all()
    return OrgChart((org_unit_to_domain(u) for u in units), (person_to_domain(p) for p in people))


async def _event(session: AsyncSession, type: str, public: OrgUnitPublic | PersonPublic) -> None:
    entity = "org_unit" if isinstance(public, OrgUnitPublic) else "person"
    await emit(session, type, entity, public, entity_id=public.id)


# -- org units ---------------------------------------------------------------------------------


async def _check_unit(
    session: AsyncSession, unit_id: str | None, values: Mapping[str, Any]
) -> None:
    """Refuse a second root, a parent loop, an unknown head and a taken external id."""
    units = OrgUnitRepository(session)
    if "parent_id" in values:
        parent_id = values["parent_id"]
        if parent_id is None:
            root = await units.root_id()
            if root is not None and root != unit_id:
                raise Conflict(
                    f"org unit {root} is already the root; give this unit a parent_id",
                    code="org_unit.root_exists",
                    field="parent_id",
                )
        elif unit_id is None:
            await units.get(parent_id, field="parent_id")
        else:
            (await load_org_chart(session)).check_unit_parent(unit_id, parent_id)
    if values.get("head_id") is not None:
        await PersonRepository(session).get(values["head_id"], field="head_id")
    external_id = values.get("external_id")
    if external_id is not None:
        other = await units.find_by_external_id(external_id)
        if other is not None and other.id != unit_id:
            raise Conflict(
                f"external_id {external_id!r} belongs to org unit {other.id}",
                code="org_unit.external_id_taken",
                field="external_id",
            )


async def create_org_unit(session: AsyncSession, body: OrgUnitCreate) -> OrgUnitPublic:
    """A new unit (the first one without a parent becomes the root)."""
    values = body.model_dump()
    await _check_unit(session, None, values)
    row = await OrgUnitRepository(session).add(OrgUnitRow(**values))
    public = OrgUnitPublic.model_validate(row)
    await _event(session, "org_unit.created", public)
    return public


async def update_org_unit(
    session: AsyncSession, unit_id: str, changes: Mapping[str, Any]
) -> OrgUnitPublic:
    """Change a unit; moving it under itself or its descendants is refused."""
    repo = OrgUnitRepository(session)
    row = await repo.get(unit_id)
    await _check_unit(session, unit_id, changes)
    await repo.update(row, changes)
    public = OrgUnitPublic.model_validate(row)
    await _event(session, "org_unit.updated", public)
    return public


async def delete_org_unit(session: AsyncSession, unit_id: str) -> None:
    """Delete a unit that has no child units, members or objectives."""
    repo = OrgUnitRepository(session)
    row = await repo.get(unit_id)
    children, members, objectives = await repo.usage(unit_id)
    problems = [
        Violation(code, f"the unit still has {count} {what}", field=unit_id)
        for code, count, what in (
            ("org_unit.has_children", children, "child units"),
            ("org_unit.has_members", members, "members"),
            ("org_unit.has_objectives", objectives, "objectives"),
        )
        if count
    ]
    refuse_all(problems, code="org_unit.in_use")
    public = OrgUnitPublic.model_validate(row)
    await repo.delete(row)
    await _event(session, "org_unit.deleted", public)


# -- people ------------------------------------------------------------------------------------


def _identity(row: PersonRow) -> PersonIdentity:
    return PersonIdentity(
        role=Role(row.role), email=row.email, external_id=row.external_id, active=row.active
    )


def _refuse_unless_admin(
    person: PersonRow | None, changes: Mapping[str, Any], *, by_admin: bool
) -> None:
    """403 ``permission.admin_required`` naming every field only an admin may set here."""
    identity = _identity(person) if person is not None else None
    problems = admin_only_changes(identity, changes, by_admin=by_admin)
    if problems:
        raise PermissionDenied.from_violations(problems, code=ADMIN_REQUIRED)


async def _check_person(
    session: AsyncSession, person: PersonRow | None, values: Mapping[str, Any]
) -> None:
    """Refuse a taken e-mail (whatever its case) or external id, an unknown unit or manager and
    a manager loop."""
    people = PersonRepository(session)
    person_id = person.id if person is not None else None
    if values.get("email") is not None:
        other = await people.find_by_email(values["email"])
        if other is not None and other.id != person_id:
            raise Conflict(
                f"e-mail {values['email']!r} belongs to person {other.id}",
                code="person.email_taken",
                field="email",
            )
    if values.get("external_id") is not None:
        other = await people.find_by_external_id(values["external_id"])
        if other is not None and other.id != person_id:
            raise Conflict(
                f"external_id {values['external_id']!r} belongs to person {other.id}",
                code="person.external_id_taken",
                field="external_id",
            )
    if values.get("unit_id") is not None:
        await OrgUnitRepository(session).get(values["unit_id"], field="unit_id")
    if values.get("manager_id") is not None:
        if person_id is None:
            await people.get(values["manager_id"], field="manager_id")
        else:
            (await load_org_chart(session)).check_manager(person_id, values["manager_id"])


def _admin_taken_away(person: PersonRow, changes: Mapping[str, Any]) -> str | None:
    """The field by which the change takes an active admin away (None: it does not)."""
    if person.role != Role.ADMIN.value or not person.active:
        return None
    if changes.get("active", True) is False:
        return "active"
    if Role(changes.get("role", Role.ADMIN)) is not Role.ADMIN:
        return "role"
    return None


async def _write(session: AsyncSession, person: PersonRow, changes: Mapping[str, Any]) -> PersonRow:
    """Apply the changes. One that takes an active admin away holds the admins' lock and is
    undone when no active admin (one who can still sign in) is left; deactivating revokes the
    person's tokens for good."""
    people = PersonRepository(session)
    taken_by = _admin_taken_away(person, changes)
    deactivates = person.active and changes.get("active", True) is False
    if taken_by is not None:
        await people.lock_admins()
    await people.update(person, changes)
    if taken_by is not None and not await people.active_admin_ids():
        raise RuleViolation(
            "the organisation must keep at least one active admin",
            code="person.last_admin",
            field=taken_by,
        )
    if deactivates:
        await revoke_all_tokens(session, person.id)
    return person


async def create_person(
    session: AsyncSession, body: PersonCreate, *, by_admin: bool
) -> PersonPublic:
    """A new, active person (only an admin creates an admin)."""
    values = body.model_dump()
    _refuse_unless_admin(None, values, by_admin=by_admin)
    await _check_person(session, None, values)
    row = await PersonRepository(session).add(PersonRow(**values))
    public = PersonPublic.model_validate(row)
    await _event(session, "person.created", public)
    return public


async def update_person(
    session: AsyncSession, person_id: str, changes: Mapping[str, Any], *, by_admin: bool
) -> PersonPublic:
    """Change a person (``active: false`` deactivates); only an admin changes the admin role
    and an admin's identity fields."""
    row = await PersonRepository(session).get(person_id)
    _refuse_unless_admin(row, changes, by_admin=by_admin)
    await _check_person(session, row, changes)
    await _write(session, row, changes)
    public = PersonPublic.model_validate(row)
    await _event(session, "person.updated", public)
    return public


async def deactivate_person(session: AsyncSession, person_id: str, *, by_admin: bool) -> None:
    """Deactivate a person: their tokens are revoked for good, their history stays."""
    row = await PersonRepository(session).get(person_id)
    _refuse_unless_admin(row, {"active": False}, by_admin=by_admin)
    if not row.active:
        return
    await _write(session, row, {"active": False})
    await _event(session, "person.deactivated", PersonPublic.model_validate(row))


async def list_org_units(
    session: AsyncSession,
    *,
    parent_id: str | None,
    head_id: str | None,
    external_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[OrgUnitPublic], Keyset | None]:
    """Org units in creation order, filtered by parent, head or external id."""
    rows, next_keyset = await OrgUnitRepository(session).list_by(
        parent_id=parent_id, head_id=head_id, external_id=external_id, limit=limit, after=after
    )
    return [OrgUnitPublic.model_validate(r) for r in rows], next_keyset


async def get_org_unit(session: AsyncSession, unit_id: str) -> OrgUnitPublic:
    """One org unit."""
    return OrgUnitPublic.model_validate(await OrgUnitRepository(session).get(unit_id))


async def list_people(
    session: AsyncSession,
    *,
    unit_id: str | None,
    manager_id: str | None,
    role: Role | None,
    active: bool | None,
    email: str | None,
    external_id: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[PersonPublic], Keyset | None]:
    """People in creation order, filtered by unit, manager, role, active, e-mail (whatever its
    case) or external id."""
    rows, next_keyset = await PersonRepository(session).list_by(
        unit_id=unit_id,
        manager_id=manager_id,
        role=role.value if role else None,
        active=active,
        email=email,
        external_id=external_id,
        limit=limit,
        after=after,
    )
    return [PersonPublic.model_validate(r) for r in rows], next_keyset


async def get_person(session: AsyncSession, person_id: str) -> PersonPublic:
    """One person."""
    return PersonPublic.model_validate(await PersonRepository(session).get(person_id))
