"""Repositories of the entities (the generic base does the work; these name table and entity)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import col

from domain.model import Role
from persistence.repository import Repository
from persistence.tables import (
    CycleRow,
    ObjectiveRow,
    OrgUnitRow,
    PersonRow,
    PersonTokenRow,
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


class PersonRepository(Repository[PersonRow]):
    """People."""

    model = PersonRow
    entity = "person"

    async def all(self) -> list[PersonRow]:
        """Every person (the manager chains are needed whole to refuse loops)."""
        return list((await self.session.execute(select(PersonRow))).scalars())

    async def find_by_email(self, email: str) -> PersonRow | None:
        """The person with this e-mail (case-insensitive), if any."""
        stmt = select(PersonRow).where(func.lower(PersonRow.email) == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_by_external_id(self, external_id: str) -> PersonRow | None:
        """The person with this external id, if any."""
        stmt = select(PersonRow).where(col(PersonRow.external_id) == external_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def count(self) -> int:
        """How many people exist."""
        return int(
            (await self.session.execute(select(func.count()).select_from(PersonRow))).scalar_one()
        )

    async def active_admin_ids(self) -> list[str]:
        """Ids of the active admins."""
        stmt = select(col(PersonRow.id)).where(
            col(PersonRow.role) == Role.ADMIN.value,
            col(PersonRow.active).is_(True),
        )
        return list((await self.session.execute(stmt)).scalars())


class PersonTokenRepository(Repository[PersonTokenRow]):
    """Personal access tokens."""

    model = PersonTokenRow
    entity = "token"


class CycleRepository(Repository[CycleRow]):
    """Cycles."""

    model = CycleRow
    entity = "cycle"

    async def children(self, cycle_id: str) -> list[CycleRow]:
        """The cycles directly inside this one."""
        stmt = select(CycleRow).where(col(CycleRow.parent_id) == cycle_id)
        return list((await self.session.execute(stmt)).scalars())

    async def objective_count(self, cycle_id: str) -> int:
        """How many objectives belong to the cycle."""
        stmt = select(func.count()).where(col(ObjectiveRow.cycle_id) == cycle_id)
        return int((await self.session.execute(stmt)).scalar_one())
