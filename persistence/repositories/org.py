"""The organisation: the policy row, org units and people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from domain.errors import Conflict
from domain.identity_rules import email_key
from domain.model import Role
from persistence.repositories.base import Keyset, Repository, equals
from persistence.tables import (
    ObjectiveRow,
    OrgUnitRow,
    PersonRow,
    PolicyRow,
)


class PolicyRepository(Repository[PolicyRow]):
    """The one policy row."""

    model = PolicyRow
    entity = "policy"


class OrgUnitRepository(Repository[OrgUnitRow]):
    """Org units."""

    model = OrgUnitRow
    entity = "org_unit"

    async def list_by(
        self,
        *,
        parent_id: str | None,
        head_id: str | None,
        external_id: str | None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[OrgUnitRow], Keyset | None]:
        """One page of units in creation order (each value given is a filter)."""
        filters = equals(OrgUnitRow, parent_id=parent_id, head_id=head_id, external_id=external_id)
        return await self.list(filters=filters, limit=limit, after=after)

    async def all(self) -> list[OrgUnitRow]:
        """Every unit (the tree is needed whole to refuse loops)."""
        return list((await self.session.execute(select(OrgUnitRow))).scalars())

    async def root_id(self) -> str | None:
        """The id of the root unit, if there is one."""
        stmt = select(col(OrgUnitRow.id)).where(col(OrgUnitRow.parent_id).is_(None))
        return (await self.session.execute(stmt.limit(1))).scalar_one_or_none()

    async def find_by_external_id(self, external_id: str) -> OrgUnitRow | None:
        """The unit with this external id, if any."""
        stmt = select(OrgUnitRow).where(col(OrgUnitRow.external_id) == external_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def lookup(self, narrow: Mapping[str, str] | None) -> list[OrgUnitRow]:
        """Units in creation order; ``narrow`` keeps those whose ``id``, ``external_id`` or
        ``name`` (whatever their case) equals the value given (a superset of a SCIM filter)."""
        conditions: list[ColumnElement[bool]] = []
        for name, value in (narrow or {}).items():
            if name == "id":
                conditions.append(col(OrgUnitRow.id) == value)
            elif name == "external_id":
                conditions.append(func.lower(col(OrgUnitRow.external_id)) == value.lower())
            elif name == "name":
                conditions.append(func.lower(col(OrgUnitRow.name)) == value.lower())
        stmt = select(OrgUnitRow).where(*conditions)
        stmt = stmt.order_by(col(OrgUnitRow.created_at), col(OrgUnitRow.id))
        return list((await self.session.execute(stmt)).scalars())

    async def usage(self, unit_id: str) -> tuple[int, int, int]:
        """How many child units, members and objectives refer to the unit."""
        children = select(func.count()).where(col(OrgUnitRow.parent_id) == unit_id)
        members = select(func.count()).where(col(PersonRow.unit_id) == unit_id)
        objectives = select(func.count()).where(
            col(ObjectiveRow.owner_type) == "unit",
            col(ObjectiveRow.owner_id) == unit_id,
        )
        counts = [
            int((await self.session.execute(q)).scalar_one())
            for q in (children, members, objectives)
        ]
        return counts[0], counts[1], counts[2]


ADMINS_LOCK = 0x6F6B7241646D696E
"""The PostgreSQL advisory lock key of writes that may take away an active admin."""


def _taken(exc: IntegrityError) -> Conflict | None:
    """The conflict a unique index of ``people`` reports, if it is one of them. The first line
    of the message names the index (PostgreSQL: ``uq_people_email``, ``ix_people_email_key``,
    ``uq_people_external_id``) or the column (SQLite: ``people.email_key``...); the values in
    the lines after it are not looked at."""
    names = str(exc.orig).splitlines()[0].replace(".", "_")
    if "people_email" in names:
        return Conflict(
            "the e-mail address belongs to another person", code="person.email_taken", field="email"
        )
    if "people_user_name" in names:
        return Conflict(
            "the userName belongs to another person",
            code="person.user_name_taken",
            field="userName",
        )
    if "people_external_id" in names:
        return Conflict(
            "the external_id belongs to another person",
            code="person.external_id_taken",
            field="external_id",
        )
    return None


class PersonRepository(Repository[PersonRow]):
    """People. E-mail addresses are compared by their key (lower-cased) and unique by it."""

    model = PersonRow
    entity = "person"

    async def list_by(
        self,
        *,
        unit_id: str | None,
        manager_id: str | None,
        role: str | None,
        active: bool | None,
        email: str | None,
        external_id: str | None,
        limit: int,
        after: Keyset | None,
    ) -> tuple[list[PersonRow], Keyset | None]:
        """One page of people in creation order (each value given is a filter; ``email`` is
        compared by its key, whatever its case)."""
        filters = equals(
            PersonRow,
            unit_id=unit_id,
            manager_id=manager_id,
            role=role,
            active=active,
            email_key=email_key(email) if email is not None else None,
            external_id=external_id,
        )
        return await self.list(filters=filters, limit=limit, after=after)

    async def all(self) -> list[PersonRow]:
        """Every person (the manager chains are needed whole to refuse loops)."""
        return list((await self.session.execute(select(PersonRow))).scalars())

    async def add(self, row: PersonRow) -> PersonRow:
        """Insert a person; a taken e-mail or external id (also by a concurrent writer) is a
        ``Conflict`` naming the field."""
        try:
            return await super().add(row)
        except IntegrityError as exc:
            conflict = _taken(exc)
            if conflict is None:
                raise
            raise conflict from exc

    async def update(self, row: PersonRow, changes: Mapping[str, Any]) -> PersonRow:
        """Change a person; a taken e-mail or external id is a ``Conflict`` naming the field."""
        try:
            return await super().update(row, changes)
        except IntegrityError as exc:
            conflict = _taken(exc)
            if conflict is None:
                raise
            raise conflict from exc

    async def find_by_email(self, email: str) -> PersonRow | None:
        """The person with this e-mail, whatever its case, if any."""
        stmt = select(PersonRow).where(col(PersonRow.email_key) == email_key(email))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_by_external_id(self, external_id: str) -> PersonRow | None:
        """The person with this external id, if any."""
        stmt = select(PersonRow).where(col(PersonRow.external_id) == external_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_by_user_name(self, user_name: str) -> PersonRow | None:
        """The person with this SCIM ``userName``, whatever its case, if any."""
        stmt = select(PersonRow).where(col(PersonRow.user_name_key) == email_key(user_name))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def in_units(self, unit_ids: list[str]) -> list[PersonRow]:
        """The people of these units, in creation order."""
        if not unit_ids:
            return []
        stmt = (
            select(PersonRow)
            .where(col(PersonRow.unit_id).in_(unit_ids))
            .order_by(col(PersonRow.created_at), col(PersonRow.id))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def inactive_among(self, ids: list[str]) -> set[str]:
        """The ids of deactivated people among these."""
        if not ids:
            return set()
        stmt = select(col(PersonRow.id)).where(
            col(PersonRow.id).in_(set(ids)), col(PersonRow.active).is_(False)
        )
        return set((await self.session.execute(stmt)).scalars())

    async def by_ids(self, ids: list[str]) -> list[PersonRow]:
        """The people with these ids (unknown ids are left out)."""
        if not ids:
            return []
        stmt = select(PersonRow).where(col(PersonRow.id).in_(ids))
        return list((await self.session.execute(stmt)).scalars())

    async def lookup(self, narrow: Mapping[str, str] | None) -> list[PersonRow]:
        """People in creation order; ``narrow`` keeps those whose ``id``, ``user_name``,
        ``external_id`` (whatever their case) or any e-mail (the column, or one in the SCIM
        attributes) equals the value given: a superset of what a SCIM filter asks, which the
        caller then matches exactly."""
        conditions: list[ColumnElement[bool]] = []
        for name, value in (narrow or {}).items():
            key = email_key(value)
            if name == "id":
                conditions.append(col(PersonRow.id) == value)
            elif name == "user_name":
                # A person never provisioned by SCIM shows their e-mail as userName.
                conditions.append(
                    or_(
                        col(PersonRow.user_name_key) == key,
                        (col(PersonRow.email_key) == key) & col(PersonRow.user_name_key).is_(None),
                    )
                )
            elif name == "external_id":
                conditions.append(func.lower(col(PersonRow.external_id)) == key)
            elif name == "email":
                pattern = (
                    "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                )
                conditions.append(
                    or_(
                        col(PersonRow.email_key) == key,
                        func.lower(cast(col(PersonRow.scim), Text)).like(pattern, escape="\\"),
                    )
                )
        stmt = select(PersonRow).where(*conditions)
        stmt = stmt.order_by(col(PersonRow.created_at), col(PersonRow.id))
        return list((await self.session.execute(stmt)).scalars())

    async def count(self) -> int:
        """How many people exist."""
        return int(
            (await self.session.execute(select(func.count()).select_from(PersonRow))).scalar_one()
        )

    async def lock_admins(self) -> None:
        """Serialise the writes that may take away an active admin, until commit.

        PostgreSQL: a transaction-scoped advisory lock, so the count that follows sees every
        such write committed before it. SQLite lets one writer at a time: a write that takes
        an admin away holds the database until it commits, and its count comes after its write.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(select(func.pg_advisory_xact_lock(ADMINS_LOCK)))

    async def active_admin_ids(self) -> list[str]:
        """Ids of the active admins (those who can still sign in)."""
        stmt = select(col(PersonRow.id)).where(
            col(PersonRow.role) == Role.ADMIN.value,
            col(PersonRow.active).is_(True),
        )
        return list((await self.session.execute(stmt)).scalars())
