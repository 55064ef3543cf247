"""A small organisation shared by the unit tests (plain builders, not fixtures)."""

from decimal import Decimal

from domain.model import (
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OrgUnit,
    OwnerType,
    Person,
    Role,
)
from domain.org import OrgChart


def org_chart() -> OrgChart:
    """acme (head ceo) > sales (head vp) > east (head lead); ana and bob in east under lead."""
    units = [
        OrgUnit(id="acme", name="Acme", head_id="ceo"),
        OrgUnit(id="sales", name="Sales", parent_id="acme", head_id="vp"),
        OrgUnit(id="east", name="East", parent_id="sales", head_id="lead"),
        OrgUnit(id="ops", name="Ops", parent_id="acme", head_id="opsboss"),
    ]
    people = [
        Person(id="ceo", name="CEO", unit_id="acme"),
        Person(id="admin", name="Admin", unit_id="acme", role=Role.ADMIN),
        Person(id="vp", name="VP", unit_id="sales", manager_id="ceo"),
        Person(id="lead", name="Lead", unit_id="east", manager_id="vp"),
        Person(id="ana", name="Ana", unit_id="east", manager_id="lead"),
        Person(id="bob", name="Bob", unit_id="east", manager_id="lead"),
        Person(id="opsboss", name="Ops boss", unit_id="ops", manager_id="ceo"),
    ]
    return OrgChart(units, people)


def objective(
    oid: str,
    owner_type: OwnerType,
    owner_id: str,
    *,
    state: ObjectiveState = ObjectiveState.DRAFT,
    cycle_id: str = "q1",
) -> Objective:
    """An objective with no key results."""
    return Objective(
        id=oid,
        cycle_id=cycle_id,
        owner_type=owner_type,
        owner_id=owner_id,
        title=f"objective {oid}",
        state=state,
    )


def numeric_kr(kid: str, oid: str, weight: str = "50", **values: object) -> KeyResult:
    """A numeric key result from 0 to 10 unless told otherwise."""
    kr = KeyResult(
        id=kid,
        objective_id=oid,
        title=f"kr {kid}",
        kind=KeyResultKind.NUMERIC,
        weight=Decimal(weight),
        start_value=Decimal("0"),
        target_value=Decimal("10"),
    )
    for name, value in values.items():
        setattr(kr, name, value)
    return kr
