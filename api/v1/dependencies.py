"""``/v1/dependencies``: lateral links between objectives and KRs across teams."""

from __future__ import annotations

from fastapi import status

from api.deps import PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.alignments import DependencyCreate, DependencyPublic
from api.services import dependencies as service
from api.v1 import resource_router

router = resource_router("dependencies")


@router.post("/dependencies", name="create_dependency", status_code=status.HTTP_201_CREATED)
async def create_dependency(
    body: DependencyCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency: IdempotencyDep,
) -> DependencyPublic:
    """Record that an objective or KR depends on another (whoever may edit the `from` side)."""
    return await idempotency.run(lambda: service.create_dependency(session, principal, body))


@router.get("/dependencies", name="list_dependencies")
async def list_dependencies(
    session: SessionDep,
    principal: PrincipalDep,
    page: PageDep,
    from_objective_id: str | None = None,
    from_key_result_id: str | None = None,
    to_objective_id: str | None = None,
    to_key_result_id: str | None = None,
) -> Page[DependencyPublic]:
    """Dependencies in creation order, filtered by either end."""
    items, after = await service.list_dependencies(
        session,
        principal,
        from_objective_id=from_objective_id,
        from_key_result_id=from_key_result_id,
        to_objective_id=to_objective_id,
        to_key_result_id=to_key_result_id,
        limit=page.limit,
        after=page.after,
    )
    return page_of(items, after)


@router.get("/dependencies/{dependency_id}", name="get_dependency")
async def get_dependency(
    dependency_id: str, session: SessionDep, principal: PrincipalDep
) -> DependencyPublic:
    """One dependency."""
    return await service.get_dependency(session, principal, dependency_id)


@router.delete(
    "/dependencies/{dependency_id}",
    name="delete_dependency",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_dependency(
    dependency_id: str, session: SessionDep, principal: PrincipalDep
) -> None:
    """Remove a dependency (whoever may edit the `from` side)."""
    await service.delete_dependency(session, principal, dependency_id)
