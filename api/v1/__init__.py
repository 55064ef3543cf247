"""The /v1 routers, one module per resource; ``resource_router`` gives each the shared setup."""

from __future__ import annotations

from fastapi import APIRouter

from api.errors import PROBLEM_RESPONSES
from api.routing import JSONRoute


def resource_router(tag: str) -> APIRouter:
    """A router under ``/v1`` that parses JSON exactly and declares the problem answers."""
    return APIRouter(
        prefix="/v1", tags=[tag], route_class=JSONRoute, responses=dict(PROBLEM_RESPONSES)
    )
