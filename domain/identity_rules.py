"""Identity rules: who may change whose role and identity, and how e-mail addresses compare.

An admin (a person with the admin role, or a service key with the ``admin`` scope) may change
anything about anyone. Anybody else who may manage people (an ``org:write`` key, such as an HR
sync) manages members only as far as the admin role goes::

    grant the admin role (create an admin, or promote a member)          refused: ``role``
    remove the admin role from an admin                                  refused: ``role``
    change an admin's e-mail, external id or active flag (which covers   refused: the field
    deactivating and reactivating an admin)
    anything else (names, units, managers, members' identity fields)     allowed

An admin's identity fields are what the credentials of the admin resolve to (an OpenID Connect
token names an e-mail or an external id): whoever could change them could sign in as that admin.

E-mail addresses are unique whatever their case: ``email_key`` is the form they are compared in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from domain.errors import Violation
from domain.model import Role

ADMIN_REQUIRED = "permission.admin_required"
IDENTITY_FIELDS = ("email", "external_id", "active")
"""The fields of an admin that only an admin may change."""


def email_key(address: str) -> str:
    """The form an e-mail address is compared and kept unique in: lower-cased."""
    return address.lower()


@dataclass(frozen=True, slots=True)
class PersonIdentity:
    """What the rule looks at in a stored person."""

    role: Role
    email: str
    external_id: str | None
    active: bool


def _role(value: object) -> Role:
    return value if isinstance(value, Role) else Role(str(value))


def admin_only_changes(
    person: PersonIdentity | None, changes: Mapping[str, object], *, by_admin: bool
) -> list[Violation]:
    """The changes in ``changes`` that only an admin may make, one violation per field.

    ``person`` is the stored person (None when ``changes`` creates one); ``changes`` holds the
    fields being set. Fields given with their stored value change nothing and are allowed.
    """
    if by_admin:
        return []
    violations: list[Violation] = []
    if person is None:
        if "role" in changes and _role(changes["role"]) is Role.ADMIN:
            violations.append(
                Violation(ADMIN_REQUIRED, "only an admin may grant the admin role", field="role")
            )
        return violations
    if "role" in changes and _role(changes["role"]) is not person.role:
        message = (
            "only an admin may remove the admin role"
            if person.role is Role.ADMIN
            else "only an admin may grant the admin role"
        )
        violations.append(Violation(ADMIN_REQUIRED, message, field="role"))
    if person.role is Role.ADMIN:
        violations.extend(
            Violation(ADMIN_REQUIRED, f"only an admin may change an admin's {name}", field=name)
            for name in IDENTITY_FIELDS
            if name in changes and changes[name] != getattr(person, name)
        )
    return violations


def expiry_violation(expires_at: datetime | None, now: datetime) -> Violation | None:
    """A token or key is never created already expired: ``expires_at`` must lie after ``now``
    (``credential.expired``; JSON Schema cannot say "in the future", so this is a rule refusal,
    409, not a schema error)."""
    if expires_at is None or expires_at > now:
        return None
    return Violation(
        code="credential.expired",
        message=f"expires_at {expires_at.isoformat()} is not in the future: the credential "
        "would be born expired",
        field="expires_at",
    )
