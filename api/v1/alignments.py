"""``/v1/alignments``: edges of the alignment graph (child objective -> parent objective or KR)."""

from __future__ import annotations

from fastapi import status

from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.alignments import AlignmentCreate, AlignmentPublic
from api.services import alignments as service
from api.v1 import resource_router

router = resource_router("alignments")


@router.post("/alignments", name="create_alignment", status_code=status.HTTP_201_CREATED)
async def create_alignment(
    body: AlignmentCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
) -> AlignmentPublic:
    """Align a child objective to a parent objective or KR (whoever may edit the child).

    Every violated rule is named at once (`alignment.period_not_contained`,
    `alignment.not_upward`, `alignment.duplicate`, ...); an edge that would close a loop is 409
    `alignment.cycle` whose detail names the loop's objective ids in order. Aligning to a derived
    KR recomputes it and everything above it.
    """
    return await idempotency.run(lambda: service.create_alignment(session, principal, body))


@router.get("/alignments", name="list_alignments")
async def list_alignments(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    child_objective_id: str | None = None,
    parent_objective_id: str | None = None,
    parent_key_result_id: str | None = None,
    cycle_id: str | None = None,
) -> Page[AlignmentPublic]:
    """Edges in creation order; `cycle_id` filters on the child's cycle."""
    items, after = await service.list_alignments(
        session,
        principal,
        child_objective_id=child_objective_id,
        parent_objective_id=parent_objective_id,
        parent_key_result_id=parent_key_result_id,
        cycle_id=cycle_id,
        limit=page.limit,
        after=page.after,
    )
    return page_of(items, after)


@router.get("/alignments/{alignment_id}", name="get_alignment")
async def get_alignment(
    alignment_id: str, session: SessionDep, principal: PrincipalDep
) -> AlignmentPublic:
    """One edge."""
    return await service.get_alignment(session, principal, alignment_id)


@router.delete(
    "/alignments/{alignment_id}",
    name="delete_alignment",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_alignment(alignment_id: str, session: SessionDep, principal: PrincipalDep) -> None:
    """Remove an edge (whoever may edit the child); a derived parent KR is recomputed."""
    await service.delete_alignment(session, principal, alignment_id)
