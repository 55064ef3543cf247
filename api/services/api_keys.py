"""Service API keys: issued by admins with scopes, shown once, stored as a keyed hash, revoked.

Neither answers nor events carry a key's hash or lookup prefix. An expiry in the past is refused
by the schema (``ApiKeyCreate``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal, hash_api_key, new_api_key
from api.schemas.api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from api.services.events import emit
from api.services.rules import refuse_all
from domain.errors import Violation
from domain.identity_rules import expiry_violation
from persistence.repositories.base import Keyset
from persistence.repositories.identity import ApiKeyRepository
from persistence.tables import ApiKeyRow
from persistence.types import utcnow


def _unique(values: list[str] | None) -> list[str] | None:
    return list(dict.fromkeys(values)) if values is not None else None


async def create_key(
    session: AsyncSession, principal: Principal, body: ApiKeyCreate, *, secret_key: bytes
) -> ApiKeyCreated:
    """Issue a key; its secret is in this answer only."""
    repo = ApiKeyRepository(session)
    problems = [
        Violation(
            code="api_key.unknown_key_result",
            message=f"key result {kr_id} does not exist",
            field="key_result_ids",
        )
        for kr_id in await repo.missing_key_results(body.key_result_ids or [])
    ]
    if expired := expiry_violation(body.expires_at, utcnow()):
        problems.append(expired)
    refuse_all(problems, code="api_key.invalid")
    secret, prefix = new_api_key()
    row = await repo.add(
        ApiKeyRow(
            name=body.name,
            prefix=prefix,
            secret_hash=hash_api_key(secret, secret_key),
            scopes=list(dict.fromkeys(body.scopes)),
            key_result_ids=_unique(body.key_result_ids),
            metric_keys=_unique(body.metric_keys),
            created_by_id=principal.author_id,
            expires_at=body.expires_at,
        )
    )
    public = ApiKeyPublic.model_validate(row)
    await emit(session, "api_key.created", "api_key", public, entity_id=row.id)
    return ApiKeyCreated.model_validate({**public.model_dump(), "secret": secret})


async def list_keys(
    session: AsyncSession, *, revoked: bool | None, limit: int, after: Keyset | None
) -> tuple[list[ApiKeyPublic], Keyset | None]:
    """Keys without secrets, in creation order, and the keyset after the last one."""
    rows, next_keyset = await ApiKeyRepository(session).list_by_revocation(
        revoked, limit=limit, after=after
    )
    return [ApiKeyPublic.model_validate(r) for r in rows], next_keyset


async def get_key(session: AsyncSession, key_id: str) -> ApiKeyPublic:
    """One key without its secret."""
    return ApiKeyPublic.model_validate(await ApiKeyRepository(session).get(key_id))


async def revoke_key(session: AsyncSession, key_id: str) -> None:
    """Revoke a key: it stops working at once; the row stays for the audit trail."""
    repo = ApiKeyRepository(session)
    row = await repo.get(key_id)
    if row.revoked_at is None:
        await repo.update(row, {"revoked_at": utcnow()})
        await emit(
            session,
            "api_key.revoked",
            "api_key",
            ApiKeyPublic.model_validate(row),
            entity_id=row.id,
        )
