"""Personal access tokens: issued by admins, shown once, stored as a keyed hash, revoked not
deleted. Neither answers nor events carry a token's hash or lookup prefix."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import new_token, token_row
from api.schemas.org import TokenCreate, TokenCreated, TokenPublic
from api.services.events import emit
from api.services.rules import refuse_all
from domain.errors import Conflict, NotFound
from domain.identity_rules import expiry_violation
from persistence.repositories.base import Keyset
from persistence.repositories.identity import PersonTokenRepository
from persistence.repositories.org import PersonRepository
from persistence.tables import PersonTokenRow
from persistence.types import utcnow


async def issue_token(
    session: AsyncSession,
    person_id: str,
    name: str,
    *,
    secret_key: bytes,
    token: str | None = None,
    expires_at: datetime | None = None,
) -> tuple[PersonTokenRow, str]:
    """Store a new token (the given one, or a fresh one) for a person; returns row and token."""
    secret = token or new_token()
    row = token_row(person_id, name, secret, secret_key)
    refuse_all([v for v in [expiry_violation(expires_at, utcnow())] if v], code="token.invalid")
    row.expires_at = expires_at
    await PersonTokenRepository(session).add(row)
    await emit(session, "token.created", "token", TokenPublic.model_validate(row), entity_id=row.id)
    return row, secret


async def create_token(
    session: AsyncSession, person_id: str, body: TokenCreate, *, secret_key: bytes
) -> TokenCreated:
    """Issue a token to an existing, active person (a deactivated person's tokens are revoked
    for good, so none is issued to them either)."""
    person = await PersonRepository(session).get(person_id)
    if not person.active:
        raise Conflict(
            f"person {person_id} is deactivated; reactivate them first",
            code="token.person_inactive",
            field="person_id",
        )
    row, secret = await issue_token(
        session, person_id, body.name, secret_key=secret_key, expires_at=body.expires_at
    )
    return TokenCreated.model_validate(
        {**TokenPublic.model_validate(row).model_dump(), "token": secret}
    )


async def list_tokens(
    session: AsyncSession, person_id: str, *, limit: int, after: Keyset | None
) -> tuple[list[TokenPublic], Keyset | None]:
    """A person's tokens, without secrets, and the keyset after the last one."""
    await PersonRepository(session).get(person_id)
    rows, next_keyset = await PersonTokenRepository(session).list_of(
        person_id, limit=limit, after=after
    )
    return [TokenPublic.model_validate(r) for r in rows], next_keyset


async def _revoked(session: AsyncSession, rows: list[PersonTokenRow]) -> None:
    await PersonTokenRepository(session).revoke(rows, utcnow())
    for row in rows:
        await emit(
            session, "token.revoked", "token", TokenPublic.model_validate(row), entity_id=row.id
        )


async def revoke_token(session: AsyncSession, person_id: str, token_id: str) -> None:
    """Revoke a token (it stops working at once; the row stays for the audit trail)."""
    row = await PersonTokenRepository(session).get(token_id)
    if row.person_id != person_id:
        raise NotFound(f"token {token_id} does not exist", code="token.not_found")
    if row.revoked_at is None:
        await _revoked(session, [row])


async def revoke_all_tokens(session: AsyncSession, person_id: str) -> None:
    """Revoke every token of a person who is deactivated: for good, reactivation revives none."""
    await _revoked(session, await PersonTokenRepository(session).unrevoked_of(person_id))
