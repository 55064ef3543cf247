"""Repositories of the entities (the generic base does the work; these name table and entity)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, delete, event, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import col

from persistence.audit import AuditedSession
from persistence.repositories.base import Keyset, Repository
from persistence.tables import (
    ApiKeyRow,
    AuditEventRow,
    IdempotencyRecordRow,
    KeyResultRow,
    PersonRow,
    PersonTokenRow,
    RateCounterRow,
)


class PersonTokenRepository(Repository[PersonTokenRow]):
    """Personal access tokens."""

    model = PersonTokenRow
    entity = "token"

    async def unrevoked_of(self, person_id: str) -> list[PersonTokenRow]:
        """A person's tokens that are not revoked (expired ones included)."""
        stmt = select(PersonTokenRow).where(
            col(PersonTokenRow.person_id) == person_id,
            col(PersonTokenRow.revoked_at).is_(None),
        )
        return list((await self.session.execute(stmt)).scalars())

    async def list_of(
        self, person_id: str, *, limit: int, after: Keyset | None
    ) -> tuple[list[PersonTokenRow], Keyset | None]:
        """One page of a person's tokens in creation order, and the keyset after it."""
        return await self.list(
            filters=[col(PersonTokenRow.person_id) == person_id], limit=limit, after=after
        )

    async def revoke_named(self, name: str, at: datetime) -> None:
        """Revoke every token of this name, whoever holds it (one statement)."""
        await self.session.execute(
            update(PersonTokenRow).where(col(PersonTokenRow.name) == name).values(revoked_at=at)
        )

    async def revoke(self, rows: list[PersonTokenRow], at: datetime) -> None:
        """Revoke the tokens (flushed)."""
        for row in rows:
            row.revoked_at = at
        await self.session.flush()


AUTH_FAIL_ADDRESS = "auth-fail:addr"
"""Rate-counter bucket of failed authentications per client address."""


AUTH_FAIL_PREFIX = "auth-fail:prefix"
"""Rate-counter bucket of failed authentications per credential (its kind and prefix)."""


@dataclass(frozen=True, slots=True)
class FailureKeys:
    """Where the failed authentications of a request are counted, and the current window."""

    address: str | None
    credential: str | None
    window_start: datetime


def _failures() -> Any:
    counter = RateCounterRow
    return (
        select(func.coalesce(func.max(col(counter.count)), 0))
        .where(
            col(counter.window_start) == bindparam("window_start"),
            or_(
                and_(
                    col(counter.bucket) == AUTH_FAIL_ADDRESS,
                    col(counter.principal) == bindparam("address"),
                ),
                and_(
                    col(counter.bucket) == AUTH_FAIL_PREFIX,
                    col(counter.principal) == bindparam("credential"),
                ),
            ),
        )
        .scalar_subquery()
    )


@dataclass(frozen=True, slots=True)
class StoredToken:
    """What authentication reads of a personal access token and its person (a plain row: no
    entity is loaded, and a use writes only ``last_used_at`` when it is due)."""

    id: str
    token_hash: str
    hash_scheme: str
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None
    person_id: str
    person_active: bool
    person_role: str


_TOKENS: Any = PersonTokenRow.__table__  # type: ignore[attr-defined]
_PEOPLE: Any = PersonRow.__table__  # type: ignore[attr-defined]

_TOKEN_BY_PREFIX = (
    select(
        _TOKENS.c.id,
        _TOKENS.c.token_hash,
        _TOKENS.c.hash_scheme,
        _TOKENS.c.last_used_at,
        _TOKENS.c.revoked_at,
        _TOKENS.c.expires_at,
        _PEOPLE.c.id,
        _PEOPLE.c.active,
        _PEOPLE.c.role,
    )
    .join(_PEOPLE, _PEOPLE.c.id == _TOKENS.c.person_id)
    .where(_TOKENS.c.prefix == bindparam("prefix"))
)


