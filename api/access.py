"""The central scope gate of every /v1 operation, and the check-in rate limit.

``domain.access.required_scopes(method, path)`` maps an operation (its HTTP method and path
template) to the scopes of which a service key needs one; ``admin`` satisfies every rule::

    GET of OKR data (objectives, KRs, check-ins, cycles, reports, people...)   okrs:read
    POST/PUT/PATCH/DELETE of OKR data                                          okrs:write
    POST of check-ins (single and batch)                               metrics:write | okrs:write
    writes to org-units and people                                             org:write
    writes to cycles; policy, api-keys, audit-events, webhooks, tokens         admin

``scope_gate`` is a dependency of every router made by ``api.v1.resource_router``: it
authenticates the caller (401), refuses a service key without the scope (403 naming it) and
counts check-in requests per caller in the database (429 with ``Retry-After``). Persons pass the
scope gate; their roles and the object-level rules are checked by the resource services.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncEngine

from api.auth import Principal
from api.errors import ApiError
from domain.access import ScopeRule, has_scope, required_scopes
from domain.errors import PermissionDenied
from persistence.limits import count_hit
from persistence.types import utcnow

CHECKIN_BUCKET = "check-ins"
RATE_WINDOW = timedelta(minutes=1)


def check_scope(principal: Principal, rule: ScopeRule) -> None:
    """Refuse a service without a scope of the rule (403 ``permission.scope_required``)."""
    if not has_scope(principal.viewer, rule):
        raise PermissionDenied(
            f"this operation needs the scope {rule.label}",
            code="permission.scope_required",
            field="scope",
        )


def _window_start(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


async def hit(engine: AsyncEngine, *, bucket: str, principal: str, now: datetime) -> int:
    """Count one request in the caller's current window; returns the count so far.

    Runs in its own short transaction (an atomic upsert, ``persistence.limits``), so refused or
    failed requests count too and no row lock is held while the request works. Old windows of
    the caller are dropped.
    """
    return await count_hit(
        engine, bucket=bucket, principal=principal, window_start=_window_start(now)
    )


async def enforce_rate_limit(
    engine: AsyncEngine, principal: Principal, *, limit: int, bucket: str = CHECKIN_BUCKET
) -> None:
    """429 ``rate_limit.exceeded`` with ``Retry-After`` when the caller used up the window."""
    if limit <= 0:
        return
    now = utcnow()
    count = await hit(engine, bucket=bucket, principal=principal.key, now=now)
    if count > limit:
        retry = _window_start(now) + RATE_WINDOW - now
        raise ApiError(
            429,
            "rate_limit.exceeded",
            f"at most {limit} check-in requests a minute; retry later",
            headers={"Retry-After": str(max(1, math.ceil(retry.total_seconds())))},
        )


async def gate(request: Request, principal: Principal) -> None:
    """Apply the scope rule of the matched operation, then the check-in rate limit."""
    route = request.scope.get("route")
    path = getattr(route, "path_format", None) or request.url.path
    rule = required_scopes(request.method, path)
    check_scope(principal, rule)
    request.state.scope_checked = True
    if rule.rate_limited:
        await enforce_rate_limit(
            request.app.state.counter_engine,
            principal,
            limit=request.app.state.settings.checkin_rate_limit,
        )
