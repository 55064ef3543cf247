"""``/v1/api-keys``: service credentials with scopes (admins)."""

from __future__ import annotations

from fastapi import Request, status

from api.deps import AdminDep, SessionDep
from api.pagination import Page, PageDep, page_of
from api.schemas.api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from api.schemas.common import Flag
from api.services import api_keys as service
from api.v1 import resource_router

router = resource_router("api-keys")


@router.post("/api-keys", name="create_api_key", status_code=status.HTTP_201_CREATED)
async def create_api_key(
    body: ApiKeyCreate, request: Request, session: SessionDep, principal: AdminDep
) -> ApiKeyCreated:
    """Issue a service key (admins). The `secret` is shown in this answer only.

    No `Idempotency-Key` here: a stored replay would have to keep the secret in clear.
    """
    return await service.create_key(
        session, principal, body, secret_key=request.app.state.secret_key
    )


@router.get("/api-keys", name="list_api_keys")
async def list_api_keys(
    session: SessionDep, _: AdminDep, page: PageDep, revoked: Flag | None = None
) -> Page[ApiKeyPublic]:
    """Service keys without their secrets (admins), filtered by revocation."""
    items, after = await service.list_keys(
        session, revoked=revoked, limit=page.limit, after=page.after
    )
    return page_of(items, after)


@router.get("/api-keys/{api_key_id}", name="get_api_key")
async def get_api_key(api_key_id: str, session: SessionDep, _: AdminDep) -> ApiKeyPublic:
    """One service key without its secret (admins)."""
    return await service.get_key(session, api_key_id)


@router.delete(
    "/api-keys/{api_key_id}", name="revoke_api_key", status_code=status.HTTP_204_NO_CONTENT
)
async def revoke_api_key(api_key_id: str, session: SessionDep, _: AdminDep) -> None:
    """Revoke a service key (admins); it stops working at once."""
    await service.revoke_key(session, api_key_id)
