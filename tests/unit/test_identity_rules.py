"""Unit tests of the identity rules: what only an admin may change about people."""

from collections.abc import Mapping

from domain.identity_rules import PersonIdentity, admin_only_changes, email_key
from domain.model import Role

ADMIN = PersonIdentity(role=Role.ADMIN, email="boss@example.com", external_id="hr-1", active=True)
MEMBER = PersonIdentity(role=Role.MEMBER, email="ann@example.com", external_id="hr-2", active=True)


def fields(person: PersonIdentity | None, changes: Mapping[str, object]) -> list[str | None]:
    return [v.field for v in admin_only_changes(person, changes, by_admin=False)]


def test_an_admin_may_change_anything() -> None:
    changes = {"role": Role.MEMBER, "email": "x@example.com", "external_id": None, "active": False}

    assert admin_only_changes(ADMIN, changes, by_admin=True) == []
    assert admin_only_changes(None, {"role": Role.ADMIN}, by_admin=True) == []


def test_creating_an_admin_needs_an_admin() -> None:
    assert fields(None, {"name": "New", "role": Role.ADMIN}) == ["role"]
    assert fields(None, {"name": "New", "role": "admin"}) == ["role"]
    assert fields(None, {"name": "New", "role": Role.MEMBER}) == []
    assert fields(None, {"name": "New"}) == []


def test_granting_and_removing_the_role_need_an_admin() -> None:
    assert fields(MEMBER, {"role": Role.ADMIN}) == ["role"]
    assert fields(ADMIN, {"role": Role.MEMBER}) == ["role"]
    assert fields(ADMIN, {"role": Role.ADMIN}) == []
    assert fields(MEMBER, {"role": "member"}) == []


def test_an_admins_identity_fields_need_an_admin_each_named() -> None:
    changes = {"email": "evil@example.com", "external_id": "hr-9", "active": False, "name": "X"}

    violations = admin_only_changes(ADMIN, changes, by_admin=False)

    assert [v.field for v in violations] == ["email", "external_id", "active"]
    assert {v.code for v in violations} == {"permission.admin_required"}
    assert all(v.field is not None and v.field in v.message for v in violations)


def test_reactivating_an_admin_needs_an_admin() -> None:
    inactive = PersonIdentity(
        role=Role.ADMIN, email="a@example.com", external_id=None, active=False
    )

    assert fields(inactive, {"active": True}) == ["active"]


def test_unchanged_values_and_other_fields_of_an_admin_are_allowed() -> None:
    same = {"email": ADMIN.email, "external_id": ADMIN.external_id, "active": True}

    assert fields(ADMIN, same) == []
    assert fields(ADMIN, {"name": "Renamed", "unit_id": "u1", "manager_id": None}) == []


def test_a_members_identity_fields_are_not_admin_only() -> None:
    changes = {"email": "new@example.com", "external_id": None, "active": False}

    assert fields(MEMBER, changes) == []


def test_email_keys_ignore_case() -> None:
    assert email_key("Ann.Lee@Example.COM") == email_key("ann.lee@example.com")
    assert email_key("ÅSA@example.com") == "åsa@example.com"
