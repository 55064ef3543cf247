"""Row -> domain dataclass mapping for the entities the domain rules need."""

from __future__ import annotations

from domain.model import (
    CheckIn,
    Cycle,
    CycleKind,
    CycleState,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OrgUnit,
    Origin,
    OwnerType,
    Person,
    Role,
)
from persistence.tables import (
    CheckInRow,
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    OrgUnitRow,
    PersonRow,
)


def org_unit_to_domain(row: OrgUnitRow) -> OrgUnit:
    """The domain view of an org unit row."""
    return OrgUnit(id=row.id, name=row.name, parent_id=row.parent_id, head_id=row.head_id)


def person_to_domain(row: PersonRow) -> Person:
    """The domain view of a person row."""
    return Person(
        id=row.id,
        name=row.name,
        unit_id=row.unit_id,
        manager_id=row.manager_id,
        role=Role(row.role),
        active=row.active,
    )


def cycle_to_domain(row: CycleRow) -> Cycle:
    """The domain view of a cycle row."""
    return Cycle(
        id=row.id,
        kind=CycleKind(row.kind),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        state=CycleState(row.state),
        parent_id=row.parent_id,
        planning_deadline=row.planning_deadline,
        review_deadline=row.review_deadline,
        submission_deadline=row.submission_deadline,
        agreement_deadline=row.agreement_deadline,
        publication_deadline=row.publication_deadline,
        review_submission_deadline=row.review_submission_deadline,
        review_confirmation_deadline=row.review_confirmation_deadline,
    )


def key_result_to_domain(row: KeyResultRow) -> KeyResult:
    """The domain view of a key result row."""
    return KeyResult(
        id=row.id,
        objective_id=row.objective_id,
        title=row.title,
        kind=KeyResultKind(row.kind),
        weight=row.weight,
        start_value=row.start_value,
        target_value=row.target_value,
        current_value=row.current_value,
        done=row.done,
        due_on=row.due_on,
        score=row.score,
    )


def objective_to_domain(row: ObjectiveRow, key_results: list[KeyResultRow]) -> Objective:
    """The domain view of an objective row with its key result rows."""
    return Objective(
        id=row.id,
        cycle_id=row.cycle_id,
        owner_type=OwnerType(row.owner_type),
        owner_id=row.owner_id,
        title=row.title,
        description=row.description,
        origin=Origin(row.origin),
        state=ObjectiveState(row.state),
        score=row.score,
        key_results=[key_result_to_domain(kr) for kr in key_results],
    )


def check_in_to_domain(row: CheckInRow) -> CheckIn:
    """The domain view of a check-in row."""
    return CheckIn(
        id=row.id,
        key_result_id=row.key_result_id,
        observed_at=row.observed_at,
        received_at=row.received_at,
        value=row.value,
        done=row.done,
        confidence=row.confidence,
        note=row.note,
        source=row.source,
        external_id=row.external_id,
        author_id=row.author_id,
    )
