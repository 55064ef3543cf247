"""``Idempotency-Key`` for creating POSTs, stored in the database with the write it protects.

A route takes ``IdempotencyDep`` and wraps its service call::

    return await idempotency.run(lambda: service.create_cycle(...))

The first request claims ``(caller, key)`` in ``idempotency_records`` and stores its answer in the
same transaction as the write. A replay with the same body gets the stored status and body back; the
same key with another body (or another route) is 409 ``idempotency.key_reused``. Two requests racing
on one key: the unique constraint lets one win; the other gets 409 ``idempotency.in_progress`` and a
retry replays the winner's answer. All of it lives in the database, so it holds across processes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import PrincipalDep, SessionDep
from api.errors import IdempotentReplay
from api.routing import loads
from domain.errors import Conflict
from persistence.repositories.identity import IdempotencyRecordRepository
from persistence.tables import IdempotencyRecordRow

M = TypeVar("M", bound=BaseModel)

KeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        # Printable ASCII: what every HTTP client can send, and one rule for schema and server.
        pattern=r"^[\x20-\x7e]+$",
        description="Makes the POST safe to retry: a replay with the same body gets the first "
        "answer; the same key with another body is 409. Printable ASCII.",
    ),
]


def body_fingerprint(body: bytes) -> str:
    """SHA-256 of the body's canonical JSON (key order and spacing do not matter)."""
    try:
        canonical = json.dumps(
            loads(body), sort_keys=True, separators=(",", ":"), default=Decimal.__str__
        ).encode()
    except ValueError:
        canonical = body
    return hashlib.sha256(canonical).hexdigest()


class Idempotency:
    """The idempotency guard of one request."""

    def __init__(
        self,
        *,
        session: AsyncSession,
        principal_key: str,
        key: str | None,
        method: str,
        path: str,
        fingerprint: str,
    ) -> None:
        self.session = session
        self.principal_key = principal_key
        self.key = key
        self.method = method
        self.path = path
        self.fingerprint = fingerprint

    async def run(self, create: Callable[[], Awaitable[M]], *, status_code: int = 201) -> M:
        """Run ``create`` once per key; replays raise ``IdempotentReplay`` with the first answer."""
        if self.key is None:
            return await create()
        records = IdempotencyRecordRepository(self.session)
        stored = await records.find_key(self.principal_key, self.key)
        if stored is not None:
            if (stored.method, stored.path, stored.body_sha256) != (
                self.method,
                self.path,
                self.fingerprint,
            ):
                raise Conflict(
                    "this Idempotency-Key was used for another request",
                    code="idempotency.key_reused",
                    field="idempotency-key",
                )
            raise IdempotentReplay(stored.status_code, stored.response_body)
        record = IdempotencyRecordRow(
            principal=self.principal_key,
            key=self.key,
            method=self.method,
            path=self.path,
            body_sha256=self.fingerprint,
            status_code=status_code,
            response_body="",
        )
        if not await records.claim(record):
            raise Conflict(
                "a request with this Idempotency-Key is in progress; retry it",
                code="idempotency.in_progress",
                field="idempotency-key",
            )
        result = await create()
        await records.answer(record, result.model_dump_json())
        return result


async def get_idempotency(
    request: Request, session: SessionDep, principal: PrincipalDep, key: KeyHeader = None
) -> Idempotency:
    """The idempotency guard of a creating POST."""
    return Idempotency(
        session=session,
        principal_key=principal.key,
        key=key,
        method=request.method,
        path=request.url.path,
        fingerprint=body_fingerprint(await request.body()) if key is not None else "",
    )


IdempotencyDep = Annotated[Idempotency, Depends(get_idempotency)]