@dataclass(frozen=True, slots=True)
class StoredKey:
    """What authentication reads of a service key (a plain row, like ``StoredToken``)."""

    id: str
    secret_hash: str
    scopes: list[str]
    key_result_ids: list[str] | None
    metric_keys: list[str] | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None


_KEYS: Any = ApiKeyRow.__table__  # type: ignore[attr-defined]

_KEY_BY_PREFIX = select(
    _KEYS.c.id,
    _KEYS.c.secret_hash,
    _KEYS.c.scopes,
    _KEYS.c.key_result_ids,
    _KEYS.c.metric_keys,
    _KEYS.c.last_used_at,
    _KEYS.c.revoked_at,
    _KEYS.c.expires_at,
).where(_KEYS.c.prefix == bindparam("prefix"))


_TOKEN_WITH_FAILURES = _TOKEN_BY_PREFIX.add_columns(_failures())


_KEY_WITH_FAILURES = _KEY_BY_PREFIX.add_columns(_failures())
"""Built once: every authenticated request runs one of them."""


def _params(prefix: str, failures: FailureKeys | None) -> dict[str, Any]:
    if failures is None:
        return {"prefix": prefix}
    return {
        "prefix": prefix,
        "address": failures.address,
        "credential": failures.credential,
        "window_start": failures.window_start,
    }


async def token_by_prefix(
    session: AsyncSession, prefix: str, failures: FailureKeys | None = None
) -> tuple[StoredToken, int] | None:
    """The token with this lookup prefix with its person, and the failures counted (0 unless
    ``failures`` is given); None when no token has the prefix."""
    stmt = _TOKEN_BY_PREFIX if failures is None else _TOKEN_WITH_FAILURES
    found = (await (await session.connection()).execute(stmt, _params(prefix, failures))).first()
    if found is None:
        return None
    row = tuple(found)
    return StoredToken(*row[:9]), int(row[9]) if failures is not None else 0


_TOUCH_KEY = "credential_last_used"
"""``session.info`` key: the credential use to record when the transaction commits."""


def touch_token(session: AsyncSession, token_id: str, now: datetime) -> None:
    """Record the token's use (``last_used_at``) when the transaction commits (not at once: on
    SQLite that would make the request the database's writer from its first statement on)."""
    session.sync_session.info[_TOUCH_KEY] = (PersonTokenRow, token_id, now)


def touch_key(session: AsyncSession, key_id: str, now: datetime) -> None:
    """Record the service key's use when the transaction commits (as ``touch_token``)."""
    session.sync_session.info[_TOUCH_KEY] = (ApiKeyRow, key_id, now)


def _write_touch(session: Session) -> None:
    touched = session.info.pop(_TOUCH_KEY, None)
    if touched is not None:
        table, row_id, now = touched
        session.execute(update(table).where(table.id == row_id).values(last_used_at=now))


def _forget_touch(session: Session, *_args: Any) -> None:
    session.info.pop(_TOUCH_KEY, None)


event.listen(AuditedSession, "before_commit", _write_touch)
event.listen(AuditedSession, "after_rollback", _forget_touch)


async def rekey_token(
    session: AsyncSession, token_id: str, *, prefix: str, token_hash: str, hash_scheme: str
) -> None:
    """Store a token under a new lookup prefix and hash scheme."""
    await session.execute(
        update(PersonTokenRow)
        .where(col(PersonTokenRow.id) == token_id)
        .values(prefix=prefix, token_hash=token_hash, hash_scheme=hash_scheme)
    )


async def key_by_prefix(
    session: AsyncSession, prefix: str, failures: FailureKeys | None = None
) -> tuple[StoredKey, int] | None:
    """The service key with this prefix and the failures counted; None when there is none."""
    stmt = _KEY_BY_PREFIX if failures is None else _KEY_WITH_FAILURES
    found = (await (await session.connection()).execute(stmt, _params(prefix, failures))).first()
    if found is None:
        return None
    row = tuple(found)
    return StoredKey(*row[:8]), int(row[8]) if failures is not None else 0


