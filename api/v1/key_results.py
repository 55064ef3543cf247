"""``/v1/objectives/{id}/key-results`` and ``/v1/key-results``."""

from __future__ import annotations

from fastapi import Response, status

from api.concurrency import IfMatchDep, set_etag
from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, model_answer, page_answer
from api.schemas.common import changed_fields
from api.schemas.key_results import KeyResultCreate, KeyResultPublic, KeyResultUpdate
from api.services import key_results as service
from api.services import reads
from api.v1 import resource_router
from domain.model import KeyResultKind

router = resource_router("key-results")


@router.post(
    "/objectives/{objective_id}/key-results",
    name="create_key_result",
    status_code=status.HTTP_201_CREATED,
)
async def create_key_result(
    objective_id: str,
    body: KeyResultCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
    response: Response,
) -> KeyResultPublic:
    """Add a key result to a draft objective (whoever may edit the objective)."""
    public = await idempotency.run(
        lambda: service.create_key_result(session, objective_id, body, principal)
    )
    set_etag(response, public.version)
    return public


@router.get("/key-results", name="list_key_results", response_model=Page[KeyResultPublic])
async def list_key_results(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    objective_id: str | None = None,
    metric_key: str | None = None,
    kind: KeyResultKind | None = None,
) -> Response:
    """Key results in creation order (those of drafts the caller may not see are left out)."""
    items, after = await reads.key_results_page(
        session,
        principal,
        {
            "objective_id": objective_id,
            "metric_key": metric_key,
            "kind": kind.value if kind else None,
        },
        limit=page.limit,
        after=page.after,
    )
    return page_answer(KeyResultPublic, items, after)


@router.get("/key-results/{key_result_id}", name="get_key_result", response_model=KeyResultPublic)
async def get_key_result(
    key_result_id: str, session: SessionDep, principal: PrincipalDep
) -> Response:
    """One key result with its score, and its `ETag`."""
    public = await reads.key_result(session, key_result_id, principal)
    return model_answer(public, version=public.version)


@router.patch("/key-results/{key_result_id}", name="update_key_result")
async def update_key_result(
    key_result_id: str,
    body: KeyResultUpdate,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> KeyResultPublic:
    """Change a key result; definitions are frozen after agreement (annual cycles: change
    requests). Honours `If-Match`."""
    public = await service.update_key_result(
        session, key_result_id, changed_fields(body), principal, if_match=if_match
    )
    set_etag(response, public.version)
    return public


@router.delete(
    "/key-results/{key_result_id}",
    name="delete_key_result",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_key_result(
    key_result_id: str, session: SessionDep, principal: PrincipalDep, if_match: IfMatchDep = None
) -> None:
    """Remove a key result from a draft objective."""
    await service.delete_key_result(session, key_result_id, principal, if_match=if_match)
