"""``/v1/cycles`` and the lifecycle actions ``/activate``, ``/start-review``, ``/close``."""

from __future__ import annotations

from fastapi import Response, status

from api.concurrency import IfMatchDep, set_etag
from api.deps import AdminDep, PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.common import changed_fields
from api.schemas.cycles import CycleCreate, CyclePublic, CycleUpdate
from api.services import cycles as service
from api.v1 import resource_router
from domain.model import CycleKind, CycleState

router = resource_router("cycles")


@router.get("/cycles", name="list_cycles")
async def list_cycles(
    session: SessionDep,
    _: PrincipalDep,
    page: PageDep,
    kind: CycleKind | None = None,
    state: CycleState | None = None,
    parent_id: str | None = None,
) -> Page[CyclePublic]:
    """Cycles in creation order, filtered by kind, state or parent."""
    items, after = await service.list_cycles(
        session, kind=kind, state=state, parent_id=parent_id, limit=page.limit, after=page.after
    )
    return page_of(items, after)


@router.post("/cycles", name="create_cycle", status_code=status.HTTP_201_CREATED)
async def create_cycle(
    body: CycleCreate,
    session: SessionDep,
    _: AdminDep,
    idempotency: IdempotencyDep,
    response: Response,
) -> CyclePublic:
    """Create a cycle in planning (admins)."""
    public = await idempotency.run(lambda: service.create_cycle(session, body))
    set_etag(response, public.version)
    return public


@router.get("/current-cycle", name="get_current_cycle")
async def get_current_cycle(
    session: SessionDep, _: PrincipalDep, response: Response
) -> CyclePublic:
    """The current cycle: the shortest active cycle whose period includes today (the quarter
    rather than its year); 404 `cycle.not_found` when no cycle is active."""
    public = await service.get_current_cycle(session)
    set_etag(response, public.version)
    return public


@router.get("/cycles/{cycle_id}", name="get_cycle")
async def get_cycle(
    cycle_id: str, session: SessionDep, _: PrincipalDep, response: Response
) -> CyclePublic:
    """One cycle, with its `ETag`."""
    public = await service.get_cycle(session, cycle_id)
    set_etag(response, public.version)
    return public


@router.patch("/cycles/{cycle_id}", name="update_cycle")
async def update_cycle(
    cycle_id: str,
    body: CycleUpdate,
    session: SessionDep,
    _: AdminDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> CyclePublic:
    """Change a cycle that is not closed (admins); honours `If-Match`."""
    public = await service.update_cycle(session, cycle_id, changed_fields(body), if_match=if_match)
    set_etag(response, public.version)
    return public


@router.delete("/cycles/{cycle_id}", name="delete_cycle", status_code=status.HTTP_204_NO_CONTENT)
async def delete_cycle(
    cycle_id: str, session: SessionDep, _: AdminDep, if_match: IfMatchDep = None
) -> None:
    """Delete a planning cycle with no objectives and no child cycles (admins)."""
    await service.delete_cycle(session, cycle_id, if_match=if_match)


async def _act(
    action: str, cycle_id: str, session: SessionDep, response: Response, if_match: str | None
) -> CyclePublic:
    public = await service.change_state(session, cycle_id, action, if_match=if_match)
    set_etag(response, public.version)
    return public


@router.post("/cycles/{cycle_id}/activate", name="activate_cycle")
async def activate_cycle(
    cycle_id: str,
    session: SessionDep,
    _: AdminDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> CyclePublic:
    """planning -> active (admins)."""
    return await _act("activate", cycle_id, session, response, if_match)


@router.post("/cycles/{cycle_id}/start-review", name="start_cycle_review")
async def start_cycle_review(
    cycle_id: str,
    session: SessionDep,
    _: AdminDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> CyclePublic:
    """active -> review (admins)."""
    return await _act("start-review", cycle_id, session, response, if_match)


@router.post("/cycles/{cycle_id}/close", name="close_cycle")
async def close_cycle(
    cycle_id: str,
    session: SessionDep,
    _: AdminDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> CyclePublic:
    """review -> closed (admins); closed cycles are read-only for ever."""
    return await _act("close", cycle_id, session, response, if_match)
