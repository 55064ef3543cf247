"""The organisation chart: unit tree, manager chains and approvers (access: ``domain.access``)."""

from __future__ import annotations

from collections.abc import Iterable

from domain.errors import NotFound, PermissionDenied, RuleViolation
from domain.model import Objective, OrgUnit, OwnerType, Person, Role


class OrgChart:
    """A read-only view of the org units and people, answering who sits above whom."""

    def __init__(self, units: Iterable[OrgUnit], people: Iterable[Person]) -> None:
        self.units: dict[str, OrgUnit] = {u.id: u for u in units}
        self.people: dict[str, Person] = {p.id: p for p in people}

    # -- walking the trees -------------------------------------------------------------------

    def unit_ancestors(self, unit_id: str) -> list[str]:
        """Ids of the units above ``unit_id``, nearest first, itself excluded."""
        out: list[str] = []
        seen = {unit_id}
        unit = self.units.get(unit_id)
        while unit is not None and unit.parent_id is not None and unit.parent_id not in seen:
            out.append(unit.parent_id)
            seen.add(unit.parent_id)
            unit = self.units.get(unit.parent_id)
        return out

    def manager_chain(self, person_id: str) -> list[str]:
        """Ids of the person's manager, their manager and so on, nearest first."""
        out: list[str] = []
        seen = {person_id}
        person = self.people.get(person_id)
        while person is not None and person.manager_id is not None:
            if person.manager_id in seen:
                break
            out.append(person.manager_id)
            seen.add(person.manager_id)
            person = self.people.get(person.manager_id)
        return out

    def is_admin(self, person_id: str) -> bool:
        """Whether the person is an active admin."""
        person = self.people.get(person_id)
        return person is not None and person.active and person.role is Role.ADMIN

    def admin_ids(self) -> set[str]:
        """Ids of every active admin."""
        return {p.id for p in self.people.values() if p.active and p.role is Role.ADMIN}

    def is_root_unit(self, unit_id: str) -> bool:
        """Whether the unit is a root of the tree (the company)."""
        unit = self.units.get(unit_id)
        return unit is not None and unit.parent_id is None

    def head_of(self, unit_id: str) -> str | None:
        """The head of a unit, if any."""
        unit = self.units.get(unit_id)
        return None if unit is None else unit.head_id

    def heads_above(self, unit_id: str) -> list[str]:
        """Heads of the units above ``unit_id``, nearest first (units without a head skipped)."""
        out: list[str] = []
        for ancestor in self.unit_ancestors(unit_id):
            head = self.head_of(ancestor)
            if head is not None and head not in out:
                out.append(head)
        return out

    # -- ownership and approval --------------------------------------------------------------

    def owner_person_ids(self, owner_type: OwnerType, owner_id: str) -> set[str]:
        """The people who own an objective: the person, or the unit's head."""
        if owner_type is OwnerType.PERSON:
            return {owner_id}
        head = self.head_of(owner_id)
        return set() if head is None else {head}

    def approver_ids(self, owner_type: OwnerType, owner_id: str) -> set[str]:
        """Who approves an owner's objectives (admins may approve anything besides).

        Individual OKR: the person's manager; unit OKR: the head of the parent unit; company
        (root unit) OKR: the admins. A departed (deactivated) manager or head is passed over for
        the next active one up the chain (approvals and reviews waiting on them move up); when
        nobody is left (no manager, no head above) the admins approve.
        """
        owners = self.owner_person_ids(owner_type, owner_id)
        if owner_type is OwnerType.PERSON:
            above = self.manager_chain(owner_id)
        else:
            ancestors = self.unit_ancestors(owner_id)
            has_head = bool(ancestors) and self.head_of(ancestors[0]) is not None
            above = self.heads_above(owner_id) if has_head else []
        for candidate in above:
            if candidate not in owners and self.is_active(candidate):
                return {candidate}
        return self.admin_ids()

    def is_active(self, person_id: str) -> bool:
        """Whether the person exists and has not left (was not deactivated)."""
        person = self.people.get(person_id)
        return person is not None and person.active

    def check_can_approve(self, objective: Objective, actor_id: str) -> None:
        """Refuse unless the actor approves this objective; nobody approves their own.

        Also used for cancelling an agreed objective and accepting change requests and reviews.
        """
        if actor_id in self.owner_person_ids(objective.owner_type, objective.owner_id):
            raise PermissionDenied(
                f"{actor_id} owns objective {objective.id} and cannot approve it",
                code="objective.self_approval",
                field="actor_id",
            )
        if self.is_admin(actor_id):
            return
        if actor_id not in self.approver_ids(objective.owner_type, objective.owner_id):
            raise PermissionDenied(
                f"{actor_id} is not an approver of objective {objective.id}",
                code="objective.not_approver",
                field="actor_id",
            )

    # -- changing the trees ------------------------------------------------------------------

    def check_unit_parent(self, unit_id: str, new_parent_id: str | None) -> None:
        """Refuse a parent that does not exist or would put the unit below itself."""
        if new_parent_id is None:
            return
        if new_parent_id not in self.units:
            raise NotFound(
                f"org unit {new_parent_id} does not exist",
                code="org_unit.not_found",
                field="parent_id",
            )
        if new_parent_id == unit_id or unit_id in self.unit_ancestors(new_parent_id):
            loop = [unit_id, *self._unit_path_up(new_parent_id, unit_id)]
            raise RuleViolation(
                "unit tree would contain a loop: " + " -> ".join(loop),
                code="org_unit.cycle",
                field="parent_id",
            )

    def check_manager(self, person_id: str, new_manager_id: str | None) -> None:
        """Refuse a manager that does not exist or would manage themself through the chain."""
        if new_manager_id is None:
            return
        if new_manager_id not in self.people:
            raise NotFound(
                f"person {new_manager_id} does not exist",
                code="person.not_found",
                field="manager_id",
            )
        if new_manager_id == person_id or person_id in self.manager_chain(new_manager_id):
            raise RuleViolation(
                f"{new_manager_id} cannot manage {person_id}: the manager chain would loop",
                code="person.manager_cycle",
                field="manager_id",
            )

    def _unit_path_up(self, start: str, goal: str) -> list[str]:
        path = [start]
        for ancestor in self.unit_ancestors(start):
            if path[-1] == goal:
                break
            path.append(ancestor)
        return path
