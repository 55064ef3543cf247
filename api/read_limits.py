"""Expensive reads (exports, the cycle report) are limited per caller: 429 when N already run.

``OKR_EXPENSIVE_READS_PER_CALLER`` (default 2; 0 turns the limit off) is how many a caller, a
person or a service key, may have running at once. Each running read holds a lease kept in the
database (``persistence.leases``), so the limit holds across every worker process and replica;
a lease lapses ``LEASE_TTL`` after it was taken or last renewed, so one left behind by a crashed
worker cannot block its caller for long. Two ways to hold one::

    _: ExpensiveReadDep                                a read computed in the route (the
                                                       report): refused before any work, the
                                                       lease given back once the answer is
                                                       sent (after the unit of work is over)
    return LeasedStreamingResponse(body, ...)          a streamed answer (an export): the lease
                                                       is taken when sending starts, renewed
                                                       while it streams, given back when the
                                                       stream ends, fails or the client leaves

A refusal is a 429 problem ``rate_limit.concurrent_reads`` with ``Retry-After``.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated, Any

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from api.auth import Principal
from api.deps import PrincipalDep
from api.errors import ApiError
from api.problems import Problem
from persistence.leases import Lease, acquire
from persistence.types import utcnow

BUCKET = "expensive-reads"
LEASE_TTL = timedelta(minutes=5)
RETRY_AFTER_SECONDS = 5

RESPONSES: dict[int | str, dict[str, Any]] = {
    429: {
        "model": Problem,
        "description": "The caller already runs as many exports and reports as allowed "
        "(`rate_limit.concurrent_reads`, setting `OKR_EXPENSIVE_READS_PER_CALLER`).",
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "schema": {"type": "integer"},
            }
        },
    }
}
"""The refusal, for the ``responses`` of the routes that hold a lease."""


async def take(app: FastAPI, principal: Principal) -> Lease | None:
    """A lease for one expensive read of the caller (None when the limit is off), or 429."""
    limit: int = app.state.settings.expensive_reads_per_caller
    if limit <= 0:
        return None
    lease = await acquire(
        app.state.counter_engine,
        bucket=BUCKET,
        principal=principal.key,
        limit=limit,
        ttl=LEASE_TTL,
    )
    if lease is None:
        raise ApiError(
            429,
            "rate_limit.concurrent_reads",
            f"at most {limit} exports or reports may run at once per caller; "
            "retry when one has finished",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return lease


async def _give_back(lease: Lease) -> None:
    # Also when the request is being cancelled (the client left): the release must still run.
    with anyio.CancelScope(shield=True):
        await lease.release()


@asynccontextmanager
async def expensive_read(request: Request, principal: Principal) -> AsyncIterator[None]:
    """Hold a lease while the block runs (429 before it runs when the caller has none left)."""
    lease = await take(request.app, principal)
    try:
        yield
    finally:
        if lease is not None:
            await _give_back(lease)


async def _hold_for_the_request(request: Request, principal: PrincipalDep) -> AsyncIterator[None]:
    async with expensive_read(request, principal):
        yield


ExpensiveReadDep = Annotated[None, Depends(_hold_for_the_request, scope="request")]
"""A lease held from before the route runs until its answer is sent.

It is given back only after the request's unit of work has committed or rolled back: on SQLite a
write of the rate counters' pool would otherwise wait for that transaction's own lock.
"""


async def _renewing(chunks: AsyncIterable[Any], lease: Lease) -> AsyncIterator[Any]:
    """The chunks, renewing the lease once half of its time has passed."""
    async for chunk in chunks:
        yield chunk
        now = utcnow()
        if now >= lease.expires - lease.ttl / 2:
            await lease.renew(now)


class LeasedStreamingResponse(StreamingResponse):
    """A streamed answer that runs only while its caller holds an expensive-read lease.

    The lease is taken when the answer is sent (after the route and its unit of work are done),
    so a refusal is still a 429 problem, and nothing is held when the answer is never sent.
    """

    def __init__(
        self, content: AsyncIterable[Any], *, app: FastAPI, principal: Principal, **kwargs: Any
    ) -> None:
        super().__init__(content, **kwargs)
        self._app = app
        self._principal = principal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lease = await take(self._app, self._principal)
        if lease is None:
            await super().__call__(scope, receive, send)
            return
        chunks = self.body_iterator
        self.body_iterator = _renewing(chunks, lease)
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                # A stream cut short (a failure, the client gone) ends its reading session now.
                with anyio.CancelScope(shield=True):
                    for iterator in (self.body_iterator, chunks):
                        aclose = getattr(iterator, "aclose", None)
                        if aclose is not None:
                            await aclose()
            finally:
                await _give_back(lease)