_FORGET_STALE = delete(RateCounterRow).where(
    col(RateCounterRow.bucket) == bindparam("bucket"),
    col(RateCounterRow.window_start) < bindparam("window_start"),
)


async def forget_stale_failures(
    engine: AsyncEngine, *, bucket: str, window_start: datetime
) -> None:
    """Drop a failure bucket's counts of windows before ``window_start``, whoever they counted
    (each guess at a new prefix or from a new address leaves a row), in its own transaction."""
    async with engine.begin() as conn:
        await conn.execute(_FORGET_STALE, {"bucket": bucket, "window_start": window_start})


class ApiKeyRepository(Repository[ApiKeyRow]):
    """Service API keys."""

    model = ApiKeyRow
    entity = "api_key"

    async def list_by_revocation(
        self, revoked: bool | None, *, limit: int, after: Keyset | None
    ) -> tuple[list[ApiKeyRow], Keyset | None]:
        """One page of keys in creation order: revoked ones, unrevoked ones, or all (None)."""
        filters: list[ColumnElement[bool]] = []
        if revoked is True:
            filters.append(col(ApiKeyRow.revoked_at).is_not(None))
        elif revoked is False:
            filters.append(col(ApiKeyRow.revoked_at).is_(None))
        return await self.list(filters=filters, limit=limit, after=after)

    async def missing_key_results(self, ids: Collection[str]) -> list[str]:
        """Those of the ids that name no key result, in the given order."""
        if not ids:
            return []
        stmt = select(col(KeyResultRow.id)).where(col(KeyResultRow.id).in_(list(ids)))
        found = set((await self.session.execute(stmt)).scalars())
        return [i for i in ids if i not in found]


class AuditEventRepository:
    """The append-only audit trail (read side; rows are written by ``persistence.audit``)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(
        self,
        *,
        entity: str | None = None,
        entity_id: str | None = None,
        principal_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        after: int = 0,
        limit: int,
    ) -> tuple[list[AuditEventRow], int | None]:
        """One page, oldest first, and the id to continue after (None on the last page)."""
        filters: list[ColumnElement[bool]] = [
            col(column) == value
            for column, value in (
                (AuditEventRow.entity, entity),
                (AuditEventRow.entity_id, entity_id),
                (AuditEventRow.principal_id, principal_id),
            )
            if value is not None
        ]
        # Built only for a given bound: SQLAlchemy refuses `>=`/`<` against None.
        if since is not None:
            filters.append(col(AuditEventRow.occurred_at) >= since)
        if until is not None:
            filters.append(col(AuditEventRow.occurred_at) < until)
        stmt = (
            select(AuditEventRow)
            .where(col(AuditEventRow.id) > after, *filters)
            .order_by(col(AuditEventRow.id))
            .limit(limit + 1)
        )
        rows = list((await self.session.execute(stmt)).scalars())
        if len(rows) <= limit:
            return rows, None
        rows = rows[:limit]
        return rows, rows[-1].id


class IdempotencyRecordRepository:
    """The first answers of creating requests, by (caller, ``Idempotency-Key``)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find_key(self, principal: str, key: str) -> IdempotencyRecordRow | None:
        """The record of the caller's key, or None."""
        stmt = select(IdempotencyRecordRow).where(
            col(IdempotencyRecordRow.principal) == principal,
            col(IdempotencyRecordRow.key) == key,
        )
        row: IdempotencyRecordRow | None = (await self.session.execute(stmt)).scalar_one_or_none()
        return row

    async def claim(self, record: IdempotencyRecordRow) -> bool:
        """Insert the record (flushed); False when a concurrent request holds the key already."""
        self.session.add(record)
        try:
            await self.session.flush()
        except IntegrityError:
            return False
        return True

    async def answer(self, record: IdempotencyRecordRow, body: str) -> None:
        """Store the answer to replay (flushed)."""
        record.response_body = body
        await self.session.flush()
