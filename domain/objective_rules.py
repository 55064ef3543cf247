"""Objective rules (okr-domain §2, §4): who may own one, its origin, when it may be deleted.

An objective is owned by an active person or by an existing org unit. Its origin follows from who
creates it: its owner (a unit's head for a unit) creates it bottom-up, anyone else top-down; a
stated origin that contradicts this is refused. Only drafts are deleted (agreed ones are
cancelled instead).
"""

from __future__ import annotations

from domain.errors import NotFound, RuleViolation
from domain.model import Objective, ObjectiveState, Origin, OwnerType
from domain.org import OrgChart


def check_owner(org: OrgChart, owner_type: OwnerType, owner_id: str) -> None:
    """Refuse an owner that does not exist, or a person who is deactivated."""
    if owner_type is OwnerType.PERSON:
        person = org.people.get(owner_id)
        if person is None:
            raise NotFound(
                f"person {owner_id} does not exist", code="person.not_found", field="owner_id"
            )
        if not person.active:
            raise RuleViolation(
                f"person {owner_id} is deactivated and cannot own objectives",
                code="objective.owner_inactive",
                field="owner_id",
            )
    elif owner_id not in org.units:
        raise NotFound(
            f"org unit {owner_id} does not exist", code="org_unit.not_found", field="owner_id"
        )


def origin_of(
    org: OrgChart, owner_type: OwnerType, owner_id: str, actor_id: str, given: Origin | None
) -> Origin:
    """The origin of an objective ``actor_id`` creates for the owner; refuse a contradicting one."""
    owns = actor_id in org.owner_person_ids(owner_type, owner_id)
    expected = Origin.BOTTOM_UP if owns else Origin.TOP_DOWN
    if given is not None and given is not expected:
        who = "its owner" if owns else "someone other than its owner"
        raise RuleViolation(
            f"an objective created by {who} is {expected.value}, not {given.value}",
            code="objective.origin_mismatch",
            field="origin",
        )
    return expected


def check_deletable(objective: Objective) -> None:
    """Only drafts are deleted."""
    if objective.state is not ObjectiveState.DRAFT:
        raise RuleViolation(
            f"objective {objective.id} is {objective.state.value}: only drafts can be deleted "
            "(cancel an agreed objective instead)",
            code="objective.not_draft",
            field="state",
        )
