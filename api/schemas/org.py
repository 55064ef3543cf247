"""Schemas of ``/v1/org-units``, ``/v1/people`` and personal access tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from api.schemas.common import UNSET, ExternalId, Id, InputModel, Instant, Name, OutputModel
from domain.model import Role

# No whitespace or control character (spelled out: regex engines disagree on U+0085 and U+FEFF).
_EMAIL_PART = r"[^@\s\u0000-\u001f\u007f-\u009f\ufeff]+"
Email = Annotated[
    str, Field(min_length=3, max_length=320, pattern=rf"^{_EMAIL_PART}@{_EMAIL_PART}$")
]
RoleIn = Annotated[Role, Field(strict=False)]


class OrgUnitCreate(InputModel):
    """A new org unit; without ``parent_id`` it becomes the root (there is only one)."""

    name: Name
    parent_id: Id | None = None
    head_id: Id | None = None
    external_id: ExternalId | None = None


class OrgUnitUpdate(InputModel):
    """Fields of an org unit to change (omit the others; `null` clears a link)."""

    name: Name = UNSET
    parent_id: Id | None = None
    head_id: Id | None = None
    external_id: ExternalId | None = None


class OrgUnitPublic(OutputModel):
    """A node of the organisation tree."""

    id: str
    name: str
    parent_id: str | None
    head_id: str | None
    external_id: str | None
    created_at: datetime
    updated_at: datetime


class PersonCreate(InputModel):
    """A new member of the organisation."""

    name: Name
    email: Email
    unit_id: Id | None = None
    manager_id: Id | None = None
    role: RoleIn = Role.MEMBER
    external_id: ExternalId | None = None


class PersonUpdate(InputModel):
    """Fields of a person to change (omit the others; `null` clears a link)."""

    name: Name = UNSET
    email: Email = UNSET
    unit_id: Id | None = None
    manager_id: Id | None = None
    role: RoleIn = UNSET
    external_id: ExternalId | None = None
    active: bool = UNSET


class PersonPublic(OutputModel):
    """A member of the organisation."""

    id: str
    name: str
    email: str
    unit_id: str | None
    manager_id: str | None
    role: Role
    external_id: str | None
    active: bool
    created_at: datetime
    updated_at: datetime


class TokenCreate(InputModel):
    """A new personal access token."""

    name: Name
    expires_at: Instant | None = Field(default=None, description="Must lie in the future.")


class TokenPublic(OutputModel):
    """A personal access token without its secret."""

    id: str
    person_id: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None


class TokenCreated(TokenPublic):
    """A new token; ``token`` is shown this once and never again."""

    token: str
