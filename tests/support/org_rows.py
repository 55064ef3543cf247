"""Random organisations for the tests that compare SQL with the domain, stored as rows."""

from __future__ import annotations

import random
from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import OrgUnit, Person, Role
from domain.org import OrgChart
from persistence.tables import OrgUnitRow, PersonRow


def random_org(rng: random.Random, n_units: int, n_people: int) -> OrgChart:
    units: list[OrgUnit] = []
    for i in range(n_units):
        parent = units[rng.randrange(i)].id if i and rng.random() < 0.9 else None
        units.append(OrgUnit(id=f"u{i}", name=f"unit {i}", parent_id=parent))
    people: list[Person] = []
    for i in range(n_people):
        manager = people[rng.randrange(i)].id if i and rng.random() < 0.85 else None
        people.append(
            Person(
                id=f"p{i}",
                name=f"person {i}",
                unit_id=rng.choice(units).id,
                manager_id=manager,
                role=Role.ADMIN if rng.random() < 0.05 else Role.MEMBER,
            )
        )
    heads = {u.id: rng.choice(people).id if rng.random() < 0.8 else None for u in units}
    units = [
        OrgUnit(id=u.id, name=u.name, parent_id=u.parent_id, head_id=heads[u.id]) for u in units
    ]
    return OrgChart(units, people)


async def store_org(
    session: AsyncSession, org: OrgChart, prefix: str, *, inactive: Collection[str] = ()
) -> None:
    """The org chart's units and people as rows, every id prefixed; ``inactive`` people (by
    their unprefixed id) are stored inactive."""
    for unit in org.units.values():
        session.add(OrgUnitRow(id=prefix + unit.id, name=unit.name, parent_id=None, head_id=None))
    await session.flush()
    for person in org.people.values():
        session.add(
            PersonRow(
                id=prefix + person.id,
                name=person.name,
                email=f"{prefix}{person.id}@example.com",
                email_key=f"{prefix}{person.id}@example.com",
                unit_id=prefix + (person.unit_id or ""),
                role=person.role.value,
                active=person.id not in inactive,
            )
        )
    await session.flush()
    for unit in org.units.values():
        row = await session.get(OrgUnitRow, prefix + unit.id)
        assert row is not None
        row.parent_id = prefix + unit.parent_id if unit.parent_id else None
        row.head_id = prefix + unit.head_id if unit.head_id else None
    for person in org.people.values():
        prow = await session.get(PersonRow, prefix + person.id)
        assert prow is not None
        prow.manager_id = prefix + person.manager_id if person.manager_id else None
