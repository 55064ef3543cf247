"""Liveness and readiness probes (no authentication)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class HealthStatus(BaseModel):
    """Answer of the health probes."""

    status: str


@router.get("/healthz", name="healthz")
async def healthz() -> HealthStatus:
    """Liveness: the process answers."""
    return HealthStatus(status="ok")
