"""``GET /v1/audit-events``: the append-only audit trail of every write (admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.deps import AdminDep, SessionDep
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from api.schemas.api_keys import AuditEventPage
from api.schemas.common import Instant
from api.services import audit as service
from api.v1 import resource_router

router = resource_router("audit")

Filter = Annotated[str | None, Query(min_length=1, max_length=50)]
IdFilter = Annotated[str | None, Query(min_length=1, max_length=36)]


@router.get("/audit-events", name="list_audit_events")
async def list_audit_events(
    session: SessionDep,
    _: AdminDep,
    entity: Filter = None,
    entity_id: IdFilter = None,
    principal_id: IdFilter = None,
    since: Annotated[Instant | None, Query(description="Written at or after (RFC 3339).")] = None,
    until: Annotated[Instant | None, Query(description="Written before (RFC 3339).")] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Items per page (default 50, max 500).")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{1,18}$", description="The `next_cursor` of the previous page."),
    ] = None,
) -> AuditEventPage:
    """Recorded writes, oldest first: who, what (fields before and after), when, request id."""
    items, after = await service.list_audit_events(
        session,
        entity=entity,
        entity_id=entity_id,
        principal_id=principal_id,
        since=since,
        until=until,
        after=int(cursor) if cursor else 0,
        limit=limit,
    )
    return AuditEventPage(
        items=items,
        next_cursor=str(after) if after is not None else None,
    )
