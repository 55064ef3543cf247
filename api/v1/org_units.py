"""``/v1/org-units``: the organisation tree under one root."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from api.deps import AdminDep, PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.common import changed_fields
from api.schemas.org import OrgUnitCreate, OrgUnitPublic, OrgUnitUpdate
from api.services import org as service
from api.v1 import resource_router

router = resource_router("org-units")

Filter = Annotated[str | None, Query(max_length=200)]


@router.get("/org-units", name="list_org_units")
async def list_org_units(
    session: SessionDep,
    _: PrincipalDep,
    page: PageDep,
    parent_id: Filter = None,
    head_id: Filter = None,
    external_id: Filter = None,
) -> Page[OrgUnitPublic]:
    """Org units in creation order, filtered by parent, head or external id."""
    items, after = await service.list_org_units(
        session,
        parent_id=parent_id,
        head_id=head_id,
        external_id=external_id,
        limit=page.limit,
        after=page.after,
    )
    return page_of(items, after)


@router.post("/org-units", name="create_org_unit", status_code=status.HTTP_201_CREATED)
async def create_org_unit(
    body: OrgUnitCreate, session: SessionDep, _: AdminDep, idempotency: IdempotencyDep
) -> OrgUnitPublic:
    """Create a unit (admins); the first unit without a parent is the root."""
    return await idempotency.run(lambda: service.create_org_unit(session, body))


@router.get("/org-units/{unit_id}", name="get_org_unit")
async def get_org_unit(unit_id: str, session: SessionDep, _: PrincipalDep) -> OrgUnitPublic:
    """One org unit."""
    return await service.get_org_unit(session, unit_id)


@router.patch("/org-units/{unit_id}", name="update_org_unit")
async def update_org_unit(
    unit_id: str, body: OrgUnitUpdate, session: SessionDep, _: AdminDep
) -> OrgUnitPublic:
    """Change a unit (admins); a parent loop or a second root is refused."""
    return await service.update_org_unit(session, unit_id, changed_fields(body))


@router.delete(
    "/org-units/{unit_id}", name="delete_org_unit", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_org_unit(unit_id: str, session: SessionDep, _: AdminDep) -> None:
    """Delete a unit without child units, members or objectives (admins)."""
    await service.delete_org_unit(session, unit_id)
