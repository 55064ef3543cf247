"""``/v1/change-requests``: changes to agreed annual key results, decided by the approver."""

from __future__ import annotations

from fastapi import status

from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.change_requests import (
    ChangeRequestCreate,
    ChangeRequestDecision,
    ChangeRequestPublic,
    ChangeSetCreate,
)
from api.services import change_requests as service
from api.v1 import resource_router
from domain.model import ChangeRequestState

router = resource_router("change-requests")


@router.post("/change-requests", name="create_change_request", status_code=status.HTTP_201_CREATED)
async def create_change_request(
    body: ChangeRequestCreate | ChangeSetCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
) -> ChangeRequestPublic:
    """Ask to change the definition of an agreed key result of an annual cycle
    (`key_result_id`, `changes`), or several key results of one agreed annual objective at once
    (`objective_id`, `items`: modify, add, remove). Either is accepted only if the objective then
    passes the submission rules again."""
    return await idempotency.run(lambda: service.create_change_request(session, body, principal))


@router.get("/change-requests", name="list_change_requests")
async def list_change_requests(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    state: ChangeRequestState | None = None,
    objective_id: str | None = None,
    key_result_id: str | None = None,
) -> Page[ChangeRequestPublic]:
    """Change requests in creation order."""
    items, after = await service.list_change_requests(
        session,
        principal,
        state=state,
        objective_id=objective_id,
        key_result_id=key_result_id,
        limit=page.limit,
        after=page.after,
    )
    return page_of(items, after)


@router.get("/change-requests/{change_request_id}", name="get_change_request")
async def get_change_request(
    change_request_id: str, session: SessionDep, principal: PrincipalDep
) -> ChangeRequestPublic:
    """One change request."""
    return await service.get_change_request(session, change_request_id, principal)


@router.post("/change-requests/{change_request_id}/accept", name="accept_change_request")
async def accept_change_request(
    change_request_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    body: ChangeRequestDecision | None = None,
) -> ChangeRequestPublic:
    """Apply the change to the key result (the objective's approver)."""
    return await service.decide(
        session, change_request_id, principal, accept=True, note=body.note if body else None
    )


@router.post("/change-requests/{change_request_id}/reject", name="reject_change_request")
async def reject_change_request(
    change_request_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    body: ChangeRequestDecision | None = None,
) -> ChangeRequestPublic:
    """Refuse the change (the objective's approver)."""
    return await service.decide(
        session, change_request_id, principal, accept=False, note=body.note if body else None
    )
