"""Liveness and readiness probes (no authentication)."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.problems import Problem, problem_response
from persistence.db import ping

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])

READY_TIMEOUT_SECONDS = 2.0
"""How long the readiness probe waits for the database before it answers 503."""


class HealthStatus(BaseModel):
    """Answer of the health probes."""

    status: str


@router.get("/healthz", name="healthz")
async def healthz() -> HealthStatus:
    """Liveness: the process answers."""
    return HealthStatus(status="ok")


@router.get(
    "/readyz",
    name="readyz",
    response_model=HealthStatus,
    responses={
        200: {"description": 'The database answers (`{"status": "ready"}`).'},
        503: {
            "model": Problem,
            "description": "The database is unreachable or too slow (`service.unavailable`).",
        },
    },
)
async def readyz(request: Request) -> HealthStatus | Response:
    """Readiness: the database answers `SELECT 1` within two seconds."""
    engine: AsyncEngine = request.app.state.engine
    try:
        await asyncio.wait_for(ping(engine), timeout=READY_TIMEOUT_SECONDS)
    except (TimeoutError, OSError, DBAPIError) as exc:
        logger.warning("not ready: the database does not answer: %r", exc)
        return problem_response(
            503,
            "service.unavailable",
            "the database is unreachable or busy; retry later",
            headers={"Retry-After": "1"},
        )
    return HealthStatus(status="ready")
