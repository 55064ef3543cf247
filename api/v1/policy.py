"""``GET, PATCH /v1/policy``: the organisation's OKR policy."""

from __future__ import annotations

from fastapi import Response

from api.concurrency import IfMatchDep, set_etag
from api.deps import AdminDep, PrincipalDep, SessionDep
from api.schemas.common import changed_fields
from api.schemas.policy import PolicyPublic, PolicyUpdate
from api.services import policy as service
from api.v1 import resource_router

router = resource_router("policy")


@router.get("/policy", name="get_policy")
async def get_policy(session: SessionDep, _: PrincipalDep, response: Response) -> PolicyPublic:
    """The policy in force."""
    public = await service.read_policy(session)
    set_etag(response, public.version)
    return public


@router.patch("/policy", name="update_policy")
async def update_policy(
    body: PolicyUpdate,
    session: SessionDep,
    _: AdminDep,
    response: Response,
    if_match: IfMatchDep = None,
) -> PolicyPublic:
    """Change policy fields (admins); 409 lists every inconsistency of the result."""
    public = await service.update_policy(session, changed_fields(body), if_match=if_match)
    set_etag(response, public.version)
    return public
