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

from api.auth import Principal, authenticate, require_admin
from api.settings import Settings


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


bearer = HTTPBearer(auto_error=False, description="A personal access token `okr_pat_...`.")


async def get_principal(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The authenticated caller (401 otherwise)."""
    return await authenticate(session, credentials.credentials if credentials else None)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_admin(principal: PrincipalDep) -> Principal:
    """The caller, who must be an admin (403 otherwise)."""
    return require_admin(principal)


AdminDep = Annotated[Principal, Depends(get_admin)]
