"""``/v1/people`` and their personal access tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, status

from api.deps import AdminDep, PrincipalDep, SessionDep
from api.idempotency import IdempotencyDep
from api.pagination import Page, PageDep, page_of
from api.schemas.common import Flag, changed_fields
from api.schemas.org import (
    PersonCreate,
    PersonPublic,
    PersonUpdate,
    TokenCreate,
    TokenCreated,
    TokenPublic,
)
from api.services import org as service
from api.services import tokens
from api.v1 import resource_router
from domain.model import Role

router = resource_router("people")

Filter = Annotated[str | None, Query(max_length=320)]


@router.get("/people", name="list_people")
async def list_people(
    session: SessionDep,
    _: PrincipalDep,
    page: PageDep,
    unit_id: Filter = None,
    manager_id: Filter = None,
    role: Role | None = None,
    active: Flag | None = None,
    email: Filter = None,
    external_id: Filter = None,
) -> Page[PersonPublic]:
    """People in creation order, filtered by unit, manager, role, active, e-mail (whatever its
    case) or external id."""
    items, after = await service.list_people(
        session,
        unit_id=unit_id,
        manager_id=manager_id,
        role=role,
        active=active,
        email=email,
        external_id=external_id,
        limit=page.limit,
        after=page.after,
    )
    return page_of(items, after)


@router.post("/people", name="create_person", status_code=status.HTTP_201_CREATED)
async def create_person(
    body: PersonCreate, session: SessionDep, principal: AdminDep, idempotency: IdempotencyDep
) -> PersonPublic:
    """Add a person (admins, `org:write` keys: only an admin adds an admin)."""
    return await idempotency.run(
        lambda: service.create_person(session, body, by_admin=principal.is_admin)
    )


@router.get("/people/{person_id}", name="get_person")
async def get_person(person_id: str, session: SessionDep, _: PrincipalDep) -> PersonPublic:
    """One person."""
    return await service.get_person(session, person_id)


@router.patch("/people/{person_id}", name="update_person")
async def update_person(
    person_id: str, body: PersonUpdate, session: SessionDep, principal: AdminDep
) -> PersonPublic:
    """Change a person (admins, `org:write` keys); a manager loop or losing the last active admin
    is refused. Only an admin grants or removes the admin role or changes an admin's `email`,
    `external_id` or `active`. Deactivating revokes the person's tokens for good."""
    return await service.update_person(
        session, person_id, changed_fields(body), by_admin=principal.is_admin
    )


@router.delete(
    "/people/{person_id}", name="deactivate_person", status_code=status.HTTP_204_NO_CONTENT
)
async def deactivate_person(person_id: str, session: SessionDep, principal: AdminDep) -> None:
    """Deactivate a person (admins, `org:write` keys for members): kept for history, their tokens
    are revoked for good."""
    await service.deactivate_person(session, person_id, by_admin=principal.is_admin)


@router.post(
    "/people/{person_id}/tokens", name="create_person_token", status_code=status.HTTP_201_CREATED
)
async def create_person_token(
    person_id: str, body: TokenCreate, request: Request, session: SessionDep, _: AdminDep
) -> TokenCreated:
    """Issue a personal access token to an active person (admins). The `token` is shown in this
    answer only.

    No `Idempotency-Key` here: a stored replay would have to keep the secret in clear.
    """
    return await tokens.create_token(
        session, person_id, body, secret_key=request.app.state.secret_key
    )


@router.get("/people/{person_id}/tokens", name="list_person_tokens")
async def list_person_tokens(
    person_id: str, session: SessionDep, _: AdminDep, page: PageDep
) -> Page[TokenPublic]:
    """A person's tokens without their secrets (admins)."""
    items, after = await tokens.list_tokens(session, person_id, limit=page.limit, after=page.after)
    return page_of(items, after)


@router.delete(
    "/people/{person_id}/tokens/{token_id}",
    name="revoke_person_token",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def revoke_person_token(
    person_id: str, token_id: str, session: SessionDep, _: AdminDep
) -> None:
    """Revoke a token (admins); it stops working at once."""
    await tokens.revoke_token(session, person_id, token_id)
