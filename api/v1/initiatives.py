"""``/v1/key-results/{id}/initiatives`` and ``/v1/initiatives/{id}``."""

from __future__ import annotations

from fastapi import status

from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.common import changed_fields
from api.schemas.initiatives import InitiativeCreate, InitiativePublic, InitiativeUpdate
from api.services import initiatives as service
from api.v1 import resource_router
from domain.model import InitiativeState

router = resource_router("initiatives")


@router.post(
    "/key-results/{key_result_id}/initiatives",
    name="create_initiative",
    status_code=status.HTTP_201_CREATED,
)
async def create_initiative(
    key_result_id: str,
    body: InitiativeCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
) -> InitiativePublic:
    """Add a task to a key result (its owner side, their managers, admins)."""
    return await idempotency.run(
        lambda: service.create_initiative(session, principal, key_result_id, body)
    )


@router.get("/key-results/{key_result_id}/initiatives", name="list_initiatives")
async def list_initiatives(
    key_result_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    state: InitiativeState | None = None,
    assignee_id: str | None = None,
) -> Page[InitiativePublic]:
    """The key result's initiatives in creation order, filtered by state or assignee."""
    items, after = await service.list_initiatives(
        session,
        principal,
        key_result_id,
        state=state,
        assignee_id=assignee_id,
        limit=page.limit,
        after=page.after,
    )
    return page_of(items, after)


@router.get("/initiatives/{initiative_id}", name="get_initiative")
async def get_initiative(
    initiative_id: str, session: SessionDep, principal: PrincipalDep
) -> InitiativePublic:
    """One initiative."""
    return await service.get_initiative(session, principal, initiative_id)


@router.patch("/initiatives/{initiative_id}", name="update_initiative")
async def update_initiative(
    initiative_id: str, body: InitiativeUpdate, session: SessionDep, principal: PrincipalDep
) -> InitiativePublic:
    """Change an initiative; its assignee may change `state` only."""
    return await service.update_initiative(session, principal, initiative_id, changed_fields(body))


@router.delete(
    "/initiatives/{initiative_id}",
    name="delete_initiative",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_initiative(
    initiative_id: str, session: SessionDep, principal: PrincipalDep
) -> None:
    """Delete an initiative (the key result's owner side, their managers, admins)."""
    await service.delete_initiative(session, principal, initiative_id)
