"""``Annotated`` dependencies of the routes: the session, the caller, the settings.

``SessionDep`` is the unit of work: one ``AsyncSession`` per request, committed once when the
route returns and rolled back on any error; nothing else commits. It exits before the answer is
sent, so a failed commit still becomes an error answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.access import gate
from api.auth import Principal, require_admin
from api.auth_limits import authenticate_request
from api.settings import Settings
from persistence.audit import Actor, set_actor


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: commit on success, rollback on any error."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        await session.commit()


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


bearer = HTTPBearer(
    auto_error=False,
    description="A personal access token `okr_pat_...`, a service key `okr_key_...` or, when "
    "configured, a JWT from the organisation's OpenID Connect provider.",
)


async def get_principal(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The authenticated caller (401 otherwise, 429 past the failure limit); its writes are
    attributed to it in the audit."""
    principal = await authenticate_request(
        request, session, credentials.credentials if credentials else None
    )
    request.state.principal_id = principal.id
    set_actor(
        session,
        Actor(
            principal_id=principal.id,
            kind=principal.kind,
            request_id=getattr(request.state, "request_id", None),
        ),
    )
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def scope_gate(request: Request, principal: PrincipalDep) -> None:
    """Every /v1 operation: authenticate, check a service key's scope, rate-limit check-ins."""
    await gate(request, principal)


def get_admin(request: Request, principal: PrincipalDep) -> Principal:
    """The caller, who must be an admin (403 otherwise).

    A service key is authorized by scope: the scope gate has already admitted it to this
    operation (``admin`` scope for policy, keys, audit, tokens; ``org:write`` for people...).
    """
    if principal.kind == "service" and getattr(request.state, "scope_checked", False):
        return principal
    return require_admin(principal)


AdminDep = Annotated[Principal, Depends(get_admin)]
