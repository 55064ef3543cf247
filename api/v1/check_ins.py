"""Check-ins: ``/v1/key-results/{id}/check-ins`` (push one, read the history) and the batch."""

from __future__ import annotations

from fastapi import Response, status

from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.metrics import count_check_ins
from api.pagination import HistoryPageDep, Page, page_of
from api.schemas.check_ins import (
    DEFAULT_SOURCE,
    CheckInBatch,
    CheckInBatchResult,
    CheckInCreate,
    CheckInPublic,
    CheckInVoid,
)
from api.services import check_ins as service
from api.services.check_in_voids import void_check_in
from api.v1 import resource_router
from domain.errors import DomainError

router = resource_router("check-ins")


@router.post(
    "/key-results/{key_result_id}/check-ins",
    name="create_check_in",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {
            "model": CheckInPublic,
            "description": "This `(source, external_id)` was pushed before: the stored check-in, "
            "unchanged.",
        }
    },
)
async def create_check_in(
    key_result_id: str,
    body: CheckInCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
    response: Response,
) -> CheckInPublic:
    """Push a progress point to a key result (201; 200 when its external id is known).

    Only for agreed objectives in an active or review cycle. The point with the latest
    `observed_at` is the KR's current value (a late, older point is stored but does not
    override it); the KR's score, its objective and every derived KR and objective above it change
    in the same transaction. Who may: the KR's owner (unit: its head), the owner's managers, a
    person with an initiative on the KR, admins, and service keys with `metrics:write`.
    """
    created = True

    async def run() -> CheckInPublic:
        nonlocal created
        try:
            public, created = await service.create_check_in(session, principal, key_result_id, body)
        except DomainError:
            count_check_ins([(body.source, "refused")])
            raise
        count_check_ins([(body.source, "created" if created else "duplicate")])
        return public

    public = await idempotency.run(run)
    if not created:
        response.status_code = status.HTTP_200_OK
    return public


@router.get("/key-results/{key_result_id}/check-ins", name="list_check_ins")
async def list_check_ins(
    key_result_id: str, session: SessionDep, principal: PrincipalDep, page: HistoryPageDep
) -> Page[CheckInPublic]:
    """The KR's history: latest `observed_at` first (ties: latest received first)."""
    items, after = await service.list_check_ins(
        session, principal, key_result_id, page.limit, page.after
    )
    return page_of(items, after)


@router.post("/check-ins/batch", name="create_check_in_batch")
async def create_check_in_batch(
    body: CheckInBatch,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
) -> CheckInBatchResult:
    """Push up to 1,000 check-ins, each to a KR named by `key_result_id` or `metric_key`.

    Always 200 when the body has the right shape: each item is checked on its own and answered in
    `items` (by `index`) as `created`, `duplicate` (its `(source, external_id)` is stored already)
    or `refused` (with the `error` that a single check-in would have answered). Valid items are
    stored even when others are refused; every touched KR is recomputed and rolled up once. A
    `metric_key` names the KR of the cycle running on the day observed; one that KRs of several
    running cycles carry is refused as `metric_key.ambiguous` (send `key_result_id`).
    """

    async def run() -> CheckInBatchResult:
        result = await service.create_batch(session, principal, body.items)
        count_check_ins((_source(body.items[item.index]), item.outcome) for item in result.items)
        return result

    return await idempotency.run(run, status_code=200)


def _source(item: object) -> str:
    """The source an item names for the metrics: the default when it names none, ``(invalid)``
    when it is no object or its source no short text (so a bad item adds no label value)."""
    if not isinstance(item, dict):
        return INVALID_SOURCE
    source = item.get("source", DEFAULT_SOURCE)
    return source if isinstance(source, str) and 0 < len(source) <= 64 else INVALID_SOURCE


INVALID_SOURCE = "(invalid)"


@router.post("/check-ins/{check_in_id}/void", name="void_check_in")
async def void(
    check_in_id: str, body: CheckInVoid, session: SessionDep, principal: PrincipalDep
) -> CheckInPublic:
    """Void a wrong check-in with a reason: it stays in the history marked voided (who, when,
    why) and no longer counts; the KR's current value, score and the roll-ups above are
    recomputed in the same transaction. Who may: the check-in's author, the KR's owner (unit: its
    head) and admins, while the cycle is not closed (409 otherwise, or when it is voided already).
    Pushing the same `(source, external_id)` again afterwards answers `duplicate`."""
    return await void_check_in(session, principal, check_in_id, body.reason)
