"""``/v1/objectives`` and the actions ``/submit``, ``/approve``, ``/return``, ``/cancel``."""

from __future__ import annotations

from fastapi import Response, status

from api.concurrency import IfMatchDep, set_etag
from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, model_answer, page_answer
from api.schemas.common import changed_fields
from api.schemas.forecasts import ObjectiveLint
from api.schemas.objectives import (
    ObjectiveCreate,
    ObjectivePublic,
    ObjectiveReason,
    ObjectiveUpdate,
)
from api.services import objectives as service
from api.services import reads
from api.v1 import resource_router
from domain.model import Grade, ObjectiveState, OwnerType

router = resource_router("objectives")


@router.get("/objectives", name="list_objectives", response_model=Page[ObjectivePublic])
async def list_objectives(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    cycle_id: str | None = None,
    state: ObjectiveState | None = None,
    owner_type: OwnerType | None = None,
    owner_id: str | None = None,
    owner_person_id: str | None = None,
    grade: Grade | None = None,
) -> Response:
    """Objectives in creation order with their key results; drafts only where the caller may see
    them. `owner_person_id` finds a person's own objectives and those of the units they head."""
    items, after = await reads.objectives_page(
        session,
        principal,
        {
            "cycle_id": cycle_id,
            "state": state.value if state else None,
            "owner_type": owner_type.value if owner_type else None,
            "owner_id": owner_id,
            "owner_person_id": owner_person_id,
            "grade": grade.value if grade else None,
        },
        limit=page.limit,
        after=page.after,
    )
    return page_answer(ObjectivePublic, items, after)


@router.post("/objectives", name="create_objective", status_code=status.HTTP_201_CREATED)
async def create_objective(
    body: ObjectiveCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
    response: Response,
) -> ObjectivePublic:
    """Create a draft objective (the owner, the owner's managers or an admin)."""
    public = await idempotency.run(lambda: service.create_objective(session, body, principal))
    set_etag(response, public.version)
    return public


@router.get("/objectives/{objective_id}", name="get_objective", response_model=ObjectivePublic)
async def get_objective(
    objective_id: str, session: SessionDep, principal: PrincipalDep
) -> Response:
    """One objective with its key results, score and grade, and its `ETag`."""
    public = await reads.objective(session, objective_id, principal)
    return model_answer(public, version=public.version)


@router.get("/objectives/{objective_id}/lint", name="lint_objective")
async def lint_objective(
    objective_id: str, session: SessionDep, principal: PrincipalDep
) -> ObjectiveLint:
    """OKR quality findings (okr-domain.md §10), each with a code, a message in the language of
    the text, the field and the rule's source section; the same come back as `warnings` on
    `/submit`. Never blocking. Visible like the objective itself."""
    return await service.lint_of(session, principal, objective_id)


@router.patch("/objectives/{objective_id}", name="update_objective")
async def update_objective(
    objective_id: str,
    body: ObjectiveUpdate,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ObjectivePublic:
    """Change a draft's title or description (frozen once agreed); honours `If-Match`."""
    public = await service.update_objective(
        session, objective_id, changed_fields(body), principal, if_match=if_match
    )
    set_etag(response, public.version)
    return public


@router.delete(
    "/objectives/{objective_id}", name="delete_objective", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_objective(
    objective_id: str, session: SessionDep, principal: PrincipalDep, if_match: IfMatchDep = None
) -> None:
    """Delete a draft objective and its key results."""
    await service.delete_objective(session, objective_id, principal, if_match=if_match)


@router.post("/objectives/{objective_id}/submit", name="submit_objective")
async def submit_objective(
    objective_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ObjectivePublic:
    """draft -> proposed (the owner, or an admin). Every violated rule is named at once (409);
    recommendations not met come back in `warnings`."""
    public = await service.act(session, objective_id, "submit", principal, if_match=if_match)
    set_etag(response, public.version)
    return public


@router.post("/objectives/{objective_id}/approve", name="approve_objective")
async def approve_objective(
    objective_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ObjectivePublic:
    """proposed -> agreed (the approver: the owner's manager, the parent unit's head, an admin;
    never the owner)."""
    public = await service.act(session, objective_id, "approve", principal, if_match=if_match)
    set_etag(response, public.version)
    return public


@router.post("/objectives/{objective_id}/return", name="return_objective")
async def return_objective(
    objective_id: str,
    body: ObjectiveReason,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ObjectivePublic:
    """proposed -> draft with a reason (the approver)."""
    public = await service.act(
        session, objective_id, "return", principal, reason=body.reason, if_match=if_match
    )
    set_etag(response, public.version)
    return public


@router.post("/objectives/{objective_id}/cancel", name="cancel_objective")
async def cancel_objective(
    objective_id: str,
    body: ObjectiveReason,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ObjectivePublic:
    """agreed -> cancelled with a reason (the approver)."""
    public = await service.act(
        session, objective_id, "cancel", principal, reason=body.reason, if_match=if_match
    )
    set_etag(response, public.version)
    return public
