"""Failed authentications, rate limited per client address and per credential.

At most ``OKR_AUTH_FAILURE_LIMIT`` failed attempts a minute (0: no limit) are answered with 401
from one client address, and at one credential from all addresses together (a token's or key's
prefix; every token of no standard shape, such as a weak bootstrap token, shares one count).
Past that, until the minute is over, 429 ``auth.too_many_failures`` with ``Retry-After``, also for
a valid credential sent from that address or for that credential: it is not even checked, so that
guessing on cannot tell a hit.

The counts live in the database (``rate_counters``, buckets ``auth-fail:addr`` and
``auth-fail:prefix``), shared by every process, each written in its own short transaction on the
counter engine by ``api.access.hit``, so a refused request's rollback keeps them. A success
writes nothing and runs no statement more: the credential's lookup reads the counts
(``persistence.repositories.identity``). The client address is the one the server reports
(behind a proxy: uvicorn's ``--forwarded-allow-ips`` decides which ``X-Forwarded-For`` to trust).
"""

from __future__ import annotations

import math
from datetime import datetime

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.access import RATE_WINDOW, hit
from api.auth import FailureWatch, Principal, Unauthenticated, authenticate
from api.errors import ApiError
from persistence.repositories.identity import (
    AUTH_FAIL_ADDRESS,
    AUTH_FAIL_PREFIX,
    forget_stale_failures,
)
from persistence.types import utcnow

MAX_NAME = 100
"""The longest name a rate counter holds."""


def window_start(now: datetime) -> datetime:
    """The start of the fixed one-minute window ``now`` falls in (as ``api.access`` counts)."""
    return now.replace(second=0, microsecond=0)


def client_address(request: Request) -> str | None:
    """The address of the client as the server reports it."""
    return request.client.host[:MAX_NAME] if request.client else None


def too_many_failures(now: datetime) -> ApiError:
    """429 with the seconds left in the window."""
    retry = window_start(now) + RATE_WINDOW - now
    return ApiError(
        429,
        "auth.too_many_failures",
        "too many failed authentications from this address or with this credential; retry later",
        field="authorization",
        headers={"Retry-After": str(max(1, math.ceil(retry.total_seconds())))},
    )


async def _count(engine: AsyncEngine, bucket: str, name: str, now: datetime) -> int:
    count = await hit(engine, bucket=bucket, principal=name[:MAX_NAME], now=now)
    if count == 1:  # a new window for this name: drop the bucket's old windows
        await forget_stale_failures(engine, bucket=bucket, window_start=window_start(now))
    return count


async def count_failure(
    engine: AsyncEngine, failure: Unauthenticated, *, address: str | None, limit: int, now: datetime
) -> None:
    """Count a failed attempt at its address, then at its credential; raise 429 when either is
    over the limit (the credential is not counted when the address already is)."""
    if address is not None and await _count(engine, AUTH_FAIL_ADDRESS, address, now) > limit:
        raise too_many_failures(now) from failure
    if (
        failure.credential is not None
        and await _count(engine, AUTH_FAIL_PREFIX, failure.credential, now) > limit
    ):
        raise too_many_failures(now) from failure
    if failure.blocked:
        raise too_many_failures(now) from failure


async def authenticate_request(
    request: Request, session: AsyncSession, token: str | None
) -> Principal:
    """The principal of the request's bearer credential (401, or 429 past the failure limit)."""
    state = request.app.state
    limit: int = state.settings.auth_failure_limit
    now = utcnow()
    address = client_address(request)
    watch = FailureWatch(address, limit, window_start(now)) if limit > 0 else None
    try:
        return await authenticate(
            session,
            token,
            secret_key=state.secret_key,
            oidc=getattr(state, "oidc", None),
            failures=watch,
        )
    except Unauthenticated as failure:
        if watch is None or not failure.counted:
            raise
        await count_failure(state.counter_engine, failure, address=address, limit=limit, now=now)
        raise
