"""Unit tests of the org chart: ancestry, approvers, visibility and loops."""

import pytest

from domain.errors import NotFound, PermissionDenied, RuleViolation
from domain.model import OrgUnit, OwnerType, Person
from domain.org import OrgChart
from tests.support.orgdata import objective, org_chart


def test_unit_ancestors_nearest_first() -> None:
    org = org_chart()

    assert org.unit_ancestors("east") == ["sales", "acme"]
    assert org.unit_ancestors("acme") == []
    assert org.unit_ancestors("unknown") == []


def test_manager_chain_nearest_first() -> None:
    org = org_chart()

    assert org.manager_chain("ana") == ["lead", "vp", "ceo"]
    assert org.manager_chain("ceo") == []


def test_heads_above_and_admins() -> None:
    org = org_chart()

    assert org.heads_above("east") == ["vp", "ceo"]
    assert org.is_admin("admin")
    assert not org.is_admin("ceo")


def test_inactive_admin_is_not_admin() -> None:
    org = OrgChart(
        [], [Person(id="x", name="X", role=org_chart().people["admin"].role, active=False)]
    )

    assert not org.is_admin("x")


def test_approvers_per_owner_kind() -> None:
    org = org_chart()

    assert org.approver_ids(OwnerType.PERSON, "ana") == {"lead"}
    assert org.approver_ids(OwnerType.UNIT, "east") == {"vp"}
    assert org.approver_ids(OwnerType.UNIT, "acme") == {"admin"}


def test_person_without_manager_is_approved_by_admins() -> None:
    org = org_chart()

    assert org.approver_ids(OwnerType.PERSON, "ceo") == {"admin"}


def test_manager_approves_individual_objective() -> None:
    org = org_chart()
    obj = objective("o1", OwnerType.PERSON, "ana")

    org.check_can_approve(obj, "lead")
    org.check_can_approve(obj, "admin")


def test_peer_and_skip_level_are_not_approvers() -> None:
    org = org_chart()
    obj = objective("o1", OwnerType.PERSON, "ana")

    with pytest.raises(PermissionDenied) as peer:
        org.check_can_approve(obj, "bob")
    with pytest.raises(PermissionDenied) as skip:
        org.check_can_approve(obj, "vp")

    assert peer.value.code == "objective.not_approver"
    assert skip.value.code == "objective.not_approver"


def test_nobody_approves_their_own_objective() -> None:
    org = org_chart()
    own = objective("o1", OwnerType.PERSON, "lead")
    unit = objective("o2", OwnerType.UNIT, "east")
    admins = objective("o3", OwnerType.PERSON, "admin")

    with pytest.raises(PermissionDenied) as a:
        org.check_can_approve(own, "lead")
    with pytest.raises(PermissionDenied) as b:
        org.check_can_approve(unit, "lead")
    with pytest.raises(PermissionDenied) as c:
        org.check_can_approve(admins, "admin")

    assert {a.value.code, b.value.code, c.value.code} == {"objective.self_approval"}


def test_unit_objective_is_approved_by_head_of_parent_unit() -> None:
    org = org_chart()
    obj = objective("o1", OwnerType.UNIT, "east")

    org.check_can_approve(obj, "vp")

    with pytest.raises(PermissionDenied):
        org.check_can_approve(obj, "ceo")


def test_unit_parent_loop_is_refused() -> None:
    org = org_chart()

    with pytest.raises(RuleViolation) as err:
        org.check_unit_parent("sales", "east")
    with pytest.raises(RuleViolation) as itself:
        org.check_unit_parent("sales", "sales")

    assert err.value.code == "org_unit.cycle"
    assert "sales -> east -> sales" in err.value.message
    assert itself.value.code == "org_unit.cycle"


def test_unit_parent_move_sideways_is_fine() -> None:
    org = org_chart()

    org.check_unit_parent("east", "ops")
    org.check_unit_parent("east", None)

    with pytest.raises(NotFound) as err:
        org.check_unit_parent("east", "nowhere")
    assert err.value.code == "org_unit.not_found"


def test_manager_loop_is_refused() -> None:
    org = org_chart()

    with pytest.raises(RuleViolation) as err:
        org.check_manager("vp", "ana")
    with pytest.raises(RuleViolation) as itself:
        org.check_manager("ana", "ana")

    assert err.value.code == "person.manager_cycle"
    assert itself.value.code == "person.manager_cycle"


def test_manager_change_without_loop_is_fine() -> None:
    org = org_chart()

    org.check_manager("ana", "vp")

    with pytest.raises(NotFound) as err:
        org.check_manager("ana", "ghost")
    assert err.value.code == "person.not_found"


def test_walks_stop_on_corrupt_loops() -> None:
    org = OrgChart(
        [OrgUnit(id="a", name="A", parent_id="b"), OrgUnit(id="b", name="B", parent_id="a")],
        [Person(id="x", name="X", manager_id="y"), Person(id="y", name="Y", manager_id="x")],
    )

    assert org.unit_ancestors("a") == ["b"]
    assert org.manager_chain("x") == ["y"]
