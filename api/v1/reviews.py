"""``/v1/objectives/{id}/review`` and its actions ``/submit``, ``/confirm``, ``/return``."""

from __future__ import annotations

from fastapi import Response

from api.concurrency import IfMatchDep, set_etag
from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.schemas.reviews import (
    FollowUpCarry,
    FollowUpPublic,
    ReviewConfirm,
    ReviewPublic,
    ReviewPut,
    ReviewReturn,
)
from api.services import reviews as service
from api.v1 import resource_router

router = resource_router("reviews")

PATH = "/objectives/{objective_id}/review"


@router.get(PATH, name="get_review")
async def get_review(
    objective_id: str, session: SessionDep, principal: PrincipalDep, response: Response
) -> ReviewPublic:
    """The objective's review (404 `review.not_found` until its owner writes one)."""
    public = await service.get_review(session, principal, objective_id)
    set_etag(response, public.version)
    return public


@router.put(PATH, name="put_review")
async def put_review(
    objective_id: str,
    body: ReviewPut,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ReviewPublic:
    """Write the draft review of an agreed objective in a cycle under review (its owner side).

    Final KR scores default to the computed ones; an override needs `override_reason`.
    """
    public = await service.put_review(session, principal, objective_id, body, if_match=if_match)
    set_etag(response, public.version)
    return public


@router.post(f"{PATH}/submit", name="submit_review")
async def submit_review(
    objective_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ReviewPublic:
    """draft -> submitted (owner side; all five answers and `achieved` needed). Freezes scores."""
    public = await service.act_on_review(
        session, principal, objective_id, "submit", if_match=if_match
    )
    set_etag(response, public.version)
    return public


@router.post(f"{PATH}/confirm", name="confirm_review")
async def confirm_review(
    objective_id: str,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    body: ReviewConfirm | None = None,
    if_match: IfMatchDep = None,
) -> ReviewPublic:
    """submitted -> confirmed (the objective's approver; recorded as `confirmed_by_id`).

    The body carries the manager's `note` and any `adjustments` of KR final scores, each with a
    `reason` when it differs from the owner's; both scores are kept, reports use the confirmed one.
    """
    public = await service.act_on_review(
        session, principal, objective_id, "confirm", confirmation=body, if_match=if_match
    )
    set_etag(response, public.version)
    return public


@router.post(f"{PATH}/return", name="return_review")
async def return_review(
    objective_id: str,
    body: ReviewReturn,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> ReviewPublic:
    """submitted -> draft with a reason (the objective's approver)."""
    public = await service.act_on_review(
        session, principal, objective_id, "return", reason=body.reason, if_match=if_match
    )
    set_etag(response, public.version)
    return public


@router.post("/review-follow-ups/{follow_up_id}/carry", name="carry_follow_up", status_code=201)
async def carry_follow_up(
    follow_up_id: str,
    body: FollowUpCarry,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
) -> FollowUpPublic:
    """A review's follow-up becomes an initiative of a key result in the cycle it carries into
    (assigned to the follow-up's owner); whoever may add initiatives to that KR, once."""
    return await idempotency.run(
        lambda: service.carry_follow_up(session, principal, follow_up_id, body)
    )
