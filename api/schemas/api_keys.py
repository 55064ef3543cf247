"""Schemas of ``/v1/api-keys`` (service credentials) and ``/v1/audit-events``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from api.schemas.common import Id, InputModel, Instant, Name, OutputModel

Scope = Literal["metrics:write", "okrs:read", "okrs:write", "org:write", "scim", "admin"]
MetricKey = Annotated[str, Field(min_length=1, max_length=200)]


class ApiKeyCreate(InputModel):
    """A new service key: its scopes and, optionally, the KRs or metric keys it may push to."""

    name: Name
    scopes: list[Scope] = Field(min_length=1, max_length=6)
    key_result_ids: list[Id] | None = Field(
        default=None,
        max_length=1000,
        description="When set, check-ins may be pushed to these key results only.",
    )
    metric_keys: list[MetricKey] | None = Field(
        default=None,
        max_length=1000,
        description="When set, check-ins may be pushed under these metric keys only.",
    )
    expires_at: Instant | None = Field(default=None, description="Must lie in the future.")


class ApiKeyPublic(OutputModel):
    """A service key without its secret."""

    id: str
    name: str
    scopes: list[str]
    key_result_ids: list[str] | None
    metric_keys: list[str] | None
    created_by_id: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    """A new key; ``secret`` is shown in this answer only and never again."""

    secret: str = Field(description="`Authorization: Bearer <secret>`; shown once.")


class AuditEventPublic(OutputModel):
    """One recorded write: who, what (fields before and after), when, in which request."""

    id: int
    occurred_at: datetime
    principal_id: str | None = Field(description="A person's or a service key's id.")
    principal_kind: str = Field(description="`person`, `service` or `system`.")
    request_id: str | None
    action: str = Field(description="`create`, `update` or `delete`.")
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class AuditEventPage(OutputModel):
    """A page of the audit trail, oldest first; ``next_cursor`` is null on the last page."""

    items: list[AuditEventPublic]
    next_cursor: str | None
